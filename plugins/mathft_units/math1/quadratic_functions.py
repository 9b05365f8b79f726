"""2次関数 (数学I): vertex, max/min on a domain, parameter ranges, quadratic inequalities,
the discriminant and determining a quadratic from conditions.

Coefficients are exact (:class:`fractions.Fraction`); every verifier checks its answer a
different way from the solver: calculus or symmetry for the vertex, a dense exact grid for
extrema, the vertex value instead of the discriminant, substitution of the given points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nonzero
from mathft_units.math1._forms import (
    coef_prefix,
    factored_text,
    flip,
    frac,
    ftext,
    holds,
    num,
    poly_value,
    quadratic_roots,
    rational_factors,
    rel_tex,
    shift,
    surd_pm,
    to_sympy,
)

X = sp.Symbol("x")
Y = sp.Symbol("y")
A = sp.Symbol("a")
K = sp.Symbol("k")


def vertex_form(a: Fraction, h: Fraction, k: Fraction) -> str:
    """``a(x - h)^2 + k`` in answer-key LaTeX."""
    square = "x^2" if h == 0 else f"({shift('x', h)})^2"
    return latex.join_terms([f"{coef_prefix(a)}{square}", num(k)])


def _completion_steps(a: Fraction, b: Fraction, c: Fraction) -> dict[str, Any]:
    """The lines of a completing-the-square derivation of ``ax^2 + bx + c``."""
    h = -b / (2 * a)
    k = c - b * b / (4 * a)
    poly_text = latex.poly([a, b, c])
    lines: list[str] = []
    if b == 0:  # already a(x - 0)^2 + k: nothing to complete
        return {"poly": poly_text, "lines": lines, "h": num(h), "k": num(k), "vform": vertex_form(a, h, k),
                "convex": "下に凸" if a > 0 else "上に凸"}
    if a != 1:
        inner = latex.poly([1, b / a, 0])
        lines.append(latex.join_terms([f"{coef_prefix(a)}({inner})", num(c)]))
    square = "x^2" if h == 0 else f"({shift('x', h)})^2"
    body = latex.join_terms([square, num(-h * h)])
    if a == 1:
        lines.append(latex.join_terms([body, num(c)]))
    else:
        lines.append(latex.join_terms([f"{coef_prefix(a)}\\left\\{{{body}\\right\\}}", num(c)]))
    lines.append(vertex_form(a, h, k))
    return {"poly": poly_text, "lines": lines, "h": num(h), "k": num(k), "vform": vertex_form(a, h, k),
            "convex": "下に凸" if a > 0 else "上に凸"}


# --- 頂点 -----------------------------------------------------------------------------


def sample_vertex(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 3:
        a = Fraction(_nonzero(rng, *[(-1, 1), (-3, 3), (-5, 5)][difficulty - 1]))
        span = [5, 8, 10][difficulty - 1]
        h = Fraction(_nonzero(rng, -span, span))
        k = Fraction(rng.randint(-3 * span, 3 * span))
        b, c = -2 * a * h, a * h * h + k
    elif difficulty == 4:
        a = Fraction(_nonzero(rng, -4, 4))

        def draw(r: Random) -> dict[str, Any]:
            return {"b": r.randint(-15, 15), "c": r.randint(-15, 15)}

        bc = draw_until(rng, draw, lambda p: (Fraction(-p["b"]) / (2 * a)).denominator != 1)
        b, c = Fraction(bc["b"]), Fraction(bc["c"])
    else:
        a = Fraction(rng.choice([1, -1, 2, -2, 3]), rng.choice([2, 3, 4]))
        b, c = Fraction(_nonzero(rng, -12, 12)), Fraction(rng.randint(-12, 12))
    return {"a": ftext(a), "b": ftext(b), "c": ftext(c)}


def solve_vertex(params: Mapping[str, Any]) -> Solution:
    a, b, c = frac(params["a"]), frac(params["b"]), frac(params["c"])
    steps = _completion_steps(a, b, c)
    h, k = -b / (2 * a), c - b * b / (4 * a)
    return Solution(
        answer=sp.Tuple(to_sympy(h), to_sympy(k)),
        answer_latex=f"({num(h)}, {num(k)})",
        steps=steps,
    )


def verify_vertex(params: Mapping[str, Any], solution: Solution) -> bool:
    """The derivative vanishes at the vertex, it lies on the curve, and the curve is symmetric about it."""
    a, b, c = frac(params["a"]), frac(params["b"]), frac(params["c"])
    h = Fraction(str(solution.answer[0]))
    k = Fraction(str(solution.answer[1]))
    f = [a, b, c]
    return 2 * a * h + b == 0 and poly_value(f, h) == k and all(
        poly_value(f, h + t) == poly_value(f, h - t) for t in (1, 2, Fraction(1, 3))
    )


# --- 定義域つき最大・最小 ----------------------------------------------------------------


def _candidates(a: int, b: int, c: int, p: int, q: int, lo_open: bool, hi_open: bool) -> list[dict[str, Any]]:
    """Vertex (if within [p, q]) and both ends, with their values and whether they are in the domain."""
    f = [Fraction(a), Fraction(b), Fraction(c)]
    h = Fraction(-b, 2 * a)
    rows = [{"x": Fraction(p), "y": poly_value(f, Fraction(p)), "included": not lo_open, "vertex": False}]
    if p < h < q:
        rows.append({"x": h, "y": poly_value(f, h), "included": True, "vertex": True})
    rows.append({"x": Fraction(q), "y": poly_value(f, Fraction(q)), "included": not hi_open, "vertex": False})
    for row in rows:
        if row["x"] == h:
            row["vertex"] = True
    return rows


def _extremum(rows: list[dict[str, Any]], ask: str) -> tuple[Fraction, list[Fraction]] | None:
    """The attained max/min over the domain and where, or ``None`` when it is not attained."""
    best = max(r["y"] for r in rows) if ask == "max" else min(r["y"] for r in rows)
    at = [r["x"] for r in rows if r["y"] == best and r["included"]]
    return (best, at) if at else None


def sample_domain_extremum(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        amax = [1, 2, 3, 3, 2][difficulty - 1]
        a = _nonzero(r, -amax, amax)
        if difficulty == 5:
            b = r.randint(-12, 12)
            c = r.randint(-10, 10)
        else:
            span = [4, 6, 8, 10][difficulty - 1]
            h = r.randint(-span, span)
            b, c = -2 * a * h, a * h * h + r.randint(-10, 10)
        width = r.randint(2, [4, 6, 7, 8, 8][difficulty - 1])
        hv = Fraction(-b, 2 * a)
        start = math.floor(hv) - r.randint(0, width) if difficulty == 1 else math.floor(hv) + r.randint(-width - 2, 2)
        lo_open = difficulty >= 3 and r.random() < 0.5
        hi_open = difficulty >= 3 and r.random() < 0.5
        if difficulty == 1 and not (start < hv < start + width):
            start = math.floor(hv) - 1
        return {"a": a, "b": b, "c": c, "p": start, "q": start + width,
                "lo": "<" if lo_open else "<=", "hi": "<" if hi_open else "<=",
                "ask": r.choice(["max", "min"])}

    def ok(p: dict[str, Any]) -> bool:
        rows = _candidates(p["a"], p["b"], p["c"], p["p"], p["q"], p["lo"] == "<", p["hi"] == "<")
        return _extremum(rows, p["ask"]) is not None

    return draw_until(rng, draw, ok)


def solve_domain_extremum(params: Mapping[str, Any]) -> Solution:
    a, b, c, p, q = (params[k] for k in ("a", "b", "c", "p", "q"))
    lo_open, hi_open = params["lo"] == "<", params["hi"] == "<"
    rows = _candidates(a, b, c, p, q, lo_open, hi_open)
    found = _extremum(rows, params["ask"])
    if found is None:
        raise ValueError("the extremum is not attained on this domain")
    value, at = found
    h = Fraction(-b, 2 * a)
    steps = _completion_steps(Fraction(a), Fraction(b), Fraction(c))
    kind = "最大" if params["ask"] == "max" else "最小"
    steps.update({
        "domain": f"{p} {rel_tex(params['lo'])} x {rel_tex(params['hi'])} {q}",
        "axis_pos": "in" if p < h < q else "end" if h in (p, q) else "left" if h < p else "right",
        "rows": [{"x": num(r["x"]), "y": num(r["y"]), "included": r["included"], "vertex": r["vertex"]}
                 for r in rows],
        "excluded": [num(r["x"]) for r in rows if not r["included"]],
        "kind": kind,
        "value": num(value),
        "at": ", ".join(num(x) for x in at),
        "edge_better": [num(r["x"]) for r in rows if not r["included"] and r["y"] == value],
    })
    return Solution(answer=to_sympy(value), answer_latex=num(value), steps=steps)


def verify_domain_extremum(params: Mapping[str, Any], solution: Solution) -> bool:
    """Exact brute force over a grid (step ``1/(2|a|)``) that contains the vertex and both ends."""
    a, b, c, p, q = (params[k] for k in ("a", "b", "c", "p", "q"))
    n = 2 * abs(a)
    xs = [Fraction(p * n + i, n) for i in range((q - p) * n + 1)]
    if params["lo"] == "<":
        xs = xs[1:]
    if params["hi"] == "<":
        xs = xs[:-1]
    f = [Fraction(a), Fraction(b), Fraction(c)]
    values = [poly_value(f, x) for x in xs]
    best = max(values) if params["ask"] == "max" else min(values)
    return to_sympy(best) == solution.answer


# --- 文字定数と範囲 ------------------------------------------------------------------------

_RANGE_KINDS = ("v_eq", "v_eq_open", "v_gt", "e_eq", "e_gt")


def sample_param_range(rng: Random, difficulty: int) -> dict[str, Any]:
    kmax = [1, 2, 2, 3, 3][difficulty - 1]
    lead = rng.randint(1, kmax)
    if difficulty >= 3 and rng.random() < 0.5:
        lead = -lead
    m = 0 if difficulty <= 2 else rng.randint(-4, 3)
    if difficulty == 5:
        h = Fraction(2 * m + 2 * rng.randint(1, 5) + 1, 2) if rng.random() < 0.6 else Fraction(m + rng.randint(1, 6))
    else:
        h = Fraction(m + rng.randint(1, [4, 5, 5, 7][difficulty - 1]))
    b = -2 * lead * h  # an integer: 2h is an integer
    c = rng.randint(-12, 12)
    return {"lead": lead, "b": int(b), "c": c, "m": m, "kind": rng.choice(_RANGE_KINDS)}


def _range_answer(kind: str, m: Fraction, h: Fraction) -> tuple[Any, str]:
    far = 2 * h - m
    hs, ms, fs = to_sympy(h), to_sympy(m), to_sympy(far)
    if kind == "v_eq":
        return sp.Ge(A, hs), f"a \\geqq {num(h)}"
    if kind == "v_eq_open":
        return sp.Gt(A, hs), f"a > {num(h)}"
    if kind == "v_gt":
        return sp.And(sp.Gt(A, ms), sp.Lt(A, hs)), f"{num(m)} < a < {num(h)}"
    if kind == "e_eq":
        return sp.And(sp.Gt(A, ms), sp.Le(A, fs)), f"{num(m)} < a \\leqq {num(far)}"
    return sp.Gt(A, fs), f"a > {num(far)}"


def solve_param_range(params: Mapping[str, Any]) -> Solution:
    lead, b, c, m, kind = (params[k] for k in ("lead", "b", "c", "m", "kind"))
    f = [Fraction(lead), Fraction(b), Fraction(c)]
    h = Fraction(-b, 2 * lead)
    m = Fraction(m)
    up = lead > 0
    answer, text = _range_answer(kind, m, h)
    steps = _completion_steps(*f)
    steps.update({
        "m": num(m), "far": num(2 * h - m), "v": num(poly_value(f, h)), "fm": num(poly_value(f, m)),
        "hi": "<" if kind == "v_eq_open" else "\\leqq",
        "V": "最小" if up else "最大", "E": "最大" if up else "最小",
        "mono": "減少" if up else "増加", "beyond": "大きく" if up else "小さく",
        "beyond_adj": "大きい" if up else "小さい", "le": "\\leqq" if up else "\\geqq",
    })
    return Solution(answer=answer, answer_latex=text, steps=steps)


def _range_condition(params: Mapping[str, Any], a_val: Fraction) -> bool:
    """Does the stated condition hold for this ``a``? (exact grid of step 1/4 on the domain)"""
    lead, b, c, m, kind = (params[k] for k in ("lead", "b", "c", "m", "kind"))
    f = [Fraction(lead), Fraction(b), Fraction(c)]
    h = Fraction(-b, 2 * lead)
    steps = int((a_val - m) * 4)
    xs = [m + Fraction(i, 4) for i in range(steps + 1)]
    if kind == "v_eq_open":
        xs = xs[:-1]
    ys = [poly_value(f, x) for x in xs]
    vertex_extreme = min(ys) if lead > 0 else max(ys)
    other_extreme = max(ys) if lead > 0 else min(ys)
    v, fm = poly_value(f, h), poly_value(f, Fraction(m))
    if kind in ("v_eq", "v_eq_open"):
        return vertex_extreme == v
    if kind == "v_gt":
        return vertex_extreme > v if lead > 0 else vertex_extreme < v
    if kind == "e_eq":
        return other_extreme == fm
    return other_extreme > fm if lead > 0 else other_extreme < fm


def verify_param_range(params: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force: test values of ``a`` around every critical point against the condition."""
    m, h = Fraction(params["m"]), Fraction(-params["b"], 2 * params["lead"])
    far = 2 * h - m
    quarter = Fraction(1, 4)
    tests = {m + quarter, h - quarter, h, h + quarter, far - quarter, far, far + quarter, far + 3}
    for a_val in sorted(t for t in tests if t > m):
        inside = bool(solution.answer.subs(A, to_sympy(a_val)))
        if inside != _range_condition(params, a_val):
            return False
    # a <= m is outside the problem's domain, so the answer must exclude it too
    return not any(bool(solution.answer.subs(A, to_sympy(a_val))) for a_val in (m, m - quarter, m - 3))


# --- 2次不等式 ----------------------------------------------------------------------------


def sample_quad_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    op = rng.choice(["<", "<=", ">", ">="])
    sign = 1 if difficulty == 1 else rng.choice([1, -1])
    if difficulty <= 3:
        smax = 1 if difficulty <= 2 else 3
        span = [6, 8, 7][difficulty - 1]

        def draw(r: Random) -> dict[str, Any]:
            s1, s2 = r.randint(1, smax), r.randint(1, smax)
            t1, t2 = r.randint(-span, span), r.randint(-span, span)
            return {"s1": s1, "s2": s2, "t1": t1, "t2": t2}

        def ok(p: dict[str, Any]) -> bool:
            return (math.gcd(p["s1"], p["t1"]) == 1 and math.gcd(p["s2"], p["t2"]) == 1
                    and Fraction(p["t1"], p["s1"]) != Fraction(p["t2"], p["s2"]))

        f = draw_until(rng, draw, ok)
        a = sign * f["s1"] * f["s2"]
        b = -sign * (f["s1"] * f["t2"] + f["s2"] * f["t1"])
        c = sign * f["t1"] * f["t2"]
    else:
        amax, span = (1, 8) if difficulty == 4 else (3, 12)

        def draw_abc(r: Random) -> dict[str, Any]:
            return {"a": r.randint(1, amax), "b": r.randint(-span, span), "c": r.randint(-span, span)}

        def irrational(p: dict[str, Any]) -> bool:
            d = p["b"] ** 2 - 4 * p["a"] * p["c"]
            return d > 0 and math.isqrt(d) ** 2 != d and math.gcd(math.gcd(p["a"], p["b"]), p["c"]) == 1

        f = draw_until(rng, draw_abc, irrational)
        a, b, c = sign * f["a"], sign * f["b"], sign * f["c"]
    return {"a": a, "b": b, "c": c, "op": op}


def _inequality_answer(var: sp.Symbol, r1: Any, r2: Any, op: str, t1: str, t2: str) -> tuple[Any, str]:
    """Solution set of ``(v - r1)(v - r2) op 0`` (``r1 < r2``) as SymPy and answer-key LaTeX."""
    name = var.name
    if op in ("<", "<="):
        rel = sp.Lt if op == "<" else sp.Le
        return sp.And(rel(r1, var), rel(var, r2)), f"{t1} {rel_tex(op)} {name} {rel_tex(op)} {t2}"
    low = sp.Lt if op == ">" else sp.Le
    mark = "<" if op == ">" else "\\leqq"
    return sp.Or(low(var, r1), low(r2, var)), f"{name} {mark} {t1}, {t2} {mark} {name}"


def solve_quad_inequality(params: Mapping[str, Any]) -> Solution:
    a, b, c, op = params["a"], params["b"], params["c"], params["op"]
    flipped = a < 0
    if flipped:
        a, b, c, op = -a, -b, -c, flip(op)
    r1, r2 = quadratic_roots(a, b, c)
    t1, t2 = r1.tex(), r2.tex()
    answer, text = _inequality_answer(X, r1.value, r2.value, op, t1, t2)
    factors = rational_factors(a, b, c)
    steps = {
        "orig": latex.poly([params["a"], params["b"], params["c"]]),
        "orig_op": rel_tex(params["op"]),
        "flipped": flipped,
        "poly": latex.poly([a, b, c]),
        "op": rel_tex(op),
        "factored": factored_text("x", *factors) if factors else "",
        "disc": b * b - 4 * a * c,
        "formula": f"\\frac{{{f'{-b} ' if b else ''}\\pm \\sqrt{{{b * b - 4 * a * c}}}}}{{{2 * a}}}",
        "pm": "" if factors else surd_pm(r2),
        "r1": t1, "r2": t2,
        "between": op in ("<", "<="),
        "closed": op in ("<=", ">="),
    }
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_quad_inequality(params: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the roots (boundary) and points between and beyond them into the original inequality."""
    a, b, c, op = params["a"], params["b"], params["c"], params["op"]
    spread = math.sqrt(b * b - 4 * a * c) / abs(2 * a)  # floats only pick test points
    lo, hi = math.floor(-b / (2 * a) - spread) - 1, math.ceil(-b / (2 * a) + spread) + 1
    points = [Fraction(lo), Fraction(hi), Fraction(-b, 2 * a)]
    f = [Fraction(a), Fraction(b), Fraction(c)]
    for pt in points:
        if bool(solution.answer.subs(X, to_sympy(pt))) != holds(poly_value(f, pt), op):
            return False
    # boundary: each end of the answer is a root; it belongs to the answer iff equality is allowed
    ends = sorted({e for arg in sp.preorder_traversal(solution.answer) if isinstance(arg, sp.Rel)
                   for e in (arg.lhs, arg.rhs) if e != X}, key=lambda e: float(e))
    if len(ends) != 2:
        return False
    for end in ends:
        if sp.expand(a * end**2 + b * end + c) != 0:
            return False
        if bool(solution.answer.subs(X, end)) != (op in ("<=", ">=")):
            return False
    return True


# --- 判別式 ------------------------------------------------------------------------------

#: condition -> the sign test on D it means (for the tangent case, D = 0)
_DISC_CONDS = {
    "two_points": ">", "common": ">=", "no_common": "<",
    "two_roots": ">", "real_roots": ">=", "no_real": "<",
    "always_strict": "<", "always_weak": "<=", "tangent": "==",
}


def _x_coef_text(b1: int, b0: int) -> str:
    if b0 == 0:
        return latex.coef_term(b1, "kx")
    return f"({latex.join_terms([latex.coef_term(b1, 'k'), num(b0)])})x"


def sample_discriminant(rng: Random, difficulty: int) -> dict[str, Any]:
    b1_choices = [[2], [1, 2], [1, 2, 3, 4], [1, 2, 3, 4], [2, 3, 4]][difficulty - 1]
    span = [6, 6, 6, 8, 8][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        b1 = r.choice(b1_choices)
        lead = 1 if difficulty <= 2 else _nonzero(r, -3, 3)
        den = b1 if difficulty >= 4 else 1
        n1, n2 = sorted(r.sample(range(-span * den, span * den + 1), 2))
        k1, k2 = Fraction(n1, den), Fraction(n2, den)
        b0 = 0 if difficulty == 1 else r.randint(-4, 4)
        c1 = (2 * b1 * b0 + b1 * b1 * (k1 + k2)) / (4 * lead)
        c0 = (b0 * b0 - b1 * b1 * k1 * k2) / (4 * lead)
        return {"lead": lead, "b1": b1, "b0": b0, "c1": ftext(c1), "c0": ftext(c0),
                "cond": r.choice(sorted(_DISC_CONDS))}

    def ok(p: dict[str, Any]) -> bool:
        c1, c0 = frac(p["c1"]), frac(p["c0"])
        return c1.denominator == 1 and c0.denominator == 1 and abs(c1) <= 40 and abs(c0) <= 60

    p = draw_until(rng, draw, ok)
    p["c1"], p["c0"] = int(frac(p["c1"])), int(frac(p["c0"]))
    return p


def solve_discriminant(params: Mapping[str, Any]) -> Solution:
    lead, b1, b0, c1, c0, cond = (params[k] for k in ("lead", "b1", "b0", "c1", "c0", "cond"))
    dk = [b1 * b1, 2 * b1 * b0 - 4 * lead * c1, b0 * b0 - 4 * lead * c0]
    factors = rational_factors(*dk)
    if factors is None:
        raise ValueError("the discriminant has no rational roots in k")
    k1, k2 = sorted(Fraction(t, s) for s, t in (factors[1], factors[2]))
    test = _DISC_CONDS[cond]
    if test == "==":
        answer, text = sp.FiniteSet(to_sympy(k1), to_sympy(k2)), f"{num(k1)}, {num(k2)}"
    else:
        answer, text = _inequality_answer(K, to_sympy(k1), to_sympy(k2), test, num(k1), num(k2))
    const = latex.join_terms([latex.coef_term(c1, "k"), num(c0)])
    steps = {
        "expr": latex.join_terms([latex.coef_term(lead, "x^2"), _x_coef_text(b1, b0), const]),
        "b_text": latex.join_terms([latex.coef_term(b1, "k"), num(b0)]),
        "c_text": const,
        "lead": lead,
        "d_poly": latex.poly(dk, "k"),
        "d_factored": factored_text("k", *factors),
        "test": {">": ">", ">=": "\\geqq", "<": "<", "<=": "\\leqq", "==": "="}[test],
        "k1": num(k1), "k2": num(k2),
        "between": test in ("<", "<="),
        "closed": test in ("<=", ">="),
        "tangent": test == "==",
        "sign": ">" if lead > 0 else "<",
        "sign_weak": "\\geqq" if lead > 0 else "\\leqq",
    }
    return Solution(answer=answer, answer_latex=text, steps=steps)


def _disc_condition(params: Mapping[str, Any], k: Fraction) -> bool:
    """Decide the condition for this ``k`` from the vertex's height (not from the discriminant)."""
    lead, b1, b0, c1, c0, cond = (params[n] for n in ("lead", "b1", "b0", "c1", "c0", "cond"))
    a, b, c = Fraction(lead), b1 * k + b0, c1 * k + c0
    top = poly_value([a, b, c], -b / (2 * a))  # the extreme value of y
    meets = top <= 0 if a > 0 else top >= 0
    crosses = top < 0 if a > 0 else top > 0
    if cond in ("two_points", "two_roots"):
        return crosses
    if cond in ("common", "real_roots"):
        return meets
    if cond in ("no_common", "no_real", "always_strict"):
        return not meets
    if cond == "always_weak":
        return not crosses
    return top == 0


def verify_discriminant(params: Mapping[str, Any], solution: Solution) -> bool:
    ends = sorted(Fraction(str(v)) for v in (solution.answer if isinstance(solution.answer, sp.FiniteSet)
                                             else solution.answer.atoms(sp.Rational)))
    if not ends:
        return False
    tests = {e + d for e in ends for d in (Fraction(-1, 3), 0, Fraction(1, 3))} | {ends[0] - 5, ends[-1] + 5}
    if isinstance(solution.answer, sp.FiniteSet):  # every whole k nearby too, so a missing value is seen
        tests |= {Fraction(k) for k in range(int(ends[0]) - 10, int(ends[-1]) + 11)}
    for k in tests:
        if isinstance(solution.answer, sp.FiniteSet):
            inside = to_sympy(k) in solution.answer
        else:
            inside = bool(solution.answer.subs(K, to_sympy(k)))
        if inside != _disc_condition(params, k):
            return False
    return True


# --- 2次関数の決定 ----------------------------------------------------------------------


def sample_determine(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["vertex", "intercepts"], ["vertex", "intercepts", "three"], ["three", "vertex", "intercepts"],
             ["three", "vertex", "intercepts"], ["three"]][difficulty - 1]
    kind = rng.choice(kinds)
    span = [4, 5, 6, 7, 8][difficulty - 1]
    if difficulty >= 4:
        lead = Fraction(rng.choice([1, -1, 3, -3, 2, -2, 5]), rng.choice([1, 2, 2, 3]))
    else:
        lead = Fraction(_nonzero(rng, -[1, 2, 3][difficulty - 1], [1, 2, 3][difficulty - 1]))
    if kind == "vertex":
        h, k = rng.randint(-span, span), rng.randint(-2 * span, 2 * span)

        def draw(r: Random) -> dict[str, Any]:
            return {"x0": r.randint(-span, span)}

        x0 = draw_until(rng, draw, lambda p: p["x0"] != h and (lead * (p["x0"] - h) ** 2).denominator == 1)["x0"]
        y0 = lead * (x0 - h) ** 2 + k
        return {"kind": kind, "h": h, "k": k, "points": [[x0, int(y0)]]}
    if kind == "intercepts":
        al, be = sorted(rng.sample(range(-span, span + 1), 2))

        def draw_x(r: Random) -> dict[str, Any]:
            return {"x0": r.randint(-span, span)}

        def ok_x(p: dict[str, Any]) -> bool:
            return p["x0"] not in (al, be) and (lead * (p["x0"] - al) * (p["x0"] - be)).denominator == 1

        x0 = draw_until(rng, draw_x, ok_x)["x0"]
        return {"kind": kind, "alpha": al, "beta": be,
                "points": [[x0, int(lead * (x0 - al) * (x0 - be))]]}

    def draw3(r: Random) -> dict[str, Any]:
        b, c = r.randint(-span, span), r.randint(-span, span)
        xs = sorted(r.sample(range(-4, 5), 3))
        return {"b": b, "c": c, "xs": xs}

    def ok3(p: dict[str, Any]) -> bool:
        return all((lead * x * x + p["b"] * x + p["c"]).denominator == 1 for x in p["xs"])

    p = draw_until(rng, draw3, ok3)
    pts = [[x, int(lead * x * x + p["b"] * x + p["c"])] for x in p["xs"]]
    rng.shuffle(pts)
    return {"kind": "three", "points": pts}


def _three_point_coefficients(pts: list[list[int]]) -> tuple[Fraction, Fraction, Fraction, dict[str, Any]]:
    (x1, y1), (x2, y2), (x3, y3) = pts
    # (2)-(1) and (3)-(2), each divided by the x difference: (xi + xj)a + b = slope
    s12 = Fraction(y2 - y1, x2 - x1)
    s23 = Fraction(y3 - y2, x3 - x2)
    a = (s23 - s12) / (x3 - x1)
    b = s12 - (x1 + x2) * a
    c = y1 - a * x1 * x1 - b * x1

    def eq(x: int, y: int) -> str:
        return f"{latex.join_terms([latex.coef_term(x * x, 'a'), latex.coef_term(x, 'b'), 'c'])} = {y}"

    def pair(u: int, slope: Fraction) -> str:
        return f"{latex.join_terms([latex.coef_term(u, 'a'), 'b'])} = {num(slope)}"

    steps = {"eqs": [eq(x, y) for x, y in pts], "pair1": pair(x1 + x2, s12), "pair2": pair(x2 + x3, s23),
             "a": num(a), "b": num(b), "c": num(c)}
    return a, b, c, steps


def solve_determine(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "three":
        a, b, c, extra = _three_point_coefficients(params["points"])
        steps.update(extra)
    else:
        (x0, y0), = params["points"]
        if kind == "vertex":
            h, k = params["h"], params["k"]
            a = Fraction(y0 - k, (x0 - h) ** 2)
            b, c = -2 * a * h, a * h * h + k
            steps.update({"form": vertex_form(Fraction(1), Fraction(h), Fraction(k)).replace("(", "a(", 1)
                          if h else latex.join_terms(["ax^2", num(k)]),
                          "sub": f"{y0} = a \\cdot {latex.paren(x0 - h)}^2 {latex.signed(k)}" if k
                          else f"{y0} = a \\cdot {latex.paren(x0 - h)}^2"})
        else:
            al, be = params["alpha"], params["beta"]
            a = Fraction(y0, (x0 - al) * (x0 - be))
            b, c = -a * (al + be), a * al * be
            steps.update({"form": f"a{_lin(al)}{_lin(be)}",
                          "sub": f"{y0} = a \\cdot {latex.paren(x0 - al)} \\cdot {latex.paren(x0 - be)}"})
        steps["a"] = num(a)
        steps["factored"] = (vertex_form(a, Fraction(params["h"]), Fraction(params["k"])) if kind == "vertex"
                             else f"{coef_prefix(a)}{_lin(params['alpha'])}{_lin(params['beta'])}")
    expanded = latex.poly([a, b, c])
    expr = to_sympy(a) * X**2 + to_sympy(b) * X + to_sympy(c)
    steps["expanded"] = expanded
    return Solution(answer=sp.Eq(Y, expr), answer_latex=f"y = {expanded}", steps=steps)


def _lin(root: int) -> str:
    return "x" if root == 0 else f"({shift('x', Fraction(root))})"


def verify_determine(params: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute every given point (and the vertex / x-intercepts) into the answer."""
    expr = solution.answer.rhs
    poly = sp.Poly(expr, X)
    if poly.degree() != 2:
        return False
    pts = [tuple(p) for p in params["points"]]
    if params["kind"] == "vertex":
        pts.append((params["h"], params["k"]))
        if sp.diff(expr, X).subs(X, params["h"]) != 0:
            return False
    if params["kind"] == "intercepts":
        pts += [(params["alpha"], 0), (params["beta"], 0)]
    return all(expr.subs(X, x) == y for x, y in pts)


UNIT = Unit(
    id="math1.quadratic_functions",
    name="2次関数",
    course="数学I",
    description="Vertex, max/min on a domain, parameter ranges, inequalities, discriminant, determination.",
    types=(
        ProblemType(
            id="vertex", name="頂点", sample=sample_vertex, solve=solve_vertex, verify=verify_vertex,
            problem_templates=("vertex_1.j2", "vertex_2.j2", "vertex_3.j2"),
            solution_template="vertex_solution.j2",
            knobs="integer vertex with a = ±1 → larger a → fractional vertex → fractional leading coefficient",
        ),
        ProblemType(
            id="domain_extremum", name="定義域つき最大・最小", sample=sample_domain_extremum,
            solve=solve_domain_extremum, verify=verify_domain_extremum,
            problem_templates=("domain_extremum_1.j2", "domain_extremum_2.j2", "domain_extremum_3.j2"),
            solution_template="domain_extremum_solution.j2",
            knobs="axis inside a closed domain → axis anywhere → open ends (≦/< twins) → fractional axis",
        ),
        ProblemType(
            id="param_range", shape="multi-step", name="文字定数と範囲", sample=sample_param_range, solve=solve_param_range,
            verify=verify_param_range,
            problem_templates=("param_range_1.j2", "param_range_2.j2", "param_range_3.j2"),
            solution_template="param_range_solution.j2",
            knobs="domain 0 ≦ x ≦ a with a = 1 → larger leading coefficient, concave down, moved left end → fractional axis",
        ),
        ProblemType(
            id="quad_inequality", name="2次不等式", sample=sample_quad_inequality, solve=solve_quad_inequality,
            verify=verify_quad_inequality,
            problem_templates=("quad_inequality_1.j2", "quad_inequality_2.j2", "quad_inequality_3.j2"),
            solution_template="quad_inequality_solution.j2",
            knobs="integer roots → negative leading coefficient → rational roots → irrational roots, larger coefficients",
        ),
        ProblemType(
            id="discriminant", name="判別式", sample=sample_discriminant, solve=solve_discriminant,
            verify=verify_discriminant,
            problem_templates=("discriminant_1.j2", "discriminant_2.j2", "discriminant_3.j2"),
            solution_template="discriminant_solution.j2",
            knobs="y = x^2 + 2kx + ... → k also in the constant → leading coefficient ≠ 1 → fractional boundaries",
        ),
        ProblemType(
            id="determine", name="2次関数の決定", sample=sample_determine, solve=solve_determine,
            verify=verify_determine,
            problem_templates=("determine_1.j2", "determine_2.j2", "determine_3.j2"),
            solution_template="determine_solution.j2",
            knobs="vertex or intercepts given → three points → fractional leading coefficient",
        ),
    ),
)
