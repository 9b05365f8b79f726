"""整数の性質 (数学A): 互除法, 約数の総和, 不定方程式, べきの余り, 余りの計算, n進法.

Solvers follow the textbook method (互除法, 周期, 合同式); verifiers use a second route:
prime factorisation, brute-force search, ``pow``, concrete representatives, and the
reverse base conversion.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import gcd
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until

# --- 最大公約数・最小公倍数 (ユークリッドの互除法) ------------------------------------


def euclid_steps(a: int, b: int) -> list[dict[str, int]]:
    """The division steps ``a = b·q + r`` of the Euclidean algorithm, down to ``r = 0``."""
    steps = []
    while b:
        q, r = divmod(a, b)
        steps.append({"a": a, "b": b, "q": q, "r": r})
        a, b = b, r
    return steps


def sample_gcd(rng: Random, difficulty: int) -> dict[str, Any]:
    g_hi = [0, 15, 30, 50, 80, 99][difficulty]
    mn_hi = [0, 12, 25, 60, 120, 250][difficulty]
    min_steps = [0, 1, 2, 3, 4, 5][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        g = r.randint(2, g_hi)
        m, n = r.randint(2, mn_hi), r.randint(2, mn_hi)
        ask = "lcm" if difficulty >= 3 and r.random() < 0.35 else "gcd"
        return {"a": g * max(m, n), "b": g * min(m, n), "ask": ask, "_mn": (m, n)}

    def accept(p: dict[str, Any]) -> bool:
        m, n = p["_mn"]
        return m != n and gcd(m, n) == 1 and len(euclid_steps(p["a"], p["b"])) >= min_steps

    params = draw_until(rng, draw, accept)
    del params["_mn"]
    return params


def solve_gcd(params: Mapping[str, Any]) -> Solution:
    a, b = params["a"], params["b"]
    steps = euclid_steps(a, b)
    g = steps[-1]["b"]
    lcm = a * b // g
    value = g if params["ask"] == "gcd" else lcm
    return Solution(
        answer=sp.Integer(value),
        answer_latex=str(value),
        steps={"divisions": steps, "g": g, "lcm": lcm, "a_g": a // g, "b_g": b // g},
    )


def verify_gcd(params: Mapping[str, Any], solution: Solution) -> bool:
    fa, fb = sp.factorint(params["a"]), sp.factorint(params["b"])
    primes = set(fa) | set(fb)
    g = 1
    lcm = 1
    for p in primes:
        g *= p ** min(fa.get(p, 0), fb.get(p, 0))
        lcm *= p ** max(fa.get(p, 0), fb.get(p, 0))
    want = g if params["ask"] == "gcd" else lcm
    return int(solution.answer) == want


# --- 約数の個数・総和 ------------------------------------------------------------------

_PRIMES = (2, 3, 5, 7, 11, 13)


def factor_latex(factors: Mapping[int, int] | list[list[int]]) -> str:
    """``2^{3} \\times 3^{2} \\times 5`` from prime/exponent pairs (ascending primes)."""
    pairs = sorted(factors.items()) if isinstance(factors, Mapping) else sorted(map(tuple, factors))
    return " \\times ".join(f"{p}^{{{e}}}" if e > 1 else str(p) for p, e in pairs)


def sample_divisors(rng: Random, difficulty: int) -> dict[str, Any]:
    nprimes = [(), (2, 3), (2, 3), (3, 4), (3, 4), (4,)][difficulty]
    pool = _PRIMES[: [0, 5, 5, 6, 6, 6][difficulty]]
    max_e = [0, 4, 4, 4, 5, 5][difficulty]
    limit = [0, 2000, 8000, 20000, 60000, 200000][difficulty]

    def smooth_exponents(n: int) -> list[int] | None:
        exps = []
        for p in pool:
            e = 0
            while n % p == 0:
                n //= p
                e += 1
            if e:
                exps.append(e)
        return exps if n == 1 else None

    def draw(r: Random) -> dict[str, Any]:
        ask = r.choice(["sum", "sum", "count"])
        if difficulty <= 3:  # uniform over the admissible n in range: no bias to small exponents
            return {"n": r.randint(12, limit), "ask": ask}
        primes = sorted(r.sample(pool, r.choice(nprimes)))
        n = 1
        for p in primes:
            n *= p ** r.randint(1, max_e)
        return {"n": n, "ask": ask}

    def accept(p: dict[str, Any]) -> bool:
        exps = smooth_exponents(p["n"])
        return exps is not None and len(exps) in nprimes and max(exps) <= max_e and 12 <= p["n"] <= limit

    return draw_until(rng, draw, accept)


def solve_divisors(params: Mapping[str, Any]) -> Solution:
    n = params["n"]
    factors = sorted(sp.factorint(n).items())
    groups = []
    total = 1
    count = 1
    for p, e in factors:
        powers = [p**k for k in range(e + 1)]
        groups.append({"p": p, "e": e, "powers": powers, "sum": sum(powers)})
        total *= sum(powers)
        count *= e + 1
    value = total if params["ask"] == "sum" else count
    return Solution(
        answer=sp.Integer(value),
        answer_latex=str(value),
        steps={"factored": factor_latex(dict(factors)), "groups": groups, "total": total, "count": count},
    )


def verify_divisors(params: Mapping[str, Any], solution: Solution) -> bool:
    n = params["n"]
    divisors = []
    d = 1
    while d * d <= n:
        if n % d == 0:
            divisors.append(d)
            if d * d != n:
                divisors.append(n // d)
        d += 1
    want = sum(divisors) if params["ask"] == "sum" else len(divisors)
    return int(solution.answer) == want


# --- 不定方程式の正の整数解 -------------------------------------------------------------


def positive_solutions(a: int, b: int, c: int) -> list[tuple[int, int]]:
    """All positive integer pairs with ``a x + b y = c`` (brute force over ``x``)."""
    return [(x, (c - a * x) // b) for x in range(1, c // a + 1) if (c - a * x) > 0 and (c - a * x) % b == 0]


def sample_diophantine(rng: Random, difficulty: int) -> dict[str, Any]:
    ab_hi = [0, 5, 7, 9, 12, 17][difficulty]
    c_hi = [0, 40, 80, 150, 250, 400][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a, b = r.randint(2, ab_hi), r.randint(2, ab_hi)
        ask = "count" if difficulty >= 3 and r.random() < 0.35 else "all"
        return {"a": a, "b": b, "c": r.randint(a + b, c_hi), "ask": ask}

    def accept(p: dict[str, Any]) -> bool:
        a, b, c = p["a"], p["b"], p["c"]
        if a == b or gcd(a, b) != 1:
            return False
        count = len(positive_solutions(a, b, c))
        return 1 <= count <= (5 if p["ask"] == "all" else 30) and (p["ask"] == "all" or count >= 2)

    return draw_until(rng, draw, accept)


def solve_diophantine(params: Mapping[str, Any]) -> Solution:
    a, b, c = params["a"], params["b"], params["c"]
    # the smallest positive x with b | (c - a x) gives a particular solution (x0, y0)
    x0 = c * pow(a, -1, b) % b or b
    y0 = (c - a * x0) // b
    # x = b k + x0 > 0  ⇔  k > -x0/b ;  y = y0 - a k > 0  ⇔  k < y0/a
    k_lo = (-x0) // b + 1
    k_hi = -((-y0) // a) - 1
    ks = list(range(k_lo, k_hi + 1))
    pairs = [(b * k + x0, y0 - a * k) for k in ks]
    if params["ask"] == "all":
        if len(pairs) == 1:
            answer: Any = sp.Tuple(*pairs[0])
        else:
            answer = sp.FiniteSet(*[sp.Tuple(x, y) for x, y in pairs])
        latex = "(x, y) = " + ", ".join(f"({x}, {y})" for x, y in pairs)
    else:
        answer = sp.Integer(len(pairs))
        latex = str(len(pairs))
    return Solution(
        answer=answer,
        answer_latex=latex,
        steps={
            "x0": x0, "y0": y0,
            "x_gen": join_terms([f"{b}k", str(x0)]),
            "y_gen": join_terms([f"{-a}k", str(y0)]),
            "k_lo_frac": num(Fraction(-x0, b)), "k_hi_frac": num(Fraction(y0, a)),
            "k_lo": k_lo, "k_hi": k_hi, "ks": ks, "pairs": [list(p) for p in pairs],
            "count": len(pairs),
        },
    )


def verify_diophantine(params: Mapping[str, Any], solution: Solution) -> bool:
    brute = positive_solutions(params["a"], params["b"], params["c"])
    if params["ask"] == "count":
        return int(solution.answer) == len(brute)
    got = [tuple(int(v) for v in pair) for pair in solution.steps["pairs"]]
    ans = solution.answer
    listed = [tuple(ans)] if isinstance(ans, sp.Tuple) else sorted(tuple(int(v) for v in t) for t in ans)
    return got == brute and sorted(listed) == brute


# --- べきの余り ---------------------------------------------------------------------


def power_cycle(a: int, m: int) -> tuple[list[int], int, int]:
    """Residues ``a^1, a^2, ...`` mod ``m`` until the first repeat: (residues, start, period).

    ``a^(start + period) ≡ a^start`` with ``start ≥ 1``; the list holds ``a^1 .. a^(start+period-1)``.
    """
    seen: dict[int, int] = {}
    residues: list[int] = []
    k, value = 1, a % m
    while value not in seen:
        seen[value] = k
        residues.append(value)
        k += 1
        value = value * a % m
    start = seen[value]
    return residues, start, k - start


def sample_power_mod(rng: Random, difficulty: int) -> dict[str, Any]:
    mods = [[3, 5, 7], [5, 7, 9, 10, 11], [7, 9, 10, 11, 13], [9, 11, 12, 13, 17], [13, 17, 19, 23, 10]][difficulty - 1]
    n_hi = [0, 40, 100, 300, 2000, 10000][difficulty]
    a_hi = [0, 6, 9, 15, 30, 60][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        m = r.choice(mods)
        return {"a": r.randint(2, a_hi), "n": r.randint(n_hi // 4 + 5, n_hi), "m": m}

    def accept(p: dict[str, Any]) -> bool:
        a, m, n = p["a"], p["m"], p["n"]
        if a % m in (0, 1) or (m != 10 and gcd(a, m) != 1):
            return False
        residues, start, period = power_cycle(a, m)
        return 2 <= period <= 18 and n >= start + period and len(residues) <= 20

    return draw_until(rng, draw, accept)


def solve_power_mod(params: Mapping[str, Any]) -> Solution:
    a, n, m = params["a"], params["n"], params["m"]
    residues, start, period = power_cycle(a, m)
    k = start + (n - start) % period
    value = residues[k - 1]
    q, r = divmod(n - start, period)
    return Solution(
        answer=sp.Integer(value),
        answer_latex=str(value),
        steps={
            "a_mod": a % m, "residues": residues, "start": start, "period": period,
            "q": q, "r": r, "k": k, "value": value, "pure": start == 1 and residues[period - 1] == 1,
            "nq": n // period, "nr": n % period,
        },
    )


def verify_power_mod(params: Mapping[str, Any], solution: Solution) -> bool:
    return int(solution.answer) == pow(params["a"], params["n"], params["m"])


# --- 余りの計算 (合同式) --------------------------------------------------------------

_EXPRS: tuple[tuple[tuple[int, int, int], ...], ...] = (
    ((1, 1, 0), (1, 0, 1)),               # a + b
    ((1, 1, 1),),                         # ab
    ((1, 2, 0), (1, 0, 1)),               # a^2 + b
    ((2, 1, 0), (3, 0, 1)),               # 2a + 3b
    ((1, 2, 0), (1, 0, 2)),               # a^2 + b^2
    ((1, 1, 0), (-1, 0, 1)),              # a - b
    ((1, 2, 0), (-1, 0, 2)),              # a^2 - b^2
    ((1, 2, 1), (1, 0, 1)),               # a^2 b + b
    ((1, 3, 0), (2, 0, 2)),               # a^3 + 2b^2
    ((1, 2, 0), (2, 1, 1), (1, 0, 2)),    # a^2 + 2ab + b^2
    ((1, 3, 0), (-1, 1, 1), (3, 0, 1)),   # a^3 - ab + 3b
    ((1, 4, 0), (1, 0, 3)),               # a^4 + b^3
    ((2, 3, 0), (1, 1, 2), (-4, 0, 1)),   # 2a^3 + ab^2 - 4b
)


def _monomial(coef: int, ea: int, eb: int, a: str = "a", b: str = "b") -> str:
    body = ""
    if ea:
        body += a if ea == 1 else f"{a}^{ea}"
    if eb:
        body += b if eb == 1 else f"{b}^{eb}"
    if not body:
        return str(coef)
    return body if coef == 1 else f"-{body}" if coef == -1 else f"{coef}{body}"


def _residue_term(coef: int, ea: int, eb: int, ra: int, rb: int) -> str:
    parts = ([] if abs(coef) == 1 else [str(abs(coef))])
    if ea:
        parts.append(f"{ra}^{ea}" if ea > 1 else str(ra))
    if eb:
        parts.append(f"{rb}^{eb}" if eb > 1 else str(rb))
    return ("-" if coef < 0 else "") + " \\cdot ".join(parts)


def sample_remainder(rng: Random, difficulty: int) -> dict[str, Any]:
    pool = [(0, 5), (0, 7), (2, 9), (4, 11), (7, 12)][difficulty - 1]
    mods = [[3, 4, 5, 6, 7, 8, 9], [5, 6, 7, 8, 9, 10], [6, 7, 8, 9], [7, 9, 11], [9, 11, 12, 13]][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        m = r.choice(mods)
        return {"m": m, "ra": r.randint(1, m - 1), "rb": r.randint(1, m - 1), "expr": r.randint(*pool)}

    return draw_until(rng, draw, lambda p: p["ra"] != p["rb"] or difficulty == 1)


def solve_remainder(params: Mapping[str, Any]) -> Solution:
    m, ra, rb = params["m"], params["ra"], params["rb"]
    terms = _EXPRS[params["expr"]]
    value = sum(c * ra**ea * rb**eb for c, ea, eb in terms)
    rem = value % m
    return Solution(
        answer=sp.Integer(rem),
        answer_latex=str(rem),
        steps={
            "expr": join_terms(_monomial(*t) for t in terms),
            "subst": join_terms(_residue_term(*t, ra, rb) for t in terms),
            "value": value, "rem": rem, "q": (value - rem) // m,
        },
    )


def verify_remainder(params: Mapping[str, Any], solution: Solution) -> bool:
    m = params["m"]
    terms = _EXPRS[params["expr"]]
    for qa, qb in ((0, 0), (3, 5), (-4, 7), (11, -2)):
        a, b = m * qa + params["ra"], m * qb + params["rb"]
        if sum(c * a**ea * b**eb for c, ea, eb in terms) % m != int(solution.answer):
            return False
    return True


# --- n進法 ------------------------------------------------------------------------

_DIGITS = "0123456789"


def to_base(value: int, base: int) -> str:
    """Digits of a positive integer in ``base`` (2-9)."""
    digits = []
    while value:
        value, rem = divmod(value, base)
        digits.append(_DIGITS[rem])
    return "".join(reversed(digits)) or "0"


def sample_base(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["to_dec"], ["to_dec", "from_dec"], ["to_dec", "from_dec"], ["from_dec", "between"],
             ["between", "fraction", "from_dec"]][difficulty - 1]
    hi = [0, 120, 300, 1500, 5000, 20000][difficulty]
    bases = [2, 3, 4, 5] if difficulty <= 2 else [2, 3, 4, 5, 6, 7, 8, 9]

    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(kinds)
        base = r.choice(bases)
        value = r.randint(max(hi // 8, base + 1), hi)
        params: dict[str, Any] = {"kind": kind, "base": base}
        if kind == "to_dec":
            params["digits"] = to_base(value, base)
        elif kind == "from_dec":
            params["value"] = value
        elif kind == "between":
            params["digits"] = to_base(value, base)
            params["target"] = r.choice([b for b in bases if b != base])
        else:
            places = r.randint(1, 3)
            params["digits"] = to_base(value % (base**3) + base**places, base)
            params["places"] = places
        return params

    def accept(p: dict[str, Any]) -> bool:
        if p["kind"] == "fraction":
            return not p["digits"].endswith("0") and len(p["digits"]) > p["places"]
        return True

    return draw_until(rng, draw, accept)


def _place_terms(digits: str, base: int, places: int = 0) -> list[dict[str, Any]]:
    terms = []
    for i, d in enumerate(digits):
        k = len(digits) - 1 - i - places
        if d != "0":
            terms.append({"d": int(d), "k": k, "val": Fraction(int(d)) * Fraction(base) ** k})
    return terms


def _power_latex(base: int, k: int) -> str:
    if k < 0:
        return f"\\frac{{1}}{{{base}}}" if k == -1 else f"\\frac{{1}}{{{base}^{{{-k}}}}}"
    return str(base) if k == 1 else f"{base}^{{{k}}}"


def _digits_latex(digits: str, base: int, places: int = 0) -> str:
    body = digits if not places else f"{digits[:-places]}.{digits[-places:]}"
    return f"{body}_{{({base})}}"


def solve_base(params: Mapping[str, Any]) -> Solution:
    kind, base = params["kind"], params["base"]
    steps: dict[str, Any] = {}
    if kind in ("to_dec", "between", "fraction"):
        places = params.get("places", 0)
        digits = params["digits"]
        terms = _place_terms(digits, base, places)
        decimal = sum((t["val"] for t in terms), Fraction(0))
        steps["source"] = _digits_latex(digits, base, places)
        steps["terms"] = [
            {"d": t["d"], "pow": _power_latex(base, t["k"]), "val": num(t["val"])}
            for t in terms
        ]
        steps["decimal"] = num(decimal)
    if kind == "from_dec":
        decimal = Fraction(params["value"])
    if kind in ("to_dec", "fraction"):
        steps["places"] = params.get("places", 0)
        return Solution(answer=sp.Rational(decimal.numerator, decimal.denominator), answer_latex=num(decimal), steps=steps)
    target = base if kind == "from_dec" else params["target"]
    value = int(decimal)
    divisions = []
    q = value
    while q:
        nq, r = divmod(q, target)
        divisions.append({"q": q, "nq": nq, "r": r})
        q = nq
    digits = to_base(value, target)
    steps.update({"divisions": divisions, "result": digits, "target": target, "value": value})
    return Solution(answer=sp.Integer(int(digits)), answer_latex=f"{digits}_{{({target})}}", steps=steps)


def verify_base(params: Mapping[str, Any], solution: Solution) -> bool:
    kind, base = params["kind"], params["base"]
    if kind in ("to_dec", "fraction"):
        places = params.get("places", 0)
        whole = int(params["digits"], base)  # Python's own parser, then shift the point
        return sp.Rational(whole, base**places) == solution.answer
    digits = solution.answer_latex.split("_")[0]
    target = base if kind == "from_dec" else params["target"]
    if not digits.isdigit() or sp.Integer(int(digits)) != solution.answer or any(int(d) >= target for d in digits):
        return False
    back = 0
    for d in digits:  # Horner's rule
        back = back * target + int(d)
    want = params["value"] if kind == "from_dec" else int(params["digits"], base)
    return back == want


# --- the unit ---------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="matha.integer_properties",
    name="整数の性質",
    course="数学A",
    description="互除法, 約数, 不定方程式, 合同式による余り, n進法.",
    types=(
        ProblemType(
            id="gcd_euclid", name="最大公約数・最小公倍数（互除法）",
            sample=sample_gcd, solve=solve_gcd, verify=verify_gcd,
            problem_templates=_phrasings("gcd"), solution_template="gcd_solution.j2",
            knobs="numbers up to ~20000, more division steps (1 → 5+), 最小公倍数 from difficulty 3",
        ),
        ProblemType(
            id="divisor_sum", name="約数の個数と総和",
            sample=sample_divisors, solve=solve_divisors, verify=verify_divisors,
            problem_templates=_phrasings("divisors"), solution_template="divisors_solution.j2",
            knobs="2 → 4 prime factors, larger primes and exponents (n up to 200000)",
        ),
        ProblemType(
            id="diophantine_positive", name="不定方程式（正の整数解）",
            sample=sample_diophantine, solve=solve_diophantine, verify=verify_diophantine,
            problem_templates=_phrasings("diophantine"), solution_template="diophantine_solution.j2",
            knobs="coefficients up to 17, right side up to 400, count of solutions asked from difficulty 3",
        ),
        ProblemType(
            id="power_mod", name="べきの余り",
            sample=sample_power_mod, solve=solve_power_mod, verify=verify_power_mod,
            problem_templates=_phrasings("power_mod"), solution_template="power_mod_solution.j2",
            knobs="larger moduli (3 → 23) and periods, exponents up to 10000, base larger than the modulus",
        ),
        ProblemType(
            id="remainder_arith", name="余りの計算（合同式）",
            sample=sample_remainder, solve=solve_remainder, verify=verify_remainder,
            problem_templates=_phrasings("remainder"), solution_template="remainder_solution.j2",
            knobs="a + b, ab → a^2 + b^2 → three-term cubic/quartic expressions; moduli 3 → 13",
        ),
        ProblemType(
            id="base_n", name="n進法",
            sample=sample_base, solve=solve_base, verify=verify_base,
            problem_templates=_phrasings("base"), solution_template="base_solution.j2",
            knobs="n進→10進 → 10進→n進 → n進→m進, n進小数; values up to 20000",
        ),
    ),
)
