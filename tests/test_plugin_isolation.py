"""Issue 15 finding 3: one bad third-party plugin is one error line, never a broken CLI."""

from __future__ import annotations

import pytest

from mathft_core.errors import PluginLoadError
from mathft_core.plugins import collect_units, get_plugin_manager, require_units
from tests.clihelpers import run_main

CLASHING = """
from mathft_core.hookspecs import hookimpl
import mathft_example_unit as ex
import attrs

@hookimpl
def register_units(register):
    register(attrs.evolve(ex.UNIT, id="clash.own_unit"))
    register(attrs.evolve(ex.UNIT, id="jhs1.linear_equations"))
"""

MISSPELLED = "from mathft_core.hookspecs import hookimpl\n@hookimpl\ndef register_unit(register):\n    pass\n"

WRONG_ARGS = "from mathft_core.hookspecs import hookimpl\n@hookimpl\ndef register_units(registrar):\n    pass\n"


@pytest.fixture
def bad_plugins(fake_dist, example_installed) -> None:
    fake_dist("clash-plugin", "clash_plugin_mod", CLASHING, version="1.0.0")
    fake_dist("typo-plugin", "typo_plugin_mod", MISSPELLED, version="0.2.0")
    fake_dist("args-plugin", "args_plugin_mod", WRONG_ARGS, version="0.0.1")


def test_builtin_wins_a_clash_and_the_clashing_plugin_is_skipped_whole(bad_plugins) -> None:
    registry = collect_units(get_plugin_manager())
    assert registry.units["jhs1.linear_equations"].distribution == "mathft"
    assert "clash.own_unit" not in registry
    problems = {p.plugin: p for p in registry.problems}
    assert "clash-plugin 1.0.0" in str(problems["clash_plugin_mod"])
    assert "jhs1.linear_equations" in problems["clash_plugin_mod"].message
    assert "register_unit" in problems["typo_plugin_mod"].message
    assert "registrar" in problems["args_plugin_mod"].message
    assert "example.base_conversion" in registry
    with pytest.raises(PluginLoadError, match=r"clash-plugin 1\.0\.0"):
        require_units(registry, ["clash.own_unit"])


@pytest.mark.parametrize("argv", [["units"], ["plugins"]])
def test_listing_commands_print_one_line_per_bad_plugin(bad_plugins, capsys, argv) -> None:
    run = run_main(capsys, *argv)
    assert "Traceback" not in run.stderr
    assert run.code == 0, run.stderr
    for name in ("clash-plugin 1.0.0", "typo-plugin 0.2.0", "args-plugin 0.0.1"):
        assert sum(name in line for line in run.error_lines) == 1, run.stderr


def test_doctor_reports_bad_plugins_without_a_traceback(bad_plugins, capsys) -> None:
    run = run_main(capsys, "doctor")
    assert "Traceback" not in run.stderr and run.code in (0, 1), run.stderr  # 1: no model on this machine
    for name in ("clash-plugin 1.0.0", "typo-plugin 0.2.0", "args-plugin 0.0.1"):
        assert name in run.stderr + run.stdout


def test_generate_with_bad_plugins_installed_still_works(bad_plugins, capsys, tmp_path) -> None:
    out = tmp_path / "g.jsonl"
    run = run_main(capsys, "generate", "--units", "example.base_conversion", "--per-type", "2", "--out", out)
    assert run.code == 0, run.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_asking_for_a_skipped_unit_fails_with_its_plugin_line(bad_plugins, capsys, tmp_path) -> None:
    run = run_main(capsys, "generate", "--units", "clash.own_unit", "--per-type", "1", "--out", tmp_path / "g.jsonl")
    assert run.code == 2
    assert any("clash.own_unit" in line and "clash-plugin 1.0.0" in line for line in run.error_lines)
    assert "Traceback" not in run.stderr
