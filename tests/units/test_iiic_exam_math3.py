"""Property tests (the standard unit contract) and hand-checked items for the exam-style 数学III types.

Each hand-checked item was re-derived on paper from the problem text; every verifier must
also reject answers that are off by one, sign-flipped or missing a part.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import sympy as sp
from mathft_units.math3 import derivative_compositions as dc
from mathft_units.math3 import integral_applications as ia
from mathft_units.math3 import limit_techniques as lt

from mathft_core.testing import UnitContract
from mathft_core.units import Solution

MATH3_EXAM_UNITS = ("math3.derivative_compositions", "math3.limit_techniques", "math3.integral_applications")


class TestMath3ExamUnits(UnitContract):
    unit_ids = MATH3_EXAM_UNITS


def _with(solution: Solution, answer: Any) -> Solution:
    return attrs.evolve(solution, answer=answer)


# (solve, verify, params, canonical answer) — each answer re-derived by hand
HAND_CHECKED = [
    # f = x^2 e^{-x}: f' = (2x - x^2)e^{-x}, f'(1) = 1/e
    (dc.solve_deriv, dc.verify_deriv, {"kind": "prod_exp", "name": "f", "n": 2, "k": -1, "a": 1}, "\\frac{1}{e}"),
    # (log x + 1)/x: f' = -log x / x^2, at e^2: -2/e^4
    (dc.solve_deriv, dc.verify_deriv, {"kind": "quot_log", "name": "g", "n": 1, "b": 1, "m": 2}, "-\\frac{2}{e^{4}}"),
    # 3 sin x/(2 + cos x): f' = (6cos x + 3)/(2 + cos x)^2, at π/2: 3/4
    (dc.solve_deriv, dc.verify_deriv, {"kind": "trig_quot_sin", "name": "f", "a": 2, "b": 3, "t": [1, 2]}, "\\frac{3}{4}"),
    # y = x e^{-x}: y'' = (x - 2)e^{-x}, inflection (2, 2/e^2)
    (dc.solve_inflection, dc.verify_inflection, {"kind": "lin_exp", "sigma": -1, "m": 1, "name": "C", "h": 0},
     "(2, \\frac{2}{e^{2}})"),
    # y = x + 2cos x on (0, 2π): y'' = -2cos x, points (π/2, π/2), (3π/2, 3π/2)
    (dc.solve_inflection, dc.verify_inflection, {"kind": "cos1", "sigma": 1, "m": 1, "name": "C", "a": 1, "b": 2},
     "(\\frac{\\pi}{2}, \\frac{\\pi}{2}), (\\frac{3}{2}\\pi, \\frac{3}{2}\\pi)"),
    # f = (x^2 + ax - 5)e^x with f'(-3) = 0: a = -1, f' = (x + 3)(x - 2)e^x, 極小値 f(2) = -3e^2
    (dc.solve_extremum, dc.verify_extremum,
     {"mode": "find_a", "sigma": 1, "t": -3, "u": 2, "a": -1, "c": -5, "ask": "min", "name": "h"}, "-3e^{2}"),
    # (4^n + 5^n + 7^n)^{1/n} → 7
    (lt.solve_squeeze, lt.verify_squeeze, {"kind": "root_sum", "fn": "sin", "bases": [4, 5, 7]}, "7"),
    # Σ[2k/7]/n^2 → (2/7)/2 = 1/7
    (lt.solve_squeeze, lt.verify_squeeze, {"kind": "floor_sum", "fn": "sin", "x": [2, 7], "root": 0}, "\\frac{1}{7}"),
    # ((n + 2)/(n - 1))^{-n} = {(1 + 3/(n - 1))^{(n - 1)/3}}^{-3}·(…)^{-1} → e^{-3}
    (lt.solve_e_limit, lt.verify_e_limit, {"kind": "ratio", "a": 2, "b": -1, "c": -1}, "\\frac{1}{e^{3}}"),
    # Σ_{k=1}^{n} 1/(4n + k) → ∫_4^5 dx/x = log(5/4)
    (lt.solve_riemann, lt.verify_riemann, {"kind": "harmonic", "form": 2, "lo": 4, "hi": 5}, "\\log\\frac{5}{4}"),
    # ((2n+1)…(2n+n))^{1/n}/n → exp(∫_2^3 log x dx) = 27/(4e)
    (lt.solve_riemann, lt.verify_riemann, {"kind": "product_root", "form": 0, "a": 2}, "\\frac{27}{4e}"),
    # e^{2x} = 6e^x - 5 at x = 0, log 5: S = [6e^x - 5x - e^{2x}/2] = 12 - 5 log 5
    (ia.solve_area, ia.verify_area, {"kind": "exp_quad", "names": ["C", "D"], "k": 1, "a": 5}, "12 - 5\\log 5"),
    # √x and ax with area 1/48: 1/(6a^3) = 1/48, a = 2
    (ia.solve_area, ia.verify_area, {"kind": "sqrt_param", "names": ["C", "D"], "k": 1, "a": [2, 1]}, "2"),
    # tangent to 2 log x through O touches at (e, 2): triangle e, under the curve 2 → e - 2
    (ia.solve_tangent_area, ia.verify_tangent_area, {"kind": "log_origin", "sigma": 1, "a": 2, "cn": "K", "ln": "m"}, "e - 2"),
    # e^x, tangent at x = 1 (y = ex), y-axis: ∫_0^1 (e^x - ex) dx = e/2 - 1
    (ia.solve_tangent_area, ia.verify_tangent_area, {"kind": "exp_at", "sigma": 1, "a": 1, "t": 1, "cn": "C", "ln": "m"},
     "\\frac{e - 2}{2}"),
    # bowl y = 3x^2, 4 per second, depth 6: surface area π·6/3 = 2π, dh/dt = 4/(2π) = 2/π
    (ia.solve_volume_y, ia.verify_volume_y, {"kind": "bowl_rate", "a": 3, "h": 6, "v": 4}, "\\frac{2}{\\pi}"),
    # 4/x and -x + 5 meet at 1, 4: π[-(5 - x)^3/3 + 16/x]_1^4 = 9π
    (ia.solve_volume_x, ia.verify_volume_x, {"kind": "hyper_line", "a": 1, "names": ["C", "D"], "p": 1, "q": 4}, "9\\pi"),
]


@pytest.mark.parametrize(("solve", "verify", "params", "latex"), HAND_CHECKED)
def test_hand_checked_items(solve: Any, verify: Any, params: dict[str, Any], latex: str) -> None:
    solution = solve(params)
    assert solution.answer_latex == latex
    assert verify(params, solution)


def _mutants(answer: Any) -> list[Any]:
    if isinstance(answer, sp.Tuple):
        return [sp.Tuple(answer[0] + 1, answer[1]), sp.Tuple(answer[0], -answer[1] if answer[1] != 0 else 1)]
    if isinstance(answer, sp.FiniteSet):
        pts = sorted(answer, key=lambda t: float(t[0]))
        return [sp.FiniteSet(*pts[:-1]), sp.FiniteSet(*pts[:-1], sp.Tuple(pts[-1][0] + 1, pts[-1][1]))]
    out = [answer + 1, 2 * answer]
    if answer != 0:
        out.append(-answer)
    return out


@pytest.mark.parametrize(("solve", "verify", "params", "latex"), HAND_CHECKED)
def test_verifiers_reject_wrong_answers(solve: Any, verify: Any, params: dict[str, Any], latex: str) -> None:
    solution = solve(params)
    for wrong in _mutants(solution.answer):
        assert not verify(params, _with(solution, wrong)), wrong


def test_extremum_asks_the_other_critical_point() -> None:
    # f = (x^2 + x - 5)e^{-x}: f' = -(x + 2)(x - 3)e^{-x}, so x = -2 is the minimum (−3e^2), x = 3 the maximum
    params = {"mode": "given", "sigma": -1, "t": -2, "u": 3, "a": 1, "c": -5, "ask": "min", "name": "h"}
    solution = dc.solve_extremum(params)
    assert solution.answer_latex == "-3e^{2}"
    maximum = sp.Integer(7) * sp.exp(-3)  # f(3) = 7/e^3 is the other extremum, not the asked one
    assert not dc.verify_extremum(params, _with(solution, maximum))


def test_convergent_floor_sum_verifier_rejects_a_near_value() -> None:
    params = {"kind": "floor_sum", "fn": "sin", "x": [0, 1], "root": 2}  # Σ[√2 k]/n^2 → √2/2
    solution = lt.solve_squeeze(params)
    assert solution.answer == sp.sqrt(2) / 2
    assert not lt.verify_squeeze(params, _with(solution, sp.Rational(7, 10)))


def test_tangent_area_from_an_outside_point_finds_the_contact_point() -> None:
    # tangent to e^{-x} through (2, 0): contact at t = 2 - 1 = 1; area a|e^u(1 - u + u^2/2) - 1| with u = -1
    params = {"kind": "exp_ext", "sigma": -1, "a": 2, "p": 2, "t": 1, "cn": "C", "ln": "m"}
    solution = ia.solve_tangent_area(params)
    assert sp.simplify(solution.answer - (2 - 5 / sp.E)) == 0
    assert ia.verify_tangent_area(params, solution)
