"""微分法の応用 (数学III): 積・商・合成関数の微分係数, 変曲点, 極値の条件から定数を決める問題.

Solvers use the closed forms of each family with exact rationals, ``e^k`` and π; verifiers
rebuild the function numerically from the parameters alone and differentiate it with
mpmath (30 digits), locate sign changes of ``f''`` on a grid, or compare ``f`` with its
neighbours, never re-running the solver's formulas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, pi_multiple, poly, signed
from mathft_core.latex import tex as _core_tex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.math3._etex import DPS, ecoef, evalue, rat

NAMES = ("f", "g", "h")
LOGX = "\\log x"
CDOT = " \\cdot "


def alg_tex(value: Any) -> str:
    """An algebraic number in answer-key form with the sign closed up: ``-\\frac{3\\sqrt{3}}{2}``."""
    text = _core_tex(sp.nsimplify(value))
    return "-" + text[2:] if text.startswith("- ") else text


def exp_tex(k: int, var: str = "x") -> str:
    """``e^{x}``, ``e^{-2x}``."""
    return f"e^{{{coef_term(k, var)}}}"


def mono(n: int) -> str:
    return "1" if n == 0 else ("x" if n == 1 else f"x^{n}")


def _fnum(expr: sp.Expr) -> mpmath.mpf:
    return mpmath.mpf(str(sp.N(expr, DPS)))


# --- 微分係数 -----------------------------------------------------------------------------

DERIV_KINDS = {1: ("prod_exp",), 2: ("quot_log", "prod_log"), 3: ("trig_sq",), 4: ("root_prod", "exp_quad"),
               5: ("trig_quot_sin", "trig_quot_cos")}
#: x = t·π with sin/cos of the doubled angle nice
TRIG_POINTS = (*tuple(Fraction(j, 12) for j in range(1, 12)), Fraction(1, 8), Fraction(3, 8))
SIN_QUOT_POINTS = (Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1))
COS_QUOT_POINTS = (Fraction(0), Fraction(1, 6), Fraction(1, 2), Fraction(5, 6), Fraction(1), Fraction(3, 2))


def sample_deriv(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(DERIV_KINDS[difficulty])
        p: dict[str, Any] = {"kind": kind, "name": r.choice(NAMES)}
        if kind == "prod_exp":
            p.update(n=r.randint(1, 3), k=r.choice([-3, -2, -1, 1, 2, 3]), a=r.randint(-2, 3))
        elif kind in ("quot_log", "prod_log"):
            p.update(n=r.randint(1, 3), b=r.randint(-3, 3), m=r.randint(0, 3))
        elif kind == "trig_sq":
            p.update(fn=r.choice(["sin", "cos"]), a=r.randint(1, 4), c=r.randint(1, 4), t=_fr(r.choice(TRIG_POINTS)))
        elif kind == "root_prod":
            a, s, x0 = r.randint(1, 4), r.randint(1, 4), r.randint(-2, 4)
            p.update(a=a, b=s * s - a * x0, x0=x0, s=s)
        elif kind == "exp_quad":
            p.update(q=r.randint(-4, 4), x0=r.randint(-3, 3), c=r.randint(1, 3))
        else:
            points = SIN_QUOT_POINTS if kind == "trig_quot_sin" else COS_QUOT_POINTS
            p.update(a=r.randint(2, 5), b=r.randint(1, 4), t=_fr(r.choice(points)))
        return p

    return draw_until(rng, draw, lambda p: _deriv_parts(p)[3] != 0)


def _fr(v: Fraction) -> list[int]:
    return [v.numerator, v.denominator]


def _f(v: list[int]) -> Fraction:
    return Fraction(v[0], v[1])


def _log_inner(b: int) -> str:
    return join_terms(["\\log x", num(b)])


def _deriv_parts(p: Mapping[str, Any]) -> tuple[str, str, str, sp.Expr, str]:
    """(f(x), f'(x), point, exact f'(point), substituted expression)."""
    kind = p["kind"]
    if kind == "prod_exp":
        n, k, a = p["n"], p["k"], p["a"]
        c = n * a ** (n - 1) + k * a**n
        f = f"{mono(n)}{exp_tex(k)}"
        d = f"{'' if n == 1 else mono(n - 1)}({poly([k, n])}){exp_tex(k)}"
        sub = ""
        if a != 0:
            head = "" if n == 1 else paren(a) + ("" if n == 2 else f"^{n - 1}") + CDOT
            sub = f"{head}({n} {signed(k * a)}){_epow_tex(k * a)}"
        return f, d, str(a), evalue(c, k * a), sub
    if kind in ("quot_log", "prod_log"):
        n, b, m = p["n"], p["b"], p["m"]
        point = "1" if m == 0 else ("e" if m == 1 else f"e^{{{m}}}")
        if kind == "quot_log":
            c = 1 - n * b - n * m
            f = f"\\frac{{{_log_inner(b)}}}{{{mono(n)}}}"
            d = f"\\frac{{{join_terms([num(1 - n * b), coef_term(-n, LOGX)])}}}{{{mono(n + 1)}}}"
            sub = f"\\frac{{{join_terms([num(1 - n * b), num(-n * m)])}}}{{{_pow_e(m, n + 1)}}}" if m else ""
            return f, d, point, evalue(c, -m * (n + 1)), sub
        c = n * m + n * b + 1
        f = f"{mono(n)}({_log_inner(b)})" if b else f"{mono(n)}\\log x"
        d = ("" if n == 1 else mono(n - 1)) + f"({join_terms([coef_term(n, LOGX), num(n * b + 1)])})"
        if n == 1:
            d = join_terms([coef_term(n, "\\log x"), num(n * b + 1)])
        sub = ""
        if m:
            sub = (f"{_pow_e(m, n - 1)}{CDOT}" if n > 1 else "") + f"({join_terms([num(n * m), num(n * b + 1)])})"
        return f, d, point, evalue(c, m * (n - 1)), sub
    if kind == "trig_sq":
        fn, a, c, t = p["fn"], p["a"], p["c"], _f(p["t"])
        sign = 1 if fn == "sin" else -1
        ax = coef_term(a, "x")
        f = f"{'' if c == 1 else c}\\{fn}^2 {ax}"
        other = "cos" if fn == "sin" else "sin"
        d = f"{_cf(sign * 2 * a * c)}\\{fn} {ax}\\{other} {ax} = {_cf(sign * a * c)}\\sin {coef_term(2 * a, 'x')}"
        val = sign * a * c * sp.sin(sp.pi * rat(2 * a * t))
        sub = f"{_cf(sign * a * c)}\\sin {pi_multiple(2 * a * t)}"
        return f, d, pi_multiple(t), sp.nsimplify(val), sub
    if kind == "root_prod":
        a, b, x0, s = p["a"], p["b"], p["x0"], p["s"]
        inner = poly([a, b])
        f = f"x\\sqrt{{{inner}}}"
        d = f"\\sqrt{{{inner}}} + \\frac{{{coef_term(a, 'x')}}}{{2\\sqrt{{{inner}}}}} = \\frac{{{poly([3 * a, 2 * b])}}}{{2\\sqrt{{{inner}}}}}"
        val = Fraction(3 * a * x0 + 2 * b, 2 * s)
        sub = f"\\frac{{{3 * a * x0 + 2 * b}}}{{2 \\cdot {s}}}"
        return f, d, str(x0), rat(val), sub
    if kind == "exp_quad":
        q, x0, c = p["q"], p["x0"], p["c"]
        e = poly([1, q, 0])
        f = f"{'' if c == 1 else c}e^{{{e}}}"
        d = f"{_cf(c)}({poly([2, q])})e^{{{e}}}" if c != 1 else f"({poly([2, q])})e^{{{e}}}"
        k = x0 * x0 + q * x0
        val = c * (2 * x0 + q)
        inner = f"2 \\cdot {paren(x0)}" + (f" {signed(q)}" if q else "")
        sub = f"{'' if c == 1 else str(c) + CDOT}({inner})" + (_epow_tex(k) if k else "")
        return f, d, str(x0), evalue(val, k), sub
    a, b, t = p["a"], p["b"], _f(p["t"])
    bt = "" if b == 1 else str(b)
    if kind == "trig_quot_sin":
        f = f"\\frac{{{bt}\\sin x}}{{{a} + \\cos x}}"
        d = f"\\frac{{{bt}\\cos x({a} + \\cos x) + {bt}\\sin^2 x}}{{({a} + \\cos x)^2}} = \\frac{{{b * a if b * a != 1 else ''}\\cos x + {b}}}{{({a} + \\cos x)^2}}"
        cs = sp.cos(sp.pi * rat(t))
        val = b * (a * cs + 1) / (a + cs) ** 2
        sub = f"\\frac{{{b * a} \\cdot {paren(alg_tex(cs))} + {b}}}{{\\left({a} {signed(alg_tex(cs))}\\right)^2}}" if cs else ""
    else:
        f = f"\\frac{{{bt}\\cos x}}{{{a} + \\sin x}}"
        d = f"\\frac{{-{bt}\\sin x({a} + \\sin x) - {bt}\\cos^2 x}}{{({a} + \\sin x)^2}} = -\\frac{{{b * a if b * a != 1 else ''}\\sin x + {b}}}{{({a} + \\sin x)^2}}"
        sn = sp.sin(sp.pi * rat(t))
        val = -b * (a * sn + 1) / (a + sn) ** 2
        sub = f"-\\frac{{{b * a} \\cdot {paren(alg_tex(sn))} + {b}}}{{\\left({a} {signed(alg_tex(sn))}\\right)^2}}" if sn else ""
    return f, d, pi_multiple(t), sp.nsimplify(val), sub


def _epow_tex(k: int) -> str:
    return "1" if k == 0 else ("e" if k == 1 else f"e^{{{k}}}")


def _cf(c: int) -> str:
    """An integer coefficient in front of a function name: ``''``, ``-``, ``3``."""
    return "" if c == 1 else ("-" if c == -1 else str(c))


def _pow_e(m: int, k: int) -> str:
    """``(e^m)^k`` evaluated: ``1``, ``e``, ``e^{6}``."""
    e = m * k
    return "1" if e == 0 else ("e" if e == 1 else f"e^{{{e}}}")


def _deriv_latex(kind: str, value: sp.Expr, p: Mapping[str, Any]) -> str:
    if kind == "prod_exp":
        n, k, a = p["n"], p["k"], p["a"]
        return ecoef(n * a ** (n - 1) + k * a**n, k * a)
    if kind == "quot_log":
        n, b, m = p["n"], p["b"], p["m"]
        return ecoef(1 - n * b - n * m, -m * (n + 1))
    if kind == "prod_log":
        n, b, m = p["n"], p["b"], p["m"]
        return ecoef(n * m + n * b + 1, m * (n - 1))
    if kind == "exp_quad":
        q, x0, c = p["q"], p["x0"], p["c"]
        return ecoef(c * (2 * x0 + q), x0 * x0 + q * x0)
    if kind == "root_prod":
        return num(Fraction(3 * p["a"] * p["x0"] + 2 * p["b"], 2 * p["s"]))
    return alg_tex(value)


def solve_deriv(params: Mapping[str, Any]) -> Solution:
    f, d, point, value, sub = _deriv_parts(params)
    latex = _deriv_latex(params["kind"], value, params)
    rule = {"prod_exp": "積の微分法", "quot_log": "商の微分法", "prod_log": "積の微分法", "trig_sq": "合成関数の微分法",
            "root_prod": "積の微分法と合成関数の微分法", "exp_quad": "合成関数の微分法"}.get(params["kind"], "商の微分法")
    steps = {"f": f, "d": d, "point": point, "sub": sub, "value": latex, "rule": rule, "show_sub": bool(sub) and sub != latex}
    return Solution(answer=value, answer_latex=latex, steps=steps)


def deriv_function(p: Mapping[str, Any]) -> tuple[Callable[[mpmath.mpf], mpmath.mpf], mpmath.mpf]:
    """The function and the point, numerically, straight from the parameters."""
    kind = p["kind"]
    if kind == "prod_exp":
        return (lambda x: x ** p["n"] * mpmath.exp(p["k"] * x)), mpmath.mpf(p["a"])
    if kind == "quot_log":
        return (lambda x: (mpmath.log(x) + p["b"]) / x ** p["n"]), mpmath.e ** p["m"]
    if kind == "prod_log":
        return (lambda x: x ** p["n"] * (mpmath.log(x) + p["b"])), mpmath.e ** p["m"]
    if kind == "trig_sq":
        fn = mpmath.sin if p["fn"] == "sin" else mpmath.cos
        return (lambda x: p["c"] * fn(p["a"] * x) ** 2), mpmath.pi * p["t"][0] / p["t"][1]
    if kind == "root_prod":
        return (lambda x: x * mpmath.sqrt(p["a"] * x + p["b"])), mpmath.mpf(p["x0"])
    if kind == "exp_quad":
        return (lambda x: p["c"] * mpmath.exp(x * x + p["q"] * x)), mpmath.mpf(p["x0"])
    t = mpmath.pi * p["t"][0] / p["t"][1]
    if kind == "trig_quot_sin":
        return (lambda x: p["b"] * mpmath.sin(x) / (p["a"] + mpmath.cos(x))), t
    return (lambda x: p["b"] * mpmath.cos(x) / (p["a"] + mpmath.sin(x))), t


def verify_deriv(params: Mapping[str, Any], solution: Solution) -> bool:
    with mpmath.workdps(DPS):
        f, at = deriv_function(params)
        got = mpmath.diff(f, at)
        want = _fnum(solution.answer)
        return abs(got - want) < mpmath.mpf(10) ** -15 * max(1, abs(want))


# --- 変曲点 -------------------------------------------------------------------------------

INFLECTION_KINDS = {1: ("lin_exp",), 2: ("lin_exp",), 3: ("sin1", "sin2", "cos1", "cos2"), 4: ("quad_exp",), 5: ("quad_exp",)}
#: (function, coefficient of x inside it, open interval end as a multiple of π)
TRIG_INFLECTION = {"sin1": ("sin", 1, 2), "sin2": ("sin", 2, 1), "cos1": ("cos", 1, 2), "cos2": ("cos", 2, 1)}


def sample_inflection(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(INFLECTION_KINDS[difficulty])
    sigma = -1 if difficulty in (1, 4) else rng.choice((-1, 1))
    m = rng.choice((1, 2, 3, 4) if difficulty == 1 else (1, 2, -1, -2) if difficulty == 4 else (-3, -2, -1, 1, 2, 3))
    p: dict[str, Any] = {"kind": kind, "sigma": sigma, "m": m, "name": rng.choice(("C", "y = f(x)", "K"))}
    if kind == "lin_exp":
        p["h"] = rng.randint(-5, 5)
    elif kind == "quad_exp":
        r1, r2 = sorted(rng.sample(range(-3, 5), 2))
        p["r"] = [r1, r2]
    else:
        p["a"] = rng.choice((-4, -3, -2, -1, 1, 2, 3, 4))
        p["b"] = rng.choice((-4, -3, -2, -1, 1, 2, 3, 4))
    return p


def _quad_exp_coeffs(p: Mapping[str, Any]) -> tuple[int, int]:
    """p, q of x^2 + px + q so that y'' = m e^{σx}(x - r1)(x - r2)."""
    sigma, (r1, r2) = p["sigma"], p["r"]
    pc = -(r1 + r2) - 4 * sigma
    q = r1 * r2 - 2 - 2 * sigma * pc
    return pc, q


def _curve(p: Mapping[str, Any]) -> str:
    kind, m, sigma = p["kind"], p["m"], p["sigma"]
    if kind == "lin_exp":
        body = "x" if p["h"] == 0 else f"({poly([1, -p['h']])})"
        return f"{_cf(m)}{body}{exp_tex(sigma)}"
    if kind == "quad_exp":
        pc, q = _quad_exp_coeffs(p)
        return f"{_cf(m)}({poly([1, pc, q])}){exp_tex(sigma)}"
    fn, k, _end = TRIG_INFLECTION[kind]
    return join_terms([coef_term(p["a"], "x"), f"{_cf(p['b'])}\\{fn} {coef_term(k, 'x')}"])


def solve_inflection(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, m, sigma = p["kind"], p["m"], p["sigma"]
    steps: dict[str, Any] = {"kind": kind, "curve": _curve(p)}
    points: list[tuple[sp.Expr, sp.Expr, str]] = []
    if kind == "lin_exp":
        h = p["h"]
        x0 = h - 2 * sigma
        points.append((sp.Integer(x0), evalue(-2 * m * sigma, sigma * x0), f"({x0}, {ecoef(-2 * m * sigma, sigma * x0)})"))
        steps.update(d1=scaled(m, [sigma, 1 - sigma * h], exp_tex(sigma)),
                     d2=scaled(m, [1, 2 * sigma - h], exp_tex(sigma)), roots=str(x0))
    elif kind == "quad_exp":
        pc, q = _quad_exp_coeffs(p)
        r1, r2 = p["r"]
        for r in (r1, r2):
            c = m * (r * r + pc * r + q)
            points.append((sp.Integer(r), evalue(c, sigma * r), f"({r}, {ecoef(c, sigma * r)})"))
        steps.update(d1=scaled(m, [sigma, 2 + sigma * pc, pc + sigma * q], exp_tex(sigma)),
                     d2=scaled(m, [1, -(r1 + r2), r1 * r2], exp_tex(sigma)),
                     d2f=f"{_cf(m)}{_factors(r1, r2)}{exp_tex(sigma)}", roots=f"{r1}, {r2}")
    else:
        fn, k, end = TRIG_INFLECTION[kind]
        a, b = p["a"], p["b"]
        xs = [Fraction(1, k)] if fn == "sin" else [Fraction(1, 2 * k), Fraction(3, 2 * k)]
        for x0 in xs:
            points.append((rat(x0) * sp.pi, rat(a * x0) * sp.pi, f"({pi_multiple(x0)}, {pi_multiple(a * x0)})"))
        other = "cos" if fn == "sin" else "sin"
        d1_sign = k * b if fn == "sin" else -k * b
        steps.update(d1=join_terms([str(a), f"{_cf(d1_sign)}\\{other} {coef_term(k, 'x')}"]),
                     d2=f"{_cf(-k * k * b)}\\{fn} {coef_term(k, 'x')}", interval=f"0 < x < {pi_multiple(end)}",
                     arg_range=f"0 < {coef_term(k, 'x')} < 2\\pi", fn=fn, kx=coef_term(k, "x"),
                     roots=", ".join(pi_multiple(x) for x in xs),
                     kroots=", ".join(pi_multiple(k * x) for x in xs))
    steps["points"] = [text for _x, _y, text in points]
    steps["count"] = len(points)
    latex = ", ".join(text for _x, _y, text in points)
    answer = sp.Tuple(points[0][0], points[0][1]) if len(points) == 1 else sp.FiniteSet(*[sp.Tuple(x, y) for x, y, _t in points])
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def inflection_function(p: Mapping[str, Any]) -> tuple[Callable[[float], float], float, float]:
    """The curve as a float function and the scanned interval, from the parameters alone."""
    kind, m, sigma = p["kind"], p["m"], p["sigma"]
    if kind == "lin_exp":
        return (lambda x: m * (x - p["h"]) * math.exp(sigma * x)), -12.0, 12.0
    if kind == "quad_exp":
        pc, q = _quad_exp_coeffs(p)
        return (lambda x: m * (x * x + pc * x + q) * math.exp(sigma * x)), -12.0, 12.0
    fn_name, k, end = TRIG_INFLECTION[kind]
    fn = math.sin if fn_name == "sin" else math.cos
    return (lambda x: p["a"] * x + p["b"] * fn(k * x)), 0.0, end * math.pi


def verify_inflection(params: Mapping[str, Any], solution: Solution) -> bool:
    """Scan a finite-difference y'' for sign changes; compare with the answer's points."""
    f, lo, hi = inflection_function(params)
    h = 1e-3

    def d2(x: float) -> float:
        return (f(x + h) - 2 * f(x) + f(x - h)) / (h * h)

    changes = []
    steps = 997
    xs = [lo + (hi - lo) * (i + 0.3819) / steps for i in range(steps)]  # never on a root
    vals = [d2(x) for x in xs]
    for i in range(steps - 1):
        if (vals[i] < 0) != (vals[i + 1] < 0) and abs(vals[i]) > 1e-9 and abs(vals[i + 1]) > 1e-9:
            a, b = xs[i], xs[i + 1]
            for _ in range(40):
                mid = (a + b) / 2
                if (d2(mid) < 0) == (vals[i] < 0):
                    a = mid
                else:
                    b = mid
            changes.append((a + b) / 2)
    answer = solution.answer
    points = [answer] if isinstance(answer, sp.Tuple) else sorted(answer, key=lambda t: float(t[0]))
    if len(points) != len(changes):
        return False
    for (x, y), c in zip(points, changes, strict=True):
        xf, yf = float(x), float(y)
        if abs(xf - c) > 1e-4 or abs(f(xf) - yf) > 1e-9 * max(1.0, abs(yf)):
            return False
    return True


# --- 極値をとる条件と極値 ------------------------------------------------------------------


def sample_extremum(rng: Random, difficulty: int) -> dict[str, Any]:
    mode = {1: "given", 2: "given", 3: "find_a", 4: "find_a", 5: "find_both"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        sigma = 1 if difficulty in (1, 3) else r.choice((-1, 1))
        t, u = r.sample(range(-3, 4), 2)
        a = -(t + u) - 2 if sigma == 1 else 2 - (t + u)
        c = t * u - a if sigma == 1 else t * u + a
        ask = "min" if difficulty == 1 else r.choice(("max", "min"))
        return {"mode": mode, "sigma": sigma, "t": t, "u": u, "a": a, "c": c, "ask": ask, "name": r.choice(NAMES)}

    # find_a needs f'(t) = 0 to involve a: t ≠ -σ
    return draw_until(rng, draw, lambda p: p["mode"] != "find_a" or p["t"] != -p["sigma"])


def solve_extremum(params: Mapping[str, Any]) -> Solution:
    """f'(x) = g(x)e^{σx} with g = σx^2 + (2 + σa)x + (a + σc); conditions are linear in a, c."""
    p = params
    sigma, t, mode = p["sigma"], p["t"], p["mode"]
    steps: dict[str, Any] = {"mode": mode, "sigma": sigma}

    def cond(at: int) -> tuple[int, int, int]:
        """g(at) = ka·a + kc·c + k0."""
        return sigma * at + 1, sigma, sigma * at * at + 2 * at

    if mode == "given":
        a, c = Fraction(p["a"]), Fraction(p["c"])
    elif mode == "find_a":
        c = Fraction(p["c"])
        ka, kc, k0 = cond(t)
        a = -(kc * c + k0) / ka
        steps["cond"] = f"{join_terms([coef_term(ka, 'a'), num(kc * c + k0)])} = 0"
    else:
        (a1, c1, d1), (a2, c2, d2) = cond(t), cond(p["u"])
        det = a1 * c2 - a2 * c1
        a = Fraction(-d1 * c2 + d2 * c1, det)
        c = Fraction(-a1 * d2 + a2 * d1, det)
        steps["cond"] = (f"{join_terms([coef_term(a1, 'a'), coef_term(c1, 'c'), num(d1)])} = 0,\\quad "
                         f"{join_terms([coef_term(a2, 'a'), coef_term(c2, 'c'), num(d2)])} = 0")
    a, c = int(a), int(c)
    g = [sigma, 2 + sigma * a, a + sigma * c]
    disc = g[1] ** 2 - 4 * g[0] * g[2]
    root = math.isqrt(disc)
    lo, hi = sorted(Fraction(-g[1] + sgn * root, 2 * g[0]) for sgn in (1, -1))
    lo, hi = int(lo), int(hi)
    # f' = σ(x - lo)(x - hi)e^{σx}: σ > 0 gives + - + (max at lo)
    max_at, min_at = (lo, hi) if sigma > 0 else (hi, lo)
    at = max_at if p["ask"] == "max" else min_at
    coef = at * at + a * at + c
    latex = ecoef(coef, sigma * at)
    steps.update(a=a, c=c, f=f"({poly([1, a, c])}){exp_tex(sigma)}", g=poly(g),
                 gf=f"{'-' if sigma < 0 else ''}{_factors(lo, hi)}{exp_tex(sigma)}",
                 lo=lo, hi=hi, max_at=max_at, min_at=min_at, at=at,
                 signs="+, -, +" if sigma > 0 else "-, +, -",
                 value_sub=f"({join_terms([str(at * at), str(a * at), str(c)])}){_epow_tex(sigma * at)}" if sigma * at else "",
                 value=latex, ask_word="極大値" if p["ask"] == "max" else "極小値",
                 poly_a=join_terms(["x^2", "ax", num(c)]), poly_ac="x^2 + ax + c")
    return Solution(answer=evalue(coef, sigma * at), answer_latex=latex, steps=steps)


def _lin_factor(r: int) -> str:
    """``x`` or ``(x - r)``."""
    return "x" if r == 0 else f"({poly([1, -r])})"


def _factors(r1: int, r2: int) -> str:
    """``x(x - 2)``, ``(x + 1)(x - 3)``: the factor x first."""
    return "".join(_lin_factor(r) for r in sorted((r1, r2), key=lambda r: (r != 0, r)))


def scaled(m: int, coeffs: list[int], tail: str) -> str:
    """m·(polynomial)·tail: ``-3(x + 1)e^{x}``, or ``-xe^{-x}`` when the polynomial is one term."""
    if sum(1 for v in coeffs if v) >= 2:
        return f"{_cf(m)}({poly(coeffs)}){tail}"
    return f"{poly([m * v for v in coeffs])}{tail}"


def verify_extremum(params: Mapping[str, Any], solution: Solution) -> bool:
    """Scan f on a fine grid for its local maximum / minimum; check f'(t) = 0 numerically."""
    p = params
    a, c, sigma = p["a"], p["c"], p["sigma"]

    def f(x: float) -> float:
        return (x * x + a * x + c) * math.exp(sigma * x)

    for point in (p["t"], p["u"]):
        if abs((f(point + 1e-6) - f(point - 1e-6)) / 2e-6) > 1e-5 * max(1.0, abs(f(point))):
            return False
    n = 1400
    xs = [-7 + 14 * i / n for i in range(n + 1)]
    ys = [f(x) for x in xs]
    want_max = p["ask"] == "max"
    found = []
    for i in range(1, n):
        if want_max and ys[i] > ys[i - 1] and ys[i] >= ys[i + 1]:
            found.append(ys[i])
        if not want_max and ys[i] < ys[i - 1] and ys[i] <= ys[i + 1]:
            found.append(ys[i])
    if len(found) != 1:
        return False
    value = float(solution.answer)
    return abs(found[0] - value) <= 1e-3 * max(1.0, abs(value)) and any(
        abs(f(r) - value) <= 1e-12 * max(1.0, abs(value)) for r in (p["t"], p["u"]))


UNIT = Unit(
    id="math3.derivative_compositions",
    name="微分法の応用（積・商・合成関数）",
    course="数学III",
    description="積・商・合成関数の微分係数, 曲線の変曲点, 極値をとる条件から定数を定めて極値を求める問題.",
    types=(
        ProblemType(
            id="composite_derivative_value", name="積・商・合成関数の微分係数",
            sample=sample_deriv, solve=solve_deriv, verify=verify_deriv,
            problem_templates=numbered_templates("deriv_value", 5), solution_template="deriv_value_solution.j2",
            answer_form="soft", shape="drill",
            knobs="x^n e^{kx} → (log x + b)/x^n, x^n(log x + b) → sin^2 ax → x√(ax+b), e^{x^2+qx} → sin x/(a + cos x)",
        ),
        ProblemType(
            id="inflection_point", name="変曲点の座標",
            sample=sample_inflection, solve=solve_inflection, verify=verify_inflection,
            problem_templates=numbered_templates("inflection", 5), solution_template="inflection_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="(x - h)e^{-x} → scaled, e^{±x} → ax + b sin kx on an interval (one or two points) → (x^2 + px + q)e^{±x}, two points",
        ),
        ProblemType(
            id="extremum_with_condition", name="極値をとる条件と極値",
            sample=sample_extremum, solve=solve_extremum, verify=verify_extremum,
            problem_templates=numbered_templates("extremum_cond", 5), solution_template="extremum_cond_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="given f, its 極小値 → 極大値 or 極小値, e^{±x} → a from 'x = t で極値' → a and c from two extremum points",
        ),
    ),
)
