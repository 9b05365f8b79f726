"""関数 y = ax^2 の利用 (中3): 斜面を転がる球, 放物線と直線でできる三角形, 動く2点と三角形の面積.

Samplers choose the constant ``a`` and whole-number data; solvers find ``a`` from the data
when the story gives it that way and then use it; verifiers recompute the story's
quantities (distances, shoelace areas, positions of the moving points) at the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import isqrt
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_type,
)
from mathft_units._answers import rational_answer

F = Fraction


def _rat(value: Fraction) -> Solution:
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps={})


def _with(value: Fraction, steps: dict[str, Any]) -> Solution:
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


def _answer_fraction(solution: Solution) -> Fraction | None:
    return rational_answer(solution.answer)


def _sq(value: Fraction) -> str:
    """A factor that is squared: ``3^2``, ``\\left(\\frac{3}{2}\\right)^2``, ``(-2)^2``."""
    text = num(value)
    if "\\frac" in text:
        return f"\\left({text}\\right)^2"
    return f"({text})^2" if text.startswith("-") else f"{text}^2"


def _ax2(a: Fraction, var: str = "x") -> str:
    return coef_term(a, f"{var}^2")


# --- 斜面を転がる球 (y = ax^2) -----------------------------------------------------------------
_ROLL_KIND = {1: "distance", 2: "average", 3: "time", 4: "avg_then_distance", 5: "catch"}
_A_CHOICES = (F(1, 4), F(1, 2), F(3, 4), F(1), F(3, 2), F(2), F(5, 2), F(3))


def sample_roll(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _ROLL_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a = r.choice(_A_CHOICES)
        t0 = r.randint(2, 6)
        t1, t2 = sorted(r.sample(range(1, 10), 2))
        p = {"kind": kind, "a": [a.numerator, a.denominator], "t0": t0, "t1": t1, "t2": t2, "t3": r.randint(2, 10),
             "scene": r.randrange(3), "x": r.randint(2, 12), "v": 0}
        p["d0"] = a * t0 * t0
        if kind == "time":
            p["dist"] = a * p["x"] ** 2
        if kind == "catch":
            p["v"] = a * p["x"]  # the walker's speed: caught after x seconds
        if kind == "avg_then_distance":
            p["v"] = a * (t1 + t2)
        return p

    def ok(p: dict[str, Any]) -> bool:
        for key in ("d0", "dist", "v"):
            if key in p and isinstance(p[key], Fraction):
                if p[key].denominator != 1:
                    return False
                p[key] = int(p[key])
        if kind == "catch" and not p["v"] <= 12:
            return False
        return p["t0"] not in (p["t1"], p["t2"], p["t3"], p["x"]) and p.get("dist", 1) <= 400

    return draw_until(rng, draw, ok, max_tries=5000)


def solve_roll(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    a = F(p["a"][0], p["a"][1])
    steps: dict[str, Any] = {"a": num(a), "fx": _ax2(a), "a_line": f"{p['d0']} = a \\times {p['t0']}^2"}
    if kind == "avg_then_distance":
        t1, t2 = p["t1"], p["t2"]
        steps["avg_line"] = (f"\\frac{{a \\times {t2}^2 - a \\times {t1}^2}}{{{t2} - {t1}}} = "
                             f"{coef_term(t1 + t2, 'a')}")
        steps["a_line"] = f"{coef_term(t1 + t2, 'a')} = {p['v']}"
        d = a * p["t3"] ** 2
        steps["value_line"] = f"{num(a)} \\times {p['t3']}^2 = {num(d)}" if a != 1 else f"{p['t3']}^2 = {num(d)}"
        return _with(d, steps)
    if kind == "distance":
        t = p["t1"]
        d = a * t * t
        steps["value_line"] = f"{num(a)} \\times {t}^2 = {num(d)}" if a != 1 else f"{t}^2 = {num(d)}"
        return _with(d, steps)
    if kind == "average":
        t1, t2 = p["t1"], p["t2"]
        y1, y2 = a * t1 * t1, a * t2 * t2
        avg = (y2 - y1) / (t2 - t1)
        steps.update(y1=num(y1), y2=num(y2), avg_line=f"\\frac{{{num(y2)} - {num(y1)}}}{{{t2} - {t1}}} = {num(avg)}")
        return _with(avg, steps)
    if kind == "time":
        x2 = F(p["dist"]) / a
        steps.update(eq=f"{_ax2(a)} = {p['dist']}", x2=num(x2), x=num(F(isqrt(int(x2)))))
        return _with(F(isqrt(int(x2))), steps)
    # catch: a x^2 = v x with x > 0
    x = F(p["v"]) / a
    steps.update(eq=f"{_ax2(a)} = {coef_term(p['v'], 'x')}", factored=f"x({coef_term(a, 'x')} - {p['v']}) = 0", x=num(x),
                 vx=coef_term(p["v"], "x"))
    return _with(x, steps)


def verify_roll(p: Mapping[str, Any], solution: Solution) -> bool:
    """Distances from the stated data by proportion: y/t^2 is the same at every time."""
    value = _answer_fraction(solution)
    if value is None:
        return False
    ratio = F(p["d0"], p["t0"] ** 2)  # a from the stated reading
    kind = p["kind"]
    if kind == "distance":
        return value == ratio * p["t1"] ** 2
    if kind == "average":
        return value * (p["t2"] - p["t1"]) == ratio * (p["t2"] ** 2 - p["t1"] ** 2)
    if kind == "time":
        return value > 0 and ratio * value * value == p["dist"]
    if kind == "catch":
        return value > 0 and ratio * value * value == p["v"] * value
    # the answer is a·t3^2; the constant it implies must give the stated average speed
    implied = value / p["t3"] ** 2
    return implied * (p["t2"] ** 2 - p["t1"] ** 2) == p["v"] * (p["t2"] - p["t1"])


# --- 放物線と直線・三角形の面積 ---------------------------------------------------------------
_TRI_KIND = {1: "area", 2: "line", 3: "through", 4: "point_up", 5: "point_down"}


def sample_triangle(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _TRI_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a = r.choice((F(1), F(1, 2), F(2), F(1, 4), F(3), F(1, 3))) if difficulty != 5 else r.choice((F(1, 2), F(1, 4), F(1, 3), F(3, 2)))
        xa, xb = -r.randint(1, 6), r.randint(1, 6)
        s = r.choice((-1, 1)) * r.randint(1, 4)
        return {"kind": kind, "a": [a.numerator, a.denominator], "xa": xa, "xb": xb, "s": s, "c": r.randint(2, 4)}

    def ok(p: dict[str, Any]) -> bool:
        a = F(p["a"][0], p["a"][1])
        ya, yb, yt = a * p["xa"] ** 2, a * p["xb"] ** 2, a * p["s"] ** 2
        n = -a * p["xa"] * p["xb"]
        m = a * (p["xa"] + p["xb"])
        if p["xa"] == -p["xb"]:
            return False
        return ya.denominator == yb.denominator == yt.denominator == 1 and n.denominator == 1 and m.denominator == 1

    params = draw_until(rng, draw, ok)
    a = F(params["a"][0], params["a"][1])
    params["m"], params["n"] = _pq(a * (params["xa"] + params["xb"])), _pq(-a * params["xa"] * params["xb"])
    params["ys"] = _pq(a * params["s"] ** 2)
    params["nm"] = list(rng.choice((("A", "B", "C", "P"), ("P", "Q", "R", "S"), ("A", "B", "D", "P"), ("B", "C", "D", "E"))))
    return params


def _pq(v: Fraction) -> list[int]:
    return [v.numerator, v.denominator]


def _fr(v: list[int]) -> Fraction:
    return F(v[0], v[1])


def solve_triangle(p: Mapping[str, Any]) -> Solution:
    a, xa, xb = _fr(p["a"]), p["xa"], p["xb"]
    m, n = _fr(p["m"]), _fr(p["n"])
    ya, yb = a * xa * xa, a * xb * xb
    area = n * (xb - xa) / 2
    steps: dict[str, Any] = {
        "fx": _ax2(a), "a": num(a), "A": f"({xa}, {num(ya)})", "B": f"({xb}, {num(yb)})", "ya": num(ya), "yb": num(yb),
        "line": join_terms([coef_term(m, "x"), num(n)]), "n": num(n), "m": num(m), "width": xb - xa,
        "line_form": coef_term(m, "x"),
        "area_line": f"\\frac{{1}}{{2}} \\times {num(n)} \\times \\{{{xb} - ({xa})\\}} = {num(area)}",
        "slope_line": f"\\frac{{{num(yb)} - {num(ya)}}}{{{xb} - ({xa})}} = {num(m)}",
        "icpt_line": f"{num(ya)} = {num(m)} \\times {paren(xa)} + b" if m else "",
        "through": f"{num(_fr(p['ys']))} = a \\times {_sq(F(p['s']))}", "ys": num(_fr(p["ys"])),
        "quad": f"{_ax2(a)} = {join_terms([coef_term(m, 'x'), num(n)])}",
    }
    if p["kind"] in ("point_up", "point_down"):
        c = p["c"]
        k = n + c * n if p["kind"] == "point_up" else n - c * n
        steps.update(c=c, k=num(k), target=num(c * area), gap=num(c * n),
                     area_p=f"\\frac{{1}}{{2}} \\times PC \\times {xb - xa} = {num(c * area)}")
        return _with(k, steps)
    return _with(area, steps)


def verify_triangle(p: Mapping[str, Any], solution: Solution) -> bool:
    """Intersections by brute force over integer x (−20…20), then shoelace areas."""
    a, m, n = _fr(p["a"]), _fr(p["m"]), _fr(p["n"])
    xs = [x for x in range(-20, 21) if a * x * x == m * x + n]
    if len(xs) != 2:
        return False
    (x1, y1), (x2, y2) = [(F(x), a * x * x) for x in xs]

    def shoelace(px: Fraction, py: Fraction) -> Fraction:
        return abs(px * (y1 - y2) + x1 * (y2 - py) + x2 * (py - y1)) / 2

    value = _answer_fraction(solution)
    if value is None:
        return False
    base = shoelace(F(0), F(0))
    if p["kind"] in ("point_up", "point_down"):
        above = value > n
        return above == (p["kind"] == "point_up") and shoelace(F(0), value) == p["c"] * base
    return value == base


# --- 動く2点と三角形の面積 (△PBQ, ∠B = 90°) ----------------------------------------------------
_MOVE_KIND = {1: "value", 2: "time", 3: "rate", 4: "stop_value", 5: "stop_time"}


def sample_move(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _MOVE_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        k = r.choice((1, 2, 3))
        h = r.randint(6, 16)  # AB, P moves B -> A at 1 cm/s
        w = k * r.randint(2, h - 1)  # BC, Q moves B -> C at k cm/s, arrives at w/k < h
        stop = w // k
        p = {"kind": kind, "k": k, "h": h, "w": w}
        if kind in ("value", "time"):
            p["x"] = r.randint(1, stop)
        elif kind == "rate":
            p["x1"], p["x2"] = sorted(r.sample(range(1, stop + 1), 2))
        else:
            p["x"] = r.randint(stop + 1, h)
        return p

    def ok(p: dict[str, Any]) -> bool:
        return p["w"] != p["h"]

    params = draw_until(rng, draw, ok)
    params["sw"] = rng.choice(("秒速", "毎秒"))
    if kind in ("time", "stop_time"):
        params["s"] = _pq(move_area(params, F(params["x"])))
    return params


def move_points(p: Mapping[str, Any], t: Fraction) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
    """P on BA and Q on BC after ``t`` seconds, with B(0, 0), A(0, h), C(w, 0)."""
    py = min(F(t), F(p["h"]))
    qx = min(p["k"] * F(t), F(p["w"]))
    return (F(0), py), (qx, F(0))


def move_area(p: Mapping[str, Any], t: Fraction) -> Fraction:
    (px, py), (qx, qy) = move_points(p, t)
    return abs(px * qy - qx * py) / 2  # triangle with B at the origin


def solve_move(p: Mapping[str, Any]) -> Solution:
    k, h, w = p["k"], p["h"], p["w"]
    coef = F(k, 2)
    stop = F(w, k)
    steps: dict[str, Any] = {"stop": num(stop), "y_sq": _ax2(coef), "y_lin": coef_term(F(w, 2), "x"),
                             "bq": coef_term(k, "x"), "h": h, "s_tex": num(_fr(p["s"])) if "s" in p else ""}
    kind = p["kind"]
    if kind == "value":
        y = coef * p["x"] ** 2
        steps["value_line"] = f"{num(coef)} \\times {p['x']}^2 = {num(y)}" if coef != 1 else f"{p['x']}^2 = {num(y)}"
        return _with(y, steps)
    if kind == "rate":
        x1, x2 = p["x1"], p["x2"]
        y1, y2 = coef * x1 * x1, coef * x2 * x2
        rate = (y2 - y1) / (x2 - x1)
        steps.update(rate_line=f"\\frac{{{num(y2)} - {num(y1)}}}{{{x2} - {x1}}} = {num(rate)}")
        return _with(rate, steps)
    if kind == "stop_value":
        y = F(w, 2) * p["x"]
        steps["value_line"] = f"\\frac{{1}}{{2}} \\times {p['x']} \\times {w} = {num(y)}"
        return _with(y, steps)
    s = _fr(p["s"])
    if kind == "time":
        x2 = s / coef
        x = F(isqrt(int(x2)))
        steps.update(eq=f"{_ax2(coef)} = {num(s)}", x2=num(x2), x=num(x))
        return _with(x, steps)
    x = s / F(w, 2)
    steps.update(eq=f"{coef_term(F(w, 2), 'x')} = {num(s)}", x=num(x), max_sq=num(coef * stop * stop))
    return _with(x, steps)


def verify_move(p: Mapping[str, Any], solution: Solution) -> bool:
    """Place P and Q at the answer time and take the area of △PBQ (or the average rate of change)."""
    value = _answer_fraction(solution)
    if value is None:
        return False
    kind = p["kind"]
    if kind in ("value", "stop_value"):
        return value == move_area(p, F(p["x"]))
    if kind == "rate":
        x1, x2 = F(p["x1"]), F(p["x2"])
        return value * (x2 - x1) == move_area(p, x2) - move_area(p, x1)
    # the area grows strictly while P moves, so one time at most gives s
    return 0 < value <= p["h"] and move_area(p, value) == _fr(p["s"])


#: Types whose situation has few wordings of its own get a sixth phrasing.
_PHRASINGS = {"parabola_triangle": 6, "moving_points_area": 6}


def _type(type_id: str, name: str, fns: tuple[Any, Any, Any], knobs: str, shape: str) -> ProblemType:
    return numbered_type(type_id, name, fns, knobs=knobs, shape=shape, phrasings=_PHRASINGS.get(type_id, 5))


UNIT = Unit(
    id="jhs3.ax2_applications",
    name="関数 y=ax^2 の利用",
    course="中3",
    description="斜面を転がる球 (距離と平均の速さ)，放物線と直線で囲まれる三角形，動く2点でできる三角形の面積",
    types=(
        _type("rolling_ball", "斜面を転がる球", (sample_roll, solve_roll, verify_roll),
              "1: 比例定数を求めて距離; 2: 平均の速さ; 3: 進む時間; 4: 平均の速さから比例定数を求めて距離; 5: 一定の速さの人に追いつく",
              "word"),
        _type("parabola_triangle", "放物線と直線でできる三角形", (sample_triangle, solve_triangle, verify_triangle),
              "1: 2点の x 座標から面積; 2: 直線の式から交点を求めて面積; 3: 通る点から a を求めて面積; "
              "4-5: 面積が △OAB の c 倍になる y 軸上の点", "multi-step"),
        _type("moving_points_area", "動く2点と三角形の面積", (sample_move, solve_move, verify_move),
              "1: 面積; 2: 面積が S になる時間; 3: 変化の割合; 4: Q が止まった後の面積; 5: Q が止まった後で面積が S になる時間",
              "multi-step"),
    ),
)
