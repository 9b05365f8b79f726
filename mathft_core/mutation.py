"""The core's own answer check: a verifier must reject a wrong final answer.

A unit's verifier is third-party code; one that checks the steps but not the final answer
would ship wrong answers marked verified. :func:`check_verifier_sees_answer` perturbs the
solver's final answer deterministically (a nearby value, a flipped sign, one element of a
list or set changed), keeps the steps, and calls the verifier on each mutant: accepting any
mutant that differs from the real answer makes the item fail as ``verifier_blind``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs
import sympy as sp

from mathft_core.units import Solution

#: How an item fails when its verifier accepts a mutated answer.
VERIFIER_BLIND = "verifier_blind"


class VerifierBlind(Exception):
    """The verifier accepted a wrong final answer (the message names the mutation)."""


#: Beyond this magnitude "nearby" is relative (``delta`` percent), so that a verifier with a
#: relative float tolerance can still tell the mutant apart (1 + e^{42} is e^{42} to 1e-8).
_LARGE = 10**6


def _shift(value: Any, delta: int) -> Any:
    """``value`` moved by ``delta`` (numbers, expressions), or ``None`` if it has no number form."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction | float):
        return value + delta if abs(value) < _LARGE else value * Fraction(100 + delta, 100)
    if isinstance(value, sp.Expr) and not isinstance(value, sp.Set):
        if not value.free_symbols:
            try:
                large = abs(float(value)) >= _LARGE
            except (TypeError, ValueError):
                large = False
            return value * sp.Rational(100 + delta, 100) if large else value + delta
        numbers = sorted(value.atoms(sp.Number), key=sp.default_sort_key)
        if not numbers:
            return value + delta
        return value.xreplace({numbers[-1]: numbers[-1] + delta})
    return None


def _negate(value: Any) -> Any:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction | float):
        return -value
    if isinstance(value, sp.Expr):
        return -value
    return None


def _map_part(value: Any, change: Callable[[Any], Any], *, last: bool = False) -> Any:
    """``value`` with ``change`` applied to its final value part (an equation's right side,
    one element of a set, tuple or list, an interval's ends)."""
    if isinstance(value, sp.Eq | sp.Rel):
        side = "lhs" if value.rhs.free_symbols and not value.lhs.free_symbols else "rhs"
        new = change(getattr(value, side))
        if new is None:
            return None
        lhs, rhs = (new, value.rhs) if side == "lhs" else (value.lhs, new)
        return value.func(lhs, rhs, evaluate=False)
    if isinstance(value, sp.FiniteSet | sp.Tuple | tuple | list):
        elems = sorted(value.args, key=sp.default_sort_key) if isinstance(value, sp.FiniteSet) else list(value)
        if not elems:
            return None
        pos = len(elems) - 1 if last else 0
        new = _mutant(elems[pos], change, last=last)
        if new is None:
            return None
        elems[pos] = new
        if isinstance(value, sp.FiniteSet):
            return sp.FiniteSet(*elems)
        return sp.Tuple(*elems) if isinstance(value, sp.Tuple) else type(value)(elems)
    if isinstance(value, sp.Interval):
        lo, hi = change(value.start) if value.start.is_finite else value.start, change(value.end) if value.end.is_finite else value.end
        if lo is None or hi is None:
            return None
        return sp.Interval(min(lo, hi), max(lo, hi), value.left_open, value.right_open)
    if isinstance(value, sp.And | sp.Or | sp.Union):
        args = list(value.args)
        new = _mutant(args[0], change, last=last)
        return None if new is None else value.func(new, *args[1:])
    return None


def _mutant(value: Any, change: Callable[[Any], Any], *, last: bool = False) -> Any:
    direct = change(value)
    return direct if direct is not None else _map_part(value, change, last=last)


def mutations(answer: Any) -> Iterator[tuple[str, Any]]:
    """``(name, wrong_answer)`` for each mutation that applies and differs from ``answer``."""
    candidates = (
        ("nearby value", lambda: _mutant(answer, lambda v: _shift(v, 1))),
        ("flipped sign", lambda: _mutant(answer, _negate)),
        ("one element changed", lambda: _map_part(answer, lambda v: _shift(v, 2), last=True)),
    )
    seen: list[Any] = [answer]
    for name, make in candidates:
        try:
            wrong = make()
        except (TypeError, ValueError, AttributeError):
            continue
        if wrong is None or any(_same(wrong, s) for s in seen):
            continue
        seen.append(wrong)
        yield name, wrong


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _latex(value: Any) -> str:
    try:
        return sp.latex(value)
    except Exception:  # an exotic answer object: any text will do for the mutant
        return str(value)


def check_verifier_sees_answer(
    verify: Callable[[Mapping[str, Any], Solution], Any], params: Mapping[str, Any], solution: Solution,
    *, pick: int | None = None,
) -> None:
    """Raise :class:`VerifierBlind` if ``verify`` accepts a mutant of the final answer.

    Every mutant by default (``UnitContract``); with ``pick``, only mutant number ``pick``
    modulo their count. Generation picks by the item's identity, so the kinds of mutation
    rotate over a type's items at a third of the cost: a blind verifier is blind on most of
    its items, and still fails them. A verifier that raises on a mutant rejects it.
    """
    candidates = list(mutations(solution.answer))
    if pick is not None and candidates:
        candidates = [candidates[pick % len(candidates)]]
    for name, wrong in candidates:
        mutant = attrs.evolve(solution, answer=wrong, answer_latex=_latex(wrong) or "?")
        try:
            verdict = verify(params, mutant)
        except Exception:  # rejecting by raising is rejecting
            continue
        if verdict is True:
            raise VerifierBlind(f"verifier accepted a wrong final answer ({name}: {mutant.answer_latex!r} "
                                f"instead of {solution.answer_latex!r})")
