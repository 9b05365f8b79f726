"""Answer engine: extract, repair, normalise, parse, compare and canonicalise LaTeX answers.

Public API:

- ``extract_answer(text) -> str | None``: the final answer of a model output (last
  ``\\boxed{}``, an answer line, the last math block); pure string work, safe in-process.
- ``canonicalize(text) -> str | None``: answer-key LaTeX (CURRICULUM.md §2), None if
  unparseable. Runs in the shared default worker.
- ``verify_steps(cot_text) -> list[StepError]``: false variable-free ``A = B`` steps inside
  the math of a reasoning text (voting drops such candidates). Shared default worker.
- ``AnswerChecker(timeout=2.0, memory_mb=1024, workers=1)``: a context manager owning the
  worker process(es), with ``check(gold, pred, mode="soft") -> Verdict`` (modes ``soft``,
  ``strict``: the competition grader; ``symmetric``: for grouping votes),
  ``check_many(pairs, mode="soft")``, ``parse(text) -> ParsedAnswer | None`` (cached),
  ``canonicalize(text)``, ``verify_steps(cot_text)`` and
  ``group(answers) -> list[list[int]]`` (symmetric-equivalent indices, largest group
  first, unparseable answers alone).
- ``Verdict(equal, category, detail, mode)`` with ``category`` one of ``CATEGORIES``:
  correct, escape, form_mismatch, boundary, missing_or_extra, wrong_value, unparseable.
"""

from __future__ import annotations

import atexit
import threading

from mathft_core.answers.checker import AnswerChecker
from mathft_core.answers.extract import extract_answer
from mathft_core.answers.model import CATEGORIES, KINDS, ParsedAnswer, StepError, Verdict

__all__ = [
    "CATEGORIES", "KINDS", "AnswerChecker", "ParsedAnswer", "StepError", "Verdict", "canonicalize",
    "default_checker", "extract_answer", "verify_steps",
]

_DEFAULT: AnswerChecker | None = None
_LOCK = threading.Lock()


def default_checker() -> AnswerChecker:
    """The process-wide checker behind :func:`canonicalize` and :func:`verify_steps`."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = AnswerChecker()
            atexit.register(_DEFAULT.close)
        return _DEFAULT


def canonicalize(text: str) -> str | None:
    """Answer-key LaTeX of an answer (CURRICULUM.md §2), or None when it cannot be parsed."""
    return default_checker().canonicalize(text)


def verify_steps(cot_text: str) -> list[StepError]:
    """False variable-free ``A = B`` steps inside ``$...$`` of a reasoning text."""
    return default_checker().verify_steps(cot_text)
