"""Exception types shared across mathft."""

from __future__ import annotations


class MathftError(Exception):
    """Base class of every error mathft raises on purpose (the CLI prints one ``error:`` line, exit 2)."""


class UnitValidationError(MathftError, ValueError):
    """A unit or problem type does not satisfy the unit contract."""


class DuplicateUnitError(MathftError):
    """Two plugins registered the same unit id."""


class PluginLoadError(MathftError):
    """A plugin failed to import or registered something invalid."""


class OutputPathError(MathftError):
    """An output path cannot be written (a directory, a socket, an unwritable folder)."""


class InputFormatError(MathftError, ValueError):
    """A data file is malformed; the message names the file, line and field."""

    def __init__(self, path: object, line: int | None, field: str | None, message: str) -> None:
        where = f"{path}"
        if line is not None:
            where += f":{line}"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.field = field
