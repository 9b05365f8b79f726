"""Cleaning rules: each rewrites or drops a record and is counted separately.

Built-in rules (in order): ``unicode`` (math-safe NFKC), ``polite`` (in solutions: pleasantries deleted,
polite endings rewritten to である/だ style, an item that stays polite dropped),
``repetition`` (repeated sentences removed, looping texts dropped) and ``length`` (head 60% +
tail 40% of the budget, cut at sentence boundaries). Plugins add rules through the
``register_clean_rules`` hook; every item must still end in exactly one ``\\boxed{answer}``.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs
import pluggy

from mathft_core.build.config import CleanConfig
from mathft_core.build.sentences import split_sentences
from mathft_core.build.textkey import math_nfkc, raw_key
from mathft_core.errors import MathftError
from mathft_core.generate import POLITE_RE
from mathft_core.records import ProblemRecord
from mathft_core.roundtrip import boxed_contents

RuleFn = Callable[[ProblemRecord], "ProblemRecord | None"]


@attrs.frozen(kw_only=True)
class CleanRule:
    """A named rule: ``apply(record)`` returns the record (changed or not) or ``None`` to drop."""

    name: str
    description: str
    apply: RuleFn


class CleanRuleError(MathftError):
    """A clean rule is invalid or failed on an item."""


#: A sentence containing one of these is an AI pleasantry and is deleted outright.
PLEASANTRIES: tuple[str, ...] = (
    "ご参考になれば幸いです", "参考になれば幸いです", "お役に立てれば", "お役に立てたら",
    "いかがでしょうか", "ご不明な点", "不明な点があれば", "お気軽に", "ご質問があれば",
    "質問があれば", "以上です", "頑張ってください", "がんばってください", "理解が深まれば",
    "一緒に考えて", "解説します", "説明します", "お答えします",
)

#: Polite endings rewritten to plain style (longest first). Anything still polite is dropped.
POLITE_REWRITES: tuple[tuple[str, str], ...] = (
    ("ではありません", "ではない"), ("ありません", "ない"), ("でしょうか", "だろうか"),
    ("でしょう", "だろう"), ("でした", "であった"), ("です", "である"),
    ("してください", "せよ"), ("めてください", "めよ"), ("えてください", "えよ"),
    ("しましょう", "する"), ("めましょう", "める"), ("えましょう", "える"), ("みましょう", "みる"),
    ("べましょう", "べる"), ("けましょう", "ける"), ("りましょう", "る"),
    ("しました", "した"), ("なりました", "なった"), ("ています", "ている"), ("できます", "できる"),
    ("なります", "なる"), ("あります", "ある"), ("られます", "られる"), ("れます", "れる"),
    ("します", "する"), ("めます", "める"), ("えます", "える"), ("ります", "る"),
)
#: Polite forms that must not survive cleaning (broader than generation's check).
POLITE_FORMS_RE = re.compile(POLITE_RE.pattern + "|ましょう|ません|ました")
_POLITE_REWRITE_RE = re.compile("|".join(re.escape(a) for a, _ in POLITE_REWRITES))
_POLITE_MAP = dict(POLITE_REWRITES)


def _replace_fields(record: ProblemRecord, fields: Iterable[str], fn: Callable[[str], str | None]) -> ProblemRecord | None:
    changes = {}
    for field in fields:
        before = getattr(record, field)
        after = fn(before)
        if after is None:
            return None
        if after != before:
            changes[field] = after
    return attrs.evolve(record, **changes) if changes else record


def unicode_rule() -> CleanRule:
    """Math-safe NFKC of problem, solution and answer (REFERENCE.md §3)."""
    return CleanRule(
        name="unicode",
        description="math-safe NFKC (², ½ rewritten first; ，。①〜 kept)",
        apply=lambda r: _replace_fields(r, ("problem", "solution", "answer"), math_nfkc),
    )


def strip_polite(text: str, phrases: Sequence[str] = PLEASANTRIES) -> str | None:
    """Delete pleasantry sentences, rewrite polite endings; ``None`` if polite forms remain."""
    if not any(p in text for p in phrases) and not POLITE_FORMS_RE.search(text):
        return text
    kept = [s for s in split_sentences(text) if not any(p in s for p in phrases)]
    text = _POLITE_REWRITE_RE.sub(lambda m: _POLITE_MAP[m.group(0)], "".join(kept))
    if POLITE_FORMS_RE.search(text):
        return None
    return text


def polite_rule(extra_phrases: Sequence[str] = ()) -> CleanRule:
    phrases = (*PLEASANTRIES, *extra_phrases)
    return CleanRule(
        name="polite",
        description="pleasantries deleted, polite endings made plain, still-polite items dropped",
        # solutions only: problem texts may be polite as exams are (求めてください, surface variety)
        apply=lambda r: _replace_fields(r, ("solution",), lambda t: strip_polite(t, phrases)),
    )


def compression_ratio(text: str) -> float:
    """zlib-compressed size over raw size (looping texts compress far better)."""
    data = text.encode("utf-8")
    return len(zlib.compress(data, 9)) / max(1, len(data))


def remove_repeats(text: str, *, min_chars: int, min_ratio: float, min_bytes: int) -> str | None:
    """Drop sentences repeated verbatim (normalized); ``None`` if the text still loops."""
    seen: set[str] = set()
    kept = []
    for sentence in split_sentences(text):
        key = raw_key(sentence)
        if len(key) >= min_chars:
            if key in seen:
                continue
            seen.add(key)
        kept.append(sentence)
    text = "".join(kept)
    if len(text.encode("utf-8")) >= min_bytes and compression_ratio(text) < min_ratio:
        return None
    return text


def repetition_rule(config: CleanConfig) -> CleanRule:
    return CleanRule(
        name="repetition",
        description="repeated sentences removed; looping texts (low zlib ratio) dropped",
        apply=lambda r: _replace_fields(
            r, ("solution",),
            lambda t: remove_repeats(
                t, min_chars=config.min_repeat_chars, min_ratio=config.min_compression_ratio,
                min_bytes=config.loop_min_bytes,
            ),
        ),
    )


def fit_length(text: str, budget: int, head_fraction: float) -> str | None:
    """Keep whole sentences: head up to ``head_fraction`` of the budget, tail the rest.

    Cuts fall only at sentence boundaries outside math; ``None`` when no cut fits.
    """
    if len(text) <= budget:
        return text
    sentences = split_sentences(text)
    head_budget = int(budget * head_fraction)
    tail_budget = budget - head_budget
    head: list[str] = []
    used = 0
    for sentence in sentences:
        if used + len(sentence) > head_budget:
            break
        head.append(sentence)
        used += len(sentence)
    tail: list[str] = []
    used = 0
    for sentence in reversed(sentences[len(head) :]):
        if used + len(sentence) > tail_budget:
            break
        tail.append(sentence)
        used += len(sentence)
    if not head or not tail:
        return None
    head_text = "".join(head)
    if not head_text.endswith("\n"):
        head_text += "\n"
    return head_text + "".join(reversed(tail))


def length_rule(config: CleanConfig) -> CleanRule:
    return CleanRule(
        name="length",
        description=f"texts over {config.length_budget} characters keep head/tail sentences",
        apply=lambda r: _replace_fields(
            r, config.length_fields, lambda t: fit_length(t, config.length_budget, config.head_fraction)
        ),
    )


def builtin_rules(config: CleanConfig) -> list[CleanRule]:
    """The built-in rules in their fixed order."""
    return [unicode_rule(), polite_rule(config.extra_phrases), repetition_rule(config), length_rule(config)]


def plugin_rules(pm: pluggy.PluginManager | None) -> list[CleanRule]:
    """Rules registered by plugins through ``register_clean_rules``, in plugin-name order."""
    if pm is None:
        return []
    rules: list[CleanRule] = []
    impls = sorted(pm.hook.register_clean_rules.get_hookimpls(), key=lambda i: i.plugin_name)
    for impl in impls:

        def register(rule: object, _plugin: str = impl.plugin_name) -> None:
            if not isinstance(rule, CleanRule):
                raise CleanRuleError(f"plugin {_plugin!r} registered {rule!r}, which is not a CleanRule")
            rules.append(rule)

        impl.function(register=register)
    return rules


def select_rules(config: CleanConfig, extra: Sequence[CleanRule] = ()) -> list[CleanRule]:
    """Built-in + extra rules minus the disabled ones; names must be unique and known."""
    rules = [*builtin_rules(config), *extra]
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise CleanRuleError(f"clean rule names registered twice: {dupes}")
    unknown = sorted(set(config.disable) - set(names))
    if unknown:
        raise CleanRuleError(f"clean.disable names unknown rules {unknown}; known rules: {names}")
    return [r for r in rules if r.name not in config.disable]


@attrs.define
class CleanStats:
    """What each rule did: items changed and dropped, and the dropped ids with their rule."""

    changed: Counter[str] = attrs.field(factory=Counter)
    dropped: Counter[str] = attrs.field(factory=Counter)
    dropped_ids: list[tuple[str, str]] = attrs.field(factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "changed": dict(sorted(self.changed.items())),
            "dropped": dict(sorted(self.dropped.items())),
            "dropped_ids": [{"id": i, "rule": r} for i, r in self.dropped_ids],
        }


BOX_CHECK = "box_check"


def clean_records(
    records: Iterable[ProblemRecord], rules: Sequence[CleanRule], *, on_done: Callable[[int], None] | None = None
) -> tuple[list[ProblemRecord], CleanStats]:
    """Apply the rules in order to every record; a record must keep exactly its boxed answer."""
    stats = CleanStats()
    kept: list[ProblemRecord] = []
    for record in records:
        current: ProblemRecord | None = record
        for rule in rules:
            try:
                result = rule.apply(current)
            except Exception as exc:  # plugin code: name the rule and the item
                raise CleanRuleError(f"clean rule {rule.name!r} failed on {record.id}: {type(exc).__name__}: {exc}") from exc
            if result is None:
                stats.dropped[rule.name] += 1
                stats.dropped_ids.append((record.id, rule.name))
                current = None
                break
            if result != current or result.params != current.params:
                stats.changed[rule.name] += 1
            current = result
        if current is not None:
            # generated items end in exactly their boxed answer; external source rows carry
            # whatever their source wrote (an answer alone, or a worked solution)
            if current.verdict != "external" and boxed_contents(current.solution) != [current.answer]:
                stats.dropped[BOX_CHECK] += 1
                stats.dropped_ids.append((record.id, BOX_CHECK))
            else:
                kept.append(current)
        if on_done:
            on_done(1)
    return kept, stats
