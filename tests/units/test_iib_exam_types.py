"""Exam-style 数学II・B types (issue 11): the unit contract, hand-checked items, and verifiers
that reject wrong answers (off by one, flipped sign, shifted boundaries)."""

from __future__ import annotations

from random import Random

import pytest
import sympy as sp
from mathft_units.math2 import calculus_applications as ca
from mathft_units.math2 import conditional_values as cv
from mathft_units.math2 import substitution_extrema as se
from mathft_units.mathb import sequence_techniques as st
from mathft_units.mathb import statistics_context as sc

from mathft_core.testing import UnitContract, installed_registry
from mathft_core.units import Solution

IIB_UNITS = ("math2.conditional_values", "math2.calculus_applications", "math2.substitution_extrema",
             "mathb.sequence_techniques", "mathb.statistics_context")


class TestIIBExamUnits(UnitContract):
    unit_ids = IIB_UNITS


N, X = sp.Symbol("n"), sp.Symbol("x")

HAND_CHECKED = [
    (cv.UNIT, "symmetric_two_value", {"given": "sp", "s": 5, "p": 3, "ask": "cube"}, "80"),
    (cv.UNIT, "symmetric_two_value", {"given": "conj", "a": 2, "b": 3, "ask": "recip"}, "4"),
    (cv.UNIT, "reciprocal_power_value", {"form": "plus", "k": "3", "ask": 3}, "18"),
    (cv.UNIT, "reciprocal_power_value", {"form": "minus", "k": "2", "ask": 4}, "34"),
    (cv.UNIT, "symmetric_three_value", {"given": "all", "e1": 1, "e2": -2, "e3": 3, "ask": "cube"}, "16"),
    (cv.UNIT, "symmetric_three_value", {"given": "m", "e1": 3, "e2": 1, "e3": 2, "ask": "recip"}, "\\frac{1}{2}"),
    (cv.UNIT, "symmetric_three_value", {"given": "ab_c", "e1": 0, "e2": 4, "e3": -7, "ask": "cube_c"}, "21"),
    (cv.UNIT, "remainder_two_conditions", {"kind": "two", "a": "1", "b": "2", "u": 3, "v": -1}, "3x - 1"),
    (cv.UNIT, "remainder_two_conditions",
     {"kind": "three", "a": "1", "b": "2", "u": 1, "v": 0, "c": 3, "k": 2}, "2x^2 - 5x + 4"),
    (ca.UNIT, "tangent_from_point", {"kind": "parabola", "f": [1, 0, 0], "p": 0, "d": 1, "ask": "larger"},
     "y = 2x - 1"),
    (ca.UNIT, "tangent_from_point", {"kind": "on_curve", "f": [1, 0, -3, 0], "p": 2}, "y = 2"),
    (ca.UNIT, "tangent_from_point", {"kind": "on_curve", "f": [1, 0, 0, 0], "p": 1}, "y = \\frac{3}{4}x + \\frac{1}{4}"),
    (ca.UNIT, "tangent_area", {"kind": "two", "f": [1, 0, 0], "alpha": -1, "beta": 1}, "\\frac{2}{3}"),
    (ca.UNIT, "extremum_condition", {"r1": -1, "r2": 3, "lead": 1, "c": 0, "ask": "has"}, "k < -1, 3 < k"),
    (ca.UNIT, "interval_param_extreme", {"k": 1, "p": 0, "q": 2, "c": 0, "ask": "max_start"}, "0 < a \\leqq 3"),
    (ca.UNIT, "root_sign_count", {"k": 1, "p": -1, "q": 1, "ask": "two_pos", "c1": 1, "c0": 0}, "-2 < k < 0"),
    (ca.UNIT, "root_sign_count", {"k": 2, "p": -2, "q": 3, "ask": "one_pos", "c1": -1, "c0": 2}, "-42 < k < 2"),
    (ca.UNIT, "box_volume_max", {"kind": "square", "a": 6, "ask": "volume"}, "16"),
    (ca.UNIT, "box_volume_max", {"kind": "sphere_cone", "R": 3, "ask": "volume"}, "\\frac{32}{3}\\pi"),
    (se.UNIT, "exp_log_substitution", {"kind": "exp", "g": 2, "B": -6, "d": 1, "shift": False, "lo": None,
                                        "hi": None, "ask": "min"}, "-8"),
    (se.UNIT, "exp_log_substitution", {"kind": "log", "m": 1, "n": 2, "lo": -1, "hi": 3, "ask": "max"}, "10"),
    (se.UNIT, "exp_log_substitution", {"kind": "cosh", "c": 1, "d": 0, "ask": "min"}, "-2"),
    (se.UNIT, "trig_sum_substitution", {"form": "prod", "pc": 1, "q": 1, "r": 0, "domain": "full", "ask": "max"},
     "\\frac{1}{2} + \\sqrt{2}"),
    (se.UNIT, "trig_sum_substitution", {"form": "double", "pc": 1, "q": -2, "r": 0, "domain": "quarter",
                                         "ask": "min"}, "-2"),
    (se.UNIT, "inscribed_rectangle", {"shape": "semi", "r": 5, "ask": "perimeter", "m": 2, "n": 2}, "10\\sqrt{5}"),
    (se.UNIT, "inscribed_rectangle", {"shape": "circle", "r": 3, "ask": "area", "m": 0, "n": 0}, "18"),
    (st.UNIT, "telescoping_value", {"kind": "step", "a": 1, "b": 0, "N": 9}, "\\frac{9}{10}"),
    (st.UNIT, "arith_geo_sum", {"a": 1, "b": 0, "r": 2, "shift": 0}, "(n - 1) \\cdot 2^{n} + 1"),
    (st.UNIT, "recurrence_substitution", {"kind": "recip", "c": 3, "d": 1, "b1": 5}, "a_n = \\frac{1}{3n + 2}"),
    (st.UNIT, "recurrence_substitution", {"kind": "linear_n", "p": 2, "alpha": 1, "beta": 0, "a1": 1},
     "a_n = 2 \\cdot 2^{n-1} - n"),
    (st.UNIT, "group_sequence", {"kind": "odd", "ask": "sum", "k": 3}, "27"),
    (sc.UNIT, "expected_prize", {"kind": "coins", "n": 3, "per": 10, "need": 0, "bonus": 80}, "25"),
    (sc.UNIT, "success_count", {"context": "die", "p": "1/3", "n": 18, "ask": "sd", "gain": 20, "fee": 0}, "2"),
    (sc.UNIT, "success_count", {"context": "buy", "p": "2/5", "n": 20, "ask": "profit_mean", "gain": 300,
                                "fee": 110}, "2290"),
    (sc.UNIT, "success_count", {"context": "germ", "p": "7/10", "n": 10, "ask": "sd", "gain": 20, "fee": 0},
     "\\frac{\\sqrt{210}}{10}"),
    (sc.UNIT, "proportion_test", {"n": 100, "p0": "1/2", "k": 60, "ask": "z", "context": "coin", "sd": 5}, "2"),
    (sc.UNIT, "proportion_test", {"n": 100, "p0": "1/2", "k": 60, "ask": "crit_one", "context": "coin", "sd": 5},
     "59"),
]


@pytest.mark.parametrize(("unit", "type_id", "params", "latex"), HAND_CHECKED,
                         ids=[f"{u.id}/{t}-{i}" for i, (u, t, _p, _l) in enumerate(HAND_CHECKED)])
def test_hand_checked_item(unit, type_id: str, params: dict, latex: str) -> None:
    ptype = unit.type(type_id)
    solution = ptype.solve(params)
    assert solution.answer_latex == latex
    assert ptype.verify(params, solution) is True


def _mutants(answer: sp.Basic) -> list[sp.Basic]:
    """Wrong answers a careless solver would give: off by one, flipped sign, shifted bounds."""
    if isinstance(answer, sp.FiniteSet):  # one element changed, one dropped
        values = sorted(answer.args)
        return [sp.FiniteSet(*values[:-1], values[-1] + 1), sp.FiniteSet(*values[1:])]
    if isinstance(answer, sp.Eq):
        return [sp.Eq(answer.lhs, answer.rhs + 1), sp.Eq(answer.lhs, 2 * answer.rhs)]
    if isinstance(answer, (sp.Rel, sp.And, sp.Or)):  # every boundary moved
        ends = answer.atoms(sp.Rational)
        return [answer.xreplace({e: e + 1 for e in ends}), answer.xreplace({e: e - sp.Rational(1, 2) for e in ends})]
    out = [answer + 1, answer - 1]
    if answer != 0:
        out.append(-answer)
    return out


CASES = [(u, t.id) for u in (cv.UNIT, ca.UNIT, se.UNIT, st.UNIT, sc.UNIT) for t in u.types]


@pytest.mark.parametrize(("unit", "type_id"), CASES, ids=[f"{u.id}/{t}" for u, t in CASES])
def test_verifier_rejects_wrong_answers(unit, type_id: str) -> None:
    ptype = unit.type(type_id)
    for i in range(25):
        params = ptype.sample(Random(1000 + i), 1 + i % 5)
        right = ptype.solve(params)
        assert ptype.verify(params, right) is True
        for wrong in _mutants(right.answer):
            bad = Solution(answer=wrong, answer_latex="0", steps={})
            assert ptype.verify(params, bad) is False, (params, wrong)


def test_new_types_are_word_or_multi_step_with_two_word_types_per_course() -> None:
    registry = installed_registry()
    types = [(registry[u].course, t) for u in IIB_UNITS for t in registry[u].types]
    assert len(types) >= 16
    assert all(t.shape in ("word", "multi-step") for _c, t in types)
    for course in ("数学II", "数学B"):
        assert sum(1 for c, t in types if c == course and t.shape == "word") >= 1
    assert all(len(t.problem_templates) >= 5 for _c, t in types)


def test_tangent_area_matches_the_textbook_formula() -> None:
    """|a|(β - α)^3 / 12 for two tangents; the verifier integrates independently."""
    params = {"kind": "point", "f": [2, -4, 1], "alpha": -1, "beta": 3}
    solution = ca.solve_tangent_area(params)
    assert solution.answer == sp.Rational(2 * 4**3, 12)
    assert ca.verify_tangent_area(params, solution)


def test_extremum_condition_both_positive_intersects_three_conditions() -> None:
    params = {"r1": -4, "r2": 5, "lead": 2, "c": 1, "ask": "both_pos"}
    solution = ca.solve_extremum_condition(params)
    assert solution.answer_latex == "-20 < k < -4"
    wrong = Solution(answer=sp.And(sp.Symbol("k") > -20, sp.Symbol("k") < 0), answer_latex="-20 < k < 0")
    assert ca.verify_extremum_condition(params, wrong) is False
