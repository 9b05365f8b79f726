"""複素数平面の応用 (数学C): 積・商・累乗の偏角, |z - α| = |z - β| や |z - α| = k|z - β| の軌跡, 積・商の累乗.

Solvers work in polar form (moduli and arguments as multiples of π, de Moivre); verifiers
work numerically in rectangular form with Python's complex numbers: phases of actual
products, powers by repeated multiplication, distances of points taken on the answer's
line or circle, the Apollonius diameter from the two division points.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.mathc._forms import complex_tex, cos_sin, tex

I = sp.I  # noqa: E741  (the imaginary unit, as in the textbooks)
X, Y = sp.symbols("x y")

#: a + bi with a nice polar form: (value, modulus, argument / π)
BASES = (
    (1 + I, sp.sqrt(2), Fraction(1, 4)), (1 - I, sp.sqrt(2), Fraction(-1, 4)), (-1 + I, sp.sqrt(2), Fraction(3, 4)),
    (-1 - I, sp.sqrt(2), Fraction(-3, 4)), (sp.sqrt(3) + I, 2, Fraction(1, 6)), (1 + sp.sqrt(3) * I, 2, Fraction(1, 3)),
    (-1 + sp.sqrt(3) * I, 2, Fraction(2, 3)), (sp.sqrt(3) - I, 2, Fraction(-1, 6)), (1 - sp.sqrt(3) * I, 2, Fraction(-1, 3)),
    (-sp.sqrt(3) + I, 2, Fraction(5, 6)), (-sp.sqrt(3) - I, 2, Fraction(-5, 6)), (-1 - sp.sqrt(3) * I, 2, Fraction(-2, 3)),
)
RANGES = {"pos": "0 \\leqq \\theta < 2\\pi", "sym": "-\\pi < \\theta \\leqq \\pi"}


def _reduce(angle: Fraction, rng_kind: str) -> Fraction:
    """angle/π reduced into [0, 2) or (-1, 1]."""
    a = angle % 2
    if rng_kind == "sym" and a > 1:
        a -= 2
    return a


def _power_tex(base: str, k: int) -> str:
    return f"({base})" if k == 1 else f"({base})^{{{k}}}"


# --- 偏角 -----------------------------------------------------------------------------------


def sample_argument(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        i, j = r.sample(range(len(BASES)), 2)
        if difficulty == 1:
            m, n, op = 1, 1, "mul"
        elif difficulty == 2:
            m, n, op = 1, 1, "div"
        elif difficulty == 3:
            m, n, op = r.randint(1, 3), r.randint(1, 2), r.choice(("mul", "div"))
        else:
            m, n, op = r.randint(2, 6), r.randint(1, 5), r.choice(("mul", "div"))
        ask = "arg" if difficulty <= 4 else r.choice(("real", "imag", "posreal"))
        return {"i": i, "j": j, "m": m, "n": n, "op": op, "ask": ask, "range": r.choice(("pos", "sym")), "names": r.choice((["z", "w"], ["\\alpha", "\\beta"]))}

    def ok(p: dict[str, Any]) -> bool:
        if p["ask"] == "arg":
            return _total_angle(p) % 2 != 0
        try:
            return _min_n(_total_angle(p), p["ask"]) >= 2
        except ValueError:
            return False

    return draw_until(rng, draw, ok)


def _times(k: int, angle: Fraction) -> str:
    """``k·angle`` as a substitution step: ``\\frac{\\pi}{3}``, ``2 \\cdot \\frac{\\pi}{3}``, ``2 \\cdot \\left(-\\frac{\\pi}{4}\\right)``."""
    text = pi_multiple(angle) if angle > 0 else f"\\left({pi_multiple(angle)}\\right)"
    return text if k == 1 else f"{k} \\cdot {text}"


def _total_angle(p: Mapping[str, Any]) -> Fraction:
    a1, a2 = BASES[p["i"]][2], BASES[p["j"]][2]
    return p["m"] * a1 + (p["n"] if p["op"] == "mul" else -p["n"]) * a2


def _min_n(angle: Fraction, ask: str) -> int:
    """Smallest n ≥ 1 with n·angle·π real (ask real), purely imaginary, or a positive real."""
    for n in range(1, 200):
        v = (n * angle) % 2
        if (ask == "real" and v in (0, 1)) or (ask == "imag" and v in (Fraction(1, 2), Fraction(3, 2))) or (ask == "posreal" and v == 0):
            return n
    raise ValueError("no n")


def solve_argument(params: Mapping[str, Any]) -> Solution:
    p = params
    z1, _r1, a1 = BASES[p["i"]]
    z2, _r2, a2 = BASES[p["j"]]
    n1, n2 = p["names"]
    total = _total_angle(p)
    sign = "+" if p["op"] == "mul" else "-"
    first = f"{n1}^{{{p['m']}}}" if p["m"] > 1 else n1
    second = f"{n2}^{{{p['n']}}}" if p["n"] > 1 else n2
    expr = f"{first}{second}" if p["op"] == "mul" else f"\\frac{{{first}}}{{{second}}}"
    steps: dict[str, Any] = {"z1": complex_tex(z1), "z2": complex_tex(z2), "a1": pi_multiple(a1), "a2": pi_multiple(a2),
                             "n1": n1, "n2": n2, "expr": expr, "range": RANGES[p["range"]],
                             "combo": join_terms([coef_term(p["m"], f"\\arg {n1}"), ("" if sign == "+" else "-") + coef_term(p["n"], f"\\arg {n2}")]),
                             "combo_val": join_terms([_times(p["m"], a1), ("" if sign == "+" else "-") + _times(p["n"], a2)]),
                             "total": pi_multiple(total)}
    if p["ask"] == "arg":
        red = _reduce(total, p["range"])
        steps.update(reduced=pi_multiple(red), same=red == total)
        value = sp.Rational(red.numerator, red.denominator) * sp.pi
        return Solution(answer=value, answer_latex=pi_multiple(red), steps=steps)
    base = total  # (z^m w^{±n}) has argument `total`; its k-th power has k·total
    n = _min_n(base, p["ask"])
    steps.update(n=n, nangle=pi_multiple(n * base))
    return Solution(answer=sp.Integer(n), answer_latex=str(n), steps=steps)


def verify_argument(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    z1, z2 = complex(BASES[p["i"]][0]), complex(BASES[p["j"]][0])
    w = z1 ** p["m"] * (z2 ** p["n"] if p["op"] == "mul" else z2 ** -p["n"])
    if p["ask"] == "arg":
        theta = float(solution.answer)
        lo_ok = (0 <= theta < 2 * math.pi) if p["range"] == "pos" else (-math.pi < theta <= math.pi + 1e-12)
        return lo_ok and abs(cmath.exp(1j * theta) - w / abs(w)) < 1e-9
    n = int(solution.answer)

    def good(k: int) -> bool:
        u = (w / abs(w)) ** k
        if p["ask"] == "real":
            return abs(u.imag) < 1e-9
        if p["ask"] == "imag":
            return abs(u.real) < 1e-9
        return abs(u.imag) < 1e-9 and u.real > 0

    return n >= 1 and good(n) and not any(good(k) for k in range(1, n))


# --- 軌跡 -----------------------------------------------------------------------------------

LOCUS_K = (Fraction(2), Fraction(3), Fraction(1, 2), Fraction(1, 3))


def sample_locus(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        alpha = [r.randint(-4, 4), r.randint(-4, 4)]
        beta = [r.randint(-4, 4), r.randint(-4, 4)]
        if difficulty == 1:
            alpha[1 if r.random() < 0.5 else 0] = 0
            beta[1 if r.random() < 0.5 else 0] = 0
        k = Fraction(1) if difficulty <= 2 else r.choice(LOCUS_K if difficulty >= 4 else LOCUS_K[:2])
        return {"alpha": alpha, "beta": beta, "k": [k.numerator, k.denominator], "ask": "radius" if difficulty == 5 else "equation",
                "form": r.randrange(2)}

    return draw_until(rng, draw, lambda p: p["alpha"] != p["beta"])


def _circle_tex(c1: Fraction, c2: Fraction, r2: Fraction) -> str:
    def sq(var: str, c: Fraction) -> str:
        if c == 0:
            return f"{var}^2"
        inner = f"{var} {'-' if c > 0 else '+'} {num(abs(c))}"
        return f"\\left({inner}\\right)^2" if c.denominator != 1 else f"({inner})^2"

    return f"{sq('x', c1)} + {sq('y', c2)} = {num(r2)}"


def _cplx(v: list[int]) -> str:
    return complex_tex(v[0] + v[1] * I)


def _abs_term(v: list[int]) -> str:
    """``z - (2 - i)`` written ``z - 2 + i``; ``z`` for 0."""
    inner = complex_tex(-(v[0] + v[1] * I))
    if inner == "0":
        return "z"
    return f"z - {inner[1:]}" if inner.startswith("-") else f"z + {inner}"


def solve_locus(params: Mapping[str, Any]) -> Solution:
    p = params
    (a1, a2), (b1, b2) = p["alpha"], p["beta"]
    k = Fraction(*p["k"])
    lhs, rhs = _abs_term(p["alpha"]), _abs_term(p["beta"])
    kt = "" if k == 1 else (str(k) if k.denominator == 1 else "")
    cond = f"|{lhs}| = {kt}|{rhs}|" if k.denominator == 1 else f"{k.denominator}|{lhs}| = |{rhs}|"
    steps: dict[str, Any] = {"cond": cond, "alpha": _cplx(p["alpha"]), "beta": _cplx(p["beta"]), "k": num(k), "k2": num(k * k),
                             "lhs2": f"(x {'-' if a1 >= 0 else '+'} {abs(a1)})^2 + (y {'-' if a2 >= 0 else '+'} {abs(a2)})^2",
                             "rhs2": f"(x {'-' if b1 >= 0 else '+'} {abs(b1)})^2 + (y {'-' if b2 >= 0 else '+'} {abs(b2)})^2"}
    for key in ("lhs2", "rhs2"):
        steps[key] = steps[key].replace("(x - 0)^2", "x^2").replace("(y - 0)^2", "y^2")
    if k == 1:
        # |z - α|^2 = |z - β|^2  ⇔  2(b1 - a1)x + 2(b2 - a2)y = |β|^2 - |α|^2
        cx, cy, c0 = 2 * (b1 - a1), 2 * (b2 - a2), b1 * b1 + b2 * b2 - a1 * a1 - a2 * a2
        if cy != 0:
            m, c = Fraction(-cx, cy), Fraction(c0, cy)
            latex = "y = " + join_terms([coef_term(m, "x"), num(c)]) if m != 0 else f"y = {num(c)}"
            value = sp.Eq(Y, sp.Rational(m.numerator, m.denominator) * X + sp.Rational(c.numerator, c.denominator))
        else:
            c = Fraction(c0, cx)
            latex, value = f"x = {num(c)}", sp.Eq(X, sp.Rational(c.numerator, c.denominator))
        steps.update(kind="line", lin=f"{join_terms([coef_term(cx, 'x'), coef_term(cy, 'y')])} = {c0}")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    k2 = k * k
    # |z - α|^2 = k^2|z - β|^2: (1 - k^2)(x^2 + y^2) - 2(a1 - k^2 b1)x - 2(a2 - k^2 b2)y + |α|^2 - k^2|β|^2 = 0
    c1 = (a1 - k2 * b1) / (1 - k2)
    c2 = (a2 - k2 * b2) / (1 - k2)
    r2 = c1 * c1 + c2 * c2 - (a1 * a1 + a2 * a2 - k2 * (b1 * b1 + b2 * b2)) / (1 - k2)
    gen = join_terms(["x^2", "y^2", coef_term(-2 * c1, "x"), coef_term(-2 * c2, "y"), num(c1 * c1 + c2 * c2 - r2)]) + " = 0"
    steps.update(kind="circle", general=gen, center=f"{complex_tex(sp.Rational(c1.numerator, c1.denominator) + sp.Rational(c2.numerator, c2.denominator) * I)}",
                 circle=_circle_tex(c1, c2, r2), radius=tex(sp.sqrt(sp.Rational(r2.numerator, r2.denominator))), one_minus=num(1 - k2))
    if p["ask"] == "radius":
        value = sp.sqrt(sp.Rational(r2.numerator, r2.denominator))
        return Solution(answer=value, answer_latex=tex(value), steps=steps)
    value = sp.Eq((X - sp.Rational(c1.numerator, c1.denominator)) ** 2 + (Y - sp.Rational(c2.numerator, c2.denominator)) ** 2,
                  sp.Rational(r2.numerator, r2.denominator), evaluate=False)
    return Solution(answer=value, answer_latex=_circle_tex(c1, c2, r2), steps=steps)


def verify_locus(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    alpha, beta = complex(*p["alpha"]), complex(*p["beta"])
    k = p["k"][0] / p["k"][1]

    def on_locus(z: complex) -> bool:
        return abs(abs(z - alpha) - k * abs(z - beta)) < 1e-9

    if p["ask"] == "radius":  # the Apollonius circle has the two division points as a diameter
        inner = (alpha + k * beta) / (1 + k)
        outer = (alpha - k * beta) / (1 - k)
        return on_locus(inner) and on_locus(outer) and abs(abs(inner - outer) / 2 - float(solution.answer)) < 1e-9
    eq = solution.answer
    if k == 1:
        if eq.lhs == X:  # x = c
            c = float(eq.rhs)
            points = [complex(c, y) for y in (-3.0, 0.5, 7.0)]
        else:
            points = [complex(x, float(eq.rhs.subs(X, x))) for x in (-3.0, 0.5, 7.0)]
        return all(on_locus(z) for z in points)
    # points on the answer circle (centre and radius read from the equation) must satisfy the condition, and vice versa
    expanded = sp.expand(eq.lhs - eq.rhs)
    cx = -float(expanded.coeff(X, 1)) / 2
    cy = -float(expanded.coeff(Y, 1)) / 2
    r2 = cx * cx + cy * cy - float(expanded.subs({X: 0, Y: 0}))
    if r2 <= 0 or float(expanded.coeff(X, 2)) != 1.0:
        return False
    r = math.sqrt(r2)
    return all(on_locus(complex(cx + r * math.cos(t), cy + r * math.sin(t))) for t in (0.3, 1.9, 4.1))


# --- 積・商の累乗 -------------------------------------------------------------------------------


def sample_power(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        i, j = r.sample(range(len(BASES)), 2)
        op = "mul" if difficulty == 1 else ("div" if difficulty in (2, 4) else r.choice(("mul", "div")))
        m = 1 if difficulty <= 2 or difficulty == 4 else r.randint(1, 3)
        n_hi = {1: 4, 2: 6, 3: 4, 4: 12, 5: 12}[difficulty]
        return {"i": i, "j": j, "op": op, "m": m, "n": r.randint(2, n_hi), "find_n": difficulty == 5 and r.random() < 0.5,
                "ask_n": r.choice(("real", "imag")), "var": r.choice(("z", "w", "\\alpha"))}

    def ok(p: dict[str, Any]) -> bool:
        a = _base_angle(p)
        if p["find_n"]:
            try:
                p["n"] = _min_n(a, p["ask_n"])
            except ValueError:
                return False
            if p["n"] < 2 or p["n"] > 12:
                return False
        k12 = p["n"] * a * 12
        return k12.denominator == 1 and (int(k12) % 2 == 0 or int(k12) % 3 == 0) and _modulus(p) ** (2 * p["n"]) <= 2**24

    return draw_until(rng, draw, ok)


def _base_angle(p: Mapping[str, Any]) -> Fraction:
    a1, a2 = BASES[p["i"]][2], BASES[p["j"]][2]
    return p["m"] * a1 + (a2 if p["op"] == "mul" else -a2)


def _modulus(p: Mapping[str, Any]) -> sp.Expr:
    r1, r2 = sp.sympify(BASES[p["i"]][1]), sp.sympify(BASES[p["j"]][1])
    return r1 ** p["m"] * r2 if p["op"] == "mul" else r1 ** p["m"] / r2


def solve_power(params: Mapping[str, Any]) -> Solution:
    p = params
    z1, r1, a1 = BASES[p["i"]]
    z2, r2, a2 = BASES[p["j"]]
    base_angle, mod = _base_angle(p), _modulus(p)
    n = p["n"]
    total = n * base_angle
    reduced = total % 2
    c, s = cos_sin(sp.Rational(reduced.numerator, reduced.denominator))
    value = sp.expand(mod**n * (c + s * I))
    top = _power_tex(complex_tex(z1), p["m"])
    expr = f"{top}({complex_tex(z2)})" if p["op"] == "mul" else f"\\frac{{{complex_tex(z1) if p['m'] == 1 else top}}}{{{complex_tex(z2)}}}"
    steps = {"expr": expr, "z1": complex_tex(z1), "z2": complex_tex(z2), "r1": tex(r1), "r2": tex(r2), "a1": pi_multiple(a1),
             "a2": pi_multiple(a2), "mod": tex(mod), "angle": pi_multiple(base_angle), "n": n, "modn": tex(mod**n),
             "total": pi_multiple(total) if total >= 0 else f"\\left({pi_multiple(total)}\\right)", "reduced": pi_multiple(reduced), "same": total == reduced, "cos": tex(c), "sin": tex(s),
             "value": complex_tex(value), "var": p["var"], "m": p["m"], "op": p["op"], "find_n": p["find_n"], "ask_n": p["ask_n"]}
    return Solution(answer=value, answer_latex=complex_tex(value), steps=steps)


def verify_power(params: Mapping[str, Any], solution: Solution) -> bool:
    """Repeated multiplication of the rectangular numbers; for 'smallest n' also check that no smaller power qualifies."""
    p = params
    z1, z2 = complex(BASES[p["i"]][0]), complex(BASES[p["j"]][0])
    w = z1 ** p["m"] * z2 if p["op"] == "mul" else z1 ** p["m"] / z2
    power = complex(1, 0)
    for _ in range(p["n"]):
        power *= w
    got = complex(solution.answer)
    if abs(got - power) > 1e-9 * max(1.0, abs(power)):
        return False
    if p["find_n"]:
        u = complex(1, 0)
        for _ in range(1, p["n"]):
            u *= w / abs(w)
            if (p["ask_n"] == "real" and abs(u.imag) < 1e-9) or (p["ask_n"] == "imag" and abs(u.real) < 1e-9):
                return False
    return True


UNIT = Unit(
    id="mathc.complex_geometry",
    name="複素数平面と図形",
    course="数学C",
    description="積・商・累乗の偏角, |z - α| = |z - β| や |z - α| = k|z - β| を満たす点の軌跡, 積・商の累乗 (ド・モアブル).",
    types=(
        ProblemType(
            id="argument_of_products", name="積・商の偏角",
            sample=sample_argument, solve=solve_argument, verify=verify_argument,
            problem_templates=numbered_templates("cargument", 5), solution_template="cargument_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="arg(zw) → arg(z/w) → arg(z^m w^{±n}) → larger powers, both ranges → the least n with a real / purely imaginary power",
        ),
        ProblemType(
            id="locus_in_complex_plane", name="複素数平面上の軌跡",
            sample=sample_locus, solve=solve_locus, verify=verify_locus,
            problem_templates=numbered_templates("clocus", 5), solution_template="clocus_solution.j2",
            answer_form="soft", shape="word",
            knobs="|z - α| = |z - β| with α, β on the axes → anywhere (a line) → |z - α| = k|z - β| (a circle) → k = 1/2, 1/3 → the radius",
        ),
        ProblemType(
            id="power_of_product", name="積・商の累乗",
            sample=sample_power, solve=solve_power, verify=verify_power,
            problem_templates=numbered_templates("cpower", 5), solution_template="cpower_solution.j2",
            answer_form="complex", shape="multi-step",
            knobs="(zw)^n → (z/w)^n → (z^m/w)^n → exponents to 12 → the least n making it real or imaginary, then the power",
        ),
    ),
)
