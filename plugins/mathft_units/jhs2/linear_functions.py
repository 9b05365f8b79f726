"""1次関数 (中2): 直線の式, 2直線の交点, y の変域 (≦ と < の双子問題)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, interval_text, join_terms, num, signed
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as nonzero
from mathft_units._jhs_fmt import fr, lin, pq, ptex, rat

X, Y = sp.symbols("x y")


def line_tex(m: Fraction, b: Fraction) -> str:
    """``y = -2x + 3`` in coefficient form."""
    return f"y = {lin([(m, 'x'), (b, '')])}"


def _pt(x: Fraction, y: Fraction) -> str:
    return f"({num(x)}, {num(y)})"


# --- 直線の式 ---------------------------------------------------------------------------


def sample_line(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "slope_point", 2: "two_points", 3: "two_points", 4: "parallel", 5: "intercepts"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        if kind == "intercepts":
            p, q = nonzero(r, -9, 9), nonzero(r, -9, 9)
            return {"kind": kind, "p": p, "q": q, "pts": [[p, 1, 0, 1], [0, 1, q, 1]]}
        if kind == "two_points" and difficulty == 3:
            m = Fraction(nonzero(r, -5, 5), r.randint(2, 4))
        else:
            m = Fraction(nonzero(r, -6, 6))
        b = Fraction(nonzero(r, -10, 10))
        x1 = Fraction(nonzero(r, -6, 6))
        x2 = x1 + nonzero(r, -8, 8) * m.denominator
        if kind == "parallel":
            c = Fraction(nonzero(r, -9, 9))
            return {"kind": kind, "m": pq(m), "c": pq(c), "pts": [pq(x1) + pq(m * x1 + b)]}
        pts = [pq(x1) + pq(m * x1 + b), pq(x2) + pq(m * x2 + b)]
        return {"kind": kind, "m": pq(m), "pts": pts if kind == "two_points" else pts[:1]}

    def accept(p: dict[str, Any]) -> bool:
        pts = [(Fraction(a, b_), Fraction(c, d)) for a, b_, c, d in p["pts"]]
        if p["kind"] == "two_points":
            return pts[0][0] != pts[1][0] and pts[0][1] != pts[1][1] and all(abs(y) <= 40 for _, y in pts)
        if p["kind"] == "parallel":
            return fr(p["c"]) != _line_of(p)[1]
        return True

    return draw_until(rng, draw, accept)


def _points(p: Mapping[str, Any]) -> list[tuple[Fraction, Fraction]]:
    return [(Fraction(a, b), Fraction(c, d)) for a, b, c, d in p["pts"]]


def _line_of(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    pts = _points(p)
    if p["kind"] in ("two_points", "intercepts"):
        (x1, y1), (x2, y2) = pts
        m = (y2 - y1) / (x2 - x1)
    else:
        m = fr(p["m"])
        x1, y1 = pts[0]
    return m, y1 - m * x1


def solve_line(params: Mapping[str, Any]) -> Solution:
    m, b = _line_of(params)
    pts = _points(params)
    x1, y1 = pts[0]
    steps: dict[str, Any] = {
        "m": num(m), "b": num(b), "x1": num(x1), "y1": num(y1), "px1": ptex(x1),
        "p1": _pt(x1, y1), "sub": f"{num(y1)} = {num(m)} \\times {ptex(x1)} + b",
        "mx1": num(m * x1),
    }
    if len(pts) == 2:
        x2, y2 = pts[1]
        raw = f"\\frac{{{num(y2 - y1)}}}{{{num(x2 - x1)}}}"
        slope = f"\\frac{{{num(y2)} - {ptex(y1)}}}{{{num(x2)} - {ptex(x1)}}} = {raw}"
        if raw != num(m):
            slope += f" = {num(m)}"
        steps.update(p2=_pt(x2, y2), x2=num(x2), y2=num(y2), slope=slope)
    if params["kind"] == "parallel":
        steps["given"] = line_tex(m, fr(params["c"]))
    answer = line_tex(m, b)
    return Solution(answer=sp.Eq(Y, rat(m) * X + rat(b)), answer_latex=answer, steps=steps)


def verify_line(params: Mapping[str, Any], solution: Solution) -> bool:
    """Every given point lies on the answer line; parallel lines share the slope."""
    rhs = solution.answer.rhs
    for x, y in _points(params):
        if rhs.subs(X, rat(x)) != rat(y):
            return False
    if params["kind"] in ("parallel", "slope_point"):
        return sp.diff(rhs, X) == rat(fr(params["m"]))
    return True


# --- 交点 ----------------------------------------------------------------------------


def sample_cross(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 2:
            x0, y0 = Fraction(nonzero(r, -9, 9)), Fraction(nonzero(r, -12, 12))
            m1, m2 = Fraction(nonzero(r, -5, 5)), Fraction(nonzero(r, -5, 5))
            if difficulty == 2:
                m2 = Fraction(nonzero(r, -5, 5), r.randint(2, 3))
            lines = [[pq(m1), pq(y0 - m1 * x0)], [pq(m2), pq(y0 - m2 * x0)]]
            return {"form": "slope", "lines": lines}
        if difficulty == 3:
            m1, m2 = Fraction(nonzero(r, -6, 6)), Fraction(nonzero(r, -6, 6))
            return {"form": "slope", "lines": [[pq(m1), [nonzero(r, -9, 9), 1]], [pq(m2), [nonzero(r, -9, 9), 1]]]}
        # general form a x + b y = c
        x0, y0 = Fraction(nonzero(r, -8, 8)), Fraction(nonzero(r, -8, 8))
        if difficulty == 5:
            x0 /= r.randint(2, 3)
        rows = []
        for _ in range(2):
            a, b = nonzero(r, -6, 6), nonzero(r, -6, 6)
            rows.append([a, b, pq(a * x0 + b * y0)])
        return {"form": "general", "lines": rows}

    def accept(p: dict[str, Any]) -> bool:
        try:
            x0, y0 = _cross_point(p)
        except ZeroDivisionError:
            return False
        if p["form"] == "general":
            (_a1, _b1, c1), (_a2, _b2, c2) = p["lines"]
            if fr(c1).denominator != 1 or fr(c2).denominator != 1:
                return False
        if difficulty <= 2:
            return x0.denominator == y0.denominator == 1
        if difficulty == 3:
            return x0.denominator > 1 and x0.denominator <= 6 and y0.denominator <= 6
        return True

    return draw_until(rng, draw, accept)


def _cross_point(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    if p["form"] == "slope":
        (m1, b1), (m2, b2) = ((fr(m), fr(b)) for m, b in p["lines"])
        x0 = (b2 - b1) / (m1 - m2)
        return x0, m1 * x0 + b1
    (a1, b1, c1), (a2, b2, c2) = ((Fraction(a), Fraction(b), fr(c)) for a, b, c in p["lines"])
    det = a1 * b2 - a2 * b1
    return (c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det


def solve_cross(params: Mapping[str, Any]) -> Solution:
    x0, y0 = _cross_point(params)
    if params["form"] == "slope":
        (m1, b1), (m2, b2) = ((fr(m), fr(b)) for m, b in params["lines"])
        lines = [line_tex(m1, b1), line_tex(m2, b2)]
        eq = f"{lin([(m1, 'x'), (b1, '')])} = {lin([(m2, 'x'), (b2, '')])}"
        work = {"eq": eq, "moved": f"{coef_term(m1 - m2, 'x')} = {num(b2 - b1)}", "x0": num(x0),
                "ysub": f"y = {num(m1)} \\times {ptex(x0)}" + (f" {signed(b1)}" if b1 else ""),
                "y0": num(y0)}
    else:
        lines = [f"{join_terms([coef_term(a, 'x'), coef_term(b, 'y')])} = {num(fr(c))}" for a, b, c in params["lines"]]
        work = {"x0": num(x0), "y0": num(y0)}
    answer = _pt(x0, y0)
    return Solution(answer=sp.Tuple(rat(x0), rat(y0)), answer_latex=answer, steps={"lines": lines, **work})


def verify_cross(params: Mapping[str, Any], solution: Solution) -> bool:
    """The point satisfies both stated equations."""
    x0, y0 = (Fraction(int(v.p), int(v.q)) for v in solution.answer)
    if params["form"] == "slope":
        return all(fr(m) * x0 + fr(b) == y0 for m, b in params["lines"])
    return all(a * x0 + b * y0 == fr(c) for a, b, c in params["lines"])


# --- 変域 ----------------------------------------------------------------------------


def sample_range(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 2:
            m = Fraction(nonzero(r, -5, 5))
        else:
            m = Fraction(nonzero(r, -5, 5), r.randint(2, 4))
        b = Fraction(nonzero(r, -9, 9))
        lo = r.randint(-8, 4)
        hi = lo + r.randint(2, 10)
        lo_strict = difficulty >= 2 and r.random() < 0.5
        hi_strict = difficulty >= 2 and r.random() < 0.5
        one_sided = None
        if difficulty == 5 and r.random() < 0.5:
            one_sided = r.choice(("lo", "hi"))
        return {"m": pq(m), "b": pq(b), "lo": lo, "hi": hi, "lo_strict": lo_strict, "hi_strict": hi_strict,
                "one_sided": one_sided}

    def accept(p: dict[str, Any]) -> bool:
        m, b = fr(p["m"]), fr(p["b"])
        ys = [m * p["lo"] + b, m * p["hi"] + b]
        if difficulty <= 3:
            return all(y.denominator == 1 for y in ys)
        return all(y.denominator <= 4 for y in ys)

    return draw_until(rng, draw, accept)


def _x_domain(p: Mapping[str, Any]) -> str:
    lo = None if p["one_sided"] == "hi" else str(p["lo"])
    hi = None if p["one_sided"] == "lo" else str(p["hi"])
    return interval_text("x", lo, p["lo_strict"], hi, p["hi_strict"])


def solve_range(params: Mapping[str, Any]) -> Solution:
    m, b = fr(params["m"]), fr(params["b"])
    side = params["one_sided"]
    lo_y, hi_y = m * params["lo"] + b, m * params["hi"] + b
    if m > 0:
        ends = (lo_y, params["lo_strict"], hi_y, params["hi_strict"])
        has_lo, has_hi = side != "hi", side != "lo"
    else:
        ends = (hi_y, params["hi_strict"], lo_y, params["lo_strict"])
        has_lo, has_hi = side != "lo", side != "hi"
    ylo, ylo_s, yhi, yhi_s = ends
    answer = interval_text("y", num(ylo) if has_lo else None, ylo_s, num(yhi) if has_hi else None, yhi_s)
    y = sp.Symbol("y")
    parts = []
    if has_lo:
        parts.append(sp.Lt(rat(ylo), y) if ylo_s else sp.Le(rat(ylo), y))
    if has_hi:
        parts.append(sp.Lt(y, rat(yhi)) if yhi_s else sp.Le(y, rat(yhi)))
    value = sp.And(*parts) if len(parts) == 2 else parts[0]
    ends_info = []
    for xv, yv, strict, present in ((params["lo"], lo_y, params["lo_strict"], side != "hi"),
                                    (params["hi"], hi_y, params["hi_strict"], side != "lo")):
        if present:
            calc = f"y = {num(m)} \\times {ptex(xv)} {signed(b)} = {num(yv)}"
            ends_info.append({"x": xv, "y": num(yv), "calc": calc, "strict": strict})
    return Solution(
        answer=value,
        answer_latex=answer,
        steps={"func": line_tex(m, b), "domain": _x_domain(params), "increasing": m > 0, "m": num(m),
               "ends": ends_info, "one_sided": side is not None},
    )


def verify_range(params: Mapping[str, Any], solution: Solution) -> bool:
    """Sample x over the domain (ends and inside): y is in the answer exactly when x is in the domain."""
    m, b = fr(params["m"]), fr(params["b"])
    y = sp.Symbol("y")
    lo, hi, side = params["lo"], params["hi"], params["one_sided"]

    def in_domain(x: Fraction) -> bool:
        ok_lo = side == "hi" or (x > lo if params["lo_strict"] else x >= lo)
        ok_hi = side == "lo" or (x < hi if params["hi_strict"] else x <= hi)
        return ok_lo and ok_hi

    # just inside and just outside each end too (y within 1/1000 of it), so a shifted end is seen
    near = Fraction(1, 1000) / abs(m)
    trials = [Fraction(lo), Fraction(hi), Fraction(lo + hi, 2), Fraction(lo) - Fraction(1, 3),
              Fraction(hi) + Fraction(1, 3), Fraction(lo) + Fraction(1, 7),
              Fraction(lo) - near, Fraction(lo) + near, Fraction(hi) - near, Fraction(hi) + near]
    for x in trials:
        inside = bool(solution.answer.subs(y, rat(m * x + b)))
        if inside != in_domain(x):
            return False
    return True


UNIT = Unit(
    id="jhs2.linear_functions",
    name="1次関数",
    course="中2",
    description="直線の式，2直線の交点，x の変域に対する y の変域 (≦/< の双子問題)",
    types=(
        ProblemType(
            id="line_equation",
            name="直線の式",
            sample=sample_line,
            solve=solve_line,
            verify=verify_line,
            problem_templates=("line_1.j2", "line_2.j2", "line_3.j2"),
            solution_template="line_solution.j2",
            answer_form="soft",
            knobs="1: 傾きと1点; 2: 2点 (整数の傾き); 3: 2点 (分数の傾き); 4: 平行な直線; 5: x 切片と y 切片",
        ),
        ProblemType(
            id="intersection",
            name="2直線の交点",
            sample=sample_cross,
            solve=solve_cross,
            verify=verify_cross,
            problem_templates=("cross_1.j2", "cross_2.j2", "cross_3.j2"),
            solution_template="cross_solution.j2",
            answer_form="soft",
            knobs="1: 整数の交点; 2: 分数の傾き; 3: 分数の交点; 4: ax + by = c の形; 5: 分数の交点と一般形",
        ),
        ProblemType(
            id="range_of_y",
            name="y の変域",
            sample=sample_range,
            solve=solve_range,
            verify=verify_range,
            problem_templates=("range_1.j2", "range_2.j2", "range_3.j2"),
            solution_template="range_solution.j2",
            answer_form="soft",
            knobs="1: ≦ のみ・整数の傾き; 2: < をふくむ双子問題; 3: 分数の傾き; 4: 分数の端点; 5: 片側だけの変域",
        ),
    ),
)
