"""Lint rules: positive and negative examples per rule, fixing, the stage in generation."""

from __future__ import annotations

import itertools

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathft_core.lint import (
    BUILTIN_RULE_NAMES,
    BUILTIN_RULES,
    SIGN_PILEUP,
    LintFailure,
    LintItem,
    find_hits,
    lint_item,
)
from mathft_core.lint_math import split_math


def rules_hit(solution: str = "", problem: str = "次を求めよ。", answer: str = "1") -> set[str]:
    return {h.rule for h in find_hits(LintItem(problem=problem, solution=solution, answer=answer))}


#: rule -> (texts it must flag, texts it must not flag); each text is a solution line.
EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "coef_one_zero": (
        ["$\\int 1x^{2}\\,dx$", "$10 = -1a$", "$0a + b = 3$", "$y = 2x + 0$", "$-1K = 3$", "$1\\sqrt{2}$",
         "$y - 2 = 1(x - 3)$", "$x + 0 = 5$"],
        ["$x^{10}$", "$10x$", "$\\frac{1}{2}x$", "$a_{1}x$", "$0.1x$", "$x \\to +0$", "$(3 - 0)^2$",
         "$x = 1$ のとき", "$a_1 + a_{10}$", "$2^{10}x$", "$F(1) - F(0)$", "$x + 0.5$"],
    ),
    "exponent_one_zero": (
        ["$\\int 5x^{1}\\,dx$", "$2x^{0}$", "$ar^{1} = 8$", "$(x + 1)^{0}$", "$x^1$"],
        ["$x^{10}$", "$10^{0} = 1$", "$e^{0} = 1$", "$\\int_0^1 x\\,dx$", "$\\left[x^2\\right]_{0}^{1}$",
         "$(-4)^{1}$", "$\\left(\\frac{1}{4}\\right)^{1}$", "$x^{-1}$", "$a_{1}$", "$\\int_a^1 x\\,dx$"],
    ),
    "sign_pileup": (
        ["$x + -3$", "$5 - -3 = 8$", "$x + +2$", "$a - +b$"],
        ["$x - (-3)$", "$x \\pm 3$", "$x^{-1} - 2$", "$-3 + 2$", "$x + 3$"],
    ),
    "bare_power": (
        ["$\\frac{5}{4}^2$", "$0.75\\sqrt{3}^2$", "$\\sum \\frac{1}{6}^n$", "$\\dfrac{1}{2}^{3}$", "$\\sqrt{x+1}^{2}$"],
        ["$(\\frac{5}{4})^2$", "$\\left(\\frac{5}{4}\\right)^2$", "$\\frac{1}{2}$", "$\\frac{x^2}{4}$",
         "$\\sqrt{x^2 + 1}$", "$(\\sqrt{3})^2$"],
    ),
    "glued_math": (
        ["$x>-2$$x+4>0$ より", "真数条件は $x>0$$x<3$ である。"],
        ["$x > -2$，$x + 4 > 0$ より", "\n$$x^2 = 4$$\n", "$a$ と $b$"],
    ),
    "unbalanced": (
        ["$\\mathrm{OM} : \\mathrm{MA}} = 6 : 5$", "$\\frac{1}{2$", "$\\left( x$", "$x + 1", "展開式における x^{3}y を求めよ。"],
        ["$\\frac{1}{2}$", "$\\left( x \\right)$", "$(0, 1]$ の範囲", "$[a, b)$", "$\\{1, 2\\}$",
         "$\\begin{cases} x \\end{cases}$"],
    ),
    "placeholder": (
        ["$e^{\\cdots} > 0$", "$f(x) = \\cdots$", "値は None である。", "$x = ??$", "$a = nan$"],
        ["$a_1 + a_2 + \\cdots + a_n$", "$1, 2, \\cdots, n$", "$x + y = 3 \\quad\\cdots\\cdots①$", "$\\tan x$"],
    ),
    "trivial_step": (
        ["$\\sqrt{6} = \\sqrt6$", "$s = \\sqrt{10} = \\sqrt{10}$", "$4x \\times 5y = 4x \\times 5y$",
         "$x = \\frac{1}{2} = \\frac{1}{2}$"],
        ["$x = 1, y = 1$", "$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$", "$\\sqrt{12} = 2\\sqrt{3}$", "$a = b = c$",
         "$f(1) = 1$"],
    ),
    "empty_slot": (
        ["南西の角 家 から北東の角へ行く。", "太郎，花子，C を含む7人", "太郎、花子、Cを含む7人", "値は（）である。",
         "点を中心として 時計回りに回転する。", "よって，，答えは"],
        ["半径 $19$ の円", "太郎，花子，次郎を含む7人", "点 A，B，C を通る円", "太郎、花子、次郎を含む",
         "小さいさいころの目", "それぞれ求めよ。"],
    ),
    "japanese_in_display": (
        ["\n$$x = 915 \\text{ のとき } x^2$$\n", "\n$$2\\theta = \\pi + 2k\\pi \\quad (k \\text{ は整数})$$\n"],
        ["\n$$\\begin{array}{c|c} \\text{度数} & 4 \\end{array}$$\n", "$x = 2$ のとき", "\n$$x^2 = 4$$\n"],
    ),
    "noop_step": (
        ["両辺を $1$ で割ると，$x = 3$", "両辺を 1 で割ると", "両辺に $0$ を加えると", "分母をはらうと $x = 3$"],
        ["両辺を $2$ で割ると", "両辺を $-1$ で割ると", "両辺に $10$ を掛けると", "$\\frac{x}{2} = 3$ の分母をはらうと",
         "両辺を $12$ で割る"],
    ),
}


def test_every_builtin_rule_has_examples() -> None:
    assert set(EXAMPLES) == set(BUILTIN_RULE_NAMES)
    assert all(rule.description for rule in BUILTIN_RULES)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (pos, _) in EXAMPLES.items() for t in pos])
def test_rule_flags_positive_example(rule: str, text: str) -> None:
    assert rule in rules_hit(text)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, neg) in EXAMPLES.items() for t in neg])
def test_rule_leaves_legitimate_text_alone(rule: str, text: str) -> None:
    assert rule not in rules_hit(text)


def test_rules_apply_to_problem_and_answer_too() -> None:
    assert "coef_one_zero" in rules_hit(problem="$1x + 2 = 5$ を解け。")
    hits = find_hits(LintItem(problem="解け。", solution="", answer="-1x + 3"))
    assert [(h.rule, h.field) for h in hits] == [("coef_one_zero", "answer")]


def test_rules_do_not_depend_on_punctuation_or_politeness() -> None:
    for text in ("太郎，花子，Cを含む7人が並びます。", "太郎、花子、Cを含む7人が並ぶ．"):
        assert "empty_slot" in rules_hit(problem=text)
    for text in ("$x>0$$x<3$ です。", "$x>0$$x<3$ である．"):
        assert "glued_math" in rules_hit(problem=text)


latex_atoms = st.sampled_from(["x", "y", "a", "10", "2", "\\frac{1}{2}", "x^{2}", "x^{10}", "(x + 1)", "\\sqrt{3}",
                               "(\\frac{5}{4})^2", "a_{1}", "10x", "\\pi"])
operators = st.sampled_from([" + ", " - ", " = ", " \\times ", " \\leqq "])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(latex_atoms, operators), min_size=1, max_size=6), latex_atoms)
def test_well_formed_textbook_latex_is_never_flagged(pairs: list[tuple[str, str]], last: str) -> None:
    """Chains of legitimate atoms joined by single operators: no rule may fire."""
    chain = "".join(a + op for a, op in pairs) + last
    sides = [s.replace(" ", "") for s in chain.split(" = ")]
    assume(all(x != y for x, y in itertools.pairwise(sides)))  # A = A is the trivial_step defect itself
    assert rules_hit(f"よって，${chain}$ である。", answer=last) == set()


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.integers(min_value=2, max_value=99), st.sampled_from("xyabt"))
def test_coefficient_one_is_flagged_and_others_are_not(n: int, var: str) -> None:
    assert "coef_one_zero" in rules_hit(f"$3 + 1{var}$")
    assert "coef_one_zero" not in rules_hit(f"$3 + {n}{var}$")


def test_sign_pileup_is_fixed_and_counted() -> None:
    out = lint_item("問題。", "よって $5 - -3 = 8$，$x + -2$ となる。\n$\\boxed{8}$", "8")
    assert out.solution == "よって $5 + 3 = 8$，$x - 2$ となる。\n$\\boxed{8}$"
    assert out.fixed == ("sign_pileup",)


def test_unfixable_hit_fails_with_the_rule_named() -> None:
    with pytest.raises(LintFailure) as info:
        lint_item("問題。", "$\\int 1x^{2}\\,dx$", "1")
    assert info.value.hit.rule == "coef_one_zero"
    assert "coef_one_zero in solution" in str(info.value)


def test_a_hit_in_the_answer_is_never_fixed() -> None:
    with pytest.raises(LintFailure) as info:
        lint_item("問題。", "$\\boxed{x + -3}$", "x + -3")
    assert info.value.hit.field == "answer"


def test_tolerated_rule_is_counted_not_failed() -> None:
    out = lint_item("問題。", "$\\int 1x^{2}\\,dx$", "1", tolerate=frozenset({"coef_one_zero"}))
    assert out.hits == ("coef_one_zero",)


def test_split_math_reports_glued_runs_and_display_math() -> None:
    split = split_math("a $x$$y$ b\n$$z$$\n")
    assert [(s.kind, s.text) for s in split.math()] == [("inline", "x"), ("inline", "y"), ("display", "z")]
    assert len(split.glued_at) == 1 and not split.unclosed
    assert split_math("$x + 1").unclosed


prose_words = st.sampled_from(["よって，", "である。", "のとき ", "解は ", "、", "．", "となる。\n"])
math_bodies = st.sampled_from(["x + 1", "\\frac{1}{2}", "a_{1}", "x^{2} - 3", "(x + 1)^{10}", "10x"])


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(prose_words, math_bodies, st.booleans()), min_size=1, max_size=6))
def test_split_math_finds_exactly_the_math_runs(pieces: list[tuple[str, str, bool]]) -> None:
    text = "".join(f"{w}$${m}$$\n" if display else f"{w}${m}$" for w, m, display in pieces)
    split = split_math(text)
    assert [s.text for s in split.math()] == [m for _, m, _ in pieces]
    assert [s.kind for s in split.math()] == ["display" if d else "inline" for _, _, d in pieces]
    assert not split.glued_at and not split.unclosed


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from("+-"), st.sampled_from("+-"), st.integers(1, 99)), min_size=1, max_size=5))
def test_sign_pileup_fix_leaves_one_sign_with_the_right_meaning(terms: list[tuple[str, str, int]]) -> None:
    piled = "x" + "".join(f" {a} {b}{n}" for a, b, n in terms)
    out = lint_item("問題。", f"よって ${piled}$ である。", "1")
    fixed = out.solution.split("$")[1]
    assert "sign_pileup" in out.fixed and not SIGN_PILEUP.search(fixed)
    value = sum((1 if (a == "-") == (b == "-") else -1) * n for a, b, n in terms)
    assert sympy.sympify(fixed.replace("x", "0")) == value
