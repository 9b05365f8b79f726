"""Deterministic, verified generation of problem records.

Each item is a pure function of (seed, unit id, type id, index, difficulty): its random
stream comes from :func:`mathft_core.seeding.item_rng`, so the output is byte-identical
whatever the number of workers, and any shard of the task list can run anywhere.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs
import jinja2

from mathft_core.lint import LintFailure, LintOutcome, LintRule, lint_item
from mathft_core.lint_baseline import tolerated_rules
from mathft_core.mutation import VERIFIER_BLIND, VerifierBlind, check_verifier_sees_answer
from mathft_core.plugins import UnitRegistry, collect_units, get_plugin_manager
from mathft_core.records import GenerationFailure, ProblemRecord
from mathft_core.render import build_environment, render
from mathft_core.roundtrip import boxed_contents, latex_matches_value
from mathft_core.seeding import derive_seed, item_rng
from mathft_core.surface import DEFAULT_MIX, SurfaceMix, apply_surface
from mathft_core.timeouts import (
    DEFAULT_ITEM_TIMEOUT,
    ItemTimeout,
    die_with_parent,
    rearm,
    time_limit,
)
from mathft_core.units import DIFFICULTIES, ProblemType, Unit

#: Polite forms that must never appear in generated Japanese (である/だ style only). です／ます
#: count only where they end a clause, so 「範囲ですべて」 and 「ます目」 are not flagged.
POLITE_RE = re.compile(
    r"(?:です|ます)(?=$|[\s。、，．,.！？!?」』）)]|ね|よ|か|が|の|し|る|れ)"
    r"|でした|ました|ません|ましょう|でしょう|ください|いかが"
)


@attrs.frozen(kw_only=True)
class Task:
    """Identity of one item to generate."""

    unit: str
    type: str
    index: int
    difficulty: int


def item_id(unit_id: str, type_id: str, seed: int, index: int) -> str:
    """Stable, human-readable id of an item."""
    return f"{unit_id}.{type_id}-s{seed}-{index:06d}"


def plan_tasks(
    units: Sequence[Unit],
    *,
    per_type: int,
    difficulties: Sequence[int] = DIFFICULTIES,
    shard: tuple[int, int] | None = None,
) -> list[Task]:
    """All tasks in canonical order (unit id, declared type order, index).

    Difficulty cycles through ``difficulties`` by index. ``shard=(k, n)`` (1-based ``k``)
    keeps every n-th task starting at k-1: disjoint slices that together give the whole list.
    """
    if per_type < 0:
        raise ValueError("per_type must be >= 0")
    levels = tuple(difficulties)
    if not levels or any(d not in DIFFICULTIES for d in levels):
        raise ValueError(f"difficulties must be drawn from {DIFFICULTIES}, got {levels}")
    tasks = [
        Task(unit=unit.id, type=ptype.id, index=i, difficulty=levels[i % len(levels)])
        for unit in sorted(units, key=lambda u: u.id)
        for ptype in unit.types
        for i in range(per_type)
    ]
    if shard is not None:
        k, n = shard
        if not (n >= 1 and 1 <= k <= n):
            raise ValueError(f"shard must be K/N with 1 <= K <= N, got {k}/{n}")
        tasks = tasks[k - 1 :: n]
    return tasks


def task_order_key(unit_ids_in_order: Sequence[str], registry: UnitRegistry) -> Callable[[dict[str, Any]], tuple]:
    """Sort key that restores canonical task order for merged shard outputs."""
    type_pos = {
        (u.id, t.id): (ui, ti)
        for ui, u in enumerate(sorted((registry[i] for i in unit_ids_in_order), key=lambda u: u.id))
        for ti, t in enumerate(u.types)
    }
    return lambda row: (*type_pos[(row["unit"], row["type"])], row["index"])


class ItemError(Exception):
    """An item failed at a named stage."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _stage(reason: str, func: Callable[..., Any], *args: Any) -> Any:
    try:
        return func(*args)
    except ItemError:
        raise
    except Exception as exc:  # unit code is third-party: classify every failure
        raise ItemError(reason, f"{type(exc).__name__}: {exc}") from exc


def _check_params(params: Any) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise ItemError("sampler_error", f"sampler returned {type(params).__name__}, not dict")
    try:
        json.dumps(params, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise ItemError("sampler_error", f"params are not JSON-serialisable: {exc}") from exc
    return params


def check_solution_text(solution: str, answer: str) -> None:
    """The CoT ends with exactly one ``\\boxed{answer}`` and has no polite forms."""
    boxed = boxed_contents(solution)
    if boxed != [answer]:
        raise ItemError("template_error", f"solution must contain exactly one \\boxed{{{answer}}}, found {boxed}")
    polite = POLITE_RE.search(solution)
    if polite:
        raise ItemError("style_error", f"polite form {polite.group(0)!r} in the solution")


def lint_stage(
    unit: Unit, ptype: ProblemType, problem: str, solution: str, answer: str, rules: Sequence[LintRule] | None
) -> LintOutcome:
    """The lint stage (mathft_core.lint): fixable rules normalise, other hits fail with reason ``lint``."""
    try:
        return lint_item(problem, solution, answer, rules, tolerate=tolerated_rules(unit.id, ptype.id))
    except LintFailure as exc:
        raise ItemError("lint", str(exc)) from exc


def make_item(
    unit: Unit,
    ptype: ProblemType,
    env: jinja2.Environment,
    *,
    seed: int,
    index: int,
    difficulty: int,
    check_latex: bool = False,
    surface: SurfaceMix | None = DEFAULT_MIX,
    lint_rules: Sequence[LintRule] | None = None,
) -> ProblemRecord:
    """Generate, solve, verify, render and lint one item (raises :class:`ItemError`).

    ``surface`` is the mix the problem text's surface style is drawn from (``None``: the
    text as the template wrote it); it never touches the sampler's stream. ``lint_rules``
    defaults to the built-in rules (a registry's ``lint_rules`` adds the plugins').
    """
    rng = item_rng(seed, unit.id, ptype.id, index)
    params = _check_params(_stage("sampler_error", ptype.sample, rng, difficulty))
    phrasing = rng.randrange(len(ptype.problem_templates))
    solution = _stage("solver_error", ptype.solve, params)
    verdict = _stage("verifier_error", ptype.verify, params, solution)
    if not isinstance(verdict, bool):
        raise ItemError("verifier_error", f"verifier returned {type(verdict).__name__}, expected bool")
    if verdict is not True:
        raise ItemError("verifier_rejected", f"verifier returned {verdict!r} for params {params}")
    try:
        check_verifier_sees_answer(ptype.verify, params, solution,
                                   pick=derive_seed(seed, unit.id, ptype.id, index, "mutation"))
    except VerifierBlind as exc:
        raise ItemError(VERIFIER_BLIND, str(exc)) from None
    if check_latex:
        matches = _stage("latex_error", latex_matches_value, solution.answer_latex, solution.answer)
        rearm()  # math-verify's own signal.alarm cancelled the item's time limit
        if not matches:
            raise ItemError("latex_mismatch", f"{solution.answer_latex!r} does not parse back to {solution.answer!r}")
    context = {"p": params, "s": solution.steps, "answer": solution.answer_latex, "difficulty": difficulty}
    problem = _stage("template_error", render, env, unit, ptype.problem_templates[phrasing], context)
    cot = _stage("template_error", render, env, unit, ptype.solution_template, context)
    linted = lint_stage(unit, ptype, problem, cot, solution.answer_latex, lint_rules)
    problem, cot = linted.problem, linted.solution
    check_solution_text(cot, solution.answer_latex)
    problem, surface_style = _surface(problem, surface, seed, unit.id, ptype.id, index)
    return ProblemRecord(
        id=item_id(unit.id, ptype.id, seed, index),
        unit=unit.id,
        type=ptype.id,
        course=unit.course,
        category=unit.category,
        shape=ptype.shape,
        difficulty=difficulty,
        seed=seed,
        index=index,
        phrasing=phrasing,
        surface=surface_style,
        params=params,
        problem=problem,
        solution=cot,
        answer=solution.answer_latex,
        answer_form=ptype.answer_form,
        verified=True,
        verdict="ok",
        lint=linted.hits,
    )


def _surface(
    problem: str, mix: SurfaceMix | None, seed: int, unit_id: str, type_id: str, index: int
) -> tuple[str, dict[str, str]]:
    """The problem text in the item's surface style (its own stream), and that style."""
    if mix is None:
        return problem, {}
    return _stage("surface_error", apply_surface, problem, mix.choose(seed, unit_id, type_id, index))


@attrs.define
class _WorkerState:
    registry: UnitRegistry
    env: jinja2.Environment
    seed: int
    check_latex: bool
    surface: SurfaceMix | None = DEFAULT_MIX
    item_timeout: float | None = DEFAULT_ITEM_TIMEOUT


_STATE: _WorkerState | None = None


def _init_state(
    registry: UnitRegistry | None, seed: int, check_latex: bool, template_dir: str | None,
    surface: SurfaceMix | None = DEFAULT_MIX,
    item_timeout: float | None = DEFAULT_ITEM_TIMEOUT, worker: bool = False,
) -> None:
    global _STATE
    if worker:
        die_with_parent()
    if registry is None:
        pm = get_plugin_manager()
        registry = collect_units(pm)
    else:
        pm = None
    env = build_environment(registry.all(), override_dir=template_dir, pm=pm)
    _STATE = _WorkerState(registry=registry, env=env, seed=seed, check_latex=check_latex, surface=surface,
                          item_timeout=item_timeout)


def _run_task(task: Task) -> ProblemRecord | GenerationFailure:
    state = _STATE
    if state is None:
        raise RuntimeError("worker not initialised")
    unit = state.registry[task.unit]
    ptype = unit.type(task.type)
    try:
        with time_limit(state.item_timeout):
            return make_item(
                unit, ptype, state.env, seed=state.seed, index=task.index,
                difficulty=task.difficulty, check_latex=state.check_latex, surface=state.surface,
                lint_rules=state.registry.lint_rules,
            )
    except ItemTimeout as exc:
        reason, detail = "timeout", str(exc)
    except ItemError as exc:
        reason, detail = exc.reason, exc.detail
    return GenerationFailure(
        id=item_id(task.unit, task.type, state.seed, task.index),
        unit=task.unit, type=task.type, index=task.index, reason=reason, detail=detail,
    )


def run_tasks(
    tasks: Sequence[Task],
    *,
    seed: int,
    registry: UnitRegistry,
    workers: int = 1,
    check_latex: bool = False,
    template_dir: str | None = None,
    entry_points_in_workers: bool = False,
    on_done: Callable[[int], None] | None = None,
    surface: SurfaceMix | None = DEFAULT_MIX,
    item_timeout: float | None = DEFAULT_ITEM_TIMEOUT,
) -> Iterator[ProblemRecord | GenerationFailure]:
    """Yield one result per task, in task order, using ``workers`` processes.

    Workers are forked where the platform allows (they inherit ``registry``); with
    ``entry_points_in_workers`` (or on spawn-only platforms) each worker reloads the
    installed plugins instead.
    """
    if workers <= 1 or len(tasks) < 2:
        _init_state(registry, seed, check_latex, template_dir, surface, item_timeout)
        for task in tasks:
            yield _run_task(task)
            if on_done:
                on_done(1)
        return
    methods = multiprocessing.get_all_start_methods()
    use_fork = "fork" in methods and not entry_points_in_workers
    ctx = multiprocessing.get_context("fork" if use_fork else "spawn")
    initargs = (registry if use_fork else None, seed, check_latex, template_dir, surface, item_timeout, True)
    chunk = max(1, min(64, len(tasks) // (workers * 8) or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_state, initargs=initargs) as pool:
        for result in pool.map(_run_task, tasks, chunksize=chunk):
            yield result
            if on_done:
                on_done(1)


@attrs.define
class GenerationSummary:
    """Counts for the end-of-run summary."""

    items: int = 0
    verified: int = 0
    failed: Counter[str] = attrs.field(factory=Counter)
    failures: list[GenerationFailure] = attrs.field(factory=list)
    per_unit: Counter[str] = attrs.field(factory=Counter)
    #: Items each lint rule fired on (fixed, tolerated or failed).
    lint: Counter[str] = attrs.field(factory=Counter)

    def add(self, result: ProblemRecord | GenerationFailure) -> None:
        self.items += 1
        if isinstance(result, ProblemRecord):
            self.verified += 1
            self.per_unit[result.unit] += 1
            self.lint.update(result.lint)
        else:
            self.failed[result.reason] += 1
            self.failures.append(result)
            if result.reason == "lint":
                self.lint[result.detail.split(" ", 1)[0]] += 1


def generate_records(
    registry: UnitRegistry,
    unit_ids: Iterable[str] | None = None,
    *,
    per_type: int,
    seed: int = 42,
    difficulties: Sequence[int] = DIFFICULTIES,
    workers: int = 1,
    shard: tuple[int, int] | None = None,
    check_latex: bool = False,
    on_done: Callable[[int], None] | None = None,
    surface: SurfaceMix | None = DEFAULT_MIX,
    item_timeout: float | None = DEFAULT_ITEM_TIMEOUT,
) -> tuple[list[ProblemRecord], GenerationSummary]:
    """Generate records for the given units (all when ``None``) and a summary."""
    ids = list(unit_ids) if unit_ids is not None else registry.ids()
    units = [registry[i] for i in ids]
    tasks = plan_tasks(units, per_type=per_type, difficulties=difficulties, shard=shard)
    summary = GenerationSummary()
    records: list[ProblemRecord] = []
    for result in run_tasks(
        tasks, seed=seed, registry=registry, workers=workers, check_latex=check_latex, on_done=on_done,
        surface=surface, item_timeout=item_timeout,
    ):
        summary.add(result)
        if isinstance(result, ProblemRecord):
            records.append(result)
    return records, summary


def default_workers() -> int:
    """Worker processes to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
