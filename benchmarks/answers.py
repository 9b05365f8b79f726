"""Plain math-verify and the official grader against mathft's answer engine, side by side.

Pairs: the Japanese exam-style set (tests/answers/ja_pairs.jsonl, expected symmetric
verdicts), math-verify's own regression cases (../shared/benchmarks, expected verdicts
of the library's tests) and the official grader's test cases
(tests/answers/official_cases.jsonl, each judged in its own evaluation_method). Golds
are written inside ``$...$`` as mathft's gold files store them (the official grader never
wraps a gold). For each: accuracy and warm checks/s of

- math-verify 0.9.0, in-process, defaults (``verify(parse(gold), parse(pred))``);
- the official grader (``math_eval.main.parse_and_verify``, in-process), only where the
  ``math_eval`` package is installed (it is not on PyPI); "n/a" otherwise;
- mathft ``symmetric``, ``soft`` and ``strict`` modes through ``AnswerChecker`` (worker
  processes, time limit 2 s), with 1 and 2 workers. ``strict`` is scored against the same
  expected verdicts, so its accuracy is lower by design (it rejects other forms). On the
  official cases mathft runs each row's own method ("official methods").

"Warm" means a first pass over the pairs was run and discarded (imports and parser tables
ready) and every engine's parse caches were then emptied (math-verify's own
``parse_latex_cached``/``parse_expr_cached`` too, mathft's memoised comparisons too), so no
parse or comparison is reused across passes.

Two rates are printed: checks per wall-clock second, and checks per CPU second (the CPU
time of the process doing the work: this one for math-verify, the workers plus this one
for mathft). The second is the fairer figure on a shared machine, where wall time depends
on what else runs; the load average is printed before and after.

    python benchmarks/answers.py [--repeat 3] [--modes soft strict] [--sets official]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JA = REPO / "tests" / "answers" / "ja_pairs.jsonl"
MV = REPO.parent / "shared" / "benchmarks" / "math_verify_cases.jsonl"
OFFICIAL = REPO / "tests" / "answers" / "official_cases.jsonl"
MODES = ("symmetric", "soft", "strict")
SETS = ("ja", "math_verify", "official")
Pair = tuple[object, str, bool, str]  # gold (a string or a list), prediction, expected verdict, method


def _load(path: Path, expected: str) -> list[Pair]:
    from mathft_core.answers.grader_text import wrap

    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    out: list[Pair] = []
    for r in rows:
        gold = r["gold"] if "method" in r else wrap(r["gold"])  # official cases: golds as the tests wrote them
        out.append((gold, r["pred"], bool(r[expected]), r.get("method") or "soft"))
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``; 0.0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _clear_math_verify_caches() -> None:
    from math_verify.parser import parse_expr_cached, parse_latex_cached

    parse_latex_cached.cache_clear()
    parse_expr_cached.cache_clear()


def _plain_math_verify(pairs: list[Pair]) -> tuple[float, float, float]:
    from math_verify import parse, verify

    _clear_math_verify_caches()
    start, cpu = time.perf_counter(), time.process_time()
    right = 0
    for gold, pred, expected, _method in pairs:
        try:
            got = any(verify(parse(g), parse(pred)) for g in (gold if isinstance(gold, list) else [gold]))
        except Exception:
            got = False
        right += got == expected
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return right / len(pairs), len(pairs) / elapsed, len(pairs) / cpu


def _official(pairs: list[Pair]) -> tuple[float, float, float] | None:
    """The official grader in-process, when the math_eval package is installed."""
    import contextlib
    import io
    import warnings

    try:
        from math_eval.main import parse_and_verify  # type: ignore[import-not-found]
    except ImportError:
        return None
    _clear_math_verify_caches()
    start, cpu = time.perf_counter(), time.process_time()
    right = 0
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        for gold, pred, expected, method in pairs:
            try:
                got = bool(parse_and_verify(pred, gold, method))
            except Exception:
                got = False
            right += got == expected
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return right / len(pairs), len(pairs) / elapsed, len(pairs) / cpu


def _mathft(pairs: list[Pair], mode: str, workers: int) -> tuple[float, float, float]:
    """``mode`` "official methods": each pair in its own method."""
    from mathft_core.answers import AnswerChecker

    jobs = [(g, p, m if mode == "official methods" else mode) for g, p, _, m in pairs]
    with AnswerChecker(workers=workers) as checker:
        checker.check_many(jobs)  # warm-up pass, discarded
        checker.clear_cache()
        pids = checker.worker_pids
        worker_cpu = sum(_cpu_seconds(pid) for pid in pids)
        start, cpu = time.perf_counter(), time.process_time()
        verdicts = checker.check_many(jobs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        if checker.worker_pids == pids:
            cpu += sum(_cpu_seconds(pid) for pid in pids) - worker_cpu
        else:  # a worker was replaced after a timeout: its CPU time is gone
            cpu = float("nan")
    right = sum(v.equal == expected for v, (_, _, expected, _) in zip(verdicts, pairs, strict=False))
    return right / len(pairs), len(pairs) / elapsed, len(pairs) / cpu


def _load_average() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="Timed passes (best throughput kept).")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="mathft modes to run.")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS), help="Pair sets to run.")
    args = parser.parse_args()
    logging.getLogger("math_verify").setLevel(logging.CRITICAL)
    sets: dict[str, tuple[list[Pair], list[str]]] = {}
    if "ja" in args.sets:
        sets["ja_pairs (symmetric truth)"] = (_load(JA, "equal"), args.modes)
    if "math_verify" in args.sets and MV.is_file():
        sets["math_verify_cases"] = (_load(MV, "expected"), args.modes)
    if "official" in args.sets:
        sets["official_cases (own methods)"] = (_load(OFFICIAL, "expected"), ["official methods"])
    print(f"load average before: {_load_average()} ({os.cpu_count()} CPUs)")
    print(f"{'pairs':28} {'engine':28} {'accuracy':>9} {'checks/s':>9} {'checks/CPU-s':>13}")
    for name, (pairs, modes) in sets.items():
        _plain_math_verify(pairs)  # warm-up
        runs = [_plain_math_verify(pairs) for _ in range(args.repeat)]
        acc, rate, cpu_rate = runs[0][0], max(r[1] for r in runs), max(r[2] for r in runs)
        print(f"{name:28} {'math-verify (in-process)':28} {acc:9.3f} {rate:9.1f} {cpu_rate:13.1f}")
        if _official(pairs) is None:  # the warm-up pass tells whether the package is there
            print(f"{'':28} {'official grader':28} {'n/a (math_eval not installed)':>33}")
        else:
            runs = [r for r in (_official(pairs) for _ in range(args.repeat)) if r is not None]
            acc, rate, cpu_rate = runs[0][0], max(r[1] for r in runs), max(r[2] for r in runs)
            print(f"{'':28} {'official grader (in-process)':28} {acc:9.3f} {rate:9.1f} {cpu_rate:13.1f}")
        for mode in modes:
            for workers in (1, 2):
                runs = [_mathft(pairs, mode, workers) for _ in range(args.repeat)]
                acc, rate, cpu_rate = runs[0][0], max(r[1] for r in runs), max(r[2] for r in runs)
                print(f"{'':28} {f'mathft {mode}, {workers} worker(s)':28} {acc:9.3f} {rate:9.1f} {cpu_rate:13.1f}")
    print(f"load average after: {_load_average()}")


if __name__ == "__main__":
    main()
