"""Tiny exact polynomials in a few letters (dict of exponent tuples -> int).

展開・因数分解 only multiplies linear factors with small integer coefficients; doing it
with plain integers is about a hundred times faster than ``sympy.expand`` and yields the
term order of an answer key (descending powers of the first letter) directly.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from mathft_core.latex import join_terms

Poly = dict[tuple[int, ...], int]


def linear(coeffs: Sequence[int]) -> Poly:
    """``c_0 v_0 + c_1 v_1 + ... + c_k`` (last entry the constant) over len(coeffs)-1 letters."""
    n = len(coeffs) - 1
    out: Poly = {}
    for i, c in enumerate(coeffs[:-1]):
        if c:
            out[tuple(1 if j == i else 0 for j in range(n))] = c
    if coeffs[-1]:
        out[(0,) * n] = coeffs[-1]
    return out


def mul(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for e1, c1 in p.items():
        for e2, c2 in q.items():
            e = tuple(a + b for a, b in zip(e1, e2, strict=True))
            out[e] = out.get(e, 0) + c1 * c2
    return {e: c for e, c in out.items() if c}


def add(p: Poly, q: Poly, k: int = 1) -> Poly:
    """``p + k q``."""
    out = dict(p)
    for e, c in q.items():
        out[e] = out.get(e, 0) + k * c
    return {e: c for e, c in out.items() if c}


def const(c: int, n: int) -> Poly:
    return {(0,) * n: c} if c else {}


def product(factors: Sequence[Poly], n: int) -> Poly:
    out = const(1, n)
    for f in factors:
        out = mul(out, f)
    return out


def monomial_tex(exps: tuple[int, ...], names: Sequence[str]) -> str:
    """``x^2y`` in alphabetical letter order (as textbooks write ``2ax^2``)."""
    parts = []
    for name, e in sorted(zip(names, exps, strict=True)):
        if e == 1:
            parts.append(name)
        elif e > 1:
            parts.append(f"{name}^{e}")
    return "".join(parts)


def to_tex(p: Poly, names: Sequence[str]) -> str:
    """Descending powers of ``names[0]``, then of ``names[1]`` ...: ``x^2 - 2xy + y^2 - 3``."""
    p = {e: c for e, c in p.items() if c}
    if not p:
        return "0"
    terms = []
    for exps in sorted(p, key=lambda e: tuple(-v for v in e)):
        c = p[exps]
        body = monomial_tex(exps, names)
        if not body:
            terms.append(str(c))
        elif c == 1:
            terms.append(body)
        elif c == -1:
            terms.append(f"-{body}")
        else:
            terms.append(f"{c}{body}")
    return join_terms(terms)


def to_sympy(p: Poly, names: Sequence[str]) -> sp.Expr:
    syms = sp.symbols(list(names))
    return sp.Add(*[c * sp.Mul(*[s**e for s, e in zip(syms, exps, strict=True)]) for exps, c in p.items()])


def evaluate(p: Poly, point: Sequence[int]) -> int:
    total = 0
    for exps, c in p.items():
        term = c
        for v, e in zip(point, exps, strict=True):
            term *= v**e
        total += term
    return total


def factor_tex(coeffs: Sequence[int], names: Sequence[str]) -> str:
    """A linear factor without parentheses: ``2x - 3y + 1``."""
    return to_tex(linear(coeffs), names)
