"""The non-editable wheel (what the submission image installs) ships every module and template."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy of the sources, so no build/ or egg-info folder is shared with
    # anything else running in the repository at the same time
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("mathft_core", "templates", "plugins/mathft_units"):
        shutil.copytree(REPO_ROOT / folder, src / folder, ignore=ignore)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("mathft-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


def _source_files(folder: str, pattern: str, package: str) -> set[str]:
    root = REPO_ROOT / folder
    return {f"{package}/{p.relative_to(root).as_posix()}" for p in root.rglob(pattern) if "__pycache__" not in p.parts}


def test_wheel_ships_every_template_and_module(wheel_names: set[str]) -> None:
    expected = (
        _source_files("templates", "*.j2", "mathft_templates")
        | _source_files("plugins/mathft_units", "*.py", "mathft_units")
        | _source_files("mathft_core", "*.py", "mathft_core")
        | {"mathft_core/data/build.default.toml"}
    )
    assert len(expected) > 100
    missing = sorted(expected - wheel_names)
    assert not missing, f"not in the wheel: {missing[:20]}"


def test_wheel_keeps_tests_and_the_example_plugin_out(wheel_names: set[str]) -> None:
    assert not [n for n in wheel_names if n.startswith(("tests/", "mathft_example_unit/", "benchmarks/"))]
    entry_points = next(n for n in wheel_names if n.endswith("entry_points.txt"))
    assert Path(entry_points).parent.name.startswith("mathft-")
