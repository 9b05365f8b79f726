"""図形の性質 (数学A): 角の二等分線, 方べきの定理, メネラウス・チェバの定理.

Solvers apply the theorems as an answer key does; verifiers build the figure in coordinates
(floating point for circles and bisectors, exact fractions for cevians) and measure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num, tex
from mathft_core.units import ProblemType, Solution, Unit, draw_until

_TOL = 1e-9

# --- 角の二等分線 -------------------------------------------------------------------


def sample_bisector(rng: Random, difficulty: int) -> dict[str, Any]:
    asks = [["BD"], ["BD", "DC"], ["BD", "DC", "external"], ["external", "AD", "BD"], ["AD", "external"]][difficulty - 1]
    hi = [0, 9, 12, 15, 18, 24][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"ab": r.randint(2, hi), "ac": r.randint(2, hi), "bc": r.randint(2, hi), "ask": r.choice(asks),
                "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        a, b, c = p["bc"], p["ac"], p["ab"]
        if not (a < b + c and b < a + c and c < a + b):
            return False
        if p["ask"] == "external" and b == c:
            return False  # the external bisector at A is then parallel to BC
        return len({a, b, c}) >= 2

    return draw_until(rng, draw, accept)


def solve_bisector(params: Mapping[str, Any]) -> Solution:
    c, b, a = params["ab"], params["ac"], params["bc"]
    bd = Fraction(a * c, b + c)
    dc = Fraction(a * b, b + c)
    steps: dict[str, Any] = {"bd": num(bd), "dc": num(dc), "sum": b + c}
    ask = params["ask"]
    if ask == "BD":
        value: Any = sp.Rational(bd.numerator, bd.denominator)
    elif ask == "DC":
        value = sp.Rational(dc.numerator, dc.denominator)
    elif ask == "external":
        be = Fraction(a * c, abs(c - b))
        steps.update({"diff": abs(c - b), "be": num(be), "e_beyond_c": c > b})
        value = sp.Rational(be.numerator, be.denominator)
    else:  # AD² = AB·AC − BD·DC (Stewart's theorem / the bisector-length formula)
        ad2 = b * c - bd * dc
        steps.update({"ad2": num(ad2), "bddc": num(bd * dc), "bc_prod": b * c})
        value = sp.sqrt(sp.Rational(ad2.numerator, ad2.denominator))
    return Solution(answer=value, answer_latex=tex(value), steps=steps)


def _triangle(ab: float, ac: float, bc: float) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """B at the origin, C on the positive x-axis, A above."""
    ax = (ab * ab + bc * bc - ac * ac) / (2 * bc)
    ay = math.sqrt(max(ab * ab - ax * ax, 0.0))
    return (ax, ay), (0.0, 0.0), (bc, 0.0)


def _angle(u: tuple[float, float], v: tuple[float, float]) -> float:
    return math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1])


def verify_bisector(params: Mapping[str, Any], solution: Solution) -> bool:
    A, B, C = _triangle(params["ab"], params["ac"], params["bc"])
    ask, value = params["ask"], float(solution.answer)
    to_b = (B[0] - A[0], B[1] - A[1])
    to_c = (C[0] - A[0], C[1] - A[1])
    if ask in ("BD", "DC", "AD"):
        # find D on BC with ∠BAD = ∠DAC by bisection on its x-coordinate
        lo, hi = 0.0, params["bc"]
        for _ in range(200):
            mid = (lo + hi) / 2
            to_d = (mid - A[0], -A[1])
            if abs(_angle(to_b, to_d)) < abs(_angle(to_d, to_c)):
                lo = mid
            else:
                hi = mid
        d = (lo + hi) / 2
        got = {"BD": d, "DC": params["bc"] - d, "AD": math.hypot(d - A[0], A[1])}[ask]
        return abs(got - value) < 1e-7
    # external bisector: the point E on line BC with AE ⟂ (internal bisector direction)
    ub = (to_b[0] / params["ab"], to_b[1] / params["ab"])
    uc = (to_c[0] / params["ac"], to_c[1] / params["ac"])
    ext = (ub[0] - uc[0], ub[1] - uc[1])  # direction of the external bisector
    if abs(ext[1]) < _TOL:
        return False
    t = -A[1] / ext[1]
    ex = A[0] + t * ext[0]
    return abs(abs(ex) - value) < 1e-7


# --- 方べきの定理 -------------------------------------------------------------------


def sample_power(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["secant", "chords"], ["secant", "chords", "tangent_pt"], ["secant", "tangent_pt", "tangent_pb"],
             ["chords", "tangent_pb", "secant_x"], ["secant_x", "tangent_pt", "chords_x"]][difficulty - 1]
    hi = [0, 8, 10, 12, 15, 18][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(kinds)
        pa = r.randint(1, hi)
        pb = r.randint(pa + 1, hi + 4) if kind != "chords" and kind != "chords_x" else r.randint(1, hi)
        pc = r.randint(1, hi)
        return {"kind": kind, "pa": pa, "pb": pb, "pc": pc, "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        kind, pa, pb, pc = p["kind"], p["pa"], p["pb"], p["pc"]
        power = pa * pb
        if kind in ("secant", "chords"):
            pd = Fraction(power, pc)
            if kind == "secant" and (pd <= pc or pc == pa):
                return False  # C is the nearer point on the second secant
            return pd.denominator <= 6 and pd != pc if kind == "chords" else pd.denominator <= 6
        if kind == "secant_x":  # given PA, AB (=PB−PA), PC: find CD
            pd = Fraction(power, pc)
            return pd > pc and pc != pa and (pd - pc).denominator <= 6
        if kind == "chords_x":
            return pa != pb and pc != pa and pc != pb and Fraction(power, pc).denominator <= 6
        if kind == "tangent_pt":
            return True
        # tangent_pb: given PT and PA, find PB = PT²/PA (> PA)
        return pc * pc > pa * pa and Fraction(pc * pc, pa).denominator <= 6

    return draw_until(rng, draw, accept)


def solve_power(params: Mapping[str, Any]) -> Solution:
    kind, pa, pb, pc = params["kind"], params["pa"], params["pb"], params["pc"]
    steps: dict[str, Any] = {"power": pa * pb, "ab": pb - pa}
    if kind in ("secant", "chords", "chords_x"):
        pd = Fraction(pa * pb, pc)
        steps["pd"] = num(pd)
        value: Any = sp.Rational(pd.numerator, pd.denominator)
        if kind == "chords_x":  # asks the whole chord CD = PC + PD
            steps["cd"] = num(pd + pc)
            value = sp.Rational((pd + pc).numerator, (pd + pc).denominator)
    elif kind == "secant_x":
        pd = Fraction(pa * pb, pc)
        steps.update({"pd": num(pd), "cd": num(pd - pc)})
        value = sp.Rational((pd - pc).numerator, (pd - pc).denominator)
    elif kind == "tangent_pt":
        value = sp.sqrt(pa * pb)
        steps["pt"] = tex(value)
    else:
        pbv = Fraction(pc * pc, pa)
        steps.update({"pt2": pc * pc, "pb": num(pbv), "ab_v": num(pbv - pa)})
        value = sp.Rational((pbv - pa).numerator, (pbv - pa).denominator)
    return Solution(answer=value, answer_latex=tex(value), steps=steps)


def _second_hit(center: tuple[float, float], r2: float, u: tuple[float, float], t_known: float) -> float:
    """Other parameter t where P + t·u meets the circle (P = origin), given one root."""
    b = -2 * (center[0] * u[0] + center[1] * u[1])
    c = center[0] ** 2 + center[1] ** 2 - r2
    disc = b * b - 4 * c
    roots = [(-b + math.sqrt(max(disc, 0.0))) / 2, (-b - math.sqrt(max(disc, 0.0))) / 2]
    return max(roots, key=lambda t: abs(t - t_known))


def verify_power(params: Mapping[str, Any], solution: Solution) -> bool:
    """Draw the circle through A, B (on the x-axis through P) and intersect a second line."""
    kind, pa, pb, pc = params["kind"], params["pa"], params["pb"], params["pc"]
    value = float(solution.answer)
    inside = kind in ("chords", "chords_x")
    a_x = -pa if inside else pa
    if kind == "tangent_pb":
        pb_len = value + pa  # AB is the answer
        center = ((pa + pb_len) / 2, 3.7)
        r2 = ((pb_len - pa) / 2) ** 2 + 3.7**2
        tangent = math.sqrt(center[0] ** 2 + center[1] ** 2 - r2)
        return abs(tangent - pc) < 1e-7
    t_c = -pc if inside else pc  # C is behind P on its line when P is inside the circle
    # the height of the centre is free; take it large enough for a line through P to meet
    # the circle at distance pc
    height = 2.3 + abs((t_c * t_c + a_x * pb) / (2 * t_c))
    center = ((a_x + pb) / 2, height)
    r2 = (center[0] - a_x) ** 2 + center[1] ** 2
    if kind == "tangent_pt":
        return abs(math.sqrt(center[0] ** 2 + center[1] ** 2 - r2) - value) < 1e-7
    # direction u with the circle meeting P + t·u at t = t_c
    dist = math.hypot(*center)
    target = (t_c * t_c + center[0] ** 2 + center[1] ** 2 - r2) / (2 * t_c)  # = c·u
    if abs(target) > dist:
        return False
    phi = math.atan2(center[1], center[0]) - math.acos(target / dist)
    u = (math.cos(phi), math.sin(phi))
    t_d = _second_hit(center, r2, u, t_c)
    pd = abs(t_d)
    got = {"secant": pd, "chords": pd, "secant_x": pd - pc, "chords_x": pd + pc}[kind]
    return abs(got - value) < 1e-7


# --- メネラウス・チェバ ---------------------------------------------------------------


def sample_menelaus(rng: Random, difficulty: int) -> dict[str, Any]:
    asks = [["BO_OQ"], ["BO_OQ", "CO_OP"], ["BO_OQ", "CO_OP", "BR_RC"], ["BR_RC", "area", "CO_OP"],
            ["area", "BR_RC", "BO_OQ"]][difficulty - 1]
    hi = [0, 5, 6, 7, 8, 9][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"m": r.randint(1, hi), "n": r.randint(1, hi), "s": r.randint(1, hi), "t": r.randint(1, hi),
                "ask": r.choice(asks), "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        from math import gcd

        return gcd(p["m"], p["n"]) == 1 and gcd(p["s"], p["t"]) == 1 and (p["m"], p["n"]) != (p["s"], p["t"])

    return draw_until(rng, draw, accept)


def solve_menelaus(params: Mapping[str, Any]) -> Solution:
    """P on AB with AP:PB = m:n, Q on AC with AQ:QC = s:t, O = BQ ∩ CP, R = AO ∩ BC."""
    m, n, s, t = params["m"], params["n"], params["s"], params["t"]
    # Menelaus for △ABQ and line P–O–C: (AP/PB)(BO/OQ)(QC/CA) = 1
    bo_oq = Fraction(n, m) * Fraction(s + t, t)
    # Menelaus for △ACP and line Q–O–B: (AQ/QC)(CO/OP)(PB/BA) = 1
    co_op = Fraction(t, s) * Fraction(m + n, n)
    # Ceva: (AP/PB)(BR/RC)(CQ/QA) = 1 with R = AO ∩ BC
    br_rc = Fraction(n, m) * Fraction(s, t)
    steps: dict[str, Any] = {"bo_oq": num(bo_oq), "co_op": num(co_op), "br_rc": num(br_rc),
                             "st": s + t, "mn": m + n}
    ask = params["ask"]
    if ask == "BO_OQ":
        value = bo_oq
    elif ask == "CO_OP":
        value = co_op
    elif ask == "BR_RC":  # BR/RC by Ceva
        value = br_rc
    else:  # △OBC / △ABC = (BO/BQ)·(△QBC/△ABC) = (BO/BQ)·(QC/AC)
        bo_bq = bo_oq / (1 + bo_oq)
        qc_ac = Fraction(t, s + t)
        value = bo_bq * qc_ac
        steps.update({"bo_bq": num(bo_bq), "qc_ac": num(qc_ac)})
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


def verify_menelaus(params: Mapping[str, Any], solution: Solution) -> bool:
    m, n, s, t = params["m"], params["n"], params["s"], params["t"]
    A, B, C = (Fraction(2), Fraction(7)), (Fraction(-3), Fraction(0)), (Fraction(5), Fraction(-1))

    def lerp(X: tuple[Fraction, Fraction], Y: tuple[Fraction, Fraction], k: Fraction) -> tuple[Fraction, Fraction]:
        return (X[0] + (Y[0] - X[0]) * k, X[1] + (Y[1] - X[1]) * k)

    def meet(P1, P2, Q1, Q2) -> tuple[Fraction, Fraction]:
        d1 = (P2[0] - P1[0], P2[1] - P1[1])
        d2 = (Q2[0] - Q1[0], Q2[1] - Q1[1])
        den = d1[0] * d2[1] - d1[1] * d2[0]
        k = ((Q1[0] - P1[0]) * d2[1] - (Q1[1] - P1[1]) * d2[0]) / den
        return lerp(P1, P2, k)

    def dist2(X, Y) -> Fraction:
        return (X[0] - Y[0]) ** 2 + (X[1] - Y[1]) ** 2

    def area(X, Y, Z) -> Fraction:
        return abs((Y[0] - X[0]) * (Z[1] - X[1]) - (Y[1] - X[1]) * (Z[0] - X[0])) / 2

    P = lerp(A, B, Fraction(m, m + n))
    Q = lerp(A, C, Fraction(s, s + t))
    O_ = meet(B, Q, C, P)
    R = meet(A, O_, B, C)
    ask = params["ask"]
    if ask == "area":
        got2 = (area(O_, B, C) / area(A, B, C)) ** 2
    else:
        pairs = {"BO_OQ": (B, O_, Q), "CO_OP": (C, O_, P), "BR_RC": (B, R, C)}
        X, Y, Z = pairs[ask]
        got2 = dist2(X, Y) / dist2(Y, Z)
    want = Fraction(int(solution.answer.p), int(solution.answer.q))
    return want > 0 and got2 == want * want


# --- the unit -------------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="matha.plane_geometry",
    name="図形の性質",
    course="数学A",
    description="角の二等分線と比, 方べきの定理, メネラウスの定理・チェバの定理.",
    types=(
        ProblemType(
            id="angle_bisector", name="角の二等分線",
            sample=sample_bisector, solve=solve_bisector, verify=verify_bisector,
            problem_templates=_phrasings("bisector"), solution_template="bisector_solution.j2",
            knobs="side lengths up to 24; BD → 外角の二等分線 → 二等分線の長さ AD (radical answers)",
        ),
        ProblemType(
            id="power_of_point", name="方べきの定理",
            sample=sample_power, solve=solve_power, verify=verify_power,
            problem_templates=_phrasings("power"), solution_template="power_solution.j2",
            knobs="2本の割線・弦 → 接線 (radical lengths) → 弦全体の長さを問う; fractional answers",
        ),
        ProblemType(
            id="menelaus_ceva", name="メネラウス・チェバの定理",
            sample=sample_menelaus, solve=solve_menelaus, verify=verify_menelaus,
            problem_templates=_phrasings("menelaus"), solution_template="menelaus_solution.j2",
            knobs="ratios up to 9:8; BO/OQ → CO/OP → チェバで BR/RC → 面積比",
        ),
    ),
)
