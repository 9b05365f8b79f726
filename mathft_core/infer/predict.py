"""``mathft predict``: sample N answers per problem, vote, write competition-format rows.

Input rows need ``id`` and ``problem`` (the competition format, REFERENCE.md §1); each
output row is the input row plus ``output``, the voted answer in canonical LaTeX. Problems
go to the backend in batches; each batch is voted and appended to ``OUTPUT.partial`` at
once (see :mod:`mathft_core.infer.progress`), so a restarted run redoes nothing finished.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from mathft_core.answers import AnswerChecker
from mathft_core.answers.forms import prediction_output
from mathft_core.errors import InputFormatError
from mathft_core.infer.backends import Backend, Conversation, SamplingConfig
from mathft_core.infer.oom import generate_with_fallback
from mathft_core.infer.progress import PartialOutput, partial_path, row_key
from mathft_core.infer.voting import vote
from mathft_core.io import atomic_write_text, read_jsonl, sha256_file, write_jsonl
from mathft_core.modelpath import require_model_dir
from mathft_core.prompts import baseline_messages, phase_a_messages, phase_b_messages
from mathft_core.train.verify import folder_identity

log = logging.getLogger(__name__)

PROMPTS = ("answer-only", "cot", "baseline")

#: ``--official-defaults``: the official submission example's decoding (greedy, 64 tokens,
#: the baseline prompt as a single user turn, the raw text as output).
OFFICIAL_DEFAULTS = {"n": 1, "temperature": 0.0, "max_new_tokens": 64, "prompt": "baseline", "vote": False}
#: mathft's own defaults: majority vote over 16 samples, answer-only prompt as trained.
MATHFT_DEFAULTS = {"n": 16, "temperature": 0.7, "max_new_tokens": 512, "prompt": "answer-only", "vote": True}
def default_model_path(root: str | os.PathLike[str] | None = None) -> Path:
    """The competition default model: see :func:`mathft_core.modelpath.require_model_dir`."""
    return require_model_dir(root)


def conversation(problem: str, prompt: str) -> Conversation:
    """Chat messages for one problem, the same texts the build trained on."""
    if prompt == "answer-only":
        return phase_b_messages(problem)
    if prompt == "cot":
        return phase_a_messages(problem)
    if prompt == "baseline":
        return baseline_messages(problem)
    raise ValueError(f"prompt must be one of {', '.join(PROMPTS)}, got {prompt!r}")


def read_problems(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Competition rows with ``id`` and a string ``problem``; ids must be unique."""
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in read_jsonl(path, required=("id", "problem")):
        if not isinstance(row["problem"], str):
            raise InputFormatError(path, line, "problem", "must be a string")
        if not isinstance(row["id"], (str, int)) or isinstance(row["id"], bool):
            raise InputFormatError(path, line, "id", "must be a string or an integer")
        key = row_key(row["id"])
        if key in seen:
            raise InputFormatError(path, line, "id", f"duplicate id {row['id']!r} (first on line {seen[key]})")
        seen[key] = line
        rows.append(row)
    return rows


@attrs.frozen(kw_only=True)
class PredictSettings:
    """What decides the answers of a run (a resumed run must use the same)."""

    sampling: SamplingConfig = attrs.field(factory=SamplingConfig)
    prompt: str = "answer-only"
    batch_size: int = 0  # problems per generation call; 0 = all in one call
    vote: bool = True  # False: the first sample's raw text is the output (the official example)
    model: str = ""  # fingerprint of the model folder (see model_fingerprint)

    def __attrs_post_init__(self) -> None:
        if self.prompt not in PROMPTS:
            raise ValueError(f"prompt must be one of {', '.join(PROMPTS)}, got {self.prompt!r}")
        if self.batch_size < 0:
            raise ValueError(f"batch_size must be >= 0, got {self.batch_size}")

    def to_json(self) -> dict[str, Any]:
        s = self.sampling
        return {"n": s.n, "temperature": s.temperature, "top_p": s.top_p, "max_new_tokens": s.max_new_tokens,
                "seed": s.seed, "prompt": self.prompt, "vote": self.vote, "model": self.model}


@attrs.define
class PredictSummary:
    problems: int = 0
    resumed: int = 0
    generated: int = 0
    fallback_votes: int = 0
    reduced_n: int = 0  # problems sampled with fewer than n samples after out-of-memory
    seconds: float = 0.0


def run_record_path(output: Path) -> Path:
    """Where a finished run records what decided its answers (``OUTPUT.run.json``)."""
    return output.with_name(output.name + ".run.json")


def model_fingerprint(model_dir: str | os.PathLike[str]) -> str:
    """The model's identity in the run key (see :func:`mathft_core.train.verify.folder_identity`)."""
    return folder_identity(model_dir)


def _check_finished(output: Path, run: dict[str, Any]) -> None:
    """A finished output is reused only when it was written by a run with the same key."""
    record = run_record_path(output)
    try:
        earlier = json.loads(record.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFormatError(output, None, None, "exists and was not written by mathft predict with a run "
                               "record; pass --overwrite to replace it") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputFormatError(record, None, None, "is not a mathft run record; pass --overwrite") from None
    if not isinstance(earlier, dict) or earlier != run:
        changed = sorted(k for k in set(run) | set(earlier if isinstance(earlier, dict) else {})
                         if not isinstance(earlier, dict) or earlier.get(k) != run.get(k))
        raise InputFormatError(output, None, None, f"was written by another run (differs in: {', '.join(changed)}); "
                               "pass --overwrite to replace it")


def _import_finished(partial: PartialOutput, output: Path, sidecar: Path | None, wanted: set[str]) -> None:
    """Rows of an earlier completed run (final files, no partial) count as done."""
    details: dict[str, dict[str, Any]] = {}
    if sidecar is not None and sidecar.exists():
        details = {row_key(r["id"]): r for _, r in read_jsonl(sidecar, required=("id",))}
    rows = [(r, details.get(row_key(r["id"]))) for _, r in read_jsonl(output, required=("id", "output"))]
    partial.add((r, d) for r, d in rows if row_key(r["id"]) in wanted and row_key(r["id"]) not in partial.done)


def predict(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    backend: Backend,
    checker: AnswerChecker,
    settings: PredictSettings,
    *,
    sidecar_path: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> PredictSummary:
    """Predict every problem of ``input_path`` into ``output_path`` (resuming unless ``overwrite``)."""
    started = time.perf_counter()
    output = Path(output_path)
    sidecar = Path(sidecar_path) if sidecar_path is not None else None
    problems = read_problems(input_path)
    keys = [row_key(r["id"]) for r in problems]
    run = {**settings.to_json(), "input": sha256_file(input_path)}
    if overwrite:
        partial_path(output).unlink(missing_ok=True)
        run_record_path(output).unlink(missing_ok=True)
    fresh_partial = not partial_path(output).exists()
    if fresh_partial and not overwrite and output.exists():
        _check_finished(output, run)
    partial = PartialOutput(output, run)
    if fresh_partial and not overwrite and output.exists():
        _import_finished(partial, output, sidecar, set(keys))
    summary = PredictSummary(problems=len(problems))
    todo = [r for r, k in zip(problems, keys, strict=True) if k not in partial.done]
    summary.resumed = len(problems) - len(todo)
    if summary.resumed:
        log.info("resuming: %d of %d problems already done", summary.resumed, len(problems))
    size = settings.batch_size or max(1, len(todo))
    for start in range(0, len(todo), size):
        batch = todo[start : start + size]
        conversations = [conversation(r["problem"], settings.prompt) for r in batch]
        samples, used = generate_with_fallback(backend, conversations, settings.sampling)
        results = []
        for row, row_samples in zip(batch, samples, strict=True):
            if not settings.vote:
                results.append(({**row, "output": row_samples[0].text},
                                {"id": row["id"], "n": used.n, "greedy": used.greedy, "output": row_samples[0].text}))
                continue
            result = vote(row_samples, checker, cot=settings.prompt == "cot")
            summary.fallback_votes += result.fallback
            summary.reduced_n += used.n < settings.sampling.n
            detail = {"id": row["id"], "n_requested": settings.sampling.n, "n": used.n, "greedy": used.greedy,
                      **result.to_json()}
            results.append(({**row, "output": prediction_output(result.output)}, detail))
        partial.add(results)
        summary.generated += len(batch)
        if on_batch is not None:
            on_batch(len(batch))
    _finish(partial, keys, output, sidecar)
    if output.is_file():  # a stream (FIFO, stdout) has no place for a record beside it
        atomic_write_text(run_record_path(output), json.dumps(run, ensure_ascii=False, indent=2) + "\n")
    summary.seconds = time.perf_counter() - started
    return summary


def _finish(partial: PartialOutput, keys: Sequence[str], output: Path, sidecar: Path | None) -> None:
    entries = [partial.done[k] for k in keys]
    write_jsonl(output, (e["row"] for e in entries))
    if sidecar is not None:
        missing = sum(1 for e in entries if e.get("detail") is None)
        if missing:
            log.warning("%d problem(s) finished by an earlier run have no sidecar record", missing)
        write_jsonl(sidecar, (e["detail"] for e in entries if e.get("detail") is not None))
    partial.remove()
