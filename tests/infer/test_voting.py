"""Voting with crafted samples: SymPy checks before the vote, equivalence groups, tie-breaks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathft_core.infer.backends import Sample
from mathft_core.infer.voting import FALSE_STEP, NO_ANSWER, UNPARSEABLE, vote


def samples(*texts: str, logprobs: list[float] | None = None) -> list[Sample]:
    return [Sample(t, None if logprobs is None else logprobs[i]) for i, t in enumerate(texts)]


def test_equivalence_beats_string_majority(checker):
    half = [r"$\boxed{\frac{1}{2}}$", "0.5", r"\dfrac{2}{4}", "1/2", r"\frac{1}{2}"]  # five votes, four forms
    texts = [half[0], "0.4", half[1], "0.4", half[2], "0.4", half[3], half[4]]
    result = vote(samples(*texts), checker)
    assert result.output == r"\frac{1}{2}"
    assert not result.fallback
    assert [g.votes for g in result.groups] == [5, 3]
    assert result.groups[0].members == (0, 2, 4, 6, 7)
    assert result.confidence == 5 / 8
    # a plain string vote would have chosen 0.4 (three identical strings against at most two)
    assert max(texts.count(t) for t in set(texts)) == texts.count("0.4") == 3


def test_false_cot_step_is_excluded(checker):
    texts = [
        r"まず $2 + 3 = 6$ である。よって $\boxed{6}$",  # false step: dropped
        r"まず $2 + 3 = 6$ である。したがって $\boxed{6}$",  # false step: dropped
        r"まず $2 + 3 = 5$ である。よって $\boxed{5}$",
    ]
    result = vote(samples(*texts), checker, cot=True)
    assert [c.dropped for c in result.candidates] == [FALSE_STEP, FALSE_STEP, None]
    assert "5 != 6" in result.candidates[0].detail
    assert result.output == "5"
    # without the CoT check the two false samples would have won
    assert vote(samples(*texts), checker, cot=False).output == "6"


def test_unparseable_and_missing_answers_are_dropped_before_the_vote(checker):
    texts = [r"\frac{1}{", r"\frac{1}{", r"\frac{1}{", "", "3"]
    result = vote(samples(*texts), checker)
    assert [c.dropped for c in result.candidates] == [UNPARSEABLE] * 3 + [NO_ANSWER, None]
    assert result.output == "3"
    assert result.confidence == 1 / 5


def test_tie_goes_to_larger_summed_logprob(checker):
    texts = ["2", "3", "3", "2"]
    result = vote(samples(*texts, logprobs=[-1.0, -0.5, -0.4, -3.0]), checker)
    assert result.output == "3"  # -0.9 beats -4.0
    assert result.groups[0].logprob == -0.9
    flipped = vote(samples(*texts, logprobs=[-0.1, -2.0, -2.0, -0.1]), checker)
    assert flipped.output == "2"


def test_tie_with_equal_or_unknown_logprobs_goes_to_earliest_sample(checker):
    assert vote(samples("7", "4", "4", "7", logprobs=[-1.0, -1.0, -1.0, -1.0]), checker).output == "7"
    assert vote(samples("4", "7", "7", "4"), checker).output == "4"  # no logprobs: earliest
    # one unknown logprob turns the logprob tie-break off for the whole vote
    assert vote(samples("4", "7", "7", "4", logprobs=[-9.0, -0.1, -0.1, None]), checker).output == "4"


def test_fallback_to_most_common_raw_answer(checker):
    texts = [r"\frac{1}{", r"$\boxed{\sqrt{}}$", r"\frac{1}{", r"$\boxed{\sqrt{}}$", r"\frac{1}{"]
    result = vote(samples(*texts), checker)
    assert result.fallback
    assert result.output == r"\frac{1}{"
    assert result.confidence == 3 / 5
    tie = vote(samples(r"\sqrt{", r"\frac{1}{", r"\frac{1}{", r"\sqrt{"), checker)
    assert tie.output == r"\sqrt{"  # equal counts: the earliest


def test_winner_is_printed_in_canonical_form(checker):
    result = vote(samples(r"答えは $x=3$ または $x=-1$ である。", "x = -1, 3", r"$\boxed{x = 3, -1}$"), checker)
    assert result.output == "x = -1, 3"
    assert result.groups[0].votes == 3


ANSWERS = ["2", "3", r"\frac{1}{2}", "0.5", "x = 1", r"\sqrt{2}", r"\frac{1}{"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ANSWERS), min_size=1, max_size=16), st.randoms(use_true_random=False))
def test_vote_invariants(checker, answers, rng):
    """Every sample is in exactly one group or dropped; the winner's block is the largest; a
    clear winner does not depend on sample order."""
    result = vote(samples(*answers), checker)
    members = sorted(i for g in result.groups for i in g.members)
    kept = [c.index for c in result.candidates if c.dropped is None]
    assert members == kept
    if result.groups:
        assert result.groups[0].votes == max(g.votes for g in result.groups)
        assert result.confidence == result.groups[0].votes / len(answers)
        sizes = [g.votes for g in result.groups]
        if sizes.count(sizes[0]) == 1:
            shuffled = list(answers)
            rng.shuffle(shuffled)
            assert vote(samples(*shuffled), checker).output == result.output
    else:
        assert result.fallback
