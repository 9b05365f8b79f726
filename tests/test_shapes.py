"""Problem shapes: declared per type, listed by `mathft units`, carried by every item."""

from __future__ import annotations

import json
from random import Random

from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.generate import make_item
from mathft_core.plugins import load_units
from mathft_core.records import ProblemRecord
from mathft_core.render import build_environment
from mathft_core.units import SHAPES


def test_units_json_lists_every_types_shape() -> None:
    result = CliRunner().invoke(app, ["units", "--json"])
    assert result.exit_code == 0, result.output
    types = {f"{u['id']}.{t['id']}": t for u in json.loads(result.stdout)["units"] for t in u["types"]}
    assert all(t["shape"] in SHAPES for t in types.values())
    assert types["jhs1.linear_equations.word_problem"]["shape"] == "word"
    assert types["jhs3.quadratic_equations.other_root"]["shape"] == "multi-step"
    assert types["math1.quadratic_functions.vertex"]["shape"] == "drill"
    assert {t["shape"] for k, t in types.items() if k.startswith("math1.multi_step.")} == {"multi-step"}


def test_units_table_counts_shapes() -> None:
    result = CliRunner().invoke(app, ["units"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    registry = load_units()
    counts = {s: sum(t.shape == s for u in registry.all() for t in u.types) for s in SHAPES}
    assert f"({counts['drill']} drill, {counts['word']} word, {counts['multi-step']} multi-step)" in result.stdout
    assert "(word)" in result.stdout  # each non-drill type is marked (cells wrap at the console width)


def test_every_item_carries_its_types_shape() -> None:
    registry = load_units()
    for unit_id, type_id in (("jhs2.simultaneous_equations", "word_problem"), ("math1.multi_step", "relation_area"),
                             ("math2.exp_log", "digits")):
        unit = registry[unit_id]
        ptype = unit.type(type_id)
        record = make_item(unit, ptype, build_environment([unit]), seed=Random(unit_id).randrange(99), index=3,
                           difficulty=2)
        assert record.shape == ptype.shape == record.to_json()["shape"]
        assert ProblemRecord.from_json(record.to_json()) == record


def test_rows_written_before_shapes_still_load() -> None:
    registry = load_units()
    unit = registry["math2.exp_log"]
    row = make_item(unit, unit.types[0], build_environment([unit]), seed=1, index=0, difficulty=1).to_json()
    old = {k: v for k, v in row.items() if k not in ("shape", "surface")}
    record = ProblemRecord.from_json(old)
    assert record.shape == "drill" and record.surface == {} and record.problem == row["problem"]
