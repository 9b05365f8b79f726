"""中1 exam-style word problems: the standard contract plus hand-checked items and wrong answers."""

from __future__ import annotations

from random import Random

import pytest
import sympy as sp
from mathft_units.jhs1 import word_linear_equations as w

from mathft_core.testing import UnitContract
from mathft_core.units import Solution


class TestJhs1ExamUnits(UnitContract):
    unit_ids = ("jhs1.word_linear_equations",)


def _shifted(solution: Solution, delta: int) -> Solution:
    return Solution(answer=solution.answer + delta, answer_latex=str(solution.answer + delta), steps=solution.steps)


@pytest.mark.parametrize("ptype", w.UNIT.types, ids=lambda t: t.id)
@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_verifier_rejects_neighbours_and_sign(ptype, difficulty) -> None:
    for seed in range(8):
        params = ptype.sample(Random(seed), difficulty)
        solution = ptype.solve(params)
        assert ptype.verify(params, solution)
        for delta in (1, -1):
            assert not ptype.verify(params, _shifted(solution, delta))
        flipped = Solution(answer=-solution.answer, answer_latex=str(-solution.answer), steps=solution.steps)
        assert not ptype.verify(params, flipped)


def test_chase_point_is_distance_not_time() -> None:
    # 弟 50 m/min, 兄 100 m/min 8 minutes later: caught after 8 minutes, 800 m from home
    params = {"kind": "chase_point", "v1": 50, "v2": 100, "t": 8, "x": 8, "who": ["弟", "兄"]}
    sol = w.solve_speed(params)
    assert sol.answer == 800 and sol.steps["setup"] == "100x = 50(8 + x)"
    assert w.verify_speed(params, sol)
    assert not w.verify_speed(params, _shifted(sol, -792))  # the time is not the answer


def test_price_list_price_two_steps() -> None:
    # cost x, 2割 up, 1割 off, profit 248: 1.08x - x = 248, x = 3100, list price 3720
    params = {"kind": "list_price", "cost": 3100, "up": 2, "off": 1, "minus": 0, "n": 0, "m": 0, "gain": 248}
    sol = w.solve_price(params)
    assert sol.answer == 3720 and sol.steps["collected"] == "0.08x = 248"
    assert w.verify_price(params, sol)
    assert not w.verify_price(params, _shifted(sol, -620))  # the cost price is not asked


def test_salt_replace_hand_checked() -> None:
    # take x g out of 600 g of 15 %, add x g water -> 7 %: 15(600 - x) = 4200, x = 320
    params = {"kind": "replace", "mass": 600, "a": 15, "b": 1, "c": 7, "x": 320}
    sol = w.solve_salt(params)
    assert sol.answer == 320 and sol.steps["cleared"] == "15(600 - x) = 4200"
    assert w.verify_salt(params, sol)


def test_age_before_and_bench_people() -> None:
    age = {"kind": "before", "who": ["母", "娘"], "parent": 60, "child": 20, "child2": 1, "k": 5, "m": 2, "years": 1}
    assert w.solve_age(age).answer == 10  # 50 = 5 × 10
    bench = {"kind": "bench_people", "a": 5, "b": 7, "rest": 12, "empty": 1, "last": 6, "x": 10,
             "thing": ["あめ", "個"]}
    sol = w.solve_surplus(bench)
    assert sol.answer == 62  # 10 benches: 5·10 + 12 = 7·8 + 6
    assert w.verify_surplus(bench, sol)


def test_work_leave_uses_derived_rate() -> None:
    # A alone 10 days, together 9 days: B alone 1/90 per day; 8 days together then B: 18 days
    params = {"kind": "leave", "a": 10, "b": 9, "d": 8, "scene": 0, "who": ["兄", "弟"], "x": 18}
    sol = w.solve_work(params)
    assert sol.answer == sp.Integer(18) and sol.steps["rate_b"] == "\\frac{1}{90}"
    assert w.verify_work(params, sol)


def test_every_type_is_a_word_problem_with_five_phrasings() -> None:
    assert all(t.shape == "word" and len(t.problem_templates) >= 5 for t in w.UNIT.types)


ODD_ANSWERS = (sp.Rational(7, 2), sp.sqrt(2), sp.Symbol("x"), sp.FiniteSet(1, 2), sp.Float(3.0), None, "text")


@pytest.mark.parametrize("ptype", w.UNIT.types, ids=lambda t: t.id)
def test_verifier_rejects_foreign_answers_without_raising(ptype) -> None:
    for difficulty in (1, 3, 5):
        params = ptype.sample(Random(difficulty), difficulty)
        right = ptype.solve(params).answer
        for odd in ODD_ANSWERS:
            if odd == right:
                continue
            assert not ptype.verify(params, Solution(answer=odd, answer_latex="x")), (ptype.id, odd)
