"""``mathft image-budget`` and ``mathft doctor``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)
stdout = Console(markup=False, highlight=False)


def image_budget_command(
    model_dir: Annotated[Path, typer.Argument(help="Merged model directory that goes into the image.")],
    cap: Annotated[str, typer.Option("--cap", help="Size cap, e.g. 64GB or 60GiB.")] = "64GB",
    runtime_gb: Annotated[
        float | None, typer.Option("--runtime-gb", help="Measured runtime base size in GB (replaces the estimate).")
    ] = None,
) -> None:
    """Estimate the submission image size (model + runtime layers); fail when over the cap."""
    from mathft_core.cli import fail
    from mathft_core.image.budget import DEFAULT_RUNTIME_LAYERS, estimate, human, parse_size

    try:
        cap_bytes = parse_size(cap)
    except ValueError as exc:
        raise fail(f"--cap: {exc}") from None
    layers = list(DEFAULT_RUNTIME_LAYERS)
    if runtime_gb is not None:
        layers[0] = (f"{layers[0][0]} (measured)", int(runtime_gb * 10**9))
    from mathft_core.image.modelcheck import ModelFolderError

    try:
        budget = estimate(model_dir, cap=cap_bytes, runtime_layers=layers)
    except (FileNotFoundError, ModelFolderError) as exc:
        raise fail(str(exc)) from None
    table = Table(title=f"image budget for {model_dir}")
    table.add_column("largest items")
    table.add_column("size", justify="right")
    for item in budget.largest(8):
        table.add_row(item.name, human(item.size))
    stdout.print(table)
    verdict = "OVER the cap" if budget.over else "within the cap"
    stdout.print(f"estimated image size {human(budget.total)} / cap {human(budget.cap)}: {verdict}", highlight=False)
    if budget.over:
        names = ", ".join(f"{i.name} ({human(i.size)})" for i in budget.largest(3))
        raise fail(f"image would exceed the cap; largest items: {names}", code=1)


def doctor_command(
    model: Annotated[
        Path | None, typer.Option("--model", help="Model directory (default: first model under $MATHFT_MODEL_ROOT or /app/models).")
    ] = None,
    require_gpu: Annotated[bool, typer.Option("--require-gpu", help="Fail when no GPU is visible.")] = False,
    require_vllm: Annotated[bool, typer.Option("--require-vllm", help="Fail when vLLM is not importable.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Check an installation offline: packages, units, GPU, vLLM, offline settings, the model."""
    import json

    from mathft_core.image.doctor import run_checks

    checks = run_checks(model_dir=model, require_gpu=require_gpu, require_vllm=require_vllm)
    if as_json:
        stdout.print_json(json.dumps([{"name": c.name, "status": c.status, "detail": c.detail} for c in checks],
                                     ensure_ascii=False))
    else:
        table = Table(title="mathft doctor")
        for column in ("check", "status", "detail"):
            table.add_column(column)
        colour = {"ok": "green", "warn": "yellow", "fail": "red"}
        for c in checks:
            table.add_row(c.name, Text(c.status, style=colour[c.status]), c.detail)
        stdout.print(table)
    failed = [c for c in checks if c.status == "fail"]
    if failed:
        for c in failed:
            console.print(Text.assemble(("missing:", "bold red"), f" {c.name}: {c.detail}"))
        raise typer.Exit(1)


def package_command(
    model_dir: Annotated[Path, typer.Argument(help="Verified model folder (e.g. runs/NAME/phase_b/merged).")],
    out: Annotated[Path, typer.Option("--out", help="Destination in the image's model folder, e.g. models/NAME.")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing destination.")] = False,
    serving_check: Annotated[bool, typer.Option(
        "--serving-check/--no-serving-check",
        help="Load config, tokenizer and chat template with the installed serving stack first.")] = True,
) -> None:
    """Copy a verified model into the image's model folder with image permissions (0755/0644)."""
    from mathft_core.image.budget import human
    from mathft_core.image.modelcheck import ModelFolderError
    from mathft_core.image.package import package_model

    try:
        done = package_model(model_dir, out, overwrite=overwrite, serving_check=serving_check)
    except (ModelFolderError, OSError) as exc:
        from mathft_core.cli import fail

        raise fail(str(exc)) from None
    stdout.print(f"packaged {done.files} files ({human(done.size)}) into {done.destination}", markup=False,
                 highlight=False, soft_wrap=True)
    if done.seam is not None:
        stdout.print(done.seam.describe(), markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the image commands to the ``mathft`` CLI."""
    app.command("package")(package_command)
    app.command("image-budget")(image_budget_command)
    app.command("doctor")(doctor_command)
