"""Repair LaTeX damaged by escaping: doubled backslashes, control characters, malformed macros.

The origin system lost 17% of its dev failures to escaping: JSON writers that double every
backslash (``\\\\frac``) and JSON readers that turn ``\\f``, ``\\t``, ``\\n`` ... into control
characters. Every rule here is linear-time string work (no backtracking regexes), so it is
safe on hostile input in the calling process.
"""

from __future__ import annotations

import re

import attrs

#: LaTeX commands whose doubled form (``\\\\frac``) proves the whole text was escaped twice.
KNOWN_COMMANDS = frozenset(
    ["frac", "dfrac", "tfrac", "cfrac", "sqrt", "pi", "leq", "geq", "leqq", "geqq", "le", "ge", "lt", "gt", "neq", "ne", "infty", "cup", "cap", "times", "div", "cdot", "pm", "mp", "begin", "end", "left", "right", "text", "mathrm", "boxed", "sin", "cos", "tan", "log", "ln", "circ", "alpha", "beta", "gamma", "theta", "varnothing", "emptyset", "vec", "overrightarrow", "overline", "mathbf", "quad", "qquad", "approx", "in", "notin", "subset", "lim", "sum", "int", "dots", "ldots", "cdots", "vee", "wedge", "land", "lor", "displaystyle", "angle", "triangle", "perp", "varepsilon", "epsilon", "lambda", "mu", "sigma", "omega", "phi", "varphi", "pmatrix", "bmatrix", "matrix"]
)

# A control character left by a lost escape, with the command tails that prove it was one.
# \f, \a, \b, \v never occur in answer text, so they are restored unconditionally; a real
# tab, newline or carriage return is only a lost escape when a known command tail follows.
_CONTROL_ANY = {"\x0c": "\\f", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v"}
_CONTROL_TAILS = {
    "\t": ("imes", "heta", "ext", "frac", "an", "au", "ilde", "riangle", "op"),
    "\n": ("eq", "abla", "otin"),
    "\r": ("ight", "ho", "angle", "brace"),
}
_CONTROL_TAIL_RES = {
    ch: re.compile(re.escape(ch) + "(?=(?:" + "|".join(re.escape(t) for t in tails) + "))")
    for ch, tails in _CONTROL_TAILS.items()
}

_BACKSLASH_RUN = re.compile(r"\\+")
_DOUBLED_COMMAND = re.compile(r"(?<!\\)\\\\([A-Za-z]+)")
_FRAC_ALIAS = re.compile(r"\\[dtc]frac(?![A-Za-z])")
# \frac12, \frac1{2}, \frac{1}2, \frac ab  (single-token arguments)
_FRAC_TOKENS = re.compile(r"\\frac\s*([0-9A-Za-z])\s*([0-9A-Za-z])")
_FRAC_FIRST = re.compile(r"\\frac\s*([0-9A-Za-z])\s*(?=\{)")
_FRAC_SECOND = re.compile(r"\\frac(\{[^{}]*\})\s*([0-9A-Za-z])")
# \sqrt3, \sqrt x, \sqrt[3]8
_SQRT_TOKEN = re.compile(r"\\sqrt\s*(\[[^\[\]]*\])?\s*([0-9]+|[A-Za-z](?![A-Za-z]))")


@attrs.frozen
class Repaired:
    """Repaired text and what was fixed (``escape`` is True when escaping damage was undone)."""

    text: str
    escape: bool
    fixes: tuple[str, ...]


def _is_doubled(text: str) -> bool:
    return any(m.group(1) in KNOWN_COMMANDS for m in _DOUBLED_COMMAND.finditer(text))


def _halve_runs(text: str) -> str:
    r"""Halve every even run of backslashes: ``\\frac`` -> ``\frac``, ``\\\\`` -> ``\\``."""

    def halve(match: re.Match[str]) -> str:
        n = len(match.group(0))
        if n % 2 == 0:
            return "\\" * (n // 2)
        # an odd run in doubled text: a row break followed by a command (\\\frac)
        return "\\" * (n // 2 + 1) if n > 1 else "\\"

    return _BACKSLASH_RUN.sub(halve, text)


def repair_controls(text: str) -> tuple[str, bool]:
    """Restore backslashes turned into control characters by a JSON reader."""
    changed = False
    for ch, rep in _CONTROL_ANY.items():
        if ch in text:
            text = text.replace(ch, rep)
            changed = True
    for ch, pattern in _CONTROL_TAIL_RES.items():
        if ch in text:
            new = pattern.sub("\\\\" + {"\t": "t", "\n": "n", "\r": "r"}[ch], text)
            changed = changed or new != text
            text = new
    return text, changed


def repair_macros(text: str) -> str:
    r"""``\dfrac``/``\tfrac`` -> ``\frac``; ``\frac12`` -> ``\frac{1}{2}``; ``\sqrt3`` -> ``\sqrt{3}``."""
    if "frac" in text:
        text = _FRAC_ALIAS.sub(r"\\frac", text)
        text = _FRAC_TOKENS.sub(r"\\frac{\1}{\2}", text)
        text = _FRAC_FIRST.sub(r"\\frac{\1}", text)
        text = _FRAC_SECOND.sub(r"\\frac\1{\2}", text)
    if "sqrt" in text:
        text = _SQRT_TOKEN.sub(lambda m: f"\\sqrt{m.group(1) or ''}{{{m.group(2)}}}", text)
    return text


def repair(text: str) -> Repaired:
    """Undo escaping damage and fix malformed macros; report whether escaping was repaired."""
    fixes: list[str] = []
    text, controls = repair_controls(text)
    if controls:
        fixes.append("control characters")
    if "\\\\" in text and _is_doubled(text):
        text = _halve_runs(text)
        fixes.append("doubled backslashes")
    fixed = repair_macros(text)
    if fixed != text:
        fixes.append("malformed macros")
    return Repaired(text=fixed, escape=controls or "doubled backslashes" in fixes, fixes=tuple(fixes))
