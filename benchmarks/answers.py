"""Plain math-verify against mathft's answer engine on the same pairs, side by side.

Pairs: the Japanese exam-style set (tests/answers/ja_pairs.jsonl, expected symmetric
verdicts) and math-verify's own regression cases (../shared/benchmarks, expected verdicts
of the library's tests). For each: accuracy and warm checks/s of

- math-verify 0.9.0, in-process, defaults (``verify(parse(gold), parse(pred))``, gold
  wrapped in ``$...$`` when it has no delimiter, as the competition grader does);
- mathft ``symmetric`` and ``soft`` modes through ``AnswerChecker`` (worker processes,
  time limit 2 s), with 1 and 2 workers.

"Warm" means a first pass over the pairs was run and discarded (imports and parser tables
ready) and every engine's parse caches were then emptied (math-verify's own
``parse_latex_cached``/``parse_expr_cached`` too), so no parse is reused across passes.

    python benchmarks/answers.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JA = REPO / "tests" / "answers" / "ja_pairs.jsonl"
MV = REPO.parent / "shared" / "benchmarks" / "math_verify_cases.jsonl"


def _load(path: Path, expected: str) -> list[tuple[str, str, bool]]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [(r["gold"], r["pred"], bool(r[expected])) for r in rows]


def _plain_math_verify(pairs: list[tuple[str, str, bool]]) -> tuple[float, float]:
    from math_verify import parse, verify
    from math_verify.parser import parse_expr_cached, parse_latex_cached

    from mathft_core.answers.grader import wrap

    parse_latex_cached.cache_clear()
    parse_expr_cached.cache_clear()
    start = time.perf_counter()
    right = 0
    for gold, pred, expected in pairs:
        try:
            got = verify(parse(wrap(gold)), parse(pred))
        except Exception:
            got = False
        right += got == expected
    elapsed = time.perf_counter() - start
    return right / len(pairs), len(pairs) / elapsed


def _mathft(pairs: list[tuple[str, str, bool]], mode: str, workers: int) -> tuple[float, float]:
    from mathft_core.answers import AnswerChecker

    with AnswerChecker(workers=workers) as checker:
        checker.check_many([(g, p) for g, p, _ in pairs], mode=mode)  # warm-up pass, discarded
        checker.clear_cache()
        start = time.perf_counter()
        verdicts = checker.check_many([(g, p) for g, p, _ in pairs], mode=mode)
        elapsed = time.perf_counter() - start
    right = sum(v.equal == expected for v, (_, _, expected) in zip(verdicts, pairs, strict=False))
    return right / len(pairs), len(pairs) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="Timed passes (best throughput kept).")
    args = parser.parse_args()
    logging.getLogger("math_verify").setLevel(logging.CRITICAL)
    sets = {"ja_pairs (symmetric truth)": _load(JA, "equal")}
    if MV.is_file():
        sets["math_verify_cases"] = _load(MV, "expected")
    print(f"{'pairs':28} {'engine':26} {'accuracy':>9} {'checks/s':>9}")
    for name, pairs in sets.items():
        _plain_math_verify(pairs)  # warm-up
        runs = [_plain_math_verify(pairs) for _ in range(args.repeat)]
        acc, rate = runs[0][0], max(r[1] for r in runs)
        print(f"{name:28} {'math-verify (in-process)':26} {acc:9.3f} {rate:9.1f}")
        for mode in ("symmetric", "soft"):
            for workers in (1, 2):
                runs = [_mathft(pairs, mode, workers) for _ in range(args.repeat)]
                acc, rate = runs[0][0], max(r[1] for r in runs)
                print(f"{'':28} {f'mathft {mode}, {workers} worker(s)':26} {acc:9.3f} {rate:9.1f}")


if __name__ == "__main__":
    main()
