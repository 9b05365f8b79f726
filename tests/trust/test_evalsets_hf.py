"""Evaluation sets named by the user: a Hugging Face dataset (here a local dataset folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathft_core.build.config import load_config
from mathft_core.build.evalsets import read_hf
from mathft_core.errors import InputFormatError
from tests.clihelpers import run_main


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "my_eval"
    folder.mkdir()
    rows = [{"id": i, "question": f"{i} を 2 進法で表せ。"} for i in (5, 6, 7)]
    (folder / "test.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                       encoding="utf-8")
    return folder


def test_read_hf_loads_a_local_dataset_folder(dataset: Path) -> None:
    items = read_hf(dataset, split="test", field="question", source="mine")
    assert [(i.id, i.text) for i in items] == [("5", "5 を 2 進法で表せ。"), ("6", "6 を 2 進法で表せ。"),
                                               ("7", "7 を 2 進法で表せ。")]
    assert {i.source for i in items} == {"mine"}
    with pytest.raises(InputFormatError, match="no such column; columns: id, question"):
        read_hf(dataset, split="test", field="problem")
    with pytest.raises(InputFormatError, match="cannot load split 'dev'"):
        read_hf(dataset, split="dev", field="question")


def test_build_checks_an_hf_eval_set_and_counts_it(dataset: Path, tmp_path: Path, capsys, example_installed) -> None:
    config = tmp_path / "b.toml"
    config.write_text(
        '[items]\nunits = ["example.base_conversion"]\nper_type = 3\ntotal = 0\n'
        '[[contamination.eval_sets]]\nname = "mine"\npath = "my_eval"\nformat = "hf"\noptional = false\n'
        'field = "question"\n', encoding="utf-8")
    assert load_config(config).contamination.eval_sets[0].path == dataset
    run = run_main(capsys, "build", "--config", config, "--out", tmp_path / "b")
    assert run.code == 0, run.stderr
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["eval_sets"][0]["status"] == "checked" and manifest["eval_sets"][0]["items"] == 3
    assert "1 evaluation set(s) checked" in run.stderr


def test_split_and_field_belong_to_hf_sets_only(tmp_path: Path) -> None:
    config = tmp_path / "b.toml"
    config.write_text('[[contamination.eval_sets]]\nname = "x"\npath = "x.tsv"\nformat = "tsv"\noptional = true\n'
                      'field = "question"\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match="only a format = \"hf\" eval set"):
        load_config(config)


EVAL_PLUGIN = """
import json
from pathlib import Path
from mathft_core.hookspecs import hookimpl

@hookimpl
def register_eval_sets(register):
    register("planted", lambda: [(0, json.loads(Path({shard!r}).read_text(encoding="utf-8").splitlines()[0])["problem"])])
"""


def test_register_eval_sets_hook_adds_a_checked_set(fake_dist, example_installed, tmp_path: Path, capsys) -> None:
    shard = tmp_path / "g.jsonl"
    assert run_main(capsys, "generate", "--units", "example.base_conversion", "--per-type", "3", "--out", shard).code == 0
    fake_dist("eval-plugin", "eval_plugin_mod", EVAL_PLUGIN.format(shard=str(shard)), version="0.1.0")
    config = tmp_path / "b.toml"
    config.write_text('[items]\nunits = ["example.base_conversion"]\nper_type = 3\ntotal = 0\n', encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--out", tmp_path / "b")
    assert run.code == 0, run.stderr
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    (planted,) = manifest["eval_sets"]
    assert planted["name"] == "planted" and planted["plugin"] == "eval_plugin_mod" and planted["items"] == 1
    assert manifest["counts"]["contamination"]["train_leak"] == 1  # the verbatim copy is found and dropped
