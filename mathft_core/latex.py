"""Answer-key LaTeX (CURRICULUM.md §2) built from exact values.

SymPy evaluates ``3(2^n - 1)`` to ``3 \\cdot 2^{n} - 3`` and prints ``\\frac{5 \\pi}{6}``, so
canonical answers are composed from these helpers rather than printed by ``sympy.latex``
alone: textbook coefficient form (``-\\frac{3}{2}x + 3``), π multiples (``\\frac{5}{6}\\pi``),
descending polynomials, ≦/≧ written ``\\leqq``/``\\geqq``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

Number = int | Fraction | sp.Rational


def _rational(value: Any) -> sp.Rational:
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    result = sp.nsimplify(value) if isinstance(value, float) else sp.sympify(value)
    if not result.is_Rational:
        raise ValueError(f"{value!r} is not a rational number")
    return result


def num(value: Any) -> str:
    """A rational number: ``5``, ``-\\frac{3}{4}`` (sign outside, lowest terms)."""
    r = _rational(value)
    if r.q == 1:
        return str(r.p)
    sign = "-" if r < 0 else ""
    return f"{sign}\\frac{{{abs(r.p)}}}{{{r.q}}}"


def tex(expr: Any) -> str:
    """``sympy.latex`` tidied to answer-key style (``x^2``, ``2x``, ``\\frac{5}{6}\\pi``)."""
    if isinstance(expr, (int, Fraction)) or (isinstance(expr, sp.Basic) and expr.is_Rational):
        return num(expr)
    text = sp.latex(sp.sympify(expr))
    return tidy(text)


_SINGLE_EXP = re.compile(r"\^\{([0-9a-zA-Z])\}")
_COEF_SPACE = re.compile(r"(?<=[0-9a-zA-Z}\)])\s(?=[a-zA-Z(]|\\(?:sqrt|pi|log|sin|cos|tan|vec)\b)")
_PI_FRAC = re.compile(r"\\frac\{(\d+) \\pi\}\{(\d+)\}")


def tidy(text: str) -> str:
    """Normalise spacing and exponents of machine LaTeX without changing its meaning."""
    text = _PI_FRAC.sub(r"\\frac{\1}{\2}\\pi", text)
    text = _SINGLE_EXP.sub(r"^\1", text)
    text = text.replace("\\left(", "(").replace("\\right)", ")")
    # join a coefficient and what it multiplies: "2 x" -> "2x", "2 \sqrt{3}" -> "2\sqrt{3}"
    text = _COEF_SPACE.sub("", text)
    text = re.sub(r"\{([0-9a-z]) ([+-]) ([0-9a-z])\}", r"{\1\2\3}", text)
    return text.strip()


def coef_term(coef: Any, body: str) -> str:
    """``coef·body`` in coefficient form: ``x``, ``-x``, ``3x``, ``-\\frac{3}{2}x``."""
    r = _rational(coef)
    if r == 0:
        return "0"
    if not body:
        return num(r)
    if r == 1:
        return body
    if r == -1:
        return f"-{body}"
    return f"{num(r)}{body}"


def poly(coeffs: Sequence[Any], var: str = "x") -> str:
    """Polynomial from coefficients in descending powers: ``[1, -2, -15] -> x^2 - 2x - 15``."""
    degree = len(coeffs) - 1
    terms: list[str] = []
    for i, c in enumerate(coeffs):
        r = _rational(c)
        if r == 0:
            continue
        power = degree - i
        body = "" if power == 0 else (var if power == 1 else f"{var}^{power}" if power < 10 else f"{var}^{{{power}}}")
        terms.append(coef_term(r, body))
    return join_terms(terms)


def join_terms(terms: Iterable[str]) -> str:
    """Join signed term strings: ``['x^2', '-2x', '3'] -> 'x^2 - 2x + 3'``."""
    out = ""
    for term in terms:
        term = term.strip()
        if not term or term == "0":
            continue
        if not out:
            out = term
        elif term.startswith("-"):
            out += f" - {term[1:]}"
        else:
            out += f" + {term}"
    return out or "0"


def signed(value: Any) -> str:
    """A term to append after another: ``3 -> '+ 3'``, ``-3 -> '- 3'``, LaTeX strings too."""
    text = value if isinstance(value, str) else num(value)
    return f"- {text[1:]}" if text.startswith("-") else f"+ {text}"


def paren(value: Any) -> str:
    """Parenthesise a negative number for substitution: ``-3 -> (-3)``."""
    text = value if isinstance(value, str) else num(value)
    return f"({text})" if text.startswith("-") else text


def pi_multiple(coef: Any) -> str:
    """``r·π`` in textbook style: ``\\frac{\\pi}{6}``, ``\\frac{5}{6}\\pi``, ``2\\pi``, ``-\\frac{\\pi}{3}``."""
    r = _rational(coef)
    if r == 0:
        return "0"
    sign = "-" if r < 0 else ""
    p, q = abs(r.p), r.q
    if q == 1:
        return f"{sign}{'' if p == 1 else p}\\pi"
    if p == 1:
        return f"{sign}\\frac{{\\pi}}{{{q}}}"
    return f"{sign}\\frac{{{p}}}{{{q}}}\\pi"


def values_list(values: Iterable[str]) -> str:
    """A bare list of solutions: ``-1, 3``."""
    return ", ".join(values)


LEQ = "\\leqq"
GEQ = "\\geqq"


def rel(strict: bool, *, reverse: bool = False) -> str:
    """``<``/``\\leqq`` (or ``>``/``\\geqq`` with ``reverse``)."""
    if reverse:
        return ">" if strict else GEQ
    return "<" if strict else LEQ


def interval_text(var: str, lo: str | None, lo_strict: bool, hi: str | None, hi_strict: bool) -> str:
    """An inequality with the variable in the middle: ``3 < x \\leqq 5``, ``x < -2``, ``x \\geqq 2``."""
    if lo is None and hi is None:
        raise ValueError("an interval needs at least one finite end")
    if lo is None:
        return f"{var} {rel(hi_strict)} {hi}"
    if hi is None:
        return f"{var} {rel(lo_strict, reverse=True)} {lo}"
    return f"{lo} {rel(lo_strict)} {var} {rel(hi_strict)} {hi}"


def union_text(var: str, pieces: Sequence[tuple[str | None, bool, str | None, bool]]) -> str:
    """Union of intervals in the Japanese comma style: ``x < -1, 3 < x``.

    A piece unbounded above is written ``3 < x`` (bound first), as answer keys do.
    """
    parts = []
    for lo, lo_strict, hi, hi_strict in pieces:
        if hi is None and lo is not None:
            parts.append(f"{lo} {rel(lo_strict)} {var}")
        else:
            parts.append(interval_text(var, lo, lo_strict, hi, hi_strict))
    return ", ".join(parts)


def point_slope_tex(y0: str, slope: str, x0: str) -> str:
    """``y - y_0 = m(x - x_0)`` as written in answer keys: no ``1(x - a)``, ``0(x - a)`` or ``y - 0``."""
    def wrap(t: str) -> str:
        return f"({t})" if t.startswith("-") else t

    lhs = "y" if y0 == "0" else f"y - {wrap(y0)}"
    bare = "x" if x0 == "0" else f"x - {wrap(x0)}"
    if slope == "0":
        rhs = "0"
    elif slope == "1":
        rhs = bare
    elif slope == "-1":
        rhs = f"-{bare}" if x0 == "0" else f"-({bare})"
    else:
        rhs = f"{slope}{bare}" if x0 == "0" else f"{slope}({bare})"
    return f"{lhs} = {rhs}"
