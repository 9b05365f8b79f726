"""複素数と方程式 (数学II): 複素数の計算, 解と係数の関係, 剰余の定理, 高次方程式."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _complexeq as ce

UNIT = Unit(
    id="math2.complex_equations",
    name="複素数と方程式",
    course="数学II",
    description="複素数の四則計算，解と係数の関係，剰余の定理，因数定理による高次方程式。",
    types=(
        ProblemType(
            id="complex_calc", name="複素数の計算", sample=ce.sample_complex_calc, solve=ce.solve_complex_calc,
            verify=ce.verify_complex_calc, problem_templates=_phrasings("complex_calc"),
            solution_template="complex_calc_solution.j2", answer_form="complex",
            knobs="product -> quotient -> powers -> sum of quotients -> (a + bi)^2 / (c + di)",
        ),
        ProblemType(
            id="vieta", name="解と係数の関係", sample=ce.sample_vieta, solve=ce.solve_vieta,
            verify=ce.verify_vieta, problem_templates=_phrasings("vieta"),
            solution_template="vieta_solution.j2",
            knobs="α^2 + β^2 -> 1/α + 1/β -> α^3 + β^3, (α - β)^2 and a leading coefficient -> β/α + α/β",
        ),
        ProblemType(
            id="remainder", shape="multi-step", name="剰余の定理", sample=ce.sample_remainder, solve=ce.solve_remainder,
            verify=ce.verify_remainder, problem_templates=_phrasings("remainder"),
            solution_template="remainder_solution.j2", answer_form="strict",
            knobs="two linear divisors -> expanded quadratic divisor -> three divisors (quadratic remainder)",
        ),
        ProblemType(
            id="higher_equation", name="高次方程式", sample=ce.sample_higher, solve=ce.solve_higher,
            verify=ce.verify_higher, problem_templates=_phrasings("higher_equation"),
            solution_template="higher_equation_solution.j2", answer_form="complex",
            knobs="integer rational root -> larger coefficients -> leading coefficient 2 with a root 1/2",
        ),
    ),
)
