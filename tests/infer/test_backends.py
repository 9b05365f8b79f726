"""Backend choice, and the transformers backend on the tiny local model (OOM injected for real)."""

from __future__ import annotations

import logging

import pytest

from mathft_core.infer import backends
from mathft_core.infer.backends import SamplingConfig, TransformersBackend, resolve_backend_name
from mathft_core.infer.predict import PredictSettings, predict
from mathft_core.io import read_jsonl, write_jsonl
from mathft_core.prompts import phase_b_messages


@pytest.mark.parametrize(("vllm", "gpu", "expected"), [
    (True, True, "vllm"), (True, False, "transformers"), (False, True, "transformers"), (False, False, "transformers"),
])
def test_auto_picks_vllm_only_with_a_gpu(monkeypatch, vllm, gpu, expected):
    monkeypatch.setattr(backends, "vllm_importable", lambda: vllm)
    monkeypatch.setattr(backends, "gpu_available", lambda: gpu)
    assert resolve_backend_name("auto") == expected
    assert resolve_backend_name("transformers") == "transformers"
    assert resolve_backend_name("vllm") == "vllm"
    with pytest.raises(ValueError, match="backend must be one of"):
        resolve_backend_name("tgi")


def test_sampling_config_validates():
    with pytest.raises(ValueError, match="n must be at least 1"):
        SamplingConfig(n=0)
    assert SamplingConfig(n=1).greedy and SamplingConfig(n=4, temperature=0).greedy
    assert not SamplingConfig(n=4).greedy



@pytest.fixture(scope="module")
def tiny_backend(tiny_model_dir):
    backend = TransformersBackend(tiny_model_dir, batch_size=2)
    yield backend
    backend.close()


@pytest.mark.model
def test_transformers_backend_samples_n_per_prompt_with_logprobs(tiny_backend):
    convs = [phase_b_messages("$1 + 1$ を計算せよ。"), phase_b_messages("$x + 2 = 5$ を解け。"),
             phase_b_messages("$2^3$ を求めよ。")]
    out = tiny_backend.generate(convs, SamplingConfig(n=16, max_new_tokens=12, seed=1))
    assert [len(o) for o in out] == [16, 16, 16]
    assert all(s.logprob is not None and s.logprob < 0 for o in out for s in o)
    assert len({s.text for s in out[0]}) > 1  # sampling, not one repeated text
    again = tiny_backend.generate(convs, SamplingConfig(n=16, max_new_tokens=12, seed=1))
    assert again == out  # seeded


@pytest.mark.model
def test_greedy_is_deterministic_and_matches_plain_generate(tiny_backend):
    import torch

    conv = phase_b_messages("$1 + 1$ を計算せよ。")
    [[sample]] = tiny_backend.generate([conv], SamplingConfig(n=1, max_new_tokens=10, seed=3))
    tok, model = tiny_backend.tokenizer, tiny_backend.model
    enc = tok([tiny_backend.render(conv)], return_tensors="pt", add_special_tokens=False)
    with torch.inference_mode():
        ids = model.generate(**enc, do_sample=False, max_new_tokens=10, pad_token_id=tok.pad_token_id)
    assert sample.text == tok.decode(ids[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)


@pytest.mark.model
def test_torch_oom_in_generate_falls_back_to_greedy(tmp_path, tiny_backend, checker, monkeypatch, caplog):
    """A real ``torch.OutOfMemoryError`` from ``model.generate`` for the second batch at every n > 1."""
    import torch

    real = tiny_backend.model.generate
    calls: list[int] = []

    def generate(*args, **kwargs):
        n = kwargs["num_return_sequences"]
        calls.append(n)
        if calls.count(16) == 2 and n > 1:  # the second batch, at every n above greedy
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return real(*args, **kwargs)

    monkeypatch.setattr(tiny_backend.model, "generate", generate)
    rows = [{"id": f"p{i}", "problem": f"${i} + 1$ を計算せよ。"} for i in range(5)]
    write_jsonl(tmp_path / "in.jsonl", rows)
    settings = PredictSettings(sampling=SamplingConfig(n=16, max_new_tokens=8), batch_size=2)
    with caplog.at_level(logging.WARNING, logger="mathft_core.infer.oom"):
        predict(tmp_path / "in.jsonl", tmp_path / "out.jsonl", tiny_backend, checker, settings,
                sidecar_path=tmp_path / "side.jsonl")
    assert calls == [16, 16, 8, 4, 2, 1, 16]
    assert len(caplog.records) == 4 and caplog.records[-1].getMessage().endswith("retrying with n=1 (greedy)")
    out = [r["id"] for _, r in read_jsonl(tmp_path / "out.jsonl")]
    assert out == [r["id"] for r in rows]
    side = [r for _, r in read_jsonl(tmp_path / "side.jsonl")]
    assert [len(s["samples"]) for s in side] == [16, 16, 1, 1, 16]


def test_vllm_backend_without_vllm_says_how_to_install(tmp_path, monkeypatch):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    import builtins

    real_import = builtins.__import__

    def no_vllm(name, *args, **kwargs):
        if name == "vllm":
            raise ImportError("No module named 'vllm'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_vllm)
    with pytest.raises(RuntimeError, match=r"pip install 'mathft\[vllm\]'"):
        backends.VLLMBackend(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"no config\.json"):
        backends.VLLMBackend(tmp_path / "missing")
