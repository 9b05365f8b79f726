"""``mathft image-budget``: within the cap, over the cap (naming the largest items), bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.image.budget import estimate, parse_size


def _sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(size)


def _model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text('{"model_type": "llama"}', encoding="utf-8")
    return folder


def test_parse_size_units() -> None:
    assert parse_size("64GB") == 64 * 10**9
    assert parse_size("1.5GiB") == int(1.5 * 2**30)
    assert parse_size("500 MB") == 500 * 10**6
    assert parse_size("10B") == 10
    with pytest.raises(ValueError, match="cannot read size"):
        parse_size("lots")


def test_cap_without_a_unit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="with a unit"):
        parse_size("64")
    model = _model(tmp_path / "m")
    _sparse(model / "model.safetensors", 10)
    result = CliRunner().invoke(app, ["image-budget", str(model), "--cap", "64"])
    assert result.exit_code == 2 and "with a unit" in result.output


def test_non_model_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["image-budget", str(tmp_path / "docs")])
    assert result.exit_code == 2 and "not a model folder (no config.json)" in result.stderr
    nothing = _model(tmp_path / "configonly")
    result = CliRunner().invoke(app, ["image-budget", str(nothing)])
    assert result.exit_code == 2 and "no weight file" in result.stderr


def test_training_state_is_not_counted(tmp_path: Path) -> None:
    model = _model(tmp_path / "m")
    _sparse(model / "model.safetensors", 10**9)
    _sparse(model / "optimizer.pt", 2 * 10**9)
    _sparse(model / "checkpoint-500" / "model.safetensors", 10**9)
    _sparse(model / "trainer_state.json", 10)
    budget = estimate(model, cap=64 * 10**9, runtime_layers=[])
    assert [i.name for i in budget.items] == ["model: config.json", "model: model.safetensors"]


def test_budget_sums_model_files_and_runtime(tmp_path: Path) -> None:
    model = _model(tmp_path / "m")
    _sparse(model / "model-00001.safetensors", 5 * 10**9)
    _sparse(model / "tokenizer.json", 10**6)
    config = (model / "config.json").stat().st_size
    budget = estimate(model, cap=64 * 10**9, runtime_layers=[("base", 10**9)])
    assert budget.total == 5 * 10**9 + 10**6 + 10**9 + config
    assert not budget.over
    assert budget.largest(1)[0].name == "model: model-00001.safetensors"


def test_cli_fails_over_the_cap_and_names_the_largest_items(tmp_path: Path) -> None:
    model = _model(tmp_path / "big")
    _sparse(model / "model-00001-of-00002.safetensors", 40 * 10**9)
    _sparse(model / "model-00002-of-00002.safetensors", 20 * 10**9)
    result = CliRunner().invoke(app, ["image-budget", str(model), "--cap", "64GB"])
    assert result.exit_code == 1
    assert "OVER the cap" in result.stdout
    assert "model-00001-of-00002.safetensors" in result.stderr
    ok = CliRunner().invoke(app, ["image-budget", str(model), "--cap", "80GB"])
    assert ok.exit_code == 0, ok.output
    assert "within the cap" in ok.stdout


def test_cli_rejects_missing_or_empty_model_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["image-budget", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such directory" in result.stderr
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["image-budget", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "not a model folder" in result.stderr
