"""Grader-compatible scoring: per-row methods, list golds, taxonomy, categories, seen/unseen."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.errors import InputFormatError
from mathft_core.evaluate.report import write_report
from mathft_core.evaluate.score import (
    read_contamination,
    read_gold,
    read_predictions,
    score_rows,
    summarize,
)
from mathft_core.io import write_jsonl

GOLD = [
    {"id": 1, "category": "中1", "unit": "一次方程式", "solution": "-10"},
    {"id": 2, "category": "中3", "unit": "二次方程式", "solution": r"\frac{1 \pm \sqrt{97}}{12}", "evaluation_method": "soft"},
    {"id": 3, "category": "IIB", "unit": "三角関数", "solution": r"\frac{5}{6}\pi", "evaluation_method": "strict"},
    {"id": 4, "category": "IA", "unit": "二次不等式", "solution": r"1 < x < 3"},
    {"id": 5, "category": "中1", "unit": "一次方程式", "solution": ["3", "x = 3"]},
    {"id": 6, "category": "IIIC", "unit": "複素数平面", "solution": r"1 + \sqrt{3}i", "evaluation_method": "complex"},
    {"id": 7, "category": "中3", "unit": "二次方程式", "solution": "x = -1, 3"},
]
PREDS = [
    {"id": 1, "output": r"$\boxed{-10}$"},  # right
    {"id": 2, "output": r"\frac{1 - \sqrt{97}}{12}, \frac{1 + \sqrt{97}}{12}"},  # right (order free)
    {"id": 3, "output": r"\frac{5\pi}{6}"},  # right value, wrong form under strict
    {"id": 4, "output": r"1 \leqq x < 3"},  # boundary
    {"id": 5, "output": "x = 3"},  # matches the second acceptable answer
    {"id": 6, "output": r"1 + i\sqrt{3}"},  # right
    {"id": 99, "output": "0"},  # no gold row
]


@pytest.fixture
def files(tmp_path):
    write_jsonl(tmp_path / "gold.jsonl", GOLD)
    write_jsonl(tmp_path / "pred.jsonl", PREDS)
    write_jsonl(tmp_path / "contam.jsonl", [
        {"eval_set": "dev", "eval_id": str(i), "verdict": v, "matches": 0, "units": []}
        for i, v in [(1, "same_template"), (2, "leak"), (3, "clean"), (4, "clean"), (5, "clean"), (6, "clean")]
    ])
    return tmp_path


def test_rows_are_judged_in_their_own_method(files, checker):
    scores = score_rows(read_gold(files / "gold.jsonl"), read_predictions(files / "pred.jsonl"), checker)
    assert [s.correct for s in scores] == [True, True, False, False, True, True, False]
    by_id = {s.id: s for s in scores}
    assert by_id[3].error == "form_mismatch" and by_id[3].method == "strict"
    assert by_id[4].error == "boundary"
    assert by_id[7].error == "no_prediction" and by_id[7].output is None


def test_summary_counts(files, checker):
    preds = read_predictions(files / "pred.jsonl")
    scores = score_rows(read_gold(files / "gold.jsonl"), preds, checker,
                        read_contamination(files / "contam.jsonl"))
    summary = summarize(scores, extra_predictions=1)
    assert summary["overall"] == {"total": 7, "correct": 4, "accuracy": 4 / 7}
    assert list(summary["by_category"]) == ["中1", "中3", "IA", "IIB", "IIIC"]
    assert summary["by_category"]["中3"] == {"total": 2, "correct": 1, "accuracy": 0.5}
    assert summary["by_unit"]["一次方程式"]["correct"] == 2
    assert summary["by_method"]["strict"]["correct"] == 0
    taxonomy = summary["taxonomy"]
    assert {k: v["count"] for k, v in taxonomy.items() if v["count"]} == {
        "form_mismatch": 1, "boundary": 1, "no_prediction": 1}
    assert taxonomy["boundary"]["examples"][0]["id"] == 4
    contamination = summary["contamination"]
    assert contamination["seen"] == {"total": 2, "correct": 2, "accuracy": 1.0}
    assert contamination["unseen"] == {"total": 4, "correct": 2, "accuracy": 0.5}
    assert contamination["unknown"]["total"] == 1  # id 7 is not in the contamination report
    assert summary["extra_predictions"] == 1


def test_report_files(files, checker, tmp_path):
    scores = score_rows(read_gold(files / "gold.jsonl"), read_predictions(files / "pred.jsonl"), checker,
                        read_contamination(files / "contam.jsonl"))
    summary = summarize(scores)
    written = write_report(tmp_path / "report", summary, scores)
    names = {p.name for p in written}
    assert {"report.md", "report.html", "report.json", "rows.jsonl", "accuracy_by_category.png",
            "accuracy_by_unit.png", "errors.png", "accuracy_seen_unseen.png"} <= names
    for name in names:
        if name.endswith(".png"):
            assert (tmp_path / "report" / name).read_bytes()[:4] == b"\x89PNG"
    md = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "**Accuracy 57.1%** (4 of 7 rows)" in md
    assert "| unseen | 2 | 4 | 50.0% |" in md
    assert "| boundary | 1 |" in md
    html = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "<img src=\"errors.png\"" in html and "中3" in html
    assert json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8")) == summary


def test_eval_command(files):
    result = CliRunner().invoke(app, ["eval", str(files / "pred.jsonl"), str(files / "gold.jsonl"),
                                      "-o", str(files / "out"), "--contamination", str(files / "contam.jsonl")])
    assert result.exit_code == 0, result.output
    assert json.loads((files / "out" / "report.json").read_text(encoding="utf-8"))["overall"]["correct"] == 4


@pytest.mark.parametrize(("line", "match"), [
    ('{"id": 1, "solution": 3}', r"gold\.jsonl:1: field 'solution': must be a string"),
    ('{"id": 1, "solution": "3", "evaluation_method": "fuzzy"}', r"gold\.jsonl:1: field 'evaluation_method'"),
    ('{"id": 1, "solution": []}', r"gold\.jsonl:1: field 'solution'"),
    ('{"id": 1, "solution": "3"}\n{"id": 1, "solution": "4"}', r"gold\.jsonl:2: field 'id': duplicate id 1"),
    ('{"solution": "3"}', r"gold\.jsonl:1: field 'id': missing required field"),
])
def test_bad_gold_names_file_line_and_field(tmp_path, line, match):
    (tmp_path / "gold.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=match):
        read_gold(tmp_path / "gold.jsonl")


def test_bad_predictions_and_ambiguous_contamination(tmp_path):
    (tmp_path / "p.jsonl").write_text('{"id": 1, "output": null}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"p\.jsonl:1: field 'output': must be a string"):
        read_predictions(tmp_path / "p.jsonl")
    write_jsonl(tmp_path / "c.jsonl", [{"eval_set": "a", "eval_id": "1", "verdict": "clean"},
                                       {"eval_set": "b", "eval_id": "1", "verdict": "leak"}])
    with pytest.raises(InputFormatError, match=r"c\.jsonl:2: field 'eval_id'.*--eval-set"):
        read_contamination(tmp_path / "c.jsonl")
    assert read_contamination(tmp_path / "c.jsonl", "b") == {"1": "leak"}
