"""Training and evaluation rows built from problem records (the trainer reads these shapes)."""

from __future__ import annotations

from typing import Any

from mathft_core.answers.forms import gold_solution
from mathft_core.prompts import phase_a_messages, phase_b_messages
from mathft_core.records import ProblemRecord


def phase_a_row(record: ProblemRecord) -> dict[str, Any]:
    """Chat row: system, user = problem, assistant = CoT ending in the boxed answer."""
    return {"id": record.id, "unit": record.unit, "category": record.category,
            "messages": phase_a_messages(record.problem, record.solution)}


def phase_b_row(record: ProblemRecord) -> dict[str, Any]:
    """Chat row: system, user = answer-only prompt with the problem, assistant = the answer."""
    return {"id": record.id, "unit": record.unit, "category": record.category,
            "messages": phase_b_messages(record.problem, record.answer)}


def prompt_completion(row: dict[str, Any]) -> dict[str, Any]:
    """trl's conversational prompt/completion form of a chat row."""
    messages = row["messages"]
    return {"id": row["id"], "prompt": messages[:-1], "completion": messages[-1:]}


def heldout_row(record: ProblemRecord) -> dict[str, Any]:
    """A dev-set row in the competition format (REFERENCE.md §1) plus difficulty and shape,
    ``solution`` inside ``$...$``.

    The official grader never wraps a gold, and reads a bare LaTeX gold wrongly.
    """
    return {"id": record.id, "category": record.category, "unit": record.unit, "problem": record.problem,
            "solution": gold_solution(record.answer), "evaluation_method": record.answer_form,
            "difficulty": record.difficulty, "shape": record.shape}
