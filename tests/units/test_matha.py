"""数学A units: the standard unit contract plus focused checks of subtle solver cases."""

from __future__ import annotations

import sympy as sp
from mathft_units.matha import integer_properties as ip

from mathft_core.testing import UnitContract


class TestMathAUnits(UnitContract):
    unit_ids = ("matha.integer_properties", "matha.counting", "matha.probability", "matha.plane_geometry")


def test_euclid_steps_end_with_zero_remainder() -> None:
    steps = ip.euclid_steps(391, 299)
    assert [(s["a"], s["b"], s["q"], s["r"]) for s in steps] == [
        (391, 299, 1, 92), (299, 92, 3, 23), (92, 23, 4, 0)
    ]
    sol = ip.solve_gcd({"a": 391, "b": 299, "ask": "gcd"})
    assert sol.answer == 23
    assert ip.solve_gcd({"a": 391, "b": 299, "ask": "lcm"}).answer == 391 * 299 // 23


def test_divisor_sum_of_360() -> None:
    sol = ip.solve_divisors({"n": 360, "ask": "sum"})
    assert sol.answer == 1170
    assert sol.steps["factored"] == "2^{3} \\times 3^{2} \\times 5"
    assert ip.solve_divisors({"n": 360, "ask": "count"}).answer == 24


def test_diophantine_positive_solutions_exclude_zero() -> None:
    # 3x + 5y = 15 has (5, 0) and (0, 3) on the boundary: neither is positive
    assert ip.positive_solutions(3, 5, 15) == []
    sol = ip.solve_diophantine({"a": 3, "b": 5, "c": 47, "ask": "all"})
    assert sol.answer_latex == "(x, y) = (4, 7), (9, 4), (14, 1)"
    assert sol.answer == sp.FiniteSet(sp.Tuple(4, 7), sp.Tuple(9, 4), sp.Tuple(14, 1))
    assert sol.steps["k_lo_frac"] == "-\\frac{4}{5}" and sol.steps["k_hi_frac"] == "\\frac{7}{3}"


def test_power_cycle_with_preperiod() -> None:
    # 2^k mod 12: 2, 4, 8, 4, ... repeats from k = 2 with period 2
    residues, start, period = ip.power_cycle(2, 12)
    assert (residues, start, period) == ([2, 4, 8], 2, 2)
    assert ip.solve_power_mod({"a": 3, "n": 100, "m": 7}).answer == 4
    assert ip.solve_power_mod({"a": 2, "n": 2024, "m": 10}).answer == pow(2, 2024, 10)


def test_remainder_of_negative_value_is_normalised() -> None:
    # a ≡ 1, b ≡ 4 (mod 5): a - b ≡ -3 ≡ 2
    sol = ip.solve_remainder({"m": 5, "ra": 1, "rb": 4, "expr": 5})
    assert sol.answer == 2 and sol.steps["value"] == -3 and sol.steps["q"] == -1


def test_base_conversions() -> None:
    assert ip.solve_base({"kind": "to_dec", "base": 2, "digits": "1011101"}).answer == 93
    sol = ip.solve_base({"kind": "from_dec", "base": 5, "value": 2024})
    assert sol.answer_latex == "31044_{(5)}"
    frac = ip.solve_base({"kind": "fraction", "base": 2, "digits": "1011", "places": 2})
    assert frac.answer == sp.Rational(11, 4)
