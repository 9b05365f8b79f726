"""``predict``: one row per problem, sidecar, incremental output, restart, out-of-memory fallback."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from mathft_core.errors import InputFormatError
from mathft_core.infer.backends import SamplingConfig
from mathft_core.infer.oom import generate_with_fallback, halving_sequence, is_out_of_memory
from mathft_core.infer.predict import PredictSettings, default_model_path, predict
from mathft_core.infer.progress import partial_path
from mathft_core.io import read_jsonl, write_jsonl


class OutOfMemory(RuntimeError):
    """Stands in for a CUDA allocator failure in the torch-free tests."""

    def __init__(self) -> None:
        super().__init__("CUDA out of memory. Tried to allocate 2.00 GiB")


def problems(path: Path, count: int) -> Path:
    rows = [{"id": i, "category": "中1", "unit": "u", "problem": f"{i} + 1 を計算せよ。", "solution": str(i + 1)}
            for i in range(count)]
    write_jsonl(path, rows)
    return path


def right_answer(problem: str, index: int, n: int) -> str:
    value = int(re.search(r"(\d+) \+ 1", problem).group(1)) + 1
    return f"$\\boxed{{{value}}}$" if index % 4 else "0"  # three of every four samples are right


def ids(path: Path) -> list:
    return [row["id"] for _, row in read_jsonl(path)]


SETTINGS = PredictSettings(sampling=SamplingConfig(n=16), batch_size=3)


def test_every_row_once_with_voted_output_and_sidecar(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 7)
    backend = scripted(right_answer)
    summary = predict(inp, tmp_path / "out.jsonl", backend, checker, SETTINGS, sidecar_path=tmp_path / "side.jsonl")
    rows = [row for _, row in read_jsonl(tmp_path / "out.jsonl")]
    assert [r["id"] for r in rows] == list(range(7))
    assert [r["output"] for r in rows] == [str(i + 1) for i in range(7)]
    assert all(r["solution"] == r["output"] for r in rows)  # the input row is kept
    side = [row for _, row in read_jsonl(tmp_path / "side.jsonl")]
    assert [len(s["samples"]) for s in side] == [16] * 7
    assert all(s["votes"][0]["votes"] == 12 and s["confidence"] == 12 / 16 for s in side)
    assert backend.calls == [(3, 16), (3, 16), (1, 16)]
    assert summary.generated == 7 and summary.resumed == 0
    assert not partial_path(tmp_path / "out.jsonl").exists()


def test_restart_skips_finished_rows_and_loses_none(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 8)
    out = tmp_path / "out.jsonl"
    crash = scripted(right_answer, fail=lambda call, n: KeyboardInterrupt() if call == 3 else None)
    with pytest.raises(KeyboardInterrupt):
        predict(inp, out, crash, checker, SETTINGS, sidecar_path=tmp_path / "side.jsonl")
    assert not out.exists()
    progress = partial_path(out).read_text(encoding="utf-8").splitlines()
    assert len(progress) == 1 + 6  # header + two finished batches
    with open(partial_path(out), "a", encoding="utf-8") as handle:  # a crash in mid-write
        handle.write('{"key": "6", "row": {"id": 6, "outp')
    resumed = scripted(right_answer)
    summary = predict(inp, out, resumed, checker, SETTINGS, sidecar_path=tmp_path / "side.jsonl")
    assert summary.resumed == 6 and summary.generated == 2
    assert resumed.calls == [(2, 16)]
    assert ids(out) == list(range(8))
    assert ids(tmp_path / "side.jsonl") == list(range(8))
    # a finished output counts as done: a third run generates nothing
    again = scripted(right_answer)
    assert predict(inp, out, again, checker, SETTINGS).generated == 0 and again.calls == []
    assert ids(out) == list(range(8))


def test_resume_with_other_settings_is_refused(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    crash = scripted(right_answer, fail=lambda call, n: KeyboardInterrupt() if call == 2 else None)
    with pytest.raises(KeyboardInterrupt):
        predict(inp, out, crash, checker, SETTINGS)
    other = PredictSettings(sampling=SamplingConfig(n=8), batch_size=3)
    with pytest.raises(InputFormatError, match="other settings"):
        predict(inp, out, scripted(right_answer), checker, other)
    fresh = scripted(right_answer)
    predict(inp, out, fresh, checker, other, overwrite=True)
    assert fresh.calls == [(3, 8), (1, 8)] and ids(out) == [0, 1, 2, 3]


def test_injected_oom_halves_n_down_to_greedy(tmp_path, checker, scripted, caplog):
    inp = problems(tmp_path / "in.jsonl", 7)
    # the second batch runs out of memory at every n above 1
    backend = scripted(right_answer, fail=lambda call, n: OutOfMemory() if 2 <= call <= 5 and n > 1 else None)
    with caplog.at_level(logging.WARNING, logger="mathft_core.infer.oom"):
        summary = predict(inp, tmp_path / "out.jsonl", backend, checker, SETTINGS,
                          sidecar_path=tmp_path / "side.jsonl")
    assert [n for _, n in backend.calls] == [16, 16, 8, 4, 2, 1, 16]
    assert [r.getMessage() for r in caplog.records] == [
        f"out of memory sampling n={n} for 3 problem(s); retrying with n={n // 2}{' (greedy)' if n == 2 else ''}"
        for n in (16, 8, 4, 2)
    ]
    assert ids(tmp_path / "out.jsonl") == list(range(7))
    side = [row for _, row in read_jsonl(tmp_path / "side.jsonl")]
    assert [(s["n"], s["greedy"]) for s in side] == [(16, False)] * 3 + [(1, True)] * 3 + [(16, False)]
    assert summary.reduced_n == 3


def test_oom_at_greedy_and_other_errors_are_raised(scripted):
    conv = [[{"role": "user", "content": "1 + 1"}]]
    always = scripted(right_answer, fail=lambda call, n: OutOfMemory())
    with pytest.raises(OutOfMemory):
        generate_with_fallback(always, conv, SamplingConfig(n=4))
    assert [n for _, n in always.calls] == [4, 2, 1]
    broken = scripted(right_answer, fail=lambda call, n: ValueError("bad prompt"))
    with pytest.raises(ValueError):
        generate_with_fallback(broken, conv, SamplingConfig(n=4))
    assert len(broken.calls) == 1
    assert halving_sequence(16) == [16, 8, 4, 2, 1] and halving_sequence(5) == [5, 2, 1]
    assert is_out_of_memory(OutOfMemory()) and not is_out_of_memory(RuntimeError("shape mismatch"))


def test_input_errors_name_file_line_and_field(tmp_path, checker, scripted):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "problem": "a"}\n{"id": 1, "problem": "b"}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad\.jsonl:2: field 'id': duplicate id 1 \(first on line 1\)"):
        predict(bad, tmp_path / "o.jsonl", scripted(right_answer), checker, SETTINGS)
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad\.jsonl:1: field 'problem': missing"):
        predict(bad, tmp_path / "o.jsonl", scripted(right_answer), checker, SETTINGS)


def test_default_model_path(tmp_path, monkeypatch):
    root = tmp_path / "models"
    (root / "a-empty").mkdir(parents=True)
    for name in ("c-model", "b-model"):
        (root / name).mkdir()
        (root / name / "config.json").write_text(json.dumps({}), encoding="utf-8")
    monkeypatch.setenv("MATHFT_MODEL_ROOT", str(root))
    assert default_model_path() == root / "b-model"
    with pytest.raises(FileNotFoundError, match=r"no folder with a config\.json"):
        default_model_path(root / "a-empty")


def test_finished_output_from_other_settings_or_model_or_input_is_refused(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    four = PredictSettings(sampling=SamplingConfig(n=4), batch_size=3, model="manifest:aaa")
    predict(inp, out, scripted(right_answer), checker, four)
    before = out.read_bytes()
    two = PredictSettings(sampling=SamplingConfig(n=2), batch_size=3, model="manifest:aaa")
    with pytest.raises(InputFormatError, match=r"another run \(differs in: n\)"):
        predict(inp, out, scripted(right_answer), checker, two)
    other_model = PredictSettings(sampling=SamplingConfig(n=4), batch_size=3, model="manifest:bbb")
    with pytest.raises(InputFormatError, match=r"differs in: model"):
        predict(inp, out, scripted(right_answer), checker, other_model)
    problems(inp, 5)
    with pytest.raises(InputFormatError, match=r"differs in: input"):
        predict(inp, out, scripted(right_answer), checker, four)
    assert out.read_bytes() == before  # nothing of the earlier run was touched
    fresh = scripted(right_answer)
    summary = predict(inp, out, fresh, checker, two, overwrite=True)
    assert summary.resumed == 0 and summary.generated == 5 and fresh.calls == [(3, 2), (2, 2)]


def test_output_without_a_run_record_is_refused(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    write_jsonl(out, [{"id": 0, "output": "1"}, {"id": 1, "output": "2"}])
    with pytest.raises(InputFormatError, match="not written by mathft predict"):
        predict(inp, out, scripted(right_answer), checker, SETTINGS)


def test_partial_from_another_model_is_refused(tmp_path, checker, scripted):
    inp = problems(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    crash = scripted(right_answer, fail=lambda call, n: KeyboardInterrupt() if call == 2 else None)
    with pytest.raises(KeyboardInterrupt):
        predict(inp, out, crash, checker, PredictSettings(sampling=SamplingConfig(n=4), batch_size=3, model="m:1"))
    with pytest.raises(InputFormatError, match="other settings"):
        predict(inp, out, scripted(right_answer), checker,
                PredictSettings(sampling=SamplingConfig(n=4), batch_size=3, model="m:2"))


def test_model_fingerprint_follows_the_manifest(tmp_path):
    from mathft_core.infer.predict import model_fingerprint

    (tmp_path / "mathft-manifest.json").write_text('{"format": 1}', encoding="utf-8")
    first = model_fingerprint(tmp_path)
    (tmp_path / "mathft-manifest.json").write_text('{"format": 1, "x": 2}', encoding="utf-8")
    assert model_fingerprint(tmp_path) != first and first.startswith("manifest:")


def test_raw_output_reproduces_the_official_example(tmp_path, checker, scripted):
    from mathft_core.infer.predict import OFFICIAL_DEFAULTS, conversation
    from mathft_core.prompts import ANSWER_ONLY_PROMPT

    inp = problems(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    settings = PredictSettings(
        sampling=SamplingConfig(n=OFFICIAL_DEFAULTS["n"], temperature=OFFICIAL_DEFAULTS["temperature"],
                                max_new_tokens=OFFICIAL_DEFAULTS["max_new_tokens"]),
        prompt=OFFICIAL_DEFAULTS["prompt"], vote=OFFICIAL_DEFAULTS["vote"])
    def raw(text: str, index: int, n: int) -> str:
        number = re.search(r"(\d+) \+ 1", text).group(1)
        return f" 答えは $\\boxed{{{number}}}$ です"

    backend = scripted(raw)
    predict(inp, out, backend, checker, settings)
    rows = [row for _, row in read_jsonl(out)]
    assert [r["output"] for r in rows] == [f" 答えは $\\boxed{{{i}}}$ です" for i in range(3)]
    assert backend.calls == [(3, 1)]
    assert conversation("1 + 1", "baseline") == [
        {"role": "user", "content": ANSWER_ONLY_PROMPT.format(question="1 + 1")}]
    assert settings.sampling.greedy and settings.sampling.max_new_tokens == 64
