"""指数関数・対数関数 (数学II): six problem types, from 指数方程式 to 桁数."""

from __future__ import annotations

from mathft_core.units import ProblemType, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _explog_calc, _explog_digits, _explog_exp, _explog_log

UNIT = Unit(
    id="math2.exp_log",
    name="指数関数・対数関数",
    course="数学II",
    description="指数・対数の方程式と不等式（真数条件，底と不等号の向き），対数の計算，桁数。",
    types=(
        ProblemType(
            id="exp_equation", name="指数方程式",
            sample=_explog_exp.sample_exp_equation, solve=_explog_exp.solve_exp_equation,
            verify=_explog_exp.verify_exp_equation,
            problem_templates=_phrasings("exp_equation", 5), solution_template="exp_equation_solution.j2",
            knobs="powers of the base -> a negative root in t -> log answers -> fractional roots, "
                  "a^{2x+1} and a^x + a^{k-x} forms",
        ),
        ProblemType(
            id="exp_inequality", name="指数不等式",
            sample=_explog_exp.sample_exp_inequality, solve=_explog_exp.solve_exp_inequality,
            verify=_explog_exp.verify_exp_inequality,
            problem_templates=_phrasings("exp_inequality", 5), solution_template="exp_inequality_solution.j2",
            knobs="one base -> bases below 1 and radicals -> two powers -> quadratic in t = c^x (c < 1 flips)",
        ),
        ProblemType(
            id="log_calc", name="対数の計算",
            sample=_explog_calc.sample_log_calc, solve=_explog_calc.solve_log_calc,
            verify=_explog_calc.verify_log_calc,
            problem_templates=_phrasings("log_calc", 5), solution_template="log_calc_solution.j2",
            knobs="one move -> merge + change of base -> radicals and fractional bases -> log products, four terms",
        ),
        ProblemType(
            id="log_equation", name="対数方程式",
            sample=_explog_log.sample_log_equation, solve=_explog_log.solve_log_equation,
            verify=_explog_log.verify_log_equation,
            problem_templates=_phrasings("log_equation"), solution_template="log_equation_solution.j2",
            knobs="sum of logs -> difference -> 2log = log (two candidates) -> quadratic in log x, base change",
        ),
        ProblemType(
            id="log_inequality", name="対数不等式",
            sample=_explog_log.sample_log_inequality, solve=_explog_log.solve_log_inequality,
            verify=_explog_log.verify_log_inequality,
            problem_templates=_phrasings("log_inequality"), solution_template="log_inequality_solution.j2",
            knobs="one log, base > 1 -> base < 1 and negative slopes -> two logs / quadratic -> (log x)^2",
        ),
        ProblemType(
            id="digits", name="桁数",
            sample=_explog_digits.sample_digits, solve=_explog_digits.solve_digits,
            verify=_explog_digits.verify_digits,
            problem_templates=_phrasings("digits", 5), solution_template="digits_solution.j2",
            knobs="2^n -> 6^n, 5^n -> 12^n, 18^n -> 小数首位 of (2/3)^n -> 最高位の数字",
        ),
    ),
)
