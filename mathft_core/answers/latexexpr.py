"""A small, fast parser for the common subset of answer LaTeX, with a guarded evaluator.

latex2sympy2_extended (an ANTLR grammar) costs 2-40 ms per expression in pure Python;
most exam answers (``-\\frac{3}{4}``, ``2\\sqrt{3}``, ``x^2 - 2x - 15``, ``\\frac{5}{6}\\pi``)
need only numbers, letters, ``+ - \\cdot \\times / ^``, ``\\frac``, ``\\sqrt``, a few
functions and brackets. This parser handles that subset in tens of microseconds and raises
:class:`Unsupported` for anything else, so the caller falls back to latex2sympy2.

It builds a tiny AST of tuples, from which come both the SymPy value (with size guards:
no huge integer powers or factorials, which would hang in C) and a *form key* (the written
structure with commutative operands sorted), used to tell "same value, other form" apart.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

#: Integer results above this many bits are refused (a power tower would hang in C).
MAX_BITS = 20_000
MAX_DIGITS = 400
MAX_FACTORIAL = 1_000


class Unsupported(ValueError):
    """The text uses LaTeX outside this parser's subset."""


class TooLarge(ValueError):
    """Evaluating the text would build an enormous number."""


_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"|(?P<cmd>\\[A-Za-z]+|\\[{}|,;!: ])"
    r"|(?P<ch>[A-Za-z])"
    r"|(?P<op>[-+*/^_(){}\[\]|!'])"
    r")"
)

_GREEK = frozenset(
    ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega"]
)
_FUNCS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp,
    "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan,
}
_SPACES = frozenset({"\\,", "\\;", "\\!", "\\:", "\\ ", "\\quad", "\\qquad", "\\left", "\\right",
                     "\\displaystyle", "\\mathrm", "\\mathit"})


def tokenize(text: str) -> list[tuple[str, str]]:
    """``(kind, value)`` tokens; raises :class:`Unsupported` on any other character."""
    tokens: list[tuple[str, str]] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise Unsupported(f"unexpected {text[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind) if kind else ""
        if kind == "cmd" and value in _SPACES:
            continue
        if kind == "num" and len(value) > MAX_DIGITS:
            raise TooLarge("number literal too long")
        tokens.append((kind or "", value))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise Unsupported("unexpected end")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value:
            raise Unsupported(f"expected {value!r}, got {tok[1]!r}")

    def parse(self) -> tuple:
        node = self.expr()
        if self.peek() is not None:
            raise Unsupported(f"trailing {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def expr(self) -> tuple:
        terms: list[tuple] = []
        sign = 1
        tok = self.peek()
        if tok and tok[1] in "+-" and tok[0] == "op":
            self.take()
            sign = -1 if tok[1] == "-" else 1
        first = self.term()
        terms.append(first if sign == 1 else ("neg", first))
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.take()
            t = self.term()
            terms.append(t if tok[1] == "+" else ("neg", t))
        return terms[0] if len(terms) == 1 else ("add", *terms)

    def _starts_factor(self, tok: tuple[str, str] | None) -> bool:
        if tok is None:
            return False
        kind, value = tok
        if kind in ("num", "ch"):
            return True
        if kind == "op":
            return value in "({["
        if kind == "cmd":
            return value not in ("\\cdot", "\\times", "\\div", "\\}", "\\pm", "\\mp", "\\rvert", "\\vert")
        return False

    def term(self) -> tuple:
        factors: list[tuple] = [self.unary()]
        while True:
            tok = self.peek()
            if tok is None:
                break
            if tok[1] in ("\\cdot", "\\times", "*"):
                self.take()
                factors.append(self.unary())
            elif tok[1] in ("/", "\\div"):
                self.take()
                factors.append(("inv", self.unary()))
            elif self._starts_factor(tok):
                factors.append(self.postfix())
            else:
                break
        return factors[0] if len(factors) == 1 else ("mul", *factors)

    def unary(self) -> tuple:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            inner = self.unary()
            return ("neg", inner) if tok[1] == "-" else inner
        return self.postfix()

    def group(self) -> tuple:
        """A braced group or a single token (``^2``, ``\\frac12``)."""
        tok = self.peek()
        if tok and tok[1] == "{":
            self.take()
            node = self.expr()
            self.expect("}")
            return node
        if tok and tok[0] == "num":
            self.take()
            if len(tok[1]) > 1 and "." not in tok[1]:
                # ^23 means ^{2}3 in TeX; only a single digit binds
                raise Unsupported("multi-digit bare exponent")
            return ("num", tok[1])
        return self.atom()

    def postfix(self) -> tuple:
        node = self.atom()
        while (tok := self.peek()) is not None:
            if tok[1] == "^":
                self.take()
                nxt = self.peek()
                if nxt and nxt[1] == "\\circ":
                    self.take()
                    node = ("deg", node)
                    continue
                if nxt and nxt[1] == "{" and self.i + 2 < len(self.toks) and self.toks[self.i + 1][1] == "\\circ" \
                        and self.toks[self.i + 2][1] == "}":
                    self.i += 3
                    node = ("deg", node)
                    continue
                node = ("pow", node, self.group())
            elif tok[1] == "!":
                self.take()
                node = ("fact", node)
            elif tok[1] == "'":
                raise Unsupported("prime")
            else:
                break
        return node

    def atom(self) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("num", value)
        if kind == "ch":
            name = value
            if (tok := self.peek()) and tok[1] == "_":
                self.take()
                name += "_" + self._subscript()
            if name == "e":
                return ("E",)
            return ("sym", name)
        if kind == "op":
            if value in "([":
                close = ")" if value == "(" else "]"
                node = self.expr()
                self.expect(close)
                return ("paren", node)
            if value == "{":
                node = self.expr()
                self.expect("}")
                return node
            if value == "|":
                node = self.expr()
                self.expect("|")
                return ("abs", node)
            raise Unsupported(f"unexpected {value!r}")
        # commands
        name = value[1:]
        if name in ("frac", "dfrac", "tfrac"):
            return ("div", self.group(), self.group())
        if name == "sqrt":
            index = None
            if (tok := self.peek()) and tok[1] == "[":
                self.take()
                index = self.expr()
                self.expect("]")
            radicand = self.group()
            return ("root", radicand, index) if index is not None else ("sqrt", radicand)
        if name == "pi":
            return ("pi",)
        if name == "infty":
            return ("oo",)
        if name in _GREEK:
            return ("sym", name)
        if name in ("lvert", "vert"):
            node = self.expr()
            self.expect("\\rvert" if name == "lvert" else "\\vert")
            return ("abs", node)
        if name in _FUNCS or name in ("log", "ln"):
            return self._function(name)
        raise Unsupported(f"command \\{name}")

    def _subscript(self) -> str:
        tok = self.take()
        if tok[1] == "{":
            parts = []
            depth = 1
            while depth:
                t = self.take()
                if t[1] == "{":
                    depth += 1
                elif t[1] == "}":
                    depth -= 1
                    if not depth:
                        break
                parts.append(t[1])
            return "{" + "".join(parts) + "}"
        return tok[1]

    def _function(self, name: str) -> tuple:
        power = None
        base = None
        if name == "log" and (tok := self.peek()) and tok[1] == "_":
            self.take()
            base = self.group()
        if (tok := self.peek()) and tok[1] == "^":
            self.take()
            power = self.group()
        tok = self.peek()
        arg = self.postfix() if tok and tok[1] in ("(", "{") else self._bare_argument()
        node: tuple = ("log", arg, base) if name in ("log", "ln") else ("fn", name, arg)
        return ("pow", node, power) if power is not None else node

    def _bare_argument(self) -> tuple:
        """``\\sin 2x``, ``\\log x``: a run of implicit-product factors without operators."""
        factors = [self.postfix()]
        while ((tok := self.peek()) and tok[0] in ("num", "ch")) or (
            tok is not None and tok[0] == "cmd" and tok[1] in ("\\pi", *(f"\\{g}" for g in _GREEK))
        ):
            factors.append(self.postfix())
        return factors[0] if len(factors) == 1 else ("mul", *factors)


def parse_ast(text: str) -> tuple:
    """The AST of ``text``; raises :class:`Unsupported` outside the subset."""
    return _Parser(tokenize(text)).parse()


def _int_bits(value: sp.Basic) -> float:
    if value.is_Integer:
        return abs(int(value)).bit_length()
    if value.is_Rational:
        return max(abs(value.p).bit_length(), value.q.bit_length())
    return 0.0


def _guarded_pow(base: sp.Basic, exp: sp.Basic) -> sp.Basic:
    if exp.is_Number and base.is_Number:
        bits = _int_bits(base)
        if exp.is_Integer and bits > 1 and abs(int(exp)) * bits > MAX_BITS:
            raise TooLarge("power too large")
        if exp.is_Rational and not exp.is_Integer and abs(exp.p) * bits > MAX_BITS:
            raise TooLarge("power too large")
    elif exp.is_Number and exp.is_Integer and abs(int(exp)) > 1000:
        raise TooLarge("exponent too large")
    return sp.Pow(base, exp)


def to_sympy(node: tuple, symbols: dict[str, sp.Symbol] | None = None) -> Any:
    """Evaluate an AST to SymPy, refusing sizes that would hang; symbols keep their case."""
    symbols = {} if symbols is None else symbols
    op = node[0]
    if op == "num":
        text = node[1]
        return sp.Integer(int(text)) if "." not in text else sp.Rational(text)
    if op == "sym":
        return symbols.setdefault(node[1], sp.Symbol(node[1]))
    if op == "E":
        return sp.E
    if op == "pi":
        return sp.pi
    if op == "oo":
        return sp.oo
    if op == "paren":
        return to_sympy(node[1], symbols)
    if op == "neg":
        return -to_sympy(node[1], symbols)
    if op == "add":
        return sp.Add(*[to_sympy(n, symbols) for n in node[1:]])
    if op == "mul":
        return sp.Mul(*[to_sympy(n, symbols) for n in node[1:]])
    if op == "inv":
        return _guarded_pow(to_sympy(node[1], symbols), sp.Integer(-1))
    if op == "div":
        num, den = to_sympy(node[1], symbols), to_sympy(node[2], symbols)
        return num * _guarded_pow(den, sp.Integer(-1))
    if op == "pow":
        return _guarded_pow(to_sympy(node[1], symbols), to_sympy(node[2], symbols))
    if op == "sqrt":
        return sp.sqrt(to_sympy(node[1], symbols))
    if op == "root":
        return _guarded_pow(to_sympy(node[1], symbols), 1 / to_sympy(node[2], symbols))
    if op == "abs":
        return sp.Abs(to_sympy(node[1], symbols))
    if op == "deg":
        return to_sympy(node[1], symbols)
    if op == "fact":
        inner = to_sympy(node[1], symbols)
        if inner.is_Integer and int(inner) > MAX_FACTORIAL:
            raise TooLarge("factorial too large")
        return sp.factorial(inner)
    if op == "fn":
        return _FUNCS[node[1]](to_sympy(node[2], symbols))
    if op == "log":
        arg = to_sympy(node[1], symbols)
        return sp.log(arg) if node[2] is None else sp.log(arg, to_sympy(node[2], symbols))
    raise Unsupported(f"node {op}")


def form_key(node: tuple) -> Any:
    """The written structure of an AST, commutative operands sorted (order never matters)."""
    op = node[0]
    if op in ("num", "sym", "E", "pi", "oo"):
        return node
    if op == "paren":
        return form_key(node[1])
    if op in ("add", "mul"):
        return (op, tuple(sorted((form_key(n) for n in node[1:]), key=repr)))
    if op in ("log",):
        return (op, form_key(node[1]), None if node[2] is None else form_key(node[2]))
    if op == "fn":
        return (op, node[1], form_key(node[2]))
    if op == "root":
        return (op, form_key(node[1]), form_key(node[2]))
    return (op, *(form_key(n) for n in node[1:]))


def is_plain_decimal(node: tuple) -> int | None:
    """Decimal places when the AST is a (signed) decimal literal such as ``0.1587``, else None."""
    if node[0] == "neg":
        return is_plain_decimal(node[1])
    if node[0] == "num" and "." in node[1]:
        return len(node[1].split(".", 1)[1])
    return None
