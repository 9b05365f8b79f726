"""不定方程式の文章題 (数学A, 整数の性質): buying items for an exact total (how many ways, the most
of one item, the fewest items) and numbers known by their remainders (袋詰め・班分け).

Solvers write the general solution of ``px + qy = T`` (or of the remainder conditions) and count
the admissible parameters; verifiers list every candidate directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates

ITEMS = (("ノート", "冊"), ("鉛筆", "本"), ("りんご", "個"), ("切手", "枚"), ("ケーキ", "個"), ("消しゴム", "個"))


def _positive_solutions(p: int, q: int, total: int) -> list[tuple[int, int]]:
    """Every (x, y) with x, y ≧ 1 and px + qy = total, from the general solution."""
    g = math.gcd(p, q)
    if total % g:
        return []
    step_x = q // g
    # the smallest x ≧ 1 with total - px divisible by q
    x0 = next((x for x in range(1, step_x + 1) if (total - p * x) % q == 0), None)
    if x0 is None:
        return []
    out = []
    x = x0
    while total - p * x >= q:
        out.append((x, (total - p * x) // q))
        x += step_x
    return out


# --- 買い物 -------------------------------------------------------------------------------


COUNT_ASKS = {1: "count", 2: "count_more", 3: "count3", 4: "count3_more", 5: "count3_le"}
EXTREME_ASKS = {1: "max_a", 2: "min_total", 3: "max_total", 4: "min_total3", 5: "max_a3"}
THREE = ("count3", "count3_more", "count3_le", "min_total3", "max_a3")


def _sample_purchase(rng: Random, ask: str) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        names = r.sample(range(len(ITEMS)), 3)
        p, q = r.choice([(50, 80), (60, 90), (70, 120), (80, 130), (90, 150), (110, 70), (120, 50), (150, 80),
                         (60, 140), (130, 70)])
        prices = [p, q, r.choice([30, 40, 100, 200])]
        total = r.randint(50, 90) * 10 if ask in THREE else r.randint(25, 60) * 10
        params = {"prices": prices, "total": total, "ask": ask, "items": names, "limit": 0}
        if ask == "count3_le":
            params["limit"] = r.randint(6, 14)
        return params

    def ok(params: dict[str, Any]) -> bool:
        value = _purchase_value(params)
        if value is None or value <= 0:
            return False
        if params["ask"] in THREE:
            return 2 <= len(_triples(params)) <= 12
        return 2 <= len(_positive_solutions(params["prices"][0], params["prices"][1], params["total"])) <= 6

    return draw_until(rng, draw, ok)


def sample_purchase_count(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_purchase(rng, COUNT_ASKS[difficulty])


def sample_purchase_extreme(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_purchase(rng, EXTREME_ASKS[difficulty])


def _triples(params: Mapping[str, Any]) -> list[tuple[int, int, int]]:
    p, q, r = params["prices"]
    total = params["total"]
    return [(x, y, z) for z in range(1, total // r + 1) for x, y in _positive_solutions(p, q, total - r * z)]


def _purchase_value(params: Mapping[str, Any]) -> int | None:
    p, q, _ = params["prices"]
    ask = params["ask"]
    if ask in THREE:
        triples = _triples(params)
        if not triples:
            return None
        if ask == "count3":
            return len(triples)
        if ask == "count3_more":
            return sum(1 for x, y, _ in triples if x > y) or None
        if ask == "count3_le":
            good = sum(1 for t in triples if sum(t) <= params["limit"])
            return good if 0 < good < len(triples) else None
        if ask == "min_total3":
            sums = [sum(t) for t in triples]
            return min(sums) if sums.count(min(sums)) == 1 else None
        return max(x for x, _, _ in triples)
    sols = _positive_solutions(p, q, params["total"])
    if not sols:
        return None
    if ask == "count":
        return len(sols)
    if ask == "count_more":
        return sum(1 for x, y in sols if x > y) or None
    if ask == "max_a":
        return max(x for x, _ in sols)
    totals = [x + y for x, y in sols]
    best = min(totals) if ask == "min_total" else max(totals)
    return best if totals.count(best) == 1 else None


def solve_purchase(params: Mapping[str, Any]) -> Solution:
    value = _purchase_value(params)
    if value is None:
        raise ValueError("no admissible purchase")
    p, q, r = params["prices"]
    total = params["total"]
    g = math.gcd(p, q)
    sols = _positive_solutions(p, q, total)
    names = [ITEMS[i] for i in params["items"]]
    ask = params["ask"]
    steps: dict[str, Any] = {"p": p, "q": q, "r": r, "total": total, "g": g, "pg": p // g, "qg": q // g,
                             "names": [n for n, _ in names], "units": [u for _, u in names], "three": ask in THREE,
                             "tg": total // g, "value": value,
                             "sols": [{"x": x, "y": y, "s": x + y, "more": x > y} for x, y in sols]}
    if sols:
        x0, y0 = sols[0]
        steps.update(x0=x0, y0=y0,
                     gen_x=latex.join_terms([latex.coef_term(q // g, "k"), str(x0)]),
                     gen_y=latex.join_terms([str(y0), latex.coef_term(-(p // g), "k")]),
                     k_max=len(sols) - 1)
    if ask in THREE:
        rows = []
        for z in range(1, total // r + 1):
            sub = _positive_solutions(p, q, total - r * z)
            rows.append({"z": z, "rest": total - r * z, "n": len(sub),
                         "pairs": ", ".join(f"({x}, {y})" for x, y in sub)})
        steps["rows"] = [row for row in rows if row["rest"] >= p + q]
        triples = _triples(params)
        picked = {
            "count3": triples,
            "count3_more": [t for t in triples if t[0] > t[1]],
            "count3_le": [t for t in triples if sum(t) <= params["limit"]],
            "min_total3": [t for t in triples if sum(t) == value],
            "max_a3": [t for t in triples if t[0] == value],
        }[ask]
        steps["picked"] = ", ".join(f"({x}, {y}, {z})" for x, y, z in picked)
        steps["sums"] = ", ".join(str(sum(t)) for t in triples)
        steps["limit"] = params["limit"]
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_purchase(params: Mapping[str, Any], solution: Solution) -> bool:
    """List every purchase directly."""
    p, q, r = params["prices"]
    total = params["total"]
    ask = params["ask"]
    if ask in THREE:
        triples = [(x, y, z) for x in range(1, total // p + 1) for y in range(1, total // q + 1)
                   for z in range(1, total // r + 1) if p * x + q * y + r * z == total]
        want = {"count3": len(triples),
                "count3_more": sum(1 for x, y, _ in triples if x > y),
                "count3_le": sum(1 for t in triples if sum(t) <= params["limit"]),
                "min_total3": min(sum(t) for t in triples),
                "max_a3": max(t[0] for t in triples)}[ask]
        return solution.answer == want
    pairs = [(x, y) for x in range(1, total // p + 1) for y in range(1, total // q + 1) if p * x + q * y == total]
    want = {"count": len(pairs), "count_more": sum(1 for x, y in pairs if x > y),
            "max_a": max(x for x, _ in pairs), "min_total": min(x + y for x, y in pairs),
            "max_total": max(x + y for x, y in pairs)}[ask]
    return solution.answer == want


# --- 余りの条件 -----------------------------------------------------------------------------

CONTEXTS = ("bags", "groups", "benches")


def sample_remainder(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = {1: "smallest", 2: "range", 3: "largest3", 4: "count", 5: "range"}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a, b = r.sample([3, 4, 5, 6, 7, 8, 9, 11, 13], 2)
        r1, r2 = r.randint(1, a - 1), r.randint(1, b - 1)
        lo = r.randint(5, 30) * 10 if ask == "range" else 100
        return {"a": a, "b": b, "r1": r1, "r2": r2, "ask": ask, "lo": lo, "hi": lo + a * b - 1 if ask == "range"
                else 999 if ask in ("largest3", "count") else 0, "context": r.choice(CONTEXTS),
                "short": difficulty == 5}

    def ok(p: dict[str, Any]) -> bool:
        if math.gcd(p["a"], p["b"]) != 1:
            return False
        if p["short"]:  # level 5: the second condition is stated as "b short of a multiple"
            return p["r2"] >= 2
        return True

    return draw_until(rng, draw, ok)


def _remainder_base(params: Mapping[str, Any]) -> tuple[int, int, int]:
    """N = a·x + r1 with x ≡ x0 (mod b): returns (x0, N0, ab)."""
    a, b, r1, r2 = params["a"], params["b"], params["r1"], params["r2"]
    x0 = next(x for x in range(b) if (a * x + r1 - r2) % b == 0)
    n0 = a * x0 + r1
    return x0, n0, a * b


def solve_remainder(params: Mapping[str, Any]) -> Solution:
    a, b = params["a"], params["b"]
    x0, n0, ab = _remainder_base(params)
    ask = params["ask"]
    if ask == "smallest":
        value = n0
    elif ask == "range":
        value = params["lo"] + (n0 - params["lo"]) % ab
    elif ask == "largest3":
        value = 999 - (999 - n0) % ab
    else:
        first = 100 + (n0 - 100) % ab
        value = (999 - first) // ab + 1
    first3 = 100 + (n0 - 100) % ab
    thing, counter = {"bags": ("あめ玉", "個"), "groups": ("生徒", "人"), "benches": ("参加者", "人")}[
        params["context"]]
    steps = {"x0": x0, "n0": n0, "ab": ab, "value": value, "a": a, "b": b, "thing": thing, "counter": counter,
             "lhs": f"{a}x {latex.signed(params['r1'])}",
             "mult": f"{a}x" if params["r1"] == params["r2"] else f"{a}x {latex.signed(params['r1'] - params['r2'])}",
             "short_by": b - params["r2"], "first3": first3, "last3": 999 - (999 - n0) % ab,
             "k_lo": None, "k_hi": None}
    if ask == "range":
        k = (value - n0) // ab
        steps.update(k=k)
    if ask == "count":
        steps.update(k_lo=(first3 - n0) // ab, k_hi=(steps["last3"] - n0) // ab)
    if ask == "largest3":
        steps.update(k=(value - n0) // ab)
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_remainder(params: Mapping[str, Any], solution: Solution) -> bool:
    """Test every natural number up to 1000 against both remainders."""
    a, b, r1, r2 = params["a"], params["b"], params["r1"], params["r2"]
    good = [n for n in range(1, 1000) if n % a == r1 and n % b == r2]
    ask = params["ask"]
    if ask == "smallest":
        want = good[0]
    elif ask == "range":
        inside = [n for n in good if params["lo"] <= n <= params["hi"]]
        if len(inside) != 1:
            return False
        want = inside[0]
    elif ask == "largest3":
        want = max(n for n in good if n >= 100)
    else:
        want = sum(1 for n in good if n >= 100)
    return solution.answer == want


UNIT = Unit(
    id="matha.diophantine_word",
    name="不定方程式の文章題",
    course="数学A",
    description="Purchases for an exact total and numbers known by two remainders.",
    types=(
        ProblemType(
            id="purchase_count", name="代金の合計と買い方の数", sample=sample_purchase_count,
            solve=solve_purchase, verify=verify_purchase, problem_templates=numbered_templates("purchase_count", 5),
            solution_template="purchase_solution.j2", shape="word",
            knobs="how many ways → ways with more of A than B → three items → three items, more A than B → "
                  "three items with at most N items in all",
        ),
        ProblemType(
            id="purchase_extreme", name="代金の合計と個数の最大・最小", sample=sample_purchase_extreme,
            solve=solve_purchase, verify=verify_purchase,
            problem_templates=numbered_templates("purchase_extreme", 5),
            solution_template="purchase_solution.j2", shape="word",
            knobs="the most of A → the fewest items → the most items → three items, the fewest items → "
                  "three items, the most of A",
        ),
        ProblemType(
            id="remainder", name="余りの条件と個数", sample=sample_remainder, solve=solve_remainder,
            verify=verify_remainder, problem_templates=numbered_templates("remainder", 5),
            solution_template="remainder_solution.j2", shape="word",
            knobs="the smallest number → the one in a given range → the largest three-digit one → how many "
                  "three-digit ones → one condition given as a shortfall",
        ),
    ),
)
