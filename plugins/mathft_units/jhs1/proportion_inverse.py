"""比例と反比例 (中1): 比例・反比例の式, 反比例の値, グラフ上の格子点の個数."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as nonzero
from mathft_units.jhs1._fmt import fr, pq, ptex, rat

X, Y = sp.symbols("x y")


def _law_tex(kind: str, a: Fraction) -> str:
    """``y = -\\frac{5}{2}x`` (比例) or ``y = -\\frac{12}{x}`` (反比例, integer constant)."""
    if kind == "direct":
        return f"y = {coef_term(a, 'x')}"
    sign = "-" if a < 0 else ""
    return f"y = {sign}\\frac{{{num(abs(a))}}}{{x}}"


def _law_value(kind: str, a: Fraction) -> sp.Expr:
    return rat(a) * X if kind == "direct" else rat(a) / X


# --- 比例・反比例の式 -----------------------------------------------------------------------


def sample_formula(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 3:
            kind = "direct"
            if difficulty == 3:
                x0 = nonzero(r, -12, 12)
                y0 = nonzero(r, -30, 30)
            else:
                a = r.randint(2, 25) * (1 if difficulty == 1 else r.choice((1, -1)))
                x0 = r.randint(1, 20) if difficulty == 1 else nonzero(r, -20, 20)
                y0 = a * x0
            return {"kind": kind, "x0": [x0, 1], "y0": [y0, 1]}
        kind = "inverse" if difficulty == 4 or r.random() < 0.7 else "direct"
        if difficulty == 4:
            a = nonzero(r, -48, 48)
            divs = [d for d in range(1, abs(a) + 1) if a % d == 0]
            x0 = r.choice(divs) * r.choice((1, -1))
            return {"kind": kind, "x0": [x0, 1], "y0": [a // x0, 1]}
        q = r.randint(2, 4)
        x0 = Fraction(nonzero(r, -9, 9), q)
        a = Fraction(nonzero(r, -30, 30))
        y0 = a / x0 if kind == "inverse" else Fraction(nonzero(r, -9, 9))
        return {"kind": kind, "x0": pq(x0), "y0": pq(y0)}

    def accept(p: dict[str, Any]) -> bool:
        x0, y0 = fr(p["x0"]), fr(p["y0"])
        a = y0 / x0 if p["kind"] == "direct" else x0 * y0
        if p["kind"] == "direct" and difficulty >= 3:
            return a.denominator > 1 and a.denominator <= 9 and abs(a.numerator) <= 30
        return a != 0 and a.denominator == 1 and abs(a) != 1

    return draw_until(rng, draw, accept)


def solve_formula(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    x0, y0 = fr(params["x0"]), fr(params["y0"])
    a = y0 / x0 if kind == "direct" else x0 * y0
    return Solution(
        answer=sp.Eq(Y, _law_value(kind, a)),
        answer_latex=_law_tex(kind, a),
        steps={"a": num(a), "x0": num(x0), "y0": num(y0), "px0": ptex(x0), "py0": ptex(y0)},
    )


def verify_formula(params: Mapping[str, Any], solution: Solution) -> bool:
    """The law passes through (x0, y0) and has the asked shape (y/x or xy constant)."""
    rhs = solution.answer.rhs
    x0, y0 = rat(fr(params["x0"])), rat(fr(params["y0"]))
    if rhs.subs(X, x0) != y0:
        return False
    invariant = sp.cancel(rhs / X) if params["kind"] == "direct" else sp.cancel(rhs * X)
    return bool(invariant.free_symbols == set() and invariant != 0)


# --- 比例・反比例の値 --------------------------------------------------------------------


def sample_value(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = "direct" if difficulty == 1 else "inverse"
        a = Fraction(nonzero(r, -12 if difficulty <= 2 else -60, 12 if difficulty <= 2 else 60))
        x1 = Fraction(nonzero(r, -9, 9))
        if difficulty == 5:
            x1 = Fraction(nonzero(r, -9, 9), r.randint(2, 3))
        x2 = Fraction(nonzero(r, -12, 12))
        ask = "x" if difficulty == 4 else "y"
        y1 = a * x1 if kind == "direct" else a / x1
        y2 = a * x2 if kind == "direct" else a / x2
        return {"kind": kind, "x1": pq(x1), "y1": pq(y1), "x2": pq(x2), "y2": pq(y2), "ask": ask}

    def accept(p: dict[str, Any]) -> bool:
        x1, y1, x2, y2 = (fr(p[k]) for k in ("x1", "y1", "x2", "y2"))
        if x1 == x2:
            return False
        if difficulty <= 2:
            return y1.denominator == y2.denominator == 1
        if difficulty == 3:
            return y1.denominator == 1 and y2.denominator > 1
        if difficulty == 4:
            return y1.denominator == 1 and y2.denominator == 1
        return y1.denominator == 1 and y2.denominator <= 6

    return draw_until(rng, draw, accept)


def solve_value(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    x1, y1, x2, y2 = (fr(params[k]) for k in ("x1", "y1", "x2", "y2"))
    a = y1 / x1 if kind == "direct" else x1 * y1
    answer = x2 if params["ask"] == "x" else y2
    given = y2 if params["ask"] == "x" else x2
    return Solution(
        answer=rat(answer),
        answer_latex=num(answer),
        steps={"a": num(a), "law": _law_tex(kind, a), "x1": num(x1), "y1": num(y1), "px1": ptex(x1),
               "py1": ptex(y1), "given": num(given), "pgiven": ptex(given),
               "x2": num(x2), "y2": num(y2)},
    )


def verify_value(params: Mapping[str, Any], solution: Solution) -> bool:
    """The two points keep y/x (比例) or xy (反比例) constant."""
    x1, y1 = fr(params["x1"]), fr(params["y1"])
    v = Fraction(int(solution.answer.p), int(solution.answer.q))
    if params["ask"] == "x":
        x2, y2 = v, fr(params["y2"])
    else:
        x2, y2 = fr(params["x2"]), v
    if params["kind"] == "direct":
        return y1 * x2 == y2 * x1
    return x1 * y1 == x2 * y2


# --- 格子点 ----------------------------------------------------------------------------

_LATTICE_RANGE = {1: (6, 200), 2: (12, 500), 3: (24, 1000), 4: (60, 3000), 5: (120, 10000)}


def sample_lattice(rng: Random, difficulty: int) -> dict[str, Any]:
    lo, hi = _LATTICE_RANGE[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        a = r.randint(lo, hi)
        if r.random() < 0.4:
            a = -a
        positive = a > 0 and r.random() < 0.5
        return {"a": a, "positive": positive}

    need = {1: 4, 2: 6, 3: 8, 4: 10, 5: 12}[difficulty]
    return draw_until(rng, draw, lambda p: len(sp.divisors(abs(p["a"]))) >= need)


def solve_lattice(params: Mapping[str, Any]) -> Solution:
    a = params["a"]
    divs = [int(d) for d in sp.divisors(abs(a))]
    count = len(divs) if params["positive"] else 2 * len(divs)
    return Solution(
        answer=sp.Integer(count),
        answer_latex=str(count),
        steps={"abs": abs(a), "divisors": ", ".join(map(str, divs)), "n": len(divs), "law": _law_tex("inverse", Fraction(a))},
    )


def verify_lattice(params: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over every integer x with |x| <= |a|."""
    a = params["a"]
    xs = range(1, abs(a) + 1) if params["positive"] else [x for x in range(-abs(a), abs(a) + 1) if x]
    count = sum(1 for x in xs if a % x == 0 and (not params["positive"] or a // x > 0))
    return sp.Integer(count) == solution.answer


UNIT = Unit(
    id="jhs1.proportion_inverse",
    name="比例と反比例",
    course="中1",
    description="比例・反比例の式，反比例の値，反比例のグラフ上の格子点",
    types=(
        ProblemType(
            id="formula",
            name="比例・反比例の式",
            sample=sample_formula,
            solve=solve_formula,
            verify=verify_formula,
            problem_templates=("formula_1.j2", "formula_2.j2", "formula_3.j2"),
            solution_template="formula_solution.j2",
            answer_form="soft",
            knobs="1: 正の整数の比例定数; 2: 負の数; 3: 分数の比例定数; 4: 反比例; 5: 分数の x の値",
        ),
        ProblemType(
            id="value",
            name="比例・反比例の値",
            sample=sample_value,
            solve=solve_value,
            verify=verify_value,
            problem_templates=("value_1.j2", "value_2.j2", "value_3.j2"),
            solution_template="value_solution.j2",
            answer_form="soft",
            knobs="1: 比例; 2: 反比例; 3: 分数の答え; 4: y から x を求める; 5: 分数の x の値",
        ),
        ProblemType(
            id="lattice_points",
            name="格子点の個数",
            sample=sample_lattice,
            solve=solve_lattice,
            verify=verify_lattice,
            problem_templates=("lattice_1.j2", "lattice_2.j2", "lattice_3.j2", "lattice_4.j2", "lattice_5.j2"),
            solution_template="lattice_solution.j2",
            answer_form="soft",
            knobs="比例定数の大きさ (200 → 10000) と約数の多さ (4 → 12 個以上)，負の比例定数，正の整数に限る条件",
        ),
    ),
)
