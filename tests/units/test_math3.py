"""Property tests (the standard unit contract) and focused checks for the 数学III units."""

from __future__ import annotations

import sympy as sp
from mathft_units.math3 import differentiation_iii, integration_iii, limits

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

MATH3_UNITS = (
    "math3.limits",
    "math3.differentiation_iii",
    "math3.integration_iii",
)


class TestMath3Units(UnitContract):
    unit_ids = MATH3_UNITS


def _convergence(zero: str, t: list[int] | None = None) -> str:
    # sum of (first term) * (1 - x)^(n-1): |1 - x| < 1 gives 0 < x < 2
    params = {"k": 1, "p": -1, "q": 1, "zero": zero}
    if t is not None:
        params["t"] = t
    solution = limits.solve_convergence(params)
    assert limits.verify_convergence(params, solution)
    return solution.answer_latex


def test_convergence_boundary_is_included_only_where_the_first_term_vanishes() -> None:
    assert _convergence("endpoint", [0, 1]) == "0 \\leqq x < 2"  # x(1-x)^(n-1): x = 0 gives 0 + 0 + ...
    assert _convergence("endpoint", [2, 1]) == "0 < x \\leqq 2"
    assert _convergence("inside", [1, 1]) == "0 < x < 2"
    assert _convergence("const") == "0 < x < 2"


def test_convergence_verifier_rejects_a_closed_boundary() -> None:
    params = {"k": 1, "p": -1, "q": 1, "zero": "const"}
    good = limits.solve_convergence(params)
    x = sp.Symbol("x")
    wrong = type(good)(answer=sp.And(sp.Le(0, x), sp.Lt(x, 2)), answer_latex="0 \\leqq x < 2")
    assert not limits.verify_convergence(params, wrong)


def test_limit_values() -> None:
    e_limit = limits.solve_func({"kind": "e_limit", "a": 2, "b": 1, "c": 1, "m": 1, "alt": False})
    assert e_limit.answer == sp.exp(2) and e_limit.answer_latex == "e^{2}"
    seq = limits.solve_seq({"kind": "sqrt_diff", "a": 3, "b": 0})
    assert seq.answer == sp.Rational(3, 2)
    coef = limits.solve_coef({"kind": "quad", "c": 2, "L": 5})
    assert coef.answer_latex == "a = 1, b = -6"


def test_extremum_and_tangent_use_positive_exponents() -> None:
    ext = differentiation_iii.solve_extremum({"kind": "x2_exp_neg", "k": 1, "c": 1, "h": 0, "m": 1, "ask": "max"})
    assert ext.answer == 4 * sp.exp(-2) and ext.answer_latex == "\\frac{4}{e^{2}}"
    tangent = differentiation_iii.solve_tangent({"kind": "log", "c": 1, "j": 1, "t": 0})
    assert tangent.answer_latex == "y = \\frac{1}{e}x"
    quotient = differentiation_iii.solve_quotient({"kind": "quad_lin", "p": 0, "q": 0, "s": 1})
    assert quotient.answer_latex == "y' = \\frac{x(x + 2)}{(x + 1)^2}"


def test_integration_closed_forms() -> None:
    parts = integration_iii.solve_parts({"kind": "xlog", "c": 1, "m": 1, "upper": "e", "j": 1, "big_b": 2})
    assert parts.answer_latex == "\\frac{e^{2} + 1}{4}"
    assert sp.simplify(parts.answer - (sp.E**2 + 1) / 4) == 0
    riemann = integration_iii.solve_riemann({"kind": "arctan", "c": 1, "form": "atan", "pp": 1})
    assert riemann.answer == sp.pi / 4
    volume = integration_iii.solve_volume({"kind": "sqrt", "a": 1, "lo": 0, "hi": 4})
    assert volume.answer == 8 * sp.pi and volume.answer_latex == "8\\pi"


def test_integration_log_answers_take_out_perfect_powers() -> None:
    # ∫_1^2 x log x dx = 2 log 2 - 3/4
    parts = integration_iii.solve_parts({"kind": "xlog", "c": 1, "m": 1, "upper": "int", "j": 1, "big_b": 2})
    assert parts.answer_latex == "2\\log 2 - \\frac{3}{4}"
    # Σ 3/(n + 3k) → ∫_0^1 3/(1 + 3x) dx = log 4, written 2 log 2
    log_sum = integration_iii.solve_riemann({"kind": "log", "c": 3, "pp": 1, "q": 3})
    assert log_sum.answer_latex == "2\\log 2" and sp.simplify(log_sum.answer - sp.log(4)) == 0
    # y = e^x, the y-axis and y = 4: 4 log 4 - 3
    exp_line = integration_iii.solve_area({"kind": "exp_line", "c": 1, "m": 1, "big_k": 4})
    assert exp_line.answer_latex == "8\\log 2 - 3"
    # y = 2/x and y = -x + 3 meet at x = 1, 2: 3/2 - 2 log 2
    recip = integration_iii.solve_area({"kind": "recip_line", "alpha": 1, "beta": 2, "pp": 1, "swap": False})
    assert recip.answer_latex == "\\frac{3}{2} - 2\\log 2"


def test_integration_sqrt3_and_washer_values() -> None:
    # sin x and √3 cos x cross at π/3 and 4π/3; sin x - √3 cos x = 2 sin(x - π/3) has area 4
    area = integration_iii.solve_area({"kind": "sin_cos", "form": "cos3", "a": 1, "k": 1, "swap": False})
    assert area.answer == 4
    # Σ n/(n^2 + 3k^2) → ∫_0^1 1/(1 + 3x^2) dx = π/(3√3)
    atan = integration_iii.solve_riemann({"kind": "arctan", "c": 1, "form": "atan", "pp": 3})
    assert atan.answer_latex == "\\frac{\\sqrt{3}}{9}\\pi"
    # washers between y = x and y = x^2: π(1/3 - 1/5)
    washer = integration_iii.solve_volume({"kind": "between", "pp": "1", "alpha": 0, "beta": 1})
    assert washer.answer == sp.Rational(2, 15) * sp.pi
    # the cap of y = 4 - x^2 about the y-axis: π∫_0^4 (4 - y) dy = 8π
    cap = integration_iii.solve_volume({"kind": "cap", "h": 4, "r": 2, "axis": "y"})
    assert cap.answer == 8 * sp.pi


def test_integration_substitution_reverses_the_bounds_of_a_decreasing_t() -> None:
    # t = cos x runs from 1 down to 1/2 on [0, π/3]: ∫_{1/2}^1 t^2 dt = 7/24
    params = {"kind": "sin_cos_power", "c": 1, "fn": "sin", "span": "near", "k": 1, "n": 2}
    solution = integration_iii.solve_substitution(params)
    assert solution.answer == sp.Rational(7, 24) and solution.steps["flip"]
    assert integration_iii.verify_substitution(params, solution)


def test_integration_verifiers_reject_a_wrong_value() -> None:
    cases = [
        (integration_iii.solve_substitution, integration_iii.verify_substitution,
         {"kind": "sqrt_lin", "c": 1, "a": 5, "s": 2, "r": 3, "inv": True}),
        (integration_iii.solve_parts, integration_iii.verify_parts, {"kind": "xcos", "c": 2, "k": 4, "j": 3, "q": 1}),
        (integration_iii.solve_area, integration_iii.verify_area, {"kind": "exp_pair", "c": 2, "k": 2, "m": 1, "left": True}),
        (integration_iii.solve_volume, integration_iii.verify_volume, {"kind": "exp", "c": 3, "m": 2, "lo": 1, "hi": 2}),
        (integration_iii.solve_riemann, integration_iii.verify_riemann, {"kind": "sin", "c": 5, "fn": "cos", "theta": "7/6"}),
    ]
    for solve, verify, params in cases:
        solution = solve(params)
        assert verify(params, solution)
        wrong = Solution(answer=solution.answer * sp.Rational(101, 100), answer_latex="0", steps={})
        assert not verify(params, wrong)
