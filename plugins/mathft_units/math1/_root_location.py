"""解の配置 (数学I): the range of a parameter for which a quadratic equation's roots lie where asked
(both beyond a number, opposite signs, one inside an interval, one in each of two intervals).

The solver reads the graph: discriminant, axis and the signs of ``f`` at the given numbers, and
intersects the ranges. The verifiers never use those conditions: they compute the roots
themselves for many values of the parameter (exact where they are rational) and compare the
roots' positions with membership in the answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

from mathft_core import latex
from mathft_core.units import (
    ProblemType,
    Solution,
    draw_until,
    nonzero_int,
    numbered_templates,
)
from mathft_units.math1._forms import num
from mathft_units.math1._ranges import (
    REALS,
    Region,
    contains,
    from_sympy,
    half_line,
    intersect,
    linear_region,
    linear_text,
    param_term,
    quadratic_region,
    region_latex,
    to_sympy,
)

VARS = ("m", "k", "a")
SCAN = 24
OFFSET = Fraction(1, 97)


_linear = linear_text
_term = param_term


def _bounds_ok(region: Region) -> bool:
    bounds = region
    ends = [e for lo, _, hi, _ in bounds for e in (lo, hi) if e is not None]
    return bool(bounds) and region != REALS and all(
        e.denominator <= 4 and abs(e) <= SCAN - 4 for e in ends
    ) and all(lo != hi for lo, _, hi, _ in bounds)


def _scan_points(region: Region, extra: list[Fraction]) -> list[Fraction | float]:
    """Exact boundary points plus a float grid that avoids every boundary (offset 1/97)."""
    ends = [e for lo, _, hi, _ in region for e in (lo, hi) if e is not None]
    grid = [i / 4 + float(OFFSET) for i in range(-4 * SCAN, 4 * SCAN + 1)]
    return grid + ends + extra


def _region_of_answer(solution: Solution) -> Region | None:
    try:
        return from_sympy(solution.answer)
    except (ValueError, AttributeError, TypeError):
        return None


# --- 2つの解がともに k より大きい（小さい）------------------------------------------------


def sample_same_side(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        r1 = r.randint(-6, 5)
        r2 = r1 + r.randint(1, 6)
        side = "gt" if difficulty in (1, 3) else "lt" if difficulty in (2, 4) else r.choice(["gt", "lt"])
        k = 0 if difficulty <= 2 else nonzero_int(r, -4, 4)
        return {"var": r.choice(VARS), "r1": r1, "r2": r2, "k": k, "side": side, "closed": difficulty == 5}

    def ok(params: dict[str, Any]) -> bool:
        region = _same_side_region(params)[0]
        return _bounds_ok(region) and region != _axis_region(params)

    return draw_until(rng, draw, ok)


def _same_side_coeffs(params: Mapping[str, Any]) -> tuple[int, int]:
    """``f(x) = x^2 - 2mx + (b1·m + b0)`` with ``D/4 = (m - r1)(m - r2)``."""
    return params["r1"] + params["r2"], -params["r1"] * params["r2"]


def _axis_region(params: Mapping[str, Any]) -> Region:
    return half_line(Fraction(params["k"]), above=params["side"] == "gt", strict=not params["closed"])


def _same_side_region(params: Mapping[str, Any]) -> tuple[Region, dict[str, Any]]:
    b1, b0 = _same_side_coeffs(params)
    k, closed = Fraction(params["k"]), params["closed"]
    disc = quadratic_region(Fraction(params["r1"]), Fraction(params["r2"]), outside=True, strict=not closed)
    axis = _axis_region(params)
    fk_slope, fk_const = b1 - 2 * k, k * k + b0
    fk, boundary = linear_region(fk_slope, fk_const, ">=" if closed else ">")
    region = intersect(intersect(disc, axis), fk)
    steps = {"fk_slope": num(fk_slope), "fk": _linear(fk_slope, fk_const, params["var"]),
             "fk_boundary": None if boundary is None else num(boundary),
             "fk_set": "" if boundary is None else region_latex(params["var"], fk),
             "fk_always": boundary is None}
    return region, steps


def solve_same_side(params: Mapping[str, Any]) -> Solution:
    var, k, closed = params["var"], params["k"], params["closed"]
    b1, b0 = _same_side_coeffs(params)
    region, steps = _same_side_region(params)
    r1, r2 = Fraction(params["r1"]), Fraction(params["r2"])
    steps.update({
        "f": latex.join_terms(["x^2", f"-2{var}x", latex.coef_term(b1, var), num(b0)]),
        "d4": latex.poly([1, -b1, -b0], var), "c": _linear(b1, b0, var),
        "d4_factored": f"({var} {latex.signed(num(-r1))})({var} {latex.signed(num(-r2))})" if r1 and r2 else
        (f"{var}({var} {latex.signed(num(-r2))})" if r1 == 0 else f"{var}({var} {latex.signed(num(-r1))})"),
        "d_set": region_latex(var, quadratic_region(r1, r2, outside=True, strict=not closed)),
        "axis_set": region_latex(var, _axis_region(params)),
        "k": num(k), "region": region_latex(var, region),
        "gt": ">" if not closed else "\\geqq", "side_word": "大きい" if params["side"] == "gt" else "小さい",
    })
    return Solution(answer=to_sympy(region), answer_latex=steps["region"], steps=steps)


def _same_side_truth(params: Mapping[str, Any], m: Fraction | float) -> bool:
    """Both roots of x^2 - 2mx + c beyond k, read off the root formula m ± √(m^2 - c)."""
    b1, b0 = _same_side_coeffs(params)
    c = b1 * m + b0
    d = m * m - c
    k = Fraction(params["k"])
    gap = m - k if params["side"] == "gt" else k - m  # the nearer root is at gap - √d from k
    if params["closed"]:
        return d >= 0 and gap >= 0 and gap * gap >= d
    return d > 0 and gap > 0 and gap * gap > d


def verify_same_side(params: Mapping[str, Any], solution: Solution) -> bool:
    bounds = _region_of_answer(solution)
    if bounds is None:
        return False
    extra = [Fraction(params[key]) for key in ("r1", "r2", "k")]
    return all(contains(bounds, m) == _same_side_truth(params, m) for m in _scan_points(bounds, extra))


# --- 解の符号・区間内の解 ---------------------------------------------------------------------


def _coeff(params: Mapping[str, Any], name: str, m: Fraction | float) -> Fraction | float:
    slope, const = params[name]
    return slope * m + const


def _f_at(params: Mapping[str, Any], x: int) -> tuple[Fraction, Fraction]:
    """``f(x)`` as ``slope·m + const``."""
    (a1, a0), (b1, b0), (c1, c0) = params["A"], params["B"], params["C"]
    return Fraction(a1 * x * x + b1 * x + c1), Fraction(a0 * x * x + b0 * x + c0)


def sample_interval(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "opposite", 2: "opposite", 3: "one_in", 4: "split", 5: "split"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        lead = [0, 1] if difficulty != 2 else [1, r.randint(-3, 3)]
        if difficulty == 5:
            lead = [0, 2]
        params = {"var": r.choice(VARS), "kind": kind, "A": lead,
                  "B": [r.randint(-3, 3), r.randint(-6, 6)], "C": [nonzero_int(r, -4, 4), r.randint(-9, 9)],
                  "p": 0, "q": 0, "r": 0}
        if kind != "opposite":
            p = r.randint(-3, 1)
            params.update(p=p, q=p + r.randint(1, 3))
            params["r"] = params["q"] + r.randint(1, 3)
        return params

    def ok(params: dict[str, Any]) -> bool:
        if params["kind"] == "one_in":
            s1, _ = _f_at(params, params["p"])
            s2, _ = _f_at(params, params["q"])
            if s1 == 0 or s2 == 0:
                return False
        if params["kind"] == "split" and any(_f_at(params, params[x])[0] == 0 for x in "pqr"):
            return False
        return _bounds_ok(_interval_region(params)[0])

    return draw_until(rng, draw, ok)


def _interval_region(params: Mapping[str, Any]) -> tuple[Region, dict[str, Any]]:
    var, kind = params["var"], params["kind"]
    steps: dict[str, Any] = {}
    if kind == "opposite":
        c1, c0 = params["C"]
        a1, a0 = params["A"]
        steps["c"] = _linear(c1, c0, var)
        if a1 == 0:
            region, _ = linear_region(Fraction(c1), Fraction(c0), "<")
            return region, steps
        roots = sorted({Fraction(-a0, a1), Fraction(-c0, c1)})
        if len(roots) == 1:
            return [], steps
        sign = a1 * c1
        steps.update(a=_linear(a1, a0, var), roots=[num(x) for x in roots], lead_sign=sign,
                     c_zero=num(Fraction(-c0, c1)), a_zero=num(Fraction(-a0, a1)))
        # (a1 m + a0)(c1 m + c0) < 0: between the roots when a1·c1 > 0, outside otherwise
        return quadratic_region(roots[0], roots[1], outside=sign < 0), steps
    values = {x: _f_at(params, params[x]) for x in ("p", "q", "r")}
    steps["fvals"] = {x: _linear(s, c, var) for x, (s, c) in values.items()}
    if kind == "one_in":
        (s1, c1), (s2, c2) = values["p"], values["q"]
        roots = sorted({-c1 / s1, -c2 / s2})
        if len(roots) == 1:
            return [], steps
        steps["roots"] = [num(x) for x in roots]
        steps["prod_sign"] = s1 * s2
        steps["prod"] = f"({steps['fvals']['p']})({steps['fvals']['q']})"
        return quadratic_region(roots[0], roots[1], outside=s1 * s2 < 0), steps
    region = list(REALS)
    sets = {}
    for x, op in (("p", ">"), ("q", "<"), ("r", ">")):
        part, _ = linear_region(values[x][0], values[x][1], op)
        sets[x] = region_latex(var, part)
        region = intersect(region, part)
    steps["sets"] = sets
    return region, steps


def solve_interval(params: Mapping[str, Any]) -> Solution:
    var = params["var"]
    region, steps = _interval_region(params)
    f = latex.join_terms([_term(*params["A"], var, "x^2"), _term(*params["B"], var, "x"),
                          _term(*params["C"], var, "")])
    steps.update({
        "f": f,
        "p": num(params["p"]), "q": num(params["q"]), "r": num(params["r"]),
        "region": region_latex(var, region),
    })
    return Solution(answer=to_sympy(region), answer_latex=steps["region"], steps=steps)


def _roots_of(params: Mapping[str, Any], m: Fraction | float) -> list[float | Fraction] | None:
    """The real roots of the equation for this m (exact when rational), None if not quadratic."""
    a, b, c = (_coeff(params, name, m) for name in ("A", "B", "C"))
    if a == 0:
        return None
    d = b * b - 4 * a * c
    if d < 0:
        return []
    if isinstance(d, float):
        s = math.sqrt(d)
        return sorted([(-b - s) / (2 * a), (-b + s) / (2 * a)])
    rn, rd = math.isqrt(d.numerator), math.isqrt(d.denominator)
    if rn * rn == d.numerator and rd * rd == d.denominator:
        root = Fraction(rn, rd)
        return sorted({(-b - root) / (2 * a), (-b + root) / (2 * a)})
    s = math.sqrt(float(d))
    return sorted([(-float(b) - s) / (2 * float(a)), (-float(b) + s) / (2 * float(a))])


def _interval_truth(params: Mapping[str, Any], m: Fraction | float) -> bool:
    roots = _roots_of(params, m)
    if roots is None or len(roots) < 2:
        return False
    lo, hi = roots
    p, q, r = params["p"], params["q"], params["r"]
    if params["kind"] == "opposite":
        return lo < 0 < hi
    if params["kind"] == "one_in":
        inside = [x for x in roots if p < x < q]
        outside = [x for x in roots if x < p or x > q]
        return len(inside) == 1 and len(outside) == 1
    return p < lo < q < hi < r


def verify_interval(params: Mapping[str, Any], solution: Solution) -> bool:
    bounds = _region_of_answer(solution)
    if bounds is None:
        return False
    return all(contains(bounds, m) == _interval_truth(params, m) for m in _scan_points(bounds, []))


#: the problem types of this topic (collected into a unit by the public module)
TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        id="same_side", name="2つの解がともに k より大きい条件", sample=sample_same_side,
        solve=solve_same_side, verify=verify_same_side,
        problem_templates=numbered_templates("same_side", 5),
        solution_template="same_side_solution.j2", shape="multi-step",
        knobs="both positive → both negative → both greater than k → both less than k → "
              "both at least k (double root allowed, every boundary closed)",
    ),
    ProblemType(
        id="interval", name="解の符号と区間内の解", sample=sample_interval,
        solve=solve_interval, verify=verify_interval,
        problem_templates=numbered_templates("interval", 5),
        solution_template="interval_solution.j2", shape="multi-step",
        knobs="opposite signs (monic) → opposite signs with a parameter in the leading coefficient → "
              "exactly one root in p < x < q → one root in each of two intervals → "
              "the same with leading coefficient 2",
    ),
)
