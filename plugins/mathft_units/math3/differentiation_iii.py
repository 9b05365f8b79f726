"""微分法 (数学III): 商の微分, 合成関数の微分, 極値 (e・log を含む), 接線.

Each family has its closed-form derivative written in answer-key form (factored
numerator, squared denominator, positive exponents); the verifiers differentiate the
original function numerically with mpmath at several points and compare.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, point_slope_tex, poly, tex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz
from mathft_units.math3._etex import DPS, close, ecoef, evalue, rat

X = sp.Symbol("x")
Y = sp.Symbol("y")
YP = sp.Symbol("y'")
POINTS = (mpmath.mpf("0.37"), mpmath.mpf("1.3"), mpmath.mpf("2.9"))


def _lin(a: int, b: int) -> str:
    return poly([a, b])


def _factored_quadratic(c: list[int]) -> tuple[str, bool]:
    """An integer polynomial (degree <= 2) as the answer key writes a numerator.

    Returns (text, negative): the leading sign is pulled out (``negative``), a
    quadratic with rational roots is factored (Gauss), the content stays in front.
    """
    while len(c) > 1 and c[0] == 0:
        c = c[1:]
    negative = c[0] < 0
    if negative:
        c = [-v for v in c]
    g = math.gcd(*c)
    # the content is pulled out of a non-constant numerator: 2(x^2 - 4x - 7), not 2x^2 - 8x - 14
    content = poly(c) if len(c) < 2 or g == 1 else f"{g}({poly([v // g for v in c])})"
    if len(c) < 3:
        return content, negative
    a, b, k = (v // g for v in c)
    disc = b * b - 4 * a * k
    root = math.isqrt(disc) if disc >= 0 else -1
    if root < 0 or root * root != disc:
        return content, negative
    factors = []
    for r in sorted((Fraction(-b - root, 2 * a), Fraction(-b + root, 2 * a))):
        factors.append("x" if r == 0 else f"({poly([r.denominator, -r.numerator])})")
    if factors[0] == factors[1]:
        body = f"{factors[0]}^2"
    else:
        body = "".join(sorted(factors, key=lambda f: f != "x"))
    return ("" if g == 1 else str(g)) + body, negative


def _num_deriv(f: Callable[[mpmath.mpf], mpmath.mpf], at: mpmath.mpf) -> mpmath.mpf:
    with mpmath.workdps(DPS):
        return mpmath.diff(f, at)


def _eval(expr: sp.Expr, at: mpmath.mpf) -> float:
    return float(expr.subs(X, sp.Float(str(at), 30)).evalf(20))


# --- 商の微分 -------------------------------------------------------------------------------


def sample_quotient(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "lin_lin", 2: "lin_lin", 3: "quad_lin", 4: rng.choice(("quad_lin", "lin_quad")), 5: "lin_quad"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        if kind == "lin_lin":
            return {"kind": kind, "a": _nz(r, -6, 6), "b": r.randint(-9, 9), "c": 1 if difficulty == 1 else r.randint(1, 4), "d": _nz(r, -9, 9)}
        if kind == "quad_lin":
            return {"kind": kind, "p": r.randint(-6, 6), "q": r.randint(-9, 9), "s": _nz(r, -6, 6)}
        return {"kind": kind, "a": _nz(r, -5, 5), "b": r.randint(-6, 6), "k": r.randint(1, 9)}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "lin_lin":
            return p["a"] * p["d"] - p["b"] * p["c"] != 0 and math.gcd(math.gcd(p["a"], p["b"]), 1) == 1
        if p["kind"] == "quad_lin":
            s = p["s"]
            return s * s - p["p"] * s + p["q"] != 0  # x + s does not divide the numerator
        return True

    return draw_until(rng, draw, ok)


def solve_quotient(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    if kind == "lin_lin":
        a, b, c, d = p["a"], p["b"], p["c"], p["d"]
        f_tex, g_tex = _lin(a, b), _lin(c, d)
        numer = [a * d - b * c]
        fp, gp = str(a), str(c)
        g_val = c * X + d
        f_val = a * X + b
    elif kind == "quad_lin":
        pp, q, s = p["p"], p["q"], p["s"]
        f_tex, g_tex = poly([1, pp, q]), _lin(1, s)
        numer = [1, 2 * s, pp * s - q]
        fp, gp = poly([2, pp]), "1"
        g_val = X + s
        f_val = X**2 + pp * X + q
    else:
        a, b, k = p["a"], p["b"], p["k"]
        f_tex, g_tex = _lin(a, b), poly([1, 0, k])
        numer = [-a, -2 * b, a * k]
        fp, gp = str(a), "2x"
        g_val = X**2 + k
        f_val = a * X + b
    body, negative = _factored_quadratic(numer)
    den = f"({g_tex})^2"
    latex = f"y' = {'-' if negative else ''}\\frac{{{body}}}{{{den}}}"
    n_expr = sp.Add(*[cf * X ** (len(numer) - 1 - i) for i, cf in enumerate(numer)])
    value = sp.Eq(YP, n_expr / g_val**2)
    expanded = poly(numer)
    steps = {"f": f_tex, "g": g_tex, "fp": fp, "gp": gp,
             "raw": f"\\frac{{{_paren(fp)}({g_tex}) - ({f_tex}) \\cdot {gp}}}{{({g_tex})^2}}",
             "numer": expanded, "den": den, "fx": f"\\frac{{{f_tex}}}{{{g_tex}}}",
             "f_val": str(f_val), "g_val": str(g_val)}
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _paren(t: str) -> str:
    """A factor written before a parenthesis: ``3``, ``(-3)``, ``(2x - 4)``."""
    return t if t.isdigit() else f"({t})"


def verify_quotient(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    if kind == "lin_lin":
        def f(x: mpmath.mpf) -> mpmath.mpf:
            return (p["a"] * x + p["b"]) / (p["c"] * x + p["d"])
    elif kind == "quad_lin":
        def f(x: mpmath.mpf) -> mpmath.mpf:
            return (x * x + p["p"] * x + p["q"]) / (x + p["s"])
    else:
        def f(x: mpmath.mpf) -> mpmath.mpf:
            return (p["a"] * x + p["b"]) / (x * x + p["k"])
    pole = -p["d"] / p["c"] if kind == "lin_lin" else -p["s"] if kind == "quad_lin" else None
    rhs = solution.answer.rhs
    for at in POINTS:
        if pole is not None and abs(float(at) - pole) < 0.2:
            at = at + 1
        if not close(float(_num_deriv(f, at)), _eval(rhs, at), 1e-8):
            return False
    return True


# --- 合成関数の微分 --------------------------------------------------------------------------


def sample_chain(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("power",), 2: ("power", "sqrt_lin"), 3: ("sqrt_quad", "exp", "log"),
             4: ("exp", "log", "trig", "power_quad", "trig_quad"),
             5: ("trig_power", "power_quad", "sqrt_quad", "trig_quad")}[difficulty]
    kind = rng.choice(kinds)
    return {"kind": kind, "a": rng.randint(1, 9), "b": _nz(rng, -12, 12) if kind not in ("sqrt_quad", "log") else rng.randint(1, 15),
            "n": rng.randint(2, 5 if kind == "trig_power" else 6), "f": rng.choice(("sin", "cos"))}


def solve_chain(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, n = p["kind"], p["a"], p["b"], p["n"]
    ax = "x" if a == 1 else f"{a}x"
    steps: dict[str, Any] = {"kind": kind}
    if kind == "power":
        inner = _lin(a, b)
        y_tex = f"({inner})^{{{n}}}"
        coef = n * a
        rest = f"({inner})" if n == 2 else f"({inner})^{{{n - 1}}}"
        latex = f"{coef}{rest}"
        value = coef * (a * X + b) ** (n - 1)
        steps.update(inner=inner, outer=f"{n}u^{{{n - 1}}}" if n > 2 else f"{n}u", inner_d=str(a))
    elif kind == "power_quad":
        inner = poly([1, 0, b])
        y_tex = f"({inner})^{{{n}}}"
        coef = 2 * n
        rest = f"({inner})" if n == 2 else f"({inner})^{{{n - 1}}}"
        latex = f"{coef}x{rest}"
        value = coef * X * (X**2 + b) ** (n - 1)
        steps.update(inner=inner, outer=f"{n}u^{{{n - 1}}}" if n > 2 else f"{n}u", inner_d="2x")
    elif kind == "sqrt_lin":
        inner = _lin(a, b)
        y_tex = f"\\sqrt{{{inner}}}"
        c = Fraction(a, 2)
        latex = (f"\\frac{{{c.numerator}}}{{{'' if c.denominator == 1 else c.denominator}\\sqrt{{{inner}}}}}")
        value = rat(c) / sp.sqrt(a * X + b)
        steps.update(inner=inner, outer="\\frac{1}{2\\sqrt{u}}", inner_d=str(a))
    elif kind == "sqrt_quad":
        inner = poly([a, 0, b])
        y_tex = f"\\sqrt{{{inner}}}"
        latex = f"\\frac{{{ax}}}{{\\sqrt{{{inner}}}}}"
        value = a * X / sp.sqrt(a * X**2 + b)
        steps.update(inner=inner, outer="\\frac{1}{2\\sqrt{u}}", inner_d=coef_term(2 * a, "x"))
    elif kind == "exp":
        inner = poly([a, b, 0])
        y_tex = f"e^{{{inner}}}"
        latex = f"({poly([2 * a, b])})e^{{{inner}}}"
        value = (2 * a * X + b) * sp.exp(a * X**2 + b * X)
        steps.update(inner=inner, outer="e^u", inner_d=poly([2 * a, b]))
    elif kind == "log":
        inner = poly([a, 0, b])
        y_tex = f"\\log({inner})"
        latex = f"\\frac{{{coef_term(2 * a, 'x')}}}{{{inner}}}"
        value = 2 * a * X / (a * X**2 + b)
        steps.update(inner=inner, outer="\\frac{1}{u}", inner_d=coef_term(2 * a, "x"))
    elif kind == "trig":
        inner = _lin(a, b)
        fn = p["f"]
        y_tex = f"\\{fn}({inner})"
        if fn == "sin":
            latex, value = f"{'' if a == 1 else a}\\cos({inner})", a * sp.cos(a * X + b)
            outer = "\\cos u"
        else:
            latex, value = f"-{'' if a == 1 else a}\\sin({inner})", -a * sp.sin(a * X + b)
            outer = "-\\sin u"
        steps.update(inner=inner, outer=outer, inner_d=str(a))
    elif kind == "trig_quad":  # a trig function of a non-linear inner function: sin(ax^2 + b)
        inner = poly([a, 0, b])
        fn = p["f"]
        y_tex = f"\\{fn}({inner})"
        slope = coef_term(2 * a, "x")
        if fn == "sin":
            latex, value, outer = f"{slope}\\cos({inner})", 2 * a * X * sp.cos(a * X**2 + b), "\\cos u"
        else:
            latex, value, outer = f"-{slope}\\sin({inner})", -2 * a * X * sp.sin(a * X**2 + b), "-\\sin u"
        steps.update(inner=inner, outer=outer, inner_d=slope)
    else:
        fn = p["f"]
        m = n
        y_tex = f"\\{fn}^{{{m}}} {ax}"
        other = "cos" if fn == "sin" else "sin"
        coef = m * a * (1 if fn == "sin" else -1)
        power = f"\\{fn}^{{{m - 1}}} {ax}" if m > 2 else f"\\{fn} {ax}"
        latex = f"{coef_term(coef, '')}{power}\\{other} {ax}" if abs(coef) != 1 else f"{'-' if coef < 0 else ''}{power}\\{other} {ax}"
        trig = sp.sin if fn == "sin" else sp.cos
        trig2 = sp.cos if fn == "sin" else sp.sin
        value = coef * trig(a * X) ** (m - 1) * trig2(a * X)
        steps.update(inner=f"\\{fn} {ax}", outer=f"{m}u^{{{m - 1}}}" if m > 2 else f"{m}u",
                     inner_d=f"{'' if a == 1 else a}\\cos {ax}" if fn == "sin" else f"-{'' if a == 1 else a}\\sin {ax}", m=m)
    steps["y"] = y_tex
    return Solution(answer=sp.Eq(YP, value), answer_latex=f"y' = {latex}", steps=steps)


def verify_chain(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, n = p["kind"], p["a"], p["b"], p["n"]
    m = n
    trig = mpmath.sin if p["f"] == "sin" else mpmath.cos
    fns: dict[str, Callable[[mpmath.mpf], mpmath.mpf]] = {
        "power": lambda x: (a * x + b) ** n,
        "power_quad": lambda x: (x * x + b) ** n,
        "sqrt_lin": lambda x: mpmath.sqrt(a * x + b),
        "sqrt_quad": lambda x: mpmath.sqrt(a * x * x + b),
        "exp": lambda x: mpmath.exp(a * x * x + b * x),
        "log": lambda x: mpmath.log(a * x * x + b),
        "trig": lambda x: trig(a * x + b),
        "trig_quad": lambda x: trig(a * x * x + b),
        "trig_power": lambda x: trig(a * x) ** m,
    }
    f = fns[kind]
    rhs = solution.answer.rhs
    for at in POINTS:
        shift = at + (abs(b) + 1 if kind == "sqrt_lin" else 0)
        if not close(float(_num_deriv(f, shift)), _eval(rhs, shift), 1e-8):
            return False
    return True


# --- 極値 -----------------------------------------------------------------------------------


def sample_extremum(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("x_exp_neg",), 2: ("x2_exp_neg", "x_exp_pos"), 3: ("log_over_x", "x_log", "rational", "x_exp_neg"),
             4: ("quad_exp",), 5: ("quad_exp", "rational", "x2_exp_neg")}[difficulty]
    kind = rng.choice(kinds)

    def draw(r: Random) -> dict[str, Any]:
        if kind == "quad_exp":
            r1, r2 = sorted(r.sample(range(-4 - difficulty, 5 + difficulty), 2))
            # f' = (x^2 + (p+2)x + p + q) e^x = (x - r1)(x - r2) e^x
            pp = -(r1 + r2) - 2
            q = r1 * r2 - pp
            return {"kind": kind, "p": pp, "q": q, "ask": r.choice(("max", "min"))}
        return {"kind": kind, "k": r.randint(1, 12 if kind != "rational" else 30), "c": r.randint(1, 30 if kind in ("log_over_x", "x_log") else 12),
                "h": r.randint(-2, 3) if kind == "x_exp_neg" else 0,
                "m": r.choice((1, 2, 3)), "ask": "min" if kind in ("x_exp_pos", "x_log") else "max"}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "quad_exp":
            return _quad_exp_value(p)[0] != 0
        return True

    return draw_until(rng, draw, ok)


def _quad_exp_value(p: Mapping[str, Any]) -> tuple[int, int]:
    """(coefficient, exponent) of the extreme value c·e^r of (x^2 + px + q)e^x."""
    pp, q = p["p"], p["q"]
    b = pp + 2
    c = pp + q
    disc = b * b - 4 * c
    s = math.isqrt(disc)
    r1, r2 = (-b - s) // 2, (-b + s) // 2
    r = r1 if p["ask"] == "max" else r2
    return r * r + pp * r + q, r


def solve_extremum(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    k, c = p.get("k", 1), p.get("c", 1)
    steps: dict[str, Any] = {"kind": kind, "ask": p["ask"]}
    cs = "" if c == 1 else str(c)
    if kind == "x_exp_neg":
        h = p["h"]
        x0 = h + Fraction(1, k)
        value, e_pow = Fraction(c, k), -k * h - 1
        lin = "x" if h == 0 else f"({poly([1, -h])})"
        steps.update(f=f"{cs}{lin}{ecoef_exp(-k)}", fp=f"{cs}({poly([-k, 1 + k * h])}){ecoef_exp(-k)}", x0=num(x0),
                     epow=ecoef_exp(-k))
    elif kind == "x2_exp_neg":
        x0 = Fraction(2, k)
        value, e_pow = Fraction(4 * c, k * k), -2
        steps.update(f=f"{cs}x^2{ecoef_exp(-k)}", fp=f"{cs}x({poly([-k, 2])}){ecoef_exp(-k)}", x0=num(x0),
                     epow=ecoef_exp(-k))
    elif kind == "x_exp_pos":
        x0 = Fraction(-1, k)
        value, e_pow = Fraction(-c, k), -1
        steps.update(f=f"{cs}x{ecoef_exp(k)}", fp=f"{cs}({poly([k, 1])}){ecoef_exp(k)}", x0=num(x0),
                     epow=ecoef_exp(k))
    elif kind == "log_over_x":
        m = p["m"]
        value, e_pow = Fraction(c, m), -1
        root = {1: "e", 2: "\\sqrt{e}", 3: "\\sqrt[3]{e}"}[m]
        steps.update(f=f"\\frac{{{cs}\\log x}}{{x{'' if m == 1 else '^' + str(m)}}}",
                     fp=f"\\frac{{{cs}(1 - {'' if m == 1 else m}\\log x)}}{{x^{m + 1}}}", x0=root,
                     x0_val=f"\\log x = {num(Fraction(1, m))}")
    elif kind == "x_log":
        m = p["m"]
        value, e_pow = Fraction(-c, m), -1
        root = {1: "\\frac{1}{e}", 2: "\\frac{1}{\\sqrt{e}}", 3: "\\frac{1}{\\sqrt[3]{e}}"}[m]
        xm = "x" if m == 1 else f"x^{m}"
        pre = "" if m == 1 else ("x" if m == 2 else "x^2")
        steps.update(f=f"{cs}{xm}\\log x", fp=f"{cs}{pre}({'' if m == 1 else m}\\log x + 1)", x0=root,
                     x0_val=f"\\log x = -{num(Fraction(1, m))}")
    elif kind == "rational":
        sq = sp.sqrt(k)
        val = sp.Integer(c) / (2 * sq)
        steps.update(f=f"\\frac{{{'' if c == 1 else c}x}}{{x^2 + {k}}}",
                     fp=f"\\frac{{{'' if c == 1 else c}({k} - x^2)}}{{(x^2 + {k})^2}}" if c != 1 else f"\\frac{{{k} - x^2}}{{(x^2 + {k})^2}}",
                     x0=tex(sq), x0_neg=tex(-sq))
        latex = tex(val)
        steps["value"] = latex
        return Solution(answer=val, answer_latex=latex, steps=steps)
    else:
        coef, r = _quad_exp_value(p)
        b, cc = p["p"] + 2, p["p"] + p["q"]
        disc = b * b - 4 * cc
        s = math.isqrt(disc)
        r1, r2 = (-b - s) // 2, (-b + s) // 2
        steps.update(f=f"({poly([1, p['p'], p['q']])})e^x", fp=f"({poly([1, b, cc])})e^x",
                     fp_fact=f"{_factor(r1)}{_factor(r2)}e^x", sign_fact=f"{_factor(r1)}{_factor(r2)}",
                     r1=r1, r2=r2, x0=r)
        value, e_pow = Fraction(coef), r
    latex = ecoef(value, e_pow)
    steps["value"] = latex
    return Solution(answer=evalue(value, e_pow), answer_latex=latex, steps=steps)


def _factor(root: int) -> str:
    """The factor of a root: ``x`` for 0, ``(x - 3)`` otherwise (never ``(x + 0)``)."""
    return "x" if root == 0 else f"({poly([1, -root])})"


def ecoef_exp(k: int) -> str:
    """``e^{-2x}`` / ``e^{x}`` for the function text."""
    return f"e^{{{coef_term(k, 'x')}}}"


def _extremum_fn(p: Mapping[str, Any]) -> tuple[Callable[[mpmath.mpf], mpmath.mpf], mpmath.mpf]:
    kind = p["kind"]
    k, c = p.get("k", 1), p.get("c", 1)
    m = p.get("m", 1)
    if kind == "x_exp_neg":
        h = p["h"]
        return (lambda x: c * (x - h) * mpmath.exp(-k * x)), h + mpmath.mpf(1) / k
    if kind == "x2_exp_neg":
        return (lambda x: c * x * x * mpmath.exp(-k * x)), mpmath.mpf(2) / k
    if kind == "x_exp_pos":
        return (lambda x: c * x * mpmath.exp(k * x)), mpmath.mpf(-1) / k
    if kind == "log_over_x":
        return (lambda x: c * mpmath.log(x) / x**m), mpmath.e ** (mpmath.mpf(1) / m)
    if kind == "x_log":
        return (lambda x: c * x**m * mpmath.log(x)), mpmath.e ** (-mpmath.mpf(1) / m)
    if kind == "rational":
        return (lambda x: c * x / (x * x + k)), mpmath.sqrt(k)
    _, r = _quad_exp_value(p)
    return (lambda x: (x * x + p["p"] * x + p["q"]) * mpmath.exp(x)), mpmath.mpf(r)


def verify_extremum(params: Mapping[str, Any], solution: Solution) -> bool:
    f, x0 = _extremum_fn(params)
    with mpmath.workdps(DPS):
        slope = mpmath.diff(f, x0)
        h = mpmath.mpf("1e-4")
        centre, left, right = f(x0), f(x0 - h), f(x0 + h)
    if abs(slope) > 1e-12 * max(1.0, abs(float(centre))):
        return False
    is_max = centre > left and centre > right
    is_min = centre < left and centre < right
    if (params["ask"] == "max") != is_max or (params["ask"] == "min") != is_min:
        return False
    got = float(sp.N(solution.answer, 20))
    # the sign too: an absolute tolerance alone cannot tell a tiny value from its negative
    return close(float(centre), got, 1e-12) and mpmath.sign(centre) == mpmath.sign(got)


# --- 接線 -----------------------------------------------------------------------------------


def sample_tangent(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("log", "exp", "sqrt"), 2: ("log", "sqrt"), 3: ("sqrt", "recip", "exp"), 4: ("exp", "xexp", "recip", "sqrt"),
             5: ("xexp", "log", "sqrt")}[difficulty]
    kind = rng.choice(kinds)
    if kind == "log":
        if rng.random() < 0.4:
            return {"kind": kind, "c": rng.randint(1, 5), "j": rng.randint(-2, 3), "t": 0}
        return {"kind": kind, "c": rng.randint(1, 5), "j": 0, "t": rng.randint(2, 12)}
    if kind == "exp":
        return {"kind": kind, "c": rng.randint(1, 5), "a": _nz(rng, -3, 3), "t": rng.randint(-1, 1) if difficulty == 1 else rng.randint(-2, 2)}
    if kind == "sqrt":
        a = rng.randint(1, 5)
        s = rng.randint(1, 5)
        x0 = rng.randint(-3, 6)
        return {"kind": kind, "a": a, "b": s * s - a * x0, "x0": x0}
    if kind == "recip":
        return {"kind": kind, "k": _nz(rng, -12, 12), "x0": _nz(rng, -6, 6)}
    return {"kind": kind, "k": _nz(rng, -4, 4), "t": _nz(rng, -3, 3)}


def _line(m_c: Fraction, m_e: int, b_c: Fraction, b_e: int) -> str:
    """``y = mx + b`` where m = m_c·e^{m_e}, b = b_c·e^{b_e}."""
    if m_e == 0 or m_c == 0:  # a horizontal tangent is y = b, never y = 0x + b
        m_tex = coef_term(m_c, "x")
    else:
        body = ecoef(m_c, m_e)
        m_tex = ("-" if body == "-e" else "") + "ex" if body in ("e", "-e") else f"{body}x"
    parts = [m_tex]
    if b_c != 0:
        parts.append(ecoef(b_c, b_e))
    return "y = " + (join_terms(parts) or "0")


def solve_tangent(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "log" and p["t"]:
        c, t = p["c"], p["t"]
        cs = "" if c == 1 else str(c)
        steps.update(f=f"{cs}\\log x", fp=f"\\frac{{{c}}}{{x}}", x0=str(t), y0=f"{cs}\\log {t}", slope=num(Fraction(c, t)),
                     point_form=point_slope_tex(f"{cs}\\log {t}", num(Fraction(c, t)), str(t)))
        intercept = f"{cs}\\log {t} - {c}"
        latex = f"y = {coef_term(Fraction(c, t), 'x')} + {intercept}"
        value = sp.Eq(Y, rat(Fraction(c, t)) * X + c * sp.log(t) - c)
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "log":
        j, c = p["j"], p["c"]
        x0_tex, y0_tex = ecoef(1, j) if j else "1", str(c * j)
        m = (Fraction(c), -j)
        b = (Fraction(c * (j - 1)), 0)
        steps.update(f=f"{'' if c == 1 else c}\\log x", fp=f"\\frac{{{c}}}{{x}}")
    elif kind == "exp":
        a, t, c = p["a"], p["t"], p["c"]
        x0_tex, y0_tex = str(t), ecoef(c, a * t)
        m = (Fraction(a * c), a * t)
        b = (Fraction(c * (1 - a * t)), a * t)
        cs = "" if c == 1 else str(c)
        steps.update(f=f"{cs}e^{{{coef_term(a, 'x')}}}", fp=f"{coef_term(a * c, '')}e^{{{coef_term(a, 'x')}}}" if abs(a * c) != 1 else f"{'-' if a < 0 else ''}e^{{{coef_term(a, 'x')}}}")
    elif kind == "sqrt":
        a, bb, x0 = p["a"], p["b"], p["x0"]
        s = math.isqrt(a * x0 + bb)
        x0_tex, y0_tex = str(x0), str(s)
        m = (Fraction(a, 2 * s), 0)
        b = (Fraction(s) - Fraction(a * x0, 2 * s), 0)
        steps.update(f=f"\\sqrt{{{_lin(a, bb)}}}", fp=f"\\frac{{{a}}}{{2\\sqrt{{{_lin(a, bb)}}}}}")
    elif kind == "recip":
        k, x0 = p["k"], p["x0"]
        x0_tex, y0_tex = str(x0), num(Fraction(k, x0))
        m = (Fraction(-k, x0 * x0), 0)
        b = (Fraction(2 * k, x0), 0)
        steps.update(f=f"\\frac{{{k}}}{{x}}" if k > 0 else f"-\\frac{{{-k}}}{{x}}", fp=f"-\\frac{{{k}}}{{x^2}}" if k > 0 else f"\\frac{{{-k}}}{{x^2}}")
    else:
        t, k = p["t"], p["k"]
        x0_tex, y0_tex = str(t), ecoef(t, k * t)
        m = (Fraction(1 + k * t), k * t)
        b = (Fraction(-k * t * t), k * t)
        steps.update(f=f"xe^{{{coef_term(k, 'x')}}}", fp=f"({poly([k, 1])})e^{{{coef_term(k, 'x')}}}")
    latex = _line(*m, *b)
    value = sp.Eq(Y, evalue(*m) * X + evalue(*b))
    slope = ecoef(*m)
    steps.update(x0=x0_tex, y0=y0_tex, slope=slope,
                 point_form=point_slope_tex(y0_tex, slope, x0_tex))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_tangent(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    fns: dict[str, tuple[Callable[[mpmath.mpf], mpmath.mpf], Any]] = {
        "log": (lambda x: p["c"] * mpmath.log(x), lambda: mpmath.mpf(p["t"]) if p["t"] else mpmath.e ** p["j"]),
        "exp": (lambda x: p["c"] * mpmath.exp(p["a"] * x), lambda: mpmath.mpf(p["t"])),
        "sqrt": (lambda x: mpmath.sqrt(p["a"] * x + p["b"]), lambda: mpmath.mpf(p["x0"])),
        "recip": (lambda x: mpmath.mpf(p["k"]) / x, lambda: mpmath.mpf(p["x0"])),
        "xexp": (lambda x: x * mpmath.exp(p["k"] * x), lambda: mpmath.mpf(p["t"])),
    }
    f, x0_fn = fns[kind]
    with mpmath.workdps(DPS):
        x0 = x0_fn()
        slope = mpmath.diff(f, x0)
        y0 = f(x0)
    line = solution.answer.rhs
    m = float(sp.N(line.coeff(X, 1), 20))
    b = float(sp.N(line.subs(X, 0), 20))
    return close(m, float(slope), 1e-10) and close(m * float(x0) + b, float(y0), 1e-10)


UNIT = Unit(
    id="math3.differentiation_iii",
    name="微分法",
    course="数学III",
    types=(
        ProblemType(
            id="quotient_rule", name="商の微分", sample=sample_quotient, solve=solve_quotient, verify=verify_quotient,
            problem_templates=("quot_1.j2", "quot_2.j2", "quot_3.j2"), solution_template="quot_solution.j2",
            knobs="(ax+b)/(x+d) -> (ax+b)/(cx+d) -> quadratic over linear -> linear over x^2+k with a factored numerator",
        ),
        ProblemType(
            id="chain_rule", name="合成関数の微分", sample=sample_chain, solve=solve_chain, verify=verify_chain,
            problem_templates=("chain_1.j2", "chain_2.j2", "chain_3.j2"), solution_template="chain_solution.j2",
            knobs="(ax+b)^n -> square roots -> e^{f(x)}, log f(x) -> trig of a linear function, (x^2+b)^n -> powers of sin/cos",
        ),
        ProblemType(
            id="extremum", name="極値", sample=sample_extremum, solve=solve_extremum, verify=verify_extremum,
            problem_templates=("ext_1.j2", "ext_2.j2", "ext_3.j2"), solution_template="ext_solution.j2",
            knobs="xe^{-kx} -> x^2e^{-kx}, xe^{kx} -> log x/x, x log x, x/(x^2+k) -> (x^2+px+q)e^x",
        ),
        ProblemType(
            id="tangent_line", name="接線", sample=sample_tangent, solve=solve_tangent, verify=verify_tangent,
            problem_templates=("tan_1.j2", "tan_2.j2", "tan_3.j2"), solution_template="tan_solution.j2",
            knobs="log x, e^{ax} at 0 -> sqrt(ax+b) -> k/x, e^{ax} anywhere -> xe^x",
        ),
    ),
)
