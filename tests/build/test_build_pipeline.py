"""The whole build: determinism, stage reuse, shards, crash safety, exports and policies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildhelpers import example_pm, example_registry, small_config

from mathft_core.build.pipeline import BuildError, run_build, verify_outputs
from mathft_core.generate import generate_records
from mathft_core.io import write_jsonl
from mathft_core.prompts import ANSWER_ONLY_PROMPT, SYSTEM_A, SYSTEM_B

RUNNER = Path(__file__).with_name("run_example_build.py")


def _build(out: Path, workers: int = 1, **kwargs):
    pm = example_pm()
    from mathft_core.plugins import collect_units

    return run_build(small_config(out, **kwargs.pop("sections", {})), workers=workers, registry=collect_units(pm),
                     pm=pm, **kwargs)


def _tree(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_build_is_byte_identical_across_runs_and_workers(tmp_path: Path) -> None:
    one = _build(tmp_path / "w1", workers=1)
    two = _build(tmp_path / "w2", workers=2)
    assert _tree(tmp_path / "w1") == _tree(tmp_path / "w2")
    assert verify_outputs(tmp_path / "w1") == []
    manifest = one.manifest
    assert manifest == two.manifest
    expected = {"items.jsonl", "heldout.jsonl", "contamination.jsonl", "contamination_by_eval.jsonl", "report.md",
                *(f"{p}/{s}{v}.jsonl" for p in ("phase_a", "phase_b") for s in ("train", "val")
                  for v in ("", ".prompt_completion"))}
    assert expected <= set(manifest["files"])
    assert any(name.startswith("charts/") and name.endswith(".png") for name in manifest["files"])
    assert manifest["seed"] == 42 and manifest["mathft_version"] and manifest["config_hash"]
    again = _build(tmp_path / "w1", workers=2)
    assert [s.reused for s in again.stages[:4]] == [True, True, True, True]
    assert again.manifest == manifest and _tree(tmp_path / "w1") == _tree(tmp_path / "w2")


def test_changed_config_recomputes_only_later_stages(tmp_path: Path) -> None:
    _build(tmp_path / "b")
    changed = _build(tmp_path / "b", sections={"dedup": {"max_per_cluster": 5}})
    assert [s.reused for s in changed.stages[:4]] == [True, True, False, False]


def test_exports_have_the_trainer_shapes_and_splits(tmp_path: Path) -> None:
    result = _build(tmp_path / "b", sections={"heldout": {"phrasing_types": 1.0, "hardest_types": 1.0}})
    out = result.out
    items = [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    heldout = [json.loads(line) for line in (out / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {i["id"]: i for i in items}
    a_train = [json.loads(x) for x in (out / "phase_a/train.jsonl").read_text(encoding="utf-8").splitlines()]
    a_val = [json.loads(x) for x in (out / "phase_a/val.jsonl").read_text(encoding="utf-8").splitlines()]
    b_train = [json.loads(x) for x in (out / "phase_b/train.jsonl").read_text(encoding="utf-8").splitlines()]
    b_val = [json.loads(x) for x in (out / "phase_b/val.jsonl").read_text(encoding="utf-8").splitlines()]
    held_ids = {h["id"] for h in heldout}
    trainable = len(items) - len(heldout)
    # one split for both phases: A validates on the whole pool (30%), B on its first 20%
    assert len(a_train) + len(a_val) == trainable
    assert abs(len(a_train) / trainable - 0.7) < 0.02 and abs(len(b_val) / trainable - 0.2) < 0.02
    b_answer = [r for r in b_train if r["mix"] == "answer"]
    b_replay = [r for r in b_train if r["mix"] == "cot"]
    assert {r["id"] for r in b_answer} == {r["id"] for r in a_train}
    assert len(b_replay) == round(0.2 / 0.8 * len(b_answer))  # default mix: answer 0.8 + CoT replay 0.2
    assert all(r["messages"][0]["content"] == SYSTEM_A for r in b_replay)
    train_ids = {r["id"].split("#")[0] for r in a_train + b_train}
    assert train_ids.isdisjoint({r["id"] for r in a_val + b_val})  # no validation problem trains anywhere
    assert held_ids.isdisjoint(train_ids | {r["id"] for r in a_val + b_val})
    row = a_train[0]
    item = by_id[row["id"]]
    assert set(row) == {"id", "unit", "category", "messages", "mix"}
    assert row["messages"] == [{"role": "system", "content": SYSTEM_A}, {"role": "user", "content": item["problem"]},
                               {"role": "assistant", "content": item["solution"]}]
    assert row["messages"][2]["content"].rstrip().endswith("である。") and "\\boxed{" in row["messages"][2]["content"]
    brow = b_answer[0]
    bitem = by_id[brow["id"]]
    assert brow["messages"] == [
        {"role": "system", "content": SYSTEM_B},
        {"role": "user", "content": ANSWER_ONLY_PROMPT.format(question=bitem["problem"])},
        {"role": "assistant", "content": bitem["answer"]},
    ]
    pcs = [json.loads(x) for x in (out / "phase_b/train.prompt_completion.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"id": brow["id"], "prompt": brow["messages"][:2], "completion": brow["messages"][2:]} in pcs
    h = heldout[0]
    assert set(h) == {"id", "category", "unit", "problem", "solution", "evaluation_method", "difficulty", "shape"}
    assert h["shape"] == by_id[h["id"]]["shape"]
    # the gold inside $...$: the official grader never wraps a gold and misreads bare LaTeX
    assert h["solution"] == f"${by_id[h['id']]['answer']}$" and h["evaluation_method"] == by_id[h["id"]]["answer_form"]
    assert {i["id"] for i in items if i["difficulty"] == 5} <= held_ids  # every type gave its hardest level
    assert result.manifest["counts"]["heldout"] == len(heldout) > 0


def test_exports_load_with_datasets(tmp_path: Path) -> None:
    import datasets

    out = _build(tmp_path / "b").out
    for phase in ("phase_a", "phase_b"):
        for variant in ("", ".prompt_completion"):
            files = {s: str(out / phase / f"{s}{variant}.jsonl") for s in ("train", "val")}
            loaded = datasets.load_dataset("json", data_files=files, cache_dir=str(tmp_path / "hf"))
            assert loaded["train"].num_rows > 0 and loaded["val"].num_rows > 0
    heldout = datasets.load_dataset("json", data_files=str(out / "heldout.jsonl"), cache_dir=str(tmp_path / "hf"))
    assert "evaluation_method" in heldout["train"].column_names


def test_shards_merge_into_the_same_bytes(tmp_path: Path) -> None:
    reference = _build(tmp_path / "one")
    registry = example_registry()
    per_type = reference.manifest["counts"]["per_type"]
    shards = []
    for k in (1, 2, 3):
        records, summary = generate_records(registry, per_type=per_type, shard=(k, 3))
        path = tmp_path / f"shard-{k}.jsonl"
        write_jsonl(path, (r.to_json() for r in records))
        if summary.failures:
            write_jsonl(path.with_name(path.name + ".failures.jsonl"),
                        ({"id": f.id, "reason": f.reason, "detail": f.detail} for f in summary.failures))
        shards.append(path)
    merged = _build(tmp_path / "merged", from_shards=shards)
    assert merged.manifest == reference.manifest
    assert _tree(tmp_path / "merged") == _tree(tmp_path / "one")
    with pytest.raises(Exception, match="planned items are in no shard"):
        _build(tmp_path / "partial", from_shards=shards[:2])


def _assert_no_partial_files(out: Path) -> None:
    assert not (out / "manifest.json").exists()
    for path in out.rglob("*"):
        if not path.is_file() or path.name.endswith(".tmp"):
            continue
        data = path.read_bytes()
        if path.suffix == ".jsonl":
            assert not data or data.endswith(b"\n"), path
            for line in data.decode("utf-8").splitlines():
                json.loads(line)
        elif path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".png":
            assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), path
        elif path.suffix == ".md":
            assert data.decode("utf-8").rstrip().endswith("|"), path


def _run(out: Path, *kill: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, str(RUNNER), str(out), "2", *kill], capture_output=True, timeout=300,
                          start_new_session=True)


@pytest.fixture(scope="module")
def reference_manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("reference")
    done = _run(out)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("stage", "after"),
    [("generate", 300), ("clean", 500), ("dedup", 200), ("decontaminate", 1), ("split+export", 1), ("report", 1)],
)
def test_sigkill_mid_stage_then_rerun_gives_the_same_manifest(
    tmp_path: Path, reference_manifest: dict, stage: str, after: int
) -> None:
    out = tmp_path / "b"
    first = _build_and_kill(out, stage, after)
    assert first.returncode == -signal.SIGKILL, first.stderr.decode()
    _assert_no_partial_files(out)
    done = _run(out)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == reference_manifest
    assert verify_outputs(out) == []
    assert not list(out.rglob(".*.tmp"))


def _build_and_kill(out: Path, stage: str, after: int) -> subprocess.CompletedProcess[bytes]:
    return _run(out, stage, str(after))


def test_external_sigkill_at_any_moment(tmp_path: Path, reference_manifest: dict) -> None:
    out = tmp_path / "b"
    for delay in (0.8, 1.6):
        proc = subprocess.Popen([sys.executable, str(RUNNER), str(out), "2"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if not (out / "manifest.json").exists():
            _assert_no_partial_files(out)
    done = _run(out)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == reference_manifest


def _own_problems_as_eval(tmp_path: Path, n: int, *, name: str = "dev.tsv") -> tuple[Path, list[str]]:
    records, _ = generate_records(example_registry(), per_type=5)
    chosen = records[:n] if n > 0 else records
    path = tmp_path / name
    path.write_text("".join(f"{r.problem.replace(chr(10), ' ')}\t{r.answer}\n" for r in chosen), encoding="utf-8")
    return path, [r.id for r in chosen]


def test_leaks_are_dropped_or_fail_the_build(tmp_path: Path) -> None:
    dev, ids = _own_problems_as_eval(tmp_path, 3)
    eval_sets = [{"name": "dev", "path": str(dev), "format": "tsv", "optional": False}]
    result = _build(tmp_path / "drop", sections={"contamination": {"eval_sets": eval_sets}})
    items = {json.loads(x)["id"] for x in (result.out / "items.jsonl").read_text(encoding="utf-8").splitlines()}
    assert items.isdisjoint(ids)
    by_eval = [json.loads(x) for x in (result.out / "contamination_by_eval.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["verdict"] for r in by_eval] == ["leak", "leak", "leak"]
    assert all(r["units"] == ["example.base_conversion"] for r in by_eval)
    pairs = [json.loads(x) for x in (result.out / "contamination.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {p["train_id"] for p in pairs if p["verdict"] == "leak"} >= set(ids)
    assert "| dev | 1 |" in (result.out / "report.md").read_text(encoding="utf-8")
    with pytest.raises(BuildError, match="leak_policy"):
        _build(tmp_path / "fail", sections={"contamination": {"eval_sets": eval_sets, "leak_policy": "fail"}})
    assert not (tmp_path / "fail" / "manifest.json").exists()
    every, _ = _own_problems_as_eval(tmp_path, 0, name="every.tsv")
    every_set = [{"name": "every", "path": str(every), "format": "tsv", "optional": False}]
    with pytest.raises(BuildError, match="empty unit"):
        _build(tmp_path / "empty", sections={"contamination": {"eval_sets": every_set, "same_template_policy": "drop"}})


def test_missing_required_eval_set_fails(tmp_path: Path) -> None:
    eval_sets = [{"name": "gone", "path": str(tmp_path / "nope.tsv"), "format": "tsv", "optional": False}]
    with pytest.raises(BuildError, match=r"nope\.tsv not found"):
        _build(tmp_path / "b", sections={"contamination": {"eval_sets": eval_sets}})


def test_cli_build_and_shard_commands(tmp_path: Path, example_installed: None) -> None:
    from typer.testing import CliRunner

    from mathft_core.cli import app

    config = tmp_path / "build.toml"
    config.write_text('[items]\nunits = ["example.base_conversion"]\ntotal = 100\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["build", "--config", str(config), "--out", str(tmp_path / "o"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "decontaminate" in result.output and (tmp_path / "o" / "manifest.json").exists()
    shards = runner.invoke(app, ["build", "--config", str(config), "--print-shard-commands", "2"])
    assert shards.exit_code == 0, shards.output
    lines = [x for x in shards.stdout.splitlines() if x.startswith("mathft generate")]
    assert len(lines) == 2 and "--per-type 50 --difficulty 1,2,3,4,5 --seed 42 --shard 2/2" in lines[1]
    bad = tmp_path / "bad.toml"
    bad.write_text("[items]\ntotl = 3\n", encoding="utf-8")
    failed = runner.invoke(app, ["build", "--config", str(bad)])
    assert failed.exit_code == 2 and "items.totl" in failed.output
