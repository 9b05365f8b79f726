"""三角比の方程式・不等式 (数学I, 0° ≦ θ ≦ 180°): linear ones in sin, cos or tan, and quadratic
ones in one ratio (after ``sin^2θ + cos^2θ = 1`` where the other ratio appears).

Answers are degrees (CURRICULUM.md §2): ``\\theta = 30^\\circ, 150^\\circ`` and
``0^\\circ \\leqq \\theta < 30^\\circ, 150^\\circ < \\theta \\leqq 180^\\circ``. The solver works
exactly on the unit half-circle (critical angles from a table, SymPy values between them); the
verifier scans every half degree of 0° … 180° numerically in the original statement.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import (
    ProblemType,
    Solution,
    draw_until,
    numbered_templates,
)
from mathft_units.math1._forms import holds, num, rel_tex
from mathft_units.math1._ranges import (
    Region,
    contains,
    from_sympy,
    intersect,
    region_latex,
    to_sympy,
)

R2, R3 = sp.sqrt(2), sp.sqrt(3)
#: special values: key -> (exact value, LaTeX, linear form "coef·f + const = 0" as (coef, const) LaTeX)
VALUES: dict[str, tuple[sp.Expr, str, tuple[str, str]]] = {
    "0": (sp.Integer(0), "0", ("", "")),
    "1/2": (sp.Rational(1, 2), "\\frac{1}{2}", ("2", "- 1")),
    "-1/2": (sp.Rational(-1, 2), "-\\frac{1}{2}", ("2", "+ 1")),
    "r2/2": (R2 / 2, "\\frac{\\sqrt{2}}{2}", ("\\sqrt{2}", "- 1")),
    "-r2/2": (-R2 / 2, "-\\frac{\\sqrt{2}}{2}", ("\\sqrt{2}", "+ 1")),
    "r3/2": (R3 / 2, "\\frac{\\sqrt{3}}{2}", ("2", "- \\sqrt{3}")),
    "-r3/2": (-R3 / 2, "-\\frac{\\sqrt{3}}{2}", ("2", "+ \\sqrt{3}")),
    "1": (sp.Integer(1), "1", ("", "- 1")),
    "-1": (sp.Integer(-1), "-1", ("", "+ 1")),
    "r3": (R3, "\\sqrt{3}", ("", "- \\sqrt{3}")),
    "-r3": (-R3, "-\\sqrt{3}", ("", "+ \\sqrt{3}")),
    "1/r3": (R3 / 3, "\\frac{1}{\\sqrt{3}}", ("\\sqrt{3}", "- 1")),
    "-1/r3": (-R3 / 3, "-\\frac{1}{\\sqrt{3}}", ("\\sqrt{3}", "+ 1")),
}
FLOATS = {key: float(value[0]) for key, value in VALUES.items()}
LINEAR_KEYS = {
    "sin": ("1/2", "r2/2", "r3/2", "1", "0"),
    "cos": ("1/2", "-1/2", "r2/2", "-r2/2", "r3/2", "-r3/2"),
    "tan": ("1", "-1", "r3", "-r3", "1/r3", "-1/r3"),
}
ANGLES = (0, 30, 45, 60, 90, 120, 135, 150, 180)
FUNC = {"sin": "\\sin\\theta", "cos": "\\cos\\theta", "tan": "\\tan\\theta"}
RANGE = {"sin": (0, 1), "cos": (-1, 1)}


#: sin, cos, tan at the table angles as keys of VALUES (None: tan 90° is undefined)
TABLE: dict[str, dict[int, str | None]] = {
    "sin": {0: "0", 30: "1/2", 45: "r2/2", 60: "r3/2", 90: "1", 120: "r3/2", 135: "r2/2", 150: "1/2", 180: "0"},
    "cos": {0: "1", 30: "r3/2", 45: "r2/2", 60: "1/2", 90: "0", 120: "-1/2", 135: "-r2/2", 150: "-r3/2",
            180: "-1"},
    "tan": {0: "0", 30: "1/r3", 45: "1", 60: "r3", 90: None, 120: "-r3", 135: "-1", 150: "-1/r3", 180: "0"},
}
_RATIONAL_KEYS = {"0": Fraction(0), "1/2": Fraction(1, 2), "-1/2": Fraction(-1, 2), "1": Fraction(1),
                  "-1": Fraction(-1)}


def _compare(key: str, value: Fraction | str) -> int:
    """Sign of (table value ``key``) - ``value`` (a rational or another table key).

    Equality is decided exactly (same key, or the same rational); otherwise the table's values
    are at least 0.1 apart from each other and from the rational roots used here, so the sign
    of the float difference is the exact sign.
    """
    if isinstance(value, str):
        if key == value:
            return 0
        other = FLOATS[value]
    else:
        if _RATIONAL_KEYS.get(key) == value:
            return 0
        other = float(value)
    return 1 if FLOATS[key] > other else -1


def _float(func: str, deg: float) -> float:
    rad = math.radians(deg)
    return {"sin": math.sin, "cos": math.cos, "tan": math.tan}[func](rad)


def _defined(func: str, deg: float) -> bool:
    return not (func == "tan" and deg == 90)


def deg_text(deg: Fraction | int) -> str:
    return f"{num(Fraction(deg))}^\\circ"


def angle_list(degs: list[int]) -> str:
    return ", ".join(deg_text(d) for d in degs)


def theta_region_latex(region: Region) -> str:
    """``30^\\circ < \\theta < 150^\\circ``, pieces joined by commas (every piece is bounded)."""
    parts = []
    for lo, lo_open, hi, hi_open in region:
        if lo == hi:
            parts.append(f"\\theta = {deg_text(lo)}")
        else:
            parts.append(f"{deg_text(lo)} {'<' if lo_open else latex.LEQ} \\theta "
                         f"{'<' if hi_open else latex.LEQ} {deg_text(hi)}")
    return ", ".join(parts)


# --- the polynomial in t = f(θ) ----------------------------------------------------------


def _poly_in_t(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """``A t^2 + B t + C`` (``A = 0`` for the linear kind) with exact SymPy coefficients."""
    if params["kind"] == "linear":
        return sp.Integer(0), sp.Integer(1), -VALUES[params["val"]][0]
    (n1, d1), (n2, d2) = params["roots"]
    # (d1 t - n1)(d2 t - n2)
    return sp.Integer(d1 * d2), sp.Integer(-(d1 * n2 + d2 * n1)), sp.Integer(n1 * n2)


def _sign_at_key(params: Mapping[str, Any], key: str) -> int:
    """Sign of the statement's left side where the ratio equals the table value ``key``."""
    if params["kind"] == "linear":
        return _compare(key, params["val"])
    sign = 1
    for n, d in params["roots"]:
        sign *= _compare(key, Fraction(n, d))
    return sign  # the leading coefficient d1·d2 is positive


def _sign_between(params: Mapping[str, Any], lo: int, hi: int) -> int:
    """Sign on the open arc lo < θ < hi, which holds no zero: read at the middle angle."""
    t = _float(params["func"], (lo + hi) / 2)
    if params["kind"] == "linear":
        return 1 if t > FLOATS[params["val"]] else -1
    sign = 1
    for n, d in params["roots"]:
        sign *= 1 if t > n / d else -1
    return sign


def _solution_region(params: Mapping[str, Any]) -> Region:
    op, func = params["op"], params["func"]
    region: Region = []
    for lo, hi in itertools.pairwise(ANGLES):
        if holds(Fraction(_sign_between(params, lo, hi)), op):
            region.append((Fraction(lo), True, Fraction(hi), True))
    for d in ANGLES:
        key = TABLE[func][d]
        if key is not None and holds(Fraction(_sign_at_key(params, key)), op):
            region.append((Fraction(d), False, Fraction(d), False))
    return _merge(region)


def _merge(region: Region) -> Region:
    """Join intervals that meet at a point covered by either of them (points included)."""
    out: Region = []
    for piece in sorted(region, key=lambda b: (b[0], b[2])):
        lo, lo_open, hi, hi_open = piece
        if out:
            plo, plo_open, phi, phi_open = out[-1]
            if phi == lo and (not phi_open or not lo_open):
                if hi > phi:
                    out[-1] = (plo, plo_open, hi, hi_open)
                else:
                    out[-1] = (plo, plo_open, phi, phi_open and hi_open)
                continue
        out.append(piece)
    return out


# --- sampling -------------------------------------------------------------------------

_RATIONAL = {"sin": [(0, 1), (1, 2), (1, 1), (-1, 2), (-1, 1), (2, 1), (3, 2), (-2, 1), (-3, 2)],
             "cos": [(0, 1), (1, 2), (-1, 2), (1, 1), (-1, 1), (2, 1), (3, 2), (-2, 1), (-3, 2)]}


def _sample(rng: Random, difficulty: int, equation: bool) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty <= 2 or (not equation and (difficulty <= 3 or (difficulty == 4 and r.random() < 0.5))):
            if equation:
                func = r.choice(["sin", "cos"]) if difficulty == 1 else r.choice(["cos", "tan"])
                show = difficulty == 2 or r.random() < 0.5
            else:
                func = (r.choice(["sin", "cos"]), r.choice(["cos", "tan"]), r.choice(["sin", "tan"]),
                        r.choice(["sin", "cos", "tan"]))[difficulty - 1]
                show = difficulty == 4 or r.random() < 0.4
            params = {"func": func, "kind": "linear", "val": r.choice(LINEAR_KEYS[func]), "roots": [],
                      "mixed": False, "show_coef": show}
        else:
            func = r.choice(["sin", "cos"])
            roots = r.sample(_RATIONAL[func], 2)
            params = {"func": func, "kind": "quad", "val": "", "roots": [list(x) for x in roots],
                      "mixed": equation and difficulty >= 4, "show_coef": True}
        params["op"] = "=" if equation else r.choice(["<", "<=", ">", ">="])
        params["rhs"] = r.random() < 0.5  # "2sin θ = 1" rather than "2sin θ - 1 = 0"
        return params

    def ok(params: dict[str, Any]) -> bool:
        if params["kind"] == "quad":
            lo, hi = RANGE[params["func"]]
            inside = [Fraction(n, d) for n, d in params["roots"] if lo <= Fraction(n, d) <= hi]
            if not inside:
                return False
            if equation and (difficulty == 5) == (len(inside) == 2):
                return False
            if params["mixed"] and _poly_in_t(params)[1] == 0:
                return False
        if equation:
            return bool(_equation_angles(params))
        region = _solution_region(params)
        return bool(region) and region != [(Fraction(0), False, Fraction(180), False)] and all(
            lo != hi for lo, _, hi, _ in region)

    return draw_until(rng, draw, ok)


def sample_equation(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample(rng, difficulty, True)


def sample_inequality(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample(rng, difficulty, False)


# --- text -----------------------------------------------------------------------------


def _statement_lhs(params: Mapping[str, Any]) -> str:
    func = FUNC[params["func"]]
    if params["kind"] == "linear":
        coef, const = VALUES[params["val"]][2]
        if params["val"] == "0":
            return func
        if not params["show_coef"]:
            return func
        return f"{coef}{func} {const}"
    a, b, c = (int(v) for v in _poly_in_t(params))
    name = params["func"]
    sq = f"\\{name}^2\\theta"
    if params["mixed"]:
        other = "cos" if name == "sin" else "sin"
        # A t^2 = A - A·other^2; the whole equation times -1 so that it leads with +A·other^2
        terms = [latex.coef_term(a, f"\\{other}^2\\theta"), latex.coef_term(-b, func), num(-(c + a))]
        return latex.join_terms(terms)
    return latex.join_terms([latex.coef_term(a, sq), latex.coef_term(b, func), num(c)])


def _statement(params: Mapping[str, Any]) -> str:
    if params["kind"] == "linear" and (not params["show_coef"] or params["val"] == "0"):
        return f"{FUNC[params['func']]} {rel_tex(params['op']) if params['op'] != '=' else '='} {VALUES[params['val']][1]}"
    op = "=" if params["op"] == "=" else rel_tex(params["op"])
    if params["kind"] == "linear" and params.get("rhs"):
        coef, const = VALUES[params["val"]][2]
        right = const[2:] if const.startswith("- ") else f"-{const[2:]}"
        return f"{coef}{FUNC[params['func']]} {op} {right}"
    return f"{_statement_lhs(params)} {op} 0"


def _equation_angles(params: Mapping[str, Any]) -> list[int]:
    """The table angles at which the left side vanishes (every root of the statement is one)."""
    return [d for d in ANGLES if TABLE[params["func"]][d] is not None
            and _sign_at_key(params, TABLE[params["func"]][d]) == 0]


def _t_roots(params: Mapping[str, Any]) -> list[dict[str, Any]]:
    if params["kind"] == "linear":
        key = params["val"]
        return [{"t": VALUES[key][1], "ok": True,
                 "angles": angle_list([d for d in ANGLES if TABLE[params["func"]][d] == key])}]
    rows = []
    lo, hi = RANGE[params["func"]]
    for n, d in sorted(params["roots"], key=lambda x: Fraction(*x)):
        value = Fraction(n, d)
        ok = lo <= value <= hi
        angles = [g for g in ANGLES if _RATIONAL_KEYS.get(TABLE[params["func"]][g] or "") == value] if ok else []
        rows.append({"t": num(value), "ok": ok, "angles": angle_list(angles), "none": ok and not angles})
    return rows


def _steps(params: Mapping[str, Any]) -> dict[str, Any]:
    func = params["func"]
    steps: dict[str, Any] = {"stmt": _statement(params), "f": FUNC[func], "func": func,
                             "other": "\\cos" if func == "sin" else "\\sin"}
    lo, hi = RANGE.get(func, (None, None))
    steps["t_range"] = "" if lo is None else f"{num(lo)} \\leqq t \\leqq {num(hi)}"
    if params["kind"] == "quad":
        a, b, c = (int(v) for v in _poly_in_t(params))
        (n1, d1), (n2, d2) = sorted(params["roots"], key=lambda x: Fraction(*x))
        steps["t_poly"] = latex.poly([a, b, c], "t")
        f1 = latex.poly([d1, -n1], "t")
        f2 = latex.poly([d2, -n2], "t")
        steps["t_factored"] = (f"{f1}({f2})" if f1 == "t" else f"{f2}({f1})" if f2 == "t"
                               else f"({f1})({f2})")
    elif params["show_coef"] and params["val"] != "0":
        steps["t_poly"] = _statement_lhs(params).replace(FUNC[func], "t")
    steps["roots"] = _t_roots(params)
    steps["val"] = VALUES[params["val"]][1] if params["kind"] == "linear" else ""
    steps["coef"] = VALUES[params["val"]][2][0] if params["kind"] == "linear" else ""
    return steps


def solve_equation(params: Mapping[str, Any]) -> Solution:
    angles = _equation_angles(params)
    steps = _steps(params)
    steps["answer_angles"] = angle_list(angles)
    latex_text = f"\\theta = {angle_list(angles)}"
    value = sp.Integer(angles[0]) if len(angles) == 1 else sp.FiniteSet(*angles)
    return Solution(answer=value, answer_latex=latex_text, steps=steps)


def verify_equation(params: Mapping[str, Any], solution: Solution) -> bool:
    """Every half degree of 0° … 180° substituted into the statement numerically."""
    a, b, c = (float(v) for v in _poly_in_t(params))
    found = []
    for k in range(0, 361):
        deg = k / 2
        if not _defined(params["func"], deg):
            continue
        t = _float(params["func"], deg)
        if abs(a * t * t + b * t + c) < 1e-9:
            found.append(deg)
    answer = solution.answer
    claimed = sorted(float(v) for v in (answer if isinstance(answer, sp.FiniteSet) else [answer]))
    return claimed == found


def solve_inequality(params: Mapping[str, Any]) -> Solution:
    region = _solution_region(params)
    steps = _steps(params)
    steps["region"] = theta_region_latex(region)
    steps["op"] = rel_tex(params["op"])
    steps["tan_note"] = params["func"] == "tan"
    if params["kind"] == "quad":
        lo_t, hi_t = sorted(Fraction(n, d) for n, d in params["roots"])
        between = params["op"] in ("<", "<=")
        strict = params["op"] in ("<", ">")
        lo, hi = RANGE[params["func"]]
        steps["t_set"] = (latex.interval_text("t", num(lo_t), strict, num(hi_t), strict) if between else
                          latex.union_text("t", [(None, True, num(lo_t), strict), (num(hi_t), strict, None, True)]))
        steps["t_set_clipped"] = _clipped_t_text(lo_t, hi_t, between, strict, Fraction(lo), Fraction(hi))
    else:
        steps["t_set_clipped"] = f"t {rel_tex(params['op'])} {VALUES[params['val']][1]}"
    return Solution(answer=to_sympy(region), answer_latex=steps["region"], steps=steps)


def _clipped_t_text(lo_t: Fraction, hi_t: Fraction, between: bool, strict: bool, lo: Fraction, hi: Fraction) -> str:
    """The t-range intersected with the range of the ratio, in words-free LaTeX."""
    pieces: Region = ([(lo_t, strict, hi_t, strict)] if between else
                      [(None, True, lo_t, strict), (hi_t, strict, None, True)])
    clipped = intersect(pieces, [(lo, False, hi, False)])
    return region_latex("t", clipped) if clipped else ""


def verify_inequality(params: Mapping[str, Any], solution: Solution) -> bool:
    """Membership of every half degree against the statement evaluated numerically."""
    try:
        region = from_sympy(solution.answer)
    except (ValueError, AttributeError, TypeError):
        return False
    if any(lo is None or hi is None or lo < 0 or hi > 180 for lo, _, hi, _ in region):
        return False  # the answer must stay inside 0° ≦ θ ≦ 180°
    # every bound is a whole number of degrees, so float bounds are exact
    bounds = [(float(lo), lo_open, float(hi), hi_open) for lo, lo_open, hi, hi_open in region]
    a, b, c = (float(v) for v in _poly_in_t(params))
    for k in range(0, 361):
        deg = k / 2
        inside = contains(bounds, deg)  # type: ignore[arg-type]
        if not _defined(params["func"], deg):
            if inside:
                return False
            continue
        t = _float(params["func"], deg)
        value = a * t * t + b * t + c
        sign = 0.0 if abs(value) < 1e-9 else value
        if inside != holds(sign, params["op"]):  # type: ignore[arg-type]
            return False
    return True


#: the problem types of this topic (collected into a unit by the public module)
TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        id="trig_equation", name="三角比の方程式", sample=sample_equation, solve=solve_equation,
        verify=verify_equation, problem_templates=numbered_templates("trig_equation", 5),
        solution_template="trig_equation_solution.j2", shape="multi-step",
        knobs="sin θ = v → 2cos θ + 1 = 0, √3 tan θ - 1 = 0 → quadratic in sin or cos (factor, "
              "reject out-of-range roots) → the other ratio squared (use sin²θ + cos²θ = 1)",
    ),
    ProblemType(
        id="trig_inequality", name="三角比の不等式", sample=sample_inequality, solve=solve_inequality,
        verify=verify_inequality, problem_templates=numbered_templates("trig_inequality", 5),
        solution_template="trig_inequality_solution.j2", shape="multi-step",
        knobs="sin or cos against a value → cos or tan (θ ≠ 90°) → sin or tan, forms like 2cos θ + 1 < 0 → "
              "a linear form or a quadratic → a quadratic in sin or cos, clipped to the ratio's range"),
)
