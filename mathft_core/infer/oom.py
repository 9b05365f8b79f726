"""Out-of-memory fallback: retry a batch with ``n`` halved, down to greedy decoding (n = 1)."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Sequence

from mathft_core.infer.backends import Backend, Conversation, Sample, SamplingConfig

log = logging.getLogger(__name__)


def is_out_of_memory(exc: BaseException) -> bool:
    """``torch.OutOfMemoryError`` (CUDA or CPU build), or a RuntimeError saying "out of memory"."""
    torch = sys.modules.get("torch")
    oom_type = getattr(torch, "OutOfMemoryError", None) if torch is not None else None
    if oom_type is not None and isinstance(exc, oom_type):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def _release_gpu_memory() -> None:
    torch = sys.modules.get("torch")
    if torch is not None:
        with contextlib.suppress(Exception):
            if torch.cuda.is_available():
                torch.cuda.empty_cache()


def halving_sequence(n: int) -> list[int]:
    """The ``n`` values tried in turn: 16 -> [16, 8, 4, 2, 1]."""
    out = [n]
    while out[-1] > 1:
        out.append(out[-1] // 2)
    return out


def generate_with_fallback(
    backend: Backend, conversations: Sequence[Conversation], config: SamplingConfig
) -> tuple[list[list[Sample]], SamplingConfig]:
    """Samples for every conversation and the config that produced them.

    On out-of-memory the same batch is retried with ``n`` halved, each step logged; at
    ``n = 1`` the backend decodes greedily. An out-of-memory at ``n = 1`` is raised.
    """
    steps = halving_sequence(config.n)
    for k, n in enumerate(steps):
        current = config.with_n(n)
        try:
            return backend.generate(conversations, current), current
        except Exception as exc:
            if not is_out_of_memory(exc) or k == len(steps) - 1:
                raise
            nxt = steps[k + 1]
            log.warning(
                "out of memory sampling n=%d for %d problem(s); retrying with n=%d%s",
                n, len(conversations), nxt, " (greedy)" if nxt == 1 else "",
            )
        _release_gpu_memory()
    raise AssertionError("unreachable")  # pragma: no cover
