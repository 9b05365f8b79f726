"""Exact and near-duplicate removal.

Exact duplicates share the normalized problem text (raw key). Near duplicates are found
with datasketch MinHash LSH over character n-grams of the *number-masked* problem text,
because number-only changes keep raw n-gram Jaccard far below usual thresholds
(REFERENCE.md §3). Clusters are formed greedily in input order (each item joins the
earliest cluster leader it matches), and each cluster keeps at most ``max_per_cluster``
variants instead of losing the whole template. Gram hashes use CRC-32, which is stable
across processes and fast in C.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Sequence

import attrs
from datasketch import MinHash, MinHashLSH

from mathft_core.build.config import DedupConfig
from mathft_core.build.textkey import mask_key, ngrams, raw_key
from mathft_core.records import ProblemRecord


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


class Signer:
    """Builds MinHash signatures of masked keys with shared permutations (fast, seeded)."""

    def __init__(self, num_perm: int, ngram: int) -> None:
        self.num_perm = num_perm
        self.ngram = ngram
        self._template = MinHash(num_perm=num_perm, seed=1, hashfunc=_crc32, scheme="affine32")

    def sign(self, masked: str) -> MinHash:
        """Signature of the n-gram set of a masked key."""
        grams = sorted(ngrams(masked, self.ngram))
        m = MinHash(
            num_perm=self.num_perm, hashfunc=_crc32, permutations=self._template.permutations, scheme="affine32"
        )
        if grams:
            m.update_batch([g.encode("utf-8") for g in grams])
        return m


@attrs.define
class DedupResult:
    """Kept records and what was dropped, with cluster statistics for the report."""

    kept: list[ProblemRecord]
    exact_dropped: list[tuple[str, str]] = attrs.field(factory=list)  # (dropped id, kept id)
    near_dropped: list[tuple[str, str]] = attrs.field(factory=list)  # (dropped id, leader id)
    cluster_sizes: Counter[int] = attrs.field(factory=Counter)  # size before the cap -> clusters

    def to_json(self) -> dict[str, object]:
        return {
            "kept": len(self.kept),
            "exact_dropped": len(self.exact_dropped),
            "near_dropped": len(self.near_dropped),
            "clusters": sum(self.cluster_sizes.values()),
            "cluster_sizes": {str(k): v for k, v in sorted(self.cluster_sizes.items())},
            "dropped": [
                *({"id": d, "kind": "exact", "kept": k} for d, k in self.exact_dropped),
                *({"id": d, "kind": "near", "cluster": k} for d, k in self.near_dropped),
            ],
        }


def dedup_records(
    records: Sequence[ProblemRecord], config: DedupConfig, *, on_done: Callable[[int], None] | None = None
) -> DedupResult:
    """Remove exact duplicates, then cap near-duplicate clusters (deterministic, input order)."""
    result = DedupResult(kept=[])
    first_of: dict[str, str] = {}
    unique: list[tuple[ProblemRecord, str]] = []
    for record in records:
        raw = raw_key(record.problem)
        if raw in first_of:
            result.exact_dropped.append((record.id, first_of[raw]))
        else:
            first_of[raw] = record.id
            unique.append((record, raw))
    signer = Signer(config.num_perm, config.ngram)
    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    leaders: list[tuple[ProblemRecord, MinHash]] = []
    members: list[int] = []  # size of each cluster so far (index = leader number)
    masked_leader: dict[str, int] = {}
    kept: list[ProblemRecord] = []
    for record, raw in unique:
        masked = mask_key(raw)
        leader = masked_leader.get(masked)
        if leader is None:
            sig = signer.sign(masked)
            matches = [
                int(c) for c in lsh.query(sig) if leaders[int(c)][1].jaccard(sig) >= config.threshold
            ]
            if matches:
                leader = min(matches)
            else:
                leader = len(leaders)
                leaders.append((record, sig))
                members.append(0)
                lsh.insert(str(leader), sig)
            masked_leader[masked] = leader
        members[leader] += 1
        if config.max_per_cluster and members[leader] > config.max_per_cluster:
            result.near_dropped.append((record.id, leaders[leader][0].id))
        else:
            kept.append(record)
        if on_done:
            on_done(1)
    if on_done and len(records) > len(unique):
        on_done(len(records) - len(unique))
    result.kept = kept
    result.cluster_sizes = Counter(members)
    return result
