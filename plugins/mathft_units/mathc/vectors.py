"""ベクトル (数学C): なす角, 大きさの最小, 交点の位置ベクトル, 空間ベクトル (面積・体積).

Solvers work with inner products as an answer key does; verifiers rebuild concrete
vectors or coordinates (numerically or with exact fractions) and measure directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.mathc._forms import angle_tex, tex

# --- なす角 -------------------------------------------------------------------------

#: angle (as a multiple of π), the radical in |a| that makes a·b rational
_ANGLES = {
    sp.Rational(1, 6): 3, sp.Rational(1, 4): 2, sp.Rational(1, 3): 1, sp.Rational(1, 2): 1,
    sp.Rational(2, 3): 1, sp.Rational(3, 4): 2, sp.Rational(5, 6): 3,
}
_COMBOS = ((1, 1), (1, -1), (2, 1), (1, 2), (2, -1), (1, -2), (3, 1), (1, -3), (3, -2), (2, 3))


def sample_angle(rng: Random, difficulty: int) -> dict[str, Any]:
    angles = [[1, 2, 4], [1, 2, 4, 3], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6]][difficulty - 1]
    keys = sorted(_ANGLES)
    hi = [0, 5, 6, 6, 7, 8][difficulty]
    combos = _COMBOS[: [0, 4, 6, 8, 10, 10][difficulty]]

    def draw(r: Random) -> dict[str, Any]:
        theta = keys[r.choice(angles)]
        form = r.choice(["norm", "dot"]) if difficulty >= 3 else "norm"
        p, q = r.choice(combos)
        return {"theta": [theta.p, theta.q], "A": r.randint(1, hi), "B": r.randint(1, hi), "p": p, "q": q,
                "form": form, "x": r.choice([1, 2, -1, 3]), "y": r.choice([-1, -2, 1, 2, -3])}

    def accept(prm: dict[str, Any]) -> bool:
        if prm["form"] == "dot":
            return prm["x"] + prm["y"] != 0 and prm["x"] != prm["y"]
        return _given_value(prm) > 0

    params = draw_until(rng, draw, accept)
    a_abs, b_abs, _ = _norms_and_dot(params)
    params["a2"], params["b2"] = int(a_abs**2), int(b_abs**2)
    params["given"] = str(_given_value(params))
    return params


def _norms_and_dot(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    theta = sp.Rational(*params["theta"])
    rad = _ANGLES[theta]
    a_abs = params["A"] * sp.sqrt(rad)
    b_abs = sp.Integer(params["B"])
    return a_abs, b_abs, sp.nsimplify(a_abs * b_abs * sp.cos(sp.pi * theta))


def _given_value(params: Mapping[str, Any]) -> sp.Rational:
    """|p a + q b|² (form "norm") or (a + x b)·(a + y b) (form "dot"), a rational number."""
    a_abs, b_abs, dot = _norms_and_dot(params)
    if params["form"] == "norm":
        p, q = params["p"], params["q"]
        return sp.nsimplify(p * p * a_abs**2 + q * q * b_abs**2 + 2 * p * q * dot)
    x, y = params["x"], params["y"]
    return sp.nsimplify(a_abs**2 + (x + y) * dot + x * y * b_abs**2)


def _vec_combo(p: int, q: int) -> str:
    return join_terms([coef_term(p, "\\vec{a}"), coef_term(q, "\\vec{b}")])


def solve_angle(params: Mapping[str, Any]) -> Solution:
    a2, b2 = sp.Integer(params["a2"]), sp.Integer(params["b2"])
    given = sp.Rational(params["given"])
    steps: dict[str, Any] = {"a_abs": tex(sp.sqrt(a2)), "b_abs": tex(sp.sqrt(b2)), "a2": params["a2"], "b2": params["b2"]}
    if params["form"] == "norm":
        p, q = params["p"], params["q"]
        dot = (given - p * p * a2 - q * q * b2) / (2 * p * q)
        steps.update({"combo": _vec_combo(p, q), "given_tex": tex(sp.sqrt(given)), "given2": num(given),
                      "pp": p * p, "qq": q * q, "two_pq": 2 * p * q})
    else:
        x, y = params["x"], params["y"]
        dot = (given - a2 - x * y * b2) / (x + y)
        steps.update({"left": _vec_combo(1, x), "right": _vec_combo(1, y), "given_tex": num(given),
                      "sxy": x + y, "xy": x * y, "mid": coef_term(x + y, "\\vec{a} \\cdot \\vec{b}")})
    cos_value = sp.radsimp(dot / (sp.sqrt(a2) * sp.sqrt(b2)))
    theta = sp.Rational(*params["theta"])
    steps.update({"dot": num(dot), "cos": tex(cos_value), "theta": angle_tex(theta)})
    return Solution(answer=sp.pi * theta, answer_latex=angle_tex(theta), steps=steps)


def verify_angle(params: Mapping[str, Any], solution: Solution) -> bool:
    theta = float(solution.answer)
    if not 0 <= theta <= math.pi:
        return False
    a = (math.sqrt(params["a2"]), 0.0)
    b = (math.sqrt(params["b2"]) * math.cos(theta), math.sqrt(params["b2"]) * math.sin(theta))
    if params["form"] == "norm":
        v = (params["p"] * a[0] + params["q"] * b[0], params["p"] * a[1] + params["q"] * b[1])
        got = v[0] ** 2 + v[1] ** 2
    else:
        u = (a[0] + params["x"] * b[0], a[1] + params["x"] * b[1])
        w = (a[0] + params["y"] * b[0], a[1] + params["y"] * b[1])
        got = u[0] * w[0] + u[1] * w[1]
    return abs(got - float(sp.Rational(params["given"]))) < 1e-9


# --- 大きさの最小 ---------------------------------------------------------------------


def sample_min_norm(rng: Random, difficulty: int) -> dict[str, Any]:
    dim = 2 if difficulty <= 3 else 3
    hi = [0, 3, 4, 5, 5, 6][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a = [r.randint(-hi, hi) for _ in range(dim)]
        b = [r.randint(-hi, hi) for _ in range(dim)]
        ask = "min" if difficulty <= 2 else r.choice(["min", "min", "t"])
        return {"a": a, "b": b, "ask": ask, "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        a, b = p["a"], p["b"]
        ab = sum(x * y for x, y in zip(a, b, strict=True))
        bb = sum(y * y for y in b)
        aa = sum(x * x for x in a)
        return bb > 0 and ab != 0 and aa * bb != ab * ab  # t ≠ 0 and a, b not parallel

    return draw_until(rng, draw, accept)


def solve_min_norm(params: Mapping[str, Any]) -> Solution:
    a, b = params["a"], params["b"]
    aa = sum(x * x for x in a)
    ab = sum(x * y for x, y in zip(a, b, strict=True))
    bb = sum(y * y for y in b)
    t_min = Fraction(-ab, bb)
    min2 = aa - Fraction(ab * ab, bb)  # |a + t b|² = bb (t - t_min)² + min2
    value: Any = sp.Rational(t_min.numerator, t_min.denominator) if params["ask"] == "t" else sp.sqrt(
        sp.Rational(min2.numerator, min2.denominator))
    steps = {
        "aa": aa, "ab": ab, "bb": bb, "quad": join_terms([coef_term(bb, "t^2"), coef_term(2 * ab, "t"), str(aa)]),
        "t_min": num(t_min), "min2": num(min2), "min": tex(sp.sqrt(sp.Rational(min2.numerator, min2.denominator))),
        "comp": ", ".join(join_terms([str(x), coef_term(y, "t")]) for x, y in zip(a, b, strict=True)),
        "vertex": join_terms([coef_term(bb, f"\\left(t {'+' if t_min < 0 else '-'} {num(abs(t_min))}\\right)^2"),
                              num(min2)]),
    }
    latex = num(t_min) if params["ask"] == "t" else tex(value)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_min_norm(params: Mapping[str, Any], solution: Solution) -> bool:
    a, b = params["a"], params["b"]

    def f(t: float) -> float:
        return math.sqrt(sum((x + t * y) ** 2 for x, y in zip(a, b, strict=True)))

    lo, hi = -100.0, 100.0
    for _ in range(300):  # golden-section search on the convex |a + t b|
        m1, m2 = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    t = (lo + hi) / 2
    got = t if params["ask"] == "t" else f(t)
    return abs(got - float(solution.answer)) < 1e-6


# --- 交点の位置ベクトル -----------------------------------------------------------------


def sample_intersection(rng: Random, difficulty: int) -> dict[str, Any]:
    hi = [0, 4, 5, 5, 6, 7][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        ask = "OQ" if difficulty >= 4 and r.random() < 0.4 else "OP"
        return {"m": r.randint(1, hi), "n": r.randint(1, hi), "s": r.randint(1, hi), "t": r.randint(1, hi),
                "ask": ask, "letters": r.choice([["C", "D"], ["M", "N"], ["E", "F"]])}

    def accept(p: dict[str, Any]) -> bool:
        return math.gcd(p["m"], p["n"]) == 1 and math.gcd(p["s"], p["t"]) == 1

    return draw_until(rng, draw, accept)


def _op_coefficients(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    alpha = Fraction(params["m"], params["m"] + params["n"])  # OC = alpha a
    beta = Fraction(params["s"], params["s"] + params["t"])  # OD = beta b
    v = (1 - beta) / (1 - alpha * beta)  # BP : PC = v : 1 - v
    return v * alpha, 1 - v, v


def solve_intersection(params: Mapping[str, Any]) -> Solution:
    alpha = Fraction(params["m"], params["m"] + params["n"])
    beta = Fraction(params["s"], params["s"] + params["t"])
    x, y, v = _op_coefficients(params)
    u = 1 - x  # AP : PD = u : 1 - u
    name = "OP"
    cx, cy = x, y
    if params["ask"] == "OQ":
        name = "OQ"
        cx, cy = x / (x + y), y / (x + y)
    lhs = sp.Symbol(f"\\overrightarrow{{{name}}}")
    a, b = sp.Symbol("\\vec{a}"), sp.Symbol("\\vec{b}")
    answer = sp.Eq(lhs, sp.Rational(cx.numerator, cx.denominator) * a + sp.Rational(cy.numerator, cy.denominator) * b,
                   evaluate=False)
    latex = f"\\overrightarrow{{{name}}} = " + join_terms([coef_term(cx, "\\vec{a}"), coef_term(cy, "\\vec{b}")])
    steps = {
        "alpha": num(alpha), "beta": num(beta), "x": num(x), "y": num(y), "u": num(u), "v": num(v),
        "one_minus_alpha_beta": num(1 - alpha * beta), "xy": num(x + y),
        "op": join_terms([coef_term(x, "\\vec{a}"), coef_term(y, "\\vec{b}")]),
        "sum_k": num(1 / (x + y)),
    }
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def verify_intersection(params: Mapping[str, Any], solution: Solution) -> bool:
    """Concrete O, A, B; intersect the lines AD and BC with exact fractions."""
    A, B = (Fraction(3), Fraction(1)), (Fraction(1), Fraction(4))
    alpha = Fraction(params["m"], params["m"] + params["n"])
    beta = Fraction(params["s"], params["s"] + params["t"])
    C = (A[0] * alpha, A[1] * alpha)
    D = (B[0] * beta, B[1] * beta)
    # A + k (D - A) = B + l (C - B)  →  solve the 2×2 system by Cramer's rule
    d1 = (D[0] - A[0], D[1] - A[1])
    d2 = (C[0] - B[0], C[1] - B[1])
    det = d1[0] * (-d2[1]) - d1[1] * (-d2[0])
    rhs = (B[0] - A[0], B[1] - A[1])
    k = (rhs[0] * (-d2[1]) - rhs[1] * (-d2[0])) / det
    P = (A[0] + k * d1[0], A[1] + k * d1[1])
    if params["ask"] == "OQ":  # Q = OP ∩ AB: scale P onto the line x/… through A and B
        # points of AB are s A + (1 - s) B; OQ = λ OP
        det2 = P[0] * (A[1] - B[1]) - P[1] * (A[0] - B[0])
        lam = (B[0] * (A[1] - B[1]) - B[1] * (A[0] - B[0])) / det2
        P = (P[0] * lam, P[1] * lam)
    expr = solution.answer.rhs
    ca = Fraction(str(expr.coeff(sp.Symbol("\\vec{a}"))))
    cb = Fraction(str(expr.coeff(sp.Symbol("\\vec{b}"))))
    return (ca * A[0] + cb * B[0], ca * A[1] + cb * B[1]) == P


# --- 空間ベクトル -------------------------------------------------------------------------


def sample_space(rng: Random, difficulty: int) -> dict[str, Any]:
    hi = [0, 2, 3, 3, 4, 5][difficulty]
    kinds = ["area"] if difficulty <= 2 else ["area", "volume"]

    def draw(r: Random) -> dict[str, Any]:
        pts = [[r.randint(-hi, hi) for _ in range(3)] for _ in range(3)]
        if difficulty == 1:  # points on the axes, as in the textbook warm-up
            pts = [[r.randint(1, 9), 0, 0], [0, r.randint(1, 9), 0], [0, 0, r.randint(1, 9)]]
        return {"kind": r.choice(kinds), "pts": pts, "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        A, B, C = p["pts"]
        u = [b - a for a, b in zip(A, B, strict=True)]
        v = [c - a for a, c in zip(A, C, strict=True)]
        cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
        if not any(cross):
            return False
        if p["kind"] == "volume":
            return sum(a * c for a, c in zip(A, cross, strict=True)) != 0
        return True

    return draw_until(rng, draw, accept)


def solve_space(params: Mapping[str, Any]) -> Solution:
    A, B, C = params["pts"]
    u = [b - a for a, b in zip(A, B, strict=True)]
    v = [c - a for a, c in zip(A, C, strict=True)]
    uu, vv = sum(x * x for x in u), sum(x * x for x in v)
    uv = sum(x * y for x, y in zip(u, v, strict=True))
    steps: dict[str, Any] = {"u": u, "v": v, "uu": uu, "vv": vv, "uv": uv, "inner": uu * vv - uv * uv}
    if params["kind"] == "area":
        value = sp.sqrt(uu * vv - uv * uv) / 2
        steps["area"] = tex(value)
        return Solution(answer=value, answer_latex=tex(value), steps=steps)
    # volume of the tetrahedron OABC = (1/3)·(area of ABC)·(distance from O to the plane ABC),
    # the 数学C method: a normal vector n from n·AB = n·AC = 0, then h = |n·OA| / |n|
    cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    g = math.gcd(*cross)
    n = [c // g for c in cross]
    if next(c for c in n if c) < 0:
        n = [-c for c in n]
    nn = sum(c * c for c in n)
    dot = sum(c * a for c, a in zip(n, A, strict=True))
    area = sp.sqrt(uu * vv - uv * uv) / 2
    height = sp.Abs(dot) / sp.sqrt(nn)
    value = sp.nsimplify(area * height / 3)
    steps.update({"area": tex(area), "n": n, "nn": nn, "dot": dot, "abs_dot": abs(dot),
                  "height": tex(sp.radsimp(height)), "volume": num(value),
                  "n_u": join_terms([coef_term(u[0], "a"), coef_term(u[1], "b"), coef_term(u[2], "c")]),
                  "n_v": join_terms([coef_term(v[0], "a"), coef_term(v[1], "b"), coef_term(v[2], "c")])})
    return Solution(answer=value, answer_latex=num(value), steps=steps)


def verify_space(params: Mapping[str, Any], solution: Solution) -> bool:
    A, B, C = ([float(c) for c in pt] for pt in params["pts"])
    u = [b - a for a, b in zip(A, B, strict=True)]
    v = [c - a for a, c in zip(A, C, strict=True)]
    cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    area = math.sqrt(sum(c * c for c in cross)) / 2
    if params["kind"] == "area":
        return abs(area - float(solution.answer)) < 1e-9
    # volume = base area × height / 3, height = distance from O to the plane ABC
    height = abs(sum(n * a for n, a in zip(cross, A, strict=True))) / math.sqrt(sum(c * c for c in cross))
    return abs(area * height / 3 - float(solution.answer)) < 1e-9


# --- the unit -------------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="mathc.vectors",
    name="ベクトル",
    course="数学C",
    description="内積となす角, 大きさの最小値, 交点の位置ベクトル, 空間の三角形の面積と四面体の体積.",
    types=(
        ProblemType(
            id="angle", name="なす角",
            sample=sample_angle, solve=solve_angle, verify=verify_angle,
            problem_templates=_phrasings("angle"), solution_template="angle_solution.j2",
            knobs="|a ± b| given → |pa + qb| or (a + xb)·(a + yb) given; all angles π/6 … 5π/6 with √2, √3 lengths",
        ),
        ProblemType(
            id="min_norm", name="大きさの最小",
            sample=sample_min_norm, solve=solve_min_norm, verify=verify_min_norm,
            problem_templates=_phrasings("min_norm"), solution_template="min_norm_solution.j2",
            knobs="plane → space vectors, larger components; the minimising t asked from difficulty 3",
        ),
        ProblemType(
            id="intersection", name="交点の位置ベクトル",
            sample=sample_intersection, solve=solve_intersection, verify=verify_intersection,
            problem_templates=_phrasings("intersection"), solution_template="intersection_solution.j2",
            knobs="ratios up to 7:6; OP → 直線 OP と AB の交点 Q",
        ),
        ProblemType(
            id="space", name="空間ベクトル",
            sample=sample_space, solve=solve_space, verify=verify_space,
            problem_templates=_phrasings("space"), solution_template="space_solution.j2",
            knobs="points on the axes → arbitrary points; 三角形の面積 → 四面体の体積",
        ),
    ),
)
