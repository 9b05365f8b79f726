"""Decontamination: containment of each eval item's n-grams in each training text.

An inverted index maps every n-gram of every eval item to the items holding it; a training
text is scanned once and the matching n-grams are counted per eval item. Two keys, two
verdicts (REFERENCE.md §3): containment of the *masked* key (numbers, katakana names and
variable letters masked) at or above ``same_template_threshold`` flags a pair; if the *raw*
key containment also reaches ``leak_threshold`` the eval text is inside the training item
near-verbatim and the verdict is ``leak``, otherwise ``same_template``.

Training texts are matched in batches (:meth:`EvalIndex.match_many`): raw keys per text,
masks for the whole batch in one pass, masked gram counts with numpy
(:mod:`mathft_core.build.gramcount`), and raw n-grams only for texts with a masked hit.
:meth:`EvalIndex.match` is the plain per-text definition the batches must agree with.
"""

from __future__ import annotations

import math
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import chain

import attrs
import numpy as np

from mathft_core.build.evalsets import TextItem
from mathft_core.build.gramcount import SEP, GramCounter, packable
from mathft_core.build.textkey import mask_key, ngrams, raw_key
from mathft_core.timeouts import die_with_parent

LEAK = "leak"
SAME_TEMPLATE = "same_template"
CLEAN = "clean"


@attrs.frozen(kw_only=True)
class Thresholds:
    ngram: int = 5
    same_template: float = 0.4
    leak: float = 0.7


@attrs.frozen(kw_only=True)
class FlaggedPair:
    """A training item that contains (the template of) an eval item."""

    eval_set: str
    eval_id: str
    train_id: str
    unit: str
    verdict: str
    score: float  # masked containment
    raw_score: float  # raw containment

    def to_json(self) -> dict[str, object]:
        return {
            "eval_set": self.eval_set, "eval_id": self.eval_id, "train_id": self.train_id,
            "unit": self.unit, "verdict": self.verdict, "score": self.score, "raw_score": self.raw_score,
        }


class EvalIndex:
    """Inverted index of the masked n-grams of eval items, with their raw n-gram sets."""

    def __init__(self, items: Sequence[TextItem], thresholds: Thresholds) -> None:
        self.items = list(items)
        self.thresholds = thresholds
        n = thresholds.ngram
        self.raw_grams: list[set[str]] = []
        self.need: list[int] = []  # masked grams an item needs to reach the threshold
        self.sizes: list[int] = []
        postings: dict[str, list[int]] = {}
        for number, item in enumerate(self.items):
            raw = raw_key(item.text)
            masked = ngrams(mask_key(raw), n)
            self.raw_grams.append(ngrams(raw, n))
            self.sizes.append(len(masked))
            self.need.append(max(1, math.ceil(thresholds.same_template * len(masked) - 1e-9)))
            for gram in masked:
                postings.setdefault(gram, []).append(number)
        self.postings = postings
        self.vocab = frozenset(postings)
        full = [g for g in postings if len(g) == n]
        self._counter = GramCounter(postings, len(self.items), n) if packable(full, n) else None
        self._need = np.array(self.need, dtype=np.int64)
        # texts per numpy batch: the count matrix (texts x eval items) stays at most 4M cells
        self._batch = max(1, min(2048, (1 << 22) // max(1, len(self.items))))

    def match(self, text: str) -> list[tuple[int, float, float]]:
        """(eval item number, masked containment, raw containment) of every flagged eval item."""
        n = self.thresholds.ngram
        raw = raw_key(text)
        masked = mask_key(raw)
        hits = ngrams(masked, n) & self.vocab
        if not hits:
            return []
        counts = Counter(chain.from_iterable(self.postings[g] for g in hits))
        out = []
        raw_set: set[str] | None = None
        for number, count in sorted(counts.items()):
            if count < self.need[number] or not self.sizes[number]:
                continue
            if raw_set is None:
                raw_set = ngrams(raw, n)
            score = count / self.sizes[number]
            eval_raw = self.raw_grams[number]
            raw_score = len(eval_raw & raw_set) / len(eval_raw) if eval_raw else 0.0
            out.append((number, score, raw_score))
        return out

    def match_many(self, texts: Sequence[str]) -> list[list[tuple[int, float, float]]]:
        """:meth:`match` of every text, computed in batches."""
        if self._counter is None:
            return [self.match(t) for t in texts]
        out: list[list[tuple[int, float, float]]] = []
        for start in range(0, len(texts), self._batch):
            out.extend(self._match_batch(texts[start : start + self._batch]))
        return out

    def _match_batch(self, texts: Sequence[str]) -> list[list[tuple[int, float, float]]]:
        if not texts or self._counter is None:
            return [[] for _ in texts]
        n = self.thresholds.ngram
        raws = [raw_key(t) for t in texts]  # raw keys hold no whitespace, so SEP parts mask alone
        joined = mask_key(SEP.join(raws))
        rows, numbers, counts = self._counter.pairs(joined.split(SEP), self._need, joined)
        out: list[list[tuple[int, float, float]]] = [[] for _ in texts]
        raw_sets: dict[int, set[str]] = {}
        for row, number, count in zip(rows.tolist(), numbers.tolist(), counts.tolist(), strict=True):
            raw_set = raw_sets.get(row)
            if raw_set is None:
                raw_set = raw_sets[row] = ngrams(raws[row], n)
            eval_raw = self.raw_grams[number]
            raw_score = len(eval_raw & raw_set) / len(eval_raw) if eval_raw else 0.0
            out[row].append((number, count / self.sizes[number], raw_score))
        return out


_INDEX: EvalIndex | None = None


def _scan_chunk(texts: Sequence[str]) -> list[list[tuple[int, float, float]]]:
    if _INDEX is None:
        raise RuntimeError("contamination worker has no index")
    return _INDEX.match_many(texts)


def scan(
    index: EvalIndex, texts: Sequence[str], *, workers: int = 1, on_done: Callable[[int], None] | None = None
) -> list[list[tuple[int, float, float]]]:
    """Matches of every text, in input order (same result for any ``workers``)."""
    global _INDEX
    chunk = 2000
    chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    results: list[list[tuple[int, float, float]]] = []
    use_pool = workers > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods()
    _INDEX = index
    try:
        if use_pool:  # workers inherit the index by fork
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=die_with_parent) as pool:
                for part, done in zip(pool.map(_scan_chunk, chunks), chunks, strict=True):
                    results.extend(part)
                    if on_done:
                        on_done(len(done))
        else:
            for done in chunks:
                results.extend(_scan_chunk(done))
                if on_done:
                    on_done(len(done))
    finally:
        _INDEX = None
    return results


def flag_pairs(
    eval_items: Sequence[TextItem], train_items: Sequence[TextItem], thresholds: Thresholds,
    *, workers: int = 1, on_done: Callable[[int], None] | None = None,
) -> list[FlaggedPair]:
    """Every flagged (eval item, training item) pair, ordered by eval item then training item."""
    index = EvalIndex(eval_items, thresholds)
    matches = scan(index, [t.text for t in train_items], workers=workers, on_done=on_done)
    pairs = []
    for train, found in zip(train_items, matches, strict=True):
        for number, score, raw_score in found:
            item = index.items[number]
            verdict = LEAK if raw_score >= thresholds.leak else SAME_TEMPLATE
            pairs.append(
                (number, FlaggedPair(
                    eval_set=item.source, eval_id=item.id, train_id=train.id, unit=train.unit,
                    verdict=verdict, score=round(score, 4), raw_score=round(raw_score, 4),
                ))
            )
    pairs.sort(key=lambda p: p[0])  # stable: training order kept within an eval item
    return [p for _, p in pairs]


def summarize_by_eval(eval_items: Iterable[TextItem], pairs: Iterable[FlaggedPair]) -> list[dict[str, object]]:
    """One row per eval item: verdict (leak > same_template > clean), matches, units."""
    by_item: dict[tuple[str, str], list[FlaggedPair]] = {}
    for pair in pairs:
        by_item.setdefault((pair.eval_set, pair.eval_id), []).append(pair)
    rows = []
    for item in eval_items:
        found = by_item.get((item.source, item.id), [])
        verdicts = {p.verdict for p in found}
        verdict = LEAK if LEAK in verdicts else SAME_TEMPLATE if found else CLEAN
        rows.append({
            "eval_set": item.source, "eval_id": item.id, "verdict": verdict, "matches": len(found),
            "units": sorted({p.unit for p in found if p.unit}),
        })
    return rows
