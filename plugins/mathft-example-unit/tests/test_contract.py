"""The standard mathft property tests, applied to this plugin's unit."""

from mathft_core.testing import UnitContract


class TestBaseConversion(UnitContract):
    unit_ids = ("example.base_conversion",)
