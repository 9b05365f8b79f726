"""Property tests (the standard unit contract) and hand-checked items for the exam-style 数学III types."""

from __future__ import annotations

from mathft_core.testing import UnitContract

MATH3_EXAM_UNITS = ("math3.derivative_compositions", "math3.limit_techniques", "math3.integral_applications")


class TestMath3ExamUnits(UnitContract):
    unit_ids = MATH3_EXAM_UNITS
