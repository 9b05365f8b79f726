"""Incremental prediction output that survives a crash: ``OUTPUT.partial``.

Each finished batch is appended to ``OUTPUT.partial`` (one JSON line per problem holding
the output row and its sidecar record) and fsynced, so a restarted run skips every problem
already there. A half-written last line from a crash is cut off on open. The first line
records the run's settings; resuming with other settings is refused rather than mixing
two runs in one file. When every problem is done, the final output (and sidecar) are
written atomically in input order and the partial file is removed.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mathft_core.errors import InputFormatError
from mathft_core.ids import id_key
from mathft_core.io import dumps_row

log = logging.getLogger(__name__)

FORMAT = 1


def row_key(value: Any) -> str:
    """A problem id as a dict key: the one normalisation of :func:`mathft_core.ids.id_key`."""
    return id_key(value)


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


class PartialOutput:
    """The append-only progress file of one prediction run."""

    def __init__(self, output: Path, settings: Mapping[str, Any]) -> None:
        self.path = partial_path(output)
        self.settings = dict(settings)
        self.done: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            self._load()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._append([{"mathft_predict": FORMAT, "settings": self.settings}])

    def _load(self) -> None:
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            log.warning("%s: dropping an unfinished last line (%d bytes) left by an interrupted run",
                        self.path, len(data) - end)
            with open(self.path, "r+b") as handle:
                handle.truncate(end)
                handle.flush()
                os.fsync(handle.fileno())
            data = data[:end]
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputFormatError(self.path, line, None, "not UTF-8 text; remove it or pass --overwrite") from None
        for number, line in enumerate(lines, start=1):
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFormatError(self.path, number, None, f"invalid JSON ({exc.msg})") from None
            if number == 1:
                if not isinstance(entry, dict) or entry.get("mathft_predict") != FORMAT:
                    raise InputFormatError(self.path, 1, "mathft_predict", "not a mathft predict progress file")
                if entry.get("settings") != self.settings:
                    raise InputFormatError(
                        self.path, 1, "settings",
                        f"left by a run with other settings ({entry.get('settings')}); remove it or pass --overwrite",
                    )
                continue
            if not isinstance(entry, dict) or not {"key", "row"} <= entry.keys():
                raise InputFormatError(self.path, number, "key", "progress line without key and row")
            self.done[entry["key"]] = entry

    def _append(self, entries: Iterable[Mapping[str, Any]]) -> None:
        text = "".join(dumps_row(e) + "\n" for e in entries)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    def add(self, results: Iterable[tuple[dict[str, Any], dict[str, Any] | None]]) -> None:
        """Record finished problems: (output row, sidecar record or None)."""
        entries = []
        for row, detail in results:
            key = row_key(row["id"])
            if key in self.done:
                raise ValueError(f"problem id {row['id']!r} is already done")
            entry = {"key": key, "row": row, "detail": detail}
            entries.append(entry)
        self._append(entries)
        for entry in entries:
            self.done[entry["key"]] = entry

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
