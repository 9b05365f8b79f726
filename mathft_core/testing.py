"""The standard property tests for unit authors: a pytest plugin plus Hypothesis strategies.

Installed as the ``pytest11`` entry point ``mathft``. A unit author writes::

    from mathft_core.testing import UnitContract

    class TestMyUnit(UnitContract):
        unit_ids = ("mytopic.myunit",)

and gets, for every problem type of those units: every phrasing renders with no undefined
name, the same identity gives the same item, the independent verifier accepts the answer,
the answer LaTeX parses (math-verify) back to the solver's exact value, no polite forms,
distinct problem texts, and no lint hit (:mod:`mathft_core.lint`, built-in and plugin rules). ``unit_ids = ("*",)`` tests every installed unit.

Examples per property: ``MATHFT_EXAMPLES`` (default 20); runs are derandomized so CI is
reproducible (set ``MATHFT_EXAMPLES`` higher for a deeper local run).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any, ClassVar

import attrs
import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathft_core.generate import POLITE_RE, ItemError, make_item
from mathft_core.lint import LintItem, find_hits
from mathft_core.lint_baseline import tolerated_rules
from mathft_core.mutation import VERIFIER_BLIND, VerifierBlind, check_verifier_sees_answer
from mathft_core.plugins import UnitRegistry, collect_units, get_plugin_manager
from mathft_core.records import ProblemRecord
from mathft_core.render import build_environment, render
from mathft_core.roundtrip import latex_matches_value
from mathft_core.seeding import item_rng
from mathft_core.units import DIFFICULTIES, ProblemType, Unit

EXAMPLES = int(os.environ.get("MATHFT_EXAMPLES", "20"))
DISTINCT_SAMPLE = int(os.environ.get("MATHFT_DISTINCT_SAMPLE", "100"))
#: Minimum share of distinct problem texts among ``DISTINCT_SAMPLE`` items of one type.
DISTINCT_MIN = 0.95

property_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        # each parametrized case runs on a fresh instance of the contract class
        HealthCheck.differing_executors,
    ],
    database=None,
)


# --- strategies -----------------------------------------------------------------------

seeds = st.integers(min_value=0, max_value=2**32 - 1)
indices = st.integers(min_value=0, max_value=10**6)
difficulties = st.sampled_from(DIFFICULTIES)


@attrs.frozen
class Identity:
    """The identity an item is regenerated from."""

    seed: int
    index: int
    difficulty: int


def identities() -> st.SearchStrategy[Identity]:
    """Item identities: any seed, any index, any difficulty."""
    return st.builds(Identity, seed=seeds, index=indices, difficulty=difficulties)


@functools.lru_cache(maxsize=1)
def installed_registry() -> UnitRegistry:
    """Registry of the installed plugins (loaded once per test process)."""
    return collect_units(get_plugin_manager())


@functools.cache
def _environment(unit_id: str) -> jinja2.Environment:
    return build_environment([installed_registry()[unit_id]])


def item_for(unit: Unit, ptype: ProblemType, identity: Identity, *, check_latex: bool = False) -> ProblemRecord:
    """Generate one item (raises :class:`~mathft_core.generate.ItemError` on any failure)."""
    return make_item(
        unit, ptype, _environment(unit.id), seed=identity.seed, index=identity.index,
        difficulty=identity.difficulty, check_latex=check_latex, lint_rules=installed_registry().lint_rules,
    )


def records(unit_id: str, type_id: str) -> st.SearchStrategy[ProblemRecord]:
    """Generated records of one installed problem type."""
    unit = installed_registry()[unit_id]
    ptype = unit.type(type_id)
    return identities().map(lambda ident: item_for(unit, ptype, ident))


# --- the contract ---------------------------------------------------------------------


@attrs.frozen
class Case:
    """One (unit, problem type) under test."""

    unit: Unit
    ptype: ProblemType

    def __str__(self) -> str:
        return f"{self.unit.id}/{self.ptype.id}"


def cases_for(unit_ids: Sequence[str]) -> list[Case]:
    registry = installed_registry()
    ids = registry.ids() if tuple(unit_ids) == ("*",) else list(unit_ids)
    return [Case(registry[u], t) for u in ids for t in registry[u].types]


def _fail(case: Case, identity: Identity, exc: ItemError) -> None:
    pytest.fail(f"{case} {identity}: {exc.reason}: {exc.detail}", pytrace=False)


class UnitContract:
    """Subclass with ``unit_ids`` to run the standard property tests on those units."""

    unit_ids: ClassVar[Sequence[str]] = ()

    @property_settings
    @given(identity=identities())
    def test_item_is_generated_and_verified(self, mathft_case: Case, identity: Identity) -> None:
        """Sampler, solver, independent verifier and templates all succeed."""
        try:
            record = item_for(mathft_case.unit, mathft_case.ptype, identity)
        except ItemError as exc:
            _fail(mathft_case, identity, exc)
        assert record.verified and record.verdict == "ok"
        assert record.difficulty == identity.difficulty
        assert record.problem.strip() and record.solution.strip()

    @property_settings
    @given(identity=identities())
    def test_same_identity_same_item(self, mathft_case: Case, identity: Identity) -> None:
        """Regenerating from the identity alone gives the identical record."""
        try:
            first = item_for(mathft_case.unit, mathft_case.ptype, identity).to_json()
            fresh_env = build_environment([mathft_case.unit])
            second = make_item(
                mathft_case.unit, mathft_case.ptype, fresh_env, seed=identity.seed,
                index=identity.index, difficulty=identity.difficulty,
            ).to_json()
        except ItemError as exc:
            _fail(mathft_case, identity, exc)
        assert first == second

    @property_settings
    @given(identity=identities())
    def test_answer_latex_parses_back_to_solver_value(self, mathft_case: Case, identity: Identity) -> None:
        """math-verify reads the canonical answer as the solver's exact value."""
        ptype = mathft_case.ptype
        params = ptype.sample(item_rng(identity.seed, mathft_case.unit.id, ptype.id, identity.index), identity.difficulty)
        solution = ptype.solve(params)
        assert latex_matches_value(solution.answer_latex, solution.answer), (
            f"{mathft_case} {identity}: {solution.answer_latex!r} does not parse back to {solution.answer!r}"
        )

    @property_settings
    @given(identity=identities())
    def test_verifier_rejects_a_mutated_answer(self, mathft_case: Case, identity: Identity) -> None:
        """The verifier checks the final answer: a nearby value, a flipped sign or one changed
        element (with the steps kept) is rejected."""
        ptype = mathft_case.ptype
        params = ptype.sample(item_rng(identity.seed, mathft_case.unit.id, ptype.id, identity.index), identity.difficulty)
        solution = ptype.solve(params)
        try:
            check_verifier_sees_answer(ptype.verify, params, solution)
        except VerifierBlind as exc:
            pytest.fail(f"{mathft_case} {identity}: {VERIFIER_BLIND}: {exc}", pytrace=False)

    @property_settings
    @given(identity=identities())
    def test_every_phrasing_renders(self, mathft_case: Case, identity: Identity) -> None:
        """Each problem template renders with no undefined names, in plain style."""
        unit, ptype = mathft_case.unit, mathft_case.ptype
        params = ptype.sample(item_rng(identity.seed, unit.id, ptype.id, identity.index), identity.difficulty)
        solution = ptype.solve(params)
        context: dict[str, Any] = {"p": params, "s": solution.steps, "answer": solution.answer_latex,
                                   "difficulty": identity.difficulty}
        env = _environment(unit.id)
        texts = [render(env, unit, name, context) for name in ptype.problem_templates]
        assert all(t.strip() for t in texts)
        assert len(set(texts)) == len(texts), f"{mathft_case}: two phrasings render the same text"
        for text in texts:
            assert not POLITE_RE.search(text), f"{mathft_case}: polite form in {text!r}"

    @property_settings
    @given(identity=identities())
    def test_item_passes_lint(self, mathft_case: Case, identity: Identity) -> None:
        """No lint rule fires, not even a fixable one: the unit writes the clean form itself."""
        unit, ptype = mathft_case.unit, mathft_case.ptype
        try:
            record = make_item(unit, ptype, _environment(unit.id), seed=identity.seed, index=identity.index,
                               difficulty=identity.difficulty, lint_rules=())
        except ItemError as exc:
            _fail(mathft_case, identity, exc)
        item = LintItem(problem=record.problem, solution=record.solution, answer=record.answer)
        tolerated = tolerated_rules(unit.id, ptype.id)
        hits = [h for h in find_hits(item, installed_registry().lint_rules) if h.rule not in tolerated]
        assert not hits, f"{mathft_case} {identity}: lint: " + "; ".join(str(h) for h in hits)

    def test_problem_texts_are_distinct(self, mathft_case: Case) -> None:
        """At least 95% distinct problem texts among 100 items per difficulty mix."""
        texts = []
        for i in range(DISTINCT_SAMPLE):
            ident = Identity(seed=42, index=i, difficulty=DIFFICULTIES[i % len(DIFFICULTIES)])
            try:
                texts.append(item_for(mathft_case.unit, mathft_case.ptype, ident).problem)
            except ItemError as exc:
                _fail(mathft_case, ident, exc)
        share = len(set(texts)) / len(texts)
        assert share >= DISTINCT_MIN, f"{mathft_case}: only {share:.0%} distinct problem texts"


# --- pytest plugin hooks ------------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``mathft_case`` over every problem type of a contract class's units."""
    if "mathft_case" not in metafunc.fixturenames:
        return
    cls = metafunc.cls
    unit_ids = getattr(cls, "unit_ids", ()) if cls is not None else ()
    if not unit_ids:
        raise pytest.UsageError(f"{metafunc.function.__qualname__}: set unit_ids on the UnitContract subclass")
    cases = cases_for(unit_ids)
    metafunc.parametrize("mathft_case", cases, ids=[str(c) for c in cases])
