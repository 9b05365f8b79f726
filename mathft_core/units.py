"""The unit model: a curriculum unit and its problem types, as frozen, validated values.

A unit author writes, per problem type, three plain functions:

* ``sample(rng, difficulty) -> dict``: JSON-serialisable parameters drawn from ``rng``
  (a :class:`random.Random` that belongs to this item alone), for a difficulty 1-5;
  degenerate draws are rejected inside the sampler (see :func:`draw_until`).
* ``solve(params) -> Solution``: the answer computed with SymPy, its canonical LaTeX and the
  values the step-by-step solution template shows.
* ``verify(params, solution) -> bool``: a second, independent check of the answer
  (substitution, brute force, numeric evaluation), never a re-run of ``solve``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from random import Random
from typing import Any

import attrs

from mathft_core.errors import UnitValidationError

COURSES: tuple[str, ...] = ("中1", "中2", "中3", "数学I", "数学A", "数学II", "数学B", "数学C", "数学III")

#: Competition category for each course (REFERENCE.md §1: 中1, 中2, 中3, IA, IIB, IIIC).
CATEGORY_OF_COURSE: Mapping[str, str] = {
    "中1": "中1",
    "中2": "中2",
    "中3": "中3",
    "数学I": "IA",
    "数学A": "IA",
    "数学II": "IIB",
    "数学B": "IIB",
    "数学C": "IIIC",
    "数学III": "IIIC",
}

ANSWER_FORMS: tuple[str, ...] = ("soft", "strict", "complex", "complex-strict")
#: Problem shapes: ``drill`` (one operation on given data), ``word`` (a situation that must be
#: modelled first) and ``multi-step`` (two or more dependent sub-results: find a parameter
#: and use it, split into cases, combine two units).
SHAPES: tuple[str, ...] = ("drill", "word", "multi-step")
DIFFICULTIES: tuple[int, ...] = (1, 2, 3, 4, 5)
MIN_PHRASINGS = 3

UNIT_ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
TYPE_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

Sampler = Callable[[Random, int], dict[str, Any]]


def _check_regex(pattern: re.Pattern[str], what: str) -> Callable[[Any, attrs.Attribute, str], None]:
    def check(_instance: Any, _attribute: attrs.Attribute, value: str) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise UnitValidationError(f"invalid {what} {value!r}: must match {pattern.pattern}")

    return check


def _check_callable(_instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not callable(value):
        raise UnitValidationError(f"{attribute.name} must be callable, got {type(value).__name__}")


def _check_nonempty_str(_instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise UnitValidationError(f"{attribute.name} must be a non-empty string")


@attrs.frozen(kw_only=True)
class Solution:
    """What a solver returns.

    ``answer`` is the exact SymPy value (a number, expression, ``FiniteSet``, ``Eq``,
    relational or set) that the LaTeX answer must parse back to; ``answer_latex`` is the
    content of the final ``\\boxed{}`` in canonical answer-key form; ``steps`` holds the
    values the solution template shows (LaTeX strings, numbers, lists).
    """

    answer: Any
    answer_latex: str = attrs.field(validator=_check_nonempty_str)
    steps: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False)


@attrs.frozen(kw_only=True)
class ProblemType:
    """One kind of exam problem inside a unit."""

    id: str = attrs.field(validator=_check_regex(TYPE_ID_RE, "problem type id"))
    name: str = attrs.field(validator=_check_nonempty_str)
    sample: Sampler = attrs.field(validator=_check_callable)
    solve: Callable[[Mapping[str, Any]], Solution] = attrs.field(validator=_check_callable)
    verify: Callable[[Mapping[str, Any], Solution], bool] = attrs.field(validator=_check_callable)
    problem_templates: tuple[str, ...] = attrs.field(converter=tuple)
    solution_template: str = attrs.field(validator=_check_nonempty_str)
    answer_form: str = attrs.field(default="soft")
    shape: str = attrs.field(default="drill")
    knobs: str = ""

    @problem_templates.validator
    def _check_templates(self, _attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
        if len(value) < MIN_PHRASINGS:
            raise UnitValidationError(
                f"problem type {self.id!r} has {len(value)} problem templates; "
                f"at least {MIN_PHRASINGS} phrasings are required"
            )
        if len(set(value)) != len(value):
            raise UnitValidationError(f"problem type {self.id!r} lists a problem template twice")

    @answer_form.validator
    def _check_form(self, _attribute: attrs.Attribute, value: str) -> None:
        if value not in ANSWER_FORMS:
            raise UnitValidationError(f"answer_form {value!r} is not one of {ANSWER_FORMS}")

    @shape.validator
    def _check_shape(self, _attribute: attrs.Attribute, value: str) -> None:
        if value not in SHAPES:
            raise UnitValidationError(f"problem type {self.id!r}: shape {value!r} is not one of {SHAPES}")


@attrs.frozen(kw_only=True)
class Unit:
    """A curriculum unit: id ``<topic>.<name>``, Japanese name, course and problem types.

    Templates are looked up in ``template_package`` (an importable package holding
    package data) under ``template_dir``; both default from the unit id.
    """

    id: str = attrs.field(validator=_check_regex(UNIT_ID_RE, "unit id"))
    name: str = attrs.field(validator=_check_nonempty_str)
    course: str = attrs.field()
    types: tuple[ProblemType, ...] = attrs.field(converter=tuple)
    template_package: str = "mathft_templates"
    template_dir: str = ""
    description: str = ""

    @course.validator
    def _check_course(self, _attribute: attrs.Attribute, value: str) -> None:
        if value not in COURSES:
            raise UnitValidationError(f"unit {self.id!r}: course {value!r} is not one of {COURSES}")

    @types.validator
    def _check_types(self, _attribute: attrs.Attribute, value: tuple[ProblemType, ...]) -> None:
        if not value:
            raise UnitValidationError(f"unit {self.id!r} has no problem types")
        for item in value:
            if not isinstance(item, ProblemType):
                raise UnitValidationError(f"unit {self.id!r}: {item!r} is not a ProblemType")
        ids = [t.id for t in value]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise UnitValidationError(f"unit {self.id!r}: duplicate problem type ids {dupes}")

    @property
    def category(self) -> str:
        """The competition category (中1 … IIIC) of this unit's course."""
        return CATEGORY_OF_COURSE[self.course]

    @property
    def templates_dirname(self) -> str:
        """Folder (inside ``template_package``) that holds this unit's templates."""
        return self.template_dir or self.id

    def type(self, type_id: str) -> ProblemType:
        """Return the problem type ``type_id`` or raise ``KeyError`` naming the unit."""
        for item in self.types:
            if item.id == type_id:
                return item
        raise KeyError(f"unit {self.id!r} has no problem type {type_id!r}")


class SamplingError(RuntimeError):
    """A sampler could not find acceptable parameters within its try budget."""


def draw_until(
    rng: Random,
    draw: Callable[[Random], dict[str, Any]],
    accept: Callable[[dict[str, Any]], bool],
    *,
    max_tries: int = 1000,
) -> dict[str, Any]:
    """Draw parameters with ``draw(rng)`` until ``accept`` holds (rejection sampling).

    Deterministic for a given ``rng`` state; raises :class:`SamplingError` after
    ``max_tries`` rejected draws so a broken sampler fails loudly instead of looping.
    """
    for _ in range(max_tries):
        params = draw(rng)
        if accept(params):
            return params
    raise SamplingError(f"no acceptable parameters after {max_tries} draws")


def nonzero_int(rng: Random, lo: int, hi: int) -> int:
    """A uniform nonzero integer in ``[lo, hi]`` (redraws zero; the range must hold one)."""
    while True:
        value = rng.randint(lo, hi)
        if value:
            return value


def numbered_templates(type_id: str, count: int = MIN_PHRASINGS) -> tuple[str, ...]:
    """Problem template names ``<type_id>_1.j2`` … ``<type_id>_<count>.j2``."""
    return tuple(f"{type_id}_{i}.j2" for i in range(1, count + 1))


def numbered_type(
    type_id: str,
    name: str,
    fns: tuple[Sampler, Callable[[Mapping[str, Any]], Solution], Callable[[Mapping[str, Any], Solution], bool]],
    *,
    knobs: str,
    shape: str = "drill",
    answer_form: str = "soft",
    phrasings: int = MIN_PHRASINGS,
) -> ProblemType:
    """A problem type whose templates follow the naming convention: ``<type_id>_1.j2`` …
    ``<type_id>_<phrasings>.j2`` and ``<type_id>_solution.j2``; ``fns`` is (sample, solve, verify)."""
    sample, solve, verify = fns
    return ProblemType(
        id=type_id, name=name, sample=sample, solve=solve, verify=verify,
        problem_templates=numbered_templates(type_id, phrasings), solution_template=f"{type_id}_solution.j2",
        answer_form=answer_form, shape=shape, knobs=knobs,
    )
