"""Image size budget: model files plus runtime layers against a cap.

The runtime estimate is a table of layer sizes (uncompressed, as ``docker image ls``
reports); replace the base figure with a measured one (``--runtime-gb``) when you have it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import attrs

_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}

#: Default runtime layers (bytes): the CUDA + PyTorch + vLLM base and mathft's own wheel
#: with its pure-Python dependencies. The base figure is the uncompressed size of
#: vllm/vllm-openai images of the 0.3x series; pass a measured value to override it.
DEFAULT_RUNTIME_LAYERS: tuple[tuple[str, int], ...] = (
    ("runtime base (CUDA, PyTorch, vLLM)", int(9.5 * 10**9)),
    ("mathft wheel and pure-Python dependencies", int(0.35 * 10**9)),
)


def parse_size(text: str) -> int:
    """``64GB`` -> 64e9, ``1.5GiB`` -> 1.5·2^30, ``500MB`` -> 5e8 (bytes); the unit is required."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*", text)
    if not match or match.group(2).upper() not in _UNITS:
        raise ValueError(f"cannot read size {text!r}: give a number with a unit (B, MB, GB, TB, MiB or GiB), "
                         "e.g. 64GB")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def human(size: int) -> str:
    """Bytes in decimal units, as image tools print them."""
    for unit in ("TB", "GB", "MB", "KB"):
        if size >= _UNITS[unit]:
            return f"{size / _UNITS[unit]:.2f} {unit}"
    return f"{size} B"


@attrs.frozen(kw_only=True)
class BudgetItem:
    """One contribution to the image size."""

    name: str
    size: int


@attrs.frozen(kw_only=True)
class Budget:
    """The estimate and its verdict."""

    items: tuple[BudgetItem, ...]
    cap: int

    @property
    def total(self) -> int:
        return sum(i.size for i in self.items)

    @property
    def over(self) -> bool:
        return self.total > self.cap

    def largest(self, count: int = 5) -> list[BudgetItem]:
        return sorted(self.items, key=lambda i: (-i.size, i.name))[:count]


def model_files(model_dir: Path) -> list[BudgetItem]:
    """The model's own files with their sizes (what ``mathft package`` copies; no optimizer
    or trainer state); raises ``ModelFolderError`` for a folder that is not a model."""
    from mathft_core.image.modelcheck import payload_files, require_model_folder

    require_model_folder(model_dir)
    return [BudgetItem(name=f"model: {rel.as_posix()}", size=(model_dir / rel).stat().st_size)
            for rel in payload_files(model_dir)]


def estimate(
    model_dir: Path,
    *,
    cap: int,
    runtime_layers: Sequence[tuple[str, int]] = DEFAULT_RUNTIME_LAYERS,
) -> Budget:
    """Model files + runtime layers, compared with ``cap``."""
    items = [*model_files(model_dir), *(BudgetItem(name=n, size=s) for n, s in runtime_layers)]
    return Budget(items=tuple(items), cap=cap)
