"""複素数と方程式: 複素数の計算, 解と係数の関係, 剰余の定理, 高次方程式.

Complex numbers are exact pairs of ``Fraction`` (real, imaginary); verifiers recompute
with Python/mpmath complex floats from the statement.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _polys
from mathft_units.math2._trig_core import surd_latex

X = sp.Symbol("x")
Gauss = tuple[Fraction, Fraction]


def c_tex(z: Gauss) -> str:
    """``a + bi`` with i last: ``\\frac{1}{5} + \\frac{7}{5}i``, ``-i``, ``3``."""
    re, im = z
    if im == 0:
        return num(re)
    body = coef_term(abs(im), "i")
    if re == 0:
        return body if im > 0 else f"-{body}"
    return f"{num(re)} {'+' if im > 0 else '-'} {body}"


def c_sym(z: Gauss) -> sp.Expr:
    return sp.Rational(z[0].numerator, z[0].denominator) + sp.I * sp.Rational(z[1].numerator, z[1].denominator)


def c_mul(z: Gauss, w: Gauss) -> Gauss:
    return (z[0] * w[0] - z[1] * w[1], z[0] * w[1] + z[1] * w[0])


def c_div(z: Gauss, w: Gauss) -> Gauss:
    n = w[0] ** 2 + w[1] ** 2
    num_ = c_mul(z, (w[0], -w[1]))
    return (num_[0] / n, num_[1] / n)


def _g(pair: list[int]) -> Gauss:
    return (Fraction(pair[0]), Fraction(pair[1]))


# --- 複素数の計算 ----------------------------------------------------------------


def sample_complex_calc(rng: Random, difficulty: int) -> dict[str, Any]:
    def z(r: Random) -> list[int]:
        return [r.randint(-6, 6), r.choice([v for v in range(-6, 7) if v])]

    def draw(r: Random) -> dict[str, Any]:
        kind = {1: "mul", 2: "div", 3: r.choice(("div", "pow")), 4: "sum_div", 5: r.choice(("sum_div", "pow_div"))}[difficulty]
        return {"kind": kind, "z1": z(r), "z2": z(r), "z3": z(r), "z4": z(r), "n": r.choice((2, 3))}

    return draw_until(rng, draw, lambda p: p["z1"] != p["z2"])


def _pow(z: Gauss, n: int) -> Gauss:
    out: Gauss = (Fraction(1), Fraction(0))
    for _ in range(n):
        out = c_mul(out, z)
    return out


def complex_calc_value(p: Mapping[str, Any]) -> tuple[Gauss, str, list[str]]:
    """Value, statement and the CoT lines (exact)."""
    z1, z2, z3, z4 = (_g(p[k]) for k in ("z1", "z2", "z3", "z4"))
    t1, t2 = c_tex(z1), c_tex(z2)
    if p["kind"] == "mul":
        v = c_mul(z1, z2)
        return v, f"({t1})({t2})", [f"({t1})({t2}) = {_expand_mul(z1, z2)} = {c_tex(v)}"]
    if p["kind"] == "div":
        v = c_div(z1, z2)
        return v, f"\\frac{{{t1}}}{{{t2}}}", _div_lines(z1, z2)
    if p["kind"] == "pow":
        v = _pow(z1, p["n"])
        sq = c_mul(z1, z1)
        lines = [f"({t1})^2 = {_expand_mul(z1, z1)} = {c_tex(sq)}"]
        if p["n"] == 3:
            lines.append(f"({t1})^3 = ({c_tex(sq)})({t1}) = {c_tex(v)}")
        return v, f"({t1})^{{{p['n']}}}", lines
    if p["kind"] == "sum_div":
        a, b = c_div(z1, z2), c_div(z3, z4)
        v = (a[0] + b[0], a[1] + b[1])
        lines = _div_lines(z1, z2) + _div_lines(z3, z4) + [f"{paren(c_tex(a))} + {paren(c_tex(b))} = {c_tex(v)}"]
        return v, f"\\frac{{{t1}}}{{{t2}}} + \\frac{{{c_tex(z3)}}}{{{c_tex(z4)}}}", lines
    sq = c_mul(z1, z1)
    v = c_div(sq, z2)
    lines = [f"({t1})^2 = {_expand_mul(z1, z1)} = {c_tex(sq)}", *_div_lines(sq, z2)]
    return v, f"\\frac{{({t1})^2}}{{{t2}}}", lines


def _expand_mul(z: Gauss, w: Gauss) -> str:
    """``ac + adi + bci + bdi^2`` written out."""
    a, b = z
    c, d = w
    terms = [num(a * c), coef_term(a * d + b * c, "i"), coef_term(b * d, "i^2")]
    out = terms[0]
    for t in terms[1:]:
        if t == "0":
            continue
        out += f" - {t[1:]}" if t.startswith("-") else f" + {t}"
    return out


def _div_lines(z: Gauss, w: Gauss) -> list[str]:
    conj = (w[0], -w[1])
    n = w[0] ** 2 + w[1] ** 2
    top = c_mul(z, conj)
    v = c_div(z, w)
    return [f"\\frac{{{c_tex(z)}}}{{{c_tex(w)}}} = \\frac{{({c_tex(z)})({c_tex(conj)})}}{{({c_tex(w)})({c_tex(conj)})}} "
            f"= \\frac{{{c_tex(top)}}}{{{num(n)}}} = {c_tex(v)}"]


def solve_complex_calc(p: Mapping[str, Any]) -> Solution:
    v, statement, lines = complex_calc_value(p)
    return Solution(answer=c_sym(v), answer_latex=c_tex(v), steps={"expr": statement, "lines": lines,
                                                                  "divides": "div" in p["kind"]})


def verify_complex_calc(p: Mapping[str, Any], solution: Solution) -> bool:
    """Recompute with Python complex floats."""
    z1, z2, z3, z4 = (complex(*p[k]) for k in ("z1", "z2", "z3", "z4"))
    value = {"mul": lambda: z1 * z2, "div": lambda: z1 / z2, "pow": lambda: z1 ** p["n"],
             "sum_div": lambda: z1 / z2 + z3 / z4, "pow_div": lambda: z1**2 / z2}[p["kind"]]()
    return abs(value - complex(solution.answer)) < 1e-9


# --- 解と係数の関係 --------------------------------------------------------------

ASKS = {
    "sq": ("\\alpha^2 + \\beta^2", lambda s, t: s * s - 2 * t, lambda a, b: a * a + b * b),
    "cube": ("\\alpha^3 + \\beta^3", lambda s, t: s**3 - 3 * s * t, lambda a, b: a**3 + b**3),
    "recip": ("\\frac{1}{\\alpha} + \\frac{1}{\\beta}", lambda s, t: s / t, lambda a, b: 1 / a + 1 / b),
    "diff2": ("(\\alpha - \\beta)^2", lambda s, t: s * s - 4 * t, lambda a, b: (a - b) ** 2),
    "ratio": ("\\frac{\\beta}{\\alpha} + \\frac{\\alpha}{\\beta}", lambda s, t: (s * s - 2 * t) / t,
              lambda a, b: b / a + a / b),
    "shift": ("(\\alpha + 1)(\\beta + 1)", lambda s, t: t + s + 1, lambda a, b: (a + 1) * (b + 1)),
}
IDENTITY = {
    "sq": "\\alpha^2 + \\beta^2 = (\\alpha + \\beta)^2 - 2\\alpha\\beta",
    "cube": "\\alpha^3 + \\beta^3 = (\\alpha + \\beta)^3 - 3\\alpha\\beta(\\alpha + \\beta)",
    "recip": "\\frac{1}{\\alpha} + \\frac{1}{\\beta} = \\frac{\\alpha + \\beta}{\\alpha\\beta}",
    "diff2": "(\\alpha - \\beta)^2 = (\\alpha + \\beta)^2 - 4\\alpha\\beta",
    "ratio": "\\frac{\\beta}{\\alpha} + \\frac{\\alpha}{\\beta} = \\frac{(\\alpha + \\beta)^2 - 2\\alpha\\beta}{\\alpha\\beta}",
    "shift": "(\\alpha + 1)(\\beta + 1) = \\alpha\\beta + (\\alpha + \\beta) + 1",
}


def sample_vieta(rng: Random, difficulty: int) -> dict[str, Any]:
    asks = {1: ["sq", "shift"], 2: ["sq", "recip", "shift"], 3: ["cube", "diff2", "recip"],
            4: ["cube", "ratio", "diff2"], 5: ["ratio", "cube", "diff2"]}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a = 1 if difficulty <= 2 else r.choice((1, 2, 3))
        return {"a": a, "b": r.choice([v for v in range(-9, 10) if v]), "c": r.choice([v for v in range(-9, 10) if v]),
                "ask": r.choice(asks)}

    return draw_until(rng, draw, lambda p: p["b"] ** 2 != 4 * p["a"] * p["c"])


def solve_vieta(p: Mapping[str, Any]) -> Solution:
    a, b, c = p["a"], p["b"], p["c"]
    s, t = Fraction(-b, a), Fraction(c, a)
    text, formula, _ = ASKS[p["ask"]]
    value = formula(s, t)
    steps = {"eq": _polys.text([Fraction(a), Fraction(b), Fraction(c)]), "s": num(s), "t": num(t), "ask": text,
             "identity": IDENTITY[p["ask"]], "value": num(value), "sp": paren(num(s)), "tp": paren(num(t))}
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


def verify_vieta(p: Mapping[str, Any], solution: Solution) -> bool:
    """Compute both roots numerically and evaluate the expression."""
    a, b, c = p["a"], p["b"], p["c"]
    disc = cmath.sqrt(b * b - 4 * a * c)
    r1, r2 = (-b + disc) / (2 * a), (-b - disc) / (2 * a)
    value = ASKS[p["ask"]][2](r1, r2)
    return abs(value - complex(solution.answer)) < 1e-7


# --- 剰余の定理 ------------------------------------------------------------------


def sample_remainder(rng: Random, difficulty: int) -> dict[str, Any]:
    k = 3 if difficulty == 5 else 2
    size = 2 + difficulty
    pts = sorted(rng.sample(range(-size, size + 1), k))
    rems = [rng.randint(-3 * size, 3 * size) for _ in pts]
    return {"pts": pts, "rems": rems, "expanded": difficulty >= 3}


def _interp(pts: list[int], rems: list[int]) -> _polys.Poly:
    """Lagrange interpolation (exact)."""
    out: _polys.Poly = [Fraction(0)]
    for i, (xi, yi) in enumerate(zip(pts, rems, strict=True)):
        term: _polys.Poly = [Fraction(yi)]
        for j, xj in enumerate(pts):
            if i != j:
                term = _polys.mul(term, [Fraction(1, xi - xj), Fraction(-xj, xi - xj)])
        out = _polys.add(out, term)
    return out


def _lin(r: int) -> str:
    return "x" if r == 0 else f"x {'-' if r > 0 else '+'} {abs(r)}"


def solve_remainder(p: Mapping[str, Any]) -> Solution:
    pts, rems = p["pts"], p["rems"]
    R = _interp(pts, rems)
    divisor = "".join(f"({_lin(a)})" if a != 0 else "x" for a in sorted(pts, key=lambda a: a != 0))
    if p["expanded"]:
        divisor = _polys.text(_polys.from_roots([Fraction(a) for a in pts]))
    k = len(pts)
    unknown = "ax + b" if k == 2 else "ax^2 + bx + c"
    conds = [{"a": a, "paren": paren(str(a)), "r": r} for a, r in zip(pts, rems, strict=True)]
    letters = ("a", "b") if k == 2 else ("a", "b", "c")
    for c in conds:
        a = c["a"]
        powers = [a ** (k - 1 - i) for i in range(k)]
        c["eq"] = f"{join_terms([coef_term(w, name) for w, name in zip(powers, letters, strict=True) if w])} = {c['r']}"
    divisor_q = f"({divisor})" if p["expanded"] else divisor  # a product of factors needs no extra parentheses
    expr = sum(sp.Rational(cf.numerator, cf.denominator) * X ** (len(R) - 1 - i) for i, cf in enumerate(R))
    steps = {"divisor": divisor, "divisors": [_lin(a) for a in pts], "pts": pts, "rems": rems, "conds": conds,
             "unknown": unknown, "R": _polys.text(R), "deg": k, "divisor_q": divisor_q,
             "solved": ", ".join(f"{name} = {num(cf)}" for name, cf in zip(letters, ([Fraction(0)] * k + list(R))[-k:], strict=True))}
    return Solution(answer=sp.expand(expr), answer_latex=_polys.text(R), steps=steps)


def verify_remainder(p: Mapping[str, Any], solution: Solution) -> bool:
    """The remainder takes the stated values (剰余の定理) and has a low enough degree."""
    poly = sp.Poly(solution.answer, X)
    if poly.degree() >= len(p["pts"]):
        return False
    return all(poly.eval(a) == r for a, r in zip(p["pts"], p["rems"], strict=True))


# --- 高次方程式 ------------------------------------------------------------------


def sample_higher(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        lead = 2 if difficulty >= 4 and r.random() < 0.5 else 1
        size = 2 + difficulty
        root = Fraction(r.choice((1, -1, 3, -3, 5))) / 2 if lead == 2 else Fraction(r.randint(-size, size))
        b = r.randint(-size, size)
        c = r.randint(1, 6 + 3 * difficulty)
        return {"lead": lead, "root": [root.numerator, root.denominator], "b": b, "c": c}

    return draw_until(rng, draw, lambda p: p["b"] ** 2 < 4 * p["c"])


def _higher_poly(p: Mapping[str, Any]) -> _polys.Poly:
    root = Fraction(*p["root"])
    lin = [Fraction(p["lead"]), -Fraction(p["lead"]) * root]
    return _polys.mul(lin, [Fraction(1), Fraction(p["b"]), Fraction(p["c"])])


def _pm_tex(b: int, c: int) -> tuple[str, sp.Expr, sp.Expr]:
    """``p \\pm qi`` of the roots of ``x^2 + bx + c`` (negative discriminant)."""
    re = Fraction(-b, 2)
    im = sp.sqrt(4 * c - b * b) / 2
    im_tex = surd_latex(im)
    im_part = "i" if im_tex == "1" else f"{im_tex}i"
    head = "" if re == 0 else f"{num(re)} "
    text = f"{head}\\pm {im_part}"
    return text, sp.Rational(re.numerator, re.denominator) + sp.I * im, sp.Rational(re.numerator, re.denominator) - sp.I * im


def solve_higher(p: Mapping[str, Any]) -> Solution:
    P = _higher_poly(p)
    root = Fraction(*p["root"])
    pm, z1, z2 = _pm_tex(p["b"], p["c"])
    lead = p["lead"]
    factor = f"({_polys.text([Fraction(lead), -lead * root])})"
    quad = _polys.text([Fraction(1), Fraction(p["b"]), Fraction(p["c"])])
    disc = p["b"] ** 2 - 4 * p["c"]
    latex = f"{num(root)}, {pm}"
    answer = sp.FiniteSet(sp.Rational(root.numerator, root.denominator), z1, z2)
    steps = {"P": _polys.text(P), "root": num(root), "proot": paren(num(root)), "factor": factor, "quad": quad,
             "disc": disc, "pm": pm, "b": p["b"], "sqrt_disc": surd_latex(sp.sqrt(-disc)),
             "formula": f"\\frac{{{-p['b']} \\pm \\sqrt{{{disc}}}}}{{2}}"}
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def verify_higher(p: Mapping[str, Any], solution: Solution) -> bool:
    """Each root satisfies the cubic (50-digit complex arithmetic); three distinct roots."""
    P = _higher_poly(p)
    ctx = _checks.CTX
    roots = list(solution.answer.args)
    if len(roots) != 3:
        return False
    for z in roots:
        zc = ctx.mpc(_checks.mpf(sp.re(z)), _checks.mpf(sp.im(z)))
        acc = ctx.mpc(0)
        for c in P:
            acc = acc * zc + _checks.mpf(c)
        if abs(acc) > _checks.TOL:
            return False
    return not math.isclose(float(sp.im(roots[1])), float(sp.im(roots[2])))
