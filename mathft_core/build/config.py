"""The build configuration: the shipped TOML default, merged with a user file and validated.

Every key is checked (type, range, unknown names) and a bad value raises
:class:`~mathft_core.errors.InputFormatError` naming the file, the line and the key.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from mathft_core.build.mix import MixComponent
from mathft_core.build.sources import (
    DEFAULT_FIELDS,
    DEFAULT_STYLE,
    ROW_STYLES,
    SOURCE_FORMATS,
    SourceConfig,
)
from mathft_core.errors import InputFormatError
from mathft_core.io import read_text
from mathft_core.surface import ENDINGS, GAPS, MATH_STYLES, PUNCTUATIONS, SPACINGS, SurfaceMix

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_CONFIG_NAME = "build.default.toml"
EVAL_FORMATS = ("auto", "jsonl", "tsv", "text", "build", "hf")


@attrs.frozen(kw_only=True)
class ItemsConfig:
    units: tuple[str, ...] | None
    total: int
    per_type: int
    difficulty_mix: tuple[tuple[int, int], ...]
    check_latex: bool

    def difficulty_cycle(self) -> tuple[int, ...]:
        """The level sequence that item indices cycle through (weights as repeats)."""
        return tuple(level for level, weight in self.difficulty_mix for _ in range(weight))

    def per_type_for(self, n_types: int) -> int:
        """Items per problem type: ``per_type`` if set, else ``ceil(total / n_types)``."""
        if self.per_type > 0:
            return self.per_type
        return math.ceil(self.total / n_types) if n_types else 0


@attrs.frozen(kw_only=True)
class CleanConfig:
    disable: tuple[str, ...]
    length_fields: tuple[str, ...]
    length_budget: int
    head_fraction: float
    min_repeat_chars: int
    min_compression_ratio: float
    loop_min_bytes: int
    extra_phrases: tuple[str, ...]


@attrs.frozen(kw_only=True)
class DedupConfig:
    ngram: int
    num_perm: int
    threshold: float
    max_per_cluster: int


@attrs.frozen(kw_only=True)
class EvalSetConfig:
    name: str
    path: Path
    format: str
    optional: bool
    #: format "hf" only: the split to load and the column holding the problem text
    split: str = "test"
    field: str = "problem"


@attrs.frozen(kw_only=True)
class ContaminationConfig:
    ngram: int
    same_template_threshold: float
    leak_threshold: float
    leak_policy: str
    same_template_policy: str
    train_fields: tuple[str, ...]
    eval_sets: tuple[EvalSetConfig, ...]


@attrs.frozen(kw_only=True)
class SplitConfig:
    phase_a_train: float
    phase_b_train: float


@attrs.frozen(kw_only=True)
class MixConfig:
    """Per-phase training mixes (see :mod:`mathft_core.build.mix`) and the validation cap."""

    phase_a: tuple[MixComponent, ...]
    phase_b: tuple[MixComponent, ...]
    val_max_rows: int


@attrs.frozen(kw_only=True)
class HeldoutConfig:
    phrasing_types: float
    hardest_types: float
    hardest_level: int


@attrs.frozen(kw_only=True)
class SurfaceConfig:
    """Surface variety of problem texts: on/off and the weights of each style."""

    enabled: bool
    punctuation: tuple[tuple[str, int], ...]
    ending: tuple[tuple[str, int], ...]
    math: tuple[tuple[str, int], ...]
    spacing: tuple[tuple[str, int], ...]
    gap: tuple[tuple[str, int], ...]

    def mix(self) -> SurfaceMix | None:
        """The mix generation draws styles from (``None`` when surface variety is off)."""
        if not self.enabled:
            return None
        return SurfaceMix(punctuation=self.punctuation, ending=self.ending, math=self.math, spacing=self.spacing,
                          gap=self.gap)


#: Surface style dimensions and the styles each allows.
SURFACE_STYLES: dict[str, tuple[str, ...]] = {
    "punctuation": tuple(PUNCTUATIONS), "ending": ENDINGS, "math": MATH_STYLES, "spacing": SPACINGS,
    "gap": GAPS,
}
#: Tables that a user config replaces whole instead of merging key by key.
_REPLACED_TABLES = frozenset({"difficulty_mix", *SURFACE_STYLES})


@attrs.frozen(kw_only=True)
class BuildConfig:
    seed: int
    out: Path
    items: ItemsConfig
    clean: CleanConfig
    dedup: DedupConfig
    contamination: ContaminationConfig
    split: SplitConfig
    heldout: HeldoutConfig
    surface: SurfaceConfig
    mix: MixConfig
    data_sources: tuple[SourceConfig, ...]
    sources: tuple[str, ...] = attrs.field(eq=False)

    def to_json(self) -> dict[str, Any]:
        """The resolved configuration as plain JSON (paths as strings)."""

        def convert(_inst: Any, _field: Any, value: Any) -> Any:
            return str(value) if isinstance(value, Path) else value

        data = attrs.asdict(self, value_serializer=convert)
        data.pop("sources")
        data["data_sources"] = [s.to_json() for s in self.data_sources]
        return data

    def content_hash(self) -> str:
        """sha256 of everything that decides the output bytes (not ``out`` nor sources)."""
        data = self.to_json()
        data.pop("out")
        for item in data["contamination"]["eval_sets"]:
            item.pop("path")  # eval sets enter stage hashes by content, not by location
        for item in data["data_sources"]:
            item.pop("path")  # sources likewise
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict) and key not in _REPLACED_TABLES:
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class _Checker:
    """Reads typed values from a merged table, naming file/line/key on errors."""

    def __init__(self, origins: dict[str, tuple[str, str]]) -> None:
        self.origins = origins  # dotted key -> (file, text)

    def error(self, key: str, message: str) -> InputFormatError:
        top = key.split(".")[0].split("[")[0]
        path, text = self.origins.get(key, self.origins.get(top, ("<default>", "")))
        leaf = key.rsplit(".", 1)[-1].split("[")[0]
        line = None
        pattern = re.compile(rf"^\s*(\[+\s*)?[\w.]*\b{re.escape(leaf)}\b")
        for number, row in enumerate(text.splitlines(), start=1):
            if pattern.match(row):
                line = number
                break
        return InputFormatError(path, line, key, message)

    def get(self, table: Mapping[str, Any], prefix: str, key: str, kind: type | tuple[type, ...]) -> Any:
        full = f"{prefix}.{key}" if prefix else key
        if key not in table:
            raise self.error(full, "missing key")
        value = table[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.error(full, f"expected a number, got {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(full, f"expected {names}, got {type(value).__name__} {value!r}")
        return value

    def fraction(self, table: Mapping[str, Any], prefix: str, key: str, *, open_low: bool = False) -> float:
        value = float(self.get(table, prefix, key, (int, float)))
        if not (0.0 < value <= 1.0 if open_low else 0.0 <= value <= 1.0):
            raise self.error(f"{prefix}.{key}", f"must be within {'(0' if open_low else '[0'}, 1], got {value}")
        return value

    def positive(self, table: Mapping[str, Any], prefix: str, key: str, *, zero: bool = False) -> int:
        value = self.get(table, prefix, key, int)
        if value < 0 or (value == 0 and not zero):
            raise self.error(f"{prefix}.{key}", f"must be {'>= 0' if zero else '> 0'}, got {value}")
        return value

    def strings(self, table: Mapping[str, Any], prefix: str, key: str) -> tuple[str, ...]:
        value = self.get(table, prefix, key, list)
        if not all(isinstance(v, str) for v in value):
            raise self.error(f"{prefix}.{key}", "expected a list of strings")
        return tuple(value)

    def choice(self, table: Mapping[str, Any], prefix: str, key: str, options: tuple[str, ...]) -> str:
        value = self.get(table, prefix, key, str)
        if value not in options:
            raise self.error(f"{prefix}.{key}", f"must be one of {list(options)}, got {value!r}")
        return value

    def no_extra(self, table: Mapping[str, Any], prefix: str, known: set[str]) -> None:
        for key in table:
            if key not in known:
                full = f"{prefix}.{key}" if prefix else key
                raise self.error(full, f"unknown key (known: {', '.join(sorted(known))})")


_SECTIONS = {"seed", "out", "items", "clean", "dedup", "contamination", "split", "heldout", "surface",
             "mix", "sources"}
SOURCE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MIX_ROWS = ("cot", "answer")


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    if not path.exists():
        raise InputFormatError(path, None, None, "config file not found")
    text = read_text(path)  # a folder, an unreadable or a non-UTF-8 file names itself
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputFormatError(path, line, None, f"invalid TOML: {exc}") from None


def default_config_text() -> str:
    """Text of the shipped default configuration."""
    return resources.files("mathft_core.data").joinpath(DEFAULT_CONFIG_NAME).read_text(encoding="utf-8")


def load_config(path: str | Path | None = None, *, overrides: Mapping[str, Any] | None = None) -> BuildConfig:
    """The default config merged with ``path`` (if given) and ``overrides``; validated."""
    default_text = default_config_text()
    data = tomllib.loads(default_text)
    origins: dict[str, tuple[str, str]] = {k: (DEFAULT_CONFIG_NAME, default_text) for k in data}
    base_dirs: dict[str, Path] = {"out": Path.cwd(), "eval_sets": Path.cwd(), "sources": Path.cwd()}
    sources = [DEFAULT_CONFIG_NAME]
    if path is not None:
        path = Path(path)
        user, text = _read_toml(path)
        for key in user:
            origins[key] = (str(path), text)
        if "out" in user:
            base_dirs["out"] = path.resolve().parent
        if "eval_sets" in user.get("contamination", {}):
            base_dirs["eval_sets"] = path.resolve().parent
        if "sources" in user:
            base_dirs["sources"] = path.resolve().parent
        data = _deep_merge(data, user)
        sources.append(str(path))
    if overrides:
        data = _deep_merge(data, overrides)
    return _validate(data, _Checker(origins), base_dirs, tuple(sources))


def _validate(data: dict[str, Any], c: _Checker, base_dirs: dict[str, Path], sources: tuple[str, ...]) -> BuildConfig:
    c.no_extra(data, "", _SECTIONS)
    seed = c.get(data, "", "seed", int)
    out = Path(c.get(data, "", "out", (str, Path)))
    out = out if out.is_absolute() else base_dirs["out"] / out

    it = c.get(data, "", "items", dict)
    c.no_extra(it, "items", {"units", "total", "per_type", "difficulty_mix", "check_latex"})
    units_value = c.get(it, "items", "units", (str, list))
    if isinstance(units_value, str):
        if units_value != "all":
            raise c.error("items.units", f'expected "all" or a list of unit ids, got {units_value!r}')
        units = None
    else:
        units = c.strings(it, "items", "units")
    mix_table = c.get(it, "items", "difficulty_mix", dict)
    mix = []
    for level, weight in sorted(mix_table.items(), key=lambda kv: str(kv[0])):
        if str(level) not in {"1", "2", "3", "4", "5"}:
            raise c.error(f"items.difficulty_mix.{level}", "difficulty levels are 1-5")
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise c.error(f"items.difficulty_mix.{level}", f"weight must be an integer >= 0, got {weight!r}")
        if weight:
            mix.append((int(level), weight))
    if not mix:
        raise c.error("items.difficulty_mix", "at least one level needs a weight > 0")
    items = ItemsConfig(
        units=units,
        total=c.positive(it, "items", "total", zero=True),
        per_type=c.positive(it, "items", "per_type", zero=True),
        difficulty_mix=tuple(mix),
        check_latex=c.get(it, "items", "check_latex", bool),
    )
    if items.total == 0 and items.per_type == 0:
        raise c.error("items.total", "set items.total or items.per_type above 0")

    cl = c.get(data, "", "clean", dict)
    c.no_extra(cl, "clean", {f.name for f in attrs.fields(CleanConfig)})
    clean = CleanConfig(
        disable=c.strings(cl, "clean", "disable"),
        length_fields=c.strings(cl, "clean", "length_fields"),
        length_budget=c.positive(cl, "clean", "length_budget"),
        head_fraction=c.fraction(cl, "clean", "head_fraction"),
        min_repeat_chars=c.positive(cl, "clean", "min_repeat_chars"),
        min_compression_ratio=c.fraction(cl, "clean", "min_compression_ratio"),
        loop_min_bytes=c.positive(cl, "clean", "loop_min_bytes"),
        extra_phrases=c.strings(cl, "clean", "extra_phrases"),
    )
    for field in clean.length_fields:
        if field not in ("problem", "solution"):
            raise c.error("clean.length_fields", f"unknown field {field!r} (problem, solution)")

    dd = c.get(data, "", "dedup", dict)
    c.no_extra(dd, "dedup", {f.name for f in attrs.fields(DedupConfig)})
    dedup = DedupConfig(
        ngram=c.positive(dd, "dedup", "ngram"),
        num_perm=c.positive(dd, "dedup", "num_perm"),
        threshold=c.fraction(dd, "dedup", "threshold", open_low=True),
        max_per_cluster=c.positive(dd, "dedup", "max_per_cluster", zero=True),
    )

    ct = c.get(data, "", "contamination", dict)
    c.no_extra(ct, "contamination", {f.name for f in attrs.fields(ContaminationConfig)})
    eval_sets = []
    names: set[str] = set()
    for i, es in enumerate(c.get(ct, "contamination", "eval_sets", list)):
        prefix = f"contamination.eval_sets[{i}]"
        if not isinstance(es, dict):
            raise c.error(prefix, "each eval set is a table")
        c.no_extra(es, prefix, {"name", "path", "format", "optional", "split", "field"})
        name = c.get(es, prefix, "name", str)
        if name in names:
            raise c.error(f"{prefix}.name", f"eval set name {name!r} is used twice")
        names.add(name)
        raw = Path(c.get(es, prefix, "path", str))
        fmt = c.choice(es, prefix, "format", EVAL_FORMATS)
        local = raw if raw.is_absolute() else base_dirs["eval_sets"] / raw
        extra = {k: es[k] for k in ("split", "field") if k in es}
        for key, value in extra.items():
            if fmt != "hf":
                raise c.error(f"{prefix}.{key}", 'only a format = "hf" eval set takes this key')
            if not isinstance(value, str) or not value:
                raise c.error(f"{prefix}.{key}", "must be a non-empty string")
        eval_sets.append(
            EvalSetConfig(
                name=name,
                # a Hugging Face dataset id stays as written unless it names a local folder
                path=local if fmt != "hf" or local.exists() else raw,
                format=fmt,
                optional=c.get(es, prefix, "optional", bool),
                **extra,
            )
        )
    contamination = ContaminationConfig(
        ngram=c.positive(ct, "contamination", "ngram"),
        same_template_threshold=c.fraction(ct, "contamination", "same_template_threshold", open_low=True),
        leak_threshold=c.fraction(ct, "contamination", "leak_threshold", open_low=True),
        leak_policy=c.choice(ct, "contamination", "leak_policy", ("drop", "fail")),
        same_template_policy=c.choice(ct, "contamination", "same_template_policy", ("keep", "drop")),
        train_fields=c.strings(ct, "contamination", "train_fields"),
        eval_sets=tuple(eval_sets),
    )
    for field in contamination.train_fields:
        if field not in ("problem", "solution", "answer"):
            raise c.error("contamination.train_fields", f"unknown field {field!r} (problem, solution, answer)")

    sp = c.get(data, "", "split", dict)
    c.no_extra(sp, "split", {"phase_a_train", "phase_b_train"})
    split = SplitConfig(
        phase_a_train=c.fraction(sp, "split", "phase_a_train", open_low=True),
        phase_b_train=c.fraction(sp, "split", "phase_b_train", open_low=True),
    )
    ho = c.get(data, "", "heldout", dict)
    c.no_extra(ho, "heldout", {"phrasing_types", "hardest_types", "hardest_level"})
    heldout = HeldoutConfig(
        phrasing_types=c.fraction(ho, "heldout", "phrasing_types"),
        hardest_types=c.fraction(ho, "heldout", "hardest_types"),
        hardest_level=c.positive(ho, "heldout", "hardest_level"),
    )
    if not 1 <= heldout.hardest_level <= 5:
        raise c.error("heldout.hardest_level", f"must be within 1-5, got {heldout.hardest_level}")
    data_sources = _sources(data, c, base_dirs["sources"])
    mix = _mix(data, c, {s.name for s in data_sources})
    return BuildConfig(
        seed=seed, out=out, items=items, clean=clean, dedup=dedup, contamination=contamination,
        split=split, heldout=heldout, surface=_validate_surface(data, c), mix=mix,
        data_sources=data_sources, sources=sources,
    )


def _validate_surface(data: dict[str, Any], c: _Checker) -> SurfaceConfig:
    su = c.get(data, "", "surface", dict)
    c.no_extra(su, "surface", {"enabled", *SURFACE_STYLES})
    weights: dict[str, tuple[tuple[str, int], ...]] = {}
    for dim, allowed in SURFACE_STYLES.items():
        table = c.get(su, "surface", dim, dict)
        pairs = []
        for name, weight in table.items():
            if name not in allowed:
                raise c.error(f"surface.{dim}", f"unknown style {name!r} (known: {', '.join(allowed)})")
            if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
                raise c.error(f"surface.{dim}", f"weight of {name!r} must be an integer >= 0, got {weight!r}")
            pairs.append((name, weight))
        if not any(w for _, w in pairs):
            raise c.error(f"surface.{dim}", "at least one style needs a weight > 0")
        weights[dim] = tuple(pairs)
    return SurfaceConfig(enabled=c.get(su, "surface", "enabled", bool), **weights)


def _sources(data: dict[str, Any], c: _Checker, base: Path) -> tuple[SourceConfig, ...]:
    out: list[SourceConfig] = []
    for i, entry in enumerate(c.get(data, "", "sources", list)):
        prefix = f"sources[{i}]"
        if not isinstance(entry, dict):
            raise c.error(prefix, "each source is a table")
        c.no_extra(entry, prefix, {"name", "kind", "path", "format", "as", "fields", "dataset", "config", "split",
                                   "limit"})
        name = c.get(entry, prefix, "name", str)
        if not SOURCE_NAME_RE.match(name) or name in {s.name for s in out}:
            raise c.error(f"{prefix}.name", f"source names are unique and match {SOURCE_NAME_RE.pattern}, got {name!r}")
        kind = c.choice(entry, prefix, "kind", ("jsonl", "hf"))
        fmt = c.choice(entry, prefix, "format", SOURCE_FORMATS)
        style = c.choice(entry, prefix, "as", ROW_STYLES) if "as" in entry else DEFAULT_STYLE[fmt]
        fields = dict(DEFAULT_FIELDS[fmt])
        if "fields" in entry:
            table = c.get(entry, prefix, "fields", dict)
            c.no_extra(table, f"{prefix}.fields", set(fields))
            for key in table:
                fields[key] = c.get(table, f"{prefix}.fields", key, str)
        path = None
        if kind == "jsonl":
            raw = Path(c.get(entry, prefix, "path", str))
            path = raw if raw.is_absolute() else base / raw
        dataset = c.get(entry, prefix, "dataset", str) if kind == "hf" else ""
        out.append(SourceConfig(
            name=name, kind=kind, format=fmt, style=style, fields=fields, path=path, dataset=dataset,
            config=c.get(entry, prefix, "config", str) if "config" in entry else "",
            split=c.get(entry, prefix, "split", str) if "split" in entry else "train",
            limit=c.positive(entry, prefix, "limit", zero=True) if "limit" in entry else 0,
        ))
    return tuple(out)


def _mix(data: dict[str, Any], c: _Checker, source_names: set[str]) -> MixConfig:
    table = c.get(data, "", "mix", dict)
    c.no_extra(table, "mix", {"phase_a", "phase_b", "val_max_rows"})
    allowed = set(MIX_ROWS) | {f"source:{n}" for n in source_names}
    phases: dict[str, tuple[MixComponent, ...]] = {}
    for phase in ("phase_a", "phase_b"):
        components: list[MixComponent] = []
        for i, entry in enumerate(c.get(table, "mix", phase, list)):
            prefix = f"mix.{phase}[{i}]"
            if not isinstance(entry, dict):
                raise c.error(prefix, "each mix entry is a table: { rows = ..., weight = ... }")
            c.no_extra(entry, prefix, {"rows", "weight", "repeat"})
            rows = c.get(entry, prefix, "rows", str)
            if rows not in allowed:
                raise c.error(f"{prefix}.rows", f"must be one of {sorted(allowed)}, got {rows!r}")
            if rows in {m.rows for m in components}:
                raise c.error(f"{prefix}.rows", f"{rows!r} is listed twice")
            if ("weight" in entry) == ("repeat" in entry):
                raise c.error(prefix, "give exactly one of weight (share of rows) or repeat (upsampling factor)")
            key = "weight" if "weight" in entry else "repeat"
            value = float(c.get(entry, prefix, key, (int, float)))
            if value <= 0:
                raise c.error(f"{prefix}.{key}", f"must be > 0, got {value}")
            if not components and key != "weight":
                raise c.error(f"{prefix}.repeat", "the first (primary) component takes a weight")
            components.append(MixComponent(rows=rows, **{key: value}))
        if not components:
            raise c.error(f"mix.{phase}", "a phase needs at least one mix component")
        phases[phase] = tuple(components)
    return MixConfig(phase_a=phases["phase_a"], phase_b=phases["phase_b"],
                     val_max_rows=c.positive(table, "mix", "val_max_rows", zero=True))
