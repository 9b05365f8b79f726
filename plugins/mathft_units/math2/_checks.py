"""Verifier helpers: evaluate a stated condition at probe points and compare with an answer.

Verifiers must not re-run the solver, so they test the *claimed* answer against the
*original* statement: the statement is evaluated numerically (mpmath, 50 digits, with an
equality tolerance far below any gap between distinct exact values), and the SymPy
answer relation is evaluated exactly at the same rational points.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

#: A private context, so the global ``mpmath.mp`` precision is left alone.
CTX = mpmath.MPContext()
CTX.dps = 50
TOL = CTX.mpf(10) ** -35

_OPS: dict[type, Callable[[Any, Any], bool]] = {
    sp.StrictLessThan: lambda a, b: a < b,
    sp.LessThan: lambda a, b: a <= b,
    sp.StrictGreaterThan: lambda a, b: a > b,
    sp.GreaterThan: lambda a, b: a >= b,
}


_REL_NAME: dict[type, str] = {
    sp.StrictLessThan: "<", sp.LessThan: "<=", sp.StrictGreaterThan: ">", sp.GreaterThan: ">=",
}


def mpf(value: Any) -> mpmath.mpf:
    """A number (int, Fraction, SymPy) as a 50-digit mpmath float."""
    if isinstance(value, Fraction):
        return CTX.mpf(value.numerator) / value.denominator
    if isinstance(value, int):
        return CTX.mpf(value)
    if isinstance(value, CTX.mpf):
        return value
    return _sympy_mpf(value)


@functools.lru_cache(maxsize=4096)
def _sympy_mpf(value: sp.Basic) -> mpmath.mpf:
    """SymPy numbers are evaluated once (answers reuse the same few boundary values)."""
    return CTX.mpf(str(sp.N(value, 55)))


def compare(lhs: Any, rel: str, rhs: Any) -> bool:
    """``lhs rel rhs`` for mpmath values, equality within :data:`TOL`."""
    diff = mpf(lhs) - mpf(rhs)
    equal = abs(diff) < TOL
    return {
        "<": diff < 0 and not equal,
        "<=": diff < 0 or equal,
        ">": diff > 0 and not equal,
        ">=": diff > 0 or equal,
        "=": equal,
    }[rel]


def _side(value: sp.Basic, var: sp.Symbol, x: Any) -> Any:
    if value == var:
        return x
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return mpf(value)


def answer_holds(answer: sp.Basic, var: sp.Symbol, x: Any) -> bool:
    """Truth of a SymPy relation / ``And`` / ``Or`` answer at ``x`` (a ``Fraction`` is exact;
    an mpmath value is compared with the equality tolerance)."""
    if isinstance(answer, sp.And):
        return all(answer_holds(a, var, x) for a in answer.args)
    if isinstance(answer, sp.Or):
        return any(answer_holds(a, var, x) for a in answer.args)
    op = _OPS.get(type(answer))
    if op is None:
        raise TypeError(f"cannot evaluate {answer!r}")
    lhs, rhs = _side(answer.lhs, var, x), _side(answer.rhs, var, x)
    if isinstance(lhs, Fraction) and isinstance(rhs, Fraction):
        return op(lhs, rhs)
    return compare(lhs, _REL_NAME[type(answer)], rhs)


def answer_ends(answer: sp.Basic) -> list[Fraction]:
    """Rational boundary values appearing in an answer relation."""
    out = set()
    for atom in answer.atoms(sp.Rational):
        out.add(Fraction(int(atom.p), int(atom.q)))
    return sorted(out)


def probe_points(ends: Iterable[Fraction], extra: Iterable[Fraction] = ()) -> list[Fraction]:
    """Each end, points just beside it, midpoints between ends, and far points."""
    es = sorted(set(ends))
    pts: set[Fraction] = set(extra)
    for e in es:
        for d in (Fraction(0), Fraction(1, 997), Fraction(1, 7), Fraction(1, 2)):
            pts.add(e + d)
            pts.add(e - d)
    for a, b in itertools.pairwise(es):
        pts.add((a + b) / 2)
    if es:
        pts.add(es[0] - 10)
        pts.add(es[-1] + 10)
    return sorted(pts)


def agrees(statement: Callable[[Fraction], bool], answer: sp.Basic, var: sp.Symbol,
           points: Iterable[Fraction]) -> bool:
    """True when the statement and the answer agree at every probe point."""
    return all(statement(x) == answer_holds(answer, var, x) for x in points)


def extreme_matches(values: Any, ask: str, claimed: float) -> bool:
    """A dense scan agrees with a claimed max/min: no sample beyond it (1e-9), and the best
    sample within 1e-4 (relative) of it, which is far above the scan's grid error."""
    best = float(values.max() if ask == "max" else values.min())
    beyond = best > claimed + 1e-9 if ask == "max" else best < claimed - 1e-9
    return bool(not beyond and abs(best - claimed) <= 1e-4 * max(1.0, abs(claimed)))


def finite_values(answer: sp.Basic) -> list[sp.Expr]:
    """Elements of a ``FiniteSet`` answer (or the single value)."""
    if isinstance(answer, sp.FiniteSet):
        return list(answer.args)
    return [answer]
