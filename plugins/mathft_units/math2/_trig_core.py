"""Exact trigonometry on multiples of π/12, surd formatting and statement terms.

Angles are ``Fraction`` multiples of π (``Fraction(5, 6)`` is ``\\frac{5}{6}\\pi``), so
solution sets are exact and ordered. Statements are lists of terms ``k√m · F(θ)``, which
both the display and the verifiers' numeric evaluation read.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import pi_multiple
from mathft_units.math2 import _checks

THETA = sp.Symbol("theta")


@functools.lru_cache(maxsize=512)
def exact(func: str, r: Fraction) -> sp.Expr:
    """``sin/cos/tan(rπ)`` as an exact SymPy value (``zoo`` where tan is undefined)."""
    angle = sp.pi * sp.Rational(r.numerator, r.denominator)
    return {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan}[func](angle)


def principal(func: str) -> list[Fraction]:
    """Principal angles (multiples of π/12) of the inverse function."""
    if func == "sin":
        return [Fraction(k, 12) for k in range(-6, 7)]
    if func == "cos":
        return [Fraction(k, 12) for k in range(0, 13)]
    return [Fraction(k, 12) for k in range(-5, 6)]


@functools.lru_cache(maxsize=64)
def _inverse_table(func: str) -> dict[sp.Expr, Fraction]:
    return {exact(func, a): a for a in principal(func)}


def inverse(func: str, value: sp.Expr) -> Fraction | None:
    """The principal angle with ``func(angle) == value`` (a table value), else ``None``."""
    return _inverse_table(func).get(sp.nsimplify(value) if isinstance(value, float) else value)


def solutions_in(func: str, value: sp.Expr, lo: Fraction, lo_in: bool, hi: Fraction, hi_in: bool) -> list[Fraction]:
    """All ``u`` (multiples of π) in the range with ``func(u) == value``, ascending."""
    alpha = inverse(func, value)
    if alpha is None:
        return []
    if func == "sin":
        bases, period = {alpha, 1 - alpha}, Fraction(2)
    elif func == "cos":
        bases, period = {alpha, -alpha}, Fraction(2)
    else:
        bases, period = {alpha}, Fraction(1)
    out = set()
    for b in bases:
        n_lo = math.floor((lo - b) / period) - 1
        n_hi = math.ceil((hi - b) / period) + 1
        for n in range(n_lo, n_hi + 1):
            u = b + n * period
            if (lo < u or (lo_in and u == lo)) and (u < hi or (hi_in and u == hi)):
                out.add(u)
    return sorted(out)


# --- surds ----------------------------------------------------------------------------


def _squarefree(n: int) -> tuple[int, int]:
    """``n = a^2 · m`` with ``m`` squarefree: returns ``(a, m)``."""
    a, m = 1, n
    f = 2
    while f * f <= m:
        while m % (f * f) == 0:
            m //= f * f
            a *= f
        f += 1
    return a, m


def surd_terms(value: sp.Expr) -> list[tuple[Fraction, int]]:
    """``value`` as ``Σ r_i √m_i`` (``m_i`` squarefree), or raise if it is not of that shape."""
    expanded = sp.expand(sp.radsimp(value))
    terms: dict[int, Fraction] = {}
    for term, coef in expanded.as_coefficients_dict().items():
        c = Fraction(int(sp.Rational(coef).p), int(sp.Rational(coef).q))
        if term == 1:
            m = 1
        elif isinstance(term, sp.Pow) and term.exp == sp.S.Half and term.base.is_Integer:
            a, m = _squarefree(int(term.base))
            c *= a
        else:
            raise ValueError(f"{value} is not a sum of square roots")
        terms[m] = terms.get(m, Fraction(0)) + c
    return [(c, m) for m, c in terms.items() if c != 0]


def surd_latex(value: sp.Expr) -> str:
    """Answer-key form: ``\\frac{\\sqrt{6} + \\sqrt{2}}{4}``, ``2 - \\sqrt{3}``, ``-\\frac{\\sqrt{2}}{4}``."""
    terms = surd_terms(value)
    if not terms:
        return "0"
    den = math.lcm(*[c.denominator for c, _ in terms])
    ints = [(int(c * den), m) for c, m in terms]
    if den > 1 and all(k < 0 for k, _ in ints):
        return "-" + surd_latex(-value)
    ints.sort(key=lambda t: (t[0] < 0, t[1] != 1, -t[1]))
    parts = []
    for i, (k, m) in enumerate(ints):
        body = str(abs(k)) if m == 1 else (f"\\sqrt{{{m}}}" if abs(k) == 1 else f"{abs(k)}\\sqrt{{{m}}}")
        if i == 0:
            parts.append(body if k > 0 else f"-{body}")
        else:
            parts.append(f" {'+' if k > 0 else '-'} {body}")
    top = "".join(parts)
    return top if den == 1 else f"\\frac{{{top}}}{{{den}}}"


def coef_latex(k: int, m: int) -> str:
    """A coefficient ``k√m`` in front of a function (``''``, ``-``, ``2``, ``\\sqrt{3}``)."""
    if m == 1:
        return "" if k == 1 else "-" if k == -1 else str(k)
    body = f"\\sqrt{{{m}}}" if abs(k) == 1 else f"{abs(k)}\\sqrt{{{m}}}"
    return body if k > 0 else f"-{body}"


# --- statements as terms ----------------------------------------------------------------

FUNC_TEX = {
    "1": "", "sin": "\\sin\\theta", "cos": "\\cos\\theta", "tan": "\\tan\\theta",
    "sin^2": "\\sin^2\\theta", "cos^2": "\\cos^2\\theta", "cos2": "\\cos 2\\theta", "sin2": "\\sin 2\\theta",
}


def arg_tex(k: int, phi: Fraction) -> str:
    """``θ``, ``2θ``, ``θ + \\frac{\\pi}{3}``."""
    head = "\\theta" if k == 1 else f"{k}\\theta"
    if phi == 0:
        return head
    return f"{head} {'+' if phi > 0 else '-'} {pi_multiple(abs(phi))}"


def func_tex(name: str, k: int = 1, phi: Fraction = Fraction(0)) -> str:
    """Text of a term function; ``sinu``/``cosu``/``tanu`` take the argument ``kθ + φ``."""
    if name.endswith("u"):
        arg = arg_tex(k, phi)
        return f"\\{name[:-1]}\\left({arg}\\right)" if phi != 0 else f"\\{name[:-1]} {arg}"
    return FUNC_TEX[name]


def terms_tex(terms: Sequence[Mapping[str, Any]], k: int = 1, phi: Fraction = Fraction(0)) -> str:
    """``2\\sin^2\\theta - \\sin\\theta - 1``."""
    out = ""
    for t in terms:
        c, m = t["c"]
        if c == 0:
            continue
        if t["f"] == "1":
            body = str(abs(c)) if m == 1 else (f"\\sqrt{{{m}}}" if abs(c) == 1 else f"{abs(c)}\\sqrt{{{m}}}")
        else:
            coef = coef_latex(abs(c), m)
            body = f"{coef}{func_tex(t['f'], k, phi)}"
        if not out:
            out = body if c > 0 else f"-{body}"
        else:
            out += f" {'+' if c > 0 else '-'} {body}"
    return out or "0"


def terms_value(terms: Sequence[Mapping[str, Any]], theta: mpmath.mpf, k: int = 1,
                phi: Fraction = Fraction(0)) -> mpmath.mpf | None:
    """Numeric value of the terms at ``θ`` (``None`` where a tangent is undefined)."""
    ctx = _checks.CTX
    s, c = ctx.sin(theta), ctx.cos(theta)
    u = k * theta + ctx.pi * _checks.mpf(phi)
    total = ctx.mpf(0)
    for t in terms:
        coef = t["c"][0] * ctx.sqrt(t["c"][1])
        f = t["f"]
        if f in ("tan", "tanu"):
            cu = c if f == "tan" else ctx.cos(u)
            if abs(cu) < _checks.TOL:
                return None
        value = {
            "1": lambda: ctx.mpf(1), "sin": lambda: s, "cos": lambda: c, "tan": lambda: s / c,
            "sin^2": lambda: s * s, "cos^2": lambda: c * c, "cos2": lambda: ctx.cos(2 * theta),
            "sin2": lambda: ctx.sin(2 * theta), "sinu": lambda: ctx.sin(u), "cosu": lambda: ctx.cos(u),
            "tanu": lambda: ctx.tan(u),
        }[f]()
        total += coef * value
    return total


def terms_float(terms: Sequence[Mapping[str, Any]], theta: float, k: int = 1,
                 phi: Fraction = Fraction(0)) -> float | None:
    """Double-precision :func:`terms_value` (for points known to be away from boundaries,
    or compared with a tolerance far above rounding error)."""
    s, c = math.sin(theta), math.cos(theta)
    u = k * theta + math.pi * float(phi)
    total = 0.0
    for t in terms:
        coef = t["c"][0] * math.sqrt(t["c"][1])
        f = t["f"]
        if f in ("tan", "tanu") and abs(c if f == "tan" else math.cos(u)) < 1e-12:
            return None
        value = {
            "1": 1.0, "sin": s, "cos": c, "tan": s / c if f == "tan" else 0.0, "sin^2": s * s, "cos^2": c * c,
            "cos2": math.cos(2 * theta), "sin2": math.sin(2 * theta), "sinu": math.sin(u), "cosu": math.cos(u),
            "tanu": math.tan(u) if f == "tanu" else 0.0,
        }[f]
        total += coef * value
    return total


def theta_value(r: Fraction) -> mpmath.mpf:
    """``rπ`` as a 50-digit number."""
    return _checks.CTX.pi * _checks.mpf(r)


def pi_set(angles: Sequence[Fraction]) -> sp.Basic:
    """A ``FiniteSet`` (or a single value) of angles."""
    vals = [sp.pi * sp.Rational(a.numerator, a.denominator) for a in angles]
    return sp.FiniteSet(*vals) if len(vals) > 1 else vals[0]


def as_pi_fraction(value: sp.Expr) -> Fraction:
    """``rπ`` -> ``r``; ``ValueError`` for a value that is not a rational multiple of π.

    An exact multiple divides exactly; a float is read as the nearest simple rational; a
    symbolic value that does not divide (``\\frac{3}{4}\\pi + 1``) is refused at once rather
    than approximated (nsimplify's PSLQ search costs milliseconds and may find a wrong r).
    """
    r = value / sp.pi
    if not r.is_Rational:
        if isinstance(value, sp.Float | float):
            r = sp.nsimplify(r)
        else:
            raise ValueError(f"{value} is not a rational multiple of pi")
    r = sp.Rational(r)
    return Fraction(int(r.p), int(r.q))


def domain_tex(lo: Fraction, lo_in: bool, hi: Fraction, hi_in: bool) -> str:
    """``0 \\leqq \\theta < 2\\pi``."""
    left = "\\leqq" if lo_in else "<"
    right = "\\leqq" if hi_in else "<"
    return f"{pi_multiple(lo)} {left} \\theta {right} {pi_multiple(hi)}"


DOMAINS: dict[str, tuple[Fraction, bool, Fraction, bool]] = {
    "full": (Fraction(0), True, Fraction(2), False),
    "half": (Fraction(0), True, Fraction(1), True),
    "sym": (Fraction(-1), False, Fraction(1), True),
    "half_open": (Fraction(0), True, Fraction(1), False),
    "closed_full": (Fraction(0), True, Fraction(2), True),
    "neg": (Fraction(-1), True, Fraction(1), False),
    "neg_half": (Fraction(-1, 2), True, Fraction(1, 2), True),
}
