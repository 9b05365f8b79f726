"""複素数平面 (数学C): 極形式, ド・モアブルの定理, 回転・拡大, n 乗根.

Solvers use the polar form (modulus and argument, de Moivre); verifiers work in the
rectangular form: expand powers exactly, evaluate cos/sin of the answer's argument,
or measure distances and angles with ``cmath``.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Mapping
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import pi_multiple
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.mathc._forms import complex_tex, cos_sin, tex

I = sp.I  # noqa: E741  (the imaginary unit, as in the textbooks)


def _polar_value(r: sp.Expr, angle: sp.Rational) -> sp.Expr:
    c, s = cos_sin(angle)
    return sp.expand(r * c + r * s * I)


def polar_tex(r: sp.Expr, angle: sp.Rational) -> str:
    """``2\\left(\\cos\\frac{2}{3}\\pi + i\\sin\\frac{2}{3}\\pi\\right)`` (no factor when ``r = 1``)."""
    text = pi_multiple(angle)
    if angle < 0:
        arg = f"\\left({text}\\right)"
    elif text.startswith("\\"):
        arg = text
    else:
        arg = f" {text}"
    body = f"\\cos{arg} + i\\sin{arg}"
    if r == 1:
        return body
    return f"{tex(r)}\\left({body}\\right)"


# --- 極形式 ----------------------------------------------------------------------------


def sample_polar(rng: Random, difficulty: int) -> dict[str, Any]:
    quarter = [k for k in range(24) if k % 6 == 0]
    ks = [k for k in range(24) if k % 2 == 0 or k % 3 == 0]

    def draw(r: Random) -> dict[str, Any]:
        k = r.choice(ks)
        symmetric = r.random() < 0.5  # argument range -π < θ ≦ π instead of 0 ≦ θ < 2π
        scale = r.randint(1, 9)
        half = difficulty >= 3 and scale % 2 == 1 and r.random() < 0.4  # modulus scale/2
        return {"k12": k, "scale": scale, "half": half, "symmetric": symmetric, "end": r.randrange(3)}

    return draw_until(rng, draw, lambda p: p["k12"] not in quarter or difficulty <= 2)


def _polar_parts(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Rational]:
    angle = sp.Rational(params["k12"], 12)
    if params["symmetric"] and angle > 1:
        angle -= 2
    # |z| = scale for multiples of π/6, scale·√2 for odd multiples of π/4 (z = ±s ± si)
    r = sp.Integer(params["scale"]) * (sp.sqrt(2) if params["k12"] % 6 == 3 else 1)  # exact: never 1.5
    if params.get("half"):
        r = r / 2
    return r, angle


def solve_polar(params: Mapping[str, Any]) -> Solution:
    r, angle = _polar_parts(params)
    z = _polar_value(r, angle)
    c, s = cos_sin(angle)
    re, im, r_tex = tex(sp.re(z)), tex(sp.im(z)), tex(r)
    modulus = _chain(f"\\sqrt{{{_power_base(re)}^2 + {_power_base(im)}^2}}", f"\\sqrt{{{tex(r * r)}}}", r_tex)
    cos_chain = _chain(f"\\frac{{{re}}}{{{r_tex}}}", tex(c)) if r != 1 else tex(c)
    sin_chain = _chain(f"\\frac{{{im}}}{{{r_tex}}}", tex(s)) if r != 1 else tex(s)
    steps = {"z": complex_tex(z), "r": r_tex, "re": re, "im": im, "r2": tex(r * r),
             "modulus": modulus, "cos_chain": cos_chain, "sin_chain": sin_chain,
             "cos": tex(c), "sin": tex(s), "arg": pi_multiple(angle),
             "range": "-\\pi < \\theta \\leqq \\pi" if params["symmetric"] else "0 \\leqq \\theta < 2\\pi"}
    return Solution(answer=z, answer_latex=polar_tex(r, angle), steps=steps)


def _power_base(text: str) -> str:
    """A base for ``^2``: bare only for a non-negative integer or a single letter."""
    return text if text.isdigit() or text.isalpha() else f"\\left({text}\\right)"


def _chain(*sides: str) -> str:
    """``a = b = c`` without a side that repeats the one before it."""
    return " = ".join(side for i, side in enumerate(sides) if i == 0 or side != sides[i - 1])


def verify_polar(params: Mapping[str, Any], solution: Solution) -> bool:
    """Read r and θ back from the answer text's pieces: r·cos θ, r·sin θ must give z."""
    r, angle = _polar_parts(params)
    got = complex(float(r) * math.cos(math.pi * float(angle)), float(r) * math.sin(math.pi * float(angle)))
    lo, hi = (-math.pi, math.pi) if params["symmetric"] else (0.0, 2 * math.pi)
    theta = math.pi * float(angle)
    in_range = (lo < theta <= hi) if params["symmetric"] else (lo <= theta < hi)
    want = complex(solution.answer)
    text_ok = pi_multiple(angle) in solution.answer_latex
    return in_range and text_ok and abs(got - want) < 1e-9 and abs(abs(want) - float(r)) < 1e-9


# --- ド・モアブルの定理 --------------------------------------------------------------------

#: bases a + bi with a nice polar form: (value, modulus, angle/π)
_BASES = (
    (1 + I, sp.sqrt(2), sp.Rational(1, 4)), (1 - I, sp.sqrt(2), sp.Rational(-1, 4)),
    (-1 + I, sp.sqrt(2), sp.Rational(3, 4)), (sp.sqrt(3) + I, 2, sp.Rational(1, 6)),
    (1 + sp.sqrt(3) * I, 2, sp.Rational(1, 3)), (-1 + sp.sqrt(3) * I, 2, sp.Rational(2, 3)),
    (sp.sqrt(3) - I, 2, sp.Rational(-1, 6)), (1 - sp.sqrt(3) * I, 2, sp.Rational(-1, 3)),
    (-sp.sqrt(3) + I, 2, sp.Rational(5, 6)),
    (sp.Rational(1, 2) + sp.sqrt(3) / 2 * I, 1, sp.Rational(1, 3)),
    (sp.sqrt(3) / 2 + I / 2, 1, sp.Rational(1, 6)), (sp.Rational(-1, 2) + sp.sqrt(3) / 2 * I, 1, sp.Rational(2, 3)),
)


def sample_de_moivre(rng: Random, difficulty: int) -> dict[str, Any]:
    base_hi = [0, 9, 9, 12, 12, 12][difficulty]
    n_range = [(2, 9), (3, 10), (5, 12), (6, 16), (8, 20)][difficulty - 1]

    def draw(r: Random) -> dict[str, Any]:
        n = r.randint(*n_range)
        if difficulty == 5 and r.random() < 0.3:
            n = -r.randint(2, 6)
        base = r.randrange(base_hi)
        mult = r.choice([1, 1, 2, 3]) if base < 9 and 0 < n <= 12 else 1
        return {"base": base, "n": n, "mult": mult, "end": r.randrange(3), "var": r.choice(["z", "w", "\\alpha"])}

    return draw_until(rng, draw, lambda p: True)


def _base(params: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr, sp.Rational]:
    value, modulus, angle = _BASES[params["base"]]
    k = params.get("mult", 1)
    return sp.expand(k * value), k * sp.sympify(modulus), angle


def solve_de_moivre(params: Mapping[str, Any]) -> Solution:
    value, modulus, angle = _base(params)
    n = params["n"]
    total = angle * n
    reduced = total - 2 * sp.floor(total / 2)  # in [0, 2)
    c, s = cos_sin(reduced)
    result = sp.expand(sp.Integer(1) * sp.sympify(modulus) ** n * (c + s * I))
    steps = {
        "base": complex_tex(value), "polar": polar_tex(sp.sympify(modulus), angle), "r": tex(sp.sympify(modulus)),
        "rn": tex(sp.sympify(modulus) ** n), "total": pi_multiple(total), "reduced": pi_multiple(reduced),
        "cos": tex(c), "sin": tex(s), "same": total == reduced, "unit": complex_tex(c + s * I),
    }
    return Solution(answer=result, answer_latex=complex_tex(result), steps=steps)


def verify_de_moivre(params: Mapping[str, Any], solution: Solution) -> bool:
    value = _base(params)[0]
    n = params["n"]
    direct = sp.expand(value ** abs(n))  # binomial expansion, no polar form
    if n < 0:  # z^n · z^|n| = 1
        return sp.expand(direct * solution.answer) == 1
    return sp.expand(direct - solution.answer) == 0


# --- 回転・拡大 -----------------------------------------------------------------------

#: (angle/π, scale) pairs whose multiplier has a short rectangular form
_MOVES = (
    (sp.Rational(1, 2), 1), (sp.Rational(-1, 2), 1), (sp.Rational(1, 4), sp.sqrt(2)), (sp.Rational(-1, 4), sp.sqrt(2)),
    (sp.Rational(1, 3), 2), (sp.Rational(1, 6), 2), (sp.Rational(-1, 3), 2), (sp.Rational(2, 3), 2),
    (sp.Rational(1, 3), 1), (sp.Rational(1, 6), 1), (sp.Rational(3, 4), sp.sqrt(2)), (sp.Integer(1), 1),
)


def sample_rotation(rng: Random, difficulty: int) -> dict[str, Any]:
    moves = [(0, 1, 2, 3), (0, 1, 2, 3, 4, 5), (2, 3, 4, 5, 6, 7, 10), tuple(range(12)), tuple(range(12))][difficulty - 1]
    hi = [0, 5, 5, 6, 6, 7][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        z = [r.randint(-hi, hi), r.randint(-hi, hi)]
        center = [r.randint(-3, 3), r.randint(-3, 3)] if difficulty >= 4 and r.random() < 0.6 else [0, 0]
        return {"z": z, "move": r.choice(moves), "center": center, "end": r.randrange(3)}

    return draw_until(rng, draw, lambda p: p["z"] != p["center"])


def solve_rotation(params: Mapping[str, Any]) -> Solution:
    angle, scale = _MOVES[params["move"]]
    c, s = cos_sin(angle)
    mult = sp.expand(scale * (c + s * I))
    z = params["z"][0] + params["z"][1] * I
    w = params["center"][0] + params["center"][1] * I
    result = sp.expand(w + (z - w) * mult)
    steps = {
        "z": complex_tex(z), "w": complex_tex(w), "zw": complex_tex(z - w), "mult": complex_tex(mult),
        "mult_polar": polar_tex(sp.sympify(scale), angle), "angle": pi_multiple(abs(angle)),
        "clockwise": angle < 0, "scale": tex(sp.sympify(scale)), "moved": complex_tex(sp.expand((z - w) * mult)),
        "origin": params["center"] == [0, 0],
    }
    return Solution(answer=result, answer_latex=complex_tex(result), steps=steps)


def verify_rotation(params: Mapping[str, Any], solution: Solution) -> bool:
    angle, scale = _MOVES[params["move"]]
    z = complex(*params["z"])
    w = complex(*params["center"])
    got = complex(solution.answer)
    ratio = (got - w) / (z - w)
    ok_len = abs(abs(ratio) - float(scale)) < 1e-9
    ok_arg = abs(cmath.exp(1j * (cmath.phase(ratio) - math.pi * float(angle))) - 1) < 1e-9
    return ok_len and ok_arg


# --- n 乗根 --------------------------------------------------------------------------

#: n → right-hand-side arguments (as multiples of π) whose n-th roots have nice arguments
_ROOT_ARGS = {
    2: (sp.Rational(1, 2), sp.Integer(1), sp.Rational(3, 2), sp.Rational(2, 3), sp.Rational(4, 3),
        sp.Rational(1, 3), sp.Rational(5, 3)),
    3: (sp.Integer(0), sp.Rational(1, 2), sp.Integer(1), sp.Rational(3, 2)),
    4: (sp.Integer(0), sp.Integer(1), sp.Rational(2, 3), sp.Rational(4, 3)),
    6: (sp.Integer(0), sp.Integer(1)),
}


def sample_roots(rng: Random, difficulty: int) -> dict[str, Any]:
    ns = [[2, 3], [2, 3], [2, 3, 4], [3, 4, 6], [4, 6, 3]][difficulty - 1]
    r_hi = [0, 4, 4, 4, 4, 3][difficulty]

    def draw(r: Random) -> dict[str, Any]:
        n = r.choice(ns)
        args = _ROOT_ARGS[n]
        k = r.randrange(len(args))
        return {"n": n, "arg_index": k, "r": r.randint(1, r_hi), "sqrt2": n % 2 == 0 and r.random() < 0.3,
                "end": r.randrange(3), "var": r.choice(["z", "z", "w", "x"]), "zero_form": r.random() < 0.4}

    return draw_until(rng, draw, lambda p: p["r"] ** p["n"] <= 256)


def _root_modulus(params: Mapping[str, Any]) -> sp.Expr:
    return sp.Integer(params["r"]) * (sp.sqrt(2) if params.get("sqrt2") else 1)


def solve_roots(params: Mapping[str, Any]) -> Solution:
    n, r = params["n"], _root_modulus(params)
    alpha = _ROOT_ARGS[n][params["arg_index"]]
    rhs = _polar_value(r**n, alpha)
    roots = []
    for k in range(n):
        angle = (alpha + 2 * k) / n
        roots.append({"k": k, "angle": pi_multiple(angle), "value": _polar_value(r, angle)})
    values = [item["value"] for item in roots]
    latex = ", ".join(complex_tex(v) for v in values)
    steps = {
        "rhs": complex_tex(rhs), "R": tex(r**n), "alpha": pi_multiple(alpha), "rhs_polar": polar_tex(r**n, alpha),
        "r": tex(r), "roots": [{"k": it["k"], "angle": it["angle"], "value": complex_tex(it["value"])} for it in roots],
        "step": pi_multiple(sp.Rational(2, n)), "alpha_n": pi_multiple(alpha / n),
        "ks": ", ".join(str(k) for k in range(n)),
        "lhs": f"{params['var']}^{{{n}}}" + (" " + ("+ " + complex_tex(-rhs) if not complex_tex(-rhs).startswith("-")
                                                     else "- " + complex_tex(-rhs)[1:]) + " = 0"
                                              if params.get("zero_form") else " = " + complex_tex(rhs)),
    }
    return Solution(answer=sp.FiniteSet(*values), answer_latex=latex, steps=steps)


def verify_roots(params: Mapping[str, Any], solution: Solution) -> bool:
    n = params["n"]
    rhs = _polar_value(_root_modulus(params) ** n, _ROOT_ARGS[n][params["arg_index"]])
    roots = list(solution.answer)
    if len(roots) != n:
        return False
    return all(sp.expand(sp.expand(z**n) - rhs) == 0 for z in roots)


# --- the unit -------------------------------------------------------------------------


def _phrasings(stem: str) -> tuple[str, str, str]:
    return (f"{stem}_1.j2", f"{stem}_2.j2", f"{stem}_3.j2")


UNIT = Unit(
    id="mathc.complex_plane",
    name="複素数平面",
    course="数学C",
    description="極形式, ド・モアブルの定理, 点の回転と拡大, 方程式 z^n = α の解.",
    types=(
        ProblemType(
            id="polar_form", name="極形式",
            sample=sample_polar, solve=solve_polar, verify=verify_polar,
            problem_templates=_phrasings("polar"), solution_template="polar_solution.j2",
            answer_form="complex",
            knobs="modulus 1 → 9 (√2 multiples, halves from difficulty 3); argument range 0 ≦ θ < 2π or -π < θ ≦ π",
        ),
        ProblemType(
            id="de_moivre", name="ド・モアブルの定理",
            sample=sample_de_moivre, solve=solve_de_moivre, verify=verify_de_moivre,
            problem_templates=_phrasings("demoivre"), solution_template="demoivre_solution.j2",
            answer_form="complex",
            knobs="bases 1 ± i → √3 ± i, (1 + √3i)/2; exponents 3 → 20, negative exponents at difficulty 5",
        ),
        ProblemType(
            id="rotation", name="回転・拡大",
            sample=sample_rotation, solve=solve_rotation, verify=verify_rotation,
            problem_templates=_phrasings("rotation"), solution_template="rotation_solution.j2",
            answer_form="complex",
            knobs="±π/2, π/4·√2 → π/3, π/6 (×2 or ×1), 2π/3, 3π/4; rotation about a point other than the origin",
        ),
        ProblemType(
            id="nth_roots", name="n 乗根",
            sample=sample_roots, solve=solve_roots, verify=verify_roots,
            problem_templates=_phrasings("roots"), solution_template="roots_solution.j2",
            answer_form="complex",
            knobs="z^2, z^3 → z^4, z^6; right sides on the axes → at ±2π/3, π/3",
        ),
    ),
)
