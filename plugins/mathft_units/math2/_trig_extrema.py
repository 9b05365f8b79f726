"""合成 and 2倍角→2次関数: maxima and minima of trigonometric functions on a closed range.

Solvers reduce to ``r\\sin(\\theta + \\alpha)`` or to a quadratic in ``t = \\sin\\theta`` /
``\\cos\\theta`` on the range of ``t``; verifiers scan the original function densely.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import num, pi_multiple, poly
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks
from mathft_units.math2._trig_core import exact, surd_latex, terms_tex

#: (sin coefficient (sign, radicand), cos coefficient, r², α/π)
PAIRS = [((1, 1), (1, 3), 4, Fraction(1, 3)), ((1, 3), (1, 1), 4, Fraction(1, 6)), ((1, 1), (1, 1), 2, Fraction(1, 4)),
         ((1, 1), (-1, 1), 2, Fraction(-1, 4)), ((1, 3), (-1, 1), 4, Fraction(-1, 6)), ((1, 1), (-1, 3), 4, Fraction(-1, 3)),
         ((-1, 1), (1, 3), 4, Fraction(2, 3)), ((-1, 3), (1, 1), 4, Fraction(5, 6)), ((-1, 1), (1, 1), 2, Fraction(3, 4))]
#: closed ranges of θ (in units of π); "full" is 0 <= θ < 2π
RANGES = {"full": (Fraction(0), Fraction(2)), "half": (Fraction(0), Fraction(1)), "quarter": (Fraction(0), Fraction(1, 2)),
          "sym": (Fraction(-1, 2), Fraction(1, 2)), "third": (Fraction(0), Fraction(2, 3))}


def range_tex(key: str) -> str:
    lo, hi = RANGES[key]
    right = "<" if key == "full" else "\\leqq"
    return f"{pi_multiple(lo)} \\leqq \\theta {right} {pi_multiple(hi)}"


def sin_extremes(lo: Fraction, hi: Fraction) -> tuple[sp.Expr, Fraction, sp.Expr, Fraction]:
    """Max and min of ``sin u`` on the closed ``[lo, hi]`` (units of π) with a point attaining each."""
    cands = [lo, hi]
    for n in range(math.floor(lo / 2) - 1, math.ceil(hi / 2) + 2):
        for peak in (Fraction(1, 2) + 2 * n, Fraction(3, 2) + 2 * n):
            if lo <= peak <= hi:
                cands.append(peak)
    vals = [(exact("sin", u), u) for u in cands]
    mx = max(vals, key=lambda t: float(t[0]))
    mn = min(vals, key=lambda t: float(t[0]))
    return mx[0], mx[1], mn[0], mn[1]


# --- 合成 ------------------------------------------------------------------------


def sample_trig_synthesis(rng: Random, difficulty: int) -> dict[str, Any]:
    ranges = {1: ["full"], 2: ["half", "full"], 3: ["half", "quarter", "sym"], 4: ["half", "quarter", "sym", "third"],
              5: ["half", "quarter", "sym", "third"]}[difficulty]
    return {"pair": rng.randrange(len(PAIRS)), "k": rng.choice((1, 2, 3, 4)) if difficulty >= 2 else rng.choice((1, 2)),
            "c": rng.choice([0, *range(-9, 10)]), "range": rng.choice(ranges), "ask": rng.choice(("max", "min"))}


def _synth_terms(p: Mapping[str, Any]) -> list[dict[str, Any]]:
    (ss, sm), (cs, cm), _, _ = PAIRS[p["pair"]]
    k = p["k"]
    terms = [{"c": [ss * k, sm], "f": "sin"}, {"c": [cs * k, cm], "f": "cos"}]
    if p["c"]:
        terms.append({"c": [p["c"], 1], "f": "1"})
    return terms


def synthesis_text(p: Mapping[str, Any]) -> str:
    return f"y = {terms_tex(_synth_terms(p))}\\ \\left({range_tex(p['range'])}\\right)"


def solve_trig_synthesis(p: Mapping[str, Any]) -> Solution:
    _, _, r2, alpha = PAIRS[p["pair"]]
    k, c = p["k"], p["c"]
    r = sp.sqrt(r2)
    lo, hi = RANGES[p["range"]]
    u_lo, u_hi = lo + alpha, hi + alpha
    mx, at_mx, mn, at_mn = sin_extremes(u_lo, u_hi)
    ext, at = (mx, at_mx) if p["ask"] == "max" else (mn, at_mn)
    value = sp.expand(k * r * ext + c)
    amp = sp.expand(k * r)
    amp_tex = surd_latex(amp)
    shift = pi_multiple(abs(alpha))
    inner = f"\\theta {'+' if alpha > 0 else '-'} {shift}"
    right = "<" if p["range"] == "full" else "\\leqq"
    steps = {
        "expr": terms_tex(_synth_terms(p)), "range": range_tex(p["range"]), "r2": r2 * k * k,
        "amp": amp_tex, "inner": inner, "alpha": pi_multiple(alpha),
        "synth": f"{amp_tex}\\sin\\left({inner}\\right)" + (f" {'+' if c > 0 else '-'} {abs(c)}" if c else ""),
        "u_range": f"{pi_multiple(u_lo)} \\leqq {inner} {right} {pi_multiple(u_hi)}",
        "ask": p["ask"], "ext": surd_latex(ext), "at": pi_multiple(at), "theta_at": pi_multiple(at - alpha),
        "value": surd_latex(value), "c": c, "fn": synthesis_text(p),
    }
    return Solution(answer=value, answer_latex=surd_latex(value), steps=steps)


def verify_trig_synthesis(p: Mapping[str, Any], solution: Solution) -> bool:
    """Dense scan of the stated function over the range."""
    lo, hi = RANGES[p["range"]]
    th = np.linspace(float(lo) * np.pi, float(hi) * np.pi, 40001)
    y = sum(t["c"][0] * math.sqrt(t["c"][1]) * {"sin": np.sin(th), "cos": np.cos(th), "1": np.ones_like(th)}[t["f"]]
            for t in _synth_terms(p))
    return _checks.extreme_matches(y, p["ask"], float(solution.answer))


# --- 2倍角と2次関数 -------------------------------------------------------------

KINDS = {  # statement, variable t, y as (lead, coefficient of t, constant) before adding a and c
    "sin": ("\\cos 2\\theta", "sin", -2, 1),
    "cos": ("\\cos 2\\theta", "cos", 2, -1),
    "sin2": ("\\sin^2\\theta", "cos", -1, 1),
}


def sample_trig_double(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = "sin" if difficulty <= 2 else r.choice(list(KINDS))
        rng_key = "full" if difficulty <= 2 else r.choice(["full", "half", "quarter", "sym"])
        a = r.choice([n for n in range(-10, 11) if n]) if difficulty <= 3 else r.choice([n for n in range(-12, 13) if n])
        return {"kind": kind, "a": a, "c": r.randint(-9, 9), "range": rng_key, "ask": r.choice(("max", "min"))}

    return draw_until(rng, draw, lambda p: True)


def _t_range(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    lo, hi = RANGES[p["range"]]
    var = KINDS[p["kind"]][1]
    shift = Fraction(0) if var == "sin" else Fraction(1, 2)  # cos θ = sin(θ + π/2)
    mx, _, mn, _ = sin_extremes(lo + shift, hi + shift)
    return Fraction(str(mn)), Fraction(str(mx))


def _double_body(p: Mapping[str, Any]) -> str:
    head, var, _, _ = KINDS[p["kind"]]
    a, c = p["a"], p["c"]
    body = f"{head} {'+' if a > 0 else '-'} {'' if abs(a) == 1 else abs(a)}\\{var}\\theta"
    if c:
        body += f" {'+' if c > 0 else '-'} {abs(c)}"
    return body


def double_text(p: Mapping[str, Any]) -> str:
    return f"y = {_double_body(p)}\\ \\left({range_tex(p['range'])}\\right)"


def solve_trig_double(p: Mapping[str, Any]) -> Solution:
    _head, var, lead, const = KINDS[p["kind"]]
    a, c = p["a"], p["c"]
    t1, t2 = _t_range(p)
    coeffs = [Fraction(lead), Fraction(a), Fraction(const + c)]
    t0 = -coeffs[1] / (2 * coeffs[0])
    top = coeffs[2] - coeffs[1] ** 2 / (4 * coeffs[0])

    def y(t: Fraction) -> Fraction:
        return coeffs[0] * t * t + coeffs[1] * t + coeffs[2]

    cands = [(y(t1), t1), (y(t2), t2)] + ([(top, t0)] if t1 <= t0 <= t2 else [])
    best = max(cands) if p["ask"] == "max" else min(cands)
    identity = {"sin": "\\cos 2\\theta = 1 - 2\\sin^2\\theta", "cos": "\\cos 2\\theta = 2\\cos^2\\theta - 1",
                "sin2": "\\sin^2\\theta = 1 - \\cos^2\\theta"}[p["kind"]]
    inner = "t" if t0 == 0 else f"\\left(t {'-' if t0 > 0 else '+'} {num(abs(t0))}\\right)"
    square = f"{num(lead) if abs(lead) != 1 else '-' if lead < 0 else ''}{inner}^2"
    square += f" {'+' if top >= 0 else '-'} {num(abs(top))}" if top != 0 else ""
    steps = {"fn": double_text(p), "expr_body": _double_body(p), "range": range_tex(p["range"]), "identity": identity,
             "var": var, "quad": poly(coeffs, "t"), "square": square, "t1": num(t1), "t2": num(t2),
             "t0": num(t0), "inside": t1 <= t0 <= t2, "ask": p["ask"], "at": num(best[1]),
             "opens_down": lead < 0, "value": num(best[0]),
             # every candidate is shown, so the conclusion compares values instead of asserting one
             "y1": num(y(t1)), "y2": num(y(t2)), "top": num(top)}
    return Solution(answer=sp.Rational(best[0].numerator, best[0].denominator), answer_latex=num(best[0]), steps=steps)


def verify_trig_double(p: Mapping[str, Any], solution: Solution) -> bool:
    """Dense scan of the stated function over the range."""
    lo, hi = RANGES[p["range"]]
    th = np.linspace(float(lo) * np.pi, float(hi) * np.pi, 40001)
    first = {"sin": np.cos(2 * th), "cos": np.cos(2 * th), "sin2": np.sin(th) ** 2}[p["kind"]]
    var = np.sin(th) if KINDS[p["kind"]][1] == "sin" else np.cos(th)
    y = first + p["a"] * var + p["c"]
    return _checks.extreme_matches(y, p["ask"], float(solution.answer))
