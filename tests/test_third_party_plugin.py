"""A third-party unit distribution installs into a fresh environment, works, and uninstalls.

The temporary venv sees this environment's packages (mathft and its dependencies) through a
``.pth`` file, but the example plugin is installed into the temporary venv alone, with pip,
from its own ``pyproject.toml``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

EXAMPLE_DIR = REPO_ROOT / "plugins" / "mathft-example-unit"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_NO_INPUT"] = "1"
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def temp_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thirdparty") / "venv"
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    Path(purelib, "_mathft_parent_env.pth").write_text(f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
    return python


def _unit_ids(python: Path) -> list[str]:
    done = _run(python, "-m", "mathft_core.cli", "units", "--json")
    assert done.returncode == 0, done.stderr
    return [u["id"] for u in json.loads(done.stdout)["units"]]


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "pip", "--python", python, *args)


def test_install_use_and_uninstall_example_plugin(temp_env: Path, tmp_path: Path) -> None:
    python = temp_env
    assert "example.base_conversion" not in _unit_ids(python)

    done = _pip(python, "install", "--no-deps", "--no-build-isolation", "--no-index", str(EXAMPLE_DIR))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "example.base_conversion" in _unit_ids(python)

    out = tmp_path / "example.jsonl"
    done = _run(python, "-m", "mathft_core.cli", "generate", "--units", "example.base_conversion",
                "--per-type", "30", "-o", out)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 60 and {r["type"] for r in rows} == {"to_base", "from_base"}
    assert all(r["verified"] for r in rows)

    # the plugin's own test file gets the standard property tests from the pytest11 plugin
    done = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(EXAMPLE_DIR / "tests"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "14 passed" in done.stdout  # 7 UnitContract properties (lint and mutation included) x 2 types
    assert done.stdout.count("test_item_passes_lint") == 2
    assert done.stdout.count("test_verifier_rejects_a_mutated_answer") == 2

    done = _pip(python, "uninstall", "-y", "mathft-example-unit")
    assert done.returncode == 0, done.stderr
    assert "example.base_conversion" not in _unit_ids(python)
