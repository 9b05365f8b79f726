"""図形と計量 (数学I): 三角比の相互関係, 余弦定理, 正弦定理, 三角形の面積 (degrees).

Solvers use exact trigonometric values (SymPy ``sin(pi·d/180)``); every verifier rebuilds
the triangle numerically from coordinates (or the angle from its quadrant) and compares
floating values, which is a different route from the formula the solver applies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.math1._forms import num

NICE_ANGLES = (30, 45, 60, 90, 120, 135, 150)
TOL = 1e-9


def _sin(deg: int) -> sp.Expr:
    return sp.sin(sp.pi * deg / 180)


def _cos(deg: int) -> sp.Expr:
    return sp.cos(sp.pi * deg / 180)


def _tex(value: sp.Expr) -> str:
    text = latex.tex(sp.radsimp(value))
    return "-" + text[2:] if text.startswith("- ") else text


def _deg(deg: int) -> str:
    return f"{deg}^\\circ"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


# --- 相互関係 -----------------------------------------------------------------------------

#: primitive Pythagorean triples (Euclid's formula, m <= 12): legs and hypotenuse
_TRIPLES = tuple(sorted(
    (min(m * m - n * n, 2 * m * n), max(m * m - n * n, 2 * m * n), m * m + n * n)
    for m in range(2, 13) for n in range(1, m) if (m - n) % 2 == 1 and math.gcd(m, n) == 1
))


def sample_relation(rng: Random, difficulty: int) -> dict[str, Any]:
    given = rng.choice(["sin", "cos", "tan"] if difficulty != 2 else ["sin", "cos"])
    targets = [t for t in ("sin", "cos", "tan") if t != given]
    target = rng.choice(targets)
    if difficulty == 1:
        legs = rng.choice(_TRIPLES)
        p, q, r = legs if rng.random() < 0.5 else (legs[1], legs[0], legs[2])
        # sin = p/r, cos = ±q/r
        value = {"sin": Fraction(p, r), "cos": Fraction(q, r), "tan": Fraction(p, q)}[given]
    else:
        def draw(rr: Random) -> dict[str, Any]:
            den = rr.randint(3, [13, 17, 21, 25][difficulty - 2])
            return {"n": rr.randint(1, den - 1), "d": den}

        frac_ = draw_until(rng, draw, lambda f: math.gcd(f["n"], f["d"]) == 1)
        value = Fraction(frac_["n"], frac_["d"])
        if given == "tan":
            value = Fraction(rng.randint(1, 9), rng.randint(1, 6))
    obtuse = rng.random() < 0.5
    if given == "cos" and obtuse:
        value = -value
    if given == "tan" and obtuse:
        value = -value
    return {"given": given, "value": str(value), "target": target, "obtuse": obtuse}


def solve_relation(params: Mapping[str, Any]) -> Solution:
    given, target, obtuse = params["given"], params["target"], params["obtuse"]
    v = sp.Rational(params["value"])
    sign = -1 if obtuse else 1
    if given == "sin":
        s, c = v, sign * sp.sqrt(1 - v**2)
    elif given == "cos":
        s, c = sp.sqrt(1 - v**2), v
    else:
        c = sign * 1 / sp.sqrt(1 + v**2)
        s = v * c
    values = {"sin": sp.radsimp(s), "cos": sp.radsimp(c), "tan": sp.radsimp(s / c)}
    answer = values[target]
    steps = {
        "given": given, "target": target, "v": num(Fraction(params["value"])),
        "sin": _tex(values["sin"]), "cos": _tex(values["cos"]), "tan": _tex(values["tan"]),
        "sin2": _tex(values["sin"] ** 2), "cos2": _tex(values["cos"] ** 2),
        "obtuse": obtuse, "cos_sign": "負" if obtuse else "正",
        "inv_cos2": _tex(1 / values["cos"] ** 2),
    }
    return Solution(answer=answer, answer_latex=_tex(answer), steps=steps)


def verify_relation(params: Mapping[str, Any], solution: Solution) -> bool:
    """Recover θ in degrees from the given ratio and the acute/obtuse condition, then evaluate."""
    v = float(Fraction(params["value"]))
    given = params["given"]
    if given == "sin":
        theta = math.degrees(math.asin(v))
        theta = 180 - theta if params["obtuse"] else theta
    elif given == "cos":
        theta = math.degrees(math.acos(v))
    else:
        theta = math.degrees(math.atan(v)) % 180
    if (theta > 90) != params["obtuse"]:
        return False
    rad = math.radians(theta)
    want = {"sin": math.sin(rad), "cos": math.cos(rad), "tan": math.tan(rad)}[params["target"]]
    return _close(float(solution.answer), want)


# --- 余弦定理 ------------------------------------------------------------------------------


def sample_cosine_rule(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = "side" if difficulty <= 2 else rng.choice(["side", "angle"])
    span = [20, 20, 15, 18, 20][difficulty - 1]
    angles = (60, 120, 90) if difficulty == 1 else (60, 90, 120, 45, 135) if kind == "side" else (60, 90, 120)

    def draw(r: Random) -> dict[str, Any]:
        return {"b": r.randint(1, span), "c": r.randint(1, span), "A": r.choice(angles)}

    def side_sq(p: Mapping[str, Any]) -> sp.Expr:
        b, c = p["b"], p["c"]
        if p["A"] in (45, 135):
            # b is given as a multiple of √2 so that a^2 stays an integer
            return sp.Integer(2 * b * b + c * c) - 2 * sp.sqrt(2) * b * c * _cos(p["A"])
        return sp.Integer(b * b + c * c) - 2 * b * c * _cos(p["A"])

    def ok(p: dict[str, Any]) -> bool:
        a2 = side_sq(p)
        return bool(a2.is_Integer and a2 > 0 and p["b"] != p["c"])

    p = draw_until(rng, draw, ok)
    p["kind"] = kind
    p["a2"] = int(side_sq(p))
    return p


def solve_cosine_rule(params: Mapping[str, Any]) -> Solution:
    b, c, A, a2 = params["b"], params["c"], params["A"], params["a2"]
    root2 = A in (45, 135)
    b_tex = f"{latex.coef_term(b, chr(92) + 'sqrt{2}')}" if root2 else str(b)
    b_sq = 2 * b * b if root2 else b * b
    steps = {"b": b_tex, "c": c, "A": _deg(A), "cosA": _tex(_cos(A)), "a2": a2, "b_sq": b_sq, "c_sq": c * c,
             "kind": params["kind"], "a": _tex(sp.sqrt(a2))}
    if params["kind"] == "side":
        answer = sp.sqrt(a2)
        steps["cos_term"] = latex.join_terms([str(b_sq + c * c), num(Fraction(a2 - b_sq - c * c))])
        return Solution(answer=answer, answer_latex=_tex(answer), steps=steps)
    cos_a = sp.Rational(b_sq + c * c - a2, 2 * b * c) if not root2 else None
    steps["cos_value"] = _tex(cos_a)
    steps["num"] = b_sq + c * c - a2
    steps["den"] = 2 * b * c
    return Solution(answer=sp.Integer(A), answer_latex=_deg(A), steps=steps)


def verify_cosine_rule(params: Mapping[str, Any], solution: Solution) -> bool:
    """Place A at the origin and C at angle A; measure BC (or the angle at A) from coordinates."""
    b = params["b"] * (math.sqrt(2) if params["A"] in (45, 135) else 1)
    c = params["c"]
    if params["kind"] == "side":
        rad = math.radians(params["A"])
        cx, cy = b * math.cos(rad), b * math.sin(rad)
        return _close(math.hypot(cx - c, cy), float(solution.answer))
    a = math.sqrt(params["a2"])
    # intersect circle |AC| = b (centre A) with circle |BC| = a (centre B = (c, 0))
    x = (b * b - a * a + c * c) / (2 * c)
    y = math.sqrt(max(b * b - x * x, 0.0))
    return _close(math.degrees(math.atan2(y, x)), float(solution.answer))


# --- 正弦定理 ------------------------------------------------------------------------------


def sample_sine_rule(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = ["radius", "side_from_radius", "side", "side", "side"][difficulty - 1]
    if rng.random() < 0.4:
        kind = rng.choice(["radius", "side_from_radius", "side"])

    def draw(r: Random) -> dict[str, Any]:
        A = r.choice(NICE_ANGLES)
        B = r.choice(NICE_ANGLES)
        return {"kind": kind, "A": A, "B": B, "a": r.randint(2, [40, 40, 30, 30, 36][difficulty - 1]),
                "R": r.randint(2, 50)}

    def ok(p: dict[str, Any]) -> bool:
        return p["kind"] != "side" or (p["A"] != p["B"] and p["A"] + p["B"] < 180)

    return draw_until(rng, draw, ok)


def solve_sine_rule(params: Mapping[str, Any]) -> Solution:
    kind, A, B, a, R = (params[k] for k in ("kind", "A", "B", "a", "R"))
    sin_a, sin_b = _sin(A), _sin(B)
    if kind == "radius":
        answer = sp.radsimp(a / (2 * sin_a))
    elif kind == "side_from_radius":
        answer = sp.radsimp(2 * R * sin_a)
    else:
        answer = sp.radsimp(a * sin_b / sin_a)
    steps = {"kind": kind, "A": _deg(A), "B": _deg(B), "a": a, "R": R, "sinA": _tex(sin_a), "sinB": _tex(sin_b)}
    return Solution(answer=answer, answer_latex=_tex(answer), steps=steps)


def _circumradius(pa: tuple[float, float], pb: tuple[float, float], pc: tuple[float, float]) -> float:
    ab = math.dist(pa, pb)
    bc = math.dist(pb, pc)
    ca = math.dist(pc, pa)
    area2 = abs((pb[0] - pa[0]) * (pc[1] - pa[1]) - (pc[0] - pa[0]) * (pb[1] - pa[1]))
    return ab * bc * ca / (2 * area2)


def verify_sine_rule(params: Mapping[str, Any], solution: Solution) -> bool:
    """Build a triangle with the stated angle(s) from coordinates and measure R or the side."""
    kind, A, B, a, R = (params[k] for k in ("kind", "A", "B", "a", "R"))
    if kind in ("radius", "side_from_radius"):
        # inscribed angle: chord BC of a circle of radius rr seen under angle A
        rr = float(solution.answer) if kind == "radius" else float(R)
        chord = a if kind == "radius" else float(solution.answer)
        ang = math.radians(A)
        pb = (rr * math.cos(math.pi / 2 + ang), rr * math.sin(math.pi / 2 + ang))
        pc = (rr * math.cos(math.pi / 2 - ang), rr * math.sin(math.pi / 2 - ang))
        pa = (0.0, -rr)
        seen = math.degrees(math.atan2(
            (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0]),
            (pb[0] - pa[0]) * (pc[0] - pa[0]) + (pb[1] - pa[1]) * (pc[1] - pa[1])))
        return (_close(math.dist(pb, pc), chord) and _close(abs(seen), A)
                and _close(_circumradius(pa, pb, pc), rr))
    # side b opposite B: put B at the origin, C at (a, 0), A where the angles meet
    ang_c = math.radians(180 - A - B)
    ang_b = math.radians(B)
    # A = B + t(cos B, sin B) = C + s(-cos C, sin C)
    t = a * math.sin(ang_c) / math.sin(ang_b + ang_c)
    pa = (t * math.cos(ang_b), t * math.sin(ang_b))
    return _close(math.dist(pa, (a, 0.0)), float(solution.answer))


# --- 面積 --------------------------------------------------------------------------------


def sample_area(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = "sas" if difficulty == 1 else rng.choice(["sas", "heron"]) if difficulty <= 3 \
        else rng.choice(["heron", "inradius", "sas"])
    span = [10, 10, 12, 15, 18][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        sides = sorted(r.randint(2, span) for _ in range(3))
        return {"kind": kind, "sides": sides, "b": r.randint(2, span), "c": r.randint(2, span),
                "A": r.choice(NICE_ANGLES)}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "sas":
            return True
        a, b, c = p["sides"]
        return a + b > c and len(set(p["sides"])) >= 2

    return draw_until(rng, draw, ok)


def _heron(sides: list[int]) -> tuple[Fraction, sp.Expr]:
    a, b, c = sides
    s = Fraction(a + b + c, 2)
    product = s * (s - a) * (s - b) * (s - c)
    return s, sp.sqrt(sp.Rational(product.numerator, product.denominator))


def solve_area(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    if kind == "sas":
        b, c, A = params["b"], params["c"], params["A"]
        answer = sp.radsimp(sp.Rational(1, 2) * b * c * _sin(A))
        steps = {"kind": kind, "b": b, "c": c, "A": _deg(A), "sinA": _tex(_sin(A))}
        return Solution(answer=answer, answer_latex=_tex(answer), steps=steps)
    a, b, c = params["sides"]
    s, area = _heron(params["sides"])
    product = s * (s - a) * (s - b) * (s - c)
    cos_c = Fraction(a * a + b * b - c * c, 2 * a * b)
    steps = {"kind": kind, "a": a, "b": b, "c": c, "s": num(s), "sa": num(s - a), "sb": num(s - b),
             "sc": num(s - c), "prod": num(product), "S": _tex(area), "cosC": num(cos_c),
             "sinC": _tex(sp.sqrt(1 - sp.Rational(cos_c.numerator, cos_c.denominator) ** 2)),
             "perimeter": a + b + c}
    if kind == "heron":
        return Solution(answer=area, answer_latex=_tex(area), steps=steps)
    r = sp.radsimp(2 * area / (a + b + c))
    return Solution(answer=r, answer_latex=_tex(r), steps=steps)


def verify_area(params: Mapping[str, Any], solution: Solution) -> bool:
    """Coordinates of the triangle and the shoelace formula (and r from the incentre distance)."""
    if params["kind"] == "sas":
        rad = math.radians(params["A"])
        pts = [(0.0, 0.0), (float(params["c"]), 0.0), (params["b"] * math.cos(rad), params["b"] * math.sin(rad))]
    else:
        a, b, c = params["sides"]
        x = (b * b - a * a + c * c) / (2 * c)
        pts = [(0.0, 0.0), (float(c), 0.0), (x, math.sqrt(b * b - x * x))]
    (x1, y1), (x2, y2), (x3, y3) = pts
    area = abs((x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1)) / 2
    if params["kind"] != "inradius":
        return _close(area, float(solution.answer))
    la, lb, lc = math.dist(pts[1], pts[2]), math.dist(pts[0], pts[2]), math.dist(pts[0], pts[1])
    iy = (la * y1 + lb * y2 + lc * y3) / (la + lb + lc)
    return _close(iy, float(solution.answer))  # the incentre's height above side AB (on the x-axis)


UNIT = Unit(
    id="math1.trig_ratios",
    name="図形と計量",
    course="数学I",
    description="Trigonometric ratios in degrees: identities, the cosine and sine rules, triangle areas.",
    types=(
        ProblemType(
            id="relation", name="三角比の相互関係", sample=sample_relation, solve=solve_relation,
            verify=verify_relation,
            problem_templates=("relation_1.j2", "relation_2.j2", "relation_3.j2"),
            solution_template="relation_solution.j2",
            knobs="Pythagorean ratios → more triples → surd results, tan given, obtuse angles",
        ),
        ProblemType(
            id="cosine_rule", name="余弦定理", sample=sample_cosine_rule, solve=solve_cosine_rule,
            verify=verify_cosine_rule,
            problem_templates=("cosine_rule_1.j2", "cosine_rule_2.j2", "cosine_rule_3.j2"),
            solution_template="cosine_rule_solution.j2",
            knobs="integer side at 60°/120° → surd sides → 45°/135° with √2 sides → finding the angle",
        ),
        ProblemType(
            id="sine_rule", name="正弦定理", sample=sample_sine_rule, solve=solve_sine_rule,
            verify=verify_sine_rule,
            problem_templates=("sine_rule_1.j2", "sine_rule_2.j2", "sine_rule_3.j2"),
            solution_template="sine_rule_solution.j2",
            knobs="circumradius → side from R → another side from two angles, larger numbers",
        ),
        ProblemType(
            id="area", name="三角形の面積", sample=sample_area, solve=solve_area, verify=verify_area,
            problem_templates=("area_1.j2", "area_2.j2", "area_3.j2"),
            solution_template="area_solution.j2",
            knobs="two sides and the included angle → three sides (Heron) → the inscribed circle's radius",
        ),
    ),
)
