"""Math-safe Unicode normalization and the comparison keys used by dedup and decontamination.

Plain NFKC breaks math and Japanese exam style (``x²`` -> ``x2``, ``①`` -> ``1``,
``，`` -> ``,``, ``～`` -> ``~`` which LaTeX reads as a space), and neologdn deletes ``〜``
(REFERENCE.md §3), so :func:`math_nfkc` rewrites superscripts and vulgar fractions to LaTeX
first and leaves a few characters alone. The keys follow REFERENCE.md §3: the *raw* key is
the normalized text without whitespace and TeX noise; the *masked* key also replaces
numbers, katakana runs (names) and single variable letters by placeholders.
"""

from __future__ import annotations

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
_EXPLICIT = str.maketrans({"～": "〜", "−": "-", "‐": "-"})


def _superscript(match: re.Match[str]) -> str:
    digits = "".join(_SUPERSCRIPTS[c] for c in match.group(0))
    return "^{" + digits + "}"


def _fraction(match: re.Match[str]) -> str:
    num, den = _FRACTIONS[match.group(0)]
    return "\\frac{" + str(num) + "}{" + str(den) + "}"


def math_nfkc(text: str) -> str:
    """NFKC with the math exceptions above (idempotent)."""
    text = _SUPER_RUN.sub(_superscript, text)
    text = _FRACTION_RE.sub(_fraction, text)
    text = text.translate(_EXPLICIT)
    if text.isascii():
        return text
    parts = _PROTECTED_RE.split(text)
    return "".join(p if p in PROTECTED else unicodedata.normalize("NFKC", p) for p in parts)


_WS_RE = re.compile(r"\s+")
_TEX_NOISE_RE = re.compile(r"\\left|\\right|\\displaystyle|\$")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_KATAKANA_RE = re.compile(r"[ァ-ヺ][ァ-ヺー・]*")
#: A single Latin letter that is not part of a word or TeX command (a variable or a name).
_LETTER_RE = re.compile(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])")


def raw_key(text: str) -> str:
    """Normalized text for exact comparison: math NFKC, no whitespace, no ``$``/``\\left``."""
    text = math_nfkc(text).replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    return _TEX_NOISE_RE.sub("", _WS_RE.sub("", text))


def mask_key(raw: str) -> str:
    """The masked form of a raw key: numbers -> ``0``, katakana runs -> ``カ``, letters -> ``x``."""
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
