"""Issue 15: one regression test (or more) per numbered finding of the hostile-user probe."""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import attrs
import mathft_example_unit as ex
import pytest

from mathft_core.build.evalsets import read_texts
from mathft_core.build.folder import BuildFolderError, locked
from mathft_core.errors import InputFormatError, MathftError, OutputPathError
from mathft_core.generate import generate_records
from mathft_core.hookspecs import hookimpl
from mathft_core.ids import id_key
from mathft_core.infer.predict import read_problems
from mathft_core.io import atomic_write_text, output_target
from mathft_core.mutation import VerifierBlind, check_verifier_sees_answer
from mathft_core.plugins import collect_units, get_plugin_manager
from mathft_core.train.data import check_build_manifest
from tests.clihelpers import run_main
from tests.train.conftest import write_manifest

EXAMPLE = "example.base_conversion"
BUILD_TOML = '[items]\nunits = ["example.base_conversion"]\nper_type = 3\ntotal = 0\n'


def _registry_with(unit) -> object:
    class Plugin:
        @hookimpl
        def register_units(self, register):
            register(unit)

    return collect_units(get_plugin_manager(load_entry_points=False, extra_plugins=[("p", Plugin())]))


# --- 1. outputs respect the filesystem ------------------------------------------------


def test_1_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.jsonl"
    target.parent.mkdir()
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    atomic_write_text(link, "hello\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "hello\n"
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_1_fifo_is_written_as_a_stream_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "streamed\n")
    reader.join(10)
    assert got == [b"streamed\n"]
    assert fifo.is_fifo()


def test_1_character_devices_and_dash_are_streams_and_a_socket_is_refused(tmp_path: Path, capsys) -> None:
    assert output_target("/dev/null")[1] == "stream"
    assert output_target("-")[1] == "stream"
    assert output_target("/dev/stdout") == (Path("/dev/stdout"), "stream")  # whatever fd 1 is (never replaced)
    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OutputPathError, match="not a regular file"):
            atomic_write_text(sock_path, "x")
        run = run_main(capsys, "generate", "--units", "jhs1.linear_equations", "--per-type", "1", "--out", sock_path)
        assert run.code == 2 and len(run.error_lines) == 1 and "items:" not in run.stderr
        assert sock_path.is_socket()


def test_1_dash_writes_generate_rows_to_stdout(capsys) -> None:
    run = run_main(capsys, "generate", "--units", "jhs1.linear_equations", "--per-type", "1", "--out", "-")
    assert run.code == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 3 and not Path("-").exists()


# --- 2. nothing wrong ships as verified -------------------------------------------------


def _blind(params, solution) -> bool:  # checks the worked digits, never the final answer
    digits = solution.steps["digits"]
    return sum(int(d) * params["base"] ** i for i, d in enumerate(reversed(digits))) == params["value"]


BLIND_UNIT = attrs.evolve(ex.UNIT, id="blind.unit", types=(attrs.evolve(ex.UNIT.types[0], verify=_blind),))


def test_2_a_verifier_blind_to_the_answer_ships_nothing() -> None:
    records, summary = generate_records(_registry_with(BLIND_UNIT), per_type=20, seed=3)
    assert records == [] and summary.failed == {"verifier_blind": 20}
    with pytest.raises(VerifierBlind, match="nearby value"):
        ptype = BLIND_UNIT.types[0]
        params = {"value": 37, "base": 2}
        check_verifier_sees_answer(ptype.verify, params, ptype.solve(params))


def test_2_every_builtin_verifier_sees_the_answer() -> None:
    registry = collect_units(get_plugin_manager())
    _records, summary = generate_records(registry, per_type=3, seed=11)
    assert "verifier_blind" not in summary.failed, [f.detail for f in summary.failures][:3]


@pytest.fixture
def shard(tmp_path: Path, capsys, example_installed) -> Path:
    path = tmp_path / "shard-1.jsonl"
    run = run_main(capsys, "generate", "--units", EXAMPLE, "--per-type", "3", "--difficulty", "1,2,3,4,5",
                   "--seed", "42", "--out", path)
    assert run.code == 0, run.stderr
    return path


def _edit_row(path: Path, number: int, **changes) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[number - 1])
    row.update(changes)
    lines[number - 1] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("edit", ["unverified", "answer", "answer_and_boxed"])
def test_2_from_shards_rejects_unverified_and_edited_rows(shard: Path, tmp_path: Path, capsys, edit: str) -> None:
    row = json.loads(shard.read_text(encoding="utf-8").splitlines()[1])
    if edit == "unverified":
        _edit_row(shard, 2, verified=False)
    elif edit == "answer":
        _edit_row(shard, 2, answer="99")
    else:  # a consistent forgery: answer and the boxed answer both edited
        _edit_row(shard, 2, answer="99", solution=row["solution"].replace("\\boxed{" + row["answer"], "\\boxed{99"))
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--from-shards", shard, "--out", tmp_path / "b")
    assert run.code == 2, run.stderr
    (line,) = run.error_lines
    assert f"{shard}:2" in line
    assert not (tmp_path / "b" / "phase_a" / "train.jsonl").exists()


# --- 3. plugin isolation: tests/test_plugin_isolation.py ------------------------------------


def test_3_build_runs_with_a_clashing_plugin_installed(fake_dist, example_installed, tmp_path: Path, capsys) -> None:
    fake_dist("clash-plugin", "clash_plugin_mod",
              "from mathft_core.hookspecs import hookimpl\nimport mathft_example_unit as ex\n"
              "@hookimpl\ndef register_units(register):\n    register(ex.UNIT)\n", version="1.0.0")
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--out", tmp_path / "b")
    assert run.code == 0, run.stderr
    assert sum("clash-plugin 1.0.0" in line for line in run.error_lines) == 1


# --- 4. --train-fields -------------------------------------------------------------------


def test_4_unknown_train_fields_are_an_error(tmp_path: Path, capsys) -> None:
    train = tmp_path / "t.jsonl"
    train.write_text('{"id": "t", "problem": "x", "solution": "y"}\n', encoding="utf-8")
    evals = tmp_path / "e.txt"
    evals.write_text("x\n", encoding="utf-8")
    run = run_main(capsys, "check-contamination", train, evals, "--train-fields", "Problem,Solution")
    assert run.code == 2
    (line,) = run.error_lines
    assert "'Problem'" in line and "'Solution'" in line and "problem, solution" in line


# --- 5. a build folder mathft owns ----------------------------------------------------------


def test_5_build_keeps_the_users_tmp_files_and_refuses_a_foreign_folder(tmp_path: Path, capsys,
                                                                           example_installed) -> None:
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    out = tmp_path / "mine"
    (out / "notes").mkdir(parents=True)
    users = [out / ".draft.tmp", out / "notes" / ".x.abcdefgh.tmp", out / ".items.jsonl.tmp"]
    for path in users:
        path.write_text("mine\n", encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--out", out)
    assert run.code == 2 and "--force" in run.error_lines[0] and str(out) in run.error_lines[0]
    run = run_main(capsys, "build", "--config", config, "--out", out, "--force")
    assert run.code == 0, run.stderr
    assert all(p.read_text(encoding="utf-8") == "mine\n" for p in users)
    stale = out / ".items.jsonl.k3j4h5g6.tmp"  # what an interrupted write of items.jsonl leaves
    stale.write_text("partial", encoding="utf-8")
    assert run_main(capsys, "build", "--config", config, "--out", out).code == 0
    assert not stale.exists() and all(p.exists() for p in users)


def test_5_a_second_build_into_a_locked_folder_fails_at_once(tmp_path: Path, capsys, example_installed) -> None:
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    out = tmp_path / "b"
    out.mkdir()
    with locked(out):
        run = run_main(capsys, "build", "--config", config, "--out", out)
        with pytest.raises(BuildFolderError, match="another mathft build"), locked(out):
            pass
    assert run.code == 2 and "another mathft build" in run.error_lines[0]


# --- 6. train checks the data folder's manifest --------------------------------------------


def test_6_train_refuses_a_folder_without_or_not_matching_its_manifest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name in ("phase_a/train.jsonl", "phase_b/train.jsonl"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text('{"messages": []}\n', encoding="utf-8")
    with pytest.raises(MathftError, match=r"no manifest\.json"):
        check_build_manifest(data, "A")
    write_manifest(data)
    check_build_manifest(data, "A")
    (data / "phase_b" / "train.jsonl").write_text('{"messages": [1]}\n', encoding="utf-8")  # another build's file
    with pytest.raises(MathftError, match="does not match"):
        check_build_manifest(data, "B")


# --- 7. tracebacks become one error line -------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["generate", "--out", "x.jsonl", "--difficulty", "abc"],
    ["generate", "--out", "x.jsonl", "--per-type", "-5"],
    ["answer", "check", "1", "1", "--timeout", "0"],
    ["answer", "check", "1", "1", "-j", "0"],
    ["generate", "--out", "x.jsonl", "--item-timeout", "0"],
])
def test_7_bad_options_are_one_error_line(argv: list[str], capsys) -> None:
    run = run_main(capsys, *argv)
    assert run.code == 2 and len(run.error_lines) == 1 and "Traceback" not in run.stderr


def test_7_a_bug_is_one_line_and_the_traceback_only_with_debug(monkeypatch, capsys) -> None:
    def broken(_text: str) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr("mathft_core.cli.parse_unit_list", broken)
    run = run_main(capsys, "generate", "--units", "x", "--out", "x.jsonl")
    assert run.code == 70 and run.error_lines == [
        "error: unexpected RuntimeError: boom (a bug in mathft; run with --debug for the traceback)"]
    assert "Traceback" not in run.stderr
    run = run_main(capsys, "generate", "--units", "x", "--out", "x.jsonl", "--debug")
    assert run.code == 70 and "Traceback" in run.stderr


# --- 8. Rich never interprets user text -------------------------------------------------------


def test_8_brackets_in_paths_and_regexes_are_printed_as_given(tmp_path: Path, capsys, fake_dist) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gold.jsonl").write_text('{"id": 1, "solution": "1"}\n', encoding="utf-8")
    (folder / "[draft]gold.jsonl").write_text('{"id": 1, "solution": 1}\n', encoding="utf-8")
    pred = tmp_path / "p.jsonl"
    pred.write_text('{"id": 1, "output": "1"}\n', encoding="utf-8")
    run = run_main(capsys, "eval", pred, folder / "[draft]gold.jsonl", "--out", tmp_path / "r")
    assert run.code == 2 and "[draft]gold.jsonl:1" in run.error_lines[0]
    fake_dist("badid-plugin", "badid_plugin_mod",
              "from mathft_core.hookspecs import hookimpl\nimport mathft_example_unit as ex\nimport attrs\n"
              "@hookimpl\ndef register_units(register):\n    register(attrs.evolve(ex.UNIT, id='Bad Id'))\n")
    run = run_main(capsys, "units")
    (line,) = run.error_lines
    assert "must match ^[a-z" in line or "must match [a-z" in line, line


# --- 9. input sanity ------------------------------------------------------------------------------


def test_9_repeated_units_are_generated_once(tmp_path: Path, capsys) -> None:
    out = tmp_path / "g.jsonl"
    run = run_main(capsys, "generate", "--units", "jhs1.linear_equations,jhs1.linear_equations", "--per-type", "1",
                   "--out", out)
    assert run.code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_9_repeated_units_in_a_build_config_are_built_once(tmp_path: Path, capsys, example_installed) -> None:
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML.replace('["example.base_conversion"]', '["example.base_conversion", '
                                         '"example.base_conversion"]'), encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--out", tmp_path / "b")
    assert run.code == 0, run.stderr
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["units"] == [EXAMPLE] and manifest["counts"]["planned"] == 6


def _hangs(_rng, _difficulty):
    while True:
        pass


def test_9_a_sampler_that_never_returns_times_out_and_generation_goes_on() -> None:
    hanging = attrs.evolve(ex.UNIT.types[0], id="hangs", sample=_hangs)
    unit = attrs.evolve(ex.UNIT, id="slow.unit", types=(hanging, ex.UNIT.types[1]))
    records, summary = generate_records(_registry_with(unit), per_type=2, seed=1, item_timeout=0.2)
    assert summary.failed == {"timeout": 2} and len(records) == 2
    assert "0.2 s" in summary.failures[0].detail


def test_9_int_and_str_ids_are_one_id_everywhere(tmp_path: Path, capsys) -> None:
    assert id_key(0) == id_key("0") == "0"
    problems = tmp_path / "in.jsonl"
    problems.write_text('{"id": 0, "problem": "a"}\n{"id": "0", "problem": "b"}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match="duplicate id"):
        read_problems(problems)
    evals = tmp_path / "e.jsonl"
    evals.write_text('{"id": 0, "problem": "a"}\n{"id": "0", "problem": "b"}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match="duplicate ids"):
        read_texts(evals)
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": 0, "solution": "2"}\n', encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "0", "output": "\\\\boxed{2}"}\n', encoding="utf-8")
    run = run_main(capsys, "eval", pred, gold, "--out", tmp_path / "r", "--json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["overall"]["correct"] == 1
    assert any(line.startswith("warning:") and "0 and \"0\" are one id" in line for line in run.stderr.splitlines())


# --- 10. nothing outside the repository; an unchecked build says so ----------------------------------


def test_10_default_config_names_nothing_outside_the_repository() -> None:
    from mathft_core.build.config import default_config_text, load_config

    assert "../" not in default_config_text() and load_config(None).contamination.eval_sets == ()


def test_10_a_build_that_checked_no_eval_set_says_so(tmp_path: Path, capsys, example_installed) -> None:
    config = tmp_path / "b.toml"
    config.write_text(BUILD_TOML, encoding="utf-8")
    run = run_main(capsys, "build", "--config", config, "--out", tmp_path / "b")
    assert run.code == 0, run.stderr
    table, *_rest = run.stderr.split("warning:")
    assert "NO evaluation set checked" in table  # the decontaminate row of the summary table
    assert "NO evaluation set checked (decontamination did nothing)" in run.stderr.splitlines()[-1] + run.stderr


@pytest.mark.parametrize(("content", "line"), [(b'{"mathft_predict": 1, "settings": {}}\n\xff\xfe\n', 2),
                                                (b'["not", "a", "header"]\n', 1)])
def test_7_a_bad_partial_file_of_predict_names_file_and_line(tmp_path: Path, content: bytes, line: int) -> None:
    from mathft_core.infer.progress import PartialOutput, partial_path

    output = tmp_path / "out.jsonl"
    partial_path(output).write_bytes(content)
    with pytest.raises(InputFormatError) as info:
        PartialOutput(output, {})
    assert info.value.line == line and str(partial_path(output)) in str(info.value)


def test_9_the_item_limit_survives_math_verify_alarms(monkeypatch) -> None:
    """--check-latex runs math-verify, whose signal.alarm cancels timers; the limit still holds after it."""
    import time

    def slow_render(*_args):  # rendering runs after the LaTeX check; gives up after 20 s so a regression fails
        end = time.monotonic() + 20
        while time.monotonic() < end:
            pass
        return "never interrupted"

    monkeypatch.setattr("mathft_core.generate.render", slow_render)
    _records, summary = generate_records(_registry_with(ex.UNIT), per_type=1, seed=1, item_timeout=1.0,
                                         check_latex=True)
    assert summary.failed == {"timeout": 2}


def _sleeps(_rng, _difficulty):
    import time

    time.sleep(60)


def test_9_a_sampler_that_blocks_without_computing_hits_the_wall_clock_limit() -> None:
    blocking = attrs.evolve(ex.UNIT.types[0], id="blocks", sample=_sleeps)
    unit = attrs.evolve(ex.UNIT, id="blocking.unit", types=(blocking,))
    _records, summary = generate_records(_registry_with(unit), per_type=1, seed=1, item_timeout=0.05)
    assert summary.failed == {"timeout": 1} and "wall-clock" in summary.failures[0].detail
