"""数学C units: the standard unit contract plus focused checks of subtle solver cases."""

from __future__ import annotations

import attrs
import sympy as sp
from mathft_units.mathc import complex_plane as cp
from mathft_units.mathc import conic_curves as cc
from mathft_units.mathc import vectors as vec
from mathft_units.mathc._forms import complex_tex

from mathft_core.roundtrip import latex_matches_value
from mathft_core.testing import UnitContract

I = sp.I  # noqa: E741


class TestMathCUnits(UnitContract):
    unit_ids = ("mathc.vectors", "mathc.complex_plane", "mathc.conic_curves")


def test_complex_tex_puts_i_last_and_groups_radical_sums() -> None:
    assert complex_tex(1 + sp.sqrt(3) * I) == "1 + \\sqrt{3}i"
    assert complex_tex(sp.Rational(1, 2) - sp.sqrt(3) / 2 * I) == "\\frac{1}{2} - \\frac{\\sqrt{3}}{2}i"
    assert complex_tex(2 - sp.sqrt(3) + (1 + 2 * sp.sqrt(3)) * I) == "2 - \\sqrt{3} + (1 + 2\\sqrt{3})i"
    assert complex_tex(-2 * I) == "-2i"
    # textbook "3i" parses to a different i symbol than sympy's "3 i": the round trip must still hold
    assert latex_matches_value("32i", 32 * I)
    assert not latex_matches_value("1 + 2i", 1 + 3 * I)


def test_polar_form_of_minus_one_plus_root3_i() -> None:
    sol = cp.solve_polar({"k12": 8, "scale": 2, "symmetric": False, "end": 0})
    assert sol.answer == -1 + sp.sqrt(3) * I
    assert sol.answer_latex == "2\\left(\\cos\\frac{2}{3}\\pi + i\\sin\\frac{2}{3}\\pi\\right)"
    # the same point with -π < θ ≦ π keeps 2π/3; 5π/3 becomes -π/3
    sym = cp.solve_polar({"k12": 20, "scale": 1, "symmetric": True, "end": 0})
    assert sym.answer_latex == "\\cos\\left(-\\frac{\\pi}{3}\\right) + i\\sin\\left(-\\frac{\\pi}{3}\\right)"


def test_de_moivre_and_roots() -> None:
    sol = cp.solve_de_moivre({"base": 0, "n": 10, "mult": 1, "end": 0})  # (1 + i)^10
    assert sol.answer == 32 * I and sol.answer_latex == "32i"
    roots = cp.solve_roots({"n": 3, "arg_index": 1, "r": 2, "sqrt2": False, "end": 0, "var": "z", "zero_form": False})
    assert roots.answer == sp.FiniteSet(sp.sqrt(3) + I, -sp.sqrt(3) + I, -2 * I)
    assert roots.answer_latex == "\\sqrt{3} + i, -\\sqrt{3} + i, -2i"
    wrong = attrs.evolve(roots, answer=sp.FiniteSet(sp.sqrt(3) + I, -sp.sqrt(3) + I, 2 * I))
    assert not cp.verify_roots({"n": 3, "arg_index": 1, "r": 2, "sqrt2": False}, wrong)


def test_vector_angle_and_minimum() -> None:
    params = {"theta": [1, 3], "A": 2, "B": 3, "p": 1, "q": -1, "form": "norm", "x": 1, "y": -2, "a2": 4, "b2": 9}
    params["given"] = str(vec._given_value(params))
    assert params["given"] == "7"  # |a - b| = √7 as in the textbook example
    assert vec.solve_angle(params).answer == sp.pi / 3
    sol = vec.solve_min_norm({"a": [2, -1], "b": [1, 3], "ask": "min", "end": 0})
    assert sol.answer == 7 * sp.sqrt(10) / 10 and sol.answer_latex == "\\frac{7\\sqrt{10}}{10}"


def test_intersection_position_vector() -> None:
    sol = vec.solve_intersection({"m": 2, "n": 1, "s": 1, "t": 2, "ask": "OP", "letters": ["C", "D"]})
    assert sol.answer_latex == "\\overrightarrow{OP} = \\frac{4}{7}\\vec{a} + \\frac{1}{7}\\vec{b}"
    assert latex_matches_value(sol.answer_latex, sol.answer)


def test_conic_foci_tangent_and_polar() -> None:
    foci = cc.solve_foci({"kind": "ellipse", "A": 25, "B": 9, "sign": 1, "shift": [0, 0], "ask": "foci", "end": 0})
    assert foci.answer_latex == "(4, 0), (-4, 0)"
    para = cc.solve_parabola({"axis": "y", "p": [2, 1], "shift": [0, 0], "ask": "to_eq", "end": 0})
    assert para.answer_latex == "x^2 = 8y"
    tangent = cc.solve_tangent({"kind": "ellipse", "dir": 4, "a": 2, "b": 1, "sx": 1, "sy": 1, "end": 0})
    assert tangent.answer_latex == "y = -\\frac{\\sqrt{3}}{2}x + 2"
    polar = cc.solve_polar_eq({"kind": "circle_c", "a": 1, "b": 1, "alpha": 0, "d": 1, "trig": "cos", "end": 0})
    assert polar.answer_latex == "(x - 1)^2 + y^2 = 1"
    line = cc.solve_polar_eq({"kind": "line", "a": 1, "b": 1, "alpha": 0, "d": 2, "trig": "cos", "end": 0})
    assert line.answer_latex == "x + \\sqrt{3}y = 4"
