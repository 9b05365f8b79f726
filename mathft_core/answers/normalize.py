"""Japanese answer normalisation: full-width forms, ≦/≧, √, π, °, かつ/または, units, notes.

Turns what a Japanese answer key or a model writes (``ｘ＝－１，３``, ``x≦√3``, ``3個``,
``x=2（重解）``, ``x<-1 または 3<x``) into plain ASCII LaTeX the parser understands,
recording what it removed (units, notes) so the taxonomy can say so. Reversed inequality
chains are handled by the parser, which knows the relation structure.

Everything here is linear-time string work, safe on hostile input. neologdn is not used: it
deletes ``〜`` and turns ``－`` into ``ー`` (REFERENCE.md §3), which breaks math.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

#: Marker the parser reads as "and" (intersection of relations).
AND = " \\land "

_BEFORE_NFKC = {
    "²": "^{2}", "³": "^{3}", "¹": "^{1}", "⁴": "^{4}", "ⁿ": "^{n}",
    "½": "\\frac{1}{2}", "⅓": "\\frac{1}{3}", "⅔": "\\frac{2}{3}", "¼": "\\frac{1}{4}", "¾": "\\frac{3}{4}",
    "≦": "\\leq ", "≤": "\\leq ", "≧": "\\geq ", "≥": "\\geq ", "≠": "\\neq ",
    "×": "\\times ", "÷": "\\div ", "−": "-", "‐": "-", "–": "-", "∓": "\\mp ",
    "±": "\\pm ", "∞": "\\infty ", "π": "\\pi ", "θ": "\\theta ", "α": "\\alpha ", "β": "\\beta ",
    "γ": "\\gamma ", "∅": "\\emptyset ", "∪": "\\cup ", "∩": "\\cap ", "°": "^{\\circ}",
    "、": ",", "，": ",", "・": "\\cdot ", "·": "\\cdot ", "∈": "\\in ", "…": "\\cdots ",
}
_BEFORE_RE = re.compile("|".join(re.escape(k) for k in _BEFORE_NFKC))

_COMMAND_ALIASES = (
    (re.compile(r"\\(?:leqq|leqslant|le)(?![A-Za-z])"), r"\\leq"),
    (re.compile(r"\\(?:geqq|geqslant|ge)(?![A-Za-z])"), r"\\geq"),
    (re.compile(r"\\(?:neqq|ne)(?![A-Za-z])"), r"\\neq"),
    (re.compile(r"\\(?:varnothing)(?![A-Za-z])"), r"\\emptyset"),
    (re.compile(r"\\(?:degree)(?![A-Za-z])"), r"^{\\circ}"),
    (re.compile(r"\\(?:mp)(?![A-Za-z])"), r"\\mp"),
)
_SQRT_CHAR = re.compile(r"√\s*(\([^()]*\)|\{[^{}]*\}|[0-9]+(?:\.[0-9]+)?|[A-Za-z]|\\[A-Za-z]+)?")

_AND_WORDS = re.compile(r"\\text\s*\{\s*(?:かつ|and)\s*\}|かつ|\\(?:land|wedge)(?![A-Za-z])|(?<![A-Za-z])and(?![A-Za-z])")
_OR_WORDS = re.compile(r"\\text\s*\{\s*(?:または|もしくは|or)\s*\}|または|もしくは|\\(?:lor|vee)(?![A-Za-z])|(?<![A-Za-z])or(?![A-Za-z])")

_COUNTERS = "個|通り|本|人|円|枚|回|冊|点|歳|日|倍|番目|匹|台|組|種類|試合|秒|分|時間|週間|か月|ヶ月|年|割|杯|頭|羽|脚|件|曲|色|辺|ページ|メートル|グラム|キロ|度"
_LATIN_UNITS = "cm|mm|km|kg|mg|mL|dL|m|g|L|s|h|min|sec"
_TEXT_UNIT = re.compile(
    r"\\(?:text|mathrm|textrm|mbox)\s*\{\s*(?:" + _COUNTERS + "|" + _LATIN_UNITS + r")\s*\}\s*(?:\^\s*\{?\s*[23]\s*\}?)?"
)
_COUNTER_UNIT = re.compile(r"(?<=[0-9A-Za-z}\)\]])\s*(?:" + _COUNTERS + r")(?![ぁ-んァ-ヶ一-龯])")
_PLAIN_LATIN_UNIT = re.compile(r"(?<=[0-9])\s+(?:cm|mm|km|kg)(?:\^\s*\{?\s*[23]\s*\}?)?(?=\s*(?:,|$))")
_DEGREE = re.compile(r"\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|(?<=[0-9}])\s*度")
_JA = r"ぁ-んァ-ヶー一-龯々〆ヵヶ"
_NOTE_PAREN = re.compile(r"[（(]\s*[^()（）]*[" + _JA + r"][^()（）]*[）)]")
_COND_PAREN = re.compile(
    r"(?:\\quad|\\qquad|\\,|\\;|\\ |\s)+[（(]\s*[a-zA-Z](?:_\{?[a-z0-9]+\}?)?\s*(?:\\geq|\\leq|>|<|\\neq)[^()（）]*[）)]\s*$"
)
_JA_RUN = re.compile(r"[" + _JA + r"。！？]+[:!?]?")
_SPECIAL_WORDS = (
    (re.compile(r"\\text\s*\{\s*解なし\s*\}|解なし|解は存在しない|解をもたない"), r"\\emptyset"),
    (re.compile(r"\\text\s*\{\s*(?:すべての|全ての)実数\s*\}|(?:すべての|全ての)実数"), r"(-\\infty, \\infty)"),
)
_DELIMS = re.compile(r"^\s*(?:\$\$?|\\\[|\\\()|(?:\$\$?|\\\]|\\\))\s*$")
_WS = re.compile(r"\s+")
_SPACING = re.compile(r"(?<!\\)\\[,;:! ]|\\q?quad(?![A-Za-z])")
_LEFT_RIGHT = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?:\s*\.)?(?![A-Za-z])")
_TEXT_WRAP = re.compile(r"\\(?:text|mathrm|textrm|mbox|operatorname)\s*\{([^{}]*)\}")


@attrs.frozen
class Normalized:
    """Normalised answer text and what was dropped on the way."""

    text: str
    units: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    degrees: bool = False


def _sqrt_char(match: re.Match[str]) -> str:
    arg = match.group(1)
    if arg is None:
        return "\\sqrt"
    if arg[0] in "({":
        arg = arg[1:-1]
    return f"\\sqrt{{{arg}}}"


def to_ascii(text: str) -> str:
    """Symbols to LaTeX commands, then NFKC (full-width digits, letters and brackets)."""
    text = _BEFORE_RE.sub(lambda m: _BEFORE_NFKC[m.group(0)], text)
    text = _SQRT_CHAR.sub(_sqrt_char, text)
    text = unicodedata.normalize("NFKC", text)
    for pattern, repl in _COMMAND_ALIASES:
        text = pattern.sub(repl, text)
    return text


def normalize(text: str) -> Normalized:
    """Normalise one answer (already extracted and repaired) for parsing."""
    text = to_ascii(text)
    text = text.replace("\\displaystyle", " ").replace("~", " ")
    text = _LEFT_RIGHT.sub("", text)
    for pattern, repl in _SPECIAL_WORDS:
        text = pattern.sub(repl, text)
    notes: list[str] = []
    units: list[str] = []
    text = _AND_WORDS.sub(lambda _m: AND, text)
    text = _OR_WORDS.sub(",", text)
    for pattern in (_NOTE_PAREN, _COND_PAREN):
        found = pattern.findall(text)
        if found:
            notes.extend(f.strip() for f in found)
            text = pattern.sub(" ", text)
    text = _SPACING.sub(" ", text)
    for pattern in (_TEXT_UNIT, _COUNTER_UNIT, _PLAIN_LATIN_UNIT):
        found = pattern.findall(text)
        if found:
            units.extend(f.strip() for f in found)
            text = pattern.sub("", text)
    degrees = bool(_DEGREE.search(text))
    if degrees:
        text = _DEGREE.sub("", text)
    # a remaining \text{...} around plain math is unwrapped; Japanese words left over are prose
    text = _TEXT_WRAP.sub(lambda m: m.group(1) if not re.search(f"[{_JA}]", m.group(1)) else " ", text)
    if _JA_RUN.search(text):
        stripped = _JA_RUN.sub(" ", text)
        if stripped.strip():
            notes.append("prose")
            text = stripped
    text = _DELIMS.sub("", text)
    text = _DELIMS.sub("", text)
    text = _WS.sub(" ", text).strip().rstrip(".,").strip()
    return Normalized(text=text, units=tuple(units), notes=tuple(notes), degrees=degrees)
