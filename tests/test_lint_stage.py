"""The lint stage in generation: plugin rules via ``register_lint_rules``, counts, build report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import mathft_example_unit
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.generate import generate_records
from mathft_core.hookspecs import hookimpl
from mathft_core.lint import BUILTIN_RULE_NAMES, LintRule
from mathft_core.plugins import collect_units, get_plugin_manager

sys.path.insert(0, str(Path(__file__).parent / "build"))
from buildhelpers import small_config


def _no_answer_word(field) -> str | None:
    return "答えは" if field.name == "solution" and "答えは" in field.text else None


class _StrictPlugin:
    """Forbids a phrase every example solution uses: every item must fail with reason lint."""

    @hookimpl
    def register_lint_rules(self, register):
        register(LintRule(name="no_answer_word", description="the phrase 答えは", find=_no_answer_word))


class _BadPlugin:
    @hookimpl
    def register_lint_rules(self, register):
        register("not a rule")
        register(LintRule(name="coef_one_zero", description="clash", find=lambda f: None))


def _registry(*plugins):
    extra = [("example", mathft_example_unit), *plugins]
    return collect_units(get_plugin_manager(load_entry_points=False, extra_plugins=extra))


def test_plugin_rule_is_collected_after_builtins_and_fails_items_with_reason_lint() -> None:
    registry = _registry(("strict", _StrictPlugin()))
    assert [r.name for r in registry.lint_rules] == [*BUILTIN_RULE_NAMES, "no_answer_word"]
    records, summary = generate_records(registry, per_type=3)
    assert records == []
    assert summary.failed == {"lint": summary.items}
    assert summary.lint["no_answer_word"] == summary.items
    assert all(f.detail.startswith("no_answer_word in solution") for f in summary.failures)


def test_without_the_plugin_the_example_unit_is_clean() -> None:
    records, summary = generate_records(_registry(), per_type=3)
    assert len(records) == summary.items and not summary.failed
    assert sum(summary.lint.values()) == 0


def test_invalid_or_clashing_rule_is_a_problem_of_its_plugin() -> None:
    registry = _registry(("bad", _BadPlugin()))
    messages = [p.message for p in registry.problems if p.plugin == "bad"]
    assert len(messages) == 1 and "register_lint_rules" in messages[0] and "not a mathft LintRule" in messages[0]
    assert [r.name for r in registry.lint_rules] == list(BUILTIN_RULE_NAMES)


class _FixPlugin:
    """A fixable plugin rule: rewrites 「答えは」 to 「求める値は」 and is counted, items still pass."""

    @hookimpl
    def register_lint_rules(self, register):
        register(LintRule(name="answer_word", description="答えは -> 求める値は", find=_no_answer_word,
                          fix=lambda text: text.replace("答えは", "求める値は")))


def test_fixable_plugin_rule_normalises_and_is_counted() -> None:
    records, summary = generate_records(_registry(("fix", _FixPlugin())), per_type=2)
    assert records and not summary.failed
    assert all("答えは" not in r.solution and "求める値は" in r.solution for r in records)
    assert summary.lint["answer_word"] == len(records)
    assert "lint" not in records[0].to_json()


def test_generate_summary_prints_lint_counts(tmp_path: Path, example_installed: None) -> None:
    out = tmp_path / "items.jsonl"
    result = CliRunner().invoke(app, ["generate", "--units", "example.base_conversion", "--per-type", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "lint hits: 0 (none)" in result.output


def test_build_manifest_and_report_list_every_rule(tmp_path: Path) -> None:
    from mathft_core.build.pipeline import run_build

    registry = _registry(("fix", _FixPlugin()))
    config = small_config(tmp_path / "out", items={"total": 40}, contamination={"eval_sets": []})
    result = run_build(config, registry=registry, use_cache=False)
    lint = result.manifest["counts"]["lint"]
    assert list(lint) == [*BUILTIN_RULE_NAMES, "answer_word"]
    assert lint["answer_word"] == result.manifest["counts"]["generated"] > 0
    assert all(lint[name] == 0 for name in BUILTIN_RULE_NAMES)
    report = (result.out / "report.md").read_text(encoding="utf-8")
    assert "## Lint" in report
    for name in BUILTIN_RULE_NAMES:
        assert f"| {name} |" in report
    assert f"| answer_word | yes | 答えは -> 求める値は | {lint['answer_word']} |" in report
    assert json.loads((result.out / "manifest.json").read_text(encoding="utf-8"))["counts"]["lint"] == lint
