"""Per-rule lint counts of the generate stage, for the manifest and the build report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from mathft_core.lint import LintItem, LintRule, find_hits
from mathft_core.records import ProblemRecord


def lint_counts(hits: Mapping[str, int], rules: Sequence[LintRule]) -> dict[str, int]:
    """Every rule (zero counts included) in rule order, then any unknown rule name seen."""
    counts = {r.name: int(hits.get(r.name, 0)) for r in rules}
    counts.update({name: int(n) for name, n in sorted(hits.items()) if name not in counts})
    return counts


def shard_lint_counts(records: Sequence[ProblemRecord], rules: Sequence[LintRule]) -> Counter[str]:
    """Hits still visible in merged shard records (fixed hits are not: the shards fixed them)."""
    counts: Counter[str] = Counter()
    for record in records:
        item = LintItem(problem=record.problem, solution=record.solution, answer=record.answer)
        counts.update({h.rule for h in find_hits(item, rules)})
    return counts
