"""Shared fixtures for the answer-engine tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathft_core.answers import AnswerChecker

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def checker():
    with AnswerChecker(workers=2) as c:
        yield c


@pytest.fixture(scope="session")
def ja_pairs() -> list[dict]:
    with open(HERE / "ja_pairs.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def patient_checker():
    """A checker whose time limit cannot turn a slow but valid parse into a verdict.

    The 2 s default is a safety net against hostile input (tested in test_adversarial.py);
    on a loaded CI machine a cold parse of a legitimate case can take longer, which would
    make accuracy measurements depend on machine load.
    """
    with AnswerChecker(workers=2, timeout=30.0) as c:
        yield c
