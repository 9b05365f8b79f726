"""微分・積分の考え (数学II): polynomial calculus with exact ``Fraction`` arithmetic.

Cubics are built from their critical points (``f'(x) = 3k(x - p)(x - q)``) and areas from
the intersection points, so every answer is rational. Verifiers use numpy root finding,
finite differences, dense scans or SymPy integration, never the solver's formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, point_slope_tex
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _intervals, _polys
from mathft_units.math2._intervals import Piece

X, A_SYM, C_SYM = sp.symbols("x a C")
Y = sp.Symbol("y")


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def to_expr(p: _polys.Poly) -> sp.Expr:
    return sum((_fr(c) * X ** (len(p) - 1 - i) for i, c in enumerate(p)), sp.Integer(0))


def _np(p: _polys.Poly) -> np.ndarray:
    return np.array([float(c) for c in p])


def factored_lin(k: int | Fraction, roots: list[int | Fraction]) -> str:
    """``k(x - r1)(x - r2)`` with a bare ``x`` for the root 0 placed first."""
    lead = "" if k == 1 else "-" if k == -1 else num(Fraction(k))
    parts = ["x" if r == 0 else f"(x {'-' if r > 0 else '+'} {num(abs(Fraction(r)))})"
             for r in sorted(roots, key=lambda r: r != 0)]
    return lead + "".join(parts)


def cubic_from_critical(k: int, p: int, q: int, c: int) -> _polys.Poly:
    """``f`` with ``f'(x) = 3k(x - p)(x - q)`` and ``f(0) = c``."""
    k3 = Fraction(3 * k)
    return [Fraction(k), -k3 * (p + q) / 2, k3 * p * q, Fraction(c)]


def _draw_cubic(r: Random, difficulty: int) -> dict[str, Any]:
    size = 2 + difficulty
    p, q = sorted(r.sample(range(-size, size + 1), 2))
    k = r.choice((1, -1)) if difficulty <= 2 else r.choice((1, -1, 2, -2))
    if (p + q) % 2 and k % 2:
        k *= 2
    return {"k": k, "p": p, "q": q, "c": r.randint(-9, 9)}


# --- 接線 ------------------------------------------------------------------------


def sample_tangent(rng: Random, difficulty: int) -> dict[str, Any]:
    deg = {1: 2, 2: 3, 3: 3, 4: 3, 5: 4}[difficulty]
    size = 2 + difficulty
    coeffs = [rng.choice((1, -1)) if difficulty <= 2 else rng.choice((1, -1, 2, -2, 3))]
    coeffs += [rng.randint(-size, size) for _ in range(deg)]
    return {"f": coeffs, "a": rng.randint(-3, 3)}


def solve_tangent(p: Mapping[str, Any]) -> Solution:
    f = _polys.trim(p["f"])
    a = Fraction(p["a"])
    df = _polys.derivative(f)
    fa, m = Fraction(_polys.evaluate(f, a)), Fraction(_polys.evaluate(df, a))
    b = fa - m * a
    line = _polys.text([m, b]) if m != 0 else num(b)
    steps = {"f": _polys.text(f), "df": _polys.text(df), "a": num(a), "ap": paren(num(a)), "fa": num(fa),
             "m": num(m), "point": f"({num(a)}, {num(fa)})",
             "pointslope": point_slope_tex(num(fa), num(m), num(a))}
    return Solution(answer=sp.Eq(Y, to_expr([m, b])), answer_latex=f"y = {line}", steps=steps)


def verify_tangent(p: Mapping[str, Any], solution: Solution) -> bool:
    """The line meets the curve at x = a and has the curve's slope there (central difference)."""
    f = np.poly1d([float(c) for c in p["f"]])
    line = sp.Poly(solution.answer.rhs, X)
    m, b = (float(c) for c in line.all_coeffs()) if line.degree() == 1 else (0.0, float(line.all_coeffs()[0]))
    a, h = float(p["a"]), 1e-5
    slope = (f(a + h) - f(a - h)) / (2 * h)
    return bool(abs(f(a) - (m * a + b)) < 1e-9 and abs(slope - m) < 1e-4)


# --- 極値 ------------------------------------------------------------------------


def sample_extremum(rng: Random, difficulty: int) -> dict[str, Any]:
    return {**_draw_cubic(rng, difficulty), "ask": rng.choice(("max", "min"))}


def solve_extremum(p: Mapping[str, Any]) -> Solution:
    f = cubic_from_critical(p["k"], p["p"], p["q"], p["c"])
    k, lo, hi = p["k"], p["p"], p["q"]
    at_max, at_min = (lo, hi) if k > 0 else (hi, lo)
    at = at_max if p["ask"] == "max" else at_min
    value = Fraction(_polys.evaluate(f, Fraction(at)))
    df = _polys.derivative(f)
    steps = {"f": _polys.text(f), "df": _polys.text(df), "factored": factored_lin(3 * k, [lo, hi]),
             "lo": lo, "hi": hi, "k_pos": k > 0, "at_max": at_max, "at_min": at_min, "ask": p["ask"],
             "at": at, "value": num(value), "fmax": num(Fraction(_polys.evaluate(f, Fraction(at_max)))),
             "fmin": num(Fraction(_polys.evaluate(f, Fraction(at_min))))}
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


def verify_extremum(p: Mapping[str, Any], solution: Solution) -> bool:
    """numpy critical points; the second derivative's sign picks the local max or min."""
    f = np.poly1d([float(c) for c in cubic_from_critical(p["k"], p["p"], p["q"], p["c"])])
    crit = [r.real for r in f.deriv().roots if abs(r.imag) < 1e-9]
    want = [x for x in crit if (f.deriv(2)(x) < 0) == (p["ask"] == "max")]
    return bool(len(want) == 1 and abs(f(want[0]) - float(solution.answer)) < 1e-7)


# --- 区間の最大・最小 ------------------------------------------------------------


def sample_interval_extreme(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        base = _draw_cubic(r, difficulty)
        s = r.randint(base["p"] - 3, base["p"] + 1)
        t = r.randint(max(s + 1, base["q"] - 1), base["q"] + 3)
        return {**base, "s": s, "t": t, "ask": r.choice(("max", "min"))}

    return draw_until(rng, draw, lambda p: p["s"] < p["t"])


def solve_interval_extreme(p: Mapping[str, Any]) -> Solution:
    f = cubic_from_critical(p["k"], p["p"], p["q"], p["c"])
    s, t = p["s"], p["t"]
    inside = [x for x in (p["p"], p["q"]) if s < x < t]
    cands = sorted({s, t, *inside})
    values = [(Fraction(_polys.evaluate(f, Fraction(x))), x) for x in cands]
    best = max(values) if p["ask"] == "max" else min(values)
    rows = [{"x": x, "v": num(v), "crit": x in inside} for v, x in values]
    steps = {"f": _polys.text(f), "df": _polys.text(_polys.derivative(f)), "s": s, "t": t, "crit": [p["p"], p["q"]],
             "inside": inside, "rows": rows, "ask": p["ask"], "at": best[1], "value": num(best[0])}
    return Solution(answer=_fr(best[0]), answer_latex=num(best[0]), steps=steps)


def verify_interval_extreme(p: Mapping[str, Any], solution: Solution) -> bool:
    """Dense scan of f on the closed interval."""
    f = np.poly1d([float(c) for c in cubic_from_critical(p["k"], p["p"], p["q"], p["c"])])
    xs = np.linspace(p["s"], p["t"], 40001)
    return _checks.extreme_matches(f(xs), p["ask"], float(solution.answer))


# --- 実数解の個数 ----------------------------------------------------------------

COUNTS = {
    "three": "異なる3つの実数解をもつ",
    "two": "異なる2つの実数解をもつ",
    "one": "ただ1つの実数解をもつ",
    "atleast2": "異なる実数解を少なくとも2つもつ",
}


def sample_root_count(rng: Random, difficulty: int) -> dict[str, Any]:
    base = _draw_cubic(rng, difficulty)
    base["k"] = abs(base["k"])
    ask = rng.choice(("three", "one") if difficulty <= 2 else tuple(COUNTS))
    return {**base, "ask": ask}


def solve_root_count(p: Mapping[str, Any]) -> Solution:
    f = cubic_from_critical(p["k"], p["p"], p["q"], p["c"])
    M = Fraction(_polys.evaluate(f, Fraction(p["p"])))
    m = Fraction(_polys.evaluate(f, Fraction(p["q"])))
    ask = p["ask"]
    if ask == "two":
        vals = sorted({m, M})
        answer: sp.Basic = sp.FiniteSet(*[_fr(v) for v in vals])
        latex = ", ".join(num(v) for v in vals)
    else:
        pieces = {"three": [Piece(m, True, M, True)], "atleast2": [Piece(m, False, M, False)],
                  "one": [Piece(None, True, m, True), Piece(M, True, None, True)]}[ask]
        answer = _intervals.to_sympy(pieces, A_SYM)
        latex = _intervals.to_latex(pieces, "a")
    steps = {"f": _polys.text(f), "df": _polys.text(_polys.derivative(f)), "lo": p["p"], "hi": p["q"],
             "M": num(M), "m": num(m), "ask": ask, "cond": COUNTS[ask], "answer_text": latex}
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def _distinct_real_roots(f: _polys.Poly, a: Fraction, exact: bool) -> int:
    """Distinct real roots of ``f(x) = a``: SymPy at the tangency values (double roots),
    numpy elsewhere (simple roots, well separated from complex ones)."""
    g = _polys.add(f, [-a])
    if exact:
        return len(set(sp.Poly(to_expr(g), X).real_roots()))
    return sum(1 for r in np.roots(_np(g)) if abs(r.imag) < 1e-7)


def verify_root_count(p: Mapping[str, Any], solution: Solution) -> bool:
    """Count distinct real roots of f(x) = a exactly (SymPy) at probe values of a."""
    f = cubic_from_critical(p["k"], p["p"], p["q"], p["c"])
    need = {"three": lambda n: n == 3, "two": lambda n: n == 2, "one": lambda n: n == 1,
            "atleast2": lambda n: n >= 2}[p["ask"]]
    ends = sorted({Fraction(_polys.evaluate(f, Fraction(x))) for x in (p["p"], p["q"])})
    points = _checks.probe_points(ends)
    if isinstance(solution.answer, sp.FiniteSet):
        claimed = {Fraction(int(v.p), int(v.q)) for v in solution.answer.args}
        return all(need(_distinct_real_roots(f, a, a in ends)) == (a in claimed) for a in points)
    return all(need(_distinct_real_roots(f, a, a in ends)) == _checks.answer_holds(solution.answer, A_SYM, a)
               for a in points)


# --- 不定積分 --------------------------------------------------------------------


def sample_indefinite(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty >= 4 and rng.random() < 0.6:
        return {"kind": "product", "u": [rng.choice((1, 2, 3)), rng.randint(-5, 5)],
                "v": [rng.choice((1, 2, -1)), rng.randint(-5, 5)]}
    deg = {1: 2, 2: 2, 3: 3, 4: 3, 5: 4}[difficulty]
    coeffs = [rng.choice([c for c in range(-9, 10) if c])] + [rng.randint(-9, 9) for _ in range(deg)]
    return {"kind": "poly", "f": coeffs}


def _integrand(p: Mapping[str, Any]) -> _polys.Poly:
    if p["kind"] == "product":
        return _polys.mul(_polys.trim(p["u"]), _polys.trim(p["v"]))
    return _polys.trim(p["f"])


def antiderivative(f: _polys.Poly) -> _polys.Poly:
    n = len(f)
    return [c / (n - i) for i, c in enumerate(f)] + [Fraction(0)]


def solve_indefinite(p: Mapping[str, Any]) -> Solution:
    f = _integrand(p)
    F = antiderivative(f)
    text = _polys.text(F)
    shown = (f"({_polys.text(_polys.trim(p['u']))})({_polys.text(_polys.trim(p['v']))})"
             if p["kind"] == "product" else _polys.text(f))
    terms = []
    n = len(f)
    for i, c in enumerate(f):
        k = n - 1 - i
        if c == 0:
            continue
        body = "" if k == 0 else "x" if k == 1 else f"x^{{{k}}}"
        terms.append({"c": num(c), "k": k, "term": coef_term(c, body),
                      "res": _polys.text([c / (k + 1)] + [Fraction(0)] * (k + 1))})
    steps = {"shown": shown, "expanded": _polys.text(f), "product": p["kind"] == "product", "terms": terms,
             "F": text}
    return Solution(answer=to_expr(F) + C_SYM, answer_latex=f"{text} + C", steps=steps)


def verify_indefinite(p: Mapping[str, Any], solution: Solution) -> bool:
    """Differentiate the answer (SymPy) and compare with the integrand."""
    return sp.expand(sp.diff(solution.answer, X) - to_expr(_integrand(p))) == 0 and solution.answer.has(C_SYM)


# --- 面積 ------------------------------------------------------------------------


def sample_area_axis(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        a = r.choice((1, -1)) if difficulty <= 1 else r.choice((1, -1, 2, -2, 3, -3))
        if difficulty >= 3 and r.random() < 0.5:
            d = r.choice((2, 3))
            alpha, beta = sorted((Fraction(r.randint(-6, 6), d), Fraction(r.randint(-6, 6))))
            a = d * r.choice((1, -1))
        else:
            span = 12 if difficulty == 1 else 6
            alpha, beta = (Fraction(v) for v in sorted(r.sample(range(-span, span + 1), 2)))
        return {"a": a, "alpha": [alpha.numerator, alpha.denominator], "beta": [beta.numerator, beta.denominator]}

    return draw_until(rng, draw, lambda p: Fraction(*p["alpha"]) < Fraction(*p["beta"])
                      and all(c.denominator == 1 for c in _polys.from_roots(
                          [Fraction(*p["alpha"]), Fraction(*p["beta"])], p["a"])))


def solve_area_axis(p: Mapping[str, Any]) -> Solution:
    a, al, be = p["a"], Fraction(*p["alpha"]), Fraction(*p["beta"])
    f = _polys.from_roots([al, be], a)
    area = abs(Fraction(a)) * (be - al) ** 3 / 6
    steps = {"f": _polys.text(f), "al": num(al), "be": num(be), "a": a, "abs_a": abs(a), "neg": a < 0,
             "diff": num(be - al), "area": num(area), "lead": num(Fraction(a)),
             "factored": factored_lin(a, [al, be])}
    return Solution(answer=_fr(area), answer_latex=num(area), steps=steps)


def _numeric_rational_roots(f: _polys.Poly) -> tuple[Fraction, Fraction]:
    """numpy's two real roots, snapped to the nearest fractions with small denominators."""
    roots = sorted(float(r.real) for r in np.roots(_np(f)))
    lo, hi = (Fraction(r).limit_denominator(60) for r in roots)
    return lo, hi


def _exact_area(f: _polys.Poly, lo: Fraction, hi: Fraction) -> Fraction:
    """``|∫_lo^hi f|`` from the antiderivative (f keeps one sign between its roots)."""
    F = antiderivative(list(f))
    return abs(Fraction(_polys.evaluate(F, hi)) - Fraction(_polys.evaluate(F, lo)))


def verify_area_axis(p: Mapping[str, Any], solution: Solution) -> bool:
    """numpy roots (checked exactly), then the definite integral of |f| between them."""
    f = _polys.from_roots([Fraction(*p["alpha"]), Fraction(*p["beta"])], p["a"])
    lo, hi = _numeric_rational_roots(f)
    if _polys.evaluate(f, lo) != 0 or _polys.evaluate(f, hi) != 0:
        return False
    return _exact_area(f, lo, hi) == Fraction(int(solution.answer.p), int(solution.answer.q))


def sample_area_line(rng: Random, difficulty: int) -> dict[str, Any]:
    size = 2 + difficulty
    al, be = sorted(rng.sample(range(-size, size + 1), 2))
    a = rng.choice((1, -1)) if difficulty <= 2 else rng.choice((1, -1, 2, -2))
    two = difficulty >= 4 and rng.random() < 0.6
    g = [rng.randint(-3, 3), rng.randint(-5, 5)]
    return {"a": a, "alpha": al, "beta": be, "g": g, "two": two, "b2": rng.choice((1, -1, 2)) if two else 0}


def _curves(p: Mapping[str, Any]) -> tuple[_polys.Poly, _polys.Poly]:
    """Upper-minus-lower difference ``d = f - g`` is ``a(x - α)(x - β)``; returns (f, g)."""
    diff = _polys.from_roots([Fraction(p["alpha"]), Fraction(p["beta"])], p["a"])
    g = [Fraction(p["b2"]), *(Fraction(c) for c in p["g"])] if p["two"] else [Fraction(c) for c in p["g"]]
    f = _polys.add(g, diff)
    return f, g


def solve_area_line(p: Mapping[str, Any]) -> Solution:
    f, g = _curves(p)
    a, al, be = p["a"], Fraction(p["alpha"]), Fraction(p["beta"])
    diff = _polys.from_roots([al, be], a)
    area = abs(Fraction(a)) * (be - al) ** 3 / 6
    upper_is_g = a > 0
    steps = {"f": _polys.text(f), "g": _polys.text(g), "diff": _polys.text(diff), "al": num(al), "be": num(be),
             "upper": _polys.text(g if upper_is_g else f), "lower": _polys.text(f if upper_is_g else g),
             "abs_a": abs(a), "width": num(be - al), "area": num(area), "two": p["two"]}
    return Solution(answer=_fr(area), answer_latex=num(area), steps=steps)


def verify_area_line(p: Mapping[str, Any], solution: Solution) -> bool:
    """Intersections from numpy (checked exactly); the integral of |f - g| between them."""
    f, g = _curves(p)
    d = _polys.add(f, _polys.scale(g, -1))
    lo, hi = _numeric_rational_roots(d)
    if _polys.evaluate(d, lo) != 0 or _polys.evaluate(d, hi) != 0:
        return False
    return _exact_area(d, lo, hi) == Fraction(int(solution.answer.p), int(solution.answer.q))


# --- 積分方程式 ------------------------------------------------------------------


def sample_integral_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        e = 0 if difficulty <= 2 else r.choice((0, 1))
        u = 1 if difficulty <= 3 else r.choice((1, 2))
        return {"p": r.choice([v for v in range(-6, 7) if v]), "q": r.randint(-6, 6), "r": r.randint(-6, 6),
                "k": r.choice((1, 2, 3, -1, -2)), "e": e, "u": u}

    def ok(p: dict[str, Any]) -> bool:
        return _k_factor(p) != 1

    return draw_until(rng, draw, ok)


def _k_factor(p: Mapping[str, Any]) -> Fraction:
    """``k ∫_0^u t^e dt``: the unknown's coefficient in its own equation."""
    u, e = Fraction(p["u"]), p["e"]
    return p["k"] * u ** (e + 1) / (e + 1)


def _known_integral(p: Mapping[str, Any]) -> Fraction:
    u = Fraction(p["u"])
    return p["p"] * u**3 / 3 + p["q"] * u**2 / 2 + p["r"] * u


def integral_equation_text(p: Mapping[str, Any]) -> str:
    base = _polys.text([Fraction(p["p"]), Fraction(p["q"]), Fraction(p["r"])]) if (p["q"] or p["r"]) else \
        _polys.text([Fraction(p["p"]), Fraction(0), Fraction(0)])
    k, e = p["k"], p["e"]
    body = f"{'' if abs(k) == 1 else abs(k)}{'x' if e == 1 else ''}\\int_0^{{{p['u']}}} f(t)\\,dt"
    return f"f(x) = {base} {'+' if k > 0 else '-'} {body}"


def solve_integral_equation(p: Mapping[str, Any]) -> Solution:
    kf = _k_factor(p)
    known = _known_integral(p)
    K = known / (1 - kf)
    coeffs = [Fraction(p["p"]), Fraction(p["q"]), Fraction(p["r"])]
    if p["e"] == 1:
        coeffs[1] += p["k"] * K
    else:
        coeffs[2] += p["k"] * K
    text = _polys.text(coeffs)
    base = [Fraction(p["p"]), Fraction(p["q"]), Fraction(p["r"])]
    form = join_terms([_polys.text(base), coef_term(p["k"], "xK" if p["e"] else "K")])
    inner = join_terms([_polys.text(base).replace("x", "t"), coef_term(p["k"], "tK" if p["e"] else "K")])
    steps = {"eq": integral_equation_text(p), "u": p["u"], "known": num(known), "kf": num(kf), "K": num(K),
             "form": form, "inner": inner, "ans": text, "e": p["e"], "one_minus": num(1 - kf),
             "known_plus": join_terms([num(known), coef_term(kf, "K")]) if kf else num(known),
             "one_minus_k": coef_term(1 - kf, "K")}
    answer = sp.Eq(sp.Function("f")(X), to_expr(coeffs))
    return Solution(answer=answer, answer_latex=f"f(x) = {text}", steps=steps)


def verify_integral_equation(p: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the answer into the equation and integrate it exactly."""
    g = [Fraction(int(c.p), int(c.q)) for c in sp.Poly(solution.answer.rhs, X).all_coeffs()]
    integral = Fraction(_polys.evaluate(antiderivative(g), Fraction(p["u"])))
    rhs = [Fraction(p["p"]), Fraction(p["q"]), Fraction(p["r"])]
    rhs[2 - p["e"]] += p["k"] * integral
    return _polys.trim(g) == _polys.trim(rhs)
