"""Shared-n-gram counts between a batch of keys and a fixed set of reference gram sets.

Decontamination asks, for every training key and every eval item, how many distinct
n-grams of the eval item occur in the key. In pure Python that costs a string slice, a hash
and a set insert per character of every training text; here a whole batch of keys is
handled with a few numpy operations instead. Each gram is packed exactly into one uint64
(``n`` characters of ``bits`` bits each, a character's number being its rank in the
alphabet of the reference grams, 0 for any other character), so there are no hash
collisions: a packed gram equals a reference gram's id only if the strings are equal.
Keys are joined with ``"\\n"`` (a character no reference gram holds, since keys carry no
whitespace), so a window across two keys contains a 0 and matches nothing.

The counts are exactly ``len(textkey.ngrams(key, n) & grams)``, keys shorter than ``n``
included (their single short gram is looked up in a dict). numpy is a declared dependency;
no library at hand offers this packed-gram join.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

SEP = "\n"
_SEP_CODE = ord(SEP)
_HASH_MUL = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing for the prefilter bitmap
IntArray = npt.NDArray[np.int64]


def packable(grams: Sequence[str], n: int) -> bool:
    """Whether ``n``-character grams over the characters of ``grams`` pack into 64 bits."""
    chars = set().union(*grams) if grams else set()
    return n >= 1 and max(1, len(chars).bit_length()) * n <= 64


class GramCounter:
    """Inverted index ``gram -> reference item numbers``, queried with a batch of keys."""

    def __init__(self, postings: Mapping[str, Sequence[int]], n_items: int, n: int) -> None:
        if n < 1:
            raise ValueError(f"n-gram size must be at least 1, got {n}")
        if any(len(g) > n for g in postings):
            raise ValueError(f"a reference gram is longer than n = {n}")
        self.n = n
        self.n_items = n_items
        self.short = {g: list(items) for g, items in postings.items() if len(g) < n}
        full = sorted(g for g in postings if len(g) == n)
        alphabet = sorted(set().union(*full)) if full else []
        if SEP in alphabet:
            raise ValueError("reference grams must not contain a newline")
        self.bits = max(1, len(alphabet).bit_length())
        if self.bits * n > 64:
            raise ValueError(f"{len(alphabet)} distinct characters do not pack {n} to 64 bits")
        rank = {c: r for r, c in enumerate(alphabet, start=1)}
        cap = max(map(ord, alphabet)) + 1 if alphabet else 1
        self._cap = np.uint32(cap)
        self._table = np.zeros(cap + 1, dtype=np.uint64)
        self._table[[ord(c) for c in alphabet]] = np.arange(1, len(alphabet) + 1, dtype=np.uint64)
        ids = []
        for gram in full:
            value = 0
            for char in gram:
                value = (value << self.bits) | rank[char]
            ids.append(value)
        order = np.argsort(np.array(ids, dtype=np.uint64), kind="stable")
        self._ids = np.array(ids, dtype=np.uint64)[order]
        lists = [postings[full[i]] for i in order.tolist()]
        self._ptr = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in lists], out=self._ptr[1:])
        self._post = np.fromiter((i for x in lists for i in x), dtype=np.int64, count=int(self._ptr[-1]))
        shift = max(16, min(26, (64 * max(1, len(full))).bit_length()))
        self._shift = np.uint64(64 - shift)
        self._bitmap = np.zeros(1 << shift, dtype=bool)
        self._bitmap[(self._ids * _HASH_MUL) >> self._shift] = True

    def pairs(self, keys: Sequence[str], need: IntArray, joined: str | None = None) -> tuple[IntArray, IntArray, IntArray]:
        """``(key numbers, item numbers, counts)`` of every pair whose count of shared distinct
        grams reaches ``need[item]`` (``need`` >= 1), sorted by key then item.

        ``joined`` may pass ``SEP.join(keys)`` when the caller already has it; no key may
        contain ``SEP``."""
        if joined is None:
            joined = SEP.join(keys)
        if joined.count(SEP) != max(0, len(keys) - 1):
            raise ValueError("keys must not contain a newline")
        cells = [self._full_cells(joined)] if len(self._ids) and keys else []
        if self.short:
            short = [d * self.n_items + i for d, key in enumerate(keys) if 0 < len(key) < self.n
                     for i in self.short.get(key, ())]
            cells.append(np.array(short, dtype=np.int64))
        empty = np.zeros(0, dtype=np.int64)
        flat = np.concatenate(cells) if cells else empty
        if not len(flat):
            return empty, empty, empty
        size = len(keys) * self.n_items
        if 8 * len(flat) >= size:  # dense: one pass over the key x item matrix
            counts = np.bincount(flat, minlength=size)
            cell = np.flatnonzero(counts.reshape(len(keys), self.n_items) >= need)
            count = counts[cell]
        else:  # sparse: sort the few cells
            cell, count = np.unique(flat, return_counts=True)
            keep = count >= need[cell % self.n_items]
            cell, count = cell[keep], count.astype(np.int64)[keep]
        docs, items = np.divmod(cell, self.n_items)
        return docs, items, count

    def _full_cells(self, joined: str) -> IntArray:
        """``key * n_items + item`` once per (key, distinct full gram, item holding it)."""
        n = self.n
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        windows = len(codes) - n + 1
        if windows <= 0:
            return np.zeros(0, dtype=np.int64)
        ranks = self._table[np.minimum(codes, self._cap)]
        packed = ranks[:windows].copy()
        for j in range(1, n):
            packed <<= np.uint64(self.bits)
            packed |= ranks[j : j + windows]
        maybe = np.flatnonzero(self._bitmap[(packed * _HASH_MUL) >> self._shift])
        candidates = packed[maybe]
        where = np.searchsorted(self._ids, candidates)
        np.minimum(where, len(self._ids) - 1, out=where)
        found = self._ids[where] == candidates
        starts = maybe[found]
        key_of = np.searchsorted(  # separators before a gram = its key number
            np.flatnonzero(codes == _SEP_CODE), starts, side="right"
        )
        grams = np.unique(key_of.astype(np.int64) * len(self._ids) + where[found])
        docs, grams = np.divmod(grams, len(self._ids))
        lengths = self._ptr[grams + 1] - self._ptr[grams]
        total = int(lengths.sum())
        offsets = np.repeat(self._ptr[grams] - (np.cumsum(lengths) - lengths), lengths)
        items = self._post[np.arange(total, dtype=np.int64) + offsets]
        return np.repeat(docs, lengths) * self.n_items + items
