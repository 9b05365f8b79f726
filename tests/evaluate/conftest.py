"""Fixtures for the evaluation tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mathft_core.answers import AnswerChecker


@pytest.fixture(scope="session")
def checker() -> Iterator[AnswerChecker]:
    with AnswerChecker() as c:
        yield c
