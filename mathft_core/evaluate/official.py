"""``mathft eval --grader official``: the official ``math_eval`` package decides each row.

The package (llm-jp/ft-llm-2026, folder math-eval) is not on PyPI; when it is installed,
its ``math_eval.main.parse_and_verify(output, solution, evaluation_method)`` gives the
verdicts, and every row where mathft's own verdict differs is reported. It runs in this
process, under the package's own time limits (SIGALRM, main thread), as the competition
runs it.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from mathft_core.evaluate.score import RowScore

OfficialVerify = Callable[[str, Any, Any], bool]


def load_official() -> OfficialVerify | None:
    """``math_eval.main.parse_and_verify`` when the official package is importable, else None."""
    try:
        from math_eval.main import parse_and_verify  # type: ignore[import-not-found]
    except ImportError:
        return None
    return parse_and_verify


def _official_verdict(verify: OfficialVerify, output: str, gold: Mapping[str, Any]) -> bool:
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            return bool(verify(output, gold["solution"], gold.get("evaluation_method")))
        except Exception:  # the competition counts a crash on a row as a miss
            return False


def apply_official(scores: Sequence[RowScore], gold: Sequence[Mapping[str, Any]],
                   verify: OfficialVerify) -> tuple[list[RowScore], list[dict[str, Any]]]:
    """Scores decided by the official grader, and the rows where mathft's verdict differs."""
    out: list[RowScore] = []
    differences: list[dict[str, Any]] = []
    for score, row in zip(scores, gold, strict=True):
        if score.output is None:
            out.append(score)
            continue
        official = _official_verdict(verify, score.output, row)
        if official == score.correct:
            out.append(attrs.evolve(score, mathft_correct=score.correct))
            continue
        differences.append({"id": score.id, "official": official, "mathft": score.correct,
                            "gold": score.gold, "output": score.output, "method": score.method})
        error = None if official else (score.error or "wrong_value")
        detail = "; ".join(d for d in (score.detail, f"official grader {'accepts' if official else 'rejects'} it, "
                                       f"mathft {'accepts' if score.correct else 'rejects'} it") if d)
        out.append(attrs.evolve(score, correct=official, error=error, detail=detail, mathft_correct=score.correct))
    return out, differences
