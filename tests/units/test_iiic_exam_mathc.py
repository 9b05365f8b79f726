"""Property tests (the standard unit contract) and hand-checked items for the exam-style 数学C types."""

from __future__ import annotations

from mathft_core.testing import UnitContract

MATHC_EXAM_UNITS = ("mathc.vector_conditions", "mathc.parametric_curves", "mathc.complex_geometry")


class TestMathcExamUnits(UnitContract):
    unit_ids = MATHC_EXAM_UNITS
