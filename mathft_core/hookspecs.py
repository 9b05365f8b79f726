"""Hook specifications of the ``mathft`` plugin system (specs only).

Every hook takes a ``register`` callback instead of returning a list, so the core
can validate each contribution as it arrives and name the plugin that made it.
Hookimpl parameters must never have default values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

PROJECT_NAME = "mathft"
ENTRY_POINT_GROUP = "mathft"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_units(register: Callable[[Any], None]) -> None:
    """Register curriculum units: call ``register(unit)`` once per :class:`~mathft_core.units.Unit`."""


@hookspec
def prepare_jinja_env(env: Any) -> None:
    """Extend the Jinja environment used to render every template (filters, globals, tests)."""


@hookspec
def register_clean_rules(register: Callable[[Any], None]) -> None:
    """Register extra cleaning rules for ``mathft build``: call ``register(rule)`` per rule."""


@hookspec
def register_lint_rules(register: Callable[[Any], None]) -> None:
    """Register extra lint rules for generation: call ``register(rule)`` per ``mathft_core.lint.LintRule``."""


@hookspec
def register_eval_sets(register: Callable[[str, Callable[[], Any]], None]) -> None:
    """Name evaluation sets ``mathft build`` decontaminates against: call ``register(name, load)``
    where ``load()`` returns an iterable of ``(id, problem_text)`` pairs (ids: str or int)."""
