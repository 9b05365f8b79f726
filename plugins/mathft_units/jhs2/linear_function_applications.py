"""1次関数の利用 (中2): 料金プラン, 水そうの水の量, 長方形の辺上を動く点と三角形の面積.

Samplers build the situation from the answer; solvers write each quantity as a linear
function of ``x`` and solve; verifiers recompute the situation minute by minute (or point
by point along the rectangle) from the story's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import ceil
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, values_list
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_type,
)
from mathft_units._answers import rational_answer
from mathft_units._lineq import isolate

F = Fraction


def _line(slope: Fraction | int, icpt: Fraction | int, var: str = "x") -> str:
    """``y = 30x + 2000`` right-hand side in coefficient form."""
    return join_terms([coef_term(slope, var), num(icpt)]) if slope else num(icpt)


def _whole(value: Fraction | int, steps: dict[str, Any]) -> Solution:
    value = F(value)
    if value.denominator != 1:
        raise ValueError(f"answer {value} is not a whole number")
    return Solution(answer=sp.Integer(int(value)), answer_latex=num(value), steps=steps)


def _equal(a: Any, b: Any, c: Any, d: Any) -> tuple[Fraction, dict[str, Any]]:
    steps = isolate(F(a), F(b), F(c), F(d))
    return steps.pop("value"), steps


# --- 料金プラン ----------------------------------------------------------------------------
_SERVICES = (("携帯電話", "通話時間", "分"), ("レンタサイクル", "利用時間", "時間"), ("スポーツジム", "利用回数", "回"),
             ("動画配信サービス", "視聴本数", "本"), ("音楽配信サービス", "ダウンロード曲数", "曲"))
_PLAN_KIND = {1: "even", 2: "cheaper_int", 3: "tier", 4: "from_data", 5: "data_fee"}


def sample_plans(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _PLAN_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a1 = r.randrange(20, 200, 10)
        b1 = r.randrange(0 if kind == "tier" else 10, a1, 10)
        x0 = r.randint(5, 60)
        a0 = r.randrange(100, 3000, 100)
        b0 = a0 + (a1 - b1) * x0 if kind != "cheaper_int" else a0 + r.randrange(100, 5000, 10)
        p = {"kind": kind, "service": list(r.choice(_SERVICES)), "a0": a0, "a1": a1, "b0": b0, "b1": b1,
             "pts": [r.randint(2, 20), r.randint(21, 60)] if kind in ("from_data", "data_fee") else []}
        if kind == "tier":
            # B: flat b0 up to m units, then b1 per unit over m; A: a0 + a1 x. Two crossings.
            b1 = r.randrange(a1 + 10, a1 + 200, 10)
            m = r.randint(5, 40)
            x1 = r.randint(1, m - 1)
            p.update(b1=b1, m=m, b0=a0 + a1 * x1)
        return p

    def ok(p: dict[str, Any]) -> bool:
        if kind == "cheaper_int":
            x0 = F(p["b0"] - p["a0"], p["a1"] - p["b1"])
            return 3 <= x0 <= 80
        if kind == "tier":
            # second crossing: a0 + a1 x = b0 + b1 (x - m), x > m
            x2 = F(p["b0"] - p["b1"] * p["m"] - p["a0"], p["a1"] - p["b1"])
            return x2.denominator == 1 and x2 > p["m"] and x2 <= 150
        return p["b0"] > p["a0"]

    return draw_until(rng, draw, ok, max_tries=5000)


def _fee_a(p: Mapping[str, Any], x: Fraction | int) -> Fraction:
    return p["a0"] + p["a1"] * F(x)


def _fee_b(p: Mapping[str, Any], x: Fraction | int) -> Fraction:
    if p["kind"] == "tier":
        return F(p["b0"]) if x <= p["m"] else p["b0"] + p["b1"] * (F(x) - p["m"])
    return p["b0"] + p["b1"] * F(x)


def _data_line(points: list[list[int]]) -> tuple[Fraction, Fraction]:
    (x1, y1), (x2, y2) = points
    slope = F(y2 - y1, x2 - x1)
    return slope, y1 - slope * x1


def plan_data(p: Mapping[str, Any]) -> dict[str, list[list[int]]]:
    """The table values the problem shows for plans given by data (two points per plan)."""
    t1, t2 = p["pts"]
    out = {"a": [[t, int(_fee_a(p, t))] for t in (t1, t2)]}
    if p["kind"] == "data_fee":
        out["b"] = [[t, int(_fee_b(p, t))] for t in (t1 + 3, t2 + 5)]
    return out


def solve_plans(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    data = plan_data(p) if kind in ("from_data", "data_fee") else {}
    steps: dict[str, Any] = {"line_a": _line(p["a1"], p["a0"]), "line_b": _line(p["b1"], p["b0"]), "data": data}
    if kind in ("from_data", "data_fee"):
        slope, icpt = _data_line(data["a"])
        (xa1, ya1), (xa2, ya2) = data["a"]
        steps["derive_a"] = {"slope": f"\\frac{{{ya2} - {ya1}}}{{{xa2} - {xa1}}} = {num(slope)}",
                             "icpt": f"{ya1} = {num(slope)} \\times {xa1} + b", "line": _line(slope, icpt)}
        if kind == "data_fee":
            sb, ib = _data_line(data["b"])
            (xb1, yb1), (xb2, yb2) = data["b"]
            steps["derive_b"] = {"slope": f"\\frac{{{yb2} - {yb1}}}{{{xb2} - {xb1}}} = {num(sb)}",
                                 "icpt": f"{yb1} = {num(sb)} \\times {xb1} + b", "line": _line(sb, ib)}
    if kind == "tier":
        m, b0, b1 = p["m"], p["b0"], p["b1"]
        steps["line_b2"] = _line(b1, b0 - b1 * m)
        steps["setup"] = f"{steps['line_a']} = {steps['line_b2']}"
        x, iso = _equal(p["a1"], p["a0"], b1, b0 - b1 * m)
        x1, _ = _equal(p["a1"], p["a0"], 0, b0)
        steps.update(iso=iso, x=num(x), first=num(x1))
        return _whole(x, steps)
    steps["setup"] = f"{steps['line_a']} = {steps['line_b']}"
    x, iso = _equal(p["a1"], p["a0"], p["b1"], p["b0"])
    steps.update(iso=iso, x=num(x))
    if kind == "cheaper_int":
        n = x + 1 if x.denominator == 1 else F(ceil(x))
        steps["n"] = num(n)
        return _whole(n, steps)
    if kind == "data_fee":
        fee = _fee_a(p, x)
        slope, icpt = _data_line(plan_data(p)["a"])
        steps["fee_line"] = f"{num(slope)} \\times {num(x)} {'+' if icpt >= 0 else '-'} {num(abs(icpt))} = {num(fee)}"
        return _whole(fee, steps)
    return _whole(x, steps)


def verify_plans(p: Mapping[str, Any], solution: Solution) -> bool:
    """Tabulate both fees for whole units 0-160 (plans given by data are interpolated from it)."""
    kind = p["kind"]
    fee_a: Any = lambda x: p["a0"] + p["a1"] * x  # noqa: E731
    fee_b: Any = lambda x: p["b0"] + p["b1"] * x  # noqa: E731
    if kind == "tier":
        fee_b = lambda x: p["b0"] if x <= p["m"] else p["b0"] + p["b1"] * (x - p["m"])  # noqa: E731
    if kind in ("from_data", "data_fee"):
        data = plan_data(p)
        sa, ia = _data_line(data["a"])
        fee_a = lambda x: sa * x + ia  # noqa: E731
        if kind == "data_fee":
            sb, ib = _data_line(data["b"])
            fee_b = lambda x: sb * x + ib  # noqa: E731
    xs = range(0, 161)
    if kind == "cheaper_int":
        cheaper = [x for x in xs if fee_b(x) < fee_a(x)]
        n = cheaper[0] if cheaper else None
        return n is not None and cheaper == list(range(n, 161)) and sp.Integer(n) == solution.answer
    equal = [x for x in xs if fee_a(x) == fee_b(x)]
    if kind == "tier":
        equal = [x for x in equal if x > p["m"]]
    if len(equal) != 1:
        return False
    value = fee_a(equal[0]) if kind == "data_fee" else equal[0]
    return sp.Integer(int(value)) == solution.answer


# --- 水そう ------------------------------------------------------------------------------
_TANK_KIND = {1: "drain_fill", 2: "both_fill", 3: "late", 4: "from_graph", 5: "late_amount"}


def sample_tanks(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _TANK_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        x = r.randint(4, 40)
        p_, q = r.randint(2, 12), r.randint(2, 12)
        t = r.randint(2, 10) if kind in ("late", "late_amount") else 0
        b = r.randrange(10, 200, 10)
        if kind == "both_fill":
            q = p_ + r.randint(1, 8)
            a = b + (q - p_) * x
        else:
            a = b + q * (x - t) + p_ * x
        return {"kind": kind, "a": a, "b": b, "p": p_, "q": q, "t": t, "x": x,
                "pts": sorted(r.sample(range(1, x), 2)) if x > 3 else [1, 2]}

    def ok(p: dict[str, Any]) -> bool:
        if kind in ("late", "late_amount"):
            return p["x"] > p["t"] and p["a"] - p["p"] * p["t"] > p["b"] and p["a"] - p["p"] * p["x"] > 0
        if kind == "both_fill":
            return p["a"] > p["b"]
        return p["a"] - p["p"] * p["x"] > 0 and p["a"] <= 1000

    params = draw_until(rng, draw, ok, max_tries=5000)
    params["tank"] = rng.choice(("水そう", "タンク", "貯水そう"))
    return params


def _level_a(p: Mapping[str, Any], x: Fraction | int) -> Fraction:
    sign = 1 if p["kind"] == "both_fill" else -1
    return p["a"] + sign * p["p"] * F(x)


def _level_b(p: Mapping[str, Any], x: Fraction | int) -> Fraction:
    if p["kind"] in ("late", "late_amount"):
        return F(p["b"]) if x <= p["t"] else p["b"] + p["q"] * (F(x) - p["t"])
    return p["b"] + p["q"] * F(x)


def tank_points(p: Mapping[str, Any]) -> list[list[int]]:
    """The two readings of tank A that the 4th-level problem gives instead of its formula."""
    return [[t, int(_level_a(p, t))] for t in p["pts"]]


def solve_tanks(p: Mapping[str, Any]) -> Solution:
    kind, a, b, rate_a, q, t = p["kind"], p["a"], p["b"], p["p"], p["q"], p["t"]
    slope_a = rate_a if kind == "both_fill" else -rate_a
    steps: dict[str, Any] = {"line_a": _line(slope_a, a), "line_b": _line(q, b), "pts": tank_points(p)}
    if kind == "from_graph":
        (t1, w1), (t2, w2) = tank_points(p)
        steps["derive"] = {"slope": f"\\frac{{{w2} - {w1}}}{{{t2} - {t1}}} = {num(F(w2 - w1, t2 - t1))}",
                           "icpt": f"{w1} = {num(slope_a)} \\times {t1} + b"}
    b_icpt = b
    if kind in ("late", "late_amount"):
        b_icpt = b - q * t
        steps["line_b"] = f"{q}(x - {t}) + {b}" if b else f"{q}(x - {t})"
        steps["line_b_exp"] = _line(q, b_icpt)
    steps["setup"] = f"{steps['line_a']} = {steps.get('line_b_exp', steps['line_b'])}"
    x, iso = _equal(slope_a, a, q, b_icpt)
    steps.update(iso=iso, x=num(x))
    if kind == "late_amount":
        amount = _level_a(p, x)
        steps["amount_line"] = f"{a} - {rate_a} \\times {num(x)} = {num(amount)}"
        return _whole(amount, steps)
    return _whole(x, steps)


def verify_tanks(p: Mapping[str, Any], solution: Solution) -> bool:
    """Minute by minute for 0-300 minutes: the one minute at which both tanks hold the same."""
    a, b, rate_a, q, t = p["a"], p["b"], p["p"], p["q"], p["t"]
    sign = 1 if p["kind"] == "both_fill" else -1
    late = p["kind"] in ("late", "late_amount")
    equal = []
    for m in range(0, 301):
        level_a = a + sign * rate_a * m
        level_b = (b if m <= t else b + q * (m - t)) if late else b + q * m
        if level_a == level_b and level_a >= 0:
            equal.append(m)
    if len(equal) != 1:
        return False
    value = a + sign * rate_a * equal[0] if p["kind"] == "late_amount" else equal[0]
    return sp.Integer(value) == solution.answer


# --- 動点 (長方形 ABCD の辺上を A→B→C→D と動く点 P, △APD の面積) ------------------------------
_POINT_KIND = {1: "on_ab", 2: "on_cd", 3: "time_cd", 4: "times", 5: "times_fast"}


def sample_point(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _POINT_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a, b = r.randint(3, 12), r.randint(3, 14)
        v = 2 if kind == "times_fast" else 1
        p = {"kind": kind, "a": a, "b": b, "v": v}
        if kind == "on_ab":
            p["x"] = r.randint(1, a - 1)
        elif kind == "on_cd":
            p["x"] = r.randint(a + b + 1, 2 * a + b - 1)
        else:
            p["s"] = F(b * r.randint(1, a - 1), 2)  # area b·k/2 with 0 < k < a (k = AP while P is on AB)
            p["s"] = [p["s"].numerator, p["s"].denominator]
        return p

    def ok(p: dict[str, Any]) -> bool:
        if "s" in p and p["s"][1] != 1:
            return False
        return p["a"] != p["b"]

    params = draw_until(rng, draw, ok)
    params["board"] = rng.choice(("長方形", "長方形の紙", "長方形の板", "長方形のカード"))
    return params


def point_position(p: Mapping[str, Any], x: Fraction) -> tuple[Fraction, Fraction]:
    """Coordinates of P after ``x`` seconds with A(0, a), B(0, 0), C(b, 0), D(b, a)."""
    a, b = p["a"], p["b"]
    d = p["v"] * F(x)
    if d <= a:
        return F(0), a - d
    if d <= a + b:
        return d - a, F(0)
    return F(b), d - a - b


def triangle_apd(p: Mapping[str, Any], x: Fraction) -> Fraction:
    """Shoelace area of triangle APD."""
    a, b = p["a"], p["b"]
    (ax, ay), (px, py), (dx, dy) = (F(0), F(a)), point_position(p, x), (F(b), F(a))
    return abs(ax * (py - dy) + px * (dy - ay) + dx * (ay - py)) / 2


def solve_point(p: Mapping[str, Any]) -> Solution:
    a, b, v, kind = p["a"], p["b"], p["v"], p["kind"]
    half = F(b, 2)
    steps: dict[str, Any] = {"ab_end": num(F(a, v)), "bc_end": num(F(a + b, v)), "cd_end": num(F(2 * a + b, v)),
                             "y_ab": _line(half * v, 0), "y_bc": num(F(a * b, 2)),
                             "y_cd": _line(-half * v, half * (2 * a + b)), "pd": _line(-v, 2 * a + b)}
    if kind in ("on_ab", "on_cd"):
        x = F(p["x"])
        y = half * v * x if kind == "on_ab" else half * (2 * a + b - v * x)
        steps["value_line"] = (f"\\frac{{1}}{{2}} \\times {b} \\times {num(v * x)} = {num(y)}" if kind == "on_ab"
                               else f"\\frac{{1}}{{2}} \\times {b} \\times ({2 * a + b} - {num(v * x)}) = {num(y)}")
        return Solution(answer=sp.Rational(y.numerator, y.denominator), answer_latex=num(y), steps=steps)
    s = F(p["s"][0], p["s"][1])
    t_up = s / (half * v)
    t_down = (half * (2 * a + b) - s) / (half * v)
    steps.update(s=num(s), t_up=num(t_up), t_down=num(t_down),
                 eq_up=f"{steps['y_ab']} = {num(s)}", eq_down=f"{steps['y_cd']} = {num(s)}")
    if kind == "time_cd":
        return Solution(answer=sp.Rational(t_down.numerator, t_down.denominator), answer_latex=num(t_down), steps=steps)
    values = [t_up, t_down]
    return Solution(answer=sp.FiniteSet(*[sp.Rational(t.numerator, t.denominator) for t in values]),
                    answer_latex=values_list(num(t) for t in values), steps=steps)


def verify_point(p: Mapping[str, Any], solution: Solution) -> bool:
    """Place P on the rectangle at the answer time(s) and compute △APD with the shoelace formula."""
    a, b, v = p["a"], p["b"], p["v"]
    end = F(2 * a + b, v)
    if p["kind"] in ("on_ab", "on_cd"):
        return triangle_apd(p, F(p["x"])) == rational_answer(solution.answer)
    s = F(p["s"][0], p["s"][1])
    listed = isinstance(solution.answer, sp.FiniteSet)
    if listed != (p["kind"] in ("times", "times_fast")):
        return False
    times = [rational_answer(t) for t in (solution.answer.args if listed else (solution.answer,))]
    if not all(t is not None and 0 < t <= end and triangle_apd(p, t) == s for t in times):
        return False
    if p["kind"] == "time_cd":
        return len(times) == 1 and point_position(p, times[0])[0] == b
    # the area rises on AB, is a·b/2 on BC, falls on CD: exactly two times when s < a·b/2
    return len(set(times)) == 2 and s < F(a * b, 2)


def _type(type_id: str, name: str, fns: tuple[Any, Any, Any], knobs: str, shape: str) -> ProblemType:
    return numbered_type(type_id, name, fns, knobs=knobs, shape=shape, phrasings=5)


UNIT = Unit(
    id="jhs2.linear_function_applications",
    name="1次関数の利用",
    course="中2",
    description="料金プランの比較，2つの水そうの水の量，長方形の辺上を動く点と三角形の面積",
    types=(
        _type("fee_plans", "料金プランの比較", (sample_plans, solve_plans, verify_plans),
              "1: 料金が等しくなる量; 2: 安くなる最小の整数; 3: 定額部分のあるプランと2回目の交点; "
              "4: 表から式を求めてから比較; 5: 両プランを表から求め，等しいときの料金", "multi-step"),
        _type("water_tanks", "2つの水そう", (sample_tanks, solve_tanks, verify_tanks),
              "1: 排水と給水; 2: 両方給水; 3: 一方が遅れて給水; 4: 2つの読みから式を求める; 5: 等しいときの水の量",
              "word"),
        _type("moving_point", "動点と三角形の面積", (sample_point, solve_point, verify_point),
              "1: AB 上の面積; 2: CD 上の面積; 3: CD 上で面積が S になる時間; 4: 面積が S になる2つの時間; "
              "5: 秒速 2 cm で2つの時間", "multi-step"),
    ),
)
