"""2次不等式と文字定数 (数学I): the range of a parameter for which a quadratic inequality holds for
every real x (with the degenerate leading coefficient as its own case), and an inequality solved
after its coefficients are found from the solution set of another.

Verifiers avoid the solvers' algebra: the first checks, for many parameter values, the minimum
(or maximum) of the actual quadratic from its completed square; the second recovers the unknown
coefficients from ``F(α) = F(β) = 0`` by Cramer's rule and scans x for the sign of the second
polynomial.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

from mathft_core import latex
from mathft_core.latex import paren
from mathft_core.units import (
    ProblemType,
    Solution,
    draw_until,
    nonzero_int,
    numbered_templates,
)
from mathft_units.math1._forms import (
    factored_text,
    flip,
    holds,
    num,
    rational_factors,
    rel_tex,
    shift,
)
from mathft_units.math1._ranges import (
    REALS,
    Region,
    add_point,
    contains,
    from_sympy,
    intersect,
    linear_region,
    linear_text,
    param_term,
    quadratic_region,
    region_latex,
    to_sympy,
)

VARS = ("m", "k", "a")
SCAN = 20
OFFSET = 1 / 97


def _rational_roots(c2: Fraction, c1: Fraction, c0: Fraction) -> list[Fraction] | None:
    disc = c1 * c1 - 4 * c2 * c0
    if disc <= 0:
        return None
    rn, rd = math.isqrt(disc.numerator), math.isqrt(disc.denominator)
    if rn * rn != disc.numerator or rd * rd != disc.denominator:
        return None
    root = Fraction(rn, rd)
    return sorted([(-c1 - root) / (2 * c2), (-c1 + root) / (2 * c2)])


def _scan(region: Region, extra: list[Fraction]) -> list[Fraction | float]:
    ends = [e for lo, _, hi, _ in region for e in (lo, hi) if e is not None]
    return [i / 4 + OFFSET for i in range(-4 * SCAN, 4 * SCAN + 1)] + ends + extra


# --- すべての x で成り立つ条件 ----------------------------------------------------------------


def _abc(params: Mapping[str, Any], m: Fraction | float) -> tuple[Any, Any, Any]:
    (p1, p0), (q1, q0), (r1, r0) = params["A"], params["B"], params["C"]
    return p1 * m + p0, q1 * m + q0, r1 * m + r0


def _d4(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """``D/4 = B^2 - AC`` as a polynomial in the parameter."""
    (p1, p0), (q1, q0), (r1, r0) = params["A"], params["B"], params["C"]
    return (Fraction(q1 * q1 - p1 * r1), Fraction(2 * q1 * q0 - p1 * r0 - p0 * r1), Fraction(q0 * q0 - p0 * r0))


def _always_region(params: Mapping[str, Any]) -> tuple[Region, dict[str, Any]] | None:
    op = params["op"]
    positive = op in (">", ">=")
    strict = op in (">", "<")
    (p1, p0), (q1, q0), (r1, r0) = params["A"], params["B"], params["C"]
    var = params["var"]
    steps: dict[str, Any] = {}
    # leading coefficient of the right sign
    if p1 == 0:
        if (p0 > 0) != positive:
            return None
        lead_region: Region = list(REALS)
    else:
        lead_region, _ = linear_region(Fraction(p1), Fraction(p0), ">" if positive else "<")
        steps["lead_set"] = region_latex(var, lead_region)
    d2, d1, d0 = _d4(params)
    d_op = "<" if strict else "<="
    if d2 == 0:
        if d1 == 0:
            return None
        d_region, _ = linear_region(d1, d0, d_op)
        steps["d_roots"] = None
    else:
        roots = _rational_roots(d2, d1, d0)
        if roots is None:
            return None
        d_region = quadratic_region(roots[0], roots[1], outside=d2 < 0, strict=strict)
        steps["d_roots"] = ", ".join(num(r) for r in roots)
    steps["d_set"] = region_latex(var, d_region) if d_region else ""
    steps["d2_sign"] = "正" if d2 > 0 else "負"
    region = intersect(lead_region, d_region)
    steps["main_set"] = region_latex(var, region) if region else ""
    steps["main_empty"] = not region
    steps["zero_case"] = p1 != 0
    if p1 != 0:
        m0 = Fraction(-p0, p1)
        b0, c0 = q1 * m0 + q0, r1 * m0 + r0
        ok = b0 == 0 and holds(c0, op)
        steps.update(m0=num(m0), zero_f=latex.join_terms([latex.coef_term(2 * b0, "x"), num(c0)]),
                     zero_linear=b0 != 0, zero_ok=ok, zero_c=num(c0))
        if ok:
            region = add_point(region, m0)
    steps["d4"] = latex.poly([d2, d1, d0], var)
    return region, steps


def sample_always(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        var = r.choice(VARS)
        if difficulty <= 2:
            a = [0, 1]
        elif difficulty in (3, 4):
            a = [r.choice([1, -1]), 0]
        else:
            a = [r.choice([1, -1]), nonzero_int(r, -3, 3)]
        b = [r.choice([1, -1, 0]) if difficulty >= 3 else r.choice([1, -1]), r.randint(-4, 4)]
        c = [r.randint(-3, 3), r.randint(-6, 6)]
        op = {1: ">", 2: ">="}.get(difficulty) or (r.choice([">", "<"]) if difficulty == 3 else
                                                   r.choice([">=", "<="]) if difficulty == 4 else
                                                   r.choice([">", ">=", "<", "<="]))
        if difficulty == 4:
            c[0] = nonzero_int(r, -3, 3)
        if b == [0, 0]:
            b = [1, 0]
        return {"var": var, "A": a, "B": b, "C": c, "op": op}

    def ok(params: dict[str, Any]) -> bool:
        found = _always_region(params)
        if found is None:
            return False
        region = found[0]
        ends = [e for lo, _, hi, _ in region for e in (lo, hi) if e is not None]
        return (bool(region) and region != REALS and all(lo != hi for lo, _, hi, _ in region)
                and all(e.denominator <= 4 and abs(e) <= SCAN - 4 for e in ends))

    return draw_until(rng, draw, ok)


def _b_text(q1: int, q0: int, var: str) -> str:
    """``2(m + 1)x``, ``-2(m - 3)x``, ``2mx``, ``-4x``."""
    if q1 and q0:
        inner = param_term(q1, q0, var, "x")
        return f"-2{inner[1:]}" if inner.startswith("-(") else f"2{inner}"
    return param_term(2 * q1, 2 * q0, var, "x")


def _product_text(first: str, second: str) -> str:
    """``(m + 2)(3m + 6)``, ``m(3m + 6)``, ``(m + 2) \\cdot 4m``, ``-m \\cdot 6`` (no bracketed single terms)."""
    single_first, single_second = " " not in first, " " not in second
    if single_first and not single_second:
        return f"{first}({second})"
    if not single_first and not single_second:
        return f"({first})({second})"
    left = first if single_first else f"({first})"
    return f"{left} \\cdot {paren(second)}"


def solve_always(params: Mapping[str, Any]) -> Solution:
    found = _always_region(params)
    if found is None:
        raise ValueError("no usable range")
    region, steps = found
    var = params["var"]
    (p1, p0), (q1, q0), (r1, r0) = params["A"], params["B"], params["C"]
    a_text, b_text, c_text = linear_text(p1, p0, var), linear_text(q1, q0, var), linear_text(r1, r0, var)
    steps.update({
        "f": latex.join_terms([param_term(p1, p0, var, "x^2"), _b_text(q1, q0, var), linear_text(r1, r0, var)]),
        "a": a_text, "b": b_text, "c": c_text,
        "b_sq": f"({b_text})^2" if (q1 and q0) or b_text.startswith("-") else f"{b_text}^2",
        "d4_raw": "",
        "ac": (f"({c_text})" if r1 and r0 else c_text) if (p1, p0) == (0, 1) else _product_text(a_text, c_text),
        "lead_rel": f"{a_text} {'>' if params['op'] in ('>', '>=') else '<'} 0",
        "op": rel_tex(params["op"]), "d_rel": "<" if params["op"] in (">", "<") else "\\leqq",
        "sign_word": "正" if params["op"] in (">", ">=") else "負",
        "convex": "下に凸" if params["op"] in (">", ">=") else "上に凸",
        "region": region_latex(var, region),
        "lead_const": p1 == 0,
    })
    ac = steps["ac"]
    steps["d4_raw"] = (steps["b_sq"] if ac == "0" else f"{steps['b_sq']} + {ac[1:]}" if ac.startswith("-")
                       else f"{steps['b_sq']} - {ac}")
    return Solution(answer=to_sympy(region), answer_latex=steps["region"], steps=steps)


def _always_truth(params: Mapping[str, Any], m: Fraction | float) -> bool:
    """f(x) = A x^2 + 2B x + C keeps the sign for every x: read off its completed square."""
    a, b, c = _abc(params, m)
    op = params["op"]
    if a == 0:
        return b == 0 and holds(Fraction(c) if not isinstance(c, float) else c, op)
    extreme = c - b * b / a  # the vertex value of the parabola
    if op in (">", ">="):
        return a > 0 and holds(extreme, op)
    return a < 0 and holds(extreme, op)


def verify_always(params: Mapping[str, Any], solution: Solution) -> bool:
    try:
        region = from_sympy(solution.answer)
    except (ValueError, AttributeError, TypeError):
        return False
    (p1, p0) = params["A"]
    extra = [Fraction(-p0, p1)] if p1 else []
    return all(contains(region, m) == _always_truth(params, m) for m in _scan(region, extra))


# --- 係数を決めてから解く ---------------------------------------------------------------------


def sample_then_solve(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 3:
            alpha, beta = sorted(Fraction(nonzero_int(r, -6, 6)) for _ in range(2))
        else:
            pool = [Fraction(n, d) for n in range(-4, 5) for d in (1, 2, 3) if n and math.gcd(n, d) == 1]
            alpha, beta = sorted(r.sample(pool, 2))
        inside = r.random() < 0.5 if difficulty != 1 else True
        mode = "monic" if difficulty <= 2 else "const"
        if mode == "monic":
            lead = Fraction(1)
            if difficulty == 2:
                inside = False
        else:
            lead = Fraction(nonzero_int(r, -4, 4) * alpha.denominator * beta.denominator)
        # first inequality lead·(x - α)(x - β) op1 0 has the solution α < x < β (inside) or the outside
        op1 = ("<" if lead > 0 else ">") if inside else (">" if lead > 0 else "<")
        return {"alpha": str(alpha), "beta": str(beta), "mode": mode, "lead": str(lead), "op1": op1,
                "inside": inside,
                "mirror": difficulty == 5, "op2": r.choice(["<", "<=", ">", ">="])}

    def ok(params: dict[str, Any]) -> bool:
        a, b = Fraction(params["alpha"]), Fraction(params["beta"])
        coeffs = _coefficients(params)
        return a != b and all(c.denominator == 1 for c in coeffs) and all(abs(c) <= 60 for c in coeffs)

    return draw_until(rng, draw, ok)


def _coefficients(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """``F(x) = P x^2 + Q x + R`` with ``F = lead·(x - α)(x - β)``."""
    a, b, lead = Fraction(params["alpha"]), Fraction(params["beta"]), Fraction(params["lead"])
    return lead, -lead * (a + b), lead * a * b


def _second(params: Mapping[str, Any], p: Fraction, q: Fraction, r: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    """The second polynomial from the found coefficients."""
    if params["mode"] == "monic":
        return r, q, Fraction(1)  # b x^2 + a x + 1 with F = x^2 + a x + b
    return (r, -q, p) if params["mirror"] else (r, q, p)  # c x^2 ± b x + a with F = a x^2 + b x + c


def _first_text(params: Mapping[str, Any]) -> str:
    if params["mode"] == "monic":
        return "x^2 + ax + b"
    return latex.join_terms(["ax^2", "bx", num(_coefficients(params)[2])])


def _second_text(params: Mapping[str, Any]) -> str:
    if params["mode"] == "monic":
        return "bx^2 + ax + 1"
    c = _coefficients(params)[2]
    return f"{latex.coef_term(c, 'x^2')} {'-' if params['mirror'] else '+'} bx + a"


def _set_text(var: str, lo: Fraction, hi: Fraction, inside: bool, strict: bool) -> str:
    return region_latex(var, quadratic_region(lo, hi, outside=not inside, strict=strict))


def solve_then_solve(params: Mapping[str, Any]) -> Solution:
    alpha, beta = Fraction(params["alpha"]), Fraction(params["beta"])
    p, q, r = _coefficients(params)
    g2, g1, g0 = _second(params, p, q, r)
    roots = _rational_roots(g2, g1, g0)
    if roots is None:
        raise ValueError("the second polynomial has no two rational roots")
    op2 = params["op2"]
    strict = op2 in ("<", ">")
    # after dividing by g2 < 0 the inequality turns round
    eff = op2 if g2 > 0 else flip(op2)
    inside = eff in ("<", "<=")
    region = quadratic_region(roots[0], roots[1], outside=not inside, strict=strict)
    inside1 = params["inside"]
    factors = rational_factors(int(g2), int(g1), int(g0))
    steps = {
        "first": _first_text(params), "second": _second_text(params), "op1": rel_tex(params["op1"]),
        "op2": rel_tex(op2), "first_set": _set_text("x", alpha, beta, inside1, True),
        "alpha": num(alpha), "beta": num(beta), "xa": shift("x", alpha), "xb": shift("x", beta), "lead": num(p), "p": num(p), "q": num(q), "r": num(r),
        "monic_poly": latex.poly([1, -(alpha + beta), alpha * beta]),
        "lead_poly": latex.poly([p, q, r]),
        "g": latex.poly([g2, g1, g0]), "g_factored": factored_text("x", *factors) if factors else latex.poly(
            [g2, g1, g0]),
        "g_neg": g2 < 0, "g_pos_poly": latex.poly([-g2, -g1, -g0]), "eff": rel_tex(eff),
        "g_pos_factored": factored_text("x", *rational_factors(int(-g2), int(-g1), int(-g0))) if g2 < 0 else "",
        "roots": ", ".join(num(t) for t in roots), "region": region_latex("x", region),
        "inside1": inside1, "lead_neg": p < 0, "ab_a": latex.coef_term(alpha * beta, "a"),
        "sum_a": latex.coef_term(-(alpha + beta), "a"),
    }
    return Solution(answer=to_sympy(region), answer_latex=steps["region"], steps=steps)


def verify_then_solve(params: Mapping[str, Any], solution: Solution) -> bool:
    """Recover the unknowns from F(α) = F(β) = 0 by Cramer's rule, check F's sign, scan the answer."""
    try:
        region = from_sympy(solution.answer)
    except (ValueError, AttributeError, TypeError):
        return False
    alpha, beta = Fraction(params["alpha"]), Fraction(params["beta"])
    if params["mode"] == "monic":
        # α^2 + aα + b = 0, β^2 + aβ + b = 0 in the unknowns (a, b)
        det = alpha - beta
        a = (-(alpha * alpha) + beta * beta) / det
        b = (-(beta * beta) * alpha + alpha * alpha * beta) / det
        p, q, r = Fraction(1), a, b
    else:
        c = _coefficients(params)[2]
        # aα^2 + bα = -c, aβ^2 + bβ = -c
        det = alpha * alpha * beta - beta * beta * alpha
        a = (-c * beta + c * alpha) / det
        b = (-(alpha * alpha) * c + beta * beta * c) / det
        p, q, r = a, b, c
    mid = (alpha + beta) / 2
    far = beta + 1
    f_mid = (p * mid + q) * mid + r
    f_far = (p * far + q) * far + r
    inside_holds = holds(f_mid, params["op1"]) and not holds(f_far, params["op1"])
    outside_holds = holds(f_far, params["op1"]) and not holds(f_mid, params["op1"])
    if not (inside_holds if params["inside"] else outside_holds):
        return False
    g2, g1, g0 = _second(params, p, q, r)
    ends = [e for lo, _, hi, _ in region for e in (lo, hi) if e is not None]
    points = [i / 8 + OFFSET for i in range(-8 * 6, 8 * 6 + 1)] + ends + [1 / alpha, 1 / beta, -1 / alpha,
                                                                          -1 / beta]
    # a narrow solution set can fall between grid points: also test the vertex of the second
    # quadratic (inside its root interval) and the middle of every piece the answer claims
    if g2:
        points.append(-g1 / (2 * g2))
    points += [(lo + hi) / 2 for lo, _, hi, _ in region if lo is not None and hi is not None]
    return all(contains(region, x) == holds((g2 * x + g1) * x + g0, params["op2"]) for x in points)


#: the problem types of this topic (collected into a unit by the public module)
TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        id="always_holds", name="すべての実数で成り立つ2次不等式", sample=sample_always,
        solve=solve_always, verify=verify_always,
        problem_templates=numbered_templates("always_holds", 5),
        solution_template="always_holds_solution.j2", shape="multi-step",
        knobs="x^2 + … > 0 (D < 0) → ≧ with closed ends → the parameter as the leading coefficient "
              "(the case 0 apart) → < 0 for every x → leading coefficient m + c, any sign",
    ),
    ProblemType(
        id="then_solve", name="係数を決定して解く2次不等式", sample=sample_then_solve,
        solve=solve_then_solve, verify=verify_then_solve,
        problem_templates=numbered_templates("then_solve", 5),
        solution_template="then_solve_solution.j2", shape="multi-step",
        knobs="x^2 + ax + b < 0 given as α < x < β → the outside set → ax^2 + bx + c with c known "
              "→ fractional α, β → the mirrored second inequality",
    ),
)
