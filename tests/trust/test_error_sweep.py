"""Issue 15 acceptance: every command x every bad-file condition is one ``error:`` line, exit 2.

Each case writes the files a command reads or writes, spoils one of them, and runs
``mathft`` through its console entry point: exit code 2, exactly one line starting with
``error:`` that names the spoiled file (and its line where there is one), no traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from tests.clihelpers import run_main

NON_UTF8 = b'{"id": 1, "problem": "\xff\xfe"}\n'
BUILD_TOML = '[items]\nunits = ["example.base_conversion"]\nper_type = 1\ntotal = 0\n'
TRAIN_TOML = '[model]\npath = "model"\n[data]\ndir = "data"\n[output]\ndir = "runs"\n'


@attrs.frozen
class Case:
    argv: list[str]
    names: Path  # the file the error line must name
    line: int | None = None


@attrs.frozen
class Command:
    """How to run one command with one spoilable file (``target``) and valid others."""

    name: str
    good: str  # valid content of the target file
    wrong_field: str  # a well-formed file with a wrong or missing field
    malformed: str  # line 2 is broken
    argv: Callable[[Path, Path], list[str]]  # (target, tmp) -> argv
    output: Callable[[Path, Path], list[str]] | None = None  # (output path, tmp) -> argv
    output_is_folder: bool = False


def _fake_model(tmp: Path) -> Path:
    model = tmp / "model"
    model.mkdir(exist_ok=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    return model


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


COMMANDS = [
    Command(
        "check-contamination",
        good='{"id": "t1", "problem": "x", "solution": "y"}\n',
        wrong_field='{"id": "t1", "text": "x"}\n',
        malformed='{"id": "t1", "problem": "x"}\n{broken\n',
        argv=lambda target, tmp: ["check-contamination", str(target),
                                  str(_write(tmp / "eval.tsv", "ある問題\t1\n"))],
    ),
    Command(
        "answer check --pairs",
        good='{"gold": "1", "pred": "1"}\n',
        wrong_field='{"gold": 1, "pred": "1"}\n',
        malformed='{"gold": "1", "pred": "1"}\n{broken\n',
        argv=lambda target, tmp: ["answer", "check", "--pairs", str(target)],
    ),
    Command(
        "eval",
        good='{"id": 1, "solution": "2"}\n',
        wrong_field='{"id": 1, "answer": "2"}\n',
        malformed='{"id": 1, "solution": "2"}\n{broken\n',
        argv=lambda target, tmp: ["eval", str(_write(tmp / "pred.jsonl", '{"id": 1, "output": "2"}\n')),
                                  str(target), "--out", str(tmp / "report")],
        output=lambda out, tmp: ["eval", str(_write(tmp / "pred.jsonl", '{"id": 1, "output": "2"}\n')),
                                 str(_write(tmp / "gold.jsonl", '{"id": 1, "solution": "2"}\n')), "--out", str(out)],
        output_is_folder=True,
    ),
    Command(
        "predict",
        good='{"id": 1, "problem": "1+1"}\n',
        wrong_field='{"id": 1, "question": "1+1"}\n',
        malformed='{"id": 1, "problem": "1+1"}\n{broken\n',
        argv=lambda target, tmp: ["predict", "--input", str(target), "--output", str(tmp / "out.jsonl"),
                                  "--model", str(_fake_model(tmp)), "--backend", "transformers"],
        output=lambda out, tmp: ["predict", "--input", str(_write(tmp / "in.jsonl", '{"id": 1, "problem": "1+1"}\n')),
                                 "--output", str(out), "--model", str(_fake_model(tmp)), "--backend", "transformers"],
    ),
    Command(
        "train",
        good=TRAIN_TOML,
        wrong_field=TRAIN_TOML + "[modle]\nx = 1\n",
        malformed='[model]\n[data\n',
        argv=lambda target, tmp: ["train", "--config", str(target)],
    ),
    Command(
        "build",
        good=BUILD_TOML,
        wrong_field='[items]\nunitz = "all"\n',
        malformed='seed = 1\n[items\n',
        argv=lambda target, tmp: ["build", "--config", str(target), "--out", str(tmp / "b")],
        output=lambda out, tmp: ["build", "--config", str(_write(tmp / "b.toml", BUILD_TOML)), "--out", str(out)],
        output_is_folder=True,
    ),
    Command(
        "build --from-shards",
        good="",
        wrong_field='{"id": "example.base_conversion.to_base-s42-000000", "unit": "example.base_conversion"}\n',
        malformed='{"id": "x"}\n{broken\n',
        argv=lambda target, tmp: ["build", "--config", str(_write(tmp / "b.toml", BUILD_TOML)),
                                  "--from-shards", str(target), "--out", str(tmp / "b")],
    ),
    Command(
        "generate",
        good="", wrong_field="", malformed="",
        argv=lambda target, tmp: [],
        output=lambda out, tmp: ["generate", "--units", "example.base_conversion", "--per-type", "1", "--out", str(out)],
    ),
]

INPUT_CONDITIONS = ("missing file", "empty file", "malformed line", "non-UTF-8 file", "wrong field")
OUTPUT_CONDITIONS = ("unwritable output", "output is a directory")


def _case(command: Command, condition: str, tmp: Path) -> Case:
    target = tmp / ("target.toml" if command.good.startswith(("[", "seed")) else "target.jsonl")
    if condition in OUTPUT_CONDITIONS:
        assert command.output is not None
        blocker = _write(tmp / "a-file", "not a folder\n")
        if condition == "unwritable output":
            out = blocker / "sub" / "out.jsonl"  # a file stands where a folder must be (fails as root too)
        else:
            out = blocker if command.output_is_folder else tmp
        return Case(command.output(out, tmp), out if condition == "unwritable output" or command.output_is_folder
                    else tmp)
    if condition == "missing file":
        return Case(command.argv(tmp / "absent.jsonl", tmp), tmp / "absent.jsonl")
    if condition == "empty file":
        target.write_bytes(b"")
    elif condition == "non-UTF-8 file":
        target.write_bytes(NON_UTF8)
        return Case(command.argv(target, tmp), target, 1)
    elif condition == "malformed line":
        target.write_text(command.malformed, encoding="utf-8")
        return Case(command.argv(target, tmp), target, 2)
    elif condition == "wrong field":
        target.write_text(command.wrong_field, encoding="utf-8")
    return Case(command.argv(target, tmp), target)


def _params() -> list:
    params = []
    for command in COMMANDS:
        conditions = [] if command.name == "generate" else list(INPUT_CONDITIONS)
        if command.name in ("build", "train"):
            conditions.remove("empty file")  # an empty TOML config is valid: every key has a default
        if command.output is not None:
            conditions += OUTPUT_CONDITIONS
        params += [pytest.param(command, c, id=f"{command.name}:{c}") for c in conditions]
    return params


@pytest.mark.parametrize(("command", "condition"), _params())
def test_bad_file_is_one_error_line_naming_it(command: Command, condition: str, tmp_path: Path, capsys,
                                              example_installed) -> None:
    case = _case(command, condition, tmp_path)
    run = run_main(capsys, *case.argv)
    assert "Traceback" not in run.stderr + run.stdout
    assert run.code == 2, run.stderr
    assert len(run.error_lines) == 1, run.stderr
    (line,) = run.error_lines
    assert str(case.names) in line, line
    if case.line is not None:
        assert f"{case.names}:{case.line}" in line or f"line {case.line}" in line, line


def test_sweep_covers_every_command_with_files() -> None:
    """Every command that reads or writes a file is in the sweep."""
    from mathft_core.cli import app

    file_commands = {"check-contamination", "answer", "eval", "predict", "train", "build", "generate"}
    registered = {c.name or c.callback.__name__ for c in app.registered_commands} | {
        g.name for g in app.registered_groups}
    assert file_commands <= registered
    assert {c.name.split()[0] for c in COMMANDS} == file_commands
