"""External training data (``[[sources]]``): local JSONL files or Hugging Face datasets.

A source's rows become :class:`~mathft_core.records.ProblemRecord` values (unit
``source.<name>``) so they pass through the same cleaning, exact and near dedup and
decontamination as generated items, and then enter a phase only through the mix
(``[[mix.phase_b]]`` ...). Three row shapes are read:

* ``competition``: ``id``, ``problem``, ``solution`` (the answer; a list takes its first
  element), optional ``category``; trained as answer-format rows.
* ``pairs``: a problem and a worked solution under any field names (``fields``); trained as
  CoT rows.
* ``messages``: chat rows; the first user turn is the problem, the last assistant turn the
  solution, a system turn is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from mathft_core.errors import InputFormatError, MathftError
from mathft_core.io import read_jsonl, sha256_file
from mathft_core.records import ProblemRecord

SOURCE_FORMATS = ("competition", "pairs", "messages")
SOURCE_KINDS = ("jsonl", "hf")
#: How a source's rows are trained: answer-format (Phase B style), CoT (Phase A style) or as given.
ROW_STYLES = ("answer", "cot", "messages")
DEFAULT_STYLE = {"competition": "answer", "pairs": "cot", "messages": "messages"}
DEFAULT_FIELDS = {"competition": {"id": "id", "problem": "problem", "solution": "solution"},
                  "pairs": {"id": "id", "problem": "problem", "solution": "solution"},
                  "messages": {"id": "id", "messages": "messages"}}


class SourceError(MathftError):
    """A source cannot be loaded; the message names the source."""


@attrs.frozen(kw_only=True)
class SourceConfig:
    """One ``[[sources]]`` entry."""

    name: str
    kind: str
    format: str
    style: str
    fields: Mapping[str, str] = attrs.field(eq=False, hash=False)
    path: Path | None = None
    dataset: str = ""
    config: str = ""
    split: str = "train"
    limit: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "format": self.format, "style": self.style,
                "fields": dict(self.fields), "path": str(self.path) if self.path else None,
                "dataset": self.dataset, "config": self.config, "split": self.split, "limit": self.limit}


def _hf_rows(source: SourceConfig) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        from datasets import load_dataset
    except ImportError:
        raise SourceError(f"source {source.name!r}: loading {source.dataset!r} needs the datasets package "
                          "(pip install 'mathft[train]')") from None
    try:
        data = load_dataset(source.dataset, source.config or None, split=source.split)
    except Exception as exc:  # offline with no cache, unknown name, bad split: one line naming the source
        raise SourceError(f"source {source.name!r}: cannot load dataset {source.dataset!r} "
                          f"(config {source.config or '-'}, split {source.split}): {type(exc).__name__}: "
                          f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    for number, row in enumerate(data, start=1):
        yield number, dict(row)


def _rows(source: SourceConfig) -> Iterator[tuple[int, dict[str, Any]]]:
    if source.kind == "hf":
        yield from _hf_rows(source)
        return
    assert source.path is not None
    if not source.path.is_file():
        raise SourceError(f"source {source.name!r}: {source.path} not found")
    yield from read_jsonl(source.path)


def _text(row: Mapping[str, Any], key: str, where: tuple[object, int], field: str) -> str:
    value = row.get(key)
    if isinstance(value, list) and value and field == "solution":
        value = value[0]
    if not isinstance(value, str) or not value.strip():
        raise InputFormatError(where[0], where[1], key, f"{field} must be a non-empty string")
    return value


def _from_messages(row: Mapping[str, Any], key: str, where: tuple[object, int]) -> tuple[str, str, str | None]:
    messages = row.get(key)
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise InputFormatError(where[0], where[1], key, "must be a list of {role, content} messages")
    users = [m.get("content") for m in messages if m.get("role") == "user"]
    assistants = [m.get("content") for m in messages if m.get("role") == "assistant"]
    systems = [m.get("content") for m in messages if m.get("role") == "system"]
    if not users or not assistants or not all(isinstance(t, str) for t in users + assistants + systems):
        raise InputFormatError(where[0], where[1], key, "needs a user and an assistant message with string content")
    return users[0], assistants[-1], systems[0] if systems else None


def load_source(source: SourceConfig) -> list[ProblemRecord]:
    """The source's rows as records (ids ``<name>:<row id or line>``), in file order."""
    records: list[ProblemRecord] = []
    seen: dict[str, int] = {}
    where_name: object = source.path if source.kind == "jsonl" else f"{source.dataset} ({source.name})"
    for number, row in _rows(source):
        if source.limit and len(records) >= source.limit:
            break
        where = (where_name, number)
        raw_id = row.get(source.fields.get("id", "id"), number)
        record_id = f"{source.name}:{raw_id}"
        if record_id in seen:
            raise InputFormatError(where_name, number, source.fields.get("id", "id"),
                                   f"duplicate id {raw_id!r} (first on line {seen[record_id]})")
        seen[record_id] = number
        system = None
        if source.format == "messages":
            problem, solution, system = _from_messages(row, source.fields.get("messages", "messages"), where)
        else:
            problem = _text(row, source.fields["problem"], where, "problem")
            solution = _text(row, source.fields["solution"], where, "solution")
        category = row.get("category") if isinstance(row.get("category"), str) else "external"
        answer = solution if source.format == "competition" else ""
        records.append(ProblemRecord(
            id=record_id, unit=f"source.{source.name}", type=source.style, course="external", category=category,
            difficulty=0, seed=0, index=number, phrasing=0,
            params={"source": source.name, "style": source.style, **({"system": system} if system else {})},
            problem=problem, solution=solution, answer=answer, answer_form="soft", verified=False,
            verdict="external",
        ))
    if not records:
        raise SourceError(f"source {source.name!r}: no rows")
    return records


def source_fingerprint(source: SourceConfig) -> str:
    """What identifies a source's content in stage hashes: the file's sha256, or the dataset id."""
    if source.kind == "jsonl" and source.path is not None and source.path.is_file():
        return sha256_file(source.path)
    return json.dumps([source.dataset, source.config, source.split], ensure_ascii=False)


def is_source_record(record: ProblemRecord) -> bool:
    """True for a record read from a ``[[sources]]`` entry rather than generated."""
    return record.unit.startswith("source.") and record.verdict == "external"


def source_row(record: ProblemRecord) -> dict[str, Any]:
    """A source record as a chat row in its style (answer-format, CoT, or its own system turn)."""
    from mathft_core.build.export import phase_a_row, phase_b_row

    style = record.params.get("style")
    if style == "answer":
        row = phase_b_row(record)
    elif style == "cot":
        row = phase_a_row(record)
    else:
        system = record.params.get("system")
        messages = [{"role": "user", "content": record.problem}, {"role": "assistant", "content": record.solution}]
        if system:
            messages.insert(0, {"role": "system", "content": system})
        row = {"id": record.id, "unit": record.unit, "category": record.category, "messages": messages}
    return {**row, "source": record.params.get("source")}


def source_counts(
    sources: list[SourceConfig] | tuple[SourceConfig, ...], loaded: list[ProblemRecord],
    cleaned: list[ProblemRecord], deduped: list[ProblemRecord], kept: list[ProblemRecord],
) -> dict[str, dict[str, int]]:
    """Rows of each source after loading, cleaning, dedup and decontamination."""
    def count(records: list[ProblemRecord], name: str) -> int:
        return sum(1 for r in records if r.unit == f"source.{name}")

    return {s.name: {"loaded": count(loaded, s.name), "after_clean": count(cleaned, s.name),
                     "after_dedup": count(deduped, s.name), "after_decontamination": count(kept, s.name)}
            for s in sources}
