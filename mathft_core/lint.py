"""The lint stage: named rules an answer key must pass (problem text, solution and answer).

Each :class:`LintRule` looks at one field at a time and returns the offending snippet or
``None``. A *fixable* rule also has ``fix``: generation rewrites the problem text and the
solution with it and counts the fix; a hit that no fix removes, or any hit in the answer
(the unit's canonical form, never rewritten), fails the item with reason ``lint``.

Rules read prose and math separately (:mod:`mathft_core.lint_math`) and never depend on the
punctuation style (「、。」 or 「，．」) or on plain vs polite problem text.

Deliberately *not* flagged (documented in docs/unit-authoring.md): ``x^{10}``, ``10x``,
``\\frac{1}{2}``, ``(\\frac{5}{4})^2``, ``a_{1}``, integral bounds ``\\int_0^1``,
``[\\,\\cdot\\,]_{0}^{1}``, limits ``x \\to +0``, numeric bases with exponent 0 or 1
(``2^{0}``, ``10^{1}``, ``e^{0}``: exponent-law and evaluation steps show them on purpose),
and the sequence ellipsis ``a_1 + \\cdots + a_n`` or the label leader ``\\cdots\\cdots①``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from mathft_core.lint_math import JAPANESE_CLASS, Split, split_math

FIELDS = ("problem", "solution", "answer")


@attrs.frozen(kw_only=True)
class LintItem:
    """The three texts of an item under lint."""

    problem: str
    solution: str
    answer: str


@attrs.frozen(kw_only=True)
class FieldText:
    """One field handed to a rule: its name, text, math split and the whole item (context)."""

    name: str
    text: str
    split: Split
    item: LintItem


@attrs.frozen(kw_only=True)
class LintRule:
    """A named rule. ``find`` returns the offending snippet (or ``None``); ``fix`` normalises."""

    name: str
    description: str
    find: Callable[[FieldText], str | None]
    fix: Callable[[str], str] | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None


@attrs.frozen(kw_only=True)
class LintHit:
    """A rule that fired on a field, with the snippet it saw."""

    rule: str
    field: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.rule} in {self.field}: {self.snippet!r}"


class LintFailure(Exception):
    """An item breaks a rule that no fix removes; ``hit`` names the rule."""

    def __init__(self, hit: LintHit) -> None:
        super().__init__(str(hit))
        self.hit = hit


@attrs.frozen(kw_only=True)
class LintOutcome:
    """The (possibly normalised) texts, the fixable rules that changed them and the tolerated hits."""

    problem: str
    solution: str
    fixed: tuple[str, ...]
    tolerated: tuple[str, ...] = ()

    @property
    def hits(self) -> tuple[str, ...]:
        """Every rule that fired on the item (fixed or tolerated), for the per-rule counts."""
        return (*self.fixed, *self.tolerated)


def _field(name: str, item: LintItem) -> FieldText:
    text = getattr(item, name)
    return FieldText(name=name, text=text, split=split_math(text, all_math=name == "answer"), item=item)


def _snippet(text: str, match: re.Match[str], pad: int = 12) -> str:
    return text[max(0, match.start() - pad) : match.end() + pad]


def _math_search(pattern: re.Pattern[str]) -> Callable[[FieldText], str | None]:
    def find(field: FieldText) -> str | None:
        for seg in field.split.math():
            match = pattern.search(seg.text)
            if match:
                return _snippet(seg.text, match)
        return None

    return find


def _math_sub(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    def fix(text: str) -> str:
        split = split_math(text)
        out, pos = [], 0
        for seg in split.math():
            out.append(text[pos : seg.start])
            out.append(pattern.sub(repl, seg.text))
            pos = seg.start + len(seg.text)
        out.append(text[pos:])
        return "".join(out)

    return fix


# --- coefficients and exponents 1 and 0 ---------------------------------------------------

_COMMANDS_AFTER_COEF = r"\\(?:sqrt|pi|sin|cos|tan|log|theta|alpha|beta|vec|overrightarrow|overline)\b"
COEF_ONE_ZERO = re.compile(
    r"(?<![\w.\\^_{])(?<![\^_]\{)[01](?=[a-zA-Z(]|" + _COMMANDS_AFTER_COEF + r")"
    r"|(?<![\w\\])(?<!\\to)(?<!\\to )\+\s*0(?![\d.,])(?=\s*(?:$|[+\-=)<>]|\\(?:le|ge|ne|lt|gt)))"
)
EXPONENT_ONE_ZERO = re.compile(r"(?<![\\a-zA-Z_])([a-zA-Z]+|\))\^(?:\{\s*[01]\s*\}|[01](?![\d.]))")
_COMMAND = re.compile(r"\\[a-zA-Z]+")


def _open_paren(math: str, close: int) -> int:
    depth = 0
    for i in range(close, -1, -1):
        depth += math[i] == ")"
        depth -= math[i] == "("
        if depth == 0:
            return i
    return -1


def _exponent_one_zero(field: FieldText) -> str | None:
    """``x^{1}``, ``(x+1)^{0}``; a parenthesised number (``(-4)^{1}``) is a shown formula value."""
    for seg in field.split.math():
        for match in EXPONENT_ONE_ZERO.finditer(seg.text):
            if match.group(1) == "e":  # Napier's e: e^{0} = 1 is an evaluation step
                continue
            if match.group(1) == ")":
                inner = seg.text[_open_paren(seg.text, match.start()) + 1 : match.start()]
                if not re.search("[a-zA-Z]", _COMMAND.sub("", inner)):
                    continue
            return _snippet(seg.text, match)
    return None

# --- signs, powers of fractions and roots ---------------------------------------------------

SIGN_PILEUP = re.compile(r"(?<![\\\w{^_])([+\-])(\s*)([+\-])(?=\s*[\w\\(])")
_ARG = r"(?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|[0-9a-zA-Z])"
BARE_POWER = re.compile(
    r"\\[dt]?frac\s*" + _ARG + r"\s*" + _ARG + r"\s*\^" + r"|\\sqrt\s*(?:\[[^\]]*\])?\s*" + _ARG + r"\s*\^"
)


def _fix_sign(match: re.Match[str]) -> str:
    sign = "-" if (match.group(1) == "-") != (match.group(3) == "-") else "+"
    return sign + " "


# --- structure: glued math, delimiters ------------------------------------------------------

def _glued(field: FieldText) -> str | None:
    if field.split.glued_at:
        at = field.split.glued_at[0]
        return field.text[max(0, at - 12) : at + 12]
    return None


_BEGIN = re.compile(r"\\begin\{(\w+\*?)\}")
_END = re.compile(r"\\end\{(\w+\*?)\}")


def brace_problem(math: str) -> str | None:
    """Why the braces, ``\\left``/``\\right`` or environments of a math run do not balance."""
    depth, i = 0, 0
    while i < len(math):
        ch = math[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return "closing brace without an opening one"
        i += 1
    if depth:
        return f"{depth} unclosed brace(s)"
    if len(re.findall(r"\\left\b", math)) != len(re.findall(r"\\right\b", math)):
        return "\\left/\\right count differs"
    if sorted(_BEGIN.findall(math)) != sorted(_END.findall(math)):
        return "\\begin/\\end do not match"
    return None


def _unbalanced(field: FieldText) -> str | None:
    if field.split.unclosed:
        return "math opened with $ but never closed"
    for seg in field.split.math():
        why = brace_problem(seg.text)
        if why:
            return f"{why}: {seg.text[:40]}"
    for seg in field.split.prose():
        if "{" in seg.text or "}" in seg.text:
            return f"brace in prose: {seg.text.strip()[:40]}"
    return None


# --- placeholders and leftovers -------------------------------------------------------------

PLACEHOLDER_MATH = re.compile(
    r"\{\s*\\[cl]?dots\s*\}|\(\s*\\[cl]?dots\s*\)|(?:^|[=<>])\s*\\[cl]?dots\s*(?:$|[=<>])|\\[cl]?dots\s*(?:[<>]|\\[lg]eqq?\b)"
    r"|\?\?|\bNone\b|\bnan\b"
)
PLACEHOLDER_PROSE = re.compile(r"\bNone\b|\bnan\b|\bTrue\b|\bFalse\b|\?\?|□|〇〇|XX")


def _placeholder(field: FieldText) -> str | None:
    hit = _math_search(PLACEHOLDER_MATH)(field)
    if hit:
        return hit
    for seg in field.split.prose():
        match = PLACEHOLDER_PROSE.search(seg.text)
        if match:
            return _snippet(seg.text, match)
    return None


# --- trivial A = A ----------------------------------------------------------------------------

_NOISE = re.compile(r"\\left|\\right|\\[,;!]|\\quad|\\qquad|&|\s+")


def _normal(part: str) -> str:
    part = _NOISE.sub("", part)
    return re.sub(r"\\(sqrt|frac)(\d)", r"\\\1{\2}", part)


def top_level_parts(math: str, seps: str) -> list[str]:
    """Split ``math`` at characters of ``seps`` that are outside braces and parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(math):
        ch = math[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append(math[start:i])
            start = i + 1
        i += 1
    parts.append(math[start:])
    return parts


def _trivial(field: FieldText) -> str | None:
    for seg in field.split.math():
        for piece in top_level_parts(seg.text.replace("\\\\", ","), ","):
            sides = [_normal(p) for p in top_level_parts(piece, "=")]
            for left, right in itertools.pairwise(sides):
                if left and left == right:
                    return piece.strip()
    return None


# --- prose: empty or doubled slots, Japanese in display math, steps that do nothing ------------

EMPTY_SLOT = re.compile(
    rf"[{JAPANESE_CLASS}][ \u3000]+[{JAPANESE_CLASS}]|[，、,．。]\s*[，、,．。]|（\s*）|「\s*」|\(\s*\)"
)
#: A list of names whose last entry is a bare capital letter (「太郎，花子，C」): a slot that
#: fell back to a default label while the others were filled.
MIXED_NAME_LIST = re.compile(rf"[{JAPANESE_CLASS}]{{2,}}[，、,]\s*[{JAPANESE_CLASS}]{{2,}}[，、,]\s*\$?[A-Z]\$?(?![A-Za-z])")


def _empty_slot(field: FieldText) -> str | None:
    for seg in field.split.prose():
        for pattern in (EMPTY_SLOT, MIXED_NAME_LIST):
            match = pattern.search(seg.text)
            if match:
                return _snippet(seg.text, match, 6)
    return None


JAPANESE_IN_MATH = re.compile(f"[{JAPANESE_CLASS}]+")
#: Tables (``array``/``tabular``) may carry Japanese headers such as ``\\text{度数}``.
_TABLE = re.compile(r"\\begin\{(array|tabular)\}.*?\\end\{\1\}", re.S)


def _japanese_in_display(field: FieldText) -> str | None:
    for seg in field.split.math():
        if seg.kind != "display":
            continue
        match = JAPANESE_IN_MATH.search(_TABLE.sub("", seg.text))
        if match:
            return match.group(0)
    return None

NOOP_STEP = re.compile(
    r"両辺を\s*1\s*で割|両辺に\s*1\s*を(?:掛|かけ)|両辺を\s*1\s*倍|両辺(?:に|から)\s*0\s*を(?:加え|足|たし|引|ひ)"
)
CLEAR_DENOMINATORS = re.compile(r"分母を(?:はら|払)")
_HAS_FRACTION = re.compile(r"\\[dt]?frac|/|\d\.\d")


def _noop_step(field: FieldText) -> str | None:
    if field.name == "answer":
        return None
    plain = field.text.replace("$", "")
    match = NOOP_STEP.search(plain)
    if match:
        return _snippet(plain, match, 6)
    match = CLEAR_DENOMINATORS.search(field.text)
    if match:
        before = (field.item.problem if field.name == "solution" else "") + field.text[: match.start()]
        if not _HAS_FRACTION.search(before):
            return _snippet(field.text, match, 10)
    return None


def _sign_find(field: FieldText) -> str | None:
    return _math_search(SIGN_PILEUP)(field)


BUILTIN_RULES: tuple[LintRule, ...] = (
    LintRule(name="coef_one_zero", description="coefficient 1 or 0 written out (1x, -1a, 0a, + 0)",
             find=_math_search(COEF_ONE_ZERO)),
    LintRule(name="exponent_one_zero", description="exponent 1 or 0 on a variable (x^{1}, x^{0})",
             find=_exponent_one_zero),
    LintRule(name="sign_pileup", description="two signs in a row (+ -3, - -3, + +); fixed to one sign",
             find=_sign_find, fix=_math_sub(SIGN_PILEUP, _fix_sign)),
    LintRule(name="bare_power", description="power of an unparenthesised fraction or root (\\frac{5}{4}^2)",
             find=_math_search(BARE_POWER)),
    LintRule(name="glued_math", description="two math runs glued together ($a$$b$)", find=_glued),
    LintRule(name="unbalanced", description="unbalanced braces, \\left/\\right, environments or $",
             find=_unbalanced),
    LintRule(name="placeholder", description="a placeholder standing for a value (e^{\\cdots}, None, ??)",
             find=_placeholder),
    LintRule(name="trivial_step", description="a step A = A with identical sides", find=_trivial),
    LintRule(name="empty_slot", description="an empty or doubled template slot in prose (「角 家」, 「太郎，花子，C」)",
             find=_empty_slot),
    LintRule(name="japanese_in_display", description="Japanese text inside display math",
             find=_japanese_in_display),
    LintRule(name="noop_step", description="a step that does nothing (両辺を 1 で割る, 分母をはらう with no fraction)",
             find=_noop_step),
)

BUILTIN_RULE_NAMES: tuple[str, ...] = tuple(r.name for r in BUILTIN_RULES)


def find_hits(item: LintItem, rules: Iterable[LintRule] = BUILTIN_RULES) -> list[LintHit]:
    """Every (rule, field) that fires on ``item``, fixable rules included (no fixing)."""
    fields = [_field(name, item) for name in FIELDS]
    hits = []
    for rule in rules:
        for field in fields:
            snippet = rule.find(field)
            if snippet is not None:
                hits.append(LintHit(rule=rule.name, field=field.name, snippet=snippet))
    return hits


def lint_item(
    problem: str, solution: str, answer: str, rules: Sequence[LintRule] | None = None,
    *, tolerate: frozenset[str] = frozenset(),
) -> LintOutcome:
    """Apply fixable rules to problem and solution, then fail on any remaining hit.

    Raises :class:`LintFailure` naming the first rule (in rule order) that still fires.
    Hits of rules in ``tolerate`` (a type's entry in :mod:`mathft_core.lint_baseline`) are
    counted in ``tolerated`` instead of failing the item.
    """
    active = BUILTIN_RULES if rules is None else tuple(rules)
    fixed: list[str] = []
    for rule in active:
        if rule.fix is None:
            continue
        changed = False
        for name in ("problem", "solution"):
            text = problem if name == "problem" else solution
            item = LintItem(problem=problem, solution=solution, answer=answer)
            if rule.find(_field(name, item)) is None:
                continue
            new = rule.fix(text)
            changed = changed or new != text
            if name == "problem":
                problem = new
            else:
                solution = new
        if changed:
            fixed.append(rule.name)
    hits = find_hits(LintItem(problem=problem, solution=solution, answer=answer), active)
    failing = [h for h in hits if h.rule not in tolerate]
    if failing:
        raise LintFailure(failing[0])
    tolerated = tuple(dict.fromkeys(h.rule for h in hits))
    return LintOutcome(problem=problem, solution=solution, fixed=tuple(fixed), tolerated=tolerated)


def validate_rule(rule: object) -> LintRule:
    """``rule`` itself if it is a :class:`LintRule` with a usable name, else ``TypeError``/``ValueError``."""
    if not isinstance(rule, LintRule):
        raise TypeError(f"registered object {rule!r} is not a mathft LintRule")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", rule.name):
        raise ValueError(f"lint rule name {rule.name!r} must match [a-z][a-z0-9_]*")
    return rule
