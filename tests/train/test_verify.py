"""`mathft verify-model` names every damaged file of a saved model folder."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.train.verify import (
    MANIFEST,
    SafetensorsError,
    build_manifest,
    read_safetensors_header,
    verify_dir,
    write_manifest,
)

runner = CliRunner()


def _safetensors(path: Path, tensors: dict[str, tuple[str, list[int]]]) -> None:
    """A valid safetensors file with zero-filled tensors (written by hand: no torch needed)."""
    widths = {"F32": 4, "BF16": 2}
    header, offset = {}, 0
    for name, (dtype, shape) in tensors.items():
        size = widths[dtype]
        for dim in shape:
            size *= dim
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + bytes(offset))


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A small model folder with two weight shards and a manifest."""
    directory = tmp_path / "model"
    directory.mkdir()
    (directory / "config.json").write_text('{"model_type": "llama"}', encoding="utf-8")
    (directory / "tokenizer_config.json").write_text('{"chat_template": "{{ messages[0].content }}"}',
                                                     encoding="utf-8")
    _safetensors(directory / "model-00001-of-00002.safetensors", {"a.weight": ("F32", [4, 8]), "b": ("BF16", [3])})
    _safetensors(directory / "model-00002-of-00002.safetensors", {"c.weight": ("F32", [16])})
    write_manifest(directory, build_manifest(directory))
    return directory


def _verify(directory: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["verify-model", str(directory)])
    return result.exit_code, result.output


def test_intact_folder_passes(model_dir: Path) -> None:
    assert verify_dir(model_dir) == []
    code, output = _verify(model_dir)
    assert code == 0
    assert "ok:" in output and "4 files" in output


def test_manifest_lists_files_and_tensors(model_dir: Path) -> None:
    manifest = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    # every file but the manifest itself, and no temporary file left by the atomic write
    assert set(manifest["files"]) == {
        "config.json", "tokenizer_config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
    }
    assert sorted(p.name for p in model_dir.iterdir()) == sorted([*manifest["files"], MANIFEST])
    assert manifest["tensors"]["b"] == {"file": "model-00001-of-00002.safetensors", "dtype": "BF16", "shape": [3]}


def test_zero_byte_file_is_named(model_dir: Path) -> None:
    (model_dir / "model-00002-of-00002.safetensors").write_bytes(b"")
    code, output = _verify(model_dir)
    assert code == 1
    assert "empty" in output and "model-00002-of-00002.safetensors" in output


def test_truncated_file_is_named(model_dir: Path) -> None:
    path = model_dir / "model-00001-of-00002.safetensors"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 10])
    code, output = _verify(model_dir)
    assert code == 1
    assert "truncated" in output and "model-00001-of-00002.safetensors" in output
    assert f"{len(data) - 10} of {len(data)} bytes" in output


def test_altered_file_is_named(model_dir: Path) -> None:
    path = model_dir / "model-00001-of-00002.safetensors"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same size, one weight byte flipped
    path.write_bytes(bytes(data))
    code, output = _verify(model_dir)
    assert code == 1
    assert "altered" in output and "model-00001-of-00002.safetensors" in output and "sha256" in output


def test_missing_file_is_named(model_dir: Path) -> None:
    (model_dir / "model-00002-of-00002.safetensors").unlink()
    code, output = _verify(model_dir)
    assert code == 1
    assert "missing" in output and "model-00002-of-00002.safetensors" in output


def test_every_problem_is_reported_not_only_the_first(model_dir: Path) -> None:
    (model_dir / "model-00002-of-00002.safetensors").unlink()
    (model_dir / "config.json").write_text('{"model_type": "mistral"}', encoding="utf-8")
    _safetensors(model_dir / "extra.safetensors", {"x": ("F32", [1])})
    kinds = {(p.file, p.kind) for p in verify_dir(model_dir)}
    assert kinds == {
        ("model-00002-of-00002.safetensors", "missing"),
        ("config.json", "altered"),
        ("extra.safetensors", "unexpected"),
    }


def test_missing_manifest_and_missing_folder(model_dir: Path, tmp_path: Path) -> None:
    (model_dir / MANIFEST).unlink()
    code, output = _verify(model_dir)
    assert code == 1 and MANIFEST in output and "missing" in output
    code, output = _verify(tmp_path / "nowhere")
    assert code == 1 and "no such model directory" in output


def test_json_output(model_dir: Path) -> None:
    (model_dir / "model-00002-of-00002.safetensors").write_bytes(b"")
    result = runner.invoke(app, ["verify-model", str(model_dir), "--json"])
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert payload["ok"] is False
    size = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))["files"]["model-00002-of-00002.safetensors"]["size"]
    assert payload["problems"] == [
        {"file": "model-00002-of-00002.safetensors", "kind": "empty", "detail": f"0 bytes, expected {size}"}
    ]


def test_header_parser_tells_truncation_from_corruption(tmp_path: Path) -> None:
    path = tmp_path / "w.safetensors"
    _safetensors(path, {"w": ("F32", [10])})
    assert read_safetensors_header(path)["w"]["shape"] == [10]
    whole = path.read_bytes()
    path.write_bytes(whole[:-4])
    with pytest.raises(SafetensorsError, match="truncated"):
        read_safetensors_header(path)
    path.write_bytes(whole[:5])
    with pytest.raises(SafetensorsError, match="shorter than the 8-byte header length"):
        read_safetensors_header(path)
    path.write_bytes(struct.pack("<Q", 4) + b"{no}")
    with pytest.raises(SafetensorsError, match="not valid JSON"):
        read_safetensors_header(path)


def test_header_change_with_same_size_is_caught_by_tensor_check(model_dir: Path, tmp_path: Path) -> None:
    """A file rewritten with another layout but the manifest's size and hash is still altered."""
    copy = tmp_path / "copy"
    shutil.copytree(model_dir, copy)
    manifest = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
    manifest["tensors"]["c.weight"]["shape"] = [4, 4]
    (copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    problems = verify_dir(copy)
    assert [(p.file, p.kind) for p in problems] == [("model-00002-of-00002.safetensors", "altered")]
    assert "c.weight" in problems[0].detail
