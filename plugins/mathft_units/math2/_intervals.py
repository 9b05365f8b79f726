"""Exact solution sets of one-variable inequalities: unions of intervals with rational ends.

Solvers of the inequality types build their answers with these (exact ``Fraction``
arithmetic is far faster than ``sympy.solveset`` and keeps every boundary's strictness
explicit, which the CoT has to explain). Ends may be scaled on output (``π`` for angles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from math import isqrt

import attrs
import sympy as sp

from mathft_core.latex import interval_text, num, union_text

RELS = ("<", "<=", ">", ">=")
REL_TEX = {"<": "<", "<=": "\\leqq", ">": ">", ">=": "\\geqq"}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def is_strict(rel: str) -> bool:
    """``<`` and ``>`` exclude the boundary."""
    return rel in ("<", ">")


@attrs.frozen
class Piece:
    """An interval ``lo (<|<=) x (<|<=) hi``; ``None`` is an infinite end."""

    lo: Fraction | None
    lo_open: bool
    hi: Fraction | None
    hi_open: bool

    def contains(self, x: Fraction) -> bool:
        if self.lo is not None and (x < self.lo or (x == self.lo and self.lo_open)):
            return False
        return not (self.hi is not None and (x > self.hi or (x == self.hi and self.hi_open)))

    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))


def _root(value: Fraction) -> Fraction:
    """Exact square root of a non-negative rational square (raise otherwise)."""
    n, d = isqrt(value.numerator), isqrt(value.denominator)
    if value < 0 or n * n != value.numerator or d * d != value.denominator:
        raise ValueError(f"{value} is not the square of a rational number")
    return Fraction(n, d)


def solve_linear(a: Fraction, b: Fraction, rel: str) -> list[Piece]:
    """Solution set of ``a x + b rel 0`` (``a`` non-zero)."""
    if a == 0:
        raise ValueError("linear inequality with zero coefficient")
    bound = Fraction(-b) / a
    if a < 0:
        rel = FLIP[rel]
    if rel in ("<", "<="):
        return [Piece(None, True, bound, rel == "<")]
    return [Piece(bound, rel == ">", None, True)]


def quadratic_roots(a: Fraction, b: Fraction, c: Fraction) -> list[Fraction]:
    """Distinct real roots (ascending) of ``a x^2 + b x + c`` with rational roots."""
    disc = Fraction(b) ** 2 - 4 * Fraction(a) * c
    if disc < 0:
        return []
    r = _root(disc)
    roots = sorted({(-Fraction(b) - r) / (2 * a), (-Fraction(b) + r) / (2 * a)})
    return roots


def solve_quadratic(a: Fraction, b: Fraction, c: Fraction, rel: str) -> list[Piece]:
    """Solution set of ``a x^2 + b x + c rel 0`` (two distinct rational roots required)."""
    if a == 0:
        raise ValueError("quadratic inequality with zero leading coefficient")
    roots = quadratic_roots(a, b, c)
    if len(roots) != 2:
        raise ValueError("expected two distinct real roots")
    if a < 0:
        rel = FLIP[rel]
    r1, r2 = roots
    strict = is_strict(rel)
    if rel in ("<", "<="):
        return [Piece(r1, strict, r2, strict)]
    return [Piece(None, True, r1, strict), Piece(r2, strict, None, True)]


def _intersect_two(p: Piece, q: Piece) -> Piece:
    if p.lo is None or (q.lo is not None and (q.lo > p.lo or (q.lo == p.lo and q.lo_open))):
        lo, lo_open = q.lo, q.lo_open
    else:
        lo, lo_open = p.lo, p.lo_open
    if p.hi is None or (q.hi is not None and (q.hi < p.hi or (q.hi == p.hi and q.hi_open))):
        hi, hi_open = q.hi, q.hi_open
    else:
        hi, hi_open = p.hi, p.hi_open
    return Piece(lo, lo_open if lo is not None else True, hi, hi_open if hi is not None else True)


def intersect(a: Sequence[Piece], b: Sequence[Piece]) -> list[Piece]:
    """Intersection of two unions of intervals, sorted, empty pieces dropped."""
    out = [_intersect_two(p, q) for p in a for q in b]
    out = [p for p in out if not p.is_empty()]
    return sorted(out, key=lambda p: (p.lo is not None, p.lo if p.lo is not None else 0))


def map_monotone(pieces: Sequence[Piece], f: Callable[[Fraction], Fraction], *, increasing: bool,
                 lo_limit: Fraction | None, hi_limit: Fraction | None) -> list[Piece]:
    """Image of ``pieces`` under a monotone map; infinite ends go to the given limits (open)."""
    out = []
    for p in pieces:
        lo = f(p.lo) if p.lo is not None else None
        hi = f(p.hi) if p.hi is not None else None
        if increasing:
            new = Piece(lo if lo is not None else lo_limit, p.lo_open if lo is not None else True,
                        hi if hi is not None else hi_limit, p.hi_open if hi is not None else True)
        else:
            new = Piece(hi if hi is not None else lo_limit, p.hi_open if hi is not None else True,
                        lo if lo is not None else hi_limit, p.lo_open if lo is not None else True)
        out.append(new)
    return sorted(out, key=lambda p: (p.lo is not None, p.lo if p.lo is not None else 0))


def ends(pieces: Sequence[Piece]) -> list[Fraction]:
    """Every finite end, ascending."""
    return sorted({e for p in pieces for e in (p.lo, p.hi) if e is not None})


def to_sympy(pieces: Sequence[Piece], var: sp.Symbol,
             scale: Callable[[Fraction], sp.Expr] | None = None) -> sp.Basic:
    """The union as a SymPy relation (``And``/``Or``) in ``var``."""
    conv = scale or (lambda f: sp.Rational(f.numerator, f.denominator))
    parts = []
    for p in pieces:
        conds = []
        if p.lo is not None:
            conds.append(var > conv(p.lo) if p.lo_open else var >= conv(p.lo))
        if p.hi is not None:
            conds.append(var < conv(p.hi) if p.hi_open else var <= conv(p.hi))
        parts.append(sp.And(*conds))
    return sp.Or(*parts) if len(parts) > 1 else parts[0]


def to_latex(pieces: Sequence[Piece], var: str, fmt: Callable[[Fraction], str] = num) -> str:
    """Answer-key form: ``3 < x \\leqq 5``, ``x \\geqq 2``, ``x < -1, 3 < x``."""
    if len(pieces) == 1:
        p = pieces[0]
        return interval_text(var, fmt(p.lo) if p.lo is not None else None, p.lo_open,
                             fmt(p.hi) if p.hi is not None else None, p.hi_open)
    return union_text(var, [
        (fmt(p.lo) if p.lo is not None else None, p.lo_open, fmt(p.hi) if p.hi is not None else None, p.hi_open)
        for p in pieces
    ])
