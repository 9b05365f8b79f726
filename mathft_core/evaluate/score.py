"""Grader-compatible scoring of prediction rows against gold rows, and the summary figures.

Each gold row is judged in its own ``evaluation_method`` exactly as the official grader
judges it (``soft``, ``strict``, ``complex``, ``complex-strict``; a missing method is
``soft``). A gold ``solution`` may be a list of acceptable answers; any match counts. A
gold is read as the grader reads it: never wrapped in ``$...$``, so a bare LaTeX gold is
misread the same way (:func:`gold_warnings` says so). A gold row with no prediction is
wrong (``no_prediction``); predictions without a gold row are counted and ignored.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from mathft_core.answers import CATEGORIES, AnswerChecker, Verdict
from mathft_core.answers.grader_text import has_delimiters
from mathft_core.answers.model import GRADER_METHODS
from mathft_core.errors import InputFormatError
from mathft_core.ids import require_id
from mathft_core.infer.progress import row_key
from mathft_core.io import read_jsonl

_PLAIN_NUMBER = re.compile(r"\s*-?\d+(?:\.\d+)?\s*")
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
    mathft_correct: bool | None = None  # mathft's own verdict, when the official grader decided

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
        method = row.get("evaluation_method")
        if method is not None and method not in GRADER_METHODS:
            raise InputFormatError(path, line, "evaluation_method",
                                   f"must be one of {', '.join(GRADER_METHODS)} (or absent), got {method!r}")
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


def method_of(row: Mapping[str, Any]) -> str:
    """The row's evaluation method; a missing one is ``soft``, as in the official grader."""
    return row.get("evaluation_method") or "soft"


def _bare_latex(solution: str) -> bool:
    return not has_delimiters(solution) and not _PLAIN_NUMBER.fullmatch(solution)


def gold_warnings(gold: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line per problem of a gold file the official grader handles badly (each said once)."""
    out = []
    missing = [r["id"] for r in gold if r.get("evaluation_method") is None]
    if missing:
        out.append(f"{len(missing)} gold row(s) have no evaluation_method (first id {missing[0]!r}): "
                   "judged as soft, as the official grader does (it warns too)")
    bare = [r for r in gold
            if any(_bare_latex(s) for s in (r["solution"] if isinstance(r["solution"], list) else [r["solution"]]))]
    if bare:
        first = bare[0]["solution"] if isinstance(bare[0]["solution"], str) else bare[0]["solution"][0]
        out.append(f"{len(bare)} gold row(s) store solution without $...$ (first id {bare[0]['id']!r}: {first!r}): "
                   "the official grader misreads bare LaTeX golds (108\\pi is read as 108) and so does this "
                   "score; write solutions inside $...$")
    return out


def score_rows(
    gold: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any]],
    checker: AnswerChecker,
    contamination: Mapping[str, str] | None = None,
) -> list[RowScore]:
    """One :class:`RowScore` per gold row, in gold order."""
    jobs: list[tuple[str | list[str], str, str]] = []
    for row in gold:
        pred = predictions.get(row_key(row["id"]))
        if pred is not None:
            jobs.append((row["solution"], pred["output"], method_of(row)))
    verdicts = iter(checker.check_many(jobs))
    scores = []
    for row in gold:
        pred = predictions.get(row_key(row["id"]))
        if pred is None:
            correct, error, detail = False, NO_PREDICTION, "no prediction row with this id"
        else:
            verdict: Verdict = next(verdicts)
            correct, error, detail = verdict.equal, None if verdict.equal else verdict.category, verdict.detail
        scores.append(RowScore(
            id=row["id"], category=str(row.get("category") or "?"), unit=str(row.get("unit") or "?"),
            method=method_of(row), correct=correct, error=error, detail=detail,
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
