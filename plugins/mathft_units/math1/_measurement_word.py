"""図形と計量の文章題 (数学I): the height of a tower from two angles of elevation (測量), and the
area of a triangular plot or of a quadrilateral inscribed in a circle, where the angle has to be
found first with the cosine rule.

Solvers work with exact surds; verifiers rebuild the figure: the tower's foot and the two
observation points in coordinates (the given distance must come back), Heron's and
Brahmagupta's formulas for the squared area (exact rationals).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.units import ProblemType, Solution, draw_until, numbered_templates
from mathft_units.math1._forms import Surd, num, squarefree_split

#: a number c·√k (c rational, k square-free) as (c, k); products and quotients stay of this form
Root = tuple[Fraction, int]
TAN: dict[int, Root] = {30: (Fraction(1, 3), 3), 45: (Fraction(1), 1), 60: (Fraction(1), 3)}
COT: dict[int, Root] = {30: (Fraction(1), 3), 45: (Fraction(1), 1), 60: (Fraction(1, 3), 3)}
SIN: dict[int, Root] = {30: (Fraction(1, 2), 1), 45: (Fraction(1, 2), 2), 60: (Fraction(1, 2), 3),
                        90: (Fraction(1), 1), 120: (Fraction(1, 2), 3), 135: (Fraction(1, 2), 2),
                        150: (Fraction(1, 2), 1)}


def _mul(x: Root, y: Root) -> Root:
    outside, k = squarefree_split(x[1] * y[1])
    return x[0] * y[0] * outside, k


def _div(x: Root, y: Root) -> Root:
    return _mul(x, (1 / (y[0] * y[1]), y[1]))


def _root_value(x: Root) -> sp.Expr:
    return sp.Rational(x[0].numerator, x[0].denominator) * sp.sqrt(x[1])


def _q3_text(p: Fraction, q: Fraction) -> str:
    """``p + q√3`` in answer-key form (one denominator)."""
    den = math.lcm(p.denominator, q.denominator)
    return Surd(int(p * den), int(q * den), 3, den).tex()


def _q3_coef_text(p: Fraction, q: Fraction) -> str:
    """A coefficient ``p + q√3`` written surd first when the rational part is negative: ``\\sqrt{3} - 1``."""
    if p < 0 < q:
        return f"{_surd_sqrt_text(q, 3)} - {num(-p)}"
    return _q3_text(p, q)


def _q3_value(p: Fraction, q: Fraction) -> sp.Expr:
    return sp.Rational(p.numerator, p.denominator) + sp.Rational(q.numerator, q.denominator) * sp.sqrt(3)


def _q3_of(x: Root) -> tuple[Fraction, Fraction]:
    return (x[0], Fraction(0)) if x[1] == 1 else (Fraction(0), x[0])


def _surd_sqrt_text(coef: Fraction, k: int) -> str:
    """``coef·√k`` with the radical in the numerator: ``\\frac{15\\sqrt{3}}{4}``."""
    if k == 1:
        return num(coef)
    rad = f"\\sqrt{{{k}}}"
    p, q = coef.numerator, coef.denominator
    top = rad if p == 1 else f"{p}{rad}"
    return top if q == 1 else f"\\frac{{{top}}}{{{q}}}"


# --- 塔の高さ ---------------------------------------------------------------------------

OBJECTS = ("塔", "鉄塔", "電波塔", "時計塔", "灯台")


def sample_tower(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 4:
        pair = (30, 60) if difficulty == 1 else rng.choice([(30, 45), (45, 60)] if difficulty == 2 else
                                                           [(30, 45), (45, 60), (30, 60)])
        d = rng.randint(2, 24) * 5
        base = rng.choice([2, 3, 4, 5]) if difficulty == 3 else 0
        return {"kind": "line", "far": pair[0], "near": pair[1], "d": d, "base": base,
                "view": "depression" if difficulty == 4 else "elevation", "obj": rng.choice(OBJECTS)}

    def draw(r: Random) -> dict[str, Any]:
        at_b = r.choice([30, 45, 60, 90, 120, 135])
        at_h = r.choice([30, 45, 60, 90, 120, 135])
        return {"kind": "plane", "at_b": at_b, "at_h": at_h, "at_a": 180 - at_b - at_h,
                "elev": r.choice([30, 45, 60]), "d": r.randint(2, 20) * 10, "base": 0,
                "view": "elevation", "obj": r.choice(OBJECTS)}

    return draw_until(rng, draw, lambda p: p["at_a"] >= 15 and p["at_a"] % 15 == 0)


def solve_tower(params: Mapping[str, Any]) -> Solution:
    d = params["d"]
    if params["kind"] == "line":
        far, near = params["far"], params["near"]
        # AH = h·cot(far), BH = h·cot(near), AH - BH = d; cot values lie in Q(√3)
        (p1, q1), (p2, q2) = _q3_of(COT[far]), _q3_of(COT[near])
        p, q = p1 - p2, q1 - q2
        norm = p * p - 3 * q * q
        hp, hq = d * p / norm, -d * q / norm  # d / (p + q√3)
        tp = hp + params["base"]
        steps = {"ah": _times_h(far), "bh": _times_h(near), "diff": _q3_coef_text(p, q), "h": _q3_text(hp, hq),
                 "total": _q3_text(tp, hq)}
        return Solution(answer=_q3_value(tp, hq), answer_latex=_q3_text(tp, hq), steps=steps)
    at_b, at_h, elev = params["at_b"], params["at_h"], params["elev"]
    ah = _div(_mul((Fraction(d), 1), SIN[at_b]), SIN[at_h])
    h = _mul(ah, TAN[elev])
    steps = {"ah": _surd_sqrt_text(*ah), "h": _surd_sqrt_text(*h)}
    return Solution(answer=_root_value(h), answer_latex=_surd_sqrt_text(*h), steps=steps)


def _times_h(angle: int) -> str:
    """h/tan(angle) = h·cot(angle): ``\\sqrt{3}h``, ``h``, ``\\frac{h}{\\sqrt{3}}``."""
    return {30: "\\sqrt{3}h", 45: "h", 60: "\\frac{h}{\\sqrt{3}}"}[angle]


def verify_tower(params: Mapping[str, Any], solution: Solution) -> bool:
    """Place the tower's foot H at the origin and recover the given distance from the answer."""
    try:
        total = float(solution.answer)
    except (TypeError, ValueError):
        return False
    d = params["d"]
    if params["kind"] == "line":
        h = total - params["base"]
        xa = h / math.tan(math.radians(params["far"]))
        xb = h / math.tan(math.radians(params["near"]))
        return h > 0 and math.isclose(xa - xb, d, rel_tol=1e-9)
    h = total
    ah = h / math.tan(math.radians(params["elev"]))
    # A = (ah, 0); B on the ray from A that makes the angle at_a with AH, at distance d
    ang = math.radians(params["at_a"])
    bx, by = ah - d * math.cos(ang), d * math.sin(ang)
    vhb = (-bx, -by)
    vab = (ah - bx, -by)
    cos_b = (vhb[0] * vab[0] + vhb[1] * vab[1]) / (math.hypot(*vhb) * math.hypot(*vab))
    return h > 0 and math.isclose(math.degrees(math.acos(max(-1.0, min(1.0, cos_b)))), params["at_b"],
                                  abs_tol=1e-7)


# --- 土地の面積 -------------------------------------------------------------------------


def sample_plot(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 2:
            top = 9 if difficulty == 1 else 15
            b, c = r.randint(3, top), r.randint(3, top)
            a = r.randint(abs(b - c) + 1, b + c - 1)
            return {"kind": "triangle", "a": a, "b": b, "c": c, "unit": r.choice(["m", "km"])}
        lo, hi = {3: (1, 7), 4: (2, 9), 5: (3, 12)}[difficulty]
        sides = [r.randint(lo, hi) for _ in range(4)]
        return {"kind": "quad", "sides": sides, "unit": r.choice(["m", "cm"])}

    def ok(p: dict[str, Any]) -> bool:
        cos = _cos(p)
        if cos is None or not -1 < cos < 1 or cos == 0:
            return False
        if difficulty == 2 and cos > 0:
            return False
        if p["kind"] == "quad":
            s = p["sides"]
            if 2 * max(s) >= sum(s) or len(set(s)) < 3:
                return False
            if difficulty == 5 and cos > 0:
                return False
        k = squarefree_split(cos.denominator ** 2 - cos.numerator ** 2)[1]
        return k <= 15 if difficulty <= 3 else k <= 35

    return draw_until(rng, draw, ok)


def _cos(params: Mapping[str, Any]) -> Fraction | None:
    if params["kind"] == "triangle":
        a, b, c = params["a"], params["b"], params["c"]
        return Fraction(b * b + c * c - a * a, 2 * b * c)
    ab, bc, cd, da = params["sides"]
    # AC^2 = ab^2 + bc^2 - 2·ab·bc·cos B = cd^2 + da^2 + 2·cd·da·cos B  (B + D = 180°)
    den = 2 * (ab * bc + cd * da)
    return Fraction(ab * ab + bc * bc - cd * cd - da * da, den) if den else None


def solve_plot(params: Mapping[str, Any]) -> Solution:
    cos = _cos(params)
    if cos is None:
        raise ValueError("degenerate")
    k_sq, k = squarefree_split(cos.denominator ** 2 - cos.numerator ** 2)
    sin_coef = Fraction(k_sq, cos.denominator)  # sin = sin_coef·√k
    if params["kind"] == "triangle":
        b, c = params["b"], params["c"]
        area_coef = Fraction(b * c, 2) * sin_coef
        steps = {"cos": num(cos), "sin": _surd_sqrt_text(sin_coef, k), "area": _surd_sqrt_text(area_coef, k),
                 "half": f"\\frac{{1}}{{2}} \\cdot {b} \\cdot {c}"}
    else:
        ab, bc, cd, da = params["sides"]
        area_coef = Fraction(ab * bc + cd * da, 2) * sin_coef
        ac2 = ab * ab + bc * bc - 2 * ab * bc * cos
        steps = {"cos": num(cos), "neg_cos": num(-cos), "sin": _surd_sqrt_text(sin_coef, k),
                 "area": _surd_sqrt_text(area_coef, k), "ac2": num(ac2),
                 "ab": ab, "bc": bc, "cd": cd, "da": da,
                 "s1": _surd_sqrt_text(Fraction(ab * bc, 2) * sin_coef, k),
                 "s2": _surd_sqrt_text(Fraction(cd * da, 2) * sin_coef, k),
                 "lhs": f"{ab * ab + bc * bc} - {2 * ab * bc}\\cos B",
                 "rhs": f"{cd * cd + da * da} + {2 * cd * da}\\cos B",
                 "obtuse": cos < 0}
    value = sp.Rational(area_coef.numerator, area_coef.denominator) * sp.sqrt(k)
    return Solution(answer=value, answer_latex=_surd_sqrt_text(area_coef, k), steps=steps)


def verify_plot(params: Mapping[str, Any], solution: Solution) -> bool:
    """16·S^2 from Heron's formula (triangle) or Brahmagupta's formula (cyclic quadrilateral)."""
    try:
        claimed_sq = sp.Rational(sp.expand(solution.answer ** 2))
    except (TypeError, ValueError):
        return False
    if params["kind"] == "triangle":
        a, b, c = params["a"], params["b"], params["c"]
        sixteen_s2 = (a + b + c) * (-a + b + c) * (a - b + c) * (a + b - c)
    else:
        p, q, r, s = params["sides"]
        sixteen_s2 = (-p + q + r + s) * (p - q + r + s) * (p + q - r + s) * (p + q + r - s)
    return bool(solution.answer > 0) and claimed_sq * 16 == sixteen_s2


#: the problem types of this topic (collected into a unit by the public module)
TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        id="tower_height", name="測量（塔の高さ）", sample=sample_tower, solve=solve_tower,
        verify=verify_tower, problem_templates=numbered_templates("tower_height", 5),
        solution_template="tower_height_solution.j2", shape="word",
        knobs="30° and 60° → 30°/45°/60° pairs (rationalise) → measured from a platform → "
              "angles of depression from the top → foot seen from two points off its line (sine rule)",
    ),
    ProblemType(
        id="plot_area", name="土地の面積（角を求めてから）", sample=sample_plot, solve=solve_plot,
        verify=verify_plot, problem_templates=numbered_templates("plot_area", 5),
        solution_template="plot_area_solution.j2", shape="word",
        knobs="triangle from three sides (cos A, sin A, area) → larger radicals → "
              "quadrilateral inscribed in a circle (cos B from the diagonal twice) → obtuse B",
    ),
)
