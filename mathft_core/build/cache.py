"""Content-addressed stage outputs, so a re-run reuses every stage whose inputs are unchanged.

A stage's key is a hash of its inputs (the previous stage's output hash, its config, code
versions). Its files are written atomically into ``<root>/<stage>-<key>/`` and a
``done.json`` listing their sha256 is written last: an entry without a valid ``done.json``
(a build killed mid-stage) is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mathft_core.io import atomic_write_bytes, atomic_write_text


def content_key(*parts: Any) -> str:
    """sha256 of the parts' canonical JSON."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StageCache:
    """Stage outputs under ``root``: ``load`` a valid entry, ``store`` a new one."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled

    def _dir(self, stage: str, key: str) -> Path:
        return self.root / f"{stage}-{key[:24]}"

    def load(self, stage: str, key: str) -> tuple[dict[str, bytes], dict[str, Any]] | None:
        """The files and metadata of a complete, intact entry, or ``None``."""
        if not self.enabled:
            return None
        folder = self._dir(stage, key)
        done = folder / "done.json"
        try:
            record = json.loads(done.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("key") != key:
            return None
        files: dict[str, bytes] = {}
        for name, digest in record.get("files", {}).items():
            path = folder / name
            try:
                data = path.read_bytes()
            except OSError:
                return None
            if hashlib.sha256(data).hexdigest() != digest:
                return None
            files[name] = data
        return files, record.get("meta", {})

    def store(self, stage: str, key: str, files: Mapping[str, bytes], meta: Mapping[str, Any]) -> None:
        """Write the entry (files first, ``done.json`` last) and drop older entries of the stage."""
        folder = self._dir(stage, key)
        digests = {name: atomic_write_bytes(folder / name, data) for name, data in files.items()}
        record = {"stage": stage, "key": key, "files": digests, "meta": meta}
        atomic_write_text(folder / "done.json", json.dumps(record, ensure_ascii=False))
        for other in self.root.glob(f"{stage}-*"):
            if other != folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
