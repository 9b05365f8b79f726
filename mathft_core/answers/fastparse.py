"""Two latex2sympy2 speed-ups the answer worker installs; neither changes a parse result.

1. **SLL-first ANTLR prediction.** latex2sympy2_extended parses with ANTLR's default LL
   prediction, whose full-context step (``execATNWithFullContext``) is never cached in the
   DFA; it took about two thirds of a grader check (measured on math-verify's own cases).
   ANTLR documents for its SLL mode that the parser "will either return a correct parse
   tree (i.e. the same parse tree that would be returned with the LL prediction mode), or it
   will report a syntax error", so its recommended two-stage strategy (SLL, then LL again
   from scratch when SLL reports an error) yields LL's trees at SLL speed. Texts over
   1,000 characters (hostile input, not answers) go straight to LL, as before: a syntax
   error found late in a long text would cost two parses.
2. **Number literals built once per text.** ``parse_number`` builds every literal with
   ``sympy.Number(str)``, which goes through ``parse_expr`` (an ``exec`` of
   ``from sympy import *`` each time), about a tenth of a grader check. The result depends
   on the string alone and SymPy numbers are immutable, so one object per string serves.

latex2sympy2 has no hooks for either, so :func:`install` replaces the ``create_parser``
and ``parse_number`` methods of ``latex2sympy2_extended``'s converter. Only the answer
worker installs them (``checker._serve``, ``warm.py``); plain math-verify in the caller's
process keeps the library's own behaviour.
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_ORIGINAL: dict[str, Any] = {}
_NUMBER_CACHE_SIZE = 8_192
SLL_MAX_CHARS = 1_000


def _retry_with_ll(exc: BaseException) -> bool:
    """Errors after which an LL parse might still succeed: syntax errors and recursion depth.

    latex2sympy2's error listener raises a plain ``Exception`` on the first syntax error
    (lexer or parser). Interruptions (the engine's soft deadline, memory errors) propagate.
    """
    from antlr4.error.Errors import ParseCancellationException

    return type(exc) is Exception or isinstance(exc, (ParseCancellationException, RecursionError))


def _two_stage(original: Any) -> Any:
    from antlr4.atn.PredictionMode import PredictionMode

    def create_parser(self: Any, latex_str: str) -> Any:
        parser = original(self, latex_str)
        if len(latex_str) > SLL_MAX_CHARS:
            return parser
        parser._interp.predictionMode = PredictionMode.SLL
        sll_math = parser.math

        def math() -> Any:
            try:
                return sll_math()
            except BaseException as exc:
                if not _retry_with_ll(exc):
                    raise
            return original(self, latex_str).math()

        parser.math = math
        return parser

    return create_parser


_NUMBERS: dict[str, Any] = {}


def _cached_numbers(original: Any) -> Any:
    def parse_number(self: Any, text: Any) -> Any:
        if type(text) is not str:
            return original(self, text)
        number = _NUMBERS.get(text)
        if number is None:  # an error is not cached: the next call raises again
            number = original(self, text)
            if len(_NUMBERS) >= _NUMBER_CACHE_SIZE:
                _NUMBERS.clear()
            _NUMBERS[text] = number
        return number

    return parse_number


def install() -> None:
    """Install both speed-ups in this process (idempotent)."""
    with _LOCK:
        if _ORIGINAL:
            return
        from latex2sympy2_extended import latex2sympy2 as l2s

        converter = l2s._Latex2Sympy
        _ORIGINAL["create_parser"] = converter.create_parser
        _ORIGINAL["parse_number"] = converter.parse_number
        converter.create_parser = _two_stage(_ORIGINAL["create_parser"])
        converter.parse_number = _cached_numbers(_ORIGINAL["parse_number"])


def uninstall() -> None:
    """Restore latex2sympy2's own behaviour (for comparisons)."""
    with _LOCK:
        if not _ORIGINAL:
            return
        from latex2sympy2_extended import latex2sympy2 as l2s

        l2s._Latex2Sympy.create_parser = _ORIGINAL.pop("create_parser")
        l2s._Latex2Sympy.parse_number = _ORIGINAL.pop("parse_number")
        _NUMBERS.clear()


def installed() -> bool:
    return bool(_ORIGINAL)


def clear() -> None:
    """Forget the cached number literals (the parse caches are emptied with them)."""
    _NUMBERS.clear()
