"""``mathft predict``: the competition entry point (``--input_path``, ``--output_path``, ``--model_path``)."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Annotated, Any

import typer

from mathft_core.infer.backends import BACKENDS
from mathft_core.infer.predict import PROMPTS


def _choice(allowed: tuple[str, ...], flag: str):
    def check(value: str) -> str:
        if value not in allowed:
            raise typer.BadParameter(f"{flag} must be one of {', '.join(allowed)}, got {value!r}")
        return value

    return check


DTYPES = ("auto", "bfloat16", "float16", "float32")
_DEVICE_RE = re.compile(r"(cpu|mps|cuda(:\d+)?|auto)")


def _device(value: str | None) -> str | None:
    if value is not None and not _DEVICE_RE.fullmatch(value):
        raise typer.BadParameter(f"--device must be cpu, mps, cuda or cuda:N, got {value!r}")
    return value


def _engine_args(items: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs for ``vllm.LLM``; a VALUE that parses as JSON is passed as such."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"--vllm-arg must look like KEY=VALUE, got {item!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def predict_command(
    input_path: Annotated[Path, typer.Option("--input", "--input_path", help="Problem rows (JSONL: id, problem, ...).",
                                             exists=True, dir_okay=False)],
    output_path: Annotated[Path, typer.Option("--output", "--output_path", help="Prediction rows (input row + output).")],
    model_path: Annotated[Path | None, typer.Option(
        "--model", "--model_path",
        help="Model folder (default: first folder with a config.json under $MATHFT_MODEL_ROOT or /app/models).",
    )] = None,
    n: Annotated[int | None, typer.Option("--n", help="Samples per problem (1 = greedy). Default 16.", min=1)]
    = None,
    temperature: Annotated[float | None, typer.Option(
        "--temperature", help="Sampling temperature. Default 0.7.", min=0.0)] = None,
    top_p: Annotated[float, typer.Option("--top-p", help="Nucleus sampling mass.")] = 1.0,
    max_new_tokens: Annotated[int | None, typer.Option(
        "--max-new-tokens", help="Tokens per sample. Default 512.", min=1)] = None,
    seed: Annotated[int, typer.Option("--seed", help="Sampling seed.")] = 42,
    prompt: Annotated[str | None, typer.Option(
        "--prompt", help="answer-only | cot | baseline. Default answer-only.",
        callback=lambda v: v if v is None else _choice(PROMPTS, "--prompt")(v))] = None,
    official_defaults: Annotated[bool, typer.Option(
        "--official-defaults",
        help="Decode like the official submission example: greedy, 64 tokens, the baseline prompt as one "
             "user turn, raw text out (options given explicitly still win).")] = False,
    sidecar: Annotated[Path | None, typer.Option("--sidecar", help="Also write every sample, answer and vote here.")]
    = None,
    backend: Annotated[str, typer.Option("--backend", help="auto | vllm | transformers.",
                                         callback=_choice(BACKENDS, "--backend"))] = "auto",
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", help="Problems per generation call (default: all for vLLM, 4 for transformers).", min=0,
    )] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Start over instead of resuming.")] = False,
    device: Annotated[str | None, typer.Option("--device", help="transformers: cpu, cuda, cuda:1, ...",
                                               callback=_device)] = None,
    dtype: Annotated[str, typer.Option("--dtype", help="auto, bfloat16, float16, float32.",
                                       callback=_choice(DTYPES, "--dtype"))] = "auto",
    tensor_parallel_size: Annotated[int, typer.Option("--tensor-parallel-size", help="vLLM: GPUs per model.", min=1)]
    = 1,
    data_parallel_size: Annotated[int, typer.Option("--data-parallel-size", help="vLLM: model replicas.", min=1)] = 1,
    max_model_len: Annotated[int | None, typer.Option("--max-model-len", help="vLLM: context length.")] = None,
    gpu_memory_utilization: Annotated[float | None, typer.Option("--gpu-memory-utilization", help="vLLM.")] = None,
    vllm_arg: Annotated[list[str] | None, typer.Option("--vllm-arg", help="Extra vllm.LLM argument KEY=VALUE.")]
    = None,
    checker_workers: Annotated[int, typer.Option("--checker-workers", help="Answer-checking processes.", min=1)] = 1,
) -> None:
    """Sample N answers per problem, drop ones that fail SymPy checks, vote, write one row per problem."""
    from rich.logging import RichHandler

    from mathft_core.answers import AnswerChecker
    from mathft_core.cli import console, fail, progress_bar
    from mathft_core.infer.backends import SamplingConfig, make_backend, resolve_backend_name
    from mathft_core.infer.predict import (
        MATHFT_DEFAULTS,
        OFFICIAL_DEFAULTS,
        PredictSettings,
        default_model_path,
        model_fingerprint,
        predict,
        read_problems,
    )
    from mathft_core.io import check_output

    logging.basicConfig(level=logging.INFO, format="%(message)s", handlers=[RichHandler(console=console)], force=True)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        model_dir = model_path or default_model_path()
        if not (Path(model_dir) / "config.json").is_file():
            raise FileNotFoundError(f"{model_dir}: not a model folder (no config.json); give --model_path")
        defaults = OFFICIAL_DEFAULTS if official_defaults else MATHFT_DEFAULTS
        n = defaults["n"] if n is None else n
        temperature = defaults["temperature"] if temperature is None else temperature
        max_new_tokens = defaults["max_new_tokens"] if max_new_tokens is None else max_new_tokens
        prompt = defaults["prompt"] if prompt is None else prompt
        sampling = SamplingConfig(n=n, temperature=temperature, top_p=top_p, max_new_tokens=max_new_tokens, seed=seed)
        chosen = resolve_backend_name(backend)
        if batch_size is None:
            batch_size = 0 if chosen == "vllm" else 4
        settings = PredictSettings(sampling=sampling, prompt=prompt, batch_size=batch_size,
                                   vote=bool(defaults["vote"]), model=model_fingerprint(model_dir))
        total = len(read_problems(input_path))
        if not total:
            raise ValueError(f"{input_path}: no problems (the file is empty)")
    except (ValueError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    for path in (output_path, sidecar):
        if path is not None:
            check_output(path)
    console.print(f"model {model_dir}  backend {chosen}  n {n}  prompt {prompt}", highlight=False)
    try:
        engine = make_backend(
            chosen, model_dir, device=device, dtype=dtype, batch_size=batch_size or None,
            tensor_parallel_size=tensor_parallel_size, data_parallel_size=data_parallel_size,
            max_model_len=max_model_len, gpu_memory_utilization=gpu_memory_utilization,
            engine_args=_engine_args(vllm_arg or []),
        )
    except ImportError as exc:
        raise fail(f"backend {chosen!r} is not installed ({exc}); pip install 'mathft[train]' "
                   "for transformers or 'mathft[vllm]' for vLLM, or pick another --backend") from None
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        message = " ".join(str(exc).split())[:400]
        raise fail(f"{model_dir}: the {chosen} backend cannot load this model on device {device or 'auto'} "
                   f"with dtype {dtype} ({type(exc).__name__}: {message})") from None
    try:
        with AnswerChecker(workers=checker_workers) as checker, progress_bar() as bar:
            task = bar.add_task("predict", total=total)
            summary = predict(input_path, output_path, engine, checker, settings, sidecar_path=sidecar,
                              overwrite=overwrite, on_batch=lambda k: bar.advance(task, k))
    finally:
        engine.close()
    console.print(
        f"problems {summary.problems} (resumed {summary.resumed}, generated {summary.generated})  "
        f"fallback votes {summary.fallback_votes}  reduced n after OOM {summary.reduced_n}  "
        f"{summary.seconds:.1f} s\nwrote {output_path}" + (f" and {sidecar}" if sidecar else ""),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``mathft predict`` to the CLI."""
    app.command("predict")(predict_command)
