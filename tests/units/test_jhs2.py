"""中2 units: the standard contract plus the subtle cases of their solvers and verifiers."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from mathft_units.jhs2 import (
    jhs_probability,
    linear_functions,
    polynomial_calc,
    simultaneous_equations,
)
from mathft_units.jhs2._system import eliminate

from mathft_core.testing import UnitContract


class TestJhs2Units(UnitContract):
    unit_ids = (
        "jhs2.polynomial_calc",
        "jhs2.simultaneous_equations",
        "jhs2.linear_functions",
        "jhs2.jhs_probability",
    )


def test_monomial_chain_matches_curriculum_example() -> None:
    # 12x^2y ÷ (-3xy^2) × 2y = -8x
    factors = [
        {"c": [12, 1], "e": [2, 1], "pow": 1, "op": "*"},
        {"c": [-3, 1], "e": [1, 2], "pow": 1, "op": "/"},
        {"c": [2, 1], "e": [0, 1], "pow": 1, "op": "*"},
    ]
    sol = polynomial_calc.solve_monomial({"factors": factors})
    assert sol.answer_latex == "-8x"
    assert sol.steps["stated"] == "12x^2y \\div (-3xy^2) \\times 2y"
    assert polynomial_calc.verify_monomial({"factors": factors}, sol)


def test_fraction_polynomial_single_fraction() -> None:
    # (2x - y)/3 - (x - 2y)/4 = (5x + 2y)/12
    parts = [{"k": [1, 1], "a": 2, "b": -1, "m": 3}, {"k": [-1, 1], "a": 1, "b": -2, "m": 4}]
    sol = polynomial_calc.solve_fraction_poly({"parts": parts})
    assert sol.answer_latex == "\\frac{5x + 2y}{12}"


def test_transform_coefficient_form_and_product_formula() -> None:
    params = {"kind": "linear", "names": ["x", "y"], "coeffs": [3, 2], "dens": [1, 1], "const": 6,
              "target": "y", "shape": "plain", "outer": 1}
    sol = polynomial_calc.solve_transform(params)
    assert sol.answer_latex == "y = -\\frac{3}{2}x + 3"
    assert polynomial_calc.verify_transform(params, sol)
    prod = {"kind": "product", "lhs": "S", "letters": ["a", "h"], "target": "h", "k": [1, 2]}
    psol = polynomial_calc.solve_transform(prod)
    assert psol.answer_latex == "h = \\frac{2S}{a}"
    assert polynomial_calc.verify_transform(prod, psol)


def test_elimination_lines() -> None:
    work = eliminate((Fraction(2), Fraction(3), Fraction(7)), (Fraction(3), Fraction(-1), Fraction(5)))
    assert (work["uval"], work["vval"]) == (2, 1)
    assert work["op"] == "たす"


def test_shared_solution_coefficients() -> None:
    params = {"kind": "shared", "a": 4, "b": -6, "x0": 1, "y0": 2, "p": [2, 1, -1, 4]}
    sol = simultaneous_equations.solve_coeffs(params)
    assert sol.answer_latex == "a = 4, b = -6"
    assert simultaneous_equations.verify_coeffs(params, sol)


def test_students_trap_this_year_versus_last_year() -> None:
    # 昨年 500 人 (男子 260, 女子 240); 男子 10% 増, 女子 5% 減 -> 全体 14 人増; 今年の男子は 286
    base = {"kind": "students", "x": 260, "y": 240, "p": 10, "q": 5, "sign": "up_down",
            "group": ["男子", "女子"]}
    this_year = simultaneous_equations.solve_word({**base, "ask": "this_x"})
    last_year = simultaneous_equations.solve_word({**base, "ask": "last_x"})
    assert (int(this_year.answer), int(last_year.answer)) == (286, 260)
    assert simultaneous_equations.verify_word({**base, "ask": "this_x"}, this_year)


def test_range_boundary_swaps_for_decreasing_function() -> None:
    # y = -1/2 x + 3, -2 <= x < 4  ->  1 < y <= 4
    params = {"m": [-1, 2], "b": [3, 1], "lo": -2, "hi": 4, "lo_strict": False, "hi_strict": True, "one_sided": None}
    sol = linear_functions.solve_range(params)
    assert sol.answer_latex == "1 < y \\leqq 4"
    assert linear_functions.verify_range(params, sol)
    twin = {**params, "hi_strict": False}
    assert linear_functions.solve_range(twin).answer_latex == "1 \\leqq y \\leqq 4"
    assert not linear_functions.verify_range(twin, sol)


def test_line_and_intersection() -> None:
    line = {"kind": "two_points", "m": [-2, 1], "pts": [[-1, 1, 5, 1], [3, 1, -3, 1]]}
    assert linear_functions.solve_line(line).answer_latex == "y = -2x + 3"
    cross = {"form": "slope", "lines": [[[2, 1], [-1, 1]], [[-1, 1], [5, 1]]]}
    sol = linear_functions.solve_cross(cross)
    assert sol.answer == sp.Tuple(2, 3)


def test_probability_examples() -> None:
    dice = {"event": "sum_mult", "k": 5, "cmp": "", "p": 1, "q": 1, "dice": "size"}
    assert jhs_probability.solve_dice(dice).answer == sp.Rational(7, 36)
    balls = {"counts": [3, 2], "mode": "together", "ask": "both_first", "second": 1, "colors": ["赤玉", "白玉"]}
    sol = jhs_probability.solve_balls(balls)
    assert sol.answer == sp.Rational(3, 10)
    assert jhs_probability.verify_balls(balls, sol)
    coins = {"kind": "coins", "n": 3, "coin": "硬貨", "side": "head"}
    assert jhs_probability.solve_at_least(coins).answer == sp.Rational(7, 8)
    strict = {"event": "sum_cmp", "k": 5, "cmp": "lt", "p": 1, "q": 1, "dice": "size"}
    loose = {**strict, "cmp": "le"}
    assert jhs_probability.solve_dice(strict).answer == sp.Rational(6, 36)
    assert jhs_probability.solve_dice(loose).answer == sp.Rational(10, 36)
