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
