"""Merge the outputs of ``mathft generate --shard K/N`` into the build's generation stage.

Shards are disjoint slices of the same task list, so their union, put back in canonical
task order, is exactly what a one-machine build generates. Every planned item must be
present or listed in a shard's ``.failures.jsonl``; anything else is an error naming the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from mathft_core.errors import InputFormatError, MathftError
from mathft_core.generate import Task, item_id
from mathft_core.io import read_jsonl
from mathft_core.records import ProblemRecord


class ShardMergeError(MathftError):
    """The shard files do not add up to the planned build."""


def merge_shards(
    paths: Sequence[Path], tasks: Sequence[Task], seed: int
) -> tuple[list[ProblemRecord], Counter[str]]:
    """Records of all shards in task order, and the failure reasons of missing items."""
    position = {item_id(t.unit, t.type, seed, t.index): i for i, t in enumerate(tasks)}
    found: dict[str, tuple[ProblemRecord, Path]] = {}
    failed: dict[str, str] = {}
    for path in paths:
        for line, row in read_jsonl(path):
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
