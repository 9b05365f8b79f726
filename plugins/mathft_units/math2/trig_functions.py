"""三角関数 (数学II): six problem types, from 相互関係 to 2倍角と2次関数."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _trig_eqineq, _trig_extrema, _trig_values

UNIT = Unit(
    id="math2.trig_functions",
    name="三角関数",
    course="数学II",
    description="弧度法の三角関数: 相互関係，方程式・不等式（定義域の端と等号），加法定理，合成，2倍角。",
    types=(
        ProblemType(
            id="identity", name="相互関係",
            sample=_trig_values.sample_trig_identity, solve=_trig_values.solve_trig_identity,
            verify=_trig_values.verify_trig_identity,
            problem_templates=_phrasings("identity", 5), solution_template="identity_solution.j2",
            knobs="Pythagorean values in quadrants I-II -> any quadrant with radicals -> tan asked -> "
                  "tan given -> sinθ + cosθ = a",
        ),
        ProblemType(
            id="equation", name="三角方程式",
            sample=_trig_eqineq.sample_trig_equation, solve=_trig_eqineq.solve_trig_equation,
            verify=_trig_eqineq.verify_trig_equation,
            problem_templates=_phrasings("equation"), solution_template="equation_solution.j2",
            knobs="one table value -> tan, other ranges -> quadratic in sinθ -> cos^2 / cos 2θ rewrites -> "
                  "shifted or doubled argument",
        ),
        ProblemType(
            id="inequality", name="三角不等式",
            sample=_trig_eqineq.sample_trig_inequality, solve=_trig_eqineq.solve_trig_inequality,
            verify=_trig_eqineq.verify_trig_inequality,
            problem_templates=_phrasings("inequality"), solution_template="inequality_solution.j2",
            knobs="sin/cos against a table value -> tan (excluded points) and other ranges -> "
                  "quadratic in sinθ -> shifted or doubled argument",
        ),
        ProblemType(
            id="addition", name="加法定理",
            sample=_trig_values.sample_trig_addition, solve=_trig_values.solve_trig_addition,
            verify=_trig_values.verify_trig_addition,
            problem_templates=_phrasings("addition", 6), solution_template="addition_solution.j2",
            knobs="sin/cos of kπ/12 -> tan -> angles beyond π and negative -> sin(α ± β) from given values -> 2倍角",
        ),
        ProblemType(
            id="synthesis", name="合成",
            sample=_trig_extrema.sample_trig_synthesis, solve=_trig_extrema.solve_trig_synthesis,
            verify=_trig_extrema.verify_trig_synthesis,
            problem_templates=_phrasings("synthesis"), solution_template="synthesis_solution.j2",
            knobs="full period -> half period -> quarter and symmetric ranges, scaled coefficients -> constant term",
        ),
        ProblemType(
            id="double_angle", name="2倍角と2次関数",
            sample=_trig_extrema.sample_trig_double, solve=_trig_extrema.solve_trig_double,
            verify=_trig_extrema.verify_trig_double,
            problem_templates=_phrasings("double_angle"), solution_template="double_angle_solution.j2",
            knobs="cos 2θ + a sinθ on a full period -> minimum too -> restricted ranges and cos θ / sin^2 θ forms "
                  "-> constant term, vertex outside the range",
        ),
    ),
)
