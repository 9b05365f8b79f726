"""中1 units: the standard contract plus the subtle cases of their solvers and verifiers."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from mathft_units.jhs1 import _arith, jhs_geometry, linear_equations, proportion_inverse
from mathft_units.jhs1 import signed_numbers_literal as snl

from mathft_core.testing import UnitContract


class TestJhs1Units(UnitContract):
    unit_ids = (
        "jhs1.signed_numbers_literal",
        "jhs1.linear_equations",
        "jhs1.proportion_inverse",
        "jhs1.jhs_geometry",
    )


def _n(v: int) -> dict:
    return {"k": "n", "v": [v, 1]}


def test_minus_square_is_not_square_of_minus() -> None:
    # -2^2 × 3 - (-6) ÷ 3/2 = -12 + 4 = -8 (CURRICULUM.md 四則混合)
    terms = [
        {"s": -1, "f": [{"k": "p", "b": [2, 1], "e": 2}, _n(3)], "ops": ["*"]},
        {"s": -1, "f": [_n(-6), {"k": "n", "v": [3, 2]}], "ops": ["/"]},
    ]
    sol = snl.solve_mixed({"terms": terms})
    assert sol.answer == -8
    assert sol.steps["expr"] == "-2^2 \\times 3 - (-6) \\div \\frac{3}{2}"
    assert sol.steps["stage2"] == "-12 + 4"
    assert "(-2)^2 = 4" in sol.steps["notes"][0]
    assert snl.verify_mixed({"terms": terms}, sol)
    squared = [{"s": 1, "f": [{"k": "p", "b": [-2, 1], "e": 2}], "ops": []}]
    assert _arith.expr_value(squared) == 4


def test_fraction_expression_single_fraction() -> None:
    # (x+1)/2 - (x-2)/3 = (x+7)/6
    params = {"var": "x", "parts": [{"k": [1, 1], "a": 1, "b": 1, "m": 2}, {"k": [-1, 1], "a": 1, "b": -2, "m": 3}]}
    sol = snl.solve_linear(params)
    assert sol.answer_latex == "\\frac{x + 7}{6}"
    assert snl.verify_linear(params, sol)


def test_prime_factorization_form_and_verifier_rejects_wrong_text() -> None:
    sol = snl.solve_prime({"n": 180, "product": []})
    assert sol.answer_latex == "2^2 \\times 3^2 \\times 5"
    assert snl.verify_prime({"n": 180, "product": []}, sol)
    wrong = type(sol)(answer=sol.answer, answer_latex="4 \\times 3^2 \\times 5", steps=sol.steps)
    assert not snl.verify_prime({"n": 180, "product": []}, wrong)


def test_fraction_equation_and_proportion() -> None:
    # (x-1)/3 = (x+2)/4  ->  x = 10
    piece = linear_equations._p
    params = {"lhs": [piece(1, 1, -1, 3)], "rhs": [piece(1, 1, 2, 4)], "decimal": False}
    sol = linear_equations.solve_equation(params)
    assert sol.answer == sp.Eq(sp.Symbol("x"), 10)
    assert sol.steps["cleared"] == "4(x - 1) = 3(x + 2)"
    assert linear_equations.verify_equation(params, sol)
    # x : 6 = 4 : 3  ->  x = 8
    terms = [{"a": [1, 1], "b": [0, 1]}, {"a": [0, 1], "b": [6, 1]}, {"a": [0, 1], "b": [4, 1]}, {"a": [0, 1], "b": [3, 1]}]
    prop = linear_equations.solve_proportion({"terms": terms, "x0": 8})
    assert prop.answer_latex == "x = 8"


def test_word_problem_verifier_brute_forces() -> None:
    params = {"kind": "price", "goods": ["りんご", "みかん", "個"], "p1": 120, "p2": 80, "n": 15, "total": 1560, "x": 9}
    sol = linear_equations.solve_word(params)
    assert int(sol.answer) == 9
    assert linear_equations.verify_word(params, sol)
    assert not linear_equations.verify_word({**params, "total": 1600}, sol)


def test_proportion_forms() -> None:
    sol = proportion_inverse.solve_formula({"kind": "direct", "x0": [-4, 1], "y0": [10, 1]})
    assert sol.answer_latex == "y = -\\frac{5}{2}x"
    inv = proportion_inverse.solve_value({"kind": "inverse", "x1": [3, 1], "y1": [-8, 1], "x2": [-6, 1], "y2": [4, 1], "ask": "y"})
    assert inv.answer == 4
    lat = proportion_inverse.solve_lattice({"a": 12, "positive": False})
    assert lat.answer == 12
    assert proportion_inverse.verify_lattice({"a": 12, "positive": False}, lat)
    assert proportion_inverse.solve_lattice({"a": -12, "positive": False}).answer == 12


def test_geometry_values() -> None:
    assert jhs_geometry.solve_sector({"ask": "area", "r": 6, "angle": 120}).answer_latex == "12\\pi"
    assert jhs_geometry.solve_solid({"ask": "cone_volume_slant", "r": 3, "h": 4, "l": 5}).answer_latex == "12\\pi"
    poly = jhs_geometry.solve_polygon({"ask": "interior", "n": 12, "angles": []})
    assert poly.answer_latex == "150^\\circ"
    assert jhs_geometry.verify_polygon({"ask": "interior", "n": 12, "angles": []}, poly)
    arc = jhs_geometry.solve_sector({"ask": "perimeter", "r": 6, "angle": 120})
    assert arc.answer_latex == "4\\pi + 12"
    assert Fraction(int(arc.answer.subs(sp.pi, 0)), 1) == 12


def test_tex_evaluator_reads_signs_powers_and_implicit_products() -> None:
    from mathft_units.jhs1._texeval import TexSyntaxError, evaluate

    assert evaluate("-2^2 \\times 3 - (-6) \\div \\frac{3}{2}") == -8
    assert evaluate("\\left(-\\frac{1}{2}\\right)^3 \\times (-1) - (3 - 7) \\div 4") == Fraction(9, 8)
    assert evaluate("-3x^2y + 2y", {"x": Fraction(-1), "y": Fraction(2)}) == -2
    with pytest.raises(TexSyntaxError):
        evaluate("2 \\sqrt{3}")
