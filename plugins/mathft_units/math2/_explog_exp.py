"""指数方程式・指数不等式: samplers, exact solvers and independent verifiers.

Both types substitute ``t = c^x`` (``t > 0``). Roots in ``t`` are drawn first and the
statement is built from them, so answers are exact (``x = 2``, ``x = \\log_{3} 5``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, poly, values_list
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _intervals
from mathft_units.math2._intervals import FLIP, REL_TEX, RELS, Piece
from mathft_units.math2._ptex import lin, power, prime_power

X = sp.Symbol("x")


def _pack(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


def _unpack(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def exact_log(base: Fraction, value: Fraction) -> int | None:
    """Integer ``m`` with ``base**m == value``, if there is one (|m| <= 12)."""
    for m in range(-12, 13):
        if base**m == value:
            return m
    return None


def quadratic_from_roots(roots: list[Fraction]) -> tuple[int, int, int]:
    """Primitive integer ``(A, B, C)`` with ``A t^2 + B t + C = A (t - r1)(t - r2)``, ``A > 0``."""
    (p1, q1), (p2, q2) = ((r.numerator, r.denominator) for r in roots)
    a, b, c = q1 * q2, -(q1 * p2 + q2 * p1), p1 * p2
    g = math.gcd(math.gcd(a, b), c)
    return a // g, b // g, c // g


def factor_text(root: Fraction, var: str = "t") -> str:
    """The factor ``(q t - p)`` of a root ``p/q`` (a bare ``t`` for the root 0)."""
    if root == 0:
        return var
    return f"({poly([root.denominator, -root.numerator], var)})"


def factored(lead: Fraction | int, roots: list[Fraction], var: str = "x") -> str:
    """``lead·Π(var - r)`` written as ``k(q1 x - p1)(q2 x - p2)`` with integer factors."""
    inner = Fraction(1)
    for r in roots:
        inner *= r.denominator
    k = Fraction(lead) / inner
    prefix = "" if k == 1 else "-" if k == -1 else num(k)
    return prefix + "".join(factor_text(r, var) for r in sorted(roots, key=lambda r: r != 0))


# --- display of A c^{2x} + B c^x + C ----------------------------------------------


def _square_term(a_coef: int, c: Fraction, style: str) -> tuple[str, str | None]:
    """Statement text of ``A·c^{2x}`` and the rewrite line the CoT shows for it."""
    if style == "shift" and c.denominator == 1 and a_coef in (c.numerator, c.numerator**2):
        k = 1 if a_coef == c.numerator else 2
        text = power(c, f"2x+{k}")
        return text, f"{text} = {a_coef} \\cdot ({power(c, 'x')})^2 = {a_coef}t^2"
    if style == "double":
        body = power(c, "2x")
        rewrite = f"{body} = ({power(c, 'x')})^2 = t^2"
    else:
        body = power(c * c, "x")
        rewrite = f"{body} = ({power(c, 'x')})^2 = t^2"
    text = body if a_coef == 1 else f"{a_coef} \\cdot {body}"
    return text, rewrite


def _middle_term(b_coef: int, c: Fraction, shift: bool) -> tuple[str, str | None]:
    """Statement text of ``B·c^x`` (possibly as ``B/c · c^{x+1}``) and its rewrite line."""
    if shift and c.denominator == 1 and b_coef % c.numerator == 0 and abs(b_coef) != c.numerator:
        k = b_coef // c.numerator
        body = power(c, "x+1")
        text = f"-{abs(k)} \\cdot {body}" if k < 0 else f"{k} \\cdot {body}"
        if abs(k) == 1:
            text = f"-{body}" if k < 0 else body
        return text, f"{body} = {c.numerator} \\cdot {power(c, 'x')} = {c.numerator}t"
    body = power(c, "x")
    if abs(b_coef) == 1:
        return (f"-{body}" if b_coef < 0 else body), None
    return f"{b_coef} \\cdot {body}", None


# --- 指数方程式 ------------------------------------------------------------------


def _eq_roots(rng: Random, d: int, a: int) -> list[Fraction]:
    hi = {1: 4, 2: 5, 3: 4, 4: 4, 5: 4}[d]
    lo = -2 if d >= 4 else 0
    powers = [Fraction(a) ** m for m in range(lo, hi + 1)]
    non_powers = [Fraction(n) for n in range(2, 21) if exact_log(Fraction(a), Fraction(n)) is None]
    first = rng.choice(powers)
    kind = rng.choice({1: ["pow", "neg"], 2: ["pow", "neg"], 3: ["log", "neg", "log"], 4: ["pow", "neg", "log"],
                       5: ["pow", "log", "neg"]}[d])
    if kind == "pow":
        second = rng.choice(powers)
    elif kind == "neg":
        second = Fraction(-rng.randint(1, 10 + 3 * d))
    else:
        second = rng.choice(non_powers)
    return sorted([first, second])


def sample_exp_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    """``A c^{2x} + B c^x + C = 0`` (or ``c^{x+j} + c^{k-x} = s`` at level 5)."""

    def draw(r: Random) -> dict[str, Any]:
        a = r.choice((2, 3, 5, 7) if difficulty <= 2 else (2, 3, 5) if difficulty != 3 else (2, 3))
        if difficulty == 5 and r.random() < 0.25:
            k, j = r.randint(2, 6), r.choice((0, 1))
            m1 = r.randint(-2, k - j + 2)
            roots = [Fraction(a) ** m1, Fraction(a) ** (k - j - m1)]
            total = a**j * (roots[0] + roots[1])
            return {"form": "recip", "a": a, "k": k, "j": j, "s": int(total), "m1": m1,
                    "ok": roots[0] != roots[1] and total.denominator == 1}
        roots = _eq_roots(r, difficulty, a)
        A, B, C = quadratic_from_roots(roots)
        style = r.choice(["square", "double"])
        if difficulty >= 4 and A in (a, a * a):
            style = r.choice(["shift", style])
        return {"form": "poly", "a": a, "A": A, "B": B, "C": C, "style": style, "shift": r.random() < 0.5}

    def ok(p: dict[str, Any]) -> bool:
        if p["form"] == "recip":
            return bool(p.pop("ok")) and p["s"] <= 400
        return p["B"] != 0 and p["B"] ** 2 - 4 * p["A"] * p["C"] > 0 and _positive_roots(p) >= 1 \
            and max(abs(p["A"]), abs(p["B"]), abs(p["C"])) <= 400

    return draw_until(rng, draw, ok)


def _t_roots(p: Mapping[str, Any]) -> list[Fraction]:
    if p["form"] == "recip":
        return _intervals.quadratic_roots(Fraction(p["a"] ** p["j"]), Fraction(-p["s"]), Fraction(p["a"] ** p["k"]))
    return _intervals.quadratic_roots(Fraction(p["A"]), Fraction(p["B"]), Fraction(p["C"]))


def _positive_roots(p: Mapping[str, Any]) -> int:
    return sum(1 for t in _t_roots(p) if t > 0)


def _x_of_t(a: int, t: Fraction) -> tuple[sp.Expr, str]:
    m = exact_log(Fraction(a), t)
    if m is not None:
        return sp.Integer(m), str(m)
    if t.denominator != 1:
        raise ValueError(f"{t} is neither a power of {a} nor an integer")
    return sp.log(t.numerator) / sp.log(a), f"\\log_{{{a}}} {t.numerator}"


def exp_equation_text(p: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The equation as stated, and the rewrite lines the CoT shows."""
    a = Fraction(p["a"])
    if p["form"] == "recip":
        k, j, s, big = p["k"], p["j"], p["s"], p["a"] ** p["k"]
        recip = power(a, f"{k}-x")
        first = power(a, "x+1") if j else power(a, "x")
        lines = [f"{first} = {p['a']}t"] if j else []
        lines.append(f"{recip} = \\frac{{{big}}}{{{power(a, 'x')}}} = \\frac{{{big}}}{{t}}")
        return f"{first} + {recip} = {s}", lines
    sq, sq_line = _square_term(p["A"], a, p["style"])
    mid, mid_line = _middle_term(p["B"], a, p["shift"])
    text = join_terms([sq, mid, num(p["C"])]) + " = 0"
    return text, [line for line in (sq_line, mid_line) if line]


def solve_exp_equation(p: Mapping[str, Any]) -> Solution:
    a = p["a"]
    equation, rewrites = exp_equation_text(p)
    quad = (a ** p["j"], -p["s"], a ** p["k"]) if p["form"] == "recip" else (p["A"], p["B"], p["C"])
    roots = _t_roots(p)
    rows = []
    values = []
    for t in roots:
        if t > 0:
            value, text = _x_of_t(a, t)
            values.append((value, text))
            rows.append({"t": num(t), "ok": True, "x": text})
        else:
            rows.append({"t": num(t), "ok": False, "x": ""})
    values.sort(key=lambda v: float(v[0]))
    answer = sp.FiniteSet(*[v for v, _ in values]) if len(values) > 1 else values[0][0]
    return Solution(
        answer=answer,
        answer_latex=values_list(t for _, t in values),
        steps={
            "equation": equation,
            "base": str(a),
            "rewrites": rewrites,
            "recip": p["form"] == "recip",
            "recip_lead": (f"{a}t" if p.get("j") else "t") if p["form"] == "recip" else "",
            "recip_term": f"\\frac{{{a ** p['k']}}}{{t}}" if p["form"] == "recip" else "",
            "recip_s": p.get("s", 0),
            "quad": poly(list(quad), "t"),
            "factored": "".join(factor_text(t) for t in roots),
            "roots": rows,
            "t_values": values_list(r["t"] for r in rows),
            "x_values": values_list(t for _, t in values),
        },
    )


def verify_exp_equation(p: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute each answer into the stated equation; count real zeros on a fine grid."""
    a = p["a"]
    ctx = _checks.CTX

    def f_mp(x: Any) -> Any:
        if p["form"] == "recip":
            return ctx.power(a, x + p["j"]) + ctx.power(a, p["k"] - x) - p["s"]
        return p["A"] * ctx.power(a, 2 * x) + p["B"] * ctx.power(a, x) + p["C"]

    xs = _checks.finite_values(solution.answer)
    if any(abs(f_mp(_checks.mpf(x))) > _checks.TOL for x in xs):
        return False
    grid = np.arange(-14.0, 14.0, 0.005) + 0.0012345
    if p["form"] == "recip":
        vals = np.power(float(a), grid + p["j"]) + np.power(float(a), p["k"] - grid) - p["s"]
    else:
        vals = p["A"] * np.power(float(a), 2 * grid) + p["B"] * np.power(float(a), grid) + p["C"]
    changes = int(np.count_nonzero(np.signbit(vals[1:]) != np.signbit(vals[:-1])))
    return changes == len(xs)


# --- 指数不等式 ------------------------------------------------------------------


def sample_exp_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    """Linear exponents (levels 1-3) or a quadratic in ``t = c^x`` (levels 4-5)."""
    rel = rng.choice(RELS)

    def draw_linear(r: Random) -> dict[str, Any]:
        a = r.choice((2, 3) if difficulty <= 2 else (2, 3, 5))
        e1 = r.choice((1, -1) if difficulty == 1 else (1, 2, -1, -2))
        p1 = 1 if difficulty == 1 else r.choice((1, 1, 2, -1, 3))
        q1 = r.randint(-3, 3)
        if difficulty <= 2 or (difficulty == 3 and r.random() < 0.4):
            if difficulty == 3:
                k = Fraction(r.choice((1, 3, -1, 5, -3)), r.choice((2, 3)))
            else:
                k = Fraction(r.randint(-4, 5))
            rhs = {"kind": "const", "k": _pack(k)}
        else:
            e2 = r.choice((1, 2, 3, -1, -2))
            rhs = {"kind": "power", "e2": e2, "p2": r.choice((0, 1, -1, 2)), "q2": r.randint(-3, 4)}
        return {"kind": "linear", "a": a, "rel": rel, "e1": e1, "p1": p1, "q1": q1, "rhs": rhs}

    def ok_linear(p: dict[str, Any]) -> bool:
        K, _R = _linear_coeffs(p)
        if K == 0:
            return False
        rhs = p["rhs"]
        return not (rhs["kind"] == "power" and rhs["e2"] in (p["e1"], -p["e1"]) and rhs["p2"] == 0)

    def draw_quad(r: Random) -> dict[str, Any]:
        a = r.choice((2, 3, 5))
        c = Fraction(a) if difficulty == 4 or r.random() < 0.4 else Fraction(1, a)
        ms = r.sample(range(-2, 4), 2)
        if r.random() < 0.35:
            roots = sorted([c ** ms[0], Fraction(-r.randint(1, 9))])
        else:
            roots = sorted([c ** ms[0], c ** ms[1]])
        A, B, C = quadratic_from_roots(roots)
        return {"kind": "quad", "c": _pack(c), "rel": rel, "A": A, "B": B, "C": C,
                "style": r.choice(["square", "double"]), "shift": r.random() < 0.5}

    if difficulty <= 3:
        return draw_until(rng, draw_linear, ok_linear)
    return draw_until(rng, draw_quad, lambda p: p["B"] != 0 and max(abs(p["A"]), abs(p["B"]), abs(p["C"])) <= 300)


def _exponent_in(p: Mapping[str, Any]) -> tuple[Fraction, str]:
    """Common base ``c`` (the left base's side of 1) for the linear type."""
    a = p["a"]
    return (Fraction(a), "up") if p["e1"] > 0 else (Fraction(1, a), "down")


def _linear_coeffs(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    """``K, R`` with the inequality ``K x rel' R`` in the exponents over base ``a``."""
    e1, p1, q1 = p["e1"], p["p1"], p["q1"]
    rhs = p["rhs"]
    if rhs["kind"] == "const":
        k = _unpack(rhs["k"])
        return Fraction(e1 * p1), k - e1 * q1
    e2, p2, q2 = rhs["e2"], rhs["p2"], rhs["q2"]
    return Fraction(e1 * p1 - e2 * p2), Fraction(e2 * q2 - e1 * q1)


def _base_of(a: int, e: int) -> Fraction:
    return Fraction(a) ** e


def exp_inequality_text(p: Mapping[str, Any]) -> str:
    """The inequality as stated."""
    rel = REL_TEX[p["rel"]]
    if p["kind"] == "linear":
        a = p["a"]
        left = power(_base_of(a, p["e1"]), lin(p["p1"], p["q1"]))
        rhs = p["rhs"]
        if rhs["kind"] == "const":
            right = prime_power(a, _unpack(rhs["k"]))
        else:
            exponent = lin(rhs["p2"], rhs["q2"]) if rhs["p2"] else str(rhs["q2"])
            right = power(_base_of(a, rhs["e2"]), exponent)
        return f"{left} {rel} {right}"
    c = _unpack(p["c"])
    sq, _ = _square_term(p["A"], c, p["style"])
    mid, _ = _middle_term(p["B"], c, p["shift"] and c.denominator == 1)
    return join_terms([sq, mid, num(p["C"])]) + f" {rel} 0"


def solve_exp_inequality(p: Mapping[str, Any]) -> Solution:
    statement = exp_inequality_text(p)
    rel = p["rel"]
    if p["kind"] == "linear":
        c, side = _exponent_in(p)
        sgn = 1 if side == "up" else -1
        e1, p1, q1 = p["e1"] * sgn, p["p1"], p["q1"]
        rhs = p["rhs"]
        left_exp = poly([e1 * p1, e1 * q1])
        if rhs["kind"] == "const":
            k = _unpack(rhs["k"]) * sgn
            right_exp = num(k)
        else:
            e2 = rhs["e2"] * sgn
            right_exp = poly([e2 * rhs["p2"], e2 * rhs["q2"]])
        rel2 = rel if c > 1 else FLIP[rel]
        K, R = _linear_coeffs(p)
        K, R = K * sgn, R * sgn
        pieces = _intervals.solve_linear(K, -R, rel2)
        steps = {
            "kind": "linear", "statement": statement, "c": num(c), "c_gt1": c > 1,
            "common": f"{power(c, left_exp)} {REL_TEX[rel]} {power(c, right_exp)}",
            "exp_rel": f"{left_exp} {REL_TEX[rel2]} {right_exp}",
            "lin_rel": f"{coef_term(K, 'x')} {REL_TEX[rel2]} {num(R)}",
            "divide_negative": K < 0, "divide_positive": K > 1, "K": num(K),
            "flip_total": (c < 1) != (K < 0),
        }
        if K == 1:
            steps["lin_rel"] = ""
    else:
        c = _unpack(p["c"])
        t_pieces = _intervals.solve_quadratic(Fraction(p["A"]), Fraction(p["B"]), Fraction(p["C"]), rel)
        roots = _intervals.quadratic_roots(Fraction(p["A"]), Fraction(p["B"]), Fraction(p["C"]))
        t_pos = _intervals.intersect(t_pieces, [Piece(Fraction(0), True, None, True)])
        cleaned = [Piece(None if q.lo == 0 else q.lo, q.lo_open, q.hi, q.hi_open) for q in t_pos]

        def to_x(t: Fraction) -> Fraction:
            m = exact_log(c, t)
            if m is None:
                raise ValueError(f"{t} is not a power of {c}")
            return Fraction(m)

        pieces = _intervals.map_monotone(cleaned, to_x, increasing=c > 1, lo_limit=None, hi_limit=None)
        steps = {
            "kind": "quad", "statement": statement, "c": num(c), "c_gt1": c > 1,
            "t_def": power(c, "x"),
            "quad": f"{poly([p['A'], p['B'], p['C']], 't')} {REL_TEX[rel]} 0",
            "factored": f"{''.join(factor_text(t) for t in roots)} {REL_TEX[rel]} 0",
            "t_range": _intervals.to_latex(t_pieces, "t"),
            "t_final": _intervals.to_latex(t_pos, "t"),
            "neg_root": roots[0] <= 0,
            "powers": [f"{num(t)} = {power(c, num(to_x(t)))}" for t in roots if t > 0],
            "rewrites": [line for line in (_square_term(p["A"], c, p["style"])[1],
                                           _middle_term(p["B"], c, p["shift"] and c.denominator == 1)[1]) if line],
        }
    answer_latex = _intervals.to_latex(pieces, "x")
    steps["answer_text"] = answer_latex
    steps["strict"] = _intervals.is_strict(rel)
    steps["boundary"] = [num(e) for e in _intervals.ends(pieces)]
    return Solution(answer=_intervals.to_sympy(pieces, X), answer_latex=answer_latex, steps=steps)


def _exp_statement_holds(p: Mapping[str, Any], x: Fraction) -> bool:
    ctx = _checks.CTX
    xm = _checks.mpf(x)
    if p["kind"] == "linear":
        a = p["a"]
        left = ctx.power(ctx.mpf(a), p["e1"] * (p["p1"] * xm + p["q1"]))
        rhs = p["rhs"]
        if rhs["kind"] == "const":
            right = ctx.power(ctx.mpf(a), _checks.mpf(_unpack(rhs["k"])))
        else:
            right = ctx.power(ctx.mpf(a), rhs["e2"] * (rhs["p2"] * xm + rhs["q2"]))
        return _checks.compare(left, p["rel"], right)
    c = _checks.mpf(_unpack(p["c"]))
    value = p["A"] * ctx.power(c, 2 * xm) + p["B"] * ctx.power(c, xm) + p["C"]
    return _checks.compare(value, p["rel"], 0)


def verify_exp_inequality(p: Mapping[str, Any], solution: Solution) -> bool:
    """The stated inequality and the answer agree at boundaries, beside them and far away."""
    points = _checks.probe_points(_checks.answer_ends(solution.answer), extra=[Fraction(0)])
    return _checks.agrees(lambda x: _exp_statement_holds(p, x), solution.answer, X, points)
