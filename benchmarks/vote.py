"""Time one vote over 16 samples per problem: median and p95 (target: median <= 50 ms).

Samples are built from generated problems the way a sampling model scatters them: the gold
answer in several written forms (boxed, in a closing sentence, equal values written
otherwise), wrong answers borrowed from other problems, and unreadable text. Each problem's
texts are new to the answer worker, so the parse cost is included (no cross-problem cache
hits except for shared wrong answers). Run: ``python benchmarks/vote.py [problems]``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

FORMS = ("$\\boxed{{{a}}}$", "よって，答えは ${a}$ である。", "{a}", "答え: $${a}$$")


def sample_sets(count: int, seed: int = 42) -> list[list[str]]:
    from mathft_core.generate import generate_records
    from mathft_core.plugins import collect_units, get_plugin_manager

    registry = collect_units(get_plugin_manager())
    records, _ = generate_records(registry, per_type=max(1, count // 100 + 1), seed=seed)
    rng = random.Random(seed)
    rng.shuffle(records)
    answers = [r.answer for r in records]
    sets = []
    for record in records[:count]:
        samples = []
        for _ in range(16):
            roll = rng.random()
            if roll < 0.6:
                samples.append(rng.choice(FORMS).format(a=record.answer))
            elif roll < 0.9:
                samples.append(rng.choice(FORMS).format(a=rng.choice(answers)))
            else:
                samples.append(rng.choice(("\\frac{1}{", "わからない", "$\\sqrt{}$")))
        sets.append(samples)
    return sets


def main() -> None:
    from mathft_core.answers import AnswerChecker
    from mathft_core.infer.backends import Sample
    from mathft_core.infer.voting import vote

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sets = sample_sets(count)
    with AnswerChecker() as checker:
        vote([Sample("$\\boxed{1}$")], checker)  # worker warm-up
        times, fallbacks = [], 0
        for texts in sets:
            start = time.perf_counter()
            result = vote([Sample(t, -float(i)) for i, t in enumerate(texts)], checker)
            times.append((time.perf_counter() - start) * 1000)
            fallbacks += result.fallback
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"problems {len(times)}, 16 samples each (fallback votes {fallbacks})")
    print(f"vote time per problem: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms, mean {statistics.fmean(times):.1f} ms")


if __name__ == "__main__":
    main()
