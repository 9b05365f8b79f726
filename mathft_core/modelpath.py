"""Where the submission model lives: ``--model_path``, else the first model under the root.

The competition image copies one merged model under ``/app/models``; ``MATHFT_MODEL_ROOT``
overrides that root (tests, other layouts).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL_ROOT = "/app/models"


def model_root() -> Path:
    """The folder searched for a model when none is given."""
    return Path(os.environ.get("MATHFT_MODEL_ROOT", DEFAULT_MODEL_ROOT))


def find_model_dir(root: Path | None = None) -> Path | None:
    """The first directory (name order, depth ≤ 2) under ``root`` holding a ``config.json``."""
    root = model_root() if root is None else root
    if not root.is_dir():
        return None
    if (root / "config.json").is_file():
        return root
    for child in sorted(p for p in root.iterdir() if p.is_dir()):
        if (child / "config.json").is_file():
            return child
        for grandchild in sorted(p for p in child.iterdir() if p.is_dir()):
            if (grandchild / "config.json").is_file():
                return grandchild
    return None
