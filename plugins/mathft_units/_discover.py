"""Collect the ``UNIT`` of every module in a course package, in module-name order."""

from __future__ import annotations

import importlib
import pkgutil

from mathft_core.units import Unit


def units_of_package(package_name: str) -> tuple[Unit, ...]:
    """Import each non-private module of ``package_name`` and return its ``UNIT`` values."""
    package = importlib.import_module(package_name)
    units = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package_name}.{info.name}")
        unit = getattr(module, "UNIT", None)
        if isinstance(unit, Unit):
            units.append(unit)
    return tuple(units)
