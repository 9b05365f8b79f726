"""数学II units: the standard contract plus focused checks of boundary-sensitive solvers."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from mathft_units.math2 import (
    _calculus,
    _complexeq,
    _explog_digits,
    _explog_exp,
    _explog_log,
    _exprproof,
    _intervals,
    _trig_eqineq,
)

from mathft_core.roundtrip import latex_matches_value
from mathft_core.testing import UnitContract

X = sp.Symbol("x")


class TestMath2(UnitContract):
    unit_ids = (
        "math2.exp_log",
        "math2.trig_functions",
        "math2.expressions_proofs",
        "math2.complex_equations",
        "math2.derivative_ii",
        "math2.integral_ii",
    )


# --- 指数・対数 -------------------------------------------------------------------


def test_log_inequality_base_below_one_flips_and_keeps_domain_strict() -> None:
    # log_{1/2}(x - 3) >= -1  ->  0 < x - 3 <= 2  ->  3 < x <= 5 (CURRICULUM.md §3 example)
    p = {"kind": "linear", "b": [1, 2], "a": 1, "c": -3, "k": -1, "rel": ">="}
    sol = _explog_log.solve_log_inequality(p)
    assert sol.answer_latex == "3 < x \\leqq 5"
    assert sol.answer == sp.And(X > 3, X <= 5)
    assert _explog_log.verify_log_inequality(p, sol)
    strict = _explog_log.solve_log_inequality({**p, "rel": ">"})
    assert strict.answer_latex == "3 < x < 5"


def test_log_inequality_verifier_rejects_a_wrong_boundary() -> None:
    p = {"kind": "linear", "b": [1, 2], "a": 1, "c": -3, "k": -1, "rel": ">="}
    sol = _explog_log.solve_log_inequality(p)
    wrong = type(sol)(answer=sp.And(X >= 3, X <= 5), answer_latex="3 \\leqq x \\leqq 5", steps=sol.steps)
    assert not _explog_log.verify_log_inequality(p, wrong)


def test_log_equation_rejects_root_outside_domain() -> None:
    # log_2(x - 1) + log_2(x + 2) = 2  ->  (x - 1)(x + 2) = 4  ->  x = -3, 2; only 2 is valid
    p = {"kind": "sum", "b": [2, 1], "a1": 1, "p": -1, "a2": 1, "q": 2, "k": 2}
    sol = _explog_log.solve_log_equation(p)
    assert sol.answer == 2 and sol.answer_latex == "2"
    assert [r["ok"] for r in sol.steps["rows"]] == [False, True]
    assert _explog_log.verify_log_equation(p, sol)


def test_exp_equation_with_log_answer() -> None:
    # 4^x - 5·2^x + 6 = 0  ->  t = 2, 3  ->  x = 1, log_2 3
    p = {"form": "poly", "a": 2, "A": 1, "B": -5, "C": 6, "style": "square", "shift": False}
    sol = _explog_exp.solve_exp_equation(p)
    assert sol.answer == sp.FiniteSet(1, sp.log(3) / sp.log(2))
    assert sol.answer_latex == "1, \\log_{2} 3"
    assert latex_matches_value(sol.answer_latex, sol.answer)
    assert _explog_exp.verify_exp_equation(p, sol)


def test_exp_inequality_base_below_one() -> None:
    # (1/3)^x > 9  ->  x < -2
    p = {"kind": "linear", "a": 3, "rel": ">", "e1": -1, "p1": 1, "q1": 0, "rhs": {"kind": "const", "k": [2, 1]}}
    sol = _explog_exp.solve_exp_inequality(p)
    assert sol.answer_latex == "x < -2"
    assert _explog_exp.verify_exp_inequality(p, sol)


def test_digits_match_exact_integers() -> None:
    sol = _explog_digits.solve_digits({"ask": "digits", "base": "2", "n": 50})
    assert sol.answer == 16 == len(str(2**50))
    first = _explog_digits.solve_digits({"ask": "decimal", "base": "2/3", "n": 20})
    assert first.answer == 4  # (2/3)^20 = 0.000300...
    assert _explog_digits.verify_digits({"ask": "decimal", "base": "2/3", "n": 20}, first)


def test_intervals_intersection_keeps_each_strictness() -> None:
    domain = _intervals.solve_linear(Fraction(1), Fraction(-3), ">")
    main = _intervals.solve_linear(Fraction(1), Fraction(-5), "<=")
    pieces = _intervals.intersect(domain, main)
    assert _intervals.to_latex(pieces, "x") == "3 < x \\leqq 5"
    outside = _intervals.solve_quadratic(Fraction(1), Fraction(-2), Fraction(-3), ">=")
    assert _intervals.to_latex(outside, "x") == "x \\leqq -1, 3 \\leqq x"


# --- 三角関数 ---------------------------------------------------------------------


def _linear_trig(func: str, angle: list[int], rel: str, dom: str = "full") -> dict:
    from mathft_units.math2._trig_core import exact, surd_terms

    ((c, m),) = surd_terms(exact(func, Fraction(*angle)))
    return {"form": "linear", "f": func, "k": 1, "phi": [0, 1], "dom": dom, "roots": [{"t": angle}],
            "terms": [{"c": [c.denominator, 1], "f": func}, {"c": [-c.numerator, m], "f": "1"}],
            "move": True, "offset": 0, "rel": rel}


def test_trig_inequality_keeps_wraparound_piece_and_domain_ends() -> None:
    # √2 sinθ < 1 on 0 <= θ < 2π  ->  0 <= θ < π/4, 3π/4 < θ < 2π (CURRICULUM.md §3 example)
    p = _linear_trig("sin", [1, 4], "<")
    sol = _trig_eqineq.solve_trig_inequality(p)
    assert sol.answer_latex == "0 \\leqq \\theta < \\frac{\\pi}{4}, \\frac{3}{4}\\pi < \\theta < 2\\pi"
    assert _trig_eqineq.verify_trig_inequality(p, sol)
    twin = _trig_eqineq.solve_trig_inequality({**p, "rel": "<="})
    assert twin.answer_latex == "0 \\leqq \\theta \\leqq \\frac{\\pi}{4}, \\frac{3}{4}\\pi \\leqq \\theta < 2\\pi"


def test_trig_inequality_excludes_points_where_tan_is_undefined() -> None:
    p = _linear_trig("tan", [1, 4], ">=")  # tanθ >= 1
    sol = _trig_eqineq.solve_trig_inequality(p)
    assert sol.answer_latex == ("\\frac{\\pi}{4} \\leqq \\theta < \\frac{\\pi}{2}, "
                                "\\frac{5}{4}\\pi \\leqq \\theta < \\frac{3}{2}\\pi")
    assert _trig_eqineq.verify_trig_inequality(p, sol)


def test_trig_equation_rejects_value_outside_range() -> None:
    # 2sin^2θ + sinθ - 3 = 0 -> sinθ = 1 (sinθ = -3/2 rejected) -> θ = π/2
    p = {"form": "quad", "f": "sin", "k": 1, "phi": [0, 1], "dom": "full", "roots": [{"r": [-3, 2]}, {"r": [1, 1]}],
         "terms": [{"c": [2, 1], "f": "sin^2"}, {"c": [1, 1], "f": "sin"}, {"c": [-3, 1], "f": "1"}],
         "move": False, "offset": 0, "A": 2, "B": 1, "C": -3}
    sol = _trig_eqineq.solve_trig_equation(p)
    assert sol.answer == sp.pi / 2 and sol.answer_latex == "\\frac{\\pi}{2}"
    assert [r["ok"] for r in sol.steps["rows"]] == [False, True]
    assert _trig_eqineq.verify_trig_equation(p, sol)


def test_surd_answers_in_textbook_form() -> None:
    from mathft_units.math2._trig_core import surd_latex

    assert surd_latex(sp.sin(5 * sp.pi / 12)) == "\\frac{\\sqrt{6} + \\sqrt{2}}{4}"
    assert surd_latex(-6 - sp.sqrt(2)) == "-6 - \\sqrt{2}"
    assert surd_latex(-sp.sqrt(2) / 4) == "-\\frac{\\sqrt{2}}{4}"


# --- 式と証明・複素数・微積分 -------------------------------------------------------


def test_root_count_twins_differ_only_at_the_boundary() -> None:
    # x^3 - 3x = a (f' = 3(x + 1)(x - 1)): local max 2, local min -2 (CURRICULUM.md §3 example)
    base = {"k": 1, "p": -1, "q": 1, "c": 0}
    three = _calculus.solve_root_count({**base, "ask": "three"})
    assert three.answer_latex == "-2 < a < 2"
    at_least_two = _calculus.solve_root_count({**base, "ask": "atleast2"})
    assert at_least_two.answer_latex == "-2 \\leqq a \\leqq 2"
    two = _calculus.solve_root_count({**base, "ask": "two"})
    assert two.answer == sp.FiniteSet(-2, 2)
    for ask, sol in (("three", three), ("atleast2", at_least_two), ("two", two)):
        assert _calculus.verify_root_count({**base, "ask": ask}, sol)


def test_complex_quotient_in_a_plus_bi_form() -> None:
    # (3 + i) / (1 - 2i) = 1/5 + 7/5 i (CURRICULUM.md §3 example)
    p = {"kind": "div", "z1": [3, 1], "z2": [1, -2], "z3": [0, 1], "z4": [0, 1], "n": 2}
    sol = _complexeq.solve_complex_calc(p)
    assert sol.answer_latex == "\\frac{1}{5} + \\frac{7}{5}i"
    assert sol.answer == sp.Rational(1, 5) + sp.Rational(7, 5) * sp.I
    assert _complexeq.verify_complex_calc(p, sol)


def test_cubic_with_complex_pair() -> None:
    # (x - 1)(x^2 - 2x + 2) = x^3 - 3x^2 + 4x - 2 -> x = 1, 1 ± i
    p = {"lead": 1, "root": [1, 1], "b": -2, "c": 2}
    sol = _complexeq.solve_higher(p)
    assert sol.answer_latex == "1, 1 \\pm i"
    assert sol.answer == sp.FiniteSet(1, 1 + sp.I, 1 - sp.I)
    assert _complexeq.verify_higher(p, sol)


def test_integral_equation_and_area_examples() -> None:
    # f(x) = 3x^2 - 2x ∫_0^1 f(t) dt  ->  f(x) = 3x^2 - x
    p = {"p": 3, "q": 0, "r": 0, "k": -2, "e": 1, "u": 1}
    sol = _calculus.solve_integral_equation(p)
    assert sol.answer_latex == "f(x) = 3x^2 - x"
    assert _calculus.verify_integral_equation(p, sol)
    # y = x^2 - 2x - 3 and the x-axis: 32/3
    area = _calculus.solve_area_axis({"a": 1, "alpha": [-1, 1], "beta": [3, 1]})
    assert area.answer == sp.Rational(32, 3)


def test_partial_fractions_and_binomial_examples() -> None:
    # 1 / ((x + 2)x) = a/(x + 2) + b/x -> a = -1/2, b = 1/2
    p = {"roots": [-2, 0], "num": [0, 1], "expanded": False}
    sol = _exprproof.solve_partial(p)
    assert sol.answer_latex == "a = -\\frac{1}{2}, b = \\frac{1}{2}"
    assert _exprproof.verify_partial(p, sol)
    # coefficient of x^4 in (2x - 1)^6 is 240
    b = {"kind": "bin", "a": 2, "b": -1, "n": 6, "e1": 1, "p": 0, "r": 2}
    assert _exprproof.solve_binomial(b).answer == 240
    assert _exprproof.verify_binomial(b, _exprproof.solve_binomial(b))
