"""How mathft writes an answer for the official grader: gold files and prediction outputs.

The official grader (llm-jp's ``math-eval``) reads a gold only as it is written: without
``$...$`` it falls back to math-verify's expression extraction, which reads ``108\\pi`` as
108, ``y = 9x`` as 9 and ``\\sqrt{3}`` as nothing. Every gold file mathft writes therefore
stores ``solution`` inside ``$...$`` (:func:`gold_solution`).

A prediction is tried as written and, when it has no delimiter, once more wrapped in
``$...$``; so a bare answer is accepted whenever ``$answer$`` is, and sometimes more.
``tests/answers/test_gold_forms.py`` measures the forms on the canonical answers of every
problem type against the competition's gold styles; :data:`PREDICTION_FORM` is the choice
(docs/answers.md, "Which form mathft predict writes").
"""

from __future__ import annotations

from mathft_core.answers.grader_text import has_delimiters

#: The forms a prediction could take, by name.
PREDICTION_FORMS = {
    "bare": lambda answer: answer,
    "dollar": lambda answer: f"${answer}$",
    "boxed": lambda answer: f"\\boxed{{{answer}}}",
}
#: The form ``mathft predict`` writes (the test of the module docstring decides it).
PREDICTION_FORM = "bare"


def gold_solution(answer: str) -> str:
    """A gold ``solution`` the official grader reads as LaTeX: ``$answer$`` unless delimited."""
    answer = answer.strip()
    return answer if has_delimiters(answer) else f"${answer}$"


def prediction_output(answer: str) -> str:
    """The ``output`` text of a prediction row for a voted answer, in :data:`PREDICTION_FORM`."""
    return PREDICTION_FORMS[PREDICTION_FORM](answer)
