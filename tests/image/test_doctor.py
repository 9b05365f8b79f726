"""``mathft doctor``: a verified model passes; each missing piece is named and fails."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.image import doctor

pytestmark = pytest.mark.model


def _doctor(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(app, ["doctor", "--json", *args], env=env)
    return result, {c["name"]: c for c in json.loads(result.stdout)}


def test_verified_model_under_the_model_root_passes(verified_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    result, checks = _doctor(env={"MATHFT_MODEL_ROOT": str(verified_model.parent)})
    assert checks["model"]["status"] == "ok", checks["model"]
    assert checks["offline"]["status"] == "ok"
    assert checks["units"]["status"] == "ok"
    assert result.exit_code == 0, result.output


def test_missing_model_root_fails(tmp_path: Path) -> None:
    result, checks = _doctor(env={"MATHFT_MODEL_ROOT": str(tmp_path / "nothing")})
    assert result.exit_code == 1
    assert checks["model"]["status"] == "fail"
    assert "no directory with a config.json" in checks["model"]["detail"]
    assert "missing: model" in result.stderr


def test_altered_weights_fail_naming_the_file(verified_model: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in verified_model.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    weights = broken / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    result, checks = _doctor("--model", str(broken))
    assert result.exit_code == 1
    assert "model.safetensors" in checks["model"]["detail"] and "altered" in checks["model"]["detail"]


def test_model_without_tokenizer_or_needing_remote_code_fails(verified_model: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "config.json").write_text(json.dumps({"model_type": "llama"}), encoding="utf-8")
    assert "no tokenizer file" in doctor.check_model(bare).detail
    (bare / "tokenizer.json").write_text("{}", encoding="utf-8")
    (bare / "config.json").write_text(json.dumps({"auto_map": {"AutoModel": "x.Y"}}), encoding="utf-8")
    check = doctor.check_model(bare)
    assert check.status == "fail" and "remote code" in check.detail


def test_require_gpu_and_vllm_turn_warnings_into_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "vllm" else real_find_spec(name, *a))
    assert doctor.check_gpu(require=False).status == "warn"
    assert doctor.check_gpu(require=True).status == "fail"
    assert doctor.check_vllm(require=False).status == "warn"
    assert doctor.check_vllm(require=True).status == "fail"


def test_missing_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    check = doctor.check_packages(("sympy", "surely-not-installed-pkg"), "core packages")
    assert check.status == "fail" and "surely-not-installed-pkg" in check.detail


def _copy(model: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in model.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_model_without_chat_template_fails(verified_model: Path, public_dir: Path) -> None:
    bare = _copy(verified_model, public_dir / "notemplate")
    config = json.loads((bare / "tokenizer_config.json").read_text(encoding="utf-8"))
    config.pop("chat_template", None)
    (bare / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    (bare / "chat_template.jinja").unlink(missing_ok=True)
    from mathft_core.train.verify import build_manifest, write_manifest

    write_manifest(bare, build_manifest(bare))
    result, checks = _doctor("--model", str(bare))
    assert result.exit_code == 1
    assert checks["chat template"]["status"] == "fail"
    assert "no chat template" in checks["chat template"]["detail"]


def test_model_a_non_root_user_cannot_read_fails(verified_model: Path, public_dir: Path) -> None:
    private = _copy(verified_model, public_dir / "private")
    (private / "model.safetensors").chmod(0o600)
    result, checks = _doctor("--model", str(private))
    assert result.exit_code == 1
    assert checks["readable"]["status"] == "fail"
    assert "model.safetensors" in checks["readable"]["detail"]
    private.chmod(0o700)
    assert f"{private}/ (not enterable by others)" in doctor.check_readable(private).detail


def test_serving_stack_versions_and_seam_are_reported(verified_model: Path) -> None:
    check = doctor.check_serving(verified_model)
    assert check.status == "ok", check.detail
    import transformers

    assert f"serving with transformers {transformers.__version__}" in check.detail
    assert "saved with transformers" in check.detail


def test_serving_stack_that_cannot_load_the_tokenizer_fails(verified_model: Path, public_dir: Path) -> None:
    broken = _copy(verified_model, public_dir / "badtok")
    (broken / "tokenizer.json").write_text("{not json", encoding="utf-8")
    check = doctor.check_serving(broken)
    assert check.status == "fail" and "cannot load it" in check.detail
