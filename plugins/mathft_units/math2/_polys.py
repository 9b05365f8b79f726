"""Polynomials as coefficient lists (descending powers, ``Fraction``): arithmetic and text.

Exact list arithmetic is much faster than SymPy for the small polynomials of 数学II
samplers and solvers; verifiers evaluate at points or call SymPy independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from mathft_core.latex import poly

Poly = list[Fraction]


def trim(p: Sequence[Fraction | int]) -> Poly:
    out = [Fraction(c) for c in p]
    while len(out) > 1 and out[0] == 0:
        out.pop(0)
    return out or [Fraction(0)]


def add(p: Sequence[Fraction], q: Sequence[Fraction]) -> Poly:
    n = max(len(p), len(q))
    a = [Fraction(0)] * (n - len(p)) + list(p)
    b = [Fraction(0)] * (n - len(q)) + list(q)
    return trim([x + y for x, y in zip(a, b, strict=True)])


def scale(p: Sequence[Fraction], k: Fraction | int) -> Poly:
    return trim([c * k for c in p])


def mul(p: Sequence[Fraction], q: Sequence[Fraction]) -> Poly:
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return trim(out)


def divmod_poly(p: Sequence[Fraction], d: Sequence[Fraction]) -> tuple[Poly, Poly]:
    """Quotient and remainder of long division (``d`` with a non-zero leading coefficient)."""
    rem = [Fraction(c) for c in p]
    d = trim(d)
    if len(rem) < len(d):
        return [Fraction(0)], trim(rem)
    quot = [Fraction(0)] * (len(rem) - len(d) + 1)
    for i in range(len(quot)):
        c = rem[i] / d[0]
        quot[i] = c
        for j, dc in enumerate(d):
            rem[i + j] -= c * dc
    return trim(quot), trim(rem[len(quot):])


def evaluate(p: Sequence[Fraction], x: Fraction | int | complex) -> Fraction | complex:
    acc: Fraction | complex = Fraction(0)
    for c in p:
        acc = acc * x + c
    return acc


def derivative(p: Sequence[Fraction]) -> Poly:
    n = len(p) - 1
    return trim([c * (n - i) for i, c in enumerate(p[:-1])]) if n > 0 else [Fraction(0)]


def from_roots(roots: Sequence[Fraction], lead: Fraction | int = 1) -> Poly:
    out: Poly = [Fraction(lead)]
    for r in roots:
        out = mul(out, [Fraction(1), -Fraction(r)])
    return out


def text(p: Sequence[Fraction], var: str = "x") -> str:
    return poly(list(p), var)
