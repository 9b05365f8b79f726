"""mathft_core.compose: sub-problems drawn from the item's stream, solved, verified and reloaded."""

from __future__ import annotations

import json
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathft_core import compose
from mathft_core.units import ProblemType, SamplingError, Solution


def _sample(rng: Random, difficulty: int) -> dict:
    return {"n": rng.randint(1, 10 * difficulty)}


def _solve(params: dict) -> Solution:
    return Solution(answer=params["n"] ** 2, answer_latex=str(params["n"] ** 2))


def _verify(params: dict, solution: Solution) -> bool:
    return solution.answer == sum(2 * k - 1 for k in range(1, params["n"] + 1))


SQUARE = ProblemType(id="square", name="平方", sample=_sample, solve=_solve, verify=_verify,
                     problem_templates=("a", "b", "c"), solution_template="s")
LIAR = ProblemType(id="liar", name="誤答", sample=_sample, solve=lambda p: Solution(answer=-1, answer_latex="-1"),
                   verify=_verify, problem_templates=("a", "b", "c"), solution_template="s")

seeds = st.integers(0, 2**64 - 1)
levels = st.integers(1, 5)
settings_ = settings(max_examples=60, deadline=None, derandomize=True, database=None)


@settings_
@given(seed=seeds, difficulty=levels, label=st.text(min_size=1, max_size=8))
def test_same_item_stream_same_step(seed: int, difficulty: int, label: str) -> None:
    a = compose.sample_step(Random(seed), SQUARE, difficulty, label=label)
    b = compose.sample_step(Random(seed), SQUARE, difficulty, label=label)
    assert a == b and a.solution.answer == a.params["n"] ** 2


@settings_
@given(seed=seeds, difficulty=levels, bound=st.integers(1, 9))
def test_step_takes_one_draw_of_the_item_stream_however_many_tries(seed: int, difficulty: int, bound: int) -> None:
    rng, reference = Random(seed), Random(seed)
    step = compose.sample_step(rng, SQUARE, difficulty, label="s", accept=lambda p, _s: p["n"] <= bound)
    reference.getrandbits(64)
    assert step.params["n"] <= bound
    assert rng.random() == reference.random()


@settings_
@given(seed=seeds, difficulty=levels, parity=st.integers(0, 1))
def test_where_filters_params_before_solving(seed: int, difficulty: int, parity: int) -> None:
    solved: list[int] = []

    def counting_solve(params: dict) -> Solution:
        solved.append(params["n"])
        return _solve(params)

    counting = ProblemType(id="square", name="平方", sample=_sample, solve=counting_solve, verify=_verify,
                           problem_templates=("a", "b", "c"), solution_template="s")
    step = compose.sample_step(Random(seed), counting, difficulty, label="w", where=lambda p: p["n"] % 2 == parity)
    assert step.params["n"] % 2 == parity and solved == [step.params["n"]]


@settings_
@given(seed=seeds)
def test_labels_give_separate_streams(seed: int) -> None:
    draws = {compose.sub_rng(Random(seed), label).getrandbits(64) for label in ("a", "b", "c", "d")}
    assert len(draws) == 4


@settings_
@given(seed=seeds, difficulty=levels)
def test_stored_step_is_json_and_reloads_to_the_same_result(seed: int, difficulty: int) -> None:
    step = compose.sample_step(Random(seed), SQUARE, difficulty, label="x")
    stored = json.loads(json.dumps({"first": step.to_params()}))
    (again,) = compose.load_steps(stored, {"first": SQUARE})
    assert again.solution.answer == step.solution.answer and again.params == step.params
    assert again.difficulty == difficulty


def test_a_rejected_sub_solution_fails_loudly() -> None:
    step = compose.sample_step(Random(1), LIAR, 1, label="x")  # the sampler only solves ...
    with pytest.raises(compose.StepRejected):  # ... the composed solver's reload verifies
        compose.load_step(LIAR, step.to_params())
    with pytest.raises(compose.StepRejected):
        compose.build_step(LIAR, {"n": 3}, 1, verify=True)
    assert compose.build_step(SQUARE, {"n": 3}, 1, verify=True).solution.answer == 9
    with pytest.raises(compose.StepRejected):
        compose.load_step(SQUARE, {"type": "liar", "difficulty": 1, "params": {"n": 3}})


def test_an_impossible_condition_is_a_sampling_error() -> None:
    with pytest.raises(SamplingError):
        compose.sample_step(Random(1), SQUARE, 1, label="x", accept=lambda p, _s: p["n"] > 100, max_tries=20)
