"""Math-safe Unicode normalization and the comparison keys used by dedup and decontamination.

Plain NFKC breaks math and Japanese exam style (``x²`` -> ``x2``, ``①`` -> ``1``,
``，`` -> ``,``, ``～`` -> ``~`` which LaTeX reads as a space), and neologdn deletes ``〜``
(REFERENCE.md §3), so :func:`math_nfkc` rewrites superscripts and vulgar fractions to LaTeX
first and leaves a few characters alone. The keys follow REFERENCE.md §3: the *raw* key is
the normalized text without whitespace and TeX noise; the *masked* key also replaces
numbers, katakana runs (names) and single variable letters by placeholders.

Decontamination keys every training text, so the common case is short-circuited: a text
made only of characters that :func:`math_nfkc` provably leaves alone in any context (nearly
every generated item, once cleaned) skips the rewriting, splitting and per-part NFKC, and
TeX noise is removed with ``str.replace`` when no ``\\left``/``\\right``/``\\displaystyle``
occurs. Each shortcut gives exactly the result of the general path (tests/build check both).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                 "⁷": "7", "⁸": "8", "⁹": "9", "ⁿ": "n"}
_SUPER_RUN = re.compile("[" + "".join(_SUPERSCRIPTS) + "]+")
_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
              "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
              "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}
_FRACTION_RE = re.compile("[" + "".join(_FRACTIONS) + "]")

#: Characters NFKC would change but math/exam text needs as they are.
PROTECTED = frozenset("，．、。「」『』（）？！〜①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳…")
_PROTECTED_RE = re.compile("([" + "".join(sorted(PROTECTED)) + "])")
#: Characters NFKC leaves alone or maps badly, rewritten explicitly.
_EXPLICIT_MAP = {"～": "〜", "−": "-", "‐": "-"}
_EXPLICIT = str.maketrans(_EXPLICIT_MAP)

#: Unicode blocks searched for stable characters: Latin, Greek, punctuation and math
#: symbols, CJK punctuation and kana, CJK ideographs, full-width forms. No character in
#: them composes with a preceding one (the ccc=0 composition partners live in Indic and
#: other scripts; tests/build scan all of Unicode to confirm).
_STABLE_BLOCKS = ((0x0000, 0x024F), (0x0370, 0x03FF), (0x2000, 0x2BFF), (0x3000, 0x30FF),
                  (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def stable_chars() -> frozenset[str]:
    """Characters :func:`math_nfkc` leaves unchanged in any context: the protected ones, and
    those of :data:`_STABLE_BLOCKS` that NFKC maps to themselves, that do not combine (ccc 0)
    and that no rewrite rule above touches."""
    return _stable()[0]


@functools.cache
def _stable() -> tuple[frozenset[str], re.Pattern[str]]:
    rewritten = set(_SUPERSCRIPTS) | set(_FRACTIONS) | set(_EXPLICIT_MAP)
    chars = set(PROTECTED)
    for lo, hi in _STABLE_BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            if c not in rewritten and unicodedata.combining(c) == 0 and unicodedata.normalize("NFKC", c) == c:
                chars.add(c)
    runs: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    ranges = "".join(re.escape(chr(lo)) + ("-" + re.escape(chr(hi)) if hi > lo else "") for lo, hi in runs)
    return frozenset(chars), re.compile("[" + ranges + "]*")


def _superscript(match: re.Match[str]) -> str:
    digits = "".join(_SUPERSCRIPTS[c] for c in match.group(0))
    return "^{" + digits + "}"


def _fraction(match: re.Match[str]) -> str:
    num, den = _FRACTIONS[match.group(0)]
    return "\\frac{" + str(num) + "}{" + str(den) + "}"


def math_nfkc_reference(text: str) -> str:
    """The general path of :func:`math_nfkc`, without the stable-text shortcut."""
    text = _SUPER_RUN.sub(_superscript, text)
    text = _FRACTION_RE.sub(_fraction, text)
    text = text.translate(_EXPLICIT)
    if text.isascii():
        return text
    parts = _PROTECTED_RE.split(text)
    return "".join(p if p in PROTECTED else unicodedata.normalize("NFKC", p) for p in parts)


def math_nfkc(text: str) -> str:
    """NFKC with the math exceptions above (idempotent)."""
    if _stable()[1].fullmatch(text):
        return text
    return math_nfkc_reference(text)


_WS_RE = re.compile(r"\s+")
_TEX_NOISE_RE = re.compile(r"\\left|\\right|\\displaystyle|\$")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_KATAKANA_RE = re.compile(r"[ァ-ヺ][ァ-ヺー・]*")
#: A single Latin letter that is not part of a word or TeX command (a variable or a name):
#: not preceded by a letter or ``\`` and not followed by a letter. The lookbehind comes after
#: the letter so that the regex engine can skip ahead to candidate letters.
_LETTER_RE = re.compile(r"[A-Za-z](?<![A-Za-z\\][A-Za-z])(?![A-Za-z])")


def raw_key(text: str) -> str:
    """Normalized text for exact comparison: math NFKC, no whitespace, no ``$``/``\\left``."""
    text = math_nfkc(text).replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    text = "".join(text.split())  # str.split() and regex \s agree on what whitespace is
    if "\\left" in text or "\\right" in text or "\\displaystyle" in text:
        return _TEX_NOISE_RE.sub("", text)
    return text.replace("$", "")


def raw_key_reference(text: str) -> str:
    """The general path of :func:`raw_key` (regexes throughout)."""
    text = math_nfkc_reference(text).replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    return _TEX_NOISE_RE.sub("", _WS_RE.sub("", text))


def mask_key(raw: str) -> str:
    """The masked form of a raw key: numbers -> ``0``, katakana runs -> ``カ``, letters -> ``x``.

    Newline-joined raw keys can be masked in one call: a newline is none of the masked
    characters, and raw keys hold no whitespace, so the parts mask independently."""
    text = _NUMBER_RE.sub("0", raw)
    text = _KATAKANA_RE.sub("カ", text)
    return _LETTER_RE.sub("x", text)


def masked_key(text: str) -> str:
    """Template key of a text (REFERENCE.md §3): same for items that differ only in numbers,
    names and variable letters."""
    return mask_key(raw_key(text))


def ngrams(key: str, n: int) -> set[str]:
    """Character n-grams of a key; a key shorter than ``n`` is its own single gram."""
    if len(key) <= n:
        return {key} if key else set()
    return {key[i : i + n] for i in range(len(key) - n + 1)}
