"""Answer-key LaTeX for sequence terms and sums: ``2 \\cdot 3^{n-1} - 1``, ``\\frac{1}{3}n(2n-1)(2n+1)``.

Shared by the 数学B units; rational arithmetic uses :class:`fractions.Fraction` (see
``mathft_units._rational``) for speed.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from mathft_core import latex
from mathft_units._rational import coef_prefix, num, to_sympy

N = sp.Symbol("n")


def power_base(r: Fraction) -> str:
    """A base ready for an exponent: ``2``, ``(-2)``, ``\\left(\\frac{1}{2}\\right)``."""
    if r.denominator == 1 and r > 0:
        return str(r.numerator)
    if r.denominator == 1:
        return f"({r.numerator})"
    return f"\\left({num(r)}\\right)"


def power(r: Fraction, exponent: str) -> str:
    """``r^{exponent}`` with single-character exponents left unbraced (``2^n``)."""
    exp = exponent if len(exponent) == 1 else f"{{{exponent}}}"
    return f"{power_base(r)}^{exp}"


def _power_of(k: Fraction, r: Fraction) -> int:
    """``m >= 1`` with ``k == r**m`` for integers ``k`` and ``r >= 2``, else 0."""
    if k.denominator != 1 or r.denominator != 1 or r < 2 or k < r:
        return 0
    m, value = 1, r
    while value < k:
        value, m = value * r, m + 1
    return m if value == k else 0


def geometric_term(k: Fraction, r: Fraction, shift: Fraction = Fraction(0)) -> str:
    """``k·r^{n-1} + shift`` in textbook form (``3^n`` when ``k = r``, ``\\cdot`` otherwise)."""
    m = _power_of(abs(k), abs(r))
    if m and (k == r**m or k == -(r**m)):  # -3·3^{n-1} = -3^n, 9·3^{n-1} = 3^{n+1}
        body = power(r, "n" if m == 1 else f"n+{m - 1}")
        head = body if k == r**m else f"-{body}"
    elif k == 1:
        head = power(r, "n-1")
    elif k == -1:
        head = f"-{power(r, 'n-1')}"
    else:
        head = f"{num(k)} \\cdot {power(r, 'n-1')}"
    return latex.join_terms([head, num(shift)])


def geometric_value(k: Fraction, r: Fraction, shift: Fraction = Fraction(0)) -> sp.Expr:
    """SymPy value of ``k·r^{n-1} + shift``."""
    return to_sympy(k) * to_sympy(r) ** (N - 1) + to_sympy(shift)


def _factor_text(factor: sp.Expr, mult: int) -> str:
    coeffs = [Fraction(int(c)) for c in sp.Poly(factor, N).all_coeffs()]
    body = latex.poly(coeffs, "n").replace(" ", "")
    if len(coeffs) > 2 or (len(coeffs) == 2 and coeffs[1] != 0):
        body = f"({body})"
    return body if mult == 1 else f"{body}^{mult}"


def factored_polynomial(coeffs: list[Fraction]) -> str:
    """A polynomial in ``n`` factored over the integers, rational coefficient first.

    ``[1/3, 0, -1/12... ]`` style input; output like ``\\frac{1}{3}n(2n-1)(2n+1)``; the bare
    ``n`` factor comes first, the others by degree and then constant term.
    """
    expr = sum(to_sympy(c) * N ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs))
    content, factors = sp.factor_list(sp.expand(expr), N)

    def key(item: tuple[sp.Expr, int]) -> tuple[int, int, int]:
        poly = sp.Poly(item[0], N)
        all_c = poly.all_coeffs()
        return (0 if item[0] == N else 1, poly.degree(), int(all_c[-1]), int(all_c[0]))

    ordered = sorted(factors, key=key)
    body = "".join(_factor_text(f, m) for f, m in ordered)
    if not body:
        return num(Fraction(int(sp.numer(content)), int(sp.denom(content))))
    return f"{coef_prefix(Fraction(int(sp.numer(content)), int(sp.denom(content))))}{body}"
