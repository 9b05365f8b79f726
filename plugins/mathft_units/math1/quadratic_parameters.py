"""2次関数と文字定数 (数学I): a moving axis ``x^2 - 2ax + …`` on a fixed interval and a moving
domain ``a ≦ x ≦ a + w`` for a fixed parabola; the extremum as a formula in ``a`` for a given
case, or every ``a`` for which the extremum takes a given value.

The solver splits into the textbook cases (axis left of / inside / right of the domain, or
left / right of the domain's midpoint for a maximum). The verifiers never use that split:
they evaluate the extremum of the actual function on the actual domain by the closed-interval
method (ends and interior critical point) and a uniform grid, and scan ``a`` for every
solution of ``extremum = k``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import attrs
import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.math1._forms import num, poly_value, to_sympy

A = sp.Symbol("a")
SCAN_LIMIT = 30
GRID = 24


@attrs.frozen
class Piece:
    """One case of the split: ``lo (<|≦) a (<|≦) hi`` and the extremum ``A2 a^2 + A1 a + A0``."""

    lo: Fraction | None
    lo_incl: bool
    hi: Fraction | None
    hi_incl: bool
    coeffs: tuple[Fraction, Fraction, Fraction]
    at: str  # the x where the extremum is taken, LaTeX: "0", "a + 2"

    def holds(self, a: Fraction) -> bool:
        if self.lo is not None and (a < self.lo or (a == self.lo and not self.lo_incl)):
            return False
        return not (self.hi is not None and (a > self.hi or (a == self.hi and not self.hi_incl)))

    def cond(self) -> str:
        lo = None if self.lo is None else num(self.lo)
        hi = None if self.hi is None else num(self.hi)
        if lo is not None and hi is not None and self.lo == self.hi:
            return f"a = {lo}"
        return latex.interval_text("a", lo, not self.lo_incl, hi, not self.hi_incl)


def _f(coeffs: tuple[Fraction, ...], x: Fraction) -> Fraction:
    return poly_value(list(coeffs), x)


# --- the function and its domain for a given a ------------------------------------------


def _function_and_domain(params: Mapping[str, Any], a: Fraction) -> tuple[list[Fraction], Fraction, Fraction]:
    """Coefficients of the quadratic in x and the domain ends, for the value ``a``."""
    lead = Fraction(params["L"])
    if params["kind"] == "axis":
        coeffs = [lead, -2 * lead * a, Fraction(params["c0"]) + Fraction(params["c1"]) * a]
        return coeffs, Fraction(params["p"]), Fraction(params["q"])
    h = Fraction(params["h"])
    coeffs = [lead, -2 * lead * h, lead * h * h + Fraction(params["c"])]
    return coeffs, a, a + Fraction(params["w"])


def direct_extremum(params: Mapping[str, Any], a: Fraction, *, grid: bool = True) -> Fraction:
    """Max or min on the closed domain by the closed-interval method (checked against a grid)."""
    coeffs, lo, hi = _function_and_domain(params, a)
    vertex = -coeffs[1] / (2 * coeffs[0])
    points = [lo, hi] + ([vertex] if lo < vertex < hi else [])
    pick = max if params["ask"] == "max" else min
    best = pick(_f(tuple(coeffs), x) for x in points)
    if not grid:
        return best
    xs = [lo + (hi - lo) * Fraction(i, GRID) for i in range(GRID + 1)]
    values = [_f(tuple(coeffs), x) for x in xs]
    if (params["ask"] == "max" and max(values) > best) or (params["ask"] == "min" and min(values) < best):
        raise ArithmeticError("the closed-interval method missed a better grid point")
    return best


# --- the case split (solver side) -------------------------------------------------------


def _shifted(lead: Fraction, d: Fraction, c: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    """``lead (a + d)^2 + c`` as descending coefficients in a."""
    return lead, 2 * lead * d, lead * d * d + c


def pieces(params: Mapping[str, Any]) -> list[Piece]:
    lead = Fraction(params["L"])
    if params["kind"] == "axis":
        p, q = Fraction(params["p"]), Fraction(params["q"])
        c0, c1 = Fraction(params["c0"]), Fraction(params["c1"])

        def at_end(x: Fraction) -> tuple[Fraction, Fraction, Fraction]:
            return Fraction(0), c1 - 2 * lead * x, lead * x * x + c0

        if params["ask"] == "min":
            return [
                Piece(None, False, p, False, at_end(p), num(p)),
                Piece(p, True, q, True, (-lead, c1, c0), "a"),
                Piece(q, False, None, False, at_end(q), num(q)),
            ]
        mid = (p + q) / 2
        return [
            Piece(None, False, mid, True, at_end(q), num(q)),
            Piece(mid, False, None, False, at_end(p), num(p)),
        ]
    h, w, c = Fraction(params["h"]), Fraction(params["w"]), Fraction(params["c"])
    right = f"a {latex.signed(num(w))}"
    if params["ask"] == "min":
        return [
            Piece(None, False, h - w, False, _shifted(lead, w - h, c), right),
            Piece(h - w, True, h, True, (Fraction(0), Fraction(0), c), num(h)),
            Piece(h, False, None, False, _shifted(lead, -h, c), "a"),
        ]
    return [
        Piece(None, False, h - w / 2, False, _shifted(lead, -h, c), "a"),
        Piece(h - w / 2, True, None, False, _shifted(lead, w - h, c), right),
    ]


def _roots(coeffs: tuple[Fraction, Fraction, Fraction], k: Fraction) -> list[Fraction] | None:
    """Rational roots of ``coeffs(a) = k``; ``None`` when irrational or the piece is constant."""
    a2, a1, a0 = coeffs[0], coeffs[1], coeffs[2] - k
    if a2 == 0:
        return None if a1 == 0 else [-a0 / a1]
    disc = a1 * a1 - 4 * a2 * a0
    if disc < 0:
        return []
    root = _rational_sqrt(disc)
    if root is None:
        return None
    return sorted({(-a1 - root) / (2 * a2), (-a1 + root) / (2 * a2)})


def _rational_sqrt(value: Fraction) -> Fraction | None:
    import math

    n, d = value.numerator, value.denominator
    rn, rd = math.isqrt(n), math.isqrt(d)
    return Fraction(rn, rd) if rn * rn == n and rd * rd == d else None


def _equation_rows(params: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    k = Fraction(params["k"])
    rows = []
    for piece in pieces(params):
        if piece.coeffs[0] == 0 and piece.coeffs[1] == 0:
            if piece.coeffs[2] == k:
                return None
            rows.append({"piece": piece, "roots": [], "ok": [], "const": True})
            continue
        roots = _roots(piece.coeffs, k)
        if roots is None:
            return None
        rows.append({"piece": piece, "roots": roots, "ok": [r for r in roots if piece.holds(r)], "const": False})
    return rows


def _acceptable_equation(params: Mapping[str, Any]) -> bool:
    rows = _equation_rows(params)
    if rows is None:
        return False
    ok = [r for row in rows for r in row["ok"]]
    every = [r for row in rows for r in row["roots"]]
    return bool(ok) and len(set(ok)) == len(ok) and all(abs(r) <= SCAN_LIMIT and r.denominator <= 2 for r in every)


# --- sampling -------------------------------------------------------------------------


def _sample_axis(rng: Random, difficulty: int, query: str) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        lead = 1 if difficulty <= 2 else r.choice([2, 3]) if difficulty == 5 else r.choice([1, 1, 2, 3])
        p = 0 if difficulty == 1 else r.randint(-3, 2)
        q = p + (r.choice([3, 5, 7]) if difficulty == 5 else r.randint(2, 6))
        c1 = 0 if difficulty <= 3 else r.choice([v for v in range(-4, 5) if v])
        ask = "min" if difficulty <= 2 else r.choice(["min", "max"])
        params = {"kind": "axis", "L": lead, "c0": r.randint(-8, 8), "c1": c1, "p": p, "q": q, "ask": ask,
                  "query": query, "case": 0, "k": "0"}
        n_pieces = len(pieces(params))
        if query == "formula":
            params["case"] = 1 if difficulty == 1 and ask == "min" else r.randrange(n_pieces)
        else:
            a0 = Fraction(r.randint(p - 4, q + 4)) if difficulty <= 4 else Fraction(r.randint(2 * p - 8, 2 * q + 8), 2)
            params["k"] = str(direct_extremum(params, a0, grid=False))
        return params

    return draw_until(rng, draw, lambda params: query == "formula" or _acceptable_equation(params))


def _sample_domain(rng: Random, difficulty: int, query: str) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        lead = 1 if difficulty <= 2 else r.choice([1, 2])
        w = 2 if difficulty <= 2 else r.choice([1, 2, 3, 4])
        h = Fraction(r.randint(-4, 5)) if difficulty <= 3 else Fraction(r.randint(-7, 9), 2)
        if query == "formula":
            ask = "min" if difficulty <= 2 else r.choice(["min", "max"])
        else:
            ask = "min" if difficulty == 4 else "max"
        params = {"kind": "domain", "L": lead, "h": str(h), "w": w, "c": r.randint(-6, 6), "ask": ask,
                  "query": query, "case": 0, "k": "0"}
        n_pieces = len(pieces(params))
        if query == "formula":
            params["case"] = r.choice([0, 2]) if ask == "min" else r.randrange(n_pieces)
        else:
            params["k"] = str(params["c"] + lead * r.randint(1, 4) ** 2)
        return params

    return draw_until(rng, draw, lambda p: p["query"] == "formula" or _acceptable_equation(p))


def sample_moving_axis(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_axis(rng, difficulty, "formula")


def sample_axis_value(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_axis(rng, difficulty, "equation")


def sample_moving_domain(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_domain(rng, difficulty, "formula" if difficulty <= 3 else "equation")


# --- solving --------------------------------------------------------------------------


def _function_text(params: Mapping[str, Any]) -> str:
    lead = Fraction(params["L"])
    if params["kind"] == "axis":
        return latex.join_terms([latex.coef_term(lead, "x^2"), latex.coef_term(-2 * lead, "ax"),
                                 latex.coef_term(params["c1"], "a"), num(params["c0"])])
    h, c = Fraction(params["h"]), Fraction(params["c"])
    return latex.poly([lead, -2 * lead * h, lead * h * h + c])


def _vertex_text(params: Mapping[str, Any]) -> str:
    lead = Fraction(params["L"])
    lead_text = "" if lead == 1 else num(lead)
    if params["kind"] == "axis":
        const = latex.join_terms([latex.coef_term(-lead, "a^2"), latex.coef_term(params["c1"], "a"),
                                  num(params["c0"])])
        return latex.join_terms([f"{lead_text}(x - a)^2", const])
    h = Fraction(params["h"])
    square = "x^2" if h == 0 else f"(x {latex.signed(num(-h))})^2"
    return latex.join_terms([f"{lead_text}{square}", num(params["c"])])


def _piece_steps(piece: Piece) -> dict[str, Any]:
    return {"cond": piece.cond(), "at": piece.at, "expr": latex.poly(list(piece.coeffs), "a")}


def _common_steps(params: Mapping[str, Any]) -> dict[str, Any]:
    lead = Fraction(params["L"])
    steps: dict[str, Any] = {"f": _function_text(params), "vform": _vertex_text(params),
                             "square": Fraction(params.get("h", 1)) != 0,
                             "kind": "最大" if params["ask"] == "max" else "最小"}
    if params["kind"] == "axis":
        p, q = Fraction(params["p"]), Fraction(params["q"])
        steps.update(domain=f"{num(p)} \\leqq x \\leqq {num(q)}", p=num(p), q=num(q), mid=num((p + q) / 2),
                     axis="a")
    else:
        h, w = Fraction(params["h"]), Fraction(params["w"])
        steps.update(domain=f"a \\leqq x \\leqq a {latex.signed(num(w))}", right=f"a {latex.signed(num(w))}",
                     h=num(h), axis=num(h), mid=f"a {latex.signed(num(w / 2))}",
                     c=num(params["c"]))
    steps["lead"] = num(lead)
    steps["pieces"] = [_piece_steps(pc) for pc in pieces(params)]
    return steps


def solve_formula(params: Mapping[str, Any]) -> Solution:
    piece = pieces(params)[params["case"]]
    steps = _common_steps(params)
    steps.update(case=params["case"], given=piece.cond(), chosen=_piece_steps(piece))
    value = sum(to_sympy(c) * A ** (2 - i) for i, c in enumerate(piece.coeffs))
    return Solution(answer=sp.expand(value), answer_latex=latex.poly(list(piece.coeffs), "a"), steps=steps)


def solve_equation(params: Mapping[str, Any]) -> Solution:
    rows = _equation_rows(params)
    if rows is None:
        raise ValueError("the equation has infinitely many or irrational solutions")
    steps = _common_steps(params)
    steps["k"] = num(params["k"])
    steps["rows"] = [
        {**_piece_steps(row["piece"]), "const": row["const"], "value": num(row["piece"].coeffs[2]), "roots": ", ".join(num(r) for r in row["roots"]),
         "ok": ", ".join(num(r) for r in row["ok"]),
         "ng": ", ".join(num(r) for r in row["roots"] if r not in row["ok"])}
        for row in rows
    ]
    values = sorted(r for row in rows for r in row["ok"])
    steps["vals"] = ", ".join(num(v) for v in values)
    steps["many"] = len(values) > 1
    return Solution(answer=sp.FiniteSet(*(to_sympy(v) for v in values)),
                    answer_latex=latex.values_list(num(v) for v in values), steps=steps)


# --- verifying ------------------------------------------------------------------------


def _probe_points(piece: Piece) -> list[Fraction]:
    """Three rational values of a strictly inside the case (or the single point)."""
    if piece.lo is not None and piece.hi is not None:
        if piece.lo == piece.hi:
            return [piece.lo]
        span = piece.hi - piece.lo
        return [piece.lo + span * Fraction(i, 4) for i in (1, 2, 3)] + [x for x, inc in
                                                                       ((piece.lo, piece.lo_incl),
                                                                        (piece.hi, piece.hi_incl)) if inc]
    if piece.lo is not None:
        return [piece.lo + d for d in (Fraction(1, 3), Fraction(5, 2), Fraction(7))]
    return [piece.hi - d for d in (Fraction(1, 3), Fraction(5, 2), Fraction(7))]


def verify_formula(params: Mapping[str, Any], solution: Solution) -> bool:
    """The formula matches the directly computed extremum at several a inside the given case."""
    piece = pieces(params)[params["case"]]
    try:
        expr = sp.sympify(solution.answer)
        if expr.free_symbols - {A}:
            return False
        coeffs = [Fraction(str(c)) for c in sp.Poly(expr, A).all_coeffs()]
        return all(poly_value(coeffs, a) == direct_extremum(params, a) for a in _probe_points(piece))
    except (ArithmeticError, TypeError, ValueError, sp.PolynomialError):
        return False


def _extremum_times_four(params: Mapping[str, Any], big_a: int) -> int:
    """4 × the extremum for a = big_a / 2, in integers where x = X/2 (the scan's fast path)."""
    lead = params["L"]
    pick = max if params["ask"] == "max" else min
    if params["kind"] == "axis":
        c0, c1 = params["c0"], params["c1"]

        def four_f(big_x: int) -> int:
            return lead * big_x * big_x - 2 * lead * big_a * big_x + 4 * c0 + 2 * c1 * big_a

        lo, hi = 2 * params["p"], 2 * params["q"]
        points = [lo, hi] + ([big_a] if lo < big_a < hi else [])
        return pick(four_f(x) for x in points)
    big_h = int(Fraction(params["h"]) * 2)  # the axis is a whole or half number
    c = params["c"]

    def four_g(big_x: int) -> int:
        return lead * (big_x - big_h) ** 2 + 4 * c

    lo, hi = big_a, big_a + 2 * params["w"]
    points = [lo, hi] + ([big_h] if lo < big_h < hi else [])
    return pick(four_g(x) for x in points)


def verify_equation(params: Mapping[str, Any], solution: Solution) -> bool:
    """Every answer gives the extremum k, and a scan of a finds no other solution."""
    k = Fraction(params["k"])
    try:
        answers = [Fraction(str(v)) for v in solution.answer]
        if not answers or any(direct_extremum(params, a) != k for a in answers):
            return False
        doubled = list(range(-2 * SCAN_LIMIT - 4, 2 * SCAN_LIMIT + 5))  # a = A/2
        four_k = int(4 * k) if (4 * k).denominator == 1 else 4 * k
        diffs = [_extremum_times_four(params, big) - four_k for big in doubled]
    except (ArithmeticError, TypeError, ValueError):
        return False
    # events in doubled units: zeros on the scan, and sign changes between neighbours (as 2·A + 1 halves)
    events = [2 * big for big, d in zip(doubled, diffs, strict=True) if d == 0]
    events += [2 * big + 1 for big, d1, d2 in zip(doubled, diffs, diffs[1:], strict=False) if d1 * d2 < 0]
    targets = [4 * r for r in answers]  # answers in quarter units
    return all(any(abs(e - t) <= 2 for t in targets) for e in events) and all(
        any(abs(e - t) <= 2 for e in events) for t in targets)


def solve_moving_domain(params: Mapping[str, Any]) -> Solution:
    return solve_formula(params) if params["query"] == "formula" else solve_equation(params)


def verify_moving_domain(params: Mapping[str, Any], solution: Solution) -> bool:
    return verify_formula(params, solution) if params["query"] == "formula" else verify_equation(params, solution)


UNIT = Unit(
    id="math1.quadratic_parameters",
    name="2次関数と文字定数",
    course="数学I",
    description="Moving axis and moving domain: the extremum by cases of a, and the a that give a value.",
    types=(
        ProblemType(
            id="moving_axis", name="軸が動く2次関数の最大・最小", sample=sample_moving_axis,
            solve=solve_formula, verify=verify_formula,
            problem_templates=numbered_templates("moving_axis", 5),
            solution_template="moving_axis_solution.j2", shape="multi-step",
            knobs="minimum, axis inside → axis outside → maximum by the midpoint, any interval → "
                  "the constant term also depends on a, larger leading coefficient",
        ),
        ProblemType(
            id="axis_value", name="最大・最小が与えられた値となる a", sample=sample_axis_value,
            solve=solve_equation, verify=verify_equation,
            problem_templates=numbered_templates("axis_value", 5),
            solution_template="axis_value_solution.j2", shape="multi-step",
            knobs="minimum on 0 ≦ x ≦ q → any interval → maximum too → constant term depends on a, "
                  "half-integer solutions",
        ),
        ProblemType(
            id="moving_domain", name="定義域が動く2次関数の最大・最小", sample=sample_moving_domain,
            solve=solve_moving_domain, verify=verify_moving_domain,
            problem_templates=numbered_templates("moving_domain", 5),
            solution_template="moving_domain_solution.j2", shape="multi-step",
            knobs="minimum for a given case, width 2 → any width, half-integer axis, maximum → "
                  "every a whose minimum is k → every a whose maximum is k",
        ),
    ),
)
