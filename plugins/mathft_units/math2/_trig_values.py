"""相互関係 and 加法定理: exact values of trigonometric functions.

Solvers follow the textbook (``\\sin^2 + \\cos^2 = 1`` with the quadrant's sign; the
addition formulas on table angles); verifiers rebuild the angle numerically from the
statement (``asin``/``acos``/``atan`` placed in the stated quadrant) and evaluate directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num, paren, pi_multiple
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks
from mathft_units.math2._trig_core import exact, surd_latex

QUADRANT_TEX = {1: "0 < \\theta < \\frac{\\pi}{2}", 2: "\\frac{\\pi}{2} < \\theta < \\pi",
                3: "\\pi < \\theta < \\frac{3}{2}\\pi", 4: "\\frac{3}{2}\\pi < \\theta < 2\\pi"}
SIGN = {"sin": {1: 1, 2: 1, 3: -1, 4: -1}, "cos": {1: 1, 2: -1, 3: -1, 4: 1}, "tan": {1: 1, 2: -1, 3: 1, 4: -1}}
ASK_TEX = {"prod": "\\sin\\theta\\cos\\theta", "cube": "\\sin^3\\theta + \\cos^3\\theta",
           "recip": "\\tan\\theta + \\frac{1}{\\tan\\theta}"}
TRIPLES = [(3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41), (12, 35, 37),
           (11, 60, 61), (28, 45, 53), (33, 56, 65), (16, 63, 65), (48, 55, 73), (13, 84, 85), (36, 77, 85),
           (39, 80, 89), (65, 72, 97)]
#: values whose complement 1 - v^2 is not a square (radical answers)
PLAIN = sorted({Fraction(n, d) for d in range(2, 12) for n in range(1, d)
                if Fraction(n, d).denominator == d and Fraction(n, d) not in (Fraction(3, 5), Fraction(4, 5))})
TANS = sorted({Fraction(n, d) for d in range(1, 8) for n in range(1, 13) if Fraction(n, d) != 1})


def _pk(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


def _f(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def _rat(f: Fraction) -> sp.Rational:
    return sp.Rational(f.numerator, f.denominator)


# --- 相互関係 --------------------------------------------------------------------


def sample_trig_identity(rng: Random, difficulty: int) -> dict[str, Any]:
    """Given one of sin/cos/tan and the quadrant, ask another (level 5: ``\\sin + \\cos = a``)."""
    r = rng
    if difficulty == 5 and r.random() < 0.5:
        a = r.choice(sorted({Fraction(n, d) for n in range(-8, 9) for d in range(2, 10) if 0 < abs(Fraction(n, d)) < 1}))
        return {"kind": "sym", "a": _pk(a), "ask": r.choice(["prod", "cube", "recip"])}
    quad = r.randint(1, 4)
    if difficulty <= 3 or (difficulty == 5 and r.random() < 0.5):
        given = r.choice(("sin", "cos"))
        if difficulty == 1 or (difficulty >= 3 and r.random() < 0.5):
            a, b, c = r.choice(TRIPLES)
            mag = Fraction(r.choice((a, b)), c)
        else:
            mag = r.choice(PLAIN)
        other = "cos" if given == "sin" else "sin"
        ask = "tan" if difficulty >= 3 else r.choice((other, "tan"))
    else:
        given = "tan"
        mag = r.choice(TANS)
        ask = r.choice(("sin", "cos"))
    v = mag * SIGN[given][quad]
    return {"kind": "quad", "given": given, "ask": ask, "quad": quad, "v": _pk(v)}


def _identity_values(p: Mapping[str, Any]) -> dict[str, sp.Expr]:
    v, q, given = _rat(_f(p["v"])), p["quad"], p["given"]
    if given == "sin":
        s = v
        c = SIGN["cos"][q] * sp.sqrt(1 - v**2)
    elif given == "cos":
        c = v
        s = SIGN["sin"][q] * sp.sqrt(1 - v**2)
    else:
        c = SIGN["cos"][q] / sp.sqrt(1 + v**2)
        s = sp.radsimp(v * c)
        c = sp.radsimp(c)
    return {"sin": sp.radsimp(s), "cos": sp.radsimp(c), "tan": sp.radsimp(s / c)}


def solve_trig_identity(p: Mapping[str, Any]) -> Solution:
    if p["kind"] == "sym":
        a = _rat(_f(p["a"]))
        prod = (a**2 - 1) / 2
        value = {"prod": prod, "cube": a**3 - 3 * prod * a, "recip": 1 / prod}[p["ask"]]
        steps = {"kind": "sym", "a": num(_f(p["a"])), "ap": _power_base(num(_f(p["a"]))), "ask_tex": ASK_TEX[p["ask"]], "a2": num(Fraction(int((a**2).p), int((a**2).q))),
                 "prod": num(Fraction(int(prod.p), int(prod.q))), "ask": p["ask"], "value": num(Fraction(int(value.p), int(value.q)))}
        return Solution(answer=value, answer_latex=num(Fraction(int(value.p), int(value.q))), steps=steps)
    vals = _identity_values(p)
    v = _f(p["v"])
    given, ask, q = p["given"], p["ask"], p["quad"]
    other = "cos" if given == "sin" else "sin"
    steps: dict[str, Any] = {"kind": "quad", "given": given, "ask": ask, "range": QUADRANT_TEX[q], "v": num(v),
                             "vp": _power_base(num(v)), "other": other}
    if given in ("sin", "cos"):
        sq = 1 - v * v
        steps.update({"sq": num(sq), "other_sign": SIGN[other][q] > 0, "other_val": surd_latex(vals[other])})
    else:
        sq = 1 / (1 + v * v)
        steps.update({"one_plus": num(1 + v * v), "sq": num(sq), "cos_sign": SIGN["cos"][q] > 0,
                      "cos_val": surd_latex(vals["cos"]), "sin_val": surd_latex(vals["sin"])})
    steps.update({"tan_val": surd_latex(vals["tan"]), "sin_val": surd_latex(vals["sin"]),
                  "cos_val": surd_latex(vals["cos"]), "cos_paren": paren(surd_latex(vals["cos"]))})
    answer = vals[ask]
    return Solution(answer=answer, answer_latex=surd_latex(answer), steps=steps)


def _theta_from(p: Mapping[str, Any]) -> Any:
    ctx = _checks.CTX
    v = _checks.mpf(_f(p["v"]))
    q = p["quad"]
    if p["given"] == "sin":
        t0 = ctx.asin(v)
        return {1: t0, 2: ctx.pi - t0, 3: ctx.pi - t0, 4: 2 * ctx.pi + t0}[q]
    if p["given"] == "cos":
        t0 = ctx.acos(v)
        return t0 if q in (1, 2) else 2 * ctx.pi - t0
    t0 = ctx.atan(v)
    return {1: t0, 2: t0 + ctx.pi, 3: t0 + ctx.pi, 4: t0 + 2 * ctx.pi}[q]


def verify_trig_identity(p: Mapping[str, Any], solution: Solution) -> bool:
    """Rebuild θ numerically from the statement and evaluate the asked quantity directly."""
    ctx = _checks.CTX
    if p["kind"] == "sym":
        a = _checks.mpf(_f(p["a"]))
        theta = ctx.pi / 4 + ctx.acos(a / ctx.sqrt(2))
        s, c = ctx.sin(theta), ctx.cos(theta)
        if not _checks.compare(s + c, "=", a):
            return False
        value = {"prod": s * c, "cube": s**3 + c**3, "recip": s / c + c / s}[p["ask"]]
        return _checks.compare(value, "=", _checks.mpf(solution.answer))
    theta = _theta_from(p)
    q = p["quad"]
    if not (ctx.pi * (q - 1) / 2 < theta < ctx.pi * q / 2):
        return False
    value = {"sin": ctx.sin, "cos": ctx.cos, "tan": ctx.tan}[p["ask"]](theta)
    return _checks.compare(value, "=", _checks.mpf(solution.answer))


# --- 加法定理 --------------------------------------------------------------------


def _split(k: int) -> tuple[Fraction, Fraction]:
    """``kπ/12`` (k odd) as ``α + β`` with ``α = ±π/4`` and ``β`` a multiple of π/6."""
    a = Fraction(1, 4) if k > 0 else Fraction(-1, 4)
    return a, Fraction(k, 12) - a


def sample_trig_addition(rng: Random, difficulty: int) -> dict[str, Any]:
    """Given values in quadrant I (level 1), table angles kπ/12 (levels 2-3), any quadrants, 2倍角."""
    r = rng
    kinds = {1: ["sum"], 2: ["angle", "sum", "sum", "sum"], 3: ["angle", "sum", "sum", "sum"], 4: ["sum", "double"],
             5: ["double", "sum"]}[difficulty]
    kind = r.choice(kinds)
    if kind == "angle":
        ks = {2: [1, 5, 7, 11, -1, -5, -7, -11], 3: [13, 17, 19, 23, -13, -17, -19, -23]}[difficulty]
        return {"kind": "angle", "k": r.choice(ks), "f": r.choice(("sin", "cos", "tan"))}

    def draw(rr: Random) -> dict[str, Any]:
        pool = TRIPLES[:8] if difficulty == 1 else TRIPLES
        (a1, b1, c1), (a2, b2, c2) = rr.choice(pool), rr.choice(pool)
        qa, qb = (1, 1) if difficulty == 1 else (rr.choice((1, 2)), rr.choice((1, 2, 4)))
        sa = Fraction(rr.choice((a1, b1)), c1) * SIGN["sin"][qa]
        cb = Fraction(rr.choice((a2, b2)), c2) * SIGN["cos"][qb]
        if kind == "double":
            base = rr.choice(PLAIN) if difficulty == 5 and rr.random() < 0.5 else sa
            return {"kind": "double", "sa": _pk(base), "qa": qa, "f": rr.choice(("sin", "cos", "tan"))}
        return {"kind": "sum", "sa": _pk(sa), "qa": qa, "cb": _pk(cb), "qb": qb,
                "op": rr.choice(("+", "-")), "f": rr.choice(("sin", "cos"))}

    return draw_until(rng, draw, lambda p: p["kind"] != "double" or 2 * _f(p["sa"]) ** 2 != 1)


def _power_base(text: str) -> str:
    """A base for ``^2``: ``(-3)``, ``(\\frac{2}{9})``; a non-negative integer stays bare."""
    return text if text.isdigit() else f"\\left({text}\\right)"


def _angle_values(kind: str, p: Mapping[str, Any]) -> dict[str, sp.Expr]:
    if kind == "alpha":
        s = _rat(_f(p["sa"]))
        c = SIGN["cos"][p["qa"]] * sp.sqrt(1 - s**2)
        return {"sin": s, "cos": sp.radsimp(c)}
    c = _rat(_f(p["cb"]))
    s = SIGN["sin"][p["qb"]] * sp.sqrt(1 - c**2)
    return {"sin": sp.radsimp(s), "cos": c}


def solve_trig_addition(p: Mapping[str, Any]) -> Solution:
    f = p["f"]
    if p["kind"] == "angle":
        a, b = _split(p["k"])
        op, bb = ("+", b) if b > 0 else ("-", -b)
        va = {n: exact(n, a) for n in ("sin", "cos", "tan")}
        vb = {n: exact(n, bb) for n in ("sin", "cos", "tan")}
        value, formula, sub = _addition(f, op, va, vb)
        steps = {"kind": "angle", "f": f, "angle": pi_multiple(Fraction(p["k"], 12)), "alpha": pi_multiple(a),
                 "beta": pi_multiple(bb), "op": op, "formula": formula, "sub": sub}
    elif p["kind"] == "sum":
        A, B = _angle_values("alpha", p), _angle_values("beta", p)
        value, formula, sub = _addition(f, p["op"], A, B)
        steps = {"kind": "sum", "f": f, "op": p["op"], "formula": formula, "sub": sub, "sa": num(_f(p["sa"])), "cb": num(_f(p["cb"])),
                 "ca": surd_latex(A["cos"]), "sb": surd_latex(B["sin"]), "ra": QUADRANT_TEX[p["qa"]].replace("\\theta", "\\alpha"),
                 "rb": QUADRANT_TEX[p["qb"]].replace("\\theta", "\\beta"),
                 "ca_pos": SIGN["cos"][p["qa"]] > 0, "sb_pos": SIGN["sin"][p["qb"]] > 0}
    else:
        A = _angle_values("alpha", p)
        s, c = A["sin"], A["cos"]
        value = {"sin": 2 * s * c, "cos": 1 - 2 * s**2, "tan": 2 * s * c / (1 - 2 * s**2)}[f]
        sp_, cp = paren(num(_f(p["sa"]))), paren(surd_latex(c))
        value = sp.expand(sp.radsimp(value))
        steps = {"kind": "double", "f": f, "sa": num(_f(p["sa"])), "ca": surd_latex(c),
                 "ra": QUADRANT_TEX[p["qa"]].replace("\\theta", "\\alpha"), "ca_pos": SIGN["cos"][p["qa"]] > 0,
                 "s2": surd_latex(sp.expand(sp.radsimp(2 * s * c))), "c2": surd_latex(1 - 2 * s**2),
                 "s2_sub": f"2 \\cdot {sp_} \\cdot {cp}", "c2_sub": f"1 - 2 \\cdot {_power_base(num(_f(p['sa'])))}^2"}
    steps["expr"] = addition_text(p)
    return Solution(answer=value, answer_latex=surd_latex(value), steps=steps)


def _addition(f: str, op: str, A: Mapping[str, sp.Expr], B: Mapping[str, sp.Expr]) -> tuple[sp.Expr, str, str]:
    """Value of ``f(α op β)``, the formula and the formula with the values substituted."""
    t = {k: paren(surd_latex(v)) for k, v in A.items()}
    u = {k: paren(surd_latex(v)) for k, v in B.items()}
    plus = op == "+"
    if f == "sin":
        value = A["sin"] * B["cos"] + (1 if plus else -1) * A["cos"] * B["sin"]
        formula = f"\\sin\\alpha\\cos\\beta {op} \\cos\\alpha\\sin\\beta"
        sub = f"{t['sin']} \\cdot {u['cos']} {op} {t['cos']} \\cdot {u['sin']}"
    elif f == "cos":
        other = "-" if plus else "+"
        value = A["cos"] * B["cos"] - (1 if plus else -1) * A["sin"] * B["sin"]
        formula = f"\\cos\\alpha\\cos\\beta {other} \\sin\\alpha\\sin\\beta"
        sub = f"{t['cos']} \\cdot {u['cos']} {other} {t['sin']} \\cdot {u['sin']}"
    else:
        other = "-" if plus else "+"
        value = (A["tan"] + (1 if plus else -1) * B["tan"]) / (1 - (1 if plus else -1) * A["tan"] * B["tan"])
        formula = f"\\frac{{\\tan\\alpha {op} \\tan\\beta}}{{1 {other} \\tan\\alpha\\tan\\beta}}"
        sub = f"\\frac{{{t['tan']} {op} {u['tan']}}}{{1 {other} {t['tan']} \\cdot {u['tan']}}}"
    return sp.expand(sp.radsimp(value)), formula, sub


def addition_text(p: Mapping[str, Any]) -> str:
    f = p["f"]
    if p["kind"] == "angle":
        return f"\\{f} {pi_multiple(Fraction(p['k'], 12))}" if Fraction(p["k"], 12) > 0 else \
            f"\\{f}\\left({pi_multiple(Fraction(p['k'], 12))}\\right)"
    if p["kind"] == "sum":
        return f"\\{f}(\\alpha {p['op']} \\beta)"
    return f"\\{f} 2\\alpha"


def verify_trig_addition(p: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate the function of the actual angle numerically."""
    ctx = _checks.CTX
    func = {"sin": ctx.sin, "cos": ctx.cos, "tan": ctx.tan}[p["f"]]
    if p["kind"] == "angle":
        value = func(ctx.pi * p["k"] / 12)
    else:
        sa = _checks.mpf(_f(p["sa"]))
        alpha = ctx.asin(sa) if p["qa"] == 1 else ctx.pi - ctx.asin(sa)
        if p["kind"] == "double":
            value = func(2 * alpha)
        else:
            cb = _checks.mpf(_f(p["cb"]))
            beta = ctx.acos(cb) if p["qb"] in (1, 2) else 2 * ctx.pi - ctx.acos(cb)
            value = func(alpha + beta if p["op"] == "+" else alpha - beta)
    return _checks.compare(value, "=", _checks.mpf(solution.answer))
