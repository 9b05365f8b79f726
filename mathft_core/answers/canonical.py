"""Render a typed answer in the answer-key LaTeX of CURRICULUM.md §2.

``x = -1, 3`` (ascending), ``-\\frac{3}{4}`` (sign outside), ``\\frac{5}{6}\\pi``,
``-2 \\leqq x \\leqq 4`` (variable in the middle), ``x < -1, 3 < x`` (Japanese comma union),
``(4, 0), (-4, 0)``, ``x^2 - 2x - 15`` (descending powers), ``\\emptyset``. Built on the
helpers in :mod:`mathft_core.latex`, which the generators use for their own answers.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from mathft_core import latex as L
from mathft_core.answers.model import ParsedAnswer

_I = sp.Symbol("i")


def _sort_key(answer: ParsedAnswer) -> tuple:
    value = answer.value
    if answer.kind == "value" and isinstance(value, sp.Expr):
        try:
            num = complex(sp.N(value.subs(_I, sp.I), 20))
            return (0, num.imag != 0, num.real, num.imag, "")
        except (TypeError, ValueError):
            pass
    return (1, False, 0.0, 0.0, render(answer))


def scalar(value: Any) -> str:
    """One number or expression in textbook style."""
    if isinstance(value, sp.Expr):
        if value.is_Rational:
            return L.num(value)
        coeff, rest = value.as_coeff_Mul()
        if rest == sp.pi and coeff.is_Rational:
            return L.pi_multiple(coeff)
        if value.is_polynomial() and len(value.free_symbols) == 1 and value.free_symbols != {_I}:
            (var,) = value.free_symbols
            poly = sp.Poly(value, var)
            if all(c.is_Rational for c in poly.all_coeffs()):
                return L.poly(poly.all_coeffs(), var.name)
        if _I in value.free_symbols:
            re_part, im_part = sp.expand(value.subs(_I, sp.I)).as_real_imag()
            if not re_part.free_symbols and not im_part.free_symbols:
                return _complex(re_part, im_part)
    return L.tex(value)


def _complex(re_part: sp.Expr, im_part: sp.Expr) -> str:
    if im_part == 0:
        return scalar(re_part)
    if im_part == 1:
        im = "i"
    elif im_part == -1:
        im = "-i"
    else:
        im = f"{scalar(im_part)}i"
    if re_part == 0:
        return im
    return L.join_terms([scalar(re_part), im])


def _relation(answer: ParsedAnswer) -> str:
    value, var = answer.value, answer.var or "x"
    if not isinstance(value, sp.Set):
        parts = [f"{L.tex(d)} {'>' if strict else L.GEQ} 0" for d, strict in value]
        return ", ".join(parts)
    if value == sp.S.EmptySet:
        return "\\emptyset"
    if value == sp.S.Reals:
        return "\\text{すべての実数}"
    pieces = value.args if isinstance(value, sp.Union) else (value,)
    out: list[tuple[str | None, bool, str | None, bool]] = []
    points: list[str] = []
    for piece in pieces:
        if isinstance(piece, sp.FiniteSet):
            points.extend(f"{var} = {scalar(p)}" for p in piece.args)
            continue
        if not isinstance(piece, sp.Interval):
            return L.tex(value)
        lo = None if piece.start == -sp.oo else scalar(piece.start)
        hi = None if piece.end == sp.oo else scalar(piece.end)
        if lo is None and hi is None:
            return "\\text{すべての実数}"
        out.append((lo, bool(piece.left_open), hi, bool(piece.right_open)))
    text = L.union_text(var, out) if out else ""
    return ", ".join(p for p in [text, *points] if p)


def _pm_text(a: sp.Expr, b: sp.Expr) -> str | None:
    """``m \\pm d`` for a conjugate pair (``\\frac{3 \\pm \\sqrt{17}}{4}``, ``1 \\pm i``), else None."""
    a, b = a.subs(_I, sp.I), b.subs(_I, sp.I)
    mid, half = sp.nsimplify(sp.expand((a + b) / 2)), sp.expand((b - a) / 2)
    if not mid.is_Rational or half == 0:
        return None
    coeff, rest = half.as_coeff_Mul()
    if coeff < 0:
        coeff = -coeff
    if rest == sp.I:
        body = "i"
    elif isinstance(rest, sp.Pow) and rest.exp == sp.Rational(1, 2) and rest.base.is_Integer:
        body = f"\\sqrt{{{rest.base}}}"
    else:
        return None
    q = sp.ilcm(mid.q, coeff.q)
    m, c = int(mid * q), int(coeff * q)
    term = body if c == 1 else f"{c}{body}"
    text = f"{m} \\pm {term}" if m else f"\\pm {term}"
    return text if q == 1 else f"\\frac{{{text}}}{{{q}}}"


def _with_pm(items: list[ParsedAnswer]) -> list[str]:
    """Render set members, folding conjugate pairs into one ``\\pm`` entry (real ones first)."""
    values = [i.value for i in items]
    used: set[int] = set()
    out: list[tuple[int, str]] = []
    for i, item in enumerate(items):
        if i in used:
            continue
        if item.kind in ("value", "expression") and isinstance(item.value, sp.Expr):
            for j in range(i + 1, len(items)):
                if j in used or items[j].kind not in ("value", "expression"):
                    continue
                text = _pm_text(values[i], values[j])
                if text is not None:
                    used.update((i, j))
                    out.append((1, text))
                    break
            if i in used:
                continue
        out.append((0, render(item)))
    return [text for _rank, text in sorted(out, key=lambda t: t[0])]


def render(answer: ParsedAnswer) -> str:
    """The canonical answer-key LaTeX of one typed answer."""
    kind = answer.kind
    if kind in ("value", "expression"):
        return scalar(answer.value)
    if kind == "set":
        if not answer.items:
            return "\\emptyset"
        return L.values_list(_with_pm(sorted(answer.items, key=_sort_key)))
    if kind == "tuple":
        if answer.form and answer.form[0] == "ratio":
            return ":".join(render(i) for i in answer.items)
        return "(" + ", ".join(render(i) for i in answer.items) + ")"
    if kind == "relation":
        return _relation(answer)
    if kind == "equation":
        lhs, rhs = answer.value
        return f"{scalar(lhs)} = {scalar(rhs)}"
    if kind == "assignment":
        return f"{answer.var} = {render(answer.items[0])}"
    if kind == "system":
        return ", ".join(render(i) for i in answer.items)
    raise ValueError(f"cannot render kind {kind!r}")
