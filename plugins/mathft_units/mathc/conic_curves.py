"""平面上の曲線 (数学C): 楕円・双曲線の焦点と漸近線, 放物線, 接線, 極方程式.

Solvers use the standard-form formulas (c² = a² ∓ b², the tangent x₀x/a² ± y₀y/b² = 1,
x = r cos θ, y = r sin θ); verifiers go back to the definitions: focal distances at points
of the curve, focus–directrix distances, a double root of the line–conic system, and
points of the polar curve substituted into the answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.mathc._forms import coef_body, cos_sin, point_tex, tex

X, Y = sp.symbols("x y")


def shifted(var: str, shift: Any) -> str:
    """``x``, ``(x - 2)``, ``(x + 1)`` for the variable shifted by ``shift``."""
    value = sp.sympify(shift)
    if value == 0:
        return var
    return f"({var} - {tex(value)})" if value > 0 else f"({var} + {tex(-value)})"


def square_term(var: str, shift: Any, denom: int) -> str:
    """``x^2``, ``\\frac{x^2}{25}``, ``\\frac{(x - 2)^2}{9}``."""
    body = f"{shifted(var, shift)}^2"
    return body if denom == 1 else f"\\frac{{{body}}}{{{denom}}}"


# --- 楕円・双曲線の焦点 -------------------------------------------------------------------


def sample_foci(rng: Random, difficulty: int) -> dict[str, Any]:
    hi = [0, 36, 49, 64, 81, 100][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        kind = "ellipse" if difficulty <= 2 and r.random() < 0.7 else r.choice(["ellipse", "hyperbola"])
        ask = "asymptotes" if kind == "hyperbola" and difficulty >= 3 and r.random() < 0.4 else "foci"
        shift = [r.randint(-3, 3), r.randint(-3, 3)] if difficulty >= 4 and ask == "foci" and r.random() < 0.6 else [0, 0]
        squares = [k * k for k in range(1, 11) if k * k <= hi]
        a2 = r.choice(squares) if r.random() < 0.6 else r.randint(1, hi)
        b2 = r.choice(squares) if r.random() < 0.6 else r.randint(1, hi)
        return {"kind": kind, "A": a2, "B": b2, "sign": r.choice([1, -1]) if kind == "hyperbola" else 1,
                "shift": shift, "ask": ask, "end": r.randrange(3)}

    return draw_until(rng, draw, lambda p: p["A"] != p["B"] and (p["A"] > 1 or p["B"] > 1))


def _equation_tex(params: Mapping[str, Any]) -> str:
    (p, q), a2, b2 = params["shift"], params["A"], params["B"]
    left, right = square_term("x", p, a2), square_term("y", q, b2)
    if params["kind"] == "ellipse":
        return f"{left} + {right} = 1"
    return f"{left} - {right} = {1 if params['sign'] == 1 else -1}"


def solve_foci(params: Mapping[str, Any]) -> Solution:
    a2, b2, kind = params["A"], params["B"], params["kind"]
    p, q = params["shift"]
    steps: dict[str, Any] = {"eq": _equation_tex(params), "a": tex(sp.sqrt(a2)), "b": tex(sp.sqrt(b2))}
    if params["ask"] == "asymptotes":
        m = sp.sqrt(sp.Rational(b2, a2))
        lines = [sp.Eq(Y, m * X, evaluate=False), sp.Eq(Y, -m * X, evaluate=False)]
        latex = f"y = {coef_body(m, 'x')}, y = {coef_body(-m, 'x')}"
        steps.update({"m": tex(m), "lines": latex})
        return Solution(answer=sp.FiniteSet(*lines), answer_latex=latex, steps=steps)
    if kind == "ellipse":
        c2 = abs(a2 - b2)
        on_x = a2 > b2
    else:
        c2 = a2 + b2
        on_x = params["sign"] == 1
    c = sp.sqrt(c2)
    pts = [(p + c, q), (p - c, q)] if on_x else [(p, q + c), (p, q - c)]
    steps.update({"c2": c2, "c": tex(c), "on_x": on_x, "center": point_tex(p, q), "shifted": p != 0 or q != 0,
                  "base_eq": _equation_tex({**params, "shift": [0, 0]})})
    latex = ", ".join(point_tex(x, y) for x, y in pts)
    return Solution(answer=sp.FiniteSet(*[sp.Tuple(x, y) for x, y in pts]), answer_latex=latex, steps=steps)


def verify_foci(params: Mapping[str, Any], solution: Solution) -> bool:
    a, b = math.sqrt(params["A"]), math.sqrt(params["B"])
    p, q = params["shift"]
    if params["ask"] == "asymptotes":
        slopes = sorted(float(eq.rhs.coeff(X)) for eq in solution.answer.args)
        u = 12.0  # far along the curve y/x tends to ± b/a
        x, y = (a * math.cosh(u), b * math.sinh(u)) if params["sign"] == 1 else (a * math.sinh(u), b * math.cosh(u))
        return abs(slopes[1] - y / x) < 1e-6 and abs(slopes[0] + y / x) < 1e-6
    foci = [(float(t[0]), float(t[1])) for t in solution.answer.args]
    if len(foci) != 2:
        return False
    for t in (0.3, 1.1, 2.0, 4.4):
        if params["kind"] == "ellipse":
            pt = (p + a * math.cos(t), q + b * math.sin(t))
            want = 2 * max(a, b)
        elif params["sign"] == 1:
            pt = (p + a * math.cosh(t), q + b * math.sinh(t))
            want = 2 * a
        else:
            pt = (p + a * math.sinh(t), q + b * math.cosh(t))
            want = 2 * b
        d1, d2 = (math.dist(pt, f) for f in foci)
        got = d1 + d2 if params["kind"] == "ellipse" else abs(d1 - d2)
        if abs(got - want) > 1e-7:
            return False
    return True


# --- 放物線 -----------------------------------------------------------------------------


def sample_parabola(rng: Random, difficulty: int) -> dict[str, Any]:
    asks = ["to_eq", "to_focus", "to_directrix"]
    dens = [[1], [1, 2], [1, 2, 4], [1, 2, 4], [1, 2, 4]][difficulty - 1]
    shift_share = [0.2, 0.3, 0.4, 0.6, 0.7][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        den = r.choice(dens)
        pnum = r.choice([k for k in range(-12, 13) if k])
        shift = [r.randint(-4, 4), r.randint(-4, 4)] if r.random() < shift_share else [0, 0]
        return {"axis": r.choice(["x", "y"]), "p": [pnum, den], "shift": shift, "ask": r.choice(asks),
                "end": r.randrange(3)}

    return draw_until(rng, draw, lambda prm: math.gcd(prm["p"][0], prm["p"][1]) == 1)


def _parabola_parts(params: Mapping[str, Any]) -> dict[str, Any]:
    p = sp.Rational(*params["p"])
    h, k = params["shift"]
    if params["axis"] == "x":  # (y - k)^2 = 4p(x - h)
        focus, line_var, line_val = (h + p, k), "x", h - p
        lhs, rhs_var, rhs_shift = shifted("y", k), "x", h
        eq = sp.Eq((Y - k) ** 2, 4 * p * (X - h), evaluate=False)
    else:  # (x - h)^2 = 4p(y - k)
        focus, line_var, line_val = (h, k + p), "y", k - p
        lhs, rhs_var, rhs_shift = shifted("x", h), "y", k
        eq = sp.Eq((X - h) ** 2, 4 * p * (Y - k), evaluate=False)
    eq_tex = f"{lhs}^2 = {coef_term(4 * p, shifted(rhs_var, rhs_shift))}"
    return {"p": p, "focus": focus, "line_var": line_var, "line_val": line_val, "eq": eq, "eq_tex": eq_tex,
            "vertex": (h, k)}


def solve_parabola(params: Mapping[str, Any]) -> Solution:
    parts = _parabola_parts(params)
    fx, fy = parts["focus"]
    steps = {
        "eq": parts["eq_tex"], "focus": point_tex(fx, fy), "directrix": f"{parts['line_var']} = {num(parts['line_val'])}",
        "p": num(parts["p"]), "four_p": num(4 * parts["p"]),
        "four_p_axis": coef_term(4 * parts["p"], params["axis"]), "vertex": point_tex(*parts["vertex"]),
        "shifted": parts["vertex"] != (0, 0), "axis": params["axis"],
    }
    ask = params["ask"]
    if ask == "to_eq":
        return Solution(answer=parts["eq"], answer_latex=parts["eq_tex"], steps=steps)
    if ask == "to_focus":
        return Solution(answer=sp.Tuple(fx, fy), answer_latex=point_tex(fx, fy), steps=steps)
    var = X if parts["line_var"] == "x" else Y
    return Solution(answer=sp.Eq(var, parts["line_val"], evaluate=False), answer_latex=steps["directrix"], steps=steps)


def verify_parabola(params: Mapping[str, Any], solution: Solution) -> bool:
    """Points of the parabola are equidistant from the focus and the directrix (exactly)."""
    parts = _parabola_parts(params)
    h, k = parts["vertex"]
    ask = params["ask"]
    if ask == "to_eq":
        focus, line = parts["focus"], parts["line_val"]
        eq = solution.answer
    elif ask == "to_focus":
        focus = (solution.answer[0], solution.answer[1])
        # the vertex is the midpoint of the focus and the directrix
        line = 2 * (h if params["axis"] == "x" else k) - (focus[0] if params["axis"] == "x" else focus[1])
        eq = parts["eq"]
    else:
        line = solution.answer.rhs
        mid = h if params["axis"] == "x" else k
        focus = (2 * mid - line, k) if params["axis"] == "x" else (h, 2 * mid - line)
        eq = parts["eq"]
    poly = sp.expand(eq.lhs - eq.rhs)
    for t in (-3, -1, 0, 2, sp.Rational(5, 2)):
        if params["axis"] == "x":  # choose y; the equation is linear in x
            line_poly = sp.Poly(poly.subs(Y, k + t), X)
            if line_poly.degree() != 1:
                return False
            c1, c0 = line_poly.all_coeffs()
            pts = [(-c0 / c1, k + t)]
            dist_line = [(pts[0][0] - line) ** 2]
        else:
            line_poly = sp.Poly(poly.subs(X, h + t), Y)
            if line_poly.degree() != 1:
                return False
            c1, c0 = line_poly.all_coeffs()
            pts = [(h + t, -c0 / c1)]
            dist_line = [(pts[0][1] - line) ** 2]
        if len(pts) != 1:
            return False
        (x, y), dl = pts[0], dist_line[0]
        if sp.expand((x - focus[0]) ** 2 + (y - focus[1]) ** 2 - dl) != 0:
            return False
    return True


# --- 接線 -----------------------------------------------------------------------------

#: (cos, sin) pairs for points on x²/a² ± y²/b² = 1 (ellipse: a cos, b sin; hyperbola: a sec, b tan)
_ELLIPSE_DIRS = (
    (sp.Rational(3, 5), sp.Rational(4, 5)), (sp.Rational(4, 5), sp.Rational(3, 5)),
    (sp.Rational(5, 13), sp.Rational(12, 13)), (sp.Rational(12, 13), sp.Rational(5, 13)),
    (sp.sqrt(3) / 2, sp.Rational(1, 2)), (sp.Rational(1, 2), sp.sqrt(3) / 2), (sp.sqrt(2) / 2, sp.sqrt(2) / 2),
)
_HYPERBOLA_DIRS = (
    (sp.Rational(5, 3), sp.Rational(4, 3)), (sp.Rational(5, 4), sp.Rational(3, 4)), (sp.Integer(2), sp.sqrt(3)),
    (sp.sqrt(2), sp.Integer(1)), (sp.Rational(13, 5), sp.Rational(12, 5)), (sp.Rational(13, 12), sp.Rational(5, 12)),
)


def sample_tangent(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = "hyperbola" if difficulty >= 4 and r.random() < 0.5 else "ellipse"
        dirs = _ELLIPSE_DIRS if kind == "ellipse" else _HYPERBOLA_DIRS
        pool = (0, 1, 2, 3) if difficulty <= 2 else tuple(range(len(dirs)))
        return {"kind": kind, "dir": r.choice(pool), "a": r.randint(1, 8), "b": r.randint(1, 8),
                "sx": r.choice([1, -1]), "sy": r.choice([1, -1]), "end": r.randrange(3)}

    def accept(p: dict[str, Any]) -> bool:
        return p["a"] != p["b"]

    return draw_until(rng, draw, accept)


def _tangent_point(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr]:
    dirs = _ELLIPSE_DIRS if params["kind"] == "ellipse" else _HYPERBOLA_DIRS
    c, s = dirs[params["dir"]]
    return params["sx"] * params["a"] * c, params["sy"] * params["b"] * s


def solve_tangent(params: Mapping[str, Any]) -> Solution:
    a2, b2 = params["a"] ** 2, params["b"] ** 2
    x0, y0 = _tangent_point(params)
    sign = 1 if params["kind"] == "ellipse" else -1
    # x0 x / a² + sign · y0 y / b² = 1  →  y = m x + c
    m = sp.radsimp(-sign * x0 * b2 / (y0 * a2))
    c = sp.radsimp(sign * b2 / y0)
    latex = f"y = {join_terms([coef_body(m, 'x'), tex(c)])}"
    eq_tex = (f"{square_term('x', 0, a2)} + {square_term('y', 0, b2)} = 1" if sign == 1
              else f"{square_term('x', 0, a2)} - {square_term('y', 0, b2)} = 1")
    tangent_raw = join_terms([coef_body(sp.radsimp(x0 / a2), "x"), coef_body(sp.radsimp(sign * y0 / b2), "y")])
    steps = {"eq": eq_tex, "point": point_tex(x0, y0), "x0": tex(x0), "y0": tex(y0), "a2": a2, "b2": b2,
             "raw": f"{tangent_raw} = 1", "m": tex(m), "c": tex(c)}
    return Solution(answer=sp.Eq(Y, m * X + c, evaluate=False), answer_latex=latex, steps=steps)


def verify_tangent(params: Mapping[str, Any], solution: Solution) -> bool:
    """The line meets the conic in a double root at x = x0."""
    a2, b2 = params["a"] ** 2, params["b"] ** 2
    x0, y0 = _tangent_point(params)
    sign = 1 if params["kind"] == "ellipse" else -1
    line = solution.answer.rhs
    quad = sp.Poly(sp.expand(b2 * X**2 + sign * a2 * line**2 - a2 * b2), X)
    if quad.degree() != 2:
        return False
    qa, qb, qc = quad.all_coeffs()
    disc = sp.expand(qb * qb - 4 * qa * qc)
    root = -qb / (2 * qa)
    on_line = line.subs(X, x0) - y0
    return all(abs(complex(sp.N(v, 30))) < 1e-12 for v in (disc, root - x0, on_line))


# --- 極方程式 -------------------------------------------------------------------------

_LINE_ANGLES = (sp.Rational(1, 3), sp.Rational(1, 6), sp.Rational(1, 4), sp.Rational(2, 3), sp.Rational(3, 4),
                sp.Rational(5, 6))


def sample_polar_eq(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["circle_c", "circle_s", "circle_cs", "axis_line", "circle_r"], ["circle_c", "circle_s", "circle_cs", "circle_r"],
             ["circle_cs", "line"],
             ["circle_cs", "line", "circle_c"], ["line", "circle_cs"]][difficulty - 1]

    weights = [1 if k in ("axis_line", "circle_r") else 3 for k in kinds]

    def draw(r: Random) -> dict[str, Any]:
        kind = r.choices(kinds, weights)[0]
        return {"kind": kind, "a": r.choice([k for k in range(-9, 10) if k]), "b": r.choice([k for k in range(-9, 10) if k]),
                "alpha": r.randrange(len(_LINE_ANGLES)), "d": r.randint(1, 9), "trig": r.choice(["cos", "sin"]),
                "end": r.randrange(3)}

    return draw_until(rng, draw, lambda p: True)


def _polar_parts(params: Mapping[str, Any]) -> dict[str, Any]:
    kind, a, b = params["kind"], params["a"], params["b"]
    if kind == "circle_c":
        a_, b_ = a, 0
    elif kind == "circle_s":
        a_, b_ = 0, b
    elif kind == "circle_cs":
        a_, b_ = a, b
    else:
        a_, b_ = None, None
    if a_ is not None:
        rhs = join_terms([coef_term(2 * a_, "\\cos\\theta") if a_ else "", coef_term(2 * b_, "\\sin\\theta") if b_ else ""])
        eq = sp.Eq((X - a_) ** 2 + (Y - b_) ** 2, sp.Integer(a_ * a_ + b_ * b_), evaluate=False)
        eq_tex = f"{shifted('x', a_)}^2 + {shifted('y', b_)}^2 = {a_ * a_ + b_ * b_}"
        return {"polar": f"r = {rhs}", "eq": eq, "eq_tex": eq_tex, "kind": "circle", "a": a_, "b": b_,
                "expanded": join_terms([coef_term(2 * a_, "x") if a_ else "", coef_term(2 * b_, "y") if b_ else ""]),
                "rhs": rhs, "r2": a_ * a_ + b_ * b_, "radius": tex(sp.sqrt(a_ * a_ + b_ * b_))}
    if kind == "circle_r":
        d = params["d"]
        return {"polar": f"r = {d}", "eq": sp.Eq(X**2 + Y**2, sp.Integer(d * d), evaluate=False), "eq_tex": f"x^2 + y^2 = {d * d}",
                "kind": "radius", "d": d}
    if kind == "axis_line":
        d = params["d"] * (1 if params["a"] > 0 else -1)
        var = X if params["trig"] == "cos" else Y
        name = "x" if params["trig"] == "cos" else "y"
        return {"polar": f"r\\{params['trig']}\\theta = {d}", "eq": sp.Eq(var, sp.Integer(d), evaluate=False),
                "eq_tex": f"{name} = {d}", "kind": "axis", "name": name, "d": d}
    # r cos(θ - α) = d  →  cos α · x + sin α · y = d, scaled to textbook coefficients
    alpha = _LINE_ANGLES[params["alpha"]]
    c, s = cos_sin(alpha)
    d = params["d"]
    scale = sp.Integer(2) if alpha.q in (3, 6) else sp.sqrt(2)
    cx, cy, rhs = sp.radsimp(c * scale), sp.radsimp(s * scale), sp.radsimp(d * scale)
    if cx < 0:
        cx, cy, rhs = -cx, -cy, -rhs
    eq_tex = f"{join_terms([coef_body(cx, 'x'), coef_body(cy, 'y')])} = {tex(rhs)}"
    return {"polar": f"r\\cos\\left(\\theta - {pi_multiple(alpha)}\\right) = {d}", "eq": sp.Eq(cx * X + cy * Y, rhs),
            "eq_tex": eq_tex, "kind": "line", "alpha": pi_multiple(alpha), "cos": tex(c), "sin": tex(s), "d": d,
            "scale": tex(scale), "raw": join_terms([coef_body(c, "x"), coef_body(s, "y")]), "flip": c < 0}


def solve_polar_eq(params: Mapping[str, Any]) -> Solution:
    parts = _polar_parts(params)
    steps = {k: v for k, v in parts.items() if k != "eq"}
    return Solution(answer=parts["eq"], answer_latex=parts["eq_tex"], steps=steps)


def _polar_r(params: Mapping[str, Any], theta: float) -> float | None:
    kind = params["kind"]
    if kind in ("circle_c", "circle_s", "circle_cs"):
        a = params["a"] if kind != "circle_s" else 0
        b = params["b"] if kind != "circle_c" else 0
        return 2 * a * math.cos(theta) + 2 * b * math.sin(theta)
    if kind == "circle_r":
        return float(params["d"])
    if kind == "axis_line":
        d = params["d"] * (1 if params["a"] > 0 else -1)
        t = math.cos(theta) if params["trig"] == "cos" else math.sin(theta)
        return None if abs(t) < 1e-3 else d / t
    alpha = float(_LINE_ANGLES[params["alpha"]]) * math.pi
    t = math.cos(theta - alpha)
    return None if abs(t) < 1e-3 else params["d"] / t


def verify_polar_eq(params: Mapping[str, Any], solution: Solution) -> bool:
    """Points (r cos θ, r sin θ) of the polar curve satisfy the answer's equation."""
    eq = solution.answer
    f = sp.lambdify((X, Y), eq.lhs - eq.rhs, "math")
    checked = 0
    for theta in (0.1, 0.7, 1.3, 2.2, 2.9, 4.0, 5.5):
        r = _polar_r(params, theta)
        if r is None:
            continue
        if abs(f(r * math.cos(theta), r * math.sin(theta))) > 1e-8:
            return False
        checked += 1
    return checked >= 4


# --- the unit -------------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="mathc.conic_curves",
    name="平面上の曲線",
    course="数学C",
    description="楕円・双曲線の焦点と漸近線, 放物線の焦点・準線, 2次曲線の接線, 極方程式.",
    types=(
        ProblemType(
            id="foci", name="楕円・双曲線の焦点",
            sample=sample_foci, solve=solve_foci, verify=verify_foci,
            problem_templates=_phrasings("foci"), solution_template="foci_solution.j2",
            knobs="ellipses → hyperbolas (=±1), asymptotes; radical foci; translated curves from difficulty 4",
        ),
        ProblemType(
            id="parabola", name="放物線",
            sample=sample_parabola, solve=solve_parabola, verify=verify_parabola,
            problem_templates=_phrasings("parabola"), solution_template="parabola_solution.j2",
            knobs="focus/directrix → equation, and back; fractional p from difficulty 2; translated vertices more often",
        ),
        ProblemType(
            id="tangent", name="2次曲線の接線",
            sample=sample_tangent, solve=solve_tangent, verify=verify_tangent,
            problem_templates=_phrasings("tangent"), solution_template="tangent_solution.j2",
            knobs="rational points → points with √2, √3 coordinates; ellipses → hyperbolas",
        ),
        ProblemType(
            id="polar_equation", name="極方程式",
            sample=sample_polar_eq, solve=solve_polar_eq, verify=verify_polar_eq,
            problem_templates=_phrasings("polar_eq"), solution_template="polar_eq_solution.j2",
            knobs="r = 2a cos θ, r cos θ = d → r = 2a cos θ + 2b sin θ, r cos(θ − α) = d",
        ),
    ),
)
