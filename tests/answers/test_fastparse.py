"""The worker's latex2sympy2 speed-ups give the library's own results exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy as sp
from answerhelpers import ANSWERS, EXPRESSIONS
from hypothesis import given, settings
from hypothesis import strategies as st
from latex2sympy2_extended import latex2sympy

from mathft_core.answers import fastparse
from mathft_core.answers.grader import _DELIM, prepare_prediction, wrap
from mathft_core.answers.memo import Unkeyable, structural_key

HERE = Path(__file__).parent
MV_CASES = HERE.parents[2] / "shared" / "benchmarks" / "math_verify_cases.jsonl"


def _outcome(text: str) -> tuple[str, object]:
    """What latex2sympy makes of a text: the exact object (all its state) or the error raised."""
    try:
        value = latex2sympy(text)
    except Exception as exc:
        return type(exc).__name__, str(exc)
    try:
        return "ok", structural_key(value)
    except Unkeyable:  # a matrix: its entries say it all
        return "ok", sp.srepr(value)


def _both(text: str) -> tuple[tuple[str, object], tuple[str, object]]:
    fastparse.uninstall()
    ll = _outcome(text)
    fastparse.install()
    try:
        two_stage = _outcome(text)
    finally:
        fastparse.uninstall()
    return ll, two_stage


@pytest.fixture(autouse=True)
def _ll_afterwards():
    """These tests switch the mode in this process; leave latex2sympy2 as it was."""
    was = fastparse.installed()
    yield
    if was:
        fastparse.install()
    else:
        fastparse.uninstall()


def _corpus() -> list[str]:
    texts = []
    rows = [json.loads(line) for line in (HERE / "ja_pairs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if MV_CASES.is_file():
        rows += [json.loads(line) for line in MV_CASES.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        for text in (row["gold"], row["pred"]):
            body = _DELIM.sub(" ", wrap(prepare_prediction(text))).strip()
            if 0 < len(body) < 300:
                texts.append(body)
    return sorted(set(texts))


def test_corpus_parses_identically() -> None:
    corpus = _corpus()
    assert len(corpus) > 300
    differ = [(t, *_both(t)) for t in corpus]
    differ = [d for d in differ if d[1] != d[2]]
    assert not differ, differ[:5]


@settings(max_examples=150, deadline=None)
@given(st.one_of(ANSWERS, EXPRESSIONS))
def test_generated_latex_parses_identically(text: str) -> None:
    ll, two_stage = _both(text)
    assert ll == two_stage


def test_syntax_errors_and_interruptions() -> None:
    fastparse.install()
    with pytest.raises(Exception, match="expected"):
        latex2sympy("\\frac{1}{")
    assert fastparse._retry_with_ll(Exception("syntax"))
    assert fastparse._retry_with_ll(RecursionError())
    assert not fastparse._retry_with_ll(MemoryError())

    class Interrupt(Exception):
        """A subclass (like the engine's soft deadline) is an interruption, not a syntax error."""

    assert not fastparse._retry_with_ll(Interrupt())


def test_install_is_idempotent_and_reversible() -> None:
    from latex2sympy2_extended import latex2sympy2 as l2s

    fastparse.uninstall()
    def methods() -> tuple:
        return l2s._Latex2Sympy.create_parser, l2s._Latex2Sympy.parse_number

    original = methods()
    fastparse.install()
    patched = methods()
    fastparse.install()
    assert methods() == patched
    assert all(a is not b for a, b in zip(patched, original, strict=True))
    fastparse.uninstall()
    assert methods() == original


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.integers(-(10**30), 10**30).map(str), st.decimals(allow_nan=False, allow_infinity=False, places=6).map(str),
                 st.from_regex(r"\A0*[0-9]{0,12}(\.[0-9]{0,12})?\Z")))
def test_cached_numbers_equal_fresh_ones(text: str) -> None:
    from latex2sympy2_extended import latex2sympy2 as l2s

    converter = l2s._Latex2Sympy()
    fastparse.uninstall()
    try:
        fresh = converter.parse_number(text)
    except Exception as exc:
        fresh = type(exc)
    fastparse.install()
    for _ in range(2):  # the second time from the cache
        try:
            cached = converter.parse_number(text)
        except Exception as exc:
            cached = type(exc)
        if isinstance(fresh, type):
            assert cached is fresh
        else:
            assert structural_key(cached) == structural_key(fresh)
    fastparse.clear()


def test_long_texts_parse_with_ll_only() -> None:
    """Hostile long input is not parsed twice (SLL failing late, then LL)."""
    from antlr4.atn.PredictionMode import PredictionMode
    from latex2sympy2_extended import latex2sympy2 as l2s

    fastparse.install()
    converter = l2s._Latex2Sympy()
    short, long = "x + 1", "x + " * 400 + "1"
    assert converter.create_parser(short)._interp.predictionMode == PredictionMode.SLL
    assert converter.create_parser(long)._interp.predictionMode == PredictionMode.LL
    assert _both(long)[0] == _both(long)[1]


def test_sll_skips_full_context_prediction(monkeypatch) -> None:
    """The point of it: LL's uncached full-context step is what SLL leaves out."""
    from antlr4.atn.ParserATNSimulator import ParserATNSimulator

    calls = []
    full_context = ParserATNSimulator.execATNWithFullContext

    def counted(self, *args):
        calls.append(1)
        return full_context(self, *args)

    monkeypatch.setattr(ParserATNSimulator, "execATNWithFullContext", counted)
    texts = ["x \\leqq -1, 3 < x", "(1, 3]", "\\frac{1}{2} + \\sqrt{3}", "x = -1, 3"]
    fastparse.uninstall()
    for text in texts:
        latex2sympy(text)
    assert calls, "LL runs full-context prediction on these"
    calls.clear()
    fastparse.install()
    for text in texts:
        latex2sympy(text)
    assert not calls
