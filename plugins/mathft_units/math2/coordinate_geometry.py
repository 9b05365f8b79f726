"""図形と方程式 (数学II): 点と直線の距離, 円の方程式, 軌跡, 領域と最大・最小, 円の接線.

Samplers build the figures from exact rationals (lattice points on circles, integer vertices
of regions); solvers follow the textbook route (公式, 一般形 + 平方完成, 頂点での値) and
verifiers take another one (垂線の足, 代入, 多項式の比較, 半平面による多角形の切り取り).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import gcd, isqrt
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz

X, Y = sp.symbols("x y")
Point = tuple[Fraction, Fraction]


def _fr(v: Sequence[int] | int) -> Fraction:
    return Fraction(v[0], v[1]) if isinstance(v, (list, tuple)) else Fraction(v)


def _pq(v: Fraction) -> list[int]:
    return [v.numerator, v.denominator]


def _rat(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _paren(v: Fraction) -> str:
    text = num(v)
    if not text.startswith("-"):
        return text
    return f"\\left({text}\\right)" if "\\frac" in text else f"({text})"


def _pt(p: Point) -> str:
    return f"({num(p[0])}, {num(p[1])})"


def surd_tex(value: sp.Expr) -> str:
    """``q·√m`` in answer-key form: ``2\\sqrt{3}``, ``\\frac{3\\sqrt{10}}{5}``, ``4``."""
    coef, rest = sp.sympify(value).as_coeff_Mul()
    coef = sp.Rational(coef)
    if rest == 1:
        return num(Fraction(int(coef.p), int(coef.q)))
    m = int(rest.args[0]) if isinstance(rest, sp.Pow) else None
    if m is None:
        raise ValueError(f"not a simple surd: {value}")
    sign = "-" if coef < 0 else ""
    top = f"{'' if abs(coef.p) == 1 else abs(coef.p)}\\sqrt{{{m}}}"
    return f"{sign}{top}" if coef.q == 1 else f"{sign}\\frac{{{top}}}{{{coef.q}}}"


def _sqrt_tex(n: int) -> str:
    """``\\sqrt{n}`` simplified: ``\\sqrt{50} -> 5\\sqrt{2}``, a perfect square -> its root."""
    return surd_tex(sp.sqrt(n))


def line_general(a: int, b: int, c: int) -> str:
    """``3x + 4y - 5 = 0``."""
    return f"{join_terms([coef_term(a, 'x'), coef_term(b, 'y'), num(c)])} = 0"


def circle_tex(a: Fraction, b: Fraction, r2: Fraction) -> str:
    """Standard form ``(x-2)^2 + (y+1)^2 = 5``; ``x^2`` when the centre coordinate is 0."""

    def sq(var: str, c: Fraction) -> str:
        if c == 0:
            return f"{var}^2"
        inner = f"{var}{'-' if c > 0 else '+'}{num(abs(c))}"
        return f"\\left({inner}\\right)^2" if c.denominator != 1 else f"({inner})^2"

    return f"{sq('x', a)} + {sq('y', b)} = {num(r2)}"


def circle_value(a: Fraction, b: Fraction, r2: Fraction) -> sp.Eq:
    return sp.Eq((X - _rat(a)) ** 2 + (Y - _rat(b)) ** 2, _rat(r2))


# --- 点と直線の距離 -----------------------------------------------------------------------

_PYTH = ((3, 4), (4, 3), (5, 12), (12, 5), (6, 8), (8, 6), (8, 15), (15, 8), (7, 24), (24, 7))


def sample_distance(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "general", 2: "general", 3: "slope", 4: "parallel", 5: "two_points"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            a, b = r.choice(_PYTH)
            a, b = a * r.choice((1, -1)), b * r.choice((1, -1))
        else:
            a, b = _nz(r, -7, 7), _nz(r, -7, 7)
        c = r.randint(-15, 15)
        p0 = [r.randint(-8, 8), r.randint(-8, 8)]
        out: dict[str, Any] = {"kind": kind, "a": a, "b": b, "c": c, "p": p0}
        if kind == "slope":
            m, k = _nz(r, -5, 5), r.randint(-9, 9)
            out.update(a=m, b=-1, c=k, m=m, k=k)
        elif kind == "parallel":
            out["c2"] = r.randint(-20, 20)
        elif kind == "two_points":
            q1 = [r.randint(-6, 6), r.randint(-6, 6)]
            q2 = [q1[0] + _nz(r, -5, 5), q1[1] + r.randint(-5, 5)]
            a, b = q2[1] - q1[1], -(q2[0] - q1[0])
            c = -(a * q1[0] + b * q1[1])
            g = gcd(gcd(a, b), c) or 1
            if a < 0 or (a == 0 and b < 0):
                g = -g
            out.update(a=a // g, b=b // g, c=c // g, q1=q1, q2=q2)
        return out

    def accept(p: dict[str, Any]) -> bool:
        if p["a"] == 0 and p["b"] == 0:
            return False
        if p["a"] < 0 or (p["a"] == 0 and p["b"] < 0):  # write lines with a positive leading coefficient
            p["a"], p["b"], p["c"] = -p["a"], -p["b"], -p["c"]
            if "c2" in p:
                p["c2"] = -p["c2"]
        if p["kind"] == "parallel":
            return p["c2"] != p["c"]
        return p["a"] * p["p"][0] + p["b"] * p["p"][1] + p["c"] != 0

    return draw_until(rng, draw, accept)


def solve_distance(params: Mapping[str, Any]) -> Solution:
    a, b, c = params["a"], params["b"], params["c"]
    x0, y0 = params["p"]
    if params["kind"] == "parallel":
        x0, y0 = _parallel_point(params)
    numer = a * x0 + b * y0 + c
    norm2 = a * a + b * b
    value = sp.Abs(sp.Integer(numer)) / sp.sqrt(norm2)
    dot = " \\cdot "
    inside = join_terms([f"{a}{dot}{_paren(Fraction(x0))}", f"{b}{dot}{_paren(Fraction(y0))}", num(c)])
    steps: dict[str, Any] = {
        "line": line_general(a, b, c), "point": _pt((Fraction(x0), Fraction(y0))),
        "numer": f"|{inside}|",
        "abs": abs(numer), "den": f"\\sqrt{{{_paren(Fraction(a))}^2 + {_paren(Fraction(b))}^2}}", "norm2": norm2, "sqrt_norm": _sqrt_tex(norm2),
    }
    if params["kind"] == "slope":
        steps["given"] = f"y = {join_terms([coef_term(params['m'], 'x'), num(params['k'])])}"
    if params["kind"] == "parallel":
        steps["given2"] = line_general(a, b, params["c2"])
    if params["kind"] == "two_points":
        steps["q1"] = _pt(tuple(map(Fraction, params["q1"])))
        steps["q2"] = _pt(tuple(map(Fraction, params["q2"])))
    return Solution(answer=value, answer_latex=surd_tex(value), steps=steps)


def _parallel_point(params: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    """A point of the second line a x + b y + c2 = 0 (on an axis)."""
    a, b, c2 = params["a"], params["b"], params["c2"]
    if b != 0:
        return Fraction(0), Fraction(-c2, b)
    return Fraction(-c2, a), Fraction(0)


def verify_distance(params: Mapping[str, Any], solution: Solution) -> bool:
    """Drop the perpendicular: the foot H on the line, then |PH|^2 must equal the answer squared."""
    a, b, c = params["a"], params["b"], params["c"]
    if params["kind"] == "parallel":
        px, py = _parallel_point(params)
    else:
        px, py = Fraction(params["p"][0]), Fraction(params["p"][1])
    if params["kind"] == "two_points":
        for q in (params["q1"], params["q2"]):
            if a * q[0] + b * q[1] + c != 0:
                return False
    t = -(a * px + b * py + c) / Fraction(a * a + b * b)
    hx, hy = px + a * t, py + b * t
    if a * hx + b * hy + c != 0:
        return False
    d2 = (hx - px) ** 2 + (hy - py) ** 2
    return bool(solution.answer.is_nonnegative) and sp.expand(solution.answer**2) == _rat(d2)


# --- 円の方程式 ------------------------------------------------------------------------

def _lattice_circle(r2: int) -> list[tuple[int, int]]:
    pts = []
    for dx in range(-isqrt(r2), isqrt(r2) + 1):
        rest = r2 - dx * dx
        dy = isqrt(rest)
        if dy * dy == rest:
            pts.extend({(dx, dy), (dx, -dy)})
    return sorted(pts)


_RICH_R2 = tuple(n for n in range(5, 170) if len(_lattice_circle(n)) >= 8)


def sample_circle(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "center_point", 2: "diameter", 3: "three_points", 4: "three_points", 5: "center_on_line"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a, b = r.randint(-6, 6), r.randint(-6, 6)
        if kind == "center_point":
            return {"kind": kind, "c": [a, b], "pts": [[a + _nz(r, -6, 6), b + r.randint(-6, 6)]]}
        if kind == "diameter":
            dx, dy = _nz(r, -6, 6), r.randint(-6, 6)
            return {"kind": kind, "c": [a, b], "pts": [[a - dx, b - dy], [a + dx, b + dy]]}
        r2 = r.choice(_RICH_R2 if difficulty >= 4 else _RICH_R2[:6])
        offs = r.sample(_lattice_circle(r2), 2 if kind == "center_on_line" else 3)
        if difficulty == 3:
            a, b = r.choice(offs)
            a, b = -a, -b  # makes the origin one of the points
            offs = [(-a, -b), *[o for o in r.sample(_lattice_circle(r2), 3) if o != (-a, -b)][:2]]
        pts = [[a + dx, b + dy] for dx, dy in offs]
        out = {"kind": kind, "c": [a, b], "pts": pts}
        if kind == "center_on_line":
            m = _nz(r, -3, 3)
            out["line"] = [m, b - m * a]
        return out

    def accept(p: dict[str, Any]) -> bool:
        pts = [tuple(q) for q in p["pts"]]
        if len(set(pts)) != len(pts):
            return False
        if p["kind"] in ("three_points",) and len(pts) == 3:
            (x1, y1), (x2, y2), (x3, y3) = pts
            if (x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1) == 0:
                return False
        if p["kind"] == "center_on_line":
            (x1, y1), (x2, y2) = pts
            m = p["line"][0]
            # the perpendicular bisector must cross the line y = m x + k once
            if (x2 - x1) + m * (y2 - y1) == 0:
                return False
        return True

    return draw_until(rng, draw, accept)


def _solve3(rows: list[list[Fraction]]) -> list[Fraction]:
    """Gaussian elimination on a 3×3 system [A | b] (exact)."""
    m = [row[:] for row in rows]
    n = 3
    for col in range(n):
        piv = next(i for i in range(col, n) if m[i][col] != 0)
        m[col], m[piv] = m[piv], m[col]
        for i in range(n):
            if i != col and m[i][col] != 0:
                f = m[i][col] / m[col][col]
                m[i] = [u - f * v for u, v in zip(m[i], m[col], strict=True)]
    return [m[i][3] / m[i][i] for i in range(n)]


def solve_circle(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    pts = [(Fraction(x), Fraction(y)) for x, y in params["pts"]]
    steps: dict[str, Any] = {"pts": [_pt(p) for p in pts]}
    if kind == "center_point":
        a, b = (Fraction(v) for v in params["c"])
        (px, py), = pts
        r2 = (px - a) ** 2 + (py - b) ** 2
        steps.update(center=_pt((a, b)), r2_expr=f"({num(px)} - {_paren(a)})^2 + ({num(py)} - {_paren(b)})^2 = {num(r2)}")
    elif kind == "diameter":
        (x1, y1), (x2, y2) = pts
        a, b = (x1 + x2) / 2, (y1 + y2) / 2
        r2 = ((x2 - x1) ** 2 + (y2 - y1) ** 2) / 4
        steps.update(center=_pt((a, b)), ab2=num((x2 - x1) ** 2 + (y2 - y1) ** 2), r2=num(r2))
    elif kind == "three_points":
        rows = [[x, y, Fraction(1), -(x * x + y * y)] for x, y in pts]
        cl, cm, cn = _solve3(rows)
        a, b, r2 = -cl / 2, -cm / 2, (cl * cl + cm * cm) / 4 - cn
        steps.update(
            eqs=[f"{join_terms([num(x * x + y * y), coef_term(x, 'l'), coef_term(y, 'm'), 'n'])} = 0" for x, y in pts],
            l=num(cl), m=num(cm), n=num(cn),
            general=f"{join_terms(['x^2', 'y^2', coef_term(cl, 'x'), coef_term(cm, 'y'), num(cn)])} = 0",
        )
    else:
        (x1, y1), (x2, y2) = pts
        m, k = (Fraction(v) for v in params["line"])
        # centre (t, m t + k) equidistant from both points: linear in t
        coef = 2 * (x2 - x1) + 2 * m * (y2 - y1)
        const = (x2 * x2 + y2 * y2) - (x1 * x1 + y1 * y1) - 2 * k * (y2 - y1)
        t = const / coef
        a, b = t, m * t + k
        r2 = (x1 - a) ** 2 + (y1 - b) ** 2
        steps.update(line=f"y = {join_terms([coef_term(m, 'x'), num(k)])}", eq_t=f"{coef_term(coef, 't')} = {num(const)}",
                     center_t=f"(t, {join_terms([coef_term(m, 't'), num(k)])})", t=num(t), center=_pt((a, b)))
    steps["std"] = circle_tex(a, b, r2)
    return Solution(answer=circle_value(a, b, r2), answer_latex=circle_tex(a, b, r2), steps=steps)


def verify_circle(params: Mapping[str, Any], solution: Solution) -> bool:
    """Every given point satisfies the answer; the centre condition holds where one is stated."""
    eq = solution.answer
    f = eq.lhs - eq.rhs
    for x, y in params["pts"]:
        if f.xreplace({X: sp.Integer(x), Y: sp.Integer(y)}) != 0:
            return False
    poly = sp.Poly(sp.expand(f), X, Y)
    a = -poly.coeff_monomial(X) / 2
    b = -poly.coeff_monomial(Y) / 2
    if poly.coeff_monomial(X**2) != 1 or poly.coeff_monomial(Y**2) != 1 or poly.coeff_monomial(X * Y) != 0:
        return False
    if params["kind"] in ("center_point",):
        return (a, b) == tuple(sp.Integer(v) for v in params["c"])
    if params["kind"] == "center_on_line":
        m, k = params["line"]
        return b == m * a + k
    return True


# --- 軌跡 ------------------------------------------------------------------------------

def sample_locus(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = "sumsq" if difficulty == 1 else "ratio"

    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 3:
            base = r.randint(-8, 8) if difficulty == 3 else 0
            xa = r.randint(-8, 6)
            A, B = [xa, base], [xa + r.randint(1, 12), base]
            if r.random() < 0.5:
                A, B = A[::-1], B[::-1]
        else:
            A = [r.randint(-5, 5), r.randint(-5, 5)]
            B = [A[0] + r.randint(-6, 6), A[1] + r.randint(-6, 6)]
        if kind == "sumsq":
            d2 = (B[0] - A[0]) ** 2 + (B[1] - A[1]) ** 2
            return {"kind": kind, "A": A, "B": B, "k": d2 // 2 + 2 * r.randint(1, 20) + (d2 % 2)}
        m, n = r.choice(((2, 1), (3, 1), (1, 2), (1, 3), (3, 2), (2, 3)))
        return {"kind": kind, "A": A, "B": B, "m": m, "n": n}

    def accept(p: dict[str, Any]) -> bool:
        if p["A"] == p["B"]:
            return False
        a, b, r2 = _locus_circle(p)
        if r2 <= 0:
            return False
        if difficulty <= 3:
            return a.denominator == 1 and b.denominator == 1 and r2.denominator == 1
        return a.denominator <= 8 and r2.denominator <= 64

    return draw_until(rng, draw, accept, max_tries=5000)


def _locus_circle(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    (x1, y1), (x2, y2) = (tuple(map(Fraction, p["A"])), tuple(map(Fraction, p["B"])))
    if p["kind"] == "sumsq":
        # AP^2 + BP^2 = k  ->  2(x^2 + y^2) - 2(x1 + x2)x - 2(y1 + y2)y + (|A|^2 + |B|^2 - k) = 0
        a, b = (x1 + x2) / 2, (y1 + y2) / 2
        const = (x1 * x1 + y1 * y1 + x2 * x2 + y2 * y2 - p["k"]) / 2
        return a, b, a * a + b * b - const
    m, n = p["m"], p["n"]
    # n^2 AP^2 = m^2 BP^2
    s = n * n - m * m
    lx = (-2 * n * n * x1 + 2 * m * m * x2) / s
    ly = (-2 * n * n * y1 + 2 * m * m * y2) / s
    c0 = (n * n * (x1 * x1 + y1 * y1) - m * m * (x2 * x2 + y2 * y2)) / s
    a, b = -lx / 2, -ly / 2
    return a, b, a * a + b * b - c0


def _locus_general(p: Mapping[str, Any]) -> str:
    """``x^2 + y^2 + lx + my + n = 0`` after dividing by the x^2 coefficient."""
    a, b, r2 = _locus_circle(p)
    cl, cm, cn = -2 * a, -2 * b, a * a + b * b - r2
    return f"{join_terms(['x^2', 'y^2', coef_term(cl, 'x'), coef_term(cm, 'y'), num(cn)])} = 0"


def solve_locus(params: Mapping[str, Any]) -> Solution:
    a, b, r2 = _locus_circle(params)
    (x1, y1), (x2, y2) = params["A"], params["B"]

    def sq(var: str, c: int) -> str:
        return f"{var}^2" if c == 0 else f"({var} {'-' if c > 0 else '+'} {abs(c)})^2"

    def dist2(px: int, py: int) -> str:
        return f"{sq('x', px)} + {sq('y', py)}"

    steps = {"A": _pt((Fraction(x1), Fraction(y1))), "B": _pt((Fraction(x2), Fraction(y2))),
             "ap2": dist2(x1, y1), "bp2": dist2(x2, y2), "general": _locus_general(params), "center": _pt((a, b)),
             "radius": surd_tex(sp.sqrt(_rat(r2))), "std": circle_tex(a, b, r2)}
    return Solution(answer=circle_value(a, b, r2), answer_latex=circle_tex(a, b, r2), steps=steps)


def verify_locus(params: Mapping[str, Any], solution: Solution) -> bool:
    """The defining condition, expanded, is a constant multiple of the answer's equation."""
    (x1, y1), (x2, y2) = params["A"], params["B"]
    ap2 = (X - x1) ** 2 + (Y - y1) ** 2
    bp2 = (X - x2) ** 2 + (Y - y2) ** 2
    if params["kind"] == "sumsq":
        cond, scale = ap2 + bp2 - params["k"], 2
    else:
        m, n = params["m"], params["n"]
        cond, scale = n * n * ap2 - m * m * bp2, n * n - m * m
    f = solution.answer.lhs - solution.answer.rhs
    return sp.expand(cond - scale * f) == 0


# --- 領域と最大・最小 --------------------------------------------------------------------

def sample_region(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        vx, vy = r.randint(1, 6 + difficulty), r.randint(1, 6 + difficulty)
        a1, b1 = r.randint(1, 4), r.randint(1, 4)
        a2, b2 = r.randint(1, 4), r.randint(1, 4)
        cons = []
        for a, b in ((a1, b1), (a2, b2)):
            c = a * vx + b * vy
            g = gcd(gcd(a, b), c)
            cons.append([a // g, b // g, c // g])
        if difficulty == 1:
            cons = cons[:1]
        if difficulty <= 3:
            obj = {"kind": "linear", "p": r.randint(1, 5), "q": r.randint(1, 5)}
        elif difficulty == 4:
            obj = {"kind": "linear", "p": _nz(r, -4, 5), "q": _nz(r, -4, 5)}
        else:
            obj = {"kind": "square"}
        goal = "max" if difficulty != 4 or r.random() < 0.5 else "min"
        return {"cons": cons, "obj": obj, "goal": goal}

    def accept(p: dict[str, Any]) -> bool:
        cons = p["cons"]
        if len(cons) == 2:
            (a1, b1, c1), (a2, b2, c2) = cons
            if a1 * b2 == a2 * b1:
                return False
            # both constraints must bind: the lines cross inside the first quadrant as a corner
            if not ((Fraction(c1, a1) - Fraction(c2, a2)) * (Fraction(c1, b1) - Fraction(c2, b2)) < 0):
                return False
        verts = _vertices(p["cons"])
        values = [_objective(p, v) for v in verts]
        best = max(values) if p["goal"] == "max" else min(values)
        return values.count(best) == 1 and best != 0

    return draw_until(rng, draw, accept, max_tries=5000)


def _objective(p: Mapping[str, Any], v: Point) -> Fraction:
    if p["obj"]["kind"] == "square":
        return v[0] ** 2 + v[1] ** 2
    return p["obj"]["p"] * v[0] + p["obj"]["q"] * v[1]


def _lines(cons: Sequence[Sequence[int]]) -> list[tuple[Fraction, Fraction, Fraction]]:
    """Boundary lines a x + b y = c: the two axes and each constraint."""
    return [(Fraction(1), Fraction(0), Fraction(0)), (Fraction(0), Fraction(1), Fraction(0))] + [
        (Fraction(a), Fraction(b), Fraction(c)) for a, b, c in cons
    ]


def _feasible(cons: Sequence[Sequence[int]], v: Point) -> bool:
    return v[0] >= 0 and v[1] >= 0 and all(a * v[0] + b * v[1] <= c for a, b, c in cons)


def _vertices(cons: Sequence[Sequence[int]]) -> list[Point]:
    """Textbook route: intersect every pair of boundary lines and keep the feasible points."""
    out: list[Point] = []
    lines = _lines(cons)
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            a1, b1, c1 = lines[i]
            a2, b2, c2 = lines[j]
            det = a1 * b2 - a2 * b1
            if det == 0:
                continue
            v = ((c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det)
            if _feasible(cons, v) and v not in out:
                out.append(v)
    return sorted(out, key=lambda v: (v[0], v[1]))


def _cons_tex(a: int, b: int, c: int) -> str:
    return f"{join_terms([coef_term(a, 'x'), coef_term(b, 'y')])} \\leqq {c}"


def solve_region(params: Mapping[str, Any]) -> Solution:
    verts = _vertices(params["cons"])
    values = [_objective(params, v) for v in verts]
    best = max(values) if params["goal"] == "max" else min(values)
    at = verts[values.index(best)]
    if params["obj"]["kind"] == "square":
        obj = "x^2 + y^2"
    else:
        obj = join_terms([coef_term(params["obj"]["p"], "x"), coef_term(params["obj"]["q"], "y")])
    evals = [f"${_pt(v)}$ のとき ${num(val)}$" for v, val in zip(verts, values, strict=True)]
    return Solution(
        answer=_rat(best),
        answer_latex=num(best),
        steps={"conditions": ",\\ ".join(["x \\geqq 0", "y \\geqq 0"] + [_cons_tex(*c) for c in params["cons"]]),
               "obj": obj, "verts": ", ".join(_pt(v) for v in verts), "evals": evals, "at": _pt(at),
               "goal_ja": "最大値" if params["goal"] == "max" else "最小値", "nverts": len(verts)},
    )


def _clip(poly: list[Point], a: Fraction, b: Fraction, c: Fraction) -> list[Point]:
    """Sutherland–Hodgman: keep the part of a convex polygon with a x + b y <= c."""
    out: list[Point] = []
    for i, cur in enumerate(poly):
        prev = poly[i - 1]
        cin = a * cur[0] + b * cur[1] <= c
        pin = a * prev[0] + b * prev[1] <= c
        if cin != pin:
            fp, fc = a * prev[0] + b * prev[1] - c, a * cur[0] + b * cur[1] - c
            t = fp / (fp - fc)
            out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
        if cin:
            out.append(cur)
    return out


def verify_region(params: Mapping[str, Any], solution: Solution) -> bool:
    """Clip a large box by each half-plane and take the extreme over the clipped polygon."""
    big = Fraction(10**4)
    poly: list[Point] = [(Fraction(-1), Fraction(-1)), (big, Fraction(-1)), (big, big), (Fraction(-1), big)]
    for a, b, c in [(-1, 0, 0), (0, -1, 0), *params["cons"]]:
        poly = _clip(poly, Fraction(a), Fraction(b), Fraction(c))
    if not poly or any(abs(v[0]) >= big or abs(v[1]) >= big for v in poly):
        return False
    values = [_objective(params, v) for v in poly]
    best = max(values) if params["goal"] == "max" else min(values)
    return _rat(best) == solution.answer


# --- 円の接線 ----------------------------------------------------------------------------

def sample_tangent(rng: Random, difficulty: int) -> dict[str, Any]:
    span = {1: 10, 2: 12, 3: 15, 4: 8, 5: 12}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        dx, dy = r.randint(-span, span), r.randint(-span, span)
        a, b = (r.randint(-6, 6), r.randint(-6, 6)) if difficulty >= 4 else (0, 0)
        return {"c": [a, b], "r2": dx * dx + dy * dy, "p": [a + dx, b + dy]}

    def accept(p: dict[str, Any]) -> bool:
        dx, dy = p["p"][0] - p["c"][0], p["p"][1] - p["c"][1]
        if difficulty >= 4 and p["c"] == [0, 0]:
            return False
        return (dx != 0 and dy != 0) if difficulty >= 2 else (dx, dy) != (0, 0)

    return draw_until(rng, draw, accept)


def solve_tangent(params: Mapping[str, Any]) -> Solution:
    a, b = params["c"]
    r2 = params["r2"]
    x0, y0 = params["p"]
    dx, dy = x0 - a, y0 - b
    # (x0 - a)(x - a) + (y0 - b)(y - b) = r^2  ->  dx x + dy y = r^2 + dx a + dy b
    rhs = r2 + dx * a + dy * b
    g = gcd(gcd(dx, dy), rhs) or 1
    if (dx or dy) < 0:  # answer-key form: positive leading coefficient (x - y = -4, not -x + y = 4)
        g = -g
    p, q, c = dx // g, dy // g, rhs // g
    answer = f"{join_terms([coef_term(p, 'x'), coef_term(q, 'y')])} = {c}"
    circle = circle_tex(Fraction(a), Fraction(b), Fraction(r2))
    def shifted(var: str, c: int) -> str:
        return var if c == 0 else f"({var} {'-' if c > 0 else '+'} {abs(c)})"

    formula = f"{join_terms([coef_term(dx, shifted('x', a)), coef_term(dy, shifted('y', b))])} = {r2}"
    return Solution(answer=sp.Eq(p * X + q * Y, c), answer_latex=answer,
                    steps={"circle": circle, "point": _pt((Fraction(x0), Fraction(y0))), "formula": formula,
                           "origin": (a, b) == (0, 0), "g": g, "raw": f"{join_terms([coef_term(dx, 'x'), coef_term(dy, 'y')])} = {rhs}"})


def verify_tangent(params: Mapping[str, Any], solution: Solution) -> bool:
    """The point lies on the line, and the centre's distance to the line equals the radius."""
    a, b = params["c"]
    x0, y0 = params["p"]
    line = solution.answer.lhs - solution.answer.rhs
    if line.xreplace({X: sp.Integer(x0), Y: sp.Integer(y0)}) != 0:
        return False
    if (x0 - a) ** 2 + (y0 - b) ** 2 != params["r2"]:
        return False
    p, q = line.coeff(X), line.coeff(Y)
    value_at_center = line.xreplace({X: sp.Integer(a), Y: sp.Integer(b)})
    return sp.expand(value_at_center**2 - params["r2"] * (p * p + q * q)) == 0


UNIT = Unit(
    id="math2.coordinate_geometry",
    name="図形と方程式",
    course="数学II",
    description="点と直線の距離，円の方程式，軌跡 (アポロニウスの円)，領域と最大・最小，円の接線",
    types=(
        ProblemType(
            id="point_line_distance",
            name="点と直線の距離",
            sample=sample_distance,
            solve=solve_distance,
            verify=verify_distance,
            problem_templates=("distance_1.j2", "distance_2.j2", "distance_3.j2"),
            solution_template="distance_solution.j2",
            answer_form="soft",
            knobs="1: 整数になる係数; 2: 根号の答え; 3: y = mx + k の形; 4: 平行な2直線の距離; 5: 2点を通る直線との距離",
        ),
        ProblemType(
            id="circle_equation",
            name="円の方程式",
            sample=sample_circle,
            solve=solve_circle,
            verify=verify_circle,
            problem_templates=("circle_1.j2", "circle_2.j2", "circle_3.j2"),
            solution_template="circle_solution.j2",
            answer_form="soft",
            knobs="1: 中心と通る点; 2: 直径の両端; 3: 原点を含む3点; 4: 一般の3点; 5: 中心が直線上で2点を通る",
        ),
        ProblemType(
            id="locus",
            name="軌跡",
            sample=sample_locus,
            solve=solve_locus,
            verify=verify_locus,
            problem_templates=("locus_1.j2", "locus_2.j2", "locus_3.j2"),
            solution_template="locus_solution.j2",
            answer_form="soft",
            knobs="1: AP^2 + BP^2 = k; 2: 座標軸上の2点・アポロニウスの円; 3: 軸に平行な線分; 4-5: 一般の2点・分数の中心",
        ),
        ProblemType(
            id="region_extreme",
            name="領域と最大・最小",
            sample=sample_region,
            solve=solve_region,
            verify=verify_region,
            problem_templates=("region_1.j2", "region_2.j2", "region_3.j2"),
            solution_template="region_solution.j2",
            answer_form="soft",
            knobs="1: 不等式1つ; 2-3: 不等式2つ; 4: 負の係数・最小値; 5: x^2 + y^2 の最大値",
        ),
        ProblemType(
            id="tangent_line",
            name="円の接線",
            sample=sample_tangent,
            solve=solve_tangent,
            verify=verify_tangent,
            problem_templates=("tangent_1.j2", "tangent_2.j2", "tangent_3.j2"),
            solution_template="tangent_solution.j2",
            answer_form="soft",
            knobs="1: 原点中心・座標軸上の点も; 2-3: 原点中心で半径が大きくなる; 4-5: 中心が原点でない円",
        ),
    ),
)
