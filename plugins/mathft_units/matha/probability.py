"""確率 (数学A): 反復試行, 条件付き確率, 最大値・最小値の確率, 余事象.

Solvers use the textbook formulas (ₙCₖpᵏqⁿ⁻ᵏ, P(A∩B)/P(B), (k/6)ⁿ − ((k−1)/6)ⁿ, 1 − P(Ā));
verifiers enumerate the equally likely outcomes (or success patterns) with exact fractions.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import permutations, product
from math import comb, prod
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num
from mathft_core.units import ProblemType, Solution, Unit, draw_until


def _answer(value: Fraction, steps: dict[str, Any]) -> Solution:
    steps["value"] = num(value)
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


_ENDS = ("を求めよ。", "はいくらか。", "を求めよ。")

# --- 反復試行 -----------------------------------------------------------------------

#: (what happens in one trial, its faces among 1..6) for one die
_DIE_EVENTS = (
    ("3の倍数の目", (3, 6)), ("1の目", (1,)), ("6の目", (6,)), ("偶数の目", (2, 4, 6)),
    ("5以上の目", (5, 6)), ("2以下の目", (1, 2)), ("素数の目", (2, 3, 5)), ("4以上の目", (4, 5, 6)),
)


_BALLS = (("赤玉", "白玉"), ("白玉", "黒玉"), ("青玉", "赤玉"), ("黄玉", "青玉"))
_COINS = ("硬貨", "10円硬貨", "100円硬貨", "コイン")


def sample_repeated(rng: Random, difficulty: int) -> dict[str, Any]:
    n_range = [(3, 5), (4, 6), (4, 6), (5, 7), (6, 8)][difficulty - 1]
    asks = [["exact"], ["exact"], ["exact", "at_least"], ["exact", "at_least", "at_most"], ["at_least", "at_most"]][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        n = r.randint(*n_range)
        params: dict[str, Any] = {"n": n, "k": r.randint(1, n - 1), "ask": r.choice(asks), "end": r.randrange(3)}
        roll = r.random()
        if roll < 0.4:
            name, faces = _DIE_EVENTS[r.randrange(len(_DIE_EVENTS))]
            params.update({"source": "die", "event": name, "num": len(faces), "den": 6})
        elif roll < 0.5:
            params.update({"source": "coin", "event": "表", "num": 1, "den": 2})
        else:
            red, white = r.randint(1, 9), r.randint(1, 9)
            params["colors"] = list(_BALLS[r.randrange(len(_BALLS))])
            params.update({"source": "bag", "red": red, "white": white, "num": red, "den": red + white})
        return params

    def accept(p: dict[str, Any]) -> bool:
        if p["source"] == "bag" and p["red"] == p["white"] and difficulty >= 3:
            return False
        return not (p["ask"] == "at_least" and p["k"] == 1) and not (p["ask"] == "at_most" and p["k"] == p["n"] - 1)

    return draw_until(rng, draw, accept)


def solve_repeated(params: Mapping[str, Any]) -> Solution:
    n, k, ask = params["n"], params["k"], params["ask"]
    p = Fraction(params["num"], params["den"])
    q = 1 - p
    ks = {"exact": [k], "at_least": list(range(k, n + 1)), "at_most": list(range(0, k + 1))}[ask]
    terms = []
    for j in ks:
        value = comb(n, j) * p**j * q ** (n - j)
        terms.append({"j": j, "c": comb(n, j), "value": num(value), "raw": value})
    total = sum((t["raw"] for t in terms), Fraction(0))
    for t in terms:
        del t["raw"]
    return _answer(total, {"p": num(p), "q": num(q), "terms": terms})


def verify_repeated(params: Mapping[str, Any], solution: Solution) -> bool:
    n, k, ask = params["n"], params["k"], params["ask"]
    p = Fraction(params["num"], params["den"])
    total = Fraction(0)
    for pattern in product((True, False), repeat=n):  # every success/failure sequence
        hits = sum(pattern)
        if (ask == "exact" and hits == k) or (ask == "at_least" and hits >= k) or (ask == "at_most" and hits <= k):
            total += prod((p if h else 1 - p for h in pattern), start=Fraction(1))
    return sp.Rational(total.numerator, total.denominator) == solution.answer


# --- 条件付き確率 ---------------------------------------------------------------------

_COLORS = (("赤玉", "白玉"), ("赤玉", "青玉"), ("白玉", "黒玉"), ("当たりくじ", "はずれくじ"))


def sample_conditional(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty >= 4 and rng.random() < 0.5:
        share = rng.choice([20, 25, 30, 40, 60, 70, 75, 80])
        return {"kind": "factory", "share": share, "rate_a": rng.randint(1, 9), "rate_b": rng.randint(1, 9),
                "end": rng.randrange(3)}
    size = [(2, 5), (2, 6), (3, 8), (3, 9), (4, 10)][difficulty - 1]
    first = rng.randrange(2)
    second = rng.randrange(2)
    return {"kind": "bag", "a": rng.randint(*size), "b": rng.randint(*size), "color": rng.randrange(len(_COLORS)),
            "given_second": difficulty >= 2, "first": first, "second": second, "end": rng.randrange(3)}


def solve_conditional(params: Mapping[str, Any]) -> Solution:
    if params["kind"] == "factory":
        a = Fraction(params["share"], 100)
        da, db = Fraction(params["rate_a"], 100), Fraction(params["rate_b"], 100)
        pa, pb = a * da, (1 - a) * db
        value = pa / (pa + pb)
        return _answer(value, {"pa": num(pa), "pb": num(pb), "pe": num(pa + pb), "sa": num(a), "sb": num(1 - a),
                               "da": num(da), "db": num(db)})
    a, b = params["a"], params["b"]
    n = a + b
    counts = (a, b)
    x, y = params["first"], params["second"]  # colour index asked for the 1st and the 2nd draw
    p_first = Fraction(counts[x], n)
    p_second_given = Fraction(counts[y] - (1 if x == y else 0), n - 1)
    joint = p_first * p_second_given
    steps: dict[str, Any] = {"n": n, "joint": num(joint), "p_first": num(p_first), "p_sg": num(p_second_given),
                             "remain": counts[y] - (1 if x == y else 0),
                             "frac": f"\\frac{{{counts[y] - (1 if x == y else 0)}}}{{{n - 1}}}"}
    if not params["given_second"]:
        value = p_second_given  # P(2nd = y | 1st = x)
        steps["direct"] = True
        return _answer(value, steps)
    # P(1st = x | 2nd = y) = P(1st = x ∩ 2nd = y) / P(2nd = y)
    parts = []
    for z in (0, 1):
        pz = Fraction(counts[z], n) * Fraction(counts[y] - (1 if z == y else 0), n - 1)
        parts.append({"z": z, "p1": num(Fraction(counts[z], n)),
                      "p2": num(Fraction(counts[y] - (1 if z == y else 0), n - 1)), "pz": num(pz), "raw": pz})
    p_second = sum((t["raw"] for t in parts), Fraction(0))
    for t in parts:
        del t["raw"]
    steps.update({"parts": parts, "p_second": num(p_second), "direct": False})
    return _answer(joint / p_second, steps)


def verify_conditional(params: Mapping[str, Any], solution: Solution) -> bool:
    if params["kind"] == "factory":
        # 10000 products: count the defective ones from each machine
        made_a = 100 * params["share"]
        bad_a = made_a * params["rate_a"] // 100
        bad_b = (10000 - made_a) * params["rate_b"] // 100
        return sp.Rational(bad_a, bad_a + bad_b) == solution.answer
    balls = [0] * params["a"] + [1] * params["b"]  # labelled by position, coloured 0 / 1
    x, y = params["first"], params["second"]
    draws = list(permutations(range(len(balls)), 2))
    if params["given_second"]:
        cond = [d for d in draws if balls[d[1]] == y]
        hit = [d for d in cond if balls[d[0]] == x]
    else:
        cond = [d for d in draws if balls[d[0]] == x]
        hit = [d for d in cond if balls[d[1]] == y]
    return sp.Rational(len(hit), len(cond)) == solution.answer


# --- 最大値・最小値の確率 ---------------------------------------------------------------
#
# Draws are a die (N = 6) or N numbered cards drawn with replacement: n independent,
# equally likely values in 1..N.


def _source(r: Random, difficulty: int, max_cards: int = 10) -> dict[str, Any]:
    if r.random() < 0.3:
        return {"source": "die", "N": 6, "n": r.randint(2, 3 if difficulty <= 2 else 4 if difficulty <= 4 else 5)}
    n = r.randint(2, 4)
    return {"source": "cards", "N": r.randint(5, max_cards if n <= 3 else 8), "n": n}


def sample_extreme(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["max_le", "min_ge", "max_eq"], ["max_le", "max_eq", "min_ge", "min_eq"], ["max_eq", "min_eq"],
             ["max_eq", "min_eq", "range"], ["min_eq", "max_eq", "range"]][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        params: dict[str, Any] = {"kind": r.choice(kinds), "style": r.randrange(2), "end": r.randrange(3),
                                  **_source(r, difficulty)}
        params["k"] = r.randint(2, params["N"] - 1)
        if params["kind"] == "range":
            params["lo"] = r.randint(1, params["k"] - 1)
        return params

    return draw_until(rng, draw, lambda p: True)


def solve_extreme(params: Mapping[str, Any]) -> Solution:
    n, k, kind, big = params["n"], params["k"], params["kind"], params["N"]
    total = big**n
    steps: dict[str, Any] = {"total": total}
    if kind == "max_le":
        count = k**n
    elif kind == "min_ge":
        count = (big + 1 - k) ** n
        steps["m"] = big + 1 - k
    elif kind == "max_eq":
        count = k**n - (k - 1) ** n
        steps.update({"a": k, "b": k - 1, "ca": k**n, "cb": (k - 1) ** n})
    elif kind == "min_eq":
        count = (big + 1 - k) ** n - (big - k) ** n
        steps.update({"a": big + 1 - k, "b": big - k, "ca": (big + 1 - k) ** n, "cb": (big - k) ** n})
    else:  # max = k and min = lo: inclusion–exclusion on the values lo..k
        lo = params["lo"]
        w = k - lo + 1
        count = w**n - 2 * (w - 1) ** n + (w - 2) ** n
        steps.update({"w": w, "w1": w - 1, "w2": w - 2, "cw": w**n, "cw1": (w - 1) ** n, "cw2": (w - 2) ** n})
    steps["count"] = count
    steps["frac"] = f"\\frac{{{count}}}{{{total}}}"
    return _answer(Fraction(count, total), steps)


def verify_extreme(params: Mapping[str, Any], solution: Solution) -> bool:
    n, k, kind = params["n"], params["k"], params["kind"]
    hits = 0
    for roll in product(range(1, params["N"] + 1), repeat=n):
        hi, lo = max(roll), min(roll)
        hits += {
            "max_le": hi <= k, "min_ge": lo >= k, "max_eq": hi == k, "min_eq": lo == k,
            "range": kind == "range" and hi == k and lo == params.get("lo"),
        }[kind]
    return sp.Rational(hits, params["N"] ** n) == solution.answer


# --- 余事象 ---------------------------------------------------------------------------


def sample_complement(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["coins", "at_least_one", "prod_even"], ["coins", "prod_even", "at_least_one"],
             ["prod_even", "prod_mult3", "at_least_one", "coins"], ["prod_mult3", "prod_mult6", "coins", "prod_mult4"],
             ["prod_mult6", "prod_mult4", "prod_mult3"]][difficulty - 1]
    kind = rng.choices(kinds, [1 if k == "coins" else 3 for k in kinds])[0]
    params: dict[str, Any] = {"kind": kind, "end": rng.randrange(3), "style": rng.randrange(2),
                              "coin": _COINS[rng.randrange(len(_COINS))]}
    if kind == "coins":
        params.update({"source": "coins", "N": 2, "n": rng.randint(3 + difficulty, 5 + 2 * difficulty)})
    else:
        params.update(_source(rng, difficulty, max_cards=12))
    # numbered cards carry the values first, first + 1, ..., first + N - 1
    params["first"] = rng.randint(1, 10) if params["source"] == "cards" else 1
    params["face"] = rng.randint(params["first"], params["first"] + params["N"] - 1)
    params["atleast"] = rng.choice([1, 1, 2]) if kind == "coins" and difficulty >= 3 else 1
    return params


def _values(params: Mapping[str, Any]) -> list[int]:
    first = params.get("first", 1)
    return list(range(first, first + params["N"]))


def solve_complement(params: Mapping[str, Any]) -> Solution:
    n, kind, big = params["n"], params["kind"], params["N"]
    values = _values(params)
    steps: dict[str, Any] = {"last": values[-1]}
    if kind == "coins":
        none = Fraction(1, 2) ** n
        one = n * Fraction(1, 2) ** n if params["atleast"] == 2 else Fraction(0)
        steps.update({"none": num(none), "one": num(one)})
        miss = none + one
    elif kind == "at_least_one":
        steps["base"] = num(Fraction(big - 1, big))
        miss = Fraction(big - 1, big) ** n
    elif kind in ("prod_even", "prod_mult3"):
        m = 2 if kind == "prod_even" else 3
        good = [v for v in values if v % m]
        steps.update({"good": len(good), "good_list": good, "base": num(Fraction(len(good), big))})
        miss = Fraction(len(good), big) ** n
    elif kind == "prod_mult6":
        # not a multiple of 6 = no even value, or no multiple of 3 among the values
        odd = sum(1 for v in values if v % 2)
        no3 = sum(1 for v in values if v % 3)
        neither = sum(1 for v in values if v % 2 and v % 3)
        p_odd, p_no3, p_both = Fraction(odd, big) ** n, Fraction(no3, big) ** n, Fraction(neither, big) ** n
        miss = p_odd + p_no3 - p_both
        steps.update({"odd": num(p_odd), "no3": num(p_no3), "both": num(p_both), "c_odd": odd, "c_no3": no3,
                      "c_neither": neither})
    else:  # prod_mult4: all values odd, or exactly one value ≡ 2 (mod 4) and the rest odd
        odd = sum(1 for v in values if v % 2)
        twos = [v for v in values if v % 4 == 2]
        all_odd = Fraction(odd, big) ** n
        one_two = n * Fraction(len(twos), big) * Fraction(odd, big) ** (n - 1)
        miss = all_odd + one_two
        steps.update({"all_odd": num(all_odd), "one_two": num(one_two), "c_odd": odd, "c_two": len(twos),
                      "p_two": num(Fraction(len(twos), big)), "odd_pow": num(Fraction(odd, big) ** (n - 1)),
                      "twos": twos})
    steps["miss"] = num(miss)
    return _answer(1 - miss, steps)


def verify_complement(params: Mapping[str, Any], solution: Solution) -> bool:
    n, kind = params["n"], params["kind"]
    if kind == "coins":
        hits = sum(1 for toss in product((0, 1), repeat=n) if sum(toss) >= params["atleast"])
        return sp.Rational(hits, 2**n) == solution.answer
    test = {
        "at_least_one": lambda roll: params["face"] in roll,
        "prod_even": lambda roll: prod(roll) % 2 == 0,
        "prod_mult3": lambda roll: prod(roll) % 3 == 0,
        "prod_mult6": lambda roll: prod(roll) % 6 == 0,
        "prod_mult4": lambda roll: prod(roll) % 4 == 0,
    }[kind]
    hits = sum(1 for roll in product(_values(params), repeat=n) if test(roll))
    return sp.Rational(hits, params["N"] ** n) == solution.answer


# --- the unit -------------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="matha.probability",
    name="確率",
    course="数学A",
    description="反復試行, 条件付き確率（原因の確率）, さいころの最大値・最小値, 余事象.",
    types=(
        ProblemType(
            id="repeated_trials", name="反復試行",
            sample=sample_repeated, solve=solve_repeated, verify=verify_repeated,
            problem_templates=_phrasings("repeated"), solution_template="repeated_solution.j2",
            knobs="3 → 8 trials; ちょうど k 回 → k 回以上 / k 回以下 (sums of terms)",
        ),
        ProblemType(
            id="conditional", name="条件付き確率",
            sample=sample_conditional, solve=solve_conditional, verify=verify_conditional,
            problem_templates=_phrasings("conditional"), solution_template="conditional_solution.j2",
            knobs="P(2回目|1回目) → P(1回目|2回目) → 原因の確率 (two machines); more balls",
        ),
        ProblemType(
            id="max_min", name="最大値・最小値の確率",
            sample=sample_extreme, solve=solve_extreme, verify=verify_extreme,
            problem_templates=_phrasings("extreme"), solution_template="extreme_solution.j2",
            knobs="dice or N cards, 2 → 4 draws; 最大値が k 以下 → 最大値が k → 最大値 k かつ最小値 l (inclusion–exclusion)",
        ),
        ProblemType(
            id="complement", name="余事象",
            sample=sample_complement, solve=solve_complement, verify=verify_complement,
            problem_templates=_phrasings("complement"), solution_template="complement_solution.j2",
            knobs="coins → dice / numbered cards; 少なくとも1回 → 積が偶数 / 3の倍数 → 積が6の倍数・4の倍数",
        ),
    ),
)
