"""積分法 (数学III): 置換積分, 部分積分, 2曲線で囲まれた面積, 回転体の体積, 区分求積法.

Every family has a closed-form antiderivative, so the solver writes the exact value
(rationals, e^k, π, √2, log) without ``sympy.integrate``; the verifiers integrate the
original integrand numerically (``mpmath.quad``) or sum the Riemann sum at large n.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple, poly
from mathft_core.units import ProblemType, Solution, Unit
from mathft_units.math3._etex import DPS, close, ecoef, epow, rat

PI = sp.pi
E = sp.E
TRIPLES = ((3, 4, 5), (4, 3, 5), (5, 12, 13), (12, 5, 13), (6, 8, 10), (8, 6, 10), (8, 15, 17), (15, 8, 17), (7, 24, 25), (20, 21, 29))


def efrac(a: int, k: int, b: int, d: int) -> str:
    """``(a·e^k + b)/d`` as one fraction: ``\\frac{2e^{3} + 1}{9}``, ``e - 1``, ``\\frac{e^{2} - 1}{2}``."""
    top = join_terms([ecoef(a, k), num(b)])
    if d == 1:
        return top
    return f"\\frac{{{top}}}{{{d}}}"


def _quad(f: Callable[[mpmath.mpf], mpmath.mpf], a: Any, b: Any) -> float:
    with mpmath.workdps(DPS):
        return float(mpmath.quad(f, [a, b]))


def _pi_sq(c: Fraction) -> str:
    """``c·π^2``: ``\\frac{\\pi^2}{2}``, ``\\frac{9}{2}\\pi^2``, ``\\pi^2``."""
    p, q = c.numerator, c.denominator
    if q == 1:
        return f"{'' if p == 1 else p}\\pi^2"
    if p == 1:
        return f"\\frac{{\\pi^2}}{{{q}}}"
    return f"\\frac{{{p}}}{{{q}}}\\pi^2"


# --- 置換積分 -------------------------------------------------------------------------------


def sample_substitution(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("x_poly_power",), 2: ("sin_cos_power", "x_sqrt_a"), 3: ("log_power", "x_exp_sq", "x_poly_power"),
             4: ("x_sqrt_triple", "x_poly_power", "sin_cos_power"), 5: ("x_exp_sq", "log_power", "x_sqrt_triple")}[difficulty]
    kind = rng.choice(kinds)
    scale = rng.randint(1, 2)
    return {"kind": kind, "a": rng.randint(1, 15), "b": rng.randint(1, 2 + difficulty // 2),
            "n": rng.randint(1, 8), "triple": [v * scale for v in rng.choice(TRIPLES)],
            "fn": rng.choice(("sin", "cos")), "c": rng.randint(1, 6)}


def solve_substitution(params: Mapping[str, Any]) -> Solution:
    base = _solve_substitution_base(params)
    c = params["c"]
    marked = base.steps["integral"]
    steps = dict(base.steps, c=c, base=base.answer_latex, integral=marked.replace("@C@", ""), shown=marked.replace("@C@", _cs(c)))
    if c == 1:
        return Solution(answer=base.answer, answer_latex=base.answer_latex, steps=steps)
    if params["kind"] == "x_exp_sq":
        a = params["a"]
        value, latex = e_form(Fraction(c, 2 * a), a, Fraction(-c, 2 * a))
    else:
        v = Fraction(int(base.answer.p), int(base.answer.q)) * c
        value, latex = rat(v), num(v)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _solve_substitution_base(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, n = p["kind"], p["a"], p["b"], p["n"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "x_poly_power":
        inner = poly([1, 0, a])
        hi = b * b + a
        value = Fraction(hi ** (n + 1) - a ** (n + 1), 2 * (n + 1))
        steps.update(integral=f"\\int_0^{{{b}}} @C@x({inner})^{{{n}}}\\,dx" if n > 1 else f"\\int_0^{{{b}}} @C@x({inner})\\,dx",
                     t=inner, dt="2x\\,dx", lo=a, hi=hi, t_int=f"\\frac{{1}}{{2}}\\int_{{{a}}}^{{{hi}}} t^{{{n}}}\\,dt",
                     anti=f"\\frac{{1}}{{2}}\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_{{{a}}}^{{{hi}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "x_sqrt_a":
        # ∫_0^a x sqrt(a^2 - x^2) dx = a^3/3
        value = Fraction(a**3, 3)
        steps.update(integral=f"\\int_0^{{{a}}} @C@x\\sqrt{{{a * a} - x^2}}\\,dx", t=f"{a * a} - x^2", dt="-2x\\,dx",
                     lo=a * a, hi=0, t_int=f"\\frac{{1}}{{2}}\\int_0^{{{a * a}}} \\sqrt{{t}}\\,dt",
                     anti=f"\\frac{{1}}{{2}}\\left[\\frac{{2}}{{3}}t^{{\\frac{{3}}{{2}}}}\\right]_0^{{{a * a}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "x_sqrt_triple":
        s, bb, t = p["triple"]
        value = Fraction(t**3 - s**3, 3)
        steps.update(integral=f"\\int_0^{{{bb}}} @C@x\\sqrt{{x^2 + {s * s}}}\\,dx", t=f"x^2 + {s * s}", dt="2x\\,dx",
                     lo=s * s, hi=t * t, t_int=f"\\frac{{1}}{{2}}\\int_{{{s * s}}}^{{{t * t}}} \\sqrt{{t}}\\,dt",
                     anti=f"\\frac{{1}}{{3}}\\left[t^{{\\frac{{3}}{{2}}}}\\right]_{{{s * s}}}^{{{t * t}}} = \\frac{{1}}{{3}}({t}^3 - {s}^3)")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sin_cos_power":
        fn = p["fn"]
        other = "cos" if fn == "sin" else "sin"
        value = Fraction(1, n + 1)
        power = f"\\{other}^{{{n}}} x" if n > 1 else f"\\{other} x"
        steps.update(integral=f"\\int_0^{{\\frac{{\\pi}}{{2}}}} @C@\\{fn} x {power}\\,dx", t=f"\\{other} x",
                     dt=("-\\sin x\\,dx" if other == "cos" else "\\cos x\\,dx"),
                     lo=1 if other == "cos" else 0, hi=0 if other == "cos" else 1,
                     t_int=f"\\int_0^1 t^{{{n}}}\\,dt", anti=f"\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_0^1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "log_power":
        k = b
        value = Fraction(k ** (n + 1), n + 1)
        upper = epow(k)
        power = f"(\\log x)^{{{n}}}" if n > 1 else "\\log x"
        steps.update(integral=f"\\int_1^{{{upper}}} \\frac{{@C@{power}}}{{x}}\\,dx", t="\\log x", dt="\\frac{1}{x}\\,dx",
                     lo=0, hi=k, t_int=f"\\int_0^{{{k}}} t^{{{n}}}\\,dt", anti=f"\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_0^{{{k}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    # x e^{a x^2} on [0, 1]: (e^a - 1) / (2a)
    value_expr = (sp.exp(a) - 1) / (2 * a)
    latex = efrac(1, a, -1, 2 * a)
    steps.update(integral=f"\\int_0^1 @C@x e^{{{coef_term(a, 'x^2')}}}\\,dx", t=coef_term(a, "x^2"), dt=f"{2 * a}x\\,dx",
                 lo=0, hi=a, t_int=f"\\frac{{1}}{{{2 * a}}}\\int_0^{{{a}}} e^t\\,dt", anti=f"\\frac{{1}}{{{2 * a}}}\\left[e^t\\right]_0^{{{a}}}")
    return Solution(answer=value_expr, answer_latex=latex, steps=steps)


def verify_substitution(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, n, c = p["kind"], p["a"], p["b"], p["n"], p["c"]
    if kind == "x_poly_power":
        got = _quad(lambda x: x * (x * x + a) ** n, 0, b)
    elif kind == "x_sqrt_a":
        got = _quad(lambda x: x * mpmath.sqrt(a * a - x * x), 0, a)
    elif kind == "x_sqrt_triple":
        s, bb, _ = p["triple"]
        got = _quad(lambda x: x * mpmath.sqrt(x * x + s * s), 0, bb)
    elif kind == "sin_cos_power":
        f, g = (mpmath.sin, mpmath.cos) if p["fn"] == "sin" else (mpmath.cos, mpmath.sin)
        got = _quad(lambda x: f(x) * g(x) ** n, 0, mpmath.pi / 2)
    elif kind == "log_power":
        got = _quad(lambda x: mpmath.log(x) ** n / x, 1, mpmath.e**b)
    else:
        got = _quad(lambda x: x * mpmath.exp(a * x * x), 0, 1)
    return close(c * got, float(sp.N(solution.answer, 20)), 1e-10)


# --- exact values a·e^k + b and p·π + b, scaled by an integer -------------------------------


def e_form(a: Fraction, k: int, b: Fraction) -> tuple[sp.Expr, str]:
    """``a·e^k + b`` (k > 0) as one fraction with an expanded numerator: ``\\frac{2e^{3} + 1}{9}``."""
    a, b = Fraction(a), Fraction(b)
    d = math.lcm(a.denominator, b.denominator)
    value = rat(a) * sp.exp(k) + rat(b)
    if a == 0:
        return value, num(b)
    return value, efrac(int(a * d), k, int(b * d), d)


def pi_form(pc: Fraction, b: Fraction) -> tuple[sp.Expr, str]:
    """``pc·π + b`` in textbook order: ``\\frac{\\pi}{8} - \\frac{1}{4}``."""
    value = rat(pc) * PI + rat(b)
    return value, join_terms([pi_multiple(pc), num(b)])


def _cs(c: int) -> str:
    return "" if c == 1 else str(c)


# --- 部分積分 -------------------------------------------------------------------------------


def sample_parts(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("xexp", "xlog"), 2: ("xlog", "xexp"), 3: ("xsin", "xexp"), 4: ("xcos", "xlog", "xsin"),
             5: ("xcos", "xsin", "xexp", "xlog")}[difficulty]
    kind = rng.choice(kinds)
    return {"kind": kind, "c": rng.randint(1, 12), "m": rng.randint(0 if difficulty > 1 else 1, 4),
            "k": rng.randint(1, 4), "j": rng.randint(1, 3), "b": rng.randint(1, 3)}


def _parts_base(p: Mapping[str, Any]) -> tuple[str, Any, dict[str, Any]]:
    """(kind of value, value parts, steps) of the integral without the factor c."""
    kind, m, k, j, b = p["kind"], p["m"], p["k"], p["j"], p["b"]
    if kind == "xlog":
        # ∫_1^{e^j} x^m log x dx = (e^{j(m+1)}(j(m+1) - 1) + 1)/(m+1)^2
        d = (m + 1) ** 2
        xm = "" if m == 0 else ("x" if m == 1 else f"x^{{{m}}}")
        upper = epow(j)
        g = f"\\frac{{x^{{{m + 1}}}}}{{{m + 1}}}" if m else "x"
        steps = {"integral": f"\\int_1^{{{upper}}} @C@{xm}\\log x\\,dx", "u": "\\log x", "vp": xm or "1", "v": g,
                 "first": f"\\left[{g}\\log x\\right]_1^{{{upper}}}",
                 "rest": (f"\\frac{{1}}{{{m + 1}}}\\int_1^{{{upper}}} {'x' if m == 1 else 'x^{' + str(m) + '}'}\\,dx" if m else f"\\int_1^{{{upper}}} dx"),
                 "first_val": ecoef(Fraction(j, m + 1), j * (m + 1)), "rest_val": e_form(Fraction(1, d), j * (m + 1), Fraction(-1, d))[1]}
        return "e", (Fraction(j * (m + 1) - 1, d), j * (m + 1), Fraction(1, d)), steps
    if kind == "xexp":
        # ∫_0^b x e^{kx} dx = ((kb - 1)e^{kb} + 1)/k^2
        kx = coef_term(k, "x")
        steps = {"integral": f"\\int_0^{{{b}}} @C@x e^{{{kx}}}\\,dx", "u": "x", "vp": f"e^{{{kx}}}",
                 "v": f"\\frac{{1}}{{{k}}}e^{{{kx}}}" if k > 1 else "e^x",
                 "first_val": ecoef(Fraction(b, k), k * b), "rest_val": e_form(Fraction(1, k * k), k * b, Fraction(-1, k * k))[1]}
        return "e", (Fraction(k * b - 1, k * k), k * b, Fraction(1, k * k)), steps
    kx = "x" if k == 1 else f"{k}x"
    if kind == "xsin":
        # ∫_0^{jπ/k} x sin kx dx = (-1)^{j+1} jπ/k^2
        upper = pi_multiple(Fraction(j, k))
        pc = Fraction((-1) ** (j + 1) * j, k * k)
        steps = {"integral": f"\\int_0^{{{upper}}} @C@x\\sin {kx}\\,dx", "u": "x", "vp": f"\\sin {kx}",
                 "v": f"-\\frac{{1}}{{{k}}}\\cos {kx}" if k > 1 else "-\\cos x",
                 "first_val": pi_multiple(pc), "rest_val": "0"}
        return "pi", (pc, Fraction(0)), steps
    # ∫_0^{jπ/(2k)} x cos kx dx = [x sin(kx)/k + cos(kx)/k^2]
    upper_c = Fraction(j, 2 * k)
    sin_v = (0, 1, 0, -1)[j % 4]
    cos_v = (1, 0, -1, 0)[j % 4]
    pc = upper_c * sin_v / k
    rest = Fraction(cos_v - 1, k * k)
    steps = {"integral": f"\\int_0^{{{pi_multiple(upper_c)}}} @C@x\\cos {kx}\\,dx", "u": "x", "vp": f"\\cos {kx}",
             "v": f"\\frac{{1}}{{{k}}}\\sin {kx}" if k > 1 else "\\sin x",
             "first_val": pi_multiple(pc), "rest_val": num(-rest)}
    return "pi", (pc, rest), steps


def _scaled(form: str, parts: Any, c: int) -> tuple[sp.Expr, str]:
    if form == "e":
        a, k, b = parts
        return e_form(a * c, k, b * c)
    pc, b = parts
    return pi_form(pc * c, b * c)


def solve_parts(params: Mapping[str, Any]) -> Solution:
    c = params["c"]
    form, parts, steps = _parts_base(params)
    _, base_latex = _scaled(form, parts, 1)
    value, latex = _scaled(form, parts, c)
    marked = steps["integral"]
    steps = dict(steps, kind=params["kind"], c=c, base=base_latex,
                 integral=marked.replace("@C@", ""), shown=marked.replace("@C@", _cs(c)))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_parts(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, k, c, j, b, m = p["kind"], p["k"], p["c"], p["j"], p["b"], p["m"]
    if kind == "xlog":
        got = _quad(lambda x: c * x**m * mpmath.log(x), 1, mpmath.e**j)
    elif kind == "xexp":
        got = _quad(lambda x: c * x * mpmath.exp(k * x), 0, b)
    elif kind == "xsin":
        got = _quad(lambda x: c * x * mpmath.sin(k * x), 0, j * mpmath.pi / k)
    else:
        got = _quad(lambda x: c * x * mpmath.cos(k * x), 0, j * mpmath.pi / (2 * k))
    return close(got, float(sp.N(solution.answer, 20)), 1e-10)


# --- 2曲線で囲まれた面積 ---------------------------------------------------------------------


def sample_area(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("parabola_pair", "log_axis", "sin_axis", "sin_axis"), 2: ("sqrt_line", "parabola_pair", "sin_axis", "sqrt_line"),
             3: ("sin_cos", "sqrt_line", "log_axis"), 4: ("exp_pair", "sin_cos", "log_axis"), 5: ("exp_pair", "sqrt_line", "log_axis")}[difficulty]
    kind = rng.choice(kinds)
    a_max, k_max = {"sqrt_line": (8, 5), "sin_axis": (30, 4), "sin_cos": (30, 4)}.get(kind, (30, 5))
    return {"kind": kind, "a": rng.randint(1, a_max), "b": rng.randint(1, 8), "k": rng.randint(1, k_max), "c": rng.randint(1, 15)}


def solve_area(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, k, c = p["kind"], p["a"], p["b"], p["k"], p["c"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "parabola_pair":
        value = Fraction(a * a, 3)
        f = f"\\frac{{x^2}}{{{a}}}" if a > 1 else "x^2"
        g = f"\\sqrt{{{a}x}}" if a > 1 else "\\sqrt{x}"
        root_a = "" if a == 1 else f"\\sqrt{{{a}}}"
        steps.update(curves=f"y = {f}", curves2=f"y^2 = {_cs(a)}x", lo=0, hi=a, upper=g, lower=f,
                     integral=f"\\int_0^{{{a}}} \\left({g} - {f}\\right)dx",
                     anti=f"\\left[\\frac{{2{root_a}}}{{3}}x^{{\\frac{{3}}{{2}}}} - \\frac{{x^3}}{{{3 * a}}}\\right]_0^{{{a}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sqrt_line":
        a = min(a, 8)
        value = Fraction(a**4, 6 * b**3)
        hi = Fraction(a * a, b * b)
        g = f"{_cs(a)}\\sqrt{{x}}"
        f = coef_term(b, "x")
        steps.update(curves=f"y = {g}", curves2=f"y = {f}", lo=0, hi=num(hi), upper=g, lower=f,
                     integral=f"\\int_0^{{{num(hi)}}} \\left({g} - {f}\\right)dx",
                     anti=f"\\left[{coef_term(Fraction(2 * a, 3), 'x^{' + chr(92) + 'frac{3}{2}}')} - {coef_term(Fraction(b, 2), 'x^2')}\\right]_0^{{{num(hi)}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sin_axis":
        k = min(k, 4)
        value = Fraction(2 * a, k)
        kx = "x" if k == 1 else f"{k}x"
        hi = pi_multiple(Fraction(1, k))
        steps.update(curves=f"y = {_cs(a)}\\sin {kx}\\ \\left(0 \\leqq x \\leqq {hi}\\right)", curves2="x", lo=0, hi=hi,
                     upper=f"{_cs(a)}\\sin {kx}", lower="0", integral=f"\\int_0^{{{hi}}} {_cs(a)}\\sin {kx}\\,dx",
                     anti=f"\\left[-{num(Fraction(a, k)) if Fraction(a, k) != 1 else ''}\\cos {kx}\\right]_0^{{{hi}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sin_cos":
        k = min(k, 4)
        coef = Fraction(2 * a, k)
        value = rat(coef) * sp.sqrt(2)
        top = ("" if coef.numerator == 1 else str(coef.numerator)) + "\\sqrt{2}"
        latex = top if coef.denominator == 1 else f"\\frac{{{top}}}{{{coef.denominator}}}"
        sa = _cs(a)
        kx = "x" if k == 1 else f"{k}x"
        lo, hi = pi_multiple(Fraction(1, 4 * k)), pi_multiple(Fraction(5, 4 * k))
        anti_c = "" if Fraction(a, k) == 1 else num(Fraction(a, k))
        steps.update(curves=f"y = {sa}\\sin {kx}", curves2=f"y = {sa}\\cos {kx}", lo=lo, hi=hi,
                     upper=f"{sa}\\sin {kx}", lower=f"{sa}\\cos {kx}",
                     integral=f"\\int_{{{lo}}}^{{{hi}}} {sa}(\\sin {kx} - \\cos {kx})\\,dx",
                     anti=f"{anti_c}\\left[-\\cos {kx} - \\sin {kx}\\right]_{{{lo}}}^{{{hi}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "exp_pair":
        value = c * (sp.exp(k) + sp.exp(-k) - 2)
        latex = join_terms([ecoef(c, k), ecoef(c, -k), str(-2 * c)])
        ce = _cs(c)
        steps.update(curves=f"y = {ce}e^x", curves2=f"y = {ce}e^{{-x}}", lo=0, hi=k, upper=f"{ce}e^x", lower=f"{ce}e^{{-x}}",
                     integral=f"\\int_0^{{{k}}} {ce}(e^x - e^{{-x}})\\,dx", anti=f"{ce}\\left[e^x + e^{{-x}}\\right]_0^{{{k}}}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    # c·log x, the x-axis and x = e^k: c((k - 1)e^k + 1)
    value, latex = e_form(Fraction(c * (k - 1)), k, Fraction(c))
    steps.update(curves=f"y = {_cs(c)}\\log x", curves2="x", lo=1, hi=epow(k), upper=f"{_cs(c)}\\log x", lower="0",
                 integral=f"\\int_1^{{{epow(k)}}} {_cs(c)}\\log x\\,dx", anti=f"{_cs(c)}\\left[x\\log x - x\\right]_1^{{{epow(k)}}}")
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_area(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, k, c = p["kind"], p["a"], p["b"], p["k"], p["c"]
    closed = kind in ("parabola_pair", "sqrt_line", "sin_cos")
    with mpmath.workdps(DPS):
        if kind == "parabola_pair":
            f, g, lo, hi = (lambda x: x * x / a), (lambda x: mpmath.sqrt(a * x)), 0, a
        elif kind == "sqrt_line":
            a = min(a, 8)
            f, g, lo, hi = (lambda x: b * x), (lambda x: a * mpmath.sqrt(x)), 0, mpmath.mpf(a * a) / (b * b)
        elif kind == "sin_axis":
            k = min(k, 4)
            f, g, lo, hi = (lambda x: 0), (lambda x: a * mpmath.sin(k * x)), 0, mpmath.pi / k
        elif kind == "sin_cos":
            k = min(k, 4)
            f, g, lo, hi = (lambda x: a * mpmath.cos(k * x)), (lambda x: a * mpmath.sin(k * x)), mpmath.pi / (4 * k), 5 * mpmath.pi / (4 * k)
        elif kind == "exp_pair":
            f, g, lo, hi = (lambda x: c * mpmath.exp(-x)), (lambda x: c * mpmath.exp(x)), 0, k
        else:
            f, g, lo, hi = (lambda x: 0), (lambda x: c * mpmath.log(x)), 1, mpmath.e**k
        # a closed region: the curves meet at both ends
        if closed and (abs(f(lo) - g(lo)) > 1e-12 or abs(f(hi) - g(hi)) > 1e-12):
            return False
        got = float(mpmath.quad(lambda x: abs(g(x) - f(x)), [lo, hi]))
    return close(got, float(sp.N(solution.answer, 20)), 1e-10)


# --- 回転体の体積 ---------------------------------------------------------------------------


def sample_volume(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("sqrt", "power"), 2: ("power", "ellipse", "recip"), 3: ("sin", "recip", "between"), 4: ("exp", "between", "sin", "ellipse"),
             5: ("exp", "ellipse", "between", "sin")}[difficulty]
    kind = rng.choice(kinds)
    # ranges per kind (the solver keeps the numbers within them)
    a_max, b_max, c_max = {"between": (9, 6, 9), "power": (12, 6, 9), "exp": (12, 4, 9), "sin": (12, 10, 6)}.get(kind, (12, 10, 9))
    return {"kind": kind, "a": rng.randint(1, a_max), "b": rng.randint(1, b_max), "m": rng.randint(1, 3), "c": rng.randint(1, c_max)}


def solve_volume(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, m, c = p["kind"], p["a"], p["b"], p["m"], p["c"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "sqrt":
        v = Fraction(a * b * b, 2)
        steps.update(curve=f"y = \\sqrt{{{_cs(a)}x}}", region=f"$x$ 軸および直線 $x = {b}$",
                     integral=f"\\pi\\int_0^{{{b}}} {coef_term(a, 'x')}\\,dx", anti=f"\\pi\\left[\\frac{{{a}}}{{2}}x^2\\right]_0^{{{b}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "power":
        b = min(b, 6)
        v = Fraction(c * c * b ** (2 * m + 1), 2 * m + 1)
        xm = "x" if m == 1 else f"x^{m}"
        steps.update(curve=f"y = {_cs(c)}{xm}", region=f"$x$ 軸および直線 $x = {b}$",
                     integral=f"\\pi\\int_0^{{{b}}} {_cs(c * c)}x^{{{2 * m}}}\\,dx",
                     anti=f"\\pi\\left[\\frac{{{_cs(c * c)}x^{{{2 * m + 1}}}}}{{{2 * m + 1}}}\\right]_0^{{{b}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "ellipse":
        v = Fraction(4 * a * b * b, 3)
        if a == b:
            curve = f"x^2 + y^2 = {a * a}"
        else:
            y_part = "y^2" if b == 1 else f"\\frac{{y^2}}{{{b * b}}}"
            curve = f"\\frac{{x^2}}{{{a * a}}} + {y_part} = 1"
        ratio = Fraction(b * b, a * a)
        steps.update(curve=curve, region="", whole=True,
                     integral=f"\\pi\\int_{{-{a}}}^{{{a}}} {('' if ratio == 1 else num(ratio))}({a * a} - x^2)\\,dx" if ratio != 1
                     else f"\\pi\\int_{{-{a}}}^{{{a}}} ({a * a} - x^2)\\,dx",
                     anti=f"{'' if ratio == 1 else num(ratio)}\\pi\\left[{a * a}x - \\frac{{x^3}}{{3}}\\right]_{{-{a}}}^{{{a}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "recip":
        k = b + 1
        v = Fraction(c * c * (k - 1), k)
        steps.update(curve=f"y = \\frac{{{c}}}{{x}}", region=f"$x$ 軸および2直線 $x = 1$，$x = {k}$",
                     integral=f"\\pi\\int_1^{{{k}}} \\frac{{{c * c}}}{{x^2}}\\,dx", anti=f"\\pi\\left[-\\frac{{{c * c}}}{{x}}\\right]_1^{{{k}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    if kind == "sin":
        k = min(c, 6)
        v = Fraction(a * a, 2 * k)
        kx = "x" if k == 1 else f"{k}x"
        hi = pi_multiple(Fraction(1, k))
        steps.update(curve=f"y = {_cs(a)}\\sin {kx}\\ \\left(0 \\leqq x \\leqq {hi}\\right)", region="$x$ 軸",
                     integral=f"\\pi\\int_0^{{{hi}}} {_cs(a * a)}\\sin^2 {kx}\\,dx",
                     anti=f"{_cs(a * a)}\\pi\\int_0^{{{hi}}} \\frac{{1 - \\cos {2 * k}x}}{{2}}\\,dx = {_cs(a * a)}\\pi\\left[\\frac{{x}}{{2}} - \\frac{{\\sin {2 * k}x}}{{{4 * k}}}\\right]_0^{{{hi}}}")
        return Solution(answer=rat(v) * PI**2, answer_latex=_pi_sq(v), steps=steps)
    if kind == "between":
        a, b = min(a, 9), min(b, 6)
        v = Fraction(2 * a * a * b**3, 15)
        par = coef_term(Fraction(a, b), "x^2")
        steps.update(curve=f"y = {coef_term(a, 'x')}", region=f"放物線 $y = {par}$", hi=b,
                     integral=f"\\pi\\int_0^{{{b}}} \\left\\{{({coef_term(a, 'x')})^2 - \\left({par}\\right)^2\\right\\}}dx",
                     anti=f"\\pi\\left[{coef_term(Fraction(a * a, 3), 'x^3')} - {coef_term(Fraction(a * a, 5 * b * b), 'x^5')}\\right]_0^{{{b}}}")
        return Solution(answer=rat(v) * PI, answer_latex=pi_multiple(v), steps=steps)
    # y = c e^x on [0, b]: c^2 π(e^{2b} - 1)/2
    b = min(b, 4)
    value = c * c * PI * (sp.exp(2 * b) - 1) / 2
    coef = Fraction(c * c, 2)
    top = f"{_cs(coef.numerator)}(e^{{{2 * b}}} - 1)\\pi"
    latex = f"\\frac{{{top}}}{{2}}" if coef.denominator == 2 else f"{top}"
    steps.update(curve=f"y = {_cs(c)}e^x", region=f"$x$ 軸，$y$ 軸および直線 $x = {b}$",
                 integral=f"\\pi\\int_0^{{{b}}} {_cs(c * c)}e^{{2x}}\\,dx", anti=f"\\pi\\left[\\frac{{{_cs(c * c)}e^{{2x}}}}{{2}}\\right]_0^{{{b}}}")
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_volume(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, m, c = p["kind"], p["a"], p["b"], p["m"], p["c"]
    if kind == "between":
        a, b = min(a, 9), min(b, 6)
        # washers between the line ax and the parabola (a/b)x^2, which meet at x = 0 and x = b
        got = math.pi * _quad(lambda x: (a * x) ** 2 - (mpmath.mpf(a) / b * x * x) ** 2, 0, b)
        return close(got, float(sp.N(solution.answer, 20)), 1e-10)
    curves: dict[str, tuple[Callable[[mpmath.mpf], mpmath.mpf], Any, Any]] = {
        "sqrt": (lambda x: mpmath.sqrt(a * x), 0, b),
        "power": (lambda x: c * x**m, 0, min(b, 6)),
        "ellipse": (lambda x: mpmath.mpf(b) / a * mpmath.sqrt(max(a * a - x * x, 0)), -a, a),
        "recip": (lambda x: mpmath.mpf(c) / x, 1, b + 1),
        "sin": (lambda x: a * mpmath.sin(min(c, 6) * x), 0, mpmath.pi / min(c, 6)),
        "exp": (lambda x: c * mpmath.exp(x), 0, min(b, 4)),
    }
    f, lo, hi = curves[kind]
    got = math.pi * _quad(lambda x: f(x) ** 2, lo, hi)
    return close(got, float(sp.N(solution.answer, 20)), 1e-9)


# --- 区分求積法 -----------------------------------------------------------------------------


def sample_riemann(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("power", "shift_power"), 2: ("power", "shift_power", "arctan"), 3: ("arctan", "log", "shift_power"), 4: ("exp", "log", "sqrt_shift"),
             5: ("sin", "arctan", "exp", "sqrt_shift")}[difficulty]
    kind = rng.choice(kinds)
    return {"kind": kind, "m": rng.randint(1, 6), "a": rng.randint(1, 8), "c": rng.randint(1, 20),
            "s": rng.choice((1, 3, 8, 15)), "shift": rng.randint(1, 5), "odd": rng.choice((1, 3, 5))}


def _riemann_term(p: Mapping[str, Any]) -> Callable[[float], float]:
    """f on [0, 1] such that the limit is ∫_0^1 f(x) dx."""
    kind, m, a, c = p["kind"], p["m"], p["a"], p["c"]
    sh, s, odd = p["shift"], p["s"], p["odd"]
    return {
        "power": lambda x: c * x**m,
        "shift_power": lambda x: c * (sh + x) ** m,
        "arctan": (lambda x: c / (1 + x * x)) if p["odd"] != 5 else (lambda x: c * x / (1 + x * x)),
        "log": lambda x: c / (1 + a * x),
        "exp": lambda x: c * math.exp(a * x),
        "sqrt_shift": lambda x: c * math.sqrt(1 + s * x),
        "sin": lambda x: c * math.sin(odd * math.pi * x),
    }[kind]


def solve_riemann(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, m, a, c = p["kind"], p["m"], p["a"], p["c"]
    cs = _cs(c)
    steps: dict[str, Any] = {"kind": kind}
    if kind == "power":
        value = Fraction(c, m + 1)
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{cs}(1^{{{m}}} + 2^{{{m}}} + \\cdots + n^{{{m}}})}}{{n^{{{m + 1}}}}}" if m > 1
                     else f"\\lim_{{n \\to \\infty}} \\frac{{{cs}(1 + 2 + \\cdots + n)}}{{n^2}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs}\\left(\\frac{{k}}{{n}}\\right)^{{{m}}}",
                     f=f"{cs}x^{{{m}}}", anti=f"\\left[\\frac{{{cs}x^{{{m + 1}}}}}{{{m + 1}}}\\right]_0^1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "shift_power":
        sh = p["shift"]
        value = Fraction(c * ((sh + 1) ** (m + 1) - sh ** (m + 1)), m + 1)
        lead = "\\frac{1}{n}" if c == 1 else f"\\frac{{{c}}}{{n}}"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} {lead}\\sum_{{k=1}}^{{n}} \\left({sh} + \\frac{{k}}{{n}}\\right)^{{{m}}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs}\\left({sh} + \\frac{{k}}{{n}}\\right)^{{{m}}}",
                     f=f"{cs}({sh} + x)^{{{m}}}", anti=f"\\left[\\frac{{{cs}({sh} + x)^{{{m + 1}}}}}{{{m + 1}}}\\right]_0^1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "arctan" and p["odd"] == 5:
        coef = Fraction(c, 2)
        steps.update(kind="arctan_log", limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{cs}k}}{{n^2 + k^2}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{cs}\\cdot\\frac{{k}}{{n}}}}{{1 + \\left(\\frac{{k}}{{n}}\\right)^2}}",
                     f=f"\\frac{{{cs}x}}{{1 + x^2}}", anti=f"\\left[{'' if coef == 1 else num(coef)}\\log(1 + x^2)\\right]_0^1")
        latex = f"{'' if coef == 1 else num(coef)}\\log 2"
        return Solution(answer=rat(coef) * sp.log(2), answer_latex=latex, steps=steps)
    if kind == "arctan":
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{cs}n}}{{n^2 + k^2}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{1 + \\left(\\frac{{k}}{{n}}\\right)^2}}",
                     f=f"\\frac{{{c}}}{{1 + x^2}}", anti=f"{cs}\\int_0^{{\\frac{{\\pi}}{{4}}}} \\frac{{1}}{{1 + \\tan^2\\theta}} \\cdot \\frac{{d\\theta}}{{\\cos^2\\theta}} = {cs}\\int_0^{{\\frac{{\\pi}}{{4}}}} d\\theta")
        return Solution(answer=c * PI / 4, answer_latex=pi_multiple(Fraction(c, 4)), steps=steps)
    if kind == "log":
        value = c * sp.log(1 + a) / a
        coef = Fraction(c, a)
        latex = f"{'' if coef == 1 else (num(coef) if coef.denominator > 1 else str(coef.numerator))}\\log {1 + a}"
        an = "k" if a == 1 else f"{a}k"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{n + {an}}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{1 + {'' if a == 1 else a}\\cdot\\frac{{k}}{{n}}}}" if a > 1
                     else f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{1 + \\frac{{k}}{{n}}}}",
                     f=f"\\frac{{{c}}}{{1 + {coef_term(a, 'x')}}}",
                     anti=f"\\left[{'' if coef == 1 else num(coef)}\\log(1 + {coef_term(a, 'x')})\\right]_0^1")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "exp":
        value, latex = e_form(Fraction(c, a), a, Fraction(-c, a))
        ak = "\\frac{k}{n}" if a == 1 else f"\\frac{{{a}k}}{{n}}"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n}}\\sum_{{k=1}}^{{n}} e^{{{ak}}}" if c > 1
                     else f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} e^{{{ak}}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs}e^{{{ak}}}",
                     f=f"{cs}e^{{{coef_term(a, 'x')}}}", anti=f"\\left[{'' if Fraction(c, a) == 1 else num(Fraction(c, a))}e^{{{coef_term(a, 'x')}}}\\right]_0^1")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "sqrt_shift":
        s = p["s"]
        sx = "k" if s == 1 else f"{s}k"
        if s == 1:
            # c(4√2 - 2)/3
            g = math.gcd(math.gcd(4 * c, 2 * c), 3)
            value = c * (4 * sp.sqrt(2) - 2) / 3
            latex = (f"\\frac{{{4 * c // g}\\sqrt{{2}} - {2 * c // g}}}{{{3 // g}}}" if g == 1
                     else f"{4 * c // g}\\sqrt{{2}} - {2 * c // g}")
        else:
            root = math.isqrt(1 + s)
            v = Fraction(2 * c * (root**3 - 1), 3 * s)
            value, latex = rat(v), num(v)
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n\\sqrt{{n}}}}\\sum_{{k=1}}^{{n}} \\sqrt{{n + {sx}}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs}\\sqrt{{1 + {'' if s == 1 else s}\\frac{{k}}{{n}}}}",
                     f=f"{cs}\\sqrt{{1 + {coef_term(s, 'x')}}}",
                     anti=f"\\left[{coef_term(Fraction(2 * c, 3 * s), '')}(1 + {coef_term(s, 'x')})^{{\\frac{{3}}{{2}}}}\\right]_0^1")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    odd = p["odd"]
    kpi = "k\\pi" if odd == 1 else f"{odd}k\\pi"
    v = Fraction(2 * c, odd)
    steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n}}\\sum_{{k=1}}^{{n}} \\sin\\frac{{{kpi}}}{{n}}" if c > 1
                 else f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\sin\\frac{{{kpi}}}{{n}}",
                 rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs}\\sin\\left({'' if odd == 1 else odd}\\pi \\cdot \\frac{{k}}{{n}}\\right)",
                 f=f"{cs}\\sin {'' if odd == 1 else odd}\\pi x",
                 anti=f"\\left[-\\frac{{{c}}}{{{'' if odd == 1 else odd}\\pi}}\\cos {'' if odd == 1 else odd}\\pi x\\right]_0^1")
    latex = f"\\frac{{{v.numerator}}}{{{'' if v.denominator == 1 else v.denominator}\\pi}}"
    return Solution(answer=rat(v) / PI, answer_latex=latex, steps=steps)


def verify_riemann(params: Mapping[str, Any], solution: Solution) -> bool:
    f = _riemann_term(params)
    n = 4000
    total = sum(f(k / n) for k in range(1, n + 1)) / n
    want = float(sp.N(solution.answer, 20))
    # the right Riemann sum differs from the integral by about (f(1) - f(0)) / (2n)
    bound = (abs(f(1.0) - f(0.0)) + 1) / n
    return abs(total - want) < bound * max(1.0, abs(want))


UNIT = Unit(
    id="math3.integration_iii",
    name="積分法",
    course="数学III",
    types=(
        ProblemType(
            id="substitution", name="置換積分", sample=sample_substitution, solve=solve_substitution,
            verify=verify_substitution, problem_templates=("sub_1.j2", "sub_2.j2", "sub_3.j2"),
            solution_template="sub_solution.j2",
            knobs="x(x^2+a)^n -> sin x cos^n x, x sqrt(a^2-x^2) -> (log x)^n/x, x e^{ax^2} -> x sqrt(x^2+s^2) with Pythagorean ends",
        ),
        ProblemType(
            id="integration_by_parts", name="部分積分", sample=sample_parts, solve=solve_parts, verify=verify_parts,
            problem_templates=("parts_1.j2", "parts_2.j2", "parts_3.j2"), solution_template="parts_solution.j2",
            knobs="x e^x, x log x -> x^m log x, x e^{kx} -> x sin kx -> x cos kx (π and rational parts)",
        ),
        ProblemType(
            id="area_between_curves", name="2曲線で囲まれた面積", sample=sample_area, solve=solve_area,
            verify=verify_area, problem_templates=("area_1.j2", "area_2.j2", "area_3.j2"), solution_template="area_solution.j2",
            knobs="y=x^2/a and y=sqrt(ax), log x -> a sqrt x and a line -> sin and cos -> e^x and e^{-x}",
        ),
        ProblemType(
            id="solid_of_revolution", name="回転体の体積", sample=sample_volume, solve=solve_volume,
            verify=verify_volume, problem_templates=("vol_1.j2", "vol_2.j2", "vol_3.j2"), solution_template="vol_solution.j2",
            knobs="sqrt(ax), x^m -> spheres, 1/x -> sin x (π^2), washers -> e^x",
        ),
        ProblemType(
            id="riemann_sum", name="区分求積法", sample=sample_riemann, solve=solve_riemann, verify=verify_riemann,
            problem_templates=("riem_1.j2", "riem_2.j2", "riem_3.j2"), solution_template="riem_solution.j2",
            knobs="power sums -> shifted powers -> n/(n^2+k^2), 1/(n+ak) -> e^{ak/n}, sqrt(n+k) -> sin(kπ/n)",
        ),
    ),
)
