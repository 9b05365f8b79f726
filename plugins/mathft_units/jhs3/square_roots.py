"""平方根 (中3): 根号を含む式の計算, 分母の有理化を含む計算, 根号が自然数になる条件.

Every expression lives in Q(√r) for one square-free r, so the solver adds exact pairs
(rational, rational·√r) with :mod:`mathft_units.jhs3._surd`; the verifiers recompute the
given expression in floating point from the radicands (and brute-force the 自然数条件).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz
from mathft_units.jhs3._surd import (
    is_square,
    radical,
    split_square,
    surd_tex,
    surd_value,
)

SQUARE_FREE = (2, 3, 5, 6, 7, 10, 11, 13, 14, 15)


def _sqrt_tex(n: int) -> str:
    return f"\\sqrt{{{n}}}"


def _coef_sqrt(c: int, n: int) -> str:
    """``c\\sqrt{n}`` as written in a problem (radicand not simplified)."""
    return ("" if c == 1 else "-" if c == -1 else str(c)) + _sqrt_tex(n)


# --- 根号を含む式の計算 ---------------------------------------------------------------------


def sample_radicals(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        root = r.choice(SQUARE_FREE[: 4 + difficulty])
        kmax = 3 + difficulty
        count = 2 if difficulty == 1 else 3
        parts: list[dict[str, Any]] = []
        for _ in range(count):
            c = _nz(r, -3, 3) if difficulty >= 3 else r.choice((1, 1, -1, 2, -2))
            parts.append({"t": "rad", "c": c, "n": r.randint(1, kmax) ** 2 * root})
        if difficulty >= 3:
            a = r.randint(1, 3)
            b = r.randint(1, 4)
            m = r.choice([d for d in SQUARE_FREE if d != root][:4])
            # sqrt(a^2 m root) x sqrt(b^2 m) = a b m sqrt(root)
            kind = r.choice(("mul", "div"))
            if kind == "mul":
                parts[-1] = {"t": "mul", "s": r.choice((1, -1)), "n1": a * a * m * root, "n2": b * b * m}
            else:
                parts[-1] = {"t": "div", "s": r.choice((1, -1)), "n1": a * a * b * b * m * root, "n2": b * b * m}
        if difficulty == 5:
            p = _nz(r, -4, 4)
            parts.insert(0, r.choice(({"t": "sq", "p": p}, {"t": "pq", "p": p, "q": _nz(r, -4, 4)})))
        return {"r": root, "parts": parts}

    def ok(p: dict[str, Any]) -> bool:
        a, b = _radicals_total(p)
        return (a, b) != (0, 0) and not (b == 0 and p["parts"][0]["t"] == "rad")

    return draw_until(rng, draw, ok)


def _part_value(part: Mapping[str, Any], r: int) -> tuple[Fraction, Fraction]:
    t = part["t"]
    if t == "rad":
        k, rr = split_square(part["n"])
        return Fraction(0), Fraction(part["c"] * k) if rr == r else Fraction(0)
    if t == "mul":
        k, _ = split_square(part["n1"] * part["n2"])
        return Fraction(0), Fraction(part["s"] * k)
    if t == "div":
        k, _ = split_square(part["n1"] // part["n2"])
        return Fraction(0), Fraction(part["s"] * k)
    if t == "sq":
        p = part["p"]
        return Fraction(r + p * p), Fraction(2 * p)
    p, q = part["p"], part["q"]
    return Fraction(r + p * q), Fraction(p + q)


def _radicals_total(params: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    a, b = Fraction(0), Fraction(0)
    for part in params["parts"]:
        pa, pb = _part_value(part, params["r"])
        a, b = a + pa, b + pb
    return a, b


def _part_tex(part: Mapping[str, Any], r: int) -> str:
    t = part["t"]
    if t == "rad":
        return _coef_sqrt(part["c"], part["n"])
    if t in ("mul", "div"):
        op = "\\times" if t == "mul" else "\\div"
        return ("-" if part["s"] < 0 else "") + f"{_sqrt_tex(part['n1'])} {op} {_sqrt_tex(part['n2'])}"
    if t == "sq":
        return f"({_sqrt_tex(r)} {'+' if part['p'] > 0 else '-'} {abs(part['p'])})^2"
    return (f"({_sqrt_tex(r)} {'+' if part['p'] > 0 else '-'} {abs(part['p'])})"
            f"({_sqrt_tex(r)} {'+' if part['q'] > 0 else '-'} {abs(part['q'])})")


def _part_step(part: Mapping[str, Any], r: int) -> str:
    """One simplification line ``\\sqrt{48} = 4\\sqrt{3}`` computed from the part."""
    a, b = _part_value(part, r)
    result = surd_tex(a, b, r)
    t = part["t"]
    if t == "rad":
        k, _ = split_square(part["n"])
        if k == 1:
            return ""
        c = part["c"]
        cs = "" if c == 1 else "-" if c == -1 else str(c)
        return f"{_coef_sqrt(c, part['n'])} = {cs}\\sqrt{{{k}^2 \\times {r}}} = {result}"
    if t == "mul":
        return f"{_part_tex(part, r)} = {'-' if part['s'] < 0 else ''}{_sqrt_tex(part['n1'] * part['n2'])} = {result}"
    if t == "div":
        sign = "-" if part["s"] < 0 else ""
        return _chain(_part_tex(part, r), f"{sign}\\sqrt{{\\frac{{{part['n1']}}}{{{part['n2']}}}}}",
                      f"{sign}{_sqrt_tex(part['n1'] // part['n2'])}", result)
    if t == "sq":
        p = part["p"]
        return f"{_part_tex(part, r)} = {r} {'+' if p > 0 else '-'} {radical(abs(2 * p), r)} + {p * p} = {result}"
    p, q = part["p"], part["q"]
    expanded = join_terms([str(r), coef_term(p + q, f"\\sqrt{{{r}}}"), str(p * q)])
    return _chain(_part_tex(part, r), expanded, result)


def _chain(*sides: str) -> str:
    """``a = b = c`` without a step that repeats the side before it (no ``\\sqrt{6} = \\sqrt{6}``)."""
    kept = [side for i, side in enumerate(sides) if i == 0 or side != sides[i - 1]]
    return " = ".join(kept)


def solve_radicals(params: Mapping[str, Any]) -> Solution:
    r = params["r"]
    a, b = _radicals_total(params)
    expr = join_terms(_part_tex(p, r) for p in params["parts"])
    simplified = join_terms(surd_tex(*_part_value(p, r), r) for p in params["parts"])
    return Solution(
        answer=surd_value(a, b, r),
        answer_latex=surd_tex(a, b, r),
        steps={"expr": expr, "lines": [x for x in (_part_step(p, r) for p in params["parts"]) if x],
               "simplified": simplified},
    )


def _part_float(part: Mapping[str, Any], r: int) -> float:
    t = part["t"]
    if t == "rad":
        return part["c"] * math.sqrt(part["n"])
    if t == "mul":
        return part["s"] * math.sqrt(part["n1"]) * math.sqrt(part["n2"])
    if t == "div":
        return part["s"] * math.sqrt(part["n1"]) / math.sqrt(part["n2"])
    if t == "sq":
        return (math.sqrt(r) + part["p"]) ** 2
    return (math.sqrt(r) + part["p"]) * (math.sqrt(r) + part["q"])


def verify_radicals(params: Mapping[str, Any], solution: Solution) -> bool:
    direct = sum(_part_float(p, params["r"]) for p in params["parts"])
    return abs(float(solution.answer) - direct) < 1e-9 * max(1.0, abs(direct))


# --- 分母の有理化 -----------------------------------------------------------------------------


def sample_rationalize(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        root = r.choice(SQUARE_FREE[: 4 + difficulty])
        parts: list[dict[str, Any]] = []
        k = 1 if difficulty <= 2 else r.randint(1, 2)
        m = 1 if difficulty <= 3 else r.randint(1, 3)
        if difficulty == 1:
            a = root * r.randint(1, 4)
        elif difficulty == 2:
            a = root * k * r.randint(1, 3) * r.choice((1, 2))
        else:
            a = r.randint(1, 12)
        parts.append({"t": "inv", "a": a * r.choice((1, 1, -1)), "m": m, "n": k * k * root})
        parts.append({"t": "rad", "c": _nz(r, -3, 3), "n": r.randint(1, 5) ** 2 * root})
        if difficulty == 5:
            p = _nz(r, -4, 4)
            while p * p == root:
                p = _nz(r, -4, 4)
            parts[0] = {"t": "conj", "c": abs(root - p * p) * r.randint(1, 3) * r.choice((1, 1, 2)), "p": p}
            if r.random() < 0.5:
                parts[1] = {"t": "inv", "a": root * r.randint(1, 3), "m": 1, "n": root}
        elif difficulty >= 3 and r.random() < 0.5:
            parts.append({"t": "inv", "a": r.randint(1, 9), "m": 1, "n": root})
        r.shuffle(parts)
        return {"r": root, "parts": parts}

    def ok(p: dict[str, Any]) -> bool:
        _, b = _rat_total(p)
        return b != 0 and any(q["t"] in ("inv", "conj") for q in p["parts"])

    return draw_until(rng, draw, ok)


def _rat_value(part: Mapping[str, Any], r: int) -> tuple[Fraction, Fraction]:
    t = part["t"]
    if t == "rad":
        k, _ = split_square(part["n"])
        return Fraction(0), Fraction(part["c"] * k)
    if t == "inv":
        k, _ = split_square(part["n"])
        return Fraction(0), Fraction(part["a"], part["m"] * k * r)
    c, p = part["c"], part["p"]
    den = r - p * p
    return Fraction(-c * p, den), Fraction(c, den)


def _rat_total(params: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    a, b = Fraction(0), Fraction(0)
    for part in params["parts"]:
        pa, pb = _rat_value(part, params["r"])
        a, b = a + pa, b + pb
    return a, b


def _rat_tex(part: Mapping[str, Any], r: int) -> str:
    t = part["t"]
    if t == "rad":
        return _coef_sqrt(part["c"], part["n"])
    if t == "inv":
        sign = "-" if part["a"] < 0 else ""
        den = ("" if part["m"] == 1 else str(part["m"])) + _sqrt_tex(part["n"])
        return f"{sign}\\frac{{{abs(part['a'])}}}{{{den}}}"
    p = part["p"]
    return f"\\frac{{{part['c']}}}{{{_sqrt_tex(r)} {'+' if p > 0 else '-'} {abs(p)}}}"


def _rat_step(part: Mapping[str, Any], r: int) -> str:
    a, b = _rat_value(part, r)
    result = surd_tex(a, b, r)
    t = part["t"]
    if t == "rad":
        k, _ = split_square(part["n"])
        return f"{_rat_tex(part, r)} = {result}" if k > 1 else ""
    if t == "inv":
        n, m, num_ = part["n"], part["m"], abs(part["a"])
        sign = "-" if part["a"] < 0 else ""
        mcoef = "" if m == 1 else str(m)
        mid = f"{sign}\\frac{{{num_}{_sqrt_tex(n)}}}{{{m * n}}}"
        return (f"{_rat_tex(part, r)} = {sign}\\frac{{{num_} \\times {_sqrt_tex(n)}}}{{{mcoef}{_sqrt_tex(n)} \\times {_sqrt_tex(n)}}}"
                f" = {mid}" + ("" if mid == result else f" = {result}"))
    c, p = part["c"], part["p"]
    conj = f"{_sqrt_tex(r)} {'-' if p > 0 else '+'} {abs(p)}"
    orig = f"{_sqrt_tex(r)} {'+' if p > 0 else '-'} {abs(p)}"
    return (f"{_rat_tex(part, r)} = \\frac{{{c}({conj})}}{{({orig})({conj})}} = \\frac{{{c}({conj})}}{{{r} - {p * p}}}"
            f" = {result}")


def solve_rationalize(params: Mapping[str, Any]) -> Solution:
    r = params["r"]
    a, b = _rat_total(params)
    return Solution(
        answer=surd_value(a, b, r),
        answer_latex=surd_tex(a, b, r),
        steps={
            "expr": join_terms(_rat_tex(p, r) for p in params["parts"]),
            "lines": [line for line in (_rat_step(p, r) for p in params["parts"]) if line],
            "simplified": join_terms(surd_tex(*_rat_value(p, r), r) for p in params["parts"]),
        },
    )


def verify_rationalize(params: Mapping[str, Any], solution: Solution) -> bool:
    r = params["r"]
    direct = 0.0
    for part in params["parts"]:
        t = part["t"]
        if t == "rad":
            direct += part["c"] * math.sqrt(part["n"])
        elif t == "inv":
            direct += part["a"] / (part["m"] * math.sqrt(part["n"]))
        else:
            direct += part["c"] / (math.sqrt(r) + part["p"])
    # the answer must also be rationalised: no radical left in a denominator
    return abs(float(solution.answer) - direct) < 1e-9 * max(1.0, abs(direct)) and "}{\\sqrt" not in solution.answer_latex


# --- 根号が自然数になる条件 ------------------------------------------------------------------


def _factor_tex(n: int) -> str:
    return " \\times ".join(f"{p}^{{{e}}}" if e > 1 else str(p)
                            for p, e in sorted(sp.factorint(n).items()))


def sample_natural(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 2:
        kind = rng.choice(("mul", "div"))
    elif difficulty == 3:
        kind = rng.choice(("div", "count_div", "mul"))
    elif difficulty == 4:
        kind = rng.choice(("sub", "count_div", "range"))
    else:
        kind = rng.choice(("sub", "range"))
    if kind in ("mul", "div", "count_div"):
        s = rng.choice([v for v in range(2, 20 + 12 * difficulty) if split_square(v)[0] == 1])
        k = rng.randint(2, (10, 12, 14, 16, 18)[difficulty - 1])
        return {"kind": kind, "N": s * k * k}
    if kind == "sub":
        return {"kind": kind, "a": rng.randint(10, 60 * difficulty)}
    lo = rng.randint(1, 3 + 2 * difficulty)
    hi = lo + rng.randint(1, 2 + difficulty)
    return {"kind": kind, "lo": lo, "hi": hi, "lo_strict": rng.random() < 0.5, "hi_strict": rng.random() < 0.5}


def solve_natural(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind in ("mul", "div", "count_div"):
        n_val = p["N"]
        k, s = split_square(n_val)
        odd = [q for q, e in sorted(sp.factorint(n_val).items()) if e % 2]
        steps.update(fact=_factor_tex(n_val), odd=", ".join(map(str, odd)), odd_prod=" \\times ".join(map(str, odd)),
                     many=len(odd) > 1, s=s, k=k)
        if kind == "count_div":
            divs = sp.divisors(k)
            steps.update(divs=", ".join(map(str, divs)), ns=", ".join(str(n_val // (d * d)) for d in divs),
                         k_fact=_factor_tex(k) if k > 1 else "1")
            value = len(divs)
        else:
            value = s
            steps.update(root=k * s if kind == "mul" else k)
    elif kind == "sub":
        a = p["a"]
        top = math.isqrt(a - 1)
        steps.update(top=top, top_sq=top * top, a1=a - 1, squares=", ".join(str(j * j) for j in range(min(top, 3) + 1)))
        value = top + 1
    else:
        lo, hi = p["lo"], p["hi"]
        first = lo * lo + (1 if p["lo_strict"] else 0)
        last = hi * hi - (1 if p["hi_strict"] else 0)
        steps.update(lo2=lo * lo, hi2=hi * hi, first=first, last=last,
                     lo_rel="<" if p["lo_strict"] else "\\leqq", hi_rel="<" if p["hi_strict"] else "\\leqq")
        value = last - first + 1
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_natural(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    got = int(solution.answer)
    if kind == "mul":
        first = next(n for n in range(1, p["N"] + 1) if is_square(p["N"] * n))
        return got == first
    if kind == "div":
        first = next(n for n in range(1, p["N"] + 1) if p["N"] % n == 0 and is_square(p["N"] // n))
        return got == first
    if kind == "count_div":
        return got == sum(1 for n in range(1, p["N"] + 1) if p["N"] % n == 0 and is_square(p["N"] // n))
    if kind == "sub":
        return got == sum(1 for n in range(1, p["a"] + 1) if is_square(p["a"] - n))
    lo, hi = p["lo"], p["hi"]
    count = 0
    for n in range(1, hi * hi + 2):
        above = n > lo * lo if p["lo_strict"] else n >= lo * lo
        below = n < hi * hi if p["hi_strict"] else n <= hi * hi
        count += above and below
    return got == count


UNIT = Unit(
    id="jhs3.square_roots",
    name="平方根",
    course="中3",
    types=(
        ProblemType(
            id="radical_arithmetic", name="根号を含む式の計算", sample=sample_radicals, solve=solve_radicals,
            verify=verify_radicals, problem_templates=("radicals_1.j2", "radicals_2.j2", "radicals_3.j2"),
            solution_template="radicals_solution.j2",
            knobs="two terms -> three terms -> products/quotients of radicals -> larger radicands -> squares of binomials",
        ),
        ProblemType(
            id="rationalize", name="有理化を含む計算", sample=sample_rationalize, solve=solve_rationalize,
            verify=verify_rationalize, problem_templates=("rationalize_1.j2", "rationalize_2.j2", "rationalize_3.j2"),
            solution_template="rationalize_solution.j2",
            knobs="a/sqrt(r) with integer result -> a/(k sqrt(r)) -> fractional results -> m sqrt(n) denominators -> conjugates",
        ),
        ProblemType(
            id="natural_condition", name="根号が自然数となる条件", sample=sample_natural, solve=solve_natural,
            verify=verify_natural, problem_templates=("natural_1.j2", "natural_2.j2", "natural_3.j2"),
            solution_template="natural_solution.j2",
            knobs="sqrt(Nn) minimal n -> sqrt(N/n) -> counting n -> sqrt(a-n) integer counts -> ranges a < sqrt(n) <= b",
        ),
    ),
)
