"""``mathft package``: a verified model lands in the image's model folder, readable by all."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.image.modelcheck import unreadable_by_others
from mathft_core.train.verify import build_manifest, verify_dir, write_manifest

pytestmark = pytest.mark.model


def _copy(model: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in model.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _package(*args: str):
    return CliRunner().invoke(app, ["package", *args])


def test_private_modes_become_image_modes_and_the_copy_verifies(verified_model: Path, public_dir: Path) -> None:
    source = _copy(verified_model, public_dir / "merged")
    (source / "model.safetensors").chmod(0o600)
    source.chmod(0o700)
    (source / "trainer_state.json").write_text("{}", encoding="utf-8")  # training state never ships
    out = public_dir / "models" / "tiny"
    result = _package(str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "packaged" in result.stdout and "serving with transformers" in result.stdout
    assert verify_dir(out) == []
    assert not (out / "trainer_state.json").exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}
    assert unreadable_by_others(out) == []


def test_unverified_or_templateless_models_are_refused(verified_model: Path, public_dir: Path) -> None:
    altered = _copy(verified_model, public_dir / "altered")
    data = bytearray((altered / "model.safetensors").read_bytes())
    data[-1] ^= 0xFF
    (altered / "model.safetensors").write_bytes(bytes(data))
    result = _package(str(altered), "--out", str(public_dir / "out1"))
    assert result.exit_code == 2 and "not a verified model" in result.stderr
    assert not (public_dir / "out1").exists()

    bare = _copy(verified_model, public_dir / "bare")
    config = json.loads((bare / "tokenizer_config.json").read_text(encoding="utf-8"))
    config.pop("chat_template", None)
    (bare / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    (bare / "chat_template.jinja").unlink(missing_ok=True)
    write_manifest(bare, build_manifest(bare))
    result = _package(str(bare), "--out", str(public_dir / "out2"))
    assert result.exit_code == 2 and "no chat template" in result.stderr

    (public_dir / "notes").mkdir()
    result = _package(str(public_dir / "notes"), "--out", str(public_dir / "out3"))
    assert result.exit_code == 2 and "not a model folder" in result.stderr
    result = _package(str(altered), "--out", str(altered / "inside"))
    assert result.exit_code == 2 and "must not be the model folder or inside it" in result.stderr


def test_existing_destination_needs_overwrite_and_survives_a_refusal(verified_model: Path, public_dir: Path) -> None:
    out = public_dir / "models" / "tiny"
    out.mkdir(parents=True)
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = _package(str(verified_model), "--out", str(out))
    assert result.exit_code == 2 and "--overwrite" in result.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    result = _package(str(verified_model), "--out", str(out), "--overwrite")
    assert result.exit_code == 0, result.output
    assert not (out / "keep.txt").exists() and verify_dir(out) == []
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_training_save_leaves_folders_readable_by_others(public_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.save import save_verified

    raw = build_tiny_model(public_dir / "raw")
    assert unreadable_by_others(raw)  # transformers alone writes model.safetensors 0600
    old = os.umask(0o022)
    try:
        manifest = save_verified(AutoModelForCausalLM.from_pretrained(raw, dtype=torch.float32),
                                 AutoTokenizer.from_pretrained(raw), public_dir / "merged")
    finally:
        os.umask(old)
    assert unreadable_by_others(public_dir / "merged") == []
    import transformers

    assert manifest["versions"]["transformers"] == transformers.__version__
