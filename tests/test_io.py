"""Atomic writes and strict JSONL reading."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathft_core.errors import InputFormatError
from mathft_core.io import atomic_write_text, read_jsonl, sha256_file, write_jsonl


def test_atomic_write_leaves_no_temp_file_and_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    digest = atomic_write_text(target, "あいう\n")
    assert target.read_text(encoding="utf-8") == "あいう\n"
    assert digest == sha256_file(target)
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep.txt"
    atomic_write_text(target, "old")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=20))), max_size=10))
def test_jsonl_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list[dict]) -> None:
    path = tmp_path_factory.mktemp("rt") / "rows.jsonl"
    _digest, count = write_jsonl(path, rows)
    assert count == len(rows)
    assert [row for _n, row in read_jsonl(path)] == rows


def test_read_jsonl_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "problem": "x"}\n\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad\.jsonl:3: field 'problem': missing required field"):
        list(read_jsonl(path, required=("id", "problem")))
    path.write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad\.jsonl:2: invalid JSON"):
        list(read_jsonl(path))
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="must be a JSON object"):
        list(read_jsonl(path))
