"""Property tests (the standard unit contract) and focused checks for the 中3 units."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from mathft_units.jhs3 import (
    expansion_factoring,
    function_ax2,
    jhs_data,
    quadratic_equations,
    square_roots,
)
from mathft_units.jhs3._surd import split_square, surd_tex

from mathft_core.testing import UnitContract

JHS3_UNITS = (
    "jhs3.expansion_factoring",
    "jhs3.square_roots",
    "jhs3.quadratic_equations",
    "jhs3.function_ax2",
    "jhs3.similarity_pythagoras",
    "jhs3.jhs_data",
)


class TestJhs3Units(UnitContract):
    unit_ids = JHS3_UNITS


def _range(a: list[int], lo: int, hi: int, lo_strict: bool, hi_strict: bool) -> str:
    params = {"a": a, "lo": lo, "hi": hi, "lo_strict": lo_strict, "hi_strict": hi_strict}
    solution = function_ax2.solve_range(params)
    assert function_ax2.verify_range(params, solution)
    return solution.answer_latex


def test_range_boundary_follows_the_attaining_end() -> None:
    # the far end x = -4 is excluded, so 16 is not reached; x = 0 is inside, so 0 is
    assert _range([1, 1], -4, 3, True, False) == "0 \\leqq y < 16"
    # both ends give 9: one included end is enough to reach it
    assert _range([1, 1], -3, 3, True, False) == "0 \\leqq y \\leqq 9"
    # 0 is an excluded end: y = 0 is not reached
    assert _range([1, 1], 0, 3, True, False) == "0 < y \\leqq 9"
    # a < 0 swaps the roles; domain on one side of 0
    assert _range([-1, 2], 2, 4, False, True) == "-8 < y \\leqq -2"


def test_range_verifier_rejects_a_wrong_boundary() -> None:
    params = {"a": [1, 1], "lo": -4, "hi": 3, "lo_strict": True, "hi_strict": False}
    good = function_ax2.solve_range(params)
    y = sp.Symbol("y")
    wrong = type(good)(answer=sp.And(sp.Le(0, y), sp.Le(y, 16)), answer_latex="0 \\leqq y \\leqq 16")
    assert not function_ax2.verify_range(params, wrong)


def test_quadratic_roots_are_reduced_and_split_when_fractional() -> None:
    assert quadratic_equations.formula_roots(2, -3, -1)["latex"] == "\\frac{3 - \\sqrt{17}}{4}, \\frac{3 + \\sqrt{17}}{4}"
    assert quadratic_equations.formula_roots(1, 2, -6)["latex"] == "-1 \\pm \\sqrt{7}"
    assert quadratic_equations.formula_roots(2, -2, -1)["latex"] == "\\frac{1 - \\sqrt{3}}{2}, \\frac{1 + \\sqrt{3}}{2}"
    assert quadratic_equations.formula_roots(1, -2, -15)["answer"] == sp.FiniteSet(-3, 5)


def test_factor_takes_the_common_factor_first() -> None:
    params = {"names": ["x", "y"], "k": 2, "mono": "a", "kind": "sumdiff", "factors": [[1, 0, 2], [1, 0, -2]]}
    solution = expansion_factoring.solve_factor(params)
    assert solution.answer_latex == "2a(x+2)(x-2)"
    assert solution.steps["expr"] == "2ax^2 - 8a"
    assert expansion_factoring.verify_factor(params, solution)


def test_quartiles_use_the_halves_rule() -> None:
    params = {"data": ["2", "4", "5", "7", "8", "10", "12", "15"], "ask": "iqr", "sorted_given": True}
    solution = jhs_data.solve_iqr(params)
    assert solution.answer == Fraction(13, 2) and solution.answer_latex == "6.5"
    odd = {"data": ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "ask": "q1", "sorted_given": True}
    assert jhs_data.solve_iqr(odd).answer_latex == "2.5"  # the median 5 is left out of both halves


def test_natural_condition_and_radicals() -> None:
    assert square_roots.solve_natural({"kind": "mul", "N": 60}).answer == 15
    assert split_square(72) == (6, 2)
    assert surd_tex(Fraction(0), Fraction(7, 3), 3) == "\\frac{7\\sqrt{3}}{3}"
    assert surd_tex(-1, 1, 5) == "\\sqrt{5} - 1"
    twin = {"kind": "range", "lo": 3, "hi": 4}
    strict = square_roots.solve_natural({**twin, "lo_strict": True, "hi_strict": True}).answer
    closed = square_roots.solve_natural({**twin, "lo_strict": False, "hi_strict": False}).answer
    assert (strict, closed) == (6, 8)
