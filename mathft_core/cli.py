"""The ``mathft`` command line (typer).

Core commands live here; each area (answers, build, train, infer, evaluate, image) adds its
commands from its own ``cli`` module through ``register(app)``, imported lazily by name.

One error path: :func:`main` turns every :class:`MathftError` (and a file that cannot be
read or written) into one ``error:`` line and exit code 2; anything unexpected is one short
line, with the traceback only under ``--debug``. The consoles never interpret Rich markup,
so user text (paths, regexes) is printed as given.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from mathft_core import __version__
from mathft_core.errors import MathftError
from mathft_core.timeouts import DEFAULT_ITEM_TIMEOUT

app = typer.Typer(
    name="mathft",
    help="Verified Japanese math fine-tuning data, two-phase LoRA SFT and voting inference.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)
stdout = Console(markup=False, highlight=False)

#: Exit code of every expected failure (bad input, bad option, unwritable output).
EXIT_USAGE = 2
#: Exit code of an unexpected failure (a bug): one line, the traceback with ``--debug``.
EXIT_BUG = 70


def error_line(message: str) -> None:
    """Print ``error: MESSAGE`` to stderr; the message is never read as markup."""
    console.print(Text.assemble(("error:", "bold red"), " ", str(message)), highlight=False)


def warning_line(message: str) -> None:
    """Print ``warning: MESSAGE`` to stderr; the message is never read as markup."""
    console.print(Text.assemble(("warning:", "bold yellow"), " ", str(message)), highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one error line and return the ``typer.Exit`` to raise."""
    error_line(message)
    return typer.Exit(code)

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
        error_line(str(problem))
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
    debug: Annotated[
        bool, typer.Option("--debug", help="Print the traceback of an unexpected error (any position on the line).")
    ] = False,
) -> None:
    """Verified Japanese math fine-tuning data, two-phase LoRA SFT and voting inference."""


@app.command("units")
def units_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List installed curriculum units and their problem types (with each type's shape)."""
    from mathft_core.units import SHAPES

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
                    {"id": t.id, "name": t.name, "shape": t.shape, "answer_form": t.answer_form,
                     "phrasings": len(t.problem_templates)}
                    for t in unit.types
                ],
            }
        )
    if as_json:
        stdout.print_json(json.dumps({"units": rows, "problems": [str(p) for p in registry.problems]}, ensure_ascii=False))
        return
    shapes = Counter(t["shape"] for r in rows for t in r["types"])
    table = Table(title=f"{len(rows)} units, {sum(len(r['types']) for r in rows)} problem types ("
                  + ", ".join(f"{shapes[s]} {s}" for s in SHAPES) + ")")
    for column in ("id", "name", "course", "types", "distribution"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["id"], row["name"], row["course"],
            ", ".join(t["id"] if t["shape"] == "drill" else f"{t['id']} ({t['shape']})" for t in row["types"]),
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
    try:
        for part in text.split(","):
            if "-" in part:
                lo, hi = part.split("-", 1)
                levels.extend(range(int(lo), int(hi) + 1))
            else:
                levels.append(int(part))
    except ValueError:
        raise typer.BadParameter(f"--difficulty must be mixed, a level 1-5, a range 1-3 or a list 1,4; got {text!r}") from None
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


def surface_mix(spec: str):
    """``default`` -> the default mix; ``off`` -> ``None``; a path -> that build config's mix."""
    from mathft_core.errors import MathftError
    from mathft_core.surface import DEFAULT_MIX

    if spec == "default":
        return DEFAULT_MIX
    if spec == "off":
        return None
    from mathft_core.build.config import load_config

    try:
        return load_config(spec).surface.mix()
    except MathftError as exc:
        raise fail(str(exc)) from None


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
    per_type: Annotated[int, typer.Option("--per-type", help="Items per problem type.", min=0)] = 10,
    difficulty: Annotated[str, typer.Option("--difficulty", help="mixed, a level, 1-3 or 1,4.")] = "mixed",
    seed: Annotated[int, typer.Option("--seed", help="Build seed.")] = 42,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0 = all CPUs).", min=0)] = 1,
    shard: Annotated[str | None, typer.Option("--shard", help="Produce only slice K of N (K/N).")] = None,
    item_timeout: Annotated[float, typer.Option(
        "--item-timeout", help="CPU seconds a unit's sampler, solver, verifier and render may take per item "
        "(20 times as much wall-clock time).", min=0.01,
    )] = DEFAULT_ITEM_TIMEOUT,
    check_latex: Annotated[
        bool, typer.Option("--check-latex/--no-check-latex", help="Also parse each answer back with math-verify (slow).")
    ] = False,
    surface: Annotated[
        str, typer.Option("--surface", help="Surface styles of problem texts (punctuation, endings, display math, "
                          "spacing): 'default' mix, 'off', or a build config TOML whose [surface] table to use.")
    ] = "default",
) -> None:
    """Generate verified problem records as JSONL (same seed, same bytes, any --workers)."""
    from mathft_core.generate import default_workers, generate_records
    from mathft_core.io import check_output, output_target, write_jsonl
    from mathft_core.plugins import require_units

    mix = surface_mix(surface)
    _pm, registry = _registry()
    unit_ids = registry.ids() if units.strip() in ("", "all") else parse_unit_list(units)
    selected = require_units(registry, unit_ids)
    levels = parse_difficulty(difficulty)
    workers = workers or default_workers()
    failures_path = out.with_name(out.name + ".failures.jsonl")
    check_output(out)
    to_stream = output_target(out)[1] == "stream"  # no failures file beside a pipe or device
    if not to_stream:
        check_output(failures_path)
    total = sum(len(u.types) for u in selected) * per_type
    sh = parse_shard(shard)
    if sh:
        total = len(range(sh[0] - 1, total, sh[1]))
    with progress_bar() as progress:
        task = progress.add_task("generate", total=total)
        records, summary = generate_records(
            registry, unit_ids, per_type=per_type, seed=seed, difficulties=levels, workers=workers,
            shard=sh, check_latex=check_latex, on_done=lambda n: progress.advance(task, n),
            surface=mix, item_timeout=item_timeout,
        )
    digest, count = write_jsonl(out, (r.to_json() for r in records))
    if summary.failures and not to_stream:
        write_jsonl(failures_path, ({"id": f.id, "reason": f.reason, "detail": f.detail} for f in summary.failures))
        console.print(f"failures written to {failures_path}")
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


def parse_unit_list(text: str) -> list[str]:
    """Comma-separated unit ids, stripped, each once, in the order given."""
    return list(dict.fromkeys(u.strip() for u in text.split(",") if u.strip()))


def _register_area_commands() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_area_commands()


def _usage_error_line(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    command = getattr(getattr(exc, "ctx", None), "command_path", None)
    return f"{command}: {message}" if command else message


def _os_error_line(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename is not None else ""
    return f"{where}{exc.strerror or exc}"


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: one ``error:`` line per failure, exit 2 (70 for a bug)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("MATHFT_DEBUG") == "1"
    args = [a for a in args if a != "--debug"]
    try:
        code = app(args=args, prog_name="mathft", standalone_mode=False)
    except typer.Exit as exc:  # raised by a command
        sys.exit(exc.exit_code)
    except typer.Abort:
        error_line("aborted")
        sys.exit(130)
    except typer.TyperException as exc:  # a bad option or argument (click's UsageError family)
        error_line(_usage_error_line(exc))
        sys.exit(EXIT_USAGE)
    except MathftError as exc:
        error_line(str(exc))
        sys.exit(EXIT_USAGE)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        error_line(_os_error_line(exc))
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        error_line("interrupted")
        sys.exit(130)
    except Exception as exc:  # the one place a bug is reported
        error_line(f"unexpected {type(exc).__name__}: {exc} (a bug in mathft; run with --debug for the traceback)")
        if debug:
            console.print(Text("".join(traceback.format_exception(exc))), highlight=False)
        sys.exit(EXIT_BUG)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
