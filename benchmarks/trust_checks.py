"""Cost of the core's trust checks during generation: the mutation check (``verifier_blind``)
and the per-item time limit, against plain generation, on the same items.

Generates ``--per-type`` items of every installed problem type in one process, three ways:
plain (mutation check and time limit off), with the time limit only, and with both (what
``mathft generate`` does). Prints items, seconds, items/s and the CPU time per item of each,
and the load average (the machine may be shared).

    python benchmarks/trust_checks.py [--per-type 20]
"""

from __future__ import annotations

import argparse
import os
import time
from unittest import mock

from mathft_core import generate
from mathft_core.plugins import load_units


def _run(registry, per_type: int, *, mutation: bool, timeout: float | None) -> tuple[int, float, float]:
    patch = mock.patch.object(generate, "check_verifier_sees_answer", lambda *_a: None) if not mutation else None
    if patch:
        patch.start()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        records, _summary = generate.generate_records(registry, per_type=per_type, seed=42, item_timeout=timeout)
        return len(records), time.perf_counter() - wall, time.process_time() - cpu
    finally:
        if patch:
            patch.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=20)
    args = parser.parse_args()
    registry = load_units()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    _run(registry, 2, mutation=True, timeout=5.0)  # warm imports and template caches
    for name, mutation, timeout in (("plain", False, None), ("time limit", False, 5.0), ("time limit + mutation", True, 5.0)):
        items, wall, cpu = _run(registry, args.per_type, mutation=mutation, timeout=timeout)
        print(f"{name:<24} items {items:>6}  {wall:7.2f} s  {items / wall:8.1f} items/s  {1000 * cpu / items:6.2f} ms CPU/item")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
