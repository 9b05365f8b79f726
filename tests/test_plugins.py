"""Plugin loading: entry points, broken plugins, invalid and duplicate units, hook docs."""

from __future__ import annotations

import inspect
import json
import re

import pytest
from typer.testing import CliRunner

from mathft_core import hookspecs
from mathft_core.cli import app
from mathft_core.plugins import collect_units, get_plugin_manager, list_plugins
from tests.conftest import REPO_ROOT

GOOD_UNIT = """
from mathft_core.hookspecs import hookimpl
import mathft_example_unit as ex
import attrs

UNIT = attrs.evolve(ex.UNIT, id="{unit_id}")

@hookimpl
def register_units(register):
    register(UNIT)
"""

BAD_ID_UNIT = """
from mathft_core.hookspecs import hookimpl
import mathft_example_unit as ex
import attrs

@hookimpl
def register_units(register):
    register(attrs.evolve(ex.UNIT, id="Not A Valid Id"))
"""

RAISES_ON_IMPORT = """
raise RuntimeError("boom at import")
"""


def test_builtin_and_example_units_load_through_entry_points(example_installed) -> None:
    registry = collect_units(get_plugin_manager())
    assert "example.base_conversion" in registry
    entry = registry.units["example.base_conversion"]
    assert entry.distribution == "mathft-example-unit"
    assert entry.version == "0.1.0"
    assert not registry.problems, [str(p) for p in registry.problems]


def test_plugin_that_raises_on_import_is_reported_and_others_load(fake_dist, example_installed) -> None:
    fake_dist("broken-plugin", "broken_plugin_mod", RAISES_ON_IMPORT, version="1.2.3")
    registry = collect_units(get_plugin_manager())
    assert "example.base_conversion" in registry
    (problem,) = [p for p in registry.problems if p.plugin == "broken_plugin_mod"]
    assert problem.distribution == "broken-plugin"
    assert problem.version == "1.2.3"
    assert "boom at import" in problem.message


def test_plugin_registering_invalid_unit_is_reported_with_its_distribution(fake_dist, example_installed) -> None:
    fake_dist("badid-plugin", "badid_plugin_mod", BAD_ID_UNIT, version="0.0.7")
    registry = collect_units(get_plugin_manager())
    (problem,) = [p for p in registry.problems if p.plugin == "badid_plugin_mod"]
    assert "badid-plugin 0.0.7" in str(problem)
    assert "Not A Valid Id" in problem.message
    assert "example.base_conversion" in registry


def test_duplicate_unit_id_names_both_plugins_and_skips_one(fake_dist, example_installed) -> None:
    fake_dist("dup-plugin", "dup_plugin_mod", GOOD_UNIT.format(unit_id="example.base_conversion"), version="2.0.0")
    registry = collect_units(get_plugin_manager())
    (problem,) = registry.problems
    message = str(problem)
    assert "example_base_conversion" in message and "mathft-example-unit" in message
    assert "dup_plugin_mod" in message and "dup-plugin 2.0.0" in message
    winner = registry.units["example.base_conversion"].plugin
    assert {winner, problem.plugin} == {"dup_plugin_mod", "example_base_conversion"}
    assert "jhs1.linear_equations" in registry


def test_cli_prints_one_error_line_per_broken_plugin_and_still_lists_units(fake_dist, example_installed) -> None:
    fake_dist("broken-plugin", "broken_plugin_mod", RAISES_ON_IMPORT, version="1.2.3")
    fake_dist("badid-plugin", "badid_plugin_mod", BAD_ID_UNIT, version="0.0.7")
    result = CliRunner().invoke(app, ["units", "--json"])
    assert result.exit_code == 0, result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 2
    assert any("broken-plugin 1.2.3" in line for line in error_lines)
    assert any("badid-plugin 0.0.7" in line for line in error_lines)
    payload = json.loads(result.stdout)
    assert "example.base_conversion" in [u["id"] for u in payload["units"]]


def test_misspelled_hookimpl_is_one_problem_and_the_plugin_is_skipped(fake_dist, example_installed) -> None:
    fake_dist(
        "typo-plugin", "typo_plugin_mod",
        "from mathft_core.hookspecs import hookimpl\n@hookimpl\ndef register_unitz(register):\n    pass\n",
        version="0.3.0",
    )
    pm = get_plugin_manager()
    registry = collect_units(pm)
    (problem,) = [p for p in registry.problems if p.plugin == "typo_plugin_mod"]
    assert "register_unitz" in problem.message and "typo-plugin 0.3.0" in str(problem)
    assert "typo_plugin_mod" not in {i.name for i in list_plugins(pm)}
    assert "example.base_conversion" in registry


def test_plugins_listing_names_distribution_and_hooks(example_installed) -> None:
    infos = {i.name: i for i in list_plugins(get_plugin_manager())}
    example = infos["example_base_conversion"]
    assert example.distribution == "mathft-example-unit"
    assert example.hooks == ("register_units",)


HOOK_NAMES = sorted(
    name for name, obj in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(obj, "mathft_spec")
)


def test_hookspecs_are_discovered() -> None:
    assert HOOK_NAMES == ["prepare_jinja_env", "register_clean_rules", "register_eval_sets", "register_lint_rules",
                          "register_units"]


@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_every_hook_is_documented_with_its_signature(hook: str) -> None:
    docs = (REPO_ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    signature = f"{hook}{inspect.signature(getattr(hookspecs, hook))}"
    plain = re.sub(r"Callable\[\[Any\], None\]|Any", "", signature)
    assert f"`{hook}(" in docs, f"docs/plugins.md does not document {hook}"
    params = list(inspect.signature(getattr(hookspecs, hook)).parameters)
    for param in params:
        assert param in docs.split(f"`{hook}(", 1)[1].split(")", 1)[0], f"{hook}: parameter {param} undocumented ({plain})"


@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_every_hook_is_exercised_by_a_test(hook: str) -> None:
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "tests").rglob("test_*.py") if p.name != "test_plugins.py")
    assert re.search(rf"\b{hook}\b", tests), f"no test outside test_plugins.py exercises hook {hook}"
