"""Per-phase data mixes: which rows feed each phase's training split, and how many.

A mix is a list of components (``[[mix.phase_b]]`` entries). The first is the primary and
keeps all its rows; every other one gets ``round(weight / primary_weight * primary rows)``
rows (its share of the phase is then ``weight / sum of weights``), or ``repeat`` times its own
rows. Rows are picked by a hash of (seed, phase, component, row id): the same config gives
the same bytes, and asking for more rows than a component has repeats it (upsampling; a
repeated row's id gets ``#2``, ``#3`` ...).

Components: ``cot`` (generated items as CoT rows), ``answer`` (generated items as
answer-format rows) and ``source:<name>`` (an external source, in its own style).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from mathft_core.seeding import stable_fraction


@attrs.frozen(kw_only=True)
class MixComponent:
    """One entry of a phase's mix."""

    rows: str
    weight: float = 0.0
    repeat: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, **({"weight": self.weight} if self.weight else {"repeat": self.repeat})}


def _pick(pool: Sequence[dict[str, Any]], count: int, *, key: tuple[object, ...]) -> list[dict[str, Any]]:
    ranked = sorted(pool, key=lambda row: (stable_fraction(*key, row["id"]), row["id"]))
    picked: list[dict[str, Any]] = []
    copy = 1
    while len(picked) < count and ranked:
        for row in ranked[: count - len(picked)]:
            picked.append(row if copy == 1 else {**row, "id": f"{row['id']}#{copy}"})
        copy += 1
    return picked


def mix_rows(
    seed: int, phase: str, components: Sequence[MixComponent], pools: Mapping[str, Sequence[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The phase's training rows and the realised mix (rows per component, asked and given)."""
    if not components:
        return [], []
    primary = components[0]
    base = len(pools[primary.rows])
    rows: list[dict[str, Any]] = []
    realised: list[dict[str, Any]] = []
    total_weight = sum(c.weight for c in components if c.weight)
    for position, component in enumerate(components):
        pool = pools[component.rows]
        if position == 0:
            count = len(pool)
        elif component.weight:
            count = round(component.weight / primary.weight * base)
        else:
            count = round(component.repeat * len(pool))
        picked = _pick(pool, count, key=(seed, phase, component.rows)) if position else list(pool)
        rows.extend({**row, "mix": component.rows} for row in picked)
        realised.append({**component.to_json(), "available": len(pool), "count": len(picked),
                         "configured_share": round(component.weight / total_weight, 6) if component.weight else None})
    for entry in realised:
        entry["share"] = round(entry["count"] / len(rows), 6) if rows else 0.0
    return rows, realised
