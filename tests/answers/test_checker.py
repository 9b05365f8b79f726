"""AnswerChecker: the public API through the worker process, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from mathft_core.answers import AnswerChecker, ParsedAnswer, extract_answer
from mathft_core.cli import app


def test_check_modes(checker) -> None:
    verdict = checker.check("x = -1, 3", "よって $x = 3, -1$ である。", "symmetric")
    assert verdict.equal and verdict.category == "correct"
    strict = checker.check("$\\frac{5}{6}\\pi$", "\\frac{5\\pi}{6}", "strict")
    assert not strict.equal and strict.category == "form_mismatch"
    assert checker.check("$\\frac{5}{6}\\pi$", "\\frac{5\\pi}{6}", "soft").equal
    # the official grader never wraps a gold: a bare one is read by expression extraction
    bare = checker.check("\\frac{5}{6}\\pi", "\\frac{5\\pi}{6}", "soft")
    assert not bare.equal and bare.category == "form_mismatch" and "without $...$" in bare.detail
    assert checker.check(["$7$", "$\\frac{5}{6}\\pi$"], "\\frac{5\\pi}{6}", "soft").equal
    assert checker.check("$i^2$", "$-1$", "complex").equal
    assert not checker.check("$-1$", "$i^2$", "complex-strict").equal
    escaped = checker.check("\\frac{1}{2}", "\\\\frac{1}{2}", "symmetric")
    assert escaped.equal and escaped.category == "escape"


def test_check_many_keeps_order(checker) -> None:
    pairs = [("1", "1"), ("1", "2"), {"gold": "x < 3", "pred": "x \\leqq 3", "mode": "symmetric"}]
    verdicts = checker.check_many(pairs, mode="symmetric")
    assert [v.equal for v in verdicts] == [True, False, False]
    assert verdicts[2].category == "boundary"


def test_parse_is_typed_and_cached(checker) -> None:
    answer = checker.parse("x = -1, 3")
    assert isinstance(answer, ParsedAnswer) and answer.kind == "assignment"
    assert checker.parse("{{{") is None


def test_group_for_voting(checker) -> None:
    answers = ["x = 3", "3", "\\frac{6}{2}", "4", "{{", "$x=4$", "3.0"]
    groups = checker.group(answers)
    assert groups[0] == [0, 1, 2, 6]
    assert [3, 5] in groups and [4] in groups


def test_canonicalize_and_steps(checker) -> None:
    assert checker.canonicalize("3 > x \\geqq 1") == "1 \\leqq x < 3"
    assert checker.canonicalize("{{") is None
    steps = checker.verify_steps("$1 + 1 = 3$ であり $2 + 2 = 4$")
    assert [s.step for s in steps] == ["1 + 1 = 3"]


def test_extract_is_public() -> None:
    assert extract_answer("答えは $\\boxed{5}$") == "5"


def test_script_without_main_guard_can_use_a_checker(tmp_path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from mathft_core.answers import AnswerChecker\n"
        "with AnswerChecker() as c:\n"
        "    print(c.check('1', '1', 'symmetric').equal)\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_invalid_arguments() -> None:
    import pytest

    with pytest.raises(ValueError, match="timeout"):
        AnswerChecker(timeout=0)
    with AnswerChecker() as c, pytest.raises(ValueError, match="mode"):
        c.check("1", "1", "loose")


def test_cli_check_canon_and_pairs(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["answer", "check", "x = -1, 3", "x=3,-1", "--mode", "symmetric"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"equal": True, "category": "correct", "detail": "", "mode": "symmetric"}

    result = runner.invoke(app, ["answer", "canon", "\\frac{5\\pi}{6}"])
    assert result.exit_code == 0 and result.stdout.strip() == "\\frac{5}{6}\\pi"

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"gold": "$-1 < x < 3$", "pred": "-1 \\leqq x \\leqq 3"}) + "\n"
        + json.dumps({"gold": "3", "pred": "3個", "mode": "symmetric"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["answer", "check", "--pairs", str(pairs)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["equal"], r["category"]) for r in rows] == [(False, "boundary"), (True, "form_mismatch")]


def test_cli_bad_pairs_file_names_line_and_field(tmp_path) -> None:
    pairs = tmp_path / "bad.jsonl"
    pairs.write_text('{"gold": "1", "pred": "1"}\n{"gold": "1"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["answer", "check", "--pairs", str(pairs)])
    assert result.exit_code != 0
    assert "bad.jsonl:2" in str(result.exception) and "pred" in str(result.exception)
