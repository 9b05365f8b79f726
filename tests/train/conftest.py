"""Fixtures for the training tests: a tiny local model, phase data, configs."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from mathft_core.io import sha256_file, write_jsonl

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"


@pytest.fixture(scope="session", autouse=True)
def _one_thread() -> None:
    """Model tests run on one CPU thread (CI has two cores and runs tests in parallel)."""
    try:
        import torch
    except ImportError:  # the non-model tests need no torch
        return
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny llama model and llm-jp-style tokenizer, built once per session."""
    from mathft_core.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


def _records(per_type: int, seed: int):
    import mathft_example_unit as example

    from mathft_core.generate import generate_records
    from mathft_core.plugins import collect_units, get_plugin_manager

    pm = get_plugin_manager(load_entry_points=False, extra_plugins=[("example_base_conversion", example)])
    records, summary = generate_records(collect_units(pm), ["example.base_conversion"], per_type=per_type, seed=seed)
    if summary.failed:
        raise RuntimeError(f"generation failed: {summary.failed}")
    return records


def write_phase_data(directory: Path, *, per_type: int = 20, seed: int = 42) -> Path:
    """Phase A (CoT, 70:30) and phase B (answer format, 80:20) exports in the build's row shape.

    Rows come from ``generate`` output of the example unit and the shared prompt texts, the
    same messages the build writes.
    """
    from mathft_core.prompts import phase_a_messages, phase_b_messages

    records = _records(per_type, seed)
    random.Random(seed).shuffle(records)
    for phase, ratio, messages in (
        ("a", 0.7, lambda r: phase_a_messages(r.problem, r.solution)),
        ("b", 0.8, lambda r: phase_b_messages(r.problem, r.answer)),
    ):
        rows = [{"id": r.id, "unit": r.unit, "category": r.category, "messages": messages(r)} for r in records]
        cut = round(len(rows) * ratio)
        write_jsonl(directory / f"phase_{phase}" / "train.jsonl", rows[:cut])
        write_jsonl(directory / f"phase_{phase}" / "val.jsonl", rows[cut:])
    write_manifest(directory)
    return directory


def write_manifest(directory: Path) -> None:
    """A build manifest listing the phase files of ``directory`` (as ``mathft build`` writes)."""
    files = {p.relative_to(directory).as_posix(): {"sha256": sha256_file(p), "rows": None}
             for p in sorted(directory.glob("phase_*/*.jsonl"))}
    (directory / "manifest.json").write_text(json.dumps({"mathft_version": "test", "files": files}), encoding="utf-8")


@pytest.fixture(scope="session")
def phase_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build-shaped phase A/B data from 40 generated problems."""
    return write_phase_data(tmp_path_factory.mktemp("data"))


BUILD_TOML = """
[items]
units = ["example.base_conversion"]
per_type = 20
total = 0

[heldout]
phrasing_types = 0
hardest_types = 0
"""


@pytest.fixture
def built_data(tmp_path: Path, example_installed: None) -> Path:
    """``mathft build`` output for 40 problems of the example unit (phase A 28/12, phase B 32/8)."""
    from typer.testing import CliRunner

    from mathft_core.cli import app

    config = tmp_path / "build.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(app, ["build", "--config", str(config), "--out", str(out)])
    if result.exit_code != 0:
        raise RuntimeError(f"mathft build failed:\n{result.output}")
    return out


#: Settings that make a 0.4M-parameter model learn visibly in a few CPU steps.
FAST_TOML = """
[model]
path = "{model}"
dtype = "float32"

[data]
dir = "{data}"

[output]
dir = "{output}"

[lora]
r = 8
alpha = 16

[train]
learning_rate = 5e-3
lr_scheduler = "constant"
epochs = {epochs}
batch_size = 4
eval_batch_size = 8
max_length = 512
logging_steps = 1
save_steps = {save_steps}
{extra}
"""


@pytest.fixture
def write_config(tmp_path: Path, tiny_model_dir: Path, phase_data: Path) -> Callable[..., Path]:
    """Write a fast training config; keyword arguments fill FAST_TOML."""

    def write(
        *, epochs: int = 3, save_steps: int = 100, extra: str = "", model: Path | None = None, data: Path | None = None
    ) -> Path:
        path = tmp_path / "train.toml"
        path.write_text(
            FAST_TOML.format(
                model=model or tiny_model_dir, data=data or phase_data, output=tmp_path / "runs",
                epochs=epochs, save_steps=save_steps, extra=extra,
            ),
            encoding="utf-8",
        )
        return path

    return write
