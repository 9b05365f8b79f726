"""置換積分 (数学III): definite integrals that a substitution t = g(x) turns into ∫ t^n dt.

Families: x(x^2 + a)^n, x/(x^2 + a)^n, sin kx cos^n kx over [0, π/2k] and its parts,
x√(x^2 ± A) and x/√(x^2 ± A) with square ends, x√(x + a) via t = √(x + a), (log x)^n/x and
x^{m-1}e^{ax^m}. The solver writes the closed form with exact arithmetic; the verifier
integrates the original integrand numerically.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, num, pi_multiple, poly
from mathft_core.units import Solution
from mathft_units.math3._etex import close, epow, rat
from mathft_units.math3._integ_common import cs, e_form, pi_at, quad, wrap_terms


def _square_ends(sign: int) -> tuple[tuple[int, int, int, int, int], ...]:
    """(A, lo, hi, u, v) with u^2 = A ± lo^2 and v^2 = A ± hi^2 perfect squares (v ≥ 0)."""
    rows = []
    for big_a in range(1, 201):
        for lo in range(13):
            for hi in range(lo + 1, 13):
                tu, tv = big_a + sign * lo * lo, big_a + sign * hi * hi
                if tv < 0:
                    continue
                u, v = math.isqrt(tu), math.isqrt(tv)
                if u * u == tu and v * v == tv and u > 0:
                    rows.append((big_a, lo, hi, u, v))
    return tuple(rows)


PLUS_ENDS = _square_ends(1)
MINUS_ENDS = _square_ends(-1)

KINDS = {
    1: ("x_poly_power", "x_inv_power"),
    2: ("sin_cos_power", "x_sqrt", "sqrt_lin"),
    3: ("log_power", "exp_power", "x_poly_power", "x_inv_power"),
    4: ("x_sqrt", "sin_cos_power", "sqrt_lin", "x_inv_power"),
    5: ("exp_power", "log_power", "x_sqrt", "sqrt_lin"),
}

# t = cos kx (fn "sin") or t = sin kx (fn "cos"): x-range in units of π/k and the t values at its ends
TRIG_RANGES = {
    ("sin", "full"): (Fraction(0), Fraction(1, 2), Fraction(1), Fraction(0)),
    ("sin", "near"): (Fraction(0), Fraction(1, 3), Fraction(1), Fraction(1, 2)),
    ("sin", "far"): (Fraction(1, 3), Fraction(1, 2), Fraction(1, 2), Fraction(0)),
    ("cos", "full"): (Fraction(0), Fraction(1, 2), Fraction(0), Fraction(1)),
    ("cos", "near"): (Fraction(0), Fraction(1, 6), Fraction(0), Fraction(1, 2)),
    ("cos", "far"): (Fraction(1, 6), Fraction(1, 2), Fraction(1, 2), Fraction(1)),
}


def _exp_shapes() -> tuple[tuple[int, int, int], ...]:
    """(m, a, b): ∫_0^b x^{m-1} e^{a x^m} dx with a moderate exponent a·b^m."""
    return tuple((m, a, b) for m in (2, 3) for b in (1, 2, 3) for a in range(1, 21) if a * b**m <= (15 if b == 1 else 12))


EXP_SHAPES = _exp_shapes()


def sample_substitution(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "c": rng.randint(1, 6 if difficulty < 3 else 8)}
    if kind == "x_poly_power":
        p.update(a=rng.randint(1, 15), b=rng.randint(1, 2 + difficulty // 2), n=rng.randint(1, 8))
    elif kind == "x_inv_power":
        p.update(a=rng.randint(1, 15), b=rng.randint(1, 3 + difficulty // 3), n=rng.randint(2, 3))
    elif kind == "sin_cos_power":
        p.update(fn=rng.choice(("sin", "cos")), span=rng.choice(("full", "near", "far")),
                 k=rng.randint(1, 2 if difficulty < 4 else 3), n=rng.randint(1, 8))
    elif kind == "x_sqrt":
        sign = rng.choice((1, -1))
        rows = MINUS_ENDS if sign < 0 else PLUS_ENDS
        if difficulty < 4:
            rows = tuple(r for r in rows if r[0] <= 100)
        big_a, lo, hi, _, v = rng.choice(rows)
        inv = v > 0 and rng.random() < 0.5
        p.update(sign=sign, big_a=big_a, lo=lo, hi=hi, inv=inv)
    elif kind == "sqrt_lin":
        s = rng.randint(1, 2 if difficulty < 4 else 3)
        p.update(a=rng.randint(1, 9), s=s, r=s + rng.randint(1, 3), inv=rng.random() < 0.5)
    elif kind == "log_power":
        k = rng.randint(1, 3 if difficulty < 5 else 4)
        p.update(k=k, j=rng.randint(0, k - 1), n=rng.randint(1, 8))
    else:
        m, a, b = rng.choice(EXP_SHAPES if difficulty > 2 else [s for s in EXP_SHAPES if s[0] == 2])
        p.update(m=m, a=a, b=b)
    return p


def _tpow(n: int) -> str:
    return "t" if n == 1 else f"t^{{{n}}}"


def _base(p: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    """(value without the factor c as Fraction or (a, k, b) for a·e^k + b, steps)."""
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "flip": False, "x_of_t": ""}
    if kind in ("x_poly_power", "x_inv_power"):
        a, b, n = p["a"], p["b"], p["n"]
        inner, hi = poly([1, 0, a]), b * b + a
        if kind == "x_poly_power":
            value = Fraction(hi ** (n + 1) - a ** (n + 1), 2 * (n + 1))
            power = f"({inner})^{{{n}}}" if n > 1 else f"({inner})"
            steps.update(integral=f"\\int_0^{{{b}}} @C@x{power}\\,dx", t_int=f"\\frac{{1}}{{2}}\\int_{{{a}}}^{{{hi}}} {_tpow(n)}\\,dt",
                         anti=f"\\frac{{1}}{{2}}\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_{{{a}}}^{{{hi}}}")
        else:
            value = Fraction(1, 2 * (n - 1)) * (Fraction(1, a ** (n - 1)) - Fraction(1, hi ** (n - 1)))
            lead = "" if n == 2 else f"{n - 1}"
            steps.update(integral=f"\\int_0^{{{b}}} \\frac{{@C@x}}{{({inner})^{{{n}}}}}\\,dx",
                         t_int=f"\\frac{{1}}{{2}}\\int_{{{a}}}^{{{hi}}} \\frac{{dt}}{{t^{{{n}}}}}",
                         anti=f"\\frac{{1}}{{2}}\\left[-\\frac{{1}}{{{lead}t^{{{n - 1}}}}}\\right]_{{{a}}}^{{{hi}}}"
                         if n > 2 else f"\\frac{{1}}{{2}}\\left[-\\frac{{1}}{{t}}\\right]_{{{a}}}^{{{hi}}}")
        steps.update(t=inner, dt="2x\\,dx", lo=a, hi=hi)
        return value, steps
    if kind == "sin_cos_power":
        fn, k, n = p["fn"], p["k"], p["n"]
        x0, x1, t0, t1 = TRIG_RANGES[(fn, p["span"])]
        other = "cos" if fn == "sin" else "sin"
        kx = "x" if k == 1 else f"{k}x"
        small, big = min(t0, t1), max(t0, t1)
        value = (big ** (n + 1) - small ** (n + 1)) / (k * (n + 1))
        power = f"\\{other}^{{{n}}} {kx}" if n > 1 else f"\\{other} {kx}"
        lo_x, hi_x = pi_multiple(x0 / k), pi_multiple(x1 / k)
        k_in = "" if k == 1 else f"\\frac{{1}}{{{k}}}"
        steps.update(integral=f"\\int_{{{lo_x}}}^{{{hi_x}}} @C@\\{fn} {kx} {power}\\,dx", t=f"\\{other} {kx}",
                     dt=(f"-{cs(k)}\\sin {kx}\\,dx" if other == "cos" else f"{cs(k)}\\cos {kx}\\,dx"),
                     lo=num(t0), hi=num(t1), flip=fn == "sin",
                     t_int=f"{k_in}\\int_{{{num(small)}}}^{{{num(big)}}} {_tpow(n)}\\,dt",
                     anti=f"{k_in}\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_{{{num(small)}}}^{{{num(big)}}}")
        return value, steps
    if kind == "x_sqrt":
        sign, big_a, lo, hi, inv = p["sign"], p["big_a"], p["lo"], p["hi"], p["inv"]
        tu, tv = big_a + sign * lo * lo, big_a + sign * hi * hi
        u, v = math.isqrt(tu), math.isqrt(tv)
        inner = f"x^2 + {big_a}" if sign > 0 else f"{big_a} - x^2"
        small, big = sorted((tu, tv))
        body = f"\\frac{{@C@x}}{{\\sqrt{{{inner}}}}}" if inv else f"@C@x\\sqrt{{{inner}}}"
        if inv:
            value = Fraction(sign * (v - u))
            t_int = f"\\frac{{1}}{{2}}\\int_{{{small}}}^{{{big}}} \\frac{{dt}}{{\\sqrt{{t}}}}"
            anti = f"\\left[\\sqrt{{t}}\\right]_{{{small}}}^{{{big}}} = {math.isqrt(big)} - {math.isqrt(small)}"
        else:
            value = Fraction(sign * (v**3 - u**3), 3)
            t_int = f"\\frac{{1}}{{2}}\\int_{{{small}}}^{{{big}}} \\sqrt{{t}}\\,dt"
            anti = (f"\\frac{{1}}{{3}}\\left[t\\sqrt{{t}}\\right]_{{{small}}}^{{{big}}} = "
                    f"\\frac{{1}}{{3}}({math.isqrt(big)}^3 - {math.isqrt(small)}^3)")
        steps.update(integral=f"\\int_{{{lo}}}^{{{hi}}} {body}\\,dx", t=inner, dt="2x\\,dx" if sign > 0 else "-2x\\,dx",
                     lo=tu, hi=tv, flip=sign < 0, t_int=t_int, anti=anti)
        return value, steps
    if kind == "sqrt_lin":
        a, s, r, inv = p["a"], p["s"], p["r"], p["inv"]
        lo, hi = s * s - a, r * r - a
        if inv:
            # x/√(x+a) dx = (t^2 - a)/t · 2t dt = (2t^2 - 2a) dt
            value = Fraction(2 * (r**3 - s**3), 3) - 2 * a * (r - s)
            body = f"\\frac{{@C@x}}{{\\sqrt{{x + {a}}}}}"
            t_int = f"\\int_{{{s}}}^{{{r}}} (2t^2 - {2 * a})\\,dt"
            anti = f"\\left[\\frac{{2}}{{3}}t^3 - {coef_term(2 * a, 't')}\\right]_{{{s}}}^{{{r}}}"
        else:
            # x√(x+a) dx = (t^2 - a)t · 2t dt = (2t^4 - 2a t^2) dt
            value = Fraction(2 * (r**5 - s**5), 5) - Fraction(2 * a * (r**3 - s**3), 3)
            body = f"@C@x\\sqrt{{x + {a}}}"
            t_int = f"\\int_{{{s}}}^{{{r}}} (2t^4 - {coef_term(2 * a, 't^2')})\\,dt"
            anti = f"\\left[\\frac{{2}}{{5}}t^5 - {coef_term(Fraction(2 * a, 3), 't^3')}\\right]_{{{s}}}^{{{r}}}"
        steps.update(integral=f"\\int_{{{lo}}}^{{{hi}}} {body}\\,dx", t=f"\\sqrt{{x + {a}}}", dt="2t\\,dt",
                     x_of_t=f"t^2 - {a}", lo=s, hi=r, t_int=t_int, anti=anti)
        return value, steps
    if kind == "log_power":
        k, j, n = p["k"], p["j"], p["n"]
        value = Fraction(k ** (n + 1) - j ** (n + 1), n + 1)
        power = f"(\\log x)^{{{n}}}" if n > 1 else "\\log x"
        lower = "1" if j == 0 else epow(j)
        steps.update(integral=f"\\int_{{{lower}}}^{{{epow(k)}}} \\frac{{@C@{power}}}{{x}}\\,dx", t="\\log x", dt="\\frac{1}{x}\\,dx",
                     lo=j, hi=k, t_int=f"\\int_{{{j}}}^{{{k}}} {_tpow(n)}\\,dt",
                     anti=f"\\left[\\frac{{t^{{{n + 1}}}}}{{{n + 1}}}\\right]_{{{j}}}^{{{k}}}")
        return value, steps
    # x^{m-1} e^{a x^m} on [0, b]: (e^{a b^m} - 1) / (m a)
    m, a, b = p["m"], p["a"], p["b"]
    top = a * b**m
    xm = f"x^{m}"
    lead = "x" if m == 2 else f"x^{m - 1}"
    steps.update(integral=f"\\int_0^{{{b}}} @C@{lead}e^{{{coef_term(a, xm)}}}\\,dx", t=coef_term(a, xm),
                 dt=f"{m * a}{lead}\\,dx", lo=0, hi=top, t_int=f"\\frac{{1}}{{{m * a}}}\\int_0^{{{top}}} e^t\\,dt",
                 anti=f"\\frac{{1}}{{{m * a}}}\\left[e^t\\right]_0^{{{top}}}")
    return (Fraction(1, m * a), top, Fraction(-1, m * a)), steps


def _value(base: Any, c: int) -> tuple[sp.Expr, str]:
    if isinstance(base, tuple):
        a, k, b = base
        return e_form(a * c, k, b * c)
    v = base * c
    return rat(v), num(v)


def solve_substitution(params: Mapping[str, Any]) -> Solution:
    c = params["c"]
    base, steps = _base(params)
    _, base_latex = _value(base, 1)
    value, latex = _value(base, c)
    marked = steps["integral"]
    steps = dict(steps, c=c, base=base_latex, base_mul=wrap_terms(base_latex), integral=marked.replace("@C@", ""), shown=marked.replace("@C@", cs(c)))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _integrand(p: Mapping[str, Any]) -> tuple[Callable[[Any], Any], Any, Any]:
    """The original integrand (without c) and its limits, from the parameters alone."""
    kind = p["kind"]
    if kind == "x_poly_power":
        a, n = p["a"], p["n"]
        return (lambda x: x * (x * x + a) ** n), 0, p["b"]
    if kind == "x_inv_power":
        a, n = p["a"], p["n"]
        return (lambda x: x / (x * x + a) ** n), 0, p["b"]
    if kind == "sin_cos_power":
        k, n = p["k"], p["n"]
        x0, x1, _, _ = TRIG_RANGES[(p["fn"], p["span"])]
        f, g = (mpmath.sin, mpmath.cos) if p["fn"] == "sin" else (mpmath.cos, mpmath.sin)
        return (lambda x: f(k * x) * g(k * x) ** n), pi_at(x0 / k), pi_at(x1 / k)
    if kind == "x_sqrt":
        sign, big_a = p["sign"], p["big_a"]
        if p["inv"]:
            return (lambda x: x / mpmath.sqrt(big_a + sign * x * x)), p["lo"], p["hi"]
        return (lambda x: x * mpmath.sqrt(max(big_a + sign * x * x, 0))), p["lo"], p["hi"]
    if kind == "sqrt_lin":
        a = p["a"]
        lo, hi = p["s"] ** 2 - a, p["r"] ** 2 - a
        if p["inv"]:
            return (lambda x: x / mpmath.sqrt(x + a)), lo, hi
        return (lambda x: x * mpmath.sqrt(x + a)), lo, hi
    if kind == "log_power":
        n = p["n"]
        return (lambda x: mpmath.log(x) ** n / x), mpmath.e ** p["j"], mpmath.e ** p["k"]
    m, a = p["m"], p["a"]
    return (lambda x: x ** (m - 1) * mpmath.exp(a * x**m)), 0, p["b"]


def verify_substitution(params: Mapping[str, Any], solution: Solution) -> bool:
    f, lo, hi = _integrand(params)
    return close(params["c"] * quad(f, lo, hi), float(sp.N(solution.answer, 20)), 1e-10)
