"""場合の数 (数学A): 整数の順列, 円順列, 最短経路, 図形の個数.

Solvers count with formulas and case splits as an answer key does; every verifier
enumerates the objects themselves (itertools) or runs a lattice-path recursion.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations, permutations
from math import comb, factorial, perm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.units import ProblemType, Solution, Unit, draw_until

# --- 整数の順列 -------------------------------------------------------------------

_CONDITIONS = {
    "all": "整数",
    "even": "偶数",
    "odd": "奇数",
    "mult5": "5の倍数",
    "mult3": "3の倍数",
}


def _last_digit_ok(cond: str, d: int) -> bool:
    return {"all": True, "even": d % 2 == 0, "odd": d % 2 == 1, "mult5": d % 5 == 0}[cond]


def sample_digits(rng: Random, difficulty: int) -> dict[str, Any]:
    conds = [["all", "even", "odd"], ["all", "even", "odd", "mult5"], ["even", "odd", "mult5"],
             ["even", "mult5", "mult3"], ["even", "mult3", "mult5", "odd"]][difficulty - 1]
    sizes = [(4, 6), (5, 7), (5, 7), (5, 8), (6, 8)][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        pool = range(10) if difficulty >= 2 else range(1, 10)
        digits = sorted(r.sample(pool, r.randint(*sizes)))
        length = r.randint(3, 3 if difficulty <= 2 else 4)
        return {"digits": digits, "length": length, "cond": r.choice(conds), "end": r.randrange(3)}

    return draw_until(rng, draw, lambda p: len(p["digits"]) > p["length"] and _brute_digits(p) > 0)


def _brute_digits(params: Mapping[str, Any]) -> int:
    digits = params["digits"]
    count = 0
    for t in permutations(digits, params["length"]):
        if t[0] == 0:
            continue
        value = int("".join(map(str, t)))
        cond = params["cond"]
        if (cond == "all" or (cond == "even" and value % 2 == 0) or (cond == "odd" and value % 2 == 1)
                or (cond == "mult5" and value % 5 == 0) or (cond == "mult3" and value % 3 == 0)):
            count += 1
    return count


def solve_digits(params: Mapping[str, Any]) -> Solution:
    digits, m, cond = params["digits"], params["length"], params["cond"]
    n = len(digits)
    has_zero = 0 in digits
    steps: dict[str, Any] = {"n": n, "digits": digits, "has_zero": has_zero, "cond_name": _CONDITIONS[cond]}
    if cond == "all":
        if has_zero:
            total = (n - 1) * perm(n - 1, m - 1)
            steps["lead"] = n - 1
            steps["rest"] = perm(n - 1, m - 1)
        else:
            total = perm(n, m)
        steps["total"] = total
    elif cond in ("even", "odd", "mult5"):
        cases = []
        for d in digits:
            if not _last_digit_ok(cond, d):
                continue
            if d == 0:
                ways = perm(n - 1, m - 1)
                cases.append({"d": d, "lead": None, "rest": ways, "ways": ways})
            else:
                lead = n - 2 if has_zero else n - 1
                rest = perm(n - 2, m - 2)
                cases.append({"d": d, "lead": lead, "rest": rest, "ways": lead * rest})
        zero_cases = [c for c in cases if c["d"] == 0]
        other = [c for c in cases if c["d"] != 0]
        steps["zero_case"] = zero_cases[0] if zero_cases else None
        steps["other_digits"] = [c["d"] for c in other]
        steps["other_each"] = other[0]["ways"] if other else 0
        steps["other_lead"] = other[0]["lead"] if other else 0
        steps["other_rest"] = other[0]["rest"] if other else 0
        steps["other_total"] = sum(c["ways"] for c in other)
        total = sum(c["ways"] for c in cases)
        steps["total"] = total
    else:  # mult3: choose a digit set whose sum is a multiple of 3, then arrange it
        sets = []
        for combo in combinations(digits, m):
            if sum(combo) % 3 == 0:
                ways = (m - 1) * factorial(m - 1) if 0 in combo else factorial(m)
                sets.append({"digits": list(combo), "zero": 0 in combo, "ways": ways})
        steps["sets"] = sets
        steps["with_zero"] = [s["digits"] for s in sets if s["zero"]]
        steps["without_zero"] = [s["digits"] for s in sets if not s["zero"]]
        steps["zero_ways"] = (m - 1) * factorial(m - 1)
        steps["plain_ways"] = factorial(m)
        total = sum(s["ways"] for s in sets)
        steps["total"] = total
    return Solution(answer=sp.Integer(total), answer_latex=str(total), steps=steps)


def verify_digits(params: Mapping[str, Any], solution: Solution) -> bool:
    return int(solution.answer) == _brute_digits(params)


# --- 円順列 -----------------------------------------------------------------------


_GROUPS = ("人", "人の生徒", "人の子ども", "人の部員", "人の選手")
_PAIRS = (("A", "B"), ("太郎", "花子"), ("父", "母"), ("部長", "副部長"), ("P", "Q"))
_TEAMS = (("男子", "女子"), ("大人", "子ども"), ("1年生", "2年生"), ("赤組の人", "白組の人"), ("日本人", "留学生"))
_BEADS = ("玉", "ビーズ", "宝石", "石")


def sample_circular(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["all", "adjacent", "alternate"], ["all", "adjacent", "alternate", "opposite"],
             ["adjacent", "apart", "alternate", "block3"], ["apart", "alternate", "necklace", "block3", "opposite"],
             ["apart", "alternate", "necklace", "block3"]][difficulty - 1]
    n_range = [(4, 6), (5, 7), (5, 7), (6, 8), (6, 8)][difficulty - 1]

    weights = [1 if k in ("all", "alternate", "necklace") else 3 for k in kinds]

    def draw(r: Random) -> dict[str, Any]:
        kind = r.choices(kinds, weights)[0]
        params: dict[str, Any] = {"kind": kind, "who": _GROUPS[r.randrange(len(_GROUPS))],
                                  "pair": list(_PAIRS[r.randrange(len(_PAIRS))]),
                                  "team": list(_TEAMS[r.randrange(len(_TEAMS))]),
                                  "bead": _BEADS[r.randrange(len(_BEADS))], "end": r.randrange(3)}
        if kind == "alternate":
            half = r.randint(2, 3 if difficulty <= 3 else 4)
            params.update({"boys": half, "girls": half, "n": 2 * half})
        else:
            params["n"] = r.randint(*n_range)
        return params

    return draw_until(rng, draw, lambda p: p["kind"] != "opposite" or p["n"] % 2 == 0)


def _circular_brute(params: Mapping[str, Any]) -> int:
    """Count seatings with person 0 fixed in seat 0 (each rotation class counted once)."""
    n, kind = params["n"], params["kind"]
    count = 0
    for rest in permutations(range(1, n)):
        seats = (0, *rest)
        if kind == "alternate":
            boys = params["boys"]
            if any((seats[i] < boys) == (seats[(i + 1) % n] < boys) for i in range(n)):
                continue
        elif kind in ("adjacent", "apart"):
            i, j = seats.index(0), seats.index(1)
            near = (i - j) % n in (1, n - 1)
            if near != (kind == "adjacent"):
                continue
        elif kind == "block3":
            where = sorted(seats.index(k) for k in (0, 1, 2))
            gaps = sorted((where[(i + 1) % 3] - where[i]) % n for i in range(3))
            if gaps[:2] != [1, 1]:
                continue
        elif kind == "opposite" and (seats.index(0) - seats.index(1)) % n != n // 2:
            continue
        elif kind == "necklace" and rest > tuple(reversed(rest)):
            continue  # a turned-over necklace is the same: keep one of each mirror pair
        count += 1
    return count


def solve_circular(params: Mapping[str, Any]) -> Solution:
    n, kind = params["n"], params["kind"]
    steps: dict[str, Any] = {"n1": n - 1, "f_n1": factorial(n - 1)}
    if kind == "all":
        total = factorial(n - 1)
    elif kind == "adjacent":
        steps.update({"m": n - 1, "m1": n - 2, "f_m1": factorial(n - 2)})
        total = factorial(n - 2) * 2
    elif kind == "apart":
        adjacent = factorial(n - 2) * 2
        steps.update({"m1": n - 2, "f_m1": factorial(n - 2), "adjacent": adjacent})
        total = factorial(n - 1) - adjacent
    elif kind == "alternate":
        b = params["boys"]
        steps.update({"b1": b - 1, "f_b1": factorial(b - 1), "g": params["girls"], "f_g": factorial(params["girls"])})
        total = factorial(b - 1) * factorial(params["girls"])
    elif kind == "block3":
        steps.update({"m": n - 2, "m1": n - 3, "f_m1": factorial(n - 3)})
        total = factorial(n - 3) * 6
    elif kind == "opposite":
        steps.update({"m1": n - 2, "f_m1": factorial(n - 2)})
        total = factorial(n - 2)
    else:
        total = factorial(n - 1) // 2
    steps["total"] = total
    return Solution(answer=sp.Integer(total), answer_latex=str(total), steps=steps)


def verify_circular(params: Mapping[str, Any], solution: Solution) -> bool:
    return int(solution.answer) == _circular_brute(params)


# --- 最短経路 ---------------------------------------------------------------------


_PATH_ENDS = (("A", "B"), ("S", "G"), ("X", "Y"), ("家", "学校"))


def sample_paths(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["plain", "via"], ["plain", "via", "avoid"], ["via", "avoid"], ["via", "avoid", "via_avoid"],
             ["avoid", "via_avoid"]][difficulty - 1]
    size = [(2, 6), (3, 6), (3, 7), (4, 8), (5, 9)][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(kinds)
        w, h = r.randint(*size), r.randint(*size)
        params: dict[str, Any] = {"kind": kind, "w": w, "h": h, "end": r.randrange(3),
                                  "ends": list(r.choice(_PATH_ENDS)), "start": [r.randint(-3, 3), r.randint(-3, 3)]}
        if kind != "plain":
            params["p"] = [r.randint(0, w), r.randint(0, h)]
        if kind == "via_avoid":
            params["q"] = [r.randint(0, w), r.randint(0, h)]
        return params

    def accept(p: dict[str, Any]) -> bool:
        w, h = p["w"], p["h"]
        if "p" in p and not (0 < p["p"][0] < w and 0 < p["p"][1] < h):
            return False
        if "q" in p:
            q, pt = p["q"], p["p"]
            # Q lies on some shortest path through P, and is neither P nor an end
            reachable = (q[0] <= pt[0] and q[1] <= pt[1]) or (q[0] >= pt[0] and q[1] >= pt[1])
            return reachable and q != pt and q not in ([0, 0], [w, h])
        return True

    return draw_until(rng, draw, accept)


def _lattice_count(w: int, h: int, forbidden: set[tuple[int, int]], required: tuple[int, int] | None) -> int:
    """Paths (0,0)→(w,h) by unit steps right/up avoiding ``forbidden`` (table recursion)."""
    def table(src: tuple[int, int], dst: tuple[int, int]) -> int:
        ways: dict[tuple[int, int], int] = {}
        for x in range(src[0], dst[0] + 1):
            for y in range(src[1], dst[1] + 1):
                if (x, y) in forbidden:
                    ways[(x, y)] = 0
                elif (x, y) == src:
                    ways[(x, y)] = 1
                else:
                    ways[(x, y)] = ways.get((x - 1, y), 0) + ways.get((x, y - 1), 0)
        return ways[dst]

    if required is None:
        return table((0, 0), (w, h))
    if not (0 <= required[0] <= w and 0 <= required[1] <= h):
        return 0
    return table((0, 0), required) * table(required, (w, h))


def solve_paths(params: Mapping[str, Any]) -> Solution:
    w, h, kind = params["w"], params["h"], params["kind"]
    total = comb(w + h, w)
    steps: dict[str, Any] = {"total": total, "wh": w + h}
    if kind == "plain":
        value = total
    else:
        px, py = params["p"]
        first, second = comb(px + py, px), comb(w - px + h - py, w - px)
        via = first * second
        steps.update({"first": first, "second": second, "via": via, "rx": w - px, "ry": h - py,
                      "pxy": px + py, "rxy": w - px + h - py})
        if kind == "via":
            value = via
        elif kind == "avoid":
            value = total - via
        else:
            qx, qy = params["q"]
            pts = sorted([(px, py), (qx, qy)])
            (ax, ay), (bx, by) = pts
            both = comb(ax + ay, ax) * comb(bx - ax + by - ay, bx - ax) * comb(w - bx + h - by, w - bx)
            steps.update({"both": both, "order": "Q，P" if pts[0] == (qx, qy) else "P，Q",
                          "c1": comb(ax + ay, ax), "c2": comb(bx - ax + by - ay, bx - ax),
                          "c3": comb(w - bx + h - by, w - bx),
                          "s1": ax + ay, "s2": bx - ax + by - ay, "s3": w - bx + h - by,
                          "k1": ax, "k2": bx - ax, "k3": w - bx})
            value = via - both
    steps["value"] = value
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_paths(params: Mapping[str, Any], solution: Solution) -> bool:
    w, h, kind = params["w"], params["h"], params["kind"]
    if kind == "plain":
        want = _lattice_count(w, h, set(), None)
    elif kind == "via":
        want = _lattice_count(w, h, set(), tuple(params["p"]))
    elif kind == "avoid":
        want = _lattice_count(w, h, {tuple(params["p"])}, None)
    else:
        want = _lattice_count(w, h, {tuple(params["q"])}, tuple(params["p"]))
    return int(solution.answer) == want


# --- 図形の個数 -------------------------------------------------------------------

_KANJI_DIGIT = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """Kanji numeral for 1-99: ``12 -> 十二``, ``20 -> 二十``."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_KANJI_DIGIT[tens]}十")
    return head + (_KANJI_DIGIT[ones] if ones else "")


def sample_polygon(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["triangles", "diagonals", "quads"], ["triangles", "quads", "one_side", "diagonals"],
             ["one_side", "no_side", "quads", "rectangles"], ["no_side", "right", "one_side", "rectangles"],
             ["no_side", "right", "obtuse", "acute"]][difficulty - 1]
    n_range = [(5, 20), (6, 20), (7, 22), (8, 24), (8, 30)][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": r.choice(kinds), "n": r.randint(*n_range), "end": r.randrange(3), "fig": r.randrange(3)}

    return draw_until(rng, draw, lambda p: p["kind"] not in ("right", "obtuse", "acute", "rectangles") or p["n"] % 2 == 0)


def solve_polygon(params: Mapping[str, Any]) -> Solution:
    n, kind = params["n"], params["kind"]
    tri = comb(n, 3)
    steps: dict[str, Any] = {"tri": tri, "name": kanji_number(n), "n3": n * (n - 4), "n4": n - 4, "half": n // 2}
    if kind == "triangles":
        value = tri
    elif kind == "diagonals":
        steps["pairs"] = comb(n, 2)
        value = comb(n, 2) - n
    elif kind == "quads":
        value = comb(n, 4)
    elif kind == "one_side":
        value = n * (n - 4)
    elif kind == "no_side":
        value = tri - n - n * (n - 4)
    elif kind == "right":
        steps["others"] = n - 2
        value = (n // 2) * (n - 2)
    elif kind == "rectangles":
        steps["pairs_d"] = comb(n // 2, 2)
        value = comb(n // 2, 2)
    else:  # obtuse: all three vertices within an open half circle; acute: the rest
        obtuse = n * comb(n // 2 - 1, 2)
        right = (n // 2) * (n - 2)
        steps.update({"arc": n // 2 - 1, "arc_pairs": comb(n // 2 - 1, 2), "obtuse": obtuse,
                      "right": right, "others": n - 2})
        value = obtuse if kind == "obtuse" else tri - right - obtuse
    steps["value"] = value
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_polygon(params: Mapping[str, Any], solution: Solution) -> bool:
    n, kind = params["n"], params["kind"]

    def is_side(i: int, j: int) -> bool:
        return (i - j) % n in (1, n - 1)

    count = 0
    if kind == "diagonals":
        count = sum(1 for i, j in combinations(range(n), 2) if not is_side(i, j))
    elif kind == "quads":
        count = sum(1 for _ in combinations(range(n), 4))
    elif kind == "rectangles":  # four vertices whose diagonals are both diameters
        count = sum(1 for q in combinations(range(n), 4) if q[2] - q[0] == n // 2 and q[3] - q[1] == n // 2)
    else:
        for tri in combinations(range(n), 3):
            sides = sum(is_side(a, b) for a, b in combinations(tri, 2))
            # arcs between consecutive chosen vertices (in steps of 1/n of the circle)
            a, b, c = tri
            arcs = (b - a, c - b, n - c + a)
            if kind == "triangles" or (kind == "one_side" and sides == 1) or (kind == "no_side" and sides == 0) or (kind == "right" and 2 * max(arcs) == n) or (kind == "obtuse" and 2 * max(arcs) > n) or (kind == "acute" and 2 * max(arcs) < n):
                count += 1
    return int(solution.answer) == count


# --- the unit ---------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="matha.counting",
    name="場合の数",
    course="数学A",
    description="整数の順列, 円順列, 最短経路, 正多角形の頂点で作る図形の個数.",
    types=(
        ProblemType(
            id="digit_permutations", name="整数の順列",
            sample=sample_digits, solve=solve_digits, verify=verify_digits,
            problem_templates=_phrasings("digits"), solution_template="digits_solution.j2",
            knobs="more digits (5 → 10), 0 among the digits, 4-digit numbers, 偶数・5の倍数 → 3の倍数",
        ),
        ProblemType(
            id="circular", name="円順列",
            sample=sample_circular, solve=solve_circular, verify=verify_circular,
            problem_templates=_phrasings("circular"), solution_template="circular_solution.j2",
            knobs="more people (4 → 8); 隣り合う → 向かい合う, 3人が隣り合う, 隣り合わない, 交互, じゅず順列",
        ),
        ProblemType(
            id="shortest_path", name="最短経路",
            sample=sample_paths, solve=solve_paths, verify=verify_paths,
            problem_templates=_phrasings("paths"), solution_template="paths_solution.j2",
            knobs="larger grids; 点Pを通る → 点Pを通らない → Pを通りQを通らない",
        ),
        ProblemType(
            id="polygon_figures", name="図形の個数",
            sample=sample_polygon, solve=solve_polygon, verify=verify_polygon,
            problem_templates=_phrasings("polygon"), solution_template="polygon_solution.j2",
            knobs="larger polygons (5 → 24 sides); 三角形・対角線 → 辺を共有する/しない, 長方形 → 直角・鈍角・鋭角三角形",
        ),
    ),
)
