"""Typed answers: what a parsed answer is (value, set, relation, tuple, equation, ...)."""

from __future__ import annotations

from typing import Any

import attrs

#: The official grader's evaluation methods (a missing one is read as ``soft``).
GRADER_METHODS = ("soft", "strict", "complex", "complex-strict")
#: Comparison modes: the grader's methods, then ``symmetric`` (mathft's own, for voting).
MODES = (*GRADER_METHODS, "symmetric")

#: Kinds of :class:`ParsedAnswer`.
KINDS = (
    "value",  # a number: 3, -\frac{3}{4}, 2\sqrt{3}, \frac{5}{6}\pi
    "expression",  # with free symbols: x^2 - 2x - 15
    "set",  # a finite set of solutions (order-free): -1, 3; x = 1 \pm \sqrt{2}; \emptyset
    "relation",  # a solution set over the reals in one variable: -1 < x \leqq 3, x < -1, 3 < x
    "tuple",  # ordered: (2, -3), a column vector
    "equation",  # lhs = rhs that is not an assignment: x^2 + y^2 = 1, 2x - y + 1 = 0
    "assignment",  # var = answer: x = 3, a_n = 2n + 1, x = -1, 3 (compared by right-hand side)
    "system",  # several assignments: x = 2, y = 1
)

#: Taxonomy classes of a (gold, prediction) pair.
CATEGORIES = (
    "correct", "escape", "form_mismatch", "boundary", "missing_or_extra", "wrong_value", "unparseable",
)


@attrs.frozen(eq=False)
class ParsedAnswer:
    """One answer, typed. ``value`` depends on ``kind``.

    - value / expression: a SymPy expression.
    - set, tuple, system: ``items`` hold the members (``value`` is None).
    - relation: a SymPy set over the reals (``var`` names the variable), or, for relations in
      several variables, a tuple of ``(difference, strict)`` atoms meaning ``difference > 0``.
    - equation: ``(lhs, rhs)``.
    - assignment: ``var`` and one item, the right-hand side.
    """

    kind: str
    value: Any = None
    var: str | None = None
    items: tuple[ParsedAnswer, ...] = ()
    form: Any = None  # written structure, commutative parts sorted (None: unknown)
    decimals: int | None = None  # places when written as a decimal literal (0.1587 -> 4)
    interval_notation: bool = False  # written [a, b) rather than as inequalities
    maybe_interval: bool = False  # (a, b): a pair or an open interval
    text: str = ""  # normalised text of this answer
    escape: bool = False  # escaping damage was repaired
    units: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown answer kind {self.kind!r}")

    def describe(self) -> str:
        """A short human description: ``set of 2``, ``relation in x``."""
        if self.kind in ("set", "tuple", "system"):
            return f"{self.kind} of {len(self.items)}"
        if self.kind == "relation" and self.var:
            return f"relation in {self.var}"
        if self.kind == "assignment":
            return f"assignment {self.var} = {self.items[0].describe()}"
        return self.kind


@attrs.frozen
class Verdict:
    """The result of comparing a prediction with a gold answer in one mode."""

    equal: bool
    category: str
    detail: str = ""
    mode: str = "soft"

    def to_json(self) -> dict[str, Any]:
        return {"equal": self.equal, "category": self.category, "detail": self.detail, "mode": self.mode}


@attrs.frozen
class StepError:
    """A false ``A = B`` step in a reasoning text."""

    index: int  # which math block (0-based) in the text
    step: str  # the "A = B" text
    lhs: str
    rhs: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)
