"""``mathft build``: generate, clean, dedup, decontaminate, split and export, stage by stage.

Each of the four data stages is cached under ``OUT/.cache`` by a hash of its inputs and
reused when they did not change. Every file is written atomically; ``manifest.json`` is
removed when a build starts and written last, so a folder without it is an unfinished build.
The result depends on the config and the installed units only (never on ``--workers``,
timing or the input mode), so a re-run, a killed-and-resumed run and a build merged from
shards give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs
import pluggy

from mathft_core import __version__
from mathft_core.build import contamination as ct
from mathft_core.build.cache import StageCache, content_key
from mathft_core.build.clean import clean_records, plugin_rules, select_rules
from mathft_core.build.config import BuildConfig
from mathft_core.build.dedup import dedup_records
from mathft_core.build.evalsets import TextItem, detect_format, read_hf, read_texts
from mathft_core.build.export import heldout_row, phase_a_row, phase_b_row, prompt_completion
from mathft_core.build.folder import MARKER, claim, locked, remove_own_temps
from mathft_core.build.lintcount import lint_counts, shard_lint_counts
from mathft_core.build.mix import mix_rows
from mathft_core.build.shards import merge_shards
from mathft_core.build.sources import is_source_record, load_source, source_counts, source_row
from mathft_core.build.split import plan_heldout, split_phases
from mathft_core.build.variety import variety_stats
from mathft_core.errors import InputFormatError, MathftError, PluginLoadError
from mathft_core.generate import generate_records, plan_tasks
from mathft_core.ids import require_id
from mathft_core.io import (
    atomic_write_bytes,
    atomic_write_text,
    jsonl_bytes,
    read_jsonl,
    sha256_file,
)
from mathft_core.plugins import UnitRegistry, collect_units, get_plugin_manager, require_units
from mathft_core.records import ProblemRecord

STAGE_VERSION = 1
MANIFEST = "manifest.json"
#: Every file a build writes into its folder (relative paths): the only ones whose stale
#: temporary files a later build removes.
OUTPUT_NAMES: tuple[str, ...] = (
    MANIFEST, MARKER, "items.jsonl", "heldout.jsonl", "contamination.jsonl", "contamination_by_eval.jsonl",
    "report.md", "charts/items_per_unit.png", "charts/clean_rules.png", "charts/dedup_clusters.png",
    "charts/contamination.png",
    *(f"{phase}/{part}{kind}" for phase in ("phase_a", "phase_b") for part in ("train", "val")
      for kind in (".jsonl", ".prompt_completion.jsonl")),
)
#: The summary note and warning of a build that checked no evaluation set.
NO_EVAL_SET = "NO evaluation set checked"


class BuildError(MathftError):
    """The build cannot produce a valid output (leak policy, empty unit, missing eval set)."""


class ProgressSink(Protocol):
    def stage(self, name: str, total: int | None) -> contextlib.AbstractContextManager[Callable[[int], None]]: ...


class NullProgress:
    """Progress sink that shows nothing."""

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Callable[[int], None]]:
        yield lambda _n: None


@attrs.define
class StageReport:
    """One line of the end-of-build summary."""

    name: str
    items_in: int
    items_out: int
    reused: bool
    seconds: float
    note: str = ""


@attrs.define
class BuildResult:
    out: Path
    manifest: dict[str, Any]
    stages: list[StageReport]
    warnings: list[str]

    @property
    def eval_sets_checked(self) -> int:
        """How many evaluation sets decontamination compared against."""
        return sum(1 for es in self.manifest["eval_sets"] if es.get("status") == "checked")


def _records(data: bytes) -> list[ProblemRecord]:
    return [ProblemRecord.from_json(json.loads(line)) for line in data.decode("utf-8").splitlines() if line]


def _rows(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@attrs.define
class _Context:
    config: BuildConfig
    registry: UnitRegistry
    pm: pluggy.PluginManager | None
    workers: int
    cache: StageCache
    progress: ProgressSink
    stages: list[StageReport] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)

    def run_stage(
        self, name: str, key: str, total: int | None, compute: Callable[[Callable[[int], None]], tuple[dict[str, bytes], dict[str, Any]]]
    ) -> tuple[dict[str, bytes], dict[str, Any], bool]:
        start = time.perf_counter()
        cached = self.cache.load(name, key)
        with self.progress.stage(name, total) as advance:
            if cached is not None:
                if total:
                    advance(total)
                files, meta = cached
                reused = True
            else:
                files, meta = compute(advance)
                self.cache.store(name, key, files, meta)
                reused = False
        meta = dict(meta)
        meta["_seconds"] = time.perf_counter() - start
        return files, meta, reused


def _selected_units(config: BuildConfig, registry: UnitRegistry) -> list[str]:
    ids = list(dict.fromkeys(config.items.units)) if config.items.units is not None else registry.ids()
    require_units(registry, ids)
    if not ids:
        raise BuildError("no units are installed or selected; install a unit plugin or set items.units")
    return sorted(ids)


def _stage_generate(ctx: _Context, unit_ids: list[str], from_shards: Sequence[Path] | None):
    config = ctx.config
    units = [ctx.registry[u] for u in unit_ids]
    n_types = sum(len(u.types) for u in units)
    per_type = config.items.per_type_for(n_types)
    cycle = config.items.difficulty_cycle()
    tasks = plan_tasks(units, per_type=per_type, difficulties=cycle)
    versions = {u: [ctx.registry.units[u].distribution, ctx.registry.units[u].version] for u in unit_ids}
    shard_hashes = [sha256_file(p) for p in from_shards] if from_shards else None
    lint_rules = ctx.registry.lint_rules
    key = content_key("generate", STAGE_VERSION, __version__, versions, per_type, cycle, config.seed,
                      config.items.check_latex, shard_hashes, attrs.asdict(config.surface),
                      "lint", [r.name for r in lint_rules])

    def compute(advance: Callable[[int], None]) -> tuple[dict[str, bytes], dict[str, Any]]:
        if from_shards:
            records, failed = merge_shards(from_shards, tasks, config.seed, registry=ctx.registry)
            lint = shard_lint_counts(records, lint_rules)
            advance(len(tasks))
        else:
            records, summary = generate_records(
                ctx.registry, unit_ids, per_type=per_type, seed=config.seed, difficulties=cycle,
                workers=ctx.workers, check_latex=config.items.check_latex, on_done=advance,
                surface=config.surface.mix(),
            )
            failed, lint = summary.failed, summary.lint
        meta = {"planned": len(tasks), "produced": len(records), "per_type": per_type,
                "failed": dict(sorted(failed.items())), "lint": lint_counts(lint, lint_rules)}
        return {"records.jsonl": jsonl_bytes(r.to_json() for r in records)}, meta

    files, meta, reused = ctx.run_stage("generate", key, len(tasks), compute)
    failed = sum(meta["failed"].values())
    note = f"{meta['per_type']} per type" + (f", {failed} failed" if failed else "")
    ctx.stages.append(StageReport("generate", meta["planned"], meta["produced"], reused, meta["_seconds"], note))
    return files["records.jsonl"], meta


def _stage_clean(ctx: _Context, data: bytes):
    rules = select_rules(ctx.config.clean, plugin_rules(ctx.pm))
    key = content_key("clean", STAGE_VERSION, __version__, _sha(data), attrs.asdict(ctx.config.clean),
                      [r.name for r in rules], _plugin_versions(ctx.pm))
    records = _records(data)

    def compute(advance: Callable[[int], None]):
        kept, stats = clean_records(records, rules, on_done=advance)
        return {"records.jsonl": jsonl_bytes(r.to_json() for r in kept), "stats.json": _json_bytes(stats.to_json())}, {
            "rules": [r.name for r in rules], "descriptions": {r.name: r.description for r in rules}}

    files, meta, reused = ctx.run_stage("clean", key, len(records), compute)
    stats = json.loads(files["stats.json"])
    kept = _records(files["records.jsonl"])
    dropped = sum(stats["dropped"].values())
    changed = sum(stats["changed"].values())
    ctx.stages.append(StageReport("clean", len(records), len(kept), reused, meta["_seconds"],
                                  f"{changed} changes, {dropped} dropped"))
    return files["records.jsonl"], stats, meta


def _stage_dedup(ctx: _Context, data: bytes):
    key = content_key("dedup", STAGE_VERSION, __version__, _sha(data), attrs.asdict(ctx.config.dedup))
    records = _records(data)

    def compute(advance: Callable[[int], None]):
        result = dedup_records(records, ctx.config.dedup, on_done=advance)
        return {"records.jsonl": jsonl_bytes(r.to_json() for r in result.kept),
                "stats.json": _json_bytes(result.to_json())}, {}

    files, meta, reused = ctx.run_stage("dedup", key, len(records), compute)
    stats = json.loads(files["stats.json"])
    ctx.stages.append(StageReport("dedup", len(records), stats["kept"], reused, meta["_seconds"],
                                  f"{stats['exact_dropped']} exact, {stats['near_dropped']} near"))
    return files["records.jsonl"], stats


def _load_eval_sets(ctx: _Context) -> tuple[list[TextItem], list[dict[str, Any]]]:
    items: list[TextItem] = []
    infos: list[dict[str, Any]] = []
    for es in ctx.config.contamination.eval_sets:
        if es.format == "hf":
            try:
                found = read_hf(es.path, split=es.split, field=es.field, source=es.name)
            except InputFormatError as exc:
                if not es.optional:
                    raise
                ctx.warnings.append(f"eval set {es.name!r}: {exc}: NOT checked")
                infos.append({"name": es.name, "status": "missing", "sha256": None, "items": 0})
                continue
            digest = _sha(jsonl_bytes([i.id, i.text] for i in found))
            infos.append({"name": es.name, "status": "checked", "format": "hf", "sha256": digest, "items": len(found)})
            items.extend(found)
            continue
        if not es.path.exists():
            if not es.optional:
                raise BuildError(f"eval set {es.name!r}: {es.path} not found (set optional = true to allow)")
            ctx.warnings.append(f"eval set {es.name!r} not found at {es.path}: NOT checked")
            infos.append({"name": es.name, "status": "missing", "sha256": None, "items": 0})
            continue
        fmt = detect_format(es.path) if es.format == "auto" else es.format
        found = read_texts(es.path, source=es.name, fmt=fmt, fields=("problem",))
        digest = sha256_file(es.path / "items.jsonl" if fmt == "build" else es.path)
        infos.append({"name": es.name, "status": "checked", "format": fmt, "sha256": digest, "items": len(found)})
        items.extend(found)
    for name, plugin, found in _plugin_eval_sets(ctx.pm, {es.name for es in ctx.config.contamination.eval_sets}):
        digest = _sha(jsonl_bytes([i.id, i.text] for i in found))
        infos.append({"name": name, "status": "checked", "format": "plugin", "plugin": plugin, "sha256": digest,
                      "items": len(found)})
        items.extend(found)
    return items, infos


def _plugin_eval_sets(pm: pluggy.PluginManager | None, taken: set[str]) -> list[tuple[str, str, list[TextItem]]]:
    """``(name, plugin, items)`` of every set registered through ``register_eval_sets``."""
    if pm is None:
        return []
    found: list[tuple[str, str, list[TextItem]]] = []
    for impl in sorted(pm.hook.register_eval_sets.get_hookimpls(), key=lambda i: i.plugin_name):
        plugin = impl.plugin_name

        def register(name: str, load: Callable[[], Any], _plugin: str = plugin) -> None:
            if not isinstance(name, str) or not name or name in taken:
                raise PluginLoadError(f"plugin {_plugin!r}: eval set name {name!r} is empty or already used")
            try:
                pairs = list(load())
                items = [TextItem(source=name, id=require_id(i, f"plugin {_plugin!r} eval set {name!r}", n), text=t)
                         for n, (i, t) in enumerate(pairs, start=1)]
            except (MathftError, TypeError, ValueError) as exc:
                raise PluginLoadError(f"plugin {_plugin!r}: eval set {name!r}: {exc}") from None
            if not items or any(not isinstance(i.text, str) or not i.text.strip() for i in items):
                raise PluginLoadError(f"plugin {_plugin!r}: eval set {name!r} is empty or holds a non-text problem")
            if len({i.id for i in items}) != len(items):
                raise PluginLoadError(f"plugin {_plugin!r}: eval set {name!r} has duplicate ids")
            taken.add(name)
            found.append((name, _plugin, items))

        impl.function(register=register)
    return found


def _stage_contamination(ctx: _Context, data: bytes):
    cfg = ctx.config.contamination
    eval_items, infos = _load_eval_sets(ctx)
    key = content_key("decontaminate", STAGE_VERSION, __version__, _sha(data), attrs.asdict(cfg, filter=lambda a, _v: a.name != "eval_sets"),
                      [(i["name"], i["sha256"]) for i in infos])
    records = _records(data)
    thresholds = ct.Thresholds(ngram=cfg.ngram, same_template=cfg.same_template_threshold, leak=cfg.leak_threshold)

    def compute(advance: Callable[[int], None]):
        train = [
            TextItem(source="train", id=r.id, unit=r.unit,
                     text="\n".join(getattr(r, f) for f in cfg.train_fields))
            for r in records
        ]
        pairs = ct.flag_pairs(eval_items, train, thresholds, workers=ctx.workers, on_done=advance)
        by_eval = ct.summarize_by_eval(eval_items, pairs)
        return {"pairs.jsonl": jsonl_bytes(p.to_json() for p in pairs),
                "by_eval.jsonl": jsonl_bytes(by_eval)}, {}

    files, meta, reused = ctx.run_stage("decontaminate", key, len(records), compute)
    pairs = _rows(files["pairs.jsonl"])
    by_eval = _rows(files["by_eval.jsonl"])
    leak_ids = {p["train_id"] for p in pairs if p["verdict"] == ct.LEAK}
    template_ids = {p["train_id"] for p in pairs if p["verdict"] == ct.SAME_TEMPLATE} - leak_ids
    drop = set(leak_ids)
    if cfg.same_template_policy == "drop":
        drop |= template_ids
    kept = [r for r in records if r.id not in drop]
    before_units = Counter(r.unit for r in records)
    after_units = Counter(r.unit for r in kept)
    emptied = sorted(u for u in before_units if not after_units[u])
    stats = {
        "eval_sets": infos, "eval_items": len(by_eval), "pairs": len(pairs),
        "pairs_by_verdict": dict(sorted(Counter(p["verdict"] for p in pairs).items())),
        "eval_by_verdict": dict(sorted(Counter(r["verdict"] for r in by_eval).items())),
        "train_leak": len(leak_ids), "train_same_template": len(template_ids), "dropped": len(drop),
        "dropped_by_unit": dict(sorted(Counter(r.unit for r in records if r.id in drop).items())),
        "flagged_by_unit": {
            u: {"leak": sum(1 for r in records if r.unit == u and r.id in leak_ids),
                "same_template": sum(1 for r in records if r.unit == u and r.id in template_ids),
                "items_before": before_units[u], "items_after": after_units[u]}
            for u in sorted({r.unit for r in records if r.id in leak_ids | template_ids})
        },
    }
    note = f"{len(leak_ids)} leak, {len(template_ids)} same template"
    if not any(i["status"] == "checked" for i in infos):
        note = NO_EVAL_SET
        ctx.warnings.append(f"{NO_EVAL_SET}: nothing was decontaminated; name evaluation sets in "
                            "[[contamination.eval_sets]] of the build config (see docs/build.md)")
    ctx.stages.append(StageReport("decontaminate", len(records), len(kept), reused, meta["_seconds"], note))
    failure = None
    if leak_ids and cfg.leak_policy == "fail":
        first = next(p for p in pairs if p["verdict"] == ct.LEAK)
        failure = (f"{len(leak_ids)} training items contain an eval item near-verbatim (leak_policy = \"fail\"); "
                   f"first: {first['train_id']} contains {first['eval_set']}:{first['eval_id']} "
                   f"(score {first['raw_score']}); see contamination.jsonl")
    elif emptied:
        failure = (f"decontamination would empty unit(s) {emptied}; "
                   "keep same-template items (same_template_policy = \"keep\") or raise the threshold")
    return kept, pairs, by_eval, stats, failure


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _plugin_versions(pm: pluggy.PluginManager | None) -> dict[str, str]:
    if pm is None:
        return {}
    dists = getattr(pm, "mathft_dists", {})
    return {name: f"{d} {v}" for name, (d, v) in sorted(dists.items())}


class _Writer:
    """Writes final outputs atomically and remembers their sha256 and row counts."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, dict[str, Any]] = {}

    def jsonl(self, name: str, rows: Sequence[Any]) -> None:
        data = jsonl_bytes(rows)
        self.files[name] = {"sha256": atomic_write_bytes(self.out / name, data), "rows": len(rows)}

    def raw(self, name: str, data: bytes, rows: int | None = None) -> None:
        self.files[name] = {"sha256": atomic_write_bytes(self.out / name, data), "rows": rows}


def run_build(
    config: BuildConfig,
    *,
    workers: int = 1,
    from_shards: Sequence[Path] | None = None,
    registry: UnitRegistry | None = None,
    pm: pluggy.PluginManager | None = None,
    progress: ProgressSink | None = None,
    use_cache: bool = True,
    force: bool = False,
) -> BuildResult:
    """Run every stage into ``config.out`` and return the manifest and stage summary.

    The folder must be empty, new or a mathft build (``force`` skips that check); it is
    locked for the whole build.
    """
    for shard in from_shards or ():
        if not Path(shard).is_file():
            raise InputFormatError(shard, None, None, "shard file not found" if not Path(shard).exists()
                                   else "is not a file")
    claim(config.out, force=force)
    with locked(config.out):
        return _build(config, workers=workers, from_shards=from_shards, registry=registry, pm=pm,
                      progress=progress, use_cache=use_cache)


def _build(
    config: BuildConfig,
    *,
    workers: int,
    from_shards: Sequence[Path] | None,
    registry: UnitRegistry | None,
    pm: pluggy.PluginManager | None,
    progress: ProgressSink | None,
    use_cache: bool,
) -> BuildResult:
    out = config.out
    with contextlib.suppress(FileNotFoundError):
        (out / MANIFEST).unlink()
    remove_own_temps(out, OUTPUT_NAMES)
    if registry is None:
        pm = get_plugin_manager()
        registry = collect_units(pm)
    ctx = _Context(config=config, registry=registry, pm=pm, workers=max(1, workers),
                   cache=StageCache(out / ".cache", enabled=use_cache), progress=progress or NullProgress())
    ctx.warnings.extend(str(p) for p in registry.problems)
    unit_ids = _selected_units(config, registry)

    generated, gen_meta = _stage_generate(ctx, unit_ids, [Path(p) for p in from_shards] if from_shards else None)
    source_records = [r for s in config.data_sources for r in load_source(s)]
    cleaned, clean_stats, clean_meta = _stage_clean(ctx, generated + jsonl_bytes(r.to_json() for r in source_records))
    deduped, dedup_stats = _stage_dedup(ctx, cleaned)
    items, pairs, by_eval, contam_stats, failure = _stage_contamination(ctx, deduped)

    writer = _Writer(out)
    writer.jsonl("contamination.jsonl", pairs)
    writer.jsonl("contamination_by_eval.jsonl", by_eval)
    if failure:
        raise BuildError(failure)

    start = time.perf_counter()
    with ctx.progress.stage("split+export", len(items)) as advance:
        phrasing_counts = {
            (u, t.id): len(t.problem_templates) for u in unit_ids for t in registry[u].types
        }
        heldout_plan = plan_heldout(config.seed, phrasing_counts, config.heldout)
        external = [r for r in items if is_source_record(r)]
        generated_items = [r for r in items if not is_source_record(r)]
        heldout = [r for r in generated_items if heldout_plan.holds(r)]
        trainable = [r for r in generated_items if not heldout_plan.holds(r)]
        split = split_phases(trainable, config.split, cap=config.mix.val_max_rows, seed=config.seed)
        pools = {"cot": [phase_a_row(r) for r in split.train], "answer": [phase_b_row(r) for r in split.train]}
        for source in config.data_sources:
            pools[f"source:{source.name}"] = [source_row(r) for r in external if r.unit == f"source.{source.name}"]
        writer.jsonl("items.jsonl", [r.to_json() for r in items])
        writer.jsonl("heldout.jsonl", [heldout_row(r) for r in heldout])
        realised: dict[str, list[dict[str, Any]]] = {}
        sizes: dict[str, dict[str, int]] = {}
        for phase, make, val in (("phase_a", phase_a_row, split.val_a), ("phase_b", phase_b_row, split.val_b)):
            train_rows, realised[phase] = mix_rows(config.seed, phase, getattr(config.mix, phase), pools)
            val_rows = [make(r) for r in val]
            sizes[phase] = {"train": len(train_rows), "val": len(val_rows)}
            for part_name, rows in (("train", train_rows), ("val", val_rows)):
                writer.jsonl(f"{phase}/{part_name}.jsonl", rows)
                writer.jsonl(f"{phase}/{part_name}.prompt_completion.jsonl", [prompt_completion(r) for r in rows])
        advance(len(items))
    ctx.stages.append(StageReport(
        "split+export", len(items), len(trainable), False, time.perf_counter() - start,
        f"{len(heldout)} heldout, A {sizes['phase_a']['train']}/{sizes['phase_a']['val']}, "
        f"B {sizes['phase_b']['train']}/{sizes['phase_b']['val']}"))

    counts = {
        "generated": gen_meta["produced"], "planned": gen_meta["planned"], "per_type": gen_meta["per_type"],
        "generation_failed": gen_meta["failed"], "lint": gen_meta["lint"],
        "cleaned": len(_records(cleaned)), "clean_changed": clean_stats["changed"], "clean_dropped": clean_stats["dropped"],
        "dedup_exact_dropped": dedup_stats["exact_dropped"], "dedup_near_dropped": dedup_stats["near_dropped"],
        "dedup_clusters": dedup_stats["clusters"],
        "decontaminated": len(items), "contamination": {k: v for k, v in contam_stats.items() if k != "flagged_by_unit"},
        "items": len(items), "heldout": len(heldout), "trainable": len(trainable),
        "phase_a": sizes["phase_a"], "phase_b": sizes["phase_b"],
        "mix": realised,
        "sources": source_counts(config.data_sources, source_records, _records(cleaned), _records(deduped), items),
    }

    variety = variety_stats(generated_items)
    writer.raw("variety.json", _json_bytes(variety))
    counts["variety"] = {k: v for k, v in variety.items() if k not in ("per_type", "shapes_by_unit")}
    counts["variety"]["duplicates_dropped_share"] = round(
        (dedup_stats["exact_dropped"] + dedup_stats["near_dropped"]) / counts["cleaned"], 4) if counts["cleaned"] else 0.0

    start = time.perf_counter()
    with ctx.progress.stage("report", None) as advance:
        from mathft_core.build.report import write_report

        write_report(
            writer, items=items, generated=_records(generated), counts=counts, clean_stats=clean_stats,
            clean_descriptions=clean_meta["descriptions"], dedup_stats=dedup_stats, contam_stats=contam_stats,
            pairs=pairs, by_eval=by_eval, heldout_plan=heldout_plan.to_json(), variety=variety,
            lint_rules={r.name: (r.fixable, r.description) for r in registry.lint_rules},
        )
        advance(1)
    ctx.stages.append(StageReport("report", len(items), len(items), False, time.perf_counter() - start))

    plugins = {r.distribution: r.version for u in unit_ids for r in [registry.units[u]]}
    plugins.update({d: v for d, v in (s.split(" ", 1) for s in _plugin_versions(pm).values()) if d not in plugins})
    config_json = config.to_json()
    config_json.pop("out")
    for es in config_json["contamination"]["eval_sets"]:
        es["path"] = Path(es["path"]).name
    manifest = {
        "mathft_version": __version__,
        "plugins": dict(sorted(plugins.items())),
        "seed": config.seed,
        "config_hash": config.content_hash(),
        "config": config_json,
        "units": unit_ids,
        "eval_sets": contam_stats["eval_sets"],
        "counts": counts,
        "files": dict(sorted(writer.files.items())),
    }
    atomic_write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return BuildResult(out=out, manifest=manifest, stages=ctx.stages, warnings=ctx.warnings)


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of a finished build (raises if the build did not finish)."""
    path = out / MANIFEST
    if not path.exists():
        raise BuildError(f"{out} has no {MANIFEST}: the build did not finish")
    return json.loads(path.read_text(encoding="utf-8"))


def verify_outputs(out: Path) -> list[str]:
    """Files whose bytes or row counts differ from the manifest (empty list: all intact)."""
    manifest = read_manifest(out)
    bad = []
    for name, info in manifest["files"].items():
        path = out / name
        if not path.exists() or sha256_file(path) != info["sha256"] or (info["rows"] is not None and sum(1 for _ in read_jsonl(path)) != info["rows"]):
            bad.append(name)
    return bad
