"""数学I・A exam-style types (issue 11): the unit contract, a hand-checked item per type, and
mutated answers (off by one, sign flipped, one list element changed, a range end moved or
opened) that every independent verifier must reject."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from mathft_core.seeding import item_rng
from mathft_core.testing import UnitContract, installed_registry
from mathft_core.units import DIFFICULTIES, Solution

IA_EXAM_UNITS = (
    "math1.quadratic_parameters",
    "math1.parameter_ranges",
    "math1.constrained_extrema",
    "math1.trig_applications",
    "math1.correlation",
    "matha.probability_context",
    "matha.diophantine_word",
)


class TestIAExamUnits(UnitContract):
    unit_ids = IA_EXAM_UNITS





def _interval_mutants(part: sp.Interval) -> list[sp.Set]:
    out: list[sp.Set] = []
    half = sp.Rational(1, 2)
    if part.start.is_finite:
        out.append(sp.Interval(part.start - half, part.end, part.left_open, part.right_open))
        out.append(sp.Interval(part.start, part.end, not part.left_open, part.right_open))
    if part.end.is_finite:
        out.append(sp.Interval(part.start, part.end + half, part.left_open, part.right_open))
        out.append(sp.Interval(part.start, part.end, part.left_open, not part.right_open))
    return out


def mutants(answer: Any) -> list[Any]:
    """Off-by-one, sign flips, one list element changed, a range end moved or opened/closed."""
    if isinstance(answer, sp.FiniteSet):
        items = sorted(answer, key=sp.default_sort_key)
        changed = [sp.FiniteSet(*(v + (1 if i == j else 0) for j, v in enumerate(items))) for i in range(len(items))]
        dropped = [sp.FiniteSet(*(v for j, v in enumerate(items) if j != i)) for i in range(len(items))]
        return changed + [d for d in dropped if len(d)]
    if isinstance(answer, sp.Union | sp.Interval):
        parts = list(answer.args) if isinstance(answer, sp.Union) else [answer]
        out = []
        for i, part in enumerate(parts):
            for new in _interval_mutants(part):
                rest = [*parts[:i], new, *parts[i + 1:]]
                out.append(rest[0] if len(rest) == 1 else sp.Union(*rest, evaluate=False))
        return out
    expr = sp.sympify(answer)
    out = [expr + 1, expr - 1, 2 * expr]
    if expr != 0:
        out.append(-expr)
    if expr.free_symbols:
        out.append(expr + next(iter(expr.free_symbols)))
    return out


def rejected(verify: Any, params: dict[str, Any], solution: Solution) -> list[Any]:
    """The mutants that the verifier wrongly accepts (empty when every one is rejected)."""
    accepted = []
    for wrong in mutants(solution.answer):
        fake = Solution(answer=wrong, answer_latex=solution.answer_latex, steps=solution.steps)
        if verify(params, fake):
            accepted.append(wrong)
    return accepted


# --- hand-checked items: params, canonical answer (each re-derived by hand) ------------------

HAND_CHECKED = [
    # y = x^2 - 2ax - 6 on 2 ≦ x ≦ 5, a > 5: min f(5) = 25 - 10a - 6
    ("math1.quadratic_parameters", "moving_axis",
     {"kind": "axis", "L": 1, "c0": -6, "c1": 0, "p": 2, "q": 5, "ask": "min", "query": "formula", "case": 2,
      "k": "0"}, "-10a + 19"),
    # x^2 - 2ax - 8 on 1 ≦ x ≦ 3 with minimum -5: only a = -1 (a = 1 fails a > 3)
    ("math1.quadratic_parameters", "axis_value",
     {"kind": "axis", "L": 1, "c0": -8, "c1": 0, "p": 1, "q": 3, "ask": "min", "query": "equation", "case": 0,
      "k": "-5"}, "-1"),
    # (x - 1)^2 - 2 on a ≦ x ≦ a + 3, minimum 14: a = -6 (left) and a = 5 (right)
    ("math1.quadratic_parameters", "moving_domain",
     {"kind": "domain", "L": 1, "h": "1", "w": 3, "c": -2, "ask": "min", "query": "equation", "case": 0,
      "k": "14"}, "-6, 5"),
    # x^2 - 2kx + 6k - 8 = 0 with two positive roots: D/4 = (k - 2)(k - 4) > 0, k > 0, 6k - 8 > 0
    ("math1.parameter_ranges", "same_side", {"var": "k", "r1": 2, "r2": 4, "k": 0, "side": "gt", "closed": False},
     "\\frac{4}{3} < k < 2, 4 < k"),
    # x^2 - (a - 5)x - a + 6: f(-3) = 2a, f(0) = 6 - a, f(-3)f(0) < 0
    ("math1.parameter_ranges", "interval",
     {"var": "a", "kind": "one_in", "A": [0, 1], "B": [-1, 5], "C": [-1, 6], "p": -3, "q": 0, "r": 2},
     "a < 0, 6 < a"),
    # z = (x - 1)(5 - x) + 4 = -(x - 3)^2 + 8 on 0 ≦ x ≦ 5
    ("math1.constrained_extrema", "linear_constraint",
     {"a": 1, "b": 1, "c": 5, "nonneg": True, "ask": "max", "form": "shifted_product", "pq": [1, 4],
      "obj": [0, 1, 0, 0, -1, 4]}, "8"),
    # x + y = -2: x^2 + y^2 = 2(x + 1)^2 + 2
    ("math1.constrained_extrema", "sum_squares",
     {"a": 1, "b": 1, "c": -2, "nonneg": False, "ask": "min", "form": "shifted_squares", "uvpq": [1, 1, 0, 0],
      "obj": [1, 0, 1, 0, 0, 0]}, "2"),
    # (280 + 50x)(85 - 5x): x = 5 gives 31800, x = 6 gives 31900, price 450 + 300
    ("math1.constrained_extrema", "pricing",
     {"price": 450, "sold": 85, "step": 50, "drop": 5, "cost": 170, "ask": "price", "limit": 0}, "750"),
    # x^2 + 2(a - 2)x + a > 0 for all x: (a - 2)^2 - a = (a - 1)(a - 4) < 0
    ("math1.parameter_ranges", "always_holds", {"var": "a", "A": [0, 1], "B": [1, -2], "C": [1, 0], "op": ">"},
     "1 < a < 4"),
    # (a + 3)x^2 + 2(a + 3)x + 2a + 1 ≦ 0 for all x: a < -3 from D, and a = -3 gives -5 ≦ 0
    ("math1.parameter_ranges", "always_holds", {"var": "a", "A": [1, 3], "B": [1, 3], "C": [2, 1], "op": "<="},
     "a \\leqq -3"),
    # ax^2 + bx + 12 < 0 on 1 < x < 4: a = 3, b = -15; 12x^2 - 15x + 3 < 0
    ("math1.parameter_ranges", "then_solve",
     {"alpha": "1", "beta": "4", "mode": "const", "lead": "3", "op1": "<", "inside": True, "mirror": False,
      "op2": "<"}, "\\frac{1}{4} < x < 1"),
    # 2sin^2θ + 3cosθ = 0: 2cos^2θ - 3cosθ - 2 = 0, cosθ = -1/2 (2 is out of range)
    ("math1.trig_applications", "trig_equation",
     {"func": "cos", "kind": "quad", "val": "", "roots": [[-1, 2], [2, 1]], "mixed": True, "show_coef": True,
      "op": "="}, "\\theta = 120^\\circ"),
    ("math1.trig_applications", "trig_inequality",
     {"func": "sin", "kind": "linear", "val": "r3/2", "roots": [], "mixed": False, "show_coef": False, "op": "<"},
     "0^\\circ \\leqq \\theta < 60^\\circ, 120^\\circ < \\theta \\leqq 180^\\circ"),
    # tan θ ≦ -1/√3 with θ ≠ 90°
    ("math1.trig_applications", "trig_inequality",
     {"func": "tan", "kind": "linear", "val": "-1/r3", "roots": [], "mixed": False, "show_coef": True, "op": "<="},
     "90^\\circ < \\theta \\leqq 150^\\circ"),
    # √3h - h = 10: h = 5(√3 + 1)
    ("math1.trig_applications", "tower_height",
     {"kind": "line", "far": 30, "near": 45, "d": 10, "base": 0, "view": "elevation"}, "5 + 5\\sqrt{3}"),
    # AH = 20 sin30°/sin45° = 10√2, PH = AH tan45°
    ("math1.trig_applications", "tower_height",
     {"kind": "plane", "at_b": 30, "at_h": 45, "at_a": 105, "elev": 45, "d": 20, "base": 0, "view": "elevation"},
     "10\\sqrt{2}"),
    # cos A = -1/4, sin A = √15/4, S = 27 sin A / ... = 27√15/4
    ("math1.trig_applications", "plot_area", {"kind": "triangle", "a": 12, "b": 6, "c": 9, "unit": "km"},
     "\\frac{27\\sqrt{15}}{4}"),
    # cyclic 3, 3, 5, 2: Brahmagupta √(3.5·3.5·1.5·4.5) = 21√3/4
    ("math1.trig_applications", "plot_area", {"kind": "quad", "sides": [3, 3, 5, 2], "unit": "cm"},
     "\\frac{21\\sqrt{3}}{4}"),
    # deviations (-5, 1, -1, 3, 2), (1, -5, 2, -1, 3): -9 / √(40·40)
    ("math1.correlation", "correlation",
     {"x": [70, 76, 74, 78, 77], "y": [81, 75, 82, 79, 83], "ask": "r", "subjects": ["数学", "英語"], "a": 1,
      "b": 0, "c": 1, "d": 0, "missing": False}, "-0.225"),
    # k = 300 - 240 = 60; deviations (0, 3, -4, 1, 0), (2, 1, -3, 2, -2): 17/5, times u = -2x + 5, v = 3y - 1
    ("math1.correlation", "missing_value",
     {"x": [60, 63, 56, 61, 60], "y": [67, 66, 62, 67, 63], "ask": "cov", "subjects": ["国語", "社会"], "a": -2,
      "b": 5, "c": 3, "d": -1, "missing": True}, "-20.4"),
    # 0.04·0.9 / (0.04·0.9 + 0.96·0.2) = 36/228
    ("matha.probability_context", "screening",
     {"prev": 4, "sens": 90, "false_pos": 20, "ask": "ill_given_pos", "per_mille": False}, "\\frac{3}{19}"),
    # (4/7)(5/6) / ((4/7)(5/6) + (3/7)(4/6)) = 20/32
    ("matha.probability_context", "two_boxes",
     {"kind": "transfer", "a": [4, 3], "b": [4, 1], "faces": 0, "take": 1, "ask": "first_red", "colour": 0},
     "\\frac{5}{8}"),
    # after losing game 1, A needs 3 wins before B's 2 more: 1/8 + 3/16
    ("matha.probability_context", "match", {"wins": 3, "p": "1/2", "ask": "a_wins_after_loss", "games": 5},
     "\\frac{5}{16}"),
    # 3 heads in 4 tosses
    ("matha.probability_context", "walk",
     {"n": 4, "up": 1, "down": 1, "faces": 3, "coin": True, "target": 2, "ask": "at", "mid": 2, "mid_pos": 0},
     "\\frac{1}{4}"),
    # 60x + 90y = 330: (1, 3), (4, 1); the fewest items is 4
    ("matha.diophantine_word", "purchase_extreme", {"prices": [60, 90, 30], "total": 330, "ask": "min_total",
                                                    "items": [2, 3, 0], "limit": 0}, "4"),
    # 120x + 50y + 100z = 840: (2, 10, 1), (2, 8, 2), (2, 6, 3), (2, 4, 4), (2, 2, 5); four have x + y + z ≦ 12
    ("matha.diophantine_word", "purchase_count", {"prices": [120, 50, 100], "total": 840, "ask": "count3_le",
                                                  "items": [3, 0, 4], "limit": 12}, "4"),
    # N ≡ 32 (mod 45): three-digit ones are 122, 167, …, 977
    ("matha.diophantine_word", "remainder",
     {"a": 5, "b": 9, "r1": 2, "r2": 5, "ask": "count", "lo": 100, "hi": 999, "context": "bags", "short": False},
     "20"),
]


@pytest.mark.parametrize(("unit_id", "type_id", "params", "latex"), HAND_CHECKED,
                         ids=[f"{u}/{t}-{i}" for i, (u, t, _p, _l) in enumerate(HAND_CHECKED)])
def test_hand_checked_item(unit_id: str, type_id: str, params: dict[str, Any], latex: str) -> None:
    ptype = installed_registry()[unit_id].type(type_id)
    solution = ptype.solve(params)
    assert solution.answer_latex == latex
    assert ptype.verify(params, solution) is True
    assert rejected(ptype.verify, params, solution) == []


def _cases() -> list[tuple[str, str]]:
    registry = installed_registry()
    return [(u, t.id) for u in IA_EXAM_UNITS for t in registry[u].types]


@pytest.mark.parametrize(("unit_id", "type_id"), _cases())
def test_every_verifier_rejects_wrong_answers(unit_id: str, type_id: str) -> None:
    """Across levels, every mutated answer (off by one, sign, list element, range end) is rejected."""
    unit = installed_registry()[unit_id]
    ptype = unit.type(type_id)
    for difficulty in DIFFICULTIES:
        for index in range(4):
            params = ptype.sample(item_rng(11, unit.id, ptype.id, index), difficulty)
            solution = ptype.solve(params)
            assert ptype.verify(params, solution)
            assert rejected(ptype.verify, params, solution) == [], (unit_id, type_id, params)


def test_every_new_type_is_word_or_multi_step_with_five_phrasings() -> None:
    registry = installed_registry()
    shapes: dict[str, list[str]] = {"数学I": [], "数学A": []}
    for unit_id in IA_EXAM_UNITS:
        unit = registry[unit_id]
        for ptype in unit.types:
            assert ptype.shape in ("word", "multi-step")
            assert len(ptype.problem_templates) >= 5
            shapes[unit.course].append(ptype.shape)
    assert shapes["数学I"].count("word") >= 2 and shapes["数学A"].count("word") >= 2
    assert sum(len(v) for v in shapes.values()) >= 15


def test_public_sample_instance_is_never_generated() -> None:
    """x + y = 4 with z = (x - 1)y + 2 is the public sample itself: the sampler skips it."""
    from mathft_units.math1 import constrained_extrema as ce

    for index in range(300):
        params = ce.sample_linear_constraint(item_rng(5, "math1.constrained_extrema", "linear_constraint", index), 1)
        assert (params["a"], params["b"], params["c"], params["pq"]) != (1, 1, 4, [1, 2])


def test_moving_axis_formula_matches_direct_minimum_on_each_side() -> None:
    from mathft_units.math1 import quadratic_parameters as qp

    base = {"kind": "axis", "L": 1, "c0": 0, "c1": 0, "p": 0, "q": 2, "ask": "min", "query": "formula", "k": "0"}
    texts = [qp.solve_formula({**base, "case": case}).answer_latex for case in range(3)]
    # a < 0: f(0) = 0; 0 ≦ a ≦ 2: f(a) = -a^2; a > 2: f(2) = 4 - 4a
    assert texts == ["0", "-a^2", "-4a + 4"]


def test_trig_equation_rejects_a_missing_angle() -> None:
    from mathft_units.math1 import _trig_ratio_equations as tre

    params = {"func": "sin", "kind": "linear", "val": "1/2", "roots": [], "mixed": False, "show_coef": True,
              "op": "="}
    solution = tre.solve_equation(params)
    assert solution.answer_latex == "\\theta = 30^\\circ, 150^\\circ"
    wrong = Solution(answer=sp.Integer(30), answer_latex="\\theta = 30^\\circ")
    assert tre.verify_equation(params, wrong) is False
