"""微分・積分の応用 (数学II, 入試型): 曲線外の点からの接線, 接線と面積, 極値をもつ条件,
文字を含む区間の最大・最小, 符号つきの実数解の個数, 容積の最大 (文章題).

Solvers work in exact ``Fraction`` arithmetic from the structure of each family (tangency
points p ± d, critical points, the third root of f(x) - f(p)). Verifiers check the stated
conditions directly: tangency through a discriminant, Simpson integration of the region,
the derivative's discriminant and roots at probe values of the parameter, dense scans.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, signed
from mathft_core.units import ProblemType, Solution, Unit, draw_until, nonzero_int
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2 import _checks, _intervals, _polys
from mathft_units.math2._calculus import cubic_from_critical, factored_lin
from mathft_units.math2._intervals import Piece

X, Y, K, A = sp.symbols("x y k a")
PI = "\\pi"
PI_3 = "\\frac{\\pi}{3}"


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _line_text(m: Fraction, n: Fraction) -> str:
    return f"y = {_polys.text([m, n]) if m != 0 else num(n)}"


def _line_coeffs(answer: sp.Basic) -> tuple[Fraction, Fraction]:
    poly = sp.Poly(answer.rhs, X)
    m, n = (poly.all_coeffs() if poly.degree() == 1 else [0, poly.all_coeffs()[0]])
    return Fraction(int(sp.Rational(m).p), int(sp.Rational(m).q)), Fraction(int(sp.Rational(n).p), int(sp.Rational(n).q))


def _lin1(v: Fraction, var: str = "x") -> str:
    """``(x - v)``, ``(x + 2)`` or a bare ``x`` for ``v = 0``."""
    return var if v == 0 else f"({var} {'-' if v > 0 else '+'} {num(abs(v))})"


def _sq1(v: Fraction, var: str = "x") -> str:
    return f"{var}^2" if v == 0 else f"{_lin1(v, var)}^2"


def _pw(v: Fraction) -> str:
    """A positive value before ``^2``: ``3`` or ``\\left(\\frac{8}{3}\\right)``."""
    return num(v) if v.denominator == 1 else f"\\left({num(v)}\\right)"


def _tangent_at(f: _polys.Poly, t: Fraction) -> tuple[Fraction, Fraction]:
    m = Fraction(_polys.evaluate(_polys.derivative(f), t))
    return m, Fraction(_polys.evaluate(f, t)) - m * t


# --- 曲線外（曲線上）の点から引いた接線 --------------------------------------------------


def sample_tangent_from_point(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 2:
        a = 1 if difficulty == 1 else rng.choice((-1, 2, -2, 3))
        f = [a, rng.randint(-6, 6), rng.randint(-6, 6)]
        return {"kind": "parabola", "f": f, "p": rng.randint(-4, 4), "d": rng.randint(1, 4),
                "ask": rng.choice(("larger", "smaller"))}
    if difficulty == 5:
        a = rng.choice((1, -1, 2))
        t0 = nonzero_int(rng, -3, 3)
        return {"kind": "yaxis", "f": [a, 0, rng.randint(-6, 6), rng.randint(-6, 6)], "t0": t0}

    def draw(r: Random) -> dict[str, Any]:
        a = r.choice((1, -1)) if difficulty == 3 else r.choice((1, -1, 2, -2))
        f = [a, r.randint(-4, 4), r.randint(-6, 6), r.randint(-6, 6)]
        return {"kind": "on_curve", "f": f, "p": r.randint(-3, 3)}

    def ok(p: dict[str, Any]) -> bool:
        a, b = p["f"][0], p["f"][1]
        tau = Fraction(-(a * p["p"] + b), 2 * a)
        return tau != p["p"] and (difficulty == 4 or tau.denominator == 1)

    return draw_until(rng, draw, ok)


def _tfp_point(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    f = _polys.trim(p["f"])
    if p["kind"] == "parabola":
        x0 = Fraction(p["p"])
        return x0, Fraction(_polys.evaluate(f, x0)) - p["f"][0] * p["d"] ** 2
    if p["kind"] == "yaxis":
        return Fraction(0), Fraction(p["f"][3] - 2 * p["f"][0] * p["t0"] ** 3)
    return Fraction(p["p"]), Fraction(_polys.evaluate(f, Fraction(p["p"])))


def solve_tangent_from_point(p: Mapping[str, Any]) -> Solution:
    f = _polys.trim(p["f"])
    df = _polys.derivative(f)
    x0, y0 = _tfp_point(p)
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "f": _polys.text(f), "df": _polys.text(df),
                             "point": f"({num(x0)}, {num(y0)})", "x0": num(x0), "y0": num(y0)}
    ft = _polys.text(f, "t")
    dft = _polys.text(df, "t")
    steps["tline"] = f"y - ({ft}) = ({dft})(x - t)"
    if kind == "parabola":
        a, d = p["f"][0], p["d"]
        ts = [x0 - d, x0 + d]
        slopes = {t: Fraction(_polys.evaluate(df, t)) for t in ts}
        pick = (max if p["ask"] == "larger" else min)(ts, key=lambda t: slopes[t])
        # substitute the point: a t^2 - 2a x0 t + (stuff) = 0  ->  (t - x0)^2 = d^2
        steps.update(teq=f"{_polys.text([Fraction(1), -2 * x0, x0 * x0 - d * d], 't')} = 0",
                     sq=f"{_sq1(x0, 't')} = {d * d}",
                     ts=[num(t) for t in ts], ask=p["ask"], a=a)
    elif kind == "on_curve":
        a, b = p["f"][0], p["f"][1]
        tau = Fraction(-(a * p["p"] + b), 2 * a)
        pick = tau
        g = _polys.from_roots([x0, x0, tau], -2 * a)
        steps.update(teq=f"{_polys.text(g, 't')} = 0",
                     fact=f"{factored_lin(-2 * a, [])}{_sq1(x0, 't')}{_lin1(tau, 't')} = 0",
                     tau=num(tau))
    else:
        t0 = Fraction(p["t0"])
        pick = t0
        a = p["f"][0]
        steps.update(teq=f"{coef_term(-2 * a, 't^3')} {'+' if 2 * a * t0**3 > 0 else '-'} {abs(2 * a * t0**3)} = 0",
                     cube=f"t^3 = {num(t0**3)}", t0=num(t0))
    m, n = _tangent_at(f, pick)
    ft_val = Fraction(_polys.evaluate(f, pick))
    lhs = "y" if ft_val == 0 else f"y {signed(-ft_val)}"
    steps.update(t=num(pick), ft=num(ft_val), m=num(m), tsq=_sq1(x0, "t"),
                 pointslope=f"{lhs} = {coef_term(m, _lin1(pick))}")
    return Solution(answer=sp.Eq(Y, _fr(m) * X + _fr(n), evaluate=False), answer_latex=_line_text(m, n), steps=steps)


def verify_tangent_from_point(p: Mapping[str, Any], solution: Solution) -> bool:
    """The line passes through the point and touches the curve (zero discriminant of
    f - line); for two tangents the slope is compared with the other root of the slope
    equation disc_x(f - m(x - x0) - y0) = 0; on the curve it is not the tangent at A."""
    m, n = _line_coeffs(solution.answer)
    x0, y0 = _tfp_point(p)
    if m * x0 + n != y0:
        return False
    f = [Fraction(c) for c in p["f"]]
    if not _has_repeated_root(_polys.add(f, [-m, -n])):
        return False
    if p["kind"] == "parabola":
        # y = M(x - x0) + y0 touches a x^2 + b x + c iff (b - M)^2 - 4a(c + M x0 - y0) = 0
        a, b, c = (float(v) for v in f)
        qa, qb, qc = 1.0, -(2 * b + 4 * a * float(x0)), b * b - 4 * a * (c - float(y0))
        disc = qb * qb - 4 * qa * qc
        if disc <= 0:
            return False
        slopes = [(-qb - disc**0.5) / 2, (-qb + disc**0.5) / 2]
        want = max(slopes) if p["ask"] == "larger" else min(slopes)
        return abs(want - float(m)) < 1e-9 * max(1.0, abs(want))
    if p["kind"] == "on_curve":
        return Fraction(_polys.evaluate(_polys.derivative(f), x0)) != m
    return True


def _has_repeated_root(h: _polys.Poly) -> bool:
    """gcd(h, h') is not constant (Euclid's algorithm on exact coefficients)."""
    a, b = _polys.trim(h), _polys.derivative(h)
    while not (len(b) == 1 and b[0] == 0):
        a, b = b, _polys.divmod_poly(a, b)[1]
    return len(a) > 1


# --- 接線と面積 ----------------------------------------------------------------------------


def sample_tangent_area(rng: Random, difficulty: int) -> dict[str, Any]:
    a = 1 if difficulty <= 2 else rng.choice((1, -1, 2, -2, 3)) if difficulty >= 4 else rng.choice((1, -1))
    f = [a, rng.randint(-6, 6), rng.randint(-6, 6)]
    if difficulty == 1:
        alpha = rng.randint(-3, 3)
        return {"kind": "vertical", "f": f, "alpha": alpha, "beta": alpha + rng.randint(1, 4)}
    if difficulty == 2:
        alpha = rng.randint(-4, 2)
        return {"kind": "two", "f": f, "alpha": alpha, "beta": alpha + rng.randint(2, 6)}
    kind = "point" if difficulty != 4 else rng.choice(("point", "two"))
    x0, d = rng.randint(-3, 3), rng.randint(1, 3)
    return {"kind": kind, "f": f, "alpha": x0 - d, "beta": x0 + d}


def solve_tangent_area(p: Mapping[str, Any]) -> Solution:
    f = [Fraction(c) for c in p["f"]]
    a = f[0]
    al, be = Fraction(p["alpha"]), Fraction(p["beta"])
    m1, n1 = _tangent_at(f, al)
    m2, n2 = _tangent_at(f, be)
    steps: dict[str, Any] = {"kind": p["kind"], "f": _polys.text(f), "df": _polys.text(_polys.derivative(f)),
                             "al": num(al), "be": num(be), "l1": _line_text(m1, n1), "l2": _line_text(m2, n2),
                             "up": a > 0, "sq_a": _sq1(al), "sq_b": _sq1(be), "cube_a": f"{_lin1(al)}^3",
                             "lead": "" if abs(a) == 1 else num(abs(a)),
                             "fa": num(Fraction(_polys.evaluate(f, al))), "fb": num(Fraction(_polys.evaluate(f, be)))}
    rhs1, rhs2 = _line_text(m1, n1)[4:], _line_text(m2, n2)[4:]
    steps["da"] = f"f(x) - ({rhs1})" if a > 0 else f"({rhs1}) - f(x)"
    steps["db"] = f"f(x) - ({rhs2})" if a > 0 else f"({rhs2}) - f(x)"
    if p["kind"] == "vertical":
        area = abs(a) * (be - al) ** 3 / 3
    else:
        area = abs(a) * (be - al) ** 3 / 12
        mid = (al + be) / 2
        steps.update(mid=num(mid), part=num(abs(a) * (mid - al) ** 3 / 3))
    if p["kind"] == "point":
        x0, y0 = (al + be) / 2, m1 * (al + be) / 2 + n1
        d = (be - al) / 2
        steps.update(point=f"({num(x0)}, {num(y0)})", x0=num(x0), d2=num(d * d),
                     teq=f"{_polys.text([Fraction(1), -2 * x0, x0 * x0 - d * d], 't')} = 0")
    steps["area"] = num(area)
    return Solution(answer=_fr(area), answer_latex=num(area), steps=steps)


def _simpson(g: Any, lo: float, hi: float, n: int = 64) -> float:
    xs = np.linspace(lo, hi, 2 * n + 1)
    ys = g(xs)
    h = (hi - lo) / (2 * n)
    return float(h / 3 * (ys[0] + ys[-1] + 4 * ys[1:-1:2].sum() + 2 * ys[2:-1:2].sum()))


def verify_tangent_area(p: Mapping[str, Any], solution: Solution) -> bool:
    """Tangent lines from finite differences of f, their crossing from numpy, and Simpson's
    rule on each polynomial piece of |f - line| (exact for these degrees up to rounding)."""
    f = np.poly1d([float(c) for c in p["f"]])
    al, be = float(p["alpha"]), float(p["beta"])
    h = 1e-6

    def tangent(t: float) -> np.poly1d:
        m = (f(t + h) - f(t - h)) / (2 * h)
        return np.poly1d([m, f(t) - m * t])

    l1, l2 = tangent(al), tangent(be)
    if p["kind"] == "vertical":
        area = _simpson(lambda x: np.abs(f(x) - l1(x)), al, be)
    else:
        cross = (l2 - l1).roots[0]
        area = _simpson(lambda x: np.abs(f(x) - l1(x)), al, cross) + _simpson(lambda x: np.abs(f(x) - l2(x)), cross, be)
    return abs(area - float(solution.answer)) < 1e-5 * max(1.0, float(solution.answer))


# --- 極値をもつ条件 ------------------------------------------------------------------------

EXTREMUM_ASKS = {
    "has": "極値をもつ", "none": "極値をもたない", "increasing": "常に増加する",
    "both_pos": " $x > 0$ の範囲で極大値と極小値をともにとる", "opposite": "正の $x$ と負の $x$ で1つずつ極値をとる",
}


def sample_extremum_condition(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        r1, r2 = sorted(r.sample(range(-6, 7), 2))
        ask = {1: "has", 2: r.choice(("none", "increasing")), 3: r.choice(("has", "none", "increasing"))}.get(
            difficulty, "both_pos" if difficulty == 4 else r.choice(("both_pos", "opposite")))
        return {"r1": r1, "r2": r2, "lead": 1 if difficulty <= 2 else r.choice((1, 2, -1)),
                "c": r.randint(-5, 5), "ask": ask}

    def ok(p: dict[str, Any]) -> bool:
        if p["ask"] == "increasing" and p["lead"] < 0:
            return False
        if p["ask"] in ("both_pos", "opposite"):
            return p["r1"] + p["r2"] != 0 and bool(_extremum_pieces(p))
        return True

    return draw_until(rng, draw, ok)


def _extremum_pieces(p: Mapping[str, Any]) -> list[Piece]:
    r1, r2 = Fraction(p["r1"]), Fraction(p["r2"])
    ask = p["ask"]
    if ask == "has":
        return _intervals.solve_quadratic(Fraction(1), -(r1 + r2), r1 * r2, ">")
    if ask in ("none", "increasing"):
        return _intervals.solve_quadratic(Fraction(1), -(r1 + r2), r1 * r2, "<=")
    prod = _intervals.solve_linear(r1 + r2, -r1 * r2, ">" if ask == "both_pos" else "<")
    if ask == "opposite":
        return prod
    disc = _intervals.solve_quadratic(Fraction(1), -(r1 + r2), r1 * r2, ">")
    return _intervals.intersect(_intervals.intersect(disc, [Piece(None, True, Fraction(0), True)]), prod)


def _extremum_f(p: Mapping[str, Any]) -> tuple[str, str]:
    """f(x) = L(x^3 + 3k x^2 + 3((r1 + r2)k - r1 r2)x) + c as text, and f'(x)."""
    lead, r1, r2 = p["lead"], p["r1"], p["r2"]
    alpha, beta = 3 * lead * (r1 + r2), -3 * lead * r1 * r2
    lin = join_terms([coef_term(alpha, "k"), num(beta)])
    lin_term = ("" if alpha == 0 and beta == 0 else
                coef_term(beta, "x") if alpha == 0 else
                f"({lin})x" if beta != 0 else coef_term(alpha, "kx"))
    f = join_terms([coef_term(lead, "x^3"), coef_term(3 * lead, "kx^2"), lin_term, num(p["c"])])
    dlin = join_terms([coef_term(alpha, "k"), num(beta)])
    dlin_term = ("" if alpha == 0 and beta == 0 else num(beta) if alpha == 0 else
                 dlin if beta != 0 else coef_term(alpha, "k"))
    df = join_terms([coef_term(3 * lead, "x^2"), coef_term(6 * lead, "kx"), dlin_term])
    return f, df


def solve_extremum_condition(p: Mapping[str, Any]) -> Solution:
    r1, r2 = Fraction(p["r1"]), Fraction(p["r2"])
    pieces = _extremum_pieces(p)
    f, df = _extremum_f(p)
    c_text = join_terms([coef_term(r1 + r2, "k"), num(-r1 * r2)])
    steps = {"f": f, "df": df, "ask": p["ask"], "cond": EXTREMUM_ASKS[p["ask"]], "r1": num(r1), "r2": num(r2),
             "inner": join_terms(["x^2", coef_term(2, "kx"), c_text]) if c_text != "0" else "x^2 + 2kx",
             "lead3": num(3 * p["lead"]), "C": c_text,
             "D": _intervals.to_latex(_intervals.solve_quadratic(Fraction(1), -(r1 + r2), r1 * r2, ">"), "k"),
             "disc": join_terms(["k^2", coef_term(-(r1 + r2), "k"), num(r1 * r2)]),
             "disc_f": "".join(sorted((_lin1(r1, "k"), _lin1(r2, "k")), key=lambda s: s != "k")),
             "prod": _intervals.to_latex(_intervals.solve_linear(r1 + r2, -r1 * r2,
                                                                 ">" if p["ask"] == "both_pos" else "<"), "k")
             if p["ask"] in ("both_pos", "opposite") else "",
             "answer_text": _intervals.to_latex(pieces, "k")}
    return Solution(answer=_intervals.to_sympy(pieces, K), answer_latex=_intervals.to_latex(pieces, "k"), steps=steps)


def _extremum_statement(p: Mapping[str, Any], k: Fraction) -> bool:
    """The statement at one value of k, from f'(x) = 3L x^2 + 6Lk x + 3L((r1 + r2)k - r1 r2)."""
    lead, r1, r2 = p["lead"], p["r1"], p["r2"]
    a, b, c = 3 * lead, 6 * lead * k, 3 * lead * ((r1 + r2) * k - r1 * r2)
    disc = b * b - 4 * a * c
    if p["ask"] == "has":
        return disc > 0
    if p["ask"] == "none":
        return disc <= 0
    if p["ask"] == "increasing":  # f'(x) >= 0 everywhere: sample f' densely
        xs = np.linspace(-60, 60, 4001)
        return bool(np.all(a * xs**2 + float(b) * xs + float(c) >= -1e-12)) and disc <= 0
    if disc <= 0:
        return False
    sq = _checks.CTX.sqrt(_checks.mpf(disc))
    roots = sorted([(-_checks.mpf(b) - sq) / (2 * a), (-_checks.mpf(b) + sq) / (2 * a)])
    if p["ask"] == "both_pos":
        return all(r > _checks.TOL for r in roots)
    return roots[0] < -_checks.TOL and roots[1] > _checks.TOL


def verify_extremum_condition(p: Mapping[str, Any], solution: Solution) -> bool:
    """At probe values of k, the derivative's discriminant and roots decide the statement."""
    ends = [*_checks.answer_ends(solution.answer), Fraction(p["r1"]), Fraction(p["r2"]), Fraction(0)]
    return _checks.agrees(lambda k: _extremum_statement(p, k), solution.answer, K, _checks.probe_points(ends))


# --- 文字を含む区間での最大・最小 -------------------------------------------------------------


def sample_interval_param(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        p = r.randint(-2, 2) if difficulty >= 2 else 0
        q = p + r.randint(1, 4)
        k = 1 if difficulty <= 2 else r.choice((1, -1, 2, -2))
        if (p + q) % 2 and k % 2:
            k *= 2
        ask = {1: "min_end", 2: r.choice(("max_start", "min_end", "max_end")),
               3: r.choice(("max_start", "min_end", "max_end", "min_crit"))}.get(difficulty, "value")
        out = {"k": k, "p": p, "q": q, "c": r.randint(-6, 6), "ask": ask}
        if ask == "value":
            third = Fraction(3 * q - p, 2)
            out["a0"] = int(third) + r.randint(1, 3)
        return out

    return draw(rng)


def _interval_f(p: Mapping[str, Any]) -> _polys.Poly:
    return cubic_from_critical(p["k"], p["p"], p["q"], p["c"])


def solve_interval_param(p: Mapping[str, Any]) -> Solution:
    f = _interval_f(p)
    s, q, k = Fraction(p["p"]), Fraction(p["q"]), p["k"]
    r = (3 * q - s) / 2
    up = k > 0  # local max at the left end s, local min at q
    big, small = ("最大値", "最小値") if up else ("最小値", "最大値")
    fs, fq = Fraction(_polys.evaluate(f, s)), Fraction(_polys.evaluate(f, q))
    ask = p["ask"]
    steps: dict[str, Any] = {"f": _polys.text(f), "df": _polys.text(_polys.derivative(f)),
                             "factored": factored_lin(3 * k, [s, q]), "s": num(s), "q": num(q), "r": num(r),
                             "fs": num(fs), "fq": num(fq), "up": up, "ask": ask, "big": big, "small": small,
                             "g": f"{factored_lin(k, [])}{_sq1(s)}{_lin1(r)}",
                             "fs_poly": _polys.text(_polys.add(f, [-fs])), "ssq": _sq1(s)}
    if ask == "value":
        a0 = Fraction(p["a0"])
        M = Fraction(_polys.evaluate(f, a0))
        steps.update(M=num(M), a0=num(a0), la0=_lin1(a0), eq=f"{_polys.text(_polys.add(f, [-M]))} = 0",
                     quot=_polys.text(_polys.divmod_poly(_polys.add(f, [-M]), [Fraction(1), -a0])[0]))
        return Solution(answer=_fr(a0), answer_latex=num(a0), steps=steps)
    pieces = {"max_start": [Piece(s, True, r, False)], "min_end": [Piece(s, True, q, False)],
              "max_end": [Piece(r, False, None, True)], "min_crit": [Piece(q, False, None, True)]}[ask]
    latex = _intervals.to_latex(pieces, "a")
    return Solution(answer=_intervals.to_sympy(pieces, A), answer_latex=latex, steps=steps)


def _interval_values(p: Mapping[str, Any], a: float) -> tuple[np.poly1d, np.ndarray]:
    f = np.poly1d([float(c) for c in _interval_f(p)])
    s = float(p["p"])
    crit = [x.real for x in f.deriv().roots if abs(x.imag) < 1e-12 and s <= x.real <= a]
    xs = np.concatenate([np.linspace(s, a, 401), np.array(crit)])
    return f, f(xs)


def verify_interval_param(p: Mapping[str, Any], solution: Solution) -> bool:
    """Scan f on [p, a] (grid plus numpy critical points) at probe values of a > p."""
    s = Fraction(p["p"])
    up = p["k"] > 0
    if p["ask"] == "value":
        a = float(solution.answer)
        if a <= float(s):
            return False
        _f, vals = _interval_values(p, a)
        target = float(_polys.evaluate(_interval_f(p), Fraction(p["a0"])))
        best = vals.max() if up else vals.min()
        return bool(abs(best - target) < 1e-7 * max(1.0, abs(target)))

    def statement(a: Fraction) -> bool:
        if a <= s:
            return False
        f, vals = _interval_values(p, float(a))
        top, bottom = vals.max(), vals.min()
        want_max = p["ask"] in ("max_start", "max_end") if up else p["ask"] in ("min_end", "min_crit")
        target_val = top if want_max else bottom
        at = {"max_start": float(s), "min_end": float(a), "max_end": float(a), "min_crit": float(p["q"])}[p["ask"]]
        return bool(abs(f(at) - target_val) < 1e-9 * max(1.0, abs(target_val)))

    ends = {*_checks.answer_ends(solution.answer), s, Fraction(p["q"])}
    offsets = (Fraction(0), Fraction(1, 997), -Fraction(1, 997), Fraction(1, 2), -Fraction(1, 2))
    pts = sorted({e + d for e in ends for d in offsets} | {max(ends) + 10})
    return _checks.agrees(statement, solution.answer, A, pts)


# --- 容積の最大（文章題） -----------------------------------------------------------------

#: rectangles a x b with a^2 - ab + b^2 a perfect square (rational critical points)
_RECTS = ((3, 8), (5, 8), (8, 15), (7, 15), (5, 21), (16, 21))


def sample_box_volume(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        return {"kind": "square", "a": 3 * rng.randint(2, 12), "ask": rng.choice(("x", "volume"))}
    if difficulty in (2, 3):
        a, b = rng.choice(_RECTS)
        s = rng.choice((1, 2, 3, 6))
        if rng.random() < 0.5:
            a, b = b, a
        return {"kind": "rect", "a": a * s, "b": b * s, "ask": "x" if difficulty == 2 else "volume"}
    kind = "cone_cyl" if difficulty == 4 else rng.choice(("cone_cyl", "sphere_cone"))
    if kind == "cone_cyl":
        return {"kind": kind, "R": rng.randint(2, 12), "H": rng.randint(2, 15), "ask": "volume"}
    return {"kind": kind, "R": rng.randint(2, 12), "ask": "volume"}


def solve_box_volume(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "ask": p["ask"]}
    pi = False
    if kind in ("square", "rect"):
        a = Fraction(p["a"])
        b = Fraction(p["b"]) if kind == "rect" else a
        V = [Fraction(4), -2 * (a + b), a * b, Fraction(0)]
        dV = _polys.derivative(V)
        disc = (a + b) ** 2 - 3 * a * b  # (V'/4 discriminant)/4 = a^2 - ab + b^2
        root = Fraction(_intervals._root(disc))
        x1, x2 = ((a + b) - root) / 6, ((a + b) + root) / 6
        bound = min(a, b) / 2
        x = x1
        vol = x * (a - 2 * x) * (b - 2 * x)
        steps.update(a=num(a), b=num(b), V=_polys.text(V), dV=_polys.text(dV), dVf=factored_lin(12, [x1, x2]),
                     x1=num(x1), x2=num(x2), bound=num(bound), x=num(x), X=paren(num(x)), side_a=num(a - 2 * x),
                     side_b=num(b - 2 * x), vol=num(vol),
                     Vf=f"x({num(a)} - 2x)^2" if kind == "square" else f"x({num(a)} - 2x)({num(b)} - 2x)")
        value = x if p["ask"] == "x" else vol
    elif kind == "cone_cyl":
        R, H = Fraction(p["R"]), Fraction(p["H"])
        r = 2 * R / 3
        vol = r * r * H / 3
        pi = True
        value = vol
        steps.update(R=num(R), H=num(H), r=num(r), h=num(H / 3), HR=num(H / R), vol=num(vol),
                     V=f"{coef_term(H / R, PI)}({_polys.text([-1, R, 0, 0], 'r')})",
                     dV=f"{coef_term(H / R, PI)} r({num(2 * R)} - 3r)", rsq=_pw(r),
                     volpi=coef_term(vol, "\\pi"))
    else:
        R = Fraction(p["R"])
        h = 4 * R / 3
        vol = h * h * (2 * R - h) / 3
        pi = True
        value = vol
        steps.update(R=num(R), h=num(h), rho2=num(h * (2 * R - h)), twoR=num(2 * R), vol=num(vol),
                     V=f"{PI_3}({_polys.text([-1, 2 * R, 0, 0], 'h')})",
                     dV=f"{PI_3}h({num(4 * R)} - 3h)",
                     volpi=coef_term(vol, "\\pi"))
    answer = sp.pi * _fr(value) if pi else _fr(value)
    latex = coef_term(value, "\\pi") if pi else num(value)
    steps["answer_value"] = latex
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def _volume_function(p: Mapping[str, Any]) -> tuple[np.poly1d, float]:
    """The volume as a polynomial in the modelled length (float) and that length's bound."""
    kind = p["kind"]
    if kind in ("square", "rect"):
        a = float(p["a"])
        b = float(p["b"]) if kind == "rect" else a
        x = np.poly1d([1.0, 0.0])
        return x * (a - 2 * x) * (b - 2 * x), min(a, b) / 2
    R = float(p["R"])
    if kind == "cone_cyl":  # cylinder of radius r in the cone: height H(1 - r/R)
        r = np.poly1d([1.0, 0.0])
        return np.pi * r * r * float(p["H"]) * (1 - r / R), R
    h = np.poly1d([1.0, 0.0])  # cone of height h in the sphere: base radius^2 = R^2 - (h - R)^2
    return np.pi / 3 * (R * R - (h - R) ** 2) * h, 2 * R


def verify_box_volume(p: Mapping[str, Any], solution: Solution) -> bool:
    """Dense scan of the modelled volume (plus numpy critical points) on its open domain."""
    V, bound = _volume_function(p)
    crit = [x.real for x in V.deriv().roots if abs(x.imag) < 1e-12 and 0 < x.real < bound]
    xs = np.concatenate([np.linspace(0, bound, 4001), np.array(crit)])
    vals = V(xs)
    best = int(np.argmax(vals))
    claimed = float(solution.answer)
    if p["ask"] == "x":
        return bool(abs(xs[best] - claimed) < 1e-9 and 0 < claimed < bound)
    return bool(abs(vals[best] - claimed) < 1e-9 * max(1.0, claimed))


# --- 符号つきの実数解の個数 ---------------------------------------------------------------

ROOT_ASKS = {
    "three": "異なる3つの実数解をもつ",
    "two_pos": "異なる2つの正の解と1つの負の解をもつ",
    "one_pos": "1つの正の解と異なる2つの負の解をもつ",
    "two": "ちょうど2つの異なる実数解をもつ",
}


def sample_root_sign(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        p, q = -r.randint(1, 4), r.randint(1, 4)
        k = 1 if difficulty <= 3 else r.choice((1, 2))
        if (p + q) % 2 and k % 2:
            k *= 2
        ask = {1: "three", 2: r.choice(("two_pos", "one_pos")), 3: r.choice(("two", "two_pos", "one_pos"))}.get(
            difficulty, r.choice(("two_pos", "one_pos", "three")))
        c1 = 1 if difficulty <= 3 else r.choice((2, -1, -2, 3))
        c0 = 0 if difficulty <= 2 else r.randint(-6, 6)
        return {"k": k, "p": p, "q": q, "ask": ask, "c1": c1, "c0": c0}

    return draw(rng)


def _root_sign_f(p: Mapping[str, Any]) -> _polys.Poly:
    return cubic_from_critical(p["k"], p["p"], p["q"], 0)


def solve_root_sign(p: Mapping[str, Any]) -> Solution:
    f = _root_sign_f(p)
    M = Fraction(_polys.evaluate(f, Fraction(p["p"])))
    m = Fraction(_polys.evaluate(f, Fraction(p["q"])))
    c1, c0, ask = Fraction(p["c1"]), Fraction(p["c0"]), p["ask"]
    rhs = join_terms([coef_term(c1, "k"), num(c0)])
    to_k = lambda v: (v - c0) / c1  # noqa: E731
    lo_v, hi_v = {"three": (m, M), "two_pos": (m, Fraction(0)), "one_pos": (Fraction(0), M), "two": (m, M)}[ask]
    steps: dict[str, Any] = {"f": _polys.text(f), "df": _polys.text(_polys.derivative(f)),
                             "factored": factored_lin(3 * p["k"], [p["p"], p["q"]]), "p": num(Fraction(p["p"])),
                             "q": num(Fraction(p["q"])), "M": num(M), "m": num(m), "rhs": rhs, "ask": ask,
                             "cond": ROOT_ASKS[ask], "lo_v": num(lo_v), "hi_v": num(hi_v), "c1": p["c1"],
                             "plain": p["c1"] == 1 and p["c0"] == 0}
    if ask == "two":
        ks = sorted({to_k(m), to_k(M)})
        latex = ", ".join(num(v) for v in ks)
        steps["rhs_eqs"] = f"{rhs} = {num(m)}, \\quad {rhs} = {num(M)}"
        return Solution(answer=sp.FiniteSet(*(_fr(v) for v in ks)), answer_latex=latex, steps=steps)
    a, b = sorted((to_k(lo_v), to_k(hi_v)))
    pieces = [Piece(a, True, b, True)]
    latex = _intervals.to_latex(pieces, "k")
    steps["rhs_ineq"] = f"{num(lo_v)} < {rhs} < {num(hi_v)}"
    return Solution(answer=_intervals.to_sympy(pieces, K), answer_latex=latex, steps=steps)


def _root_signs(f: _polys.Poly, rhs: Fraction, exact: bool) -> list[int]:
    """Signs (-1, 0, 1) of the distinct real roots of f(x) = rhs; at the critical levels
    (exact) numpy's double root is merged and 0 is tested exactly."""
    g = _polys.add(f, [-rhs])
    vals = sorted(r.real for r in np.roots([float(c) for c in g]) if abs(r.imag) < (1e-4 if exact else 1e-7))
    if exact:
        merged: list[float] = []
        for v in vals:
            if not merged or abs(v - merged[-1]) > 1e-4:
                merged.append(v)
        vals = merged
    zero = _polys.evaluate(g, Fraction(0)) == 0
    return [0 if zero and abs(v) < 1e-6 else (1 if v > 0 else -1) for v in vals]


def verify_root_sign(p: Mapping[str, Any], solution: Solution) -> bool:
    """Critical values from SymPy's roots of f'; at probe values of k, count the roots of
    f(x) = c1 k + c0 and their signs (exactly at the critical levels)."""
    f = _root_sign_f(p)
    df = _polys.derivative(f)
    crit = [Fraction(r.real).limit_denominator(100) for r in np.roots([float(c) for c in df])]
    if any(_polys.evaluate(df, c) != 0 for c in crit):
        return False
    levels = {Fraction(0)} | {Fraction(_polys.evaluate(f, c)) for c in crit}
    c1, c0 = Fraction(p["c1"]), Fraction(p["c0"])
    ends = [(v - c0) / c1 for v in levels]
    need = {"three": lambda s: len(s) == 3, "two": lambda s: len(s) == 2,
            "two_pos": lambda s: sorted(s) == [-1, 1, 1], "one_pos": lambda s: sorted(s) == [-1, -1, 1]}[p["ask"]]

    def statement(k: Fraction) -> bool:
        rhs = c1 * k + c0
        return need(_root_signs(f, rhs, rhs in levels))

    points = sorted({e + d for e in ends for d in (Fraction(0), Fraction(1, 997), -Fraction(1, 997), Fraction(1, 2),
                                                    -Fraction(1, 2))} | {min(ends) - 10, max(ends) + 10})
    if isinstance(solution.answer, sp.FiniteSet):
        claimed = {Fraction(int(v.p), int(v.q)) for v in solution.answer.args}
        return all(statement(k) == (k in claimed) for k in points + sorted(claimed))
    return _checks.agrees(statement, solution.answer, K, points)


UNIT = Unit(
    id="math2.calculus_applications",
    name="微分・積分の応用",
    course="数学II",
    description="曲線外の点から引いた接線，接線と面積，極値をもつ条件，文字を含む区間の最大・最小，容積の最大（文章題）。",
    types=(
        ProblemType(
            id="tangent_from_point", name="曲線外の点から引いた接線", sample=sample_tangent_from_point,
            solve=solve_tangent_from_point, verify=verify_tangent_from_point,
            problem_templates=_phrasings("tangent_from_point", 5), solution_template="tangent_from_point_solution.j2",
            shape="multi-step",
            knobs="parabola from an outside point -> general leading coefficient -> cubic through a point on it "
                  "(the other tangent) -> fractional tangency point -> the one tangent from a point on the y-axis",
        ),
        ProblemType(
            id="tangent_area", name="接線と面積", sample=sample_tangent_area, solve=solve_tangent_area,
            verify=verify_tangent_area, problem_templates=_phrasings("tangent_area", 5),
            solution_template="tangent_area_solution.j2", shape="multi-step",
            knobs="one tangent and a vertical line -> two tangents -> tangents from an outside point -> any leading "
                  "coefficient",
        ),
        ProblemType(
            id="extremum_condition", name="極値をもつ条件", sample=sample_extremum_condition,
            solve=solve_extremum_condition, verify=verify_extremum_condition,
            problem_templates=_phrasings("extremum_condition", 5), solution_template="extremum_condition_solution.j2",
            shape="multi-step",
            knobs="has extrema -> none / monotone -> other leading coefficients -> both extrema at x > 0 "
                  "(three conditions) -> extrema on both sides of 0",
        ),
        ProblemType(
            id="interval_param_extreme", name="文字を含む区間の最大・最小", sample=sample_interval_param,
            solve=solve_interval_param, verify=verify_interval_param,
            problem_templates=_phrasings("interval_param_extreme", 5),
            solution_template="interval_param_extreme_solution.j2", shape="multi-step",
            knobs="where the minimum is f(a) -> the other cases -> negative leading coefficient -> the a for which "
                  "the maximum takes a given value",
        ),
        ProblemType(
            id="root_sign_count", name="実数解の個数と符号", sample=sample_root_sign, solve=solve_root_sign,
            verify=verify_root_sign, problem_templates=_phrasings("root_sign_count", 5),
            solution_template="root_sign_count_solution.j2", shape="multi-step",
            knobs="three roots -> two positive and one negative (or the reverse) -> exactly two roots, constant "
                  "terms -> right-hand side c k + d with negative c (the range of k flips)",
        ),
        ProblemType(
            id="box_volume_max", name="容積の最大（文章題）", sample=sample_box_volume, solve=solve_box_volume,
            verify=verify_box_volume, problem_templates=_phrasings("box_volume_max", 5),
            solution_template="box_volume_max_solution.j2", shape="word",
            knobs="square sheet -> rectangular sheet (the cut, then the volume) -> cylinder in a cone -> cone in a "
                  "sphere",
        ),
    ),
)
