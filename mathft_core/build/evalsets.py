"""Readers for texts to check contamination against (and train texts for the check command).

Formats: competition JSONL (``id``, ``problem``; build exports with ``messages`` or
``prompt``/``completion`` too), MGSM-style TSV (question, TAB, answer), plain text (one
item per line), or a build output folder (its ``items.jsonl``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from mathft_core.errors import InputFormatError
from mathft_core.ids import require_id
from mathft_core.io import read_jsonl, read_lines

#: Fields of a problem record that can form a training text (``--train-fields``).
TRAIN_FIELDS: tuple[str, ...] = ("problem", "solution", "answer")


@attrs.frozen(kw_only=True)
class TextItem:
    """One text to compare: its set name, id, text and (for training items) unit."""

    source: str
    id: str
    text: str
    unit: str = ""


def detect_format(path: Path) -> str:
    """``build`` for a folder, else by suffix: ``.jsonl``/``.json`` -> jsonl, ``.tsv`` -> tsv, else text."""
    if path.is_dir():
        return "build"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        return "jsonl"
    if suffix == ".tsv":
        return "tsv"
    return "text"


def _message_text(messages: Any, path: Path, line: int, *, with_answer: bool) -> str:
    if not isinstance(messages, list):
        raise InputFormatError(path, line, "messages", "expected a list of chat messages")
    parts = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            raise InputFormatError(path, line, f"messages[{i}]", "expected {role, content}")
        role = message.get("role")
        if role == "user" or (with_answer and role == "assistant"):
            parts.append(message["content"])
    return "\n".join(parts)


def _row_text(row: dict[str, Any], path: Path, line: int, fields: tuple[str, ...]) -> str:
    if "problem" in row:
        parts = []
        for field in fields:
            value = row.get(field)
            if field == "problem" and not isinstance(value, str):
                raise InputFormatError(path, line, "problem", "expected a string")
            if isinstance(value, str):
                parts.append(value)
        return "\n".join(parts)
    with_answer = "solution" in fields
    if "messages" in row:
        return _message_text(row["messages"], path, line, with_answer=with_answer)
    if "prompt" in row:
        text = _message_text(row["prompt"], path, line, with_answer=False)
        if with_answer and "completion" in row:
            text += "\n" + _message_text(row["completion"], path, line, with_answer=True)
        return text
    raise InputFormatError(path, line, "problem", "a row needs 'problem', 'messages' or 'prompt'")


def read_texts(
    path: str | Path, *, source: str | None = None, fmt: str = "auto", fields: Iterable[str] = ("problem",)
) -> list[TextItem]:
    """Read every item of ``path``; ``fields`` picks the record fields that form the text."""
    path = Path(path)
    fields = tuple(fields)
    source = source or path.stem
    fmt = detect_format(path) if fmt == "auto" else fmt
    if not path.exists():
        raise InputFormatError(path, None, None, "file not found")
    if fmt == "build":
        items_path = path / "items.jsonl"
        if not items_path.exists():
            raise InputFormatError(items_path, None, None, "a build folder must hold items.jsonl")
        return read_texts(items_path, source=source, fmt="jsonl", fields=fields)
    items: list[TextItem] = []
    if fmt == "jsonl":
        for line, row in read_jsonl(path):
            item_id = require_id(row["id"], path, line) if "id" in row else str(line)
            unit = row.get("unit", "")
            items.append(TextItem(source=source, id=item_id, text=_row_text(row, path, line, fields),
                                  unit=unit if isinstance(unit, str) else str(unit)))
    elif fmt == "tsv":
        for line, text in read_lines(path):
            cols = next(csv.reader([text.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE), [])
            if not cols or not cols[0].strip():
                continue
            items.append(TextItem(source=source, id=str(line), text=cols[0]))
    elif fmt == "text":
        for line, text in read_lines(path):
            if text.strip():
                items.append(TextItem(source=source, id=str(line), text=text.rstrip("\r\n")))
    else:
        raise InputFormatError(path, None, "format", f"unknown format {fmt!r}")
    if not items:
        raise InputFormatError(path, None, None, "no items (the file is empty)")
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
        raise InputFormatError(path, None, "id", f"duplicate ids {dupes}")
    return items


def read_hf(
    dataset: str | Path, *, split: str = "test", field: str = "problem", source: str | None = None
) -> list[TextItem]:
    """Items of a Hugging Face dataset (a hub id or a local dataset folder) loaded with
    ``datasets.load_dataset``; ``field`` is the column holding the problem text, ids come
    from an ``id`` column when there is one, else the row number."""
    try:
        import datasets
    except ImportError:
        raise InputFormatError(dataset, None, None,
                               "format 'hf' needs the datasets package: pip install 'mathft[train]'") from None
    try:
        data = datasets.load_dataset(str(dataset), split=split)
    except Exception as exc:  # hub, network and builder errors: one line naming the dataset
        message = " ".join(str(exc).split())[:300]
        raise InputFormatError(dataset, None, None,
                               f"cannot load split {split!r} with datasets.load_dataset ({type(exc).__name__}: {message})"
                               ) from None
    if field not in data.column_names:
        raise InputFormatError(dataset, None, field, f"no such column; columns: {', '.join(data.column_names)}")
    texts = data[field]
    ids = [require_id(v, dataset, n) for n, v in enumerate(data["id"], start=1)] if "id" in data.column_names \
        else [str(n) for n in range(1, len(texts) + 1)]
    items = []
    for number, (item_id, text) in enumerate(zip(ids, texts, strict=True), start=1):
        if not isinstance(text, str):
            raise InputFormatError(dataset, number, field, "expected a string")
        items.append(TextItem(source=source or Path(str(dataset)).name, id=item_id, text=text))
    if len(set(ids)) != len(ids):
        raise InputFormatError(dataset, None, "id", "duplicate ids")
    return items
