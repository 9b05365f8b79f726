"""Exact-arithmetic helpers shared by the 高校 courses (数学I, 数学B, …): fractions, surds, quadratic roots.

Samplers and solvers use :class:`fractions.Fraction` rather than SymPy where the numbers
are rational, because it is an order of magnitude faster and exact all the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import attrs
import sympy as sp

from mathft_core import latex


def frac(value: str | int | Fraction) -> Fraction:
    """A parameter stored as text (``"3/2"``) or an int, as a :class:`Fraction`."""
    return Fraction(value)


def ftext(value: Fraction) -> str:
    """A :class:`Fraction` as parameter text: ``"3/2"``, ``"-4"``."""
    return str(value)


def num(value: Fraction | int) -> str:
    """Rational number in answer-key LaTeX (``-\\frac{3}{4}``)."""
    return latex.num(Fraction(value))


def shift(var: str, h: Fraction | int) -> str:
    """``var - h`` written for a square or a factor: ``x - 2``, ``x + \\frac{1}{2}``, ``x``."""
    h = Fraction(h)
    if h == 0:
        return var
    return f"{var} - {num(h)}" if h > 0 else f"{var} + {num(-h)}"


def coef_prefix(value: Fraction | int) -> str:
    """A leading coefficient before a bracket: ``''`` for 1, ``'-'`` for -1, else the number."""
    value = Fraction(value)
    if value == 1:
        return ""
    if value == -1:
        return "-"
    return num(value)


def to_sympy(value: Fraction | int) -> sp.Rational:
    """Exact SymPy rational of a Fraction."""
    value = Fraction(value)
    return sp.Rational(value.numerator, value.denominator)


def poly_value(coeffs: Sequence[Fraction], x: Fraction) -> Fraction:
    """Horner evaluation of a polynomial given in descending coefficients."""
    out = Fraction(0)
    for c in coeffs:
        out = out * x + c
    return out


def squarefree_split(n: int) -> tuple[int, int]:
    """``n = k**2 * m`` with ``m`` square-free: returns ``(k, m)`` (``n >= 1``)."""
    k, m = 1, n
    f = 2
    while f * f <= m:
        while m % (f * f) == 0:
            m //= f * f
            k *= f
        f += 1
    return k, m


@attrs.frozen
class Surd:
    """``(p + q·√r) / d`` with integers, ``d > 0``, ``r`` square-free (``r = 1`` means rational)."""

    p: int
    q: int
    r: int
    d: int

    @property
    def value(self) -> sp.Expr:
        return (sp.Integer(self.p) + sp.Integer(self.q) * sp.sqrt(self.r)) / self.d

    def tex(self) -> str:
        """Answer-key LaTeX: ``2 - \\sqrt{3}``, ``\\frac{3 + \\sqrt{5}}{2}``, ``-\\frac{\\sqrt{2}}{2}``."""
        if self.r == 1 or self.q == 0:
            return num(Fraction(self.p + self.q * (1 if self.r == 1 else 0), self.d))
        rad = f"\\sqrt{{{self.r}}}"
        q_abs = abs(self.q)
        rad_term = rad if q_abs == 1 else f"{q_abs}{rad}"
        if self.p == 0:
            sign = "-" if self.q < 0 else ""
            return f"{sign}{rad_term}" if self.d == 1 else f"{sign}\\frac{{{rad_term}}}{{{self.d}}}"
        body = f"{self.p} {'-' if self.q < 0 else '+'} {rad_term}"
        return body if self.d == 1 else f"\\frac{{{body}}}{{{self.d}}}"


def quadratic_roots(a: int, b: int, c: int) -> tuple[Surd, Surd]:
    """The two real roots (smaller first) of ``ax^2 + bx + c`` with integer coefficients.

    Raises ``ValueError`` when the discriminant is not positive (no two distinct roots).
    """
    disc = b * b - 4 * a * c
    if disc <= 0:
        raise ValueError(f"discriminant {disc} is not positive")
    k, m = squarefree_split(disc)
    den = 2 * a
    if m == 1:
        roots = sorted((Fraction(-b - k, den), Fraction(-b + k, den)))
        return tuple(Surd(r.numerator, 0, 1, r.denominator) for r in roots)  # type: ignore[return-value]
    g = math.gcd(math.gcd(b, k), den)
    p, q, d = -b // g, k // g, den // g
    if d < 0:
        p, q, d = -p, -q, -d
    q = abs(q)
    return Surd(p, -q, m, d), Surd(p, q, m, d)


def rational_factors(a: int, b: int, c: int) -> tuple[Fraction, tuple[int, int], tuple[int, int]] | None:
    """``ax^2 + bx + c = g(s1 x - t1)(s2 x - t2)`` with integer factors, or ``None``.

    Each factor has a positive leading coefficient; the factor of the smaller root comes first.
    """
    disc = b * b - 4 * a * c
    if disc < 0:
        return None
    k = math.isqrt(disc)
    if k * k != disc:
        return None
    r1, r2 = sorted((Fraction(-b - k, 2 * a), Fraction(-b + k, 2 * a)))
    g = Fraction(a, r1.denominator * r2.denominator)
    return g, (r1.denominator, r1.numerator), (r2.denominator, r2.numerator)


def linear_factor(var: str, s: int, t: int) -> str:
    """``(s·var - t)`` as LaTeX: ``(x - 2)``, ``(2x + 3)``."""
    lead = var if s == 1 else f"{s}{var}"
    if t == 0:
        return lead
    return f"({lead} - {t})" if t > 0 else f"({lead} + {-t})"


def factored_text(var: str, g: Fraction, f1: tuple[int, int], f2: tuple[int, int]) -> str:
    """``g(s1 x - t1)(s2 x - t2)`` in answer-key form (a bare ``x`` factor goes first)."""
    parts = [linear_factor(var, *f1), linear_factor(var, *f2)]
    body = f"{parts[0]}^2" if f1 == f2 else "".join(sorted(parts, key=lambda t: t.startswith("(")))
    return f"{coef_prefix(g)}{body}"


def rel_tex(op: str) -> str:
    """Inequality operator token (``<``, ``<=``, ``>``, ``>=``) as answer-key LaTeX."""
    return {"<": "<", "<=": "\\leqq", ">": ">", ">=": "\\geqq"}[op]


def flip(op: str) -> str:
    """The operator after multiplying both sides by a negative number."""
    return {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]


def holds(left: Fraction, op: str, right: Fraction | int = 0) -> bool:
    """Evaluate ``left op right`` exactly."""
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def surd_pm(s: Surd) -> str:
    """Both roots of a pair ``(p ± q√r)/d`` in one ``±`` form: ``2 \\pm \\sqrt{3}``."""
    rad = f"\\sqrt{{{s.r}}}"
    q = abs(s.q)
    rad_term = rad if q == 1 else f"{q}{rad}"
    body = f"{s.p} \\pm {rad_term}" if s.p else f"\\pm {rad_term}"
    return body if s.d == 1 else f"\\frac{{{body}}}{{{s.d}}}"


def decimal_text(value: Fraction) -> str | None:
    """A terminating decimal as text (``11.6``, ``-0.25``), or ``None`` if it does not terminate."""
    value = Fraction(value)
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    places = max(twos, fives)
    if places == 0:
        return str(value.numerator)
    scaled = abs(value.numerator) * 10**places // value.denominator
    sign = "-" if value < 0 else ""
    digits = str(scaled).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def number_text(value: Fraction, max_places: int = 3) -> str:
    """A short terminating decimal (``11.6``), else a reduced fraction (data-analysis answer keys)."""
    text = decimal_text(value)
    if text is None or ("." in text and len(text.split(".")[1]) > max_places):
        return num(value)
    return text
