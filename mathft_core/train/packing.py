"""Packing with the attention of packed sequences kept apart, on any attention kernel.

trl packs rows best-fit into one flat sequence per batch (``padding_free``) and marks where
each row starts with ``position_ids``. Flash attention reads those boundaries; the SDPA and
eager kernels (CPU, and GPUs without flash-attn) do not, and would let a row attend to the
rows packed before it. For those kernels this wrapper adds the block-diagonal causal mask
(a 4D boolean mask, which transformers passes to the kernel as it is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Keys only the varlen (flash) kernels read; a 4D mask replaces them.
_VARLEN_KEYS = ("cu_seq_lens_q", "cu_seq_lens_k", "max_length_q", "max_length_k", "seq_idx")


def needs_explicit_mask(attn_implementation: str | None) -> bool:
    """True unless the kernel separates packed rows by itself (flash attention)."""
    return not (attn_implementation or "").startswith(("flash", "kernels-community/flash"))


def block_causal_mask(position_ids: Any) -> Any:
    """``[batch, 1, L, L]`` booleans: causal, and only within the row a token belongs to."""
    import torch

    segments = (position_ids == 0).cumsum(dim=-1)
    length = position_ids.shape[-1]
    causal = torch.ones(length, length, dtype=torch.bool, device=position_ids.device).tril()
    same = segments[:, :, None] == segments[:, None, :]
    return (same & causal)[:, None]


class SeparatedPacking:
    """Wraps trl's padding-free collator; adds the block-diagonal mask to every batch."""

    def __init__(self, inner: Callable[[list[dict[str, Any]]], dict[str, Any]]) -> None:
        self.inner = inner

    def __call__(self, examples: list[dict[str, Any]]) -> dict[str, Any]:
        batch = self.inner(examples)
        batch["attention_mask"] = block_causal_mask(batch["position_ids"])
        for key in _VARLEN_KEYS:
            batch.pop(key, None)
        return batch
