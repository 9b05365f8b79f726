"""The evaluation report: ``report.json``, ``rows.jsonl``, ``report.md``, ``report.html`` and PNG bar charts.

Charts use matplotlib's Agg backend (no display). Category and unit names are often
Japanese; when no CJK font is installed a non-ASCII label is drawn as a short key
(``中1`` -> ``JHS1``, others ``#k``) that the Markdown/HTML tables list beside the name.
"""

from __future__ import annotations

import html
import io
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mathft_core.evaluate.score import RowScore
from mathft_core.io import atomic_write_bytes, atomic_write_text, write_jsonl

_CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic",
              "Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "MS Gothic")
_JHS = {"中1": "JHS1", "中2": "JHS2", "中3": "JHS3"}


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in names), None)


class _Labels:
    """Chart-safe labels: the name itself, or a short ASCII key when no CJK font is present."""

    def __init__(self, cjk: bool) -> None:
        self.cjk = cjk
        self.keys: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if self.cjk or name.isascii():
            return name
        if name not in self.keys:
            self.keys[name] = _JHS.get(name, f"#{len([k for k in self.keys.values() if k.startswith('#')]) + 1}")
        return self.keys[name]


def _bar_chart(title: str, labels: Sequence[str], values: Sequence[float], *, xlabel: str, percent: bool,
               font: str | None) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    with matplotlib.rc_context({"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}):
        height = max(2.4, 0.32 * len(labels) + 1.2)
        fig, ax = plt.subplots(figsize=(7.5, height), dpi=100)
        try:
            shown = [v * 100 for v in values] if percent else list(values)
            bars = ax.barh(range(len(labels)), shown, color="#4C72B0")
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
            ax.set_title(title)
            ax.set_xlabel(xlabel)
            if percent:
                ax.set_xlim(0, 100)
            for bar, value in zip(bars, shown, strict=True):
                ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                        f" {value:.1f}%" if percent else f" {value:g}", va="center", fontsize=8)
            fig.tight_layout()
            buf = io.BytesIO()
            fig.savefig(buf, format="png")
        finally:
            plt.close(fig)
    return buf.getvalue()


def _pct(acc: Mapping[str, Any]) -> str:
    return "–" if acc["accuracy"] is None else f"{acc['accuracy'] * 100:.1f}%"


def _charts(summary: Mapping[str, Any], labels: _Labels, font: str | None) -> dict[str, bytes]:
    charts: dict[str, bytes] = {}
    groups = [("accuracy_by_category.png", "Accuracy by category", summary["by_category"]),
              ("accuracy_by_unit.png", "Accuracy by unit", summary["by_unit"])]
    if "contamination" in summary:
        c = summary["contamination"]
        groups.append(("accuracy_seen_unseen.png", "Accuracy: template seen in training vs unseen",
                       {k: c[k] for k in ("seen", "unseen", "unknown") if c[k]["total"]}))
    for name, title, table in groups:
        items = [(k, v) for k, v in table.items() if v["total"]]
        if items:
            charts[name] = _bar_chart(
                title, [f"{labels(k)} (n={v['total']})" for k, v in items], [v["accuracy"] for _, v in items],
                xlabel="accuracy (%)", percent=True, font=font,
            )
    errors = [(k, v["count"]) for k, v in summary["taxonomy"].items()]
    charts["errors.png"] = _bar_chart("Errors by class", [k for k, _ in errors], [c for _, c in errors],
                                      xlabel="rows", percent=False, font=font)
    return charts


def _table(title: str, table: Mapping[str, Mapping[str, Any]], labels: _Labels) -> list[str]:
    keyed = any(labels(k) != k for k in table)
    head = "| name | key | correct | total | accuracy |" if keyed else "| name | correct | total | accuracy |"
    lines = [f"## {title}", "", head, "|---" * (5 if keyed else 4) + "|"]
    for name, acc in table.items():
        key = f" {labels(name)} |" if keyed else ""
        lines.append(f"| {name} |{key} {acc['correct']} | {acc['total']} | {_pct(acc)} |")
    return [*lines, ""]


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_markdown(summary: Mapping[str, Any], charts: Sequence[str], labels: _Labels) -> str:
    overall = summary["overall"]
    md = ["# Evaluation report", "",
          f"**Accuracy {_pct(overall)}** ({overall['correct']} of {overall['total']} rows).", ""]
    if "contamination" in summary:
        c = summary["contamination"]
        md += ["Eval items whose template the build found in training (`leak`, `same_template`) are *seen*; "
               "the honest figure is the *unseen* one.", "",
               "| split | correct | total | accuracy |", "|---|---|---|---|"]
        md += [f"| {k} | {c[k]['correct']} | {c[k]['total']} | {_pct(c[k])} |" for k in ("unseen", "seen", "unknown")]
        md.append("")
    if summary.get("extra_predictions"):
        md += [f"{summary['extra_predictions']} prediction row(s) had no gold row and were ignored.", ""]
    md += _table("By category", summary["by_category"], labels)
    md += _table("By unit", summary["by_unit"], labels)
    md += _table("By evaluation method", summary["by_method"], labels)
    md += ["## Error taxonomy", "", "| class | rows |", "|---|---|"]
    md += [f"| {name} | {entry['count']} |" for name, entry in summary["taxonomy"].items()]
    md.append("")
    for name, entry in summary["taxonomy"].items():
        if entry["examples"]:
            md += [f"### {name}", "", "| id | gold | output | detail |", "|---|---|---|---|"]
            md += [f"| {_short(e['id'])} | `{_short(e['gold'])}` | `{_short(e['output'])}` | {_short(e['detail'])} |"
                   for e in entry["examples"]]
            md.append("")
    md += ["## Charts", ""] + [f"![{c}]({c})" for c in charts] + [""]
    return "\n".join(md)


def render_html(summary: Mapping[str, Any], charts: Sequence[str], labels: _Labels) -> str:
    """The same content as the Markdown, as a standalone page (charts as sibling PNGs)."""
    esc = html.escape

    def table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
        th = "".join(f"<th>{esc(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"

    def acc_table(title: str, data: Mapping[str, Mapping[str, Any]]) -> str:
        rows = [(k, labels(k), v["correct"], v["total"], _pct(v)) for k, v in data.items()]
        return f"<h2>{esc(title)}</h2>" + table(("name", "key", "correct", "total", "accuracy"), rows)

    overall = summary["overall"]
    parts = [f"<h1>Evaluation report</h1><p><strong>Accuracy {esc(_pct(overall))}</strong> "
             f"({overall['correct']} of {overall['total']} rows).</p>"]
    if "contamination" in summary:
        c = summary["contamination"]
        parts.append("<p>Template seen in training (leak, same_template) vs unseen: the honest figure is unseen.</p>")
        parts.append(table(("split", "correct", "total", "accuracy"),
                           [(k, c[k]["correct"], c[k]["total"], _pct(c[k])) for k in ("unseen", "seen", "unknown")]))
    parts += [acc_table("By category", summary["by_category"]), acc_table("By unit", summary["by_unit"]),
              acc_table("By evaluation method", summary["by_method"])]
    parts.append("<h2>Error taxonomy</h2>" + table(("class", "rows"),
                                                   [(k, v["count"]) for k, v in summary["taxonomy"].items()]))
    for name, entry in summary["taxonomy"].items():
        if entry["examples"]:
            parts.append(f"<h3>{esc(name)}</h3>" + table(
                ("id", "gold", "output", "detail"),
                [(_short(e["id"], 200), _short(e["gold"], 200), _short(e["output"], 200), e["detail"])
                 for e in entry["examples"]]))
    parts.append("<h2>Charts</h2>" + "".join(f'<p><img src="{esc(c)}" alt="{esc(c)}"></p>' for c in charts))
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>mathft evaluation</title>'
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def write_report(directory: str | os.PathLike[str], summary: Mapping[str, Any], scores: Sequence[RowScore]) -> list[Path]:
    """Write every report file into ``directory``; return their paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    font = _cjk_font()
    labels = _Labels(cjk=font is not None)
    charts = _charts(summary, labels, font)
    written = []
    for name, data in charts.items():
        atomic_write_bytes(out / name, data)
        written.append(out / name)
    write_jsonl(out / "rows.jsonl", (s.to_json() for s in scores))
    atomic_write_text(out / "report.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    atomic_write_text(out / "report.md", render_markdown(summary, list(charts), labels))
    atomic_write_text(out / "report.html", render_html(summary, list(charts), labels))
    written += [out / "rows.jsonl", out / "report.json", out / "report.md", out / "report.html"]
    return written
