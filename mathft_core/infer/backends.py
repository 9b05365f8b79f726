"""Generation backends behind one interface: vLLM (GPU) and transformers (CPU or GPU).

A backend turns chat conversations into ``n`` sampled completions each, with the summed
log-probability of every completion (the vote's tie-break). vLLM is an optional extra and
is imported only when its backend is built; ``auto`` picks it when it is importable and a
GPU is present, and transformers otherwise. Nothing is fetched from a model hub: every load
is local (``local_files_only`` / ``HF_HUB_OFFLINE``).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

log = logging.getLogger(__name__)

BACKENDS = ("auto", "vllm", "transformers")
Conversation = list[dict[str, str]]


@attrs.frozen
class Sample:
    """One generated completion and its summed token log-probability (None when unknown)."""

    text: str
    logprob: float | None = None


@attrs.frozen(kw_only=True)
class SamplingConfig:
    """How to sample: ``n`` completions per prompt; ``n == 1`` always decodes greedily."""

    n: int = 16
    temperature: float = 0.7
    top_p: float = 1.0
    max_new_tokens: int = 512
    seed: int = 42

    def __attrs_post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"n must be at least 1, got {self.n}")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be within (0, 1], got {self.top_p}")
        if self.max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be at least 1, got {self.max_new_tokens}")

    @property
    def greedy(self) -> bool:
        """Greedy decoding: one sample, or temperature 0."""
        return self.n == 1 or self.temperature == 0

    def with_n(self, n: int) -> SamplingConfig:
        return attrs.evolve(self, n=n)


class Backend(Protocol):
    """What :func:`mathft_core.infer.predict.predict` needs from a generator."""

    name: str

    def generate(self, conversations: Sequence[Conversation], config: SamplingConfig) -> list[list[Sample]]:
        """``config.n`` samples for every conversation, in order."""
        ...

    def close(self) -> None: ...


def gpu_available() -> bool:
    """True when torch sees a CUDA (or ROCm) device; False without torch."""
    if importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


def vllm_importable() -> bool:
    return importlib.util.find_spec("vllm") is not None


def resolve_backend_name(name: str) -> str:
    """``auto`` -> ``vllm`` when vLLM is importable and a GPU is present, else ``transformers``."""
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {name!r}")
    if name != "auto":
        return name
    return "vllm" if vllm_importable() and gpu_available() else "transformers"


def _check_model_dir(model_dir: str | os.PathLike[str]) -> Path:
    path = Path(model_dir)
    if not (path / "config.json").is_file():
        raise FileNotFoundError(f"{path}: not a model folder (no config.json)")
    return path


class TransformersBackend:
    """``model.generate`` with ``num_return_sequences``; prompts rendered by the model's own chat template.

    ``batch_size`` prompts go through one ``generate`` call (each expanded to ``n`` rows).
    """

    name = "transformers"

    def __init__(self, model_dir: str | os.PathLike[str], *, device: str | None = None, dtype: str = "auto",
                 batch_size: int = 4) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        path = _check_model_dir(model_dir)
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        torch_dtype: Any = dtype
        if dtype == "auto":
            torch_dtype = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        elif isinstance(dtype, str):
            torch_dtype = getattr(torch, dtype)
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True, dtype=torch_dtype)
        self.model.to(self.device)
        self.model.eval()
        self.batch_size = batch_size

    def render(self, conversation: Conversation) -> str:
        """The prompt text: the tokenizer's chat template with the generation prompt."""
        return self.tokenizer.apply_chat_template(conversation, tokenize=False, add_generation_prompt=True)

    def generate(self, conversations: Sequence[Conversation], config: SamplingConfig) -> list[list[Sample]]:
        out: list[list[Sample]] = []
        for start in range(0, len(conversations), self.batch_size):
            out.extend(self._generate_batch(conversations[start : start + self.batch_size], config))
        return out

    def _generate_batch(self, conversations: Sequence[Conversation], config: SamplingConfig) -> list[list[Sample]]:
        import torch

        prompts = [self.render(c) for c in conversations]
        enc = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
        kwargs: dict[str, Any] = {
            "max_new_tokens": config.max_new_tokens,
            "num_return_sequences": config.n,
            "return_dict_in_generate": True,
            "output_scores": True,
            "pad_token_id": self.tokenizer.pad_token_id,
        }
        if config.greedy:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        else:
            kwargs.update(do_sample=True, temperature=config.temperature, top_p=config.top_p, top_k=0)
        with torch.random.fork_rng(devices=[] if self.device == "cpu" else None), torch.inference_mode():
            torch.manual_seed(config.seed)
            result = self.model.generate(**enc, **kwargs)
            scores = self.model.compute_transition_scores(result.sequences, result.scores, normalize_logits=True)
        width = enc["input_ids"].shape[1]
        new_tokens = result.sequences[:, width:]
        special = set(self.tokenizer.all_special_ids)
        samples: list[Sample] = []
        for row, token_scores in zip(new_tokens.tolist(), scores, strict=True):
            keep = [i for i, tok in enumerate(row) if tok != self.tokenizer.pad_token_id]
            ids = [row[i] for i in keep]
            text = self.tokenizer.decode([t for t in ids if t not in special], skip_special_tokens=True)
            finite = [float(token_scores[i]) for i in keep if torch.isfinite(token_scores[i])]
            samples.append(Sample(text=text, logprob=sum(finite)))
        n = config.n
        return [samples[i * n : (i + 1) * n] for i in range(len(conversations))]

    def close(self) -> None:
        self.model = None  # type: ignore[assignment]


class VLLMBackend:
    """vLLM's ``LLM.chat`` with ``SamplingParams(n=N)``: all prompts in one call, prefix caching on.

    ``tensor_parallel_size`` and ``data_parallel_size`` (and any ``engine_args``) pass straight
    to ``vllm.LLM`` for multi-GPU machines.
    """

    name = "vllm"

    def __init__(self, model_dir: str | os.PathLike[str], *, tensor_parallel_size: int = 1,
                 data_parallel_size: int = 1, dtype: str = "auto", max_model_len: int | None = None,
                 gpu_memory_utilization: float | None = None, enforce_eager: bool = False,
                 engine_args: Mapping[str, Any] | None = None) -> None:
        path = _check_model_dir(model_dir)
        try:
            import vllm
        except ImportError as exc:
            raise RuntimeError("the vllm backend needs vLLM: pip install 'mathft[vllm]'") from exc
        args: dict[str, Any] = {
            "model": str(path), "tokenizer": str(path), "dtype": dtype, "enable_prefix_caching": True,
            "tensor_parallel_size": tensor_parallel_size, "enforce_eager": enforce_eager,
        }
        if data_parallel_size != 1:
            args["data_parallel_size"] = data_parallel_size
        if max_model_len is not None:
            args["max_model_len"] = max_model_len
        if gpu_memory_utilization is not None:
            args["gpu_memory_utilization"] = gpu_memory_utilization
        args.update(engine_args or {})
        log.info("vllm.LLM(%s)", ", ".join(f"{k}={v!r}" for k, v in args.items()))
        self._vllm = vllm
        self.llm = vllm.LLM(**args)

    def sampling_params(self, config: SamplingConfig) -> Any:
        """The ``vllm.SamplingParams`` of a config (``logprobs=0``: the sampled token's own)."""
        temperature = 0.0 if config.greedy else config.temperature
        return self._vllm.SamplingParams(
            n=config.n, temperature=temperature, top_p=1.0 if config.greedy else config.top_p,
            max_tokens=config.max_new_tokens, seed=config.seed, logprobs=0,
        )

    def generate(self, conversations: Sequence[Conversation], config: SamplingConfig) -> list[list[Sample]]:
        outputs = self.llm.chat(list(conversations), self.sampling_params(config), use_tqdm=False)
        return [[Sample(text=c.text, logprob=_vllm_logprob(c)) for c in out.outputs] for out in outputs]

    def close(self) -> None:
        self.llm = None


def _vllm_logprob(completion: Any) -> float | None:
    value = getattr(completion, "cumulative_logprob", None)
    if value is not None:
        return float(value)
    logprobs = getattr(completion, "logprobs", None)
    if not logprobs:
        return None
    total = 0.0
    for token_id, position in zip(completion.token_ids, logprobs, strict=False):
        entry = position.get(token_id)
        if entry is not None:
            total += float(entry.logprob)
    return total


def make_backend(name: str, model_dir: str | os.PathLike[str], **options: Any) -> Backend:
    """Build the named backend (``auto`` resolved first); options not meant for it are ignored."""
    chosen = resolve_backend_name(name)
    log.info("backend: %s (asked for %s)", chosen, name)
    if chosen == "vllm":
        keys = ("tensor_parallel_size", "data_parallel_size", "dtype", "max_model_len", "gpu_memory_utilization",
                "enforce_eager", "engine_args")
        return VLLMBackend(model_dir, **{k: v for k, v in options.items() if k in keys and v is not None})
    keys = ("device", "dtype", "batch_size")
    return TransformersBackend(model_dir, **{k: v for k, v in options.items() if k in keys and v is not None})
