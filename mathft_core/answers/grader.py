"""Grader-compatible verdicts: the competition grader's ``soft`` and ``strict`` modes.

Reimplements the behaviour REFERENCE.md §1 describes for llm-jp's math-eval on top of
math-verify 0.9.0: XML tags stripped, spaces between digits removed, gold wrapped in
``$...$`` when it has no delimiter, adjacent math blocks merged, ``\\leqq`` -> ``\\leq``,
かつ/または/``\\lor``/``\\land`` -> commas, ``\\pm``/``\\mp`` expanded, LaTeX extraction with
unit stripping off and ``boxed="all"`` plus expression extraction; soft = math-verify
``verify`` with an inequality <-> interval fallback, bracket-kind variants and a retry with
the prediction wrapped in ``$...$``; strict = equal ``srepr`` of the parsed objects. Also
vector notation unified, ``P(X=k) =`` prefixes dropped, column vectors equal to tuples, and
a decimal equal to an exact value rounded to the decimal's places.

Runs only inside the answer worker (math-verify's SIGALRM timeouts are turned off; the
worker is killed from outside instead).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from typing import Any

import sympy as sp

from mathft_core.answers.memo import structural_memo

logging.getLogger("math_verify").setLevel(logging.CRITICAL)
logging.getLogger("latex2sympy2_extended").setLevel(logging.CRITICAL)

_XML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9_-]*(?:\s[^>]*)?>")
_DIGIT_SPACE = re.compile(r"(?<=[0-9])\s+(?=[0-9.])|(?<=[.])\s+(?=[0-9])")
_DELIM = re.compile(r"(?<!\\)\$\$|(?<!\\)\\\[|(?<!\\)\\\]|(?<!\\|\d)\$|(?<!\\)\\\(|(?<!\\)\\\)|\\boxed\{")
_INEQ = re.compile(r"\\(geqq|leqq|neqq|gneqq|lneqq)")
# \text{ and } with spaces inside is read as a comma too (the grader's own pattern wants
# \text{and}, then turns the bare word into "\text{ , }", which no longer parses)
_LOGIC = re.compile(r"\\(?:vee|lor|wedge|land)(?![a-zA-Z])|\\text\s*\{\s*(?:または|かつ|or|and)\s*\}|\b(?:or|and)\b")
# single-$ blocks only: "$$x$$" must not be read as "$" + "$x$" + "$"
_BLOCK_SEP = re.compile(
    r"(?:(?<!\$)\$(?!\$)|\\\]|\\\))\s*(?:[.,、，;]|または|かつ|\bor\b|\band\b)?\s*(?:(?<!\$)\$(?!\$)|\\\[|\\\()"
)
_PM = re.compile(r"\\(pm|mp)(?![a-zA-Z])")
_VECTOR = re.compile(r"\\(?:overrightarrow|vec|mathbf|boldsymbol|bm|overline)\s*\{([^{}]*)\}")
_PROB = re.compile(r"P\s*\(\s*[A-Z]\s*(?:=|\\leq|\\geq|<|>)[^()]*\)\s*=")
_PLAIN_DECIMAL = re.compile(r"^\s*\$?\s*-?\d+\.(\d+)\s*\$?\s*$")


@functools.cache
def extraction_config() -> list[Any]:
    """math-verify extraction settings of the competition grader (units off, boxed="all")."""
    from latex2sympy2_extended.math_normalization import NormalizationConfig
    from math_verify import ExprExtractionConfig, LatexExtractionConfig

    latex = LatexExtractionConfig(
        normalization_config=NormalizationConfig(
            basic_latex=True, units=False, malformed_operators=True, nits=True, boxed="all", equations=False,
        )
    )
    return [latex, ExprExtractionConfig()]


def _mv_parse(text: str) -> list[Any]:
    from math_verify import parse

    return parse(text, extraction_config=extraction_config(), parsing_timeout=None)


def _mv_verify(gold: list[Any], pred: list[Any]) -> bool:
    """math-verify's ``verify(gold, pred)``: any pair of extractions equal, in its order."""
    return any(_verify_one(g, p) for g, p in itertools.product(gold, pred))


@structural_memo()
def _verify_one(gold: Any, pred: Any) -> bool:
    """math-verify's verdict on one pair of extractions, each distinct pair computed once."""
    from math_verify import verify

    return bool(verify([gold], [pred], timeout_seconds=None))


def prepare_prediction(text: str) -> str:
    """What the grader does to a prediction before anything else."""
    return _DIGIT_SPACE.sub("", _XML.sub("", text))


def has_delimiters(text: str) -> bool:
    return bool(_DELIM.search(text))


def wrap(text: str) -> str:
    """Wrap in ``$...$`` unless the text already has a math delimiter or a box."""
    return text if has_delimiters(text) else f"${text}$"


def _expand_pm(text: str) -> list[str]:
    matches = list(_PM.finditer(text))
    if not matches or len(matches) > 4:
        return [text]
    out = []
    for signs in itertools.product("+-", repeat=len(matches)):
        pieces, last = [], 0
        for m, sign in zip(matches, signs, strict=False):
            pieces.append(text[last : m.start()])
            pieces.append(sign)
            last = m.end()
        pieces.append(text[last:])
        out.append("".join(pieces))
    return out


@functools.lru_cache(maxsize=32_768)
def extended_parse(text: str) -> tuple[Any, ...]:
    """The grader's parse of one text (cached: parse each text once)."""
    from latex2sympy2_extended.sets import FiniteSet as L2SFiniteSet

    text = _BLOCK_SEP.sub(", ", text)
    text = _INEQ.sub(lambda m: "\\" + m.group(1)[:-1], text)
    text = _LOGIC.sub(",", text)
    text = _VECTOR.sub(r"\\vec{\1}", text)
    text = _PROB.sub("", text)
    variants = _expand_pm(text)
    if len(variants) == 1:
        return tuple(_mv_parse(text))
    values: list[Any] = []
    equalities = []
    for variant in variants:
        parsed = _mv_parse(variant)
        if not parsed:
            continue
        head = parsed[0]
        if isinstance(head, sp.Eq):
            equalities.append(head)
        elif isinstance(head, sp.Basic) and hasattr(head, "__iter__") and not isinstance(head, str):
            values.extend(v for v in head if v not in values)
        elif head not in values:
            values.append(head)
    if equalities and not values and len({e.lhs for e in equalities}) == 1:
        rhs: list[Any] = []
        for eq in equalities:
            items = list(eq.rhs) if isinstance(eq.rhs, sp.FiniteSet) else [eq.rhs]
            rhs.extend(v.doit() for v in items if v.doit() not in rhs)
        return (sp.Eq(equalities[0].lhs, L2SFiniteSet(*rhs), evaluate=False),)
    if values:
        return (sp.FiniteSet(*values),)
    return tuple(_mv_parse(text))


def _paren_variants(text: str) -> list[str]:
    """The text with its brackets swapped between (), [] and \\{\\} (math delimiters kept)."""
    protect = {"\\[": "\x01a", "\\]": "\x01b", "\\(": "\x01c", "\\)": "\x01d"}
    s = text
    for k, v in protect.items():
        s = s.replace(k, v)
    found = False
    for pat in ("\\left\\{", "\\left(", "\\left["):
        if pat in s:
            s, found = s.replace(pat, "\x00L"), True
    for pat in ("\\right\\}", "\\right)", "\\right]"):
        if pat in s:
            s, found = s.replace(pat, "\x00R"), True
    for pat in ("\\{", "(", "["):
        if pat in s:
            s, found = s.replace(pat, "\x00O"), True
    for pat in ("\\}", ")", "]"):
        if pat in s:
            s, found = s.replace(pat, "\x00C"), True
    if not found:
        return []
    out = []
    for lo, ro, o, c in (("\\left(", "\\right)", "(", ")"), ("\\left[", "\\right]", "[", "]"),
                         ("\\left\\{", "\\right\\}", "\\{", "\\}")):
        v = s.replace("\x00L", lo).replace("\x00R", ro).replace("\x00O", o).replace("\x00C", c)
        for k, val in protect.items():
            v = v.replace(val, k)
        if v != text:
            out.append(v)
    return out


def _atoms(expr: Any) -> list[Any] | None:
    if isinstance(expr, sp.core.relational.Relational):
        return [expr]
    if isinstance(expr, sp.And):
        out: list[Any] = []
        for arg in expr.args:
            sub = _atoms(arg)
            if sub is None:
                return None
            out.extend(sub)
        return out
    return None


def _finite_args(value: Any) -> list[Any] | None:
    from latex2sympy2_extended.sets import FiniteSet as L2SFiniteSet

    if isinstance(value, L2SFiniteSet):
        return list(value._unsorted_args)
    return None


@structural_memo()
def _relations_to_intervals(value: Any) -> tuple[Any, ...] | None:
    """The relations of a parsed set as intervals (``as_set`` is slow: once per object)."""
    args = _finite_args(value)
    if args is None:
        return None
    flat: list[Any] = []
    for arg in args:
        sub = _atoms(arg)
        if sub is None:
            return None
        flat.extend(sub)
    try:
        return tuple(a.as_set() for a in flat)
    except Exception:
        pass
    common = None
    for a in flat:
        common = a.free_symbols if common is None else common & a.free_symbols
    for var in sorted(common or (), key=str):
        out = []
        for a in flat:
            lhs, rhs = a.lhs, a.rhs
            if lhs != var and rhs != var:
                break
            left = lhs == var
            strict = isinstance(a, (sp.StrictLessThan, sp.StrictGreaterThan))
            less = isinstance(a, (sp.StrictLessThan, sp.LessThan))
            if less == left:  # x < b  or  a > x
                out.append(sp.Interval(-sp.oo, rhs if left else lhs, True, strict))
            else:
                out.append(sp.Interval(rhs if left else lhs, sp.oo, strict, True))
        else:
            return tuple(out)
    return None


@structural_memo()
def _interval_fallback(gold: tuple, pred: tuple) -> bool:
    g = gold[0] if gold else None
    p = pred[0] if pred else None
    if g is None or p is None:
        return False
    gi, pi = _relations_to_intervals(g), _relations_to_intervals(p)
    if gi is None and pi is None:
        return False

    def candidates(intervals: tuple[Any, ...] | None, original: Any) -> list[Any]:
        if not intervals:
            return [original]
        out = [sp.Union(*intervals)]
        if len(intervals) > 1:
            out.append(sp.Intersection(*intervals))
        return out

    return any(_mv_verify([a], [b]) for a in candidates(gi, g) for b in candidates(pi, p))


def _vector_fallback(gold: tuple, pred: tuple) -> bool:
    def as_tuple(value: Any) -> Any:
        if isinstance(value, sp.MatrixBase) and 1 in value.shape:
            return sp.Tuple(*list(value))
        return value

    if not gold or not pred:
        return False
    g, p = as_tuple(gold[0]), as_tuple(pred[0])
    if g is gold[0] and p is pred[0]:
        return False
    return _mv_verify([g], [p])


def _places(value: sp.Float) -> int:
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".", 1)[1])


def _rounded_equal(gold: Any, pred: Any) -> bool | None:
    """Decimal leaves equal exact ones rounded to the decimal's places, through structures.

    None when the two objects do not line up structurally or hold no decimal at all.
    """
    from decimal import ROUND_HALF_UP, Decimal

    if isinstance(gold, sp.MatrixBase) and isinstance(pred, sp.MatrixBase):
        if gold.shape != pred.shape:
            return None
        pairs = list(zip(gold, pred, strict=False))
    elif isinstance(gold, sp.Interval) and isinstance(pred, sp.Interval):
        if (gold.left_open, gold.right_open) != (pred.left_open, pred.right_open):
            return False
        pairs = [(gold.start, pred.start), (gold.end, pred.end)]
    elif isinstance(gold, sp.Tuple) and isinstance(pred, sp.Tuple):
        if len(gold) != len(pred):
            return None
        pairs = list(zip(gold, pred, strict=False))
    elif isinstance(gold, sp.Expr) and isinstance(pred, sp.Expr) and gold.is_number and pred.is_number:
        floats = [v for v in (gold, pred) if isinstance(v, sp.Float)]
        if not floats or len(floats) == 2:
            return None if not floats else bool(gold == pred)
        dec, exact = (gold, pred) if isinstance(gold, sp.Float) else (pred, gold)
        places = _places(dec)
        quantum = Decimal(1).scaleb(-places)
        want = Decimal(repr(float(dec))).quantize(quantum, rounding=ROUND_HALF_UP)
        try:
            got = Decimal(str(sp.N(exact, 30))).quantize(quantum, rounding=ROUND_HALF_UP)
        except (ArithmeticError, ValueError, TypeError):
            return False
        return want == got
    else:
        return None
    results = [_rounded_equal(g, p) for g, p in pairs]
    if any(r is False for r in results):
        return False
    if all(r is None for r in results):
        return None
    return all(r is True or _exact(g, p) for r, (g, p) in zip(results, pairs, strict=False))


def _exact(a: Any, b: Any) -> bool:
    from mathft_core.answers.equivalence import scalar_equal

    if isinstance(a, sp.Expr) and isinstance(b, sp.Expr):
        return scalar_equal(a, b)
    return bool(a == b)


def _structured_decimal_fallback(gold: tuple, pred: tuple) -> bool:
    if not gold or not pred:
        return False
    return bool(_rounded_equal(gold[0], pred[0]))


def _decimal_fallback(gold_text: str, pred_text: str) -> bool:
    from mathft_core.answers.equivalence import scalar_equal
    from mathft_core.answers.extract import extract_answer
    from mathft_core.answers.parse import AnswerParseError, parse_answer

    g_text, p_text = extract_answer(gold_text), extract_answer(pred_text)
    if not g_text or not p_text:
        return False
    if not (_PLAIN_DECIMAL.match(g_text) or _PLAIN_DECIMAL.match(p_text)):
        return False
    try:
        g, p = parse_answer(g_text), parse_answer(p_text)
    except AnswerParseError:
        return False
    if g.kind != "value" or p.kind != "value":
        return False
    return scalar_equal(g.value, p.value, g.decimals, p.decimals)


def _soft_once(pred: str, gold: str) -> bool:
    g, p = extended_parse(gold), extended_parse(pred)
    if _mv_verify(list(g), list(p)):
        return True
    if _interval_fallback(g, p) or _vector_fallback(g, p) or _structured_decimal_fallback(g, p):
        return True
    for variant in _paren_variants(pred):
        if _mv_verify(list(g), list(extended_parse(variant))):
            return True
    return any(_mv_verify(list(extended_parse(variant)), list(p)) for variant in _paren_variants(gold))


def _strict_once(pred: str, gold: str) -> bool:
    p, g = extended_parse(pred), extended_parse(gold)
    if p and g:
        return sp.srepr(p[0]) == sp.srepr(g[0])
    return False


def grader_verdict(gold: str, pred: str, mode: str) -> bool:
    """The competition grader's verdict for one (gold, prediction) pair in ``soft`` or ``strict``."""
    if mode not in ("soft", "strict"):
        raise ValueError(f"grader mode must be soft or strict, got {mode!r}")
    pred = prepare_prediction(pred)
    gold = wrap(gold)
    once = _soft_once if mode == "soft" else _strict_once
    if once(pred, gold):
        return True
    wrapped = wrap(pred)
    if wrapped != pred and once(wrapped, gold):
        return True
    return mode == "soft" and _decimal_fallback(gold, pred)
