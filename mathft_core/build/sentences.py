"""Sentence splitting that never cuts inside ``$...$`` or ``$$...$$``."""

from __future__ import annotations

import re

#: Math segments are single tokens; 「。」 and newlines outside math end a sentence.
_TOKEN_RE = re.compile(
    r"\$\$(?:\\.|[^$])*?\$\$|\$(?:\\.|[^$])*?\$|(?:\\.|[^$。\n\\])+|[。\n]+|\\|\$", re.S
)


def split_sentences(text: str) -> list[str]:
    """Sentences with their terminators; ``"".join(split_sentences(t)) == t``."""
    sentences: list[str] = []
    current: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        current.append(token)
        if token[0] in "。\n":
            sentences.append("".join(current))
            current = []
    if current:
        sentences.append("".join(current))
    return sentences
