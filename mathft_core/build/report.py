"""The build report: Markdown tables plus PNG charts (matplotlib, Agg backend, no timestamps).

Charts label units by id (ASCII), so no Japanese font is needed and the PNG bytes depend
on the data alone.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from mathft_core.records import ProblemRecord

CHARTS = "charts"


class _Writer(Protocol):
    def raw(self, name: str, data: bytes, rows: int | None = None) -> None: ...


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, metadata={"Software": None}, bbox_inches="tight")
    return buffer.getvalue()


def _barh(labels: Sequence[str], series: Mapping[str, Sequence[float]], title: str, xlabel: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, max(2.0, 0.28 * len(labels) + 1.2)))
    ax = fig.subplots()
    left = [0.0] * len(labels)
    for name, values in series.items():
        ax.barh(list(labels), list(values), left=left, label=name)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if len(series) > 1:
        ax.legend(loc="lower right", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    return _png(fig)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def lint_section(hits: Mapping[str, int], rules: Mapping[str, tuple[bool, str]]) -> str:
    """Every lint rule of generation with its hit count (fixed, tolerated or failed items)."""
    names = list(rules) + [n for n in hits if n not in rules]
    rows = [(n, "yes" if rules.get(n, (False, ""))[0] else "no", rules.get(n, (False, ""))[1], hits.get(n, 0))
            for n in names]
    return "\n## Lint\n\n" + _table(["rule", "fixable", "what it flags", "hits"], rows)


def write_report(
    writer: _Writer,
    *,
    items: Sequence[ProblemRecord],
    generated: Sequence[ProblemRecord],
    counts: Mapping[str, Any],
    clean_stats: Mapping[str, Any],
    clean_descriptions: Mapping[str, str],
    dedup_stats: Mapping[str, Any],
    contam_stats: Mapping[str, Any],
    pairs: Sequence[Mapping[str, Any]],
    by_eval: Sequence[Mapping[str, Any]],
    heldout_plan: Mapping[str, Any],
    lint_rules: Mapping[str, tuple[bool, str]] | None = None,
) -> None:
    """Write ``report.md`` and ``charts/*.png`` through ``writer``."""
    units = sorted({r.unit for r in generated} | {r.unit for r in items})
    gen_units = Counter(r.unit for r in generated)
    item_units = Counter(r.unit for r in items)
    levels = sorted({r.difficulty for r in generated})
    by_level = {lv: [sum(1 for r in items if r.unit == u and r.difficulty == lv) for u in units] for lv in levels}
    writer.raw(f"{CHARTS}/items_per_unit.png", _barh(
        units, {f"level {lv}": v for lv, v in by_level.items()}, "Items per unit and difficulty (after all stages)", "items"))
    rules = list(clean_descriptions) + [r for r in clean_stats["dropped"] if r not in clean_descriptions]
    writer.raw(f"{CHARTS}/clean_rules.png", _barh(
        rules, {"changed": [clean_stats["changed"].get(r, 0) for r in rules],
                "dropped": [clean_stats["dropped"].get(r, 0) for r in rules]}, "Cleaning rules", "items"))
    sizes = {int(k): v for k, v in dedup_stats["cluster_sizes"].items()}
    size_labels = [str(s) for s in sorted(sizes)]
    writer.raw(f"{CHARTS}/dedup_clusters.png", _barh(
        size_labels, {"clusters": [sizes[int(s)] for s in size_labels]},
        "Near-duplicate clusters by size (masked key, before the cap)", "clusters"))
    flagged_units = contam_stats["flagged_by_unit"]
    fu = sorted(flagged_units)
    writer.raw(f"{CHARTS}/contamination.png", _barh(
        fu or ["(none)"],
        {"leak": [flagged_units[u]["leak"] for u in fu] or [0],
         "same template": [flagged_units[u]["same_template"] for u in fu] or [0]},
        "Training items flagged against eval sets, per unit", "training items"))

    md: list[str] = ["# mathft build report\n\n"]
    md.append(_table(["stage", "items"], [
        ("planned", counts["planned"]), ("generated (verified)", counts["generated"]),
        ("after cleaning", counts["cleaned"]),
        ("after dedup", counts["cleaned"] - counts["dedup_exact_dropped"] - counts["dedup_near_dropped"]),
        ("after decontamination (items.jsonl)", counts["items"]), ("heldout", counts["heldout"]),
        ("Phase A train / val", f"{counts['phase_a']['train']} / {counts['phase_a']['val']}"),
        ("Phase B train / val", f"{counts['phase_b']['train']} / {counts['phase_b']['val']}"),
    ]))
    if counts["generation_failed"]:
        md.append("\nGeneration failures: " + ", ".join(f"{k}: {v}" for k, v in counts["generation_failed"].items()) + "\n")

    md.append(lint_section(counts.get("lint", {}), lint_rules or {}))

    md.append("\n## Items per unit and difficulty\n\n![items per unit](charts/items_per_unit.png)\n\n")
    md.append(_table(["unit", "generated", "kept", *[f"level {lv}" for lv in levels]], [
        (u, gen_units[u], item_units[u], *[by_level[lv][i] for lv in levels]) for i, u in enumerate(units)
    ]))

    md.append("\n## Cleaning\n\n![cleaning rules](charts/clean_rules.png)\n\n")
    md.append(_table(["rule", "what it does", "changed", "dropped"], [
        (r, clean_descriptions.get(r, "every item must end in exactly one \\boxed{answer}"),
         clean_stats["changed"].get(r, 0), clean_stats["dropped"].get(r, 0)) for r in rules
    ]))

    md.append("\n## Dedup\n\n![dedup clusters](charts/dedup_clusters.png)\n\n")
    md.append(f"Exact duplicates dropped: {dedup_stats['exact_dropped']}. Near-duplicate clusters: "
              f"{dedup_stats['clusters']}; variants dropped over the per-cluster cap: {dedup_stats['near_dropped']}.\n")

    md.append("\n## Contamination\n\n![contamination](charts/contamination.png)\n\n")
    md.append(_table(["eval set", "status", "items", "leak", "same template", "clean"], [
        (es["name"], es["status"], es["items"],
         *[sum(1 for r in by_eval if r["eval_set"] == es["name"] and r["verdict"] == v)
           for v in ("leak", "same_template", "clean")])
        for es in contam_stats["eval_sets"]
    ]))
    md.append(f"\nTraining items flagged: {contam_stats['train_leak']} leak (dropped), "
              f"{contam_stats['train_same_template']} same template; {contam_stats['dropped']} dropped in all.\n\n")
    md.append("### Per unit\n\n")
    md.append(_table(["unit", "leak", "same template", "items before", "items after"], [
        (u, v["leak"], v["same_template"], v["items_before"], v["items_after"]) for u, v in sorted(flagged_units.items())
    ]) if flagged_units else "No unit was flagged.\n")
    flagged_eval = [r for r in by_eval if r["verdict"] != "clean"]
    md.append("\n### Per eval item (flagged only; all items in contamination_by_eval.jsonl)\n\n")
    md.append(_table(["eval set", "eval id", "verdict", "matches", "units"], [
        (r["eval_set"], r["eval_id"], r["verdict"], r["matches"], ", ".join(r["units"])) for r in flagged_eval
    ]) if flagged_eval else "No eval item was flagged.\n")
    md.append("\n### Every flagged pair\n\n")
    md.append(_table(["eval set", "eval id", "train id", "verdict", "score (masked)", "raw score"], [
        (p["eval_set"], p["eval_id"], p["train_id"], p["verdict"], p["score"], p["raw_score"]) for p in pairs
    ]) if pairs else "None.\n")

    md.append("\n## Heldout set\n\n")
    md.append(f"{counts['heldout']} items never reach training: whole phrasings of "
              f"{len(heldout_plan['phrasings'])} problem types and level {heldout_plan['hardest_level']} of "
              f"{len(heldout_plan['hardest'])} problem types.\n\n")
    md.append(_table(["unit", "type", "held out"], [
        *[(p["unit"], p["type"], f"phrasing {p['phrasing']}") for p in heldout_plan["phrasings"]],
        *[(h["unit"], h["type"], f"level {heldout_plan['hardest_level']}") for h in heldout_plan["hardest"]],
    ]))
    writer.raw("report.md", "".join(md).encode("utf-8"))
