"""What a phase's weights depend on, so a finished phase is reused only when nothing changed.

The inputs of a phase are every setting that changes the weights, the sha256 of its data
files and the identity of the weights it starts from (a mathft manifest's sha256, else the
base folder's file names, sizes and times). ``report.json`` records them; a later run
compares and names each changed key.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mathft_core.io import sha256_file
from mathft_core.train.config import TrainConfig
from mathft_core.train.data import phase_files
from mathft_core.train.verify import folder_identity


def phase_inputs(config: TrainConfig, phase: str, base: Path) -> dict[str, Any]:
    """Settings, data hashes and base identity of one phase (plain JSON)."""
    train, val = phase_files(config.data_dir, phase)
    return {
        "settings": {**config.phase(phase).weight_settings(), "dtype": config.dtype},
        "data": {"train": sha256_file(train) if train.is_file() else None,
                 "val": sha256_file(val) if val.is_file() else None},
        "base": folder_identity(base),
    }


def phase_fingerprint(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def changed_keys(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted keys whose values differ between two input records."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys: list[str] = []
        for key in sorted(set(old) | set(new)):
            keys.extend(changed_keys(old.get(key), new.get(key), f"{prefix}{key}."))
        return keys
    return [] if old == new else [prefix.rstrip(".")]
