"""1次方程式の利用 (中1): 速さ・割合・食塩水・年齢・過不足・仕事算の文章題.

Every type samples the unknown first and builds the story around it, so the answer is a
whole number; the solver sets up ``a x + b = c x + d`` and isolates ``x`` (exact
fractions), the verifier checks the story's conditions directly (brute force over whole
numbers or substitution with a neighbour that must fail).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, num
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_type,
)
from mathft_units._answers import integer_answer
from mathft_units._lineq import isolate

F = Fraction


def _answer(value: Fraction | int, steps: dict[str, Any]) -> Solution:
    value = F(value)
    if value.denominator != 1:
        raise ValueError(f"answer {value} is not a whole number")
    return Solution(answer=sp.Integer(int(value)), answer_latex=num(value), steps=steps)


def _solve_linear(a: Any, b: Any, c: Any, d: Any, setup: str, **extra: Any) -> tuple[Fraction, dict[str, Any]]:
    """Isolate ``x`` in ``a x + b = c x + d``; the CoT lines plus ``setup`` (how it was modelled)."""
    steps = isolate(F(a), F(b), F(c), F(d))
    value = steps.pop("value")
    steps["show_equation"] = steps["equation"] != setup
    return value, {**steps, "setup": setup, "x": num(value), **extra}


def _unique(found: list[int], answer: Solution) -> bool:
    return len(found) == 1 and sp.Integer(found[0]) == answer.answer


def _dec(value: Fraction) -> str:
    """A terminating decimal of a rate such as ``0.85``."""
    scaled = value * 100
    if scaled.denominator != 1:
        raise ValueError(f"{value} is not a two-place decimal")
    whole, cents = divmod(int(scaled), 100)
    return str(whole) if cents == 0 else f"{whole}.{f'{cents:02d}'.rstrip('0')}"


# --- 速さ・道のり・時間 (出会う・追いつく・池のまわり) -----------------------------------------
_SPEED_KIND = {1: "meet", 2: "chase", 3: "meet_late", 4: "chase_point", 5: "lap"}
_PAIRS = (("A さん", "B さん"), ("弟", "兄"), ("妹", "姉"), ("太郎さん", "花子さん"), ("ゆうきさん", "あおいさん"))


def sample_speed(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _SPEED_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        v1 = r.randrange(50, 100, 10)
        v2 = r.randrange(60, 250, 10)
        x = r.randint(3, 25)
        t = r.randint(2, 15)
        p = {"kind": kind, "v1": v1, "v2": v2, "x": x, "t": t, "who": list(r.choice(_PAIRS))}
        if kind == "meet":
            p["dist"] = (v1 + v2) * x
        elif kind == "meet_late":
            p["dist"] = v1 * t + (v1 + v2) * x
        elif kind == "lap":
            p["dist"] = (v2 - v1) * x
        return p

    def ok(p: dict[str, Any]) -> bool:
        v1, v2, t = p["v1"], p["v2"], p["t"]
        if kind in ("chase", "chase_point"):
            if v2 <= v1 or (v1 * t) % (v2 - v1):
                return False
            p["x"] = v1 * t // (v2 - v1)
            return 2 <= p["x"] <= 40
        if kind == "lap":
            return v2 > v1 and 600 <= p["dist"] <= 3000 and p["dist"] % 100 == 0
        return v1 != v2 and p["dist"] <= 6000

    return draw_until(rng, draw, ok, max_tries=20000)


def solve_speed(p: Mapping[str, Any]) -> Solution:
    kind, v1, v2, t = p["kind"], p["v1"], p["v2"], p["t"]
    if kind == "meet":
        x, steps = _solve_linear(v1 + v2, 0, 0, p["dist"], f"{v1}x + {v2}x = {p['dist']}")
    elif kind == "meet_late":
        x, steps = _solve_linear(v1 + v2, v1 * t, 0, p["dist"], f"{v1}({t} + x) + {v2}x = {p['dist']}")
    elif kind == "lap":
        x, steps = _solve_linear(v2 - v1, 0, 0, p["dist"], f"{v2}x - {v1}x = {p['dist']}")
    else:
        x, steps = _solve_linear(v2, 0, v1, v1 * t, f"{v2}x = {v1}({t} + x)")
    answer = v2 * x if kind == "chase_point" else x
    return _answer(answer, steps)


def verify_speed(p: Mapping[str, Any], solution: Solution) -> bool:
    """Walk minute by minute: where is each person, and when does the story's event happen."""
    kind, v1, v2, t, dist = p["kind"], p["v1"], p["v2"], p["t"], p.get("dist", 0)
    found = []
    for m in range(1, 400):
        if kind == "meet":
            hit = v1 * m + v2 * m == dist
        elif kind == "meet_late":
            hit = v1 * (m + t) + v2 * m == dist
        elif kind == "lap":
            hit = (v2 * m - v1 * m) == dist
        else:
            hit = v1 * (m + t) == v2 * m
        if hit:
            found.append(v2 * m if kind == "chase_point" else m)
    return _unique(found, solution)


# --- 割合・定価・割引・利益 -------------------------------------------------------------------
_PRICE_KIND = {1: "sale", 2: "markup_minus", 3: "markup_discount", 4: "list_price", 5: "bulk"}


def sample_price(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _PRICE_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        cost = r.randrange(300, 5000, 100)
        up, off = r.randint(2, 5), r.randint(1, 3)
        minus = r.randrange(50, 500, 10)
        n = r.randrange(20, 80, 10)
        m = r.randint(n // 2, n - 5)
        return {"kind": kind, "cost": cost, "up": up, "off": off, "minus": minus, "n": n, "m": m}

    def ok(p: dict[str, Any]) -> bool:
        price = F(p["cost"] * (10 + p["up"]), 10)
        sold = price * F(10 - p["off"], 10)
        if kind == "sale":
            p["sold"] = int(price * F(10 - p["off"], 10)) if (price * F(10 - p["off"], 10)).denominator == 1 else 0
            p["list"] = int(price) if price.denominator == 1 else 0
            return p["sold"] > 0 and p["list"] > 0
        if kind == "markup_minus":
            p["gain"] = price - p["minus"] - p["cost"]
        elif kind == "bulk":
            p["gain"] = price * p["m"] + sold * (p["n"] - p["m"]) - p["cost"] * p["n"]
        else:
            p["gain"] = sold - p["cost"]
        gain = F(p["gain"])
        p["gain"] = int(gain) if gain.denominator == 1 else 0
        return p["gain"] > 0 and sold.denominator == 1 and price.denominator == 1

    params = draw_until(rng, draw, ok, max_tries=5000)
    params["item"] = rng.choice(("品物", "商品", "セーター", "かばん", "腕時計"))
    return params


def _price_profit(p: Mapping[str, Any], cost: Fraction) -> Fraction:
    """Profit of the story for a cost price ``cost`` (list price = cost·(1 + up/10))."""
    price = cost * F(10 + p["up"], 10)
    sold = price * F(10 - p["off"], 10)
    if p["kind"] == "markup_minus":
        return price - p["minus"] - cost
    if p["kind"] == "bulk":
        return price * p["m"] + sold * (p["n"] - p["m"]) - cost * p["n"]
    return sold - cost


def _dec_steps(coef: Fraction, rhs: Fraction, setup: str, **extra: Any) -> tuple[Fraction, dict[str, Any]]:
    """``coef·x = rhs`` with a decimal coefficient, as a 割合 answer key writes it."""
    x = F(rhs) / coef
    collected = f"{_dec(coef)}x = {num(rhs)}"
    return x, {"setup": setup, "collected": collected, "show_collected": collected != setup,
               "coef": _dec(coef), "rhs": num(rhs), "x": num(x), **extra}


def solve_price(p: Mapping[str, Any]) -> Solution:
    kind, up, off = p["kind"], p["up"], p["off"]
    rise, keep = F(10 + up, 10), F(10 - off, 10)
    extra = {"rise": _dec(rise), "keep": _dec(keep), "both": _dec(rise * keep)}
    if kind == "sale":
        x, steps = _dec_steps(keep, F(p["sold"]), f"{_dec(keep)}x = {p['sold']}", **extra)
    elif kind == "markup_minus":
        setup = f"{_dec(rise)}x - {p['minus']} - x = {p['gain']}"
        x, steps = _dec_steps(rise - 1, F(p["gain"] + p["minus"]), setup, **extra)
    elif kind == "bulk":
        coef = rise * p["m"] + rise * keep * (p["n"] - p["m"]) - p["n"]
        setup = (f"{_dec(rise)}x \\times {p['m']} + {_dec(rise * keep)}x \\times {p['n'] - p['m']}"
                 f" - {p['n']}x = {p['gain']}")
        x, steps = _dec_steps(coef, F(p["gain"]), setup, **extra)
    else:
        setup = f"{_dec(rise * keep)}x - x = {p['gain']}"
        x, steps = _dec_steps(rise * keep - 1, F(p["gain"]), setup, **extra)
        if kind == "list_price":
            steps["list"] = num(x * rise)
            return _answer(x * rise, steps)
    return _answer(x, steps)


def verify_price(p: Mapping[str, Any], solution: Solution) -> bool:
    """Recompute the story from the answer: the profit (or sale price) must come out as stated."""
    whole = integer_answer(solution.answer)
    if whole is None:
        return False
    value = F(whole)
    if p["kind"] == "sale":
        return value * (10 - p["off"]) == p["sold"] * 10
    cost = value / F(10 + p["up"], 10) if p["kind"] == "list_price" else value
    return cost.denominator == 1 and cost > 0 and _price_profit(p, cost) == p["gain"]


# --- 食塩水の濃度 ------------------------------------------------------------------------
_SALT_KIND = {1: "dilute", 2: "evaporate", 3: "mix", 4: "add_salt", 5: "replace"}


def sample_salt(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _SALT_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": kind, "mass": r.randrange(100, 800, 50), "a": r.randint(2, 20), "b": r.randint(1, 20),
                "c": r.randint(2, 25), "x": 0}

    def ok(p: dict[str, Any]) -> bool:
        m, a, b, c = p["mass"], p["a"], p["b"], p["c"]
        if kind == "dilute":
            x = F(m * (a - c), c)
        elif kind == "evaporate":
            x = F(m * (c - a), c)
        elif kind == "mix":
            if not (b < c < a or a < c < b):
                return False
            x = F(m * (a - c), c - b)
        elif kind == "add_salt":
            x = F(m * (c - a), 100 - c)
        else:
            x = F(m * (a - c), a)
        p["x"] = int(x) if x.denominator == 1 else 0
        return 0 < p["x"] < (m if kind in ("evaporate", "replace") else 2000) and (p["x"] % 5 == 0 or kind == "add_salt")

    params = draw_until(rng, draw, ok, max_tries=20000)
    params["intro"] = rng.choice(("", "理科の実験で，", "ある実験で，"))
    return params


def _salt_after(p: Mapping[str, Any], x: Fraction) -> tuple[Fraction, Fraction]:
    """(salt, solution) in grams after doing the story's operation with ``x`` grams."""
    m, a, b = p["mass"], F(p["a"], 100), F(p["b"], 100)
    kind = p["kind"]
    if kind == "dilute":
        return m * a, m + x
    if kind == "evaporate":
        return m * a, m - x
    if kind == "mix":
        return m * a + x * b, m + x
    if kind == "add_salt":
        return m * a + x, m + x
    return (m - x) * a, F(m)


def solve_salt(p: Mapping[str, Any]) -> Solution:
    m, a, b, c, kind = p["mass"], p["a"], p["b"], p["c"], p["kind"]
    salt0 = num(F(m * a, 100))
    if kind == "dilute":
        setup = f"{m} \\times \\frac{{{a}}}{{100}} = (x + {m}) \\times \\frac{{{c}}}{{100}}"
        cleared = f"{m * a} = {c}(x + {m})"
        x, steps = _solve_linear(0, m * a, c, c * m, setup)
    elif kind == "evaporate":
        setup = f"{m} \\times \\frac{{{a}}}{{100}} = ({m} - x) \\times \\frac{{{c}}}{{100}}"
        cleared = f"{m * a} = {c}({m} - x)"
        x, steps = _solve_linear(0, m * a, -c, c * m, setup)
    elif kind == "mix":
        setup = f"{m} \\times \\frac{{{a}}}{{100}} + x \\times \\frac{{{b}}}{{100}} = ({m} + x) \\times \\frac{{{c}}}{{100}}"
        cleared = f"{m * a} + {coef_term(b, 'x')} = {c}({m} + x)"
        x, steps = _solve_linear(b, m * a, c, c * m, setup)
    elif kind == "add_salt":
        setup = f"{m} \\times \\frac{{{a}}}{{100}} + x = ({m} + x) \\times \\frac{{{c}}}{{100}}"
        cleared = f"{m * a} + 100x = {c}({m} + x)"
        x, steps = _solve_linear(100, m * a, c, c * m, setup)
    else:
        setup = f"({m} - x) \\times \\frac{{{a}}}{{100}} = {m} \\times \\frac{{{c}}}{{100}}"
        cleared = f"{a}({m} - x) = {m * c}"
        x, steps = _solve_linear(-a, a * m, 0, m * c, setup)
    steps.update(cleared=cleared, salt0=salt0)
    return _answer(x, steps)


def verify_salt(p: Mapping[str, Any], solution: Solution) -> bool:
    """The concentration after the operation is exactly c% with the answer, and not with a neighbour."""
    whole = integer_answer(solution.answer)
    if whole is None:
        return False
    x = F(whole)
    salt, total = _salt_after(p, x)
    near_salt, near_total = _salt_after(p, x + 1)
    target = F(p["c"], 100)
    return total > 0 and salt / total == target and near_salt / near_total != target


# --- 年齢 --------------------------------------------------------------------------------
_AGE_KIND = {1: "after", 2: "before", 3: "sum_after", 4: "ratio_now", 5: "sum_total"}
_FAMILY = (("父", "子"), ("母", "娘"), ("祖父", "孫"), ("父", "息子"), ("祖母", "孫"))


def sample_age(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _AGE_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": kind, "who": list(r.choice(_FAMILY)), "parent": r.randint(30, 75), "child": r.randint(2, 20),
                "child2": r.randint(1, 12), "k": r.randint(2, 6), "m": r.randint(2, 5), "years": r.randint(2, 15)}

    def ok(p: dict[str, Any]) -> bool:
        par, ch, k, m, y = p["parent"], p["child"], p["k"], p["m"], p["years"]
        if p["parent"] - p["child"] < 20:
            return False
        if kind == "after":
            x = F(par - k * ch, k - 1)
            p["x"] = int(x) if x.denominator == 1 else 0
            return 1 <= x <= 40 and x.denominator == 1
        if kind == "before":
            x = F(k * ch - par, k - 1)
            p["x"] = int(x) if x.denominator == 1 else 0
            return 1 <= x < ch and x.denominator == 1
        if kind == "sum_after":
            if p["child2"] >= ch:
                return False
            x = par - ch - p["child2"]
            p["x"] = x
            return 1 <= x <= 40
        if kind == "ratio_now":
            if m >= k:
                return False
            x = F(y * (m - 1), k - m)
            p["x"] = int(x) if x.denominator == 1 else 0
            p["parent"] = k * p["x"]
            return x.denominator == 1 and 3 <= x <= 20 and k * x - x >= 20
        # sum_total: parent + child = total now; after y years parent = m (child + y)
        p["parent"] = m * (ch + y) - y
        p["total"], p["x"] = p["parent"] + ch, ch
        return p["parent"] - ch >= 20 and p["parent"] <= 80

    return draw_until(rng, draw, ok, max_tries=50000)


def _age_ok(p: Mapping[str, Any], n: int) -> bool:
    """Does the whole number ``n`` (years, or the child's age) satisfy the story?"""
    kind, par, ch, k, m, y = p["kind"], p["parent"], p["child"], p["k"], p["m"], p["years"]
    if kind == "after":
        return par + n == k * (ch + n)
    if kind == "before":
        return n < ch and par - n == k * (ch - n)
    if kind == "sum_after":
        return par + n == (ch + n) + (p["child2"] + n)
    if kind == "ratio_now":
        return k * n + y == m * (n + y)
    return p["total"] - n + y == m * (n + y)


def solve_age(p: Mapping[str, Any]) -> Solution:
    kind, par, ch, k, m, y = p["kind"], p["parent"], p["child"], p["k"], p["m"], p["years"]
    if kind == "after":
        x, steps = _solve_linear(1, par, k, k * ch, f"{par} + x = {k}({ch} + x)")
    elif kind == "before":
        x, steps = _solve_linear(-1, par, -k, k * ch, f"{par} - x = {k}({ch} - x)")
    elif kind == "sum_after":
        c2 = p["child2"]
        x, steps = _solve_linear(1, par, 2, ch + c2, f"{par} + x = ({ch} + x) + ({c2} + x)")
    elif kind == "ratio_now":
        x, steps = _solve_linear(k, y, m, m * y, f"{k}x + {y} = {m}(x + {y})")
    else:
        t = p["total"]
        x, steps = _solve_linear(-1, t + y, m, m * y, f"({t} - x) + {y} = {m}(x + {y})")
    return _answer(x, steps)


def verify_age(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over whole numbers 0-100: exactly one fits the story, and it is the answer."""
    return _unique([n for n in range(0, 101) if _age_ok(p, n)], solution)


# --- 過不足 ------------------------------------------------------------------------------
_SURPLUS_KIND = {1: "people", 2: "items", 3: "money", 4: "benches", 5: "bench_people"}
_ITEMS = (("あめ", "個"), ("色紙", "枚"), ("鉛筆", "本"), ("カード", "枚"), ("クッキー", "枚"), ("ノート", "冊"))


def sample_surplus(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _SURPLUS_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        x = r.randint(6, 40)
        a = r.randint(2, 7) if kind not in ("money",) else r.randrange(200, 800, 50)
        b = a + (r.randint(1, 3) if kind != "money" else r.randrange(50, 200, 50))
        return {"kind": kind, "x": x, "a": a, "b": b, "rest": r.randint(1, 20) if kind != "money" else r.randrange(100, 2000, 50),
                "empty": r.randint(1, 3), "last": r.randint(1, b - 1), "thing": list(r.choice(_ITEMS))}

    def ok(p: dict[str, Any]) -> bool:
        x, a, b, rest = p["x"], p["a"], p["b"], p["rest"]
        if kind in ("people", "items", "money"):
            p["short"] = b * x - (a * x + rest)
            return p["short"] > 0
        gap = rest + b * p["empty"] if kind == "benches" else rest + b * (p["empty"] + 1) - p["last"]
        if gap % (b - a):
            return False
        p["x"] = gap // (b - a)
        return p["x"] - p["empty"] - 1 > 0 and 5 <= p["x"] <= 60

    return draw_until(rng, draw, ok, max_tries=50000)


def _surplus_total(p: Mapping[str, Any], n: int) -> tuple[int, int]:
    """The two ways of counting the total for ``n`` people (or benches)."""
    kind, a, b, rest = p["kind"], p["a"], p["b"], p["rest"]
    if kind == "money":
        return a * n + p["short"], b * n - rest
    if kind in ("people", "items"):
        return a * n + rest, b * n - p["short"]
    if kind == "benches":
        return a * n + rest, b * (n - p["empty"])
    return a * n + rest, b * (n - p["empty"] - 1) + p["last"]


def solve_surplus(p: Mapping[str, Any]) -> Solution:
    kind, a, b, rest = p["kind"], p["a"], p["b"], p["rest"]
    if kind in ("people", "items"):
        x, steps = _solve_linear(a, rest, b, -p["short"], f"{a}x + {rest} = {b}x - {p['short']}")
    elif kind == "money":
        x, steps = _solve_linear(a, p["short"], b, -rest, f"{a}x + {p['short']} = {b}x - {rest}")
    elif kind == "benches":
        x, steps = _solve_linear(a, rest, b, -b * p["empty"], f"{a}x + {rest} = {b}(x - {p['empty']})")
    else:
        e, last = p["empty"] + 1, p["last"]
        x, steps = _solve_linear(a, rest, b, last - b * e, f"{a}x + {rest} = {b}(x - {e}) + {last}")
    if kind in ("people", "benches"):
        return _answer(x, steps)
    total = b * x - rest if kind == "money" else a * x + rest
    steps["total"] = num(total)
    return _answer(total, steps)


def verify_surplus(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force the number of people (or benches); then read off what is asked."""
    found = []
    for n in range(1, 200):
        first, second = _surplus_total(p, n)
        if first == second:
            found.append(n if p["kind"] in ("people", "benches") else first)
    return _unique(found, solution)


# --- 仕事算 ------------------------------------------------------------------------------
_WORKERS = (("A さん", "B さん"), ("兄", "弟"), ("姉", "妹"), ("父", "母"), ("太郎さん", "次郎さん"))
_WORK_KIND = {1: "together", 2: "relay", 3: "together_then", 4: "pipes", 5: "leave"}


def sample_work(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _WORK_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a, b = r.sample((2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 24, 28, 30, 36, 40, 45, 60), 2)
        return {"kind": kind, "a": a, "b": b, "d": r.randint(1, 12), "scene": r.randrange(3),
                "who": list(r.choice(_WORKERS))}

    def ok(p: dict[str, Any]) -> bool:
        a, b, d = F(p["a"]), F(p["b"]), p["d"]
        if kind == "together":
            x = 1 / (1 / a + 1 / b)
        elif kind == "relay":
            x = b * (1 - d / a)
        elif kind == "together_then":
            x = b * (1 - d * (1 / a + 1 / b))
        elif kind == "pipes":
            x = d + (1 - d / a) / (1 / a + 1 / b)
        else:  # a: A alone, b: A and B together (b < a)
            if b >= a:
                return False
            x = d + (1 - d / b) / (1 / b - 1 / a)
        p["x"] = int(x) if x.denominator == 1 else 0
        return x.denominator == 1 and x > 0 and (kind == "together" or x > d) and x <= 60

    return draw_until(rng, draw, ok, max_tries=20000)


def _work_done(p: Mapping[str, Any], n: int) -> Fraction:
    """Fraction of the whole job done when the answer is ``n`` (days or minutes)."""
    kind, a, b, d = p["kind"], F(p["a"]), F(p["b"]), p["d"]
    if kind == "together":
        return n / a + n / b
    if kind == "relay":
        return d / a + n / b
    if kind == "together_then":
        return d / a + d / b + n / b
    if kind == "pipes":
        return n / a + (n - d) / b
    return d / b + (n - d) * (1 / b - 1 / a)


def solve_work(p: Mapping[str, Any]) -> Solution:
    kind, a, b, d = p["kind"], p["a"], p["b"], p["d"]
    if kind == "together":
        big = lcm(a, b)
        setup = f"\\frac{{x}}{{{a}}} + \\frac{{x}}{{{b}}} = 1"
        x, steps = _solve_linear(big // a + big // b, 0, 0, big, setup)
    elif kind == "relay":
        big = lcm(a, b)
        setup = f"{num(F(d, a))} + \\frac{{x}}{{{b}}} = 1"
        x, steps = _solve_linear(big // b, F(big * d, a), 0, big, setup, part=num(F(d, a)))
    elif kind == "together_then":
        big = lcm(a, b)
        together = f"\\left(\\frac{{1}}{{{a}}} + \\frac{{1}}{{{b}}}\\right)"
        setup = (f"{d} \\times {together}" if d > 1 else f"\\frac{{1}}{{{a}}} + \\frac{{1}}{{{b}}}") + f" + \\frac{{x}}{{{b}}} = 1"
        x, steps = _solve_linear(big // b, F(big * d, a) + F(big * d, b), 0, big, setup)
    elif kind == "pipes":
        big = lcm(a, b)
        setup = f"\\frac{{x}}{{{a}}} + \\frac{{x - {d}}}{{{b}}} = 1"
        x, steps = _solve_linear(big // a + big // b, -F(big * d, b), 0, big, setup)
    else:
        big = lcm(a, b)
        rate_b = F(1, b) - F(1, a)
        setup = f"\\frac{{{d}}}{{{b}}} + {num(rate_b)}(x - {d}) = 1"
        x, steps = _solve_linear(big * rate_b, F(big * d, b) - big * rate_b * d, 0, big, setup, rate_b=num(rate_b))
    steps.update(big=big, show_equation=False)
    return _answer(x, steps)


def verify_work(p: Mapping[str, Any], solution: Solution) -> bool:
    """Exactly the whole job is done at the answer; one day (minute) less is not enough."""
    n = integer_answer(solution.answer)
    return n is not None and _work_done(p, n) == 1 and _work_done(p, n - 1) < 1


def _type(type_id: str, name: str, fns: tuple[Any, Any, Any], knobs: str) -> ProblemType:
    return numbered_type(type_id, name, fns, knobs=knobs, shape="word", phrasings=5)


UNIT = Unit(
    id="jhs1.word_linear_equations",
    name="1次方程式の利用",
    course="中1",
    description="速さ・割合・食塩水・年齢・過不足・仕事算の1次方程式の文章題 (答えは1つの数)",
    types=(
        _type("speed_meet_chase", "速さ (出会う・追いつく)", (sample_speed, solve_speed, verify_speed),
              "1: 同時に出発して出会う; 2: 追いつく時間; 3: 時間差で出会う; 4: 追いつく地点 (2段階); 5: 池のまわりで追い越す"),
        _type("price_rate", "定価・割引・利益", (sample_price, solve_price, verify_price),
              "1: 割引後の売値から定価; 2: 利益見込みと値引き; 3: 利益見込みと割引; 4: 原価から定価まで (2段階); 5: 一部を割引して売り切る"),
        _type("salt_water", "食塩水の濃度", (sample_salt, solve_salt, verify_salt),
              "1: 水を加える; 2: 水を蒸発させる; 3: 2つの食塩水を混ぜる; 4: 食塩を加える; 5: くみ出して水を補う"),
        _type("age", "年齢の文章題", (sample_age, solve_age, verify_age),
              "1: 何年後に k 倍; 2: 何年前に k 倍; 3: 2人の子の和; 4: 現在も k 倍の条件から現在の年齢; 5: 年齢の和の条件"),
        _type("surplus_shortage", "過不足の文章題", (sample_surplus, solve_surplus, verify_surplus),
              "1: 人数; 2: 品物の数 (2段階); 3: 集金と代金; 4: 長いすの数; 5: 最後の1脚が半端な長いすと人数"),
        _type("work_rate", "仕事算", (sample_work, solve_work, verify_work),
              "1: 2人でする日数; 2: 途中で交代; 3: 2人でした後に1人; 4: 2本の管で水を入れる; 5: 1人の仕事量を先に求める"),
    ),
)
