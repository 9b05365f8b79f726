"""Verified save: checks before the move, atomic replacement, survival of the previous model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.io import sha256_file
from mathft_core.train import save as save_module
from mathft_core.train.save import SaveError, check_tensors, recover, save_verified
from mathft_core.train.verify import MANIFEST, load_manifest, verify_dir

pytestmark = pytest.mark.model
WEIGHTS = "model.safetensors"


def _load(directory: Path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM.from_pretrained(directory), AutoTokenizer.from_pretrained(directory)


def _shifted(model, amount: float = 0.25):
    """The same model with every weight moved, so a second save has different bytes."""
    import torch

    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(amount)
    return model


def _digests(directory: Path) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in sorted(directory.iterdir()) if p.is_file()}


def _siblings(destination: Path) -> list[str]:
    return sorted(p.name for p in destination.parent.iterdir() if p.name != destination.name)


@pytest.fixture
def saved(tmp_path: Path, tiny_model_dir: Path) -> Path:
    """The tiny model saved with ``save_verified`` to a fresh destination."""
    model, tokenizer = _load(tiny_model_dir)
    destination = tmp_path / "out" / "merged"
    save_verified(model, tokenizer, destination)
    return destination


def test_save_writes_a_verified_manifest_and_reloads_equal(saved: Path, tiny_model_dir: Path) -> None:
    import torch

    assert verify_dir(saved) == []
    manifest = load_manifest(saved)
    assert manifest["probe_max_abs_diff"] <= 1e-6
    assert WEIGHTS in manifest["files"] and "tokenizer.json" in manifest["files"]
    assert manifest["tensors"]["lm_head.weight"]["dtype"] == "F32"
    original, _ = _load(tiny_model_dir)
    reloaded, tokenizer = _load(saved)
    batch = tokenizer(["よって，答えは $\\boxed{3}$ である。"], return_tensors="pt")
    with torch.no_grad():
        assert torch.equal(original(**batch).logits, reloaded(**batch).logits)
    assert _siblings(saved) == []  # no temporary folder left beside it


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_second_save_replaces_the_first(saved: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(save_module, "_exchange", lambda _a, _b: False)
    before = _digests(saved)
    model, tokenizer = _load(saved)
    save_verified(_shifted(model), tokenizer, saved)
    after = _digests(saved)
    assert verify_dir(saved) == []
    assert after[WEIGHTS] != before[WEIGHTS]
    assert _siblings(saved) == []


def test_failed_verification_keeps_the_previous_model(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digests(saved)

    def broken_reload(*_args, **_kwargs):
        raise SaveError("probe logits differ by 1 after reloading (tolerance 0.001)")

    monkeypatch.setattr(save_module, "check_reload", broken_reload)
    model, tokenizer = _load(saved)
    with pytest.raises(SaveError, match="probe logits differ"):
        save_verified(_shifted(model), tokenizer, saved)
    assert _digests(saved) == before and verify_dir(saved) == []
    assert _siblings(saved) == []


def test_zero_byte_write_is_caught_before_the_move(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The origin team's failure: the weights file written as 0 bytes."""
    before = _digests(saved)
    model, tokenizer = _load(saved)
    real_save = type(model).save_pretrained

    def zero_byte_save(self, directory, *args, **kwargs):
        real_save(self, directory, *args, **kwargs)
        Path(directory, WEIGHTS).write_bytes(b"")

    monkeypatch.setattr(type(model), "save_pretrained", zero_byte_save)
    with pytest.raises(SaveError, match=f"{WEIGHTS}: written as 0 bytes"):
        save_verified(_shifted(model), tokenizer, saved)
    assert _digests(saved) == before


def test_tensor_check_names_a_shape_mismatch(saved: Path, tmp_path: Path) -> None:
    from transformers import AutoModelForCausalLM, LlamaConfig

    config = LlamaConfig.from_pretrained(saved)
    config.intermediate_size = 128
    other = AutoModelForCausalLM.from_config(config)
    with pytest.raises(SaveError, match=r"tensor 'model\.layers\.0\.mlp\.\w+_proj\.weight' saved as F32\["):
        check_tensors(other, saved)


@pytest.mark.parametrize(
    ("damage", "kind"),
    [("truncate", "truncated"), ("zero", "empty"), ("alter", "altered"), ("delete", "missing")],
)
def test_verify_model_rejects_damaged_weights(saved: Path, damage: str, kind: str) -> None:
    path = saved / WEIGHTS
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zero":
        path.write_bytes(b"")
    elif damage == "alter":
        path.write_bytes(data[:-8] + bytes(8))
    else:
        path.unlink()
    result = CliRunner().invoke(app, ["verify-model", str(saved)])
    assert result.exit_code == 1
    assert f"{kind}: {WEIGHTS}" in result.output


def test_recover_restores_a_model_moved_aside(saved: Path) -> None:
    """A save killed between the two renames of the fallback swap leaves the old model aside."""
    before = _digests(saved)
    aside = saved.parent / f".{saved.name}.previous-deadbeef"
    os.rename(saved, aside)
    (saved.parent / f".{saved.name}.saving-cafe").mkdir()
    recover(saved)
    assert _digests(saved) == before
    assert _siblings(saved) == []


_KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    import torch
    torch.set_num_threads(1)
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from mathft_core.train.save import save_verified

    destination, stop_at = sys.argv[1], sys.argv[2]
    model = AutoModelForCausalLM.from_pretrained(destination)
    tokenizer = AutoTokenizer.from_pretrained(destination)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(0.25)

    def on_stage(name):
        print(name, flush=True)
        if name == stop_at:
            time.sleep(300)

    save_verified(model, tokenizer, destination, on_stage=on_stage)
    """
)


@pytest.mark.parametrize("stage", ["written", "checked", "verified"])
def test_sigkill_mid_save_leaves_the_previous_model_intact(saved: Path, tmp_path: Path, stage: str) -> None:
    before = _digests(saved)
    script = tmp_path / "kill_me.py"
    script.write_text(_KILL_SCRIPT, encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [sys.executable, str(script), str(saved), stage], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env=env,
    )
    seen = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line.strip())
            if line.strip() == stage:
                break
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert seen[-1] == stage, f"the child stopped early: {seen}"
    assert process.returncode == -signal.SIGKILL
    # the kill left an unfinished save beside the destination, and the destination untouched
    leftovers = _siblings(saved)
    assert len(leftovers) == 1 and leftovers[0].startswith(f".{saved.name}.saving-")
    assert _digests(saved) == before
    assert verify_dir(saved) == []
    # the next save cleans up and succeeds
    model, tokenizer = _load(saved)
    save_verified(_shifted(model, 1.0), tokenizer, saved)
    assert verify_dir(saved) == [] and _siblings(saved) == []
    assert _digests(saved)[WEIGHTS] != before[WEIGHTS]


def test_manifest_is_written_last(saved: Path) -> None:
    """Every file the manifest lists is older than or as old as the manifest itself."""
    manifest_time = (saved / MANIFEST).stat().st_mtime_ns
    assert all((saved / name).stat().st_mtime_ns <= manifest_time for name in load_manifest(saved)["files"])


def test_save_refuses_to_leave_a_partial_folder_on_interrupt(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digests(saved)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(save_module, "build_manifest", interrupted)
    model, tokenizer = _load(saved)
    with pytest.raises(KeyboardInterrupt):
        save_verified(_shifted(model), tokenizer, saved)
    assert _digests(saved) == before and _siblings(saved) == []
