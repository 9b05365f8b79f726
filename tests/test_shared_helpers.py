"""Helpers used by more than one course live in one shared place, not in a course's private module."""

from __future__ import annotations

import re
from pathlib import Path

UNITS_ROOT = Path(__file__).resolve().parents[1] / "plugins" / "mathft_units"
PRIVATE_IMPORT = re.compile(r"^\s*(?:from|import)\s+mathft_units\.([a-z0-9]+)\._", re.M)


def test_no_course_imports_another_courses_private_module() -> None:
    crossings = []
    for path in sorted(UNITS_ROOT.glob("*/*.py")):
        course = path.parent.name
        for other in PRIVATE_IMPORT.findall(path.read_text(encoding="utf-8")):
            if other != course:
                crossings.append(f"{path.relative_to(UNITS_ROOT)} imports mathft_units.{other}._*")
    assert crossings == []


def test_course_names_of_shared_helpers_are_the_shared_objects() -> None:
    from mathft_units import _jhs_fmt, _rational
    from mathft_units.jhs1 import _fmt
    from mathft_units.math1 import _forms

    assert _forms.num is _rational.num and _forms.Surd is _rational.Surd
    assert _fmt.rat is _jhs_fmt.rat and _fmt.lin is _jhs_fmt.lin
