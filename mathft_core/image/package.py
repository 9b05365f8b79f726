"""``mathft package``: put a verified model into the image's model folder.

The copy holds exactly the model's files (the manifest's list: no optimizer or trainer
state), is re-verified against the manifest, gets folders 0755 and files 0644 whatever the
source's modes (Singularity runs the image as the calling user, not root), and replaces the
destination in one rename, so a failed or killed run leaves the previous package intact.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import attrs

from mathft_core.image.modelcheck import (
    ModelFolderError,
    Seam,
    chat_template_of,
    make_readable_by_all,
    payload_files,
    require_model_folder,
    serving_seam,
)
from mathft_core.train.save import replace_directory
from mathft_core.train.verify import verify_dir


@attrs.frozen(kw_only=True)
class Packaged:
    """What ``package_model`` wrote."""

    destination: Path
    files: int
    size: int
    seam: Seam | None


def check_source(model_dir: Path, *, serving_check: bool = True) -> Seam | None:
    """Everything a model must pass before it is packaged; raises :class:`ModelFolderError`."""
    require_model_folder(model_dir)
    problems = verify_dir(model_dir)
    if problems:
        raise ModelFolderError(f"{model_dir}: not a verified model ({problems[0]}); "
                               "save it with `mathft train` or check it with `mathft verify-model`")
    if chat_template_of(model_dir) is None:
        raise ModelFolderError(f"{model_dir}: the tokenizer has no chat template; predict cannot prompt it")
    if not serving_check:
        return None
    seam = serving_seam(model_dir)
    if not seam.ok:
        raise ModelFolderError(f"{model_dir}: the serving stack cannot load it: {'; '.join(seam.problems)}")
    return seam


def package_model(model_dir: Path, destination: Path, *, overwrite: bool = False,
                  serving_check: bool = True) -> Packaged:
    """Check ``model_dir``, copy its files to ``destination`` with image permissions, verify."""
    model_dir, destination = model_dir.absolute(), destination.absolute()
    if destination == model_dir or model_dir in destination.parents:
        raise ModelFolderError(f"{destination}: must not be the model folder or inside it")
    if destination.exists() and not overwrite:
        raise ModelFolderError(f"{destination}: already exists (pass --overwrite to replace it)")
    if destination.exists() and not destination.is_dir():
        raise ModelFolderError(f"{destination}: exists and is not a folder")
    seam = check_source(model_dir, serving_check=serving_check)
    destination.parent.mkdir(parents=True, exist_ok=True)
    work = destination.parent / f".{destination.name}.packaging-{secrets.token_hex(4)}"
    files = payload_files(model_dir)
    try:
        for rel in files:
            target = work / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(model_dir / rel, target)
        make_readable_by_all(work)
        problems = verify_dir(work)
        if problems:
            raise ModelFolderError(f"{destination}: the copy does not match the manifest ({problems[0]})")
        replace_directory(work, destination)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    size = sum((destination / rel).stat().st_size for rel in files)
    return Packaged(destination=destination, files=len(files), size=size, seam=seam)
