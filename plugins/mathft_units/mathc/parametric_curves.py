"""媒介変数表示の曲線 (数学C・数学III): dy/dx の値, 接線・法線の方程式, 曲線の長さ.

Solvers differentiate the parametrisation exactly (SymPy on rationals, π and √3); verifiers
evaluate x(t), y(t) in floating point from the parameters, take central differences for
the slope and integrate the speed with Simpson's rule, never the solver's formulas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, num, pi_multiple, poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.mathc._forms import linear_tex, tex

SIN2 = "\\sin^2\\theta"
X, Y = sp.symbols("x y")
THETA_POINTS = {
    "ellipse": (Fraction(1, 6), Fraction(1, 4), Fraction(1, 3), Fraction(2, 3), Fraction(3, 4), Fraction(5, 6),
                Fraction(7, 6), Fraction(4, 3), Fraction(5, 3), Fraction(11, 6)),
    "cycloid": (Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(4, 3), Fraction(3, 2), Fraction(5, 3)),
}


def _theta_tex(k: int) -> str:
    return "\\theta" if k == 1 else f"{k}\\theta"


def curve_floats(p: Mapping[str, Any]) -> tuple[Callable[[float], float], Callable[[float], float]]:
    kind = p["kind"]
    if kind == "poly":
        return (lambda t: p["a"] * t * t + p["p"] * t), (lambda t: t**3 + p["q"] * t)
    if kind == "ellipse":
        return (lambda t: p["a"] * math.cos(t)), (lambda t: p["b"] * math.sin(t))
    return (lambda t: p["a"] * (t - math.sin(t))), (lambda t: p["a"] * (1 - math.cos(t)))


def _curve_tex(p: Mapping[str, Any]) -> tuple[str, str, str]:
    """(x = …, y = …, parameter name)."""
    kind, a = p["kind"], p["a"]
    at = "" if a == 1 else str(a)
    if kind == "poly":
        return f"x = {poly([a, p['p'], 0], 't')}", f"y = {poly([1, 0, p['q'], 0], 't')}", "t"
    if kind == "ellipse":
        return f"x = {at}\\cos\\theta", f"y = {'' if p['b'] == 1 else p['b']}\\sin\\theta", "\\theta"
    if a == 1:
        return "x = \\theta - \\sin\\theta", "y = 1 - \\cos\\theta", "\\theta"
    return f"x = {at}(\\theta - \\sin\\theta)", f"y = {at}(1 - \\cos\\theta)", "\\theta"


# --- 接線・法線 ---------------------------------------------------------------------------

TANGENT_KINDS = {1: ("poly",), 2: ("poly",), 3: ("ellipse",), 4: ("cycloid",), 5: ("ellipse", "cycloid")}


def sample_param_tangent(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(TANGENT_KINDS[difficulty])
        p: dict[str, Any] = {"kind": kind, "ask": "slope" if difficulty == 1 else ("normal" if difficulty == 5 else "tangent")}
        if kind == "poly":
            p.update(a=r.randint(1, 3), p=r.randint(-4, 4), q=r.randint(-5, 5), t0=[r.randint(-3, 3), 1])
        elif kind == "ellipse":
            p.update(a=r.randint(1, 6), b=r.randint(1, 6), t0=_fr(r.choice(THETA_POINTS["ellipse"])))
        else:
            p.update(a=r.randint(1, 5), t0=_fr(r.choice(THETA_POINTS["cycloid"])))
        return p

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "ellipse" and p["a"] == p["b"]:
            return False  # a circle: keep it an ellipse
        dx, dy, _m = _derivs(p)
        return dx != 0 and (p["ask"] != "normal" or dy != 0)

    return draw_until(rng, draw, ok)


def _fr(v: Fraction) -> list[int]:
    return [v.numerator, v.denominator]


def _t0(p: Mapping[str, Any]) -> sp.Expr:
    v = sp.Rational(p["t0"][0], p["t0"][1])
    return v if p["kind"] == "poly" else v * sp.pi


def _trig_table(points: tuple[Fraction, ...]) -> dict[Fraction, tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]]:
    """cos, sin, cot and cot of the half angle at each tabulated angle (computed once at import)."""
    out = {}
    for r in points:
        c, s_ = sp.cos(sp.pi * sp.Rational(r.numerator, r.denominator)), sp.sin(sp.pi * sp.Rational(r.numerator, r.denominator))
        cot = sp.radsimp(c / s_) if s_ != 0 else sp.zoo
        half = sp.radsimp(s_ / (1 - c)) if c != 1 else sp.zoo
        out[r] = (c, s_, cot, half)
    return out


TRIG = _trig_table(tuple(sorted(set(THETA_POINTS["ellipse"]) | set(THETA_POINTS["cycloid"]))))


def _derivs(p: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """dx/dt, dy/dt at t0 and their ratio, exactly (closed forms of the three families)."""
    kind = p["kind"]
    if kind == "poly":
        t0 = sp.Rational(p["t0"][0], p["t0"][1])
        dx, dy = 2 * p["a"] * t0 + p["p"], 3 * t0**2 + p["q"]
        return dx, dy, (dy / dx if dx != 0 else sp.nan)
    c, s_, cot, half = TRIG[Fraction(*p["t0"])]
    if kind == "ellipse":  # dy/dx = b cos / (-a sin) = -(b/a) cot
        return -p["a"] * s_, p["b"] * c, (sp.Rational(-p["b"], p["a"]) * cot if s_ != 0 else sp.nan)
    return p["a"] * (1 - c), p["a"] * s_, (half if c != 1 else sp.nan)  # sin/(1 - cos) = cot(θ/2)


def _point(p: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr]:
    kind, t0 = p["kind"], _t0(p)
    if kind == "poly":
        return p["a"] * t0**2 + p["p"] * t0, t0**3 + p["q"] * t0
    c, s_, _cot, _half = TRIG[Fraction(*p["t0"])]
    if kind == "ellipse":
        return p["a"] * c, p["b"] * s_
    return p["a"] * (t0 - s_), p["a"] * (1 - c)


def solve_param_tangent(params: Mapping[str, Any]) -> Solution:
    p = params
    cx, cy, pn = _curve_tex(p)
    dx, dy, m = _derivs(p)
    x0, y0 = _point(p)
    t0_tex = num(Fraction(*p["t0"])) if p["kind"] == "poly" else pi_multiple(Fraction(*p["t0"]))
    steps: dict[str, Any] = {"cx": cx, "cy": cy, "pn": pn, "t0": t0_tex, "kind": p["kind"],
                             "dx": _dtex(p, "x"), "dy": _dtex(p, "y"), "dx0": tex(dx), "dy0": tex(dy), "m": tex(m),
                             "x0": tex(x0), "y0": tex(y0)}
    if p["ask"] == "slope":
        return Solution(answer=m, answer_latex=tex(m), steps=steps)
    slope = m if p["ask"] == "tangent" else sp.radsimp(-1 / m)  # m is q or q·√3: cheap
    const = sp.expand(y0 - slope * x0)
    latex = "y = " + linear_tex([slope], ["x"], const) if slope != 0 else f"y = {tex(const)}"
    steps.update(slope=tex(slope), normal=p["ask"] == "normal", line=latex)
    return Solution(answer=sp.Eq(Y, slope * X + const), answer_latex=latex, steps=steps)


def _dtex(p: Mapping[str, Any], which: str) -> str:
    """dx/dt or dy/dt as shown in the solution."""
    kind, a = p["kind"], p["a"]
    at = "" if a == 1 else str(a)
    if kind == "poly":
        return poly([2 * a, p["p"]], "t") if which == "x" else poly([3, 0, p["q"]], "t")
    if kind == "ellipse":
        return f"-{at}\\sin\\theta" if which == "x" else f"{'' if p['b'] == 1 else p['b']}\\cos\\theta"
    if which == "x":
        return f"{at}(1 - \\cos\\theta)" if a > 1 else "1 - \\cos\\theta"
    return f"{at}\\sin\\theta"


def verify_param_tangent(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    fx, fy = curve_floats(p)
    t0 = p["t0"][0] / p["t0"][1] * (1 if p["kind"] == "poly" else math.pi)
    h = 1e-6
    slope = (fy(t0 + h) - fy(t0 - h)) / (fx(t0 + h) - fx(t0 - h))
    if p["ask"] == "slope":
        return abs(float(solution.answer) - slope) < 1e-6 * max(1.0, abs(slope))
    rhs = solution.answer.rhs
    m_ans = float(sp.diff(rhs, X))
    c_ans = float(rhs.subs(X, 0))
    want_m = slope if p["ask"] == "tangent" else -1 / slope
    x0, y0 = fx(t0), fy(t0)
    return abs(m_ans - want_m) < 1e-6 * max(1.0, abs(want_m)) and abs(m_ans * x0 + c_ans - y0) < 1e-7 * max(1.0, abs(y0))


# --- 曲線の長さ ---------------------------------------------------------------------------

LENGTH_KINDS = {1: ("cycloid_full", "astroid"), 2: ("cusp",), 3: ("cycloid_part", "cusp"), 4: ("spiral",), 5: ("involute", "spiral")}
CYCLOID_ENDS = (Fraction(2, 3), Fraction(1), Fraction(4, 3))
INVOLUTE_ENDS = (Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(2))


def sample_length(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(LENGTH_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "a": rng.randint(1, 15)}
    if kind == "cusp":
        p.update(s=rng.randint(2, 6), a=rng.randint(1, 12))
    elif kind == "cycloid_part":
        p.update(end=_fr(rng.choice(CYCLOID_ENDS)))
    elif kind == "spiral":
        p.update(k=rng.randint(2, 9), a=rng.randint(1, 9))
    elif kind == "involute":
        p.update(end=_fr(rng.choice(INVOLUTE_ENDS)), a=rng.randint(1, 9))
    return p


def solve_length(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a = p["kind"], p["a"]
    at = "" if a == 1 else str(a)
    steps: dict[str, Any] = {"kind": kind, "a": a, "at": at}
    if kind in ("cycloid_full", "cycloid_part"):
        end = Fraction(2) if kind == "cycloid_full" else Fraction(*p["end"])
        value = 4 * a * (1 - sp.cos(sp.pi * sp.Rational(end.numerator, end.denominator) / 2))
        steps.update(cx=f"x = {at}(\\theta - \\sin\\theta)" if a > 1 else "x = \\theta - \\sin\\theta",
                     cy=f"y = {at}(1 - \\cos\\theta)" if a > 1 else "y = 1 - \\cos\\theta", rng=f"0 \\leqq \\theta \\leqq {pi_multiple(end)}",
                     speed2=f"{a * a if a > 1 else ''}\\{{(1 - \\cos\\theta)^2 + \\sin^2\\theta\\}} = {2 * a * a}(1 - \\cos\\theta) = {4 * a * a}\\sin^2\\frac{{\\theta}}{{2}}",
                     speed=f"{2 * a}\\sin\\frac{{\\theta}}{{2}}", end=pi_multiple(end), half_end=pi_multiple(end / 2),
                     integral=f"\\int_0^{{{pi_multiple(end)}}} {2 * a}\\sin\\frac{{\\theta}}{{2}}\\,d\\theta",
                     anti=f"\\left[-{4 * a}\\cos\\frac{{\\theta}}{{2}}\\right]_0^{{{pi_multiple(end)}}}",
                     dx=f"{at}(1 - \\cos\\theta)" if a > 1 else "1 - \\cos\\theta", dy=f"{at}\\sin\\theta")
    elif kind == "astroid":
        value = sp.Rational(3 * a, 2)
        steps.update(cx=f"x = {at}\\cos^3\\theta", cy=f"y = {at}\\sin^3\\theta", rng="0 \\leqq \\theta \\leqq \\frac{\\pi}{2}",
                     dx=f"-{3 * a}\\cos^2\\theta\\sin\\theta", dy=f"{3 * a}\\sin^2\\theta\\cos\\theta",
                     speed2=f"{9 * a * a}\\sin^2\\theta\\cos^2\\theta(\\cos^2\\theta + \\sin^2\\theta) = {9 * a * a}\\sin^2\\theta\\cos^2\\theta",
                     speed=f"{3 * a}\\sin\\theta\\cos\\theta",
                     integral=f"\\int_0^{{\\frac{{\\pi}}{{2}}}} {3 * a}\\sin\\theta\\cos\\theta\\,d\\theta",
                     anti=f"\\left[{coef_term(Fraction(3 * a, 2), SIN2)}\\right]_0^{{\\frac{{\\pi}}{{2}}}}")
    elif kind == "cusp":
        s = p["s"]
        tend = sp.sqrt(s * s - 1)
        value = sp.Integer(2 * a * (s**3 - 1))
        steps.update(cx=f"x = {3 * a}t^2", cy=f"y = {2 * a}t^3", rng=f"0 \\leqq t \\leqq {tex(tend)}", tend=tex(tend),
                     dx=f"{6 * a}t", dy=f"{6 * a}t^2", speed2=f"{36 * a * a}t^2(1 + t^2)", speed=f"{6 * a}t\\sqrt{{1 + t^2}}",
                     integral=f"\\int_0^{{{tex(tend)}}} {6 * a}t\\sqrt{{1 + t^2}}\\,dt",
                     anti=f"\\left[{2 * a}(1 + t^2)^{{\\frac{{3}}{{2}}}}\\right]_0^{{{tex(tend)}}}", s2=s * s,
                     calc=f"{2 * a}({s}^3 - 1)")
    elif kind == "spiral":
        k = p["k"]
        value = a * sp.sqrt(2) * (k - 1)
        steps.update(cx=f"x = {at}e^{{t}}\\cos t", cy=f"y = {at}e^{{t}}\\sin t", rng=f"0 \\leqq t \\leqq \\log {k}", k=k,
                     dx=f"{at}e^{{t}}(\\cos t - \\sin t)", dy=f"{at}e^{{t}}(\\sin t + \\cos t)",
                     speed2=f"{a * a if a > 1 else ''}e^{{2t}}\\{{(\\cos t - \\sin t)^2 + (\\sin t + \\cos t)^2\\}} = {2 * a * a}e^{{2t}}",
                     speed=f"{tex(a * sp.sqrt(2))}e^{{t}}",
                     integral=f"\\int_0^{{\\log {k}}} {tex(a * sp.sqrt(2))}e^{{t}}\\,dt",
                     anti=f"{tex(a * sp.sqrt(2))}\\left[e^{{t}}\\right]_0^{{\\log {k}}}", calc=f"{tex(a * sp.sqrt(2))}({k} - 1)")
    else:
        end = Fraction(*p["end"])
        value = sp.Rational(a * end.numerator**2, 2 * end.denominator**2) * sp.pi**2
        steps.update(cx=f"x = {at}(\\cos t + t\\sin t)" if a > 1 else "x = \\cos t + t\\sin t",
                     cy=f"y = {at}(\\sin t - t\\cos t)" if a > 1 else "y = \\sin t - t\\cos t", rng=f"0 \\leqq t \\leqq {pi_multiple(end)}",
                     dx=f"{at}t\\cos t", dy=f"{at}t\\sin t", speed2=f"{a * a if a > 1 else ''}t^2(\\cos^2 t + \\sin^2 t) = {a * a if a > 1 else ''}t^2",
                     speed=f"{at}t", integral=f"\\int_0^{{{pi_multiple(end)}}} {at}t\\,dt",
                     anti=f"\\left[{coef_term(Fraction(a, 2), 't^2')}\\right]_0^{{{pi_multiple(end)}}}")
    latex = pi_sq_tex(value) if kind == "involute" else tex(value)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def pi_sq_tex(value: sp.Expr) -> str:
    c = sp.Rational(value / sp.pi**2)
    p_, q = int(c.p), int(c.q)
    if q == 1:
        return f"{'' if p_ == 1 else p_}\\pi^2"
    return f"\\frac{{\\pi^2}}{{{q}}}" if p_ == 1 else f"\\frac{{{p_}}}{{{q}}}\\pi^2"


def length_curve(p: Mapping[str, Any]) -> tuple[Callable[[float], float], Callable[[float], float], float]:
    kind, a = p["kind"], p["a"]
    if kind in ("cycloid_full", "cycloid_part"):
        end = 2 * math.pi if kind == "cycloid_full" else math.pi * p["end"][0] / p["end"][1]
        return (lambda t: a * (t - math.sin(t))), (lambda t: a * (1 - math.cos(t))), end
    if kind == "astroid":
        return (lambda t: a * math.cos(t) ** 3), (lambda t: a * math.sin(t) ** 3), math.pi / 2
    if kind == "cusp":
        return (lambda t: 3 * a * t * t), (lambda t: 2 * a * t**3), math.sqrt(p["s"] ** 2 - 1)
    if kind == "spiral":
        return (lambda t: a * math.exp(t) * math.cos(t)), (lambda t: a * math.exp(t) * math.sin(t)), math.log(p["k"])
    return (lambda t: a * (math.cos(t) + t * math.sin(t))), (lambda t: a * (math.sin(t) - t * math.cos(t))), math.pi * p["end"][0] / p["end"][1]


def verify_length(params: Mapping[str, Any], solution: Solution) -> bool:
    """Arc length ∫ √(x'^2 + y'^2) dt with central-difference derivatives and Simpson's rule."""
    fx, fy, end = length_curve(params)
    h = 1e-5

    def speed(t: float) -> float:
        return math.hypot((fx(t + h) - fx(t - h)) / (2 * h), (fy(t + h) - fy(t - h)) / (2 * h))

    n = 600  # smooth speeds: Simpson's error ~ h^4 stays far below the tolerance
    step = end / n
    total = speed(0.0) + speed(end) + sum((4 if i % 2 else 2) * speed(i * step) for i in range(1, n))
    got = total * step / 3
    want = float(sp.N(solution.answer, 20))
    return abs(got - want) < 1e-6 * max(1.0, abs(want))


# --- 平面上の点の運動 (速さ・加速度の大きさ) ---------------------------------------------------

MOTION_KINDS = {1: ("poly",), 2: ("poly",), 3: ("cycloid",), 4: ("spiral",), 5: ("spiral", "poly")}


def sample_motion(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(MOTION_KINDS[difficulty])
        ask = "speed" if difficulty in (1, 3, 4) else "accel"
        p: dict[str, Any] = {"kind": kind, "ask": ask, "a": r.randint(1, 6), "point": r.choice(("P", "Q"))}
        if kind == "poly":
            p.update(p=r.randint(-4, 4), q=r.randint(-6, 6), t0=r.randint(1, 3))
        elif kind == "cycloid":
            p.update(t0=_fr(r.choice(THETA_POINTS["cycloid"])))
        else:
            p.update(k=r.randint(2, 9))
        return p

    return draw_until(rng, draw, lambda p: p["kind"] != "poly" or (2 * p["a"] * p["t0"] + p["p"], 3 * p["t0"] ** 2 + p["q"]) != (0, 0))


def solve_motion(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a = p["kind"], p["a"]
    at = "" if a == 1 else str(a)
    steps: dict[str, Any] = {"kind": kind, "ask": p["ask"], "a": a}
    if kind == "poly":
        t0 = p["t0"]
        vx, vy, ax, ay = 2 * a * t0 + p["p"], 3 * t0 * t0 + p["q"], 2 * a, 6 * t0
        steps.update(cx=f"x = {poly([a, p['p'], 0], 't')}", cy=f"y = {poly([1, 0, p['q'], 0], 't')}", t0=str(t0),
                     vx=poly([2 * a, p["p"]], "t"), vy=poly([3, 0, p["q"]], "t"), ax=str(2 * a), ay="6t",
                     vx0=vx, vy0=vy, ax0=ax, ay0=ay)
        sq = vx * vx + vy * vy if p["ask"] == "speed" else ax * ax + ay * ay
        value = sp.sqrt(sq)
        steps["sq"] = f"{_sqp(vx)}^2 + {_sqp(vy)}^2" if p["ask"] == "speed" else f"{_sqp(ax)}^2 + {_sqp(ay)}^2"
    elif kind == "cycloid":
        c = TRIG[Fraction(*p["t0"])][0]
        value = sp.sqrt(sp.nsimplify(a * a * (2 - 2 * c)))
        steps.update(cx=f"x = {at}(t - \\sin t)" if a > 1 else "x = t - \\sin t", cy=f"y = {at}(1 - \\cos t)" if a > 1 else "y = 1 - \\cos t",
                     t0=pi_multiple(Fraction(*p["t0"])), vx=f"{at}(1 - \\cos t)" if a > 1 else "1 - \\cos t", vy=f"{at}\\sin t",
                     cos0=tex(c), sq=f"{a * a if a > 1 else ''}\\{{(1 - \\cos t)^2 + \\sin^2 t\\}} = {2 * a * a}(1 - \\cos t)",
                     sq0=f"{2 * a * a}\\left(1 - {tex(c) if c >= 0 else '(' + tex(c) + ')'}\\right)" if c != 0 else "")
    else:
        k = p["k"]
        value = sp.sqrt(2) * a * k if p["ask"] == "speed" else sp.Integer(2 * a * k)
        steps.update(cx=f"x = {at}e^{{t}}\\cos t", cy=f"y = {at}e^{{t}}\\sin t", t0=f"\\log {k}", k=k,
                     vx=f"{at}e^{{t}}(\\cos t - \\sin t)", vy=f"{at}e^{{t}}(\\sin t + \\cos t)",
                     ax=f"-{2 * a}e^{{t}}\\sin t", ay=f"{2 * a}e^{{t}}\\cos t",
                     mag=f"{tex(sp.sqrt(2) * a)}e^{{t}}" if p["ask"] == "speed" else f"{2 * a}e^{{t}}")
    return Solution(answer=value, answer_latex=tex(value), steps=steps)


def _sqp(v: int) -> str:
    return f"({v})" if v < 0 else str(v)


def motion_curve(p: Mapping[str, Any]) -> tuple[Callable[[float], float], Callable[[float], float], float]:
    kind, a = p["kind"], p["a"]
    if kind == "poly":
        return (lambda t: a * t * t + p["p"] * t), (lambda t: t**3 + p["q"] * t), float(p["t0"])
    if kind == "cycloid":
        return (lambda t: a * (t - math.sin(t))), (lambda t: a * (1 - math.cos(t))), math.pi * p["t0"][0] / p["t0"][1]
    return (lambda t: a * math.exp(t) * math.cos(t)), (lambda t: a * math.exp(t) * math.sin(t)), math.log(p["k"])


def verify_motion(params: Mapping[str, Any], solution: Solution) -> bool:
    """Velocity and acceleration by central differences of the position."""
    fx, fy, t0 = motion_curve(params)
    h = 1e-4
    if params["ask"] == "speed":
        got = math.hypot((fx(t0 + h) - fx(t0 - h)) / (2 * h), (fy(t0 + h) - fy(t0 - h)) / (2 * h))
    else:
        got = math.hypot((fx(t0 + h) - 2 * fx(t0) + fx(t0 - h)) / h**2, (fy(t0 + h) - 2 * fy(t0) + fy(t0 - h)) / h**2)
    want = float(sp.N(solution.answer, 20))
    return abs(got - want) < 1e-5 * max(1.0, abs(want))


UNIT = Unit(
    id="mathc.parametric_curves",
    name="媒介変数表示の曲線",
    course="数学C",
    description="媒介変数表示された曲線の dy/dx, 接線・法線の方程式, 曲線の長さ.",
    types=(
        ProblemType(
            id="parametric_tangent", name="媒介変数表示と接線",
            sample=sample_param_tangent, solve=solve_param_tangent, verify=verify_param_tangent,
            problem_templates=numbered_templates("ptangent", 5), solution_template="ptangent_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="dy/dx of a polynomial curve at t0 → its tangent line → ellipse x = a cos θ, y = b sin θ → cycloid → normal lines",
        ),
        ProblemType(
            id="point_motion", name="平面上の点の運動（速さ・加速度）",
            sample=sample_motion, solve=solve_motion, verify=verify_motion,
            problem_templates=numbered_templates("motion", 5), solution_template="motion_solution.j2",
            answer_form="soft", shape="word",
            knobs="speed of (at^2 + pt, t^3 + qt) → its acceleration → speed on a cycloid (half-angle) → e^t(cos t, sin t) speed → acceleration",
        ),
        ProblemType(
            id="parametric_length", name="曲線の長さ",
            sample=sample_length, solve=solve_length, verify=verify_length,
            problem_templates=numbered_templates("plength", 7), solution_template="plength_solution.j2",
            answer_form="soft", shape="drill",
            knobs="cycloid arch, astroid quarter → x = 3at^2, y = 2at^3 → part of a cycloid → e^t(cos t, sin t) → involute of a circle (π^2)",
        ),
    ),
)
