"""相似・三平方の定理 (中3): 平面の三平方, 空間の三平方, 相似比と面積比・体積比.

Lengths are k√r built from integers (:mod:`mathft_units.jhs3._surd`); verifiers
recompute each figure by another route (Heron's formula, coordinates and distances,
explicit cone volumes) in floating point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.jhs3._surd import split_square, surd_tex

#: (a, b, c, d) with a <= b <= c and a^2 + b^2 + c^2 = d^2 (integer space diagonals).
BOX_QUADS: tuple[tuple[int, int, int, int], ...] = tuple(
    (a, b, c, math.isqrt(a * a + b * b + c * c))
    for a in range(1, 21) for b in range(a, 21) for c in range(b, 41)
    if math.isqrt(a * a + b * b + c * c) ** 2 == a * a + b * b + c * c
)


def _length(coef: Fraction, radicand: int) -> tuple[sp.Expr, str, float]:
    """``coef·√radicand`` simplified: (SymPy value, LaTeX, float)."""
    k, r = split_square(radicand)
    c = Fraction(coef) * k
    value = sp.Rational(c.numerator, c.denominator) * sp.sqrt(r)
    return value, surd_tex(0, c, r), float(c) * math.sqrt(r)


def _sqrt_steps(n: int) -> str:
    """``\\sqrt{48} = 4\\sqrt{3}`` (or just ``\\sqrt{49} = 7``)."""
    k, r = split_square(n)
    if r == 1:
        return f"\\sqrt{{{n}}} = {k}"
    if k == 1:
        return f"\\sqrt{{{n}}}"
    return f"\\sqrt{{{n}}} = {k}\\sqrt{{{r}}}"


def _square_tex(v: Fraction) -> str:
    """``v^2`` with parentheses around a fraction: ``\\left(\\frac{15}{2}\\right)^2``."""
    return f"{num(v)}^2" if v.denominator == 1 else f"\\left({num(v)}\\right)^2"


def _heron(a: float, b: float, c: float) -> float:
    s = (a + b + c) / 2
    return math.sqrt(max(0.0, s * (s - a) * (s - b) * (s - c)))


# --- 三平方の定理 ----------------------------------------------------------------------------


def sample_pythagoras(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("hyp", "leg"), 2: ("hyp", "leg"), 3: ("equilateral_area", "equilateral_height", "leg", "isosceles"),
             4: ("distance", "isosceles"), 5: ("chord", "isosceles", "equilateral_area")}[difficulty]
    kind = rng.choice(kinds)
    size = 4 + 3 * difficulty

    def draw(r: Random) -> dict[str, Any]:
        if kind in ("hyp", "leg"):
            a, b = r.randint(1, size), r.randint(1, size)
            if difficulty == 1:
                m = r.randint(2, 9)
                n = r.randint(1, m - 1)
                k = r.randint(1, 6)
                a, b = k * (m * m - n * n), k * 2 * m * n
                if r.random() < 0.5:
                    a, b = b, a
            if kind == "leg":
                if difficulty == 1:
                    return {"kind": kind, "c": math.isqrt(a * a + b * b), "a": a}
                return {"kind": kind, "c": max(a, b) + r.randint(1, size), "a": a}
            return {"kind": kind, "a": a, "b": b}
        if kind.startswith("equilateral"):
            return {"kind": kind, "s": r.randint(2, 40)}
        if kind == "distance":
            return {"kind": kind, "p": [r.randint(-9, 9), r.randint(-9, 9)], "q": [r.randint(-9, 9), r.randint(-9, 9)]}
        if kind == "isosceles":
            b = r.randint(2, size)
            return {"kind": kind, "base": b, "side": r.randint(b // 2 + 1, size + 3)}
        rad = r.randint(3, 25)
        return {"kind": kind, "r": rad, "d": r.randint(1, rad - 1)}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "leg":
            return p["c"] > p["a"] > 0
        if p["kind"] == "distance":
            return p["p"][0] != p["q"][0] and p["p"][1] != p["q"][1]
        if p["kind"] == "hyp" and difficulty == 1:
            return math.isqrt(p["a"] ** 2 + p["b"] ** 2) ** 2 == p["a"] ** 2 + p["b"] ** 2
        return True

    return draw_until(rng, draw, ok)


def solve_pythagoras(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "hyp":
        a, b = p["a"], p["b"]
        n = a * a + b * b
        value, latex, _ = _length(Fraction(1), n)
        steps.update(eq=f"x^2 = {a}^2 + {b}^2 = {n}", root=_sqrt_steps(n))
    elif kind == "leg":
        c, a = p["c"], p["a"]
        n = c * c - a * a
        value, latex, _ = _length(Fraction(1), n)
        steps.update(eq=f"x^2 = {c}^2 - {a}^2 = {n}", root=_sqrt_steps(n))
    elif kind in ("equilateral_area", "equilateral_height"):
        s = p["s"]
        height, h_latex, _ = _length(Fraction(s, 2), 3)
        steps.update(half=num(Fraction(s, 2)), half_sq=_square_tex(Fraction(s, 2)), h=h_latex,
                     h2=num(Fraction(3 * s * s, 4)))
        if kind == "equilateral_height":
            value, latex = height, h_latex
        else:
            value, latex, _ = _length(Fraction(s * s, 4), 3)
            steps["area_expr"] = f"\\frac{{1}}{{2}} \\times {s} \\times {h_latex}"
    elif kind == "distance":
        (x1, y1), (x2, y2) = p["p"], p["q"]
        dx, dy = x2 - x1, y2 - y1
        n = dx * dx + dy * dy
        value, latex, _ = _length(Fraction(1), n)
        steps.update(dx=abs(dx), dy=abs(dy), n=n, root=_sqrt_steps(n))
    elif kind == "isosceles":
        b, side = p["base"], p["side"]
        h2 = Fraction(side * side) - Fraction(b * b, 4)
        # h = sqrt(h2) = sqrt(4 h2) / 2
        _, h_latex, _ = _length(Fraction(1, 2), int(4 * h2))
        value, latex, _ = _length(Fraction(b, 4), int(4 * h2))
        steps.update(half=num(Fraction(b, 2)), half_sq=_square_tex(Fraction(b, 2)), h2=num(h2), h=h_latex, area_expr=f"\\frac{{1}}{{2}} \\times {b} \\times {h_latex}")
    else:
        rad, d = p["r"], p["d"]
        n = rad * rad - d * d
        _, half_latex, _ = _length(Fraction(1), n)
        value, latex, _ = _length(Fraction(2), n)
        steps.update(n=n, half=half_latex, root=_sqrt_steps(n))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_pythagoras(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    got = float(solution.answer)
    kind = p["kind"]
    if kind == "hyp":
        want = math.hypot(p["a"], p["b"])
    elif kind == "leg":
        want = math.sqrt(p["c"] ** 2 - p["a"] ** 2)
    elif kind == "equilateral_area":
        want = _heron(p["s"], p["s"], p["s"])
    elif kind == "equilateral_height":
        want = 2 * _heron(p["s"], p["s"], p["s"]) / p["s"]
    elif kind == "distance":
        want = math.dist(p["p"], p["q"])
    elif kind == "isosceles":
        want = _heron(p["base"], p["side"], p["side"])
    else:
        want = 2 * p["r"] * math.sin(math.acos(p["d"] / p["r"]))
    return abs(got - want) < 1e-9 * max(1.0, want)


# --- 空間の三平方 ----------------------------------------------------------------------------


def sample_space(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        k = rng.choice((1, 1, 2, 3))
        dims = [k * v for v in rng.choice(BOX_QUADS)[:3]]
        rng.shuffle(dims)
        return {"kind": "box", "dims": dims}
    if difficulty == 2:
        if rng.random() < 0.3:
            return {"kind": "cube", "dims": [rng.randint(2, 40)] * 3}
        return {"kind": "box", "dims": [rng.randint(1, 15) for _ in range(3)]}
    if difficulty == 3:
        if rng.random() < 0.25:
            return {"kind": "cube", "dims": [rng.randint(2, 30)] * 3}
        k = rng.choice((1, 1, 2))
        a, b, c, d = (k * v for v in rng.choice(BOX_QUADS))
        dims = [a, b, c]
        rng.shuffle(dims)
        return {"kind": "box_height", "dims": dims[:2], "diag": d, "h": dims[2]}
    a = rng.randint(2, 16)
    l_min = math.isqrt(a * a // 2) + 1  # the lateral edge exceeds half the base diagonal a/sqrt(2)
    lateral = rng.randint(l_min, l_min + 14)
    main = "pyramid_height" if difficulty == 4 else "pyramid_volume"
    other = "pyramid_volume" if difficulty == 4 else "pyramid_height"
    return {"kind": main if rng.random() < 0.7 else other, "a": a, "l": lateral}


def solve_space(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "box":
        a, b, c = p["dims"]
        n = a * a + b * b + c * c
        value, latex, _ = _length(Fraction(1), n)
        steps.update(n=n, root=_sqrt_steps(n), face=a * a + b * b)
    elif kind == "cube":
        s = p["dims"][0]
        value, latex, _ = _length(Fraction(s), 3)
        steps.update(n=3 * s * s, root=_sqrt_steps(3 * s * s))
    elif kind == "box_height":
        a, b = p["dims"]
        d = p["diag"]
        n = d * d - a * a - b * b
        value, latex, _ = _length(Fraction(1), n)
        steps.update(n=n, root=_sqrt_steps(n))
    else:
        a, lateral = p["a"], p["l"]
        half_diag2 = Fraction(a * a, 2)  # (a/sqrt(2))^2
        h2 = lateral * lateral - half_diag2
        # h = sqrt(h2) = sqrt(4 h2) / 2 with 4 h2 an integer
        h, h_latex, _ = _length(Fraction(1, 2), int(4 * h2))
        steps.update(half_diag2=num(half_diag2), n=num(h2), h=h_latex,
                     root=(_sqrt_steps(int(h2)) if h2.denominator == 1 else f"\\sqrt{{{num(h2)}}} = {h_latex}"),
                     half_diag=surd_tex(0, Fraction(a, 2), 2))
        if kind == "pyramid_height":
            value, latex = h, h_latex
        else:
            value, latex, _ = _length(Fraction(a * a, 6), int(4 * h2))
            steps["vol_expr"] = f"\\frac{{1}}{{3}} \\times {a}^2 \\times {h_latex}"
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_space(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    got = float(solution.answer)
    if got <= 0:  # a length
        return False
    kind = p["kind"]
    if kind == "box":
        return abs(got - math.dist((0, 0, 0), p["dims"])) < 1e-9 * got
    if kind == "cube":
        s = p["dims"][0]
        return abs(got - math.dist((0, 0, 0), (s, s, s))) < 1e-9 * got
    if kind == "box_height":
        a, b = p["dims"]
        return abs(math.dist((0, 0, 0), (a, b, got)) - p["diag"]) < 1e-9 * p["diag"]
    a, lateral = p["a"], p["l"]
    h = got if kind == "pyramid_height" else 3 * got / (a * a)
    # apex above the centre of the square base: its distance to a base corner is the lateral edge
    return abs(math.dist((0, 0, h), (a / 2, a / 2, 0)) - lateral) < 1e-9 * lateral


# --- 相似比と面積比・体積比 --------------------------------------------------------------------


SOLIDS = ("三角錐", "円柱", "円錐", "四角柱", "直方体", "球")
FIGURES = ("三角形", "四角形", "五角形", "台形", "平行四辺形")


def sample_similar(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "area", 2: "volume", 3: "surface_to_volume", 4: "cone_cut", 5: "side_from_area"}[difficulty]
    if difficulty >= 3 and rng.random() < 0.3:
        kind = rng.choice(("area", "volume"))

    def draw(r: Random) -> dict[str, Any]:
        m, n = sorted(r.sample(range(1, 8 if difficulty < 4 else 10), 2))
        base = r.randint(1, 4 + difficulty)
        small_given = r.random() < 0.7
        p: dict[str, Any] = {"kind": kind, "m": m, "n": n, "small_given": small_given}
        if kind == "area":
            p["given"] = base * (m * m if small_given else n * n)
            p["figure"] = r.choice(FIGURES)
        elif kind in ("volume", "surface_to_volume"):
            p["given"] = base * (m**3 if small_given else n**3)
            p["figure"] = r.choice(SOLIDS)
        elif kind == "cone_cut":
            p["given"] = base * (m + n) ** 3
            p["part"] = r.choice(("top", "bottom"))
        else:
            t = r.randint(1, 3 + difficulty)
            p["areas"] = [base * m * m, base * n * n]
            p["side"] = t * (m if small_given else n)
        return p

    return draw_until(rng, draw, lambda p: math.gcd(p["m"], p["n"]) == 1)


def solve_similar(params: Mapping[str, Any]) -> Solution:
    p = params
    m, n, kind = p["m"], p["n"], p["kind"]
    steps: dict[str, Any] = {"kind": kind, "m": m, "n": n}
    if kind == "area":
        k = 2
    elif kind in ("volume", "surface_to_volume"):
        k = 3
    else:
        k = 0
    if k:
        src, dst = (m, n) if p["small_given"] else (n, m)
        value = Fraction(p["given"] * dst**k, src**k)
        steps.update(k=k, src=src, dst=dst, ratio=f"{m**k}:{n**k}", src_k=src**k, dst_k=dst**k)
        if kind == "surface_to_volume":
            steps["surface"] = f"{m * m}:{n * n}"
    elif kind == "cone_cut":
        total = m + n
        small = Fraction(p["given"] * m**3, total**3)
        value = small if p["part"] == "top" else p["given"] - small
        steps.update(total=total, ratio=f"{m**3}:{total**3}", small=num(small), m3=m**3, t3=total**3)
    else:
        s1, s2 = p["areas"]
        src, dst = (m, n) if p["small_given"] else (n, m)
        value = Fraction(p["side"] * dst, src)
        steps.update(area_ratio=f"{s1}:{s2}", reduced=f"{m * m}:{n * n}", src=src, dst=dst)
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


def verify_similar(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    got = Fraction(int(solution.answer.p), int(solution.answer.q))
    if got <= 0:  # a length, area or volume
        return False
    m, n, kind = p["m"], p["n"], p["kind"]
    if kind == "cone_cut":
        # explicit cones: the whole cone (radius R, height H) and the top cone scaled by m/(m+n)
        t = m / (m + n)
        whole = math.pi * 3.0**2 * 5.0 / 3
        top = math.pi * (3.0 * t) ** 2 * (5.0 * t) / 3
        want = p["given"] * (top / whole if p["part"] == "top" else 1 - top / whole)
        return abs(float(got) - want) < 1e-9 * want
    if kind == "side_from_area":
        s1, s2 = p["areas"]
        # the squared side ratio must equal the area ratio
        small_side, big_side = (p["side"], got) if p["small_given"] else (got, p["side"])
        return small_side * small_side * s2 == big_side * big_side * s1
    k = 2 if kind == "area" else 3
    small, big = (p["given"], got) if p["small_given"] else (got, p["given"])
    return small * n**k == big * m**k


UNIT = Unit(
    id="jhs3.similarity_pythagoras",
    name="相似・三平方の定理",
    course="中3",
    types=(
        ProblemType(
            id="pythagoras", name="三平方の定理", sample=sample_pythagoras, solve=solve_pythagoras,
            verify=verify_pythagoras, problem_templates=("pyth_1.j2", "pyth_2.j2", "pyth_3.j2"),
            solution_template="pyth_solution.j2",
            knobs="Pythagorean triples -> radicals -> equilateral triangles -> distance/isosceles -> chords",
        ),
        ProblemType(
            id="space_pythagoras", name="空間の三平方", sample=sample_space, solve=solve_space,
            verify=verify_space, problem_templates=("space_1.j2", "space_2.j2", "space_3.j2"),
            solution_template="space_solution.j2",
            knobs="integer box diagonals -> radical diagonals/cubes -> a missing edge -> pyramid height -> pyramid volume",
        ),
        ProblemType(
            id="similar_ratio", name="相似比と面積比・体積比", sample=sample_similar, solve=solve_similar,
            verify=verify_similar, problem_templates=("similar_1.j2", "similar_2.j2", "similar_3.j2"),
            solution_template="similar_solution.j2",
            knobs="area ratio -> volume ratio -> from surface ratio to volume -> cone cut by a parallel plane -> side from an area ratio",
        ),
    ),
)
