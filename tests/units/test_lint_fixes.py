"""Regression tests for the audit's defect classes (issue 12), one per class fixed so far.

Each test generates many items of the type across seeds and difficulties and checks the
exact defect is gone, with every lint rule enforced (the type is no longer tolerated).
"""

from __future__ import annotations

import math
import re

import pytest

from mathft_core.generate import make_item
from mathft_core.lint import LintItem, find_hits
from mathft_core.lint_baseline import tolerated_rules
from mathft_core.render import build_environment
from mathft_core.testing import installed_registry


def _items(unit_id: str, type_id: str, n: int = 60) -> list:
    """Items as their templates write them (no surface variety: a displayed main formula inside a
    sentence, ``方程式$$…$$を解け``, is a surface style, not the glued math these classes fixed)."""
    unit = installed_registry()[unit_id]
    ptype = unit.type(type_id)
    env = build_environment([unit])
    return [make_item(unit, ptype, env, seed=seed, index=i, difficulty=1 + i % 5, lint_rules=(), surface=None)
            for seed in (123, 7) for i in range(n)]


FIXED = [
    ("math2.integral_ii", "indefinite", re.compile(r"\\int (?:-?1x|-?\d+x\^\{[01]\})")),
    ("math2.integral_ii", "integral_equation", re.compile(r"(?<![\d.])-?1K|\+ 0K")),
    ("math2.complex_equations", "remainder", re.compile(r"(?<![\d.])[01]a|\(\(x")),
    ("math2.expressions_proofs", "identity", re.compile(r"(?<![\d.])-?1[a-d]\b")),
    ("math3.differentiation_iii", "extremum", re.compile(r"\\cdots|\(x \+ 0\)")),
    ("math2.exp_log", "log_equation", re.compile(r"\$\$(?=[^\n])(?<=[^\n]\$\$)")),
    ("math2.exp_log", "log_inequality", re.compile(r"\$\$(?=[^\n])(?<=[^\n]\$\$)")),
    ("matha.counting", "circular", re.compile(r"[花母長Q]，C")),
    ("matha.counting", "shortest_path", re.compile(r"角 家|校 まで")),
    ("math1.numbers_expressions", "double_radical", re.compile(r"\\frac\{\d\\sqrt\{\d+\} [+-] \d+\}\{2\}$|(\\sqrt\{[^{}]+\} [+-] \\sqrt\{[^{}]+\}) = \1\$")),
    ("jhs1.signed_numbers_literal", "expression_value", re.compile(r"\\frac\{\d+\}\{\d+\}\^")),
    ("jhs3.function_ax2", "parabola_line_area", re.compile(r"(?<![\d.])[01]x \+ b")),
    ("jhs3.jhs_data", "median", re.compile(r"人 となる")),
    ("mathc.complex_plane", "rotation", re.compile(r"として 時計|に 時計")),
    ("jhs2.jhs_probability", "at_least", re.compile(r"[はも] [偶奇]数")),
    ("jhs2.polynomial_calc", "monomial_muldiv", re.compile(r"\$\$(.+) = \1\$\$")),
    # 「両辺に 3/10 を掛けると，3P = 10mn」 was a wrong step: the multiplier is the denominator
    ("jhs2.polynomial_calc", "transform", re.compile(r"両辺に \$\\frac\{\d+\}\{\d+\}\$ を掛け")),
    ("jhs3.square_roots", "radical_arithmetic", re.compile(r"(?<![\d.])[01]\\sqrt|(?<![\w}])(\\sqrt\{\d+\}) = \1(?!\d)")),
    ("math1.data_analysis", "std", re.compile(r"(\\sqrt\{\d+\}) = \1\$")),
    ("math1.data_analysis", "variance", re.compile(r"(\\frac\{\d+\}\{\d+\}) = \1\$")),
    ("math1.numbers_expressions", "linear_system", re.compile(r"両辺を \$1\$ で割")),
    ("math1.numbers_expressions", "symmetric", re.compile(r"\\frac\{\d+\}\{\d+\}\^")),
    ("math1.quadratic_functions", "determine", re.compile(r"両辺を \$1\$ で割")),
    ("math1.quadratic_functions", "quad_inequality", re.compile(r"(\\frac\{[^$]+\}\{2\}) = \1\$")),
    ("math1.trig_ratios", "area", re.compile(r"(\\sqrt\{\d+\}) = \1\$")),
    ("matha.integer_properties", "power_mod", re.compile(r"\+ 0\$")),
    ("matha.integer_properties", "remainder_arith", re.compile(r"\+ 0\$")),
    ("mathc.conic_curves", "parabola", re.compile(r"= -?1[xy]\$")),
    ("jhs3.function_ax2", "rate_of_change", re.compile(r"(\\frac\{\d+\}\{\d+\}) = \1\$")),
    ("jhs3.expansion_factoring", "value_by_factoring", re.compile(r"\\text\{ のとき \}")),
    ("mathc.complex_plane", "nth_roots", re.compile(r"\\text\{ は整数\}|= 0 \+ |\\frac\{2k\\pi\}\{2\}")),
    ("mathc.complex_plane", "polar_form", re.compile(r"\d\.\d|\\sqrt\{\d\}\^")),
    # 「前の3項をまとめると」 while grouping terms 1, 2 and 4; a^2 - b^2 = a^2 - b^2
    ("jhs3.expansion_factoring", "factor", re.compile(r"前の3項|(?<![\w}])(\w\^2 - \w\^2) = \1\$")),
    ("jhs2.linear_functions", "intersection", re.compile(r"\+ 0\$")),
    ("jhs2.polynomial_calc", "fraction_polynomial", re.compile(r"[+-] [+-]\d")),
    ("jhs3.quadratic_equations", "quadratic_formula", re.compile(r"x = (\\frac\{[^$]+\}) = \1\$")),
    ("jhs3.similarity_pythagoras", "similar_ratio", re.compile(r"(\d+:\d+) = \1\$")),
    ("math2.complex_equations", "complex_calc", re.compile(r"(?<![\d.])1i\^2|\(-?\d+\)i\^2")),
    ("math2.derivative_ii", "tangent", re.compile(r"(?<![\d.])[01]\(x")),
    ("math3.differentiation_iii", "tangent_line", re.compile(r"(?<![\d.])[01]\(x|= 0x")),
    ("math2.expressions_proofs", "am_gm", re.compile(r"(?<![\d.])1xy|(2\\sqrt\{\d+\}(?: [+-] \d+)?) = \1\$")),
    ("math2.expressions_proofs", "binomial", re.compile(r"\^\{1\}[a-z]|\(1[yz]\)|\(\(-|における[xyz]")),
    ("math2.trig_functions", "addition", re.compile(r"\\frac\{\d+\}\{\d+\}\^")),
    ("math2.trig_functions", "identity", re.compile(r"\\frac\{\d+\}\{\d+\}\^")),
    ("math2.trig_functions", "synthesis", re.compile(r"(\\sqrt\{\d+\}) = \1")),
    ("mathb.statistical_inference", "binomial", re.compile(r"(\\sqrt\{\d+\}) = \1\$")),
    ("mathc.vectors", "min_norm", re.compile(r"(\\sqrt\{\d+\}) = \1\$")),
    ("math3.integration_iii", "riemann_sum", re.compile(r"x\^\{1\}|\\right\)\^\{1\}")),
    ("math3.integration_iii", "solid_of_revolution", re.compile(r"\[1[xy] ")),
    ("math3.limits", "coefficient_from_limit", re.compile(r"(?<![\d.])1a\b")),
    ("math3.limits", "function_limit", re.compile(r"(?<![\d.])-?1x")),
    ("math3.limits", "geometric_series", re.compile(r"\\sum \\frac\{\d+\}\{\d+\}\^")),
    ("matha.probability", "max_min", re.compile(r"\+ 0 =")),
    ("mathb.sequences", "arithmetic", re.compile(r"(?<![\d.])1d")),
    # geometric sums: (-2)^n - 1 rather than -(1 - (-2)^n); no r^{1}, no \frac{-1(...)}{...}
    ("mathb.sequences", "geometric_sum", re.compile(r"r\^\{1\}|\{-1\(|^-\(1 - ")),
    ("mathc.vectors", "intersection", re.compile(r": \\mathrm\{[A-Z]+\}\}")),
]


@pytest.mark.parametrize(("unit_id", "type_id", "defect"), FIXED, ids=[f"{u}.{t}" for u, t, _ in FIXED])
def test_defect_class_is_gone_and_type_passes_every_rule(unit_id: str, type_id: str, defect: re.Pattern[str]) -> None:
    assert tolerated_rules(unit_id, type_id) == frozenset()
    for record in _items(unit_id, type_id):
        for text in (record.problem, record.solution, record.answer):
            assert not defect.search(text), f"{record.id}: {defect.pattern} in {text!r}"
        hits = find_hits(LintItem(problem=record.problem, solution=record.solution, answer=record.answer))
        assert not hits, f"{record.id}: {[str(h) for h in hits]}"


def test_lint_baseline_is_empty() -> None:
    """Every built-in type passes every rule: nothing is tolerated any more (the ratchet is at 0)."""
    from mathft_core.lint_baseline import BASELINE

    assert BASELINE == {}


def test_remainder_shows_the_solved_unknowns() -> None:
    for record in _items("math2.complex_equations", "remainder", 10):
        assert "連立して解くと $a = " in record.solution, record.solution


def test_transform_clears_the_denominator_correctly() -> None:
    """P = (10/3)mn: multiply by 3 to get 10mn = 3P (not 「3/10 を掛けると 3P = 10mn」)."""
    seen = 0
    for record in _items("jhs2.polynomial_calc", "transform"):
        params = record.params
        if params["kind"] != "product" or params["k"][1] == 1:
            continue
        num, den = params["k"]
        product = "".join(params["letters"])
        cleared = f"{num if num != 1 else ''}{product} = {den}{params['lhs']}"
        assert f"両辺に ${den}$ を掛けて分母をはらうと，${cleared}$" in record.solution, record.solution
        seen += 1
    assert seen >= 5


def test_other_root_asks_only_for_what_it_boxes() -> None:
    """「$a$ の値を求め，もう1つの解を答えなさい」 asked for two things and boxed one."""
    for record in _items("jhs3.quadratic_equations", "other_root"):
        if "=" not in record.answer:  # one root boxed: the problem must not ask for a as well
            assert "$a$ の値を求め" not in record.problem, record.problem
        assert not re.search(r"\(x - \(\d", record.solution), record.solution


def test_word_problem_count_reads_as_the_total() -> None:
    """「17 冊のノートとスケッチブックを買った」 read as 17 notebooks."""
    for record in _items("jhs1.linear_equations", "word_problem"):
        assert not re.search(r"\$\d+\$ [個枚冊本]の", record.problem), record.problem


def test_double_angle_compares_every_candidate_value() -> None:
    """「軸は範囲内。よって t=1 で最小」 had no comparison: both ends (and the vertex) are evaluated."""
    for record in _items("math2.trig_functions", "double_angle"):
        assert "範囲の端では，$t = " in record.solution and "これらを比べると" in record.solution
        if "範囲に含まれ，" in record.solution:
            assert "頂点では $y = " in record.solution


def test_normal_problems_define_z_before_using_it() -> None:
    """Z was used in the problem's table hint without being defined (mathb normal)."""
    for record in _items("mathb.statistical_inference", "normal"):
        if "Z" in record.problem:
            assert "標準正規分布" in record.problem.split("$P(0")[0] or "標準正規分布" in record.problem.split("Z \\leqq")[0]


def test_space_volume_uses_the_curriculum_method() -> None:
    """No 行列式 (outside the curriculum): base area × height / 3 with a normal vector."""
    for record in _items("mathc.vectors", "space"):
        assert "行列式" not in record.solution and "vmatrix" not in record.solution
        if "体積" in record.problem:
            assert "V = \\frac{1}{3} \\cdot" in record.solution


def test_answer_forms_follow_the_answer_key() -> None:
    """Lines with a positive leading coefficient, ±r^n instead of ±r·r^{n-1}, rational part first."""
    for record in _items("math2.coordinate_geometry", "tangent_line"):
        assert not record.answer.startswith("-"), record.answer
    for type_id in ("recurrence", "difference"):
        for record in _items("mathb.sequences", type_id):
            match = re.search(r"(-?\d+) \\cdot (\d+)\^\{n-1\}", record.answer)
            if match:
                k, r = abs(int(match.group(1))), int(match.group(2))
                assert not any(k == r**m for m in range(1, 8)), record.answer
    for record in _items("mathc.complex_plane", "rotation"):
        assert not re.match(r"-?\d*\\sqrt\{\d+\} [+-] \d+ [+-]", record.answer), record.answer


def test_quotient_rule_numerators_have_their_content_pulled_out() -> None:
    """-\\frac{2x^2 - 8x - 14}{...} is written -\\frac{2(x^2 - 4x - 7)}{...} as in the answer key."""
    for record in _items("math3.differentiation_iii", "quotient_rule"):
        numerator = re.search(r"\\frac\{(.+)\}\{\(", record.answer).group(1)
        coefs = [int(c or 1) for c in re.findall(r"(?:^|[+-] )(\d*)x", numerator)]
        if "(" not in numerator and len(coefs) >= 1 and re.search(r"[+-] (\d+)$", numerator):
            const = int(re.search(r"[+-] (\d+)$", numerator).group(1))
            assert math.gcd(*coefs, const) == 1, record.answer


def test_statistics_answers_follow_one_decimal_rule() -> None:
    """CURRICULUM §2: integer data give exact answers (\\frac{58}{5}, never 11.6 next to \\frac{136}{7})."""
    for type_id in ("variance", "std", "transform"):
        for record in _items("math1.data_analysis", type_id):
            assert not re.search(r"\d\.\d", record.answer), record.answer


def test_polygon_figures_have_no_filler_slot() -> None:
    """「三角形のうち，すべての三角形は」 was a slot filled with a filler for the plain count."""
    for record in _items("matha.counting", "polygon_figures"):
        assert "のうち，すべての" not in record.problem, record.problem
