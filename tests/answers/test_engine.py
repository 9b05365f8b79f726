"""Typed parsing, symmetric equivalence and canonical form (in-process, trusted input)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathft_core import latex as L
from mathft_core.answers.canonical import render
from mathft_core.answers.engine import check, classify, verify_steps
from mathft_core.answers.equivalence import scalar_equal
from mathft_core.answers.parse import AnswerParseError, parse_answer


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("\\frac{1}{2}", "value"),
        ("x^2 - 2x - 15", "expression"),
        ("-1, 3", "set"),
        ("x = -1, 3", "assignment"),
        ("-1 < x \\leqq 3", "relation"),
        ("x < -1, 3 < x", "relation"),
        ("[1, 2)", "relation"),
        ("(2, -3)", "tuple"),
        ("(4, 0), (-4, 0)", "set"),
        ("x^2 + y^2 = 1", "equation"),
        ("a_n = 2n + 1", "assignment"),
        ("x = 2, y = 1", "system"),
        ("\\emptyset", "set"),
        ("x = 1 \\pm \\sqrt{2}", "assignment"),
    ],
)
def test_parse_kinds(text: str, kind: str) -> None:
    assert parse_answer(text).kind == kind


def test_pm_expands_into_a_set() -> None:
    answer = parse_answer("x = \\frac{3 \\pm \\sqrt{17}}{4}")
    values = sorted(i.value for i in answer.items[0].items)
    want = sorted([(3 - sp.sqrt(17)) / 4, (3 + sp.sqrt(17)) / 4])
    assert all(sp.simplify(a - b) == 0 for a, b in zip(values, want, strict=False))


def test_reversed_chain_and_union() -> None:
    assert parse_answer("3 > x \\geqq 1").value == sp.Interval.Ropen(1, 3)
    union = sp.Union(sp.Interval.open(-sp.oo, -1), sp.Interval.open(3, sp.oo))
    assert parse_answer("x < -1 または 3 < x").value == union


def test_symbol_case_is_kept() -> None:
    assert classify("A", "a")[0] is False
    assert classify("A", "A")[0] is True


def test_no_chop_on_tiny_values() -> None:
    assert not scalar_equal(sp.Integer(2) ** -99, sp.Integer(2) ** -98)
    assert scalar_equal(sp.sqrt(2) / 2, 1 / sp.sqrt(2))


def test_decimal_rounding_rule() -> None:
    assert scalar_equal(sp.Rational(1587, 10000), sp.Rational(1587, 10000), 4, None)
    assert scalar_equal(sp.Rational(33, 100), sp.Rational(1, 3), 2, None)
    assert not scalar_equal(sp.Rational(34, 100), sp.Rational(1, 3), 2, None)


@pytest.mark.parametrize("text", ["{{1}", "\\frac{1}{2", "x = ", "5^{5^{5^{5^5}}}", ""])
def test_unparseable(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("x=3, -1", "x = -1, 3"),
        ("\\frac{-3}{4}", "-\\frac{3}{4}"),
        ("\\frac{5\\pi}{6}", "\\frac{5}{6}\\pi"),
        ("\\frac{\\pi}{6}", "\\frac{\\pi}{6}"),
        ("3 > x \\geqq 1", "1 \\leqq x < 3"),
        ("x > 3, x < -1", "x < -1, 3 < x"),
        ("(-\\infty, -1) \\cup (3, \\infty)", "x < -1, 3 < x"),
        ("-2x + x^2 - 15", "x^2 - 2x - 15"),
        ("(4, 0), (-4, 0)", "(-4, 0), (4, 0)"),
        ("y = 3 - 2x", "y = -2x + 3"),
        ("\\varnothing", "\\emptyset"),
        ("3i + 1", "1 + 3i"),
        ("x = \\frac{3 + \\sqrt{17}}{4}, \\frac{3 - \\sqrt{17}}{4}", "x = \\frac{3 \\pm \\sqrt{17}}{4}"),
        ("x = 1 + i, 1 - i, 1", "x = 1, 1 \\pm i"),
        ("x = 2 - \\sqrt{5}, 2 + \\sqrt{5}", "x = 2 \\pm \\sqrt{5}"),
    ],
)
def test_canonical(text: str, canonical: str) -> None:
    assert render(parse_answer(text)) == canonical


def test_modes() -> None:
    assert check("x = -1, 3", "-1, 3", "symmetric").equal
    assert check("$x^2 + x - 2$", "(x-1)(x+2)", "soft").equal
    assert not check("$x^2 + x - 2$", "(x-1)(x+2)", "strict").equal
    assert not check("$-1 < x < 3$", "-1 \\leqq x \\leqq 3", "soft").equal
    with pytest.raises(ValueError, match="mode"):
        check("1", "1", "loose")


def test_verify_steps_finds_false_arithmetic_only() -> None:
    cot = "まず $2 \\times 3 + 4 = 10$ であり，$3^2 = 6$ となる。$2x + 3 = 7$ より $x = 2$。$\\pi \\approx 3$"
    errors = verify_steps(cot)
    assert [e.step for e in errors] == ["3^2 = 6"]


rationals = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)


@settings(max_examples=60, deadline=None)
@given(rationals)
def test_rational_round_trip(value) -> None:
    text = L.num(value)
    answer = parse_answer(text)
    assert answer.value == sp.Rational(value.numerator, value.denominator)
    assert render(answer) == text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=1, max_size=5, unique=True), st.randoms(use_true_random=False))
def test_solution_order_never_matters(values, rnd) -> None:
    shuffled = list(values)
    rnd.shuffle(shuffled)
    gold = "x = " + ", ".join(map(str, values))
    pred = "x = " + ", ".join(map(str, shuffled))
    assert classify(gold, pred) == (True, "correct", "")
    assert render(parse_answer(pred)) == "x = " + ", ".join(map(str, sorted(values)))


@settings(max_examples=40, deadline=None)
@given(st.integers(-9, 9), st.integers(-9, 9), st.booleans(), st.booleans())
def test_boundary_is_detected(lo, width, left_strict, right_strict) -> None:
    hi = lo + abs(width) + 1
    ops = {True: "<", False: "\\leqq"}
    gold = f"{lo} {ops[left_strict]} x {ops[right_strict]} {hi}"
    flipped = f"{lo} {ops[not left_strict]} x {ops[right_strict]} {hi}"
    assert classify(gold, gold)[:2] == (True, "correct")
    assert classify(gold, flipped)[:2] == (False, "boundary")


@settings(max_examples=40, deadline=None)
@given(st.integers(-6, 6), st.integers(-6, 6))
def test_factored_equals_expanded(a, b) -> None:
    factored = f"(x {'+' if a >= 0 else '-'} {abs(a)})(x {'+' if b >= 0 else '-'} {abs(b)})"
    expanded = L.poly([1, a + b, a * b])
    equal, category, _ = classify(expanded, factored)
    assert equal
    assert category in ("correct", "form_mismatch")
