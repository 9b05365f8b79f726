"""Generation throughput: verified items/s per unit, per type (slowest ten) and overall.

    python benchmarks/generate.py [--per-type 100] [--units a,b] [--workers 1,2]

Prints a table per unit (1 worker), the ten slowest problem types, and the overall rate for
each worker count. Target: >= 400 verified items/s per core.
"""

from __future__ import annotations

import argparse
import time

from mathft_core.generate import generate_records, make_item
from mathft_core.plugins import collect_units, get_plugin_manager
from mathft_core.render import build_environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=100)
    parser.add_argument("--units", default="all")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()

    registry = collect_units(get_plugin_manager())
    ids = registry.ids() if args.units == "all" else args.units.split(",")
    env = build_environment([registry[u] for u in ids])

    print(f"{'unit':40s} {'types':>5s} {'items':>6s} {'items/s':>9s}")
    type_rates = []
    for unit_id in ids:
        unit = registry[unit_id]
        start = time.perf_counter()
        made = 0
        for ptype in unit.types:
            t0 = time.perf_counter()
            for i in range(args.per_type):
                make_item(unit, ptype, env, seed=42, index=i, difficulty=1 + i % 5)
            made += args.per_type
            type_rates.append((args.per_type / (time.perf_counter() - t0), f"{unit_id}/{ptype.id}"))
        rate = made / (time.perf_counter() - start)
        print(f"{unit_id:40s} {len(unit.types):5d} {made:6d} {rate:9.0f}")

    print("\nslowest ten problem types (items/s, 1 worker):")
    for rate, name in sorted(type_rates)[:10]:
        print(f"  {name:50s} {rate:8.0f}")

    print("\noverall:")
    for workers in (int(w) for w in args.workers.split(",")):
        start = time.perf_counter()
        _records, summary = generate_records(registry, ids, per_type=args.per_type, seed=42, workers=workers)
        elapsed = time.perf_counter() - start
        print(
            f"  workers={workers}: {summary.verified} verified / {summary.items} items in {elapsed:.2f} s"
            f" = {summary.verified / elapsed:.0f} items/s ({summary.verified / elapsed / workers:.0f} per core)"
        )


if __name__ == "__main__":
    main()
