"""1次方程式 (中1): かっこ・小数・分数係数の方程式, 比例式, 文章題."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import gcd, lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as nonzero
from mathft_units._lineq import isolate
from mathft_units.jhs1._fmt import fr, lin, pq, rat

X = sp.Symbol("x")

# --- 方程式 (かっこ・小数・分数係数) --------------------------------------------------------
# A side is a list of pieces {"k": [p, q], "a": [p, q], "b": [p, q], "m": int}: k(ax + b)/m.


def _dec(value: Fraction) -> str:
    """A terminating decimal: ``Fraction(-6, 5) -> '-1.2'``."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    scaled = v * 100
    if scaled.denominator != 1:
        raise ValueError(f"{value} is not a two-place decimal")
    whole, cents = divmod(int(scaled), 100)
    if cents == 0:
        return f"{sign}{whole}"
    frac = f"{cents:02d}".rstrip("0")
    return f"{sign}{whole}.{frac}"


def _piece_value(piece: Mapping[str, Any], x: Fraction) -> Fraction:
    return fr(piece["k"]) * (fr(piece["a"]) * x + fr(piece["b"])) / piece["m"]


def _side_coeffs(side: Sequence[Mapping[str, Any]]) -> tuple[Fraction, Fraction]:
    a = sum((fr(p["k"]) * fr(p["a"]) / p["m"] for p in side), Fraction(0))
    b = sum((fr(p["k"]) * fr(p["b"]) / p["m"] for p in side), Fraction(0))
    return a, b


def _dec_lin(a: Fraction, b: Fraction) -> str:
    terms = []
    if a:
        body = "x" if abs(a) == 1 else f"{_dec(abs(a))}x"
        terms.append(body if a > 0 else f"-{body}")
    if b:
        terms.append(_dec(b))
    return join_terms(terms)


def _piece_tex(piece: Mapping[str, Any], first: bool, decimal: bool) -> str:
    k, a, b, m = fr(piece["k"]), fr(piece["a"]), fr(piece["b"]), piece["m"]
    fmt = _dec if decimal else num
    lin_of = (lambda u, v: _dec_lin(u, v)) if decimal else (lambda u, v: lin([(u, "x"), (v, "")]))
    body = lin_of(a, b)
    two = a != 0 and b != 0
    if m == 1 and k == 1:
        text = body
    elif m == 1 and k == -1:
        text = f"-({body})" if two else lin_of(-a, -b)
    elif m == 1:
        text = f"{fmt(k)}({body})"
    else:
        frac = f"\\frac{{{body}}}{{{m}}}"
        text = frac if k == 1 else f"-{frac}" if k == -1 else f"{fmt(k)} \\times {frac}"
    if first:
        return text
    return f"- {text[1:]}" if text.startswith("-") else f"+ {text}"


def _side_tex(side: Sequence[Mapping[str, Any]], decimal: bool) -> str:
    return " ".join(_piece_tex(p, i == 0, decimal) for i, p in enumerate(side))


def _p(k: Fraction | int, a: Fraction | int, b: Fraction | int, m: int = 1) -> dict[str, Any]:
    return {"k": pq(k), "a": pq(a), "b": pq(b), "m": m}


def _draw_equation(r: Random, difficulty: int) -> dict[str, Any]:
    sm = lambda: nonzero(r, -9, 9)  # noqa: E731
    decimal = False
    if difficulty == 1:
        lhs = [_p(1, nonzero(r, 2, 9), sm())]
        rhs = [_p(1, r.choice((0, sm())), sm())]
    elif difficulty == 2:
        lhs = [_p(r.randint(2, 6), nonzero(r, 1, 4), sm())]
        rhs = [_p(r.choice((1, -1)) * r.randint(2, 5), nonzero(r, 1, 3), sm()), _p(1, 0, sm())]
        if r.random() < 0.5:
            lhs, rhs = rhs, lhs
    elif difficulty == 3:
        decimal = True
        tenth = lambda: Fraction(nonzero(r, -19, 19), 10)  # noqa: E731
        lhs = [_p(1, tenth(), tenth())]
        rhs = [_p(1, tenth(), tenth())]
        if r.random() < 0.4:
            lhs = [_p(Fraction(r.randint(2, 9), 10), nonzero(r, 1, 3), nonzero(r, -5, 5))]
    elif difficulty == 4:
        m1, m2 = r.sample((2, 3, 4, 5, 6), 2)
        lhs = [_p(1, nonzero(r, 1, 3), sm(), m1)]
        rhs = [_p(1, nonzero(r, 1, 3), sm(), m2)]
        if r.random() < 0.5:
            rhs.append(_p(1, 0, sm()))
    else:
        m1, m2, m3 = r.sample((2, 3, 4, 5, 6, 8, 9, 10, 12), 3)
        lhs = [_p(1, nonzero(r, 1, 4), sm(), m1), _p(-1, nonzero(r, 1, 4), sm(), m2)]
        rhs = [_p(1, nonzero(r, 1, 3), r.choice((0, sm())), m3)]
        if r.random() < 0.5:
            rhs.append(_p(1, 0, sm()))
    return {"lhs": lhs, "rhs": rhs, "decimal": decimal}


def _equation_ok(difficulty: int) -> Any:
    def accept(p: dict[str, Any]) -> bool:
        a, b = _side_coeffs(p["lhs"])
        c, d = _side_coeffs(p["rhs"])
        if a == c:
            return False
        for side in (p["lhs"], p["rhs"]):
            for piece in side:
                pa, pb = fr(piece["a"]), fr(piece["b"])
                if piece["m"] > 1 and pa.denominator == pb.denominator == 1 and gcd(gcd(int(pa), int(pb)), piece["m"]) > 1:
                    return False
        x = (d - b) / (a - c)
        bound = 15 if difficulty < 5 else 30
        return x.denominator == 1 and abs(x) <= bound and x != 0

    return accept


def sample_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    return draw_until(rng, lambda r: _draw_equation(r, difficulty), _equation_ok(difficulty), max_tries=5000)


def solve_equation(params: Mapping[str, Any]) -> Solution:
    lhs, rhs, decimal = params["lhs"], params["rhs"], params["decimal"]
    stated = f"{_side_tex(lhs, decimal)} = {_side_tex(rhs, decimal)}"
    pieces = [*lhs, *rhs]
    mult = lcm(*[p["m"] for p in pieces])
    if decimal:
        dens = {Fraction(x).denominator for p in pieces for x in (fr(p["k"]), fr(p["a"]), fr(p["b"]))}
        mult = 10 if all(10 % q == 0 for q in dens) else 100
    cleared = ""
    if mult > 1:
        cleared = " = ".join(_cleared_side(side, mult) for side in (lhs, rhs))
    a, b = _side_coeffs(lhs)
    c, d = _side_coeffs(rhs)
    a, b, c, d = a * mult, b * mult, c * mult, d * mult
    steps = isolate(a, b, c, d)
    expanded = steps["equation"]
    value = steps.pop("value")
    return Solution(
        answer=sp.Eq(X, rat(value)),
        answer_latex=f"x = {num(value)}",
        steps={**steps, "stated": stated, "mult": mult, "cleared": cleared,
               "show_expanded": expanded not in (cleared, stated), "decimal": decimal},
    )


def _cleared_side(side: Sequence[Mapping[str, Any]], mult: int) -> str:
    out = []
    for piece in side:
        k, a, b, m = fr(piece["k"]), fr(piece["a"]), fr(piece["b"]), piece["m"]
        mu = k * mult / m
        if a == 0 or b == 0:
            out.append(lin([(mu * a, "x"), (mu * b, "")]))
        elif a.denominator == 1 and b.denominator == 1 and mu.denominator == 1:
            core = lin([(a, "x"), (b, "")])
            out.append(f"({core})" if mu == 1 else f"-({core})" if mu == -1 else f"{num(mu)}({core})")
        else:
            out.append(lin([(mu * a, "x"), (mu * b, "")]))
    return join_terms(out)


def verify_equation(params: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the answer into both sides as stated (exact fractions)."""
    x = Fraction(int(solution.answer.rhs.p), int(solution.answer.rhs.q))
    left = sum((_piece_value(p, x) for p in params["lhs"]), Fraction(0))
    right = sum((_piece_value(p, x) for p in params["rhs"]), Fraction(0))
    other = x + 1
    moves = sum((_piece_value(p, other) for p in params["lhs"]), Fraction(0)) != sum(
        (_piece_value(p, other) for p in params["rhs"]), Fraction(0)
    )
    return left == right and moves


# --- 比例式 ----------------------------------------------------------------------------
# Four terms t1 : t2 = t3 : t4, each {"a": [p, q], "b": [p, q]} meaning a x + b.


def _term_tex(t: Mapping[str, Any]) -> str:
    a, b = fr(t["a"]), fr(t["b"])
    if a == 0:
        return num(b)
    body = lin([(a, "x"), (b, "")])
    return f"({body})" if b else body


def _term_val(t: Mapping[str, Any], x: Fraction) -> Fraction:
    return fr(t["a"]) * x + fr(t["b"])


def sample_proportion(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        x0 = r.randint(1, 12 if difficulty < 4 else 20)
        positions = {1: [(0,)], 2: [(0,), (1,), (2,), (3,)], 3: [(0,), (1,), (2,), (3,)],
                     4: [(0, 1), (0, 2), (1, 3), (2, 3)], 5: [(0, 1), (0, 2), (1, 3), (2, 3)]}[difficulty]
        where = r.choice(positions)
        terms = []
        for i in range(4):
            if i in where:
                a = 1 if difficulty <= 3 else r.randint(1, 3)
                b = 0 if difficulty <= 2 else nonzero(r, -6, 6)
                terms.append({"a": [a, 1], "b": [b, 1]})
            elif difficulty == 5 and r.random() < 0.5:
                terms.append({"a": [0, 1], "b": pq(Fraction(r.randint(1, 5), r.randint(2, 6)))})
            else:
                terms.append({"a": [0, 1], "b": [r.randint(2, 15), 1]})
        return {"x0": x0, "terms": terms}

    def fix(p: dict[str, Any]) -> bool:
        # make x0 the solution by choosing the last constant term
        x0 = Fraction(p["x0"])
        t = p["terms"]
        vals = [_term_val(term, x0) for term in t]
        const = [i for i in range(4) if fr(t[i]["a"]) == 0]
        if not const or any(v <= 0 for v in vals):
            return False
        j = const[-1]
        # t1 t4 = t2 t3  -> solve for vals[j]
        partner = {0: 3, 3: 0, 1: 2, 2: 1}[j]
        others = [i for i in range(4) if i not in (j, partner)]
        if vals[partner] == 0:
            return False
        needed = vals[others[0]] * vals[others[1]] / vals[partner]
        if needed <= 0 or needed.denominator > (6 if difficulty == 5 else 1) or needed > 60:
            return False
        t[j]["b"] = pq(needed)
        consts = [fr(t[i]["b"]) for i in const]
        if len(set(consts)) != len(consts) or needed < 2:
            return False
        a, _b, c, _d = _cross(t)
        return a != c

    return draw_until(rng, draw, fix, max_tries=5000)


def _cross(t: Sequence[Mapping[str, Any]]) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """Coefficients of t1·t4 = t2·t3 as ``a x + b = c x + d`` (x appears in no product twice)."""

    def prod(u: Mapping[str, Any], v: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
        ua, ub, va, vb = fr(u["a"]), fr(u["b"]), fr(v["a"]), fr(v["b"])
        if ua and va:
            raise ValueError("x multiplied by x")
        return ua * vb + va * ub, ub * vb

    a, b = prod(t[0], t[3])
    c, d = prod(t[1], t[2])
    return a, b, c, d


def _prod_tex(u: Mapping[str, Any], v: Mapping[str, Any]) -> str:
    def part(t: Mapping[str, Any]) -> str:
        return _term_tex(t)

    ua = fr(u["a"])
    first, second = (v, u) if ua else (u, v)
    return f"{part(first)} \\times {part(second)}"


def solve_proportion(params: Mapping[str, Any]) -> Solution:
    t = params["terms"]
    a, b, c, d = _cross(t)
    steps = isolate(a, b, c, d)
    value = steps.pop("value")
    return Solution(
        answer=sp.Eq(X, rat(value)),
        answer_latex=f"x = {num(value)}",
        steps={**steps, "stated": f"{_term_tex(t[0])} : {_term_tex(t[1])} = {_term_tex(t[2])} : {_term_tex(t[3])}",
               "product": f"{_prod_tex(t[0], t[3])} = {_prod_tex(t[1], t[2])}"},
    )


def verify_proportion(params: Mapping[str, Any], solution: Solution) -> bool:
    """The two ratios are equal (as fractions) at the answer, with positive terms."""
    x = Fraction(int(solution.answer.rhs.p), int(solution.answer.rhs.q))
    v = [_term_val(t, x) for t in params["terms"]]
    return all(val > 0 for val in v) and v[0] / v[1] == v[2] / v[3]


# --- 文章題 ----------------------------------------------------------------------------

_GOODS = (
    ("りんご", "みかん", "個"),
    ("ケーキ", "プリン", "個"),
    ("大人の入場券", "子どもの入場券", "枚"),
    ("ノート", "スケッチブック", "冊"),
    ("ボールペン", "色鉛筆", "本"),
)
_THINGS = (("あめ", "個"), ("色紙", "枚"), ("鉛筆", "本"), ("カード", "枚"))
_SCENES = ("price", "surplus", "age", "speed", "profit")


def sample_word(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(_SCENES[max(0, difficulty - 2) : difficulty])
    if kind == "price":
        goods = rng.choice(_GOODS)
        p1 = rng.randrange(80, 300 if difficulty == 1 else 500, 10)
        p2 = rng.randrange(50, p1 - 10 + 1, 10) if p1 > 60 else 50
        n = rng.randint(8, 20)
        x = rng.randint(1, n - 1)
        return {"kind": kind, "goods": list(goods), "p1": p1, "p2": p2, "n": n, "total": p1 * x + p2 * (n - x), "x": x}
    if kind == "surplus":
        people = rng.randint(5, 30)
        a = rng.randint(2, 6)
        b = a + rng.randint(1, 3)
        rest = rng.randint(1, 15)
        short = b * people - (a * people + rest)
        if short <= 0:
            b += (-short) // people + 1
            short = b * people - (a * people + rest)
        ask = rng.choice(("people", "items"))
        return {"kind": kind, "a": a, "b": b, "rest": rest, "short": short, "people": people,
                "items": a * people + rest, "ask": ask, "thing": list(rng.choice(_THINGS))}

    if kind == "age":
        def draw_age(r: Random) -> dict[str, Any]:
            k = r.randint(2, 4)
            child = r.randint(3, 14)
            later = r.randint(1, 12)
            father = k * (child + later) - later
            return {"kind": kind, "k": k, "child": child, "father": father, "years": later,
                    "who": list(r.choice((("父", "子"), ("母", "娘"), ("祖父", "孫"))))}

        return draw_until(rng, draw_age, lambda p: 25 <= p["father"] - p["child"] <= 60 and p["father"] <= 80)
    if kind == "speed":
        def draw_speed(r: Random) -> dict[str, Any]:
            v1 = r.randrange(50, 90, 10)
            v2 = v1 + r.randrange(10, 200, 10)
            t = r.randint(4, 20)
            return {"kind": kind, "v1": v1, "v2": v2, "t": t, "who": list(r.choice((("弟", "兄"), ("妹", "姉"))))}

        return draw_until(rng, draw_speed, lambda p: (p["v1"] * p["t"]) % (p["v2"] - p["v1"]) == 0)

    def draw_profit(r: Random) -> dict[str, Any]:
        cost = r.randrange(200, 3000, 100)
        up = r.randint(2, 5)
        off = r.randint(1, up - 1)
        return {"kind": kind, "cost": cost, "up": up, "off": off}

    def profit_ok(p: dict[str, Any]) -> bool:
        gain = Fraction(p["cost"]) * Fraction(10 + p["up"], 10) * Fraction(10 - p["off"], 10) - p["cost"]
        p["gain"] = int(gain) if gain.denominator == 1 else 0
        return gain > 0 and gain.denominator == 1

    return draw_until(rng, draw_profit, profit_ok)


def _word_equation(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction, Fraction, dict[str, Any]]:
    """The equation ``a x + b = c x + d`` the CoT sets up, and the LaTeX of its set-up."""
    kind = p["kind"]
    if kind == "price":
        eq = f"{p['p1']}x + {p['p2']}({p['n']} - x) = {p['total']}"
        return (Fraction(p["p1"] - p["p2"]), Fraction(p["p2"] * p["n"]), Fraction(0), Fraction(p["total"]),
                {"setup": eq})
    if kind == "surplus":
        eq = f"{p['a']}x + {p['rest']} = {p['b']}x - {p['short']}"
        return Fraction(p["a"]), Fraction(p["rest"]), Fraction(p["b"]), Fraction(-p["short"]), {"setup": eq}
    if kind == "age":
        eq = f"{p['father']} + x = {p['k']}({p['child']} + x)"
        return Fraction(1), Fraction(p["father"]), Fraction(p["k"]), Fraction(p["k"] * p["child"]), {"setup": eq}
    if kind == "speed":
        eq = f"{p['v2']}x = {p['v1']}({p['t']} + x)"
        return Fraction(p["v2"]), Fraction(0), Fraction(p["v1"]), Fraction(p["v1"] * p["t"]), {"setup": eq}
    price = Fraction(10 + p["up"], 10) * Fraction(10 - p["off"], 10)
    eq = f"{_dec(Fraction(10 + p['up'], 10))}x \\times {_dec(Fraction(10 - p['off'], 10))} - x = {p['gain']}"
    return price - 1, Fraction(0), Fraction(0), Fraction(p["gain"]), {"setup": eq, "coef": _dec(price)}


def solve_word(params: Mapping[str, Any]) -> Solution:
    a, b, c, d, extra = _word_equation(params)
    if params["kind"] == "profit":
        x = Fraction(params["gain"]) / a
        steps = {"rate": _dec(a), "gain": params["gain"]}
    else:
        steps = isolate(a, b, c, d)
        x = steps.pop("value")
    answer = x
    if params["kind"] == "surplus" and params["ask"] == "items":
        answer = params["a"] * x + params["rest"]
    return Solution(
        answer=sp.Integer(int(answer)),
        answer_latex=num(answer),
        steps={**steps, **extra, "x": num(x)},
    )


def verify_word(params: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force: the only whole number meeting the story's conditions is the answer."""
    kind, p = params["kind"], params
    found = []
    for x in range(0, 10001):
        if kind == "price":
            ok = x <= p["n"] and p["p1"] * x + p["p2"] * (p["n"] - x) == p["total"]
        elif kind == "surplus":
            ok = x > 0 and p["a"] * x + p["rest"] == p["b"] * x - p["short"]
            x = p["a"] * x + p["rest"] if ok and p["ask"] == "items" else x
        elif kind == "age":
            ok = p["father"] + x == p["k"] * (p["child"] + x)
        elif kind == "speed":
            ok = x > 0 and p["v2"] * x == p["v1"] * (p["t"] + x)
        else:
            ok = x > 0 and x * (10 + p["up"]) * (10 - p["off"]) - 100 * x == 100 * p["gain"]
        if ok:
            found.append(x)
        if kind != "profit" and x > 500:
            break
    return found == [int(solution.answer)]


UNIT = Unit(
    id="jhs1.linear_equations",
    name="1次方程式",
    course="中1",
    description="かっこ・小数・分数係数の1次方程式，比例式，1次方程式の文章題",
    types=(
        ProblemType(
            id="equation",
            name="分数係数・小数係数の方程式",
            sample=sample_equation,
            solve=solve_equation,
            verify=verify_equation,
            problem_templates=("equation_1.j2", "equation_2.j2", "equation_3.j2"),
            solution_template="equation_solution.j2",
            answer_form="soft",
            knobs="1: 移項のみ; 2: かっこ; 3: 小数係数; 4: 分数係数; 5: 3つの分数・大きい解",
        ),
        ProblemType(
            id="proportion",
            name="比例式",
            sample=sample_proportion,
            solve=solve_proportion,
            verify=verify_proportion,
            problem_templates=("proportion_1.j2", "proportion_2.j2", "proportion_3.j2"),
            solution_template="proportion_solution.j2",
            answer_form="soft",
            knobs="1: x : a = b : c; 2: x の位置が自由; 3: (x + b) の項; 4: 2項に x; 5: 分数の項",
        ),
        ProblemType(
            id="word_problem", shape="word",
            name="1次方程式の文章題",
            sample=sample_word,
            solve=solve_word,
            verify=verify_word,
            problem_templates=("word_1.j2", "word_2.j2", "word_3.j2"),
            solution_template="word_solution.j2",
            answer_form="soft",
            knobs="1: 代金; 2: 代金・過不足; 3: 過不足・年齢; 4: 年齢・速さ; 5: 速さ・利益 (割合)",
        ),
    ),
)
