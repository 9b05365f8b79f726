"""関数 y = ax^2 (中3): 変化の割合, 変域 (≦/< の双子問題), 放物線と直線でできる三角形の面積.

Exact rational arithmetic with :class:`fractions.Fraction`. Verifiers use a second route:
the difference quotient from the definition, a dense scan of the domain plus solving
``ax^2 = bound`` for the 変域, and the shoelace formula on numerically found
intersections for the area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, interval_text, num, paren, poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz

Y = sp.Symbol("y")
FRACTIONS = ((1, 2), (1, 3), (1, 4), (2, 3), (3, 2), (3, 4), (1, 5), (2, 5))


def _coef(rng: Random, difficulty: int, *, negative: bool = True) -> list[int]:
    """The coefficient a as [numerator, denominator]."""
    sign = rng.choice((1, -1)) if negative else 1
    if difficulty <= 2:
        return [sign * rng.randint(1, 2 + difficulty), 1]
    n, d = rng.choice(FRACTIONS) if rng.random() < 0.7 else (rng.randint(1, 4), 1)
    return [sign * n, d]


def _a(params: Mapping[str, Any]) -> Fraction:
    return Fraction(*params["a"])


def _fx(a: Fraction) -> str:
    """``y = ax^2`` right-hand side: ``2x^2``, ``-\\frac{1}{2}x^2``."""
    return coef_term(a, "x^2")


# --- 変化の割合 -----------------------------------------------------------------------------


def sample_rate(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        lo, hi = sorted(r.sample(range(-3 - 2 * difficulty, 4 + 2 * difficulty), 2))
        kind = "rate" if difficulty <= 3 else r.choice(("find_a", "linear")) if difficulty == 4 else r.choice(("find_a", "speed", "rate"))
        a = _coef(r, difficulty, negative=kind != "speed")
        if kind == "speed":
            lo, hi = sorted(r.sample(range(0, 10), 2))
            a = [r.choice((1, 2, 3, 4, 5)), r.choice((1, 1, 2, 4))]
        params: dict[str, Any] = {"kind": kind, "a": a, "p": lo, "q": hi}
        if kind in ("find_a", "linear"):
            rate = Fraction(*a) * (lo + hi)
            params["k"] = [rate.numerator, rate.denominator]
            params["n"] = _nz(r, -9, 9)
        return params

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] in ("find_a", "linear"):
            return p["p"] + p["q"] != 0 and Fraction(*p["k"]).denominator == 1
        return p["p"] + p["q"] != 0

    return draw_until(rng, draw, ok)


def solve_rate(params: Mapping[str, Any]) -> Solution:
    p, q = params["p"], params["q"]
    a = _a(params)
    kind = params["kind"]
    steps: dict[str, Any] = {"kind": kind, "fx": _fx(a), "dx": q - p}
    if kind in ("rate", "speed"):
        yp, yq = a * p * p, a * q * q
        rate = (yq - yp) / (q - p)
        steps.update(yp=num(yp), yq=num(yq), dy=num(yq - yp), rate=num(rate),
                     sub_p=f"{_coef_mul(a)}{paren(p)}^2", sub_q=f"{_coef_mul(a)}{paren(q)}^2")
        return Solution(answer=sp.Rational(rate.numerator, rate.denominator), answer_latex=num(rate), steps=steps)
    k = Fraction(*params["k"])
    found = k / (p + q)
    steps.update(k=num(k), yp=coef_term(p * p, "a"), yq=coef_term(q * q, "a"), dy=coef_term(q * q - p * p, "a"),
                 expr=f"\\frac{{{coef_term(q * q - p * p, 'a')}}}{{{q - p}}} = {coef_term(p + q, 'a')}",
                 lin=poly([k, params["n"]]), found=num(found))
    return Solution(answer=sp.Rational(found.numerator, found.denominator), answer_latex=num(found), steps=steps)


def _coef_mul(a: Fraction) -> str:
    if a == 1:
        return ""
    if a == -1:
        return "-"
    return f"{num(a)} \\times "


def verify_rate(params: Mapping[str, Any], solution: Solution) -> bool:
    p, q = params["p"], params["q"]
    got = Fraction(int(solution.answer.p), int(solution.answer.q))
    if params["kind"] in ("rate", "speed"):
        a = _a(params)
        return got == (a * q**2 - a * p**2) / (q - p)
    # the found a must reproduce the given rate of change by the definition
    return (got * q**2 - got * p**2) / (q - p) == Fraction(*params["k"])


# --- 変域 -------------------------------------------------------------------------------------


def sample_range(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        a = _coef(r, difficulty if difficulty != 4 else 2)
        span = 3 + difficulty
        if difficulty == 1:
            lo = r.randint(1, span + 2)
            hi = lo + r.randint(1, 5)
            if r.random() < 0.5:
                lo, hi = -hi, -lo
            a = [r.choice((1, -1)) * r.randint(1, 4), 1]
        elif difficulty == 2:
            lo, hi = -r.randint(1, span), r.randint(1, span)
        else:
            lo, hi = sorted(r.sample(range(-span, span + 1), 2))
        strict = difficulty >= 4
        return {"a": a, "lo": lo, "hi": hi,
                "lo_strict": strict and r.random() < 0.5, "hi_strict": strict and r.random() < 0.5}

    def ok(p: dict[str, Any]) -> bool:
        has_zero_end = p["lo"] == 0 or p["hi"] == 0
        return p["lo"] < p["hi"] and not (has_zero_end and difficulty < 5)

    return draw_until(rng, draw, ok)


def _range_of(params: Mapping[str, Any]) -> dict[str, Any]:
    """Image of the domain under y = ax^2: (low, low_in, high, high_in) plus the reasons."""
    a = _a(params)
    lo, hi, los, his = params["lo"], params["hi"], params["lo_strict"], params["hi_strict"]
    zero_in = lo < 0 < hi or (lo == 0 and not los) or (hi == 0 and not his)
    far_val = max(lo * lo, hi * hi)
    far_in = (lo * lo == far_val and not los) or (hi * hi == far_val and not his)
    if zero_in:
        near_val, near_in = 0, True
    elif lo <= 0 <= hi:  # 0 is an excluded end
        near_val, near_in = 0, False
    elif lo > 0:
        near_val, near_in = lo * lo, not los
    else:
        near_val, near_in = hi * hi, not his
    small = (a * near_val, near_in)
    big = (a * far_val, far_in)
    low, high = (small, big) if a > 0 else (big, small)
    return {"low": low[0], "low_in": low[1], "high": high[0], "high_in": high[1], "zero_in": zero_in,
            "zero_touch": lo <= 0 <= hi, "far_x": [e for e in (lo, hi) if e * e == far_val]}


def solve_range(params: Mapping[str, Any]) -> Solution:
    a = _a(params)
    info = _range_of(params)
    low, high = info["low"], info["high"]
    latex = interval_text("y", num(low), not info["low_in"], num(high), not info["high_in"])
    rel_lo = sp.Le if info["low_in"] else sp.Lt
    rel_hi = sp.Le if info["high_in"] else sp.Lt
    value = sp.And(rel_lo(sp.Rational(low.numerator, low.denominator), Y),
                   rel_hi(Y, sp.Rational(high.numerator, high.denominator)))
    lo, hi = params["lo"], params["hi"]
    domain = interval_text("x", str(lo), params["lo_strict"], str(hi), params["hi_strict"])
    ends = [{"x": lo, "y": num(a * lo * lo), "inc": not params["lo_strict"]},
            {"x": hi, "y": num(a * hi * hi), "inc": not params["hi_strict"]}]
    steps = {"fx": _fx(a), "domain": domain, "ends": ends, "zero_in": info["zero_in"],
             "zero_touch": info["zero_touch"], "up": a > 0,
             "far_x": info["far_x"], "far_y": num(a * info["far_x"][0] ** 2),
             "far_in": (info["high_in"] if a > 0 else info["low_in"]),
             "near_y": num(low if a > 0 else high), "near_in": (info["low_in"] if a > 0 else info["high_in"])}
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _frac_sqrt(v: Fraction) -> Fraction | None:
    if v < 0:
        return None
    n, d = math.isqrt(v.numerator), math.isqrt(v.denominator)
    return Fraction(n, d) if n * n == v.numerator and d * d == v.denominator else None


def verify_range(params: Mapping[str, Any], solution: Solution) -> bool:
    a = _a(params)
    lo, hi, los, his = params["lo"], params["hi"], params["lo_strict"], params["hi_strict"]

    def in_domain(x: Fraction) -> bool:
        return (lo < x or (x == lo and not los)) and (x < hi or (x == hi and not his))

    low_rel, high_rel = solution.answer.args if solution.answer.args[0].rhs == Y else solution.answer.args[::-1]
    low, high = Fraction(str(low_rel.lhs)), Fraction(str(high_rel.rhs))
    # 1. every y on a grid of the domain lies in the answer
    steps = 120
    h = Fraction(hi - lo, steps)
    grid = [lo + h * i for i in range(steps + 1)]
    ys = [a * x * x for x in grid]
    strict_low, strict_high = isinstance(low_rel, sp.StrictLessThan), isinstance(high_rel, sp.StrictLessThan)
    for x, y in zip(grid, ys, strict=True):
        if not in_domain(x):
            continue
        if not (low <= y <= high) or (y == low and strict_low) or (y == high and strict_high):
            return False
    # 2. a bound is included exactly when some x in the domain reaches it (solve ax^2 = bound),
    #    and it is approached by the function (grid spacing h, |f'| <= 2|a|M)
    slack = 2 * abs(a) * max(abs(lo), abs(hi)) * h
    for bound, strict in ((low, strict_low), (high, strict_high)):
        root = _frac_sqrt(bound / a)
        reached = root is not None and (in_domain(root) or in_domain(-root))
        if reached == strict or min(abs(y - bound) for y in ys) > slack:
            return False
    return True


# --- 放物線と直線 -----------------------------------------------------------------------------


def sample_parabola_line(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            a = [r.choice((1, 2, 3, -1, -2)), 1]
        elif difficulty == 2:
            a = [r.choice((1, 2, 3, 4, -1, -2, -3)), 1] if r.random() < 0.6 else [r.choice((1, -1)), 2]
        else:
            a = list(r.choice(FRACTIONS)) if r.random() < 0.7 else [r.randint(1, 3), 1]
            if difficulty == 5 and r.random() < 0.5:
                a[0] = -a[0]
        d = a[1]
        x1 = -d * r.randint(1, 9 + difficulty)
        x2 = d * r.randint(1, 9 + difficulty)
        if difficulty == 5 and r.random() < 0.4:
            x1 = d * r.randint(1, 3)
            x2 = x1 + d * r.randint(1, 4)
        return {"a": a, "x1": x1, "x2": x2, "given": "points" if r.random() < (0.3 if difficulty < 4 else 0.6) else "line"}

    def ok(p: dict[str, Any]) -> bool:
        a = Fraction(*p["a"])
        m = a * (p["x1"] + p["x2"])
        return p["x1"] != p["x2"] and -a * p["x1"] * p["x2"] != 0 and m.denominator == 1

    return draw_until(rng, draw, ok)


def solve_parabola_line(params: Mapping[str, Any]) -> Solution:
    a = _a(params)
    x1, x2 = params["x1"], params["x2"]
    m, n = a * (x1 + x2), -a * x1 * x2
    y1, y2 = a * x1 * x1, a * x2 * x2
    area = abs(n) * abs(x2 - x1) / 2
    split = x1 < 0 < x2
    steps = {
        "fx": _fx(a), "line": poly([m, n]), "m": num(m), "mx": coef_term(m, "x") if m else "", "n": num(n),
        "x1": x1, "x2": x2, "y1": num(y1), "y2": num(y2),
        "quad": poly([c * a.denominator * (1 if a > 0 else -1) for c in (a, -m, -n)]), "split": split,
        "t1": num(abs(n) * abs(x1) / 2), "t2": num(abs(n) * abs(x2) / 2), "absn": num(abs(n)),
        "area": num(area), "slope": f"\\frac{{{num(y2)} - {paren(num(y1))}}}{{{x2} - {paren(x1)}}}",
    }
    return Solution(answer=sp.Rational(area.numerator, area.denominator), answer_latex=num(area), steps=steps)


def verify_parabola_line(params: Mapping[str, Any], solution: Solution) -> bool:
    a = float(_a(params))
    x1, x2 = params["x1"], params["x2"]
    fa = Fraction(*params["a"])
    m, n = float(fa * (x1 + x2)), float(-fa * x1 * x2)
    # intersections of ax^2 = mx + n found numerically, then the shoelace formula
    disc = m * m + 4 * a * n
    if disc <= 0:
        return False
    xs = sorted(((m - math.sqrt(disc)) / (2 * a), (m + math.sqrt(disc)) / (2 * a)))
    (ax, bx) = xs
    ay, by = a * ax * ax, a * bx * bx
    shoelace = abs(ax * by - bx * ay) / 2
    return abs(float(solution.answer) - shoelace) < 1e-7 * max(1.0, shoelace)


UNIT = Unit(
    id="jhs3.function_ax2",
    name="関数 y=ax^2",
    course="中3",
    types=(
        ProblemType(
            id="rate_of_change", name="変化の割合", sample=sample_rate, solve=solve_rate, verify=verify_rate,
            problem_templates=("rate_1.j2", "rate_2.j2", "rate_3.j2"), solution_template="rate_solution.j2",
            knobs="small integer a -> negative x -> fractional a -> find a from a rate / a line -> average speed",
        ),
        ProblemType(
            id="value_range", name="変域", sample=sample_range, solve=solve_range, verify=verify_range,
            problem_templates=("range_1.j2", "range_2.j2", "range_3.j2"), solution_template="range_solution.j2",
            knobs="domain on one side of 0 -> containing 0 -> fractional/negative a -> strict ends (twins) -> an end at 0",
        ),
        ProblemType(
            id="parabola_line_area", name="放物線と直線", sample=sample_parabola_line, solve=solve_parabola_line,
            verify=verify_parabola_line, problem_templates=("area_1.j2", "area_2.j2", "area_3.j2"),
            solution_template="area_solution.j2",
            knobs="y=x^2 -> integer a -> fractional a -> points given instead of the line -> both points on one side",
        ),
    ),
)
