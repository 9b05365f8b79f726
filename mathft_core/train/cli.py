"""``mathft train`` and ``mathft verify-model``.

torch, transformers, peft and trl are imported only when ``train`` runs, so the rest of
the CLI works without the train extra.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mathft_core.errors import MathftError

console = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)  # user text is never markup
stdout = Console(markup=False, highlight=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    from mathft_core.cli import fail

    return fail(message, code)


def train_command(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML).")],
    phase: Annotated[str, typer.Option("--phase", help="A (CoT), B (answer format) or AB (both in turn).")] = "AB",
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", help="Override the output folder of the config.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Retrain a finished phase and drop its checkpoints.")
    ] = False,
) -> None:
    """Two-phase LoRA SFT (trl SFTTrainer), merge, and verified save of the merged model."""
    import attrs

    from mathft_core.io import check_output_folder
    from mathft_core.train.config import load_config
    from mathft_core.train.sft import phases, run_phase

    _quiet_preprocessing()
    try:
        cfg = load_config(config)
        if output_dir is not None:
            cfg = attrs.evolve(cfg, output_dir=output_dir.absolute())
        check_output_folder(cfg.output_dir)  # before any model is loaded
        for name in phases(phase):
            report = run_phase(cfg, name, force=force, log=lambda m: console.print(m, highlight=False, soft_wrap=True))
            if report:
                _print_report(report)
    except MathftError as exc:
        raise _fail(str(exc)) from None
    except ImportError as exc:
        raise _fail(f"{exc}; training needs the train extra: pip install 'mathft[train]'") from None


def _quiet_preprocessing() -> None:
    """Hide the per-map progress bars of ``datasets`` (a dozen per phase); training logs stay."""
    try:
        from datasets.utils.logging import disable_progress_bar
    except ImportError:  # the train extra is missing; load_config/run_phase report it
        return
    disable_progress_bar()


def _print_report(report: dict) -> None:
    table = Table(title=f"phase {report.get('phase')}" + (" (skipped, already complete)" if report.get("skipped") else ""))
    table.add_column("what")
    table.add_column("value")
    tokens = report.get("tokens", {}).get("train", {})
    rows = [
        ("merged model", report.get("merged", "")),
        ("train rows / tokens / loss tokens", f"{tokens.get('rows')} / {tokens.get('tokens')} / {tokens.get('loss_tokens')}"),
        ("trainable params", f"{report.get('trainable_params', 0):,} of {report.get('total_params', 0):,}"),
        ("loss first -> last", f"{report.get('first_loss')} -> {report.get('last_loss')}"),
        ("eval loss", str(report.get("eval", {}).get("eval_loss", "-"))),
        ("time (train / merge / save / total s)",
         f"{report.get('train_runtime_s')} / {report.get('merge_s')} / {report.get('save_s')} / {report.get('total_s')}"),
    ]
    for what, value in rows:
        table.add_row(what, str(value))
    stdout.print(table)


def verify_model_command(
    directory: Annotated[Path, typer.Argument(help="A model folder saved by mathft.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check a saved model folder against its sha256 manifest; name every damaged file."""
    from mathft_core.train.templates import saved_chat_template
    from mathft_core.train.verify import Problem, load_manifest, verify_dir

    problems = verify_dir(directory)
    if directory.is_dir() and saved_chat_template(directory) is None:
        problems.append(Problem("tokenizer_config.json", "no-chat-template",
                                "the tokenizer has no chat template: mathft predict cannot prompt this model"))
    if as_json:
        stdout.print_json(json.dumps({
            "directory": str(directory), "ok": not problems,
            "problems": [{"file": p.file, "kind": p.kind, "detail": p.detail} for p in problems],
        }, ensure_ascii=False))
    elif problems:
        for problem in problems:
            console.print(Text.assemble((f"{problem.kind}:", "bold red"), f" {problem.file} — {problem.detail}"),
                          highlight=False, soft_wrap=True)
    else:
        files = load_manifest(directory)["files"]
        size = sum(int(f["size"]) for f in files.values())
        stdout.print(f"ok: {directory} ({len(files)} files, {size:,} bytes, sha256 verified)", highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``train`` and ``verify-model`` to the ``mathft`` app."""
    app.command("train")(train_command)
    app.command("verify-model")(verify_model_command)
