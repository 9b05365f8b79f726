"""Multi-step problems built with :mod:`mathft_core.compose` from the other 数学I units' types.

Each type chains two dependent sub-results: a value found in step 1 (a maximum, a vertex,
a variance, a sine) becomes a coefficient or a length in step 2. Every step is sampled,
solved and verified by the type that owns it; each composed verifier then re-derives the
link between the steps by its own route (brute force, substitution, floating point).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import compose, latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.math1 import data_analysis, numbers_expressions, quadratic_functions, trig_ratios

EXTREMUM = quadratic_functions.UNIT.type("domain_extremum")
VERTEX = quadratic_functions.UNIT.type("vertex")
INEQUALITY = quadratic_functions.UNIT.type("quad_inequality")
TRANSFORM = data_analysis.UNIT.type("transform")
TASUKI = numbers_expressions.UNIT.type("tasuki")
RELATION = trig_ratios.UNIT.type("relation")

X = sp.Symbol("x")
PHRASINGS = 5
_REL = {"<": "<", "<=": "\\leqq", ">": ">", ">=": "\\geqq"}


def _holds(left: Fraction, op: str) -> bool:
    return {"<": left < 0, "<=": left <= 0, ">": left > 0, ">=": left >= 0}[op]


def _plus(value: int) -> str:
    """`` + 3`` / `` - 3`` / ``''`` to append a constant to an expression."""
    return "" if value == 0 else (f" + {value}" if value > 0 else f" - {-value}")


def _is_int(solution: Solution) -> bool:
    return bool(getattr(solution.answer, "is_integer", False))


# --- 最大・最小の値を定数項にもつ2次不等式 ------------------------------------------------


def sample_extremum_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    first = compose.sample_step(rng, EXTREMUM, difficulty, label="extremum",
                                accept=lambda _p, s: _is_int(s) and abs(int(s.answer)) <= 80)
    value = int(first.solution.answer)
    span = 4 + difficulty

    def draw(r: Random) -> dict[str, Any]:
        return {"r1": r.randint(-span, span), "r2": r.randint(-span, span), "op": r.choice(sorted(_REL))}

    roots = draw_until(rng, draw, lambda q: q["r1"] != q["r2"])
    sign = -1 if difficulty >= 4 and rng.random() < 0.5 else 1
    a, b, c = sign, -sign * (roots["r1"] + roots["r2"]), sign * roots["r1"] * roots["r2"]
    second = compose.build_step(INEQUALITY, {"a": a, "b": b, "c": c, "op": roots["op"]}, difficulty)
    return {"first": first.to_params(), "second": second.to_params(), "shift": c - value}


def solve_extremum_inequality(params: Mapping[str, Any]) -> Solution:
    first, second = compose.load_steps(params, {"first": EXTREMUM, "second": INEQUALITY})
    value, shift = int(first.solution.answer), params["shift"]
    q = second.params
    if q["c"] != value + shift:
        raise compose.StepRejected("the inequality's constant is not the extremum plus the shift")
    letter = "M" if first.params["ask"] == "max" else "m"
    lead = latex.poly([q["a"], q["b"], 0]).removesuffix(" + 0")
    steps = {
        "f": first.solution.steps, "g": second.solution.steps, "letter": letter, "value": value,
        "kind": "最大" if letter == "M" else "最小",
        "lhs": f"{lead} + {letter}{_plus(shift)}" if lead else f"{letter}{_plus(shift)}",
        "lhs_value": latex.poly([q["a"], q["b"], q["c"]]), "op": _REL[q["op"]],
        "domain": first.solution.steps["domain"], "poly": first.solution.steps["poly"],
    }
    return Solution(answer=second.solution.answer, answer_latex=second.solution.answer_latex, steps=steps)


def _extremum_by_grid(p: Mapping[str, Any]) -> Fraction | None:
    """Max/min of ``ax^2+bx+c`` over the domain: the best attained value among the ends and
    the vertex, cross-checked against a 400-point grid (``None`` if an open end beats it)."""
    a, b, c = Fraction(p["a"]), Fraction(p["b"]), Fraction(p["c"])
    lo, hi = Fraction(p["p"]), Fraction(p["q"])
    sign = 1 if p["ask"] == "max" else -1

    def f(t: Fraction) -> Fraction:
        return a * t * t + b * t + c

    vertex = -b / (2 * a)
    attained = [t for t in (lo, hi, vertex)
                if (lo <= t if p["lo"] == "<=" else lo < t) and (t <= hi if p["hi"] == "<=" else t < hi)]
    best = max((f(t) for t in attained), key=lambda v: sign * v)
    if any(sign * (f(e) - best) > 0 for e in (lo, hi)):
        return None  # the supremum sits at an excluded end: no extremum
    fa, fb, fc, flo, step = float(a), float(b), float(c), float(lo), float(hi - lo) / 400
    grid = ((flo + k * step) for k in range(401))
    if any(sign * (fa * t * t + fb * t + fc - float(best)) > 1e-9 for t in grid):
        return None
    return best


def verify_extremum_inequality(params: Mapping[str, Any], solution: Solution) -> bool:
    """Grid search for the extremum, then substitute points into the inequality it sets up."""
    first, second = params["first"]["params"], params["second"]["params"]
    value = _extremum_by_grid(first)
    if value is None or value.denominator != 1:
        return False
    a, b, c = second["a"], second["b"], int(value) + params["shift"]
    disc = b * b - 4 * a * c
    root = math.isqrt(disc) if disc >= 0 else -1
    if root * root != disc or disc == 0:
        return False
    r1, r2 = sorted((Fraction(-b - root, 2 * a), Fraction(-b + root, 2 * a)))
    # the sign of the quadratic is constant between and beyond its roots: test each piece, both
    # roots and points half a unit inside and outside each root (a moved boundary shows there)
    half = Fraction(1, 2)
    for t in (r1 - 1, r1 - half, r1, r1 + half, (r1 + r2) / 2, r2 - half, r2, r2 + half, r2 + 1):
        if bool(solution.answer.subs(X, sp.Rational(t.numerator, t.denominator))) != _holds(a * t * t + b * t + c, second["op"]):
            return False
    return True


# --- 頂点の座標を係数にもつ2次関数の最大・最小 -----------------------------------------------


def sample_vertex_extremum(rng: Random, difficulty: int) -> dict[str, Any]:
    # the vertex type's level 4 has fractional vertices only; its level 5 has integer ones too
    first = compose.sample_step(rng, VERTEX, min(difficulty, 3) if difficulty < 5 else 5, label="vertex",
                                accept=lambda _p, s: all(v.is_integer and abs(v) <= 12 for v in s.answer))
    h, k = (int(v) for v in first.solution.answer)
    width = 2 + difficulty

    def draw(r: Random) -> dict[str, Any]:
        lo = r.randint(-6, 4)
        return {"p": lo, "q": lo + r.randint(1, width), "ask": r.choice(["max", "min"])}

    dom = draw(rng)
    second = compose.build_step(EXTREMUM, {"a": 1, "b": h, "c": k, "p": dom["p"], "q": dom["q"], "lo": "<=",
                                           "hi": "<=", "ask": dom["ask"]}, difficulty)
    return {"first": first.to_params(), "second": second.to_params()}


def solve_vertex_extremum(params: Mapping[str, Any]) -> Solution:
    first, second = compose.load_steps(params, {"first": VERTEX, "second": EXTREMUM})
    h, k = (int(v) for v in first.solution.answer)
    if (second.params["b"], second.params["c"]) != (h, k):
        raise compose.StepRejected("step 2's coefficients are not the vertex of step 1")
    steps = {"f": first.solution.steps, "g": second.solution.steps, "h": h, "k": k,
             "kind": second.solution.steps["kind"], "lo": second.params["p"], "hi": second.params["q"]}
    return Solution(answer=second.solution.answer, answer_latex=second.solution.answer_latex, steps=steps)


def verify_vertex_extremum(params: Mapping[str, Any], solution: Solution) -> bool:
    """The vertex is symmetric and lowest/highest; the extremum comes from a grid search."""
    f, g = params["first"]["params"], params["second"]["params"]
    a, b, c = (Fraction(f[key]) for key in ("a", "b", "c"))
    h, k = Fraction(g["b"]), Fraction(g["c"])

    def fx(t: Fraction) -> Fraction:
        return a * t * t + b * t + c

    if fx(h) != k or fx(h - 1) != fx(h + 1) or (fx(h + 1) - k) * a <= 0:
        return False
    value = _extremum_by_grid(g)
    return value is not None and sp.Rational(value.numerator, value.denominator) == solution.answer


# --- 変量変換の値を定数項にもつ因数分解 ---------------------------------------------------


def sample_transform_tasuki(rng: Random, difficulty: int) -> dict[str, Any]:
    # the transform type asks for a mean or variance at its levels 1-3 only
    first = compose.sample_step(rng, TRANSFORM, min(difficulty, 3), label="transform",
                                where=lambda p: p["kind"] in ("mean", "var"),
                                accept=lambda _p, s: _is_int(s) and abs(int(s.answer)) <= 400)
    value = int(first.solution.answer)
    smax, span = (1, 9) if difficulty <= 2 else ((2, 9) if difficulty <= 4 else (3, 12))

    def draw(r: Random) -> dict[str, Any]:
        return {"s1": r.randint(1, smax), "s2": r.randint(1, smax), "t1": compose_nonzero(r, span),
                "t2": compose_nonzero(r, span)}

    def ok(f: dict[str, Any]) -> bool:
        return (math.gcd(f["s1"], f["t1"]) == 1 and math.gcd(f["s2"], f["t2"]) == 1
                and f["s1"] * f["t2"] + f["s2"] * f["t1"] != 0
                and f["s1"] * f["t2"] != f["s2"] * f["t1"])  # distinct factors: no square

    f = draw_until(rng, draw, ok)
    a, b, c = f["s1"] * f["s2"], f["s1"] * f["t2"] + f["s2"] * f["t1"], f["t1"] * f["t2"]
    second = compose.build_step(TASUKI, {"a": a, "b": b, "c": c, "two_var": False}, difficulty)
    return {"first": first.to_params(), "second": second.to_params(), "shift": c - value}


def compose_nonzero(rng: Random, span: int) -> int:
    """A nonzero integer in ``[-span, span]``."""
    return draw_until(rng, lambda r: {"v": r.randint(-span, span)}, lambda q: q["v"] != 0)["v"]


def solve_transform_tasuki(params: Mapping[str, Any]) -> Solution:
    first, second = compose.load_steps(params, {"first": TRANSFORM, "second": TASUKI})
    value, shift = int(first.solution.answer), params["shift"]
    q = second.params
    if q["c"] != value + shift:
        raise compose.StepRejected("the constant term is not the transformed value plus the shift")
    lead = latex.poly([q["a"], q["b"], 0]).removesuffix(" + 0")
    fp = first.params
    steps = {"f": first.solution.steps, "g": second.solution.steps, "value": value, "kind": fp["kind"],
             "what": "平均値" if fp["kind"] == "mean" else "分散", "expr": f"{lead} + k{_plus(shift)}",
             "expr_value": latex.poly([q["a"], q["b"], q["c"]]), "y": first.solution.steps["expr"]}
    return Solution(answer=second.solution.answer, answer_latex=second.solution.answer_latex, steps=steps)


def verify_transform_tasuki(params: Mapping[str, Any], solution: Solution) -> bool:
    """Recompute the mean or variance of ``y = ax + b`` from the data, then expand the factors."""
    f, q = params["first"]["params"], params["second"]["params"]
    value = f["a"] * f["mean"] + f["b"] if f["kind"] == "mean" else f["a"] ** 2 * f["var"]
    target = q["a"] * X**2 + q["b"] * X + value + params["shift"]
    factors = sp.Mul.make_args(solution.answer)
    return sp.expand(solution.answer - target) == 0 and len([m for m in factors if m.has(X)]) >= 2


# --- 三角比の相互関係から三角形の面積 ---------------------------------------------------


def sample_relation_area(rng: Random, difficulty: int) -> dict[str, Any]:
    first = compose.sample_step(rng, RELATION, difficulty, label="relation", where=lambda p: p["target"] == "sin")
    top = 6 + 2 * difficulty
    sides = draw_until(rng, lambda r: {"b": r.randint(2, top), "c": r.randint(2, top)}, lambda s: s["b"] != s["c"])
    return {"first": first.to_params(), **sides, "names": rng.choice(["ABC", "PQR", "OAB"])}


def solve_relation_area(params: Mapping[str, Any]) -> Solution:
    (first,) = compose.load_steps(params, {"first": RELATION})
    sin = first.solution.answer
    b, c = params["b"], params["c"]
    area = sp.Rational(b * c, 2) * sin
    names = params["names"]
    steps = {"f": first.solution.steps, "sin": latex.tex(sin), "b": b, "c": c, "half_bc": latex.num(Fraction(b * c, 2)),
             "A": names[0], "B": names[1], "C": names[2], "given": first.params["given"],
             "given_value": first.solution.steps["v"], "obtuse": first.params["obtuse"]}
    return Solution(answer=area, answer_latex=latex.tex(area), steps=steps)


def verify_relation_area(params: Mapping[str, Any], solution: Solution) -> bool:
    """Place the triangle in coordinates from the given ratio and take the shoelace area in floats."""
    f = params["first"]["params"]
    value = float(Fraction(f["value"]))
    if f["given"] == "cos":
        cos = value
    else:  # tan given; the sign of cos follows the acute/obtuse condition
        cos = (-1 if f["obtuse"] else 1) / math.sqrt(1 + value * value)
    sin = math.sqrt(max(0.0, 1 - cos * cos))
    b, c = params["b"], params["c"]
    bx, by, cx, cy = c, 0.0, b * cos, b * sin
    shoelace = abs(bx * cy - cx * by) / 2
    return bool(solution.answer.is_positive) and math.isclose(float(solution.answer), shoelace, rel_tol=1e-12)


UNIT = Unit(
    id="math1.multi_step",
    name="複数の単元を組み合わせた問題",
    course="数学I",
    description="A value found in one step (maximum, vertex, variance, sine) feeds the next step.",
    types=(
        ProblemType(
            id="extremum_inequality", name="最大値・最小値を使った2次不等式", shape="multi-step",
            sample=sample_extremum_inequality, solve=solve_extremum_inequality, verify=verify_extremum_inequality,
            problem_templates=numbered_templates("extremum_inequality", PHRASINGS),
            solution_template="extremum_inequality_solution.j2",
            knobs="the extremum step's own levels; wider roots; negative leading coefficient from level 4",
        ),
        ProblemType(
            id="vertex_extremum", name="頂点の座標を係数とする2次関数の最大・最小", shape="multi-step",
            sample=sample_vertex_extremum, solve=solve_vertex_extremum, verify=verify_vertex_extremum,
            problem_templates=numbered_templates("vertex_extremum", PHRASINGS),
            solution_template="vertex_extremum_solution.j2",
            knobs="the vertex step's own levels (fractional leading coefficients); wider domains",
        ),
        ProblemType(
            id="transform_tasuki", name="変量変換の値を使った因数分解", shape="multi-step",
            sample=sample_transform_tasuki, solve=solve_transform_tasuki, verify=verify_transform_tasuki,
            problem_templates=numbered_templates("transform_tasuki", PHRASINGS),
            solution_template="transform_tasuki_solution.j2",
            knobs="mean or variance of y = ax + b; leading coefficients up to 9 from level 3",
        ),
        ProblemType(
            id="relation_area", name="三角比の相互関係と三角形の面積", shape="multi-step",
            sample=sample_relation_area, solve=solve_relation_area, verify=verify_relation_area,
            problem_templates=numbered_templates("relation_area", PHRASINGS),
            solution_template="relation_area_solution.j2",
            knobs="cos or tan given, acute or obtuse; longer sides",
        ),
    ),
)
