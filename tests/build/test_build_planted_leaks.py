"""Planted leaks: MGSM-ja variants mixed into generated training data must be flagged.

Acceptance of the decontamination stage: of 200 MGSM-ja problems planted as variants
(verbatim, numbers changed, names and variable letters changed, a clause reordered,
embedded in a longer text, all at once), at least 99% are flagged against their source
and every verbatim copy is a leak; the other 50 real problems, which nothing was planted
from, are flagged at most 1% of the time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from buildhelpers import example_registry

from mathft_core.build import contamination as ct
from mathft_core.build.config import load_config
from mathft_core.build.evalsets import TextItem, read_texts
from mathft_core.generate import generate_records
from mathft_core.plugins import load_units

NAMES = ["サクラ", "ケンジ", "マリア", "トム", "エミリー", "ハルト", "ソフィア"]


def _variants(rng: random.Random) -> dict[str, Callable[[str], str]]:
    def numbers(text: str) -> str:
        return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), text)

    def names_letters(text: str) -> str:
        text = re.sub(r"[ァ-ヺ][ァ-ヺー・]*", lambda m: rng.choice(NAMES), text)
        return re.sub(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", lambda m: rng.choice("pqrst"), text)

    def reorder(text: str) -> str:
        sentences = [s for s in re.split(r"(?<=[。？])", text) if s]
        if len(sentences) >= 3:
            sentences[0], sentences[1] = sentences[1], sentences[0]
        return "".join(sentences)

    def embed(text: str) -> str:
        return "次の文章題を読み，問いに答えよ。途中の計算も示すこと。\n" + text + "\n答えは整数で書くこと。"

    return {
        "verbatim": lambda t: t,
        "numbers": numbers,
        "names_letters": names_letters,
        "reorder": reorder,
        "embed": embed,
        "all": lambda t: embed(reorder(names_letters(numbers(t)))),
    }


def _generated() -> list[TextItem]:
    fields = load_config().contamination.train_fields
    records = generate_records(example_registry(), per_type=200)[0]
    installed = load_units()
    records += generate_records(installed, per_type=6)[0]
    return [TextItem(source="train", id=r.id, unit=r.unit, text="\n".join(getattr(r, f) for f in fields))
            for r in records]


def test_planted_mgsm_variants_are_flagged_and_unrelated_problems_are_not(mgsm_path: Path) -> None:
    config = load_config().contamination
    thresholds = ct.Thresholds(ngram=config.ngram, same_template=config.same_template_threshold,
                               leak=config.leak_threshold)
    evals = read_texts(mgsm_path, source="mgsm_ja")
    assert len(evals) == 250
    planted_from, unrelated = evals[:200], evals[200:]
    rng = random.Random(20260)
    kinds = _variants(rng)
    planted = [TextItem(source="train", id=f"{kind}:{item.id}", unit="planted", text=make(item.text))
               for item in planted_from for kind, make in kinds.items()]
    generated = _generated()
    assert len(generated) >= 400
    pairs = ct.flag_pairs(evals, generated + planted, thresholds, workers=2)
    found = {(p.eval_id, p.train_id): p for p in pairs}

    for kind in kinds:
        hits = [found.get((item.id, f"{kind}:{item.id}")) for item in planted_from]
        caught = sum(1 for h in hits if h is not None)
        assert caught >= 0.99 * len(planted_from), f"{kind}: only {caught} of {len(planted_from)} flagged"
        if kind == "verbatim":
            assert all(h is not None and h.verdict == ct.LEAK for h in hits)
    summary = {(r["eval_set"], r["eval_id"]): r for r in ct.summarize_by_eval(evals, pairs)}
    false_unrelated = [i.id for i in unrelated if summary[("mgsm_ja", i.id)]["verdict"] != ct.CLEAN]
    assert len(false_unrelated) <= 0.01 * len(unrelated), false_unrelated
    cross = {p.eval_id for p in pairs if p.train_id.partition(":")[2] not in ("", p.eval_id)}
    assert len(cross) <= 0.01 * len(evals), sorted(cross)
    flagged_generated = {p.train_id for p in pairs if ":" not in p.train_id}
    assert len(flagged_generated) <= 0.01 * len(generated), sorted(flagged_generated)[:10]
