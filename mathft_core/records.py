"""Typed records that flow between stages, and their JSON form."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen(kw_only=True)
class ProblemRecord:
    """One generated problem with its solution, answer and verification verdict."""

    id: str
    unit: str
    type: str
    course: str
    category: str
    difficulty: int
    seed: int
    index: int
    phrasing: int
    params: dict[str, Any] = attrs.field(eq=False, hash=False)
    problem: str
    solution: str
    answer: str
    answer_form: str
    verified: bool
    verdict: str
    #: Lint rules that fired on the item (fixed or tolerated): counted in summaries, not written.
    lint: tuple[str, ...] = attrs.field(default=(), eq=False, hash=False, metadata={"transient": True})

    def to_json(self) -> dict[str, Any]:
        """Plain dict in a fixed key order (the JSONL row)."""
        return attrs.asdict(self, recurse=False, filter=lambda a, _v: not a.metadata.get("transient"))

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> ProblemRecord:
        names = [f.name for f in attrs.fields(cls) if not f.metadata.get("transient")]
        missing = [n for n in names if n not in row]
        if missing:
            raise KeyError(missing[0])
        return cls(**{n: row[n] for n in names})


@attrs.frozen(kw_only=True)
class GenerationFailure:
    """An item that could not be produced, with the stage and reason."""

    id: str
    unit: str
    type: str
    index: int
    reason: str
    detail: str
