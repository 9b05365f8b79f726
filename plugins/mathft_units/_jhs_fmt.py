"""Small exact-arithmetic and LaTeX helpers shared by the 中学 courses (中1, 中2, 中3).

Samplers and solvers work on :class:`fractions.Fraction` (fast, exact) and convert to SymPy
only for the final answer; params keep rationals as ``[p, q]`` lists so they stay JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num


def fr(value: Sequence[int] | int | Fraction) -> Fraction:
    """A Fraction from ``[p, q]``, an int or a Fraction."""
    if isinstance(value, (list, tuple)):
        return Fraction(value[0], value[1])
    return Fraction(value)


def pq(value: Fraction | int) -> list[int]:
    """JSON form ``[p, q]`` of a rational."""
    f = Fraction(value)
    return [f.numerator, f.denominator]


def rat(value: Fraction | int) -> sp.Rational:
    """SymPy Rational of a Fraction (exact)."""
    f = Fraction(value)
    return sp.Rational(f.numerator, f.denominator)


def ptex(value: Fraction | int) -> str:
    """A rational as a factor after an operator: negatives in brackets, ``(-6)``."""
    text = num(value)
    if not text.startswith("-"):
        return text
    if "\\frac" in text:
        return f"\\left({text}\\right)"
    return f"({text})"


def lin(terms: Sequence[tuple[Fraction | int, str]]) -> str:
    """Sum of ``coef·var`` terms in coefficient form: ``[(3, 'x'), (-2, '')] -> 3x - 2``."""
    return join_terms(coef_term(c, v) if v else num(c) for c, v in terms if c)


def times(a: Fraction | int, body: str) -> str:
    """``a × body`` written for a CoT step: ``3(x + 1)``, ``-2(x - 2)``."""
    if a == 1:
        return f"({body})"
    if a == -1:
        return f"-({body})"
    return f"{num(a)}({body})"
