"""Time limits on unit code, and worker processes that die with their parent.

A unit's sampler, solver, verifier or render runs under :func:`time_limit`: past the limit
an :class:`ItemTimeout` (a ``BaseException``, so unit code that catches ``Exception`` cannot
swallow it) interrupts it and the item fails as ``timeout``. The limit counts the process's
CPU time (``SIGPROF``), so a loaded machine does not turn slow items into timeouts and the
output stays the same whatever else runs; a wall-clock limit of ``WALL_FACTOR`` times as
long (``SIGALRM``) catches code that blocks without computing. Signals reach the main
thread of a process only (every generation worker is one); elsewhere there is no limit.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

#: Seconds one item (sample, solve, verify, mutation check, render) may take by default.
DEFAULT_ITEM_TIMEOUT = 5.0

#: The wall-clock limit is this many times the CPU limit (for code that sleeps or blocks).
WALL_FACTOR = 20

_PR_SET_PDEATHSIG = 1
#: monotonic deadline of the innermost active :func:`time_limit` (for :func:`rearm`)
_deadline: float | None = None


class ItemTimeout(BaseException):
    """Unit code ran past its time limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ItemTimeout` inside the block once ``seconds`` have passed (``None``: no limit)."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def _cpu_expired(_signum: int, _frame: object) -> None:
        raise ItemTimeout(f"exceeded the per-item limit of {seconds:g} s of CPU time")

    def _wall_expired(_signum: int, _frame: object) -> None:
        raise ItemTimeout(f"exceeded the per-item limit of {seconds * WALL_FACTOR:g} s of wall-clock time")

    global _deadline
    outer = _deadline
    previous = signal.signal(signal.SIGPROF, _cpu_expired), signal.signal(signal.SIGALRM, _wall_expired)
    _deadline = time.monotonic() + seconds * WALL_FACTOR
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])
        _deadline = outer


def rearm() -> None:
    """Restart the active limit's wall-clock timer for the time left, after code (math-verify)
    that used ``signal.alarm`` itself and so cancelled it."""
    if _deadline is not None and _can_alarm():
        signal.setitimer(signal.ITIMER_REAL, max(0.001, _deadline - time.monotonic()))


def die_with_parent(poll_seconds: float = 0.5) -> None:
    """Make this (worker) process exit when its parent dies, even by SIGKILL.

    Linux: ``PR_SET_PDEATHSIG``; everywhere: a daemon thread that exits when the parent
    process id changes (the worker was re-parented).
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def _watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=_watch, name="mathft-parent-watch", daemon=True).start()
