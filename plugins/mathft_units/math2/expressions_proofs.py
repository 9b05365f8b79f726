"""式と証明 (数学II): 二項定理, 整式の除法, 恒等式, 相加・相乗平均."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _exprproof as ep

UNIT = Unit(
    id="math2.expressions_proofs",
    name="式と証明",
    course="数学II",
    description="二項定理・多項定理，整式の除法，恒等式（部分分数），相加平均と相乗平均の関係。",
    types=(
        ProblemType(
            id="binomial", name="二項定理", sample=ep.sample_binomial, solve=ep.solve_binomial,
            verify=ep.verify_binomial, problem_templates=_phrasings("binomial"),
            solution_template="binomial_solution.j2",
            knobs="(x + b)^n -> (ax + b)^n, larger n -> (ax + b/x)^n -> x^2 and 1/x^2 terms -> 多項定理",
        ),
        ProblemType(
            id="division", name="整式の除法", sample=ep.sample_division, solve=ep.solve_division,
            verify=ep.verify_division, problem_templates=_phrasings("division"),
            solution_template="division_solution.j2", answer_form="strict",
            knobs="linear divisor -> quadratic divisor -> higher degree -> non-monic divisor, quotient asked",
        ),
        ProblemType(
            id="identity", name="恒等式", sample=ep.sample_partial, solve=ep.solve_partial,
            verify=ep.verify_partial, problem_templates=_phrasings("identity"),
            solution_template="identity_solution.j2",
            knobs="constant numerator -> linear numerator -> expanded denominator -> three partial fractions",
        ),
        ProblemType(
            id="am_gm", name="相加平均と相乗平均", sample=ep.sample_amgm, solve=ep.solve_amgm,
            verify=ep.verify_amgm, problem_templates=_phrasings("am_gm"),
            solution_template="am_gm_solution.j2",
            knobs="integer minimum -> radical minimum -> shifted variable x > c -> product of two sums in x, y",
        ),
    ),
)
