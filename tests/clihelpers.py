"""Run ``mathft`` in-process through its console entry point (the one error path)."""

from __future__ import annotations

import attrs
import pytest

from mathft_core.cli import main


@attrs.frozen
class CliRun:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> CliRun:
    """``mathft ARGV`` via :func:`mathft_core.cli.main`; its exit code and captured output."""
    capsys.readouterr()
    code = 0
    try:
        main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return CliRun(code=code, stdout=out, stderr=err)
