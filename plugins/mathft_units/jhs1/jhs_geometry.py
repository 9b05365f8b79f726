"""平面図形・空間図形・図形の角 (中1): おうぎ形, 円錐・円柱・球, 多角形の角.

Lengths, areas and volumes are exact multiples of π written ``12\\pi``, ``\\frac{15}{2}\\pi``;
angles are degrees written ``150^\\circ`` (CURRICULUM.md §2); no units in the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import gcd, isqrt, pi
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num, pi_multiple
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.jhs1._fmt import rat


def _pi_value(coef: Fraction) -> sp.Expr:
    return rat(coef) * sp.pi


def _deg(value: int) -> str:
    return f"{value}^\\circ"


# --- おうぎ形 --------------------------------------------------------------------------

_SECTOR_ASKS = {1: ("arc",), 2: ("area",), 3: ("perimeter", "area"), 4: ("angle_arc", "angle_area"), 5: ("area_from_arc", "perimeter")}


def sample_sector(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = rng.choice(_SECTOR_ASKS[difficulty])
    step, top = (15, 180) if difficulty <= 2 else (5, 355)
    limit = 12

    def draw(r: Random) -> dict[str, Any]:
        angle = r.choice([a for a in range(step, top + 1, step)] + ([10, 20, 40, 50, 70, 80, 100] if difficulty <= 2 else []))
        return {"ask": ask, "r": r.randint(2, 40), "angle": angle}

    def accept(p: dict[str, Any]) -> bool:
        arc = Fraction(2 * p["r"] * p["angle"], 360)
        area = Fraction(p["r"] ** 2 * p["angle"], 360)
        return arc.denominator <= limit and area.denominator <= limit

    return draw_until(rng, draw, accept)


def solve_sector(params: Mapping[str, Any]) -> Solution:
    r, angle, ask = params["r"], params["angle"], params["ask"]
    ratio = Fraction(angle, 360)
    arc = 2 * r * ratio
    area = r * r * ratio
    steps = {"ratio": num(ratio), "arc": pi_multiple(arc), "area": pi_multiple(area), "circ": pi_multiple(2 * r),
             "disk": pi_multiple(r * r), "ratio_frac": f"\\frac{{{angle}}}{{360}}"}
    if ask == "arc":
        value, latex = _pi_value(arc), pi_multiple(arc)
    elif ask == "area":
        value, latex = _pi_value(area), pi_multiple(area)
    elif ask == "perimeter":
        value, latex = _pi_value(arc) + 2 * r, f"{pi_multiple(arc)} + {2 * r}"
    elif ask == "area_from_arc":
        value, latex = _pi_value(area), pi_multiple(area)
    else:
        value, latex = sp.Integer(angle), _deg(angle)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_sector(params: Mapping[str, Any], solution: Solution) -> bool:
    """Numeric check with S = lr/2 and the arc/area ratio, independent of the π-fraction algebra."""
    r, angle, ask = params["r"], params["angle"], params["ask"]
    got = float(solution.answer)
    arc = 2 * pi * r * angle / 360
    if ask == "arc":
        return abs(got - arc) < 1e-9
    if ask in ("area", "area_from_arc"):
        return abs(got - arc * r / 2) < 1e-9
    if ask == "perimeter":
        return abs(got - arc - 2 * r) < 1e-9
    if ask == "angle_arc":
        return abs(2 * pi * r * got / 360 - arc) < 1e-9
    return abs(pi * r * r * got / 360 - arc * r / 2) < 1e-9


# --- 立体 (円柱・円錐・球) ----------------------------------------------------------------

def _triples(limit: int) -> tuple[tuple[int, int, int], ...]:
    """Every Pythagorean triple (a < b < c) with c <= limit (Euclid's formula, scaled)."""
    out = set()
    for m in range(2, isqrt(limit) + 1):
        for n in range(1, m):
            if (m - n) % 2 == 1 and gcd(m, n) == 1:
                a, b, c = m * m - n * n, 2 * m * n, m * m + n * n
                for k in range(1, limit // c + 1):
                    out.add((min(a, b) * k, max(a, b) * k, c * k))
    return tuple(sorted(out))


_TRIPLES = _triples(200)
_SOLID_ASKS = {1: ("cylinder_volume", "cone_volume"), 2: ("cone_surface", "cylinder_surface"),
               3: ("cone_angle", "cone_surface"), 4: ("cone_volume_slant", "cone_surface_height"),
               5: ("sphere_volume", "sphere_surface", "hemisphere_surface", "rot_rect", "rot_tri")}


def sample_solid(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = rng.choice(_SOLID_ASKS[difficulty])
    if ask in ("cone_volume_slant", "cone_surface_height"):
        a, b, c = rng.choice(_TRIPLES)
        r, h = (a, b) if rng.random() < 0.5 else (b, a)
        return {"ask": ask, "r": r, "h": h, "l": c}
    if ask == "cone_angle":
        def draw(r_: Random) -> dict[str, Any]:
            return {"ask": ask, "r": r_.randint(1, 30), "l": r_.randint(2, 60)}

        return draw_until(rng, draw, lambda p: p["r"] < p["l"] and (360 * p["r"]) % p["l"] == 0)
    r = rng.randint(1, 50 if ask.startswith(("sphere", "hemi")) else 20)
    return {"ask": ask, "r": r, "h": rng.randint(1, 30), "l": rng.randint(r + 1, r + 20) if ask == "cone_surface" else 0}


def solve_solid(params: Mapping[str, Any]) -> Solution:
    ask, r, h = params["ask"], params["r"], params.get("h", 0)
    steps: dict[str, Any] = {"base": pi_multiple(r * r)}
    if ask == "cylinder_volume":
        coef = Fraction(r * r * h)
    elif ask in ("cone_volume", "cone_volume_slant", "rot_tri"):
        coef = Fraction(r * r * h, 3)
    elif ask == "rot_rect":
        coef = Fraction(r * r * h)
    elif ask == "cone_surface_height":
        coef = Fraction(r * r + r * params["l"])
        steps.update(side=pi_multiple(r * params["l"]), l=params["l"])
    elif ask == "cylinder_surface":
        coef = Fraction(2 * r * r + 2 * r * h)
        steps.update(side=pi_multiple(2 * r * h), bases=pi_multiple(2 * r * r))
    elif ask == "cone_surface":
        slant = params["l"]
        coef = Fraction(r * r + r * slant)
        steps.update(side=pi_multiple(r * slant), l=slant)
    elif ask == "cone_angle":
        angle = 360 * r // params["l"]
        return Solution(answer=sp.Integer(angle), answer_latex=_deg(angle),
                        steps={"arc": pi_multiple(2 * r), "circ": pi_multiple(2 * params["l"]), "ratio": num(Fraction(r, params["l"]))})
    elif ask == "sphere_volume":
        coef = Fraction(4 * r**3, 3)
    elif ask == "sphere_surface":
        coef = Fraction(4 * r * r)
    else:  # hemisphere_surface: curved half plus the flat disk
        coef = Fraction(3 * r * r)
        steps.update(half=pi_multiple(2 * r * r))
    steps["value"] = pi_multiple(coef)
    return Solution(answer=_pi_value(coef), answer_latex=pi_multiple(coef), steps=steps)


def verify_solid(params: Mapping[str, Any], solution: Solution) -> bool:
    """Independent numeric checks: cone side from its development, sphere V = rS/3, h from the triple."""
    ask, r = params["ask"], params["r"]
    got = float(solution.answer)
    if ask == "cone_volume_slant":
        h = isqrt(params["l"] ** 2 - r * r)
        return h * h + r * r == params["l"] ** 2 and abs(got - pi * r * r * h / 3) < 1e-9
    if ask == "cone_surface_height":
        slant = isqrt(r * r + params["h"] ** 2)
        return slant * slant == r * r + params["h"] ** 2 and abs(got - pi * r * slant - pi * r * r) < 1e-9
    if ask == "rot_rect":
        return abs(got - pi * r * r * params["h"]) < 1e-9
    if ask == "rot_tri":
        return abs(got - pi * r * r * params["h"] / 3) < 1e-9
    if ask == "cone_angle":
        # the development's arc equals the base circumference
        return abs(2 * pi * params["l"] * got / 360 - 2 * pi * r) < 1e-9
    if ask == "cone_surface":
        slant = params["l"]
        development = pi * slant**2 * (2 * pi * r) / (2 * pi * slant)
        return abs(got - development - pi * r * r) < 1e-9
    if ask == "sphere_volume":
        return abs(got - r * (4 * pi * r * r) / 3) < 1e-9
    if ask == "sphere_surface":
        return abs(got - 3 * (4 * pi * r**3 / 3) / r) < 1e-9
    if ask == "hemisphere_surface":
        return abs(got - (2 * pi * r * r + pi * r * r)) < 1e-9
    h = params["h"]
    if ask == "cylinder_volume":
        return abs(got - pi * r * r * h) < 1e-9
    if ask == "cylinder_surface":
        return abs(got - (2 * pi * r) * h - 2 * pi * r * r) < 1e-9
    return abs(got - pi * r * r * h / 3) < 1e-9


# --- 多角形の角 --------------------------------------------------------------------------

_KANJI = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九")


def _name(n: int) -> str:
    """``十二`` for n <= 20 (textbook kanji), digits in ``$...$`` beyond."""
    if n > 20:
        return f" ${n}$ "
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _KANJI[tens] + "十")) + _KANJI[ones]


_DIV360 = tuple(n for n in range(3, 361) if 360 % n == 0)
_POLY_ASKS = {1: ("tri_third",) * 8 + ("exterior", "interior"), 2: ("tri_exterior",) * 6 + ("exterior", "interior", "sum", "sum"),
              3: ("missing", "sum"), 4: ("n_from_interior", "n_from_exterior", "n_from_sum", "missing_exterior",
                                          "missing_exterior"), 5: ("missing",)}


def sample_polygon(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = rng.choice(_POLY_ASKS[difficulty])
    if ask in ("tri_third", "tri_exterior"):
        a = rng.randint(20, 130)
        return {"ask": ask, "n": 3, "angles": [a, rng.randint(15, 165 - a)]}
    if ask in ("exterior", "interior"):
        n = rng.choice([n for n in _DIV360 if n <= (20 if difficulty == 1 else 180)])
    elif ask == "sum":
        n = rng.randint(4, 60 if difficulty == 2 else 100)
    elif ask in ("n_from_interior", "n_from_exterior"):
        n = rng.choice([n for n in _DIV360 if 5 <= n <= 180])
    elif ask == "n_from_sum":
        n = rng.randint(5, 200)
    else:
        n = rng.randint(4, 5) if difficulty == 3 else rng.randint(5, 9)
    if ask not in ("missing", "missing_exterior"):
        return {"ask": ask, "n": n, "angles": []}

    def draw(r: Random) -> dict[str, Any]:
        if ask == "missing":
            return {"ask": ask, "n": n, "angles": [r.randint(60, 175) for _ in range(n - 1)]}
        return {"ask": ask, "n": n, "angles": [r.randint(20, 110) for _ in range(n - 1)]}

    def accept(p: dict[str, Any]) -> bool:
        rest = (180 * (n - 2) if ask == "missing" else 360) - sum(p["angles"])
        return 30 <= rest <= 175

    return draw_until(rng, draw, accept)


def solve_polygon(params: Mapping[str, Any]) -> Solution:
    ask, n = params["ask"], params["n"]
    total = 180 * (n - 2)
    steps: dict[str, Any] = {"name": _name(n), "rname": "正方形" if n == 4 else f"正{_name(n)}角形",
                             "total": total, "n2": n - 2}
    if ask == "exterior":
        value = 360 // n
    elif ask == "interior":
        value = total // n
    elif ask == "sum":
        value = total
    elif ask in ("n_from_interior", "n_from_exterior"):
        steps.update(interior=total // n, exterior=360 // n)
        return Solution(answer=sp.Integer(n), answer_latex=str(n), steps=steps)
    elif ask == "n_from_sum":
        return Solution(answer=sp.Integer(n), answer_latex=str(n), steps=steps)
    elif ask == "tri_third":
        value = 180 - sum(params["angles"])
    elif ask == "tri_exterior":
        value = sum(params["angles"])
    elif ask == "missing_exterior":
        value = 360 - sum(params["angles"])
    else:
        value = total - sum(params["angles"])
    if params["angles"]:
        steps.update(known=" + ".join(f"{a}^\\circ" for a in params["angles"]),
                     listed=", ".join(f"{a}^\\circ" for a in params["angles"]), known_sum=sum(params["angles"]))
    return Solution(answer=sp.Integer(value), answer_latex=_deg(value), steps=steps)


def verify_polygon(params: Mapping[str, Any], solution: Solution) -> bool:
    """Check through exterior angles (their sum is 360°), not through 180(n - 2)."""
    ask, n = params["ask"], params["n"]
    v = int(solution.answer)
    if ask == "exterior":
        return v * n == 360
    if ask == "interior":
        return (180 - v) * n == 360
    if ask == "sum":
        return v == 180 * n - 360
    if ask in ("n_from_interior", "n_from_exterior"):
        return (180 - (180 * (params["n"] - 2) // params["n"])) * v == 360
    if ask == "n_from_sum":
        return 180 * v - 360 == 180 * (params["n"] - 2)
    if ask == "tri_third":
        return 0 < v < 180 and (180 - v) == sum(params["angles"])
    if ask == "tri_exterior":
        return 0 < v < 180 and 180 - v + sum(params["angles"]) == 180
    if ask == "missing_exterior":
        interiors = [180 - a for a in params["angles"]] + [180 - v]
        return sum(interiors) == 180 * (n - 2)
    exteriors = [180 - a for a in params["angles"]] + [180 - v]
    return sum(exteriors) == 360 and 0 < v < 180


UNIT = Unit(
    id="jhs1.jhs_geometry",
    name="平面図形・空間図形・図形の角",
    course="中1",
    description="おうぎ形の弧・面積・中心角，円柱・円錐・球の体積と表面積，多角形の角",
    types=(
        ProblemType(
            id="sector",
            name="おうぎ形",
            sample=sample_sector,
            solve=solve_sector,
            verify=verify_sector,
            problem_templates=("sector_1.j2", "sector_2.j2", "sector_3.j2"),
            solution_template="sector_solution.j2",
            answer_form="soft",
            knobs="1: 弧の長さ; 2: 面積; 3: 周の長さ・半端な中心角; 4: 中心角を求める; 5: 弧と半径から面積",
        ),
        ProblemType(
            id="solid",
            name="円柱・円錐・球",
            sample=sample_solid,
            solve=solve_solid,
            verify=verify_solid,
            problem_templates=("solid_1.j2", "solid_2.j2", "solid_3.j2"),
            solution_template="solid_solution.j2",
            answer_form="soft",
            knobs="1: 体積; 2: 表面積; 3: 展開図の中心角; 4: 母線と高さ (三平方); 5: 球・半球・回転体",
        ),
        ProblemType(
            id="polygon_angle",
            name="多角形の角",
            sample=sample_polygon,
            solve=solve_polygon,
            verify=verify_polygon,
            problem_templates=("polygon_1.j2", "polygon_2.j2", "polygon_3.j2"),
            solution_template="polygon_solution.j2",
            answer_form="soft",
            knobs="1: 三角形の残りの角・正多角形; 2: 三角形の外角・大きい n; 3: 四角形・五角形の残りの角・内角の和; 4: 何角形か・残りの外角; 5: 六〜九角形の残りの内角",
        ),
    ),
)
