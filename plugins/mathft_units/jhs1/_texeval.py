"""Exact evaluation of the arithmetic LaTeX our 中学 statements print.

A small recursive-descent reader of ``+ - \\times \\div``, unary minus, ``^``, brackets
(``( )``, ``\\left( \\right)``), ``\\frac{..}{..}``, integers, decimals and one-letter
variables with implicit multiplication (``3x^2y``). The verifiers use it to re-read the
problem text itself, independently of the tree the solver computed from. It is written here,
not delegated to latex2sympy, because it is exact (Fractions, no floats) and about fifty
times faster, which keeps these types near the generation-speed target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction

_TOKEN = re.compile(r"\s*(\\left\(|\\right\)|\\times|\\div|\\frac|\\cdot|\d+(?:\.\d+)?|[a-z]|[-+^(){}])")


class TexSyntaxError(ValueError):
    """The text is outside the arithmetic subset this reader understands."""


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise TexSyntaxError(f"cannot read {text[pos:pos + 12]!r}")
        out.append(m.group(1))
        pos = m.end()
    return out


class _Reader:
    def __init__(self, tokens: list[str], env: Mapping[str, Fraction]) -> None:
        self.t, self.i, self.env = tokens, 0, env

    def peek(self) -> str | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, want: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise TexSyntaxError(f"expected {want!r}, found {tok!r}")
        self.i += 1
        return tok

    def expr(self) -> Fraction:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def _starts_factor(self, tok: str | None) -> bool:
        return tok is not None and (tok[0].isdigit() or tok in ("(", "\\left(", "\\frac") or (len(tok) == 1 and tok.isalpha()))

    def term(self) -> Fraction:
        value = self.unary()
        while True:
            tok = self.peek()
            if tok in ("\\times", "\\cdot"):
                self.take()
                value *= self.unary()
            elif tok == "\\div":
                self.take()
                value /= self.unary()
            elif self._starts_factor(tok):
                value *= self.power()
            else:
                return value

    def unary(self) -> Fraction:
        if self.peek() == "-":
            self.take()
            return -self.unary()
        return self.power()

    def power(self) -> Fraction:
        base = self.atom()
        if self.peek() == "^":
            self.take()
            if self.peek() == "{":
                self.take()
                exp = self.expr()
                self.take("}")
            else:
                tok = self.take()
                if not tok.isdigit():
                    raise TexSyntaxError(f"bad exponent {tok!r}")
                if len(tok) > 1:  # ^23 means exponent 2 followed by the digits 3...
                    raise TexSyntaxError("multi-digit exponent without braces")
                exp = Fraction(int(tok))
            if exp.denominator != 1:
                raise TexSyntaxError("non-integer exponent")
            return base ** int(exp)
        return base

    def atom(self) -> Fraction:
        tok = self.take()
        if tok[0].isdigit():
            return Fraction(tok)
        if tok in ("(", "\\left("):
            value = self.expr()
            self.take(")" if tok == "(" else "\\right)")
            return value
        if tok == "\\frac":
            self.take("{")
            top = self.expr()
            self.take("}")
            self.take("{")
            bottom = self.expr()
            self.take("}")
            return top / bottom
        if len(tok) == 1 and tok.isalpha():
            if tok not in self.env:
                raise TexSyntaxError(f"no value for {tok!r}")
            return self.env[tok]
        raise TexSyntaxError(f"unexpected {tok!r}")


def evaluate(text: str, env: Mapping[str, Fraction] | None = None) -> Fraction:
    """Exact value of the LaTeX expression ``text`` with variables taken from ``env``."""
    reader = _Reader(_tokens(text), env or {})
    value = reader.expr()
    if reader.peek() is not None:
        raise TexSyntaxError(f"trailing {reader.peek()!r}")
    return value
