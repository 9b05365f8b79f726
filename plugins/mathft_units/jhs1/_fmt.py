"""The 中1 modules' name for :mod:`mathft_units._jhs_fmt` (shared by the 中学 courses)."""

from __future__ import annotations

from mathft_units._jhs_fmt import (  # noqa: F401
    fr,
    lin,
    pq,
    ptex,
    rat,
    times,
)
