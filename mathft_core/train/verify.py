"""Model directory manifests and their checks (``mathft verify-model``).

A saved model folder holds ``mathft-manifest.json``: every file with its size and sha256,
and every tensor with its file, dtype and shape. :func:`verify_dir` re-reads the folder and
names each defect: a missing, empty, truncated or altered file, a safetensors header that
does not parse or disagrees with the manifest, an unlisted weight file.

The safetensors header is parsed here in plain Python (8-byte length + JSON) rather than
with the ``safetensors`` package so this check runs without the train extra and can tell a
truncated file from a corrupt one.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from typing import Any

import attrs

from mathft_core.io import atomic_write_text, sha256_file

MANIFEST = "mathft-manifest.json"
MANIFEST_FORMAT = 1
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".gguf")
_MAX_HEADER = 100 * 1024 * 1024
_DTYPE_BYTES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
    "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
}


class SafetensorsError(ValueError):
    """A safetensors file whose header or layout is broken."""


@attrs.frozen
class Problem:
    """One defect in a model folder: the file, what is wrong, and detail."""

    file: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.file}: {self.kind} ({self.detail})"


def read_safetensors_header(path: str | Path) -> dict[str, dict[str, Any]]:
    """Tensor name -> ``{"dtype", "shape", "data_offsets"}``; raise if the file is inconsistent."""
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(8)
        if len(head) < 8:
            raise SafetensorsError(f"{size} bytes, shorter than the 8-byte header length")
        (length,) = struct.unpack("<Q", head)
        if length > _MAX_HEADER:
            raise SafetensorsError(f"header length {length} is not plausible")
        if 8 + length > size:
            raise SafetensorsError(f"header needs {8 + length} bytes, file has {size}")
        raw = handle.read(length)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SafetensorsError(f"header is not valid JSON ({exc})") from None
    if not isinstance(header, dict):
        raise SafetensorsError("header is not a JSON object")
    header.pop("__metadata__", None)
    data_size = size - 8 - length
    end = 0
    for name, info in header.items():
        try:
            begin, stop = info["data_offsets"]
            count = 1
            for dim in info["shape"]:
                count *= int(dim)
            width = _DTYPE_BYTES[info["dtype"]]
        except (KeyError, TypeError, ValueError):
            raise SafetensorsError(f"tensor {name!r} has a malformed entry") from None
        if stop - begin != count * width:
            raise SafetensorsError(f"tensor {name!r} spans {stop - begin} bytes, its shape needs {count * width}")
        end = max(end, stop)
    if end > data_size:
        raise SafetensorsError(f"tensors need {end} data bytes, file holds {data_size} (truncated)")
    if end < data_size:
        raise SafetensorsError(f"{data_size - end} bytes after the last tensor")
    return header


def _model_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.name != MANIFEST)


def build_manifest(directory: str | Path, *, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Describe every file (size, sha256) and every safetensors tensor (file, dtype, shape)."""
    directory = Path(directory)
    files: dict[str, dict[str, Any]] = {}
    tensors: dict[str, dict[str, Any]] = {}
    for path in _model_files(directory):
        rel = path.relative_to(directory).as_posix()
        files[rel] = {"size": path.stat().st_size, "sha256": sha256_file(path)}
        if path.suffix == ".safetensors":
            for name, info in read_safetensors_header(path).items():
                tensors[name] = {"file": rel, "dtype": info["dtype"], "shape": list(info["shape"])}
    return {"format": MANIFEST_FORMAT, "files": files, "tensors": tensors, **(extra or {})}


def write_manifest(directory: str | Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically into the folder (last, after every other file)."""
    atomic_write_text(Path(directory) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def load_manifest(directory: str | Path) -> dict[str, Any]:
    """Read a folder's manifest; raise ``ValueError`` naming the problem."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{MANIFEST}: missing (not saved by mathft, or the save did not finish)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{MANIFEST}: unreadable ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT or not isinstance(
        manifest.get("files"), dict
    ):
        raise ValueError(f"{MANIFEST}: not a mathft manifest of format {MANIFEST_FORMAT}")
    return manifest


def _check_file(directory: Path, rel: str, entry: dict[str, Any]) -> Problem | None:
    path = directory / rel
    expected = int(entry["size"])
    if not path.is_file():
        return Problem(rel, "missing", "listed in the manifest, not on disk")
    size = path.stat().st_size
    if size == 0 and expected:
        return Problem(rel, "empty", f"0 bytes, expected {expected}")
    if size < expected:
        return Problem(rel, "truncated", f"{size} of {expected} bytes")
    if size > expected:
        return Problem(rel, "altered", f"{size} bytes, expected {expected}")
    if sha256_file(path) != entry["sha256"]:
        return Problem(rel, "altered", "sha256 differs from the manifest")
    return None


def _check_tensors(directory: Path, rel: str, manifest: dict[str, Any]) -> Problem | None:
    try:
        header = read_safetensors_header(directory / rel)
    except SafetensorsError as exc:
        return Problem(rel, "corrupt", str(exc))
    listed = {n: t for n, t in manifest.get("tensors", {}).items() if t.get("file") == rel}
    if set(header) != set(listed):
        missing = sorted(set(listed) - set(header))
        extra = sorted(set(header) - set(listed))
        return Problem(rel, "altered", f"tensor names differ (missing {missing[:3]}, unexpected {extra[:3]})")
    for name, info in header.items():
        if info["dtype"] != listed[name]["dtype"] or list(info["shape"]) != listed[name]["shape"]:
            return Problem(rel, "altered", f"tensor {name!r} is {info['dtype']}{info['shape']}, manifest says "
                                           f"{listed[name]['dtype']}{listed[name]['shape']}")
    return None


def verify_dir(directory: str | Path) -> list[Problem]:
    """Every defect of a model folder against its manifest (empty list: the folder is intact)."""
    directory = Path(directory)
    if not directory.is_dir():
        return [Problem(str(directory), "missing", "no such model directory")]
    try:
        manifest = load_manifest(directory)
    except ValueError as exc:
        return [Problem(MANIFEST, "invalid", str(exc).split(": ", 1)[1])]
    problems: list[Problem] = []
    for rel, entry in sorted(manifest["files"].items()):
        problem = _check_file(directory, rel, entry)
        if problem is None and rel.endswith(".safetensors"):
            problem = _check_tensors(directory, rel, manifest)
        if problem is not None:
            problems.append(problem)
    for path in _model_files(directory):
        rel = path.relative_to(directory).as_posix()
        if rel not in manifest["files"] and path.suffix in WEIGHT_SUFFIXES:
            problems.append(Problem(rel, "unexpected", "weight file not listed in the manifest"))
    return problems


def folder_identity(folder: str | Path) -> str:
    """What identifies a model folder's weights: its manifest's sha256, else the sha256 of its
    files' names, sizes and modification times (no weight is read)."""
    folder = Path(folder)
    manifest = folder / MANIFEST
    if manifest.is_file():
        return "manifest:" + sha256_file(manifest)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return "files:" + digest.hexdigest()
