"""Helpers for build tests: the example unit as the only installed unit, small configs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mathft_core.build.config import BuildConfig, load_config
from mathft_core.plugins import UnitRegistry, collect_units, get_plugin_manager

REPO_ROOT = Path(__file__).resolve().parents[2]
MGSM = REPO_ROOT.parent / "shared" / "data" / "mgsm_ja.tsv"


def example_pm():
    """A fresh plugin manager holding only the example unit plugin."""
    import mathft_example_unit

    return get_plugin_manager(load_entry_points=False, extra_plugins=[("example", mathft_example_unit)])


def example_registry() -> UnitRegistry:
    return collect_units(example_pm())


def small_config(out: Path, **sections: Any) -> BuildConfig:
    """The default config with a small item budget, writing into ``out``."""
    overrides: dict[str, Any] = {"out": str(out), "items": {"total": 400}}
    for key, value in sections.items():
        overrides[key] = {**overrides.get(key, {}), **value} if isinstance(value, dict) else value
    return load_config(overrides=overrides)
