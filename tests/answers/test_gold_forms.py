"""Gold files and prediction outputs in the forms the official grader reads right.

One item per problem type of every installed unit (seed 42); verdicts from mathft's
reimplementation of the official grader (parity: test_official_parity.py).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathft_core.answers.forms import (
    PREDICTION_FORM,
    PREDICTION_FORMS,
    gold_solution,
    prediction_output,
)
from mathft_core.answers.grader import grader_verdict
from mathft_core.answers.grader_text import has_delimiters
from mathft_core.build.export import heldout_row
from mathft_core.generate import generate_records
from mathft_core.plugins import collect_units, get_plugin_manager

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_ASSIGNMENT = re.compile(r"([a-zA-Z])\s*=\s*([^=]+)")


@pytest.fixture(scope="module")
def records():
    registry = collect_units(get_plugin_manager())
    records, _ = generate_records(registry, per_type=1, seed=42)
    types = {(r.unit, r.type) for r in records}
    assert len(types) == sum(len(registry[u].types) for u in registry.ids())  # every type of every unit
    return records


def competition_gold_styles(answer: str) -> dict[str, str | list[str]]:
    """The ways the competition's gold files write an answer (REFERENCE.md §1 samples)."""
    styles: dict[str, str | list[str]] = {"$...$": f"${answer}$", "$$...$$": f"$${answer}$$",
                                          r"\[...\]": f"\\[{answer}\\]", "list": [f"${answer}$", "$0$"]}
    if _NUMBER.fullmatch(answer):
        styles["bare number"] = answer
    m = _ASSIGNMENT.fullmatch(answer)
    if m:
        styles["right-hand side"] = f"${m.group(2)}$"
    elif "," in answer or r"\pm" in answer:
        styles["x = list"] = f"$x = {answer}$"
    return styles


def test_heldout_gold_self_matches_every_type(records) -> None:
    misses = []
    for record in records:
        row = heldout_row(record)
        assert has_delimiters(row["solution"]) and row["solution"] == f"${record.answer}$"
        if not grader_verdict(row["solution"], prediction_output(record.answer), row["evaluation_method"]):
            misses.append((record.type, record.answer_form, record.answer))
    assert not misses, f"canonical answers the official grader rejects against their own gold: {misses}"


def test_bare_gold_is_what_the_official_grader_misreads(records) -> None:
    """Why gold_solution wraps: against a bare gold, over 30% of the canonical answers fail."""
    misses = sum(not grader_verdict(r.answer, f"${r.answer}$", r.answer_form) for r in records)
    assert misses > 0.3 * len(records)


def test_prediction_form_is_the_best_read(records) -> None:
    """The chosen output form is accepted wherever any form is, on every gold style."""
    accepted: Counter[str] = Counter()
    lost = []
    seen_styles: set[str] = set()
    for record in records:
        for style, gold in competition_gold_styles(record.answer).items():
            seen_styles.add(style)
            verdicts = {name: grader_verdict(gold, form(record.answer), record.answer_form)
                        for name, form in PREDICTION_FORMS.items()}
            accepted.update(name for name, ok in verdicts.items() if ok)
            if any(verdicts.values()) and not verdicts[PREDICTION_FORM]:
                lost.append((style, record.type, record.answer, verdicts))
            if style in ("$...$", "$$...$$", r"\[...\]", "list", "bare number"):
                assert verdicts[PREDICTION_FORM], (style, record.type, record.answer)
    assert not lost, lost
    assert accepted[PREDICTION_FORM] == max(accepted.values()), accepted
    assert {"bare number", "right-hand side", "x = list"} <= seen_styles


@given(st.text(alphabet="x=1234567890+-\\{}^_,. ()<>abc", min_size=1, max_size=30).filter(lambda t: t.strip()))
def test_gold_solution_is_always_delimited(answer: str) -> None:
    gold = gold_solution(answer)
    assert has_delimiters(gold)
    if not has_delimiters(answer.strip()):
        assert gold == f"${answer.strip()}$"
