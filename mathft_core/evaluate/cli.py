"""``mathft eval PREDICTIONS GOLD [-o report] [--contamination FILE] [--grader mathft|official]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

GRADERS = ("mathft", "official")


def eval_command(
    predictions: Annotated[Path, typer.Argument(help="Prediction rows (id, output).", exists=True, dir_okay=False)],
    gold: Annotated[Path, typer.Argument(help="Gold rows (id, solution, evaluation_method, category, unit).",
                                         exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Report folder.")] = Path("report"),
    contamination: Annotated[Path | None, typer.Option(
        "--contamination", help="The build's contamination_by_eval.jsonl: split accuracy into seen and unseen.",
        exists=True, dir_okay=False)] = None,
    eval_set: Annotated[str | None, typer.Option("--eval-set", help="Eval set name inside the contamination file.")]
    = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Answer-checking processes (>= 1).")] = 1,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per comparison (> 0).")] = 2.0,
    grader: Annotated[str, typer.Option(
        "--grader", help="mathft (its reimplementation, default) or official (the math_eval package, when "
        "installed; rows where mathft differs are reported).")] = "mathft",
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary JSON to stdout.")] = False,
) -> None:
    """Score predictions like the competition grader and write a Markdown/HTML/JSON report with charts."""
    from mathft_core.answers import AnswerChecker
    from mathft_core.cli import console, fail, stdout, warning_line
    from mathft_core.errors import InputFormatError
    from mathft_core.evaluate.official import apply_official, load_official
    from mathft_core.evaluate.report import write_report
    from mathft_core.evaluate.score import (
        gold_warnings,
        read_contamination,
        read_gold,
        read_predictions,
        score_rows,
        summarize,
    )
    from mathft_core.ids import id_type_warning
    from mathft_core.infer.progress import row_key
    from mathft_core.io import check_output_folder

    if workers < 1:
        raise fail(f"--workers must be at least 1, got {workers}")
    if not timeout > 0:
        raise fail(f"--timeout must be a positive number of seconds, got {timeout:g}")
    if eval_set is not None and contamination is None:
        raise fail("--eval-set needs --contamination FILE")
    if grader not in GRADERS:
        raise fail(f"--grader must be one of {', '.join(GRADERS)}, got {grader!r}")
    official = load_official() if grader == "official" else None
    if grader == "official" and official is None:
        raise fail("--grader official needs the math_eval package (llm-jp/ft-llm-2026, folder math-eval); "
                   "it is not importable here")
    gold_rows = read_gold(gold)
    if not gold_rows:
        raise InputFormatError(gold, None, None, "no gold rows (the file is empty)")
    preds = read_predictions(predictions)
    verdicts = read_contamination(contamination, eval_set) if contamination is not None else None
    check_output_folder(out)
    for warning in gold_warnings(gold_rows):
        warning_line(warning)
    mixed = id_type_warning(str(gold), (r["id"] for r in gold_rows), str(predictions), (r["id"] for r in preds.values()))
    if mixed:
        warning_line(mixed)
    gold_keys = {row_key(r["id"]) for r in gold_rows}
    extra = sum(1 for k in preds if k not in gold_keys)
    with AnswerChecker(timeout=timeout, workers=workers) as checker:
        scores = score_rows(gold_rows, preds, checker, verdicts)
    differences = None
    if official is not None:
        scores, differences = apply_official(scores, gold_rows, official)
    summary = summarize(scores, extra_predictions=extra)
    if differences is not None:
        summary["official_grader"] = {"differences": len(differences), "rows": differences}
    write_report(out, summary, scores)
    if as_json:
        stdout.print_json(json.dumps(summary, ensure_ascii=False))
    o = summary["overall"]
    lines = [f"accuracy {o['correct']}/{o['total']} = {(o['accuracy'] or 0) * 100:.1f}%"]
    lines += [f"  {name}: {v['correct']}/{v['total']}" for name, v in summary["by_category"].items()]
    if "contamination" in summary:
        c = summary["contamination"]
        lines.append(f"unseen {c['unseen']['correct']}/{c['unseen']['total']}  "
                     f"seen {c['seen']['correct']}/{c['seen']['total']}  unknown {c['unknown']['total']}")
    if differences is not None:
        lines.append(f"official grader: mathft's verdict differs on {len(differences)} row(s)")
        lines += [f"  id {d['id']!r}: official {'accepts' if d['official'] else 'rejects'}, "
                  f"mathft {'accepts' if d['mathft'] else 'rejects'}" for d in differences[:20]]
    lines.append(f"report written to {out}/report.md, report.html, report.json")
    console.print("\n".join(lines), highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``mathft eval`` to the CLI."""
    app.command("eval")(eval_command)
