"""確率 (中2): さいころ2個, 玉・カードの取り出し, 「少なくとも」(余事象).

Solvers list or count the favourable outcomes the way the CoT does; verifiers count by a
second route (a closed-form count for dice events, a brute-force enumeration of labelled
balls and of every outcome for the complement problems).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations, permutations, product
from math import comb
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num
from mathft_core.units import ProblemType, Solution, Unit
from mathft_units._jhs_fmt import rat

# --- さいころ2個 --------------------------------------------------------------------------
# a is the first die (大きいさいころ / 1回目 / A), b the second.

_DICE_EVENTS = {
    1: ("sum_eq", "sum_mult", "same", "sum_cmp", "greater", "diff_eq"),
    2: ("sum_cmp", "diff_eq", "diff_cmp", "sum_mult", "lin_eq"),
    3: ("prod_parity", "prod_mult", "prod_cmp", "diff_cmp", "sum_cmp"),
    4: ("divides", "two_digit_mult", "two_digit_cmp", "prod_cmp", "lin_eq"),
    5: ("two_digit_mult", "sum_prime", "lin_eq", "prod_cmp", "two_digit_cmp"),
}
#: Draw weights: roughly how many distinct parameter values a family has (capped), so that
#: problem texts spread evenly instead of repeating the one-off events.
_EVENT_WEIGHT = {"sum_eq": 11, "sum_mult": 5, "same": 1, "greater": 2, "sum_cmp": 36, "diff_eq": 5, "diff_cmp": 16,
                 "prod_parity": 2, "prod_mult": 4, "prod_cmp": 40, "divides": 2, "two_digit_mult": 11,
                 "two_digit_cmp": 40, "lin_eq": 40, "sum_prime": 2}
_CMP = ("le", "lt", "ge", "gt")
_DICE_NAMES = {"size": ("大きいさいころ", "小さいさいころ"), "twice": ("1回目", "2回目"), "color": ("A", "B")}


def sample_dice(rng: Random, difficulty: int) -> dict[str, Any]:
    while True:
        events = _DICE_EVENTS[difficulty]
        event = rng.choices(events, weights=[_EVENT_WEIGHT[e] for e in events])[0]
        p = {"event": event, "k": 0, "cmp": "", "p": 1, "q": 1, "dice": rng.choice(tuple(_DICE_NAMES))}
        if event == "sum_eq":
            p["k"] = rng.randint(2, 12)
        elif event in ("sum_mult", "prod_mult"):
            p["k"] = rng.randint(2, 6) if event == "sum_mult" else rng.choice((3, 4, 5, 6))
        elif event == "sum_cmp":
            p.update(k=rng.randint(3, 11), cmp=rng.choice(_CMP))
        elif event in ("diff_eq", "diff_cmp"):
            p["k"] = rng.randint(0 if event == "diff_eq" else 1, 4)
            p["cmp"] = rng.choice(_CMP) if event == "diff_cmp" else ""
        elif event == "prod_parity":
            p["k"] = rng.choice((0, 1))
        elif event == "prod_cmp":
            p.update(k=rng.randint(4, 30), cmp=rng.choice(_CMP))
        elif event == "two_digit_mult":
            p["k"] = rng.randint(3, 13)
        elif event == "two_digit_cmp":
            p.update(k=rng.randint(15, 62), cmp=rng.choice(_CMP))
        elif event == "lin_eq":
            p.update(p=rng.randint(1, 3), q=rng.randint(1, 3))
            p["k"] = rng.randint(p["p"] + p["q"] + 1, 6 * (p["p"] + p["q"]) - 1)
        count = sum(1 for a in range(1, 7) for b in range(1, 7) if _holds(p, a, b))
        if 0 < count < 36:
            return p


def _cmp(value: int, k: int, op: str) -> bool:
    return {"le": value <= k, "lt": value < k, "ge": value >= k, "gt": value > k}[op]


def _holds(p: Mapping[str, Any], a: int, b: int) -> bool:
    e, k = p["event"], p["k"]
    if e == "sum_eq":
        return a + b == k
    if e == "sum_mult":
        return (a + b) % k == 0
    if e == "sum_cmp":
        return _cmp(a + b, k, p["cmp"])
    if e == "same":
        return a == b
    if e == "greater":
        return a > b
    if e == "diff_eq":
        return abs(a - b) == k
    if e == "diff_cmp":
        return _cmp(abs(a - b), k, p["cmp"])
    if e == "prod_parity":
        return a * b % 2 == k
    if e == "prod_mult":
        return a * b % k == 0
    if e == "prod_cmp":
        return _cmp(a * b, k, p["cmp"])
    if e == "divides":
        return b % a == 0
    if e == "two_digit_mult":
        return (10 * a + b) % k == 0
    if e == "two_digit_cmp":
        return _cmp(10 * a + b, k, p["cmp"])
    if e == "lin_eq":
        return p["p"] * a + p["q"] * b == k
    return a + b in (2, 3, 5, 7, 11)


_CMP_JA = {"le": "以下", "lt": "未満", "ge": "以上", "gt": "より大きい数"}


def _event_ja(p: Mapping[str, Any]) -> str:
    a, b = _DICE_NAMES[p["dice"]]
    e, k = p["event"], p["k"]
    if e == "sum_eq":
        return f"出る目の和が ${k}$ になる"
    if e == "sum_mult":
        return f"出る目の和が ${k}$ の倍数になる"
    if e == "sum_cmp":
        return f"出る目の和が ${k}$ {_CMP_JA[p['cmp']]}になる"
    if e == "same":
        return "同じ目が出る"
    if e == "greater":
        return f"{a}の目が{b}の目より大きくなる"
    if e == "diff_eq":
        return f"出る目の差が ${k}$ になる"
    if e == "diff_cmp":
        return f"出る目の差が ${k}$ {_CMP_JA[p['cmp']]}になる"
    if e == "prod_parity":
        return f"出る目の積が{'奇数' if k == 1 else '偶数'}になる"
    if e == "prod_mult":
        return f"出る目の積が ${k}$ の倍数になる"
    if e == "prod_cmp":
        return f"出る目の積が ${k}$ {_CMP_JA[p['cmp']]}になる"
    if e == "divides":
        return f"{b}の目が{a}の目の倍数になる"
    if e == "two_digit_mult":
        return f"{a}の目を十の位，{b}の目を一の位として2けたの整数をつくるとき，その整数が ${k}$ の倍数になる"
    if e == "two_digit_cmp":
        return f"{a}の目を十の位，{b}の目を一の位として2けたの整数をつくるとき，その整数が ${k}$ {_CMP_JA[p['cmp']]}になる"
    if e == "lin_eq":
        return f"{a}の目を $a$，{b}の目を $b$ とするとき，${_lin(p['p'], 'a')} + {_lin(p['q'], 'b')} = {k}$ となる"
    return "出る目の和が素数になる"


def _lin(c: int, v: str) -> str:
    return v if c == 1 else f"{c}{v}"


def solve_dice(params: Mapping[str, Any]) -> Solution:
    hits = [(a, b) for a in range(1, 7) for b in range(1, 7) if _holds(params, a, b)]
    prob = Fraction(len(hits), 36)
    listed = ", ".join(f"({a}, {b})" for a, b in hits)
    a_name, b_name = _DICE_NAMES[params["dice"]]
    return Solution(
        answer=rat(prob),
        answer_latex=num(prob),
        steps={"count": len(hits), "listed": listed if len(hits) <= 18 else "", "raw": f"\\frac{{{len(hits)}}}{{36}}",
               "reduced": prob.denominator != 36, "event": _event_ja(params), "a_name": a_name, "b_name": b_name,
               "complement": 36 - len(hits), "boundary": params["cmp"] != "",
               "boundary_in": params["cmp"] in ("le", "ge")},
    )


def _closed_count(p: Mapping[str, Any]) -> int:
    """Number of outcomes by a second route: sums have 6 - |s - 7| ways, differences 2(6 - d),
    products and two-digit numbers are counted per first die as a run of admissible second dice."""
    e, k = p["event"], p["k"]
    ways = {s: 6 - abs(s - 7) for s in range(2, 13)}
    diff_ways = {0: 6, **{d: 2 * (6 - d) for d in range(1, 6)}}
    if e == "sum_eq":
        return ways.get(k, 0)
    if e == "sum_mult":
        return sum(w for s, w in ways.items() if s % k == 0)
    if e == "sum_cmp":
        return sum(w for s, w in ways.items() if _cmp(s, k, p["cmp"]))
    if e == "sum_prime":
        return sum(ways[s] for s in (2, 3, 5, 7, 11))
    if e == "same":
        return 6
    if e == "greater":
        return (36 - 6) // 2
    if e == "diff_eq":
        return diff_ways[k]
    if e == "diff_cmp":
        return sum(w for d, w in diff_ways.items() if _cmp(d, k, p["cmp"]))
    if e == "prod_parity":
        return 9 if k == 1 else 27
    if e == "prod_mult":
        return 36 - {3: 16, 5: 25}[k] if k in (3, 5) else sum(1 for a in range(1, 7) for b in range(1, 7) if a * b % k == 0)
    if e == "prod_cmp":
        le = lambda t: sum(min(6, max(0, t // a)) for a in range(1, 7))  # noqa: E731  b <= t / a
        return {"le": le(k), "lt": le(k - 1), "gt": 36 - le(k), "ge": 36 - le(k - 1)}[p["cmp"]]
    if e == "divides":
        return sum(6 // a for a in range(1, 7))
    if e == "two_digit_mult":
        # for a fixed tens digit a, the admissible units digits form b = r, r + k, ... with r = (-10a) mod k
        return sum(len(range((-10 * a) % k or k, 7, k)) for a in range(1, 7))
    if e == "two_digit_cmp":
        le = lambda t: sum(min(6, max(0, t - 10 * a)) for a in range(1, 7))  # noqa: E731
        return {"le": le(k), "lt": le(k - 1), "gt": 36 - le(k), "ge": 36 - le(k - 1)}[p["cmp"]]
    # lin_eq: b = (k - p a) / q must be a whole number from 1 to 6
    return sum(1 for a in range(1, 7) if (k - p["p"] * a) % p["q"] == 0 and 1 <= (k - p["p"] * a) // p["q"] <= 6)


def verify_dice(params: Mapping[str, Any], solution: Solution) -> bool:
    """Count with the closed forms instead of listing pairs."""
    count = _closed_count(params)
    return 0 < count < 36 and solution.answer == sp.Rational(count, 36)


# --- 玉・カードの取り出し -------------------------------------------------------------------

_PALETTE = ("赤玉", "白玉", "青玉", "黒玉", "黄玉")


def sample_balls(rng: Random, difficulty: int) -> dict[str, Any]:
    ncolors = 2 if difficulty <= 2 else 3
    counts = [rng.randint(1, 5 + difficulty) for _ in range(ncolors)]
    counts[0] = max(counts[0], 2)
    colors = rng.sample(_PALETTE, ncolors)
    mode = {1: "together", 2: "together", 3: "together", 4: "ordered", 5: rng.choice(("ordered", "replace"))}[difficulty]
    if mode == "together":
        ask = rng.choice(("both_first", "one_each") if difficulty <= 2 else ("both_first", "one_each", "same_color"))
    else:
        ask = rng.choice(("first_then_second", "both_first", "same_color"))
    second = rng.randrange(1, ncolors)
    return {"counts": counts, "mode": mode, "ask": ask, "second": second, "colors": colors}


def _fav_total(p: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    """Favourable and total counts by combinations, with the CoT's formula pieces."""
    c, mode, ask, j = p["counts"], p["mode"], p["ask"], p["second"]
    n = sum(c)
    if mode == "together":
        total = comb(n, 2)
        if ask == "both_first":
            fav, pieces = comb(c[0], 2), [f"{c[0]}C2"]
        elif ask == "one_each":
            fav, pieces = c[0] * c[j], [f"{c[0]} \\times {c[j]}"]
        else:
            fav, pieces = sum(comb(x, 2) for x in c), [f"{x}C2" for x in c if x >= 2]
        return fav, total, pieces
    if mode == "ordered":
        total = n * (n - 1)
        if ask == "first_then_second":
            return c[0] * c[j], total, [f"{c[0]} \\times {c[j]}"]
        if ask == "both_first":
            return c[0] * (c[0] - 1), total, [f"{c[0]} \\times {c[0] - 1}"]
        return sum(x * (x - 1) for x in c), total, [f"{x} \\times {x - 1}" for x in c if x >= 2]
    total = n * n
    if ask == "first_then_second":
        return c[0] * c[j], total, [f"{c[0]} \\times {c[j]}"]
    if ask == "both_first":
        return c[0] * c[0], total, [f"{c[0]} \\times {c[0]}"]
    return sum(x * x for x in c), total, [f"{x} \\times {x}" for x in c]


def solve_balls(params: Mapping[str, Any]) -> Solution:
    fav, total, pieces = _fav_total(params)
    prob = Fraction(fav, total)
    n = sum(params["counts"])
    return Solution(
        answer=rat(prob),
        answer_latex=num(prob),
        steps={"n": n, "fav": fav, "total": total, "pieces": " + ".join(_c2(p) for p in pieces),
               "raw": f"\\frac{{{fav}}}{{{total}}}", "reduced": prob.denominator != total,
               "bag": "，".join(f"{params['colors'][i]} ${k}$ 個" for i, k in enumerate(params["counts"])),
               "first": params["colors"][0], "second_name": params["colors"][params["second"]],
               "total_expr": _total_expr(params["mode"], n)},
    )


def _c2(piece: str) -> str:
    if piece.endswith("C2"):
        m = int(piece[:-2])
        return f"\\frac{{{m} \\times {m - 1}}}{{2}}"
    return piece


def _total_expr(mode: str, n: int) -> str:
    if mode == "together":
        return f"\\frac{{{n} \\times {n - 1}}}{{2}} = {comb(n, 2)}"
    if mode == "ordered":
        return f"{n} \\times {n - 1} = {n * (n - 1)}"
    return f"{n} \\times {n} = {n * n}"


def verify_balls(params: Mapping[str, Any], solution: Solution) -> bool:
    """Enumerate every draw of labelled balls."""
    balls = [color for color, k in enumerate(params["counts"]) for _ in range(k)]
    idx = range(len(balls))
    mode, ask, j = params["mode"], params["ask"], params["second"]
    if mode == "together":
        draws = [tuple(balls[i] for i in pair) for pair in combinations(idx, 2)]
    elif mode == "ordered":
        draws = [tuple(balls[i] for i in pair) for pair in permutations(idx, 2)]
    else:
        draws = [tuple(balls[i] for i in pair) for pair in product(idx, repeat=2)]

    def good(d: tuple[int, ...]) -> bool:
        if ask == "both_first":
            return d == (0, 0)
        if ask == "same_color":
            return d[0] == d[1]
        if ask == "one_each":
            return sorted(d) == sorted((0, j))
        return d == (0, j)

    return solution.answer == sp.Rational(sum(map(good, draws)), len(draws))


# --- 少なくとも -------------------------------------------------------------------------


_AT_LEAST_KINDS = {1: ("coins", "bag", "bag"), 2: ("coins", "dice", "bag", "lottery"), 3: ("dice", "bag", "lottery"),
                   4: ("bag", "lottery", "dice"), 5: ("coins2", "bag", "lottery", "dice")}


def sample_at_least(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(_AT_LEAST_KINDS[difficulty])
    if kind in ("coins", "coins2"):
        return {"kind": kind, "n": rng.randint(2, 12) if kind == "coins" else rng.randint(3, 12),
                "coin": rng.choice(("硬貨", "10円硬貨", "コイン", "100円硬貨", "1円硬貨", "50円硬貨")), "side": rng.choice(("head", "tail", "both"))}
    if kind == "dice":
        return {"kind": kind, "n": rng.randint(2, 3 if difficulty <= 2 else 5), "twice": rng.random() < 0.5,
                "face": rng.choice(("one", "even", "ge5", "six", "mult3", "odd", "le2"))}
    red = rng.randint(2, 10 + 2 * difficulty)
    white = rng.randint(1, 8 + difficulty)
    draw = 2 if difficulty <= 4 else rng.randint(2, 3)
    pairs = (("赤玉", "白玉"), ("黒玉", "白玉"), ("赤玉", "青玉"), ("白玉", "赤玉"), ("青玉", "黄玉"), ("黒玉", "赤玉"))
    names = rng.choice(pairs) if kind == "bag" else ("はずれくじ", "当たりくじ")
    red = max(red, draw + 1)
    return {"kind": "bag", "red": red, "white": white, "draw": draw, "names": list(names), "lottery": kind == "lottery"}


_FACES = {"one": (1,), "even": (2, 4, 6), "ge5": (5, 6), "six": (6,), "mult3": (3, 6), "odd": (1, 3, 5), "le2": (1, 2)}
_FACE_JA = {"one": "$1$ の目", "even": "偶数の目", "ge5": "$5$ 以上の目", "six": "$6$ の目", "mult3": "$3$ の倍数の目",
            "odd": "奇数の目", "le2": "$2$ 以下の目"}


def solve_at_least(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    if kind == "coins":
        n = params["n"]
        side = params["side"]
        total, miss = 2**n, 2 if side == "both" else 1
        steps = {"total": total, "miss": miss,
                 "miss_desc": {"head": "すべて裏が出る", "tail": "すべて表が出る", "both": "すべて表が出るか，すべて裏が出る"}[side]}
    elif kind == "coins2":
        n = params["n"]
        total, miss = 2**n, 1 + n
        steps = {"total": total, "miss": miss, "miss_desc": "表が0枚または1枚"}
    elif kind == "dice":
        n, faces = params["n"], _FACES[params["face"]]
        total, miss = 6**n, (6 - len(faces)) ** n
        steps = {"total": total, "miss": miss, "per": 6 - len(faces), "face_ja": _FACE_JA[params["face"]]}
    else:
        red, white, k = params["red"], params["white"], params["draw"]
        total, miss = comb(red + white, k), comb(red, k)
        steps = {"total": total, "miss": miss}
    prob = 1 - Fraction(miss, total)
    return Solution(answer=rat(prob), answer_latex=num(prob),
                    steps={**steps, "miss_frac": num(Fraction(miss, total)), "raw_miss": f"\\frac{{{miss}}}{{{total}}}"})


def verify_at_least(params: Mapping[str, Any], solution: Solution) -> bool:
    """Enumerate every outcome and count the ones meeting 「少なくとも」 directly."""
    kind = params["kind"]
    if kind == "coins":
        outcomes = list(product((0, 1), repeat=params["n"]))
        heads_needed = {"head": lambda o: sum(o) >= 1, "tail": lambda o: sum(o) <= len(o) - 1,
                        "both": lambda o: 0 < sum(o) < len(o)}[params["side"]]
        good = sum(1 for o in outcomes if heads_needed(o))
    elif kind == "coins2":
        outcomes = list(product((0, 1), repeat=params["n"]))
        good = sum(1 for o in outcomes if sum(o) >= 2)
    elif kind == "dice":
        faces = _FACES[params["face"]]
        outcomes = list(product(range(1, 7), repeat=params["n"]))
        good = sum(1 for o in outcomes if any(f in faces for f in o))
    else:
        balls = ["r"] * params["red"] + ["w"] * params["white"]
        outcomes = list(combinations(range(len(balls)), params["draw"]))
        good = sum(1 for o in outcomes if any(balls[i] == "w" for i in o))
    return solution.answer == sp.Rational(good, len(outcomes))


UNIT = Unit(
    id="jhs2.jhs_probability",
    name="確率",
    course="中2",
    description="さいころ2個の確率，玉の取り出し (同時・順番・戻す)，少なくとも (余事象)",
    types=(
        ProblemType(
            id="two_dice",
            name="さいころ2個",
            sample=sample_dice,
            solve=solve_dice,
            verify=verify_dice,
            problem_templates=("dice_1.j2", "dice_2.j2", "dice_3.j2", "dice_4.j2", "dice_5.j2", "dice_6.j2", "dice_7.j2"),
            solution_template="dice_solution.j2",
            answer_form="soft",
            knobs="1: 和・ぞろ目; 2: 和の範囲・差; 3: 積の偶奇・倍数; 4: 約数・2けたの整数; 5: 素数・複合条件",
        ),
        ProblemType(
            id="draw_balls",
            name="玉の取り出し",
            sample=sample_balls,
            solve=solve_balls,
            verify=verify_balls,
            problem_templates=("balls_1.j2", "balls_2.j2", "balls_3.j2"),
            solution_template="balls_solution.j2",
            answer_form="soft",
            knobs="1-2: 2色・同時に2個; 3: 3色・同じ色; 4: 順番に取り出す; 5: 戻して取り出す",
        ),
        ProblemType(
            id="at_least",
            name="少なくとも",
            sample=sample_at_least,
            solve=solve_at_least,
            verify=verify_at_least,
            problem_templates=("atleast_1.j2", "atleast_2.j2", "atleast_3.j2", "atleast_4.j2", "atleast_5.j2", "atleast_6.j2"),
            solution_template="atleast_solution.j2",
            answer_form="soft",
            knobs="1-2: 硬貨; 3: さいころ; 4: 袋から2個; 5: 少なくとも2枚・3個取り出し",
        ),
    ),
)
