"""式と証明: 二項定理, 整式の除法, 恒等式 (部分分数), 相加・相乗平均.

Solvers use the textbook formulas with exact ``Fraction`` arithmetic; verifiers expand
with SymPy, divide with ``sympy.div``, test the identity at sample points, or minimise
numerically.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import coef_term, num, paren
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _polys
from mathft_units.math2._trig_core import surd_latex

X, Y, Z = sp.symbols("x y z")


def _f(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def _pk(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


def _comb(n: int, r: int) -> str:
    return f"{{}}_{{{n}}}\\mathrm{{C}}_{{{r}}}"


# --- 二項定理 --------------------------------------------------------------------


def _xpow(e: int) -> str:
    return "" if e == 0 else "x" if e == 1 else f"x^{{{e}}}"


def sample_binomial(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 5 and rng.random() < 0.5:
        n = rng.randint(4, 7)
        i = rng.randint(1, n - 2)
        j = rng.randint(1, n - i - 1)
        return {"kind": "multi", "n": n, "i": i, "j": j, "b": rng.choice((1, 2, -1, -2, 3)),
                "c": rng.choice((1, -1, 2, -2, 3))}
    e1, p = {1: (1, 0), 2: (1, 0), 3: (1, -1), 4: (2, -1), 5: (2, -1)}[difficulty]
    if difficulty == 4 and rng.random() < 0.5:
        e1, p = 1, -2
    n = rng.randint(4, 8) if difficulty == 1 else rng.randint(5, 9)
    a = rng.choice((1, 1, 2, -1)) if difficulty == 1 else rng.choice((1, 2, 3, -1, -2))
    b = rng.choice([v for v in range(-4, 5) if v])
    r = rng.randint(1, n - 1)
    return {"kind": "bin", "a": a, "b": b, "n": n, "e1": e1, "p": p, "r": r}


def _bin_exponent(p: Mapping[str, Any], r: int) -> int:
    return p["e1"] * (p["n"] - r) + p["p"] * r


def binomial_text(p: Mapping[str, Any]) -> tuple[str, str]:
    """The power being expanded and the monomial asked for."""
    if p["kind"] == "multi":
        n, i, j = p["n"], p["i"], p["j"]
        inner = f"x {'-' if p['b'] < 0 else '+'} {coef_term(abs(p['b']), 'y')} {'-' if p['c'] < 0 else '+'} {coef_term(abs(p['c']), 'z')}"
        k = n - i - j
        mono = f"{_xpow(i)}{'y' if j == 1 else f'y^{{{j}}}'}{'z' if k == 1 else f'z^{{{k}}}'}"
        return f"({inner})^{{{n}}}", f"${mono}$ の係数"
    first = coef_term(p["a"], _xpow(p["e1"]))
    b = p["b"]
    second = str(abs(b)) if p["p"] == 0 else f"\\frac{{{abs(b)}}}{{{_xpow(-p['p'])}}}"
    body = f"{first} {'-' if b < 0 else '+'} {second}"
    power = f"({body})^{{{p['n']}}}" if p["p"] == 0 else f"\\left({body}\\right)^{{{p['n']}}}"
    k = _bin_exponent(p, p["r"])
    return power, ("定数項" if k == 0 else f"${_xpow(k)}$ の係数")


def _pw(base: str, e: int) -> str:
    """``base^{e}`` with the exponents 0 and 1 left out."""
    return "" if e == 0 else base if e == 1 else f"{base}^{{{e}}}"


def _factor(coef: int, letter: str) -> str:
    """``y``, ``(-y)``, ``(2y)`` as a factor to be raised to a power."""
    return letter if coef == 1 else f"({coef_term(coef, letter)})"


def solve_binomial(p: Mapping[str, Any]) -> Solution:
    power, asked = binomial_text(p)
    if p["kind"] == "multi":
        n, i, j = p["n"], p["i"], p["j"]
        k = n - i - j
        value = math.factorial(n) // (math.factorial(i) * math.factorial(j) * math.factorial(k)) * p["b"] ** j * p["c"] ** k
        steps = {"kind": "multi", "power": power, "asked": asked, "n": n, "i": i, "j": j, "k": k,
                 "b": paren(str(p["b"])), "c": paren(str(p["c"])), "value": value,
                 "multi": f"\\frac{{{n}!}}{{{i}!\\,{j}!\\,{k}!}}",
                 "mono": f"{_xpow(i)}{_pw('y', j)}{_pw('z', k)}",
                 "term": f"{_xpow(i)}{_pw(_factor(p['b'], 'y'), j)}{_pw(_factor(p['c'], 'z'), k)}"}
        return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)
    n, a, b, r = p["n"], p["a"], p["b"], p["r"]
    value = math.comb(n, r) * a ** (n - r) * b**r
    slope = p["e1"] - p["p"]
    e_expr = f"{p['e1'] * n} - {'' if slope == 1 else slope}r"
    first = coef_term(a, _xpow(p["e1"]))
    second = str(b) if p["p"] == 0 else f"\\frac{{{b}}}{{{_xpow(-p['p'])}}}"
    steps = {"kind": "bin", "power": power, "asked": asked, "comb": _comb(n, "r"), "n": n,
             "first": f"({first})" if first not in ("x",) else "x", "second": f"\\left({second}\\right)",
             "e_expr": e_expr, "k": _bin_exponent(p, r), "r": r, "comb_r": _comb(n, r), "C": math.comb(n, r),
             "apow": f"{paren(str(a))}^{{{n - r}}}", "bpow": f"{paren(str(b))}^{{{r}}}", "value": value}
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_binomial(p: Mapping[str, Any], solution: Solution) -> bool:
    """Expand with SymPy and read off the coefficient."""
    if p["kind"] == "multi":
        n, i, j = p["n"], p["i"], p["j"]
        expr = sp.expand((X + p["b"] * Y + p["c"] * Z) ** n)
        coeff = sp.Poly(expr, X, Y, Z).coeff_monomial(X**i * Y**j * Z ** (n - i - j))
        return coeff == solution.answer
    expr = sp.expand(x_expr(p) ** p["n"] * X ** (-p["p"] * p["n"]))  # clear negative powers
    k = _bin_exponent(p, p["r"]) - p["p"] * p["n"]
    return sp.Poly(expr, X).coeff_monomial(X**k) == solution.answer


def x_expr(p: Mapping[str, Any]) -> sp.Expr:
    return p["a"] * X ** p["e1"] + p["b"] * X ** p["p"]


# --- 整式の除法 ------------------------------------------------------------------


def sample_division(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        ddeg = 1 if difficulty == 1 else 2
        lead = 1 if difficulty <= 3 else r.choice((1, 2, 3))
        d = [lead] + [r.randint(-4, 4) for _ in range(ddeg)]
        qdeg = {1: 2, 2: 1, 3: 2, 4: 2, 5: 3}[difficulty]
        q = [r.choice((1, 2, -1, 3)) if lead == 1 else r.choice((1, -1))] + [r.randint(-5, 5) for _ in range(qdeg)]
        rem = [r.randint(-9, 9) for _ in range(ddeg)]
        ask = "rem" if difficulty <= 3 else r.choice(("rem", "quot"))
        return {"d": d, "q": q, "r": rem, "ask": ask}

    return draw_until(rng, draw, lambda p: any(p["r"]) and p["d"][-1] != 0)


def _division_parts(p: Mapping[str, Any]) -> tuple[_polys.Poly, _polys.Poly]:
    d, q, r = (_polys.trim(p[k]) for k in ("d", "q", "r"))
    return _polys.add(_polys.mul(d, q), r), d


def solve_division(p: Mapping[str, Any]) -> Solution:
    P, D = _division_parts(p)
    quot, rem = _polys.divmod_poly(P, D)
    rows = []
    current = list(P)
    for c in quot:
        if c == 0:
            continue
        deg = len(current) - len(D)
        term = coef_term(c, "x" if deg == 1 else f"x^{deg}" if deg > 1 else "")
        product = _polys.mul(D, [c] + [Fraction(0)] * deg)
        current = _polys.add(current, _polys.scale(product, -1))
        rows.append({"term": term, "product": _polys.text(product), "rest": _polys.text(current)})
    ans = quot if p["ask"] == "quot" else rem
    expr = sum(sp.Rational(c.numerator, c.denominator) * X ** (len(ans) - 1 - i) for i, c in enumerate(ans))
    steps = {"P": _polys.text(P), "D": _polys.text(D), "Q": _polys.text(quot), "R": _polys.text(rem),
             "rows": rows, "ask": p["ask"]}
    return Solution(answer=sp.expand(expr), answer_latex=_polys.text(ans), steps=steps)


def verify_division(p: Mapping[str, Any], solution: Solution) -> bool:
    """Divide again with SymPy's polynomial division."""
    P, D = _division_parts(p)
    to_expr = lambda cs: sum(sp.Rational(c.numerator, c.denominator) * X ** (len(cs) - 1 - i)  # noqa: E731
                             for i, c in enumerate(cs))
    q, r = sp.div(to_expr(P), to_expr(D), X)
    want = q if p["ask"] == "quot" else r
    return sp.expand(want - solution.answer) == 0


# --- 恒等式 ----------------------------------------------------------------------

NAMES = ("a", "b", "c")


def sample_partial(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        k = 3 if difficulty >= 4 else 2
        roots = sorted(r.sample(range(-6, 7), k))
        num_deg = k - 1
        numer = [r.randint(-6, 6) for _ in range(num_deg + 1)]
        if difficulty == 1:
            numer = [0] * num_deg + [r.randint(1, 9)]
        return {"roots": roots, "num": numer, "expanded": difficulty in (3, 5)}

    def ok(p: dict[str, Any]) -> bool:
        coeffs = _partial_coeffs(p)
        return all(c != 0 for c in coeffs)

    return draw_until(rng, draw, ok)


def _partial_coeffs(p: Mapping[str, Any]) -> list[Fraction]:
    roots = [Fraction(r) for r in p["roots"]]
    numer = _polys.trim(p["num"])
    out = []
    for i, r in enumerate(roots):
        denom = Fraction(1)
        for j, s in enumerate(roots):
            if i != j:
                denom *= r - s
        out.append(Fraction(_polys.evaluate(numer, r)) / denom)
    return out


def _lin(r: int) -> str:
    return "x" if r == 0 else f"x {'-' if r > 0 else '+'} {abs(r)}"


def partial_text(p: Mapping[str, Any]) -> str:
    roots = p["roots"]
    numer = _polys.text(_polys.trim(p["num"]))
    if p["expanded"]:
        den = _polys.text(_polys.from_roots([Fraction(r) for r in roots]))
    else:
        den = "".join(f"({_lin(r)})" if r != 0 else "x" for r in sorted(roots, key=lambda r: r != 0))
    right = " + ".join(f"\\frac{{{n}}}{{{_lin(r)}}}" for n, r in zip(NAMES, roots, strict=False))
    return f"\\frac{{{numer}}}{{{den}}} = {right}"


def solve_partial(p: Mapping[str, Any]) -> Solution:
    coeffs = _partial_coeffs(p)
    roots = p["roots"]
    names = NAMES[: len(roots)]
    rhs_terms = []
    for n, r in zip(names, roots, strict=False):
        others = "".join(f"({_lin(s)})" if s != 0 else "x" for s in roots if s != r)
        rhs_terms.append(f"{n}{others}")
    subs = []
    for n, r, c in zip(names, roots, coeffs, strict=False):
        prod = 1
        for s in roots:
            if s != r:
                prod *= r - s
        subs.append({"x": r, "name": n, "lhs": num(Fraction(_polys.evaluate(_polys.trim(p["num"]), Fraction(r)))),
                     "factor": prod, "term": coef_term(prod, n), "value": num(c)})
    latex = ", ".join(f"{n} = {num(c)}" for n, c in zip(names, coeffs, strict=False))
    answer = sp.FiniteSet(*[sp.Eq(sp.Symbol(n), sp.Rational(c.numerator, c.denominator))
                            for n, c in zip(names, coeffs, strict=False)])
    steps = {"identity": partial_text(p), "cleared": f"{_polys.text(_polys.trim(p['num']))} = {' + '.join(rhs_terms)}",
             "subs": subs, "names": ", ".join(names)}
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def verify_partial(p: Mapping[str, Any], solution: Solution) -> bool:
    """The identity holds at several values of x (exact arithmetic)."""
    values = {str(eq.lhs): Fraction(int(eq.rhs.p), int(eq.rhs.q)) for eq in solution.answer.args}
    roots = p["roots"]
    numer = _polys.trim(p["num"])
    for x in (Fraction(7, 3), Fraction(-13, 2), Fraction(11), Fraction(1, 9), Fraction(23, 5)):
        den = Fraction(1)
        for r in roots:
            den *= x - r
        left = Fraction(_polys.evaluate(numer, x)) / den
        right = sum(values[n] / (x - r) for n, r in zip(NAMES, roots, strict=False))
        if left != right:
            return False
    return True


# --- 相加・相乗平均 --------------------------------------------------------------


def sample_amgm(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 2:
            a = r.randint(1, 12)
            b = r.randint(1, 100)
            return {"kind": "basic", "a": a, "b": b, "c": r.choice([0, 0, 0, *range(-6, 7)])}
        if difficulty == 3:
            return {"kind": "shift", "a": r.randint(1, 6), "b": r.randint(1, 30), "c": r.choice((1, 2, 3, -1, -2))}
        return {"kind": "product", "a": r.randint(1, 9), "b": r.randint(1, 9), "c": r.randint(1, 4), "d": r.randint(1, 9)}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "basic":
            square = math.isqrt(p["a"] * p["b"]) ** 2 == p["a"] * p["b"]
            return square if difficulty == 1 else not square
        return True

    return draw_until(rng, draw, ok)


def amgm_text(p: Mapping[str, Any]) -> tuple[str, str]:
    """Condition and expression."""
    if p["kind"] == "basic":
        c = p.get("c", 0)
        tail = f" {'+' if c > 0 else '-'} {abs(c)}" if c else ""
        return "x > 0", f"{coef_term(p['a'], 'x')} + \\frac{{{p['b']}}}{{x}}{tail}"
    if p["kind"] == "shift":
        c = p["c"]
        return f"x > {c}", f"{coef_term(p['a'], 'x')} + \\frac{{{p['b']}}}{{{_lin(c)}}}"
    a, b, c, d = p["a"], p["b"], p["c"], p["d"]
    return "x > 0,\\ y > 0", (f"\\left({coef_term(a, 'x')} + \\frac{{{b}}}{{y}}\\right)"
                               f"\\left({coef_term(c, 'y')} + \\frac{{{d}}}{{x}}\\right)")


def solve_amgm(p: Mapping[str, Any]) -> Solution:
    cond, expr = amgm_text(p)
    if p["kind"] == "basic":
        a, b, c = p["a"], p["b"], p.get("c", 0)
        value = 2 * sp.sqrt(a * b) + c
        steps = {"kind": "basic", "prod": a * b, "min": surd_latex(value), "eq": surd_latex(sp.sqrt(sp.Rational(b, a))),
                 "ax": coef_term(a, "x"), "b": b, "c": c, "core": surd_latex(2 * sp.sqrt(a * b)),
                 "pair": f"{coef_term(a, 'x')} + \\frac{{{b}}}{{x}}"}
    elif p["kind"] == "shift":
        a, b, c = p["a"], p["b"], p["c"]
        value = 2 * sp.sqrt(a * b) + a * c
        steps = {"kind": "shift", "rewrite": f"{coef_term(a, f'({_lin(c)})')} + \\frac{{{b}}}{{{_lin(c)}}} "
                                              f"{'+' if a * c > 0 else '-'} {abs(a * c)}",
                 "prod": a * b, "core": surd_latex(2 * sp.sqrt(a * b)), "min": surd_latex(value),
                 "ac": a * c, "eq": surd_latex(sp.sqrt(sp.Rational(b, a)) + c), "lin": _lin(c)}
    else:
        a, b, c, d = p["a"], p["b"], p["c"], p["d"]
        value = a * d + b * c + 2 * sp.sqrt(a * b * c * d)
        steps = {"kind": "product", "expand": f"{coef_term(a * c, 'xy')} + {a * d + b * c} + \\frac{{{b * d}}}{{xy}}",
                 "prod": a * b * c * d, "core": surd_latex(2 * sp.sqrt(a * b * c * d)), "const": a * d + b * c,
                 "min": surd_latex(value), "eq": surd_latex(sp.sqrt(sp.Rational(b * d, a * c))), "acxy": coef_term(a * c, "xy"),
                 "bd": b * d}
    steps.update({"cond": cond, "expr": expr})
    value = sp.expand(value)
    return Solution(answer=value, answer_latex=surd_latex(value), steps=steps)


def verify_amgm(p: Mapping[str, Any], solution: Solution) -> bool:
    """Minimise numerically on a fine logarithmic grid."""
    t = np.exp(np.linspace(-8, 8, 80001))
    if p["kind"] == "basic":
        values = p["a"] * t + p["b"] / t + p.get("c", 0)
    elif p["kind"] == "shift":
        values = p["a"] * (t + p["c"]) + p["b"] / t
    else:
        # (a x + b / y)(c y + d / x) depends on s = x y only: a c s + a d + b c + b d / s
        values = p["a"] * p["c"] * t + p["a"] * p["d"] + p["b"] * p["c"] + p["b"] * p["d"] / t
    return _checks.extreme_matches(values, "min", float(solution.answer))
