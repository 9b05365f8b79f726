"""Normalization keys, sentence splitting and the cleaning rules."""

from __future__ import annotations

import attrs
import pytest
from buildhelpers import example_registry
from hypothesis import given, settings
from hypothesis import strategies as st

from mathft_core.build.clean import (
    CleanRule,
    CleanRuleError,
    clean_records,
    fit_length,
    plugin_rules,
    remove_repeats,
    select_rules,
    strip_polite,
)
from mathft_core.build.config import load_config
from mathft_core.build.sentences import split_sentences
from mathft_core.build.textkey import masked_key, math_nfkc, raw_key
from mathft_core.generate import generate_records
from mathft_core.hookspecs import hookimpl
from mathft_core.plugins import get_plugin_manager

CLEAN = load_config().clean


def test_math_nfkc_keeps_math_and_exam_punctuation() -> None:
    assert math_nfkc("x² + ½") == "x^{2} + \\frac{1}{2}"
    assert math_nfkc("①より，ｘ＝１２。") == "①より，x=12。"
    assert math_nfkc("１〜５") == "1〜5"
    assert math_nfkc("３～５") == "3〜5"  # full-width tilde is a wave dash, not LaTeX ~
    assert math_nfkc("ｱｲｳ（ただし）") == "アイウ（ただし）"


@given(st.text(max_size=60))
def test_math_nfkc_is_idempotent(text: str) -> None:
    once = math_nfkc(text)
    assert math_nfkc(once) == once


names = st.sampled_from(["ジャネット", "サクラ", "トム", "エミリー"])
numbers = st.integers(min_value=0, max_value=10**6)


@given(names, names, numbers, numbers, st.sampled_from("abxyt"), st.sampled_from("abxyt"))
def test_masked_key_ignores_numbers_names_and_letters(n1: str, n2: str, a: int, b: int, v1: str, v2: str) -> None:
    template = "{n}は{k}個のりんごを持っている。${v}^2 - {k}{v} < 0$ を解け。"
    one = template.format(n=n1, k=a, v=v1)
    two = template.format(n=n2, k=b, v=v2)
    assert masked_key(one) == masked_key(two)
    if (n1, a, v1) != (n2, b, v2):
        assert raw_key(one) != raw_key(two)


def test_raw_key_drops_tex_noise() -> None:
    assert raw_key("$\\left( \\dfrac{1}{2} \\right)$") == raw_key("(\\frac{1}{2})")


math_text = st.lists(
    st.one_of(
        st.sampled_from(["計算する", "よって", "ここで", "\n", "。", "$x。\n=1$", "$$a\n。b$$", "答え"]),
        st.text(alphabet="あいう0123", max_size=5),
    ),
    max_size=30,
).map("".join)


@given(math_text)
def test_split_sentences_round_trips_and_never_cuts_math(text: str) -> None:
    parts = split_sentences(text)
    assert "".join(parts) == text
    for part in parts[:-1]:
        assert part.count("$") % 2 == 0  # every cut falls outside math


def test_strip_polite_rewrites_and_deletes() -> None:
    text = "両辺を2で割りましょう。$x = 3$ です。ご参考になれば幸いです。いかがでしょうか。"
    assert strip_polite(text) == "両辺を2で割る。$x = 3$ である。"
    assert strip_polite("これを計算しましょう。") == "これを計算する。"
    assert strip_polite("これを書きましょう。") is None  # no safe rewrite: the item is dropped
    assert strip_polite("$x = 1$ である。") == "$x = 1$ である。"


def _solution(n_sentences: int, width: int) -> str:
    body = "".join(f"式{i}は ${'x+' * width}{i}$ と変形できる。\n" for i in range(n_sentences))
    return body + "よって，答えは $\\boxed{5}$ である。"


@given(st.integers(1, 60), st.integers(1, 30), st.integers(200, 1200))
@settings(max_examples=60)
def test_fit_length_keeps_head_and_tail_sentences(n: int, width: int, budget: int) -> None:
    text = _solution(n, width)
    result = fit_length(text, budget, 0.6)
    if len(text) <= budget:
        assert result == text
        return
    if result is None:  # only when no whole sentence fits a side
        sentences = split_sentences(text)
        assert len(sentences[0]) > int(budget * 0.6) or len(sentences[-1]) > budget - int(budget * 0.6)
        return
    assert len(result) <= budget + 1  # one newline may join head and tail
    assert result.endswith("よって，答えは $\\boxed{5}$ である。")
    head, _, _ = result.partition("\n")
    assert text.startswith(head)
    assert result.count("$") % 2 == 0


def test_fit_length_default_budget_is_540_plus_360() -> None:
    text = _solution(80, 3)
    sentences = split_sentences(text)
    result = fit_length(text, 900, 0.6)
    assert result is not None
    splits = [
        (i, j) for i in range(1, len(sentences)) for j in range(i + 1, len(sentences))
        if result == "".join(sentences[:i]) + "".join(sentences[j:])
    ]
    assert splits, "the result is a run of whole head sentences plus a run of whole tail sentences"
    i, j = splits[0]
    assert len("".join(sentences[:i])) <= 540 < len("".join(sentences[: i + 1]))
    assert len("".join(sentences[j:])) <= 360 < len("".join(sentences[j - 1 :]))


def test_remove_repeats_drops_repeated_sentences_and_loops() -> None:
    text = "まず $x^2 - 4 = 0$ を考える。\n因数分解する。\nまず $x^2 - 4 = 0$ を考える。\n答えは $2$ である。"
    assert remove_repeats(text, min_chars=8, min_ratio=0.3, min_bytes=300) == (
        "まず $x^2 - 4 = 0$ を考える。\n因数分解する。\n答えは $2$ である。"
    )
    looping = "".join(f"手順{i % 3}を繰り返すと値は変わらないのでもう一度同じ計算をする{i % 2}。" for i in range(40))
    assert remove_repeats(looping, min_chars=200, min_ratio=0.3, min_bytes=300) is None


def _records(n: int = 10):
    records, _ = generate_records(example_registry(), per_type=n)
    return records


def test_clean_counts_changes_and_drops_per_rule() -> None:
    records = _records()
    polite = attrs.evolve(records[0], solution="ご参考になれば幸いです。" + records[0].solution.replace("である", "です"))
    fullwidth = attrs.evolve(records[1], problem=records[1].problem.replace("$", "").replace("1", "１"))
    broken = attrs.evolve(records[2], solution="答えは書けません。" + records[2].solution)
    kept, stats = clean_records([polite, fullwidth, broken, *records[3:]], select_rules(CLEAN))
    assert stats.changed["polite"] == 1
    assert stats.changed["unicode"] == (1 if "１" in fullwidth.problem else 0)
    assert stats.dropped["polite"] == 1 and stats.dropped_ids == [(broken.id, "polite")]
    assert len(kept) == len(records) - 1
    cleaned = next(r for r in kept if r.id == polite.id)
    assert cleaned.solution == records[0].solution


def test_box_check_drops_items_that_lost_their_answer() -> None:
    record = _records(1)[0]
    no_box = attrs.evolve(record, solution="答えは省略する。")
    kept, stats = clean_records([no_box], select_rules(CLEAN))
    assert kept == [] and stats.dropped["box_check"] == 1


class _UppercaseRule:
    @hookimpl
    def register_clean_rules(self, register):
        register(CleanRule(name="no_tabs", description="tabs to spaces",
                           apply=lambda r: attrs.evolve(r, solution=r.solution.replace("\t", " "))))


def test_plugin_rules_run_after_builtins_and_can_be_disabled() -> None:
    pm = get_plugin_manager(load_entry_points=False, extra_plugins=[("tabs", _UppercaseRule())])
    rules = select_rules(CLEAN, plugin_rules(pm))
    assert [r.name for r in rules] == ["unicode", "polite", "repetition", "length", "no_tabs"]
    record = _records(1)[0]
    tabbed = attrs.evolve(record, solution=record.solution.replace("。", "。\t", 1))
    kept, stats = clean_records([tabbed], rules)
    assert stats.changed["no_tabs"] == 1 and "\t" not in kept[0].solution
    disabled = attrs.evolve(CLEAN, disable=("no_tabs",))
    assert [r.name for r in select_rules(disabled, plugin_rules(pm))][-1] == "length"


def test_unknown_disabled_rule_and_bad_registration_fail_loudly() -> None:
    with pytest.raises(CleanRuleError, match="unknown rules"):
        select_rules(attrs.evolve(CLEAN, disable=("nope",)))

    class Bad:
        @hookimpl
        def register_clean_rules(self, register):
            register("not a rule")

    pm = get_plugin_manager(load_entry_points=False, extra_plugins=[("bad", Bad())])
    with pytest.raises(CleanRuleError, match="'bad'"):
        plugin_rules(pm)
