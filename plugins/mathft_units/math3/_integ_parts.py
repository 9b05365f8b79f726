"""部分積分 (数学III): ∫ f g' dx = [fg] - ∫ f' g dx with f a polynomial of degree 1 or log x.

Families: (x + q)e^{kx} on [0, b]; x^m log x on [1, e^j] or [1, B] (a log B term);
(x + q) sin kx and (x + q) cos kx on [0, jπ/2k] (π and rational parts). The solver writes
the closed form with exact arithmetic; the verifier integrates numerically.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import join_terms, num, pi_multiple, poly
from mathft_core.units import Solution
from mathft_units.math3._etex import close, ecoef, epow, rat
from mathft_units.math3._integ_common import (
    cs,
    e_form,
    e_terms,
    log_term,
    pi_at,
    pi_form,
    quad,
    wrap_terms,
)

KINDS = {1: ("xexp", "xlog", "xsin"), 2: ("xlog", "xexp", "xcos"), 3: ("xsin", "xexp", "xlog"), 4: ("xcos", "xlog", "xsin", "xexp"),
         5: ("xcos", "xsin", "xexp", "xlog")}
LOG_INTS = (2, 3, 5, 6, 7)


def sample_parts(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(KINDS[difficulty])
    q_lo, q_hi = (0, 3) if difficulty < 3 else (-2, 3)
    p: dict[str, Any] = {"kind": kind, "c": rng.randint(1, 12 if kind != "xlog" else 15)}
    if kind == "xexp":
        while True:
            k, b, q = rng.randint(1, 4), rng.randint(1, 3), rng.randint(q_lo, q_hi)
            if k * (b + q) != 1:  # the e^{kb} term would vanish
                break
        p.update(k=k, b=b, q=q)
    elif kind == "xlog":
        upper = rng.choice(("e", "int"))
        p.update(m=rng.randint(0 if difficulty > 1 else 1, 4), upper=upper,
                 j=rng.randint(1, 3), big_b=rng.choice(LOG_INTS[: 3 + difficulty // 3]))
    else:
        while True:
            k, j, q = rng.randint(1, 4), rng.randint(1, 6), rng.randint(q_lo, q_hi)
            if _trig_parts(kind, k, j, q)[2] != (0, 0):
                break
        p.update(k=k, j=j, q=q)
    return p


def _trig_parts(kind: str, k: int, j: int, q: int) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
    """([fg] value, ∫f'g value, total) each as (π coefficient, rational) on [0, jπ/2k]."""
    sin_t, cos_t = (0, 1, 0, -1)[j % 4], (1, 0, -1, 0)[j % 4]
    upper = Fraction(j, 2 * k)  # in units of π
    if kind == "xsin":
        # f = x + q, g = -cos kx / k
        first = (-upper * cos_t / k, Fraction(-q * cos_t + q, k))
        rest = (Fraction(0), Fraction(-sin_t, k * k))
    else:
        # f = x + q, g = sin kx / k
        first = (upper * sin_t / k, Fraction(q * sin_t, k))
        rest = (Fraction(0), Fraction(1 - cos_t, k * k))
    total = (first[0] - rest[0], first[1] - rest[1])
    return first, rest, total


def _lin(q: int) -> str:
    return poly([1, q])


def _base(p: Mapping[str, Any]) -> tuple[str, Any, dict[str, Any]]:
    """(form, value parts, steps) of the integral without the factor c."""
    kind = p["kind"]
    if kind == "xlog":
        m = p["m"]
        d = (m + 1) ** 2
        xm = "" if m == 0 else ("x" if m == 1 else f"x^{{{m}}}")
        g = f"\\frac{{x^{{{m + 1}}}}}{{{m + 1}}}" if m else "x"
        if p["upper"] == "e":
            j = p["j"]
            upper = epow(j)
            first_val = ecoef(Fraction(j, m + 1), j * (m + 1))
            rest_val = e_form(Fraction(1, d), j * (m + 1), Fraction(-1, d))[1]
            form, parts = "e", (Fraction(j * (m + 1) - 1, d), j * (m + 1), Fraction(1, d))
        else:
            big = p["big_b"]
            upper = str(big)
            power = big ** (m + 1)
            first_val = log_term(Fraction(power, m + 1), big)[1]
            rest_val = num(Fraction(power - 1, d))
            form, parts = "log", (Fraction(power, m + 1), big, Fraction(1 - power, d))
        rest = (f"\\frac{{1}}{{{m + 1}}}\\int_1^{{{upper}}} {xm}\\,dx" if m else f"\\int_1^{{{upper}}} dx")
        steps = {"integral": f"\\int_1^{{{upper}}} @C@{xm}\\log x\\,dx", "u": "\\log x", "up": "\\frac{1}{x}", "vp": xm or "1", "v": g,
                 "first": f"\\left[{g}\\log x\\right]_1^{{{upper}}}", "rest": rest, "first_val": first_val, "rest_val": rest_val}
        return form, parts, steps
    k, q = p["k"], p["q"]
    kx = "x" if k == 1 else f"{k}x"
    f = _lin(q)
    fx = "x" if q == 0 else f"({f})"
    if kind == "xexp":
        b = p["b"]
        ekx = f"e^{{{kx}}}"
        # [f·e^{kx}/k]_0^b = (b+q)e^{kb}/k - q/k; ∫ e^{kx}/k = (e^{kb} - 1)/k^2
        first = (Fraction(b + q, k), Fraction(-q, k))
        rest = (Fraction(1, k * k), Fraction(-1, k * k))
        g = f"\\frac{{1}}{{{k}}}{ekx}" if k > 1 else ekx
        steps = {"integral": f"\\int_0^{{{b}}} @C@{fx}{ekx}\\,dx", "u": f, "up": "1", "vp": ekx, "v": g,
                 "first": f"\\left[{fx}\\cdot {g}\\right]_0^{{{b}}}", "rest": f"\\int_0^{{{b}}} {g}\\,dx",
                 "first_val": e_terms(first[0], k * b, first[1]), "rest_val": e_form(rest[0], k * b, rest[1])[1]}
        return "e", (first[0] - rest[0], k * b, first[1] - rest[1]), steps
    j = p["j"]
    upper = pi_multiple(Fraction(j, 2 * k))
    first, rest, total = _trig_parts(kind, k, j, q)
    if kind == "xsin":
        vp, g = f"\\sin {kx}", (f"-\\frac{{1}}{{{k}}}\\cos {kx}" if k > 1 else "-\\cos x")
    else:
        vp, g = f"\\cos {kx}", (f"\\frac{{1}}{{{k}}}\\sin {kx}" if k > 1 else "\\sin x")
    gg = f"\\left({g}\\right)" if g.startswith("-") else g
    steps = {"integral": f"\\int_0^{{{upper}}} @C@{fx}{vp}\\,dx", "u": f, "up": "1", "vp": vp, "v": g,
             "first": f"\\left[{fx}\\cdot {gg}\\right]_0^{{{upper}}}",
             "rest": f"\\int_0^{{{upper}}} {gg}dx" if gg != g else f"\\int_0^{{{upper}}} {g}\\,dx",
             "first_val": pi_form(*first)[1], "rest_val": pi_form(*rest)[1]}
    return "pi", total, steps


def _scaled(form: str, parts: Any, c: int) -> tuple[sp.Expr, str]:
    if form == "e":
        a, k, b = parts
        return e_form(a * c, k, b * c)
    if form == "log":
        coef, big, b = parts
        value, text = log_term(coef * c, big)
        return value + rat(b * c), join_terms([text, num(b * c)])
    pc, b = parts
    return pi_form(pc * c, b * c)


def solve_parts(params: Mapping[str, Any]) -> Solution:
    c = params["c"]
    form, parts, steps = _base(params)
    _, base_latex = _scaled(form, parts, 1)
    value, latex = _scaled(form, parts, c)
    marked = steps["integral"]
    steps = dict(steps, kind=params["kind"], c=c, base=base_latex, base_mul=wrap_terms(base_latex), rest_sub=wrap_terms(steps["rest_val"]),
                 integral=marked.replace("@C@", ""), shown=marked.replace("@C@", cs(c)))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_parts(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, c = p["kind"], p["c"]
    if kind == "xlog":
        m = p["m"]
        upper = mpmath.e ** p["j"] if p["upper"] == "e" else p["big_b"]
        got = quad(lambda x: x**m * mpmath.log(x), 1, upper)
    elif kind == "xexp":
        k, q = p["k"], p["q"]
        got = quad(lambda x: (x + q) * mpmath.exp(k * x), 0, p["b"])
    else:
        k, q = p["k"], p["q"]
        trig = mpmath.sin if kind == "xsin" else mpmath.cos
        got = quad(lambda x: (x + q) * trig(k * x), 0, pi_at(Fraction(p["j"], 2 * k)))
    return close(c * got, float(sp.N(solution.answer, 20)), 1e-10)

