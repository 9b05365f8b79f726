"""Atomic, verified file writes and strict JSONL reading.

Writes go to a temporary file in the destination folder, are flushed and fsynced, then
renamed over the final name, so a crash never leaves a partial file under a final name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mathft_core.errors import InputFormatError


def dumps_row(row: Any) -> str:
    """One JSONL line (no newline): UTF-8 text, compact, keys in the given order."""
    return json.dumps(row, ensure_ascii=False, separators=(", ", ": "))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> str:
    """Write ``data`` to ``path`` atomically; return its sha256 (verified by re-reading).

    The file gets the permissions a plain ``open(path, "w")`` would give (0666 & ~umask),
    not ``mkstemp``'s private 0600.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        expected = hashlib.sha256(data).hexdigest()
        if sha256_file(tmp) != expected:
            raise OSError(f"{path}: written bytes differ from the data (disk or filesystem error)")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return expected


def atomic_write_text(path: str | os.PathLike[str], text: str) -> str:
    """Atomically write UTF-8 text; return its sha256."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def jsonl_bytes(rows: Iterable[Any]) -> bytes:
    """The JSONL encoding of ``rows`` (one object per line, trailing newline)."""
    return "".join(dumps_row(r) + "\n" for r in rows).encode("utf-8")


def write_jsonl(path: str | os.PathLike[str], rows: Iterable[Any]) -> tuple[str, int]:
    """Atomically write rows as JSONL; return (sha256, row count)."""
    rows = list(rows)
    return atomic_write_bytes(path, jsonl_bytes(rows)), len(rows)


def sha256_file(path: str | os.PathLike[str], chunk: int = 1 << 20) -> str:
    """SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def read_jsonl(
    path: str | os.PathLike[str], *, required: Iterable[str] = ()
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, row)``; malformed lines raise :class:`InputFormatError`.

    Blank lines are skipped. Every row must be a JSON object holding the ``required`` fields.
    """
    required = tuple(required)
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFormatError(path, number, None, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(row, dict):
                raise InputFormatError(path, number, None, "a row must be a JSON object")
            for field in required:
                if field not in row:
                    raise InputFormatError(path, number, field, "missing required field")
            yield number, row
