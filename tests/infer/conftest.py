"""Fixtures for the inference tests: one answer checker, the tiny model, scripted backends."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from mathft_core.answers import AnswerChecker
from mathft_core.infer.backends import Conversation, Sample, SamplingConfig

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """vLLM tests run in their own virtual environment (``make test``); elsewhere they are deselected."""
    if importlib.util.find_spec("vllm") is not None:
        return
    deselected = [item for item in items if item.get_closest_marker("vllm")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("vllm")]


@pytest.fixture(scope="session")
def checker() -> Iterator[AnswerChecker]:
    with AnswerChecker() as c:
        yield c


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny llama model and llm-jp-style tokenizer, built once per session."""
    import torch

    from mathft_core.tiny_model import build_tiny_model

    torch.set_num_threads(1)
    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


class ScriptedBackend:
    """A backend whose samples are a function of (problem text, sample index, n)."""

    name = "scripted"

    def __init__(self, answer: Callable[[str, int, int], str], *, fail: Callable[[int, int], BaseException | None]
                 = lambda call, n: None) -> None:
        self.answer = answer
        self.fail = fail
        self.calls: list[tuple[int, int]] = []  # (problems, n) per generate call

    def generate(self, conversations: Sequence[Conversation], config: SamplingConfig) -> list[list[Sample]]:
        self.calls.append((len(conversations), config.n))
        error = self.fail(len(self.calls), config.n)
        if error is not None:
            raise error
        out = []
        for conv in conversations:
            problem = conv[-1]["content"]
            out.append([Sample(self.answer(problem, i, config.n), -1.0 - i) for i in range(config.n)])
        return out

    def close(self) -> None:
        pass


@pytest.fixture
def scripted() -> type[ScriptedBackend]:
    return ScriptedBackend
