"""Parse one answer text into a typed :class:`ParsedAnswer`.

Pipeline: repair escaping -> Japanese normalisation -> split at top-level commas (and
かつ/または) -> classify each piece (relation chain, equation/assignment, interval, set
literal, tuple, expression; ``\\pm`` expanded) -> combine pieces into one typed answer.
Expressions go through the fast subset parser first and latex2sympy2_extended second
(with ``lowercase_symbols=False``: ``A`` and ``a`` stay different).

Run this on untrusted text only inside the answer worker process (see ``worker.py``).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from typing import Any

import attrs
import sympy as sp

from mathft_core.answers.latexexpr import (
    TooLarge,
    Unsupported,
    form_key,
    is_plain_decimal,
    parse_ast,
    to_sympy,
)
from mathft_core.answers.model import ParsedAnswer
from mathft_core.answers.normalize import AND, normalize
from mathft_core.answers.repair import repair

MAX_TEXT = 2_000  # longer normalised answers are refused (no exam answer is this long)
MAX_PIECES = 64
MAX_PM = 3


class AnswerParseError(ValueError):
    """The answer text cannot be read as mathematics."""


_REL_TOKEN = re.compile(r"\\leq(?![A-Za-z])|\\geq(?![A-Za-z])|\\neq(?![A-Za-z])|\\lt(?![A-Za-z])|\\gt(?![A-Za-z])|<=|>=|<|>|=|\\in(?![A-Za-z])")
_REL_NAMES = {"\\leq": "<=", "\\geq": ">=", "\\neq": "!=", "\\lt": "<", "\\gt": ">", "<=": "<=", ">=": ">=",
              "<": "<", ">": ">", "=": "=", "\\in": "in"}
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!="}
_PM = re.compile(r"\\(pm|mp)(?![A-Za-z])")
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def _depth_scan(text: str):
    """Yield ``(index, char, depth)`` treating ( [ { \\{ as openers and ) ] } \\} as closers."""
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "{}":
            depth += 1 if text[i + 1] == "{" else -1
            yield i, text[i : i + 2], depth
            i += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        yield i, ch, depth
        i += 1


def split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets (intervals like ``[1, 2)`` count as brackets)."""
    parts, start = [], 0
    for i, ch, depth in _depth_scan(text):
        if depth == 0 and text.startswith(sep, i) and ch == sep[0]:
            parts.append(text[start:i])
            start = i + len(sep)
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _balanced(text: str) -> bool:
    depth = 0
    for _i, _ch, d in _depth_scan(text):
        depth = d
        if d < 0:
            return False
    return depth == 0


# ---------------------------------------------------------------- expressions

_L2S_CONFIG: Any = None


def _latex2sympy(text: str) -> Any:
    global _L2S_CONFIG
    from latex2sympy2_extended import latex2sympy
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig

    if _L2S_CONFIG is None:
        _L2S_CONFIG = ConversionConfig(lowercase_symbols=False)
    return latex2sympy(text, conversion_config=_L2S_CONFIG)


@functools.lru_cache(maxsize=65_536)
def parse_expression(text: str) -> tuple[Any, Any, int | None]:
    """``(sympy value, form key, decimal places)`` of one expression; raises on failure."""
    text = text.strip()
    if not text:
        raise AnswerParseError("empty expression")
    try:
        ast = parse_ast(text)
    except TooLarge as exc:
        raise AnswerParseError(str(exc)) from None
    except (Unsupported, IndexError):
        ast = None
    if ast is not None:
        try:
            return to_sympy(ast), form_key(ast), is_plain_decimal(ast)
        except TooLarge as exc:
            raise AnswerParseError(str(exc)) from None
        except (Unsupported, TypeError, ValueError, ZeroDivisionError):
            pass
    try:
        value = _latex2sympy(text)
    except Exception as exc:  # the ANTLR parser raises bare Exception
        raise AnswerParseError(f"cannot parse {text[:60]!r}: {str(exc).splitlines()[0][:80]}") from None
    if isinstance(value, sp.MatrixBase):
        return value, ("matrix", text.replace(" ", "")), None
    if not isinstance(value, sp.Expr):
        raise AnswerParseError(f"not an expression: {text[:60]!r}")
    return value, ("l2s", sp.srepr(value)) if len(text) < 300 else None, None


def _expr_answer(text: str) -> ParsedAnswer:
    value, form, decimals = parse_expression(text)
    if isinstance(value, sp.MatrixBase):
        items = tuple(ParsedAnswer(kind="value" if not v.free_symbols else "expression", value=v, text=str(v))
                      for v in value)
        return ParsedAnswer(kind="tuple", items=items, form=form, text=text)
    kind = "expression" if value.free_symbols else "value"
    return ParsedAnswer(kind=kind, value=value, form=form, decimals=decimals, text=text)


# ---------------------------------------------------------------- pieces


def _relation_chain(piece: str) -> tuple[list[str], list[str]] | None:
    """Split ``a < x \\leq b`` into expressions and operators at top level, or None."""
    exprs, ops, start = [], [], 0
    matches = []
    for i, _ch, depth in _depth_scan(piece):
        if depth == 0 and (piece[i] in "<>=" or piece.startswith("\\", i)):
            m = _REL_TOKEN.match(piece, i)
            if m and (not matches or m.start() >= matches[-1].end()):
                matches.append(m)
    if not matches:
        return None
    for m in matches:
        exprs.append(piece[start : m.start()])
        ops.append(_REL_NAMES[m.group(0)])
        start = m.end()
    exprs.append(piece[start:])
    return exprs, ops


def _interval_literal(piece: str) -> ParsedAnswer | None:
    """``[a, b)``, ``(a, b]``, ``[a, b]``, ``(a, b)`` (the last is a pair or an interval)."""
    if len(piece) < 5 or piece[0] not in "([" or piece[-1] not in ")]":
        return None
    # the opening bracket must close at the very end
    for i, _ch, depth in _depth_scan(piece):
        if depth == 0 and i < len(piece) - 1:
            return None
    inner = piece[1:-1]
    parts = split_top(inner, ",")
    if len(parts) != 2 or not all(parts):
        return None
    (lo, lo_form, _), (hi, hi_form, _) = (parse_expression(p) for p in parts)
    if piece[0] == "(" and piece[-1] == ")":
        items = tuple(_expr_answer(p) for p in parts)
        return ParsedAnswer(kind="tuple", items=items, maybe_interval=True, text=piece,
                            form=("tuple", tuple(i.form for i in items)))
    if lo.free_symbols or hi.free_symbols:
        raise AnswerParseError("interval with symbolic ends")
    value = sp.Interval(lo, hi, piece[0] == "(", piece[-1] == ")")
    return ParsedAnswer(kind="relation", value=value, interval_notation=True, text=piece,
                        form=("interval", piece[0], lo_form, hi_form, piece[-1]))


def _set_literal(piece: str) -> ParsedAnswer | None:
    if piece.startswith("\\{") and piece.endswith("\\}"):
        inner = piece[2:-2].strip()
        if not inner:
            return ParsedAnswer(kind="set", text=piece, form=("set",))
        items = [_single(p) for p in split_top(inner, ",") if p]
        return _as_set(items, piece)
    if piece.startswith("{") and piece.endswith("}") and _outer_closes_at_end(piece):
        parts = [p for p in split_top(piece[1:-1], ",") if p]
        if len(parts) > 1:
            return _as_set([_single(p) for p in parts], piece)
        return _single(piece[1:-1]) if parts else ParsedAnswer(kind="set", text=piece, form=("set",))
    if piece in ("\\emptyset", "\\{\\}", "\\phi"):
        return ParsedAnswer(kind="set", text=piece, form=("set",))
    return None


def _outer_closes_at_end(piece: str) -> bool:
    return all(depth > 0 for i, _ch, depth in _depth_scan(piece) if i < len(piece) - 1)


def _as_set(items: list[ParsedAnswer], text: str) -> ParsedAnswer:
    flat: list[ParsedAnswer] = []
    for item in items:
        flat.extend(item.items if item.kind == "set" else [item])
    return ParsedAnswer(kind="set", items=tuple(flat), text=text,
                        form=("set", tuple(sorted(repr(i.form) for i in flat))))


def _rel_set(var: sp.Symbol, left: Any, op: str, right: Any) -> sp.Set:
    """Solution set over the reals of ``left op right`` in ``var``."""
    real = sp.Symbol(var.name, real=True)
    left, right = left.subs(var, real), right.subs(var, real)
    if op == "!=":
        if left == real and not right.has(real):
            return sp.Union(sp.Interval.open(-sp.oo, right), sp.Interval.open(right, sp.oo))
        rel = sp.Ne(left, right)
    elif op == "=":
        if left == real and not right.has(real):
            return sp.FiniteSet(right)
        rel = sp.Eq(left, right)
    else:
        if op in (">", ">="):
            left, right, op = right, left, _FLIP[op]
        strict = op == "<"
        if left == real and not right.has(real):
            return sp.Interval(-sp.oo, right, True, strict)
        if right == real and not left.has(real):
            return sp.Interval(left, sp.oo, strict, True)
        rel = sp.Lt(left, right) if strict else sp.Le(left, right)
    return rel.as_set()


def _relation_piece(exprs: list[str], ops: list[str], text: str) -> ParsedAnswer:
    values = [parse_expression(e)[0] for e in exprs]
    forms = [parse_expression(e)[1] for e in exprs]
    # reversed chains (3 > x \geq 1) read left to right as 1 \leq x < 3
    if ops and all(o in (">", ">=") for o in ops):
        values, forms, ops = values[::-1], forms[::-1], [_FLIP[o] for o in reversed(ops)]
    free = set().union(*(v.free_symbols for v in values if isinstance(v, sp.Basic)))
    form = ("rel", tuple(forms), tuple(ops))
    if len(free) == 1 and all(isinstance(v, sp.Expr) for v in values):
        (var,) = free
        result: sp.Set = sp.S.Reals
        for (a, b), op in zip(itertools.pairwise(values), ops, strict=False):
            result = sp.Intersection(result, _rel_set(var, a, op, b))
        return ParsedAnswer(kind="relation", value=result, var=var.name, text=text, form=form)
    atoms = []
    for (a, b), op in zip(itertools.pairwise(values), ops, strict=False):
        if op in ("<", "<="):
            atoms.append((sp.expand(b - a), op == "<"))
        elif op in (">", ">="):
            atoms.append((sp.expand(a - b), op == ">"))
        else:
            raise AnswerParseError("mixed relation")
    return ParsedAnswer(kind="relation", value=tuple(atoms), var=None, text=text, form=form)


def _single(piece: str) -> ParsedAnswer:
    """One comma-free piece of an answer."""
    piece = piece.strip()
    if not piece:
        raise AnswerParseError("empty piece")
    if not _balanced(piece):
        raise AnswerParseError("unbalanced brackets")
    if AND.strip() in piece:
        parts = [p for p in split_top(piece, AND.strip()) if p]
        answers = [_single(p) for p in parts]
        if all(a.kind == "relation" and a.var for a in answers) and len({a.var for a in answers}) == 1:
            value = sp.Intersection(*[a.value for a in answers])
            return ParsedAnswer(kind="relation", value=value, var=answers[0].var, text=piece,
                                form=("and", tuple(sorted(repr(a.form) for a in answers))))
        if len(answers) == 1:
            return answers[0]
        return _combine(answers, piece)  # "6 and 8": a list
    found = _set_literal(piece)
    if found is not None:
        return found
    if "\\cup" in piece:
        parts = split_top(piece, "\\cup")
        answers = [_single(p) for p in parts]
        sets = [_to_real_set(a) for a in answers]
        if any(s is None for s in sets):
            raise AnswerParseError("\\cup of non-intervals")
        return ParsedAnswer(kind="relation", value=sp.Union(*sets), text=piece, interval_notation=True,
                            form=("cup", tuple(sorted(repr(a.form) for a in answers))))
    chain = _relation_chain(piece)
    if chain is not None:
        exprs, ops = chain
        if any(not e.strip() for e in exprs):
            raise AnswerParseError("relation with an empty side")
        if ops == ["in"]:
            rhs = _single(exprs[1])
            return _assignment(exprs[0].strip(), rhs, piece)
        if ops == ["="]:
            return _equation(exprs[0].strip(), exprs[1].strip(), piece)
        if "=" in ops and all(o == "=" for o in ops):
            # a = b = c: keep the last value for the first name
            return _equation(exprs[0].strip(), exprs[-1].strip(), piece)
        if "=" in ops or "in" in ops:
            raise AnswerParseError("mixed relation chain")
        return _relation_piece(exprs, ops, piece)
    found = _interval_literal(piece)
    if found is not None:
        return found
    if piece[0] == "(" and piece[-1] == ")" and len(split_top(piece[1:-1], ",")) > 2:
        ok = all(d > 0 for i, _c, d in _depth_scan(piece) if i < len(piece) - 1)
        if ok:
            items = tuple(_expr_answer(p) for p in split_top(piece[1:-1], ","))
            return ParsedAnswer(kind="tuple", items=items, text=piece, form=("tuple", tuple(i.form for i in items)))
    ratio = split_top(piece, ":")
    if len(ratio) > 1 and all(ratio):
        items = tuple(_expr_answer(p) for p in ratio)
        return ParsedAnswer(kind="tuple", items=items, text=piece, form=("ratio", tuple(i.form for i in items)))
    return _expr_answer(piece)


_NAME = re.compile(r"^(?:[A-Za-z](?:_\{?[A-Za-z0-9+\-]+\}?)?'*|\\[A-Za-z]+|[A-Za-z]\([A-Za-z0-9]\)|\\(?:vec|overrightarrow)\{[A-Za-z]+\}|[A-Za-z]'+)$")


def _assignment(name: str, rhs: ParsedAnswer, text: str) -> ParsedAnswer:
    return ParsedAnswer(kind="assignment", var=name.replace(" ", ""), items=(rhs,), text=text,
                        form=("assign", name.replace(" ", ""), rhs.form))


def _equation(lhs_text: str, rhs_text: str, text: str) -> ParsedAnswer:
    name = lhs_text.replace(" ", "")
    if _NAME.match(name):
        rhs = _single(rhs_text)
        lhs_sym = None
        with contextlib.suppress(AnswerParseError):
            lhs_sym = parse_expression(lhs_text)[0]
        # y = 2x + 1 is an assignment; x = x + 1 (name on both sides) is an equation
        if rhs.kind not in ("value", "expression") or lhs_sym is None or not rhs.value.has(lhs_sym):
            return _assignment(name, rhs, text)
    lhs, lhs_form, _ = parse_expression(lhs_text)
    rhs_v, rhs_form, _ = parse_expression(rhs_text)
    return ParsedAnswer(kind="equation", value=(lhs, rhs_v), text=text,
                        form=("eq", tuple(sorted((repr(lhs_form), repr(rhs_form))))))


def _to_real_set(answer: ParsedAnswer) -> sp.Set | None:
    """The answer as a subset of the reals, when it is one (relation, interval, finite set)."""
    if answer.kind == "relation" and isinstance(answer.value, sp.Set):
        return answer.value
    if answer.kind == "tuple" and answer.maybe_interval and len(answer.items) == 2:
        lo, hi = (i.value for i in answer.items)
        if all(isinstance(v, sp.Expr) and not v.free_symbols for v in (lo, hi)):
            return sp.Interval.open(lo, hi)
    if answer.kind == "set" and all(i.kind == "value" for i in answer.items):
        return sp.FiniteSet(*[i.value for i in answer.items])
    if answer.kind == "value":
        return sp.FiniteSet(answer.value)
    if answer.kind == "assignment":
        return _to_real_set(answer.items[0])
    return None


def to_real_set(answer: ParsedAnswer) -> sp.Set | None:
    """Public form of :func:`_to_real_set` for the comparison code."""
    return _to_real_set(answer)


# ---------------------------------------------------------------- combination


def _combine(pieces: list[ParsedAnswer], text: str) -> ParsedAnswer:
    if len(pieces) == 1:
        return pieces[0]
    kinds = [p.kind for p in pieces]
    # x = -1, 3  /  x = -1, x = 3  ->  assignment of a set
    if kinds[0] == "assignment" and all(k in ("value", "expression", "set") for k in kinds[1:]):
        first = pieces[0]
        return _assignment(first.var or "", _as_set([first.items[0], *pieces[1:]], text), text)
    if all(k == "assignment" for k in kinds):
        names = [p.var for p in pieces]
        if len(set(names)) == 1:
            return _assignment(names[0] or "", _as_set([p.items[0] for p in pieces], text), text)
        if len(set(names)) == len(names):
            items = tuple(sorted(pieces, key=lambda p: p.var or ""))
            return ParsedAnswer(kind="system", items=items, text=text,
                                form=("system", tuple(repr(i.form) for i in items)))
        raise AnswerParseError("repeated names in a system")
    # x < -1, 3 < x  (Japanese comma union)
    rels = [p for p in pieces if p.kind == "relation"]
    if rels and all(p.kind in ("relation", "assignment", "value") for p in pieces):
        sets = [_to_real_set(p) for p in pieces]
        names = {p.var for p in pieces if p.kind in ("relation", "assignment") and p.var}
        if all(s is not None for s in sets) and len(names) <= 1:
            return ParsedAnswer(kind="relation", value=sp.Union(*sets), var=next(iter(names), None), text=text,
                                interval_notation=all(p.interval_notation for p in rels),
                                form=("or", tuple(sorted(repr(p.form) for p in pieces))))
        if all(p.kind == "relation" and p.var is None and not isinstance(p.value, sp.Set) for p in pieces):
            atoms = tuple(a for p in pieces for a in p.value)
            return ParsedAnswer(kind="relation", value=atoms, text=text,
                                form=("and", tuple(sorted(repr(p.form) for p in pieces))))
        raise AnswerParseError("relations in different variables")
    if all(k in ("value", "expression", "tuple", "set") for k in kinds):
        return _as_set(pieces, text)
    if all(k == "equation" for k in kinds):
        return _as_set(pieces, text)
    raise AnswerParseError(f"cannot combine {', '.join(sorted(set(kinds)))}")


def _expand_pm(piece: str) -> list[str]:
    matches = list(_PM.finditer(piece))
    if not matches:
        return [piece]
    if len(matches) > MAX_PM:
        raise AnswerParseError("too many \\pm")
    variants = []
    for flip in (False, True):
        out, last = [], 0
        for m in matches:
            plus = (m.group(1) == "pm") != flip
            out.append(piece[last : m.start()])
            out.append("+" if plus else "-")
            last = m.end()
        out.append(piece[last:])
        variants.append("".join(out))
    return variants


def _pm_piece(piece: str) -> list[ParsedAnswer]:
    """Parse a piece; ``x = 2 \\pm \\sqrt{5}`` becomes the assignment of a two-element set."""
    variants = _expand_pm(piece)
    if len(variants) == 1:
        return [_single(piece)]
    answers = [_single(v) for v in variants]
    if all(a.kind == "assignment" for a in answers) and len({a.var for a in answers}) == 1:
        return [_assignment(answers[0].var or "", _as_set([a.items[0] for a in answers], piece), piece)]
    if all(a.kind == "relation" for a in answers):
        raise AnswerParseError("\\pm inside a relation")
    return [_as_set(answers, piece)]


def parse_answer(text: str, *, escaped: bool = False) -> ParsedAnswer:
    """Parse one extracted answer; raises :class:`AnswerParseError` when it is not math.

    ``escaped`` says escaping damage was already repaired upstream (control characters
    restored before extraction).
    """
    fixed = repair(text)
    norm = normalize(fixed.text)
    body = norm.text
    if not body:
        raise AnswerParseError("empty answer")
    if len(body) > MAX_TEXT:
        raise AnswerParseError(f"answer too long ({len(body)} characters)")
    if not _balanced(body):
        raise AnswerParseError("unbalanced brackets")
    raw_pieces = [p for p in split_top(body, ",") if p]
    if len(raw_pieces) > MAX_PIECES:
        raise AnswerParseError("too many pieces")
    pieces: list[ParsedAnswer] = []
    for raw in raw_pieces:
        pieces.extend(_pm_piece(raw))
    if not pieces:
        raise AnswerParseError("empty answer")
    answer = _combine(pieces, body)
    if answer.kind == "relation" and answer.var:
        # one-variable relations are judged by their solution set; only the notation counts
        answer = _with(answer, form=("relset", answer.interval_notation))
    units = (*norm.units, "°") if norm.degrees else norm.units
    return _with(answer, escape=fixed.escape or escaped, units=units, notes=norm.notes, text=body)


def _with(answer: ParsedAnswer, **changes: Any) -> ParsedAnswer:
    return attrs.evolve(answer, **changes)
