"""対数の計算: sums of logarithms that collapse to a rational number.

An expression is a list of groups, each a textbook move: ``merge`` (same base, combine
the arguments: ``\\log_{2} 12 - \\log_{2} 3 = \\log_{2} 4 = 2``), ``change`` (change of
base: ``\\log_{4} 8 = \\frac{3}{2}``) and ``product`` (``\\log_{4} 27 \\cdot \\log_{3} 8``).
The solver uses exact ``Fraction`` arithmetic per move; the verifier evaluates the whole
expression with 50-digit logarithms.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks
from mathft_units.math2._explog_exp import exact_log
from mathft_units.math2._ptex import log, prime_power

COPRIME = {2: (3, 5, 7, 9, 11, 13), 3: (2, 4, 5, 7, 8, 10), 5: (2, 3, 4, 6, 7, 8), 10: (2, 3, 4, 5, 7, 8)}


def _f(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def _pk(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


# --- groups -------------------------------------------------------------------------


def _merge(r: Random, d: int) -> dict[str, Any]:
    p = r.choice((2, 3, 5, 10))
    m = r.choice(COPRIME[p])
    kinds = ["minus", "plus"] + (["coef"] if d in (1, 3) else []) + (["coef", "three"] if d >= 3 else [])
    kind = r.choice(kinds)
    e1, e2 = r.randint(0, 3 if p < 5 else 2), r.randint(1, 3 if p < 5 else 2)
    P = Fraction(p)
    if kind == "minus":
        if d >= 3 and r.random() < 0.5:
            terms = [(1, m * P**e1), (-1, m / P**e2)]
        else:
            terms = [(1, m * P**e2), (-1, Fraction(m))]
    elif kind == "plus":
        terms = [(1, m * P**e1), (1, P**e2 / m)]
    elif kind == "coef":
        k = r.choice((2, 3)) if m <= 5 else 2
        terms = [(k, m * P**e2), (-1, Fraction(m) ** k)]
    else:
        m2 = r.choice([x for x in COPRIME[p] if x != m])
        terms = [(1, m * P**e1), (1, m2 * P**e2), (-1, Fraction(m * m2))]
        r.shuffle(terms)
        if terms[0][0] < 0:
            terms.append(terms.pop(0))
    return {"kind": "merge", "p": p, "terms": [{"c": c, "arg": _pk(a)} for c, a in terms]}


def _change(r: Random, d: int) -> dict[str, Any]:
    p = r.choice((2, 3, 5))
    betas = [Fraction(2), Fraction(3), Fraction(4)] + ([Fraction(-1), Fraction(1, 2), Fraction(-2)] if d >= 3 else [])
    alphas = [Fraction(n) for n in range(1, 7)] + [Fraction(-n) for n in range(1, 4)] + (
        [Fraction(1, 2), Fraction(3, 2), Fraction(-1), Fraction(-2), Fraction(1, 3), Fraction(2, 3)] if d >= 3 else [])
    beta = r.choice([b for b in betas if p ** float(b) <= 130])
    alpha = r.choice([a for a in alphas if a not in (beta, -beta) and p ** float(a) <= 700])
    coef = r.choice((1, -1, 2, -2, 3) if d >= 5 else (1, -1) if d >= 2 else (1,))
    return {"kind": "change", "c": coef, "p": p, "beta": _pk(beta), "alpha": _pk(alpha)}


def _product(r: Random, _d: int) -> dict[str, Any]:
    p, q = r.sample((2, 3, 5), 2)
    a, b, c, dd = (r.randint(1, 3) for _ in range(4))
    return {"kind": "product", "c": r.choice((1, -1)), "p": p, "q": q, "a": a, "b": b, "cc": c, "dd": dd}


def sample_log_calc(rng: Random, difficulty: int) -> dict[str, Any]:
    """One group at level 1, up to four (including products and radicals) at level 5."""

    def draw(r: Random) -> dict[str, Any]:
        plan = {
            1: [r.choice((_merge, _merge, _change))],
            2: [_merge, _change],
            3: [_merge, _change] + ([_change] if r.random() < 0.5 else []),
            4: [_merge, _change, _product],
            5: [_merge, _change, _product] + ([r.choice((_merge, _change))] if r.random() < 0.6 else []),
        }[difficulty]
        groups = [make(r, difficulty) for make in plan]
        r.shuffle(groups)
        return {"groups": groups}

    def ok(params: dict[str, Any]) -> bool:
        for g in params["groups"]:
            if g["kind"] == "merge" and any(max(_f(t["arg"]).numerator, _f(t["arg"]).denominator) > 2000
                                            for t in g["terms"]):
                return False
            if g["kind"] == "product" and max(g["p"] ** g["a"], g["q"] ** g["b"], g["q"] ** g["cc"],
                                              g["p"] ** g["dd"]) > 130:
                return False
        return len({_group_text(g) for g in params["groups"]}) == len(params["groups"])

    return draw_until(rng, draw, ok)


# --- text and values ----------------------------------------------------------------


def _group_text(g: Mapping[str, Any]) -> str:
    if g["kind"] == "merge":
        return join_terms(coef_term(t["c"], log(str(g["p"]), num(_f(t["arg"])))) for t in g["terms"])
    if g["kind"] == "change":
        body = log(prime_power(g["p"], _f(g["beta"])), prime_power(g["p"], _f(g["alpha"])))
        return coef_term(g["c"], body)
    p, q = g["p"], g["q"]
    body = f"{log(str(p ** g['a']), str(q ** g['b']))} \\cdot {log(str(q ** g['cc']), str(p ** g['dd']))}"
    return body if g["c"] == 1 else f"-{body}"


def _product_factors(terms: list[tuple[int, Fraction]]) -> str:
    def one(c: int, a: Fraction) -> str:
        text = num(a)
        if abs(c) == 1:
            return text
        return f"{paren(text) if a.denominator != 1 else text}^{{{abs(c)}}}"

    ups = [one(c, a) for c, a in terms if c > 0]
    downs = [one(c, a) for c, a in terms if c < 0]
    top = " \\cdot ".join(ups) if ups else "1"
    if not downs:
        return f"({top})" if len(ups) > 1 else top
    bottom = " \\cdot ".join(downs)
    return f"\\frac{{{top}}}{{{bottom}}}"


def _group_value(g: Mapping[str, Any]) -> tuple[Fraction, str]:
    """Exact value of a group (without a sign/coefficient of change/product groups) and its step."""
    if g["kind"] == "merge":
        p = g["p"]
        terms = [(t["c"], _f(t["arg"])) for t in g["terms"]]
        prod = Fraction(1)
        for c, a in terms:
            prod *= a**c
        e = exact_log(Fraction(p), prod)
        if e is None:
            raise ValueError(f"merge group does not collapse: {prod} is not a power of {p}")
        step = f"{_group_text(g)} = {log(str(p), _product_factors(terms))} = {log(str(p), num(prod))} = {e}"
        return Fraction(e), step
    if g["kind"] == "change":
        p, alpha, beta = g["p"], _f(g["alpha"]), _f(g["beta"])
        base, arg = prime_power(p, beta), prime_power(p, alpha)
        value = alpha / beta
        ratio = (f"\\frac{{{alpha.numerator}}}{{{beta.numerator}}}" if alpha.denominator == beta.denominator == 1
                 and beta > 0 else f"{num(alpha)} \\div {paren(num(beta))}")
        step = f"{log(base, arg)} = \\frac{{{log(str(p), arg)}}}{{{log(str(p), base)}}} = {ratio}"
        if ratio != num(value):
            step += f" = {num(value)}"
        return value, step
    p, q, a, b, c, dd = g["p"], g["q"], g["a"], g["b"], g["cc"], g["dd"]
    lq = log(str(p), str(q))
    first = coef_term(b, lq) if a == 1 else f"\\frac{{{coef_term(b, lq)}}}{{{a}}}"
    second = f"\\frac{{{dd}}}{{{coef_term(c, lq)}}}"
    value = Fraction(b * dd, a * c)
    text = f"{log(str(p ** a), str(q ** b))} \\cdot {log(str(q ** c), str(p ** dd))}"
    step = (f"{text} = \\frac{{{log(str(p), str(q ** b))}}}{{{log(str(p), str(p ** a))}}} \\cdot "
            f"\\frac{{{log(str(p), str(p ** dd))}}}{{{log(str(p), str(q ** c))}}} = {first} \\cdot {second} = {num(value)}")
    return value, step


def log_calc_text(params: Mapping[str, Any]) -> str:
    """The expression as stated."""
    return join_terms(_group_text(g) for g in params["groups"])


def solve_log_calc(params: Mapping[str, Any]) -> Solution:
    steps, parts = [], []
    total = Fraction(0)
    for g in params["groups"]:
        value, step = _group_value(g)
        steps.append(step)
        coef = 1 if g["kind"] == "merge" else g["c"]
        total += coef * value
        if coef == 1:
            parts.append(num(value))
        elif coef == -1:
            parts.append(f"-{paren(num(value))}")
        else:
            parts.append(f"{coef} \\cdot {paren(num(value))}")
    sum_text = join_terms(parts)
    return Solution(
        answer=sp.Rational(total.numerator, total.denominator),
        answer_latex=num(total),
        steps={"expr": log_calc_text(params), "groups": steps, "sum": sum_text,
               "several": len(steps) > 1, "total": num(total)},
    )


def verify_log_calc(params: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate the stated expression with 50-digit logarithms and compare."""
    ctx = _checks.CTX
    ln = ctx.log
    total = ctx.mpf(0)
    for g in params["groups"]:
        if g["kind"] == "merge":
            for t in g["terms"]:
                total += t["c"] * ln(_checks.mpf(_f(t["arg"]))) / ln(g["p"])
        elif g["kind"] == "change":
            p = ctx.mpf(g["p"])
            base = ctx.power(p, _checks.mpf(_f(g["beta"])))
            arg = ctx.power(p, _checks.mpf(_f(g["alpha"])))
            total += g["c"] * ln(arg) / ln(base)
        else:
            p, q = g["p"], g["q"]
            total += g["c"] * (ln(q ** g["b"]) / ln(p ** g["a"])) * (ln(p ** g["dd"]) / ln(q ** g["cc"]))
    return _checks.compare(total, "=", _checks.mpf(solution.answer))
