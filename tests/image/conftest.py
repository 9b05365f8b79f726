"""Fixtures for the image tests: folders a non-root user can enter, and verified tiny models."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def public_folder() -> Path:
    """A fresh folder under the system temp dir that every user can enter (pytest's own
    ``tmp_path`` sits under a private 0700 folder, which a non-root user cannot cross)."""
    folder = Path(tempfile.mkdtemp(prefix="mathft-image-", dir=tempfile.gettempdir()))
    os.chmod(folder, 0o755)
    return folder


@pytest.fixture
def public_dir() -> Iterator[Path]:
    folder = public_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def verified_model() -> Iterator[Path]:
    """A tiny llama model with the llm-jp chat template and a mathft manifest, readable by all."""
    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.save import give_default_permissions
    from mathft_core.train.verify import build_manifest, write_manifest

    root = public_folder()
    model = build_tiny_model(root / "merged")
    give_default_permissions(model)  # as mathft's verified save leaves it
    write_manifest(model, build_manifest(model))
    yield model
    shutil.rmtree(root, ignore_errors=True)
