"""The Jinja environment that renders problem and solution templates.

A ``PrefixLoader`` keyed by unit id over each unit's packaged template folder, behind an
optional ``FileSystemLoader`` for repo-level overrides (``<override_dir>/<unit id>/...``).
``StrictUndefined`` makes a missing name an error; ``autoescape`` is off (LaTeX, not HTML).
"""

from __future__ import annotations

import functools
import importlib.resources
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import pluggy

from mathft_core import latex
from mathft_core.units import Unit


def unit_template_root(unit: Unit) -> Path:
    """Folder that holds ``unit``'s templates (package data of ``unit.template_package``)."""
    root = importlib.resources.files(unit.template_package) / unit.templates_dirname
    return Path(str(root))


def _filters() -> dict[str, Any]:
    return {
        "latex": latex.tex,
        "num": latex.num,
        "signed": latex.signed,
        "paren": latex.paren,
        "coef": latex.coef_term,
        "pi": latex.pi_multiple,
    }


def build_environment(
    units: Iterable[Unit],
    *,
    override_dir: str | os.PathLike[str] | None = None,
    pm: pluggy.PluginManager | None = None,
) -> jinja2.Environment:
    """Environment able to load ``<unit id>/<template>`` for every unit given."""
    prefixes: dict[str, jinja2.BaseLoader] = {
        unit.id: jinja2.FileSystemLoader(str(unit_template_root(unit))) for unit in units
    }
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.PrefixLoader(prefixes, delimiter="/"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_filters())
    env.globals["join_terms"] = latex.join_terms
    env.globals["poly"] = latex.poly
    if pm is not None:
        pm.hook.prepare_jinja_env(env=env)
    return env


@functools.lru_cache(maxsize=4096)
def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    return env.get_template(name)


def render(env: jinja2.Environment, unit: Unit, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name`` of ``unit`` and normalise its whitespace."""
    text = _template(env, f"{unit.id}/{name}").render(**context)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)


def missing_templates(env: jinja2.Environment, unit: Unit) -> list[str]:
    """Template names a unit declares that cannot be loaded."""
    missing = []
    for ptype in unit.types:
        for name in (*ptype.problem_templates, ptype.solution_template):
            try:
                _template(env, f"{unit.id}/{name}")
            except jinja2.TemplateNotFound:
                missing.append(f"{unit.id}/{name}")
    return missing
