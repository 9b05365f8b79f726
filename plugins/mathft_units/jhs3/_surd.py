"""Exact numbers of the form (A + B√r)/D for the 中3 units, and their answer-key LaTeX.

Square roots appear in 平方根, 2次方程式 and 三平方; building them from integers keeps the
solvers fast and exact (no ``sympy.simplify``) and gives the textbook form directly:
simplest radical ``2\\sqrt{3}``, rationalised ``\\frac{\\sqrt{2}}{2}``, one fraction
``\\frac{3 + \\sqrt{17}}{4}``.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from mathft_core.latex import num


def split_square(n: int) -> tuple[int, int]:
    """``n = k^2 r`` with ``r`` square-free: returns ``(k, r)`` (``n >= 1``)."""
    if n < 1:
        raise ValueError(f"split_square needs a positive integer, got {n}")
    k, r, f = 1, n, 2
    while f * f <= r:
        while r % (f * f) == 0:
            r //= f * f
            k *= f
        f += 1
    return k, r


def is_square(n: int) -> bool:
    """Is ``n`` a perfect square (``n >= 0``)?"""
    return n >= 0 and math.isqrt(n) ** 2 == n


def radical(coef: int, r: int) -> str:
    """``coef·√r`` with integer ``coef``: ``\\sqrt{3}``, ``-2\\sqrt{3}``, or ``coef`` when r = 1."""
    if r == 1:
        return str(coef)
    if coef == 1:
        return f"\\sqrt{{{r}}}"
    if coef == -1:
        return f"-\\sqrt{{{r}}}"
    return f"{coef}\\sqrt{{{r}}}"


def surd_tex(a: Fraction | int, b: Fraction | int, r: int) -> str:
    """``a + b√r`` as one textbook expression (positive term first, one fraction bar)."""
    a, b = Fraction(a), Fraction(b)
    if r == 1 or b == 0:
        return num(a + b * (1 if r == 1 else 0))
    d = math.lcm(a.denominator, b.denominator)
    big_a, big_b = int(a * d), int(b * d)
    sign = ""
    if d > 1 and big_b < 0 and big_a <= 0:
        sign, big_a, big_b = "-", -big_a, -big_b
    rad = radical(big_b, r)
    if big_a == 0:
        body = rad
    elif big_a > 0 or big_b < 0:
        body = f"{big_a} {'-' if big_b < 0 else '+'} {radical(abs(big_b), r)}"
    else:
        body = f"{rad} - {-big_a}"
    if d == 1:
        return sign + body
    return f"{sign}\\frac{{{body}}}{{{d}}}"


def surd_value(a: Fraction | int, b: Fraction | int, r: int) -> sp.Expr:
    """The exact SymPy value of ``a + b√r``."""
    a, b = Fraction(a), Fraction(b)
    return sp.Rational(a.numerator, a.denominator) + sp.Rational(b.numerator, b.denominator) * sp.sqrt(r)


def surd_float(a: Fraction | int, b: Fraction | int, r: int) -> float:
    """``a + b√r`` as a float (for numeric cross-checks)."""
    return float(a) + float(b) * math.sqrt(r)


def sq_mul(x: tuple[Fraction, Fraction], y: tuple[Fraction, Fraction], r: int) -> tuple[Fraction, Fraction]:
    """Product in Q(√r): ``(a + b√r)(c + d√r)``."""
    return (x[0] * y[0] + r * x[1] * y[1], x[0] * y[1] + x[1] * y[0])
