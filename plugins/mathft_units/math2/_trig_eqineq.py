"""三角方程式・三角不等式 on a stated range of θ.

The sampler picks the values of the trigonometric function first (table values or
rationals, some outside ``[-1, 1]``), then writes the statement as terms, possibly
disguised (``\\cos^2\\theta = 1 - \\sin^2\\theta``, ``\\cos 2\\theta``, a shifted argument).
The solver solves in the function's value and lists angles by the general-solution
formulas; the verifiers evaluate the stated terms numerically on a π/24 grid and beside
every boundary.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import pi_multiple, poly, values_list
from mathft_core.units import Solution, draw_until
from mathft_units.math2 import _checks, _intervals
from mathft_units.math2._explog_exp import factor_text, quadratic_from_roots
from mathft_units.math2._intervals import REL_TEX, RELS, Piece
from mathft_units.math2._trig_core import (
    DOMAINS,
    THETA,
    arg_tex,
    as_pi_fraction,
    domain_tex,
    exact,
    func_tex,
    pi_set,
    solutions_in,
    surd_latex,
    surd_terms,
    terms_float,
    terms_tex,
    terms_value,
    theta_value,
)

IN_RANGE = [Fraction(0), Fraction(1, 2), Fraction(-1, 2), Fraction(1), Fraction(-1)]
OUT_RANGE = [Fraction(2), Fraction(-2), Fraction(3, 2), Fraction(-3, 2), Fraction(3), Fraction(-3)]
TABLE_ANGLES = {"sin": [Fraction(k, 12) for k in (-4, -3, -2, 2, 3, 4, 6, -6)],
                "cos": [Fraction(k, 12) for k in (2, 3, 4, 8, 9, 10, 0, 12)],
                "tan": [Fraction(k, 12) for k in (-4, -3, -2, 2, 3, 4)]}


def _pk(f: Fraction) -> list[int]:
    return [f.numerator, f.denominator]


def _f(pair: list[int]) -> Fraction:
    return Fraction(pair[0], pair[1])


def _linear_terms(func: str, value: sp.Expr, r: Random, fname: str) -> list[dict[str, Any]]:
    """``q·F - a√m = 0`` (or ``√m·F - 1 = 0`` for ``1/√m``) with ``F(...) = value``."""
    terms = surd_terms(value)
    if not terms:
        return [{"c": [1, 1], "f": fname}]
    (c, m), = terms
    if m > 1 and c.numerator in (1, -1) and c.denominator == m and r.random() < 0.7:
        return [{"c": [1, m], "f": fname}, {"c": [-c.numerator, 1], "f": "1"}]
    return [{"c": [c.denominator, 1], "f": fname}, {"c": [-c.numerator, m], "f": "1"}]


def _value(spec: Mapping[str, Any], func: str) -> sp.Expr:
    if "t" in spec:
        return exact(func, _f(spec["t"]))
    v = _f(spec["r"])
    return sp.Rational(v.numerator, v.denominator)


def _draw(r: Random, difficulty: int, ineq: bool) -> dict[str, Any]:
    forms = {1: ["linear"], 2: ["linear"], 3: ["linear", "quad"], 4: ["quad", "mixed", "double"],
             5: ["shift", "mixed", "double"]}[difficulty]
    if ineq:
        forms = {1: ["linear"], 2: ["linear"], 3: ["linear"], 4: ["quad", "linear"], 5: ["shift", "quad"]}[difficulty]
    form = r.choice(forms)
    dom = r.choice(["full", "full", "full", "half", "sym", "half_open", "closed_full", "neg", "neg_half"])
    k, phi = 1, Fraction(0)
    if form in ("linear", "shift"):
        funcs = ["sin", "cos", "tan"]
        func = r.choice(funcs)
        if form == "shift":
            k = r.choice((1, 2))
            phi = Fraction(r.choice((1, 2, -1, -2, 3)), r.choice((6, 4, 3))) if k == 1 or r.random() < 0.5 else Fraction(0)
        pool = TABLE_ANGLES[func] if not ineq else [a for a in TABLE_ANGLES[func]
                                                    if a not in (Fraction(1, 2), Fraction(-1, 2), Fraction(0), Fraction(1))]
        rational = [a for a in pool if exact(func, a).is_Rational]
        if rational and r.random() < 0.55:
            pool = rational
        angle = r.choice(pool)
        roots = [{"t": _pk(angle)}]
        fname = func + "u" if form == "shift" else func
        terms = _linear_terms(func, exact(func, angle), r, fname)
        return {"form": form, "f": func, "k": k, "phi": _pk(phi), "dom": dom, "roots": roots, "terms": terms,
                "move": r.random() < 0.7, "offset": r.choice([0, 0, *range(-9, 10)])}
    func = r.choice(("sin", "cos"))
    v1 = r.choice([v for v in IN_RANGE if not (ineq and abs(v) == 1)])
    pool = OUT_RANGE + [v for v in IN_RANGE if v != v1] if not ineq else [*OUT_RANGE, Fraction(1, 2), Fraction(-1, 2)]
    v2 = r.choice([v for v in pool if v != v1])
    if form == "double" and v1.denominator != 2 and v2.denominator != 2:
        v2 = r.choice([Fraction(1, 2), Fraction(-1, 2), Fraction(3, 2), Fraction(-3, 2)])
        if v2 == v1:
            v2 = -v2
    roots = sorted([v1, v2])
    A, B, C = quadratic_from_roots(roots)
    other = "cos" if func == "sin" else "sin"
    if form == "quad":
        terms = [{"c": [A, 1], "f": f"{func}^2"}, {"c": [B, 1], "f": func}, {"c": [C, 1], "f": "1"}]
    elif form == "mixed":
        terms = [{"c": [A, 1], "f": f"{other}^2"}, {"c": [-B, 1], "f": func}, {"c": [-(A + C), 1], "f": "1"}]
    else:
        half = A // 2
        if func == "sin":
            terms = [{"c": [half, 1], "f": "cos2"}, {"c": [-B, 1], "f": func}, {"c": [-(half + C), 1], "f": "1"}]
        else:
            terms = [{"c": [half, 1], "f": "cos2"}, {"c": [B, 1], "f": func}, {"c": [half + C, 1], "f": "1"}]
    return {"form": form, "f": func, "k": 1, "phi": [0, 1], "dom": dom, "roots": [{"r": _pk(v)} for v in roots],
            "terms": terms, "move": False, "offset": 0, "A": A, "B": B, "C": C}


def _statement_tex(p: Mapping[str, Any], rel_tex: str) -> str:
    terms, k, phi = p["terms"], p["k"], _f(p["phi"])
    if p["move"] and len(terms) == 2 and terms[1]["f"] == "1":
        const = terms[1]["c"]
        e = p.get("offset", 0) if const[1] == 1 else 0
        left = terms_tex([terms[0], {"c": [e, 1], "f": "1"}], k, phi)
        return f"{left} {rel_tex} {terms_tex([{'c': [e - const[0], const[1]], 'f': '1'}])}"
    return f"{terms_tex(terms, k, phi)} {rel_tex} 0"


def _angles(p: Mapping[str, Any], value: sp.Expr, closed: bool = False) -> list[Fraction]:
    """θ in the stated range (closed: both ends included) with ``F(kθ + φ) = value``."""
    lo, lo_in, hi, hi_in = DOMAINS[p["dom"]]
    if closed:
        lo_in = hi_in = True
    k, phi = p["k"], _f(p["phi"])
    func = p["f"]
    if func in ("sin", "cos") and abs(value) > 1:
        return []
    us = solutions_in(func, value, k * lo + phi, lo_in, k * hi + phi, hi_in)
    return sorted((u - phi) / k for u in us)


def _reduction(p: Mapping[str, Any]) -> dict[str, Any]:
    """What the CoT shows to turn the statement into a polynomial in one function."""
    func = p["f"]
    ftex = func_tex(func)
    out: dict[str, Any] = {"ftex": ftex, "identity": "", "poly": ""}
    if p["form"] in ("linear", "shift"):
        return out
    A, B, C = p["A"], p["B"], p["C"]
    roots = [_f(s["r"]) for s in p["roots"]]
    other = "cos" if func == "sin" else "sin"
    if p["form"] == "mixed":
        out["identity"] = f"\\{other}^2\\theta = 1 - \\{func}^2\\theta"
    elif p["form"] == "double":
        out["identity"] = "\\cos 2\\theta = 1 - 2\\sin^2\\theta" if func == "sin" else "\\cos 2\\theta = 2\\cos^2\\theta - 1"
    out["poly"] = poly([A, B, C], f"\\{func}\\theta").replace(f"\\{func}\\theta^2", f"\\{func}^2\\theta")
    out["factored"] = "".join(factor_text(v, f"\\{func}\\theta") for v in roots)
    return out


# --- 三角方程式 ------------------------------------------------------------------


def sample_trig_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    return draw_until(rng, lambda r: _draw(r, difficulty, False), lambda p: bool(_solve_angles(p)[0]))


def _solve_angles(p: Mapping[str, Any]) -> tuple[list[Fraction], list[dict[str, Any]]]:
    rows, found = [], set()
    for spec in p["roots"]:
        value = _value(spec, p["f"])
        angles = _angles(p, value)
        ok = not (p["f"] in ("sin", "cos") and abs(value) > 1)
        rows.append({"v": surd_latex(value), "ok": ok, "angles": values_list(pi_multiple(a) for a in angles),
                     "none": ok and not angles})
        found.update(angles)
    return sorted(found), rows


def trig_equation_text(p: Mapping[str, Any]) -> str:
    return _statement_tex(p, "=")


def _lhs(p: Mapping[str, Any]) -> str:
    """The function whose value the solution solves for: ``\\sin\\theta``, ``\\cos\\left(\\theta + ...\\right)``."""
    if p["form"] == "shift":
        return func_tex(p["f"] + "u", p["k"], _f(p["phi"]))
    return func_tex(p["f"])


def _u_range(p: Mapping[str, Any]) -> str:
    lo, lo_in, hi, hi_in = DOMAINS[p["dom"]]
    k, phi = p["k"], _f(p["phi"])
    left, right = ("\\leqq" if lo_in else "<"), ("\\leqq" if hi_in else "<")
    return f"{pi_multiple(k * lo + phi)} {left} {arg_tex(k, phi)} {right} {pi_multiple(k * hi + phi)}"


def solve_trig_equation(p: Mapping[str, Any]) -> Solution:
    angles, rows = _solve_angles(p)
    if not angles:
        raise ValueError("no solution in the stated range")
    latex = values_list(pi_multiple(a) for a in angles)
    steps = {"equation": trig_equation_text(p), "domain": domain_tex(*DOMAINS[p["dom"]]), "form": p["form"],
             "rows": rows, "x_values": latex, "shifted": p["form"] == "shift", "lhs": _lhs(p),
             "v_values": values_list(r["v"] for r in rows),
             "u_range": _u_range(p) if p["form"] == "shift" else "",
             "u_func": func_tex(p["f"] + "u", p["k"], _f(p["phi"])) if p["form"] == "shift" else "",
             **_reduction(p)}
    return Solution(answer=pi_set(angles), answer_latex=latex, steps=steps)


def _in_domain(p: Mapping[str, Any], t: Fraction) -> bool:
    lo, lo_in, hi, hi_in = DOMAINS[p["dom"]]
    return (lo < t or (lo_in and t == lo)) and (t < hi or (hi_in and t == hi))


def _terms_numpy(p: Mapping[str, Any], th: np.ndarray) -> np.ndarray:
    k, phi = p["k"], float(_f(p["phi"])) * np.pi
    u = k * th + phi
    funcs = {"1": np.ones_like(th), "sin": np.sin(th), "cos": np.cos(th), "tan": np.tan(th),
             "sin^2": np.sin(th) ** 2, "cos^2": np.cos(th) ** 2, "cos2": np.cos(2 * th), "sin2": np.sin(2 * th),
             "sinu": np.sin(u), "cosu": np.cos(u), "tanu": np.tan(u)}
    return sum(t["c"][0] * np.sqrt(t["c"][1]) * funcs[t["f"]] for t in p["terms"])


def verify_trig_equation(p: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over θ = jπ/24 in the range, then a fine scan for solutions off the grid."""
    claimed = {as_pi_fraction(v) for v in _checks.finite_values(solution.answer)}
    lo, _, hi, _ = DOMAINS[p["dom"]]
    grid = {Fraction(j, 24) for j in range(int(lo * 24), int(hi * 24) + 1)}
    zeros = set()
    for t in grid:
        if not _in_domain(p, t):
            continue
        value = terms_value(p["terms"], theta_value(t), p["k"], _f(p["phi"]))
        if value is not None and abs(value) < _checks.TOL:
            zeros.add(t)
    if zeros != claimed:
        return False
    if any("tan" in t["f"] for t in p["terms"]):
        return True
    th = np.linspace(float(lo) * np.pi, float(hi) * np.pi, 8001)[1:-1] + 1.234e-5
    g = _terms_numpy(p, th)
    changes = int(np.count_nonzero(np.signbit(g[1:]) != np.signbit(g[:-1])))
    return changes <= len(claimed)


# --- 三角不等式 ------------------------------------------------------------------


def sample_trig_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    rel = rng.choice(RELS)

    def draw(r: Random) -> dict[str, Any]:
        return {**_draw(r, difficulty, True), "rel": rel}

    def ok(p: dict[str, Any]) -> bool:
        pieces = _solve_pieces(p)[0]
        lo, lo_in, hi, hi_in = DOMAINS[p["dom"]]
        whole = len(pieces) == 1 and pieces[0] == Piece(lo, not lo_in, hi, not hi_in)
        return bool(pieces) and not whole

    return draw_until(rng, draw, ok)


def _holds_num(p: Mapping[str, Any], t: Fraction) -> bool:
    """The stated inequality at ``tπ`` in double precision; equality within 1e-9 (boundary
    values are standard angles, where the terms vanish to rounding error, and other probe
    points are at least π/997 away from them)."""
    value = terms_float(p["terms"], float(t) * math.pi, p["k"], _f(p["phi"]))
    if value is None:
        return False
    if abs(value) < 1e-9:
        return p["rel"] in ("<=", ">=")
    return value < 0 if p["rel"] in ("<", "<=") else value > 0


def _solve_pieces(p: Mapping[str, Any]) -> tuple[list[Piece], list[Fraction], list[Fraction], list[dict[str, Any]]]:
    """Split the range at the equality angles (and where tan is undefined) and test each arc."""
    lo, _lo_in, hi, _hi_in = DOMAINS[p["dom"]]
    equal: set[Fraction] = set()
    rows = []
    for spec in p["roots"]:
        value = _value(spec, p["f"])
        angles = _angles(p, value, closed=True)
        equal.update(angles)
        if p["f"] in ("sin", "cos") and abs(value) > 1:
            continue
        rows.append({"v": surd_latex(value), "angles": values_list(pi_multiple(a) for a in angles if _in_domain(p, a))})
    undefined: set[Fraction] = set()
    if p["f"] == "tan":
        k, phi = p["k"], _f(p["phi"])
        for n in range(-8, 9):
            t = (Fraction(1, 2) + n - phi) / k
            if lo <= t <= hi:
                undefined.add(t)
    points = sorted({lo, hi} | equal | undefined)
    strict = _intervals.is_strict(p["rel"])

    def point_truth(t: Fraction) -> bool:
        if t in undefined or not _in_domain(p, t):
            return False
        if t in equal:
            return not strict
        return _holds_num(p, t)

    seq: list[tuple[Fraction, Fraction, bool]] = []  # (start, end, truth); start == end for a point
    for i, t in enumerate(points):
        seq.append((t, t, point_truth(t)))
        if i + 1 < len(points):
            seq.append((t, points[i + 1], _holds_num(p, (t + points[i + 1]) / 2)))
    pieces: list[Piece] = []
    run: list[tuple[Fraction, Fraction, bool]] = []
    for item in [*seq, (hi, hi, False)]:
        if item[2]:
            run.append(item)
            continue
        if run:
            first, last = run[0], run[-1]
            pieces.append(Piece(first[0], first[0] != first[1], last[1], last[0] != last[1]))
            run = []
    return pieces, sorted(equal), sorted(undefined), rows


def trig_inequality_text(p: Mapping[str, Any]) -> str:
    return _statement_tex(p, REL_TEX[p["rel"]])


def solve_trig_inequality(p: Mapping[str, Any]) -> Solution:
    pieces, equal, undefined, rows = _solve_pieces(p)
    lo, lo_in, hi, hi_in = DOMAINS[p["dom"]]
    latex = _intervals.to_latex(pieces, "\\theta", pi_multiple)
    notes = []
    for e in _intervals.ends(pieces):
        included = any(q.contains(e) for q in pieces)
        kind = "undefined" if e in undefined else "equal" if e in equal else "domain"
        notes.append({"x": pi_multiple(e), "kind": kind, "included": included})
    s_range = ""
    if p["form"] == "quad":
        s_pieces = _intervals.solve_quadratic(Fraction(p["A"]), Fraction(p["B"]), Fraction(p["C"]), p["rel"])
        s_pieces = _intervals.intersect(s_pieces, [Piece(Fraction(-1), False, Fraction(1), False)])
        s_range = _intervals.to_latex(s_pieces, func_tex(p["f"]))
    steps = {"statement": trig_inequality_text(p), "domain": domain_tex(lo, lo_in, hi, hi_in), "form": p["form"],
             "rows": rows, "notes": notes, "s_range": s_range, "answer_text": latex, "lhs": _lhs(p),
             "shifted": p["form"] == "shift", "u_range": _u_range(p) if p["form"] == "shift" else "",
             "u_func": func_tex(p["f"] + "u", p["k"], _f(p["phi"])) if p["form"] == "shift" else "",
             "rel": REL_TEX[p["rel"]], **_reduction(p)}
    scale = lambda f: sp.pi * sp.Rational(f.numerator, f.denominator)  # noqa: E731
    return Solution(answer=_intervals.to_sympy(pieces, THETA, scale), answer_latex=latex, steps=steps)


def verify_trig_inequality(p: Mapping[str, Any], solution: Solution) -> bool:
    """Statement and answer agree on a π/48 grid and just beside every boundary."""
    lo, _, hi, _ = DOMAINS[p["dom"]]
    ends = set()
    for relation in solution.answer.atoms(sp.core.relational.Relational):
        side = relation.lhs if relation.rhs == THETA else relation.rhs
        ends.add(as_pi_fraction(side))
    pts = {Fraction(j, 48) for j in range(int(lo * 48) - 2, int(hi * 48) + 3)}
    for e in ends:
        for d in (Fraction(0), Fraction(1, 997), Fraction(-1, 997)):
            pts.add(e + d)

    def statement(t: Fraction) -> bool:
        return _in_domain(p, t) and _holds_num(p, t)

    return all(statement(t) == _checks.answer_holds(solution.answer, THETA, theta_value(t)) for t in sorted(pts))
