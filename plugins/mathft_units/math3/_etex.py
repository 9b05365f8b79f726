"""Answer-key LaTeX for values built from rationals, e and π in the 数学III units.

Textbook forms (CURRICULUM.md §2): positive exponents (``\\frac{4}{e^2}``, not ``4e^{-2}``),
the rational coefficient in front (``2e^{3}``), π multiples via :func:`pi_multiple`.
Numeric checks run through mpmath at 30 digits, which ships with SymPy.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import mpmath
import sympy as sp

from mathft_core.latex import num

DPS = 30


def rat(v: Fraction | int) -> sp.Rational:
    v = Fraction(v)
    return sp.Rational(v.numerator, v.denominator)


def epow(k: int) -> str:
    """``e``, ``e^{2}``."""
    return "e" if k == 1 else f"e^{{{k}}}"


def ecoef(c: Fraction | int, k: int) -> str:
    """``c·e^k`` with positive exponents: ``2e^{3}``, ``\\frac{4}{e^{2}}``, ``-\\frac{1}{2e}``."""
    c = Fraction(c)
    if c == 0:
        return "0"
    if k == 0:
        return num(c)
    sign = "-" if c < 0 else ""
    c = abs(c)
    p, q = c.numerator, c.denominator
    if k > 0:
        top = ("" if p == 1 else str(p)) + epow(k)
        return f"{sign}{top}" if q == 1 else f"{sign}\\frac{{{top}}}{{{q}}}"
    bottom = ("" if q == 1 else str(q)) + epow(-k)
    return f"{sign}\\frac{{{p}}}{{{bottom}}}"


def evalue(c: Fraction | int, k: int) -> sp.Expr:
    return rat(c) * sp.exp(k) if k else rat(c)


def close(a: float | mpmath.mpf, b: float | mpmath.mpf, tol: float = 1e-9) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(b))


def numeric_limit(f: Callable[[mpmath.mpf], mpmath.mpf], at: mpmath.mpf, h: float) -> mpmath.mpf:
    """f evaluated close to ``at`` from both sides (averaged), at DPS digits."""
    with mpmath.workdps(DPS):
        return (f(at + h) + f(at - h)) / 2


def to_float(expr: sp.Expr) -> float:
    return float(sp.N(expr, 20))
