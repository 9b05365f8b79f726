"""Split mixed Japanese/LaTeX text into prose and math segments for the lint rules.

Delimiters: ``$...$`` and ``\\(...\\)`` (inline), ``$$...$$`` and ``\\[...\\]`` (display).
An inline segment closed by ``$`` and immediately reopened by ``$`` is *glued* math
(``$x>-2$$x+4>0$``); the splitter reports it instead of reading a display delimiter.
"""

from __future__ import annotations

import re

import attrs

#: Hiragana, katakana (incl. the long-vowel mark) and CJK ideographs.
JAPANESE_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@attrs.frozen
class Segment:
    """A run of text: ``kind`` is ``prose``, ``inline`` or ``display``; ``start`` its offset."""

    kind: str
    text: str
    start: int


@attrs.frozen
class Split:
    """All segments of a text, the offsets of glued ``$$`` and whether a math run is unclosed."""

    segments: tuple[Segment, ...]
    glued_at: tuple[int, ...]
    unclosed: bool

    def math(self) -> list[Segment]:
        return [s for s in self.segments if s.kind != "prose"]

    def prose(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "prose"]


_OPEN = (("$$", "$$", "display"), ("\\[", "\\]", "display"), ("\\(", "\\)", "inline"), ("$", "$", "inline"))
#: Every delimiter and escape starts with one of these: the scan jumps from one to the next.
_SPECIAL = re.compile(r"[\\$]")


def split_math(text: str, *, all_math: bool = False) -> Split:
    """Segments of ``text``; with ``all_math`` the whole text is one inline segment (answers)."""
    if all_math:
        return Split((Segment("inline", text, 0),), (), False)
    segments: list[Segment] = []
    glued: list[int] = []
    i, prose_start, n = 0, 0, len(text)
    while i < n:
        found = _SPECIAL.search(text, i)
        if found is None:
            break
        i = found.start()
        if text[i] == "\\" and text.startswith(("\\$", "\\\\"), i):
            i += 2
            continue
        opener = next((o for o in _OPEN if text.startswith(o[0], i)), None)
        if opener is None:
            i += 1
            continue
        start_tok, end_tok, kind = opener
        if i > prose_start:
            segments.append(Segment("prose", text[prose_start:i], prose_start))
        body = i + len(start_tok)
        end = _find_close(text, body, end_tok)
        if end < 0:
            segments.append(Segment(kind, text[body:], body))
            return Split(tuple(segments), tuple(glued), True)
        segments.append(Segment(kind, text[body:end], body))
        i = end + len(end_tok)
        if end_tok == "$" and text.startswith("$", i):
            glued.append(i)
        prose_start = i
    if prose_start < n:
        segments.append(Segment("prose", text[prose_start:], prose_start))
    return Split(tuple(segments), tuple(glued), False)


def _find_close(text: str, start: int, token: str) -> int:
    i = start
    while i < len(text):
        found = _SPECIAL.search(text, i)
        if found is None:
            return -1
        i = found.start()
        if text.startswith(token, i):
            return i
        i += 2 if text[i] == "\\" else 1
    return -1
