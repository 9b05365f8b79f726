"""数学I units: the standard unit contract plus worked examples and boundary (≦/<) cases."""

from __future__ import annotations

from random import Random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from mathft_units.math1 import data_analysis as da
from mathft_units.math1 import numbers_expressions as ne
from mathft_units.math1 import quadratic_functions as qf
from mathft_units.math1 import trig_ratios as tr
from mathft_units.math1._forms import quadratic_roots

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

X = sp.Symbol("x")


class TestMath1Units(UnitContract):
    unit_ids = ("math1.numbers_expressions", "math1.quadratic_functions", "math1.trig_ratios", "math1.data_analysis")


# --- 2次関数 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ptype", "params", "latex"),
    [
        ("vertex", {"a": "2", "b": "-8", "c": "5"}, "(2, -3)"),
        ("domain_extremum", {"a": 1, "b": -4, "c": 1, "p": 0, "q": 5, "lo": "<=", "hi": "<=", "ask": "max"}, "6"),
        ("param_range", {"lead": 1, "b": -2, "c": 0, "m": 0, "kind": "v_eq"}, "a \\geqq 1"),
        ("param_range", {"lead": 1, "b": -2, "c": 0, "m": 0, "kind": "v_eq_open"}, "a > 1"),
        ("param_range", {"lead": 1, "b": -4, "c": 1, "m": 0, "kind": "e_eq"}, "0 < a \\leqq 4"),
        ("quad_inequality", {"a": -1, "b": 2, "c": 8, "op": ">="}, "-2 \\leqq x \\leqq 4"),
        ("quad_inequality", {"a": -1, "b": 2, "c": 8, "op": ">"}, "-2 < x < 4"),
        ("quad_inequality", {"a": 1, "b": -4, "c": 1, "op": ">"}, "x < 2 - \\sqrt{3}, 2 + \\sqrt{3} < x"),
        ("discriminant", {"lead": 1, "b1": 2, "b0": 0, "c1": 1, "c0": 6, "cond": "two_points"}, "k < -2, 3 < k"),
        ("discriminant", {"lead": 1, "b1": 2, "b0": 0, "c1": 1, "c0": 6, "cond": "common"},
         "k \\leqq -2, 3 \\leqq k"),
        ("discriminant", {"lead": 1, "b1": 2, "b0": 0, "c1": 1, "c0": 6, "cond": "tangent"}, "-2, 3"),
        ("determine", {"kind": "three", "points": [[0, 3], [1, 0], [3, 0]]}, "y = x^2 - 4x + 3"),
    ],
)
def test_quadratic_curriculum_examples(ptype: str, params: dict, latex: str) -> None:
    ptype_obj = qf.UNIT.type(ptype)
    solution = ptype_obj.solve(params)
    assert solution.answer_latex == latex
    assert ptype_obj.verify(params, solution) is True


def test_open_end_that_would_hold_the_maximum_has_no_maximum() -> None:
    """y = x^2 - 4x + 1 on 0 ≦ x < 5: the maximum 6 would be at the excluded end."""
    params = {"a": 1, "b": -4, "c": 1, "p": 0, "q": 5, "lo": "<=", "hi": "<", "ask": "max"}
    with pytest.raises(ValueError, match="not attained"):
        qf.solve_domain_extremum(params)
    # the minimum is at the vertex and still exists
    params["ask"] = "min"
    assert qf.solve_domain_extremum(params).answer == -3


def test_open_left_end_excluded_but_tie_at_right_end_keeps_the_maximum() -> None:
    """y = x^2 - 4x on 0 < x ≦ 4: f(0) = f(4) = 0, and x = 4 is in the domain."""
    params = {"a": 1, "b": -4, "c": 0, "p": 0, "q": 4, "lo": "<", "hi": "<=", "ask": "max"}
    solution = qf.solve_domain_extremum(params)
    assert solution.answer == 0 and solution.steps["at"] == "4"
    assert solution.steps["edge_better"] == ["0"]


def test_verifier_rejects_the_wrong_boundary() -> None:
    """The ≦ twin's answer must not verify for the < problem, and vice versa."""
    weak = {"a": 1, "b": -2, "c": -3, "op": "<="}
    strict = dict(weak, op="<")
    assert qf.verify_quad_inequality(strict, qf.solve_quad_inequality(weak)) is False
    assert qf.verify_quad_inequality(weak, qf.solve_quad_inequality(strict)) is False
    wrong = Solution(answer=sp.Ge(qf.A, 1), answer_latex="a \\geqq 1")
    assert qf.verify_param_range({"lead": 1, "b": -2, "c": 0, "m": 0, "kind": "v_eq_open"}, wrong) is False


def test_surd_roots_are_reduced() -> None:
    lo, hi = quadratic_roots(2, -4, -3)
    assert (lo.tex(), hi.tex()) == ("\\frac{2 - \\sqrt{10}}{2}", "\\frac{2 + \\sqrt{10}}{2}")
    assert sp.simplify(2 * hi.value**2 - 4 * hi.value - 3) == 0
    lo, hi = quadratic_roots(1, 0, -8)
    assert (lo.tex(), hi.tex()) == ("-2\\sqrt{2}", "2\\sqrt{2}")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 5))
def test_inequality_twins_differ_exactly_at_the_roots(seed: int, difficulty: int) -> None:
    params = qf.sample_quad_inequality(Random(seed), difficulty)
    twin_op = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}[params["op"]]
    first = qf.solve_quad_inequality(params).answer
    second = qf.solve_quad_inequality(dict(params, op=twin_op)).answer
    roots = [r.value for r in quadratic_roots(*(params[k] * (1 if params["a"] > 0 else -1) for k in "abc"))]
    mid = (roots[0] + roots[1]) / 2
    for root in roots:
        assert bool(first.subs(X, root)) != bool(second.subs(X, root))
    assert bool(first.subs(X, mid)) == bool(second.subs(X, mid))
    assert bool(first.subs(X, roots[1] + 1)) == bool(second.subs(X, roots[1] + 1))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 5))
def test_sampled_extremum_is_always_attained(seed: int, difficulty: int) -> None:
    params = qf.sample_domain_extremum(Random(seed), difficulty)
    solution = qf.solve_domain_extremum(params)
    assert qf.verify_domain_extremum(params, solution)


# --- 数と式 -------------------------------------------------------------------------------

_PLAIN = "plain"


@pytest.mark.parametrize(
    ("ptype", "params", "latex"),
    [
        ("tasuki", {"a": 6, "b": 1, "c": -12, "two_var": False}, "(2x+3)(3x-4)"),
        ("tasuki", {"a": 12, "b": -2, "c": -24, "two_var": True}, "2(2x-3y)(3x+4y)"),
        ("two_var", {"xx": 1, "xy": 3, "yy": 2, "x": -1, "y": -3, "c": -2}, "(x+y-2)(x+2y+1)"),
        ("symmetric", {"u": 3, "v": 2, "kind": "recip", "target": "x2y2", "k": 1}, "10"),
        ("double_radical", {"p": 5, "q": 2, "sign": -1, "style": "two"}, "\\sqrt{5} - \\sqrt{2}"),
        ("double_radical", {"p": 5, "q": 3, "sign": 1, "style": "half"}, "\\frac{\\sqrt{10} + \\sqrt{6}}{2}"),
        ("linear_system", {"ineqs": [
            {"L": {"style": _PLAIN, "k": 2, "p": 3, "q": -1}, "R": {"style": _PLAIN, "k": 2, "p": 2, "q": 4}, "op": "<"},
            {"L": {"style": "mul", "k": 2, "p": 1, "q": 1}, "R": {"style": _PLAIN, "k": 2, "p": 1, "q": -1}, "op": ">="},
        ]}, "-3 \\leqq x < 5"),
        ("abs_inequality", {"a": 1, "b": -1, "c": 0, "d": 2, "op": ">="}, "x \\leqq -1, 3 \\leqq x"),
        ("abs_inequality", {"a": 1, "b": -1, "c": 0, "d": 2, "op": ">"}, "x < -1, 3 < x"),
        ("abs_inequality", {"a": 2, "b": -3, "c": 1, "d": 3, "op": "<="}, "0 \\leqq x \\leqq 6"),
    ],
)
def test_numbers_expressions_examples(ptype: str, params: dict, latex: str) -> None:
    ptype_obj = ne.UNIT.type(ptype)
    solution = ptype_obj.solve(params)
    assert solution.answer_latex == latex
    assert ptype_obj.verify(params, solution) is True


def test_linear_system_twins_differ_only_at_the_boundary() -> None:
    base = {"L": {"style": _PLAIN, "k": 2, "p": 3, "q": -1}, "R": {"style": _PLAIN, "k": 2, "p": 2, "q": 4}}
    other = {"L": {"style": _PLAIN, "k": 2, "p": 1, "q": 0}, "R": {"style": _PLAIN, "k": 2, "p": 0, "q": -3}}
    weak = {"ineqs": [dict(base, op="<="), dict(other, op=">=")]}
    strict = {"ineqs": [dict(base, op="<"), dict(other, op=">")]}
    assert ne.solve_linear_system(weak).answer_latex == "-3 \\leqq x \\leqq 5"
    assert ne.solve_linear_system(strict).answer_latex == "-3 < x < 5"
    assert ne.verify_linear_system(strict, ne.solve_linear_system(weak)) is False


def test_double_radical_verifier_rejects_the_negative_root() -> None:
    params = {"p": 5, "q": 2, "sign": -1, "style": "two"}
    wrong = Solution(answer=sp.sqrt(2) - sp.sqrt(5), answer_latex="\\sqrt{2} - \\sqrt{5}")
    assert ne.verify_double_radical(params, wrong) is False


# --- 図形と計量・データの分析 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "ptype", "params", "latex"),
    [
        (tr, "relation", {"given": "sin", "value": "3/5", "target": "cos", "obtuse": True}, "-\\frac{4}{5}"),
        (tr, "relation", {"given": "sin", "value": "1/3", "target": "tan", "obtuse": True}, "-\\frac{\\sqrt{2}}{4}"),
        (tr, "cosine_rule", {"kind": "side", "b": 3, "c": 5, "A": 120, "a2": 49}, "7"),
        (tr, "cosine_rule", {"kind": "angle", "b": 3, "c": 5, "A": 120, "a2": 49}, "120^\\circ"),
        (tr, "sine_rule", {"kind": "radius", "A": 45, "B": 30, "a": 6, "R": 2}, "3\\sqrt{2}"),
        (tr, "area", {"kind": "heron", "sides": [5, 7, 8], "b": 2, "c": 2, "A": 30}, "10\\sqrt{3}"),
        (tr, "area", {"kind": "inradius", "sides": [5, 12, 13], "b": 2, "c": 2, "A": 30}, "2"),
        (da, "variance", {"values": [4, 6, 7, 9, 14], "counts": [1] * 5, "table": False}, "\\frac{58}{5}"),  # exact: integer data (CURRICULUM §2)
        (da, "std", {"values": [2, 4, 6, 8, 10], "counts": [1] * 5, "table": False}, "2\\sqrt{2}"),
        (da, "transform", {"kind": "var", "a": 3, "b": -2, "mean": 5, "var": 4}, "36"),
        (da, "transform", {"kind": "std", "a": -3, "b": 1, "mean": 5, "var": 4}, "6"),
    ],
)
def test_measurement_and_data_examples(unit, ptype: str, params: dict, latex: str) -> None:
    ptype_obj = unit.UNIT.type(ptype)
    solution = ptype_obj.solve(params)
    assert solution.answer_latex == latex
    assert ptype_obj.verify(params, solution) is True


def test_obtuse_flag_flips_the_cosine_and_the_verifier_notices() -> None:
    acute = {"given": "sin", "value": "3/5", "target": "cos", "obtuse": False}
    obtuse = dict(acute, obtuse=True)
    assert tr.solve_relation(acute).answer == sp.Rational(4, 5)
    assert tr.verify_relation(obtuse, tr.solve_relation(acute)) is False


def test_combined_variance_matches_pooled_raw_data() -> None:
    """Group A = {1, 3} (mean 2, variance 1) and group B = {7, 10, 13} (mean 10, variance 6)."""
    params = {"kind": "combined", "n1": 2, "n2": 3, "m1": 2, "m2": 10, "v1": 1, "v2": 6}
    pooled = [1, 3, 7, 10, 13]
    mean = sp.Rational(sum(pooled), len(pooled))
    want = sum((sp.Integer(x) - mean) ** 2 for x in pooled) / len(pooled)
    solution = da.solve_transform(params)
    assert solution.answer == want
    assert da.verify_transform(params, solution) is True
