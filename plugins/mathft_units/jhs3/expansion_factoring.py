"""式の展開と因数分解 (中3): 展開, 因数分解, 因数分解を利用した式の値.

Polynomials are products of linear factors with small integer coefficients, multiplied
exactly with :mod:`mathft_units.jhs3._poly`. Verifiers evaluate the given expression and
the answer at integer points (a polynomial identity of low degree is settled by a few
points) and check the answer's form (complete factoring, positive leading coefficients).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import join_terms
from mathft_core.latex import poly as latex_poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz
from mathft_units.jhs3 import _poly as P

LETTERS = (("x", "y"), ("a", "b"), ("x", "y"), ("m", "n"))
POINTS = ((2, 3), (-3, 5), (7, -4), (11, 13), (-5, -9), (1, 17))


def _ftex(coeffs: list[int], names: list[str]) -> str:
    return P.factor_tex(coeffs, names).replace(" ", "")


def _product_tex(factors: list[list[int]], names: list[str]) -> str:
    if len(factors) == 2 and factors[0] == factors[1]:
        return f"({_ftex(factors[0], names)})^2"
    return "".join(f"({_ftex(f, names)})" for f in factors)


def _scaled(k: int, body: str) -> str:
    return body if k == 1 else f"-{body}" if k == -1 else f"{k}{body}"


# --- 展開 -------------------------------------------------------------------------------


def _lin(rng: Random, *, lead_max: int, const_max: int, two_vars: bool) -> list[int]:
    cx = rng.randint(1, lead_max)
    cy = _nz(rng, -const_max // 2 - 1, const_max // 2 + 1) if two_vars else 0
    c0 = 0 if two_vars else _nz(rng, -const_max, const_max)
    if math.gcd(math.gcd(cx, cy), c0) != 1:
        return _lin(rng, lead_max=lead_max, const_max=const_max, two_vars=two_vars)
    return [cx, cy, c0]


def _pair(rng: Random, *, lead_max: int, const_max: int, two_vars: bool) -> list[list[int]]:
    f = _lin(rng, lead_max=lead_max, const_max=const_max, two_vars=two_vars)
    kind = rng.choice(("square", "sumdiff", "general", "general"))
    if kind == "square":
        return [f, list(f)]
    if kind == "sumdiff":
        g = [f[0], -f[1], f[2]] if two_vars else [f[0], f[1], -f[2]]
        return [f, g]
    return [f, _lin(rng, lead_max=lead_max, const_max=const_max, two_vars=two_vars)]


def sample_expand(rng: Random, difficulty: int) -> dict[str, Any]:
    names = list(rng.choice(LETTERS))
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            terms = [{"k": 1, "factors": [[1, 0, _nz(r, -9, 9)], [1, 0, _nz(r, -9, 9)]]}]
        elif difficulty == 2:
            terms = [{"k": 1, "factors": _pair(r, lead_max=3, const_max=9, two_vars=False)}]
        elif difficulty == 3:
            terms = [{"k": r.choice((1, 1, -1, 2, 3)), "factors": _pair(r, lead_max=4, const_max=7, two_vars=True)}]
        elif difficulty == 4:
            terms = [
                {"k": r.choice((1, 2, 3)), "factors": _pair(r, lead_max=2, const_max=9, two_vars=False)},
                {"k": r.choice((1, -1, -2, 2, -3)), "factors": _pair(r, lead_max=2, const_max=9, two_vars=False)},
            ]
        else:
            m = _nz(r, -3, 3)
            a, b = _nz(r, -9, 9), _nz(r, -9, 9)
            first = {"k": 1, "factors": [[1, m, a], [1, m, b]]}
            second = {"k": r.choice((1, -1, -2, 2)), "factors": _pair(r, lead_max=3, const_max=8, two_vars=True)}
            terms = [first, second]
        return {"names": names, "terms": terms}

    def ok(params: dict[str, Any]) -> bool:
        poly = _expand_terms(params["terms"])
        return len(poly) >= 2 and max(sum(e) for e in poly) == 2

    return draw_until(rng, draw, ok)


def _expand_terms(terms: list[dict[str, Any]]) -> P.Poly:
    total: P.Poly = {}
    for t in terms:
        total = P.add(total, P.product([P.linear(f) for f in t["factors"]], 2), t["k"])
    return total


def _formula(factors: list[list[int]]) -> str:
    f, g = factors
    if f == g:
        return "square"
    if f[0] == g[0] and ((f[1] == g[1] and f[2] == -g[2]) or (f[2] == g[2] == 0 and f[1] == -g[1])):
        return "sumdiff"
    if f[0] == g[0] == 1 and f[1] == g[1] == 0:
        return "monic"
    return "general"


def _distribution(factors: list[list[int]], names: list[str]) -> str:
    f, g = (P.linear(x) for x in factors)
    terms = []
    for e1, c1 in sorted(f.items(), key=lambda kv: tuple(-v for v in kv[0])):
        for e2, c2 in sorted(g.items(), key=lambda kv: tuple(-v for v in kv[0])):
            e = tuple(a + b for a, b in zip(e1, e2, strict=True))
            terms.append(P.to_tex({e: c1 * c2}, names))
    return join_terms(terms)


def solve_expand(params: Mapping[str, Any]) -> Solution:
    names = params["names"]
    rows = []
    for t in params["terms"]:
        prod = P.product([P.linear(f) for f in t["factors"]], 2)
        rows.append({
            "k": t["k"],
            "lhs": _product_tex(t["factors"], names),
            "formula": _formula(t["factors"]),
            "dist": _distribution(t["factors"], names),
            "rhs": P.to_tex(prod, names),
            "scaled": P.to_tex({e: t["k"] * c for e, c in prod.items()}, names),
        })
    total = _expand_terms(params["terms"])
    problem = join_terms(_scaled(t["k"], _product_tex(t["factors"], names)) for t in params["terms"])
    opened = join_terms(
        r["rhs"] if r["k"] == 1 and i == 0 else _scaled(r["k"], f"({r['rhs']})") for i, r in enumerate(rows)
    )
    flat = join_terms(r["scaled"] for r in rows)
    return Solution(
        answer=P.to_sympy(total, names),
        answer_latex=P.to_tex(total, names),
        steps={"rows": rows, "problem": problem, "opened": opened, "flat": flat},
    )


def verify_expand(params: Mapping[str, Any], solution: Solution) -> bool:
    x, y = sp.symbols(params["names"])
    for px, py in POINTS:
        direct = sum(t["k"] * math.prod(f[0] * px + f[1] * py + f[2] for f in t["factors"]) for t in params["terms"])
        if solution.answer.subs({x: px, y: py}) != direct:
            return False
    return True


# --- 因数分解 -----------------------------------------------------------------------------


def sample_factor(rng: Random, difficulty: int) -> dict[str, Any]:
    names = list(rng.choice(LETTERS))
    def draw(r: Random) -> dict[str, Any]:
        k, mono, kind = 1, "", ""
        if difficulty == 1:
            kind = "trinomial"
            a, b = _nz(r, -9, 9), _nz(r, -9, 9)
            factors = [[1, 0, a], [1, 0, b]]
        elif difficulty == 2:
            kind = r.choice(("square", "sumdiff", "trinomial"))
            c, a = r.randint(1, 3), _nz(r, -9, 9)
            if kind == "square":
                factors = [[c, 0, a], [c, 0, a]]
            elif kind == "sumdiff":
                factors = [[c, 0, abs(a)], [c, 0, -abs(a)]]
            else:
                factors = [[1, 0, _nz(r, -12, 12)], [1, 0, _nz(r, -12, 12)]]
        elif difficulty == 3:
            kind = r.choice(("sumdiff", "trinomial", "square"))
            k = r.randint(2, 6)
            mono = r.choice(("", "a" if names[0] != "a" else "m", names[1]))
            a, b = _nz(r, -8, 8), _nz(r, -8, 8)
            if kind == "sumdiff":
                factors = [[1, 0, abs(a)], [1, 0, -abs(a)]]
            elif kind == "square":
                factors = [[1, 0, a], [1, 0, a]]
            else:
                factors = [[1, 0, a], [1, 0, b]]
        elif difficulty == 4:
            kind = r.choice(("trinomial", "sumdiff", "square"))
            k = r.choice((1, 1, 2, 3))
            a, b = _nz(r, -9, 9), _nz(r, -9, 9)
            c = r.randint(1, 3)
            if kind == "trinomial":
                factors = [[1, a, 0], [1, b, 0]]
            elif kind == "sumdiff":
                factors = [[c, abs(a), 0], [c, -abs(a), 0]]
            else:
                factors = [[c, a, 0], [c, a, 0]]
        else:
            kind = r.choice(("substitute", "group"))
            m, c = r.choice((1, -1, 2)), _nz(r, -5, 5)
            if kind == "substitute":
                r1, r2 = _nz(r, -7, 7), _nz(r, -7, 7)
                factors = [[1, m, c - r1], [1, m, c - r2]]
                return {"names": names, "k": 1, "mono": "", "kind": kind, "factors": factors,
                        "sub": [1, m, c], "roots": sorted([r1, r2])}
            k = r.randint(1, 4)
            factors = [[1, k, c], [1, -k, c]]
            return {"names": names, "k": 1, "mono": "", "kind": kind, "factors": factors}
        return {"names": names, "k": k, "mono": mono, "kind": kind, "factors": factors}

    def ok(p: dict[str, Any]) -> bool:
        fs = p["factors"]
        if any(math.gcd(*f) != 1 or f[0] <= 0 for f in fs):
            return False
        poly = _factor_poly(p)
        return len(poly) >= 2 and all(f != [1, 0, 0] for f in fs)

    return draw_until(rng, draw, ok)


def _names3(p: Mapping[str, Any]) -> list[str]:
    return [*p["names"], p["mono"] or "z"]


def _factor_poly(p: Mapping[str, Any]) -> P.Poly:
    core = P.product([P.linear([*f[:2], 0, f[2]]) for f in p["factors"]], 3)
    scale = {(0, 0, 1 if p["mono"] else 0): p["k"]}
    return P.mul(core, scale)


def _expr_tex(p: Mapping[str, Any]) -> str:
    """The polynomial as the problem shows it (substitution kind keeps the block ``(x+y)``)."""
    if p["kind"] == "substitute":
        a = _ftex(p["sub"], p["names"])
        r1, r2 = p["roots"]
        return join_terms([f"({a})^2", P.to_tex({(1,): -(r1 + r2)}, ["A"]).replace("A", f"({a})"), str(r1 * r2)])
    return P.to_tex(_factor_poly(p), _names3(p))


def solve_factor(params: Mapping[str, Any]) -> Solution:
    p = params
    names = p["names"]
    fs = p["factors"]
    prefix = ("" if p["k"] == 1 else str(p["k"])) + p["mono"]
    body = _product_tex(fs, names)
    answer_latex = prefix + body
    syms = sp.symbols([*names, p["mono"] or "z"])
    lin = [f[0] * syms[0] + f[1] * syms[1] + f[2] for f in fs]
    parts: list[sp.Expr] = [sp.Integer(p["k"])] if p["k"] != 1 else []
    if p["mono"]:
        parts.append(syms[2])
    parts += [lin[0] ** 2] if len(fs) == 2 and fs[0] == fs[1] else lin
    # unevaluated: SymPy would otherwise distribute 3(x+8) into 3x + 24
    value = sp.Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]
    inner = P.product([P.linear(f) for f in fs], 2)
    steps: dict[str, Any] = {
        "expr": _expr_tex(p), "prefix": prefix, "inner": P.to_tex(inner, names), "kind": p["kind"],
    }
    f = fs[0]
    lead = P.to_tex(P.linear([f[0], 0, 0]), names)
    steps["lead"] = lead
    if p["kind"] == "trinomial":
        a, b = (f2[2] if f2[1] == 0 else f2[1] for f2 in fs)
        steps.update(sum=a + b, prod=a * b, a=min(a, b), b=max(a, b), tail=names[1] if f[1] else "")
    elif p["kind"] in ("square", "sumdiff"):
        first = lead if f[0] == 1 else f"({lead})"
        if f[2]:
            second = str(abs(f[2]))
        else:
            second = names[1] if abs(f[1]) == 1 else f"({abs(f[1])}{names[1]})"
        steps.update(sq_a=first, sq_b=second, neg=(f[1] < 0 or f[2] < 0),
                     term_a=lead, term_b=second.strip("()"))
    elif p["kind"] == "substitute":
        r1, r2 = p["roots"]
        steps.update(block=_ftex(p["sub"], names), sub_poly=P.to_tex({(2,): 1, (1,): -(r1 + r2), (0,): r1 * r2}, ["A"]),
                     sub_fact=f"({P.to_tex({(1,): 1, (0,): -r1}, ['A']).replace(' ', '')})"
                              f"({P.to_tex({(1,): 1, (0,): -r2}, ['A']).replace(' ', '')})" if r1 != r2
                              else f"({P.to_tex({(1,): 1, (0,): -r1}, ['A']).replace(' ', '')})^2")
    else:  # group: (x + c)^2 - y^2
        k = abs(f[1])
        other = names[1] if k == 1 else f"{k}{names[1]}"
        c = f[2]
        steps.update(block=_ftex([1, 0, c], names), other=other, other_sq=other if k == 1 else f"({other})",
                     grouped=latex_poly([1, 2 * c, c * c], names[0]), other_letter=names[1])
    return Solution(answer=value, answer_latex=answer_latex, steps=steps)


def verify_factor(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    poly = _factor_poly(p) if p["kind"] != "substitute" else None
    syms = sp.symbols([*p["names"], p["mono"] or "z"])
    for (px, py), pz in zip(POINTS, (5, -2, 3, 7, -4, 2), strict=True):
        if p["kind"] == "substitute":
            a = p["sub"][0] * px + p["sub"][1] * py + p["sub"][2]
            r1, r2 = p["roots"]
            given = a * a - (r1 + r2) * a + r1 * r2
        else:
            given = P.evaluate(poly, (px, py, pz if p["mono"] else 1))
        if solution.answer.subs(dict(zip(syms, (px, py, pz), strict=True))) != given:
            return False
    # complete factoring: every linear factor primitive with a positive leading coefficient
    lin = [f for f in sp.Mul.make_args(solution.answer) if f.free_symbols and not f.is_Symbol]
    for factor in lin:
        base = factor.base if factor.is_Pow else factor
        coeffs = [int(c) for c in sp.Poly(base, *syms[:2]).coeffs()]
        if math.gcd(*coeffs) != 1 or coeffs[0] <= 0:
            return False
    return True


# --- 式の値の工夫 -------------------------------------------------------------------------


def sample_value(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 3:
        base = (50, 50, 500)[difficulty - 1] * rng.randint(2, 20)
        kind = ("square", "sumdiff")[difficulty - 1] if difficulty < 3 else rng.choice(("square", "trinomial", "sumdiff"))
        a = _nz(rng, -15, 15)
        if kind == "square":
            return {"kind": kind, "a": a, "b": a, "x": base - a}
        if kind == "sumdiff":
            a = abs(a)
            return {"kind": kind, "a": a, "b": -a, "x": base + rng.choice((-a, a))}
        b = _nz(rng, -15, 15)
        while b == a:
            b = _nz(rng, -15, 15)
        return {"kind": kind, "a": a, "b": b, "x": base - a}
    if difficulty == 4:
        s = rng.choice((50, 100, 100, 200, 300, 1000))
        d = rng.randint(2, 48)
        if (s + d) % 2:
            d += 1
        x, y = (s + d) // 2, (s - d) // 2
        kind = rng.choice(("xy_sumdiff", "xy_square", "xy_diffsquare"))
        if kind == "xy_diffsquare":
            y = rng.randint(11, 99)
            return {"kind": kind, "x": y + rng.choice((10, 20, 30, 50, 100)), "y": y}
        if kind == "xy_square":
            return {"kind": kind, "x": x, "y": s - x}
        return {"kind": kind, "x": x, "y": y}
    r = rng.choice((2, 3, 5, 6, 7, 10, 11))
    c = _nz(rng, -5, 5)
    kind = rng.choice(("surd_square", "surd_sumdiff"))
    return {"kind": kind, "r": r, "c": c}


def solve_value(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind in ("square", "sumdiff", "trinomial"):
        a, b, x = p["a"], p["b"], p["x"]
        poly = {(2,): 1, (1,): a + b, (0,): a * b}
        fac = f"(x{'+' if a > 0 else '-'}{abs(a)})" + ("^2" if a == b else f"(x{'+' if b > 0 else '-'}{abs(b)})")
        u, v = x + a, x + b
        value = u * v
        steps.update(expr=P.to_tex(poly, ["x"]), fac=fac, x=x, u=u, v=v, same=(a == b), value=value)
        return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)
    if kind == "xy_sumdiff":
        x, y = p["x"], p["y"]
        value = (x + y) * (x - y)
        steps.update(expr="x^2 - y^2", fac="(x+y)(x-y)", s=x + y, d=x - y, value=value)
        return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)
    if kind == "xy_diffsquare":
        x, y = p["x"], p["y"]
        value = (x - y) ** 2
        steps.update(expr="x^2 - 2xy + y^2", fac="(x-y)^2", d=x - y, value=value)
        return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)
    if kind == "xy_square":
        x, y = p["x"], p["y"]
        value = (x + y) ** 2
        steps.update(expr="x^2 + 2xy + y^2", fac="(x+y)^2", s=x + y, value=value)
        return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)
    r, c = p["r"], p["c"]
    if kind == "surd_square":
        # x = sqrt(r) - c; x^2 + 2cx + c^2 = (x + c)^2 = r
        steps.update(x_tex=f"\\sqrt{{{r}}} {'-' if c > 0 else '+'} {abs(c)}",
                     expr=P.to_tex({(2,): 1, (1,): 2 * c, (0,): c * c}, ["x"]),
                     fac=f"(x{'+' if c > 0 else '-'}{abs(c)})^2", inner=f"\\sqrt{{{r}}}", value=r)
        return Solution(answer=sp.Integer(r), answer_latex=str(r), steps=steps)
    # x = sqrt(r) + c, y = sqrt(r) - c: x^2 - y^2 = (x+y)(x-y) = 2sqrt(r) * 2c
    coef = 4 * c
    latex = f"{coef}\\sqrt{{{r}}}" if abs(coef) != 1 else ("-" if coef < 0 else "") + f"\\sqrt{{{r}}}"
    steps.update(x_tex=f"\\sqrt{{{r}}} {'+' if c > 0 else '-'} {abs(c)}", y_tex=f"\\sqrt{{{r}}} {'-' if c > 0 else '+'} {abs(c)}",
                 expr="x^2 - y^2", fac="(x+y)(x-y)", s=f"2\\sqrt{{{r}}}", d=2 * c, value=latex)
    return Solution(answer=coef * sp.sqrt(r), answer_latex=latex, steps=steps)


def verify_value(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    if kind in ("square", "sumdiff", "trinomial"):
        x = p["x"]
        direct = x * x + (p["a"] + p["b"]) * x + p["a"] * p["b"]
        return solution.answer == direct
    if kind == "xy_sumdiff":
        return solution.answer == p["x"] ** 2 - p["y"] ** 2
    if kind == "xy_diffsquare":
        return solution.answer == p["x"] ** 2 - 2 * p["x"] * p["y"] + p["y"] ** 2
    if kind == "xy_square":
        return solution.answer == p["x"] ** 2 + 2 * p["x"] * p["y"] + p["y"] ** 2
    r, c = p["r"], p["c"]
    sr = math.sqrt(r)
    if kind == "surd_square":
        x = sr - c
        return abs(float(solution.answer) - (x * x + 2 * c * x + c * c)) < 1e-9
    x, y = sr + c, sr - c
    return abs(float(solution.answer) - (x * x - y * y)) < 1e-9


UNIT = Unit(
    id="jhs3.expansion_factoring",
    name="式の展開と因数分解",
    course="中3",
    types=(
        ProblemType(
            id="expand", name="展開", sample=sample_expand, solve=solve_expand, verify=verify_expand,
            problem_templates=("expand_1.j2", "expand_2.j2", "expand_3.j2"),
            solution_template="expand_solution.j2", answer_form="strict",
            knobs="(x+a)(x+b) -> squares/sum-difference with coefficients -> two letters -> sums of products -> three-term factors",
        ),
        ProblemType(
            id="factor", name="因数分解", sample=sample_factor, solve=solve_factor, verify=verify_factor,
            problem_templates=("factor_1.j2", "factor_2.j2", "factor_3.j2"),
            solution_template="factor_solution.j2", answer_form="strict",
            knobs="x^2+px+q -> squares/difference of squares -> common factor first -> two letters -> substitution/grouping",
        ),
        ProblemType(
            id="value_by_factoring", name="式の値の工夫", sample=sample_value, solve=solve_value, verify=verify_value,
            problem_templates=("value_1.j2", "value_2.j2", "value_3.j2"),
            solution_template="value_solution.j2",
            knobs="x near 100 -> near 1000 and general trinomials -> two letters x, y -> radical values of x",
        ),
    ),
)
