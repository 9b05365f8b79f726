"""``AnswerChecker``: every parse and comparison of untrusted text in a killable worker.

math-verify's SIGALRM timeout cannot stop long integer arithmetic in C (``str()`` of a
parsed ``5^{5^{5^{5^5}}}`` hangs), so each worker is a separate process with an
address-space limit (``RLIMIT_AS``); a request that outlives ``timeout`` gets the worker
killed and replaced, and the caller gets an ``unparseable`` verdict, never a hang or a crash.
Workers fork from a ``forkserver`` that has SymPy, math-verify and the engine imported
already, so a replacement starts in milliseconds. Parses are cached inside each worker
(parse each text once); verdicts and texts that timed out are remembered here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from mathft_core.answers.model import MODES, ParsedAnswer, Verdict

DEFAULT_TIMEOUT = 2.0
DEFAULT_MEMORY_MB = 1024
STARTUP_TIMEOUT = 120.0
_PRELOAD = ["mathft_core.answers.engine", "mathft_core.answers.grader", "mathft_core.answers.fastparse",
            "mathft_core.answers.warm", "math_verify", "latex2sympy2_extended.latex2sympy2"]
_CTX_LOCK = threading.Lock()
_CTX: Any = None


def _context() -> Any:
    global _CTX
    with _CTX_LOCK:
        if _CTX is None:
            try:
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(_PRELOAD)
            except ValueError:  # no forkserver on this platform
                ctx = multiprocessing.get_context("spawn")
            _CTX = ctx
        return _CTX


_START_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_module_hidden():
    """Start workers without re-running the caller's ``__main__`` (they need nothing from it).

    multiprocessing's spawn/forkserver children re-import the parent's main script, which
    breaks (or recurses) when a script creates a checker at top level without a
    ``__name__ == "__main__"`` guard.
    """
    main = sys.modules.get("__main__")
    saved = {a: getattr(main, a) for a in ("__file__", "__spec__") if main is not None and hasattr(main, a)}
    with _START_LOCK:
        try:
            if "__file__" in saved:
                delattr(main, "__file__")
            if "__spec__" in saved:
                main.__spec__ = None  # type: ignore[union-attr]
            yield
        finally:
            for attr, value in saved.items():
                setattr(main, attr, value)


def _vm_size_bytes() -> int | None:
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return None


def _limit_memory(memory_mb: int) -> None:
    """Cap the worker's address space at its current size plus ``memory_mb`` MiB."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        base = _vm_size_bytes() or 0
        cap = base + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve(conn: Any, memory_mb: int, stage: Any, budget: float) -> None:
    """Worker main loop: answer ``(op, args)`` requests until the pipe closes."""
    from mathft_core.answers import engine, fastparse

    fastparse.install()
    _limit_memory(memory_mb)
    engine.STAGE = stage
    engine.CLASSIFY_BUDGET = budget
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        engine.DEADLINE = time.monotonic() + budget * 2.1  # just inside the parent's hard timeout
        try:
            reply: tuple[str, Any] = ("ok", engine.dispatch(op, args))
        except MemoryError:
            with contextlib.suppress(Exception):
                conn.send(("error", "memory limit exceeded"))
            os._exit(3)
        except RecursionError:
            reply = ("error", "expression nested too deeply")
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
        stage.value = 0
        try:
            conn.send(reply)
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # an unpicklable result
            conn.send(("error", f"cannot return result: {type(exc).__name__}"))


class _Worker:
    """One worker process and its pipe."""

    def __init__(self, memory_mb: int, timeout: float) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.stage = ctx.RawValue("i", 0)
        self.proc = ctx.Process(target=_serve, args=(child, memory_mb, self.stage, timeout * 0.4), daemon=True)
        with _main_module_hidden():
            self.proc.start()
        child.close()
        self.ready = False

    def request(self, op: str, args: tuple, timeout: float) -> tuple[str, Any]:
        """``('ok', result)``, ``('error', message)``, ``('timeout', stage)`` or ``('died', None)``."""
        try:
            self.conn.send((op, args))
            if not self.conn.poll(timeout):
                return "timeout", self.stage.value
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            return "died", None

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(1.0)
        with contextlib.suppress(Exception):
            self.conn.close()


class _LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def get_item(self, key: Any) -> Any:
        with self.lock:
            value = self.get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self[key] = value
            if len(self) > self.size:
                self.popitem(last=False)


class AnswerChecker:
    """Compare, parse, canonicalise and group answers safely (a context manager).

    ``timeout`` (seconds) bounds each request; ``memory_mb`` is the address space each
    worker may grow by; ``workers`` processes serve :meth:`check_many` in parallel.
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB, workers: int = 1) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        if memory_mb < 64:
            raise ValueError(f"memory_mb must be at least 64, got {memory_mb}")
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.restarts = 0
        self._verdicts = _LRU(100_000)
        self._poisoned: dict[str, str] = {}
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._closed = False
        for _ in range(workers):
            worker = _Worker(memory_mb, timeout)
            self._all.append(worker)
            self._idle.put(worker)
        for worker in self._all:
            self._ensure_ready(worker)

    # ------------------------------------------------------------ plumbing

    def _ensure_ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        status, _ = worker.request("ping", (), STARTUP_TIMEOUT)
        if status != "ok":
            raise RuntimeError(f"answer worker failed to start ({status})")
        worker.ready = True

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self.restarts += 1
        fresh = _Worker(self.memory_mb, self.timeout)
        self._all = [fresh if w is worker else w for w in self._all]
        return fresh

    def _call(self, op: str, args: tuple) -> tuple[str, Any]:
        if self._closed:
            raise RuntimeError("AnswerChecker is closed")
        worker = self._idle.get()
        try:
            self._ensure_ready(worker)
            status, result = worker.request(op, args, self.timeout)
            if status in ("timeout", "died") or (status == "error" and result == "memory limit exceeded"):
                worker = self._replace(worker)
            return status, result
        finally:
            self._idle.put(worker)

    # ------------------------------------------------------------ public API

    def check(self, gold: str | Sequence[str], pred: str, mode: str = "soft") -> Verdict:
        """Verdict for one pair.

        ``mode`` is one of the official grader's evaluation methods (``soft``, ``strict``,
        ``complex``, ``complex-strict``; ``gold`` may then be a list of acceptable golds)
        or ``symmetric`` (mathft's own comparison, for voting).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        if not isinstance(gold, str):
            if mode == "symmetric" or isinstance(gold, bytes) or not all(isinstance(g, str) for g in gold):
                raise TypeError("gold must be a string (or, in a grader method, a list of strings)")
            gold = tuple(gold)
        if not isinstance(pred, str):
            raise TypeError("gold and pred must be strings")
        key = (gold, pred, mode)
        cached = self._verdicts.get_item(key)
        if cached is not None:
            return cached
        for text, who in (*((g, "gold") for g in ((gold,) if isinstance(gold, str) else gold)), (pred, "prediction")):
            if text in self._poisoned:
                return Verdict(False, "unparseable", f"{who}: {self._poisoned[text]}", mode)
        status, result = self._call("check", (gold, pred, mode))
        if status == "ok":
            verdict = result
        elif status == "timeout":
            reason = f"timed out after {self.timeout:g} s"
            if result == 1 and isinstance(gold, str):
                self._poisoned[gold] = reason
            elif result == 2:
                self._poisoned[pred] = reason
            who = {1: "gold: ", 2: "prediction: "}.get(result, "")
            verdict = Verdict(False, "unparseable", who + reason, mode)
        elif status == "died":
            verdict = Verdict(False, "unparseable", "worker died (memory limit)", mode)
        else:
            verdict = Verdict(False, "unparseable", str(result), mode)
        self._verdicts.put(key, verdict)
        return verdict

    def check_many(self, pairs: Iterable[Sequence[str] | dict[str, str]], mode: str = "soft") -> list[Verdict]:
        """Verdicts for many pairs, in order: ``(gold, pred)``, ``(gold, pred, mode)`` or dicts."""
        jobs: list[tuple[str, str, str]] = []
        for pair in pairs:
            if isinstance(pair, dict):
                jobs.append((pair["gold"], pair["pred"], pair.get("mode", mode)))
            elif len(pair) == 3:
                jobs.append((pair[0], pair[1], pair[2]))
            else:
                jobs.append((pair[0], pair[1], mode))
        if len(self._all) == 1 or len(jobs) < 2:
            return [self.check(*job) for job in jobs]
        with ThreadPoolExecutor(max_workers=len(self._all)) as pool:
            return list(pool.map(lambda job: self.check(*job), jobs))

    def parse(self, text: str) -> ParsedAnswer | None:
        """The typed answer of a text (extracted first), or None when it cannot be read."""
        if text in self._poisoned:
            return None
        status, result = self._call("parse", (text,))
        if status == "timeout":
            self._poisoned[text] = f"timed out after {self.timeout:g} s"
        return result if status == "ok" else None

    def canonicalize(self, text: str) -> str | None:
        """Answer-key LaTeX (CURRICULUM.md §2) of a text, or None when it cannot be read."""
        if text in self._poisoned:
            return None
        status, result = self._call("canon", (text,))
        if status == "timeout":
            self._poisoned[text] = f"timed out after {self.timeout:g} s"
        return result if status == "ok" else None

    def verify_steps(self, cot_text: str) -> list[Any]:
        """False variable-free ``A = B`` steps in a reasoning text (see ``engine.verify_steps``)."""
        status, result = self._call("steps", (cot_text,))
        return result if status == "ok" else []

    def group(self, answers: Sequence[str]) -> list[list[int]]:
        """Indices of symmetric-equivalent answers, largest group first; unreadable ones alone."""
        groups: list[list[int]] = []
        readable: list[list[int]] = []
        for i, answer in enumerate(answers):
            if self.parse(answer) is None:
                groups.append([i])
                continue
            for members in readable:
                rep = answers[members[0]]
                if rep == answer or self.check(rep, answer, "symmetric").equal:
                    members.append(i)
                    break
            else:
                members = [i]
                readable.append(members)
                groups.append(members)
        return sorted(groups, key=lambda g: (-len(g), g[0]))

    @property
    def worker_pids(self) -> list[int]:
        """Process ids of the current workers (benchmarks read their CPU time)."""
        return [w.proc.pid for w in self._all if w.proc.pid is not None]

    def clear_cache(self) -> None:
        """Forget cached verdicts here and cached parses in every worker."""
        with self._verdicts.lock:
            self._verdicts.clear()
        held = [self._idle.get() for _ in range(len(self._all))]
        try:
            for worker in held:
                self._ensure_ready(worker)
                worker.request("clear", (), STARTUP_TIMEOUT)
        finally:
            for worker in held:
                self._idle.put(worker)

    def close(self) -> None:
        """Stop the worker processes."""
        self._closed = True
        for worker in self._all:
            with contextlib.suppress(Exception):
                worker.conn.close()
            worker.kill()

    def __enter__(self) -> AnswerChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            if not self._closed:
                self.close()
