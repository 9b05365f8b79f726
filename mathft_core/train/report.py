"""The training report of one phase: loss curves (PNG), token counts, parameters, time."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from mathft_core.io import atomic_write_bytes, atomic_write_text

REPORT = "report.json"
LOSS_PNG = "loss.png"


def loss_curves(log_history: list[dict[str, Any]]) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """``(train, eval)`` lists of ``(step, loss)`` from a Trainer's ``log_history``."""
    train = [(int(e["step"]), float(e["loss"])) for e in log_history if "loss" in e and "step" in e]
    evals = [(int(e["step"]), float(e["eval_loss"])) for e in log_history if "eval_loss" in e and "step" in e]
    return train, evals


def token_counts(dataset: Any) -> dict[str, int]:
    """Rows, tokens and loss-bearing tokens of a tokenized trl dataset."""
    columns = set(dataset.column_names)
    rows = len(dataset)
    tokens = sum(len(ids) for ids in dataset["input_ids"])
    if "labels" in columns:
        loss_tokens = sum(sum(1 for t in labels if t != -100) for labels in dataset["labels"])
    elif "completion_mask" in columns:
        loss_tokens = sum(sum(m) for m in dataset["completion_mask"])
    elif "assistant_masks" in columns:
        loss_tokens = sum(sum(m) for m in dataset["assistant_masks"])
    else:
        loss_tokens = tokens
    return {"rows": rows, "tokens": tokens, "loss_tokens": loss_tokens}


def plot_losses(train: list[tuple[int, float]], evals: list[tuple[int, float]], title: str) -> bytes:
    """PNG bytes of the train (and eval) loss against the optimizer step."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3.5), dpi=100)
    axes = figure.add_subplot()
    if train:
        axes.plot(*zip(*train, strict=True), label="train", marker=".")
    if evals:
        axes.plot(*zip(*evals, strict=True), label="eval", marker="o")
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def write_report(directory: Path, report: dict[str, Any], log_history: list[dict[str, Any]]) -> dict[str, Any]:
    """Write ``loss.png`` and ``report.json`` (last) into the phase folder; return the report."""
    train, evals = loss_curves(log_history)
    report = {**report, "loss": [list(p) for p in train], "eval_loss": [list(p) for p in evals]}
    if train:
        report["first_loss"], report["last_loss"] = train[0][1], train[-1][1]
    atomic_write_bytes(directory / LOSS_PNG, plot_losses(train, evals, f"phase {report.get('phase', '')}"))
    atomic_write_text(directory / REPORT, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return report


def read_report(directory: Path) -> dict[str, Any] | None:
    """The phase report, or ``None`` if absent or unreadable."""
    try:
        return json.loads((directory / REPORT).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return None
