"""Atomic, verified file writes and strict JSONL reading.

Writes go to a temporary file in the destination folder, are flushed and fsynced, then
renamed over the final name, so a crash never leaves a partial file under a final name.
The filesystem is respected: a symlink is written through to its target (the temporary
file goes beside the target), a stream (FIFO, character device, ``-`` for stdout) is
written directly, and anything else that is not a regular file is refused with one line.
Reading errors (missing, a folder, not UTF-8) become :class:`InputFormatError` naming the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from mathft_core.errors import InputFormatError, OutputPathError

#: The output path that means standard output.
STDOUT = "-"


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


def output_target(path: str | os.PathLike[str]) -> tuple[Path, Literal["file", "stream"]]:
    """Where a write to ``path`` really goes: ``(target, "file")`` or ``(target, "stream")``.

    A symlink resolves to its target; ``-``, a FIFO, a character device or an open file
    descriptor (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``) is a stream; a folder,
    socket or block device raises :class:`OutputPathError`.
    """
    if os.fspath(path) == STDOUT:
        return Path(STDOUT), "stream"
    link = os.path.islink(path)
    target = Path(os.path.realpath(path)) if link else Path(path)
    if link and (target.parts[:2] == ("/", "proc") or os.fspath(path).startswith(("/dev/fd/", "/dev/std"))):
        return Path(path), "stream"  # a descriptor the caller already opened: never replace it
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return target, "file"
    except OSError as exc:
        raise OutputPathError(f"{path}: cannot be written ({exc.strerror})") from None
    if stat.S_ISREG(mode):
        return target, "file"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return Path(path), "stream"
    if stat.S_ISDIR(mode):
        raise OutputPathError(f"{path}: is a directory, expected a file path")
    raise OutputPathError(f"{path}: is not a regular file, FIFO or character device; refusing to replace it")


def check_output(path: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputPathError` now if a later write to ``path`` would fail.

    Called before any work starts, so a bad ``--out`` never costs the work.
    """
    target, kind = output_target(path)
    if kind == "stream":
        if os.fspath(target) != STDOUT and not os.access(target, os.W_OK):
            raise OutputPathError(f"{path}: permission denied")
        return
    folder = target.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        raise OutputPathError(f"{path}: {folder} is not a directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(f"{path}: folder {folder} is not writable (permission denied)")


def check_output_folder(path: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputPathError` now if files cannot be written into folder ``path``."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{path}: exists and is not a directory")
    check_output(folder / "_")


def _write_stream(target: Path, data: bytes) -> None:
    if os.fspath(target) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with open(target, "wb") as handle:
        handle.write(data)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> str:
    """Write ``data`` to ``path`` atomically; return its sha256 (verified by re-reading).

    The file gets the permissions a plain ``open(path, "w")`` would give (0666 & ~umask),
    not ``mkstemp``'s private 0600. A symlink is written through to its target; a stream
    (see :func:`output_target`) is written directly.
    """
    path, kind = output_target(path)
    if kind == "stream":
        _write_stream(path, data)
        return hashlib.sha256(data).hexdigest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"{path}: cannot create its folder ({exc.strerror or exc})") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputPathError(f"{path}: cannot be written ({exc.strerror or exc})") from None
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
    for number, line in read_lines(path):
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


def _open_error(path: str | os.PathLike[str], exc: OSError) -> InputFormatError:
    if isinstance(exc, FileNotFoundError):
        return InputFormatError(path, None, None, "file not found")
    if isinstance(exc, IsADirectoryError):
        return InputFormatError(path, None, None, "is a directory, expected a file")
    if isinstance(exc, PermissionError):
        return InputFormatError(path, None, None, "permission denied")
    return InputFormatError(path, None, None, f"cannot be read ({exc.strerror or exc})")


def read_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` of a UTF-8 file (newline kept); bad bytes name the line."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise _open_error(path, exc) from None
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise InputFormatError(
                        path, number, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
                    ) from None
                yield number, text.removeprefix("\ufeff") if number == 1 else text
        except OSError as exc:
            raise _open_error(path, exc) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """The whole text of a UTF-8 file; a missing, unreadable or non-UTF-8 file names itself."""
    return "".join(text for _n, text in read_lines(path))
