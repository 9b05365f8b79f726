"""Parameter ranges as unions of intervals with fraction ends, their answer-key LaTeX and SymPy value.

Shared by the 数学I units whose answer is the range of a parameter (解の配置, 2次不等式が常に
成り立つ条件). Ranges are intersected here with plain fractions (SymPy's set algebra is two
orders of magnitude slower); the answer is a SymPy union of intervals built once, written in
the Japanese comma style (``m < -1, 3 < m``; ``m > 3`` for one piece).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from mathft_core import latex
from mathft_units.math1._forms import num

Bound = tuple[Fraction | None, bool, Fraction | None, bool]  # lo, lo_open, hi, hi_open (None = infinite)
Region = list[Bound]

REALS: Region = [(None, True, None, True)]


def _max_lo(a: Bound, b: Bound) -> tuple[Fraction | None, bool]:
    if a[0] is None:
        return b[0], b[1]
    if b[0] is None or a[0] > b[0]:
        return a[0], a[1]
    if b[0] > a[0]:
        return b[0], b[1]
    return a[0], a[1] or b[1]


def _min_hi(a: Bound, b: Bound) -> tuple[Fraction | None, bool]:
    if a[2] is None:
        return b[2], b[3]
    if b[2] is None or a[2] < b[2]:
        return a[2], a[3]
    if b[2] < a[2]:
        return b[2], b[3]
    return a[2], a[3] or b[3]


def _nonempty(bound: Bound) -> bool:
    lo, lo_open, hi, hi_open = bound
    return lo is None or hi is None or lo < hi or (lo == hi and not lo_open and not hi_open)


def intersect(first: Region, second: Region) -> Region:
    """Intersection of two unions of intervals."""
    out = []
    for a in first:
        for b in second:
            piece = (*_max_lo(a, b), *_min_hi(a, b))
            if _nonempty(piece):
                out.append(piece)
    return sorted(out, key=lambda b: (b[0] is not None, b[0] if b[0] is not None else 0))


def contains(region: Region, value: Fraction | float) -> bool:
    """Membership of a number in a union of intervals."""
    for lo, lo_open, hi, hi_open in region:
        above = lo is None or value > lo or (value == lo and not lo_open)
        below = hi is None or value < hi or (value == hi and not hi_open)
        if above and below:
            return True
    return False


def half_line(boundary: Fraction, *, above: bool, strict: bool = True) -> Region:
    """``b < m`` / ``b ≦ m`` or ``m < b`` / ``m ≦ b``."""
    return [(boundary, strict, None, True)] if above else [(None, True, boundary, strict)]


def linear_region(slope: Fraction, const: Fraction, op: str) -> tuple[Region, Fraction | None]:
    """Solution set of ``slope·m + const op 0`` (op in ``> >= < <=``) and its boundary."""
    strict = op in (">", "<")
    want_positive = op in (">", ">=")
    if slope == 0:
        holds = const > 0 if op == ">" else const >= 0 if op == ">=" else const < 0 if op == "<" else const <= 0
        return (list(REALS) if holds else []), None
    boundary = Fraction(-const) / slope
    return half_line(boundary, above=(slope > 0) == want_positive, strict=strict), boundary


def quadratic_region(r1: Fraction, r2: Fraction, *, outside: bool, strict: bool = True) -> Region:
    """``(m - r1)(m - r2) > 0`` (outside the roots) or ``< 0`` (between), ``r1 < r2``."""
    if outside:
        return [(None, True, r1, strict), (r2, strict, None, True)]
    return [(r1, strict, r2, strict)]


def region_latex(var: str, region: Region) -> str:
    """``m > 3``, ``-1 < m \\leqq 2``, ``m < -1, 3 < m`` (CURRICULUM.md §2)."""
    if not region:
        raise ValueError("empty range")
    texts = [(None if lo is None else num(lo), lo_open, None if hi is None else num(hi), hi_open)
             for lo, lo_open, hi, hi_open in region]
    if len(texts) == 1:
        lo, lo_open, hi, hi_open = texts[0]
        if lo is not None and lo == hi:
            return f"{var} = {lo}"
        return latex.interval_text(var, lo, lo_open, hi, hi_open)
    return latex.union_text(var, texts)


def _sym(value: Fraction | None, infinite: sp.Expr) -> sp.Expr:
    return infinite if value is None else sp.Rational(value.numerator, value.denominator)


def to_sympy(region: Region) -> sp.Set:
    """The region as a SymPy union of intervals (built without SymPy's set simplification)."""
    parts = [sp.Interval(_sym(lo, -sp.oo), _sym(hi, sp.oo), lo_open or lo is None, hi_open or hi is None)
             for lo, lo_open, hi, hi_open in region]
    return parts[0] if len(parts) == 1 else sp.Union(*parts, evaluate=False)


def _frac(value: sp.Expr) -> Fraction | None:
    if value in (sp.S.Infinity, sp.S.NegativeInfinity):
        return None
    return Fraction(int(value.p), int(value.q))


def from_sympy(value: sp.Set) -> Region:
    """A SymPy union of intervals (or points) back as a region; raises ``ValueError`` otherwise."""
    parts = value.args if isinstance(value, sp.Union) else (value,)
    out: Region = []
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out.extend((_frac(v), False, _frac(v), False) for v in part)
        elif isinstance(part, sp.Interval):
            out.append((_frac(part.start), bool(part.left_open), _frac(part.end), bool(part.right_open)))
        else:
            raise ValueError(f"not a union of intervals: {value}")
    return out


def add_point(region: Region, point: Fraction) -> Region:
    """The region with one more point, merged into an interval that it closes (``0 < m`` → ``0 \\leqq m``)."""
    if contains(region, point):
        return region
    out = []
    merged = False
    for lo, lo_open, hi, hi_open in region:
        if lo == point and lo_open:
            out.append((lo, False, hi, hi_open))
            merged = True
        elif hi == point and hi_open:
            out.append((lo, lo_open, hi, False))
            merged = True
        else:
            out.append((lo, lo_open, hi, hi_open))
    if not merged:
        out.append((point, False, point, False))
    return sorted(out, key=lambda b: (b[0] is not None, b[0] if b[0] is not None else 0))


def linear_text(slope: Fraction | int, const: Fraction | int, var: str) -> str:
    """``slope·var + const`` in answer-key LaTeX: ``2m - 3``, ``-m``, ``5``."""
    return latex.join_terms([latex.coef_term(slope, var), num(const)])


def param_term(slope: Fraction | int, const: Fraction | int, var: str, body: str) -> str:
    """A term whose coefficient is linear in the parameter: ``(m + 2)x^2``, ``-2mx``, ``-(m - 5)x``."""
    if slope == 0:
        return latex.coef_term(const, body)
    if const == 0:
        return latex.coef_term(slope, f"{var}{body}")
    if slope < 0 and body:
        return f"-({linear_text(-slope, -const, var)}){body}"
    inner = linear_text(slope, const, var)
    return f"({inner}){body}" if body else inner
