"""Per-item random streams derived from the build seed and the item's identity.

No global ``random`` anywhere: every item gets its own :class:`random.Random`, seeded from a
SHA-256 of (seed, unit id, type id, index), so different units never share a stream and
any item can be regenerated from its identity alone, on any worker.
"""

from __future__ import annotations

import hashlib
from random import Random


def derive_seed(*parts: object) -> int:
    """A 64-bit integer derived from the parts' text (stable across processes and runs)."""
    text = "\x1f".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def item_rng(seed: int, unit_id: str, type_id: str, index: int) -> Random:
    """The random stream of one item."""
    return Random(derive_seed("mathft-item", seed, unit_id, type_id, index))


def stable_fraction(*parts: object) -> float:
    """A number in [0, 1) decided by the parts alone (for hash-based splits)."""
    return derive_seed("mathft-fraction", *parts) / 2**64
