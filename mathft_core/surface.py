"""Surface variety of problem texts: punctuation, sentence endings, display math, spacing.

Real exam papers differ in house style: 、。 or ，．, 「求めよ」 or 「求めなさい」 or
「求めてください」, a formula inline ``$…$`` or displayed ``$$…$$``, ``x^{2} - x - 4`` or
``x^2-x-4``. A model that only ever sees one style learns the style, so each item gets a
:class:`SurfaceStyle` drawn from a weighted :class:`SurfaceMix`.

The style is decided by the item's identity through its *own* stream
(``derive_seed("mathft-surface", seed, unit, type, index)``), never the sampler's ``rng``:
switching surface variety on or off leaves every parameter, solution and answer as it was.
Only the problem text changes; the math inside it is kept token for token (checked by
:func:`math_signature` after every rewrite), so LaTeX never breaks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from random import Random

import attrs

from mathft_core.seeding import derive_seed

#: Punctuation styles: name -> (comma, full stop).
PUNCTUATIONS: Mapping[str, tuple[str, str]] = {"、。": ("、", "。"), "，。": ("，", "。"), "，．": ("，", "．")}
#: Sentence-final request: plain imperative (求めよ), なさい (求めなさい) or polite (求めてください).
ENDINGS: tuple[str, ...] = ("plain", "nasai", "kudasai")
#: The main formula inline ``$…$`` or displayed ``$$…$$``.
MATH_STYLES: tuple[str, ...] = ("inline", "display")
#: Spacing inside math: as written with braced exponents (``x^{2} - 1``), or compact (``x^2-1``).
SPACINGS: tuple[str, ...] = ("spaced", "compact")
#: Space between inline math and the Japanese around it: as written (``$a$ 円``) or tight (``$a$円``).
GAPS: tuple[str, ...] = ("spaced", "tight")
#: Style dimensions in draw order.
DIMENSIONS: tuple[str, ...] = ("punctuation", "ending", "math", "spacing", "gap")

#: Sentence-final verb forms in the order of :data:`ENDINGS`.
_VERB_FORMS: tuple[tuple[str, str, str], ...] = (
    ("求めよ", "求めなさい", "求めてください"),
    ("解け", "解きなさい", "解いてください"),
    ("答えよ", "答えなさい", "答えてください"),
    ("示せ", "示しなさい", "示してください"),
    ("表せ", "表しなさい", "表してください"),
    ("書け", "書きなさい", "書いてください"),
    ("選べ", "選びなさい", "選んでください"),
    ("せよ", "しなさい", "してください"),
)
_FORM_ROW = {form: row for row in _VERB_FORMS for form in row}
_ENDING_RE = re.compile(
    "(" + "|".join(sorted((re.escape(f) for f in _FORM_ROW), key=len, reverse=True)) + r")(?=[。．.]|\s*$)"
)
_MATH_RE = re.compile(r"\$\$.+?\$\$|\$.+?\$", re.DOTALL)
_OPERATOR_SPACE_BEFORE = re.compile(r"(?<![\\ ]) +(?=[+\-=<>])")
_OPERATOR_SPACE_AFTER = re.compile(r"(?<=[+\-=<>]) +")
_BRACED_EXPONENT = re.compile(r"\^\{(\w)\}")
_BARE_EXPONENT = re.compile(r"\^(\w)")
_UNESCAPED_SPACE = re.compile(r"(?<!\\)\s+")
_RELATION_RE = re.compile(r"=|<|>|\\leqq|\\geqq|\\neq")
_POINT_RE = re.compile(r"\$\s*(?:\\left)?\(")
#: A formula shorter than this is never promoted to display math.
MIN_DISPLAY_CHARS = 6


class SurfaceError(ValueError):
    """A surface rewrite would have changed the math of a problem text."""


@attrs.frozen(kw_only=True)
class SurfaceStyle:
    """The surface style of one problem text."""

    punctuation: str = "，。"
    ending: str = "plain"
    math: str = "inline"
    spacing: str = "spaced"
    gap: str = "spaced"

    def to_json(self) -> dict[str, str]:
        return attrs.asdict(self)


def _weights(value: Mapping[str, int] | tuple[tuple[str, int], ...], allowed: tuple[str, ...] | Mapping[str, object],
             what: str) -> tuple[tuple[str, int], ...]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for name, weight in pairs:
        if name not in allowed:
            raise ValueError(f"surface {what}: unknown style {name!r} (known: {', '.join(allowed)})")
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise ValueError(f"surface {what}: weight of {name!r} must be an integer >= 0, got {weight!r}")
    if not any(w for _, w in pairs):
        raise ValueError(f"surface {what}: at least one style needs a weight > 0")
    return tuple((n, w) for n, w in pairs if w)


@attrs.frozen(kw_only=True)
class SurfaceMix:
    """Relative weights of each style dimension (integers; a zero weight turns a style off)."""

    punctuation: tuple[tuple[str, int], ...] = attrs.field(converter=lambda v: _weights(v, PUNCTUATIONS, "punctuation"))
    ending: tuple[tuple[str, int], ...] = attrs.field(converter=lambda v: _weights(v, ENDINGS, "ending"))
    math: tuple[tuple[str, int], ...] = attrs.field(converter=lambda v: _weights(v, MATH_STYLES, "math"))
    spacing: tuple[tuple[str, int], ...] = attrs.field(converter=lambda v: _weights(v, SPACINGS, "spacing"))
    gap: tuple[tuple[str, int], ...] = attrs.field(converter=lambda v: _weights(v, GAPS, "gap"))

    def choose(self, seed: int, unit_id: str, type_id: str, index: int) -> SurfaceStyle:
        """The style of one item, from a stream of its own (the sampler's stream is untouched)."""
        rng = Random(derive_seed("mathft-surface", seed, unit_id, type_id, index))
        picks = {}
        for name in DIMENSIONS:
            options = getattr(self, name)
            picks[name] = rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]
        return SurfaceStyle(**picks)

    def to_json(self) -> dict[str, dict[str, int]]:
        return {name: dict(getattr(self, name)) for name in DIMENSIONS}


#: The default mix, modelled on the six public competition samples (three 、。, one ，。
#: and one ．; 求めなさい twice, 求めよ three times, 解いてください once; two of six display
#: the formula; spaced math; most write ``$a$円`` with no gap). The shipped build config
#: ``mathft_core/data/build.default.toml`` holds the same numbers.
DEFAULT_MIX = SurfaceMix(
    punctuation={"、。": 3, "，。": 2, "，．": 1},
    ending={"plain": 3, "nasai": 2, "kudasai": 1},
    math={"inline": 2, "display": 1},
    spacing={"spaced": 3, "compact": 1},
    gap={"spaced": 1, "tight": 1},
)


def _split(text: str) -> list[tuple[bool, str]]:
    """``(is_math, piece)`` pieces of ``text``; math pieces keep their dollar signs."""
    pieces: list[tuple[bool, str]] = []
    last = 0
    for match in _MATH_RE.finditer(text):
        if match.start() > last:
            pieces.append((False, text[last:match.start()]))
        pieces.append((True, match.group(0)))
        last = match.end()
    if last < len(text):
        pieces.append((False, text[last:]))
    return pieces


def _strip_dollars(span: str) -> str:
    return span[2:-2] if span.startswith("$$") else span[1:-1]


def math_signature(text: str) -> list[str]:
    """The math spans of ``text`` with spacing and exponent braces normalised away.

    Two texts with equal signatures hold the same formulas, token for token.
    """
    out = []
    for is_math, piece in _split(text):
        if is_math:
            body = _BRACED_EXPONENT.sub(r"^\1", _strip_dollars(piece))
            out.append(_UNESCAPED_SPACE.sub("", body))
    return out


def _punctuate(piece: str, style: str) -> str:
    comma, stop = PUNCTUATIONS[style]
    return piece.translate(str.maketrans({"、": comma, "，": comma, "。": stop, "．": stop}))


def _end(piece: str, ending: str) -> str:
    col = ENDINGS.index(ending)
    return _ENDING_RE.sub(lambda m: _FORM_ROW[m.group(1)][col], piece)


def _space(body: str, spacing: str) -> str:
    if spacing == "compact":
        body = _OPERATOR_SPACE_AFTER.sub("", _OPERATOR_SPACE_BEFORE.sub("", body))
        return _BRACED_EXPONENT.sub(r"^\1", body)
    return _BARE_EXPONENT.sub(r"^{\1}", body)


def _tighten(pieces: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Drop the spaces between inline math and prose (never between two formulas)."""
    out = []
    for i, (is_math, piece) in enumerate(pieces):
        if not is_math and piece.strip(" "):
            if i > 0 and pieces[i - 1][0]:
                piece = piece.lstrip(" ")
            if i + 1 < len(pieces) and pieces[i + 1][0]:
                piece = piece.rstrip(" ")
        out.append((is_math, piece))
    return out


def _main_formula(pieces: list[tuple[bool, str]]) -> int | None:
    """Index of the main inline formula (an equation or relation first, then the longest;
    never a point), if the text has no display math yet."""
    if any(is_math and piece.startswith("$$") for is_math, piece in pieces):
        return None
    ranked = [
        ((_RELATION_RE.search(piece) is not None, len(piece)), i)
        for i, (is_math, piece) in enumerate(pieces)
        if is_math and len(piece) - 2 >= MIN_DISPLAY_CHARS and not _POINT_RE.match(piece)
    ]
    return max(ranked)[1] if ranked else None


def apply_surface(text: str, style: SurfaceStyle) -> tuple[str, dict[str, str]]:
    """Rewrite a problem text in ``style``; returns the text and the style actually applied.

    ``math`` is reported as ``display`` when the result displays a formula (promoted, or
    displayed by the template already) and ``inline`` otherwise. Raises
    :class:`SurfaceError` if the formulas would change.
    """
    pieces = _split(text)
    if style.gap == "tight":
        pieces = _tighten(pieces)
    promote = _main_formula(pieces) if style.math == "display" else None
    out = []
    for i, (is_math, piece) in enumerate(pieces):
        if is_math:
            fence = "$$" if piece.startswith("$$") or i == promote else "$"
            out.append(f"{fence}{_space(_strip_dollars(piece), style.spacing)}{fence}")
        else:
            out.append(_end(_punctuate(piece, style.punctuation), style.ending))
    result = "".join(out)
    if math_signature(result) != math_signature(text):
        raise SurfaceError(f"surface style {style.to_json()} changed the math of {text!r}")
    applied = attrs.evolve(style, math="display" if "$$" in result else "inline")
    return result, applied.to_json()
