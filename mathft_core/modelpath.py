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
    """The first directory under ``root`` holding a ``config.json``, or None.

    The root itself counts first, then its children by name, then their children.
    """
    root = model_root() if root is None else root
    if not root.is_dir():
        return None
    if (root / "config.json").is_file():
        return root
    children = sorted(p for p in root.iterdir() if p.is_dir())
    grandchildren = [g for c in children for g in sorted(p for p in c.iterdir() if p.is_dir())]
    for folder in (*children, *grandchildren):
        if (folder / "config.json").is_file():
            return folder
    return None


def require_model_dir(root: str | os.PathLike[str] | None = None) -> Path:
    """:func:`find_model_dir`, raising ``FileNotFoundError`` with a hint when nothing is found."""
    base = Path(root) if root is not None else model_root()
    if not base.is_dir():
        raise FileNotFoundError(f"{base}: model root not found (give --model_path or set MATHFT_MODEL_ROOT)")
    found = find_model_dir(base)
    if found is None:
        raise FileNotFoundError(f"{base}: no folder with a config.json (give --model_path)")
    return found
