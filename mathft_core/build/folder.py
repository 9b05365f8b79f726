"""The build output folder belongs to mathft: a marker, a lock, and cleanup of its own files only.

``mathft build --out DIR`` writes ``DIR/.mathft-build`` when it first takes a folder. It
refuses a non-empty folder without that marker (or a mathft manifest) unless forced, holds
an exclusive ``flock`` on ``DIR/.mathft-build.lock`` while building (a second build into the
same folder fails at once), and removes only temporary files of outputs it writes itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from mathft_core.errors import MathftError
from mathft_core.io import atomic_write_text

MARKER = ".mathft-build"
LOCK = ".mathft-build.lock"
CACHE = ".cache"


class BuildFolderError(MathftError):
    """The output folder is not mathft's to write, or another build holds it."""


def is_build_folder(folder: Path) -> bool:
    """Whether ``folder`` was created by ``mathft build`` (marker, or a mathft manifest)."""
    if (folder / MARKER).is_file():
        return True
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "mathft_version" in manifest


def claim(folder: Path, *, force: bool = False) -> None:
    """Make ``folder`` a mathft build folder; refuse a foreign non-empty one unless ``force``."""
    if folder.exists() and not folder.is_dir():
        raise BuildFolderError(f"{folder}: exists and is not a directory")
    foreign = folder.is_dir() and any(p.name not in (MARKER, LOCK) for p in folder.iterdir())
    if foreign and not is_build_folder(folder) and not force:
        raise BuildFolderError(
            f"{folder}: folder is not empty and is not a mathft build; choose an empty or new folder, "
            "or pass --force to build into it (mathft then removes only files it writes)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildFolderError(f"{folder}: cannot create the output folder ({exc.strerror or exc})") from None
    if not (folder / MARKER).is_file():
        atomic_write_text(folder / MARKER, json.dumps({"mathft_build": 1}) + "\n")


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's build lock for the block; a held lock fails at once."""
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise BuildFolderError(f"{folder / LOCK}: cannot open the build lock ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise BuildFolderError(f"{folder}: another mathft build (pid {holder}) is writing this folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}\.tmp")


def remove_own_temps(folder: Path, outputs: Iterable[str]) -> int:
    """Delete temporary files of interrupted writes of ``outputs`` (paths relative to
    ``folder``) and any under ``folder/.cache``; nothing else. Return how many."""
    removed = 0
    targets = [Path(name) for name in outputs]
    for target in targets:
        parent = folder / target.parent
        if not parent.is_dir():
            continue
        pattern = _temp_pattern(target.name)
        for path in parent.iterdir():
            if pattern.fullmatch(path.name) and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    cache = folder / CACHE
    if cache.is_dir():
        for path in cache.rglob(".*.tmp"):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed
