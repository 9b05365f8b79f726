"""Solving 2×2 linear systems by 加減法, with the CoT lines computed from the coefficients."""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

from mathft_core.latex import coef_term, join_terms, num

Row = tuple[Fraction, Fraction, Fraction]  # a u + b v = c


def row_tex(row: Row, u: str = "x", v: str = "y") -> str:
    """``2x + 3y = 7``."""
    a, b, c = row
    return f"{join_terms([coef_term(a, u), coef_term(b, v)])} = {num(c)}"


def _scale(row: Row, k: Fraction) -> Row:
    return (row[0] * k, row[1] * k, row[2] * k)


def eliminate(r1: Row, r2: Row, u: str = "x", v: str = "y") -> dict[str, Any]:
    """Eliminate ``v`` (加減法), solve for ``u``, substitute back into ``r1``.

    Returns the lines of the working and the solution; raises ``ValueError`` when the
    system has no unique solution.
    """
    a1, b1, c1 = r1
    a2, b2, _c2 = r2
    det = a1 * b2 - a2 * b1
    if det == 0:
        raise ValueError("singular system")
    if b1 == 0 or b2 == 0:
        raise ValueError("both equations must contain the eliminated unknown")
    target = lcm(abs(b1.numerator), abs(b2.numerator)) if b1.denominator == b2.denominator == 1 else abs(b1 * b2)
    m1 = Fraction(target) / abs(b1)
    m2 = Fraction(target) / abs(b2)
    s1, s2 = _scale(r1, m1), _scale(r2, m2)
    same_sign = (s1[1] > 0) == (s2[1] > 0)
    combined = (s1[0] - s2[0], Fraction(0), s1[2] - s2[2]) if same_sign else (s1[0] + s2[0], Fraction(0), s1[2] + s2[2])
    uval = combined[2] / combined[0]
    # substitute into r1: b1 v = c1 - a1 uval
    rest = c1 - a1 * uval
    vval = rest / b1
    return {
        "m1": num(m1), "m2": num(m2), "scaled1": row_tex(s1, u, v), "scaled2": row_tex(s2, u, v),
        "show1": m1 != 1, "show2": m2 != 1, "op": "ひく" if same_sign else "たす",
        "combined": f"{coef_term(combined[0], u)} = {num(combined[2])}",
        "uval": uval, "vval": vval, "u_result": f"{u} = {num(uval)}",
        "substituted": f"{join_terms([num(a1 * uval), coef_term(b1, v)])} = {num(c1)}",
        "v_line": f"{coef_term(b1, v)} = {num(rest)}", "v_result": f"{v} = {num(vval)}",
        "eq1": row_tex(r1, u, v), "eq2": row_tex(r2, u, v), "u": u, "v": v,
    }
