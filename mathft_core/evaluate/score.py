"""Grader-compatible scoring of prediction rows against gold rows, and the summary figures.

Each gold row is judged in its own ``evaluation_method`` (default ``soft``): ``soft`` and
``complex`` use the grader's soft comparison, ``strict`` and ``complex-strict`` its strict
one (the answer engine handles ``i`` as the imaginary unit in both). A gold ``solution``
may be a list of acceptable answers; any match counts. A gold row with no prediction is
wrong (``no_prediction``); predictions without a gold row are counted and ignored.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from mathft_core.answers import CATEGORIES, AnswerChecker, Verdict
from mathft_core.errors import InputFormatError
from mathft_core.ids import require_id
from mathft_core.infer.progress import row_key
from mathft_core.io import read_jsonl

#: ``evaluation_method`` -> the answer engine's mode.
METHOD_MODES = {"soft": "soft", "strict": "strict", "complex": "soft", "complex-strict": "strict"}
NO_PREDICTION = "no_prediction"
#: The competition's categories, in curriculum order; others follow alphabetically.
CATEGORY_ORDER = ("中1", "中2", "中3", "IA", "IIB", "IIIC")
#: Contamination verdicts counted as "template seen in training".
SEEN_VERDICTS = ("leak", "same_template")
EXAMPLES_PER_CLASS = 3


@attrs.frozen(kw_only=True)
class RowScore:
    """The verdict on one gold row."""

    id: Any
    category: str
    unit: str
    method: str
    correct: bool
    error: str | None  # taxonomy class when wrong
    detail: str
    gold: str | list[str]
    output: str | None
    seen: str | None = None  # contamination verdict of the eval item, when known

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Gold rows (``id``, ``solution`` a string or a non-empty list of strings); ids unique."""
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in read_jsonl(path, required=("id", "solution")):
        solution = row["solution"]
        if isinstance(solution, list):
            if not solution or not all(isinstance(s, str) for s in solution):
                raise InputFormatError(path, line, "solution", "a list of solutions must hold strings only")
        elif not isinstance(solution, str):
            raise InputFormatError(path, line, "solution", "must be a string or a list of strings")
        method = row.get("evaluation_method") or "soft"
        if method not in METHOD_MODES:
            raise InputFormatError(path, line, "evaluation_method",
                                   f"must be one of {', '.join(METHOD_MODES)}, got {method!r}")
        key = require_id(row["id"], path, line)
        if key in seen:
            raise InputFormatError(path, line, "id", f"duplicate id {row['id']!r} (first on line {seen[key]})")
        seen[key] = line
        rows.append(row)
    return rows


def read_predictions(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Prediction rows by id key (``id`` and a string ``output``); ids unique."""
    out: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    for line, row in read_jsonl(path, required=("id", "output")):
        if not isinstance(row["output"], str):
            raise InputFormatError(path, line, "output", "must be a string")
        key = require_id(row["id"], path, line)
        if key in out:
            raise InputFormatError(path, line, "id", f"duplicate id {row['id']!r} (first on line {lines[key]})")
        out[key], lines[key] = row, line
    return out


def read_contamination(path: str | os.PathLike[str], eval_set: str | None = None) -> dict[str, str]:
    """Verdict per eval id from the build's ``contamination_by_eval.jsonl``.

    Ids are matched as text (the build stores them so). When the file covers several eval
    sets and one id has different verdicts in them, ``eval_set`` must name the set.
    """
    verdicts: dict[str, str] = {}
    sets: dict[str, str] = {}
    for line, row in read_jsonl(path, required=("eval_id", "verdict")):
        if eval_set is not None and row.get("eval_set") != eval_set:
            continue
        key = str(row["eval_id"])
        if key in verdicts and verdicts[key] != row["verdict"]:
            raise InputFormatError(path, line, "eval_id",
                                   f"id {key!r} has verdicts in eval sets {sets[key]!r} and {row.get('eval_set')!r}; "
                                   "choose one with --eval-set")
        verdicts[key], sets[key] = row["verdict"], str(row.get("eval_set"))
    if eval_set is not None and not verdicts:
        raise InputFormatError(path, None, "eval_set", f"no rows for eval set {eval_set!r}")
    return verdicts


def _best(verdicts: Sequence[Verdict]) -> Verdict:
    for verdict in verdicts:
        if verdict.equal:
            return verdict
    return verdicts[0]


def score_rows(
    gold: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any]],
    checker: AnswerChecker,
    contamination: Mapping[str, str] | None = None,
) -> list[RowScore]:
    """One :class:`RowScore` per gold row, in gold order."""
    jobs: list[tuple[str, str, str]] = []
    spans: list[tuple[int, int]] = []
    for row in gold:
        pred = predictions.get(row_key(row["id"]))
        solutions = row["solution"] if isinstance(row["solution"], list) else [row["solution"]]
        mode = METHOD_MODES[row.get("evaluation_method") or "soft"]
        start = len(jobs)
        if pred is not None:
            jobs.extend((s, pred["output"], mode) for s in solutions)
        spans.append((start, len(jobs)))
    verdicts = checker.check_many(jobs)
    scores = []
    for row, (start, end) in zip(gold, spans, strict=True):
        pred = predictions.get(row_key(row["id"]))
        if pred is None:
            correct, error, detail = False, NO_PREDICTION, "no prediction row with this id"
        else:
            verdict = _best(verdicts[start:end])
            correct, error, detail = verdict.equal, None if verdict.equal else verdict.category, verdict.detail
        scores.append(RowScore(
            id=row["id"], category=str(row.get("category") or "?"), unit=str(row.get("unit") or "?"),
            method=row.get("evaluation_method") or "soft", correct=correct, error=error, detail=detail,
            gold=row["solution"], output=None if pred is None else pred["output"],
            seen=None if contamination is None else contamination.get(str(row["id"]), "unknown"),
        ))
    return scores


def _accuracy(scores: Iterable[RowScore]) -> dict[str, Any]:
    scores = list(scores)
    right = sum(s.correct for s in scores)
    return {"total": len(scores), "correct": right, "accuracy": right / len(scores) if scores else None}


def _category_key(name: str) -> tuple[int, str]:
    return (CATEGORY_ORDER.index(name), "") if name in CATEGORY_ORDER else (len(CATEGORY_ORDER), name)


def summarize(scores: Sequence[RowScore], *, extra_predictions: int = 0) -> dict[str, Any]:
    """Accuracy overall, per category and per unit; taxonomy counts with examples; seen/unseen."""
    by_category: dict[str, list[RowScore]] = defaultdict(list)
    by_unit: dict[str, list[RowScore]] = defaultdict(list)
    for s in scores:
        by_category[s.category].append(s)
        by_unit[s.unit].append(s)
    errors = Counter(s.error for s in scores if s.error is not None)
    classes = [c for c in CATEGORIES if c != "correct"] + [NO_PREDICTION]
    classes += sorted(set(errors) - set(classes))
    taxonomy = {
        c: {"count": errors.get(c, 0),
            "examples": [{"id": s.id, "gold": s.gold, "output": s.output, "detail": s.detail}
                         for s in scores if s.error == c][:EXAMPLES_PER_CLASS]}
        for c in classes
    }
    summary: dict[str, Any] = {
        "overall": _accuracy(scores),
        "by_category": {c: _accuracy(by_category[c]) for c in sorted(by_category, key=_category_key)},
        "by_unit": {u: _accuracy(by_unit[u]) for u in sorted(by_unit)},
        "by_method": {m: _accuracy(s for s in scores if s.method == m) for m in sorted({s.method for s in scores})},
        "taxonomy": taxonomy,
        "extra_predictions": extra_predictions,
    }
    if any(s.seen is not None for s in scores):
        summary["contamination"] = {
            "seen": _accuracy(s for s in scores if s.seen in SEEN_VERDICTS),
            "unseen": _accuracy(s for s in scores if s.seen == "clean"),
            "unknown": _accuracy(s for s in scores if s.seen not in (*SEEN_VERDICTS, "clean")),
            "by_verdict": dict(sorted(Counter(s.seen for s in scores).items())),
        }
    return summary
