"""External sources and per-phase mixes: loaded, cleaned, deduped, decontaminated, mixed by hash."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from buildhelpers import MGSM, example_pm, small_config
from hypothesis import given, settings
from hypothesis import strategies as st

from mathft_core.build.config import load_config
from mathft_core.build.mix import MixComponent, mix_rows
from mathft_core.build.pipeline import run_build
from mathft_core.build.sources import SourceConfig, SourceError, load_source
from mathft_core.errors import InputFormatError
from mathft_core.io import write_jsonl
from mathft_core.plugins import collect_units


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _source_file(tmp_path: Path, count: int = 40) -> Path:
    rows = [{"id": i, "category": "中1", "problem": f"りんごが {i + 3} 個と {2 * i + 7} 個ある。合わせて何個か。",
             "solution": f"${3 * i + 10}$"} for i in range(count)]
    plain = MGSM.read_text(encoding="utf-8").splitlines()[49].split("\t")[0]  # no polite forms: survives cleaning
    rows.append({"id": "leak", "problem": plain, "solution": "$30$"})  # an eval problem: must go
    rows.append({**rows[0], "id": "dup"})  # the same problem twice: one goes
    path = tmp_path / "extra.jsonl"
    write_jsonl(path, rows)
    return path


def _build(out: Path, source: Path, phase_b: list[dict], **extra):
    pm = example_pm()
    sections = {
        "sources": [{"name": "extra", "kind": "jsonl", "path": str(source), "format": "competition"}],
        "mix": {"phase_b": phase_b},
        "contamination": {"eval_sets": [{"name": "mgsm", "path": str(MGSM), "format": "tsv", "optional": False}]},
        **extra,
    }
    return run_build(small_config(out, **sections), registry=collect_units(pm), pm=pm)


MIX_B = [{"rows": "answer", "weight": 0.8}, {"rows": "cot", "weight": 0.2}, {"rows": "source:extra", "weight": 0.1}]


def test_phase_b_mix_counts_match_the_config_and_repeat_byte_for_byte(tmp_path: Path) -> None:
    source = _source_file(tmp_path)
    first = _build(tmp_path / "one", source, MIX_B)
    again = _build(tmp_path / "two", source, MIX_B)
    for name in ("phase_b/train.jsonl", "phase_a/train.jsonl", "phase_b/val.jsonl"):
        assert (first.out / name).read_bytes() == (again.out / name).read_bytes()
    mix = {m["rows"]: m for m in first.manifest["counts"]["mix"]["phase_b"]}
    answers = mix["answer"]["count"]
    assert mix["cot"]["count"] == round(0.2 / 0.8 * answers)
    assert mix["source:extra"]["count"] == round(0.1 / 0.8 * answers)
    assert mix["source:extra"]["configured_share"] == pytest.approx(0.1 / 1.1, abs=1e-6)
    rows = _rows(first.out / "phase_b/train.jsonl")
    assert sum(r["mix"] == "source:extra" for r in rows) == mix["source:extra"]["count"]
    counts = first.manifest["counts"]["sources"]["extra"]
    assert counts == {"loaded": 42, "after_clean": 42, "after_dedup": 41, "after_decontamination": 40}
    report = (first.out / "report.md").read_text(encoding="utf-8")
    assert "| extra | 42 | 42 | 41 | 40 |" in report and "| source:extra | 0.1 |" in report
    pairs = _rows(first.out / "contamination.jsonl")
    assert any(p["train_id"] == "extra:leak" and p["verdict"] == "leak" for p in pairs)
    assert not any(r["id"] in ("extra:leak", "extra:dup") for r in rows)
    from_source = next(r for r in rows if r["mix"] == "source:extra")
    assert from_source["messages"][-1]["content"].startswith("$") and from_source["source"] == "extra"
    assert not any(r["id"].startswith("extra:") for r in _rows(first.out / "heldout.jsonl"))
    assert not any(r["id"].startswith("extra:") for r in _rows(first.out / "phase_b/val.jsonl"))


def test_changing_a_mix_weight_changes_phase_b_only(tmp_path: Path) -> None:
    source = _source_file(tmp_path)
    base = _build(tmp_path / "b", source, MIX_B)
    heavier = [dict(MIX_B[0]), dict(MIX_B[1]), {"rows": "source:extra", "weight": 0.3}]
    changed = _build(tmp_path / "c", source, heavier)
    files, other = base.manifest["files"], changed.manifest["files"]
    assert files["phase_b/train.jsonl"]["sha256"] != other["phase_b/train.jsonl"]["sha256"]
    assert files["phase_a/train.jsonl"]["sha256"] == other["phase_a/train.jsonl"]["sha256"]


def test_repeat_upsamples_with_distinct_ids() -> None:
    pools = {"answer": [{"id": f"a{i}"} for i in range(4)], "source:s": [{"id": "s0"}, {"id": "s1"}]}
    rows, realised = mix_rows(7, "phase_b", (MixComponent(rows="answer", weight=1.0),
                                             MixComponent(rows="source:s", repeat=2.5)), pools)
    ids = [r["id"] for r in rows if r["mix"] == "source:s"]
    assert sorted(ids) == sorted(["s0", "s1", "s0#2", "s1#2", ids[-1]]) and len(set(ids)) == 5
    assert realised[1]["count"] == 5 and realised[1]["available"] == 2


@settings(max_examples=40, deadline=None, derandomize=True)
@given(n_primary=st.integers(0, 60), n_other=st.integers(1, 30), weight=st.floats(0.05, 3.0), seed=st.integers(0, 99))
def test_mix_counts_are_weight_ratios_and_deterministic(n_primary: int, n_other: int, weight: float, seed: int) -> None:
    pools = {"cot": [{"id": f"c{i}"} for i in range(n_primary)], "answer": [{"id": f"x{i}"} for i in range(n_other)]}
    comps = (MixComponent(rows="cot", weight=1.0), MixComponent(rows="answer", weight=weight))
    rows, realised = mix_rows(seed, "phase_a", comps, pools)
    assert realised[0]["count"] == n_primary and realised[1]["count"] == round(weight * n_primary)
    assert rows == mix_rows(seed, "phase_a", comps, pools)[0]
    assert len({r["id"] for r in rows}) == len(rows)


def test_sources_read_pairs_messages_and_a_local_hf_dataset(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    write_jsonl(pairs, [{"q": "1 + 1 を計算せよ。", "a": "1 + 1 = 2 である。よって $\\boxed{2}$ である。"}])
    cfg = SourceConfig(name="p", kind="jsonl", format="pairs", style="cot", fields={"id": "id", "problem": "q",
                       "solution": "a"}, path=pairs)
    [record] = load_source(cfg)
    assert record.id == "p:1" and record.problem.startswith("1 + 1") and record.type == "cot"
    chat = tmp_path / "chat.jsonl"
    write_jsonl(chat, [{"id": "z", "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"},
                                                {"role": "assistant", "content": "A"}]}])
    [record] = load_source(SourceConfig(name="m", kind="jsonl", format="messages", style="messages",
                                        fields={"id": "id", "messages": "messages"}, path=chat))
    assert (record.problem, record.solution, record.params["system"]) == ("Q", "A", "S")
    folder = tmp_path / "local_dataset"
    folder.mkdir()
    write_jsonl(folder / "train.jsonl", [{"id": 5, "problem": "2 + 2 は？", "solution": ["$4$", "4"]}])
    [record] = load_source(SourceConfig(name="hf", kind="hf", format="competition", style="answer",
                                        fields={"id": "id", "problem": "problem", "solution": "solution"},
                                        dataset=str(folder), split="train"))
    assert record.id == "hf:5" and record.answer == "$4$"


def test_unloadable_sources_fail_with_one_line_naming_them(tmp_path: Path) -> None:
    cfg = SourceConfig(name="gone", kind="jsonl", format="competition", style="answer",
                       fields={"id": "id", "problem": "problem", "solution": "solution"}, path=tmp_path / "no.jsonl")
    with pytest.raises(SourceError, match=r"source 'gone': .*no\.jsonl not found"):
        load_source(cfg)
    hub = SourceConfig(name="hub", kind="hf", format="competition", style="answer",
                       fields={"id": "id", "problem": "problem", "solution": "solution"},
                       dataset="nobody/surely-not-cached-anywhere")
    with pytest.raises(SourceError, match="source 'hub': cannot load dataset") as caught:
        load_source(hub)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("mix", "key"), [
    ({"phase_b": [{"rows": "answer", "weight": 1.0}, {"rows": "source:nope", "weight": 0.1}]}, "mix.phase_b[1].rows"),
    ({"phase_b": [{"rows": "answer", "weight": 1.0, "repeat": 2}]}, "mix.phase_b[0]"),
    ({"phase_a": [{"rows": "cot", "repeat": 2}]}, "mix.phase_a[0].repeat"),
    ({"phase_a": []}, "mix.phase_a"),
    ({"val_max_rows": -1}, "mix.val_max_rows"),
])
def test_bad_mix_keys_are_named(mix: dict, key: str) -> None:
    with pytest.raises(InputFormatError, match=re.escape(f"field '{key}'")):
        load_config(overrides={"mix": mix})


def test_bad_source_keys_are_named(tmp_path: Path) -> None:
    config = tmp_path / "build.toml"
    config.write_text('[[sources]]\nname = "x"\nkind = "jsonl"\npath = "x.jsonl"\nformat = "competition"\n'
                      'colour = "red"\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"build.toml:\d+: field 'sources\[0\]\.colour'"):
        load_config(config)
