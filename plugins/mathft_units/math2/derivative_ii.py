"""微分の考え (数学II): 接線, 極値, 区間の最大・最小, 実数解の個数."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _calculus as cal

UNIT = Unit(
    id="math2.derivative_ii",
    name="微分の考え",
    course="数学II",
    description="整式の導関数: 接線の方程式，極値，閉区間の最大・最小，方程式の実数解の個数（≦/< の双子）。",
    types=(
        ProblemType(
            id="tangent", name="接線", sample=cal.sample_tangent, solve=cal.solve_tangent,
            verify=cal.verify_tangent, problem_templates=_phrasings("tangent"),
            solution_template="tangent_solution.j2",
            knobs="parabola -> cubic -> larger coefficients -> quartic",
        ),
        ProblemType(
            id="extremum", name="極値", sample=cal.sample_extremum, solve=cal.solve_extremum,
            verify=cal.verify_extremum, problem_templates=_phrasings("extremum"),
            solution_template="extremum_solution.j2",
            knobs="critical points in a wider range, negative and larger leading coefficients",
        ),
        ProblemType(
            id="interval_extreme", name="区間の最大・最小", sample=cal.sample_interval_extreme,
            solve=cal.solve_interval_extreme, verify=cal.verify_interval_extreme,
            problem_templates=_phrasings("interval_extreme"), solution_template="interval_extreme_solution.j2",
            knobs="critical points in a wider range; the interval may exclude one or both of them",
        ),
        ProblemType(
            id="root_count", shape="multi-step", name="実数解の個数", sample=cal.sample_root_count, solve=cal.solve_root_count,
            verify=cal.verify_root_count, problem_templates=_phrasings("root_count"),
            solution_template="root_count_solution.j2",
            knobs="3 roots / 1 root -> exactly 2 (tangency) and at least 2 (≦ boundary), wider ranges",
        ),
    ),
)
