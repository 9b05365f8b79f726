"""Heldout selection and train/validation splits decided by hashes of identities.

Nothing here depends on item order or on which other items exist beyond the same unit:
the heldout choice is a hash of (seed, unit, type), and the split ranks a unit's items by
a hash of their id, so adding m items to a unit moves at most m + 1 of its existing items
across the train/validation boundary (a bare hash threshold would move none, but gives
uneven shares in small units).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from mathft_core.build.config import HeldoutConfig, SplitConfig
from mathft_core.records import ProblemRecord
from mathft_core.seeding import derive_seed, stable_fraction


@attrs.frozen(kw_only=True)
class HeldoutPlan:
    """Which phrasing of which type, and which types' hardest level, are held out."""

    phrasings: Mapping[tuple[str, str], int]
    hardest: frozenset[tuple[str, str]]
    hardest_level: int

    def holds(self, record: ProblemRecord) -> bool:
        key = (record.unit, record.type)
        if self.phrasings.get(key) == record.phrasing:
            return True
        return key in self.hardest and record.difficulty == self.hardest_level

    def to_json(self) -> dict[str, object]:
        return {
            "phrasings": [{"unit": u, "type": t, "phrasing": p} for (u, t), p in sorted(self.phrasings.items())],
            "hardest": [{"unit": u, "type": t} for u, t in sorted(self.hardest)],
            "hardest_level": self.hardest_level,
        }


def plan_heldout(seed: int, phrasing_counts: Mapping[tuple[str, str], int], config: HeldoutConfig) -> HeldoutPlan:
    """Choose held-out phrasings and hardest levels per problem type from hashes of the seed."""
    phrasings: dict[tuple[str, str], int] = {}
    hardest: set[tuple[str, str]] = set()
    for (unit, ptype), count in sorted(phrasing_counts.items()):
        if count > 1 and stable_fraction(seed, "heldout-phrasing", unit, ptype) < config.phrasing_types:
            phrasings[(unit, ptype)] = derive_seed(seed, "heldout-phrasing-choice", unit, ptype) % count
        if stable_fraction(seed, "heldout-hardest", unit, ptype) < config.hardest_types:
            hardest.add((unit, ptype))
    return HeldoutPlan(phrasings=phrasings, hardest=frozenset(hardest), hardest_level=config.hardest_level)


def split_by_unit(
    records: Sequence[ProblemRecord], train_share: float, *, salt: str
) -> tuple[list[ProblemRecord], list[ProblemRecord]]:
    """Stratified by unit: each unit's items ranked by a hash of their id, the first share trains.

    A unit with two or more items keeps at least one on each side. Both lists keep input order.
    """
    by_unit: dict[str, list[ProblemRecord]] = {}
    for record in records:
        by_unit.setdefault(record.unit, []).append(record)
    train_ids: set[str] = set()
    for unit_records in by_unit.values():
        ranked = sorted(unit_records, key=lambda r: (stable_fraction(salt, r.id), r.id))
        n = len(ranked)
        k = round(train_share * n)
        if n >= 2:
            k = min(max(k, 1), n - 1)
        train_ids.update(r.id for r in ranked[:k])
    train = [r for r in records if r.id in train_ids]
    val = [r for r in records if r.id not in train_ids]
    return train, val


@attrs.frozen(kw_only=True)
class PhaseSplit:
    """One train set for both phases and each phase's validation rows, disjoint from it."""

    train: list[ProblemRecord]
    val_a: list[ProblemRecord]
    val_b: list[ProblemRecord]


def split_phases(records: Sequence[ProblemRecord], config: SplitConfig, *, cap: int, seed: int) -> PhaseSplit:
    """Split once, so no validation problem of either phase is a training problem of the other.

    The smaller of the two train shares decides the split (stratified by unit, by hash of the
    id); each phase validates on the validation pool's first items (hash order) up to its own
    share ``1 - phase_x_train`` of all items, and at most ``cap`` rows (0 = no cap).
    """
    share = min(config.phase_a_train, config.phase_b_train)
    train, pool = split_by_unit(records, share, salt=f"{seed}:split")
    ranked = sorted(pool, key=lambda r: (stable_fraction(seed, "val", r.id), r.id))

    def take(train_share: float) -> list[ProblemRecord]:
        count = round((1 - train_share) * len(records))
        if cap:
            count = min(count, cap)
        chosen = {r.id for r in ranked[:count]}
        return [r for r in pool if r.id in chosen]

    return PhaseSplit(train=train, val_a=take(config.phase_a_train), val_b=take(config.phase_b_train))
