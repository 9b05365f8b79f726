"""Plugin manager factory and the unit registry.

Entry points of the group ``mathft`` are loaded one by one (rather than with pluggy's
``load_setuptools_entrypoints``, which stops at the first broken plugin) so that a plugin
that fails to import, fails hook validation (a misspelled hookimpl, wrong arguments) or
registers a unit id that is already taken is reported with its distribution name and
version and skipped, while every other plugin loads. Built-in units (the ``mathft``
distribution) win a clash; otherwise the plugin loaded first keeps the id.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pluggy

from mathft_core import hookspecs
from mathft_core.errors import PluginLoadError, UnitValidationError
from mathft_core.lint import BUILTIN_RULES, LintRule, validate_rule
from mathft_core.units import Unit


@attrs.frozen(kw_only=True)
class PluginProblem:
    """A plugin that failed to load or registered something invalid."""

    plugin: str
    distribution: str
    version: str
    message: str

    def __str__(self) -> str:
        message = " ".join(self.message.split())  # one line, whatever the plugin's error text
        return f"plugin {self.plugin!r} ({self.distribution} {self.version}): {message}"


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One registered plugin, for ``mathft plugins``."""

    name: str
    distribution: str
    version: str
    hooks: tuple[str, ...]


def _dist_of(entry_point: md.EntryPoint) -> tuple[str, str]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return ("unknown", "unknown")
    return (dist.metadata["Name"] or "unknown", dist.version or "unknown")


def get_plugin_manager(
    *,
    load_entry_points: bool = True,
    extra_plugins: Iterable[tuple[str, object]] = (),
) -> pluggy.PluginManager:
    """Build a fresh plugin manager: specs, entry points of group ``mathft``, extras.

    Import failures are collected on ``pm.mathft_problems`` (a list of
    :class:`PluginProblem`) instead of raised. ``check_pending()`` is called so a misspelled
    hookimpl fails loudly.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    dists: dict[str, tuple[str, str]] = {}

    def add(plugin: object, name: str, dist: tuple[str, str]) -> None:
        problem = _register_checked(pm, plugin, name)
        if problem:
            problems.append(PluginProblem(plugin=name, distribution=dist[0], version=dist[1], message=problem))
        else:
            dists[name] = dist

    if load_entry_points:
        seen: set[str] = set()
        eps = sorted(md.entry_points(group=hookspecs.ENTRY_POINT_GROUP), key=lambda e: e.name)
        for ep in eps:
            if ep.name in seen:
                continue
            seen.add(ep.name)
            dist_name, dist_version = _dist_of(ep)
            try:
                plugin = ep.load()
            except Exception as exc:  # any import-time failure of third-party code
                problems.append(
                    PluginProblem(
                        plugin=ep.name,
                        distribution=dist_name,
                        version=dist_version,
                        message=f"failed to import {ep.value}: {type(exc).__name__}: {exc}",
                    )
                )
                continue
            if pm.is_registered(plugin):
                continue
            add(plugin, ep.name, (dist_name, dist_version))
    for name, plugin in extra_plugins:
        add(plugin, name, ("local", "local"))
    pm.check_pending()  # every plugin that could fail it was skipped above
    pm.mathft_problems = problems  # type: ignore[attr-defined]
    pm.mathft_dists = dists  # type: ignore[attr-defined]
    return pm


def _register_checked(pm: pluggy.PluginManager, plugin: object, name: str) -> str | None:
    """Register ``plugin``; on a validation failure unregister it and return what is wrong."""
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        return f"failed hook validation: {exc}"
    except ValueError as exc:  # a name registered twice
        return f"cannot be registered: {exc}"
    unknown = sorted(
        caller.name
        for caller in pm.get_hookcallers(plugin) or []
        if not caller.has_spec()
        and any(impl.plugin is plugin and not impl.optionalhook for impl in caller.get_hookimpls())
    )
    if unknown:
        pm.unregister(plugin)
        known = ", ".join(sorted(n for n in dir(hookspecs) if hasattr(getattr(hookspecs, n), "mathft_spec")))
        return f"failed hook validation: unknown hook {', '.join(unknown)} (misspelled? mathft hooks: {known})"
    return None


def plugin_dist(pm: pluggy.PluginManager, plugin_name: str) -> tuple[str, str]:
    """(distribution, version) of a registered plugin."""
    return getattr(pm, "mathft_dists", {}).get(plugin_name, ("unknown", "unknown"))


def list_plugins(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every registered plugin with its distribution, version and implemented hooks."""
    infos = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0] or ""):
        if plugin is None or name is None:
            continue
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or []))
        dist, ver = plugin_dist(pm, name)
        infos.append(PluginInfo(name=name, distribution=dist, version=ver, hooks=hooks))
    return infos


@attrs.frozen(kw_only=True)
class RegisteredUnit:
    """A unit together with the plugin that registered it."""

    unit: Unit
    plugin: str
    distribution: str
    version: str


@attrs.define
class UnitRegistry:
    """All units registered by the loaded plugins, in id order."""

    units: dict[str, RegisteredUnit] = attrs.field(factory=dict)
    problems: list[PluginProblem] = attrs.field(factory=list)
    #: Lint rules of generation: the built-in ones, then those of ``register_lint_rules``.
    lint_rules: list[LintRule] = attrs.field(factory=lambda: list(BUILTIN_RULES))
    #: unit id -> the problem of the skipped plugin that would have provided it
    skipped: dict[str, PluginProblem] = attrs.field(factory=dict)

    def __contains__(self, unit_id: str) -> bool:
        return unit_id in self.units

    def __getitem__(self, unit_id: str) -> Unit:
        try:
            return self.units[unit_id].unit
        except KeyError:
            known = ", ".join(sorted(self.units)) or "(none)"
            raise KeyError(f"unknown unit {unit_id!r}; installed units: {known}") from None

    def ids(self) -> list[str]:
        return sorted(self.units)

    def all(self) -> list[Unit]:
        return [self.units[i].unit for i in self.ids()]


#: The distribution of the built-in units: its units win an id clash.
CORE_DISTRIBUTION = "mathft"


def _unit_hookimpls(pm: pluggy.PluginManager) -> list[Any]:
    """``register_units`` hookimpls, built-in distribution first, then in load order."""
    impls = list(pm.hook.register_units.get_hookimpls())
    return sorted(impls, key=lambda impl: plugin_dist(pm, impl.plugin_name)[0] != CORE_DISTRIBUTION)


def _units_of(impl: Any) -> list[Unit]:
    """Every unit one ``register_units`` hookimpl registers (raises on an invalid one)."""
    found: list[Unit] = []

    def register(unit: Any) -> None:
        if not isinstance(unit, Unit):
            raise UnitValidationError(f"registered object {unit!r} is not a mathft Unit")
        found.append(unit)

    impl.function(register=register)
    return found


def _call_per_plugin(
    pm: pluggy.PluginManager, hook_name: str, make_register: Callable[[str], Callable[[Any], None]]
) -> list[PluginProblem]:
    """Call one ``register``-style hook per plugin; a plugin whose hook fails is one problem."""
    problems: list[PluginProblem] = []
    hook = getattr(pm.hook, hook_name)
    for impl in hook.get_hookimpls():
        name = impl.plugin_name
        try:
            impl.function(register=make_register(name))
        except Exception as exc:  # a broken plugin must not stop the others
            dist, ver = plugin_dist(pm, name)
            problems.append(
                PluginProblem(
                    plugin=name, distribution=dist, version=ver,
                    message=f"{hook_name} failed: {type(exc).__name__}: {exc}",
                )
            )
    return problems


def collect_units(pm: pluggy.PluginManager) -> UnitRegistry:
    """Call every ``register_units`` hookimpl and validate what each registers.

    A plugin whose hook fails, that registers an invalid unit, or whose unit id is already
    taken (by a built-in unit or a plugin loaded before it) is recorded as a problem naming
    its distribution and skipped as a whole; the other plugins' units still load.
    """
    registry = UnitRegistry(problems=list(getattr(pm, "mathft_problems", [])))
    for impl in _unit_hookimpls(pm):
        name = impl.plugin_name
        dist, ver = plugin_dist(pm, name)
        try:
            units = _units_of(impl)
        except Exception as exc:  # a broken plugin must not stop the others
            registry.problems.append(PluginProblem(
                plugin=name, distribution=dist, version=ver,
                message=f"register_units failed: {type(exc).__name__}: {exc}",
            ))
            continue
        ids = [u.id for u in units]
        clash = next((i for i in ids if i in registry.units), None)
        repeated = next((i for i in ids if ids.count(i) > 1), None)
        if clash or repeated:
            if clash:
                other = registry.units[clash]
                what = (f"unit id {clash!r} is already registered by plugin {other.plugin!r} "
                        f"({other.distribution} {other.version})")
            else:
                what = f"unit id {repeated!r} is registered twice by this plugin"
            problem = PluginProblem(plugin=name, distribution=dist, version=ver, message=f"{what}; plugin skipped")
            registry.problems.append(problem)
            registry.skipped.update({i: problem for i in ids if i not in registry.units})
            continue
        for unit in units:
            registry.units[unit.id] = RegisteredUnit(unit=unit, plugin=name, distribution=dist, version=ver)
    registry.units = dict(sorted(registry.units.items()))
    registry.lint_rules, lint_problems = collect_lint_rules(pm)
    registry.problems.extend(lint_problems)
    return registry


def collect_lint_rules(pm: pluggy.PluginManager) -> tuple[list[LintRule], list[PluginProblem]]:
    """Built-in lint rules plus every ``register_lint_rules`` contribution.

    A rule that is not a :class:`~mathft_core.lint.LintRule` or reuses a taken name is a
    problem of its plugin (that plugin's other rules still count).
    """
    rules = list(BUILTIN_RULES)
    owner = {r.name: "mathft" for r in rules}

    def make_register(plugin_name: str) -> Callable[[Any], None]:
        def register(rule: Any) -> None:
            rule = validate_rule(rule)
            if rule.name in owner:
                raise ValueError(f"lint rule {rule.name!r} is already registered by {owner[rule.name]!r}")
            owner[rule.name] = plugin_name
            rules.append(rule)

        return register

    problems = _call_per_plugin(pm, "register_lint_rules", make_register)
    return rules, problems


def load_units(
    *, extra_plugins: Iterable[tuple[str, object]] = (), load_entry_points: bool = True
) -> UnitRegistry:
    """Plugin manager + unit collection in one call."""
    pm = get_plugin_manager(load_entry_points=load_entry_points, extra_plugins=extra_plugins)
    return collect_units(pm)


def require_units(registry: UnitRegistry, wanted: Iterable[str]) -> list[Unit]:
    """The units named in ``wanted``; a missing one that a plugin failed to provide is an error."""
    units = []
    for unit_id in wanted:
        if unit_id in registry.skipped:
            raise PluginLoadError(f"unit {unit_id!r} is not available: {registry.skipped[unit_id]}")
        if unit_id not in registry:
            hint = "; ".join(str(p) for p in registry.problems)
            raise PluginLoadError(
                f"unit {unit_id!r} is not available" + (f" (plugin problems: {hint})" if hint else "")
            )
        units.append(registry[unit_id])
    return units


def plugin_versions(registry: UnitRegistry) -> Mapping[str, str]:
    """distribution -> version for every distribution that provided a unit (for manifests)."""
    return {r.distribution: r.version for r in registry.units.values()}
