"""三角比の方程式・不等式と図形の計量の文章題 (数学I, 0° ≦ θ ≦ 180°).

The types live in :mod:`._trig_ratio_equations` (equations and inequalities in degrees) and
:mod:`._measurement_word` (測量 and plot areas, the angle found first).
"""

from __future__ import annotations

from mathft_core.units import Unit
from mathft_units.math1 import _measurement_word, _trig_ratio_equations

UNIT = Unit(
    id="math1.trig_applications",
    name="三角比の方程式・不等式と測量",
    course="数学I",
    description="Trig equations and inequalities for 0° ≦ θ ≦ 180°, the height of a tower, plot areas.",
    types=_trig_ratio_equations.TYPES + _measurement_word.TYPES,
)
