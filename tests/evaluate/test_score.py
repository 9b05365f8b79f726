"""Grader-compatible scoring: per-row methods, list golds, taxonomy, categories, seen/unseen."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.errors import InputFormatError
from mathft_core.evaluate.report import write_report
from mathft_core.evaluate.score import (
    gold_warnings,
    read_contamination,
    read_gold,
    read_predictions,
    score_rows,
    summarize,
)
from mathft_core.io import write_jsonl

GOLD = [  # solutions inside $...$ as the competition's gold files (a bare integer is read right)
    {"id": 1, "category": "中1", "unit": "一次方程式", "solution": "-10", "evaluation_method": "soft"},
    {"id": 2, "category": "中3", "unit": "二次方程式", "solution": r"$$\frac{1 \pm \sqrt{97}}{12}$$",
     "evaluation_method": "soft"},
    {"id": 3, "category": "IIB", "unit": "三角関数", "solution": r"$\frac{5}{6}\pi$", "evaluation_method": "strict"},
    {"id": 4, "category": "IA", "unit": "二次不等式", "solution": r"$1 < x < 3$", "evaluation_method": "soft"},
    {"id": 5, "category": "中1", "unit": "一次方程式", "solution": ["$4$", "$x = 3$"], "evaluation_method": "soft"},
    {"id": 6, "category": "IIIC", "unit": "複素数平面", "solution": r"$1 + \sqrt{3}i$", "evaluation_method": "complex"},
    {"id": 7, "category": "中3", "unit": "二次方程式", "solution": "$x = -1, 3$", "evaluation_method": "soft"},
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


def test_bare_gold_is_scored_as_the_official_grader_reads_it(tmp_path, checker):
    gold = [{"id": 1, "category": "IIB", "unit": "u", "solution": "108\\pi"},
            {"id": 2, "category": "IIB", "unit": "u", "solution": "y = 9x", "evaluation_method": "soft"},
            {"id": 3, "category": "IIB", "unit": "u", "solution": "\\sqrt{3}", "evaluation_method": "soft"},
            {"id": 4, "category": "IIB", "unit": "u", "solution": "12", "evaluation_method": "soft"}]
    preds = {str(i): {"id": i, "output": out} for i, out in
             [(1, "108"), (2, "$y = 9x$"), (3, "$\\sqrt{3}$"), (4, "12")]}
    scores = score_rows(gold, preds, checker)
    # 108\pi is read as 108, y = 9x as 9 and \sqrt{3} as nothing: the official verdicts
    assert [s.correct for s in scores] == [True, False, False, True]
    assert "without $...$" in scores[1].detail
    warnings = gold_warnings(gold)
    assert len(warnings) == 2
    assert "1 gold row(s) have no evaluation_method" in warnings[0]
    assert warnings[1].startswith("3 gold row(s) store solution without $...$ (first id 1")


def test_eval_warns_once_and_validates_options(files):
    runner = CliRunner()
    bare = files / "bare.jsonl"
    write_jsonl(bare, [{"id": i, "solution": "\\frac{1}{2}", "category": "中1", "unit": "u"} for i in (1, 2, 3)])
    result = runner.invoke(app, ["eval", str(files / "pred.jsonl"), str(bare), "-o", str(files / "o1")])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("misreads bare LaTeX golds") == 1
    assert result.stderr.count("no evaluation_method") == 1
    for option, value, message in [("--workers", "0", "--workers must be at least 1, got 0"),
                                   ("--timeout", "-1", "--timeout must be a positive number of seconds"),
                                   ("--grader", "sympy", "--grader must be one of mathft, official, got 'sympy'"),
                                   ("--eval-set", "dev", "--eval-set needs --contamination FILE")]:
        result = runner.invoke(app, ["eval", str(files / "pred.jsonl"), str(files / "gold.jsonl"), option, value])
        assert result.exit_code == 2
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith(f"error: {message}"), result.stderr


def test_official_grader_decides_and_differences_are_reported(files, monkeypatch):
    runner = CliRunner()
    monkeypatch.setitem(sys.modules, "math_eval", None)  # not importable: one error line
    result = runner.invoke(app, ["eval", str(files / "pred.jsonl"), str(files / "gold.jsonl"), "--grader", "official"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --grader official needs the math_eval package")
    monkeypatch.delitem(sys.modules, "math_eval")
    package = files / "standin" / "math_eval"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    # a stand-in official grader: accepts exactly the outputs holding "10" or "97", logs its calls
    (package / "main.py").write_text(
        "CALLS = []\n"
        "def parse_and_verify(prediction, gold, evaluation_method=None):\n"
        "    CALLS.append((prediction, gold, evaluation_method))\n"
        "    if 'sqrt{3}' in prediction:\n"
        "        raise RuntimeError('boom')\n"
        "    return '10' in prediction or '97' in prediction\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(files / "standin"))
    result = runner.invoke(app, ["eval", str(files / "pred.jsonl"), str(files / "gold.jsonl"), "--grader", "official",
                                 "-o", str(files / "off")])
    assert result.exit_code == 0, result.output
    import math_eval.main as standin

    assert len(standin.CALLS) == 6 and ("x = 3", ["$4$", "$x = 3$"], "soft") in standin.CALLS
    summary = json.loads((files / "off" / "report.json").read_text(encoding="utf-8"))
    assert summary["overall"]["correct"] == 2  # ids 1 and 2
    diffs = {d["id"]: (d["official"], d["mathft"]) for d in summary["official_grader"]["rows"]}
    assert diffs == {5: (False, True), 6: (False, True)}  # id 6: the stand-in crashed, a miss
    assert "mathft's verdict differs on 2 row(s)" in result.stderr


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
