"""数学II 図形と方程式: the standard contract plus the curriculum examples and verifier checks."""

from __future__ import annotations

import sympy as sp
from mathft_units.math2 import coordinate_geometry as cg

from mathft_core.testing import UnitContract


class TestCoordinateGeometry(UnitContract):
    unit_ids = ("math2.coordinate_geometry",)


def test_point_line_distance_example_and_rationalised_form() -> None:
    # point (2, 1), line 3x + 4y - 5 = 0 -> 1
    params = {"kind": "general", "a": 3, "b": 4, "c": -5, "p": [2, 1]}
    sol = cg.solve_distance(params)
    assert sol.answer == 1 and sol.answer_latex == "1"
    assert cg.verify_distance(params, sol)
    other = {"kind": "general", "a": 1, "b": 3, "c": 0, "p": [3, 0]}
    sol2 = cg.solve_distance(other)
    assert sol2.answer_latex == "\\frac{3\\sqrt{10}}{10}"
    assert not cg.verify_distance(params, sol2)


def test_circle_through_three_points() -> None:
    params = {"kind": "three_points", "c": [2, 1], "pts": [[0, 0], [4, 0], [0, 2]]}
    sol = cg.solve_circle(params)
    assert sol.answer_latex == "(x-2)^2 + (y-1)^2 = 5"
    assert cg.verify_circle(params, sol)


def test_apollonius_circle() -> None:
    # A(-1, 0), B(2, 0), AP : BP = 2 : 1 -> (x-3)^2 + y^2 = 4
    params = {"kind": "ratio", "A": [-1, 0], "B": [2, 0], "m": 2, "n": 1}
    sol = cg.solve_locus(params)
    assert sol.answer_latex == "(x-3)^2 + y^2 = 4"
    assert cg.verify_locus(params, sol)
    assert not cg.verify_locus({**params, "m": 3}, sol)


def test_region_vertex_maximum_matches_clipping() -> None:
    # x, y >= 0, x + 2y <= 8, 3x + y <= 9: max of x + y is 5 at (2, 3)
    params = {"cons": [[1, 2, 8], [3, 1, 9]], "obj": {"kind": "linear", "p": 1, "q": 1}, "goal": "max"}
    sol = cg.solve_region(params)
    assert sol.answer == 5
    assert sol.steps["at"] == "(2, 3)"
    assert cg.verify_region(params, sol)
    square = {**params, "obj": {"kind": "square"}}
    assert cg.solve_region(square).answer == 16  # at (4, 0), not at the crossing (2, 3)


def test_tangent_at_point_on_circle() -> None:
    params = {"c": [0, 0], "r2": 10, "p": [1, 3]}
    sol = cg.solve_tangent(params)
    assert sol.answer_latex == "x + 3y = 10"
    assert sol.answer == sp.Eq(sp.Symbol("x") + 3 * sp.Symbol("y"), 10)
    assert cg.verify_tangent(params, sol)
