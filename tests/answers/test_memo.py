"""The grader's memoised comparisons: exact keys, and verdicts equal to uncached ones."""

from __future__ import annotations

import pytest
import sympy as sp
from answerhelpers import ANSWERS, bracket_variants
from hypothesis import given, settings
from hypothesis import strategies as st
from latex2sympy2_extended.sets import FiniteSet as L2SFiniteSet

from mathft_core.answers import engine, grader, memo
from mathft_core.answers.memo import StructuralMemo, Unkeyable, structural_key

_MEMOISED = ("_verify_one", "_as_intervals", "interval_equal", "_direction_key")


def test_key_sees_state_that_equality_hides() -> None:
    x = sp.Symbol("x")
    hidden = [
        (sp.Float("0.5", 15), sp.Float("0.5", 30)),
        (x, sp.Symbol("x", positive=True)),
        (L2SFiniteSet(1, 2), L2SFiniteSet(2, 1)),
        (sp.FiniteSet(1, 2), L2SFiniteSet(1, 2)),
        (sp.Integer(2), sp.Float(2)),
        (sp.Tuple(1, 2), (sp.Integer(1), sp.Integer(2))),
        (True, 1),
        ("1", 1),
    ]
    for a, b in hidden:
        assert structural_key(a) != structural_key(b), (a, b)
    assert L2SFiniteSet(1, 2) == L2SFiniteSet(2, 1)  # what plain equality would have merged


def test_key_equal_for_separately_built_equal_objects() -> None:
    def build() -> list:
        x = sp.Symbol("x", real=True)
        return [sp.Eq(x**2 - 2 * x, sp.Rational(3, 4)), L2SFiniteSet(3, x, sp.pi), sp.Interval.Lopen(-1, sp.oo), "x^2"]

    first, second = build(), build()
    assert first is not second
    assert structural_key(first) == structural_key(second)


def test_mutable_values_have_no_key() -> None:
    with pytest.raises(Unkeyable):
        structural_key(sp.Matrix([[1, 2]]))
    with pytest.raises(Unkeyable):
        structural_key({"a": 1})


def test_memo_computes_once_per_key_and_never_caches_errors() -> None:
    calls: list[tuple] = []

    def f(*args):
        calls.append(args)
        if args[0] == "boom":
            raise ValueError("boom")
        return len(calls)

    cached = StructuralMemo(f, size=2)
    x = sp.Symbol("x")
    assert cached(x + 1, "a") == cached(sp.Symbol("x") + 1, "a") == 1
    matrix = sp.Matrix([[1]])
    assert cached(matrix) == 2 and cached(matrix) == 3  # unkeyable: computed each time
    for _ in range(2):
        with pytest.raises(ValueError):
            cached("boom")
    assert len(calls) == 5
    cached(1), cached(2), cached(3)  # size 2: the oldest entries go
    assert len(cached.entries) == 2
    cached.cache_clear()
    assert not cached.entries and cached.hits == 0


def _outcome(gold: str, pred: str, mode: str) -> tuple[str, object]:
    try:
        return "ok", grader.grader_verdict(gold, pred, mode)
    except Exception as exc:  # the grader's own errors must be the same too
        return "error", type(exc).__name__


def _uncached(monkeypatch: pytest.MonkeyPatch, gold: str, pred: str, mode: str) -> tuple[str, object]:
    with monkeypatch.context() as patch:
        for name in _MEMOISED:
            patch.setattr(grader, name, getattr(grader, name).__wrapped__)
        return _outcome(gold, pred, mode)


@settings(max_examples=60, deadline=None)
@given(ANSWERS, ANSWERS, st.sampled_from(["soft", "strict"]))
def test_cached_verdict_equals_uncached(gold: str, pred: str, mode: str) -> None:
    # monkeypatch is function-scoped, so Hypothesis gets its own per example
    with pytest.MonkeyPatch.context() as monkeypatch:
        candidates = [(gold, pred), (gold, gold), *((gold, p) for p in bracket_variants(pred)), (pred, gold)]
        for g, p in candidates:
            expected = _uncached(monkeypatch, g, p, mode)
            assert _outcome(g, p, mode) == expected, (g, p)
            assert _outcome(g, p, mode) == expected, (g, p)  # the second time from the memo


def test_memo_hits_and_clear_caches() -> None:
    engine.clear_caches()
    grader.grader_verdict("$(x-1)^2 + y^2 = 1$", "(x+1)^2 + y^2 = 1", "soft")
    # the bracket variants of the prediction parse to the same objects: compared once
    assert grader._verify_one.hits > 0
    engine.clear_caches()
    assert all(not getattr(grader, name).entries for name in _MEMOISED)


def test_dataset_verdicts_unchanged_by_the_memo(monkeypatch, ja_pairs) -> None:
    """Every soft verdict of the Japanese set, with and without memoised comparisons."""
    memo.clear_all()
    cached = [_outcome(r["gold"], r["pred"], "soft") for r in ja_pairs if "^{5^" not in r["pred"]]
    uncached = [_uncached(monkeypatch, r["gold"], r["pred"], "soft") for r in ja_pairs if "^{5^" not in r["pred"]]
    assert cached == uncached
