"""2次方程式・三平方・相似の利用 (中3): 道幅, 連続する整数, はしご・距離, 影と高さ.

Samplers start from the answer; the 2次方程式 types expand the situation to
``x^2 + b x + c = 0`` with integer roots, factor it and reject the root that does not fit the
situation; the verifiers substitute back into the situation as stated (areas, products, sums
of squares, similar ratios) or brute-force small integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import isqrt
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, num, poly, values_list
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_type,
)
from mathft_units._answers import rational_answer
from mathft_units.jhs3._surd import radical, split_square

F = Fraction


def _int(value: int | Fraction, steps: dict[str, Any]) -> Solution:
    value = F(value)
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=num(value), steps=steps)


def _factor(b: int, c: int) -> tuple[str, tuple[int, int]]:
    """``x^2 + b x + c`` with integer roots r1 <= r2: its factored form and the roots."""
    disc = b * b - 4 * c
    root = isqrt(disc)
    if root * root != disc:
        raise ValueError("roots are not integers")
    r1, r2 = (-b - root) // 2, (-b + root) // 2

    def factor(r: int) -> str:
        return "x" if r == 0 else f"(x {'-' if r > 0 else '+'} {abs(r)})"

    text = f"{factor(r1)}{factor(r2)}" if r1 != r2 else f"{factor(r1)}^2"
    if r1 == 0 or r2 == 0:
        other = r2 if r1 == 0 else r1
        text = f"x{factor(other)}"
    return text, (r1, r2)


def _quad_steps(b: int, c: int) -> dict[str, Any]:
    text, (r1, r2) = _factor(b, c)
    return {"std": f"{poly([1, b, c])} = 0", "factored": f"{text} = 0", "r1": r1, "r2": r2,
            "roots": values_list([num(r1), num(r2)]) if r1 != r2 else num(r1)}


# --- 道幅・枠・箱 ------------------------------------------------------------------------------
_ROAD_KIND = {1: "cross", 2: "frame", 3: "border", 4: "box", 5: "road_area"}


def sample_road(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _ROAD_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        x = r.randint(1, 6)
        a, b = r.randint(8, 40), r.randint(8, 40)
        p = {"kind": kind, "x": x, "a": a, "b": b}
        if kind == "box":
            p["a"] = p["b"] = a
            p["x"] = r.randint(2, 6)
        return p

    def ok(p: dict[str, Any]) -> bool:
        x, a, b = p["x"], p["a"], p["b"]
        if kind == "cross":
            p["area"] = (a - x) * (b - x)
        elif kind == "frame":
            p["area"] = (a + 2 * x) * (b + 2 * x)
        elif kind == "border":
            if min(a, b) <= 2 * x + 1:
                return False
            p["area"] = (a - 2 * x) * (b - 2 * x)
        elif kind == "road_area":
            p["area"] = a * b - (a - x) * (b - x)
        else:
            # box: square sheet a, cut x-squares at the corners; the box holds volume V; ask a
            if a <= 2 * x + 1:
                return False
            p["area"] = (a - 2 * x) ** 2 * x
        return a != b or kind == "box"

    params = draw_until(rng, draw, ok)
    params.update(land=rng.choice(("土地", "空き地", "公園の敷地")), rest=rng.choice(("畑", "花だん", "芝生")),
                  pic=rng.choice(("絵", "写真", "ポスター")), garden=rng.choice(("庭", "花だん", "広場")),
                  sheet=rng.choice(("厚紙", "工作用紙", "ブリキ板")))
    return params


def _road_equation(p: Mapping[str, Any]) -> tuple[int, int, str]:
    """The monic quadratic ``x^2 + b x + c = 0`` of the situation and the equation as set up."""
    a, b, area, kind = p["a"], p["b"], p["area"], p["kind"]
    if kind == "cross":
        return -(a + b), a * b - area, f"({a} - x)({b} - x) = {area}"
    if kind == "frame":
        # 4x^2 + 2(a + b)x + ab - area = 0, divided by 2 when possible; roots checked below
        return -(a + b), a * b - area, f"({a} + 2x)({b} + 2x) = {area}"
    if kind == "border":
        return -(a + b), a * b - area, f"({a} - 2x)({b} - 2x) = {area}"
    if kind == "road_area":
        return -(a + b), area, f"{a} \\times {b} - ({a} - x)({b} - x) = {area}"
    raise ValueError(kind)


def solve_road(p: Mapping[str, Any]) -> Solution:
    kind, a, b, area = p["kind"], p["a"], p["b"], p["area"]
    if kind == "box":
        x = p["x"]
        base = F(area, x)
        side = isqrt(int(base))
        steps = {"setup": f"{x}(a - {2 * x})^2 = {area}", "sq": f"(a - {2 * x})^2 = {num(base)}",
                 "side": side, "a_val": side + 2 * x, "neg": f"a - {2 * x} = -{side}", "neg_a": 2 * x - side}
        return _int(side + 2 * x, steps)
    bq, cq, setup = _road_equation(p)
    if kind in ("frame", "border"):
        # (a ± 2x)(b ± 2x) = area -> 4x^2 ± 2(a+b)x + ab - area = 0; substitute u = 2x
        sign = 1 if kind == "frame" else -1
        u_b, u_c = sign * (a + b), a * b - area
        q = _quad_steps(u_b, u_c)
        std = f"{poly([4, 2 * sign * (a + b), a * b - area])} = 0"
        roots = [F(r, 2) for r in (q["r1"], q["r2"])]
        valid = [r for r in roots if r > 0 and (kind == "frame" or 2 * r < min(a, b))]
        steps = {"setup": setup, "std": std, "u_std": q["std"].replace("x", "u"), "u_fact": q["factored"].replace("x", "u"),
                 "u_roots": [q["r1"], q["r2"]], "roots": [num(r) for r in roots], "x": num(valid[0]),
                 "bad": [num(r) for r in roots if r not in valid]}
        return _int(valid[0], steps)
    q = _quad_steps(bq, cq)
    roots = [q["r1"], q["r2"]]
    valid = [r for r in roots if 0 < r < min(a, b)]
    steps = {"setup": setup, **q, "x": valid[0], "bad": [r for r in roots if r not in valid]}
    return _int(valid[0], steps)


def verify_road(p: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the width into the situation's area (volume) as stated; it must fit the field."""
    x = rational_answer(solution.answer)
    if x is None:
        return False
    a, b, area, kind = p["a"], p["b"], p["area"], p["kind"]
    if kind == "box":
        return x > 2 * p["x"] and (x - 2 * p["x"]) ** 2 * p["x"] == area
    if kind == "cross":
        return 0 < x < min(a, b) and (a - x) * (b - x) == area
    if kind == "frame":
        return x > 0 and (a + 2 * x) * (b + 2 * x) == area
    if kind == "border":
        return 0 < 2 * x < min(a, b) and (a - 2 * x) * (b - 2 * x) == area
    return 0 < x < min(a, b) and a * b - (a - x) * (b - x) == area


# --- 連続する整数 ------------------------------------------------------------------------------
_CONSEC_KIND = {1: "product", 2: "squares", 3: "three", 4: "product_int", 5: "three_squares"}


def _consec_ok(p: Mapping[str, Any], n: int) -> bool:
    """Does ``n`` (the number asked for) satisfy the stated condition?"""
    kind, v = p["kind"], p["value"]
    if kind == "product":
        return n >= 1 and n * (n + 1) == v
    if kind == "squares":
        return n >= 2 and (n - 1) ** 2 + n ** 2 == v
    if kind == "three":
        return n >= 2 and (n - 1) * (n + 1) == p["k"] * n + v
    if kind == "product_int":
        return n * (n + 1) == v
    return (n - 1) ** 2 + n ** 2 + (n + 1) ** 2 == v


def sample_consec(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _CONSEC_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        n = r.randint(3, 25)
        k = r.randint(2, 9)
        value = {"product": n * (n + 1), "squares": (n - 1) ** 2 + n ** 2, "three": (n - 1) * (n + 1) - k * n,
                 "product_int": n * (n + 1), "three_squares": 3 * n * n + 2}[kind]
        return {"kind": kind, "n": n, "k": k, "value": value}

    def ok(p: dict[str, Any]) -> bool:
        hits = [m for m in range(-200, 201) if _consec_ok(p, m)]
        return (len(hits) == 2) if kind in ("product_int", "three_squares") else hits == [p["n"]]

    params = draw_until(rng, draw, ok)
    params["nat"] = rng.choice(("自然数", "正の整数"))
    return params


def solve_consec(p: Mapping[str, Any]) -> Solution:
    kind, v, k = p["kind"], p["value"], p["k"]
    if kind in ("product", "product_int"):
        q = _quad_steps(1, -v)
        setup = f"x(x + 1) = {v}"
    elif kind == "squares":
        q = _quad_steps(-1, -(v - 1) // 2)
        setup = f"(x - 1)^2 + x^2 = {v}"
        q["std2"] = f"{poly([2, -2, 1 - v])} = 0"
    elif kind == "three":
        q = _quad_steps(-k, -(1 + v))
        setup = f"(x - 1)(x + 1) = {k}x {'+' if v >= 0 else '-'} {abs(v)}"
    else:
        n2 = (v - 2) // 3
        root = isqrt(n2)
        q = {"std": f"3x^2 + 2 = {v}", "sq": f"x^2 = {n2}", "r1": -root, "r2": root}
        setup = f"(x - 1)^2 + x^2 + (x + 1)^2 = {v}"
    steps = {**q, "setup": setup}
    if kind in ("product_int", "three_squares"):
        values = sorted({q["r1"], q["r2"]})
        steps["list"] = values_list(num(x) for x in values)
        return Solution(answer=sp.FiniteSet(*[sp.Integer(x) for x in values]), answer_latex=steps["list"], steps=steps)
    good = [r for r in (q["r1"], q["r2"]) if r >= (1 if kind == "product" else 2)]
    steps["x"], steps["bad"] = good[0], [r for r in (q["r1"], q["r2"]) if r not in good]
    return _int(good[0], steps)


def verify_consec(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over the integers −200…200."""
    hits = [m for m in range(-200, 201) if _consec_ok(p, m)]
    if p["kind"] in ("product_int", "three_squares"):
        return solution.answer == sp.FiniteSet(*[sp.Integer(m) for m in hits])
    return len(hits) == 1 and solution.answer == sp.Integer(hits[0])


# --- 三平方の定理の利用 -------------------------------------------------------------------------
_PYTH_KIND = {1: "ladder", 2: "walkers", 3: "slide", 4: "box", 5: "surface"}
_TRIPLES = ((3, 4, 5), (6, 8, 10), (5, 12, 13), (9, 12, 15), (8, 15, 17), (12, 16, 20), (7, 24, 25), (15, 20, 25),
            (20, 21, 29), (10, 24, 26))


def _surd(n2: int) -> tuple[sp.Expr, str]:
    """``√n2`` as an exact value and in simplest radical form."""
    k, r = split_square(n2)
    return k * sp.sqrt(r), radical(k, r)


def sample_pyth(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _PYTH_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        p = {"kind": kind}
        if kind == "ladder":
            p.update(L=r.randint(4, 13), d=r.randint(1, 6))
        elif kind == "walkers":
            p.update(v1=r.randint(2, 6), v2=r.randint(2, 8), t=r.randint(1, 4))
        elif kind == "slide":
            hyp = r.choice((5, 10, 13, 15, 17, 20, 25, 26, 29))
            legs = sorted({leg for tri in _TRIPLES for leg in tri[:2] if tri[2] == hyp}
                          | {leg * hyp // tri[2] for tri in _TRIPLES if hyp % tri[2] == 0 for leg in tri[:2]})
            h0, h1 = sorted(r.sample(legs, 2), reverse=True) if len(legs) >= 2 else (0, 0)
            p.update(L=hyp, h0=h0, h1=h1)
        else:
            p.update(a=r.randint(2, 12), b=r.randint(2, 12), c=r.randint(2, 12))
        return p

    def ok(p: dict[str, Any]) -> bool:
        if kind == "ladder":
            return p["L"] > p["d"] + 1
        if kind == "slide":
            return p["h0"] > p["h1"] > 0
        if kind in ("box", "surface"):
            return len({p["a"], p["b"], p["c"]}) == 3
        return p["v1"] != p["v2"]

    params = draw_until(rng, draw, ok)
    params["pole"] = rng.choice(("はしご", "棒", "板"))
    params["who"] = list(rng.choice((("A さん", "B さん"), ("兄", "弟"), ("太郎さん", "花子さん"), ("父", "母"))))
    return params


def pyth_square(p: Mapping[str, Any]) -> int:
    """The square of the asked length (for every kind but ``slide``), computed from the situation."""
    kind = p["kind"]
    if kind == "ladder":
        return p["L"] ** 2 - p["d"] ** 2
    if kind == "walkers":
        return (p["v1"] * p["t"]) ** 2 + (p["v2"] * p["t"]) ** 2
    a, b, c = p["a"], p["b"], p["c"]
    if kind == "box":
        return a * a + b * b + c * c
    return min((a + b) ** 2 + c * c, (a + c) ** 2 + b * b, (b + c) ** 2 + a * a)


def solve_pyth(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    if kind == "slide":
        hyp, h0, h1 = p["L"], p["h0"], p["h1"]
        f0, f1 = isqrt(hyp * hyp - h0 * h0), isqrt(hyp * hyp - h1 * h1)
        steps = {"f0": f0, "f1": f1, "s": h0 - h1,
                 "f0_line": f"\\sqrt{{{hyp}^2 - {h0}^2}} = \\sqrt{{{hyp * hyp - h0 * h0}}} = {f0}",
                 "f1_line": f"\\sqrt{{{hyp}^2 - {h1}^2}} = \\sqrt{{{hyp * hyp - h1 * h1}}} = {f1}"}
        return _int(f1 - f0, steps)
    n2 = pyth_square(p)
    value, text = _surd(n2)
    steps: dict[str, Any] = {"n2": n2, "value": text}
    if kind == "ladder":
        steps["line"] = f"\\sqrt{{{p['L']}^2 - {p['d']}^2}} = \\sqrt{{{n2}}}"
    elif kind == "walkers":
        d1, d2 = p["v1"] * p["t"], p["v2"] * p["t"]
        steps.update(d1=d1, d2=d2, line=f"\\sqrt{{{d1}^2 + {d2}^2}} = \\sqrt{{{n2}}}")
    elif kind == "box":
        steps["line"] = f"\\sqrt{{{p['a']}^2 + {p['b']}^2 + {p['c']}^2}} = \\sqrt{{{n2}}}"
    else:
        a, b, c = p["a"], p["b"], p["c"]
        options = [((a + b), c), ((a + c), b), ((b + c), a)]
        steps["options"] = [f"{u}^2 + {w}^2 = {u * u + w * w}" for u, w in options]
        steps["line"] = f"\\sqrt{{{n2}}}"
    steps["simplify"] = text != f"\\sqrt{{{n2}}}"
    return Solution(answer=value, answer_latex=text, steps=steps)


def verify_pyth(p: Mapping[str, Any], solution: Solution) -> bool:
    """Square the answer and compare with the squared length from coordinates of the situation."""
    value = sp.sympify(solution.answer)
    if not isinstance(value, sp.Expr) or value.free_symbols:
        return False
    if p["kind"] == "slide":
        hyp, h0, h1 = p["L"], p["h0"], p["h1"]
        foot0, foot1 = sp.sqrt(hyp * hyp - h0 * h0), sp.sqrt(hyp * hyp - h1 * h1)
        return bool(value == foot1 - foot0)
    if not value.is_positive:
        return False
    kind = p["kind"]
    if kind == "walkers":  # A at (0, v1 t), B at (v2 t, 0)
        ax, ay, bx, by = 0, p["v1"] * p["t"], p["v2"] * p["t"], 0
        target = (ax - bx) ** 2 + (ay - by) ** 2
    elif kind == "box":  # opposite corners (0,0,0) and (a,b,c)
        target = sum(v * v for v in (p["a"], p["b"], p["c"]))
    elif kind == "ladder":  # foot (d, 0), top (0, h): h^2 = L^2 - d^2
        target = p["L"] ** 2 - p["d"] ** 2
    else:  # unfold the box in the three ways and keep the shortest straight line
        a, b, c = p["a"], p["b"], p["c"]
        target = min(x * x + y * y for x, y in ((a + b, c), (a + c, b), (b + c, a)))
    return bool(value**2 == target)


# --- 相似の利用 (影・高さ・川幅) ------------------------------------------------------------------
_SHADOW_KIND = {1: "tree", 2: "lamp", 3: "wall", 4: "lamp_tip", 5: "river"}


def sample_shadow(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = _SHADOW_KIND[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": kind, "h": r.randrange(60, 200, 10), "s": r.randrange(40, 300, 10), "S": r.randint(2, 20),
                "H": r.randint(3, 9), "ph": r.choice((F(3, 2), F(8, 5), F(9, 5), F(6, 5), F(17, 10))),
                "d": r.randint(2, 12), "w": r.randint(1, 4), "k": r.randint(2, 10), "ab": r.randint(2, 12),
                "cd": r.randint(3, 20)}

    def ok(p: dict[str, Any]) -> bool:
        if kind in ("tree", "wall"):
            height = F(p["h"], p["s"]) * p["S"] + (p["w"] if kind == "wall" else 0)
            return height.denominator == 1 and p["h"] != p["s"] and 3 <= height <= 40
        if kind in ("lamp", "lamp_tip"):
            ph = p["ph"]
            shadow = ph * p["d"] / (p["H"] - ph)
            p["ph"] = [ph.numerator, ph.denominator]
            return shadow.denominator == 1 and p["H"] > ph + 1
        if p["cd"] <= p["ab"]:
            return False
        width = F(p["ab"] * p["k"], p["cd"] - p["ab"])
        return width.denominator == 1 and width <= 60

    params = draw_until(rng, draw, ok, max_tries=20000)
    if isinstance(params["ph"], Fraction):
        params["ph"] = [params["ph"].numerator, params["ph"].denominator]
    params.update(tall=rng.choice(("木", "電柱", "旗ざお", "鉄塔")), lamp=rng.choice(("街灯", "電灯")),
                  mark=rng.choice(("木", "岩", "電柱")))
    return params


def _dec(v: Fraction) -> str:
    """A tenth-decimal for heights such as 1.6."""
    whole, rest = divmod(v * 10, 10)
    return f"{int(whole)}.{int(rest)}" if rest else str(int(whole))


def solve_shadow(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    ph = F(p["ph"][0], p["ph"][1])
    steps: dict[str, Any] = {"ph": _dec(ph)}
    if kind in ("tree", "wall"):
        ratio = F(p["h"], p["s"])
        part = ratio * p["S"]
        steps.update(ratio=num(ratio), part=num(part), prop=f"x : {p['S']} = {p['h']} : {p['s']}",
                     cross=f"{p['s']}x = {p['h'] * p['S']}")
        total = part + (p["w"] if kind == "wall" else 0)
        return _int(total, steps)
    if kind in ("lamp", "lamp_tip"):
        H, d = p["H"], p["d"]
        s = ph * d / (H - ph)
        steps.update(prop=f"x : (x + {d}) = {_dec(ph)} : {H}", cross=f"{H}x = {_dec(ph)}(x + {d})",
                     expand=f"{H}x = {_dec(ph)}x + {_dec(ph * d)}", coll=f"{_dec(H - ph)}x = {_dec(ph * d)}", x=num(s))
        return _int(s + d if kind == "lamp_tip" else s, steps)
    ab, cd, k = p["ab"], p["cd"], p["k"]
    x = F(ab * k, cd - ab)
    steps.update(prop=f"x : (x + {k}) = {ab} : {cd}", cross=f"{cd}x = {ab}(x + {k})",
                 coll=f"{coef_term(cd - ab, 'x')} = {ab * k}")
    return _int(x, steps)


def verify_shadow(p: Mapping[str, Any], solution: Solution) -> bool:
    """Similar triangles as ratios of the stated lengths, checked at the answer (exact fractions)."""
    v = rational_answer(solution.answer)
    if v is None:
        return False
    kind = p["kind"]
    ph = F(p["ph"][0], p["ph"][1])
    if kind == "tree":
        return v * p["s"] == p["h"] * p["S"]
    if kind == "wall":
        return (v - p["w"]) * p["s"] == p["h"] * p["S"] and v > p["w"]
    if kind == "lamp":  # lamp top, person's head and the shadow tip are collinear
        return v > 0 and ph / v == F(p["H"]) / (v + p["d"])
    if kind == "lamp_tip":
        shadow = v - p["d"]
        return shadow > 0 and ph / shadow == F(p["H"]) / v
    return v > 0 and v / (v + p["k"]) == F(p["ab"], p["cd"])


#: Types whose situation has few wordings of its own get a sixth phrasing.
_PHRASINGS = {"consecutive_integers": 6, "pythagoras_situation": 6, "road_width": 6}


def _type(type_id: str, name: str, fns: tuple[Any, Any, Any], knobs: str, form: str = "soft") -> ProblemType:
    return numbered_type(type_id, name, fns, knobs=knobs, shape="word", answer_form=form,
                         phrasings=_PHRASINGS.get(type_id, 5))


UNIT = Unit(
    id="jhs3.quadratic_applications",
    name="2次方程式・三平方・相似の利用",
    course="中3",
    description="道幅と面積，連続する整数，三平方の定理の利用 (はしご・距離・直方体)，相似の利用 (影・川幅)",
    types=(
        _type("road_width", "道幅・枠の幅と面積", (sample_road, solve_road, verify_road),
              "1: 十字の道; 2: 外側の枠; 3: 内側の通路 (不適な解); 4: 箱の容積からもとの正方形; 5: 道の面積から (不適な解)"),
        _type("consecutive_integers", "連続する整数", (sample_consec, solve_consec, verify_consec),
              "1: 2つの自然数の積; 2: 2つの自然数の平方の和; 3: 3つの自然数の関係; 4: 整数の積 (解が2つ); 5: 3つの整数の平方の和 (解が2つ)"),
        _type("pythagoras_situation", "三平方の定理の利用", (sample_pyth, solve_pyth, verify_pyth),
              "1: はしごの高さ; 2: 直角に進む2人の距離; 3: はしごがずれるときの移動距離; 4: 直方体の対角線; 5: 直方体の表面を通る最短距離",
              form="soft"),
        _type("similar_shadow", "相似の利用 (影・川幅)", (sample_shadow, solve_shadow, verify_shadow),
              "1: 棒の影と木の高さ; 2: 街灯と人の影; 3: 壁にかかる影; 4: 影の先端までの距離; 5: 川幅"),
    ),
)
