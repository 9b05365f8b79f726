"""Issue 15 acceptance: SIGKILL of the parent of a ``-j 2`` command leaves no worker alive after 10 s."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BUILD_TOML = '[items]\nunits = "all"\nper_type = 60\ntotal = 0\n'


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                for child in (task / "children").read_text().split():
                    if int(child) not in found:
                        found.add(int(child))
                        todo.append(int(child))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next((line.split()[1] for line in status.splitlines() if line.startswith("State:")), "X")
    return state not in ("Z", "X")  # a zombie has exited; only its reaper is missing


def _argv(kind: str, tmp: Path) -> list[str]:
    if kind == "generate":
        return ["generate", "--units", "all", "--per-type", "200", "-j", "2", "--out", str(tmp / "g.jsonl")]
    if kind == "build":
        config = tmp / "b.toml"
        config.write_text(BUILD_TOML, encoding="utf-8")
        return ["build", "--config", str(config), "-j", "2", "--out", str(tmp / "b")]
    train = tmp / "train.txt"
    train.write_text("".join(f"問題 {i} の文章をここに書く。答えは {i * 7} である。\n" for i in range(30000)),
                     encoding="utf-8")
    evals = tmp / "eval.txt"
    evals.write_text("".join(f"別の問題 {i} を解け。\n" for i in range(3000)), encoding="utf-8")
    return ["check-contamination", str(train), str(evals), "-j", "2"]


@pytest.mark.parametrize("kind", ["generate", "build", "check-contamination"])
def test_sigkill_of_the_parent_leaves_no_worker(kind: str, tmp_path: Path) -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mathft_core.cli", *_argv(kind, tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            workers = {p for p in _children(proc.pid) if _alive(p)}
        assert len(workers) >= 2, f"{kind}: the workers never started (exit {proc.poll()})"
        time.sleep(0.5)
        workers |= _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in workers if _alive(p)], f"{kind}: workers alive 10 s after the parent was killed"
    finally:
        for pid in workers:  # never leak a worker, whatever the outcome
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
