"""Reading a solver's answer back as an exact number inside a verifier.

Verifiers get whatever ``Solution.answer`` holds, including a mutated or foreign value; they
must reject (not crash on, not truncate) anything that is not the exact rational they test.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy as sp


def rational_answer(answer: Any) -> Fraction | None:
    """The answer as a ``Fraction`` if it is an exact rational number, else ``None``."""
    try:
        value = sp.sympify(answer)
    except (sp.SympifyError, TypeError):
        return None
    if not getattr(value, "is_Rational", False):
        return None
    return Fraction(int(value.p), int(value.q))


def integer_answer(answer: Any) -> int | None:
    """The answer as an ``int`` if it is an exact integer, else ``None`` (3.5 is not 3)."""
    value = rational_answer(answer)
    return int(value) if value is not None and value.denominator == 1 else None
