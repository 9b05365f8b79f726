"""対数方程式・対数不等式: samplers, exact solvers and independent verifiers.

Every statement keeps its 真数条件 (strict ``> 0``), which the solver intersects last, so
answers such as ``3 < x \\leqq 5`` carry mixed boundaries. The verifiers evaluate the
stated logarithms numerically (undefined where a 真数 is not positive).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import num, poly, values_list
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _intervals
from mathft_units.math2._explog_exp import factor_text, factored
from mathft_units.math2._intervals import FLIP, REL_TEX, RELS, Piece
from mathft_units.math2._ptex import log

X = sp.Symbol("x")


def _f(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def _pk(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


def base_text(b: Fraction) -> str:
    return num(b)


def arg_text(a: int, c: int) -> str:
    """A 真数 ``a x + c``: ``x``, ``(x - 3)``, ``(2x + 1)``."""
    text = poly([a, c])
    return text if c == 0 and a == 1 else f"({text})"


def _cond(a: int, c: int) -> dict[str, Any]:
    """The 真数条件 ``a x + c > 0`` and its solution."""
    piece = _intervals.solve_linear(Fraction(a), Fraction(c), ">")
    return {"expr": poly([a, c]), "pieces": piece, "solved": _intervals.to_latex(piece, "x"),
            "same": a == 1 and c == 0}


def _domain(conds: list[dict[str, Any]]) -> list[Piece]:
    out: list[Piece] = [Piece(None, True, None, True)]
    for c in conds:
        out = _intervals.intersect(out, c["pieces"])
    return out


def _x_value(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


# --- 対数方程式 ------------------------------------------------------------------


def sample_log_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ["sum", "sum", "diff"], 2: ["sum", "diff"], 3: ["sum", "double", "diff"], 4: ["double", "quad", "sum"],
             5: ["double", "quad", "sum"]}[difficulty]
    kind = rng.choice(kinds)

    def draw(r: Random) -> dict[str, Any]:
        if kind == "sum":
            b = r.choice((2, 3, 5))
            invert = difficulty >= 4 and r.random() < 0.5
            k = r.randint(1, 4 if b == 2 else 3 if b == 3 else 2)
            n = b**k
            u = r.choice([dv for dv in range(1, n + 1) if n % dv == 0])
            v = n // u
            x1 = r.randint(-6, 10)
            a1 = 2 if difficulty >= 3 and r.random() < 0.4 else 1
            base = Fraction(1, b) if invert else Fraction(b)
            return {"kind": "sum", "b": _pk(base), "a1": a1, "p": u - a1 * x1, "a2": 1, "q": v - x1,
                    "k": -k if invert else k}
        if kind == "diff":
            b = r.choice((2, 3))
            k = r.randint(1, 2 if b == 3 else 3)
            x1 = r.randint(-5, 8)
            v = r.randint(1, 5)
            return {"kind": "diff", "b": _pk(Fraction(b)), "p": b**k * v - x1, "q": v - x1, "k": k}
        if kind == "double":
            b = r.choice((2, 3, 5))
            x1, x2 = sorted(r.sample(range(-6, 8), 2))
            p = r.randint(-3, 5)
            return {"kind": "double", "b": _pk(Fraction(b)), "p": p, "c": 2 * p + x1 + x2, "d": p * p - x1 * x2,
                    "change": difficulty == 5 and r.random() < 0.6}
        b = r.choice((2, 3, 5))
        m1, m2 = sorted(r.sample(range(-3, 6), 2))
        return {"kind": "quad", "b": _pk(Fraction(b)), "B": -(m1 + m2), "C": m1 * m2,
                "power_form": abs(m1 + m2) >= 2 and r.random() < 0.5}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "sum":
            return p["p"] * p["a2"] != p["q"] * p["a1"]
        if p["kind"] == "diff":
            return p["p"] != p["q"]
        if p["kind"] == "double":
            return p["c"] != 0 and len(_log_eq_core(p)["answers"]) >= 1
        return p["B"] != 0 and p["C"] != 0

    return draw_until(rng, draw, ok)


def log_equation_text(p: Mapping[str, Any]) -> str:
    b = base_text(_f(p["b"]))
    if p["kind"] == "sum":
        return f"{log(b, arg_text(p['a1'], p['p']))} + {log(b, arg_text(p['a2'], p['q']))} = {p['k']}"
    if p["kind"] == "diff":
        return f"{log(b, arg_text(1, p['p']))} - {log(b, arg_text(1, p['q']))} = {p['k']}"
    if p["kind"] == "double":
        right = arg_text(p["c"], p["d"])
        if p["change"]:
            big = _f(p["b"]) ** 2
            return f"{log(b, arg_text(1, p['p']))} = {log(num(big), right)}"
        return f"2{log(b, arg_text(1, p['p']))} = {log(b, right)}"
    lx = log(b, "x")
    sign, k = ("-" if p["B"] < 0 else "+"), abs(p["B"])
    if p["power_form"]:
        mid = f"{sign} {log(b, f'x^{{{k}}}')}"
    else:
        mid = f"{sign} {'' if k == 1 else k}{lx}"
    c = p["C"]
    return f"({lx})^2 {mid} {'+' if c > 0 else '-'} {abs(c)} = 0"


def _log_eq_core(p: Mapping[str, Any]) -> dict[str, Any]:
    """Candidates, the 真数条件 and the accepted solutions (exact)."""
    b = _f(p["b"])
    if p["kind"] == "sum":
        a1, pp, a2, q = p["a1"], p["p"], p["a2"], p["q"]
        n = b ** p["k"]
        conds = [_cond(a1, pp), _cond(a2, q)]
        coeffs = (Fraction(a1 * a2), Fraction(a1 * q + a2 * pp), pp * q - n)
        cands = _intervals.quadratic_roots(*coeffs)
        extra = {"product": f"{arg_text(a1, pp)}{arg_text(a2, q)} = {num(n)}",
                 "combined": f"{log(num(b), arg_text(a1, pp) + arg_text(a2, q))} = {log(num(b), num(n))}",
                 "quad": poly(list(coeffs)) + " = 0", "n": num(n),
                 "factored": factored(coeffs[0], cands) + " = 0"}
    elif p["kind"] == "diff":
        pp, q = p["p"], p["q"]
        n = b ** p["k"]
        conds = [_cond(1, pp), _cond(1, q)]
        cands = [(n * q - pp) / (1 - n)]
        bt, left, right = num(b), arg_text(1, pp), arg_text(1, q)
        extra = {"n": num(n), "linear": f"{poly([1, pp])} = {num(n)}{right}",
                 "chain": f"{log(bt, left)} = {log(bt, right)} + {p['k']} = {log(bt, right)} + {log(bt, num(n))} "
                          f"= {log(bt, num(n) + right)}"}
    elif p["kind"] == "double":
        pp, c, d = p["p"], p["c"], p["d"]
        conds = [_cond(1, pp), _cond(c, d)]
        coeffs = (Fraction(1), Fraction(2 * pp - c), Fraction(pp * pp - d))
        cands = _intervals.quadratic_roots(*coeffs)
        extra = {"square": f"{arg_text(1, pp)}^2 = {poly([c, d])}", "quad": poly(list(coeffs)) + " = 0",
                 "factored": factored(1, cands) + " = 0",
                 "big": num(b * b)}
    else:
        conds = [_cond(1, 0)]
        ms = _intervals.quadratic_roots(Fraction(1), Fraction(p["B"]), Fraction(p["C"]))
        cands = [b**int(m) for m in ms]
        extra = {"t_quad": poly([1, p["B"], p["C"]], "t") + " = 0",
                 "t_factored": "".join(factor_text(m) for m in ms) + " = 0",
                 "t_values": values_list(num(m) for m in ms),
                 "pairs": [{"t": num(m), "x": num(b**int(m))} for m in ms]}
    domain = _domain(conds)
    rows = [{"x": num(x), "ok": any(piece.contains(x) for piece in domain)} for x in cands]
    answers = [x for x in cands if any(piece.contains(x) for piece in domain)]
    return {"conds": conds, "domain": domain, "cands": cands, "rows": rows, "answers": answers, **extra}


def solve_log_equation(p: Mapping[str, Any]) -> Solution:
    core = _log_eq_core(p)
    answers = sorted(core["answers"])
    if not answers:
        raise ValueError("no solution satisfies the 真数条件")
    value = sp.FiniteSet(*[_x_value(a) for a in answers]) if len(answers) > 1 else _x_value(answers[0])
    latex = values_list(num(a) for a in answers)
    steps = {k: v for k, v in core.items() if k not in ("conds", "domain", "cands", "answers")}
    b = _f(p["b"])
    steps.update({
        "kind": p["kind"], "equation": log_equation_text(p), "b": base_text(b),
        "conds": [{"expr": c["expr"], "solved": c["solved"], "same": c["same"]} for c in core["conds"]],
        "domain": _intervals.to_latex(core["domain"], "x"),
        "cand_text": values_list(num(c) for c in core["cands"]),
        "x_values": latex, "change": p.get("change", False), "power_form": p.get("power_form", False),
        "k": p.get("k", 0), "B": p.get("B", 0),
        "lhs_arg": arg_text(1, p["p"]) if p["kind"] in ("double", "diff") else "",
        "rhs_arg": arg_text(p["c"], p["d"]) if p["kind"] == "double" else "",
    })
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _log_eq_numpy(p: Mapping[str, Any], x: np.ndarray) -> np.ndarray:
    """LHS - RHS of the stated equation on a grid (NaN outside the 真数条件)."""
    lb = np.log(float(_f(p["b"])))
    with np.errstate(divide="ignore", invalid="ignore"):
        if p["kind"] == "sum":
            u, v = p["a1"] * x + p["p"], p["a2"] * x + p["q"]
            g = (np.log(u) + np.log(v)) / lb - p["k"]
            ok = (u > 0) & (v > 0)
        elif p["kind"] == "diff":
            u, v = x + p["p"], x + p["q"]
            g = (np.log(u) - np.log(v)) / lb - p["k"]
            ok = (u > 0) & (v > 0)
        elif p["kind"] == "double":
            u, v = x + p["p"], p["c"] * x + p["d"]
            right = np.log(v) / (2 * lb) if p["change"] else np.log(v) / lb
            g = (np.log(u) / lb) * (1 if p["change"] else 2) - right
            ok = (u > 0) & (v > 0)
        else:
            t = np.log(x) / lb
            g = t * t + p["B"] * t + p["C"]
            ok = x > 0
    return np.where(ok, g, np.nan)


def _log_eq_mp(p: Mapping[str, Any], x: Fraction) -> bool:
    """Does ``x`` satisfy the stated equation (every 真数 positive)?"""
    ctx = _checks.CTX
    xm = _checks.mpf(x)
    lb = ctx.log(_checks.mpf(_f(p["b"])))

    def lg(v: Any) -> Any:
        return ctx.log(v) / lb

    if p["kind"] == "sum":
        args = [p["a1"] * xm + p["p"], p["a2"] * xm + p["q"]]
        if min(args) <= 0:
            return False
        return _checks.compare(lg(args[0]) + lg(args[1]), "=", p["k"])
    if p["kind"] == "diff":
        args = [xm + p["p"], xm + p["q"]]
        if min(args) <= 0:
            return False
        return _checks.compare(lg(args[0]) - lg(args[1]), "=", p["k"])
    if p["kind"] == "double":
        args = [xm + p["p"], p["c"] * xm + p["d"]]
        if min(args) <= 0:
            return False
        if p["change"]:
            return _checks.compare(lg(args[0]), "=", ctx.log(args[1]) / (2 * lb))
        return _checks.compare(2 * lg(args[0]), "=", lg(args[1]))
    if xm <= 0:
        return False
    t = lg(xm)
    if p["power_form"]:
        k = abs(p["B"])
        mid = (1 if p["B"] > 0 else -1) * lg(ctx.power(xm, k))
    else:
        mid = p["B"] * t
    return _checks.compare(t * t + mid + p["C"], "=", 0)


def verify_log_equation(p: Mapping[str, Any], solution: Solution) -> bool:
    """Each answer satisfies the stated equation; a grid scan finds no other solution."""
    xs = _checks.finite_values(solution.answer)
    if not all(_log_eq_mp(p, Fraction(int(v.p), int(v.q))) for v in xs):
        return False
    if p["kind"] == "quad":
        grid = np.power(float(_f(p["b"])), np.arange(-9.0, 9.0, 0.004) + 0.00123)
    else:
        grid = np.arange(-200.0, 200.0, 1 / 64) + 0.000937
    g = _log_eq_numpy(p, grid)
    both = ~np.isnan(g[1:]) & ~np.isnan(g[:-1])
    changes = int(np.count_nonzero(both & (np.signbit(g[1:]) != np.signbit(g[:-1]))))
    return changes == len(xs)


# --- 対数不等式 ------------------------------------------------------------------


def sample_log_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    rel = rng.choice(RELS)
    kind = rng.choice({1: ["linear"], 2: ["linear"], 3: ["two", "sum"], 4: ["sum", "two"],
                       5: ["quad", "sum"]}[difficulty])

    def base(r: Random, allow_small: bool) -> Fraction:
        b = r.choice((2, 3))
        return Fraction(1, b) if allow_small and r.random() < 0.5 else Fraction(b)

    def draw(r: Random) -> dict[str, Any]:
        if kind == "linear":
            b = base(r, difficulty >= 2)
            a = 1 if difficulty == 1 else r.choice((1, 2, -1))
            k = r.randint(-2, 3)
            return {"kind": "linear", "b": _pk(b), "a": a, "c": r.randint(-9, 9), "k": k, "rel": rel}
        if kind == "two":
            b = base(r, True)
            a1, a2 = r.sample((1, 2, 3, -1), 2)
            return {"kind": "two", "b": _pk(b), "a1": a1, "p": r.randint(-5, 5), "a2": a2, "q": r.randint(-5, 6),
                    "rel": rel}
        if kind == "sum":
            b = base(r, difficulty >= 4)
            bi = b.numerator if b > 1 else b.denominator
            k = r.randint(1, 3 if bi == 2 else 2)
            n = Fraction(bi) ** k
            u = r.choice([dv for dv in range(1, int(n) + 1) if n % dv == 0])
            x1 = r.randint(-3, 6)
            return {"kind": "sum", "b": _pk(b), "p": u - x1, "q": int(n) // u - x1, "k": k if b > 1 else -k,
                    "rel": rel}
        b = base(r, True)
        m1, m2 = sorted(r.sample(range(-2, 4), 2))
        return {"kind": "quad", "b": _pk(b), "B": -(m1 + m2), "C": m1 * m2, "rel": rel}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "sum" and p["p"] == p["q"]:
            return False
        if p["kind"] == "two" and p["p"] * p["a2"] == p["q"] * p["a1"]:
            return False
        if p["kind"] == "quad" and p["B"] == 0:
            return False
        pieces = _log_ineq_core(p)["pieces"]
        return bool(pieces) and all(e is None or abs(e) <= 60 for q in pieces for e in (q.lo, q.hi))

    return draw_until(rng, draw, ok)


def log_inequality_text(p: Mapping[str, Any]) -> str:
    b = base_text(_f(p["b"]))
    rel = REL_TEX[p["rel"]]
    if p["kind"] == "linear":
        return f"{log(b, arg_text(p['a'], p['c']))} {rel} {p['k']}"
    if p["kind"] == "two":
        return f"{log(b, arg_text(p['a1'], p['p']))} {rel} {log(b, arg_text(p['a2'], p['q']))}"
    if p["kind"] == "sum":
        return f"{log(b, arg_text(1, p['p']))} + {log(b, arg_text(1, p['q']))} {rel} {p['k']}"
    lx = log(b, "x")
    B, C = p["B"], p["C"]
    mid = f"{'-' if B < 0 else '+'} {'' if abs(B) == 1 else abs(B)}{lx}"
    const = "" if C == 0 else f" {'+' if C > 0 else '-'} {abs(C)}"
    return f"({lx})^2 {mid}{const} {rel} 0"


def _log_ineq_core(p: Mapping[str, Any]) -> dict[str, Any]:
    b = _f(p["b"])
    rel = p["rel"]
    rel2 = rel if b > 1 else FLIP[rel]
    if p["kind"] == "linear":
        a, c = p["a"], p["c"]
        n = b ** p["k"]
        conds = [_cond(a, c)]
        main = _intervals.solve_linear(Fraction(a), c - n, rel2)
        extra = {"n": num(n), "main_text": f"{poly([a, c])} {REL_TEX[rel2]} {num(n)}",
                 "rewrite": f"{log(base_text(b), arg_text(a, c))} {REL_TEX[rel]} {log(base_text(b), num(n))}"}
    elif p["kind"] == "two":
        a1, pp, a2, q = p["a1"], p["p"], p["a2"], p["q"]
        conds = [_cond(a1, pp), _cond(a2, q)]
        main = _intervals.solve_linear(Fraction(a1 - a2), Fraction(pp - q), rel2)
        extra = {"main_text": f"{poly([a1, pp])} {REL_TEX[rel2]} {poly([a2, q])}", "rewrite": ""}
    elif p["kind"] == "sum":
        pp, q = p["p"], p["q"]
        n = b ** p["k"]
        conds = [_cond(1, pp), _cond(1, q)]
        coeffs = (Fraction(1), Fraction(pp + q), pp * q - n)
        main = _intervals.solve_quadratic(*coeffs, rel2)
        roots = _intervals.quadratic_roots(*coeffs)
        extra = {"n": num(n),
                 "rewrite": f"{log(base_text(b), arg_text(1, pp) + arg_text(1, q))} {REL_TEX[rel]} "
                            f"{log(base_text(b), num(n))}",
                 "main_text": f"{arg_text(1, pp)}{arg_text(1, q)} {REL_TEX[rel2]} {num(n)}",
                 "quad": f"{poly(list(coeffs))} {REL_TEX[rel2]} 0",
                 "factored": factored(1, roots) + f" {REL_TEX[rel2]} 0"}
    else:
        conds = [_cond(1, 0)]
        t_pieces = _intervals.solve_quadratic(Fraction(1), Fraction(p["B"]), Fraction(p["C"]), rel)
        ms = _intervals.quadratic_roots(Fraction(1), Fraction(p["B"]), Fraction(p["C"]))
        main = _intervals.map_monotone(t_pieces, lambda m: b ** int(m), increasing=b > 1,
                                       lo_limit=Fraction(0), hi_limit=None)
        extra = {"t_quad": f"{poly([1, p['B'], p['C']], 't')} {REL_TEX[rel]} 0",
                 "t_factored": factored(1, ms, "t") + f" {REL_TEX[rel]} 0",
                 "t_range": _intervals.to_latex(t_pieces, "t"),
                 "pairs": [{"t": num(m), "x": num(b ** int(m))} for m in ms],
                 "main_text": _intervals.to_latex(main, "x")}
    domain = _domain(conds)
    pieces = _intervals.intersect(domain, main)
    return {"conds": conds, "domain": domain, "main": main, "pieces": pieces, "rel2": rel2, **extra}


def solve_log_inequality(p: Mapping[str, Any]) -> Solution:
    core = _log_ineq_core(p)
    pieces = core["pieces"]
    b = _f(p["b"])
    domain_ends = set(_intervals.ends(core["domain"]))
    notes = []
    for e in _intervals.ends(pieces):
        included = any(piece.contains(e) for piece in pieces)
        notes.append({"x": num(e), "cond": e in domain_ends and not included, "included": included})
    answer_latex = _intervals.to_latex(pieces, "x")
    steps = {k: v for k, v in core.items() if k not in ("conds", "domain", "main", "pieces", "rel2")}
    steps.update({
        "kind": p["kind"], "statement": log_inequality_text(p), "b": base_text(b), "b_gt1": b > 1,
        "conds": [{"expr": c["expr"], "solved": c["solved"], "same": c["same"]} for c in core["conds"]],
        "domain": _intervals.to_latex(core["domain"], "x"),
        "main_solved": _intervals.to_latex(core["main"], "x"),
        "notes": notes, "strict": _intervals.is_strict(p["rel"]),
    })
    return Solution(answer=_intervals.to_sympy(pieces, X), answer_latex=answer_latex, steps=steps)


def _log_ineq_holds(p: Mapping[str, Any], x: Fraction) -> bool:
    ctx = _checks.CTX
    xm = _checks.mpf(x)
    lb = ctx.log(_checks.mpf(_f(p["b"])))

    def lg(v: Any) -> Any:
        return ctx.log(v) / lb

    if p["kind"] == "linear":
        arg = p["a"] * xm + p["c"]
        return arg > 0 and _checks.compare(lg(arg), p["rel"], p["k"])
    if p["kind"] == "two":
        u, v = p["a1"] * xm + p["p"], p["a2"] * xm + p["q"]
        return u > 0 and v > 0 and _checks.compare(lg(u), p["rel"], lg(v))
    if p["kind"] == "sum":
        u, v = xm + p["p"], xm + p["q"]
        return u > 0 and v > 0 and _checks.compare(lg(u) + lg(v), p["rel"], p["k"])
    if xm <= 0:
        return False
    t = lg(xm)
    return _checks.compare(t * t + p["B"] * t + p["C"], p["rel"], 0)


def verify_log_inequality(p: Mapping[str, Any], solution: Solution) -> bool:
    """The stated inequality and the answer agree at boundaries, beside them and far away."""
    points = _checks.probe_points(_checks.answer_ends(solution.answer), extra=[Fraction(0), Fraction(1, 3)])
    return _checks.agrees(lambda x: _log_ineq_holds(p, x), solution.answer, X, points)
