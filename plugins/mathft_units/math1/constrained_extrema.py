"""条件つきの最大・最小 (数学I): a quadratic expression in x and y under a linear condition
``ax + by = c`` (optionally with x ≧ 0, y ≧ 0), by substitution; and the 値上げ problem
(the price that maximises sales or profit).

Solvers substitute ``y = (c - ax)/b`` and complete the square on the resulting interval.
Verifiers evaluate the original two-variable expression on a grid of the segment that is fine
enough to contain the optimum (its position found from finite differences, not from the
solver), or list every admissible price of the story; the unconstrained sum of squares is
also checked against the Cauchy–Schwarz bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    nonzero_int,
    numbered_templates,
)
from mathft_units.math1._forms import num, shift, to_sympy

#: objective z = A x^2 + B xy + C y^2 + D x + E y + F, stored as [A, B, C, D, E, F]


def _z(obj: list[Fraction], x: Fraction, y: Fraction) -> Fraction:
    a, b, c, d, e, f = obj
    return a * x * x + b * x * y + c * y * y + d * x + e * y + f


def _objective(params: Mapping[str, Any]) -> list[Fraction]:
    return [Fraction(v) for v in params["obj"]]


def _line(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    return Fraction(params["a"]), Fraction(params["b"]), Fraction(params["c"])


def _y_of(params: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    """``y = y0 + y1·x`` from the condition."""
    a, b, c = _line(params)
    return c / b, -a / b


def _substituted(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """``z = g2 x^2 + g1 x + g0`` after substituting y."""
    a2, b2, c2, d1, e1, f0 = _objective(params)
    y0, y1 = _y_of(params)
    return (a2 + b2 * y1 + c2 * y1 * y1,
            b2 * y0 + 2 * c2 * y0 * y1 + d1 + e1 * y1,
            c2 * y0 * y0 + e1 * y0 + f0)


def _x_range(params: Mapping[str, Any]) -> tuple[Fraction, Fraction] | None:
    if not params["nonneg"]:
        return None
    a, _, c = _line(params)
    return Fraction(0), c / a


def _extremum(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, str]:
    """Value, the x where it is attained, and where that x lies (vertex / end)."""
    g2, g1, g0 = _substituted(params)
    vertex = -g1 / (2 * g2)
    rng = _x_range(params)

    def g(x: Fraction) -> Fraction:
        return (g2 * x + g1) * x + g0

    if rng is None:
        return g(vertex), vertex, "vertex"
    lo, hi = rng
    cands = [(g(lo), lo, "end"), (g(hi), hi, "end")]
    if lo < vertex < hi:
        cands.append((g(vertex), vertex, "vertex"))
    best = max(cands) if params["ask"] == "max" else min(cands)
    ties = [c for c in cands if c[0] == best[0]]
    return ties[0]


#: the public competition sample's own instance (x + y = 4, z = (x - 1)y + 2) is never generated
_PUBLIC_SAMPLE = (1, 1, 4, [1, 2])


def _acceptable(params: Mapping[str, Any]) -> bool:
    if (params["a"], params["b"], params["c"], params.get("pq")) == _PUBLIC_SAMPLE:
        return False
    g2 = _substituted(params)[0]
    if g2 == 0:
        return False
    if params["nonneg"] is False and (g2 > 0) != (params["ask"] == "min"):
        return False
    value, x, _ = _extremum(params)
    y0, y1 = _y_of(params)
    y = y0 + y1 * x
    return value.denominator <= 12 and x.denominator <= 6 and y.denominator <= 6 and abs(value.numerator) <= 400


def _obj_text(params: Mapping[str, Any]) -> str:
    if params.get("form") == "shifted_product":
        p, q = params["pq"]
        return latex.join_terms([f"({shift('x', Fraction(p))})y", num(q)])
    if params.get("form") == "shifted_squares":
        u, v, p, q = params["uvpq"]
        sx = "x^2" if p == 0 else f"({shift('x', Fraction(p))})^2"
        sy = "y^2" if q == 0 else f"({shift('y', Fraction(q))})^2"
        return latex.join_terms([latex.coef_term(u, sx), latex.coef_term(v, sy)])
    a2, b2, c2, d1, e1, f0 = params["obj"]
    return latex.join_terms([latex.coef_term(a2, "x^2"), latex.coef_term(b2, "xy"), latex.coef_term(c2, "y^2"),
                             latex.coef_term(d1, "x"), latex.coef_term(e1, "y"), num(f0)])


def _line_text(params: Mapping[str, Any]) -> str:
    a, b, c = _line(params)
    return f"{latex.join_terms([latex.coef_term(a, 'x'), latex.coef_term(b, 'y')])} = {num(c)}"


def solve_constrained(params: Mapping[str, Any]) -> Solution:
    g2, g1, g0 = _substituted(params)
    value, x_at, where = _extremum(params)
    y0, y1 = _y_of(params)
    h = -g1 / (2 * g2)
    k = g0 - g1 * g1 / (4 * g2)
    square = "x^2" if h == 0 else f"({shift('x', h)})^2"
    a, b, c = _line(params)
    rng = _x_range(params)
    steps = {
        "z": _obj_text(params), "line": _line_text(params),
        "y_expr": latex.join_terms([num(y0), latex.coef_term(y1, "x")] if y1 < 0 else
                                   [latex.coef_term(y1, "x"), num(y0)]),
        "by_form": b != 1,
        "g": latex.poly([g2, g1, g0]),
        "vform": latex.join_terms([latex.coef_term(g2, square), num(k)]),
        "h": num(h), "k": num(k), "convex": "下に凸" if g2 > 0 else "上に凸",
        "x_hi": None if rng is None else num(rng[1]),
        "vertex_in": rng is None or rng[0] < h < rng[1],
        "where": where, "x_at": num(x_at), "y_at": num(y0 + y1 * x_at), "value": num(value),
        "kind": "最大" if params["ask"] == "max" else "最小",
        "ends": [] if rng is None else [
            {"x": num(e), "y": num(y0 + y1 * e), "z": num((g2 * e + g1) * e + g0)} for e in rng],
        "a_pos": num(a), "c_val": num(c),
    }
    return Solution(answer=to_sympy(value), answer_latex=num(value), steps=steps)


def _finite_difference_vertex(params: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    """Curvature and optimum position of z along the line, from z at three points of the line."""
    obj = _objective(params)
    y0, y1 = _y_of(params)
    g = [_z(obj, Fraction(t), y0 + y1 * t) for t in (0, 1, 2)]
    second = g[2] - 2 * g[1] + g[0]
    slope_at_0 = (4 * g[1] - 3 * g[0] - g[2]) / 2
    return second, -slope_at_0 / second if second else Fraction(0)


def verify_constrained(params: Mapping[str, Any], solution: Solution) -> bool:
    """Grid search of the original expression along the line (the grid contains the optimum)."""
    try:
        claimed = Fraction(str(sp.Rational(solution.answer)))
    except (TypeError, ValueError):
        return False
    obj = _objective(params)
    a, b, c = _line(params)
    second, star = _finite_difference_vertex(params)
    if second == 0:
        return False
    step = Fraction(1, star.denominator)
    rng = _x_range(params)
    lo, hi = rng if rng is not None else (star - 6, star + 6)
    count = int((hi - lo) / step)
    xs = [lo + step * i for i in range(count + 1)] + [hi]
    values = [_z(obj, x, (c - a * x) / b) for x in xs]
    if params["nonneg"] and any((c - a * x) / b < 0 for x in xs):
        return False
    best = max(values) if params["ask"] == "max" else min(values)
    if rng is None and (second > 0) != (params["ask"] == "min"):
        return False
    return best == claimed


def verify_sum_squares(params: Mapping[str, Any], solution: Solution) -> bool:
    """The grid search, and for the unconstrained weighted squares the Cauchy–Schwarz minimum."""
    if not verify_constrained(params, solution):
        return False
    if params["nonneg"] or params.get("form") != "shifted_squares":
        return True
    u, v, p, q = (Fraction(t) for t in params["uvpq"])
    a, b, c = _line(params)
    bound = (c - a * p - b * q) ** 2 / (a * a / u + b * b / v)
    return to_sympy(bound) == solution.answer


# --- samplers -------------------------------------------------------------------------


def _with_objective(base: dict[str, Any], form: str, values: list[int]) -> dict[str, Any]:
    out = dict(base)
    out["form"] = form
    if form == "shifted_product":
        p, q = values
        out["pq"] = [p, q]
        out["obj"] = [0, 1, 0, 0, -p, q]
    elif form == "shifted_squares":
        u, v, p, q = values
        out["uvpq"] = [u, v, p, q]
        out["obj"] = [u, 0, v, -2 * u * p, -2 * v * q, u * p * p + v * q * q]
    else:
        out["obj"] = values
    return out


def sample_linear_constraint(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        a, b = (1, 1) if difficulty <= 2 or difficulty == 4 else (r.choice([(1, 2), (2, 1), (1, 3), (3, 1)])
                                                                     if difficulty == 3 else
                                                                     (r.randint(1, 3), r.randint(1, 3)))
        base = {"a": a, "b": b, "c": a * b * r.randint(2, 6), "nonneg": True,
                "ask": "max" if difficulty == 1 else r.choice(["max", "min"])}
        if difficulty == 1:
            return _with_objective(base, "shifted_product", [r.randint(-3, 4), r.randint(-5, 5)])
        if difficulty in (2, 3):
            return _with_objective(base, "general", [0, r.choice([1, 1, 2, -1]), 0, r.randint(-4, 4),
                                                     r.randint(-4, 4), r.randint(-5, 5)])
        if difficulty == 4:
            return _with_objective(base, "general", [r.randint(1, 2), 0, r.randint(1, 3), r.randint(-6, 6),
                                                     r.randint(-6, 6), r.randint(-5, 5)])
        return _with_objective(base, "general", [r.randint(-1, 2), nonzero_int(r, -2, 2), r.randint(-1, 2),
                                                 r.randint(-5, 5), r.randint(-5, 5), r.randint(-5, 5)])

    return draw_until(rng, draw, _acceptable)


def sample_sum_squares(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            a, b = 1, 1
        else:
            a, b = r.randint(1, 3), nonzero_int(r, -3, 3)
        nonneg = difficulty == 5
        if nonneg:
            b = abs(b)
        c = r.randint(1, 12) if nonneg else nonzero_int(r, -12, 12)
        u, v = (1, 1) if difficulty <= 2 else (r.randint(1, 3), r.randint(1, 3))
        p, q = (0, 0) if difficulty <= 3 else (r.randint(-3, 3), r.randint(-3, 3))
        base = {"a": a, "b": b, "c": c, "nonneg": nonneg, "ask": "min" if not nonneg else r.choice(["max", "min"])}
        return _with_objective(base, "shifted_squares", [u, v, p, q])

    return draw_until(rng, draw, _acceptable)


# --- 値上げ (price optimisation) ---------------------------------------------------------


def _revenue(params: Mapping[str, Any], n: int) -> int:
    """Sales (or profit) after n price steps, straight from the story."""
    price = params["price"] + params["step"] * n
    sold = params["sold"] - params["drop"] * n
    return (price - params["cost"]) * sold


def _steps_allowed(params: Mapping[str, Any]) -> range:
    top = params["sold"] // params["drop"]
    if params["limit"]:
        top = min(top, params["limit"])
    return range(0, top + 1)


def sample_pricing(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        step = r.choice([5, 10, 10, 20, 50])
        drop = r.choice([1, 2, 3, 4, 5, 10])
        sold = drop * r.randint(12, 40)
        price = step * r.randint(4, 30)
        cost = 0 if difficulty in (1, 2) else 5 * r.randint(1, price // 5 - 1)
        params = {"price": price, "sold": sold, "step": step, "drop": drop, "cost": cost,
                  "ask": "value" if difficulty in (1, 3) else r.choice(["value", "price"]) if difficulty == 5
                  else "price", "limit": 0}
        if difficulty == 5:
            params["limit"] = r.randint(2, 8)
        return params

    def ok(params: dict[str, Any]) -> bool:
        # continuous optimum n* = (sold·step - drop·(price - cost)) / (2·drop·step)
        num_ = params["sold"] * params["step"] - params["drop"] * (params["price"] - params["cost"])
        if num_ <= 0:
            return False
        star = Fraction(num_, 2 * params["drop"] * params["step"])
        best = max(_steps_allowed(params), key=lambda n: (_revenue(params, n), -n))
        ties = [n for n in _steps_allowed(params) if _revenue(params, n) == _revenue(params, best)]
        if len(ties) > 1 or best == 0:
            return False
        if params["limit"]:
            return star > params["limit"]  # the limit binds: the answer is at the end
        return difficulty not in (4,) or star.denominator != 1

    return draw_until(rng, draw, ok)


def solve_pricing(params: Mapping[str, Any]) -> Solution:
    p0, s0, d, e, cost = (params[k] for k in ("price", "sold", "step", "drop", "cost"))
    # y = (p0 - cost + d x)(s0 - e x) = -d e x^2 + (d s0 - e (p0 - cost)) x + (p0 - cost) s0
    g2, g1, g0 = -d * e, d * s0 - e * (p0 - cost), (p0 - cost) * s0
    star = Fraction(g1, -2 * g2)
    k = g0 + Fraction(g1 * g1, -4 * g2)
    top = s0 // e if not params["limit"] else min(s0 // e, params["limit"])
    if params["limit"]:
        best = top
    elif star.denominator == 1:
        best = int(star)
    else:
        lo = int(star)  # floor: star > 0
        best = lo if _revenue(params, lo) > _revenue(params, lo + 1) else lo + 1
    value = (p0 - cost + d * best) * (s0 - e * best)
    answer = p0 + d * best if params["ask"] == "price" else value
    steps = {
        "g": latex.poly([g2, g1, g0]),
        "vform": latex.join_terms([latex.coef_term(g2, f"({shift('x', star)})^2"), num(k)]),
        "star": num(star), "star_int": star.denominator == 1, "best": best, "lo": int(star), "hi": int(star) + 1,
        "v_lo": _revenue(params, int(star)), "v_hi": _revenue(params, int(star) + 1),
        "value": value, "price_best": p0 + d * best, "sold_best": s0 - e * best,
        "unit_margin": latex.join_terms([num(p0 - cost), latex.coef_term(d, "x")]),
        "count": latex.join_terms([num(s0), latex.coef_term(-e, "x")]), "top": top,
    }
    return Solution(answer=sp.Integer(answer), answer_latex=str(answer), steps=steps)


def verify_pricing(params: Mapping[str, Any], solution: Solution) -> bool:
    """Try every admissible number of price steps and read the story's figures directly."""
    best = max(_steps_allowed(params), key=lambda n: _revenue(params, n))
    want = params["price"] + params["step"] * best if params["ask"] == "price" else _revenue(params, best)
    return solution.answer == want


UNIT = Unit(
    id="math1.constrained_extrema",
    name="条件つきの最大・最小",
    course="数学I",
    description="Max/min of a quadratic expression under a linear condition, and the 値上げ problem.",
    types=(
        ProblemType(
            id="linear_constraint", name="1次の条件式のもとでの最大・最小", sample=sample_linear_constraint,
            solve=solve_constrained, verify=verify_constrained,
            problem_templates=numbered_templates("linear_constraint", 5),
            solution_template="linear_constraint_solution.j2", shape="multi-step",
            knobs="x + y = s, z = (x - p)y + q, maximum → xy-type expressions, max or min → "
                  "2x + y = s-type conditions → squares (max at an end) → general ax + by = c",
        ),
        ProblemType(
            id="sum_squares", name="直線上の点と2乗の和の最小", sample=sample_sum_squares,
            solve=solve_constrained, verify=verify_sum_squares,
            problem_templates=numbered_templates("sum_squares", 5),
            solution_template="linear_constraint_solution.j2", shape="multi-step",
            knobs="x^2 + y^2 on x + y = c → ax + by = c → weighted squares → shifted squares → "
                  "x ≧ 0, y ≧ 0 added, max or min",
        ),
        ProblemType(
            id="pricing", name="値上げと売上の最大", sample=sample_pricing, solve=solve_pricing,
            verify=verify_pricing, problem_templates=numbered_templates("pricing", 5),
            solution_template="pricing_solution.j2", shape="word",
            knobs="maximum sales → the best price → profit with a cost price → the optimum between "
                  "two whole steps → a cap on the number of increases",
        ),
    ),
)
