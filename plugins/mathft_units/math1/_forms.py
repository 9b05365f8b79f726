"""The 数学I modules' name for :mod:`mathft_units._rational` (shared by 数学I, 数学A, 数学B and more)."""

from __future__ import annotations

from mathft_units._rational import (  # noqa: F401
    Surd,
    coef_prefix,
    decimal_text,
    factored_text,
    flip,
    frac,
    ftext,
    holds,
    linear_factor,
    num,
    number_text,
    poly_value,
    quadratic_roots,
    rational_factors,
    rel_tex,
    shift,
    squarefree_split,
    surd_pm,
    to_sympy,
)
