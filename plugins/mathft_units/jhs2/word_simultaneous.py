"""連立方程式の利用 (中2): 代金・行き帰りの速さ・昨年比・食塩水・2けたの整数の文章題.

Each sampler draws the two unknowns first and builds the story from them; the solver sets
up the two equations (rows ``a x + b y = c``) and eliminates with :func:`eliminate`; the
verifier brute-forces whole-number candidates against the story's conditions as stated.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import gcd, lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_type,
)
from mathft_units._answers import rational_answer
from mathft_units.jhs2._system import Row, eliminate, row_tex

F = Fraction


def _row(a: Any, b: Any, c: Any) -> Row:
    return (F(a), F(b), F(c))


def _work(r1: Row, r2: Row, u: str = "x", v: str = "y") -> dict[str, Any]:
    work = eliminate(r1, r2, u, v)
    work["uval_tex"], work["vval_tex"] = num(work["uval"]), num(work["vval"])
    return work


def _whole(value: Fraction | int, steps: dict[str, Any]) -> Solution:
    value = F(value)
    if value.denominator != 1:
        raise ValueError(f"answer {value} is not a whole number")
    return Solution(answer=sp.Integer(int(value)), answer_latex=num(value), steps=steps)


def _solves(r1: Row, r2: Row) -> bool:
    try:
        eliminate(r1, r2)
    except ValueError:
        return False
    return True


# --- 代金 (値段が未知の2品) -----------------------------------------------------------------
_GOODS = (
    ("ケーキ", "個", "シュークリーム", "個"), ("パン", "個", "牛乳", "本"), ("ノート", "冊", "ボールペン", "本"),
    ("りんご", "個", "なし", "個"), ("大人の入館券", "枚", "子どもの入館券", "枚"), ("おにぎり", "個", "お茶", "本"),
)
_PRICE_KIND = {1: "plain", 2: "fee", 3: "discount", 4: "discount", 5: "then"}


def sample_price(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _PRICE_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        n = [r.randint(1, 6) for _ in range(4)]
        return {"kind": kind, "goods": list(r.choice(_GOODS)), "x": r.randrange(80, 400, 10), "y": r.randrange(50, 300, 10),
                "n": n, "fee": r.randrange(20, 200, 10), "off": r.randint(1, 3), "ask": "x" if difficulty in (1, 3) else "y",
                "buy": [r.randint(2, 7), r.randint(2, 7)]}

    def ok(p: dict[str, Any]) -> bool:
        n1, m1, n2, m2 = p["n"]
        if n1 * m2 == n2 * m1 or p["x"] == p["y"] or [n1, m1] == [n2, m2]:
            return False
        return kind not in ("discount",) or ((n2 * p["x"] + m2 * p["y"]) * (10 - p["off"])) % 10 == 0

    params = draw_until(rng, draw, ok)
    n1, m1, n2, m2 = params["n"]
    x, y = params["x"], params["y"]
    fee = params["fee"] if kind == "fee" else 0
    params["c1"] = n1 * x + m1 * y + fee
    second = n2 * x + m2 * y
    params["c2"] = second * (10 - params["off"]) // 10 if kind == "discount" else second + fee
    return params


def _price_rows(p: Mapping[str, Any]) -> tuple[Row, Row, list[str]]:
    n1, m1, n2, m2 = p["n"]
    if p["kind"] == "fee":
        f = p["fee"]
        stated = [f"{row_tex(_row(n1, m1, 0))[:-4]} + {f} = {p['c1']}", f"{row_tex(_row(n2, m2, 0))[:-4]} + {f} = {p['c2']}"]
        return _row(n1, m1, p["c1"] - f), _row(n2, m2, p["c2"] - f), stated
    r1 = _row(n1, m1, p["c1"])
    if p["kind"] == "discount":
        keep = F(10 - p["off"], 10)
        lhs = row_tex(_row(n2, m2, 0))[:-4]
        stated = [row_tex(r1), f"\\frac{{{10 - p['off']}}}{{10}}({lhs}) = {p['c2']}"]
        return r1, _row(n2, m2, p["c2"] / keep), stated
    r2 = _row(n2, m2, p["c2"])
    return r1, r2, [row_tex(r1), row_tex(r2)]


def solve_price(p: Mapping[str, Any]) -> Solution:
    r1, r2, stated = _price_rows(p)
    work = _work(r1, r2)
    steps = {"stated": stated, "rows": [row_tex(r1), row_tex(r2)], "work": work,
             "show_rows": stated != [row_tex(r1), row_tex(r2)]}
    if p["kind"] == "then":
        a, b = p["buy"]
        total = a * work["uval"] + b * work["vval"]
        steps["total_line"] = f"{a} \\times {work['uval_tex']} + {b} \\times {work['vval_tex']} = {num(total)}"
        return _whole(total, steps)
    return _whole(work["uval"] if p["ask"] == "x" else work["vval"], steps)


def verify_price(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over whole-yen prices x; y follows from the first purchase as stated."""
    n1, m1, n2, m2 = p["n"]
    fee = p["fee"] if p["kind"] == "fee" else 0
    hits = []
    for x in range(1, p["c1"] // n1 + 1):
        rest = p["c1"] - fee - n1 * x
        if rest <= 0 or rest % m1:
            continue
        y = rest // m1
        second = n2 * x + m2 * y
        if p["kind"] == "discount":
            good = second * (10 - p["off"]) == 10 * p["c2"]
        else:
            good = second + fee == p["c2"]
        if good:
            hits.append(p["buy"][0] * x + p["buy"][1] * y if p["kind"] == "then" else x if p["ask"] == "x" else y)
    return len(hits) == 1 and sp.Integer(hits[0]) == solution.answer


# --- 速さ (行き帰り・川の上り下り) ---------------------------------------------------------
_TRIP_KIND = {1: "hill", 2: "hill_total", 3: "boat_still", 4: "boat_current", 5: "hill_back"}


def sample_trip(rng: Random, difficulty: int) -> dict[str, Any]:
    params = _draw_trip(rng, _TRIP_KIND[difficulty])
    params["boat"] = rng.choice(("船", "ボート", "遊覧船", "モーターボート"))
    return params


def _draw_trip(rng: Random, kind: str) -> dict[str, Any]:
    if kind.startswith("boat"):
        def draw_boat(r: Random) -> dict[str, Any]:
            t1, t2 = r.randint(1, 4), r.randint(2, 6)
            u, v = r.randint(6, 30), r.randint(1, 6)
            return {"kind": kind, "t1": t1, "t2": t2, "u": u, "v": v, "dist": (u + v) * t1}

        return draw_until(rng, draw_boat, lambda p: p["u"] > 2 * p["v"] and p["t2"] > p["t1"]
                          and (p["u"] - p["v"]) * p["t2"] == p["dist"], max_tries=50000)

    def draw_hill(r: Random) -> dict[str, Any]:
        up, down = r.choice(((40, 60), (50, 75), (60, 90), (40, 80), (50, 100), (60, 80), (45, 75), (60, 100)))
        base = lcm(up, down)
        return {"kind": kind, "up": up, "down": down, "x": base * r.randint(1, 6) // r.choice((1, 2, 3, 5)),
                "y": base * r.randint(1, 6) // r.choice((1, 2, 3, 5))}

    def hill_ok(p: dict[str, Any]) -> bool:
        t1 = F(p["x"], p["up"]) + F(p["y"], p["down"])
        t2 = F(p["x"], p["down"]) + F(p["y"], p["up"])
        p["t1"], p["t2"] = int(t1), int(t2)
        return t1.denominator == t2.denominator == 1 and p["x"] != p["y"] and p["x"] % 10 == 0 == p["y"] % 10

    return draw_until(rng, draw_hill, hill_ok, max_tries=5000)


def solve_trip(p: Mapping[str, Any]) -> Solution:
    if p["kind"].startswith("boat"):
        t1, t2, d = p["t1"], p["t2"], p["dist"]
        stated = [f"x + y = {d}" if t1 == 1 else f"{t1}(x + y) = {d}", f"{t2}(x - y) = {d}"]
        r1, r2 = _row(1, 1, F(d, t1)), _row(1, -1, F(d, t2))
        work = _work(r1, r2)
        steps = {"stated": stated, "rows": [row_tex(r1), row_tex(r2)], "work": work}
        return _whole(work["uval"] if p["kind"] == "boat_still" else work["vval"], steps)
    up, down, t1 = p["up"], p["down"], p["t1"]
    big = lcm(up, down)
    stated = [f"\\frac{{x}}{{{up}}} + \\frac{{y}}{{{down}}} = {t1}"]
    r1 = _row(big // up, big // down, big * t1)
    if p["kind"] == "hill_back":
        total = p["x"] + p["y"]
        stated.append(f"x + y = {total}")
        r2 = _row(1, 1, total)
        rows = [row_tex(r1), row_tex(r2)]
        work = _work(r1, r2)
        back = work["uval"] / down + work["vval"] / up
        steps = {"stated": stated, "rows": rows, "work": work, "big": big,
                 "back_line": f"\\frac{{{work['uval_tex']}}}{{{down}}} + \\frac{{{work['vval_tex']}}}{{{up}}} = {num(back)}"}
        return _whole(back, steps)
    t2 = p["t2"]
    stated.append(f"\\frac{{x}}{{{down}}} + \\frac{{y}}{{{up}}} = {t2}")
    r2 = _row(big // down, big // up, big * t2)
    work = _work(r1, r2)
    steps = {"stated": stated, "rows": [row_tex(r1), row_tex(r2)], "work": work, "big": big}
    value = work["uval"] + work["vval"] if p["kind"] == "hill_total" else work["uval"]
    return _whole(value, steps)


def verify_trip(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force: boat speeds 1-60 km/h; hill distances in steps of 10 m up to 10 km."""
    hits = []
    if p["kind"].startswith("boat"):
        for u in range(1, 61):
            for v in range(1, u):
                if (u + v) * p["t1"] == p["dist"] == (u - v) * p["t2"]:
                    hits.append(u if p["kind"] == "boat_still" else v)
        return len(hits) == 1 and sp.Integer(hits[0]) == solution.answer
    up, down, t1 = p["up"], p["down"], p["t1"]
    total = p["x"] + p["y"]
    for x in range(10, 10001, 10):
        if p["kind"] == "hill_back":
            y = total - x
            if y > 0 and x * down + y * up == t1 * up * down:
                hits.append(F(x, down) + F(y, up))
            continue
        # the going time fixes y = down (t1 - x / up); test the return time in integers
        y_up = down * (t1 * up - x)  # y·up
        if y_up > 0 and x * up * up + y_up * down == p["t2"] * down * up * up:
            hits.append(F(x + F(y_up, up)) if p["kind"] == "hill_total" else F(x))
    return len(hits) == 1 and hits[0] == rational_answer(solution.answer)


# --- 割合の増減 (昨年比) --------------------------------------------------------------------
_GROUPS = (("男子", "女子", "人", "ある中学校の生徒数"), ("A 製品", "B 製品", "個", "ある工場の製品の生産数"),
           ("大人", "子ども", "人", "ある施設の入場者数"), ("米", "野菜", "箱", "ある農家の出荷数"),
           ("男性", "女性", "人", "ある町の人口"))
_CHANGE_KIND = {1: ("change", "last_x"), 2: ("change", "this_x"), 3: ("total", "last_y"), 4: ("total", "this_y"),
                5: ("total", "this_x")}


def sample_change(rng: Random, difficulty: int) -> dict[str, Any]:
    given, ask = _CHANGE_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        p, q = r.randint(2, 20), r.randint(2, 20)
        signs = r.choice(((1, -1), (-1, 1), (1, 1))) if difficulty >= 4 else r.choice(((1, -1), (-1, 1)))
        return {"given": given, "ask": ask, "group": list(r.choice(_GROUPS)), "x": r.randrange(100, 900, 10),
                "y": r.randrange(100, 900, 10), "p": p * signs[0], "q": q * signs[1]}

    def ok(p: dict[str, Any]) -> bool:
        dx, dy = F(p["x"] * p["p"], 100), F(p["y"] * p["q"], 100)
        if dx.denominator != 1 or dy.denominator != 1 or p["x"] == p["y"]:
            return False
        p["total"], p["diff"] = p["x"] + p["y"], int(dx + dy)
        p["this_total"] = p["total"] + p["diff"]
        return p["diff"] != 0 and abs(p["p"]) != abs(p["q"])

    return draw_until(rng, draw, ok, max_tries=20000)


def solve_change(p: Mapping[str, Any]) -> Solution:
    a, b = p["p"], p["q"]
    r1 = _row(1, 1, p["total"])
    if p["given"] == "change":
        stated = [row_tex(r1), f"{_pct(a)}x {_signed_pct(b)}y = {p['diff']}"]
        r2 = _row(a, b, 100 * p["diff"])
    else:
        stated = [row_tex(r1), f"{_rate(a)}x + {_rate(b)}y = {p['this_total']}"]
        r2 = _row(100 + a, 100 + b, 100 * p["this_total"])
    work = _work(r1, r2)
    last = work["uval"] if p["ask"].endswith("x") else work["vval"]
    rate = a if p["ask"].endswith("x") else b
    steps: dict[str, Any] = {"stated": stated, "rows": [row_tex(r1), row_tex(r2)], "work": work}
    if p["ask"].startswith("this"):
        this = last * (100 + rate) / 100
        steps["this_line"] = f"{num(last)} \\times \\frac{{{100 + rate}}}{{100}} = {num(this)}"
        return _whole(this, steps)
    return _whole(last, steps)


def _pct(rate: int) -> str:
    return f"\\frac{{{rate}}}{{100}}" if rate > 0 else f"-\\frac{{{-rate}}}{{100}}"


def _signed_pct(rate: int) -> str:
    return f"+ \\frac{{{rate}}}{{100}}" if rate > 0 else f"- \\frac{{{-rate}}}{{100}}"


def _rate(rate: int) -> str:
    return f"\\frac{{{100 + rate}}}{{100}}"


def verify_change(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force last year's x (y = total - x); the stated change or this year's total must match."""
    hits = []
    for x in range(1, p["total"]):
        y = p["total"] - x
        if x * (100 + p["p"]) + y * (100 + p["q"]) != 100 * p["this_total"]:
            continue
        nx, ny = F(x * (100 + p["p"]), 100), F(y * (100 + p["q"]), 100)
        hits.append({"last_x": x, "last_y": y, "this_x": nx, "this_y": ny}[p["ask"]])
    return len(hits) == 1 and hits[0] == rational_answer(solution.answer)


# --- 食塩水 (2つの未知数) -------------------------------------------------------------------
_SALT_KIND = {1: ("mix", "x"), 2: ("mix", "y"), 3: ("water", "x"), 4: ("conc", "x"), 5: ("conc", "y")}


def sample_salt(rng: Random, difficulty: int) -> dict[str, Any]:
    kind, ask = _SALT_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": kind, "ask": ask, "x": r.randrange(50, 600, 50), "y": r.randrange(50, 600, 50),
                "a": r.randint(2, 20), "b": r.randint(2, 20), "w": r.randrange(50, 300, 50),
                "m": [r.randrange(100, 400, 100), r.randrange(100, 400, 100), r.randrange(100, 400, 100),
                      r.randrange(100, 400, 100)]}

    def ok(p: dict[str, Any]) -> bool:
        x, y, a, b = p["x"], p["y"], p["a"], p["b"]
        if a == b or x == y:
            return False
        if kind == "conc":
            m1, n1, m2, n2 = p["m"]
            c1, c2 = F(m1 * a + n1 * b, m1 + n1), F(m2 * a + n2 * b, m2 + n2)
            p["c1"], p["c2"] = int(c1), int(c2)
            return c1.denominator == c2.denominator == 1 and m1 * n2 != m2 * n1 and c1 != c2
        water = p["w"] if kind == "water" else 0
        c = F(x * a + y * b, x + y + water)
        p["c"], p["total"] = int(c), x + y + water
        return c.denominator == 1

    params = draw_until(rng, draw, ok, max_tries=20000)
    params["intro"] = rng.choice(("", "理科の実験で，", "ある実験で，"))
    return params


def solve_salt(p: Mapping[str, Any]) -> Solution:
    if p["kind"] == "conc":
        m1, n1, m2, n2 = p["m"]
        stated = [f"{m1} \\times \\frac{{x}}{{100}} + {n1} \\times \\frac{{y}}{{100}} = {m1 + n1} \\times \\frac{{{p['c1']}}}{{100}}",
                  f"{m2} \\times \\frac{{x}}{{100}} + {n2} \\times \\frac{{y}}{{100}} = {m2 + n2} \\times \\frac{{{p['c2']}}}{{100}}"]
        g1, g2 = gcd(m1, n1), gcd(m2, n2)
        r1, r2 = _row(m1 // g1, n1 // g1, F((m1 + n1) * p["c1"], g1)), _row(m2 // g2, n2 // g2, F((m2 + n2) * p["c2"], g2))
        extra = {"g1": g1 * 100, "g2": g2 * 100}
    else:
        a, b, c, total = p["a"], p["b"], p["c"], p["total"]
        water = p["w"] if p["kind"] == "water" else 0
        first = f"x + y + {water} = {total}" if water else f"x + y = {total}"
        stated = [first, f"x \\times \\frac{{{a}}}{{100}} + y \\times \\frac{{{b}}}{{100}} = {total} \\times \\frac{{{c}}}{{100}}"]
        r1, r2 = _row(1, 1, total - water), _row(a, b, total * c)
        extra = {"g1": 1, "g2": 100}
    work = _work(r1, r2)
    steps = {"stated": stated, "rows": [row_tex(r1), row_tex(r2)], "work": work, **extra}
    return _whole(work["uval"] if p["ask"] == "x" else work["vval"], steps)


def verify_salt(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force: grams in steps of 1 (mixtures) or whole percents 1-99 (concentrations)."""
    hits = []
    if p["kind"] == "conc":
        m1, n1, m2, n2 = p["m"]
        for a in range(1, 100):
            rest = (m1 + n1) * p["c1"] - m1 * a
            if rest <= 0 or rest % n1:
                continue
            b = rest // n1
            if m2 * a + n2 * b == (m2 + n2) * p["c2"]:
                hits.append(a if p["ask"] == "x" else b)
    else:
        water = p["w"] if p["kind"] == "water" else 0
        for x in range(1, p["total"] - water):
            y = p["total"] - water - x
            if F(x * p["a"] + y * p["b"], p["total"]) == p["c"]:
                hits.append(x if p["ask"] == "x" else y)
    return len(hits) == 1 and sp.Integer(hits[0]) == solution.answer


# --- 2けたの整数 -----------------------------------------------------------------------------
# Conditions on the digits x (tens) and y (ones), each a row a x + b y = c plus its data.
_DIGIT_PAIRS = {1: ("sum", "swap_up"), 2: ("sum", "swap_down"), 3: ("tens", "swap_any"), 4: ("ksum", "swap_any"),
                5: ("sum", "swap_times")}


def _digit_value(cond: Mapping[str, Any], x: int, y: int) -> bool:
    """Does the two-digit number with digits (x, y) satisfy the condition as the story states it?"""
    n, m = 10 * x + y, 10 * y + x
    kind, k, r = cond["kind"], cond["k"], cond["r"]
    if kind == "sum":
        return x + y == r
    if kind == "tens":
        return k * x - y == r
    if kind == "ksum":
        return n == k * (x + y) + r
    if kind == "swap_times":
        return m == k * n - r
    return m - n == r  # swap_up / swap_down / swap_any: r is the signed change


def _digit_row(cond: Mapping[str, Any]) -> tuple[Row, str]:
    kind, k, r = cond["kind"], cond["k"], cond["r"]
    if kind == "sum":
        return _row(1, 1, r), f"x + y = {r}"
    if kind == "tens":
        return _row(k, -1, r), row_tex(_row(k, -1, r))
    if kind == "ksum":
        return _row(10 - k, 1 - k, r), f"10x + y = {k}(x + y) + {r}"
    if kind == "swap_times":
        return _row(10 * k - 1, k - 10, r), f"10y + x = {k}(10x + y) - {r}"
    if r < 0:
        return _row(1, -1, F(-r, 9)), f"(10x + y) - (10y + x) = {-r}"
    return _row(-1, 1, F(r, 9)), f"(10y + x) - (10x + y) = {r}"


def sample_digits(rng: Random, difficulty: int) -> dict[str, Any]:
    first, second = _DIGIT_PAIRS[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        x, y = r.randint(1, 9), r.randint(1, 9)
        conds = []
        for kind in (first, second):
            k = r.randint(2, 4) if kind in ("tens", "ksum") else r.randint(2, 3)
            n, m = 10 * x + y, 10 * y + x
            value = {"sum": x + y, "tens": k * x - y, "ksum": n - k * (x + y), "swap_times": k * n - m}.get(kind, m - n)
            conds.append({"kind": kind, "k": k, "r": value})
        return {"x": x, "y": y, "conds": conds}

    def ok(p: dict[str, Any]) -> bool:
        c1, c2 = p["conds"]
        if (c2["kind"] == "swap_up" and c2["r"] <= 0) or (c2["kind"] == "swap_down" and c2["r"] >= 0):
            return False
        if (c2["kind"] == "swap_any" and c2["r"] == 0) or (c1["kind"] in ("tens", "ksum") and c1["r"] <= 0):
            return False
        if c2["kind"] == "swap_times" and c2["r"] <= 0:
            return False
        found = [(x, y) for x in range(1, 10) for y in range(0, 10) if all(_digit_value(c, x, y) for c in (c1, c2))]
        return len(found) == 1 and _solves(_digit_row(c1)[0], _digit_row(c2)[0])

    return draw_until(rng, draw, ok, max_tries=5000)


def solve_digits(p: Mapping[str, Any]) -> Solution:
    (r1, s1), (r2, s2) = (_digit_row(c) for c in p["conds"])
    work = _work(r1, r2)
    value = 10 * work["uval"] + work["vval"]
    steps = {"stated": [s1, s2], "rows": [row_tex(r1), row_tex(r2)], "work": work,
             "show_rows": [s1, s2] != [row_tex(r1), row_tex(r2)]}
    return _whole(value, steps)


def verify_digits(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over 10-99: exactly one number meets both conditions, and it is the answer."""
    hits = [10 * x + y for x in range(1, 10) for y in range(0, 10) if all(_digit_value(c, x, y) for c in p["conds"])]
    return len(hits) == 1 and sp.Integer(hits[0]) == solution.answer


#: Types whose situation has few wordings of its own get a sixth phrasing.
_PHRASINGS = {"two_digit": 6}


def _type(type_id: str, name: str, fns: tuple[Any, Any, Any], knobs: str, shape: str = "word") -> ProblemType:
    return numbered_type(type_id, name, fns, knobs=knobs, shape=shape, phrasings=_PHRASINGS.get(type_id, 5))


UNIT = Unit(
    id="jhs2.word_simultaneous",
    name="連立方程式の利用",
    course="中2",
    description="値段が未知の2品の代金，行き帰りの速さ，昨年比，食塩水，2けたの整数の連立方程式の文章題",
    types=(
        _type("unknown_prices", "2品の値段 (代金の組み合わせ)", (sample_price, solve_price, verify_price),
              "1: 2通りの買い方; 2: 箱代つき; 3-4: 一方が割引き; 5: 2品の値段を求めてから別の買い方の代金"),
        _type("round_trip", "行き帰り・川の上り下り", (sample_trip, solve_trip, verify_trip),
              "1: 上り坂の道のり; 2: 全体の道のり; 3: 静水時の速さ; 4: 流れの速さ; 5: 道のりを求めてから帰りの時間"),
        _type("yearly_change", "割合の増減 (昨年比)", (sample_change, solve_change, verify_change),
              "1: 増減の合計から昨年の数; 2: 今年の数 (1段階多い); 3: 今年の合計から昨年の数; 4-5: 両方増加も含め今年の数"),
        _type("salt_two", "食塩水 (2つの未知数)", (sample_salt, solve_salt, verify_salt),
              "1-2: 2つを混ぜる重さ; 3: 水も加える; 4-5: 2通りの混ぜ方から濃度を求める"),
        _type("two_digit", "2けたの整数", (sample_digits, solve_digits, verify_digits),
              "1-2: 各位の和と入れかえ; 3: 位の数の関係; 4: 各位の和の倍数; 5: 入れかえた数がもとの数の倍"),
    ),
)
