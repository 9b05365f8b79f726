"""Benchmark of ``mathft build``: prints figures, asserts nothing.

1. Wall time and peak memory of the default build (all installed units, default config,
   ``--workers 2``, no stage reuse), run as a fresh ``mathft build`` process.
2. Dedup throughput at 100k items and decontamination throughput of 100k training texts
   against 1k eval items, on items derived from that build (numbers perturbed with a seeded
   RNG so every item is distinct).

Every throughput line gives wall time and CPU time (this process and its finished worker
processes) with the 1-minute load average before and after: on a shared machine the wall
figure drops with the load, the CPU figure much less.

Usage: ``python benchmarks/build.py [--out DIR] [--n 100000] [--skip-build] [--skip-dedup]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from mathft_core.build import contamination as ct
from mathft_core.build.config import load_config
from mathft_core.build.dedup import dedup_records
from mathft_core.build.evalsets import TextItem, read_texts
from mathft_core.records import ProblemRecord

REPO = Path(__file__).resolve().parents[1]
MGSM = REPO.parent / "shared" / "data" / "mgsm_ja.tsv"


def default_build(out: Path) -> None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mathft_core.cli", "build", "--out", str(out), "--workers", "2", "--no-cache"],
        cwd=REPO, capture_output=True, text=True,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr[-3000:])
        raise SystemExit(f"default build failed with exit code {done.returncode}")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    print(f"default build: {wall:.1f} s wall, peak RSS {peak_mib:.0f} MiB (largest process), "
          f"{counts['generated']} generated -> {counts['items']} items "
          f"({counts['heldout']} heldout, phase A {counts['phase_a']}, phase B {counts['phase_b']})")


class Clock:
    """Wall and CPU seconds of a block (CPU of this process plus its reaped children)."""

    def __enter__(self) -> Clock:
        self.load = os.getloadavg()[0]
        self._wall, self._cpu = time.perf_counter(), self._cpu_now()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = self._cpu_now() - self._cpu
        self.load_after = os.getloadavg()[0]

    @staticmethod
    def _cpu_now() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def rate(self, items: int, unit: str) -> str:
        return (f"{self.wall:.1f} s wall = {items / self.wall:,.0f} {unit}/s; {self.cpu:.1f} s CPU = "
                f"{items / self.cpu:,.0f} {unit}/CPU-s; load {self.load:.1f} -> {self.load_after:.1f} on {os.cpu_count()} cores")


def perturbed(records: list[ProblemRecord], n: int, seed: int = 7) -> list[ProblemRecord]:
    """``n`` distinct records: copies of ``records`` with every number shifted at random."""
    rng = random.Random(seed)

    def shift(text: str) -> str:
        return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 97)), text)

    out = []
    for i in range(n):
        base = records[i % len(records)]
        problem = base.problem if i < len(records) else shift(base.problem)
        out.append(attrs.evolve(base, id=f"{base.id}-b{i}", problem=problem))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="Build folder (default: a temporary one).")
    parser.add_argument("--n", type=int, default=100_000, help="Items for the throughput runs.")
    parser.add_argument("--skip-build", action="store_true", help="Reuse an existing build in --out.")
    parser.add_argument("--skip-dedup", action="store_true", help="Leave out the dedup throughput run.")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="mathft-bench-")) / "build"
    if not args.skip_build:
        default_build(out)
    items = [ProblemRecord.from_json(json.loads(line)) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    config = load_config()
    big = perturbed(items, args.n)

    if not args.skip_dedup:
        with Clock() as clock:
            result = dedup_records(big, config.dedup)
        print(f"dedup: {len(big)} items in {clock.rate(len(big), 'items')} "
              f"({len(result.exact_dropped)} exact, {len(result.near_dropped)} near dropped, "
              f"{sum(result.cluster_sizes.values())} clusters)")

    if not MGSM.exists():
        raise SystemExit(f"{MGSM} is missing (the decontamination benchmark uses MGSM-ja)")
    mgsm = read_texts(MGSM, source="mgsm_ja")
    rng = random.Random(11)
    word_problems = mgsm + [
        TextItem(source="mgsm_var", id=f"{i}", text=re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)),
                                                          mgsm[i % len(mgsm)].text))
        for i in range(1000 - len(mgsm))
    ]
    own = mgsm + [TextItem(source="dev", id=r.id, text=r.problem) for r in rng.sample(items, min(len(items), 750))]
    fields = config.contamination.train_fields
    train = [TextItem(source="train", id=r.id, unit=r.unit, text="\n".join(getattr(r, f) for f in fields)) for r in big]
    thresholds = ct.Thresholds(ngram=config.contamination.ngram, same_template=config.contamination.same_template_threshold,
                               leak=config.contamination.leak_threshold)
    runs = [("1k word problems (MGSM-ja + variants)", word_problems, train, (1, 2)),
            ("1k exam-style problems (250 MGSM-ja + 750 of the build's own problems: every one matches "
             "its template)", own, train[:10_000], (2,))]
    for label, evals, texts, worker_counts in runs:
        for workers in worker_counts:
            with Clock() as clock:
                pairs = ct.flag_pairs(evals, texts, thresholds, workers=workers)
            print(f"decontamination vs {label}, {workers} worker(s): {len(texts)} training texts (problem + solution) "
                  f"in {clock.rate(len(texts), 'docs')} ({len(pairs)} flagged pairs)")


if __name__ == "__main__":
    main()
