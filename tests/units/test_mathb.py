"""数学B units: the standard unit contract plus worked examples from CURRICULUM.md §3."""

from __future__ import annotations

from random import Random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from mathft_units.mathb import sequences as seq
from mathft_units.mathb import statistical_inference as si

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

N = sp.Symbol("n")


class TestMathBUnits(UnitContract):
    unit_ids = ("mathb.sequences", "mathb.statistical_inference")


@pytest.mark.parametrize(
    ("ptype", "params", "latex"),
    [
        ("arithmetic", {"kind": "two_terms", "p": 5, "q": 12, "u": "13", "v": "34"}, "a_n = 3n - 2"),
        ("geometric_sum", {"a": "3", "r": "2", "style": "given"}, "3(2^n - 1)"),
        ("geometric_sum", {"a": "4", "r": "1/2", "style": "listed"}, "8(1 - \\left(\\frac{1}{2}\\right)^n)"),
        ("sigma", {"kind": "poly", "form": "square", "lin": [2, -1], "coeffs": [4, -4, 1]},
         "\\frac{1}{3}n(2n-1)(2n+1)"),
        ("sigma", {"kind": "telescoping", "a": 1, "b": 0, "c": 1}, "\\frac{n}{n+1}"),
        ("sigma", {"kind": "telescoping", "a": 2, "b": -1, "c": 1}, "\\frac{n}{2n+1}"),
        ("difference", {"kind": "arith", "a1": 1, "p": 2, "q": -1, "shown": 5}, "a_n = n^2 - 2n + 2"),
        ("recurrence", {"a1": 1, "p": "3", "q": 2}, "a_n = 2 \\cdot 3^{n-1} - 1"),
        ("sum_to_term", {"kind": "quad", "A": "1", "B": "2"}, "a_n = 2n + 1"),
        ("sum_to_term", {"kind": "exp", "k": "1", "r": 3, "e": 0, "B": 0}, "a_n = 2 \\cdot 3^{n-1}"),
    ],
)
def test_curriculum_examples(ptype: str, params: dict, latex: str) -> None:
    ptype_obj = seq.UNIT.type(ptype)
    solution = ptype_obj.solve(params)
    assert solution.answer_latex == latex
    assert ptype_obj.verify(params, solution) is True


def test_difference_lists_the_stated_terms() -> None:
    solution = seq.solve_difference({"kind": "arith", "a1": 1, "p": 2, "q": -1, "shown": 5})
    assert solution.steps["terms"] == ["1", "2", "5", "10", "17"]
    assert solution.steps["diffs"] == ["1", "3", "5", "7"]


def test_geometric_ratio_from_two_terms_uses_the_real_cube_root() -> None:
    params = {"a": "5", "r": "-2", "style": "two_terms", "p": 2, "q": 5, "u": "-10", "v": "80"}
    solution = seq.solve_geometric_sum(params)
    assert solution.steps["r"] == "-2"
    assert solution.answer_latex == "\\frac{5}{3}(1 - (-2)^n)"
    assert seq.verify_geometric_sum(params, solution)


def test_verifiers_reject_a_wrong_general_term() -> None:
    params = {"a1": 1, "p": "3", "q": 2}
    wrong = Solution(answer=sp.Eq(seq.AN, 2 * 3 ** (N - 1) + 1), answer_latex="a_n = 2 \\cdot 3^{n-1} + 1")
    assert seq.verify_recurrence(params, wrong) is False
    params_s = {"kind": "quad", "A": "1", "B": "2"}
    # S_n = n^2 + 2n has a_1 = 3; the formula 2n + 2 would break n = 1
    wrong_s = Solution(answer=sp.Eq(seq.AN, 2 * N + 2), answer_latex="a_n = 2n + 2")
    assert seq.verify_sum_to_term(params_s, wrong_s) is False


def test_sum_to_term_never_needs_a_piecewise_answer() -> None:
    """S_0 = 0 for every sampled S_n, so a_1 = S_1 agrees with the n >= 2 formula."""
    for d in range(1, 6):
        for i in range(40):
            params = seq.sample_sum_to_term(Random(i), d)
            assert seq._s_value(params, 0) == 0
            solution = seq.solve_sum_to_term(params)
            assert solution.steps["a1"] == solution.steps["a1_formula"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 5))
def test_recurrence_closed_form_matches_iteration(seed: int, difficulty: int) -> None:
    params = seq.sample_recurrence(Random(seed), difficulty)
    solution = seq.solve_recurrence(params)
    p, q = sp.Rational(params["p"]), params["q"]
    term = sp.Integer(params["a1"])
    for n in range(1, 10):
        assert solution.answer.rhs.subs(N, n) == term
        term = p * term + q


@pytest.mark.parametrize(
    ("ptype", "params", "latex"),
    [
        ("rv_variance", {"kind": "uniform", "n": 6, "die": True}, "\\frac{35}{12}"),
        ("rv_variance", {"kind": "linear", "v": 2, "a": -2, "b": 5}, "8"),
        ("binomial", {"n": 100, "p": "1/5", "ask": "std"}, "4"),
        ("normal", {"kind": "upper", "m": 50, "sigma": 10, "z1": "1", "z2": "1", "strict": False}, "0.1587"),
        ("normal", {"kind": "between_sym", "m": 50, "sigma": 10, "z1": "1", "z2": "2", "strict": True}, "0.8185"),
        ("interval", {"kind": "mean", "level": 95, "n": 100, "sigma": 10, "xbar": "60"},
         "58.04 \\leqq m \\leqq 61.96"),
        ("interval", {"kind": "proportion", "level": 95, "n": 400, "k": 80}, "0.1608 \\leqq p \\leqq 0.2392"),
    ],
)
def test_inference_examples(ptype: str, params: dict, latex: str) -> None:
    ptype_obj = si.UNIT.type(ptype)
    solution = ptype_obj.solve(params)
    assert solution.answer_latex == latex
    assert ptype_obj.verify(params, solution) is True


def test_normal_verifier_rejects_the_other_tail() -> None:
    params = {"kind": "upper", "m": 50, "sigma": 10, "z1": "1", "z2": "1", "strict": False}
    wrong = Solution(answer=sp.Rational("0.8413"), answer_latex="0.8413")
    assert si.verify_normal(params, wrong) is False
