"""2次方程式 (中3): 解の公式 (因数分解で解ける式を含む), 平方根の考え, もう1つの解.

Roots are computed exactly as (P ± Q√r)/D from the integer coefficients; verifiers
substitute every root back in floating point and check Vieta's relations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz
from mathft_units.jhs3._surd import radical, split_square

X = sp.Symbol("x")


def _root_frac(p: int, q: int, r: int, d: int) -> str:
    """``(p + q√r)/d`` written as the formula gives it: ``\\frac{-1 + \\sqrt{5}}{2}``."""
    if q == 0:
        return num(Fraction(p, d))
    rad = radical(abs(q), r)
    if p == 0:
        body, sign = rad, "-" if q < 0 else ""
    else:
        body, sign = f"{p} {'-' if q < 0 else '+'} {rad}", ""
    return f"{sign}{body}" if d == 1 else f"{sign}\\frac{{{body}}}{{{d}}}"


def roots_from(p: int, q: int, r: int, d: int) -> dict[str, Any]:
    """Roots ``(p ± q√r)/d`` (q > 0, d > 0) reduced; their LaTeX answer, ± form and value."""
    if r == 1:
        lo, hi = sorted((Fraction(p - q, d), Fraction(p + q, d)))
        return {"answer": sp.FiniteSet(sp.Rational(lo.numerator, lo.denominator), sp.Rational(hi.numerator, hi.denominator)),
                "latex": f"{num(lo)}, {num(hi)}", "pm": f"{num(lo)}, {num(hi)}", "floats": [float(lo), float(hi)]}
    g = math.gcd(math.gcd(p, q), d)
    p, q, d = p // g, q // g, d // g
    if d == 1:
        center = "" if p == 0 else str(p) + " "
        pm = f"{center}\\pm {radical(q, r)}" if p else f"\\pm {radical(q, r)}"
        latex = pm
    else:
        pm = f"\\frac{{{'' if p == 0 else str(p) + ' '}\\pm {radical(q, r)}}}{{{d}}}"
        latex = f"{_root_frac(p, -q, r, d)}, {_root_frac(p, q, r, d)}"
    s = sp.sqrt(r)
    value = sp.FiniteSet((p - q * s) / sp.Integer(d), (p + q * s) / sp.Integer(d))
    return {"answer": value, "latex": latex, "pm": pm,
            "floats": [(p - q * math.sqrt(r)) / d, (p + q * math.sqrt(r)) / d]}


def formula_roots(a: int, b: int, c: int) -> dict[str, Any]:
    """Roots of ``ax^2 + bx + c = 0`` (D > 0) by the formula, reduced."""
    disc = b * b - 4 * a * c
    k, r = split_square(disc)
    return roots_from(-b, k, r, 2 * a)


def _check_roots(coeffs: tuple[int, int, int], values: list[float]) -> bool:
    a, b, c = coeffs
    if len(values) != 2 or abs(values[0] - values[1]) < 1e-9:
        return False
    scale = max(abs(a), abs(b), abs(c))
    on_curve = all(abs(a * v * v + b * v + c) < 1e-8 * scale * max(1.0, v * v) for v in values)
    vieta = abs(sum(values) + b / a) < 1e-9 * scale and abs(values[0] * values[1] - c / a) < 1e-9 * scale
    return on_curve and vieta


def _answer_floats(answer: sp.FiniteSet) -> list[float]:
    return sorted(float(v) for v in answer)


# --- 解の公式 -----------------------------------------------------------------------------


def sample_formula(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            r1, r2 = _nz(r, -9, 9), _nz(r, -9, 9)
            return {"a": 1, "b": -(r1 + r2), "c": r1 * r2, "lhs_extra": None}
        if difficulty == 2:
            p, q, s, t = r.randint(1, 4), _nz(r, -7, 7), r.randint(1, 3), _nz(r, -7, 7)
            k = r.choice((1, 1, 2, 3))
            return {"a": k * p * s, "b": -k * (p * t + q * s), "c": k * q * t, "lhs_extra": None}
        if difficulty == 3:
            m = _nz(r, -9, 9)
            return {"a": 1, "b": 2 * m, "c": _nz(r, -30, 30), "lhs_extra": None}
        if difficulty == 4:
            return {"a": r.randint(2, 6), "b": _nz(r, -11, 11), "c": _nz(r, -12, 12), "lhs_extra": None}
        m, n = _nz(r, -6, 6), _nz(r, -6, 6)
        pcoef, q = _nz(r, -5, 5), _nz(r, -9, 9)
        return {"a": 1, "b": m + n - pcoef, "c": m * n - q, "lhs_extra": [m, n, pcoef, q]}

    def ok(p: dict[str, Any]) -> bool:
        a, b, c = p["a"], p["b"], p["c"]
        disc = b * b - 4 * a * c
        if a == 0 or c == 0 or disc <= 0:
            return False
        if difficulty <= 2:
            return split_square(disc)[1] == 1
        return split_square(disc)[1] != 1 or difficulty == 5

    return draw_until(rng, draw, ok)


def solve_formula(params: Mapping[str, Any]) -> Solution:
    a, b, c = params["a"], params["b"], params["c"]
    roots = formula_roots(a, b, c)
    disc = b * b - 4 * a * c
    k, r = split_square(disc)
    steps: dict[str, Any] = {
        "eq": poly([a, b, c]), "disc": disc, "k": k, "r": r, "pm": roots["pm"],
        "rational": r == 1, "factorable": r == 1, "sqrt_simple": radical(k, r),
        "raw": f"\\frac{{{-b} \\pm \\sqrt{{{b * b} - 4 \\times {paren(a)} \\times {paren(c)}}}}}{{2 \\times {paren(a)}}}"
               if a > 0 else "",
        "raw2": f"\\frac{{{-b} \\pm {radical(k, r) if r != 1 else k}}}{{{2 * a}}}",
    }
    if params["lhs_extra"]:
        m, n, pc, q = params["lhs_extra"]
        steps["given"] = f"(x {'+' if m > 0 else '-'} {abs(m)})(x {'+' if n > 0 else '-'} {abs(n)}) = {poly([pc, q])}"
        steps["expanded"] = f"{poly([1, m + n, m * n])} = {poly([pc, q])}"
    else:
        steps["given"] = f"{poly([a, b, c])} = 0"
    if r == 1:
        # a primitive polynomial with rational roots factors as (d1 x - n1)(d2 x - n2) (Gauss)
        lo, hi = sorted(Fraction(-b + sgn * k, 2 * a) for sgn in (-1, 1))
        g = math.gcd(math.gcd(a, b), c)
        steps["common"] = g if g > 1 else None
        steps["reduced"] = poly([a // g, b // g, c // g])
        steps["factored"] = "".join(f"({poly([root.denominator, -root.numerator])})" for root in (lo, hi))
    return Solution(answer=roots["answer"], answer_latex=roots["latex"], steps=steps)


def verify_formula(params: Mapping[str, Any], solution: Solution) -> bool:
    coeffs = (params["a"], params["b"], params["c"])
    if params["lhs_extra"]:
        m, n, pc, q = params["lhs_extra"]
        vals = _answer_floats(solution.answer)
        return all(abs((v + m) * (v + n) - (pc * v + q)) < 1e-8 * max(1.0, v * v) for v in vals) and len(vals) == 2
    return _check_roots(coeffs, _answer_floats(solution.answer))


# --- 平方根の考え ----------------------------------------------------------------------------


def sample_sqrt_method(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            a = r.randint(1, 5)
            return {"a": a, "m": 1, "p": 0, "q": a * r.randint(2, 80), "form": "plain"}
        if difficulty == 2:
            a = r.choice((1, 1, 2, 3))
            return {"a": a, "m": 1, "p": _nz(r, -9, 9), "q": a * r.randint(1, 12) ** 2, "form": "square"}
        if difficulty == 3:
            return {"a": 1, "m": 1, "p": _nz(r, -9, 9), "q": r.randint(2, 75), "form": "square"}
        if difficulty == 4:
            return {"a": r.choice((1, 1, 2, 3)), "m": r.randint(2, 5), "p": _nz(r, -9, 9), "q": r.randint(2, 60), "form": "square"}
        half = _nz(r, -8, 8)
        return {"a": 1, "m": 1, "p": half, "q": r.randint(2, 60), "form": "complete"}

    def ok(p: dict[str, Any]) -> bool:
        if p["q"] <= 0 or p["q"] % p["a"]:
            return False
        if p["form"] == "complete":
            return p["p"] ** 2 != p["q"]
        return math.gcd(p["m"], p["p"]) == 1 or p["m"] == 1

    return draw_until(rng, draw, ok)


def solve_sqrt_method(params: Mapping[str, Any]) -> Solution:
    a, m, p, q, form = params["a"], params["m"], params["p"], params["q"], params["form"]
    steps: dict[str, Any] = {"form": form}
    rhs = q // a
    k, r = split_square(rhs)
    inner = f"{'' if m == 1 else m}x {'+' if p > 0 else '-'} {abs(p)}" if p else f"{'' if m == 1 else m}x"
    if form == "complete":
        # x^2 + 2px + (p^2 - q) = 0  ->  (x + p)^2 = q
        steps["eq"] = poly([1, 2 * p, p * p - q])
        steps["moved"] = f"{poly([1, 2 * p, 0])} = {q - p * p}"
        steps["added"] = f"{poly([1, 2 * p, 0])} + {p * p} = {q - p * p} + {p * p}"
        steps["half"] = p
    lhs = f"({inner})^2" if p or m != 1 else "x^2"
    steps.update(lhs=lhs, a=a, rhs=rhs, root=radical(k, r) if r != 1 else str(k), inner=inner,
                 given=(f"{'' if a == 1 else a}{lhs} = {q}" if form != "complete" else f"{poly([1, 2 * p, p * p - q])} = 0"))
    roots = roots_from(-p, k, r, m)
    steps["pm"] = roots["pm"]
    steps["inner_pm"] = f"{inner} = \\pm {steps['root']}"
    return Solution(answer=roots["answer"], answer_latex=roots["latex"], steps=steps)


def verify_sqrt_method(params: Mapping[str, Any], solution: Solution) -> bool:
    a, m, p, q = params["a"], params["m"], params["p"], params["q"]
    vals = _answer_floats(solution.answer)
    if params["form"] == "complete":
        return _check_roots((1, 2 * p, p * p - q), vals)
    return len(vals) == 2 and all(abs(a * (m * v + p) ** 2 - q) < 1e-8 * max(1, q) for v in vals) and vals[0] != vals[1]


# --- もう1つの解 ------------------------------------------------------------------------------


def sample_other_root(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        s, t = _nz(r, -12, 12), _nz(r, -12, 12)
        if difficulty == 1:
            return {"kind": "b", "lead": 1, "s": s, "t": t}
        if difficulty == 2:
            return {"kind": r.choice(("b", "c")), "lead": 1, "s": s, "t": t}
        if difficulty == 3:
            lead = r.randint(2, 4)
            tt = Fraction(_nz(r, -9, 9), lead)
            return {"kind": r.choice(("b", "c")), "lead": lead, "s": s, "t": [tt.numerator, tt.denominator]}
        if difficulty == 4:
            return {"kind": "both", "lead": 1, "s": s, "t": t}
        pc = r.choice((1, -1, 2, -2))
        a = _nz(r, -6, 6)
        q = -a * (pc * s + 1) - s * s
        return {"kind": "mixed", "lead": 1, "s": s, "pc": pc, "a": a, "q": q}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "mixed":
            t = Fraction(p["a"] + p["q"], p["s"])
            return t != p["s"] and p["a"] + p["q"] != 0 and p["pc"] * p["s"] + 1 != 0 and t.denominator == 1
        t = Fraction(*p["t"]) if isinstance(p["t"], list) else Fraction(p["t"])
        coef_b = -p["lead"] * (p["s"] + t)
        return t != p["s"] and coef_b != 0

    return draw_until(rng, draw, ok)


def _t(params: Mapping[str, Any]) -> Fraction:
    if params["kind"] == "mixed":
        return Fraction(params["a"] + params["q"], params["s"])
    t = params["t"]
    return Fraction(*t) if isinstance(t, list) else Fraction(t)


def solve_other_root(params: Mapping[str, Any]) -> Solution:
    p = params
    s, t = p["s"], _t(p)
    lead = p["lead"]
    b = -lead * (s + t)
    c = lead * s * t
    steps: dict[str, Any] = {"kind": p["kind"], "s": s, "t": num(t)}
    if p["kind"] == "b":
        steps["eq"] = join_terms([poly([lead, 0, 0]), "ax", num(c)])
        steps["subst"] = join_terms([num(lead * s * s), coef_term(s, "a"), num(c)]) + " = 0"
        steps["found"] = f"a = {num(b)}"
    elif p["kind"] == "c":
        steps["eq"] = join_terms([poly([lead, b, 0]), "a"])
        steps["subst"] = join_terms([num(lead * s * s), num(b * s), "a"]) + " = 0"
        steps["found"] = f"a = {num(c)}"
    elif p["kind"] == "both":
        steps["eq"] = "x^2 + ax + b"
        steps["found"] = f"a = {num(b)}, b = {num(c)}"
    else:
        pc, a_val, q = p["pc"], p["a"], p["q"]
        steps["eq"] = join_terms(["x^2", coef_term(pc, "ax"), "a", num(q)])
        steps["subst"] = join_terms([num(s * s), coef_term(pc * s, "a"), "a", num(q)]) + " = 0"
        steps["lin"] = f"{coef_term(pc * s + 1, 'a')} = {-(s * s + q)}"
        steps["found"] = f"a = {a_val}"
        b, c = pc * a_val, a_val + q
    steps["full"] = poly([lead, b, c])
    lo, hi = sorted((Fraction(s), t))
    rest = Fraction(lead, lo.denominator * hi.denominator)
    steps["factored"] = ("" if rest == 1 else num(rest)) + "".join(
        f"({poly([root.denominator, -root.numerator])})" for root in (lo, hi))
    steps["roots"] = f"{num(lo)}, {num(hi)}"
    if p["kind"] == "both":
        answer = sp.FiniteSet(sp.Eq(sp.Symbol("a"), sp.Integer(b)), sp.Eq(sp.Symbol("b"), sp.Integer(c)))
        return Solution(answer=answer, answer_latex=f"a = {b}, b = {c}", steps=steps)
    return Solution(answer=sp.Rational(t.numerator, t.denominator), answer_latex=num(t), steps=steps)


def verify_other_root(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    s, lead = p["s"], p["lead"]
    if p["kind"] == "both":
        vals = {str(e.lhs): Fraction(int(e.rhs)) for e in solution.answer}
        b, c = vals["a"], vals["b"]
        t = Fraction(p["t"])
        return all(x * x + b * x + c == 0 for x in (Fraction(s), t))
    other = Fraction(int(solution.answer.p), int(solution.answer.q))
    if other == s:
        return False
    # the unknown is fixed by x = s; then x = other must also satisfy the same equation
    if p["kind"] == "mixed":
        pc, q = p["pc"], p["q"]
        a_val = Fraction(-(s * s + q), pc * s + 1)
        return all(x * x + pc * a_val * x + a_val + q == 0 for x in (Fraction(s), other))
    t = _t(p)
    if p["kind"] == "b":
        c = lead * s * t
        a_val = -(lead * s * s + c) / s
        return all(lead * x * x + a_val * x + c == 0 for x in (Fraction(s), other))
    b = -lead * (s + t)
    a_val = -(lead * s * s + b * s)
    return all(lead * x * x + b * x + a_val == 0 for x in (Fraction(s), other))


UNIT = Unit(
    id="jhs3.quadratic_equations",
    name="2次方程式",
    course="中3",
    types=(
        ProblemType(
            id="quadratic_formula", name="解の公式", sample=sample_formula, solve=solve_formula, verify=verify_formula,
            problem_templates=("formula_1.j2", "formula_2.j2", "formula_3.j2"),
            solution_template="formula_solution.j2",
            knobs="factorable monic -> factorable with a common factor -> formula with even b -> general formula -> equation to rearrange first",
        ),
        ProblemType(
            id="square_root_method", name="平方根の考え", sample=sample_sqrt_method, solve=solve_sqrt_method,
            verify=verify_sqrt_method, problem_templates=("sqrtm_1.j2", "sqrtm_2.j2", "sqrtm_3.j2"),
            solution_template="sqrtm_solution.j2",
            knobs="ax^2 = q -> (x+p)^2 = square -> non-square -> a(mx+p)^2 = q with fractional roots -> completing the square",
        ),
        ProblemType(
            id="other_root", shape="multi-step", name="もう1つの解", sample=sample_other_root, solve=solve_other_root,
            verify=verify_other_root, problem_templates=("other_1.j2", "other_2.j2", "other_3.j2"),
            solution_template="other_solution.j2",
            knobs="unknown linear coefficient -> unknown constant -> leading coefficient and fractional root -> both coefficients -> the unknown in two places",
        ),
    ),
)
