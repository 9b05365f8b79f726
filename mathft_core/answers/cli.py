"""``mathft answer check`` and ``mathft answer canon``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mathft_core.answers.model import MODES

answer_app = typer.Typer(name="answer", help="Compare and canonicalise LaTeX answers.", no_args_is_help=True)


def _mode(value: str) -> str:
    if value not in MODES:
        raise typer.BadParameter(f"mode must be one of {', '.join(MODES)}, got {value!r}")
    return value


@answer_app.command("check")
def check_command(
    gold: Annotated[str | None, typer.Argument(help="Gold answer (LaTeX).")] = None,
    pred: Annotated[str | None, typer.Argument(help="Predicted answer or model output.")] = None,
    mode: Annotated[str, typer.Option("--mode", help="soft | strict | complex | complex-strict (the grader) | symmetric.", callback=_mode)] = "soft",
    pairs: Annotated[
        Path | None, typer.Option("--pairs", help="JSONL rows with gold, pred and optional mode.", exists=True, dir_okay=False)
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per comparison.", min=0.01)] = 2.0,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes.", min=1)] = 1,
) -> None:
    """Print one JSON verdict (equal, category, detail, mode) per pair."""
    from mathft_core.answers import AnswerChecker
    from mathft_core.io import dumps_row, read_jsonl

    if pairs is None and (gold is None or pred is None):
        raise typer.BadParameter("give GOLD and PRED, or --pairs FILE")
    if pairs is not None and (gold is not None or pred is not None):
        raise typer.BadParameter("give either GOLD PRED or --pairs, not both")
    rows: list[tuple[str, str, str]] = []
    if pairs is not None:
        from mathft_core.errors import InputFormatError

        for line, row in read_jsonl(pairs, required=("gold", "pred")):
            for field in ("gold", "pred"):
                if not isinstance(row[field], str):
                    raise InputFormatError(pairs, line, field, "must be a string")
            row_mode = row.get("mode", mode)
            if row_mode not in MODES:
                raise InputFormatError(pairs, line, "mode", f"must be one of {', '.join(MODES)}")
            rows.append((row["gold"], row["pred"], row_mode))
        if not rows:
            raise InputFormatError(pairs, None, None, "no pairs (the file is empty)")
    else:
        rows.append((gold or "", pred or "", mode))
    with AnswerChecker(timeout=timeout, workers=workers) as checker:
        verdicts = checker.check_many(rows)
    for verdict in verdicts:
        typer.echo(dumps_row(verdict.to_json()))


@answer_app.command("canon")
def canon_command(text: Annotated[str, typer.Argument(help="An answer in LaTeX (or a model output).")]) -> None:
    """Print the answer-key LaTeX of an answer (exit 1 when it cannot be parsed)."""
    from mathft_core.answers import AnswerChecker

    with AnswerChecker() as checker:
        result = checker.canonicalize(text)
    if result is None:
        typer.echo(json.dumps({"canonical": None, "error": "unparseable"}, ensure_ascii=False))
        raise typer.Exit(1)
    typer.echo(result)


def register(app: typer.Typer) -> None:
    """Add the ``answer`` command group to the ``mathft`` CLI."""
    app.add_typer(answer_app, name="answer")
