"""The ``mathft`` command line (typer).

Core commands live here; each area (answers, build, train, infer, evaluate, image) adds its
commands from its own ``cli`` module through ``register(app)``, imported lazily by name.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from mathft_core import __version__

app = typer.Typer(
    name="mathft",
    help="Verified Japanese math fine-tuning data, two-phase LoRA SFT and voting inference.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)
stdout = Console()

#: Modules that add commands with ``register(app)``; one line per area.
_COMMAND_MODULES: tuple[str, ...] = (
    "mathft_core.answers.cli",
    "mathft_core.build.cli",
    "mathft_core.image.cli",
    "mathft_core.train.cli",
    "mathft_core.infer.cli",
    "mathft_core.evaluate.cli",
)


def _registry():
    from mathft_core.plugins import collect_units, get_plugin_manager

    pm = get_plugin_manager()
    registry = collect_units(pm)
    for problem in registry.problems:
        console.print(f"[bold red]error:[/] {problem}", highlight=False)
    return pm, registry


def _print_version(value: bool) -> None:
    if value:
        stdout.print(f"mathft {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Verified Japanese math fine-tuning data, two-phase LoRA SFT and voting inference."""


@app.command("units")
def units_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List installed curriculum units and their problem types."""
    _pm, registry = _registry()
    rows = []
    for unit_id in registry.ids():
        reg = registry.units[unit_id]
        unit = reg.unit
        rows.append(
            {
                "id": unit.id,
                "name": unit.name,
                "course": unit.course,
                "category": unit.category,
                "plugin": reg.plugin,
                "distribution": reg.distribution,
                "version": reg.version,
                "types": [
                    {"id": t.id, "name": t.name, "answer_form": t.answer_form, "phrasings": len(t.problem_templates)}
                    for t in unit.types
                ],
            }
        )
    if as_json:
        stdout.print_json(json.dumps({"units": rows, "problems": [str(p) for p in registry.problems]}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} units, {sum(len(r['types']) for r in rows)} problem types")
    for column in ("id", "name", "course", "types", "distribution"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["id"], row["name"], row["course"], ", ".join(t["id"] for t in row["types"]),
            f"{row['distribution']} {row['version']}",
        )
    stdout.print(table)


@app.command("plugins")
def plugins_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List installed plugins with their distributions, versions and hooks."""
    from mathft_core.plugins import list_plugins

    pm, registry = _registry()
    infos = list_plugins(pm)
    if as_json:
        payload = {
            "plugins": [
                {"name": i.name, "distribution": i.distribution, "version": i.version, "hooks": list(i.hooks)}
                for i in infos
            ],
            "problems": [str(p) for p in registry.problems],
        }
        stdout.print_json(json.dumps(payload, ensure_ascii=False))
        return
    table = Table(title=f"{len(infos)} plugins")
    for column in ("name", "distribution", "version", "hooks"):
        table.add_column(column)
    for info in infos:
        table.add_row(info.name, info.distribution, info.version, ", ".join(info.hooks))
    stdout.print(table)


def parse_difficulty(text: str) -> tuple[int, ...]:
    """``mixed`` -> 1..5; ``3`` -> (3,); ``1-3`` -> (1, 2, 3); ``1,4`` -> (1, 4)."""
    text = text.strip()
    if text in ("mixed", "all", ""):
        return (1, 2, 3, 4, 5)
    levels: list[int] = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-", 1)
            levels.extend(range(int(lo), int(hi) + 1))
        else:
            levels.append(int(part))
    if not levels or any(not 1 <= d <= 5 for d in levels):
        raise typer.BadParameter(f"difficulty levels must be within 1-5, got {text!r}")
    return tuple(levels)


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``K/N`` -> (K, N)."""
    if not text:
        return None
    try:
        k, n = (int(v) for v in text.split("/"))
    except ValueError:
        raise typer.BadParameter(f"--shard must look like K/N, got {text!r}") from None
    if not (n >= 1 and 1 <= k <= n):
        raise typer.BadParameter(f"--shard K/N needs 1 <= K <= N, got {text!r}")
    return (k, n)


def progress_bar() -> Progress:
    """The rich progress bar every long stage uses (to stderr)."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False, disable=not console.is_terminal,
    )


@app.command("generate")
def generate_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output JSONL file.")],
    units: Annotated[str, typer.Option("--units", help="Comma-separated unit ids, or 'all'.")] = "all",
    per_type: Annotated[int, typer.Option("--per-type", help="Items per problem type.")] = 10,
    difficulty: Annotated[str, typer.Option("--difficulty", help="mixed, a level, 1-3 or 1,4.")] = "mixed",
    seed: Annotated[int, typer.Option("--seed", help="Build seed.")] = 42,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0 = all CPUs).")] = 1,
    shard: Annotated[str | None, typer.Option("--shard", help="Produce only slice K of N (K/N).")] = None,
    check_latex: Annotated[
        bool, typer.Option("--check-latex/--no-check-latex", help="Also parse each answer back with math-verify (slow).")
    ] = False,
) -> None:
    """Generate verified problem records as JSONL (same seed, same bytes, any --workers)."""
    from mathft_core.generate import default_workers, generate_records
    from mathft_core.io import write_jsonl
    from mathft_core.plugins import require_units

    _pm, registry = _registry()
    unit_ids = registry.ids() if units.strip() in ("", "all") else [u.strip() for u in units.split(",") if u.strip()]
    try:
        selected = require_units(registry, unit_ids)
    except Exception as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    levels = parse_difficulty(difficulty)
    workers = workers or default_workers()
    total = sum(len(u.types) for u in selected) * per_type
    sh = parse_shard(shard)
    if sh:
        total = len(range(sh[0] - 1, total, sh[1]))
    with progress_bar() as progress:
        task = progress.add_task("generate", total=total)
        records, summary = generate_records(
            registry, unit_ids, per_type=per_type, seed=seed, difficulties=levels, workers=workers,
            shard=sh, check_latex=check_latex, on_done=lambda n: progress.advance(task, n),
        )
    digest, count = write_jsonl(out, (r.to_json() for r in records))
    if summary.failures:
        failures_path = out.with_name(out.name + ".failures.jsonl")
        write_jsonl(failures_path, ({"id": f.id, "reason": f.reason, "detail": f.detail} for f in summary.failures))
        console.print(f"failures written to {failures_path}", highlight=False)
    failed = ", ".join(f"{reason}: {n}" for reason, n in sorted(summary.failed.items())) or "none"
    lint = ", ".join(f"{rule}: {n}" for rule, n in sorted(summary.lint.items()) if n) or "none"
    console.print(
        f"items: {summary.items}  verified: {summary.verified}  failed: {sum(summary.failed.values())} ({failed})\n"
        f"lint hits: {sum(summary.lint.values())} ({lint})\n"
        f"wrote {count} rows to {out} (sha256 {digest})",
        highlight=False,
    )
    if summary.failed:
        raise typer.Exit(1)


def _register_area_commands() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_area_commands()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="mathft")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
