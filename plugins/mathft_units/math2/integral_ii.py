"""積分の考え (数学II): 不定積分, 面積 (1/6 公式), 放物線と直線, 積分方程式."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _calculus as cal

UNIT = Unit(
    id="math2.integral_ii",
    name="積分の考え",
    course="数学II",
    description="整式の不定積分，放物線と x 軸・直線・放物線で囲まれた部分の面積，定積分を含む関数の決定。",
    types=(
        ProblemType(
            id="indefinite", name="不定積分", sample=cal.sample_indefinite, solve=cal.solve_indefinite,
            verify=cal.verify_indefinite, problem_templates=_phrasings("indefinite"),
            solution_template="indefinite_solution.j2",
            knobs="quadratic -> cubic -> products to expand first -> quartic",
        ),
        ProblemType(
            id="area_axis", name="放物線と x 軸の面積", sample=cal.sample_area_axis, solve=cal.solve_area_axis,
            verify=cal.verify_area_axis, problem_templates=_phrasings("area_axis"),
            solution_template="area_axis_solution.j2",
            knobs="monic -> leading coefficients -> fractional intersection points",
        ),
        ProblemType(
            id="area_line", name="放物線と直線の面積", sample=cal.sample_area_line, solve=cal.solve_area_line,
            verify=cal.verify_area_line, problem_templates=_phrasings("area_line"),
            solution_template="area_line_solution.j2",
            knobs="y = ±x^2 + ... and a line -> leading coefficients -> two parabolas",
        ),
        ProblemType(
            id="integral_equation", shape="multi-step", name="積分方程式", sample=cal.sample_integral_equation,
            solve=cal.solve_integral_equation, verify=cal.verify_integral_equation,
            problem_templates=_phrasings("integral_equation"), solution_template="integral_equation_solution.j2",
            knobs="constant ∫_0^1 f -> x∫_0^1 f -> upper limit 2",
        ),
    ),
)
