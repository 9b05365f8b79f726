"""Memoise pure functions of parsed answers under an exact structural key.

The grader compares the same parsed objects many times: its fallbacks re-verify a gold
against each bracket variant of a prediction (``[x+1]^2`` parses to the very expression
``(x+1)^2`` does), the retry with the prediction wrapped in ``$...$`` meets the objects of
the first try again, and a gold repeated across pairs is turned into intervals each time.
A comparison of the same inputs need not run twice.

``==`` is not enough to call two SymPy objects the same input: a Float's precision, the
assumptions of a Symbol and the unsorted arguments latex2sympy2's ``FiniteSet`` keeps for
math-verify are invisible to it. :func:`structural_key` therefore spells out everything an
object holds: its exact type, its ``_hashable_content()`` (for Float the mantissa, exponent
and precision, for Symbol the name and assumptions) and every attribute in its instance
``__dict__``, recursively. Strings and plain numbers count by value. An object holding
anything else (a mutable matrix, a ``DomainMatrix``) gets no key and is computed afresh.
"""

from __future__ import annotations

import functools
import numbers
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import sympy as sp

F = TypeVar("F", bound=Callable[..., Any])

_MISS = object()
_MAX_NODES = 5_000


class Unkeyable(Exception):
    """A value holds something mutable or unknown, so no key can stand for it."""


def structural_key(value: Any) -> Any:
    """A hashable key equal for two values only if they hold exactly the same data.

    Raises :class:`Unkeyable` for values with mutable or unknown parts, and for trees over
    5,000 nodes (a key that costs more than it saves). The keys of the SymPy objects at the
    top (an argument, or an item of a tuple or list argument) are remembered per object:
    parses are cached, so the same objects come back again and again.
    """
    return _key(value, [_MAX_NODES], 3)


_BY_OBJECT: dict[int, tuple[Any, Any]] = {}
_BY_OBJECT_SIZE = 8_192


def _key(value: Any, budget: list[int], remember: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise Unkeyable("too large")
    if value is None or isinstance(value, (str, bytes, bool)):
        return (type(value), value)
    if isinstance(value, sp.Basic):
        if remember:
            known = _BY_OBJECT.get(id(value))
            if known is not None and known[0] is value:  # the entry keeps the object alive
                return known[1]
        state = getattr(value, "__dict__", None)
        extra = tuple(sorted((name, _key(item, budget, 0)) for name, item in state.items())) if state else ()
        key = (type(value), _key(value._hashable_content(), budget, 0), extra)
        if remember:
            if len(_BY_OBJECT) >= _BY_OBJECT_SIZE:
                _BY_OBJECT.clear()
            _BY_OBJECT[id(value)] = (value, key)
        return key
    if isinstance(value, numbers.Number) and type(value).__module__ == "builtins":
        return (type(value), value)
    if isinstance(value, (tuple, list)):
        return (type(value), tuple(_key(item, budget, remember - 1 if remember else 0) for item in value))
    if isinstance(value, (set, frozenset)):
        return (type(value), frozenset(_key(item, budget, 0) for item in value))
    raise Unkeyable(type(value).__name__)


_REGISTRY: list[StructuralMemo] = []


class StructuralMemo:
    """A bounded LRU of one function's results under :func:`structural_key` of its arguments.

    An exception is not memoised (the next call computes, and raises, again).
    """

    def __init__(self, function: Callable[..., Any], size: int) -> None:
        self.function = function
        self.size = size
        self.entries: OrderedDict[Any, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __call__(self, *args: Any) -> Any:
        try:
            key = structural_key(args)
        except (Unkeyable, RecursionError):
            self.misses += 1
            return self.function(*args)
        entry = self.entries.get(key, _MISS)
        if entry is not _MISS:
            self.entries.move_to_end(key)
            self.hits += 1
            return entry
        self.misses += 1
        result = self.function(*args)
        self.entries[key] = result
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return result

    def cache_clear(self) -> None:
        self.entries.clear()
        self.hits = self.misses = 0


def structural_memo(size: int = 16_384) -> Callable[[F], F]:
    """Decorator: memoise a pure function of parsed answers (see the module docstring)."""

    def decorate(function: F) -> F:
        memo = StructuralMemo(function, size)
        _REGISTRY.append(memo)
        functools.update_wrapper(memo, function)
        return memo  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Forget every memoised result (done with the parse caches, so a cold pass is cold)."""
    for memo in _REGISTRY:
        memo.cache_clear()
    _BY_OBJECT.clear()
