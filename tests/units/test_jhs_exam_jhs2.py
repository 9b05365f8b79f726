"""中2 exam-style word problems: the standard contract plus hand-checked items and wrong answers."""

from __future__ import annotations

from fractions import Fraction
from random import Random

import pytest
import sympy as sp
from mathft_units.jhs2 import linear_function_applications as lfa
from mathft_units.jhs2 import word_simultaneous as ws

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

TYPES = [*ws.UNIT.types, *lfa.UNIT.types]


class TestJhs2ExamUnits(UnitContract):
    unit_ids = ("jhs2.word_simultaneous", "jhs2.linear_function_applications")


def _mutants(solution: Solution) -> list[Solution]:
    value = solution.answer
    if isinstance(value, sp.FiniteSet):
        items = sorted(value.args)
        changed = [sp.FiniteSet(items[0] + 1, *items[1:]), sp.FiniteSet(*items[:-1], items[-1] - 1), sp.FiniteSet(items[0])]
    else:
        changed = [value + 1, value - 1, -value]
    return [Solution(answer=v, answer_latex=str(v), steps=solution.steps) for v in changed]


@pytest.mark.parametrize("ptype", TYPES, ids=lambda t: t.id)
@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_verifier_rejects_changed_answers(ptype, difficulty) -> None:
    for seed in range(6):
        params = ptype.sample(Random(seed), difficulty)
        solution = ptype.solve(params)
        assert ptype.verify(params, solution)
        for wrong in _mutants(solution):
            assert not ptype.verify(params, wrong), (ptype.id, difficulty, params, wrong.answer)


def test_prices_with_discount_hand_checked() -> None:
    # 6x + y = 2380, 0.7(2x + 5y) = 1078 -> x = 370, y = 160
    params = {"kind": "discount", "goods": ["おにぎり", "個", "お茶", "本"], "x": 370, "y": 160, "n": [6, 1, 2, 5],
              "fee": 0, "off": 3, "ask": "y", "buy": [1, 1], "c1": 2380, "c2": 1078}
    sol = ws.solve_price(params)
    assert sol.answer == 160 and sol.steps["rows"] == ["6x + y = 2380", "2x + 5y = 1540"]
    assert ws.verify_price(params, sol)


def test_this_year_is_not_last_year() -> None:
    # last year 950 (x + y), men +12 %, women -13 %, this year 989: x = 650, this year's men 728
    params = {"given": "change", "ask": "this_x", "group": ["男性", "女性", "人", "ある町の人口"], "x": 650, "y": 300,
              "p": 12, "q": -13, "total": 950, "diff": 39, "this_total": 989}
    sol = ws.solve_change(params)
    assert sol.answer == 728
    assert not ws.verify_change(params, Solution(answer=sp.Integer(650), answer_latex="650"))


def test_two_digit_and_boat() -> None:
    digits = {"x": 5, "y": 8, "conds": [{"kind": "sum", "k": 3, "r": 13}, {"kind": "swap_times", "k": 2, "r": 31}]}
    assert ws.solve_digits(digits).answer == 58  # 85 = 2·58 - 31
    boat = {"kind": "boat_current", "t1": 3, "t2": 5, "u": 12, "v": 3, "dist": 45}
    assert ws.solve_trip(boat).answer == 3


def test_cheaper_plan_boundary_is_strict() -> None:
    # 190x + 1900 = 80x + 2740 at x = 84/11: B is cheaper from 8 units; at an integer crossing, one more
    frac = {"kind": "cheaper_int", "service": ["ジム", "利用回数", "回"], "a0": 1900, "a1": 190, "b0": 2740, "b1": 80, "pts": []}
    assert lfa.solve_plans(frac).answer == 8
    whole = {**frac, "b0": 2670}  # equal at exactly 7: strictly cheaper from 8
    sol = lfa.solve_plans(whole)
    assert sol.answer == 8 and lfa.verify_plans(whole, sol)
    assert not lfa.verify_plans(whole, Solution(answer=sp.Integer(7), answer_latex="7"))


def test_tier_plan_second_crossing() -> None:
    params = {"kind": "tier", "service": ["ジム", "利用回数", "回"], "a0": 1600, "a1": 60, "b0": 1780, "b1": 70, "m": 8,
              "pts": []}
    sol = lfa.solve_plans(params)
    assert sol.answer == 38 and sol.steps["first"] == "3"
    assert lfa.verify_plans(params, sol)


def test_moving_point_two_times_and_shoelace() -> None:
    params = {"kind": "times_fast", "a": 5, "b": 12, "v": 2, "s": [18, 1]}
    sol = lfa.solve_point(params)
    assert sol.answer == sp.FiniteSet(sp.Rational(3, 2), sp.Rational(19, 2))
    assert sol.answer_latex == "\\frac{3}{2}, \\frac{19}{2}"
    assert lfa.triangle_apd(params, Fraction(19, 2)) == 18 and lfa.triangle_apd(params, Fraction(5)) == 30


def test_late_tank_amount() -> None:
    params = {"kind": "late_amount", "a": 330, "b": 190, "p": 4, "q": 4, "t": 3, "x": 19, "pts": [1, 2]}
    sol = lfa.solve_tanks(params)
    assert sol.answer == 254 and lfa.verify_tanks(params, sol)


def test_shapes() -> None:
    shapes = {t.id: t.shape for t in TYPES}
    assert shapes["fee_plans"] == shapes["moving_point"] == "multi-step"
    assert shapes["unknown_prices"] == "word"
    assert sum(s == "word" for s in shapes.values()) >= 2


ODD_ANSWERS = (sp.Rational(7, 2), sp.sqrt(2), sp.Symbol("x"), sp.FiniteSet(1, 2), sp.Float(3.0), None, "text")


@pytest.mark.parametrize("ptype", TYPES, ids=lambda t: t.id)
def test_verifier_rejects_foreign_answers_without_raising(ptype) -> None:
    for difficulty in (1, 3, 5):
        params = ptype.sample(Random(difficulty), difficulty)
        right = ptype.solve(params).answer
        for odd in ODD_ANSWERS:
            if odd == right:
                continue
            assert not ptype.verify(params, Solution(answer=odd, answer_latex="x")), (ptype.id, odd)
