"""Extract the final answer from a model output.

Order: the last ``\\boxed{...}`` (every box on that last line, joined), then an answer line
(答え / 解答 / よって / したがって / ゆえに / 以上より / Answer), then the last display or
inline math block (adjacent blocks joined by 、 / または / かつ are merged), then a short
bare text. XML tags are stripped and ``<think>`` blocks dropped. Linear-time string scans
only, so it is safe to call in-process on hostile text.
"""

from __future__ import annotations

import re

MAX_BARE = 300
#: Only the tail of a long output is searched (the answer is at the end), which also keeps
#: every regex below linear in practice on hostile 50k-character inputs.
MAX_TAIL = 4_000

_XML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9_-]{0,30}(?:\s[^<>]{0,200})?>")
_ANSWER_MARK = re.compile(r"(?:答え|解答|答|よって|したがって|ゆえに|以上より|以上から|Answer|answer)\s*(?:は|：|:)?\s*")
_TAIL_WORDS = re.compile(r"\s*(?:である|となる|です|だ|になる|が答えである)?\s*[。．.]?\s*$")
_MATH_BLOCK = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$([^$]+?)\$", re.S)
_JOINERS = re.compile(r"^\s*(?:[,，、;]|または|かつ|or|and)?\s*$")
_BOX = ("\\boxed", "\\fbox")


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """Content of the brace group opening at ``start`` and the index after it."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "\\":
            continue
        if ch == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
    return None


def boxed_all(text: str) -> list[tuple[int, str]]:
    """``(position, content)`` of every balanced ``\\boxed{...}`` / ``\\fbox{...}``."""
    out = []
    for name in _BOX:
        pos = text.find(name)
        while pos != -1:
            j = pos + len(name)
            while j < len(text) and text[j] == " ":
                j += 1
            found = _braced(text, j)
            if found is not None:
                out.append((pos, found[0]))
                pos = text.find(name, found[1])
            else:
                pos = text.find(name, pos + len(name))
    return sorted(out)


def _merge_blocks(line: str) -> str | None:
    """Math blocks of a line; adjacent ones joined by a connective are merged (``x<-1, 3<x``)."""
    blocks = list(_MATH_BLOCK.finditer(line))
    if not blocks:
        return None
    merged = [blocks[-1]]
    for prev in reversed(blocks[:-1]):
        gap = line[prev.end() : merged[0].start()]
        if not _JOINERS.match(gap):
            break
        merged.insert(0, prev)
    parts = []
    for i, m in enumerate(merged):
        content = next(g for g in m.groups() if g is not None)
        if i:
            gap = line[merged[i - 1].end() : m.start()].strip()
            parts.append(" または " if gap in ("または", "or") else " かつ " if gap in ("かつ", "and") else ", ")
        parts.append(content.strip())
    return "".join(parts)


def extract_answer(text: str) -> str | None:
    """The final answer text of a model output, or None when there is none."""
    if not isinstance(text, str) or not text.strip():
        return None
    end = text.rfind("</think>")
    if end != -1:
        text = text[end + len("</think>") :]
    if len(text) > MAX_TAIL:
        text = text[-MAX_TAIL:]
    if "<" in text:
        text = _XML_TAG.sub(" ", text)
    boxes = boxed_all(text)
    if boxes:
        last_pos = boxes[-1][0]
        line_start = text.rfind("\n", 0, last_pos) + 1
        same_line = [c.strip() for p, c in boxes if p >= line_start]
        return ", ".join(c for c in same_line if c) or None
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    for line in reversed(lines[-5:]):
        mark = None
        for m in _ANSWER_MARK.finditer(line):
            mark = m
        if mark is not None and mark.start() <= max(8, len(line) // 2):
            rest = line[mark.end() :]
            merged = _merge_blocks(rest)
            if merged:
                return merged
            rest = _TAIL_WORDS.sub("", rest).strip()
            if rest:
                return rest
    for line in reversed(lines):
        merged = _merge_blocks(line)
        if merged:
            return merged
    merged = _merge_blocks(text)
    if merged:
        return merged
    stripped = text.strip()
    if len(stripped) <= MAX_BARE:
        return _TAIL_WORDS.sub("", stripped).strip() or None
    return None
