"""Full curriculum acceptance sweep: every problem type at every difficulty, answers re-parsed.

    python benchmarks/curriculum.py [--per-level 100] [--units a,b] [--workers 2]

For each type and difficulty 1-5 it generates ``--per-level`` items with the math-verify
round trip on (``check_latex``) and prints failures by reason, the share of distinct problem
texts per type and level, polite forms found, and the time taken. Too slow for the test
suite (the property tests sample the same checks there); run it after changing units.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from mathft_core.generate import POLITE_RE, generate_records
from mathft_core.plugins import collect_units, get_plugin_manager


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=100)
    parser.add_argument("--units", default="all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    registry = collect_units(get_plugin_manager())
    ids = registry.ids() if args.units == "all" else args.units.split(",")
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    distinct: dict[tuple[str, int], float] = {}
    polite = 0
    items = 0
    start = time.perf_counter()
    for level in (1, 2, 3, 4, 5):
        records, summary = generate_records(
            registry, ids, per_type=args.per_level, seed=args.seed, difficulties=(level,),
            workers=args.workers, check_latex=True,
        )
        items += summary.items
        failures.update(summary.failed)
        for failure in summary.failures:
            examples.setdefault(failure.reason, f"{failure.id}: {failure.detail[:200]}")
        texts: dict[str, list[str]] = defaultdict(list)
        for record in records:
            texts[f"{record.unit}/{record.type}"].append(record.problem)
            polite += bool(POLITE_RE.search(record.solution) or POLITE_RE.search(record.problem))
        for name, problems in texts.items():
            distinct[(name, level)] = len(set(problems)) / len(problems)
    elapsed = time.perf_counter() - start

    types = {name for name, _ in distinct}
    low = sorted((share, name, level) for (name, level), share in distinct.items() if share < 0.95)
    print(f"{len(ids)} units, {len(types)} problem types, {items} items in {elapsed:.0f} s "
          f"({items / elapsed:.0f} items/s with the math-verify round trip, {args.workers} workers)")
    print(f"failures: {sum(failures.values())} {dict(failures)}")
    for reason, example in sorted(examples.items()):
        print(f"  e.g. {reason}: {example}")
    print(f"items with a polite form: {polite}")
    print(f"type x level cells below 95% distinct problem texts: {len(low)} of {len(distinct)}")
    for share, name, level in low:
        print(f"  {name} level {level}: {share:.0%}")


if __name__ == "__main__":
    main()
