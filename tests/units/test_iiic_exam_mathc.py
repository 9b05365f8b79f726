"""Property tests (the standard unit contract) and hand-checked items for the exam-style 数学C types.

Each hand-checked item was re-derived on paper from the problem text; every verifier must
also reject answers that are off by one or sign-flipped, and the 'least n' answers must be least.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import sympy as sp
from mathft_units.mathc import complex_geometry as cg
from mathft_units.mathc import parametric_curves as pc
from mathft_units.mathc import vector_conditions as vc

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

MATHC_EXAM_UNITS = ("mathc.vector_conditions", "mathc.parametric_curves", "mathc.complex_geometry")
X, Y = sp.symbols("x y")


class TestMathcExamUnits(UnitContract):
    unit_ids = MATHC_EXAM_UNITS


def _with(solution: Solution, answer: Any) -> Solution:
    return attrs.evolve(solution, answer=answer)


HAND_CHECKED = [
    # a = (-4, 3), b = (4, -1): (a + tb)·(a + b) = 25 - 19 + t(-19 + 17) = 6 - 2t = 0, t = 3
    (vc.solve_perpendicular, vc.verify_perpendicular,
     {"form": "comps", "va": [-4, 3], "vb": [4, -1], "A": 25, "B": 17, "D": -19, "p": 1, "r": 1, "s": 1}, "3"),
    # |a| = 5, |b| = 5, |a - b| = √42: a·b = 4; (2a + tb)·(a - 3b) = 50 - 24 + 4t - 75t = 0, t = 26/71
    (vc.solve_perpendicular, vc.verify_perpendicular,
     {"form": "norm", "A": 25, "B": 25, "D": 4, "u": 1, "v": -1, "N": 42, "p": 2, "r": 1, "s": -3}, "\\frac{26}{71}"),
    # |a| = 3√2, |b| = 6, 135°: a·b = -18, |a + tb|^2 = 36(t - 1/2)^2 + 9, minimum 3
    (vc.solve_min, vc.verify_min, {"form": "angle", "theta": 135, "A": 18, "B": 36, "D": -18, "p": 1, "ask": "min"}, "3"),
    # 8PA + 3PB + 4PC = 0: AP = (7/15)·(3AB + 4AC)/7, AP : PD = 7 : 8
    (vc.solve_ratio, vc.verify_ratio, {"l": 8, "m": 3, "n": 4, "ask": "AP_PD"}, "\\frac{7}{8}"),
    # same point: D divides BC in 4 : 3, AD = (3b + 4c)/7
    (vc.solve_ratio, vc.verify_ratio, {"l": 8, "m": 3, "n": 4, "ask": "AD_vec"},
     "\\overrightarrow{AD} = \\frac{3}{7}\\vec{b} + \\frac{4}{7}\\vec{c}"),
    # same point: △PCA/△ABC = 3/15 = 1/5
    (vc.solve_ratio, vc.verify_ratio, {"l": 8, "m": 3, "n": 4, "ask": "PCA_ABC"}, "\\frac{1}{5}"),
    # x = 2cos θ, y = 3sin θ at π/3: point (1, 3√3/2), slope -√3/2
    (pc.solve_param_tangent, pc.verify_param_tangent, {"kind": "ellipse", "ask": "tangent", "a": 2, "b": 3, "t0": [1, 3]},
     "y = -\\frac{\\sqrt{3}}{2}x + 2\\sqrt{3}"),
    # x = t^2 + t, y = t^3 - 2t at t = -3: slope 25/(-5) = -5 through (6, -21)
    (pc.solve_param_tangent, pc.verify_param_tangent, {"kind": "poly", "ask": "tangent", "a": 1, "p": 1, "q": -2, "t0": [-3, 1]},
     "y = -5x + 9"),
    # x = t^2, y = t^3 at t = 1: v = (2, 3), speed √13; α = (2, 6), |α| = 2√10
    (pc.solve_motion, pc.verify_motion, {"kind": "poly", "ask": "speed", "a": 1, "p": 0, "q": 0, "t0": 1, "point": "P"}, "\\sqrt{13}"),
    (pc.solve_motion, pc.verify_motion, {"kind": "poly", "ask": "accel", "a": 1, "p": 0, "q": 0, "t0": 1, "point": "P"}, "2\\sqrt{10}"),
    # 3(t - sin t), 3(1 - cos t) at t = 2π/3: |v|^2 = 18(1 + 1/2) = 27, speed 3√3
    (pc.solve_motion, pc.verify_motion, {"kind": "cycloid", "ask": "speed", "a": 3, "t0": [2, 3], "point": "P"}, "3\\sqrt{3}"),
    # x = 12t^2, y = 8t^3, 0 ≦ t ≦ 2√2: L = [8(1 + t^2)^{3/2}] = 8(27 - 1) = 208
    (pc.solve_length, pc.verify_length, {"kind": "cusp", "a": 4, "s": 3}, "208"),
    # cycloid a = 2 over 0 ≦ θ ≦ π: 4a(1 - cos(π/2)) = 8
    (pc.solve_length, pc.verify_length, {"kind": "cycloid_part", "a": 2, "end": [1, 1]}, "8"),
    # arg((√3 + i)(-√3 - i)) = π/6 - 5π/6 = -2π/3
    (cg.solve_argument, cg.verify_argument,
     {"i": 4, "j": 10, "m": 1, "n": 1, "op": "mul", "ask": "arg", "range": "sym", "names": ["z", "w"]}, "-\\frac{2}{3}\\pi"),
    # |z + 3| = 3|z - 4 + i|: centre (39 - 9i)/8, radius 3·√50/8
    (cg.solve_locus, cg.verify_locus, {"alpha": [-3, 0], "beta": [4, -1], "k": [3, 1], "ask": "equation", "form": 0},
     "\\left(x - \\frac{39}{8}\\right)^2 + \\left(y + \\frac{9}{8}\\right)^2 = \\frac{225}{32}"),
    # |z - 3i| = |z - 4i|: the perpendicular bisector y = 7/2
    (cg.solve_locus, cg.verify_locus, {"alpha": [0, 3], "beta": [0, 4], "k": [1, 1], "ask": "equation", "form": 0},
     "y = \\frac{7}{2}"),
    # ((-1 - √3i)(1 + √3i))^3 = (2 - 2√3i)^3 = 4^3(cos(-π) + i sin(-π)) = -64
    (cg.solve_power, cg.verify_power,
     {"i": 11, "j": 5, "op": "mul", "m": 1, "n": 3, "find_n": False, "ask_n": "real", "var": "z"}, "-64"),
]


@pytest.mark.parametrize(("solve", "verify", "params", "latex"), HAND_CHECKED)
def test_hand_checked_items(solve: Any, verify: Any, params: dict[str, Any], latex: str) -> None:
    solution = solve(params)
    assert solution.answer_latex == latex
    assert verify(params, solution)


def _mutants(answer: Any, complex_form: bool) -> list[Any]:
    if isinstance(answer, sp.Eq):
        if answer.rhs.has(sp.Symbol("\\vec{b}")):  # swap the two coefficients, double one
            b, c = sp.Symbol("\\vec{b}"), sp.Symbol("\\vec{c}")
            cb, cc = answer.rhs.coeff(b), answer.rhs.coeff(c)
            return [sp.Eq(answer.lhs, cc * b + cb * c), sp.Eq(answer.lhs, 2 * cb * b + cc * c)]
        return [sp.Eq(answer.lhs, answer.rhs + 1), sp.Eq(answer.lhs, answer.rhs + X) if answer.lhs == Y else sp.Eq(answer.lhs, answer.rhs * 2)]
    out = [answer + 1, 2 * answer]
    if answer != 0:
        out.append(-answer)
    if complex_form:
        out.append(answer + sp.I)
    return out


@pytest.mark.parametrize(("solve", "verify", "params", "latex"), HAND_CHECKED)
def test_verifiers_reject_wrong_answers(solve: Any, verify: Any, params: dict[str, Any], latex: str) -> None:
    solution = solve(params)
    for wrong in _mutants(solution.answer, solve is cg.solve_power):
        assert not verify(params, _with(solution, wrong)), wrong


def test_least_n_must_be_least() -> None:
    # z = 1 - i, w = 1 - √3i: arg(z^2/w^2) = π/6, so the 6th power is the first real one (12 also works)
    params = {"i": 1, "j": 8, "m": 2, "n": 2, "op": "div", "ask": "real", "range": "pos", "names": ["z", "w"]}
    solution = cg.solve_argument(params)
    assert solution.answer == 6
    assert not cg.verify_argument(params, _with(solution, sp.Integer(12)))


def test_argument_outside_the_asked_range_is_rejected() -> None:
    # arg((√3 + i)(-1 + √3i)) = π/6 + 2π/3 = 5π/6; the same direction written -7π/6 is outside 0 ≦ θ < 2π
    params = {"i": 4, "j": 6, "m": 1, "n": 1, "op": "mul", "ask": "arg", "range": "pos", "names": ["z", "w"]}
    solution = cg.solve_argument(params)
    assert solution.answer_latex == "\\frac{5}{6}\\pi"
    assert not cg.verify_argument(params, _with(solution, solution.answer - 2 * sp.pi))


def test_min_norm_condition_from_a_perpendicularity() -> None:
    # |a| = 4, |b| = 6, (a + b) ⊥ (3a - b): 48 + 2a·b - 36 = 0, a·b = -6; |2a + tb|^2 = 36(t - 1/3)^2 + 60
    params = {"form": "perp", "A": 16, "B": 36, "D": -6, "u": 3, "p": 2, "ask": "min"}
    solution = vc.solve_min(params)
    assert solution.answer_latex == "2\\sqrt{15}"
    assert vc.verify_min(params, solution)
    assert not vc.verify_min({**params, "D": -5}, solution)  # inconsistent data: the perpendicularity fails
