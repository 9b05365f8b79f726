"""The fast paths of key building and decontamination give exactly the general results.

Decontamination keys every training text, so :mod:`mathft_core.build.textkey` skips work
for text that cannot change and :class:`mathft_core.build.gramcount.GramCounter` counts
n-grams for a batch with numpy; each shortcut is checked here against the plain definition.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathft_core.build import contamination as ct
from mathft_core.build.evalsets import TextItem
from mathft_core.build.gramcount import SEP, GramCounter, packable
from mathft_core.build.textkey import (
    _LETTER_RE,
    mask_key,
    math_nfkc,
    math_nfkc_reference,
    ngrams,
    raw_key,
    raw_key_reference,
    stable_chars,
)

STABLE = sorted(stable_chars())
#: Characters around which normalization is tricky: combining marks and dakuten, half-width
#: kana, full-width forms, superscripts, fractions, explicit rewrites, protected punctuation,
#: composition partners, Unicode spaces and digits, TeX pieces.
TRICKY = [*"か\u3099\u309aｶﾞﾟ゛ＡＢ１２３，．（）？！～〜−‐²³ⁿ½⅔①⑳…e\u0301\u0338=ᄀ\u1161\u0b47\u0b3e",
          *"\u00a0\u3000\u2028\x1c\u0663\uff10",
          "\\left", "\\right", "\\displaystyle", "\\dfrac", "\\tfrac", "\\le", "ft", "\\ri", "ght", "$", " ", "\n", "\t"]
TEX = ["\\le", "ft", "\\ri", "ght", "\\left", "\\right", "\\displaystyle", "\\d", "frac", "\\dfrac", "$", " ", "x"]


@st.composite
def mostly_stable_text(draw: st.DrawFn) -> str:
    """Stable characters and plain math with a few tricky characters dropped in."""
    parts = draw(st.lists(st.one_of(st.sampled_from(STABLE), st.sampled_from("ax\\{}^$12あカ。，")), max_size=30))
    for _ in range(draw(st.integers(0, 3))):
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(TRICKY)))
    return "".join(parts)


def test_stable_characters_are_left_alone_one_by_one() -> None:
    for char in STABLE:
        assert math_nfkc_reference(char) == char, repr(char)
        assert unicodedata.combining(char) == 0


def test_no_stable_character_composes_with_what_precedes_it() -> None:
    """The second character of every canonical composition pair lies outside the set."""
    stable = stable_chars()
    for cp in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(cp))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                assert chr(int(parts[1], 16)) not in stable, hex(cp)
    assert not stable & {chr(c) for c in range(0x1100, 0x1200)}  # Hangul jamo compose algorithmically


@given(st.lists(st.sampled_from(STABLE), max_size=50).map("".join))
def test_stable_text_is_unchanged(text: str) -> None:
    assert math_nfkc_reference(text) == text == math_nfkc(text)


def test_every_tricky_character_takes_the_general_path() -> None:
    for char in TRICKY:
        for context in ("", "あ", "x", "，", "か"):
            text = context + char + context
            assert math_nfkc(text) == math_nfkc_reference(text), repr(text)
            assert raw_key(text) == raw_key_reference(text), repr(text)


@given(st.one_of(st.text(max_size=40), mostly_stable_text()))
def test_fast_keys_equal_reference_keys(text: str) -> None:
    assert math_nfkc(text) == math_nfkc_reference(text)
    assert raw_key(text) == raw_key_reference(text)


@example(["\\ri", "\\left", "ght"])  # removing \left must not expose a \right
@example(["\\le", "\\right", "ft"])
@example(["\\le", "$", "ft"])
@given(st.lists(st.sampled_from(TEX), max_size=8))
def test_tex_noise_removal_is_one_left_to_right_pass(tokens: list[str]) -> None:
    text = "".join(tokens)
    assert raw_key(text) == raw_key_reference(text)


@given(st.text(alphabet="abXZ\\0カ{}^ ", max_size=30))
def test_letter_mask_equals_the_lookbehind_first_pattern(text: str) -> None:
    original = re.compile(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])")
    assert _LETTER_RE.sub("x", text) == original.sub("x", text)


raw_keys = st.lists(st.text(alphabet="ab\\12.,アイーｘ・x0}", max_size=12), max_size=6)


@given(raw_keys)
def test_newline_joined_keys_mask_independently(keys: list[str]) -> None:
    assert mask_key(SEP.join(keys)) == SEP.join(mask_key(k) for k in keys)


small = st.text(alphabet="あいう12xyカー。，$ ", max_size=24)


@settings(max_examples=150, deadline=None)
@given(st.lists(small, min_size=1, max_size=6), st.lists(small, max_size=12), st.integers(1, 6),
       st.sampled_from([0.0, 0.2, 0.4, 1.0]))
def test_batched_matches_equal_per_text_matches(evals: list[str], texts: list[str], n: int, share: float) -> None:
    items = [TextItem(source="e", id=str(i), text=t) for i, t in enumerate(evals)]
    index = ct.EvalIndex(items, ct.Thresholds(ngram=n, same_template=share))
    assert index._counter is not None  # the numpy path is the one under test
    assert index.match_many(texts) == [index.match(t) for t in texts]


def test_lone_surrogates_take_the_batched_path_too() -> None:
    items = [TextItem(source="e", id="0", text="あい\ud800うえおか")]
    index = ct.EvalIndex(items, ct.Thresholds())
    texts = ["xあい\ud800うえおかx", "\udfff"]
    assert index.match_many(texts) == [index.match(t) for t in texts] == [[(0, 1.0, 1.0)], []]


@given(st.lists(st.sets(st.text(alphabet="abcdefgh", min_size=1, max_size=3), max_size=5), min_size=1, max_size=5),
       st.lists(st.text(alphabet="abcdefgh", max_size=10), max_size=8))
def test_gram_counter_counts_shared_distinct_grams(gram_sets: list[set[str]], keys: list[str]) -> None:
    n = 3
    postings: dict[str, list[int]] = {}
    for number, grams in enumerate(gram_sets):
        for gram in grams:
            postings.setdefault(gram, []).append(number)
    counter = GramCounter(postings, len(gram_sets), n)
    docs, items, counts = counter.pairs(keys, np.ones(len(gram_sets), dtype=np.int64))
    expected = [(d, i, len(ngrams(k, n) & g)) for d, k in enumerate(keys) for i, g in enumerate(gram_sets)
                if ngrams(k, n) & g]
    assert list(zip(docs.tolist(), items.tolist(), counts.tolist(), strict=True)) == expected


def test_wide_alphabets_fall_back_to_the_per_text_path() -> None:
    alphabet = "".join(chr(0x4E00 + i) for i in range(40))  # 6 bits a character: 13-grams do not fit
    evals = [TextItem(source="e", id="0", text=alphabet)]
    texts = ["前置き" + alphabet[:30] + "後書き", alphabet[5:]]
    index = ct.EvalIndex(evals, ct.Thresholds(ngram=13))
    assert not packable([alphabet], 13)
    assert index._counter is None
    assert index.match_many(texts) == [index.match(t) for t in texts]
    assert [len(m) for m in index.match_many(texts)] == [1, 1]
