"""Solving ``A x + B = C x + D`` step by step: the CoT lines of a 1次方程式 (移項 and division)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from mathft_core.latex import coef_term, join_terms, num
from mathft_units.jhs1._fmt import lin


def isolate(a: Fraction, b: Fraction, c: Fraction, d: Fraction, var: str = "x") -> dict[str, Any]:
    """Steps from ``a·var + b = c·var + d`` (``a != c``) to ``var = value``.

    Returns the 移項 line, the collected ``k·var = r`` line and the value; raises
    ``ValueError`` when the equation has no unique solution (the sampler rejects those).
    """
    if a == c:
        raise ValueError("the variable cancels: no unique solution")
    swapped = a == 0
    if swapped:  # x only on the right: read the equation from right to left
        a, b, c, d = c, d, a, b
    k, r = a - c, d - b
    value = r / k
    left = join_terms([coef_term(a, var), coef_term(-c, var)]) if c else coef_term(a, var)
    right = join_terms([num(d), num(-b)]) if b else num(d)
    collected = f"{coef_term(k, var)} = {num(r)}"
    equation = f"{lin([(a, var), (b, '')])} = {lin([(c, var), (d, '')])}"
    moved = f"{left} = {right}"
    return {
        "swapped": swapped,
        "equation": equation,
        "moved": moved if moved not in (equation, collected) else "",
        "collected": collected,
        "divide": k != 1,
        "k": num(k),
        "value": value,
        "result": f"{var} = {num(value)}",
    }
