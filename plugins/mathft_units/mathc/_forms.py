"""Answer-key LaTeX for 数学C values that hold radicals: ``a + bi``, coefficient terms, angles.

``mathft_core.latex`` covers rational coefficients; these helpers extend the same textbook
style to coefficients such as ``\\frac{\\sqrt{3}}{2}`` (``-\\frac{\\sqrt{3}}{2}x``,
``1 + \\sqrt{3}i``, ``(1 + 2\\sqrt{3})i``) by way of ``sympy.latex`` tidied by ``latex.tex``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from mathft_core.latex import join_terms, num, pi_multiple
from mathft_core.latex import tex as _core_tex

#: cos, sin of the angles kπ/12 that answer keys use (multiples of π/6 and π/4)
NICE_ANGLES: tuple[sp.Rational, ...] = tuple(sp.Rational(k, 12) for k in range(24) if k % 2 == 0 or k % 3 == 0)


def tex(value: Any) -> str:
    """``latex.tex`` with a leading ``- `` closed up (``-\\frac{\\sqrt{3}}{2}``)."""
    text = _core_tex(value)
    return "-" + text[2:] if text.startswith("- ") else text


def cos_sin(angle: sp.Rational) -> tuple[sp.Expr, sp.Expr]:
    """Exact ``cos(angle·π)``, ``sin(angle·π)``."""
    return sp.cos(sp.pi * angle), sp.sin(sp.pi * angle)


def coef_body(coef: Any, body: str) -> str:
    """``coef·body`` for an algebraic coefficient: ``-\\frac{\\sqrt{3}}{2}x``, ``\\sqrt{2}y``, ``-x``."""
    value = sp.nsimplify(coef) if isinstance(coef, float) else sp.sympify(coef)
    if value == 0:
        return "0"
    if value == 1:
        return body
    if value == -1:
        return f"-{body}"
    if isinstance(value, sp.Add):
        inner = tex(value)
        if inner.startswith("-") and isinstance(-value, sp.Add):
            return f"-({tex(-value)}){body}"
        return f"({inner}){body}"
    return f"{tex(value)}{body}"


def complex_tex(z: Any) -> str:
    """``a + bi`` with ``i`` last: ``1 + \\sqrt{3}i``, ``-2i``, ``\\frac{1}{2} - \\frac{\\sqrt{3}}{2}i``."""
    value = sp.expand(sp.sympify(z))
    re, im = sp.Integer(0), sp.Integer(0)
    for term in sp.Add.make_args(value):  # exact terms q, q·√k, q·i, q·√k·i
        if term.has(sp.I):
            im += sp.expand(term / sp.I)
        else:
            re += term
    parts = []
    if re != 0:  # the real part with its rational term first: 5 + \sqrt{3}, not \sqrt{3} + 5
        terms = sp.Add.make_args(re)
        rational = [t for t in terms if t.is_Rational]
        parts.extend([tex(t) for t in rational] + [tex(t) for t in terms if not t.is_Rational])
    if im != 0:
        parts.append(coef_body(im, "i"))
    return join_terms(parts)


def angle_tex(angle: sp.Rational) -> str:
    """``angle·π`` in textbook style (``\\frac{5}{6}\\pi``)."""
    return pi_multiple(angle)


def point_tex(x: Any, y: Any) -> str:
    """A point ``(x, y)`` with each coordinate in answer-key form."""
    return f"({tex(sp.sympify(x))}, {tex(sp.sympify(y))})"


def linear_tex(coefs: list[Any], names: list[str], const: Any = None) -> str:
    """``a x + b y`` (+ constant) from algebraic coefficients, skipping zero terms."""
    terms = [coef_body(c, n) for c, n in zip(coefs, names, strict=True) if sp.sympify(c) != 0]
    if const is not None and sp.sympify(const) != 0:
        terms.append(tex(sp.sympify(const)))
    return join_terms(terms)


def rational_tex(value: Any) -> str:
    """A rational in lowest terms (re-exported for templates of this package)."""
    return num(value)
