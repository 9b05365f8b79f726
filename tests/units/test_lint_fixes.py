"""Regression tests for the audit's defect classes (issue 12), one per class fixed so far.

Each test generates many items of the type across seeds and difficulties and checks the
exact defect is gone, with every lint rule enforced (the type is no longer tolerated).
"""

from __future__ import annotations

import re

import pytest

from mathft_core.generate import make_item
from mathft_core.lint import LintItem, find_hits
from mathft_core.lint_baseline import tolerated_rules
from mathft_core.render import build_environment
from mathft_core.testing import installed_registry


def _items(unit_id: str, type_id: str, n: int = 60) -> list:
    unit = installed_registry()[unit_id]
    ptype = unit.type(type_id)
    env = build_environment([unit])
    return [make_item(unit, ptype, env, seed=seed, index=i, difficulty=1 + i % 5, lint_rules=())
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


def test_remainder_shows_the_solved_unknowns() -> None:
    for record in _items("math2.complex_equations", "remainder", 10):
        assert "連立して解くと $a = " in record.solution, record.solution
