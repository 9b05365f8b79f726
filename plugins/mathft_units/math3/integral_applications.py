"""積分法の応用 (数学III): 交点を求めてからの面積, 接線と曲線で囲まれた面積, 容器と y 軸まわりの回転体, 2曲線間の x 軸まわりの回転体.

Solvers use exact antiderivatives (rationals, e^k, log, π, √3); verifiers find the
intersections or the contact point numerically from the parameters (sign changes,
bisection) and integrate with mpmath quadrature, never the solver's closed forms.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.math3._etex import ecoef, evalue, rat
from mathft_units.math3._integ_common import PI, e_form, log_term, over_pi, pi_sq, root3_pi

DPS = 15  # verifiers compare with a 1e-8 relative tolerance; float-level quadrature is enough
PAIRS = (("C_1", "C_2"), ("C", "D"), ("K", "L"))
XSQ = "x\\sqrt{x}"


def _quad(f: Callable[[mpmath.mpf], mpmath.mpf], points: list[Any]) -> mpmath.mpf:
    with mpmath.workdps(DPS):
        return mpmath.quad(f, points)


def _num_value(expr: sp.Expr) -> mpmath.mpf:
    return mpmath.mpf(str(sp.N(expr, DPS)))


def _crossings(h: Callable[[float], float], lo: float, hi: float, steps: int = 2000, iters: int = 60) -> list[float]:
    """Roots of h on [lo, hi] where it changes sign (grid + bisection), plus near-zero grid ends."""
    out: list[float] = []
    xs = [lo + (hi - lo) * i / steps for i in range(steps + 1)]
    vals = [h(x) for x in xs]
    for i, v in enumerate(vals):
        if abs(v) < 1e-12:
            out.append(xs[i])
    for i in range(steps):
        a, b = xs[i], xs[i + 1]
        if vals[i] * vals[i + 1] < 0 and abs(vals[i]) >= 1e-12 and abs(vals[i + 1]) >= 1e-12:
            fa = vals[i]
            for _ in range(iters):
                m = (a + b) / 2
                if (h(m) < 0) == (fa < 0):
                    a = m
                else:
                    b = m
            out.append((a + b) / 2)
    return sorted(out)


def _close(got: Any, want: Any, tol: float = 1e-9) -> bool:
    return abs(float(got) - float(want)) <= tol * max(1.0, abs(float(want)))


# --- 2曲線で囲まれた部分の面積 ---------------------------------------------------------------

AREA_KINDS = {1: ("sin_sin2", "sin2_cos", "log_sq"), 2: ("log_sq", "xlog_line"), 3: ("xlog_line", "exp_quad"),
              4: ("exp_quad", "sqrt_param"), 5: ("sqrt_param", "exp_quad")}
SLOPES = tuple(sorted({Fraction(p, q) for p in range(1, 5) for q in range(1, 5)}))


def sample_area(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(AREA_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "names": list(rng.choice(PAIRS)), "k": rng.randint(1, 12)}
    if kind == "xlog_line":
        p.update(m=rng.choice((-1, 0, 1, 2)), k=rng.randint(1, 8))
    elif kind == "exp_quad":
        p.update(a=rng.randint(2, 12), k=rng.randint(1, 4))
    elif kind == "sqrt_param":
        slope = rng.choice(SLOPES)
        p.update(a=[slope.numerator, slope.denominator], k=rng.randint(1, 3))
    return p


def _area_text(p: Mapping[str, Any]) -> tuple[str, str, str]:
    """(curve 1, curve 2, range note) as shown in the problem."""
    kind, k = p["kind"], p["k"]
    kc = "" if k == 1 else str(k)
    if kind == "sin_sin2":
        return f"y = {kc}\\sin x", f"y = {kc}\\sin 2x", "0 \\leqq x \\leqq \\pi"
    if kind == "sin2_cos":
        return f"y = {kc}\\sin 2x", f"y = {kc}\\cos x", "0 \\leqq x \\leqq \\frac{\\pi}{2}"
    if kind == "log_sq":
        return f"y = {kc}\\log x", f"y = {kc}(\\log x)^2", ""
    if kind == "xlog_line":
        line = "y = 0" if p["m"] == 0 else f"y = {coef_term(k * p['m'], 'x')}"
        return f"y = {kc}x\\log x", line, ""
    if kind == "exp_quad":
        a = p["a"]
        inner = join_terms([coef_term(a + 1, "e^{x}"), str(-a)])
        return f"y = {kc}e^{{2x}}", (f"y = {kc}({inner})" if k > 1 else f"y = {inner}"), ""
    return f"y = {kc}\\sqrt{{x}}", "y = ax", ""


def solve_area(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, k = p["kind"], p["k"]
    c1, c2, note = _area_text(p)
    kc = "" if k == 1 else str(k)
    steps: dict[str, Any] = {"kind": kind, "c1": c1, "c2": c2, "note": note, "k": k, "kc": kc}
    if kind == "sin_sin2":
        v = Fraction(5 * k, 2)
        value, latex = rat(v), num(v)
        steps.update(eq="\\sin 2x = \\sin x", fact="\\sin x(2\\cos x - 1) = 0", xs="0, \\frac{\\pi}{3}, \\pi",
                     parts=f"{kc}\\int_0^{{\\frac{{\\pi}}{{3}}}} (\\sin 2x - \\sin x)\\,dx + {kc}\\int_{{\\frac{{\\pi}}{{3}}}}^{{\\pi}} (\\sin x - \\sin 2x)\\,dx",
                     calc=f"{kc}\\left(\\frac{{1}}{{4}} + \\frac{{9}}{{4}}\\right)" if k > 1 else "\\frac{1}{4} + \\frac{9}{4}")
    elif kind == "sin2_cos":
        v = Fraction(k, 4)
        value, latex = rat(v), num(v)
        steps.update(eq="\\sin 2x = \\cos x", fact="\\cos x(2\\sin x - 1) = 0", xs="\\frac{\\pi}{6}, \\frac{\\pi}{2}",
                     parts=f"{kc}\\int_{{\\frac{{\\pi}}{{6}}}}^{{\\frac{{\\pi}}{{2}}}} (\\sin 2x - \\cos x)\\,dx",
                     anti=f"{kc}\\left[-\\frac{{1}}{{2}}\\cos 2x - \\sin x\\right]_{{\\frac{{\\pi}}{{6}}}}^{{\\frac{{\\pi}}{{2}}}}",
                     calc=f"{kc}\\left\\{{\\left(\\frac{{1}}{{2}} - 1\\right) - \\left(-\\frac{{1}}{{4}} - \\frac{{1}}{{2}}\\right)\\right\\}}")
    elif kind == "log_sq":
        value = k * (3 - sp.E)
        latex = join_terms([str(3 * k), coef_term(-k, "e")])
        steps.update(eq="\\log x = (\\log x)^2", fact="\\log x(\\log x - 1) = 0", xs="1, e",
                     parts=f"{kc}\\int_1^e \\{{\\log x - (\\log x)^2\\}}\\,dx",
                     i1="\\int_1^e \\log x\\,dx = \\left[x\\log x - x\\right]_1^e = 1",
                     i2="\\int_1^e (\\log x)^2\\,dx = \\left[x(\\log x)^2\\right]_1^e - 2\\int_1^e \\log x\\,dx = e - 2",
                     calc=f"{kc}\\{{1 - (e - 2)\\}}" if k > 1 else "1 - (e - 2)")
    elif kind == "xlog_line":
        m = p["m"]
        v = Fraction(k, 4)
        value, latex = evalue(v, 2 * m), ecoef(v, 2 * m)
        em = "1" if m == 0 else ("e" if m == 1 else f"e^{{{m}}}")
        steps.update(eq=f"x\\log x = {coef_term(m, 'x')}" if m else "x\\log x = 0", xs=em, m=m, em=em,
                     parts=f"{kc}\\int_0^{{{em}}} ({coef_term(m, 'x') + ' - ' if m else '-'}x\\log x)\\,dx",
                     prim="\\int x\\log x\\,dx = \\frac{x^2}{2}\\log x - \\frac{x^2}{4} + C",
                     anti=f"{kc}\\left[{coef_term(Fraction(m, 2), 'x^2') + ' - ' if m else '-'}\\frac{{x^2}}{{2}}\\log x + \\frac{{x^2}}{{4}}\\right]_0^{{{em}}}")
    elif kind == "exp_quad":
        a = p["a"]
        lv, ltex = log_term(-k * a, a)
        const = Fraction(k * (a * a - 1), 2)
        value = rat(const) + lv
        latex = join_terms([num(const), ltex])
        steps.update(a=a, eq=f"e^{{2x}} = {join_terms([coef_term(a + 1, 'e^{x}'), str(-a)])}",
                     fact=f"(e^{{x}} - 1)(e^{{x}} - {a}) = 0", xs=f"0, \\log {a}",
                     parts=f"{kc}\\int_0^{{\\log {a}}} \\{{{join_terms([coef_term(a + 1, 'e^{x}'), str(-a)])} - e^{{2x}}\\}}\\,dx",
                     anti=f"{kc}\\left[{coef_term(a + 1, 'e^{x}')} - {a}x - \\frac{{1}}{{2}}e^{{2x}}\\right]_0^{{\\log {a}}}",
                     calc=f"{kc}\\left\\{{\\left({(a + 1) * a} - {a}\\log {a} - \\frac{{{a * a}}}{{2}}\\right) - \\left({a + 1} - \\frac{{1}}{{2}}\\right)\\right\\}}")
    else:
        a = Fraction(*p["a"])
        s_val = Fraction(k**4, 1) / (6 * a**3)
        value, latex = rat(a), num(a)
        steps.update(S=num(s_val), xs=f"0, \\frac{{{k * k}}}{{a^2}}", x2=f"\\frac{{{k * k}}}{{a^2}}",
                     parts=f"\\int_0^{{\\frac{{{k * k}}}{{a^2}}}} ({kc}\\sqrt{{x}} - ax)\\,dx",
                     anti=f"\\left[{coef_term(Fraction(2 * k, 3), XSQ)} - \\frac{{a}}{{2}}x^2\\right]_0^{{\\frac{{{k * k}}}{{a^2}}}}",
                     area_a=f"\\frac{{{k**4}}}{{6a^3}}", a3=num(a**3), k4=k**4)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _area_functions(p: Mapping[str, Any], a_value: float | None = None) -> tuple[Callable[[float], float], float, float]:
    """upper - lower (a signed difference) and a scan interval, from the parameters alone."""
    kind, k = p["kind"], p["k"]
    if kind == "sin_sin2":
        return (lambda x: k * (math.sin(2 * x) - math.sin(x))), 0.0, math.pi
    if kind == "sin2_cos":
        return (lambda x: k * (math.sin(2 * x) - math.cos(x))), 0.0, math.pi / 2
    if kind == "log_sq":
        return (lambda x: k * (math.log(x) - math.log(x) ** 2)), 0.5, 5.0
    if kind == "xlog_line":
        return (lambda x: k * (p["m"] * x - (x * math.log(x) if x > 0 else 0.0))), 0.0, 30.0
    if kind == "exp_quad":
        a = p["a"]
        return (lambda x: k * ((a + 1) * math.exp(x) - a - math.exp(2 * x))), -1.0, 4.0
    a = float(a_value if a_value is not None else 1.0)
    return (lambda x: k * math.sqrt(max(x, 0.0)) - a * x), 0.0, 2 * (k / a) ** 2 + 1


def verify_area(params: Mapping[str, Any], solution: Solution) -> bool:
    """Find where the curves meet numerically and integrate |difference| between the outer crossings."""
    p = params
    if p["kind"] == "sqrt_param":
        a = float(solution.answer)
        if a <= 0:
            return False
        h, lo, hi = _area_functions(p, a)
        xs = _crossings(h, lo, hi)
        area = _quad(lambda x: abs(h(float(x))), [xs[0], xs[-1]])
        target = Fraction(p["k"] ** 4, 1) / (6 * Fraction(*p["a"]) ** 3)
        return len(xs) == 2 and _close(area, target, 1e-8)
    h, lo, hi = _area_functions(p)
    xs = _crossings(h, lo, hi)
    if p["kind"] == "xlog_line":  # the curve reaches the origin only as a limit
        xs = [0.0, *[x for x in xs if x > 1e-9]]
    if len(xs) < 2:
        return False
    area = _quad(lambda x: abs(h(float(x))), xs)
    return _close(area, _num_value(solution.answer), 1e-8)


# --- 曲線とその接線で囲まれた部分の面積 -----------------------------------------------------

TANGENT_KINDS = {1: ("exp_at",), 2: ("exp_at",), 3: ("log_origin", "sqrt_ext"), 4: ("log_at", "sqrt_ext"), 5: ("exp_ext", "log_at")}


def sample_tangent_area(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(TANGENT_KINDS[difficulty])
        p: dict[str, Any] = {"kind": kind, "sigma": 1, "a": r.randint(1, 6), "cn": r.choice(("C", "K")), "ln": r.choice(("\\ell", "m"))}
        if kind == "exp_at":
            p["sigma"] = 1 if difficulty == 1 else r.choice((1, -1))
            p["t"] = r.randint(1, 4) if difficulty == 1 else r.choice((-3, -2, -1, 1, 2, 3))
            p["a"] = r.randint(1, 12) if difficulty == 1 else p["a"]
        elif kind == "exp_ext":
            p["sigma"] = r.choice((1, -1))
            p["p"] = r.randint(-4, 3)
            p["t"] = p["p"] + p["sigma"]
        elif kind == "log_origin":
            p["a"] = r.randint(1, 15)
        elif kind == "sqrt_ext":
            p["s"] = r.randint(1, 5)
        else:
            p["m"] = r.randint(1, 3)
        return p

    return draw_until(rng, draw, lambda p: p.get("t", 1) != 0)


def _exp_curve(a: int, sigma: int) -> str:
    return f"y = {'' if a == 1 else a}{'e^{x}' if sigma == 1 else 'e^{-x}'}"


def _exp_tangent_area(a: int, u: int) -> tuple[sp.Expr, str]:
    """Area between a·e^x, its tangent at x = u and the y-axis: a|e^u(1 - u + u^2/2) - 1|."""
    c = Fraction(a * (u * u - 2 * u + 2), 2)
    if u > 0:
        return e_form(c, u, -a)
    return rat(a) - rat(c) * sp.exp(u), join_terms([str(a), "-" + ecoef(c, u)])


def _over_sqrt(c: Fraction, var: str) -> str:
    """``c/√var``: ``\\frac{3}{2\\sqrt{t}}``, ``\\frac{1}{\\sqrt{t}}``."""
    return f"\\frac{{{c.numerator}}}{{{'' if c.denominator == 1 else c.denominator}\\sqrt{{{var}}}}}"


def _times_sqrt(c: Fraction) -> str:
    """``c·√t``: ``2\\sqrt{t}``, ``\\sqrt{t}``, ``\\frac{2\\sqrt{t}}{3}``."""
    top = f"{'' if c.numerator == 1 else c.numerator}\\sqrt{{t}}"
    return top if c.denominator == 1 else f"\\frac{{{top}}}{{{c.denominator}}}"


def solve_tangent_area(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a = p["kind"], p["a"]
    steps: dict[str, Any] = {"kind": kind, "a": a, "al": "" if a == 1 else str(a),
                             "sqrt_anti": coef_term(Fraction(2 * a, 3), XSQ)}
    if kind in ("exp_at", "exp_ext"):
        sigma, t = p["sigma"], p["t"]
        u = sigma * t
        value, latex = _exp_tangent_area(a, u)
        slope, icpt = ecoef(a * sigma, u), ecoef(a * (1 - u), u)
        line = join_terms([slope + "x" if slope not in ("1", "-1") else slope.replace("1", "") + "x", icpt])
        lo, hi = sorted((0, t))
        # ∫_lo^hi a e^{σx} dx and ∫_lo^hi (line) dx = a e^{u}·R
        ends = (hi, lo) if sigma == 1 else (-lo, -hi)
        i1 = join_terms([ecoef(a, ends[0]), ecoef(-a, ends[1])])
        r = sigma * Fraction(hi * hi - lo * lo, 2) + (1 - u) * (hi - lo)
        steps.update(curve=_exp_curve(a, sigma), t=t, yt=ecoef(a, u), line=line, lo=lo, hi=hi, i1=i1, i2=ecoef(a * r, u),
                     ext=kind == "exp_ext", deriv=ecoef(a * sigma, 0) + ("e^{x}" if sigma == 1 else "e^{-x}") if a * sigma not in (1, -1) else ("e^{x}" if sigma == 1 else "-e^{-x}"),
                     contact=f"(t, {'' if a == 1 else a}{'e^{t}' if sigma == 1 else 'e^{-t}'})", px=p.get("p", 0),
                     t_eq=f"t = {p.get('p', 0)} {'+' if sigma == 1 else '-'} 1", ut=u)
        steps["show_value"] = True
    elif kind == "log_origin":
        value, latex = e_form(Fraction(a, 2), 1, -a)
        al = "" if a == 1 else str(a)
        steps.update(curve=f"y = {al}\\log x", line=f"y = \\frac{{{al}x}}{{e}}",
                     tri=e_form(Fraction(a, 2), 1, 0)[1], under=str(a), al=al)
    elif kind == "sqrt_ext":
        s = p["s"]
        v = Fraction(a * s**3, 3)
        value, latex = rat(v), num(v)
        steps.update(curve=f"y = {'' if a == 1 else a}\\sqrt{{x}}", pp=s * s, s=s,
                     line=f"y = {coef_term(Fraction(a, 2 * s), 'x')} + {num(Fraction(a * s, 2))}",
                     tri=num(Fraction(a * s**3)), under=num(Fraction(2 * a * s**3, 3)), yt=str(a * s),
                     slope=_over_sqrt(Fraction(a, 2), "t"), slope_x=_over_sqrt(Fraction(a, 2), "x"), mult=_times_sqrt(Fraction(2, a)))
    else:
        m = p["m"]
        em = "e" if m == 1 else f"e^{{{m}}}"
        value = rat(a) * (sp.exp(m) / 2 - sp.exp(-m) / 2 - m)
        latex = join_terms([ecoef(Fraction(a, 2), m), ecoef(Fraction(-a, 2), -m), str(-a * m)])
        line = join_terms([f"\\frac{{{'' if a == 1 else a}x}}{{{em}}}", str(a * (m - 1))])
        steps.update(curve=f"y = {'' if a == 1 else a}\\log x", em=em, m=m, line=f"y = {line}", am=a * m,
                     i_line=join_terms([ecoef(Fraction(a, 2), m), ecoef(Fraction(-a, 2), -m), coef_term(a * (m - 1), "(" + em + " - 1)")]) if m > 1 else join_terms([ecoef(Fraction(a, 2), m), ecoef(Fraction(-a, 2), -m)]),
                     i_log=join_terms([ecoef(a * (m - 1), m), str(a)]))
    if kind == "exp_at":
        steps["tan_noun"] = f"点 $({p['t']}, {steps['yt']})$ における接線"
    elif kind == "log_at":
        steps["tan_noun"] = f"点 $({steps['em']}, {a * p['m']})$ における接線"
    elif kind == "log_origin":
        steps["tan_noun"] = "原点から引いた接線"
    else:
        x0 = p["p"] if kind == "exp_ext" else -p["s"] ** 2
        steps["tan_noun"] = f"点 $({x0}, 0)$ から引いた接線"
    steps["bound"] = {"log_origin": "$x$ 軸", "sqrt_ext": "$x$ 軸", "log_at": "直線 $x = 1$"}.get(kind, "$y$ 軸")
    steps["rhs"] = steps["curve"][4:]
    if kind in ("exp_at", "exp_ext"):
        steps["combo"] = join_terms([steps["i1"], ecoef(-a * r, u)])
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_tangent_area(params: Mapping[str, Any], solution: Solution) -> bool:
    """Contact point by a sign-change scan + bisection, slope by central differences, Simpson quadrature."""
    p = params
    kind, a = p["kind"], p["a"]
    if kind in ("exp_at", "exp_ext"):
        sigma = p["sigma"]

        def f(x: float) -> float:
            return a * math.exp(sigma * x)
    elif kind == "sqrt_ext":
        def f(x: float) -> float:
            return a * math.sqrt(max(x, 0.0))
    else:
        def f(x: float) -> float:
            return a * math.log(x)
    h = 1e-6

    def slope_at(x: float) -> float:
        return (f(x + h) - f(x - h)) / (2 * h)

    if kind == "exp_at":
        t = float(p["t"])
    elif kind == "log_at":
        t = math.e ** p["m"]
    else:
        x0 = {"exp_ext": p.get("p", 0), "log_origin": 0, "sqrt_ext": -p.get("s", 0) ** 2}[kind]
        lo_scan, hi_scan = (-8.0, 8.0) if kind == "exp_ext" else (0.05, 40.0)
        roots = _crossings(lambda x: f(x) + slope_at(x) * (x0 - x), lo_scan, hi_scan, 400)
        if len(roots) != 1:
            return False
        t = roots[0]
    slope = slope_at(t)

    def line(x: float) -> float:
        return f(t) + slope * (x - t)

    if kind in ("exp_at", "exp_ext"):
        lo, hi = sorted((0.0, t))
        got = simpson(lambda x: f(x) - line(x), lo, hi)
    elif kind == "log_origin":
        got = simpson(line, 0.0, t) - simpson(f, 1.0, t)
    elif kind == "sqrt_ext":  # ∫_0^t √x dx with x = u^2 (smooth integrand)
        got = simpson(line, -p["s"] ** 2, t) - simpson(lambda u: f(u * u) * 2 * u, 0.0, math.sqrt(t))
    else:
        got = simpson(lambda x: line(x) - f(x), 1.0, t)
    return _close(got, _num_value(solution.answer), 1e-7)


def simpson(f: Callable[[float], float], a: float, b: float, n: int = 2000) -> float:
    """Composite Simpson rule (n even): error ~ (b - a)·h^4·max|f^(4)|/180."""
    step = (b - a) / n
    total = f(a) + f(b)
    for i in range(1, n):
        total += (4 if i % 2 else 2) * f(a + i * step)
    return total * step / 3


# --- 容器の水の体積・y 軸のまわりの回転体 ---------------------------------------------------

VOLY_KINDS = {1: ("bowl",), 2: ("bowl", "parab_line"), 3: ("exp_bowl", "log_region", "bowl"), 4: ("sin_shell", "bowl_time", "parab_line"),
              5: ("bowl_rate", "bowl_time")}


def sample_volume_y(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(VOLY_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "a": rng.randint(1, 6), "h": rng.randint(1, 15), "v": rng.randint(1, 9)}
    if kind == "parab_line":
        p.update(a=rng.randint(1, 4), b=rng.randint(1, 8))
    elif kind == "exp_bowl":
        p.update(c=rng.randint(1, 6), d=rng.randint(1, 4))
    elif kind == "log_region":
        m1, m2 = sorted(rng.sample(range(0, 4), 2))
        p.update(m1=m1, m2=m2)
    elif kind == "sin_shell":
        p.update(fn=rng.choice(("sin", "cos")), a=rng.randint(1, 9))
    return p


def _pi_e_fraction(coef: Fraction, inner: str) -> str:
    """``coef·(inner)π`` as the answer keys write it: ``\\frac{9(e^{4} - 1)\\pi}{2}``, ``(e^{2} - 1)\\pi``."""
    top = f"{'' if coef.numerator == 1 else coef.numerator}({inner})\\pi"
    return top if coef.denominator == 1 else f"\\frac{{{top}}}{{{coef.denominator}}}"


def solve_volume_y(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, h, v = p["kind"], p["a"], p["h"], p["v"]
    al = "" if a == 1 else str(a)
    steps: dict[str, Any] = {"kind": kind, "curve": f"y = {al}x^2", "al": al}
    if kind in ("bowl", "bowl_time", "bowl_rate"):
        vol = Fraction(h * h, 2 * a)
        x2 = f"\\frac{{y}}{{{a}}}" if a > 1 else "y"
        steps.update(x2=x2, vol=pi_multiple(vol), integral=f"\\pi\\int_0^{{{h}}} {x2}\\,dy",
                     anti=f"\\pi\\left[\\frac{{y^2}}{{{2 * a}}}\\right]_0^{{{h}}}")
        if kind == "bowl":
            value, latex = rat(vol) * PI, pi_multiple(vol)
        elif kind == "bowl_time":
            tval = vol / v
            value, latex = rat(tval) * PI, pi_multiple(tval)
            steps.update(time_calc=f"{pi_multiple(vol)} \\div {v}")
        else:
            rate = Fraction(a * v, h)
            value, latex = over_pi(rate)
            steps.update(area=pi_multiple(Fraction(h, a)), area_calc=f"\\pi \\cdot \\frac{{{h}}}{{{a}}}" if a > 1 else f"\\pi \\cdot {h}")
    elif kind == "parab_line":
        b = p["b"]
        vol = Fraction(b**4, 6 * a**3)
        x1 = Fraction(b, a)
        value, latex = rat(vol) * PI, pi_multiple(vol)
        steps.update(line=f"y = {coef_term(b, 'x')}", x1=num(x1), b=b,
                     integral=f"2\\pi\\int_0^{{{num(x1)}}} x({coef_term(b, 'x')} - {al}x^2)\\,dx",
                     anti=f"2\\pi\\left[{coef_term(Fraction(b, 3), 'x^3')} - {coef_term(Fraction(a, 4), 'x^4')}\\right]_0^{{{num(x1)}}}")
    elif kind == "exp_bowl":
        c, d = p["c"], p["d"]
        coef = Fraction(c * c, 2)
        value = rat(coef) * PI * (sp.exp(2 * d) - 1)
        latex = _pi_e_fraction(coef, f"e^{{{2 * d}}} - 1")
        steps.update(curve=f"x = {'' if c == 1 else c}e^{{y}}", d=d, c=c,
                     integral=f"\\pi\\int_0^{{{d}}} {'' if c == 1 else c * c}e^{{2y}}\\,dy",
                     anti=f"\\pi\\left[{coef_term(coef, 'e^{2y}')}\\right]_0^{{{d}}}")
    elif kind == "log_region":
        m1, m2 = p["m1"], p["m2"]
        low = "1" if m1 == 0 else f"e^{{{2 * m1}}}"
        value = PI * (sp.exp(2 * m2) - sp.exp(2 * m1)) / 2
        latex = _pi_e_fraction(Fraction(1, 2), f"e^{{{2 * m2}}} - {low}")
        steps.update(curve="y = \\log x", m1=m1, m2=m2, xy="x = e^{y}",
                     integral=f"\\pi\\int_{{{m1}}}^{{{m2}}} e^{{2y}}\\,dy", anti=f"\\pi\\left[\\frac{{1}}{{2}}e^{{2y}}\\right]_{{{m1}}}^{{{m2}}}")
    else:
        fn = p["fn"]
        if fn == "sin":
            value, latex = rat(2 * a) * PI**2, pi_sq(Fraction(2 * a))
            steps.update(curve=f"y = {al}\\sin x", rng="0 \\leqq x \\leqq \\pi", top="\\pi",
                         integral=f"2\\pi\\int_0^{{\\pi}} {al}x\\sin x\\,dx",
                         anti=(f"{2 * a}\\pi" if a > 1 else "2\\pi") + "\\left[-x\\cos x + \\sin x\\right]_0^{\\pi}")
        else:
            value = rat(a) * PI**2 - 2 * a * PI
            latex = join_terms([coef_term(a, "\\pi^2"), coef_term(-2 * a, "\\pi")])
            steps.update(curve=f"y = {al}\\cos x", rng="0 \\leqq x \\leqq \\frac{\\pi}{2}", top="\\frac{\\pi}{2}",
                         integral=f"2\\pi\\int_0^{{\\frac{{\\pi}}{{2}}}} {al}x\\cos x\\,dx",
                         anti=(f"{2 * a}\\pi" if a > 1 else "2\\pi") + "\\left[x\\sin x + \\cos x\\right]_0^{\\frac{\\pi}{2}}")
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_volume_y(params: Mapping[str, Any], solution: Solution) -> bool:
    """Disks (π∫x(y)^2 dy) or shells (2π∫x·f(x) dx) by Simpson; the rate by differencing V(h)."""
    p = params
    kind, a, h, v = p["kind"], p["a"], p["h"], p["v"]
    pi = math.pi

    def water(depth: float) -> float:  # inner radius^2 of the bowl y = a x^2 at height y is y / a
        return pi * simpson(lambda y: y / a, 0.0, depth, 200)

    if kind == "bowl":
        got = water(h)
    elif kind == "bowl_time":
        got = water(h) / v
    elif kind == "bowl_rate":
        eps = 1e-4
        dv_dh = (water(h + eps) - water(h - eps)) / (2 * eps)
        got = v / dv_dh
    elif kind == "parab_line":
        b = p["b"]
        xs = _crossings(lambda x: b * x - a * x * x, -0.5, b / a + 1, 400)
        if len(xs) != 2:
            return False
        got = 2 * pi * simpson(lambda x: x * (b * x - a * x * x), xs[0], xs[1])
    elif kind == "exp_bowl":
        got = pi * simpson(lambda y: (p["c"] * math.exp(y)) ** 2, 0.0, p["d"])
    elif kind == "log_region":
        got = pi * simpson(lambda y: math.exp(y) ** 2, p["m1"], p["m2"])
    else:
        fn = math.sin if p["fn"] == "sin" else math.cos
        top = pi if p["fn"] == "sin" else pi / 2
        got = 2 * pi * simpson(lambda x: x * a * fn(x), 0.0, top)
    return _close(got, _num_value(solution.answer), 1e-7)


# --- 2曲線で囲まれた部分の x 軸のまわりの回転体 ---------------------------------------------

VOLX_KINDS = {1: ("sqrt_line",), 2: ("sin_cos", "sin_sin2", "cos_sin2"), 3: ("log_x", "sin_sin2", "sqrt_line"),
              4: ("hyper_line", "log_x"), 5: ("log_sq", "hyper_line")}


def sample_volume_x(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(VOLX_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "a": rng.randint(1, 9), "names": list(rng.choice(PAIRS))}
    if kind == "sqrt_line":
        p.update(a=rng.randint(1, 12), b=rng.randint(1, 4))
    elif kind == "log_x":
        p.update(a=rng.randint(1, 8), m=rng.randint(1, 4))
    elif kind == "hyper_line":
        lo, hi = sorted(rng.sample(range(1, 10), 2))
        p.update(p=lo, q=hi)
    elif kind == "log_sq":
        p.update(a=rng.randint(1, 6))
    return p


def solve_volume_x(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a = p["kind"], p["a"]
    al = "" if a == 1 else str(a)
    steps: dict[str, Any] = {"kind": kind, "al": al}
    if kind == "sqrt_line":
        b = p["b"]
        x1 = Fraction(a, b * b)
        vol = Fraction(a**3, 6 * b**4)
        value, latex = rat(vol) * PI, pi_multiple(vol)
        steps.update(c1=f"y = \\sqrt{{{al}x}}", c2=f"y = {coef_term(b, 'x')}", c2sq=f"({b}x)^2" if b > 1 else "x^2", eq=f"{al}x = {b * b if b > 1 else ''}x^2",
                     xs=f"0, {num(x1)}", x1=num(x1), note="",
                     integral=f"\\pi\\int_0^{{{num(x1)}}} \\{{{al}x - {b * b if b > 1 else ''}x^2\\}}\\,dx",
                     anti=f"\\pi\\left[{coef_term(Fraction(a, 2), 'x^2')} - {coef_term(Fraction(b * b, 3), 'x^3')}\\right]_0^{{{num(x1)}}}")
    elif kind in ("sin_cos", "sin_sin2", "cos_sin2"):
        up, low, top, eqs = {
            "sin_cos": ("\\cos x", "\\sin x", "\\frac{\\pi}{4}", "\\tan x = 1"),
            "sin_sin2": ("\\sin 2x", "\\sin x", "\\frac{\\pi}{3}", "\\sin x(2\\cos x - 1) = 0"),
            "cos_sin2": ("\\cos x", "\\sin 2x", "\\frac{\\pi}{6}", "\\cos x(1 - 2\\sin x) = 0"),
        }[kind]
        if kind == "sin_cos":
            vol = Fraction(a * a, 2)
            value, latex = rat(vol) * PI, pi_multiple(vol)
            inner, anti = "\\cos 2x", "\\frac{1}{2}\\sin 2x"
        else:
            value, latex = root3_pi(Fraction(3 * a * a, 16))
            inner = "\\frac{1}{2}(\\cos 2x - \\cos 4x)" if kind == "sin_sin2" else "\\frac{1}{2}(\\cos 2x + \\cos 4x)"
            anti = "\\frac{1}{4}\\sin 2x - \\frac{1}{8}\\sin 4x" if kind == "sin_sin2" else "\\frac{1}{4}\\sin 2x + \\frac{1}{8}\\sin 4x"
        a2 = "" if a == 1 else str(a * a)
        steps.update(c1=f"y = {al}{up}", c2=f"y = {al}{low}", eq=eqs, top=top, xs=top,
                     note="0 \\leqq x \\leqq \\frac{\\pi}{2}",
                     yaxis=kind != "sin_sin2",
                     integral=f"\\pi\\int_0^{{{top}}} {a2}\\{{({up})^2 - ({low})^2\\}}\\,dx",
                     anti=f"{a2}\\pi\\int_0^{{{top}}} {inner}\\,dx = {a2}\\pi\\left[{anti}\\right]_0^{{{top}}}")
    elif kind == "log_x":
        m = p["m"]
        em = "e" if m == 1 else f"e^{{{m}}}"
        a2 = a * a
        cm = m * m - 2 * m + 2
        value = a2 * PI * (cm * sp.exp(m) - 2)
        inner = join_terms([ecoef(a2 * cm, m), str(-2 * a2)])
        latex = f"({inner})\\pi"
        steps.update(c1=f"y = {al}\\log x", em=em, m=m, a2="" if a2 == 1 else str(a2),
                     integral=f"\\pi\\int_1^{{{em}}} {'' if a2 == 1 else a2}(\\log x)^2\\,dx",
                     prim="\\int (\\log x)^2\\,dx = x(\\log x)^2 - 2x\\log x + 2x + C",
                     anti=f"{'' if a2 == 1 else a2}\\pi\\left[x(\\log x)^2 - 2x\\log x + 2x\\right]_1^{{{em}}}")
    elif kind == "hyper_line":
        lo, hi = p["p"], p["q"]
        k, s = lo * hi, lo + hi
        vol = Fraction(hi**3 - lo**3, 3) - k * (hi - lo)
        value, latex = rat(vol) * PI, pi_multiple(vol)
        steps.update(c1=f"y = \\frac{{{k}}}{{x}}", c2=f"y = -x + {s}", eq=f"x^2 - {s}x + {k} = 0", xs=f"{lo}, {hi}",
                     fact=f"(x - {lo})(x - {hi}) = 0" if lo > 0 else "", lo=lo, hi=hi,
                     integral=f"\\pi\\int_{{{lo}}}^{{{hi}}} \\left\\{{(-x + {s})^2 - \\frac{{{k * k}}}{{x^2}}\\right\\}}\\,dx",
                     anti=f"\\pi\\left[-\\frac{{(-x + {s})^3}}{{3}} + \\frac{{{k * k}}}{{x}}\\right]_{{{lo}}}^{{{hi}}}")
    else:
        a2 = a * a
        value = a2 * PI * (22 - 8 * sp.E)
        latex = f"({join_terms([str(22 * a2), coef_term(-8 * a2, 'e')])})\\pi"
        steps.update(c1=f"y = {al}\\log x", c2=f"y = {al}(\\log x)^2", a2="" if a2 == 1 else str(a2),
                     integral=f"{'' if a2 == 1 else a2}\\pi\\int_1^e \\{{(\\log x)^2 - (\\log x)^4\\}}\\,dx",
                     i2="\\int_1^e (\\log x)^2\\,dx = e - 2", i3="\\int_1^e (\\log x)^3\\,dx = e - 3(e - 2) = 6 - 2e",
                     i4="\\int_1^e (\\log x)^4\\,dx = e - 4(6 - 2e) = 9e - 24")
    steps["region"] = _washer_region(kind, steps)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _washer_region(kind: str, steps: Mapping[str, Any]) -> str:
    """The region in words (problem statements)."""
    if kind == "log_x":
        return f"曲線 ${steps['c1']}$，$x$ 軸および直線 $x = {steps['em']}$ で囲まれた部分"
    if kind in ("sin_cos", "cos_sin2"):
        return f"${steps['note']}$ の範囲で，2曲線 ${steps['c1']}$，${steps['c2']}$ と $y$ 軸で囲まれた部分"
    if kind == "sin_sin2":
        return f"${steps['note']}$ の範囲で，2曲線 ${steps['c1']}$，${steps['c2']}$ で囲まれた部分"
    return f"曲線 ${steps['c1']}$ と{'直線' if kind in ('sqrt_line', 'hyper_line') else '曲線'} ${steps['c2']}$ で囲まれた部分"


def verify_volume_x(params: Mapping[str, Any], solution: Solution) -> bool:
    """Washers π∫(outer^2 - inner^2) dx between numerically found crossings (Simpson)."""
    p = params
    kind, a = p["kind"], p["a"]
    if kind == "sqrt_line":
        b = p["b"]

        def f(x: float) -> float:
            return math.sqrt(max(a * x, 0.0))

        def g(x: float) -> float:
            return b * x
        xs = _crossings(lambda x: f(x) - g(x), 0.0, a / b / b + 1, 400)
        # √ is not smooth at 0: substitute x = u^2 on the whole washer integrand
        lo, hi = xs[0], xs[-1]
        got = math.pi * simpson(lambda u: (f(u * u) ** 2 - g(u * u) ** 2) * 2 * u, math.sqrt(lo), math.sqrt(hi))
        return len(xs) == 2 and _close(got, _num_value(solution.answer), 1e-7)
    if kind in ("sin_cos", "sin_sin2", "cos_sin2"):
        fu, fl = {"sin_cos": (math.cos, math.sin), "sin_sin2": (lambda x: math.sin(2 * x), math.sin),
                  "cos_sin2": (math.cos, lambda x: math.sin(2 * x))}[kind]
        xs = _crossings(lambda x: a * (fu(x) - fl(x)), 0.0, math.pi / 2 - 0.3, 400)
        lo = 0.0  # the y-axis, or the common point at the origin
        if not xs or (xs[0] < 1e-9 and len(xs) == 1):
            return False
        hi = max(xs)
        got = math.pi * simpson(lambda x: (a * fu(x)) ** 2 - (a * fl(x)) ** 2, lo, hi)
        return _close(got, _num_value(solution.answer), 1e-7)
    if kind == "log_x":
        got = math.pi * simpson(lambda x: (a * math.log(x)) ** 2, 1.0, math.e ** p["m"])
    elif kind == "hyper_line":
        lo, hi = p["p"], p["q"]
        k, s = lo * hi, lo + hi
        xs = _crossings(lambda x: (s - x) - k / x, 0.5, s + 1, 400)
        if len(xs) != 2:
            return False
        got = math.pi * simpson(lambda x: (s - x) ** 2 - (k / x) ** 2, xs[0], xs[1])
    else:
        xs = _crossings(lambda x: a * math.log(x) - a * math.log(x) ** 2, 0.5, 5.0, 400)
        if len(xs) != 2:
            return False
        got = math.pi * simpson(lambda x: (a * math.log(x)) ** 2 - (a * math.log(x) ** 2) ** 2, xs[0], xs[1])
    return _close(got, _num_value(solution.answer), 1e-7)


UNIT = Unit(
    id="math3.integral_applications",
    name="積分法の応用（面積・体積の文章題）",
    course="数学III",
    description="交点を求めてから計算する2曲線間の面積, 曲線と接線で囲まれた面積, 容器の水の体積と y 軸まわりの回転体, 2曲線間の x 軸まわりの回転体.",
    types=(
        ProblemType(
            id="area_between_curves", name="2曲線で囲まれた部分の面積",
            sample=sample_area, solve=solve_area, verify=verify_area,
            problem_templates=numbered_templates("area_between", 7), solution_template="area_between_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="sin x vs sin 2x, log x vs (log x)^2 → x log x vs a line → e^{2x} vs a curve in e^x (log intersections) → the slope a from a given area",
        ),
        ProblemType(
            id="tangent_line_area", name="曲線と接線で囲まれた部分の面積",
            sample=sample_tangent_area, solve=solve_tangent_area, verify=verify_tangent_area,
            problem_templates=numbered_templates("tangent_area", 7), solution_template="tangent_area_solution.j2",
            answer_form="soft", shape="word",
            knobs="e^x tangent at a point → e^{±x} → tangent to log x through the origin, √x from an outside point → log x tangent and x = 1 → tangent of e^{±x} from a point on the x-axis",
        ),
        ProblemType(
            id="container_volume", name="容器の水の体積・y 軸まわりの回転体",
            sample=sample_volume_y, solve=solve_volume_y, verify=verify_volume_y,
            problem_templates=numbered_templates("container", 7), solution_template="container_solution.j2",
            answer_form="soft", shape="word",
            knobs="water in the bowl y = ax^2 → region between y = ax^2 and y = bx → bowl x = ce^y, region of log x → shells of sin/cos, filling time → rate at which the surface rises",
        ),
        ProblemType(
            id="washer_volume", name="2曲線間の部分の x 軸まわりの回転体",
            sample=sample_volume_x, solve=solve_volume_x, verify=verify_volume_x,
            problem_templates=numbered_templates("washer", 7), solution_template="washer_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="√(ax) and bx → sin/cos/sin 2x pairs → (log x)^2 → k/x and a line → log x and (log x)^2",
        ),
    ),
)
