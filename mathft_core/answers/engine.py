"""The work done inside the answer worker: cached parsing, verdicts, canonical form, steps.

Every function here may meet hostile text, so it is only called inside the killable worker
process (``worker.py``); ``AnswerChecker`` is the public entry point.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections import OrderedDict
from typing import Any

from mathft_core.answers.canonical import render
from mathft_core.answers.equivalence import compare, scalar_equal
from mathft_core.answers.extract import extract_answer
from mathft_core.answers.model import MODES, ParsedAnswer, StepError, Verdict
from mathft_core.answers.parse import AnswerParseError, parse_answer, parse_expression
from mathft_core.answers.repair import repair_controls

CACHE_SIZE = 50_000


class _LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)


_PARSED: _LRU = _LRU(CACHE_SIZE)

#: Shared integer the worker's parent reads after a timeout to learn which text was the
#: culprit (1 gold, 2 prediction, 3 comparison, 4 grader); None outside a worker.
STAGE: Any = None
GOLD, PRED, COMPARE, GRADER = 1, 2, 3, 4


def _stage(value: int) -> None:
    if STAGE is not None:
        STAGE.value = value


def parse_cached(text: str) -> ParsedAnswer | str:
    """Extract and parse once per text: a :class:`ParsedAnswer`, or the error message."""
    hit = _PARSED.get(text)
    if hit is not None:
        _PARSED.move_to_end(text)
        return hit
    restored, escaped = repair_controls(text)
    answer = extract_answer(restored)
    result: ParsedAnswer | str
    if answer is None:
        result = "no answer found"
    else:
        try:
            result = parse_answer(answer, escaped=escaped)
        except AnswerParseError as exc:
            result = str(exc)
        except (RecursionError, TypeError, ValueError, AttributeError, IndexError, KeyError,
                ZeroDivisionError, NotImplementedError, OverflowError) as exc:
            result = f"{type(exc).__name__}: {str(exc)[:120]}"
    _PARSED.put(text, result)
    return result


def _form_differs(g: ParsedAnswer, p: ParsedAnswer) -> str:
    """Why two equal-valued answers are written differently ('' when they are not)."""
    if set(p.units) != set(g.units):
        return f"units differ ({', '.join(p.units) or 'none'} vs {', '.join(g.units) or 'none'})"
    if p.notes and not g.notes:
        return f"notes written ({', '.join(p.notes)})"
    if g.text.replace(" ", "") == p.text.replace(" ", ""):
        return ""
    fg, fp = repr(g.form), repr(p.form)
    if g.form is None or p.form is None or (("'l2s'" in fg) != ("'l2s'" in fp)):
        return ""
    if g.interval_notation != p.interval_notation:
        return "interval notation against inequalities"
    return "" if fg == fp else "same value, written differently"


def classify(gold: str, pred: str) -> tuple[bool, str, str]:
    """Symmetric verdict and taxonomy class of a pair."""
    _stage(GOLD)
    g = parse_cached(gold)
    if isinstance(g, str):
        return False, "unparseable", f"gold: {g}"
    _stage(PRED)
    p = parse_cached(pred)
    if isinstance(p, str):
        return False, "unparseable", f"prediction: {p}"
    _stage(COMPARE)
    try:
        equal, category, detail = compare(g, p)
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError, ZeroDivisionError) as exc:
        return False, "unparseable", f"cannot compare: {type(exc).__name__}"
    if equal:
        if p.escape and not g.escape:
            return True, "escape", "equal after repairing escaped backslashes"
        why = _form_differs(g, p)
        if why:
            return True, "form_mismatch", why
        return True, "correct", detail
    if p.escape:
        detail = (detail + "; " if detail else "") + "escaping repaired"
    return False, category, detail


class _Overtime(Exception):
    """The soft time budget of a classification ran out."""


#: Seconds the taxonomy classification may take in soft/strict mode (set by the worker),
#: and the monotonic time by which the current request should be answered (None: no limit).
CLASSIFY_BUDGET = 0.8
DEADLINE: float | None = None


@contextlib.contextmanager
def soft_deadline(seconds: float):
    """Raise :class:`_Overtime` after ``seconds`` (SIGALRM; main thread on POSIX only).

    Python-level work stops at the deadline; C-level work does not, which is why the
    worker process is also killed from outside at its hard timeout.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(_signum: int, _frame: Any) -> None:
        raise _Overtime()

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(gold: str | tuple[str, ...], pred: str, mode: str = "soft") -> Verdict:
    """One verdict; the grader's methods reproduce the official grader, ``symmetric`` is for voting.

    In a grader method ``gold`` may be a tuple of acceptable golds (any match counts); the
    taxonomy class is then computed against the first gold the grader accepts, or the first.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    golds = (gold,) if isinstance(gold, str) else tuple(gold)
    if mode == "symmetric":
        if len(golds) != 1:
            raise ValueError("symmetric mode compares one gold")
        equal, category, detail = classify(golds[0], pred)
        return Verdict(equal=equal, category=category, detail=detail, mode=mode)
    from mathft_core.answers.grader import grader_verdict
    from mathft_core.answers.grader_text import has_delimiters

    # a power tower or a giant literal hangs math-verify in C: the grader could only time out
    for text, who in (*((g, "gold") for g in golds), (pred, "prediction")):
        _stage(GOLD if who == "gold" else PRED)
        parsed = parse_cached(text)
        if isinstance(parsed, str) and "too large" in parsed:
            return Verdict(equal=False, category="unparseable", detail=f"{who}: {parsed}", mode=mode)
    # the grader's verdict first; the taxonomy class after it, under a soft time budget so
    # a slow classification cannot cost the verdict
    _stage(GRADER)
    grader_detail = ""
    matched = golds[0] if golds else ""
    graded = False
    try:
        for one in golds:
            if grader_verdict(one, pred, mode):
                graded, matched = True, one
                break
    except Exception as exc:  # the grader itself counts any error as a miss
        graded, grader_detail = False, f"grader error: {type(exc).__name__}"
    if not golds:
        return Verdict(equal=False, category="unparseable", detail="no gold answer", mode=mode)
    budget = CLASSIFY_BUDGET
    if DEADLINE is not None:
        budget = min(budget, DEADLINE - time.monotonic())
    try:
        if budget < 0.05:
            raise _Overtime()
        with soft_deadline(budget):
            equal, category, detail = classify(matched, pred)
    except _Overtime:
        equal, category, detail = graded, "unparseable", "classification timed out"
    detail = "; ".join(d for d in (detail, grader_detail) if d)
    if graded and not equal and category != "unparseable":
        detail = (detail + "; " if detail else "") + "the grader accepts it"
    elif not graded and equal and not has_delimiters(matched):
        category, detail = "form_mismatch", "equal value, but the official grader misreads a gold without $...$"
    elif not graded and equal and category == "correct":
        category, detail = "form_mismatch", "equal value, but the grader rejects this form"
    return Verdict(equal=graded, category=category, detail=detail, mode=mode)


def canonical(text: str) -> str | None:
    parsed = parse_cached(text)
    if isinstance(parsed, str):
        return None
    return render(parsed)


def parse_public(text: str) -> ParsedAnswer | None:
    parsed = parse_cached(text)
    return None if isinstance(parsed, str) else parsed


# ---------------------------------------------------------------- reasoning steps

_INLINE = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$([^$]+?)\$", re.S)
_SKIP = re.compile(r"\\(?:approx|fallingdotseq|simeq|sim|neq|ne|leq|geq|leqq|geqq|lt|gt|equiv|pmod|in|to|rightarrow|Rightarrow)(?![A-Za-z])|[<>≒≠≦≧]|\\pm|\\mp|\\cdots|\\ldots|\\dots")


def verify_steps(cot_text: str, max_blocks: int = 200) -> list[StepError]:
    """Variable-free ``A = B (= C ...)`` steps inside math blocks that are false.

    Steps with letters are skipped (``2x + 3 = 7`` is a condition, not an identity), as are
    approximations and relations other than ``=``; a side that fails to parse is skipped.
    """
    errors: list[StepError] = []
    for index, m in enumerate(_INLINE.finditer(cot_text[:200_000])):
        if index >= max_blocks:
            break
        block = next(g for g in m.groups() if g is not None)
        if "=" not in block or _SKIP.search(block):
            continue
        for part in block.split(","):
            sides = [s.strip() for s in part.split("=")]
            if len(sides) < 2 or any(not s for s in sides):
                continue
            values = []
            for side in sides:
                try:
                    value, _form, decimals = parse_expression(side.replace("\\times", "\\cdot "))
                except (AnswerParseError, RecursionError):
                    value = None
                if value is None or getattr(value, "free_symbols", {1}):
                    values.append(None)
                else:
                    values.append((value, decimals))
            for (a_text, a), (b_text, b) in zip(zip(sides, values, strict=False), zip(sides[1:], values[1:], strict=False), strict=False):
                if a is None or b is None:
                    continue
                if not scalar_equal(a[0], b[0], a[1], b[1]):
                    errors.append(StepError(index=index, step=f"{a_text} = {b_text}", lhs=a_text, rhs=b_text,
                                            detail=f"{a[0]} != {b[0]}"))
    return errors


def clear_caches() -> None:
    """Forget every cached parse (the next request parses from scratch)."""
    from mathft_core.answers import fastparse, memo
    from mathft_core.answers.grader import extended_parse

    _PARSED.clear()
    parse_expression.cache_clear()
    extended_parse.cache_clear()
    memo.clear_all()
    fastparse.clear()


def dispatch(op: str, args: tuple) -> Any:
    """Run one request in the worker."""
    if op == "check":
        return check(*args)
    if op == "parse":
        return parse_public(*args)
    if op == "canon":
        return canonical(*args)
    if op == "steps":
        return verify_steps(*args)
    if op == "ping":
        return "pong"
    if op == "clear":
        return clear_caches()
    raise ValueError(f"unknown operation {op!r}")
