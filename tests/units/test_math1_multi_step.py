"""math1.multi_step: composed types pass the unit contract; each composed verifier catches a broken link."""

from __future__ import annotations

from random import Random

import attrs
import pytest
import sympy as sp
from mathft_units.math1 import multi_step as ms

from mathft_core.testing import UnitContract

TYPES = {t.id: t for t in ms.UNIT.types}


class TestMultiStepUnit(UnitContract):
    unit_ids = ("math1.multi_step",)


def test_unit_shape_and_phrasings() -> None:
    assert len(TYPES) >= 4
    assert all(t.shape == "multi-step" and len(t.problem_templates) >= 5 for t in TYPES.values())


@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_composed_item_stores_verified_steps(type_id: str) -> None:
    ptype = TYPES[type_id]
    for seed in range(20):
        params = ptype.sample(Random(seed), 1 + seed % 5)
        stored = params["first"]
        assert set(stored) == {"type", "difficulty", "params"}
        assert ptype.verify(params, ptype.solve(params)) is True


def test_extremum_feeds_the_inequality() -> None:
    ptype = TYPES["extremum_inequality"]
    params = ptype.sample(Random(3), 2)
    sol = ptype.solve(params)
    value = int(ms.EXTREMUM.solve(params["first"]["params"]).answer)
    assert params["second"]["params"]["c"] == value + params["shift"]
    # another shift breaks the link: the solver refuses, the verifier rejects the old answer
    broken = {**params, "shift": params["shift"] + 1}
    with pytest.raises(ValueError):
        ptype.solve(broken)
    assert not ptype.verify(broken, sol)


def test_vertex_verifier_rejects_a_wrong_extremum() -> None:
    ptype = TYPES["vertex_extremum"]
    params = ptype.sample(Random(8), 3)
    sol = ptype.solve(params)
    wrong = attrs.evolve(sol, answer=sol.answer + 1)
    assert ptype.verify(params, sol) and not ptype.verify(params, wrong)


def test_tasuki_constant_comes_from_the_transformed_value() -> None:
    ptype = TYPES["transform_tasuki"]
    params = ptype.sample(Random(4), 1)
    f = params["first"]["params"]
    value = f["a"] * f["mean"] + f["b"] if f["kind"] == "mean" else f["a"] ** 2 * f["var"]
    assert params["second"]["params"]["c"] == value + params["shift"]
    sol = ptype.solve(params)
    x = sp.Symbol("x")
    assert not ptype.verify({**params, "shift": params["shift"] + 1}, sol)
    assert sp.expand(sol.answer).coeff(x, 0) == value + params["shift"]


def test_area_verifier_uses_the_given_ratio() -> None:
    ptype = TYPES["relation_area"]
    params = ptype.sample(Random(1), 2)
    sol = ptype.solve(params)
    assert ptype.verify(params, sol)
    assert not ptype.verify({**params, "b": params["b"] + 1}, sol)
