"""How varied a set of problems is: shapes per course, sentence frames and masked texts per type.

* A problem's **number-masked** text has every number (``12``, ``3.5``, ``１２``) replaced by
  ``0``: two items that differ only in their numbers have the same masked text.
* Its **sentence frame** also replaces every math span (``$…$`` or ``$$…$$``) by ``$M$``:
  what is left is the wording around the math, so a type's frames count its phrasings
  times its surface styles times the wording its parameters switch.

The build report and manifest carry these figures; ``benchmarks/variety.py`` prints them
for any generated JSONL or build folder.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from mathft_core.units import COURSES, SHAPES

_NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_MATH_RE = re.compile(r"\$\$.+?\$\$|\$.+?\$", re.DOTALL)


def number_masked(text: str) -> str:
    """``text`` with every number replaced by ``0``."""
    return _NUMBER_RE.sub("0", text)


def sentence_frame(text: str) -> str:
    """``text`` with every math span replaced by ``$M$`` and every other number by ``0``."""
    return number_masked(_MATH_RE.sub("$M$", text))


def _row(record: Any) -> Mapping[str, Any]:
    return record if isinstance(record, Mapping) else record.to_json()


def variety_stats(records: Iterable[Any]) -> dict[str, Any]:
    """Shapes per course and unit, frames and distinct masked texts per type, and totals.

    ``records`` are :class:`~mathft_core.records.ProblemRecord` objects or their JSON rows.
    """
    shapes_course: dict[str, Counter[str]] = defaultdict(Counter)
    shapes_unit: dict[str, Counter[str]] = defaultdict(Counter)
    frames: dict[str, set[str]] = defaultdict(set)
    masked: dict[str, set[str]] = defaultdict(set)
    items: Counter[str] = Counter()
    all_masked: set[str] = set()
    total = 0
    for record in records:
        row = _row(record)
        shape = row.get("shape", "drill")
        key = f"{row['unit']}.{row['type']}"
        shapes_course[row["course"]][shape] += 1
        shapes_unit[row["unit"]][shape] += 1
        frames[key].add(sentence_frame(row["problem"]))
        text = number_masked(row["problem"])
        masked[key].add(text)
        all_masked.add(text)
        items[key] += 1
        total += 1
    per_type = {
        key: {"items": items[key], "frames": len(frames[key]), "distinct_masked": len(masked[key])}
        for key in sorted(items)
    }
    shape_totals = Counter[str]()
    for counts in shapes_course.values():
        shape_totals.update(counts)
    course_order = {c: i for i, c in enumerate(COURSES)}
    return {
        "items": total,
        "distinct_masked": len(all_masked),
        "distinct_masked_share": round(len(all_masked) / total, 4) if total else 0.0,
        "shape_share": {s: round(shape_totals[s] / total, 4) if total else 0.0 for s in SHAPES},
        "shapes_by_course": {
            c: {s: shapes_course[c][s] for s in SHAPES}
            for c in sorted(shapes_course, key=lambda c: course_order.get(c, len(course_order)))
        },
        "shapes_by_unit": {u: {s: shapes_unit[u][s] for s in SHAPES} for u in sorted(shapes_unit)},
        "min_frames": min((v["frames"] for v in per_type.values()), default=0),
        "types_under_10_frames": sorted(k for k, v in per_type.items() if v["frames"] < 10),
        "per_type": per_type,
    }
