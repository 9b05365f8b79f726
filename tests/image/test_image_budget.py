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


def test_parse_size_units() -> None:
    assert parse_size("64GB") == 64 * 10**9
    assert parse_size("1.5GiB") == int(1.5 * 2**30)
    assert parse_size("500 MB") == 500 * 10**6
    with pytest.raises(ValueError, match="cannot read size"):
        parse_size("lots")


def test_budget_sums_model_files_and_runtime(tmp_path: Path) -> None:
    _sparse(tmp_path / "m" / "model-00001.safetensors", 5 * 10**9)
    _sparse(tmp_path / "m" / "tokenizer.json", 10**6)
    budget = estimate(tmp_path / "m", cap=64 * 10**9, runtime_layers=[("base", 10**9)])
    assert budget.total == 5 * 10**9 + 10**6 + 10**9
    assert not budget.over
    assert budget.largest(1)[0].name == "model: model-00001.safetensors"


def test_cli_fails_over_the_cap_and_names_the_largest_items(tmp_path: Path) -> None:
    model = tmp_path / "big"
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
    assert result.exit_code == 2 and "does not exist" in result.stderr
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["image-budget", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "is empty" in result.stderr
