"""Symmetric equivalence of typed answers, with the taxonomy class of a difference.

Scalars: exact rationals first; a decimal literal equals an exact value that rounds to it
at the decimal's places (the grader's rule); otherwise 30-digit numeric evaluation with a
*relative* tolerance (no ``chop``: ``1/2^{99}`` never equals ``1/2^{98}``); expressions with
free symbols are compared at seeded random points before any ``simplify``. Structured
answers compare by kind: sets as multisets, tuples in order, relations as solution sets
over the reals (so ``x < -1, 3 < x`` equals ``(-\\infty, -1) \\cup (3, \\infty)``),
equations up to a constant factor, assignments by right-hand side. Symbols keep their case.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sympy as sp

from mathft_core.answers.model import ParsedAnswer
from mathft_core.answers.parse import to_real_set

PRECISION = 30
REL_TOL = sp.Float("1e-20", PRECISION)
POINTS = 5
_I = sp.Symbol("i")


def _numeric(value: Any, subs: dict | None = None) -> sp.Basic | None:
    try:
        result = sp.N(value, PRECISION, subs=subs) if subs else sp.N(value, PRECISION)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, RecursionError):
        return None
    if result.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or result.free_symbols:
        return None
    if not result.is_number:
        return None
    return result


def _close(a: sp.Basic, b: sp.Basic) -> bool:
    try:
        diff = abs(a - b)
        scale = max(abs(a), abs(b), sp.Integer(1))
        return bool(diff <= REL_TOL * scale)
    except TypeError:  # an unevaluated numeric expression with no truth value
        return False


def _round_to(value: sp.Basic, places: int) -> Decimal | None:
    num = _numeric(value)
    if num is None or not num.is_real:
        return None
    return Decimal(str(sp.Float(num, PRECISION))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _with_imaginary(value: Any) -> Any:
    return value.subs(_I, sp.I) if isinstance(value, sp.Basic) and value.has(_I) else value


def scalar_equal(a: Any, b: Any, dec_a: int | None = None, dec_b: int | None = None) -> bool:
    """Are two SymPy scalars (numbers or expressions) equal? Decimal places enable rounding."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)) or a.shape != b.shape:
            return False
        return all(scalar_equal(x, y) for x, y in zip(a, b, strict=False))
    if a == b:
        return True
    a, b = _with_imaginary(a), _with_imaginary(b)
    if a == b:
        return True
    if not isinstance(a, sp.Expr) or not isinstance(b, sp.Expr):
        return False
    free = a.free_symbols | b.free_symbols
    if not free:
        if a.has(sp.oo, -sp.oo, sp.zoo) or b.has(sp.oo, -sp.oo, sp.zoo):
            return False
        if dec_a is not None and dec_b is None:
            return _round_to(b, dec_a) == _round_to(a, dec_a)
        if dec_b is not None and dec_a is None:
            return _round_to(a, dec_b) == _round_to(b, dec_b)
        if a.is_Rational and b.is_Rational:
            return False
        na, nb = _numeric(a), _numeric(b)
        if na is None or nb is None:
            return _simplify_zero(a - b)
        return _close(na, nb)
    return _random_points_equal(a, b, free)


_HEAVY = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative)
MAX_SIMPLIFY_OPS = 150


def _simplify_zero(diff: sp.Expr) -> bool:
    """Last resort, only on small expressions (simplify can run for minutes)."""
    if diff.has(*_HEAVY) or sp.count_ops(diff) > MAX_SIMPLIFY_OPS:
        return False
    try:
        return bool(sp.simplify(diff) == 0)
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return False


def _random_points_equal(a: sp.Expr, b: sp.Expr, free: set) -> bool:
    names = sorted(s.name for s in free)
    rng = random.Random("|".join(names))
    symbols = sorted(free, key=lambda s: s.name)
    valid = 0
    for _ in range(POINTS * 2):
        point = {s: sp.Rational(rng.randint(11, 299), rng.randint(7, 97)) for s in symbols}
        na, nb = _numeric(a, point), _numeric(b, point)
        if na is None or nb is None:
            continue
        if not _close(na, nb):
            return False
        valid += 1
        if valid >= POINTS:
            return True
    return _simplify_zero(a - b)


# ---------------------------------------------------------------- structured answers


def _unwrap(answer: ParsedAnswer) -> ParsedAnswer:
    return answer.items[0] if answer.kind == "assignment" else answer


def _members(answer: ParsedAnswer) -> list[ParsedAnswer] | None:
    if answer.kind == "set":
        return list(answer.items)
    if answer.kind in ("value", "expression", "tuple"):
        return [answer]
    return None


def _match_count(gold: list[ParsedAnswer], pred: list[ParsedAnswer]) -> int:
    """Size of a greedy matching of equal members (gold order kept)."""
    left = list(pred)
    matched = 0
    for g in gold:
        for k, p in enumerate(left):
            if answers_equal(g, p):
                matched += 1
                del left[k]
                break
    return matched


def _intervals(s: sp.Set) -> list[tuple[Any, Any, bool, bool]] | None:
    pieces = s.args if isinstance(s, sp.Union) else (s,)
    out = []
    for piece in pieces:
        if isinstance(piece, sp.Interval):
            out.append((piece.start, piece.end, bool(piece.left_open), bool(piece.right_open)))
        elif isinstance(piece, sp.FiniteSet):
            out.extend((p, p, False, False) for p in piece.args)
        elif piece == sp.S.Reals:
            out.append((-sp.oo, sp.oo, True, True))
        elif piece == sp.S.EmptySet:
            continue
        else:
            return None
    return out


def _endpoints_equal(a: Any, b: Any) -> bool:
    if a in (sp.oo, -sp.oo) or b in (sp.oo, -sp.oo):
        return a == b
    return scalar_equal(a, b)


def compare_sets(gold: sp.Set, pred: sp.Set) -> tuple[bool, str]:
    """Compare real solution sets: ``(equal, category)``; boundary when only ends differ."""
    gi, pi = _intervals(gold), _intervals(pred)
    if gi is not None and pi is not None and len(gi) == len(pi):
        same_ends = all(_endpoints_equal(g[0], p[0]) and _endpoints_equal(g[1], p[1]) for g, p in zip(gi, pi, strict=False))
        if same_ends:
            if all(g[2:] == p[2:] for g, p in zip(gi, pi, strict=False)):
                return True, "correct"
            return False, "boundary"
    try:
        if gold == pred:
            return True, "correct"
        finite = isinstance(gold, sp.FiniteSet) and isinstance(pred, sp.FiniteSet)
        infinite = not isinstance(gold, sp.FiniteSet) and not isinstance(pred, sp.FiniteSet)
        if infinite and gi is not None and pi is not None:
            g_ends = {e for i in gi for e in i[:2]}
            p_ends = {e for i in pi for e in i[:2]}
            if g_ends == p_ends:
                return False, "boundary"
        pieces_differ = gi is not None and pi is not None and len(gi) != len(pi)
        if (finite or (infinite and pieces_differ)) and (gold.is_subset(pred) or pred.is_subset(gold)):
            return False, "missing_or_extra"
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        pass
    return False, "wrong_value"


def _equation_equal(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    da, db = sp.expand(a[0] - a[1]), sp.expand(b[0] - b[1])
    if scalar_equal(da, db) or scalar_equal(da, -db):
        return True
    try:
        ratio = sp.cancel(da / db)
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    return bool(ratio.is_number and ratio != 0)


def _as_equation(answer: ParsedAnswer) -> tuple[Any, Any] | None:
    if answer.kind == "equation":
        return answer.value
    if answer.kind == "assignment" and answer.var and answer.items[0].kind in ("value", "expression"):
        try:
            from mathft_core.answers.parse import parse_expression

            lhs = parse_expression(answer.var)[0]
        except ValueError:
            return None
        if isinstance(lhs, sp.Symbol):
            return (lhs, answer.items[0].value)
    return None


def answers_equal(gold: ParsedAnswer, pred: ParsedAnswer) -> bool:
    """Symmetric equality of two typed answers."""
    return compare(gold, pred)[0]


def compare(gold: ParsedAnswer, pred: ParsedAnswer) -> tuple[bool, str, str]:
    """``(equal, category, detail)`` for the values only (form and escaping judged elsewhere)."""
    # equations: an assignment y = 2x + 1 is also the equation of a line
    if "equation" in (gold.kind, pred.kind):
        ge, pe = _as_equation(gold), _as_equation(pred)
        if ge is not None and pe is not None:
            return (True, "correct", "same equation") if _equation_equal(ge, pe) else (False, "wrong_value", "different equations")
        # |AB| = 1 against 1: a named quantity stated with its value
        eq, other = (gold, pred) if gold.kind == "equation" else (pred, gold)
        rhs = eq.value[1]
        if other.kind in ("value", "set") and isinstance(rhs, sp.Expr) and not rhs.free_symbols:
            inner = ParsedAnswer(kind="value", value=rhs, text=eq.text)
            equal, category, detail = compare(inner, other) if eq is gold else compare(other, inner)
            return equal, category, detail or "compared the right-hand side"
        return False, "wrong_value", f"{gold.describe()} vs {pred.describe()}"
    if gold.kind == "system" or pred.kind == "system":
        return _compare_system(gold, pred)
    g, p = _unwrap(gold), _unwrap(pred)
    detail = ""
    if gold.kind == "assignment" and pred.kind == "assignment" and gold.var != pred.var:
        detail = f"names differ ({gold.var} vs {pred.var}); compared right-hand sides"
    if g.kind == "relation" or p.kind == "relation":
        gs, ps = to_real_set(g), to_real_set(p)
        if isinstance(g.value, tuple) and isinstance(p.value, tuple):
            return _compare_atoms(g.value, p.value)
        if gs is None or ps is None:
            return False, "wrong_value", "a relation against a non-relation"
        equal, category = compare_sets(gs, ps)
        return equal, category, detail or ("same solution set" if equal else f"solution sets differ ({category})")
    if g.kind == "tuple" and p.kind == "tuple":
        if len(g.items) != len(p.items):
            return False, "missing_or_extra", f"tuple of {len(g.items)} vs {len(p.items)}"
        if all(answers_equal(a, b) for a, b in zip(g.items, p.items, strict=False)):
            return True, "correct", detail
        return False, "wrong_value", "tuple entries differ"
    gm, pm = _members(g), _members(p)
    if gm is None or pm is None:
        return False, "wrong_value", f"{g.describe()} vs {p.describe()}"
    if len(gm) == 1 and len(pm) == 1 and gm[0].kind in ("value", "expression") and pm[0].kind in ("value", "expression"):
        a, b = gm[0], pm[0]
        if scalar_equal(a.value, b.value, a.decimals, b.decimals):
            return True, "correct", detail
        return False, "wrong_value", detail or "values differ"
    if any(m.kind == "set" for m in gm + pm):
        return False, "wrong_value", "nested sets"
    if len(gm) == 1 and len(pm) == 1 and gm[0].kind != pm[0].kind:
        return False, "wrong_value", f"{gm[0].describe()} vs {pm[0].describe()}"
    matched = _match_count(gm, pm)
    if matched == len(gm) == len(pm):
        return True, "correct", detail
    if matched and len(gm) != len(pm):
        return False, "missing_or_extra", f"{len(gm)} expected, {len(pm)} given, {matched} shared"
    return False, "wrong_value", f"{matched} of {len(gm)} values match"


def _compare_system(gold: ParsedAnswer, pred: ParsedAnswer) -> tuple[bool, str, str]:
    def as_map(answer: ParsedAnswer) -> dict[str, ParsedAnswer] | None:
        if answer.kind == "system":
            return {i.var or "": i.items[0] for i in answer.items}
        if answer.kind == "assignment":
            return {answer.var or "": answer.items[0]}
        return None

    gm, pm = as_map(gold), as_map(pred)
    if gm is not None and pm is not None:
        if set(gm) != set(pm):
            shared = set(gm) & set(pm)
            return False, "missing_or_extra" if shared else "wrong_value", f"names {sorted(gm)} vs {sorted(pm)}"
        wrong = [k for k in gm if not answers_equal(gm[k], pm[k])]
        if not wrong:
            return True, "correct", ""
        return False, "wrong_value", f"{', '.join(wrong)} differ"
    # x = 2, y = 1 against (2, 1): names in alphabetical order
    system, other = (gold, pred) if gold.kind == "system" else (pred, gold)
    if other.kind == "tuple" and len(other.items) == len(system.items):
        if all(answers_equal(s.items[0], o) for s, o in zip(system.items, other.items, strict=False)):
            return True, "correct", "system matched to a tuple by name order"
        return False, "wrong_value", "values differ"
    return False, "wrong_value", f"{gold.describe()} vs {pred.describe()}"


def _compare_atoms(ga: tuple, pa: tuple) -> tuple[bool, str, str]:
    if len(ga) != len(pa):
        return False, "missing_or_extra", "different numbers of conditions"
    left = list(pa)
    boundary = False
    for diff, strict in ga:
        for k, (d2, s2) in enumerate(left):
            if _equation_equal((diff, 0), (d2, 0)) and _positive_ratio(diff, d2):
                boundary = boundary or strict != s2
                del left[k]
                break
        else:
            return False, "wrong_value", "conditions differ"
    return (False, "boundary", "strictness differs") if boundary else (True, "correct", "")


def _positive_ratio(a: Any, b: Any) -> bool:
    try:
        ratio = sp.cancel(a / b)
        return bool(ratio.is_number and ratio > 0)
    except (TypeError, ValueError, ZeroDivisionError):
        return False
