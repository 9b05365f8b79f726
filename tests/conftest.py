"""Shared fixtures: fake installed distributions for plugin-loading tests."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
EXAMPLE_SRC = REPO_ROOT / "plugins" / "mathft-example-unit" / "src"

# The example plugin is importable in tests without being installed; the fixture
# ``example_installed`` gives it an entry point (a real install is tested in a fresh venv).
if str(EXAMPLE_SRC) not in sys.path:
    sys.path.insert(0, str(EXAMPLE_SRC))


def _write_dist(root: Path, dist: str, version: str, module: str, source: str | None, entry_name: str) -> None:
    if source is not None:
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[mathft]\n{entry_name} = {module}\n", encoding="utf-8")


@pytest.fixture
def fake_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Install throwaway distributions (dist-info + module) visible to importlib.metadata."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    added: list[str] = []

    def install(dist: str, module: str, source: str | None, *, version: str = "9.9.9", entry_name: str | None = None) -> None:
        _write_dist(site, dist, version, module, source, entry_name or module)
        added.append(module)
        importlib.invalidate_caches()

    yield install
    for module in added:
        sys.modules.pop(module, None)
    importlib.invalidate_caches()


@pytest.fixture
def example_installed(fake_dist: Callable[..., None]) -> None:
    """Register the example unit plugin under an entry point, as if pip-installed."""
    fake_dist("mathft-example-unit", "mathft_example_unit", None, version="0.1.0", entry_name="example_base_conversion")
