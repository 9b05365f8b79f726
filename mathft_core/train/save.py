"""Verified, crash-safe saving of a model folder.

The weights go to a temporary folder beside the destination (same filesystem, so the final
move is one rename), are checked (every file non-empty, safetensors headers parse, tensor
names/shapes/dtypes equal the in-memory model's, a reload gives the same weights and the
same logits on a probe batch), get a sha256 manifest, are re-verified from disk, and only
then replace the destination. The swap is one ``renameat2(RENAME_EXCHANGE)`` where Linux
offers it; elsewhere the old folder is renamed aside first and restored by the next save if
the process dies between the two renames. Until the swap, the previous model is untouched.

One writer per destination: a save removes leftovers of earlier, killed saves.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import importlib.metadata
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mathft_core.errors import MathftError
from mathft_core.train.verify import (
    build_manifest,
    read_safetensors_header,
    verify_dir,
    write_manifest,
)

PROBE_TEXTS = (
    "以下は数学の問題である。\n\n### 指示:\n次の方程式を解け。$x^{2} - 5x + 6 = 0$",
    "よって，答えは $\\boxed{\\frac{5}{6}\\pi}$ である。",
)
_SAVING, _PREVIOUS = "saving", "previous"
_TORCH_TO_ST = {
    "torch.float32": "F32", "torch.float16": "F16", "torch.bfloat16": "BF16", "torch.float64": "F64",
    "torch.int64": "I64", "torch.int32": "I32", "torch.int16": "I16", "torch.int8": "I8",
    "torch.uint8": "U8", "torch.bool": "BOOL",
}


class SaveError(MathftError):
    """A save failed verification; the destination keeps its previous content."""


def _sibling(destination: Path, kind: str) -> str:
    return f".{destination.name}.{kind}-"


def _fsync_tree(directory: Path) -> None:
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    for folder in [directory, directory.parent]:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with ``renameat2(RENAME_EXCHANGE)``; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def recover(destination: str | Path) -> None:
    """Restore a previous model renamed aside by a killed save; drop unfinished temp folders."""
    destination = Path(destination)
    parent = destination.parent
    if not parent.is_dir():
        return
    if not destination.exists():
        for backup in sorted(parent.glob(_sibling(destination, _PREVIOUS) + "*"), reverse=True):
            if not verify_dir(backup):
                os.rename(backup, destination)
                break
    for leftover in parent.glob(_sibling(destination, _SAVING) + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    if destination.exists():
        for backup in parent.glob(_sibling(destination, _PREVIOUS) + "*"):
            shutil.rmtree(backup, ignore_errors=True)


def replace_directory(source: Path, destination: Path) -> None:
    """Put ``source`` at ``destination`` atomically (swap where supported), dropping the old one."""
    if not destination.exists():
        os.rename(source, destination)
        return
    if _exchange(source, destination):
        shutil.rmtree(source)
        return
    backup = destination.parent / (_sibling(destination, _PREVIOUS) + secrets.token_hex(4))
    os.rename(destination, backup)
    os.rename(source, destination)
    shutil.rmtree(backup)


def give_default_permissions(directory: Path) -> None:
    """Undo ``mkdtemp``'s private modes: folders 0777 and files 0666, less the umask.

    A model folder left 0700/0600 cannot be read by the unprivileged user a Singularity
    image runs as.
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(directory, 0o777 & ~mask)
    for path in directory.rglob("*"):
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)


def stack_versions() -> dict[str, str | None]:
    """Versions of the training stack that wrote a model (recorded in its manifest)."""
    found: dict[str, str | None] = {}
    for dist in ("torch", "transformers", "peft", "trl", "safetensors", "tokenizers"):
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found[dist] = None
    return found


def check_files_nonempty(directory: Path) -> None:
    """Raise naming the first zero-byte file."""
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.stat().st_size == 0:
            raise SaveError(f"{path.name}: written as 0 bytes")


def check_tensors(model: Any, directory: Path) -> None:
    """Saved tensor names, shapes and dtypes must equal the in-memory model's."""
    saved: dict[str, dict[str, Any]] = {}
    files = sorted(directory.glob("*.safetensors"))
    if not files:
        raise SaveError(f"{directory}: no .safetensors weights were written")
    for path in files:
        try:
            saved.update(read_safetensors_header(path))
        except ValueError as exc:
            raise SaveError(f"{path.name}: {exc}") from None
    state = model.state_dict()
    for name, info in saved.items():
        if name not in state:
            raise SaveError(f"saved tensor {name!r} is not in the model")
        tensor = state[name]
        want = (_TORCH_TO_ST.get(str(tensor.dtype)), list(tensor.shape))
        if (info["dtype"], list(info["shape"])) != want:
            raise SaveError(f"tensor {name!r} saved as {info['dtype']}{info['shape']}, model has {want[0]}{want[1]}")
    saved_ptrs = {state[n].data_ptr() for n in saved}
    for name, tensor in state.items():
        if name not in saved and tensor.data_ptr() not in saved_ptrs:
            raise SaveError(f"model tensor {name!r} was not saved")


def probe_batch(tokenizer: Any, device: Any) -> dict[str, Any]:
    """A fixed, padded batch of token ids for comparing logits before and after a save."""
    encoded = tokenizer(list(PROBE_TEXTS), return_tensors="pt", padding=True)
    return {k: v.to(device) for k, v in encoded.items() if k in ("input_ids", "attention_mask")}


def _logits(model: Any, batch: dict[str, Any]) -> Any:
    import torch

    with torch.inference_mode():
        return model(**batch).logits.float().cpu()


def check_reload(model: Any, directory: Path, batch: dict[str, Any], reference: Any, tolerance: float) -> float:
    """Reload the folder; weights must be equal and probe logits within ``tolerance``."""
    import torch

    device = next(model.parameters()).device
    reloaded = type(model).from_pretrained(directory, dtype=model.dtype, local_files_only=True).to(device)
    reloaded.eval()
    try:
        original = model.state_dict()
        for name, tensor in reloaded.state_dict().items():
            if name in original and not torch.equal(tensor, original[name]):
                raise SaveError(f"tensor {name!r} differs after reloading")
        diff = float((_logits(reloaded, batch) - reference).abs().max())
    finally:
        del reloaded
    if not diff <= tolerance:
        raise SaveError(f"probe logits differ by {diff:.3g} after reloading (tolerance {tolerance:g})")
    return diff


def save_verified(
    model: Any,
    tokenizer: Any,
    destination: str | Path,
    *,
    tolerance: float = 1e-3,
    extra: dict[str, Any] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Save ``model`` and ``tokenizer`` to ``destination`` only once verified; return the manifest.

    ``on_stage`` is called with ``written``, ``checked``, ``verified`` and ``moved``
    (progress display; tests use it to kill the process at a known point).
    """
    stage = on_stage or (lambda _name: None)
    destination = Path(destination).absolute()
    destination.parent.mkdir(parents=True, exist_ok=True)
    recover(destination)
    model.eval()
    device = next(model.parameters()).device
    batch = probe_batch(tokenizer, device)
    reference = _logits(model, batch)
    work = Path(tempfile.mkdtemp(prefix=_sibling(destination, _SAVING), dir=destination.parent))
    try:
        model.save_pretrained(work)
        tokenizer.save_pretrained(work)
        give_default_permissions(work)
        _fsync_tree(work)
        stage("written")
        check_files_nonempty(work)
        check_tensors(model, work)
        stage("checked")
        diff = check_reload(model, work, batch, reference, tolerance)
        manifest = build_manifest(work, extra={"probe_max_abs_diff": diff, "versions": stack_versions(),
                                               **(extra or {})})
        write_manifest(work, manifest)
        _fsync_tree(work)
        problems = verify_dir(work)
        if problems:
            raise SaveError(f"re-reading the saved files failed: {problems[0]}")
        stage("verified")
        replace_directory(work, destination)
        _fsync_tree(destination)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    stage("moved")
    return manifest
