"""2曲線で囲まれた面積 (数学III): S = ∫ (upper - lower) dx over the region's x-range.

Families: y = px^2 and y = r√x (or y^2 = r^2x); y = c√x and a line (a chord of the curve);
arches of a·sin kx / a·cos kx with the x-axis; a·sin kx against a·cos kx (with a √3 factor on
one of them); c·e^{mx} against c·e^{-mx}; c·log x and the x-axis; p·αβ/x against a line;
c·e^{mx}, the y-axis and y = cK. The verifier integrates |upper - lower| numerically and
checks that the curves really meet where the region closes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple, poly
from mathft_core.units import Solution
from mathft_units.math3._etex import DPS, close, ecoef, epow, rat
from mathft_units.math3._integ_common import cs, e_form, jp, log_term, pi_at

KINDS = {
    1: ("parabola_pair", "sin_axis", "log_axis", "sqrt_line", "exp_pair"),
    2: ("sqrt_line", "parabola_pair", "sin_axis", "exp_line", "exp_pair"),
    3: ("sin_cos", "sqrt_line", "log_axis", "recip_line"),
    4: ("exp_pair", "sin_cos", "log_axis", "recip_line", "exp_line"),
    5: ("exp_pair", "recip_line", "log_axis", "exp_line", "sin_cos"),
}
PARABOLA_P = tuple(sorted({Fraction(a, b) for a in range(1, 6) for b in range(1, 6)}))
LOG_INTS = (2, 3, 5, 6, 7, 10, 11)
# a·sin kx against a·cos kx: the √3 factor (on neither, on cos, on sin) and tan of the first crossing
SIN_COS = {"eq": Fraction(1, 4), "cos3": Fraction(1, 3), "sin3": Fraction(1, 6)}
TAN = {"eq": "1", "cos3": "\\sqrt{3}", "sin3": "\\frac{\\sqrt{3}}{3}"}
SQ = "\\sqrt{x}"
XSQ = "x\\sqrt{x}"
LOGX = "\\log x"


def sample_area(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind}
    if kind == "parabola_pair":
        p.update(pp=str(rng.choice(PARABOLA_P)), t=rng.randint(1, 3), squared=rng.random() < 0.5, swap=rng.random() < 0.5)
    elif kind == "sqrt_line":
        if rng.random() < 0.5:
            p.update(form="origin", a=rng.randint(1, 12), b=rng.randint(1, 12))
        else:
            s = rng.randint(0, 5)
            p.update(form="chord", c=rng.randint(1, 12), s=s, t=s + rng.randint(1, 4))
    elif kind == "sin_axis":
        p.update(fn=rng.choice(("sin", "cos")), span=rng.choice(("full", "half")), a=rng.randint(1, 30), k=rng.randint(1, 4))
    elif kind == "sin_cos":
        p.update(form=rng.choice(sorted(SIN_COS)), a=rng.randint(1, 30), k=rng.randint(1, 4), swap=rng.random() < 0.5)
    elif kind == "exp_pair":
        p.update(c=rng.randint(1, 15), k=rng.randint(1, 5 if difficulty > 3 else 3), m=rng.randint(1, 3), left=rng.random() < 0.5)
    elif kind == "log_axis":
        upper = rng.choice(("e", "int"))
        p.update(c=rng.randint(1, 20), upper=upper, k=rng.randint(1, 6), big_b=rng.choice(LOG_INTS))
    elif kind == "recip_line":
        alpha = rng.randint(1, 6)
        p.update(alpha=alpha, beta=alpha + rng.randint(1, 4 if difficulty < 5 else 6), pp=rng.randint(1, 6), swap=rng.random() < 0.5)
    else:  # exp_line
        p.update(c=rng.randint(1, 10), m=rng.randint(1, 3), big_k=rng.randint(2, 9))
    return p


def _sqrt_line(p: Mapping[str, Any]) -> tuple[int, Fraction, Fraction]:
    """(c, s, t): the curve y = c√x and the line through its points at x = s^2 and x = t^2."""
    if p["form"] == "origin":
        return p["a"], Fraction(0), Fraction(p["a"], p["b"])
    return p["c"], Fraction(p["s"]), Fraction(p["t"])


def _closed(bound: str, bound2: str, between: str) -> dict[str, str]:
    """The three ways the statements name the region's boundary."""
    return {"bound": jp(bound), "bound2": jp(bound2), "between": jp(between)}


def solve_area(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "parabola_pair":
        pp, t = Fraction(p["pp"]), p["t"]
        r = pp * t**3
        value = pp * t**6 / 3
        hi = t * t
        par, root = f"y = {coef_term(pp, 'x^2')}", f"y = {coef_term(r, SQ)}"
        other = f"y^2 = {coef_term(r * r, 'x')}" if p["squared"] else root
        first, second = (other, par) if p["swap"] else (par, other)
        steps.update(_closed(f"2曲線 ${first}$，${second}$", f"曲線 ${first}$ と曲線 ${second}$",
                             f"${first}$ のグラフと ${second}$ のグラフが囲む部分"),
                     branch=root if p["squared"] else "", lo=0, hi=hi, upper=root[4:], lower=par[4:],
                     integral=f"\\int_0^{{{hi}}} \\left({root[4:]} - {par[4:]}\\right)dx",
                     anti=f"\\left[{coef_term(2 * r / 3, XSQ)} - {coef_term(pp / 3, 'x^3')}\\right]_0^{{{hi}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sqrt_line":
        c, s, t = _sqrt_line(p)
        m, n = c / (s + t), c * s * t / (s + t)
        value = c * (t - s) ** 3 / 6
        lo, hi = num(s * s), num(t * t)
        curve, line = f"y = {cs(c)}\\sqrt{{x}}", f"y = {poly([m, n])}"
        steps.update(_closed(f"曲線 ${curve}$ と直線 ${line}$ ", f"曲線 ${curve}$ と直線 ${line}$ ",
                             f"${curve}$ のグラフと直線 ${line}$ が囲む部分"),
                     lo=lo, hi=hi, upper=curve[4:], lower=line[4:],
                     integral=f"\\int_{{{lo}}}^{{{hi}}} \\left({curve[4:]} - ({line[4:]})\\right)dx" if n
                     else f"\\int_{{{lo}}}^{{{hi}}} \\left({curve[4:]} - {line[4:]}\\right)dx",
                     anti=f"\\left[{join_terms([coef_term(Fraction(2 * c, 3), XSQ), coef_term(-m / 2, 'x^2'), coef_term(-n, 'x')])}\\right]_{{{lo}}}^{{{hi}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sin_axis":
        fn, a, k = p["fn"], p["a"], p["k"]
        full = p["span"] == "full"
        kx = "x" if k == 1 else f"{k}x"
        q = pi_multiple(Fraction(1, 2 * k))
        lo = ("0" if fn == "sin" else f"-{q}") if full else "0"
        hi = pi_multiple(Fraction(1, k)) if fn == "sin" and full else q
        value = Fraction(2 * a if full else a, k)
        curve = f"y = {cs(a)}\\{fn} {kx}\\ \\left({lo} \\leqq x \\leqq {hi}\\right)"
        extra = "" if full else ("および直線 $x = " + q + "$" if fn == "sin" else "および $y$ 軸")
        extra2 = "" if full else ("，直線 $x = " + q + "$" if fn == "sin" else "，$y$ 軸")
        anti_c = num(Fraction(a, k))
        anti = (f"\\left[-{'' if anti_c == '1' else anti_c}\\cos {kx}\\right]_{{{lo}}}^{{{hi}}}" if fn == "sin"
                else f"\\left[{'' if anti_c == '1' else anti_c}\\sin {kx}\\right]_{{{lo}}}^{{{hi}}}")
        steps.update(_closed(f"曲線 ${curve}$ と $x$ 軸{extra}", f"曲線 ${curve}$，$x$ 軸{extra2}",
                             f"${curve}$ のグラフと $x$ 軸{extra}が囲む部分"),
                     lo=lo, hi=hi, upper=f"{cs(a)}\\{fn} {kx}", full=full,
                     integral=f"\\int_{{{lo}}}^{{{hi}}} {cs(a)}\\{fn} {kx}\\,dx", anti=anti)
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sin_cos":
        a, k, form = p["a"], p["k"], p["form"]
        theta = SIN_COS[form]
        kx = "x" if k == 1 else f"{k}x"
        sin_f, cos_f = ("\\sqrt{3}" if form == "sin3" else ""), ("\\sqrt{3}" if form == "cos3" else "")
        upper, lower = f"{cs(a)}{sin_f}\\sin {kx}", f"{cs(a)}{cos_f}\\cos {kx}"
        lo, hi = pi_multiple(theta / k), pi_multiple((theta + 1) / k)
        if form == "eq":
            coef = Fraction(2 * a, k)
            top = ("" if coef.numerator == 1 else str(coef.numerator)) + "\\sqrt{2}"
            value, latex = rat(coef) * sp.sqrt(2), (top if coef.denominator == 1 else f"\\frac{{{top}}}{{{coef.denominator}}}")
        else:
            v = Fraction(4 * a, k)
            value, latex = rat(v), num(v)
        c1, c2 = (f"y = {lower}", f"y = {upper}") if p["swap"] else (f"y = {upper}", f"y = {lower}")
        rng_text = f"{lo} \\leqq x \\leqq {hi}"
        steps.update(_closed(f"2曲線 ${c1}$，${c2}$ $\\left({rng_text}\\right)$ ", f"${rng_text}$ において，曲線 ${c1}$ と曲線 ${c2}$ ",
                             f"区間 ${rng_text}$ で2つのグラフ ${c1}$，${c2}$ が囲む部分"),
                     lo=lo, hi=hi, upper=upper, lower=lower, tan=TAN[form],
                     integral=f"\\int_{{{lo}}}^{{{hi}}} {cs(a)}({sin_f}\\sin {kx} - {cos_f}\\cos {kx})\\,dx",
                     anti=f"{'' if Fraction(a, k) == 1 else num(Fraction(a, k))}\\left[-{sin_f}\\cos {kx} - {cos_f}\\sin {kx}\\right]_{{{lo}}}^{{{hi}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "exp_pair":
        c, k, m, left = p["c"], p["k"], p["m"], p["left"]
        value = rat(Fraction(c, m)) * (sp.exp(m * k) + sp.exp(-m * k) - 2)
        latex = join_terms([ecoef(Fraction(c, m), m * k), ecoef(Fraction(c, m), -m * k), num(Fraction(-2 * c, m))])
        mx = "x" if m == 1 else f"{m}x"
        pos, neg = f"{cs(c)}e^{{{mx}}}", f"{cs(c)}e^{{-{mx}}}"
        upper, lower = (neg, pos) if left else (pos, neg)
        lo, hi = (f"-{k}", "0") if left else ("0", str(k))
        coef = "" if Fraction(c, m) == 1 else num(Fraction(c, m))
        anti = (f"{coef}\\left[-e^{{-{mx}}} - e^{{{mx}}}\\right]_{{-{k}}}^0" if left else f"{coef}\\left[e^{{{mx}}} + e^{{-{mx}}}\\right]_0^{{{k}}}")
        line = f"x = -{k}" if left else f"x = {k}"
        steps.update(_closed(f"2曲線 $y = {pos}$，$y = {neg}$ と直線 ${line}$ ", f"曲線 $y = {pos}$，曲線 $y = {neg}$，直線 ${line}$ ",
                             f"${lo} \\leqq x \\leqq {hi}$ の範囲で，2曲線 $y = {pos}$ と $y = {neg}$ の間にある部分"),
                     lo=lo, hi=hi, upper=upper, lower=lower,
                     integral=f"\\int_{{{lo}}}^{{{hi}}} {cs(c)}(e^{{{'-' if left else ''}{mx}}} - e^{{{'' if left else '-'}{mx}}})\\,dx", anti=anti)
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "recip_line":
        al, be, pp = p["alpha"], p["beta"], p["pp"]
        curve, line = f"y = \\frac{{{pp * al * be}}}{{x}}", f"y = {poly([-pp, pp * (al + be)])}"
        log_value, log_latex = log_term(pp * al * be, Fraction(be, al))
        ratv = Fraction(pp * (be * be - al * al), 2)
        value, latex = rat(ratv) - log_value, join_terms([num(ratv), "-" + log_latex])
        pair = f"直線 ${line}$ と曲線 ${curve}$" if p["swap"] else f"曲線 ${curve}$ と直線 ${line}$"
        steps.update(_closed(pair, f"曲線 ${curve}$，直線 ${line}$" if not p["swap"] else f"直線 ${line}$，曲線 ${curve}$",
                             f"${curve[4:]}$ のグラフと直線 ${line}$ が囲む部分"),
                     lo=al, hi=be, upper=line[4:], lower=curve[4:], quad_eq=f"{poly([1, -(al + be), al * be])} = 0",
                     integral=f"\\int_{{{al}}}^{{{be}}} \\left({line[4:]} - {curve[4:]}\\right)dx",
                     anti=f"\\left[{join_terms([coef_term(Fraction(-pp, 2), 'x^2'), coef_term(pp * (al + be), 'x'), coef_term(-pp * al * be, LOGX)])}\\right]_{{{al}}}^{{{be}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "log_axis":
        c = p["c"]
        if p["upper"] == "e":
            k = p["k"]
            upper = epow(k)
            value, latex = e_form(Fraction(c * (k - 1)), k, Fraction(c))
        else:
            big = p["big_b"]
            upper = str(big)
            log_value, log_latex = log_term(c * big, big)
            value, latex = log_value + c * (1 - big), join_terms([log_latex, num(c * (1 - big))])
        curve = f"y = {cs(c)}\\log x"
        steps.update(_closed(f"曲線 ${curve}$ と $x$ 軸および直線 $x = {upper}$ ", f"曲線 ${curve}$，$x$ 軸，直線 $x = {upper}$ ",
                             f"$1 \\leqq x \\leqq {upper}$ の範囲で，曲線 ${curve}$ と $x$ 軸の間にある部分"),
                     lo=1, hi=upper, upper=curve[4:], lower="0",
                     integral=f"\\int_1^{{{upper}}} {cs(c)}\\log x\\,dx", anti=f"{cs(c)}\\left[x\\log x - x\\right]_1^{{{upper}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    # exp_line: c·e^{mx}, the y-axis and y = cK
    c, m, big = p["c"], p["m"], p["big_k"]
    mx = "x" if m == 1 else f"{m}x"
    curve, line = f"y = {cs(c)}e^{{{mx}}}", f"y = {c * big}"
    x_end = log_term(Fraction(1, m), big)[1]
    log_value, log_latex = log_term(Fraction(c * big, m), big)
    ratv = Fraction(c * (1 - big), m)
    value, latex = log_value + rat(ratv), join_terms([log_latex, num(ratv)])
    steps.update(_closed(f"曲線 ${curve}$，$y$ 軸および直線 ${line}$ ", f"曲線 ${curve}$，$y$ 軸，直線 ${line}$ ",
                         f"$y$ 軸，直線 ${line}$ と曲線 ${curve}$ で囲まれた部分"),
                 lo=0, hi=x_end, upper=str(c * big), lower=curve[4:], big_k=big, mx=mx,
                 integral=f"\\int_0^{{{x_end}}} ({c * big} - {curve[4:]})\\,dx",
                 anti=f"\\left[{coef_term(c * big, 'x')} - {coef_term(Fraction(c, m), 'e^{' + mx + '}')}\\right]_0^{{{x_end}}}")
    return Solution(answer=value, answer_latex=latex, steps=steps)


Curve = Callable[[Any], Any]


def _region(p: Mapping[str, Any]) -> tuple[Curve, Curve, Any, Any, bool]:
    """(lower, upper, lo, hi, closed at both ends) from the parameters alone."""
    kind = p["kind"]
    if kind == "parabola_pair":
        pp, t = Fraction(p["pp"]), p["t"]
        r = pp * t**3
        return (lambda x: mpmath.mpf(pp.numerator) / pp.denominator * x * x), (lambda x: mpmath.mpf(r.numerator) / r.denominator * mpmath.sqrt(x)), 0, t * t, True
    if kind == "sqrt_line":
        c, s, t = _sqrt_line(p)
        m, n = c / (s + t), c * s * t / (s + t)
        mf, nf, sf, tf = (mpmath.mpf(v.numerator) / v.denominator for v in (m, n, s, t))
        return (lambda x: mf * x + nf), (lambda x: c * mpmath.sqrt(x)), sf**2, tf**2, True
    if kind == "sin_axis":
        a, k = p["a"], p["k"]
        fn = mpmath.sin if p["fn"] == "sin" else mpmath.cos
        if p["span"] == "half":
            return (lambda x: 0), (lambda x: a * fn(k * x)), 0, pi_at(Fraction(1, 2 * k)), False
        lo = 0 if p["fn"] == "sin" else -pi_at(Fraction(1, 2 * k))
        return (lambda x: 0), (lambda x: a * fn(k * x)), lo, lo + pi_at(Fraction(1, k)), True
    if kind == "sin_cos":
        a, k = p["a"], p["k"]
        fs = mpmath.sqrt(3) if p["form"] == "sin3" else 1
        fc = mpmath.sqrt(3) if p["form"] == "cos3" else 1
        theta = SIN_COS[p["form"]]
        return (lambda x: a * fc * mpmath.cos(k * x)), (lambda x: a * fs * mpmath.sin(k * x)), pi_at(theta / k), pi_at((theta + 1) / k), True
    if kind == "exp_pair":
        c, k, m = p["c"], p["k"], p["m"]
        lo, hi = (-k, 0) if p["left"] else (0, k)
        return (lambda x: c * mpmath.exp(-m * x)), (lambda x: c * mpmath.exp(m * x)), lo, hi, False
    if kind == "recip_line":
        al, be, pp = p["alpha"], p["beta"], p["pp"]
        return (lambda x: mpmath.mpf(pp * al * be) / x), (lambda x: pp * (al + be) - pp * x), al, be, True
    if kind == "log_axis":
        hi = mpmath.e ** p["k"] if p["upper"] == "e" else p["big_b"]
        return (lambda x: 0), (lambda x: p["c"] * mpmath.log(x)), 1, hi, False
    c, m, big = p["c"], p["m"], p["big_k"]
    return (lambda x: c * mpmath.exp(m * x)), (lambda x: c * big), 0, mpmath.log(big) / m, False


def verify_area(params: Mapping[str, Any], solution: Solution) -> bool:
    with mpmath.workdps(DPS):
        f, g, lo, hi, closed = _region(params)
        # a closed region: the curves meet at both ends
        if closed and (abs(f(lo) - g(lo)) > 1e-12 or abs(f(hi) - g(hi)) > 1e-12):
            return False
        if params["kind"] == "exp_line" and abs(f(hi) - g(hi)) > 1e-12:
            return False
        got = float(mpmath.quad(lambda x: abs(g(x) - f(x)), [lo, hi]))
    return close(got, float(sp.N(solution.answer, 20)), 1e-10)
