"""Composition: a problem type that builds its item from other types' sub-problems.

A multi-step exam problem is usually two textbook problems chained: the maximum found in
step 1 becomes a coefficient in step 2, a count from a counting problem becomes the
numerator of a probability. A composed type does exactly that with existing problem
types, so every step is sampled, solved **and independently verified** by the code that
already owns it::

    from mathft_core import compose

    EXTREMUM = quadratic_functions.UNIT.type("domain_extremum")
    INEQUALITY = quadratic_functions.UNIT.type("quad_inequality")

    def sample(rng, difficulty):
        first = compose.sample_step(rng, EXTREMUM, difficulty, label="extremum",
                                    accept=lambda p, s: s.answer.is_integer)
        m = int(first.solution.answer)
        second = compose.build_step(INEQUALITY, {"a": 1, "b": -5, "c": m + 6, "op": "<"}, difficulty)
        return {"first": first.to_params(), "second": second.to_params()}

    def solve(params):
        first, second = compose.load_steps(params, {"first": EXTREMUM, "second": INEQUALITY})
        return Solution(answer=second.solution.answer, answer_latex=second.solution.answer_latex, ...)

Determinism: :func:`sample_step` draws one 64-bit number from the item's ``rng`` and seeds
the sub-problem's own stream from it and the step's ``label``
(:func:`mathft_core.seeding.derive_seed`), so the item stays a pure function of its
identity, whatever the sub-sampler does or how often it is retried. Steps are stored in the
item's params as plain JSON (``{"type", "difficulty", "params"}``); the composed solver
re-solves and verifies them from there with :func:`load_step` (each sub-verifier runs once
per item), and a sub-verifier that rejects raises :class:`StepRejected`, which fails the
item.

Any :class:`~mathft_core.units.ProblemType` can be a step: one of the same unit, another
unit of the same plugin, or a third-party unit's type imported from its module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from random import Random
from typing import Any

import attrs

from mathft_core.seeding import derive_seed
from mathft_core.units import ProblemType, SamplingError, Solution

Accept = Callable[[dict[str, Any], Solution], bool]


class StepRejected(ValueError):
    """A sub-problem's own verifier rejected its solution (or the stored step is malformed)."""


@attrs.frozen(kw_only=True)
class Step:
    """One solved and verified sub-problem of a composed item."""

    type_id: str
    difficulty: int
    params: dict[str, Any]
    solution: Solution

    def to_params(self) -> dict[str, Any]:
        """The JSON form stored in the composed item's params."""
        return {"type": self.type_id, "difficulty": self.difficulty, "params": self.params}


def sub_rng(rng: Random, label: str) -> Random:
    """A stream of its own for the sub-problem ``label``: one 64-bit draw of ``rng`` plus the label."""
    return Random(derive_seed("mathft-step", rng.getrandbits(64), label))


def build_step(ptype: ProblemType, params: Mapping[str, Any], difficulty: int, *, verify: bool = False) -> Step:
    """Solve ``ptype`` on given ``params`` (a step whose data come from earlier steps).

    With ``verify`` (as :func:`load_step` does), ``ptype``'s verifier must return ``True``
    or :class:`StepRejected` is raised. Samplers leave it off: the composed solver reloads
    every step with :func:`load_step`, so each sub-verifier runs exactly once per item.
    """
    params = dict(params)
    solution = ptype.solve(params)
    if verify and ptype.verify(params, solution) is not True:
        raise StepRejected(f"step {ptype.id!r}: its verifier rejected {solution.answer_latex!r} for {params}")
    return Step(type_id=ptype.id, difficulty=difficulty, params=params, solution=solution)


def sample_step(
    rng: Random,
    ptype: ProblemType,
    difficulty: int,
    *,
    label: str,
    where: Callable[[dict[str, Any]], bool] | None = None,
    accept: Accept | None = None,
    max_tries: int = 200,
) -> Step:
    """Sample and solve a sub-problem of ``ptype`` from a stream derived from ``rng``.

    ``where(params)`` (checked before solving, so cheap) and ``accept(params, solution)``
    can require more of the sub-problem (a given kind, an integer maximum, a positive
    root); draws are repeated on the sub-stream until both hold. ``rng`` gives up
    exactly one 64-bit draw, however many tries that takes. The step is verified when the
    composed solver reloads it (:func:`load_step`).
    """
    child = sub_rng(rng, label)
    for _ in range(max_tries):
        params = ptype.sample(child, difficulty)
        if where is not None and not where(params):
            continue
        solution = ptype.solve(params)
        if accept is None or accept(params, solution):
            return Step(type_id=ptype.id, difficulty=difficulty, params=params, solution=solution)
    raise SamplingError(f"step {label!r} ({ptype.id}): no accepted sub-problem after {max_tries} draws")


def load_step(ptype: ProblemType, stored: Mapping[str, Any]) -> Step:
    """Re-solve and re-verify a step from its stored JSON form (see :meth:`Step.to_params`)."""
    if not isinstance(stored, Mapping) or stored.get("type") != ptype.id:
        raise StepRejected(f"stored step {stored!r} is not a step of type {ptype.id!r}")
    return build_step(ptype, stored["params"], stored["difficulty"], verify=True)


def load_steps(params: Mapping[str, Any], types: Mapping[str, ProblemType]) -> tuple[Step, ...]:
    """:func:`load_step` for each ``name -> type`` of ``types``, in that order."""
    return tuple(load_step(ptype, params[name]) for name, ptype in types.items())
