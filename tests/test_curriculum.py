"""The built-in curriculum covers CURRICULUM.md §3 and the exam-realistic families: at least 208
problem types, 中1 to 数学III/C, every course with two word types."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.units import COURSES

#: The six weak units (★) need at least 6 problem types each.
STAR_UNITS = (
    "math1.numbers_expressions", "math1.quadratic_functions", "matha.integer_properties",
    "math2.exp_log", "math2.trig_functions", "mathb.sequences",
)


def _units() -> dict[str, dict]:
    result = CliRunner().invoke(app, ["units", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["problems"] == []
    return {u["id"]: u for u in payload["units"] if u["distribution"] == "mathft"}


def test_every_unit_and_course_is_covered() -> None:
    units = _units()
    assert len(units) >= 37
    assert sum(len(u["types"]) for u in units.values()) >= 208
    assert {u["course"] for u in units.values()} == set(COURSES)


def test_star_units_have_six_types_and_others_three() -> None:
    units = _units()
    for unit_id in STAR_UNITS:
        assert len(units[unit_id]["types"]) >= 6, unit_id
    for unit in units.values():
        assert len(unit["types"]) >= 3, unit["id"]
        assert all(t["phrasings"] >= 3 for t in unit["types"]), unit["id"]


def test_every_builtin_unit_runs_the_standard_property_tests() -> None:
    """Each built-in unit id is listed by a UnitContract subclass under tests/units."""
    import importlib.util
    from pathlib import Path

    from mathft_core.testing import UnitContract

    listed: set[str] = set()
    for path in sorted((Path(__file__).parent / "units").glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(f"_contract_scan_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, UnitContract):
                listed |= set(value.unit_ids)
    missing = sorted(set(_units()) - listed)
    assert not missing, f"units without property tests: {missing}"


def test_every_type_declares_a_shape_and_every_course_has_two_word_types() -> None:
    units = _units()
    word: dict[str, int] = {}
    for unit in units.values():
        for ptype in unit["types"]:
            assert ptype["shape"] in ("drill", "word", "multi-step"), (unit["id"], ptype["id"])
            word[unit["course"]] = word.get(unit["course"], 0) + (ptype["shape"] == "word")
    short = {course: word.get(course, 0) for course in COURSES if word.get(course, 0) < 2}
    assert not short, f"courses with fewer than two word types: {short}"
