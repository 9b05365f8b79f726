"""Fixtures for build tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildhelpers import MGSM


@pytest.fixture
def mgsm_path() -> Path:
    """MGSM-ja from ../shared/data (relative to the repo root); missing data fails loudly."""
    if not MGSM.exists():
        raise FileNotFoundError(f"{MGSM} is missing: the contamination tests need ../shared/data/mgsm_ja.tsv")
    return MGSM
