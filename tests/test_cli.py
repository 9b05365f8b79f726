"""The command line: units listing and byte-identical generation of the foundation units."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mathft_core.cli import app, parse_difficulty, parse_shard

FOUNDATION_UNITS = ("math1.quadratic_functions", "mathb.sequences", "math2.exp_log")


def _mathft(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mathft_core.cli", *args], capture_output=True, text=True, check=False)


def test_units_json_lists_the_foundation_units_with_at_least_18_types() -> None:
    result = CliRunner().invoke(app, ["units", "--json"])
    assert result.exit_code == 0, result.output
    units = {u["id"]: u for u in json.loads(result.stdout)["units"]}
    for unit_id in FOUNDATION_UNITS:
        assert len(units[unit_id]["types"]) >= 6, unit_id
        assert units[unit_id]["distribution"] == "mathft"
    assert sum(len(units[u]["types"]) for u in FOUNDATION_UNITS) >= 18


def test_generate_200_per_type_is_verified_and_byte_identical(tmp_path: Path) -> None:
    digests = []
    for run, workers in enumerate((1, 2, 2)):
        out = tmp_path / f"run{run}.jsonl"
        done = _mathft("generate", "--units", ",".join(FOUNDATION_UNITS), "--per-type", "200",
                       "--difficulty", "mixed", "--seed", "42", "--workers", str(workers), "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert "failed: 0 (none)" in done.stderr
        rows = out.read_text(encoding="utf-8").splitlines()
        assert len(rows) >= 18 * 200
        assert all(json.loads(r)["verified"] for r in rows[:50])
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(set(digests)) == 1, digests


def test_unknown_unit_is_a_clear_error(tmp_path: Path) -> None:
    done = _mathft("generate", "--units", "nope.nothing", "-o", str(tmp_path / "x.jsonl"))
    assert done.returncode == 2
    assert "unit 'nope.nothing' is not available" in done.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_difficulty_and_shard_parsing() -> None:
    assert parse_difficulty("mixed") == (1, 2, 3, 4, 5)
    assert parse_difficulty("2-4") == (2, 3, 4)
    assert parse_difficulty("1,5") == (1, 5)
    assert parse_shard("2/3") == (2, 3)
    assert parse_shard(None) is None


def test_version_flag() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("mathft ")


def test_every_installed_unit_is_deterministic_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED (set/dict order) give the same bytes."""
    import os

    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"h{hash_seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-m", "mathft_core.cli", "generate", "--per-type", "6", "--seed", "3", "-o", str(out)],
            capture_output=True, text=True, check=False, env=env,
        )
        assert done.returncode == 0, done.stderr
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    if digests[0] != digests[1]:
        a = (tmp_path / "h1.jsonl").read_text(encoding="utf-8").splitlines()
        b = (tmp_path / "h2.jsonl").read_text(encoding="utf-8").splitlines()
        differing = sorted({json.loads(x)["unit"] for x, y in zip(a, b, strict=True) if x != y})
        raise AssertionError(f"output depends on the hash seed in units {differing}")
