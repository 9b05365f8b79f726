"""Variety of generated problems: masked-distinct share, sentence frames per type, shapes, duplicates.

    python benchmarks/variety.py out/build                 # a finished build folder
    python benchmarks/variety.py items.jsonl               # any generated JSONL
    python benchmarks/variety.py --per-type 37 [--units a,b] [--surface default|off] [--seed 42]

With ``--per-type`` the items are generated here (one process) and then deduplicated with
the default build config's dedup settings, so "duplicates dropped" is measured too; a build
folder reports the dedup counts of its manifest. Targets (issue 11): >= 80% of problems
distinct after masking every number, >= 10 sentence frames for every type at 37 items per
type, <= 1% dropped as exact or near duplicates, >= 25% of items word or multi-step and
>= 10% multi-step.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from mathft_core.build.variety import variety_stats


def _load(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    if path.is_dir():
        rows = [json.loads(line) for line in (path / "items.jsonl").read_text(encoding="utf-8").splitlines() if line]
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        counts = manifest["counts"]
        return rows, {"exact": counts["dedup_exact_dropped"], "near": counts["dedup_near_dropped"],
                      "of": counts["cleaned"]}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows, None


def _generate(per_type: int, units: str, surface: str, seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from mathft_core.build.config import load_config
    from mathft_core.build.dedup import dedup_records
    from mathft_core.generate import generate_records
    from mathft_core.plugins import collect_units, get_plugin_manager
    from mathft_core.surface import DEFAULT_MIX

    registry = collect_units(get_plugin_manager())
    ids = registry.ids() if units == "all" else units.split(",")
    records, summary = generate_records(registry, ids, per_type=per_type, seed=seed,
                                        surface=DEFAULT_MIX if surface == "default" else None)
    if summary.failed:
        print(f"generation failures: {dict(summary.failed)}")
    result = dedup_records(records, load_config().dedup)
    dropped = {"exact": len(result.exact_dropped), "near": len(result.near_dropped), "of": len(records)}
    return [r.to_json() for r in result.kept], dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="A build folder or a generated JSONL file.")
    parser.add_argument("--per-type", type=int, default=0, help="Generate this many items per type instead.")
    parser.add_argument("--units", default="all")
    parser.add_argument("--surface", choices=("default", "off"), default="default")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", action="store_true", help="Also print the full figures as JSON.")
    args = parser.parse_args()
    if args.per_type:
        rows, dropped = _generate(args.per_type, args.units, args.surface, args.seed)
    elif args.source is not None:
        rows, dropped = _load(args.source)
    else:
        parser.error("give a build folder or JSONL file, or --per-type N")

    stats = variety_stats(rows)
    frames = sorted((v["frames"], k) for k, v in stats["per_type"].items())
    print(f"items: {stats['items']}  types: {len(frames)}")
    print(f"distinct after masking every number: {stats['distinct_masked']} ({stats['distinct_masked_share']:.1%})")
    print(f"sentence frames per type: min {frames[0][0]}, median {statistics.median(f for f, _ in frames)}, "
          f"types under 10: {len(stats['types_under_10_frames'])}")
    for count, key in frames[:10]:
        per = stats["per_type"][key]
        print(f"  {key:55s} frames {count:3d}  distinct masked {per['distinct_masked']:3d} / {per['items']}")
    print("share per shape: " + ", ".join(f"{s} {v:.1%}" for s, v in stats["shape_share"].items()))
    for course, counts in stats["shapes_by_course"].items():
        total = sum(counts.values())
        print(f"  {course:6s} " + ", ".join(f"{s} {n} ({n / total:.0%})" for s, n in counts.items()))
    if dropped is not None:
        n = dropped["exact"] + dropped["near"]
        print(f"duplicates dropped: {n} of {dropped['of']} ({n / dropped['of']:.2%}; "
              f"{dropped['exact']} exact, {dropped['near']} near)")
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
