"""数と式 (数学I): たすき掛け, 2文字の因数分解, 対称式の値, 二重根号, 連立1次不等式, 絶対値不等式.

Factorizations are found with the discriminant in ``x`` (exact integer arithmetic) and
verified by expanding the product back with SymPy; radical answers are verified by
squaring or by 50-digit numerical evaluation; inequalities by substituting test points
around every boundary into the original statement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nonzero
from mathft_units.math1._forms import (
    Surd,
    coef_prefix,
    flip,
    holds,
    num,
    rel_tex,
    squarefree_split,
    to_sympy,
)

X, Y = sp.symbols("x y")


def _lin2(cx: int, cy: int, c0: int) -> str:
    """``cx·x + cy·y + c0`` compactly, as inside a factor: ``2x+3y-1``."""
    return latex.join_terms([latex.coef_term(cx, "x"), latex.coef_term(cy, "y"), num(c0)]).replace(" ", "")


def _poly2(terms: Sequence[tuple[Fraction, str]]) -> str:
    return latex.join_terms([latex.coef_term(c, body) for c, body in terms])


# --- たすき掛け / 2文字の因数分解 ---------------------------------------------------------


def _factor_quadratic_in_x(p: int, by: int, b0: int, cyy: int, cy: int, c0: int) -> tuple[int, list[tuple[int, int, int]]]:
    """Factor ``p x^2 + (by·y + b0) x + (cyy y^2 + cy y + c0)`` into ``g·∏(ax + by + c)``.

    Uses the discriminant in ``x``: it must be the square of a linear polynomial in ``y``.
    Returns the integer content ``g`` and the two primitive factors (positive ``x`` coefficient).
    """
    d2 = by * by - 4 * p * cyy
    d1 = 2 * by * b0 - 4 * p * cy
    d0 = b0 * b0 - 4 * p * c0
    if d2 < 0 or d0 < 0:
        raise ValueError("not factorable over the rationals")
    alpha = math.isqrt(d2)
    if alpha * alpha != d2:
        raise ValueError("not factorable over the rationals")
    if alpha:
        beta = Fraction(d1, 2 * alpha)
    else:
        root = math.isqrt(d0)
        if root * root != d0 or d1 != 0:
            raise ValueError("not factorable over the rationals")
        beta = Fraction(root)
    if beta * beta != d0:
        raise ValueError("not factorable over the rationals")
    factors = []
    for sign in (1, -1):
        # root x = (-(by y + b0) + sign(alpha y + beta)) / (2p); factor: x - root
        ry = Fraction(-by + sign * alpha, 2 * p)
        r0 = (-b0 + sign * beta) / (2 * p)
        scale = math.lcm(ry.denominator, r0.denominator)
        factors.append((scale, int(-ry * scale), int(-r0 * scale)))
    g = Fraction(p, factors[0][0] * factors[1][0])
    if g.denominator != 1:
        raise ValueError("unexpected content")
    return int(g), sorted(factors)


def sample_tasuki(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        pmax = [1, 3, 4, 6, 6][difficulty - 1]
        span = [15, 7, 7, 9, 9][difficulty - 1]
        p1 = 1 if difficulty == 1 else r.randint(1, pmax)
        p2 = r.randint(2 if difficulty >= 3 else 1, pmax) if difficulty >= 2 else 1
        q1, q2 = _nonzero(r, -span, span), _nonzero(r, -span, span)
        k = r.choice([2, 3, -1, -2]) if difficulty >= 4 and r.random() < 0.4 else 1
        two_var = difficulty == 5 and r.random() < 0.6
        return {"p1": p1, "q1": q1, "p2": p2, "q2": q2, "k": k, "two_var": two_var}

    def ok(f: dict[str, Any]) -> bool:
        return (math.gcd(f["p1"], f["q1"]) == 1 and math.gcd(f["p2"], f["q2"]) == 1
                and Fraction(f["q1"], f["p1"]) != Fraction(f["q2"], f["p2"]))

    f = draw_until(rng, draw, ok)
    k = f["k"]
    return {"a": k * f["p1"] * f["p2"], "b": k * (f["p1"] * f["q2"] + f["p2"] * f["q1"]),
            "c": k * f["q1"] * f["q2"], "two_var": f["two_var"]}


def solve_tasuki(params: Mapping[str, Any]) -> Solution:
    a, b, c, two = params["a"], params["b"], params["c"], params["two_var"]
    # ax^2 + bxy + cy^2 factors like ax^2 + bx + c with y on the constant terms
    sign = -1 if a < 0 else 1
    g, factors = _factor_quadratic_in_x(sign * a, 0, sign * b, 0, 0, sign * c)
    var = "y" if two else ""

    def factor_text(f: tuple[int, int, int]) -> str:
        s, _, t = f
        return f"({latex.join_terms([latex.coef_term(s, 'x'), latex.coef_term(t, var) if var else num(t)])})".replace(" ", "")

    body = "".join(factor_text(f) for f in factors)
    text = f"{coef_prefix(sign * g)}{body}"
    yy = Y if two else sp.Integer(1)
    value = sign * g * sp.Mul(*[(s * X + t * yy) for s, _, t in factors], evaluate=False)
    expr = _poly2([(a, "x^2"), (b, "xy" if two else "x"), (c, "y^2" if two else "")])
    (s1, _, t1), (s2, _, t2) = factors
    steps = {
        "expr": expr, "a": a, "b": b, "c": c, "g": sign * g, "g_text": coef_prefix(sign * g),
        "s1": s1, "t1": num(t1), "s2": s2, "t2": num(t2), "cross1": num(s1 * t2), "cross2": num(s2 * t1),
        "sum": num(s1 * t2 + s2 * t1),
        "inner": _poly2([(s1 * s2, "x^2"), (s1 * t2 + s2 * t1, "xy" if two else "x"), (t1 * t2, "y^2" if two else "")]),
        "two": two, "factors": body,
    }
    return Solution(answer=value, answer_latex=text, steps=steps)


def verify_tasuki(params: Mapping[str, Any], solution: Solution) -> bool:
    """Expanding the factored answer gives back the polynomial; each factor is linear."""
    yy = Y if params["two_var"] else 1
    target = params["a"] * X**2 + params["b"] * X * yy + params["c"] * yy**2
    factors = [f for f in solution.answer.args if f.free_symbols]
    return (sp.expand(solution.answer - target) == 0 and len(factors) == 2
            and all(sp.Poly(f, X).degree() == 1 for f in factors))


def sample_two_var(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        span = [4, 4, 5, 6, 6][difficulty - 1]
        p = 1 if difficulty <= 3 else r.randint(1, 3)
        a1, a2 = _nonzero(r, -span, span), _nonzero(r, -span, span)
        b1, b2 = _nonzero(r, -span, span), _nonzero(r, -span, span)
        return {"p": p, "f1": [p, a1, b1], "f2": [1, a2, b2]}

    def ok(f: dict[str, Any]) -> bool:
        (p, a1, b1), (_, a2, b2) = f["f1"], f["f2"]
        return (math.gcd(math.gcd(p, a1), b1) == 1 and (a1, b1) != (p * a2, p * b2)
                and a1 * b2 != a2 * b1)

    f = draw_until(rng, draw, ok)
    (p, a1, b1), (_, a2, b2) = f["f1"], f["f2"]
    # (p x + a1 y + b1)(x + a2 y + b2)
    return {"xx": p, "xy": p * a2 + a1, "yy": a1 * a2, "x": p * b2 + b1, "y": a1 * b2 + a2 * b1, "c": b1 * b2}


def solve_two_var(params: Mapping[str, Any]) -> Solution:
    xx, xy, yy, x1, y1, c = (params[k] for k in ("xx", "xy", "yy", "x", "y", "c"))
    g, factors = _factor_quadratic_in_x(xx, xy, x1, yy, y1, c)
    body = "".join(f"({_lin2(*f)})" for f in factors)
    text = f"{coef_prefix(g)}{body}"
    value = g * sp.Mul(*[(s * X + t * Y + u) for s, t, u in factors], evaluate=False)
    expr = _poly2([(xx, "x^2"), (xy, "xy"), (yy, "y^2"), (x1, "x"), (y1, "y"), (c, "")])
    b_text = latex.join_terms([latex.coef_term(xy, "y"), num(x1)]).replace(" ", "")
    c_poly = latex.poly([yy, y1, c], "y")
    # the constant term (in x) factored, when it has rational roots
    (_s1, t1, u1), (_s2, t2, u2) = factors
    steps = {
        "expr": expr,
        "arranged": latex.join_terms([latex.coef_term(xx, "x^2"),
                                      f"({b_text})x" if xy and x1 else latex.coef_term(xy, "xy") if xy
                                      else latex.coef_term(x1, "x"),
                                      f"({c_poly})" if c_poly.count(" ") else c_poly]),
        "c_poly": c_poly,
        "c_factored": _signed_product([(t1, u1), (t2, u2)]),
        "f1": _lin2(0, t1, u1), "f2": _lin2(0, t2, u2),
        "factors": body,
    }
    return Solution(answer=value, answer_latex=text, steps=steps)


def _signed_product(factors: list[tuple[int, int]]) -> str:
    """``(ty + u)`` factors with positive leading coefficients, the sign pulled out in front."""
    negatives = sum(1 for t, _ in factors if t < 0)
    body = "".join(f"({_lin2(0, abs(t), u if t > 0 else -u)})" for t, u in factors)
    return f"-{body}" if negatives % 2 else body


def verify_two_var(params: Mapping[str, Any], solution: Solution) -> bool:
    target = (params["xx"] * X**2 + params["xy"] * X * Y + params["yy"] * Y**2
              + params["x"] * X + params["y"] * Y + params["c"])
    factors = [f for f in solution.answer.args if f.free_symbols]
    return sp.expand(solution.answer - target) == 0 and len(factors) == 2


# --- 対称式の値 -------------------------------------------------------------------------

_TARGETS = ("x2y2", "x3y3", "ratio", "x2_xy_y2", "xmy2", "x2y_xy2", "x4y4")


def _non_square(rng: Random, lo: int, hi: int) -> int:
    while True:
        v = rng.randint(lo, hi)
        if squarefree_split(v)[0] == 1:
            return v


def sample_symmetric(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        hi = [30, 40, 24, 30, 40][difficulty - 1]
        u = _non_square(r, 3, hi)
        v = _non_square(r, 2, u - 1) if u > 3 else 2
        return {"u": u, "v": v, "kind": r.choice(["recip", "ratio"]), "target": r.choice(_TARGETS),
                "k": r.randint(1, 3)}

    def ok(p: dict[str, Any]) -> bool:
        u, v = p["u"], p["v"]
        if u <= v or squarefree_split(u * v)[0] ** 2 == u * v:
            return False
        if p["kind"] == "ratio":
            p["k"] = 1
        return difficulty >= 3 or u - v <= difficulty + 2

    return draw_until(rng, draw, ok)


def _sym_values(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """x, y (rationalized), x + y and xy."""
    u, v = params["u"], params["v"]
    ru, rv = sp.sqrt(u), sp.sqrt(v)
    if params["kind"] == "recip":
        x = params["k"] * (ru + rv) / (u - v)
        y = params["k"] * (ru - rv) / (u - v)
    else:
        x = (u + v + 2 * ru * rv) / (u - v)
        y = (u + v - 2 * ru * rv) / (u - v)
    return x, y, sp.expand(x + y), sp.expand(x * y)


def solve_symmetric(params: Mapping[str, Any]) -> Solution:
    _x, _y, s, p = _sym_values(params)
    target = params["target"]
    if target == "x2y2":
        value = sp.expand(s**2 - 2 * p)
        route = f"(x + y)^2 - 2xy = {_paren_tex(s)}^2 - 2 \\cdot {_paren_tex(p)}"
    elif target == "x3y3":
        value = sp.expand(s**3 - 3 * p * s)
        route = f"(x + y)^3 - 3xy(x + y) = {_paren_tex(s)}^3 - 3 \\cdot {_paren_tex(p)} \\cdot {_paren_tex(s)}"
    elif target == "ratio":
        value = sp.radsimp(sp.expand(s**2 - 2 * p) / p)
        route = f"\\frac{{x^2 + y^2}}{{xy}} = \\frac{{(x + y)^2 - 2xy}}{{xy}} = \\frac{{{latex.tex(sp.expand(s**2 - 2 * p))}}}{{{latex.tex(p)}}}"
    elif target == "x2_xy_y2":
        value = sp.expand(s**2 - 3 * p)
        route = f"(x + y)^2 - 3xy = {_paren_tex(s)}^2 - 3 \\cdot {_paren_tex(p)}"
    elif target == "xmy2":
        value = sp.expand(s**2 - 4 * p)
        route = f"(x + y)^2 - 4xy = {_paren_tex(s)}^2 - 4 \\cdot {_paren_tex(p)}"
    elif target == "x2y_xy2":
        value = sp.expand(p * s)
        route = f"xy(x + y) = {_paren_tex(p)} \\cdot {_paren_tex(s)}"
    else:
        sq = sp.expand(s**2 - 2 * p)
        value = sp.expand(sq**2 - 2 * p**2)
        pre = f"x^2 + y^2 = (x + y)^2 - 2xy = {latex.tex(sq)}"
        route = f"(x^2 + y^2)^2 - 2(xy)^2 = {_paren_tex(sq)}^2 - 2 \\cdot {_paren_tex(p)}^2"
    if target != "x4y4":
        pre = ""
    u, v = params["u"], params["v"]
    steps = {"pre": pre, "x_tex": _rationalized(params, 1), "y_tex": _rationalized(params, -1), "s": latex.tex(s),
             "p": latex.tex(p),
             "route": route, "u": u, "v": v, "diff": u - v}
    return Solution(answer=value, answer_latex=latex.tex(value), steps=steps)


def _rationalized(params: Mapping[str, Any], sign: int) -> str:
    """x (sign 1) or y (sign -1) after rationalizing, in answer-key form."""
    u, v = params["u"], params["v"]
    d = u - v
    if params["kind"] == "recip":
        g = math.gcd(params["k"], d)
        c, d = params["k"] // g, d // g
        top = f"{latex.tex(c * sp.sqrt(u))} {'+' if sign > 0 else '-'} {latex.tex(c * sp.sqrt(v))}"
        return top if d == 1 else f"\\frac{{{top}}}{{{d}}}"
    k, m = squarefree_split(u * v)
    g = math.gcd(math.gcd(u + v, 2 * k), d)
    return Surd((u + v) // g, sign * 2 * k // g, m, d // g).tex()


def _paren_tex(value: sp.Expr) -> str:
    text = latex.tex(value)
    bare = (value.is_Integer and value >= 0) or (value.is_Atom and value > 0 and not text.startswith("\\frac"))
    return text if bare else f"\\left({text}\\right)"


_EXPR_OF_TARGET = {
    "x2y2": lambda x, y: x**2 + y**2,
    "x3y3": lambda x, y: x**3 + y**3,
    "ratio": lambda x, y: y / x + x / y,
    "x2_xy_y2": lambda x, y: x**2 - x * y + y**2,
    "xmy2": lambda x, y: (x - y) ** 2,
    "x2y_xy2": lambda x, y: x**2 * y + x * y**2,
    "x4y4": lambda x, y: x**4 + y**4,
}


def verify_symmetric(params: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate the expression at the unrationalized x, y to 50 digits."""
    ru, rv = sp.sqrt(params["u"]), sp.sqrt(params["v"])
    if params["kind"] == "recip":
        x, y = params["k"] / (ru - rv), params["k"] / (ru + rv)
    else:
        x, y = (ru + rv) / (ru - rv), (ru - rv) / (ru + rv)
    value = _EXPR_OF_TARGET[params["target"]](x, y).evalf(50)
    return abs(value - solution.answer.evalf(50)) < sp.Float("1e-40") and bool(solution.answer.is_algebraic)


# --- 二重根号 ---------------------------------------------------------------------------


def sample_double_radical(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        hi = [20, 25, 30, 40, 36][difficulty - 1]
        p = r.randint(2, hi)
        q = r.randint(1, p - 1)
        return {"p": p, "q": q, "sign": r.choice([1, -1]),
                "style": "half" if difficulty == 4 or (difficulty == 5 and r.random() < 0.5) else
                         "root" if difficulty >= 3 and r.random() < 0.5 else "two"}

    def ok(f: dict[str, Any]) -> bool:
        pq = f["p"] * f["q"]
        if math.isqrt(pq) ** 2 == pq:
            return False
        if f["style"] == "half":
            # √(m ± √k) with m = (p + q)/2 integer and k = pq
            return (f["p"] + f["q"]) % 2 == 0
        return True

    return draw_until(rng, draw, ok)


def solve_double_radical(params: Mapping[str, Any]) -> Solution:
    p, q, sign, style = params["p"], params["q"], params["sign"], params["style"]
    op = "+" if sign > 0 else "-"
    if style == "half":
        m, k = (p + q) // 2, p * q
        inner = f"{m} {op} \\sqrt{{{k}}}"
        value = (sp.sqrt(p) + sign * sp.sqrt(q)) / sp.sqrt(2)
        value = sp.radsimp(value)
        half_inner = f"\\frac{{{p + q} {op} 2\\sqrt{{{k}}}}}{{2}}"
        top = f"{latex.tex(sp.sqrt(2 * p))} {op} {latex.tex(sp.sqrt(2 * q))}"
        rationalised = f"\\frac{{{top}}}{{2}}"
        text = _halved(2 * p, sign * 2 * q) or rationalised
    else:
        k = p * q
        radicand = 2 * sp.sqrt(k)
        if style == "root":
            inner = f"{p + q} {op} \\sqrt{{{4 * k}}}"
        else:
            inner = f"{p + q} {op} {latex.tex(radicand)}"
        value = sp.sqrt(p) + sign * sp.sqrt(q)
        half_inner = ""
        rationalised = ""
        text = f"{latex.tex(sp.sqrt(p))} {op} {latex.tex(sp.sqrt(q))}"
    steps = {"inner": inner, "p": p, "q": q, "sum": p + q, "prod": p * q, "op": op, "style": style,
             "two_sqrt": f"{p + q} {op} 2\\sqrt{{{p * q}}}", "half_inner": half_inner,
             "sqrt_form": f"\\sqrt{{{p}}} {op} \\sqrt{{{q}}}",
             "k4": 4 * p * q, "rationalised": rationalised}
    return Solution(answer=value, answer_latex=text, steps=steps)


def _halved(a: int, b: int) -> str | None:
    """``(\\sqrt{a} ± \\sqrt{|b|}) / 2`` without the fraction when both terms have an even coefficient.

    ``\\frac{2\\sqrt{14} - 6}{2}`` is written ``\\sqrt{14} - 3`` as in the answer key; ``None`` when
    a coefficient is odd (the fraction stays).
    """
    terms = []
    for radicand, sign in ((a, 1), (abs(b), 1 if b > 0 else -1)):
        coef, rest = _split_square(radicand)
        if coef % 2:
            return None
        terms.append(latex.coef_term(sign * coef // 2, f"\\sqrt{{{rest}}}" if rest > 1 else ""))
    return latex.join_terms(terms)


def _split_square(n: int) -> tuple[int, int]:
    """``n = c^2 r`` with ``r`` square-free: ``(c, r)``."""
    c, r, f = 1, n, 2
    while f * f <= r:
        while r % (f * f) == 0:
            c, r = c * f, r // (f * f)
        f += 1
    return c, r


def verify_double_radical(params: Mapping[str, Any], solution: Solution) -> bool:
    """The answer is positive and its square is exactly the radicand."""
    p, q, sign = params["p"], params["q"], params["sign"]
    radicand = p + q + sign * 2 * sp.sqrt(p * q)
    if params["style"] == "half":
        radicand = radicand / 2
    return bool(solution.answer > 0) and sp.expand(solution.answer**2 - radicand) == 0


# --- 連立1次不等式 -----------------------------------------------------------------------


def _side(rng: Random, difficulty: int) -> dict[str, int | str]:
    style = "plain"
    if difficulty >= 2 and rng.random() < 0.4:
        style = "mul"
    if difficulty >= 4 and rng.random() < 0.5:
        style = "div"
    p = rng.randint(-4, 5)
    q = rng.randint(-9, 9) if p else _nonzero(rng, -9, 9)
    return {"style": style, "k": rng.randint(2, 4), "p": p, "q": q}


def _side_value(side: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    k, p, q = side["k"], Fraction(side["p"]), Fraction(side["q"])
    if side["style"] == "mul":
        return k * p, k * q
    if side["style"] == "div":
        return p / k, q / k
    return p, q


def _side_tex(side: Mapping[str, Any]) -> str:
    body = latex.poly([side["p"], side["q"]])
    if side["style"] == "mul" and body.count(" "):
        return f"{side['k']}({body})"
    if side["style"] == "div":
        return f"\\frac{{{body}}}{{{side['k']}}}"
    if side["style"] == "mul":
        return latex.poly([side["k"] * side["p"], side["k"] * side["q"]])
    return body


def _solve_linear(ineq: Mapping[str, Any]) -> tuple[str, Fraction, dict[str, Any]]:
    """``L op R`` -> ``x op' bound`` with the working."""
    lp, lq = _side_value(ineq["L"])
    rp, rq = _side_value(ineq["R"])
    coef, const = lp - rp, rq - lq
    op = ineq["op"]
    bound = const / coef
    new_op = flip(op) if coef < 0 else op
    work = {"tex": f"{_side_tex(ineq['L'])} {rel_tex(op)} {_side_tex(ineq['R'])}",
            "moved": f"{latex.coef_term(coef, 'x')} {rel_tex(op)} {num(const)}",
            "neg": coef < 0, "coef": num(coef),
            "result": f"x {rel_tex(new_op)} {num(bound)}"}
    return new_op, bound, work


def sample_linear_system(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        return {"ineqs": [{"L": _side(r, difficulty), "R": _side(r, difficulty),
                           "op": r.choice(["<", "<=", ">", ">="])} for _ in range(2)]}

    def ok(p: dict[str, Any]) -> bool:
        bounds = []
        for ineq in p["ineqs"]:
            lp, _ = _side_value(ineq["L"])
            rp, _ = _side_value(ineq["R"])
            if lp == rp or (ineq["L"]["p"] == 0 and ineq["R"]["p"] == 0):
                return False
            op, b, _ = _solve_linear(ineq)
            if abs(b) > 30 or (difficulty <= 3 and b.denominator > 3):
                return False
            bounds.append((op, b))
        try:
            _intersect(bounds)
        except ValueError:
            return False
        same_dir = (bounds[0][0] in ("<", "<=")) == (bounds[1][0] in ("<", "<="))
        return not same_dir or difficulty >= 3

    return draw_until(rng, draw, ok)


def _intersect(bounds: list[tuple[str, Fraction]]) -> tuple[tuple[Fraction, bool] | None, tuple[Fraction, bool] | None]:
    """Intersect rays ``x op b``: returns (lower, upper) as (value, strict) or None; rejects empty/point/equal bounds."""
    lower: tuple[Fraction, bool] | None = None
    upper: tuple[Fraction, bool] | None = None
    values = [b for _, b in bounds]
    if len(set(values)) != len(values):
        raise ValueError("two boundaries coincide")
    for op, b in bounds:
        strict = op in ("<", ">")
        if op in ("<", "<="):
            if upper is None or b < upper[0]:
                upper = (b, strict)
        elif lower is None or b > lower[0]:
            lower = (b, strict)
    if lower and upper and lower[0] >= upper[0]:
        raise ValueError("empty solution set")
    return lower, upper


def _interval_answer(var: sp.Symbol, lower: tuple[Fraction, bool] | None,
                     upper: tuple[Fraction, bool] | None) -> tuple[Any, str]:
    parts, text_lo, text_hi = [], None, None
    if lower:
        parts.append(sp.Gt(var, to_sympy(lower[0])) if lower[1] else sp.Ge(var, to_sympy(lower[0])))
        text_lo = num(lower[0])
    if upper:
        parts.append(sp.Lt(var, to_sympy(upper[0])) if upper[1] else sp.Le(var, to_sympy(upper[0])))
        text_hi = num(upper[0])
    answer = parts[0] if len(parts) == 1 else sp.And(*parts)
    text = latex.interval_text(var.name, text_lo, bool(lower and lower[1]), text_hi, bool(upper and upper[1]))
    return answer, text


def solve_linear_system(params: Mapping[str, Any]) -> Solution:
    solved = [_solve_linear(i) for i in params["ineqs"]]
    lower, upper = _intersect([(op, b) for op, b, _ in solved])
    answer, text = _interval_answer(X, lower, upper)
    ends = []
    for op, b, _ in solved:
        used = (lower and lower[0] == b) or (upper and upper[0] == b)
        if used:
            ends.append({"b": num(b), "in": op in ("<=", ">="), "op": rel_tex(op)})
    steps = {"works": [w for _, _, w in solved], "ends": ends, "both": bool(lower and upper),
             "system": " \\\\ ".join(w["tex"] for _, _, w in solved)}
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_linear_system(params: Mapping[str, Any], solution: Solution) -> bool:
    """Each boundary and points just beside it satisfy both inequalities exactly when in the answer."""
    bounds = [b for _, b, _ in (_solve_linear(i) for i in params["ineqs"])]
    eps = Fraction(1, 97)
    points = {b + d for b in bounds for d in (-eps, 0, eps)} | {min(bounds) - 50, max(bounds) + 50}
    for pt in points:
        truth = True
        for ineq in params["ineqs"]:
            lp, lq = _side_value(ineq["L"])
            rp, rq = _side_value(ineq["R"])
            truth = truth and holds(lp * pt + lq - (rp * pt + rq), ineq["op"])
        if bool(solution.answer.subs(X, to_sympy(pt))) != truth:
            return False
    return True


# --- 絶対値を含む不等式 --------------------------------------------------------------------


def sample_abs_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        a = 1 if difficulty == 1 else _nonzero(r, -4, 5) if difficulty >= 3 else r.randint(2, 4)
        b = r.randint(-12, 12)
        if difficulty >= 4:
            c, d = _nonzero(r, -2, 3), r.randint(-6, 9)
        else:
            c, d = 0, r.randint(1, [9, 9, 12][difficulty - 1])
        return {"a": a, "b": b, "c": c, "d": d, "op": r.choice(["<", "<=", ">", ">="])}

    def ok(p: dict[str, Any]) -> bool:
        if abs(p["a"]) == abs(p["c"]):
            return False
        try:
            _abs_pieces(p)
        except ValueError:
            return False
        return True

    return draw_until(rng, draw, ok)


def _abs_pieces(params: Mapping[str, Any]) -> tuple[list[tuple[str, Fraction]], bool]:
    """The two linear conditions that |ax+b| op cx+d splits into, and whether they are joined by 'and'.

    |F| < G ⇔ -G < F < G (and); |F| > G ⇔ F > G or F < -G (or); valid for any sign of G.
    Raises ``ValueError`` unless the answer is one bounded interval (and) or two disjoint rays (or).
    """
    a, b, c, d, op = (params[k] for k in ("a", "b", "c", "d", "op"))
    rays = []
    for sa, sb, cmp_op in ((a - c, b - d, op), (a + c, b + d, flip(op))):
        # F op G  ->  (a - c)x op (d - b) ;  F flip(op) -G  ->  (a + c)x flip(op) -(b + d)
        if sa == 0:
            raise ValueError("degenerate")
        bound = Fraction(-sb, sa)
        ray_op = flip(cmp_op) if sa < 0 else cmp_op
        rays.append((ray_op, bound))
    both = op in ("<", "<=")
    if rays[0][1] == rays[1][1]:
        raise ValueError("coinciding boundaries")
    dirs = {r[0] in ("<", "<=") for r in rays}
    if len(dirs) != 2:
        raise ValueError("not an interval / two rays")
    if both:
        _intersect(rays)
    else:
        lo = next(r for r in rays if r[0] in ("<", "<="))
        hi = next(r for r in rays if r[0] in (">", ">="))
        if lo[1] >= hi[1]:
            raise ValueError("the union is every real number")
    if any(abs(r[1]) > 40 or r[1].denominator > 6 for r in rays):
        raise ValueError("unwieldy numbers")
    return rays, both


def solve_abs_inequality(params: Mapping[str, Any]) -> Solution:
    rays, both = _abs_pieces(params)
    a, b, c, d, op = (params[k] for k in ("a", "b", "c", "d", "op"))
    f = latex.poly([a, b])
    g = latex.poly([c, d])
    neg_g = latex.poly([-c, -d])
    if both:
        lower, upper = _intersect(rays)
        answer, text = _interval_answer(X, lower, upper)
    else:
        lo = next(r for r in rays if r[0] in ("<", "<="))
        hi = next(r for r in rays if r[0] in (">", ">="))
        lo_s = sp.Lt(X, to_sympy(lo[1])) if lo[0] == "<" else sp.Le(X, to_sympy(lo[1]))
        hi_s = sp.Lt(to_sympy(hi[1]), X) if hi[0] == ">" else sp.Le(to_sympy(hi[1]), X)
        answer = sp.Or(lo_s, hi_s)
        text = latex.union_text("x", [(None, False, num(lo[1]), lo[0] == "<"), (num(hi[1]), hi[0] == ">", None, False)])
    steps = {"f": f, "g": g, "neg_g": neg_g, "op": rel_tex(op), "flip_op": rel_tex(flip(op)), "both": both,
             "closed": op in ("<=", ">="), "const": c == 0,
             "rays": [f"x {rel_tex(r[0])} {num(r[1])}" for r in rays],
             "ends": ", ".join(num(r[1]) for r in sorted(rays, key=lambda r: r[1]))}
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_abs_inequality(params: Mapping[str, Any], solution: Solution) -> bool:
    a, b, c, d, op = (params[k] for k in ("a", "b", "c", "d", "op"))
    rays, _ = _abs_pieces(params)
    eps = Fraction(1, 97)
    points = {r[1] + e for r in rays for e in (-eps, 0, eps)} | {Fraction(-100), Fraction(100)}
    for pt in points:
        truth = holds(abs(a * pt + b) - (c * pt + d), op)
        if bool(solution.answer.subs(X, to_sympy(pt))) != truth:
            return False
    return True


UNIT = Unit(
    id="math1.numbers_expressions",
    name="数と式",
    course="数学I",
    description="たすき掛け, two-variable factoring, symmetric values, double radicals, linear systems, |x| inequalities.",
    types=(
        ProblemType(
            id="tasuki", name="たすき掛け", sample=sample_tasuki, solve=solve_tasuki, verify=verify_tasuki,
            problem_templates=("tasuki_1.j2", "tasuki_2.j2", "tasuki_3.j2"),
            solution_template="tasuki_solution.j2", answer_form="strict",
            knobs="x^2 + bx + c → one leading factor 1 → both > 1 → common factor first → two variables",
        ),
        ProblemType(
            id="two_var", name="2文字の因数分解", sample=sample_two_var, solve=solve_two_var,
            verify=verify_two_var,
            problem_templates=("two_var_1.j2", "two_var_2.j2", "two_var_3.j2"),
            solution_template="two_var_solution.j2", answer_form="strict",
            knobs="small coefficients → larger → x^2 coefficient 2 or 3 (たすき掛け in x)",
        ),
        ProblemType(
            id="symmetric", name="対称式の値", sample=sample_symmetric, solve=solve_symmetric,
            verify=verify_symmetric,
            problem_templates=("symmetric_1.j2", "symmetric_2.j2", "symmetric_3.j2"),
            solution_template="symmetric_solution.j2",
            knobs="√(n+1) ± √n → other radicands → (√a+√b)/(√a-√b) forms, x^3 + y^3 and y/x + x/y",
        ),
        ProblemType(
            id="double_radical", name="二重根号", sample=sample_double_radical, solve=solve_double_radical,
            verify=verify_double_radical,
            problem_templates=("double_radical_1.j2", "double_radical_2.j2", "double_radical_3.j2"),
            solution_template="double_radical_solution.j2", answer_form="strict",
            knobs="m - 2√n → either sign → √(4n) written out → m ± √k needing the 2/2 trick",
        ),
        ProblemType(
            id="linear_system", name="連立1次不等式", sample=sample_linear_system, solve=solve_linear_system,
            verify=verify_linear_system,
            problem_templates=("linear_system_1.j2", "linear_system_2.j2", "linear_system_3.j2"),
            solution_template="linear_system_solution.j2",
            knobs="plain sides → brackets → same-direction rays → fractional coefficients; ≦/< sampled per line",
        ),
        ProblemType(
            id="abs_inequality", name="絶対値を含む不等式", sample=sample_abs_inequality,
            solve=solve_abs_inequality, verify=verify_abs_inequality,
            problem_templates=("abs_inequality_1.j2", "abs_inequality_2.j2", "abs_inequality_3.j2"),
            solution_template="abs_inequality_solution.j2",
            knobs="|x - p| op c → |ax + b| op c → negative a → |ax + b| op cx + d; ≦/< twins",
        ),
    ),
)
