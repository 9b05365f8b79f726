"""正の数・負の数／文字と式 (中1): 四則混合, 素因数分解, 1次式の計算, 式の値."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import gcd, lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.jhs1 import _arith
from mathft_units.jhs1 import _texeval as texeval
from mathft_units.jhs1._fmt import fr, lin, pq, ptex, rat

# --- 四則混合 ---------------------------------------------------------------------------


def _int_factor(rng: Random, hi: int, allow_neg: bool) -> dict[str, Any]:
    v = rng.randint(1, hi) * (rng.choice((1, -1)) if allow_neg else 1)
    return {"k": "n", "v": [v, 1]}


def _frac_factor(rng: Random, allow_neg: bool) -> dict[str, Any]:
    q = rng.randint(2, 6)
    p = rng.choice([k for k in range(1, 2 * q) if gcd(k, q) == 1])
    v = Fraction(p, q) * (rng.choice((1, -1)) if allow_neg else 1)
    return {"k": "n", "v": pq(v)}


def _pow_factor(rng: Random, difficulty: int, negative_base: bool) -> dict[str, Any]:
    if difficulty >= 5 and rng.random() < 0.5:
        b = Fraction(1, rng.randint(2, 3)) * (-1 if negative_base else 1)
        return {"k": "p", "b": pq(b), "e": rng.randint(2, 3)}
    base = rng.randint(2, 5)
    e = rng.randint(2, 4 if base == 2 else 3)
    return {"k": "p", "b": [-base if negative_base else base, 1], "e": e}


def _divisor_of(rng: Random, running: Fraction, hi: int) -> int | None:
    if running.denominator != 1:
        return None
    choices = [k for k in range(2, hi + 1) if running.numerator % k == 0]
    return rng.choice(choices) if choices else None


def _term(rng: Random, difficulty: int, first_term: bool, n_factors: int, want_pow: bool) -> dict[str, Any]:
    sign = rng.choice((1, -1))
    hi = {1: 20, 2: 12, 3: 9, 4: 8, 5: 6}[difficulty]
    fractions = difficulty >= 4
    if want_pow:
        trap = first_term and sign == -1
        f0 = _pow_factor(rng, difficulty, negative_base=not trap and rng.random() < 0.6)
    elif difficulty >= 5 and rng.random() < 0.4:
        a = rng.randint(1, 9)
        b = rng.randint(-12, -1) if rng.random() < 0.7 else rng.randint(1, 9)
        if a + b == 0:
            b -= 1
        f0 = {"k": "g", "a": [a, 1], "b": [b, 1]}
    elif fractions and rng.random() < 0.5:
        f0 = _frac_factor(rng, allow_neg=not first_term)
    else:
        f0 = _int_factor(rng, hi, allow_neg=not first_term)
    factors, ops = [f0], []
    running = _arith.factor_value(f0)
    for _ in range(n_factors - 1):
        op = rng.choice(("*", "/"))
        neg = rng.random() < 0.5
        if op == "/" and not fractions:
            d = _divisor_of(rng, running, hi)
            if d is None:
                op, f = "*", _int_factor(rng, min(hi, 6), allow_neg=True)
            else:
                f = {"k": "n", "v": [-d if neg else d, 1]}
        elif fractions and rng.random() < 0.6:
            f = _frac_factor(rng, allow_neg=True)
        else:
            f = _int_factor(rng, min(hi, 9), allow_neg=True)
        factors.append(f)
        ops.append(op)
        running = running * _arith.factor_value(f) if op == "*" else running / _arith.factor_value(f)
    return {"s": sign, "f": factors, "ops": ops}


def sample_mixed(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            terms = [_term(r, 1, i == 0, 1, False) for i in range(r.randint(3, 4))]
            lead = terms[r.randint(1, len(terms) - 1)]["f"][0]
            lead["v"][0] = -abs(lead["v"][0])
        else:
            n_terms = r.randint(2, 3)
            pow_at = r.randrange(n_terms) if difficulty >= 3 else -1
            terms = [
                _term(r, difficulty, i == 0, r.randint(1, 2) if difficulty < 5 else r.randint(1, 3), i == pow_at)
                for i in range(n_terms)
            ]
            if difficulty >= 2 and all(len(t["f"]) == 1 for t in terms):
                terms[-1] = _term(r, difficulty, n_terms == 1, 2, False)
        return {"terms": terms}

    def accept(params: dict[str, Any]) -> bool:
        value = _arith.expr_value(params["terms"])
        if difficulty <= 3:
            return value.denominator == 1 and abs(value) <= 150
        return value.denominator <= 36 and abs(value) <= 60

    return draw_until(rng, draw, accept)


def solve_mixed(params: Mapping[str, Any]) -> Solution:
    terms = params["terms"]
    value = _arith.expr_value(terms)
    expr = _arith.expr_tex(terms)
    has_pow = any(f["k"] in ("p", "g") for t in terms for f in t["f"])
    stage1 = _arith.stage1_tex(terms) if has_pow else ""
    stage2 = _arith.stage2_tex(terms)
    muldiv = any(t["ops"] for t in terms)
    return Solution(
        answer=rat(value),
        answer_latex=num(value),
        steps={
            "expr": expr,
            "notes": _arith.trap_notes(terms),
            "stage1": stage1,
            "has_group": any(f["k"] == "g" for t in terms for f in t["f"]),
            "stage2": stage2 if (muldiv or has_pow) and stage2 != num(value) else "",
            "last": stage2 if stage2 != num(value) else "",
            "n_terms": len(terms),
        },
    )


def verify_mixed(params: Mapping[str, Any], solution: Solution) -> bool:
    """Re-read the stated LaTeX with a separate exact evaluator and compare."""
    return rat(texeval.evaluate(solution.steps["expr"])) == solution.answer


# --- 素因数分解 -------------------------------------------------------------------------

_PRIME_POOLS = {1: (2, 3, 5, 7, 11, 13), 2: (2, 3, 5, 7, 11, 13, 17, 19), 3: (2, 3, 5, 7, 11, 13, 17, 19, 23),
                4: (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31), 5: (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43)}
_LIMITS = {1: (12, 1000), 2: (60, 3000), 3: (300, 10000), 4: (1000, 50000), 5: (5000, 300000)}


def _smooth(r: Random, pool: tuple[int, ...], lo: int, hi: int) -> int:
    def draw(rr: Random) -> dict[str, Any]:
        n = 1
        for p in rr.sample(pool, rr.randint(2, min(4, len(pool)))):
            n *= p ** rr.randint(1, 4 if p == 2 else 3 if p <= 5 else 2)
        return {"n": n}

    return draw_until(r, draw, lambda p: lo <= p["n"] <= hi and len(sp.factorint(p["n"])) >= 2, max_tries=5000)["n"]


def sample_prime(rng: Random, difficulty: int) -> dict[str, Any]:
    """Either one number, or (product form) two numbers whose product is to be factorized."""
    lo, hi = _LIMITS[difficulty]
    pool = _PRIME_POOLS[difficulty]
    if rng.random() < 0.4:
        top = {1: 40, 2: 60, 3: 100, 4: 200, 5: 500}[difficulty]
        a = _smooth(rng, pool, 6, top)
        b = _smooth(rng, pool, 6, top)
        return {"n": a * b, "product": [a, b]}
    return {"n": _smooth(rng, pool, lo, hi), "product": []}


def solve_prime(params: Mapping[str, Any]) -> Solution:
    n = params["n"]
    fac = sp.factorint(n)
    parts = [f"{p}^{e}" if e > 1 else str(p) for p, e in sorted(fac.items())]
    ladder = []
    cur = n
    for p in sorted(fac):
        while cur % p == 0:
            ladder.append({"n": cur, "p": p, "q": cur // p})
            cur //= p
    pieces = []
    for m in params["product"]:
        f = sp.factorint(m)
        pieces.append({"m": m, "tex": " \\times ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in sorted(f.items()))})
    return Solution(
        answer=sp.Integer(n),
        answer_latex=" \\times ".join(parts),
        steps={"ladder": ladder, "factors": [[int(p), int(e)] for p, e in sorted(fac.items())], "pieces": pieces,
               "shown": " \\times ".join(str(m) for m in params["product"]) if params["product"] else str(n)},
    )


def _is_prime(k: int) -> bool:
    return k >= 2 and all(k % d for d in range(2, int(k**0.5) + 1))


def verify_prime(params: Mapping[str, Any], solution: Solution) -> bool:
    """Read the factors back from the answer text; trial division checks each is prime."""
    product, bases = 1, []
    for part in solution.answer_latex.split(" \\times "):
        base, _, exp = part.partition("^")
        b, e = int(base), int(exp or 1)
        if not _is_prime(b) or e < 1:
            return False
        bases.append(b)
        product *= b**e
    expected = params["n"]
    for m in params["product"]:
        expected //= m
    return product == params["n"] and bases == sorted(set(bases)) and (not params["product"] or expected == 1)


# --- 1次式の計算 ------------------------------------------------------------------------


def _part(rng: Random, difficulty: int, m: int, k: Fraction) -> dict[str, Any]:
    a = rng.randint(1, 9) * rng.choice((1, -1)) if difficulty >= 3 else rng.randint(1, 6) * rng.choice((1, -1))
    b = rng.randint(1, 9) * rng.choice((1, -1))
    if k.denominator != 1:
        a, b = a * k.denominator, b * k.denominator
        if abs(a) > 12:
            a = k.denominator * (1 if a > 0 else -1)
    return {"k": pq(k), "a": a, "b": b, "m": m}


def sample_linear(rng: Random, difficulty: int) -> dict[str, Any]:
    var = rng.choice(("x", "a", "y"))

    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            parts = [_part(r, 1, 1, Fraction(r.randint(2, 5) * (1 if i == 0 else r.choice((1, -1))))) for i in range(2)]
        elif difficulty == 2:
            ks = [Fraction(1, r.choice((2, 3, 4))) * r.choice((1, 2, 3)), Fraction(r.randint(1, 6)) * r.choice((1, -1))]
            r.shuffle(ks)
            ks[0] = abs(ks[0])
            parts = [_part(r, 2, 1, k) for k in ks]
        else:
            count = 3 if difficulty == 5 else 2
            dens = (2, 3, 4, 5, 6) if difficulty == 3 else (2, 3, 4, 5, 6, 8, 9, 10, 12)
            ms = r.sample(dens, count)
            parts = [_part(r, difficulty, m, Fraction(1 if i == 0 else r.choice((1, -1)))) for i, m in enumerate(ms)]
            if difficulty >= 4 and r.random() < 0.4:
                parts[0]["k"] = [r.randint(2, 3), 1]
        return {"var": var, "parts": parts}

    return draw_until(rng, draw, _linear_ok)


def _linear_coeffs(parts: list[dict[str, Any]]) -> tuple[int, Fraction, Fraction, list[Fraction]]:
    big = lcm(*[p["m"] for p in parts])
    mults = [fr(p["k"]) * Fraction(big, p["m"]) for p in parts]
    a = sum((mu * p["a"] for mu, p in zip(mults, parts, strict=True)), Fraction(0))
    b = sum((mu * p["b"] for mu, p in zip(mults, parts, strict=True)), Fraction(0))
    return big, a, b, mults


def _linear_ok(params: dict[str, Any]) -> bool:
    parts = params["parts"]
    big, a, b, _ = _linear_coeffs(parts)
    if a == 0 or b == 0:
        return False
    if any(p["m"] > 1 and gcd(gcd(p["a"], p["b"]), p["m"]) > 1 for p in parts):
        return False
    if big > 1:
        g = gcd(gcd(int(a), int(b)), big)
        return a > 0 and big // g > 1
    return a.denominator == 1 and b.denominator == 1


def _part_tex(part: Mapping[str, Any], var: str, first: bool) -> str:
    k = fr(part["k"])
    body = lin([(part["a"], var), (part["b"], "")])
    if part["m"] > 1:
        frac = f"\\frac{{{body}}}{{{part['m']}}}"
        inner = frac if abs(k) == 1 else f"{num(abs(k))} \\times {frac}"
    else:
        inner = f"{num(abs(k)) if abs(k) != 1 else ''}({body})"
    if first:
        return inner if k > 0 else f"-{inner}"
    return f"{'+' if k > 0 else '-'} {inner}"


def _signed_bracket(mu: Fraction, body: str, first: bool) -> str:
    core = f"({body})" if abs(mu) == 1 else f"{num(abs(mu))}({body})"
    if first:
        return core if mu > 0 else f"-{core}"
    return f"{'+' if mu > 0 else '-'} {core}"


def solve_linear(params: Mapping[str, Any]) -> Solution:
    var, parts = params["var"], params["parts"]
    big, a, b, mults = _linear_coeffs(parts)
    expr = " ".join(_part_tex(p, var, i == 0) for i, p in enumerate(parts))
    pieces = []
    for mu, p in zip(mults, parts, strict=True):
        pieces += [coef_term(mu * p["a"], var), num(mu * p["b"])]
    expanded = join_terms(pieces)
    x = sp.Symbol(var)
    if big > 1:
        g = gcd(gcd(int(a), int(b)), big)
        num_tex = lin([(a, var), (b, "")])
        bracket = " ".join(
            _signed_bracket(mu, lin([(p["a"], var), (p["b"], "")]), i == 0)
            for i, (mu, p) in enumerate(zip(mults, parts, strict=True))
        )
        den = big // g
        ans = f"\\frac{{{lin([(a / g, var), (b / g, '')])}}}{{{den}}}"
        value = (rat(a / g) * x + rat(b / g)) / den
        steps = {"expr": expr, "fraction": True, "lcd": big, "combined": bracket, "expanded": expanded,
                 "collected": f"\\frac{{{num_tex}}}{{{big}}}", "reduced": g > 1, "g": g}
    else:
        ans = lin([(a, var), (b, "")])
        value = rat(a) * x + rat(b)
        steps = {"expr": expr, "fraction": False, "expanded": expanded}
    return Solution(answer=value, answer_latex=ans, steps=steps)


def verify_linear(params: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate each part at sample points and compare with the answer there."""
    x = sp.Symbol(params["var"])
    for t in (-3, 0, 2, 7):
        direct = sum((fr(p["k"]) * Fraction(p["a"] * t + p["b"], p["m"]) for p in params["parts"]), Fraction(0))
        if solution.answer.subs(x, t) != rat(direct):
            return False
    return True


# --- 式の値 ------------------------------------------------------------------------------


def sample_value(rng: Random, difficulty: int) -> dict[str, Any]:
    two_vars = difficulty in (3, 5)
    names = ["x", "y"] if two_vars else [rng.choice(("a", "x"))]

    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 4:
            q = r.choice((2, 3, 4))
            values = [pq(Fraction(r.choice([k for k in range(1, q * 2) if gcd(k, q) == 1]), q) * r.choice((1, -1)))]
        else:
            hi = {1: 5, 2: 6, 3: 6, 5: 5}[difficulty]
            values = [[r.randint(1, hi) * r.choice((-1, 1)), 1] for _ in names]
            values[0][0] = -abs(values[0][0])
        max_deg = 1 if difficulty in (1, 3) else 2
        monos: list[dict[str, Any]] = []
        if len(names) == 1:
            exps = [[2], [1], [0]] if max_deg == 2 else [[1], [0]]
        else:
            exps = [[2, 0], [1, 1], [0, 2], [1, 0], [0, 1]] if max_deg == 2 else [[1, 0], [0, 1], [0, 0]]
        chosen = sorted(r.sample(exps, min(len(exps), 2 if difficulty <= 2 else 3)), key=lambda e: (-sum(e), [-v for v in e]))
        for e in chosen:
            c = r.randint(1, 6 if difficulty >= 3 else 5) * r.choice((1, -1))
            if difficulty == 4 and sum(e) > 0:
                c *= fr(values[0]).denominator ** (sum(e) - 1)
            monos.append({"c": c, "e": e})
        if (len(names) == 2 and not any(m["e"][0] for m in monos)) or (len(names) == 2 and not any(m["e"][1] for m in monos)):
            monos.append({"c": r.choice((2, -3)), "e": [1, 0] if not any(m["e"][0] for m in monos) else [0, 1]})
        return {"names": names, "values": values, "monos": monos}

    def accept(p: dict[str, Any]) -> bool:
        return all(sum(m["e"]) > 0 for m in p["monos"][:1]) and abs(_value_of(p)) <= 300

    return draw_until(rng, draw, accept)


def _value_of(params: Mapping[str, Any]) -> Fraction:
    vals = [fr(v) for v in params["values"]]
    total = Fraction(0)
    for m in params["monos"]:
        term = Fraction(m["c"])
        for v, e in zip(vals, m["e"], strict=True):
            term *= v**e
        total += term
    return total


def _mono_tex(c: int, body: str) -> str:
    return coef_term(c, body)


def _body(names: list[str], e: list[int]) -> str:
    return "".join(n if k == 1 else f"{n}^{k}" for n, k in zip(names, e, strict=True) if k)


def _power(base: str, k: int) -> str:
    """``base^k``; a fraction base is parenthesised (``(\\frac{5}{4})^2``, never ``\\frac{5}{4}^2``)."""
    if k == 1:
        return base
    if base.startswith("\\frac"):
        base = f"({base})"
    return f"{base}^{k}"


def solve_value(params: Mapping[str, Any]) -> Solution:
    names, monos = params["names"], params["monos"]
    vals = [fr(v) for v in params["values"]]
    expr = join_terms(_mono_tex(m["c"], _body(names, m["e"])) for m in monos)
    subs_parts, term_vals = [], []
    for m in monos:
        factors = [_power(ptex(v), k) for v, k in zip(vals, m["e"], strict=True) if k]
        c = m["c"]
        if not factors:
            subs_parts.append(num(c))
        else:
            lead = [] if abs(c) == 1 else [num(abs(c))]
            body = " \\times ".join(lead + factors)
            subs_parts.append(body if c > 0 else f"-{body}")
        tv = Fraction(c)
        for v, k in zip(vals, m["e"], strict=True):
            tv *= v**k
        term_vals.append(tv)
    value = sum(term_vals, Fraction(0))
    substituted = join_terms(subs_parts)
    terms_tex = join_terms(num(t) for t in term_vals) if any(term_vals) else "0"
    return Solution(
        answer=rat(value),
        answer_latex=num(value),
        steps={
            "expr": expr,
            "assign": ", ".join(f"{n} = {num(v)}" for n, v in zip(names, vals, strict=True)),
            "substituted": substituted,
            "terms": terms_tex if terms_tex != num(value) else "",
        },
    )


def verify_value(params: Mapping[str, Any], solution: Solution) -> bool:
    """Re-read the stated expression with a separate exact evaluator at the given values."""
    env = {n: fr(v) for n, v in zip(params["names"], params["values"], strict=True)}
    return rat(texeval.evaluate(solution.steps["expr"], env)) == solution.answer


UNIT = Unit(
    id="jhs1.signed_numbers_literal",
    name="正の数・負の数／文字と式",
    course="中1",
    description="四則混合 (累乗の符号), 素因数分解, 1次式の計算 (分数形), 式の値",
    types=(
        ProblemType(
            id="mixed_arithmetic",
            name="四則混合",
            sample=sample_mixed,
            solve=solve_mixed,
            verify=verify_mixed,
            problem_templates=("mixed_1.j2", "mixed_2.j2", "mixed_3.j2"),
            solution_template="mixed_solution.j2",
            answer_form="soft",
            knobs="1: 加減のみ; 2: 乗除; 3: 累乗 (-a^2 と (-a)^2); 4: 分数; 5: かっこ・分数の累乗・3因数",
        ),
        ProblemType(
            id="prime_factorization",
            name="素因数分解",
            sample=sample_prime,
            solve=solve_prime,
            verify=verify_prime,
            problem_templates=("prime_1.j2", "prime_2.j2", "prime_3.j2", "prime_4.j2", "prime_5.j2"),
            solution_template="prime_solution.j2",
            answer_form="strict",
            knobs="n の大きさ (600 → 300000)，素因数の種類 (13 → 43 まで)，2数の積の形",
        ),
        ProblemType(
            id="linear_expression",
            name="1次式の計算",
            sample=sample_linear,
            solve=solve_linear,
            verify=verify_linear,
            problem_templates=("linear_1.j2", "linear_2.j2", "linear_3.j2"),
            solution_template="linear_solution.j2",
            answer_form="strict",
            knobs="1: 整数×かっこ; 2: 分数×かっこ; 3: 分数形2項; 4: 大きい分母・係数つき; 5: 分数形3項",
        ),
        ProblemType(
            id="expression_value",
            name="式の値",
            sample=sample_value,
            solve=solve_value,
            verify=verify_value,
            problem_templates=("value_1.j2", "value_2.j2", "value_3.j2"),
            solution_template="value_solution.j2",
            answer_form="soft",
            knobs="1: 1文字1次; 2: 2次 (負の数の2乗); 3: 2文字; 4: 分数の値; 5: 2文字2次",
        ),
    ),
)
