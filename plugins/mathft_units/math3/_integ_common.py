"""Exact-value LaTeX and numeric helpers shared by the 積分法 (数学III) problem types.

Values are built from rationals, e^k, π, √3 and logs of rationals; each helper returns the
answer-key LaTeX (CURRICULUM.md §2) and, where needed, the matching SymPy value. Numeric
checks use mpmath (ships with SymPy) at :data:`DPS` digits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import join_terms, num, pi_multiple
from mathft_units.math3._etex import DPS, ecoef, rat

PI = sp.pi


def cs(c: int | Fraction) -> str:
    """A leading integer factor, empty for 1: ``3``, ``''``."""
    return "" if c == 1 else num(c)


def quad(f: Callable[[mpmath.mpf], mpmath.mpf], a: Any, b: Any) -> float:
    """∫_a^b f numerically at DPS digits (the verifiers' independent check)."""
    with mpmath.workdps(DPS):
        return float(mpmath.quad(f, [a, b]))


def pi_at(c: Fraction | int) -> mpmath.mpf:
    """The number c·π for numeric checks."""
    c = Fraction(c)
    return mpmath.pi * c.numerator / c.denominator


def efrac(a: int, k: int, b: int, d: int) -> str:
    """``(a·e^k + b)/d`` as one fraction: ``\\frac{2e^{3} + 1}{9}``, ``e - 1``, ``\\frac{e^{2} - 1}{2}``."""
    top = join_terms([ecoef(a, k), num(b)])
    if d == 1:
        return top
    return f"\\frac{{{top}}}{{{d}}}"


def e_form(a: Fraction | int, k: int, b: Fraction | int) -> tuple[sp.Expr, str]:
    """``a·e^k + b`` (k > 0) as one fraction with an expanded numerator: ``\\frac{2e^{3} + 1}{9}``."""
    a, b = Fraction(a), Fraction(b)
    d = math.lcm(a.denominator, b.denominator)
    value = rat(a) * sp.exp(k) + rat(b)
    if a == 0:
        return value, num(b)
    return value, efrac(int(a * d), k, int(b * d), d)


def e_terms(a: Fraction | int, k: int, b: Fraction | int) -> str:
    """``a·e^k + b`` as separate terms (an intermediate value in a CoT): ``\\frac{3}{2}e^{2} - 1``."""
    return join_terms([ecoef(Fraction(a), k), num(Fraction(b))])


def pi_form(pc: Fraction | int, b: Fraction | int) -> tuple[sp.Expr, str]:
    """``pc·π + b`` in textbook order: ``\\frac{\\pi}{8} - \\frac{1}{4}``."""
    value = rat(pc) * PI + rat(b)
    return value, join_terms([pi_multiple(Fraction(pc)), num(Fraction(b))])


def pi_sq(c: Fraction) -> str:
    """``c·π^2``: ``\\frac{\\pi^2}{2}``, ``\\frac{9}{2}\\pi^2``, ``\\pi^2``."""
    p, q = c.numerator, c.denominator
    if q == 1:
        return f"{'' if p == 1 else p}\\pi^2"
    if p == 1:
        return f"\\frac{{\\pi^2}}{{{q}}}"
    return f"\\frac{{{p}}}{{{q}}}\\pi^2"


def root3_pi(c: Fraction) -> tuple[sp.Expr, str]:
    """``c·√3·π`` with the radical in the numerator: ``\\frac{\\sqrt{3}}{9}\\pi``, ``\\frac{5\\sqrt{3}}{18}\\pi``."""
    p, q = c.numerator, c.denominator
    top = f"{'' if p == 1 else p}\\sqrt{{3}}"
    latex = f"{top}\\pi" if q == 1 else f"\\frac{{{top}}}{{{q}}}\\pi"
    return rat(c) * sp.sqrt(3) * PI, latex


def over_pi(c: Fraction) -> tuple[sp.Expr, str]:
    """``c/π`` with the sign outside: ``\\frac{2}{\\pi}``, ``-\\frac{3}{2\\pi}``."""
    sign = "-" if c < 0 else ""
    p, q = abs(c.numerator), c.denominator
    return rat(c) / PI, f"{sign}\\frac{{{p}}}{{{'' if q == 1 else q}\\pi}}"


def _root(n: int, e: int) -> int | None:
    r = round(n ** (1 / e))
    for cand in (r - 1, r, r + 1):
        if cand > 0 and cand**e == n:
            return cand
    return None


def log_base(arg: Fraction) -> tuple[int, Fraction]:
    """Write a rational argument > 1 as ``base^e`` with the largest e: 8 → (3, 2), 9/4 → (2, 3/2)."""
    arg = Fraction(arg)
    for e in range(6, 1, -1):
        p, q = _root(arg.numerator, e), _root(arg.denominator, e)
        if p is not None and q is not None:
            return e, Fraction(p, q)
    return 1, arg


def log_tex(arg: Fraction) -> str:
    """``\\log 2``, ``\\log\\frac{5}{2}`` (arg > 1, not a perfect power)."""
    arg = Fraction(arg)
    return f"\\log {arg.numerator}" if arg.denominator == 1 else f"\\log\\frac{{{arg.numerator}}}{{{arg.denominator}}}"


def log_term(coef: Fraction | int, arg: Fraction | int) -> tuple[sp.Expr, str]:
    """``coef·log(arg)`` with perfect powers taken out: (3/2, 4) → ``3\\log 2``, (1, 5/2) → ``\\log\\frac{5}{2}``."""
    e, base = log_base(Fraction(arg))
    c = Fraction(coef) * e
    text = log_tex(base)
    if c == 1:
        latex = text
    elif c == -1:
        latex = f"-{text}"
    else:
        latex = f"{num(c)}{text}"
    return rat(c) * sp.log(rat(base)), latex


def wrap_terms(text: str) -> str:
    """Parenthesise a value to be subtracted when it is negative or has several top-level terms."""
    depth = 0
    several = text.startswith("-")
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and text[i : i + 3] in (" + ", " - "):
            several = True
    return f"({text})" if several else text


_TIGHT = "，。、（）「」 \n"


def jp(text: str) -> str:
    """Space a Japanese phrase the way the answer keys do: ``曲線 $y = x$ と $x$ 軸`` (a space between
    math and text except next to punctuation), with a trailing space when it ends in math so that
    the template can append a particle directly."""
    parts = text.split("$")
    out = parts[0]
    for i, seg in enumerate(parts[1:], start=1):
        if i % 2 == 1:  # seg is math: space before it unless the text ends in punctuation or nothing
            if out and out[-1] not in _TIGHT:
                out += " "
            out += "$" + seg + "$"
        else:
            if seg and seg[0] not in _TIGHT:
                out += " "
            out += seg
    return out + (" " if out.endswith("$") else "")
