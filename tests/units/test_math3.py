"""Property tests (the standard unit contract) and focused checks for the 数学III units."""

from __future__ import annotations

import sympy as sp
from mathft_units.math3 import differentiation_iii, integration_iii, limits

from mathft_core.testing import UnitContract

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
    parts = integration_iii.solve_parts({"kind": "xlog", "c": 1, "m": 1, "k": 1, "j": 1, "b": 1})
    assert parts.answer_latex == "\\frac{e^{2} + 1}{4}"
    assert sp.simplify(parts.answer - (sp.E**2 + 1) / 4) == 0
    riemann = integration_iii.solve_riemann({"kind": "arctan", "m": 1, "a": 1, "c": 1, "s": 1, "shift": 1, "odd": 1})
    assert riemann.answer == sp.pi / 4
    volume = integration_iii.solve_volume({"kind": "sqrt", "a": 1, "b": 4, "m": 1, "c": 1})
    assert volume.answer == 8 * sp.pi and volume.answer_latex == "8\\pi"
