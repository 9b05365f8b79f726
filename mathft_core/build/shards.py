"""Merge the outputs of ``mathft generate --shard K/N`` into the build's generation stage.

Shards are disjoint slices of the same task list, so their union, put back in canonical
task order, is exactly what a one-machine build generates. Every planned item must be
present or listed in a shard's ``.failures.jsonl``; anything else is an error naming the file.
A shard is untrusted input: every row must be marked verified, its solution must box exactly
its answer, and (given the registry) the installed unit re-solves and re-verifies its
parameters to the same answer, so an edited or unverified row never reaches a split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from mathft_core.errors import InputFormatError, MathftError
from mathft_core.generate import Task, item_id
from mathft_core.io import read_jsonl
from mathft_core.plugins import UnitRegistry
from mathft_core.records import ProblemRecord
from mathft_core.roundtrip import boxed_contents
from mathft_core.timeouts import DEFAULT_ITEM_TIMEOUT, ItemTimeout, time_limit


class ShardMergeError(MathftError):
    """The shard files do not add up to the planned build."""


def reverify(record: ProblemRecord, registry: UnitRegistry | None, path: Path, line: int) -> None:
    """Raise :class:`InputFormatError` (naming shard and line) unless the row is trustworthy."""
    if record.verified is not True or record.verdict != "ok":
        raise InputFormatError(path, line, "verified", f"item {record.id} is not marked verified")
    boxed = boxed_contents(record.solution)
    if boxed != [record.answer]:
        raise InputFormatError(path, line, "answer",
                               f"item {record.id}: the solution boxes {boxed}, the answer is {record.answer!r}")
    if registry is None:
        return
    try:
        ptype = registry[record.unit].type(record.type)
    except KeyError as exc:
        raise InputFormatError(path, line, "type", f"item {record.id}: {exc}") from None
    try:
        with time_limit(DEFAULT_ITEM_TIMEOUT):
            solution = ptype.solve(record.params)
            verdict = ptype.verify(record.params, solution)
    except ItemTimeout as exc:
        raise InputFormatError(path, line, "params", f"item {record.id}: re-verification {exc}") from None
    except Exception as exc:  # unit code on edited params
        raise InputFormatError(path, line, "params",
                               f"item {record.id}: re-solving failed ({type(exc).__name__}: {exc})") from None
    if verdict is not True:
        raise InputFormatError(path, line, "params", f"item {record.id}: the unit's verifier rejects these params")
    if solution.answer_latex != record.answer:
        raise InputFormatError(path, line, "answer", f"item {record.id}: answer {record.answer!r} differs from "
                               f"the unit's {solution.answer_latex!r}")


def merge_shards(
    paths: Sequence[Path], tasks: Sequence[Task], seed: int, *, registry: UnitRegistry | None = None
) -> tuple[list[ProblemRecord], Counter[str]]:
    """Records of all shards in task order, and the failure reasons of missing items.

    Every row is checked by :func:`reverify` (re-solved and re-verified when ``registry`` is given).
    """
    position = {item_id(t.unit, t.type, seed, t.index): i for i, t in enumerate(tasks)}
    found: dict[str, tuple[ProblemRecord, Path]] = {}
    failed: dict[str, str] = {}
    for path in paths:
        rows = list(read_jsonl(path))  # a malformed line anywhere fails before any row is used
        if not rows:
            raise InputFormatError(path, None, None, "no rows (the shard file is empty)")
        for line, row in rows:
            try:
                record = ProblemRecord.from_json(row)
            except KeyError as exc:
                raise InputFormatError(path, line, str(exc.args[0]), "missing required field") from None
            except TypeError as exc:
                raise InputFormatError(path, line, None, f"not a problem record: {exc}") from None
            if record.id not in position:
                raise InputFormatError(
                    path, line, "id",
                    f"item {record.id} is not in this build's plan (different seed, units or item budget?)",
                )
            reverify(record, registry, path, line)
            if record.id in found:
                raise InputFormatError(path, line, "id", f"item {record.id} also appears in {found[record.id][1]}")
            found[record.id] = (record, path)
        failures = path.with_name(path.name + ".failures.jsonl")
        if failures.exists():
            for _line, row in read_jsonl(failures, required=("id", "reason")):
                failed[str(row["id"])] = str(row["reason"])
    missing = [i for i in position if i not in found and i not in failed]
    if missing:
        raise ShardMergeError(
            f"{len(missing)} planned items are in no shard (first: {missing[0]}); "
            "run every shard K/N with the same --seed, --per-type, --difficulty and --units"
        )
    records = sorted((r for r, _ in found.values()), key=lambda r: position[r.id])
    reasons = Counter(failed[i] for i in position if i in failed and i not in found)
    return records, reasons
