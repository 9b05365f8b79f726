"""Grader-compatible verdicts: llm-jp's ``math-eval`` in its four evaluation methods.

A reimplementation of the official grader's behaviour (docs/answers.md pairs each rule
with the official test that pins it down; the parity suite is
tests/answers/test_official_parity.py) on top of math-verify 0.9.0:

- the prediction loses XML tags and the spaces between digits; when it fails, it is
  tried once more wrapped in ``$...$`` if it has no delimiter. **The gold is never
  wrapped**: a bare gold is read by math-verify's expression extraction.
- both texts are preprocessed (:func:`grader_text.preprocess`), ``\\pm``/``\\mp`` expanded
  into every sign choice, and parsed with unit stripping off and ``boxed="all"``.
- ``soft``: math-verify ``verify``, then the fallbacks in the grader's order (column
  vector = tuple, inequalities = intervals, bracket kinds, ``\\log`` = ``\\ln``, dict
  notation, vector names, degrees = radians, decimal rounded to its places, decimals as
  fractions, bare keywords); ``strict``: equal ``srepr``, then the last three;
  ``complex``: ``i`` as the imaginary unit, then soft; ``complex-strict``: both.
- a list of golds matches when any does; an error anywhere is a miss, as in the grader.

Runs only inside the answer worker (math-verify's SIGALRM timeouts are turned off; the
worker is killed from outside instead).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import re
from collections.abc import Sequence
from typing import Any

import sympy as sp

from mathft_core.answers import grader_text as gt
from mathft_core.answers.grader_text import DELIMITER as _DELIM  # noqa: F401  (re-exported for tests)
from mathft_core.answers.grader_text import has_delimiters, prepare_prediction, wrap  # noqa: F401
from mathft_core.answers.memo import structural_memo

logging.getLogger("math_verify").setLevel(logging.CRITICAL)
logging.getLogger("latex2sympy2_extended").setLevel(logging.CRITICAL)

#: The official grader's evaluation methods; ``None`` (missing) is read as ``soft``.
METHODS = ("soft", "strict", "complex", "complex-strict")


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


def _mv_verify(gold: Sequence[Any], pred: Sequence[Any]) -> bool:
    """math-verify's ``verify(gold, pred)``: any pair of extractions equal, in its order."""
    return any(_verify_one(g, p) for g, p in itertools.product(gold, pred))


@structural_memo()
def _verify_one(gold: Any, pred: Any) -> bool:
    """math-verify's verdict on one pair of extractions, each distinct pair computed once."""
    from math_verify import verify

    return bool(verify([gold], [pred], timeout_seconds=None))


# ---------------------------------------------------------------- parsing


@functools.lru_cache(maxsize=32_768)
def extended_parse(text: str) -> tuple[Any, ...]:
    """The grader's parse of one text: preprocessed, ``\\pm`` expanded (cached per text)."""
    from latex2sympy2_extended.sets import FiniteSet as L2SFiniteSet

    text = gt.preprocess(text)
    variants = gt.expand_plus_minus(text)
    if len(variants) == 1:
        result = _mv_parse(text)
        if result and result[0] is sp.S.EmptySet and not gt.explicit_empty_set(text):
            as_tuple = _reparse_as_tuple(text)
            if as_tuple is not None:
                return as_tuple
        return tuple(result)
    values: set[Any] = set()
    equalities = []
    for variant in variants:
        try:
            parsed = _mv_parse(variant)
            if not parsed:
                continue
            head = parsed[0]
            if isinstance(head, sp.Eq):
                equalities.append(head)
            elif hasattr(head, "__iter__") and not isinstance(head, str):
                for value in head:
                    values.add(value)
            else:
                values.add(head)
        except Exception:  # the grader skips a sign choice that fails
            continue
    if equalities and not values and len({eq.lhs for eq in equalities}) == 1:
        merged: set[Any] = set()
        for eq in equalities:
            rhs = eq.rhs
            if isinstance(rhs, sp.FiniteSet):
                merged.update(v.doit() for v in rhs)
            else:
                merged.add(rhs.doit())
        return (sp.Eq(equalities[0].lhs, L2SFiniteSet(*merged), evaluate=False),)
    if values:
        return (sp.FiniteSet(*values),)
    return tuple(_mv_parse(text))


def _reparse_as_tuple(text: str) -> tuple[Any, ...] | None:
    """A text misread as an empty interval, read again as a tuple of its parts."""
    found = gt.tuple_parts(text)
    if found is None:
        return None
    parts, inner = found
    values = []
    for part in parts:
        try:
            parsed = _mv_parse(f"${part.strip()}$")
        except Exception:
            return None
        if not parsed or isinstance(parsed[0], str):
            return None
        values.append(parsed[0])
    return (sp.Tuple(*values), inner)


def _first(parsed: Sequence[Any]) -> Any:
    return parsed[0] if parsed else None


# ---------------------------------------------------------------- soft fallbacks


def _flat_vector(value: Any) -> list[Any] | None:
    """A row/column matrix, a tuple or a 2-element interval as its list of entries."""
    if isinstance(value, sp.Matrix):
        return list(value) if 1 in (value.rows, value.cols) else None
    if isinstance(value, sp.Tuple):
        return list(value)
    if isinstance(value, sp.Interval):
        return [value.start, value.end]
    return None


def matrix_vector_equal(pred: Sequence[Any], gold: Sequence[Any]) -> bool:
    """A column or row vector equals a tuple with the same entries (one side a matrix)."""
    p, g = _first(pred), _first(gold)
    if p is None or g is None or not (isinstance(p, sp.Matrix) or isinstance(g, sp.Matrix)):
        return False
    pf, gf = _flat_vector(p), _flat_vector(g)
    if pf is None or gf is None or len(pf) != len(gf):
        return False
    return all(_mv_verify([a], [b]) for a, b in zip(pf, gf, strict=True))


def _atoms(expr: Any) -> list[Any] | None:
    """The relations of a relation or a conjunction (chains included); None for anything else."""
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


def _atom_groups(value: Any) -> list[list[Any]] | None:
    """The relations of each element of a parsed set of inequalities."""
    from latex2sympy2_extended.sets import FiniteSet as L2SFiniteSet

    if not isinstance(value, L2SFiniteSet):
        return None
    groups = []
    for arg in value._unsorted_args:
        atoms = _atoms(arg)
        if atoms is None:
            return None
        groups.append(atoms)
    return groups


@structural_memo()
def _direction_key(relation: Any) -> tuple[Any, bool]:
    """A relation as (simplified lhs - rhs, strict), oriented to read ``> 0`` / ``>= 0``."""
    diff = relation.lhs - relation.rhs
    if isinstance(relation, (sp.StrictLessThan, sp.LessThan)):
        diff = -diff
    return sp.simplify(diff), isinstance(relation, (sp.StrictLessThan, sp.StrictGreaterThan))


def _same_relations(gold: Any, pred: Any) -> bool:
    """Two sets of inequalities with the same relations once each is rearranged."""
    g, p = _atom_groups(gold), _atom_groups(pred)
    if g is None or p is None:
        return False
    g_atoms, p_atoms = list(itertools.chain(*g)), list(itertools.chain(*p))
    if len(g_atoms) != len(p_atoms):
        return False
    try:
        return {_direction_key(a) for a in g_atoms} == {_direction_key(a) for a in p_atoms}
    except Exception:
        return False


def _ray(relation: Any, var: Any) -> Any:
    """The interval of ``var`` one relation allows, when ``var`` stands alone on a side."""
    left, right = relation.lhs == var, relation.rhs == var
    if not left and not right:
        return None
    if isinstance(relation, sp.StrictLessThan):
        return sp.Interval.open(-sp.oo, relation.rhs) if left else sp.Interval.open(relation.lhs, sp.oo)
    if isinstance(relation, sp.LessThan):
        return sp.Interval(-sp.oo, relation.rhs) if left else sp.Interval(relation.lhs, sp.oo)
    if isinstance(relation, sp.StrictGreaterThan):
        return sp.Interval.open(relation.rhs, sp.oo) if left else sp.Interval.open(-sp.oo, relation.lhs)
    if isinstance(relation, sp.GreaterThan):
        return sp.Interval(relation.rhs, sp.oo) if left else sp.Interval(-sp.oo, relation.lhs)
    return None


def _intersect_all(sets: list[Any]) -> Any:
    result = sets[0]
    for item in sets[1:]:
        result = result.intersect(item)
    return result


@structural_memo()
def _as_intervals(value: Any) -> tuple[Any, ...] | None:
    """Each element of a parsed set of inequalities as the set of its variable's values."""
    groups = _atom_groups(value)
    if groups is None:
        return None
    free: set[Any] = set()
    for atom in itertools.chain(*groups):
        free |= atom.free_symbols
    if len(free) == 1:
        try:
            return tuple(_intersect_all([a.as_set() for a in atoms]) for atoms in groups)
        except Exception:
            pass
    common = None
    for atom in itertools.chain(*groups):
        common = atom.free_symbols if common is None else common & atom.free_symbols
    for var in sorted(common or (), key=str):
        out = []
        for atoms in groups:
            rays = [_ray(a, var) for a in atoms]
            if any(r is None for r in rays):
                break
            out.append(_intersect_all(rays))
        else:
            return tuple(out)
    return None


def _interval_candidates(intervals: tuple[Any, ...]) -> list[Any]:
    """Union (an "or" reading) and intersection (an "and" reading, unless empty)."""
    out = []
    with contextlib.suppress(Exception):
        out.append(sp.Union(*intervals))
    if len(intervals) >= 2:
        try:
            both = _intersect_all(list(intervals))
            if both is not sp.S.EmptySet:
                out.append(both)
        except Exception:
            pass
    elif len(intervals) == 1:
        out.append(intervals[0])
    return out


@structural_memo()
def interval_equal(gold: tuple, pred: tuple) -> bool:
    """Inequalities against interval notation (or against other inequalities)."""
    g, p = _first(gold), _first(pred)
    if g is not None and p is not None and _same_relations(g, p):
        return True
    gi = _as_intervals(g) if g is not None else None
    pi = _as_intervals(p) if p is not None else None
    if gi is None and pi is None:
        return False
    g_cands = _interval_candidates(gi) if gi else [g]
    p_cands = _interval_candidates(pi) if pi else [p]
    for a, b in itertools.product(g_cands, p_cands):
        try:
            if _mv_verify([a], [b]):
                return True
        except Exception:
            continue
    return False


def _verify_texts(gold: str, pred: str) -> bool:
    """Parse both rewritten texts and verify; any error is a miss."""
    try:
        return _mv_verify(extended_parse(gold), extended_parse(pred))
    except Exception:
        return False


def _bracket_fallback(pred: str, gold: str, g: tuple, p: tuple) -> bool:
    for variant in gt.bracket_variants(gt.probability_names(pred)):
        try:
            if _mv_verify(g, extended_parse(variant)):
                return True
        except Exception:
            continue
    for variant in gt.bracket_variants(gt.probability_names(gold)):
        try:
            if _mv_verify(extended_parse(variant), p):
                return True
        except Exception:
            continue
    return False


def _log_fallback(pred: str, gold: str) -> bool:
    pred_ln, gold_ln = gt.log_as_ln(pred), gt.log_as_ln(gold)
    return (pred_ln, gold_ln) != (pred, gold) and _verify_texts(gold_ln, pred_ln)


def _dict_fallback(pred: str, gold: str, g: tuple, p: tuple) -> bool:
    gold_dict, pred_dict = gt.dict_notation(gold), gt.dict_notation(pred)
    checks = []
    if gold_dict is not None:
        checks.append(lambda: _mv_verify(extended_parse(gold_dict), p))
    if pred_dict is not None:
        checks.append(lambda: _mv_verify(g, extended_parse(pred_dict)))
    if gold_dict is not None and pred_dict is not None:
        checks.append(lambda: _verify_texts(gold_dict, pred_dict))
    for check in checks:
        try:
            if check():
                return True
        except Exception:
            continue
    return False


def _vector_fallback(pred: str, gold: str) -> bool:
    """Vector names written with an arrow on one side and bare on the other."""
    if not gt.has_vector_notation(pred) and not gt.has_vector_notation(gold):
        return False
    norm_gold, norm_pred = gt.unify_vectors(gold), gt.unify_vectors(pred)
    gold_names, pred_names = gt.vector_names(norm_gold), gt.vector_names(norm_pred)
    if not gold_names | pred_names:
        return False
    for name in sorted(gold_names | pred_names, key=lambda n: (-len(n), n)):
        bare = re.compile(r"(?<!\\vec\{)(?<![A-Za-z\\])" + re.escape(name) + r"(?![A-Za-z])")
        wrapped = f"\\vec{{{name}}}"
        if name in gold_names:
            norm_pred = bare.sub(lambda _m, w=wrapped: w, norm_pred)
        if name in pred_names:
            norm_gold = bare.sub(lambda _m, w=wrapped: w, norm_gold)
    return _verify_texts(gt.drop_single_letter_vectors(norm_gold), gt.drop_single_letter_vectors(norm_pred))


def _degree_fallback(pred: str, gold: str) -> bool:
    """Degrees read as radians (either side); math-verify's argument order as the grader's."""
    pred_deg, gold_deg = bool(gt.DEGREE.search(pred)), bool(gt.DEGREE.search(gold))
    try:
        if pred_deg and _mv_verify(extended_parse(gt.degrees_to_radians(pred)), extended_parse(gold)):
            return True
        if gold_deg and _mv_verify(extended_parse(pred), extended_parse(gt.degrees_to_radians(gold))):
            return True
    except Exception:
        pass
    return False


def _rounded(value: Any, places: int) -> float:
    return round(float(value.evalf()), places)


def numeric_approx_equal(pred: Sequence[Any], gold: Sequence[Any]) -> bool:
    """A decimal equals a value that rounds to it at the decimal's places (fewest of both)."""
    try:
        p, g = _first(pred), _first(gold)
        if p is None or g is None:
            return False
        p_places = gt.decimal_places(str(pred[1] if len(pred) > 1 else ""))
        g_places = gt.decimal_places(str(gold[1] if len(gold) > 1 else ""))
        if p_places is None and g_places is None:
            return False
        places = min(x for x in (p_places, g_places) if x is not None)
        if isinstance(p, sp.FiniteSet) and isinstance(g, sp.FiniteSet):
            try:
                pv = sorted(float(x.evalf()) for x in p.args)
                gv = sorted(float(x.evalf()) for x in g.args)
            except (TypeError, ValueError):
                return False
            return len(pv) == len(gv) and all(round(a, places) == round(b, places) for a, b in zip(pv, gv, strict=True))
        try:
            return _rounded(p, places) == _rounded(g, places)
        except (TypeError, ValueError, AttributeError):
            return False
    except Exception:
        return False


def _rewrite_fallback(pred: str, gold: str, rewrite: Any) -> bool:
    """Both texts rewritten; verified with the prediction in the gold's place, as the grader does."""
    pred_new, gold_new = rewrite(pred), rewrite(gold)
    if pred_new == pred and gold_new == gold:
        return False
    return _verify_texts(pred_new, gold_new)


def _tail_fallbacks(pred: str, gold: str, p: tuple, g: tuple) -> bool:
    return (numeric_approx_equal(p, g) or _rewrite_fallback(pred, gold, gt.decimals_to_fractions)
            or _rewrite_fallback(pred, gold, gt.bare_keywords_to_latex))


# ---------------------------------------------------------------- the four methods


def verify_soft(pred: str, gold: str) -> bool:
    g, p = extended_parse(gold), extended_parse(pred)
    return (_mv_verify(g, p) or matrix_vector_equal(p, g) or interval_equal(g, p)
            or _bracket_fallback(pred, gold, g, p) or _log_fallback(pred, gold)
            or _dict_fallback(pred, gold, g, p) or _vector_fallback(pred, gold)
            or _degree_fallback(pred, gold) or _tail_fallbacks(pred, gold, p, g))


def verify_strict(pred: str, gold: str) -> bool:
    p, g = extended_parse(pred), extended_parse(gold)
    if p and g:
        if sp.srepr(p[0]) == sp.srepr(g[0]):
            return True
    else:  # the grader then compares latex2sympy's reading of the texts without their $
        try:
            from latex2sympy2_extended import latex2sympy

            a, b = latex2sympy(pred.strip().strip("$")), latex2sympy(gold.strip().strip("$"))
            if sp.srepr(a) == sp.srepr(b):
                return True
        except Exception:
            pass
    return _tail_fallbacks(pred, gold, p, g)


def _imaginary(expr: Any) -> Any:
    """A symbol named ``i`` replaced by the imaginary unit."""
    if not hasattr(expr, "free_symbols"):
        return expr
    found = [s for s in expr.free_symbols if str(s) == "i"]
    return expr.subs(found[0], sp.I) if found else expr


def verify_complex(pred: str, gold: str) -> bool:
    try:
        p, g = extended_parse(pred)[0], extended_parse(gold)[0]
    except Exception:
        return verify_soft(pred, gold)
    p, g = _imaginary(p), _imaginary(g)
    if _mv_verify([g], [p]):
        return True
    try:
        names = {str(s): s for s in p.free_symbols} if hasattr(p, "free_symbols") else {}
        if hasattr(g, "free_symbols"):
            for s in list(g.free_symbols):
                if str(s) in names and s != names[str(s)]:
                    g = g.subs(s, names[str(s)])
        if hasattr(p, "equals") and p.equals(g):
            return True
    except Exception:
        pass
    return verify_soft(pred, gold)


def _verify_method(pred: str, gold: str, method: str) -> bool:
    if method == "strict":
        return verify_strict(pred, gold)
    if method == "complex":
        return verify_complex(pred, gold)
    if method == "complex-strict":
        return verify_complex(pred, gold) and verify_strict(pred, gold)
    return verify_soft(pred, gold)


def check_method(method: str | None) -> str:
    """The method to judge with: ``None`` is ``soft``; an unknown one is a ValueError."""
    if method is None:
        return "soft"
    if method not in METHODS:
        raise ValueError(f"unknown evaluation method {method!r} (expected one of {', '.join(METHODS)})")
    return method


def grader_verdict(gold: str | Sequence[str], pred: str, method: str | None = "soft") -> bool:
    """The official grader's verdict on a prediction against a gold (or a list of golds)."""
    method = check_method(method)
    pred = prepare_prediction(pred)
    golds = [gold] if isinstance(gold, str) else list(gold)
    wrapped = wrap(pred)
    try:
        for one in golds:
            if _verify_method(pred, one, method):
                return True
            if wrapped != pred and _verify_method(wrapped, one, method):
                return True
    except Exception:  # the grader counts an error as a miss (for the whole list)
        return False
    return False
