"""回転体の体積 (数学III): V = π∫ y^2 dx (x 軸のまわり) or π∫ x^2 dy (y 軸のまわり).

Families: √(ax), cx^m and c/x over [p, q]; ellipses about either axis; arches of a·sin kx and
a·cos kx (π^2 answers); washers between a line and a parabola; c·e^{mx} over [p, b]; the cap
of a downward parabola about either axis. The verifier integrates the squared radius
numerically from the parameters alone (washers: outer^2 - inner^2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, num, pi_multiple, poly
from mathft_core.units import Solution
from mathft_units.math3._etex import close, epow, rat
from mathft_units.math3._integ_common import PI, cs, jp, pi_at, pi_sq, quad

KINDS = {
    1: ("sqrt", "power", "recip", "ellipse"),
    2: ("power", "ellipse", "recip", "sqrt"),
    3: ("sin", "recip", "between", "cap"),
    4: ("exp", "between", "sin", "ellipse", "cap"),
    5: ("exp", "ellipse", "between", "sin", "cap"),
}
BETWEEN_P = ("1", "2", "3", "1/2", "1/3", "2/3", "3/2", "1/4", "3/4", "4/3", "5/2", "2/5")
XAXIS, YAXIS = "$x$ 軸", "$y$ 軸"


def sample_volume(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind}
    if kind == "sqrt":
        hi = rng.randint(1, 10)
        p.update(a=rng.randint(1, 12), lo=rng.randint(0, hi - 1), hi=hi)
    elif kind == "power":
        m = rng.randint(1, 3)
        hi = rng.randint(1, 6 if m < 3 else 4)
        p.update(c=rng.randint(1, 9), m=m, lo=rng.randint(0, hi - 1), hi=hi)
    elif kind == "ellipse":
        p.update(a=rng.randint(1, 15), b=rng.randint(1, 12), axis=rng.choice(("x", "y")))
    elif kind == "recip":
        lo = rng.randint(1, 8)
        p.update(c=rng.randint(1, 9), lo=lo, hi=lo + rng.randint(1, 5))
    elif kind == "sin":
        p.update(fn=rng.choice(("sin", "cos")), span=rng.choice(("full", "half")), a=rng.randint(1, 15), k=rng.randint(1, 6))
    elif kind == "between":
        if rng.random() < 0.4:
            b = rng.randint(1, 6)
            p.update(pp=str(Fraction(rng.randint(1, 9), b)), alpha=0, beta=b)
        else:
            alpha = rng.randint(0, 4)
            p.update(pp=rng.choice(BETWEEN_P), alpha=alpha, beta=alpha + rng.randint(1, 7 - alpha if alpha > 2 else 4))
    elif kind == "exp":
        m = rng.randint(1, 3)
        hi = rng.randint(1, 5 - m)
        p.update(c=rng.randint(1, 15), m=m, lo=rng.randint(0, hi - 1), hi=hi)
    else:  # cap
        p.update(h=rng.randint(1, 24), r=rng.randint(1, 6), axis=rng.choice(("x", "y")))
    return p


def _lines(lo: int, hi: int) -> str:
    """The boundary lines x = lo (left out when lo = 0, where the curve meets the axis) and x = hi."""
    return f"直線 $x = {hi}$" if lo == 0 else f"2直線 $x = {lo}$，$x = {hi}$"


def _figure(curve: str, rest: str) -> dict[str, str]:
    return {"figure": f"曲線 ${curve}$，{rest}", "figure2": f"{rest}と曲線 ${curve}$"}


def _line_parabola(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """(p, M, N): the parabola y = px^2 and the line y = Mx + N meeting it at x = α, β."""
    pp, al, be = Fraction(p["pp"]), p["alpha"], p["beta"]
    return pp, pp * (al + be), -pp * al * be


def solve_volume(params: Mapping[str, Any]) -> Solution:
    solution = _solve(params)
    steps = dict(solution.steps, figure=jp(solution.steps["figure"]), figure2=jp(solution.steps["figure2"]))
    return Solution(answer=solution.answer, answer_latex=solution.answer_latex, steps=steps)


def _solve(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "axis": XAXIS}
    if kind in ("sqrt", "power", "recip"):
        lo, hi = p["lo"], p["hi"]
        if kind == "sqrt":
            a = p["a"]
            v = Fraction(a * (hi * hi - lo * lo), 2)
            curve, sq = f"y = \\sqrt{{{cs(a)}x}}", coef_term(a, "x")
            anti = f"\\pi\\left[{coef_term(Fraction(a, 2), 'x^2')}\\right]_{{{lo}}}^{{{hi}}}"
        elif kind == "power":
            c, m = p["c"], p["m"]
            v = Fraction(c * c * (hi ** (2 * m + 1) - lo ** (2 * m + 1)), 2 * m + 1)
            curve, sq = f"y = {cs(c)}{'x' if m == 1 else f'x^{m}'}", f"{cs(c * c)}x^{{{2 * m}}}"
            anti = f"\\pi\\left[\\frac{{{cs(c * c)}x^{{{2 * m + 1}}}}}{{{2 * m + 1}}}\\right]_{{{lo}}}^{{{hi}}}"
        else:
            c = p["c"]
            v = c * c * (Fraction(1, lo) - Fraction(1, hi))
            curve, sq = f"y = \\frac{{{c}}}{{x}}", f"\\frac{{{c * c}}}{{x^2}}"
            anti = f"\\pi\\left[-\\frac{{{c * c}}}{{x}}\\right]_{{{lo}}}^{{{hi}}}"
        steps.update(_figure(curve, f"$x$ 軸および{_lines(lo, hi)}"),
                     integral=f"\\pi\\int_{{{lo}}}^{{{hi}}} {sq}\\,dx", anti=anti)
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "ellipse":
        a, b, axis = p["a"], p["b"], p["axis"]
        if a == b:
            curve, name = f"x^2 + y^2 = {a * a}", "円"
        else:
            y_part = "y^2" if b == 1 else f"\\frac{{y^2}}{{{b * b}}}"
            x_part = "x^2" if a == 1 else f"\\frac{{x^2}}{{{a * a}}}"
            curve, name = f"{x_part} + {y_part} = 1", "楕円"
        # about the x-axis: y^2 = (b^2/a^2)(a^2 - x^2) on [-a, a]; about the y-axis swap the roles
        u, w, var = (a, b, "x") if axis == "x" else (b, a, "y")
        v = Fraction(4 * u * w * w, 3)
        ratio = Fraction(w * w, u * u)
        rc = "" if ratio == 1 else num(ratio)
        steps.update(figure=f"{name} ${curve}$ ", figure2=f"{name} ${curve}$ ", axis=XAXIS if axis == "x" else YAXIS,
                     var=var, other="y" if axis == "x" else "x", u=u, sq=f"{rc}({u * u} - {var}^2)",
                     integral=f"\\pi\\int_{{-{u}}}^{{{u}}} {rc}({u * u} - {var}^2)\\,d{var}",
                     anti=f"{rc}\\pi\\left[{coef_term(u * u, var)} - \\frac{{{var}^3}}{{3}}\\right]_{{-{u}}}^{{{u}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "sin":
        fn, a, k, full = p["fn"], p["a"], p["k"], p["span"] == "full"
        kx = "x" if k == 1 else f"{k}x"
        q = pi_multiple(Fraction(1, 2 * k))
        lo = ("0" if fn == "sin" else f"-{q}") if full else "0"
        hi = pi_multiple(Fraction(1, k)) if fn == "sin" and full else q
        v = Fraction(a * a, 2 * k if full else 4 * k)
        curve = f"y = {cs(a)}\\{fn} {kx}\\ \\left({lo} \\leqq x \\leqq {hi}\\right)"
        rest = "$x$ 軸" if full else ("$x$ 軸および直線 $x = " + q + "$" if fn == "sin" else "$x$ 軸および $y$ 軸")
        half = f"\\frac{{1 {'-' if fn == 'sin' else '+'} \\cos {2 * k}x}}{{2}}"
        steps.update(figure=f"曲線 ${curve}$ と{rest}", figure2=f"{rest}と曲線 ${curve}$ ",
                     integral=f"\\pi\\int_{{{lo}}}^{{{hi}}} {cs(a * a)}\\{fn}^2 {kx}\\,dx",
                     anti=f"{cs(a * a)}\\pi\\int_{{{lo}}}^{{{hi}}} {half}\\,dx = {cs(a * a)}\\pi\\left[\\frac{{x}}{{2}} {'-' if fn == 'sin' else '+'} \\frac{{\\sin {2 * k}x}}{{{4 * k}}}\\right]_{{{lo}}}^{{{hi}}}")
        return Solution(answer=rat(v) * PI**2, answer_latex=pi_sq(v), steps=steps)
    if kind == "between":
        pp, big_m, big_n = _line_parabola(p)
        al, be = p["alpha"], p["beta"]
        # (Mx + N)^2 - (px^2)^2 = -p^2x^4 + M^2x^2 + 2MNx + N^2
        coeffs = [-pp * pp, Fraction(0), big_m * big_m, 2 * big_m * big_n, big_n * big_n]
        anti = [c / (5 - i) for i, c in enumerate(coeffs)] + [Fraction(0)]

        def at(x: int) -> Fraction:
            return sum((c * Fraction(x) ** (5 - i) for i, c in enumerate(anti)), Fraction(0))

        v = at(be) - at(al)
        line, par = poly([big_m, big_n]), coef_term(pp, "x^2")
        steps.update(figure=f"直線 $y = {line}$ と放物線 $y = {par}$ ", figure2=f"放物線 $y = {par}$ と直線 $y = {line}$ ",
                     lo=al, hi=be, outer=line, inner=par,
                     integral=f"\\pi\\int_{{{al}}}^{{{be}}} \\left\\{{({line})^2 - \\left({par}\\right)^2\\right\\}}dx",
                     anti=f"\\pi\\int_{{{al}}}^{{{be}}} ({poly(coeffs)})\\,dx = \\pi\\left[{poly(anti)}\\right]_{{{al}}}^{{{be}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "exp":
        c, m, lo, hi = p["c"], p["m"], p["lo"], p["hi"]
        coef = Fraction(c * c, 2 * m)
        value = rat(coef) * PI * (sp.exp(2 * m * hi) - (sp.exp(2 * m * lo) if lo else 1))
        inner = f"e^{{{2 * m * hi}}} - {epow(2 * m * lo) if lo else '1'}"
        top = f"{cs(coef.numerator)}({inner})\\pi"
        latex = top if coef.denominator == 1 else f"\\frac{{{top}}}{{{coef.denominator}}}"
        mx = "x" if m == 1 else f"{m}x"
        steps.update(_figure(f"y = {cs(c)}e^{{{mx}}}", f"$x$ 軸{'，$y$ 軸' if lo == 0 else ''}および{_lines(lo, hi)}"),
                     integral=f"\\pi\\int_{{{lo}}}^{{{hi}}} {cs(c * c)}e^{{{2 * m}x}}\\,dx",
                     anti=f"\\pi\\left[\\frac{{{cs(c * c)}e^{{{2 * m}x}}}}{{{2 * m}}}\\right]_{{{lo}}}^{{{hi}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    # cap: y = h - (h/r^2)x^2 and the x-axis
    h, r, axis = p["h"], p["r"], p["axis"]
    pc = Fraction(h, r * r)
    curve = f"y = {poly([-pc, 0, h])}"
    if axis == "x":
        v = Fraction(16 * h * h * r, 15)
        sq = poly([pc * pc, 0, -2 * h * pc, 0, h * h])
        anti = poly([pc * pc / 5, 0, -2 * h * pc / 3, 0, h * h, 0])
        steps.update(integral=f"\\pi\\int_{{-{r}}}^{{{r}}} \\left({curve[4:]}\\right)^2 dx",
                     anti=f"2\\pi\\int_0^{{{r}}} ({sq})\\,dx = 2\\pi\\left[{anti}\\right]_0^{{{r}}}")
    else:
        v = Fraction(h * r * r, 2)
        steps.update(x_sq=poly([Fraction(-r * r, h), r * r], "y"), integral=f"\\pi\\int_0^{{{h}}} \\left({poly([Fraction(-r * r, h), r * r], 'y')}\\right)dy",
                     anti=f"\\pi\\left[{poly([Fraction(-r * r, 2 * h), r * r, 0], 'y')}\\right]_0^{{{h}}}")
    steps.update(figure=f"放物線 ${curve}$ と $x$ 軸", figure2=f"$x$ 軸と放物線 ${curve}$ ", axis=XAXIS if axis == "x" else YAXIS,
                 h=h, r=r)
    return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)


def _radius_sq(p: Mapping[str, Any]) -> tuple[Callable[[Any], Any], Any, Any]:
    """The squared radius of the cross-section and the range of the rotation axis' variable."""
    kind = p["kind"]
    if kind == "sqrt":
        return (lambda x: p["a"] * x), p["lo"], p["hi"]
    if kind == "power":
        return (lambda x: (p["c"] * x ** p["m"]) ** 2), p["lo"], p["hi"]
    if kind == "recip":
        return (lambda x: (mpmath.mpf(p["c"]) / x) ** 2), p["lo"], p["hi"]
    if kind == "ellipse":
        a, b = p["a"], p["b"]
        if p["axis"] == "x":
            return (lambda x: (mpmath.mpf(b) / a * mpmath.sqrt(max(a * a - x * x, 0))) ** 2), -a, a
        return (lambda y: (mpmath.mpf(a) / b * mpmath.sqrt(max(b * b - y * y, 0))) ** 2), -b, b
    if kind == "sin":
        a, k = p["a"], p["k"]
        fn = mpmath.sin if p["fn"] == "sin" else mpmath.cos
        lo = -pi_at(Fraction(1, 2 * k)) if (p["fn"] == "cos" and p["span"] == "full") else 0
        width = pi_at(Fraction(1, k if p["span"] == "full" else 2 * k))
        return (lambda x: (a * fn(k * x)) ** 2), lo, lo + width
    if kind == "between":
        pp, al, be = Fraction(p["pp"]), p["alpha"], p["beta"]
        pf = mpmath.mpf(pp.numerator) / pp.denominator
        # washers between the line through (α, pα^2), (β, pβ^2) and the parabola
        return (lambda x: (pf * (al + be) * x - pf * al * be) ** 2 - (pf * x * x) ** 2), al, be
    if kind == "exp":
        return (lambda x: (p["c"] * mpmath.exp(p["m"] * x)) ** 2), p["lo"], p["hi"]
    h, r = p["h"], p["r"]
    if p["axis"] == "x":
        return (lambda x: (h - mpmath.mpf(h) / (r * r) * x * x) ** 2), -r, r
    # x^2 on the level y of the cap
    return (lambda y: r * r * (1 - y / mpmath.mpf(h))), 0, h


def verify_volume(params: Mapping[str, Any], solution: Solution) -> bool:
    f, lo, hi = _radius_sq(params)
    got = float(mpmath.pi) * quad(f, lo, hi)
    return close(got, float(sp.N(solution.answer, 20)), 1e-9)
