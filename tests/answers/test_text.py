"""Repair, Japanese normalisation and extraction (pure string work, in-process)."""

from __future__ import annotations

import pytest

from mathft_core.answers.extract import extract_answer
from mathft_core.answers.normalize import normalize
from mathft_core.answers.repair import repair


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("\\\\frac{1}{2}", "\\frac{1}{2}"),
        ("-2 \\\\leqq x", "-2 \\leqq x"),
        ("\x0crac{1}{2}", "\\frac{1}{2}"),
        ("2 \times 3", "2 \\times 3"),
        ("\theta = 1", "\\theta = 1"),
        ("x \neq 1", "x \\neq 1"),
        ("\x08oxed{3}", "\\boxed{3}"),
        ("\\\\begin{pmatrix} 1 & 2 \\\\\\\\ 3 & 4 \\\\end{pmatrix}", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"),
    ],
)
def test_repair_escaping(damaged: str, fixed: str) -> None:
    result = repair(damaged)
    assert result.text == fixed
    assert result.escape


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("\\dfrac{1}{2}", "\\frac{1}{2}"),
        ("\\frac12", "\\frac{1}{2}"),
        ("\\frac1{x}", "\\frac{1}{x}"),
        ("\\sqrt3", "\\sqrt{3}"),
        ("\\sqrt[3]8", "\\sqrt[3]{8}"),
    ],
)
def test_repair_macros_is_not_escape(text: str, fixed: str) -> None:
    result = repair(text)
    assert result.text == fixed
    assert not result.escape


def test_matrix_row_breaks_survive_when_not_doubled() -> None:
    text = "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"
    assert repair(text).text == text
    assert not repair(text).escape


def test_real_newlines_are_kept() -> None:
    assert repair("x = 1\nよって").text == "x = 1\nよって"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ｘ＝－１，３", "x=-1,3"),
        ("x≦√3", "x\\leq \\sqrt{3}"),
        ("-1 < x \\leqq 3", "-1 < x \\leq 3"),
        ("x \\geqq 2", "x \\geq 2"),
        ("x < -1 または 3 < x", "x < -1 , 3 < x"),
        ("\\varnothing", "\\emptyset"),
        ("x²", "x^{2}"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_normalize_records_units_and_notes() -> None:
    assert normalize("3個").units == ("個",)
    assert normalize("12\\pi \\text{ cm}^2").text == "12\\pi"
    note = normalize("x = 2（重解）")
    assert note.text == "x = 2" and note.notes
    assert normalize("150°").degrees


@pytest.mark.parametrize(
    ("output", "answer"),
    [
        ("計算すると… ゆえに，答えは $\\boxed{\\frac{3}{2}}$ である。", "\\frac{3}{2}"),
        ("\\boxed{1} と \\boxed{2}", "1, 2"),
        ("よって $x = -1, 3$ である。", "x = -1, 3"),
        ("よって $x < -1$ または $3 < x$ である。", "x < -1 または 3 < x"),
        ("答え：12", "12"),
        ("<answer>2</answer>", "2"),
        ("<think>$x = 5$ かな</think>最終的に $x = 4$", "x = 4"),
        ("\\[ x = 7 \\]", "x = 7"),
        ("x = 3", "x = 3"),
        ("", None),
    ],
)
def test_extract_answer(output: str, answer: str | None) -> None:
    assert extract_answer(output) == answer


def test_extract_is_fast_on_hostile_text() -> None:
    import time

    for text in ("$" * 50_000, "\\boxed{" * 20_000, "{" * 50_000, "あ" * 50_000 + "$1$"):
        start = time.perf_counter()
        extract_answer(text)
        assert time.perf_counter() - start < 1.0
