"""Acceptance on data: the Japanese pair set (symmetric) and math-verify's own cases (soft)."""

from __future__ import annotations

import collections
import json
from pathlib import Path

from mathft_core.answers import CATEGORIES
from mathft_core.answers.grader_text import wrap

REPO = Path(__file__).resolve().parents[2]
MV_CASES = REPO.parent / "shared" / "benchmarks" / "math_verify_cases.jsonl"


def test_ja_pairs_cover_every_class(ja_pairs) -> None:
    assert len(ja_pairs) >= 150
    counts = collections.Counter(row["category"] for row in ja_pairs)
    assert set(counts) == set(CATEGORIES), counts
    assert all(isinstance(row["equal"], bool) for row in ja_pairs)


def test_ja_pairs_symmetric_accuracy(patient_checker, ja_pairs) -> None:
    verdicts = patient_checker.check_many([(r["gold"], r["pred"]) for r in ja_pairs], mode="symmetric")
    misses = [(r["gold"], r["pred"], r["equal"], v.equal, v.detail) for r, v in zip(ja_pairs, verdicts, strict=False) if v.equal != r["equal"]]
    wrong_class = [(r["gold"], r["pred"], r["category"], v.category) for r, v in zip(ja_pairs, verdicts, strict=False)
                   if v.category != r["category"]]
    accuracy = 1 - len(misses) / len(ja_pairs)
    assert accuracy >= 0.97, f"symmetric accuracy {accuracy:.3f}; misses: {misses}"
    assert len(wrong_class) / len(ja_pairs) <= 0.05, f"taxonomy misses: {wrong_class}"


def test_math_verify_cases_soft_agreement(patient_checker) -> None:
    if not MV_CASES.is_file():
        raise FileNotFoundError(f"{MV_CASES} is missing: CI needs ../shared beside the clone")
    with open(MV_CASES, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    assert len(rows) == 276
    # math-verify's tests read a gold as LaTeX; the competition grader does so only for a
    # gold inside $...$ (it never wraps one), which is how mathft writes gold files
    verdicts = patient_checker.check_many([(wrap(r["gold"]), r["pred"]) for r in rows], mode="soft")
    disagreements = [(i, r["source"], r["expected"]) for i, (r, v) in enumerate(zip(rows, verdicts, strict=False))
                     if v.equal != r["expected"]]
    agreement = 1 - len(disagreements) / len(rows)
    # 0.928 measured: the official grader's own rules part from math-verify's verdicts on
    # purpose in about 20 cases (bracket kinds swapped, \\! read as a space, units kept)
    assert agreement >= 0.92, f"soft agreement {agreement:.3f}; disagreements: {disagreements}"
