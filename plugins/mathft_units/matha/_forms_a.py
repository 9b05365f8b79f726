"""Helpers shared by the new 数学A word-problem units: exact fraction answers."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import Solution


def frac_text(value: Fraction | int) -> str:
    """A reduced fraction in answer-key LaTeX (``\\frac{7}{36}``)."""
    return latex.num(Fraction(value))


def answer_fraction(value: Fraction, steps: Mapping[str, Any]) -> Solution:
    """A probability or count as an exact SymPy rational with its canonical LaTeX."""
    value = Fraction(value)
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=frac_text(value),
                    steps=dict(steps))
