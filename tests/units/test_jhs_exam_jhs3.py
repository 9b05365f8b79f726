"""中3 exam-style word problems: the standard contract plus hand-checked items and wrong answers."""

from __future__ import annotations

from fractions import Fraction
from random import Random

import pytest
import sympy as sp
from mathft_units.jhs3 import ax2_applications as ax2
from mathft_units.jhs3 import quadratic_applications as qa

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

TYPES = [*ax2.UNIT.types, *qa.UNIT.types]


class TestJhs3ExamUnits(UnitContract):
    unit_ids = ("jhs3.ax2_applications", "jhs3.quadratic_applications")


def _mutants(solution: Solution) -> list[Solution]:
    value = solution.answer
    if isinstance(value, sp.FiniteSet):
        items = sorted(value.args)
        changed = [sp.FiniteSet(items[0] + 1, *items[1:]), sp.FiniteSet(*items[:-1], items[-1] - 1), sp.FiniteSet(items[-1])]
    else:
        changed = [value + 1, value - 1, -value, value * 2]
    return [Solution(answer=v, answer_latex=sp.latex(v), steps=solution.steps) for v in changed]


@pytest.mark.parametrize("ptype", TYPES, ids=lambda t: t.id)
@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_verifier_rejects_changed_answers(ptype, difficulty) -> None:
    for seed in range(6):
        params = ptype.sample(Random(seed), difficulty)
        solution = ptype.solve(params)
        assert ptype.verify(params, solution)
        for wrong in _mutants(solution):
            assert not ptype.verify(params, wrong), (ptype.id, difficulty, params, wrong.answer)


def test_rolling_ball_average_speed_and_catch() -> None:
    # 125 m in 5 s -> y = 5x^2; average from 1 s to 4 s: (80 - 5) / 3 = 25
    avg = {"kind": "average", "a": [5, 1], "t0": 5, "d0": 125, "t1": 1, "t2": 4, "t3": 2, "scene": 0, "x": 2, "v": 0}
    assert ax2.solve_roll(avg).answer == 25
    catch = {**avg, "kind": "catch", "v": 45}
    sol = ax2.solve_roll(catch)
    assert sol.answer == 9 and sol.steps["factored"] == "x(5x - 45) = 0"
    assert ax2.verify_roll(catch, sol)


def test_parabola_point_below_the_line() -> None:
    # y = x^2/2, A(-4, 8), B(2, 2): AB is y = -x + 4, △OAB = 12; △PAB = 24 with P below: P(0, -4)
    params = {"kind": "point_down", "a": [1, 2], "xa": -4, "xb": 2, "s": 2, "c": 2, "m": [-1, 1], "n": [4, 1],
              "ys": [2, 1]}
    sol = ax2.solve_triangle(params)
    assert sol.answer == -4 and sol.steps["line"] == "-x + 4"
    assert ax2.verify_triangle(params, sol)
    assert not ax2.verify_triangle(params, Solution(answer=sp.Integer(12), answer_latex="12"))  # P above


def test_moving_points_after_q_stops() -> None:
    params = {"kind": "stop_time", "k": 1, "h": 7, "w": 3, "x": 4, "s": [6, 1]}
    sol = ax2.solve_move(params)
    assert sol.answer == 4 and sol.steps["y_lin"] == "\\frac{3}{2}x"
    assert ax2.move_area(params, Fraction(4)) == 6 and ax2.move_area(params, Fraction(2)) == 2


def test_road_width_rejects_the_large_root() -> None:
    params = {"kind": "cross", "x": 1, "a": 11, "b": 27, "area": 260}
    sol = qa.solve_road(params)
    assert sol.answer == 1 and sol.steps["bad"] == [37] and sol.steps["factored"] == "(x - 1)(x - 37) = 0"
    assert not qa.verify_road(params, Solution(answer=sp.Integer(37), answer_latex="37"))


def test_consecutive_integers_both_values() -> None:
    params = {"kind": "product_int", "n": 20, "k": 2, "value": 420}
    sol = qa.solve_consec(params)
    assert sol.answer_latex == "-21, 20" and qa.verify_consec(params, sol)


def test_pythagoras_surface_uses_shortest_unfolding() -> None:
    params = {"kind": "surface", "a": 7, "b": 11, "c": 4}
    sol = qa.solve_pyth(params)
    assert sol.answer_latex == "11\\sqrt{2}"  # (7 + 4)^2 + 11^2 = 242 < 274 < 340
    assert not qa.verify_pyth(params, Solution(answer=sp.sqrt(274), answer_latex="\\sqrt{274}"))
    box = {"kind": "box", "a": 7, "b": 11, "c": 4}
    assert qa.solve_pyth(box).answer_latex == "\\sqrt{186}"


def test_shadow_lamp_and_river() -> None:
    lamp = {"kind": "lamp_tip", "h": 100, "s": 100, "S": 2, "H": 6, "ph": [6, 5], "d": 12, "w": 1, "k": 1, "ab": 1, "cd": 2}
    assert qa.solve_shadow(lamp).answer == 15  # shadow 3 m: 1.2 / 3 = 6 / 15
    river = {**lamp, "kind": "river", "k": 8, "ab": 8, "cd": 10}
    sol = qa.solve_shadow(river)
    assert sol.answer == 32 and qa.verify_shadow(river, sol)


def test_shapes() -> None:
    shapes = [t.shape for t in TYPES]
    assert shapes.count("word") >= 2 and shapes.count("multi-step") >= 2


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
