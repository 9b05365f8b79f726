"""Expression trees of signed-number arithmetic (四則混合) and their staged evaluation.

A term is ``{"s": ±1, "f": [factor, ...], "ops": ["*" | "/", ...]}``; a factor is a
number ``{"k": "n", "v": [p, q]}``, a power ``{"k": "p", "b": [p, q], "e": n}`` or a
bracketed sum ``{"k": "g", "a": [p, q], "b": [p, q]}``. The LaTeX of the statement and of
each evaluation stage (powers and brackets first, then × and ÷, then + and −) is rendered
from the same tree so the CoT shows the real intermediate values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from mathft_core.latex import join_terms, num
from mathft_units.jhs1._fmt import fr, ptex

Factor = Mapping[str, Any]
Term = Mapping[str, Any]


def factor_value(f: Factor) -> Fraction:
    """Exact value of one factor."""
    if f["k"] == "n":
        return fr(f["v"])
    if f["k"] == "p":
        return fr(f["b"]) ** f["e"]
    return fr(f["a"]) + fr(f["b"])


def _exp(e: int) -> str:
    return f"^{e}" if e < 10 else f"^{{{e}}}"


def factor_tex(f: Factor, *, bare_sign: bool) -> str:
    """LaTeX of a factor; ``bare_sign`` lets a leading negative number go unbracketed."""
    if f["k"] == "n":
        v = fr(f["v"])
        return num(v) if bare_sign else ptex(v)
    if f["k"] == "p":
        b = fr(f["b"])
        if b < 0 or b.denominator != 1:
            inner = num(b)
            return f"\\left({inner}\\right){_exp(f['e'])}" if "\\frac" in inner else f"({inner}){_exp(f['e'])}"
        return f"{num(b)}{_exp(f['e'])}"
    return f"({join_terms([num(fr(f['a'])), num(fr(f['b']))])})"


def term_value(t: Term) -> Fraction:
    """Value of a term, × and ÷ taken left to right, times its sign."""
    value = factor_value(t["f"][0])
    for op, f in zip(t["ops"], t["f"][1:], strict=True):
        value = value * factor_value(f) if op == "*" else value / factor_value(f)
    return t["s"] * value


def expr_value(terms: Sequence[Term]) -> Fraction:
    """Value of the whole expression."""
    return sum((term_value(t) for t in terms), Fraction(0))


def _render(terms: Sequence[Term], reduce_factors: bool) -> str:
    out = ""
    for i, t in enumerate(terms):
        factors = t["f"]
        if reduce_factors:
            factors = [{"k": "n", "v": [factor_value(f).numerator, factor_value(f).denominator]} for f in factors]
        first = factors[0]
        if i == 0:
            lead_bare = t["s"] == 1
            out += "" if t["s"] == 1 else "-"
        else:
            lead_bare = False
            out += " + " if t["s"] == 1 else " - "
        out += factor_tex(first, bare_sign=lead_bare)
        for op, f in zip(t["ops"], factors[1:], strict=True):
            out += (" \\times " if op == "*" else " \\div ") + factor_tex(f, bare_sign=False)
    return out


def expr_tex(terms: Sequence[Term]) -> str:
    """LaTeX of the expression as stated."""
    return _render(terms, reduce_factors=False)


def stage1_tex(terms: Sequence[Term]) -> str:
    """The expression after powers and brackets are evaluated."""
    return _render(terms, reduce_factors=True)


def stage2_tex(terms: Sequence[Term]) -> str:
    """The expression after × and ÷ are evaluated: a signed sum of term values."""
    return join_terms(num(term_value(t)) for t in terms)


def trap_notes(terms: Sequence[Term]) -> list[str]:
    """CoT sentences on each power: ``-3^2`` versus ``(-3)^2``, computed from the values."""
    notes = []
    for i, t in enumerate(terms):
        for j, f in enumerate(t["f"]):
            if f["k"] != "p":
                continue
            b, e = fr(f["b"]), f["e"]
            shown = factor_tex(f, bare_sign=False)
            value = b**e
            if j == 0 and t["s"] == -1 and b > 0 and b.denominator == 1 and i == 0:
                neg = Fraction(-b) ** e
                notes.append(
                    f"$-{shown}$ は ${shown}$ に負の符号をつけたものであるから $-{shown} = {num(-value)}$ であり，"
                    f"$({num(-b)}){_exp(e)} = {num(neg)}$ とは異なる。"
                )
            else:
                reps = " \\times ".join([ptex(b)] * e)
                notes.append(f"${shown} = {reps} = {num(value)}$ である。")
    return notes
