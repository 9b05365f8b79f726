"""積分法 (数学III): 置換積分, 部分積分, 2曲線で囲まれた面積, 回転体の体積, 区分求積法.

Every family has a closed-form antiderivative, so the solvers write the exact value
(rationals, e^k, π, √2, √3, log) without ``sympy.integrate``; the verifiers integrate the
original integrand numerically (``mpmath.quad``) or sum the Riemann sum itself. Each problem
type lives in its own private module (``_integ_*.py``); this module assembles the unit.
"""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_units.math3._integ_area import sample_area, solve_area, verify_area
from mathft_units.math3._integ_parts import sample_parts, solve_parts, verify_parts
from mathft_units.math3._integ_riemann import sample_riemann, solve_riemann, verify_riemann
from mathft_units.math3._integ_substitution import (
    sample_substitution,
    solve_substitution,
    verify_substitution,
)
from mathft_units.math3._integ_volume import sample_volume, solve_volume, verify_volume

__all__ = [
    "UNIT", "sample_area", "sample_parts", "sample_riemann", "sample_substitution", "sample_volume",
    "solve_area", "solve_parts", "solve_riemann", "solve_substitution", "solve_volume",
    "verify_area", "verify_parts", "verify_riemann", "verify_substitution", "verify_volume",
]


def _templates(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{i}.j2" for i in range(1, 5))


UNIT = Unit(
    id="math3.integration_iii",
    name="積分法",
    course="数学III",
    types=(
        ProblemType(
            id="substitution", name="置換積分", sample=sample_substitution, solve=solve_substitution,
            verify=verify_substitution, problem_templates=_templates("sub"), solution_template="sub_solution.j2",
            knobs="x(x^2+a)^n, x/(x^2+a)^n -> sin kx cos^n kx over parts of [0, π/2k], x√(x^2±A), x√(x+a) "
                  "-> (log x)^n/x on [e^j, e^k], x e^{ax^2} -> x^2 e^{ax^3}; larger k, A and exponents",
        ),
        ProblemType(
            id="integration_by_parts", name="部分積分", sample=sample_parts, solve=solve_parts, verify=verify_parts,
            problem_templates=_templates("parts"), solution_template="parts_solution.j2",
            knobs="x e^{kx}, x^m log x on [1, e^j] or [1, B] -> (x+q) sin kx -> (x+q) cos kx with negative q "
                  "(π and rational parts)",
        ),
        ProblemType(
            id="area_between_curves", name="2曲線で囲まれた面積", sample=sample_area, solve=solve_area,
            verify=verify_area, problem_templates=_templates("area"), solution_template="area_solution.j2",
            knobs="px^2 and r√x, c√x and a chord, sin/cos arches, log x -> e^{mx} and a line -> sin vs cos "
                  "(√3 factors), αβ/x and a line (log answers) -> e^{mx} and e^{-mx}",
        ),
        ProblemType(
            id="solid_of_revolution", name="回転体の体積", sample=sample_volume, solve=solve_volume,
            verify=verify_volume, problem_templates=_templates("vol"), solution_template="vol_solution.j2",
            knobs="√(ax), cx^m, c/x over [p, q] -> ellipses about either axis -> sin/cos arches (π^2), washers "
                  "between a line and a parabola, parabola caps about either axis -> c e^{mx}",
        ),
        ProblemType(
            id="riemann_sum", name="区分求積法", sample=sample_riemann, solve=solve_riemann, verify=verify_riemann,
            problem_templates=_templates("riem"), solution_template="riem_solution.j2",
            knobs="power sums up to rn, shifted powers -> n/(n^2+pk^2) (arctan, √3π, log) -> 1/(pn+qk) "
                  "-> e^{ak/n}, (k/n)e^{ak/n}, √(pn+sk), sin and cos of multiples of kπ/n",
        ),
    ),
)
