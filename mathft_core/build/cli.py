"""``mathft build`` and ``mathft check-contamination``."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mathft_core.errors import MathftError


class _RichProgress:
    """One rich progress bar per stage (shown on a terminal only)."""

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Callable[[int], None]]:
        from mathft_core.cli import progress_bar

        with progress_bar() as progress:
            task = progress.add_task(f"{name:<14}", total=total)
            yield lambda n: progress.advance(task, n)
            if total is None:
                progress.update(task, total=1, completed=1)


def _fail(message: str, code: int) -> typer.Exit:
    from mathft_core.cli import fail

    return fail(message, code)


def build_command(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Build config (TOML) merged over the default.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0 = all CPUs).", min=0)] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (overrides the config's `out`).")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Build into a non-empty folder that is not a mathft build.")
    ] = False,
    from_shards: Annotated[
        list[Path] | None,
        typer.Option("--from-shards", help="Use these `mathft generate --shard K/N` outputs instead of generating (repeat)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute every stage.")] = False,
    print_shard_commands: Annotated[
        int, typer.Option("--print-shard-commands", help="Print the N `mathft generate` commands of this build and exit.")
    ] = 0,
) -> None:
    """Generate, clean, dedup, decontaminate, split and export a training set (same config, same bytes)."""
    from mathft_core.build.config import load_config
    from mathft_core.build.pipeline import NO_EVAL_SET, BuildError, run_build
    from mathft_core.cli import _registry, console, warning_line
    from mathft_core.generate import default_workers

    try:
        overrides = {"out": str(out.resolve())} if out is not None else None
        cfg = load_config(config, overrides=overrides)
    except MathftError as exc:
        raise _fail(str(exc), 2) from None
    pm, registry = _registry()
    if print_shard_commands:
        _print_shards(cfg, registry, print_shard_commands)
        return
    try:
        result = run_build(
            cfg, workers=workers or default_workers(), from_shards=from_shards or None, registry=registry, pm=pm,
            progress=_RichProgress(), use_cache=not no_cache, force=force,
        )
    except BuildError as exc:  # the data itself failed a policy (leaks, an emptied unit)
        raise _fail(str(exc), 1) from None
    table = Table(title=f"mathft build -> {result.out}")
    for column in ("stage", "in", "out", "reused", "seconds", "notes"):
        table.add_column(column, justify="right" if column in ("in", "out", "seconds") else "left")
    for s in result.stages:
        table.add_row(s.name, str(s.items_in), str(s.items_out), "yes" if s.reused else "", f"{s.seconds:.1f}", s.note)
    console.print(table)
    for warning in result.warnings:
        warning_line(warning)
    counts = result.manifest["counts"]
    checked = result.eval_sets_checked
    console.print(
        f"items {counts['items']} (heldout {counts['heldout']}); Phase A {counts['phase_a']['train']}/"
        f"{counts['phase_a']['val']}, Phase B {counts['phase_b']['train']}/{counts['phase_b']['val']}; "
        + (f"{checked} evaluation set(s) checked" if checked else f"{NO_EVAL_SET} (decontamination did nothing)")
        + f"; manifest {result.out / 'manifest.json'}",
        highlight=False,
    )


def _surface_option(cfg) -> str:
    """The ``mathft generate --surface`` option that reproduces the config's surface mix."""
    from mathft_core.surface import DEFAULT_MIX

    mix = cfg.surface.mix()
    if mix == DEFAULT_MIX:
        return ""
    return " --surface off" if mix is None else f" --surface {cfg.sources[-1]}"


def _print_shards(cfg, registry, n: int) -> None:
    from mathft_core.cli import stdout

    unit_ids = list(dict.fromkeys(cfg.items.units)) if cfg.items.units is not None else registry.ids()
    n_types = sum(len(registry[u].types) for u in unit_ids)
    per_type = cfg.items.per_type_for(n_types)
    levels = ",".join(str(v) for v in cfg.items.difficulty_cycle())
    units = ",".join(sorted(unit_ids)) if cfg.items.units is not None else "all"
    latex = " --check-latex" if cfg.items.check_latex else ""
    latex += _surface_option(cfg)
    for k in range(1, n + 1):
        stdout.print(
            f"mathft generate --units {units} --per-type {per_type} --difficulty {levels} --seed {cfg.seed}"
            f"{latex} --shard {k}/{n} --out shard-{k:04d}-of-{n:04d}.jsonl",
            highlight=False, soft_wrap=True,
        )


def check_contamination_command(
    train: Annotated[Path, typer.Argument(help="Training data: JSONL, TSV, text lines or a build folder.")],
    evals: Annotated[list[Path], typer.Argument(help="Evaluation sets (same formats).")],
    ngram: Annotated[int, typer.Option("--ngram", help="Character n-gram size.")] = 5,
    same_template: Annotated[float, typer.Option("--same-template-threshold", help="Masked containment to flag.")] = 0.4,
    leak: Annotated[float, typer.Option("--leak-threshold", help="Raw containment for a leak.")] = 0.7,
    fields: Annotated[str, typer.Option("--train-fields", help="Record fields forming a training text.")] = "problem,solution",
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0 = all CPUs).", min=0)] = 1,
) -> None:
    """Print every flagged (eval item, training item) pair as a JSON line; exit 1 if any leak."""
    from mathft_core.build import contamination as ct
    from mathft_core.build.evalsets import TRAIN_FIELDS, read_texts
    from mathft_core.generate import default_workers
    from mathft_core.io import dumps_row

    train_fields = tuple(dict.fromkeys(f.strip() for f in fields.split(",") if f.strip()))
    unknown = [f for f in train_fields if f not in TRAIN_FIELDS]
    if unknown or not train_fields:
        raise _fail(f"--train-fields: unknown field(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                    f"choose from {', '.join(TRAIN_FIELDS)}", 2)
    if not (0 < same_template <= 1 and 0 < leak <= 1 and ngram > 0):
        raise _fail("thresholds must be within (0, 1] and --ngram > 0", 2)
    train_items = read_texts(train, source="train", fields=train_fields)
    eval_items = [item for path in evals for item in read_texts(path, fields=("problem",))]
    pairs = ct.flag_pairs(eval_items, train_items, ct.Thresholds(ngram=ngram, same_template=same_template, leak=leak),
                          workers=workers or default_workers())
    for pair in pairs:
        sys.stdout.write(dumps_row(pair.to_json()) + "\n")
    sys.stdout.flush()
    from mathft_core.cli import console

    leaks = sum(1 for p in pairs if p.verdict == ct.LEAK)
    console.print(f"{len(pairs)} flagged pairs ({leaks} leak) over {len(eval_items)} eval items and "
                  f"{len(train_items)} training items", highlight=False)
    if leaks:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the build commands to the ``mathft`` CLI."""
    app.command("build")(build_command)
    app.command("check-contamination")(check_contamination_command)
