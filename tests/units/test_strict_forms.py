"""Strict means the textbook form (issue 12, item 3).

For every installed ``strict`` / ``complex-strict`` problem type: the canonical answers of
generated items self-match in the grader's strict mode (gold = the answer, prediction = the
whole solution, read through ``mathft_core.answers``), and they are simplified — no fraction
whose integer coefficients all share a factor with the denominator
(``\\frac{2\\sqrt{14} - 6}{2}`` must be ``\\sqrt{14} - 3``).
"""

from __future__ import annotations

import math
import re

import pytest

from mathft_core.answers import AnswerChecker
from mathft_core.answers.forms import gold_solution
from mathft_core.generate import make_item
from mathft_core.render import build_environment
from mathft_core.testing import installed_registry

STRICT_FORMS = ("strict", "complex-strict")
_FRAC = re.compile(r"\\frac\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}\{(\d+)\}")
_TERM_COEF = re.compile(r"(?:^|[+-])\s*(\d*)")


def reducible_fraction(latex: str) -> str | None:
    """The first ``\\frac{numerator}{n}`` whose numerator's integer coefficients all share a factor with n."""
    for match in _FRAC.finditer(latex):
        numerator, den = match.group(1), int(match.group(2))
        if den == 1:
            return match.group(0)
        if "(" in numerator:
            continue
        terms = [t for t in re.split(r"(?<=[^\s^_{])\s*(?=[+-])", numerator.strip()) if t.strip()]
        coefs = []
        for term in terms:
            digits = re.match(r"[+-]?\s*(\d*)", term.strip()).group(1)
            coefs.append(int(digits) if digits else 1)
        if math.gcd(den, *coefs) > 1:
            return match.group(0)
    return None


def test_reducible_fraction_examples() -> None:
    assert reducible_fraction("\\frac{2\\sqrt{14} - 6}{2}") == "\\frac{2\\sqrt{14} - 6}{2}"
    assert reducible_fraction("\\frac{4}{6}") == "\\frac{4}{6}"
    assert reducible_fraction("\\frac{3x}{1}") == "\\frac{3x}{1}"
    assert reducible_fraction("\\frac{3\\sqrt{6} + \\sqrt{38}}{2}") is None
    assert reducible_fraction("\\frac{2x + 3}{4}") is None
    assert reducible_fraction("\\sqrt{14} - 3") is None


def _strict_cases() -> list[tuple[str, str]]:
    registry = installed_registry()
    return [(u, t.id) for u in registry.ids() for t in registry[u].types if t.answer_form in STRICT_FORMS]


@pytest.fixture(scope="module")
def strict_checker():
    with AnswerChecker(workers=1, timeout=30.0) as checker:
        yield checker


def test_there_are_strict_types() -> None:
    assert len(_strict_cases()) >= 10


@pytest.mark.parametrize(("unit_id", "type_id"), _strict_cases(), ids=lambda v: v)
def test_strict_answers_are_simplified_and_self_match(strict_checker, unit_id: str, type_id: str) -> None:
    unit = installed_registry()[unit_id]
    ptype = unit.type(type_id)
    env = build_environment([unit])
    records = [make_item(unit, ptype, env, seed=seed, index=i, difficulty=1 + i % 5)
               for seed in (123, 7) for i in range(10)]
    for record in records:
        assert reducible_fraction(record.answer) is None, f"{record.id}: {record.answer} is not simplified"
    # gold as mathft writes it (inside $...$, REFERENCE.md §1), prediction the boxed solution
    verdicts = strict_checker.check_many([(gold_solution(r.answer), r.solution) for r in records], mode="strict")
    bad = [(r.id, r.answer, v.category) for r, v in zip(records, verdicts, strict=True) if not v.equal]
    assert not bad, bad
