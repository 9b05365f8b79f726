"""Does an answer's LaTeX parse (math-verify) back to the solver's exact value?

This is the generation-time check of CURRICULUM.md §0 (b). It runs on trusted text (our
own templates), so it calls math-verify in-process. ``\\leqq``/``\\geqq`` are mapped to
``\\leq``/``\\geq`` first, as the competition grader does; relations and sets of relations
(``x < -1, 3 < x``) are compared as solution sets over the reals.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from math_verify import parse as _mv_parse
from math_verify import verify

from mathft_core.answers.grader import extraction_config

_REPLACEMENTS = (
    ("\\leqq", "\\leq"),
    ("\\geqq", "\\geq"),
    ("\\leqslant", "\\leq"),
    ("\\geqslant", "\\geq"),
    ("≦", "\\leq"),
    ("≧", "\\geq"),
)


def parse(text: str) -> list[Any]:
    """math-verify's parse with the competition grader's settings (unit stripping off, so a
    variable ``m`` or ``t`` is never taken for a unit)."""
    return _mv_parse(text, extraction_config=extraction_config())


def grader_text(latex_text: str) -> str:
    """The answer as the grader parses it: ``\\leqq`` -> ``\\leq``, wrapped in ``$...$``."""
    text = latex_text
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    text = text.strip()
    if not (text.startswith("$") or text.startswith("\\[") or text.startswith("\\boxed")):
        text = f"${text}$"
    return text


def _as_real_set(obj: Any) -> sp.Set | None:
    """Solution set over the reals of a relation, a conjunction or a set of relations."""
    try:
        if isinstance(obj, sp.Set) and not isinstance(obj, sp.FiniteSet):
            return obj
        if isinstance(obj, sp.FiniteSet) and obj and all(isinstance(a, sp.Rel | sp.And | sp.Or) for a in obj.args):
            return sp.Union(*[_as_real_set(a) for a in obj.args])
        if isinstance(obj, sp.Rel | sp.And | sp.Or) and not isinstance(obj, sp.Eq):
            free = obj.free_symbols
            if len(free) != 1:
                return None
            (var,) = free
            real = sp.Symbol(var.name, real=True)
            return obj.subs(var, real).as_set()
    except (TypeError, ValueError, NotImplementedError, AttributeError):
        return None
    return None


def _with_imaginary_unit(obj: Any) -> Any:
    """Read every symbol named ``i`` as the imaginary unit.

    latex2sympy gives ``3i`` and ``3 i`` two different ``i`` symbols (real and not), so a
    complex answer written the textbook way (``1 + 3i``) never equals ``sympy.latex``'s
    ``1 + 3 i`` structurally; substituting ``I`` compares the numbers themselves.
    """
    if not isinstance(obj, sp.Basic):
        return obj
    subs = {s: sp.I for s in obj.free_symbols if isinstance(s, sp.Symbol) and s.name == "i"}
    return obj.xreplace(subs) if subs else obj


def _complex_equal(got: Any, want: Any) -> bool:
    """Exact equality of complex numbers or of finite sets of them."""
    if isinstance(want, sp.FiniteSet):
        if not isinstance(got, sp.FiniteSet) or len(got) != len(want):
            return False
        rest = list(want.args)
        for item in got.args:
            match = next((w for w in rest if _complex_equal(item, w)), None)
            if match is None:
                return False
            rest.remove(match)
        return True
    if not isinstance(got, sp.Expr) or not isinstance(want, sp.Expr) or got.free_symbols:
        return False
    return bool(sp.simplify(sp.expand_complex(got - want)) == 0)


def latex_matches_value(answer_latex: str, value: Any) -> bool:
    """True when ``answer_latex`` parses to something equal to the exact ``value``."""
    pred = parse(grader_text(answer_latex))
    if not pred:
        return False
    gold_text = value if isinstance(value, str) else sp.latex(value)
    gold = parse(grader_text(gold_text))
    if gold and verify(gold, pred):
        return True
    if isinstance(value, sp.Basic) and value.has(sp.E):
        # SymPy prints 2·e·x as "2 e x", which math-verify reads as "2"; the dotted form parses
        dotted = parse(grader_text(sp.latex(value, mul_symbol="dot")))
        if dotted and verify(dotted, pred):
            return True
    if isinstance(value, sp.Basic) and value.has(sp.I):
        return _complex_equal(_with_imaginary_unit(pred[0]), value)
    if isinstance(value, sp.Set | sp.Rel | sp.And | sp.Or) and not isinstance(value, sp.FiniteSet):
        want = _as_real_set(value)
        got = _as_real_set(pred[0])
        if want is not None and got is not None:
            return bool(sp.simplify(sp.Complement(want, got) | sp.Complement(got, want)) == sp.S.EmptySet)
    return False


_BOXED = re.compile(r"\\boxed\{")


def boxed_contents(text: str) -> list[str]:
    """Contents of every ``\\boxed{...}`` in ``text`` (balanced braces)."""
    out = []
    for match in _BOXED.finditer(text):
        depth, start = 1, match.end()
        for i in range(start, len(text)):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    out.append(text[start:i])
                    break
    return out
