"""Shapes, sentence frames and masked-distinct figures in the build report and manifest."""

from __future__ import annotations

import json
from pathlib import Path

from buildhelpers import example_pm, small_config

from mathft_core.build.pipeline import run_build
from mathft_core.build.variety import number_masked, sentence_frame, variety_stats
from mathft_core.plugins import collect_units


def _row(unit: str, type_: str, course: str, shape: str, problem: str) -> dict:
    return {"unit": unit, "type": type_, "course": course, "shape": shape, "problem": problem}


def test_masks_and_frames() -> None:
    text = "1個 $50$ 円のみかんと $x^{2} - 3x = 0$ を解け。12.5"
    assert number_masked(text) == "0個 $0$ 円のみかんと $x^{0} - 0x = 0$ を解け。0"
    assert sentence_frame(text) == "0個 $M$ 円のみかんと $M$ を解け。0"
    assert sentence_frame("式 $$a$$ と $b$") == "式 $M$ と $M$"


def test_variety_stats_counts_per_type_shape_and_course() -> None:
    rows = [
        _row("u.a", "t", "中1", "word", "りんご $3$ 個を買う。求めよ。"),
        _row("u.a", "t", "中1", "word", "りんご $5$ 個を買う。求めよ。"),  # same masked text and frame
        _row("u.a", "t", "中1", "word", "りんご $5$ 個を買った。求めなさい。"),
        _row("u.b", "s", "数学I", "drill", "$x^2 = 4$ を解け。"),
    ]
    stats = variety_stats(rows)
    assert stats["per_type"]["u.a.t"] == {"items": 3, "frames": 2, "distinct_masked": 2}
    assert stats["distinct_masked"] == 3 and stats["distinct_masked_share"] == 0.75
    assert stats["shapes_by_course"] == {"中1": {"drill": 0, "word": 3, "multi-step": 0},
                                         "数学I": {"drill": 1, "word": 0, "multi-step": 0}}
    assert stats["shape_share"] == {"drill": 0.25, "word": 0.75, "multi-step": 0.0}
    assert stats["min_frames"] == 1 and stats["types_under_10_frames"] == ["u.a.t", "u.b.s"]


def test_build_reports_shapes_frames_and_duplicates(tmp_path: Path) -> None:
    pm = example_pm()
    result = run_build(small_config(tmp_path / "b"), registry=collect_units(pm), pm=pm)
    variety = result.manifest["counts"]["variety"]
    items = [json.loads(line) for line in (result.out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert variety["items"] == len(items) and all("shape" in r and r["surface"] for r in items)
    assert variety["shapes_by_course"] == {"数学A": {"drill": len(items), "word": 0, "multi-step": 0}}
    counts = result.manifest["counts"]
    dropped = counts["dedup_exact_dropped"] + counts["dedup_near_dropped"]
    assert variety["duplicates_dropped_share"] == round(dropped / counts["cleaned"], 4)
    detail = json.loads((result.out / "variety.json").read_text(encoding="utf-8"))
    assert "variety.json" in result.manifest["files"]
    assert sum(v["items"] for v in detail["per_type"].values()) == len(items)
    report = (result.out / "report.md").read_text(encoding="utf-8")
    assert "## Problem shapes and variety" in report and "| 数学A | " + str(len(items)) + " | 0 | 0 |" in report
    for key, v in detail["per_type"].items():
        assert f"| {key} | {v['items']} | {v['frames']} | {v['distinct_masked']} |" in report


def test_shard_commands_reproduce_the_surface_mix(tmp_path: Path) -> None:
    from mathft_core.build.cli import _surface_option
    from mathft_core.build.config import load_config

    assert _surface_option(load_config()) == ""
    off = tmp_path / "off.toml"
    off.write_text("[surface]\nenabled = false\n", encoding="utf-8")
    assert _surface_option(load_config(off)) == " --surface off"
    custom = tmp_path / "custom.toml"
    custom.write_text('[surface]\nending = { kudasai = 1 }\n', encoding="utf-8")
    assert _surface_option(load_config(custom)) == f" --surface {custom}"
