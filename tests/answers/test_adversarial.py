"""Hostile input: every call returns in time, the process survives, memory stays bounded."""

from __future__ import annotations

import os
import random
import time

import pytest

from mathft_core.answers import CATEGORIES, AnswerChecker


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _corpus() -> list[str]:
    rng = random.Random(1234)
    nested = "1"
    for _ in range(300):
        nested = f"\\frac{{1}}{{{nested}}}"
    return [
        "5^{5^{5^{5^5}}}",
        "9^{9^{9^{9}}}",
        "(10^{1000000})!",
        "9" * 1_000_000,
        "1" * 5000 + "." + "2" * 5000,
        "x + " * 12_500,
        "\\frac{" * 25_000,
        "{" * 50_000,
        "}" * 1000 + "{" * 1000,
        nested,
        "\\sqrt{" * 2000 + "2" + "}" * 2000,
        bytes(rng.randrange(256) for _ in range(5000)).decode("latin-1"),
        bytes(rng.randrange(256) for _ in range(50_000)).decode("utf-8", errors="replace"),
        "$" * 30_000,
        "\\boxed{" * 10_000,
        "\\begin{pmatrix}" + " & ".join(["1"] * 3000) + "\\end{pmatrix}",
        "x = " + ", ".join(str(i) for i in range(10_000)),
        "\\sum_{k=1}^{10^{9}} k^{k}",
        "\\int_0^{\\infty} e^{-x^{x^{x}}} dx",
        "\x00\x01\x02\\frac{\x07}{\x08}",
    ]


@pytest.mark.parametrize("mode", ["symmetric", "soft"])
def test_hostile_corpus_is_bounded(mode: str) -> None:
    before = _rss_mb()
    with AnswerChecker(timeout=2.0, memory_mb=512) as checker:
        for text in _corpus():
            for gold, pred in ((text, "1"), ("x = 1", text)):
                start = time.perf_counter()
                verdict = checker.check(gold, pred, mode)
                elapsed = time.perf_counter() - start
                assert elapsed < 3.0, f"{elapsed:.2f}s on {text[:40]!r}"
                assert verdict.category in CATEGORIES
                if mode == "symmetric":
                    assert not verdict.equal, text[:40]
        # the checker still works after the kills
        assert checker.check("\\frac{1}{2}", "0.5", mode).equal
    assert _rss_mb() - before < 300


def test_worker_memory_limit_is_enforced() -> None:
    """RLIMIT_AS stops a runaway allocation inside a worker-like child."""
    import multiprocessing

    from mathft_core.answers.checker import _limit_memory

    def child(queue) -> None:
        _limit_memory(256)
        try:
            bytearray(1024 * 1024 * 1024)
        except MemoryError:
            queue.put("MemoryError")
            return
        queue.put("allocated")

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=child, args=(queue,))
    proc.start()
    proc.join(30)
    assert queue.get(timeout=5) == "MemoryError"
    assert os.getpid() > 0  # this process is untouched
