"""Built-in units of 数学A: every module of this package that defines ``UNIT``."""

from __future__ import annotations

from collections.abc import Callable

from mathft_core.hookspecs import hookimpl
from mathft_core.units import Unit
from mathft_units._discover import units_of_package

UNITS: tuple[Unit, ...] = units_of_package(__name__)


@hookimpl
def register_units(register: Callable[[Unit], None]) -> None:
    for unit in UNITS:
        register(unit)
