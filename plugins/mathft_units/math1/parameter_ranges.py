"""文字定数を含む2次方程式・2次不等式 (数学I): 解の配置 and inequalities with a parameter.

The types live in :mod:`._root_location` (where the roots lie) and
:mod:`._inequality_parameters` (inequalities for every x, coefficients found from a solution set).
"""

from __future__ import annotations

from mathft_core.units import Unit
from mathft_units.math1 import _inequality_parameters, _root_location

UNIT = Unit(
    id="math1.parameter_ranges",
    name="文字定数を含む2次方程式・2次不等式",
    course="数学I",
    description="解の配置 and quadratic inequalities with a parameter: ranges of the parameter, "
                "and an inequality solved after its coefficients are found.",
    types=_root_location.TYPES + _inequality_parameters.TYPES,
)
