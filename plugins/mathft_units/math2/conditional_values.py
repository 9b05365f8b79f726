"""条件式と式の値・剰余の定理 (数学II, 入試型): 対称式, x + 1/x, 3文字の対称式, 2つの余りの条件.

Each type computes the asked value from the given conditions in exact ``Fraction``
arithmetic through the elementary symmetric expressions. Verifiers take another route:
they recover the unknowns themselves (roots of t^2 - st + p, of t^3 - e1 t^2 + e2 t - e3,
or the radicals of the statement, as 50-digit complex numbers) and evaluate the asked
expression, or substitute the remainder back into the stated conditions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until, nonzero_int
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2._checks import CTX

X = sp.Symbol("x")
_TOL = CTX.mpf(10) ** -20


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _pw(v: Fraction) -> str:
    """A value as a base before ``^``: ``3``, ``(-2)``, ``\\left(\\frac{3}{2}\\right)``."""
    v = Fraction(v)
    if v.denominator == 1:
        return paren(num(v))
    return f"\\left({num(v)}\\right)"


def _close(value: Any, claimed: sp.Basic) -> bool:
    c = sp.Rational(claimed)
    return bool(abs(value - CTX.mpf(int(c.p)) / int(c.q)) < _TOL)


# --- 2文字の対称式 ----------------------------------------------------------------

#: ask -> (expression, identity in x + y and xy, value from (s, p), substitution text)
_SYM2: dict[str, tuple[str, str, Callable[[Fraction, Fraction], Fraction], str]] = {
    "sq": ("x^2 + y^2", "(x + y)^2 - 2xy", lambda s, p: s * s - 2 * p, "{S}^2 - 2 \\cdot {P}"),
    "cube": ("x^3 + y^3", "(x + y)^3 - 3xy(x + y)", lambda s, p: s**3 - 3 * p * s,
             "{S}^3 - 3 \\cdot {P} \\cdot {S}"),
    "recip": ("\\frac{1}{x} + \\frac{1}{y}", "\\frac{x + y}{xy}", lambda s, p: s / p, "{s} \\div {P}"),
    "ratio": ("\\frac{y}{x} + \\frac{x}{y}", "\\frac{(x + y)^2 - 2xy}{xy}", lambda s, p: (s * s - 2 * p) / p,
              "({S}^2 - 2 \\cdot {P}) \\div {P}"),
    "diffsq": ("(x - y)^2", "(x + y)^2 - 4xy", lambda s, p: s * s - 4 * p, "{S}^2 - 4 \\cdot {P}"),
    "fourth": ("x^4 + y^4", "(x^2 + y^2)^2 - 2(xy)^2", lambda s, p: (s * s - 2 * p) ** 2 - 2 * p * p,
               "{Q}^2 - 2 \\cdot {P}^2"),
}


def sample_symmetric_two(rng: Random, difficulty: int) -> dict[str, Any]:
    asks = {1: ("sq", "diffsq"), 2: ("cube", "recip", "sq"), 3: ("ratio", "fourth", "cube", "recip")}.get(
        difficulty, ("cube", "ratio", "fourth", "recip", "sq"))
    ask = rng.choice(asks)
    if difficulty == 4:
        b = rng.choice((2, 3, 5, 6, 7, 10))
        return {"given": "conj", "a": nonzero_int(rng, -4, 4), "b": b, "ask": ask}
    if difficulty == 5:
        m, n = rng.choice(((3, 2), (5, 3), (5, 2), (6, 5), (7, 5), (7, 3), (6, 2), (7, 2), (3, 1), (5, 1)))
        return {"given": "rad", "m": m, "n": n, "ask": ask}
    size = 3 + 2 * difficulty
    return {"given": "sp", "s": nonzero_int(rng, -size, size), "p": nonzero_int(rng, -size, size), "ask": ask}


def _sym2_sp(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    if p["given"] == "conj":
        return Fraction(2 * p["a"]), Fraction(p["a"] ** 2 - p["b"])
    if p["given"] == "rad":
        return Fraction(2 * (p["m"] + p["n"]), p["m"] - p["n"]), Fraction(1)
    return Fraction(p["s"]), Fraction(p["p"])


def _fill(pattern: str, **values: str) -> str:
    out = pattern
    for key, val in values.items():
        out = out.replace("{" + key + "}", val)
    return out


def solve_symmetric_two(p: Mapping[str, Any]) -> Solution:
    s, q = _sym2_sp(p)
    expr, identity, value_of, subst = _SYM2[p["ask"]]
    value = value_of(s, q)
    sub = _fill(subst, S=_pw(s), P=_pw(q), s=num(s), p=num(q), Q=_pw(s * s - 2 * q))
    steps: dict[str, Any] = {"expr": expr, "identity": identity, "sub": sub, "s": num(s), "p": num(q),
                             "given": p["given"], "ask": p["ask"], "value": num(value),
                             "q2": num(s * s - 2 * q)}
    if p["given"] == "conj":
        a, b = p["a"], p["b"]
        steps.update(x=f"{a} + \\sqrt{{{b}}}", y=f"{a} - \\sqrt{{{b}}}", a=a, b=b, a2=a * a)
    elif p["given"] == "rad":
        m, n = p["m"], p["n"]
        rm, rn = f"\\sqrt{{{m}}}", ("1" if n == 1 else f"\\sqrt{{{n}}}")
        steps.update(x=f"\\frac{{{rm} + {rn}}}{{{rm} - {rn}}}", y=f"\\frac{{{rm} - {rn}}}{{{rm} + {rn}}}",
                     num_sq=f"({rm} + {rn})^2 + ({rm} - {rn})^2", twice=2 * (m + n), den=m - n)
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


def _sym2_xy(p: Mapping[str, Any]) -> tuple[Any, Any]:
    if p["given"] == "conj":
        r = CTX.sqrt(p["b"])
        return p["a"] + r, p["a"] - r
    if p["given"] == "rad":
        rm, rn = CTX.sqrt(p["m"]), CTX.sqrt(p["n"])
        return (rm + rn) / (rm - rn), (rm - rn) / (rm + rn)
    s, q = CTX.mpf(p["s"]), CTX.mpf(p["p"])
    d = CTX.sqrt(CTX.mpc(s * s - 4 * q))
    return (s + d) / 2, (s - d) / 2


_SYM2_EVAL: dict[str, Callable[[Any, Any], Any]] = {
    "sq": lambda x, y: x**2 + y**2, "cube": lambda x, y: x**3 + y**3, "recip": lambda x, y: 1 / x + 1 / y,
    "ratio": lambda x, y: y / x + x / y, "diffsq": lambda x, y: (x - y) ** 2, "fourth": lambda x, y: x**4 + y**4,
}


def verify_symmetric_two(p: Mapping[str, Any], solution: Solution) -> bool:
    """x and y themselves (radicals or the roots of t^2 - st + p), then the expression."""
    x, y = _sym2_xy(p)
    return _close(_SYM2_EVAL[p["ask"]](x, y), solution.answer)


# --- x + 1/x = k ----------------------------------------------------------------------


def sample_reciprocal_power(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 2:
        k = Fraction(nonzero_int(rng, -9, 9))
        ask = 2 if difficulty == 1 else rng.choice((2, 3))
        return {"form": "plus", "k": str(k), "ask": ask}
    if difficulty == 3:
        k = Fraction(nonzero_int(rng, -7, 7), rng.choice((1, 2, 3))) if rng.random() < 0.5 else Fraction(
            nonzero_int(rng, -9, 9))
        return {"form": "plus", "k": str(k), "ask": rng.choice((3, 4))}
    if difficulty == 4:
        return {"form": rng.choice(("minus", "eq")), "k": str(Fraction(nonzero_int(rng, -9, 9))),
                "ask": rng.choice((2, 3, 4))}
    return {"form": "eq", "k": str(Fraction(nonzero_int(rng, -9, 9))), "ask": rng.choice((4, 5))}


def solve_reciprocal_power(p: Mapping[str, Any]) -> Solution:
    k, form, ask = Fraction(p["k"]), p["form"], p["ask"]
    minus = form == "minus"
    # t_n = x^n + (-1)^n... : for "minus" the asked even powers x^2 + 1/x^2 and x^4 + 1/x^4 and
    # the odd power x^3 - 1/x^3
    t2 = k * k + 2 if minus else k * k - 2
    t3 = k**3 + 3 * k if minus else k**3 - 3 * k
    t4 = t2 * t2 - 2
    t5 = t2 * t3 - k if not minus else t2 * t3 + k
    value = {2: t2, 3: t3, 4: t4, 5: t5}[ask]
    sign = "-" if minus else "+"
    odd_sign = "-" if minus else "+"
    expr = {2: "x^2 + \\frac{1}{x^2}", 3: f"x^3 {odd_sign} \\frac{{1}}{{x^3}}", 4: "x^4 + \\frac{1}{x^4}",
            5: "x^5 + \\frac{1}{x^5}"}[ask]
    steps = {"k": num(k), "K": _pw(k), "form": form, "ask": ask, "expr": expr, "t2": num(t2), "T2": _pw(t2),
             "t3": num(t3), "t4": num(t4), "value": num(value), "sign": sign, "op": "+" if minus else "-",
             "eq": poly([1, -k, 1]),
             "eqn": {"plus": f"x + \\frac{{1}}{{x}} = {num(k)}", "minus": f"x - \\frac{{1}}{{x}} = {num(k)}",
                     "eq": f"{poly([1, -k, 1])} = 0"}[form]}
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


def verify_reciprocal_power(p: Mapping[str, Any], solution: Solution) -> bool:
    """x from x^2 - kx ± 1 = 0 (50-digit complex), then the asked power sum directly."""
    k = Fraction(p["k"])
    kk = CTX.mpf(k.numerator) / k.denominator
    c = -1 if p["form"] == "minus" else 1
    x = (kk + CTX.sqrt(CTX.mpc(kk * kk - 4 * c))) / 2
    if abs(x * x - kk * x + c) > _TOL:
        return False
    n = p["ask"]
    value = x**n - x ** (-n) if (p["form"] == "minus" and n % 2) else x**n + x ** (-n)
    return _close(value, solution.answer)


# --- 3文字の対称式 ----------------------------------------------------------------------

_SYM3: dict[str, tuple[str, Callable[[Fraction, Fraction, Fraction], Fraction]]] = {
    "sq": ("a^2 + b^2 + c^2", lambda e1, e2, e3: e1 * e1 - 2 * e2),
    "cube": ("a^3 + b^3 + c^3", lambda e1, e2, e3: e1**3 - 3 * e1 * e2 + 3 * e3),
    "recip": ("\\frac{1}{a} + \\frac{1}{b} + \\frac{1}{c}", lambda e1, e2, e3: e2 / e3),
    "prod": ("(a + b)(b + c)(c + a)", lambda e1, e2, e3: e1 * e2 - e3),
    "pairsq": ("a^2b^2 + b^2c^2 + c^2a^2", lambda e1, e2, e3: e2 * e2 - 2 * e1 * e3),
    "pairs": ("ab + bc + ca", lambda e1, e2, e3: e2),
    # condition a + b = c with abc = e3: c' = -c gives a + b + c' = 0 and abc' = -e3
    "prod_c": ("(a + b)(b - c)(c - a)", lambda e1, e2, e3: -e3),
    "cube_c": ("a^3 + b^3 - c^3", lambda e1, e2, e3: -3 * e3),
}


def sample_symmetric_three(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            return {"given": "e1e3", "e1": 0, "e2": r.randint(-9, 9), "e3": nonzero_int(r, -12, 12),
                    "ask": r.choice(("prod", "cube"))}
        if difficulty == 2:
            given = r.choice(("e1e2", "e1m", "ab_c"))
            return {"given": given, "e1": 0, "e2": nonzero_int(r, -12, 12), "e3": nonzero_int(r, -12, 12),
                    "ask": r.choice(("prod_c", "cube_c")) if given == "ab_c" else "sq"}
        if difficulty == 3:
            return {"given": "all", "e1": r.randint(-6, 6), "e2": r.randint(-9, 9), "e3": nonzero_int(r, -9, 9),
                    "ask": r.choice(("sq", "recip", "prod", "cube", "pairsq"))}
        return {"given": "m", "e1": nonzero_int(r, -6, 6), "e2": r.randint(-9, 9), "e3": nonzero_int(r, -9, 9),
                "ask": r.choice(("recip", "prod", "cube", "pairsq") if difficulty == 4 else ("cube", "pairsq"))}

    def ok(p: dict[str, Any]) -> bool:
        stated_m = p["e1"] ** 2 - 2 * p["e2"]  # a^2 + b^2 + c^2, stated positive when it is given
        return not (p["ask"] == "recip" and p["e2"] == 0) and (p["given"] not in ("e1m", "m") or stated_m > 0)

    params = draw_until(rng, draw, ok)
    if params["given"] == "e1m":  # a + b + c = 0 and a^2 + b^2 + c^2 given: ab + bc + ca asked
        params["ask"] = "pairs"
    return params


def solve_symmetric_three(p: Mapping[str, Any]) -> Solution:
    e1, e2, e3 = Fraction(p["e1"]), Fraction(p["e2"]), Fraction(p["e3"])
    ask, given = p["ask"], p["given"]
    expr, value_of = _SYM3[ask]
    value = value_of(e1, e2, e3)
    m = e1 * e1 - 2 * e2
    steps = {"e1": num(e1), "e2": num(e2), "e3": num(e3), "E1": _pw(e1), "E2": _pw(e2), "m": num(m),
             "given": given, "ask": ask, "expr": expr, "value": num(value),
             "e1sq": num(e1 * e1), "e1e2": num(e1 * e2)}
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


_SYM3_EVAL: dict[str, Callable[[Any, Any, Any], Any]] = {
    "sq": lambda a, b, c: a * a + b * b + c * c, "cube": lambda a, b, c: a**3 + b**3 + c**3,
    "recip": lambda a, b, c: 1 / a + 1 / b + 1 / c, "prod": lambda a, b, c: (a + b) * (b + c) * (c + a),
    "pairsq": lambda a, b, c: (a * b) ** 2 + (b * c) ** 2 + (c * a) ** 2, "pairs": lambda a, b, c: a * b + b * c + c * a,
    "prod_c": lambda a, b, c: (a + b) * (b - c) * (c - a), "cube_c": lambda a, b, c: a**3 + b**3 - c**3,
}


def verify_symmetric_three(p: Mapping[str, Any], solution: Solution) -> bool:
    """a, b, c as the roots of t^3 - e1 t^2 + e2 t - e3 (mpmath), then the expression itself."""
    ask = p["ask"]
    ab_c = p["given"] == "ab_c"  # a + b = c, abc = e3: a, b, -c are roots of t^3 + e2 t + e3
    coeffs = [1, -p["e1"], p["e2"], p["e3"] if ab_c else -p["e3"]]
    try:
        roots = CTX.polyroots(coeffs, maxsteps=100, extraprec=60)
    except CTX.NoConvergence:  # clustered (multiple) roots: more steps and precision
        roots = CTX.polyroots(coeffs, maxsteps=600, extraprec=400)
    if ab_c:
        roots = [roots[0], roots[1], -roots[2]]
    return _close(_SYM3_EVAL[ask](*roots), solution.answer)


# --- 剰余の定理（2つ・3つの条件） -------------------------------------------------------


def _product(*roots: Fraction, square_first: bool = False) -> str:
    """``(x - 1)(x + 2)``, ``x(x - 5)`` (a bare ``x`` first), ``(x - 1)^2(x - 3)``."""
    parts = []
    for i, r in enumerate(roots):
        body = _lin(r)
        if square_first and i == 0:
            parts.append(f"{body}^2" if body == "x" else f"({body})^2")
        else:
            parts.append(body if body == "x" else f"({body})")
    return "".join(sorted(parts, key=lambda s: not s.startswith("x")))


def _lin(a: Fraction) -> str:
    """``x - a`` / ``x + a`` / ``2x - 1`` for the root ``a``."""
    if a.denominator == 1:
        return poly([1, -a])
    return poly([a.denominator, -a.numerator])


def sample_remainder_two(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        a, b = r.sample(range(-5, 6), 2)
        base = {"a": str(Fraction(a)), "b": str(Fraction(b)), "u": nonzero_int(r, -6, 6), "v": r.randint(-9, 9)}
        if difficulty == 1:
            return {**base, "kind": "two"}
        if difficulty == 2:
            return {**base, "kind": "two_expanded"}
        if difficulty == 3:
            half = Fraction(r.choice((1, -1, 3, -3)), r.choice((2, 3)))
            return {**base, "a": str(half), "kind": "two"}
        c = r.choice([t for t in range(-4, 5) if t not in (a, b)])
        kind = "three" if difficulty == 4 else r.choice(("square", "three"))
        return {**base, "c": c, "k": nonzero_int(r, -3, 3), "kind": kind}

    return draw_until(rng, draw, lambda p: Fraction(p["a"]) != Fraction(p["b"]))


def _remainder(p: Mapping[str, Any]) -> list[Fraction]:
    a, b, u, v = Fraction(p["a"]), Fraction(p["b"]), Fraction(p["u"]), Fraction(p["v"])
    if p["kind"] in ("two", "two_expanded"):
        return [u, v]
    k = Fraction(p["k"])
    if p["kind"] == "three":
        # R = k(x - a)(x - b) + ux + v
        return [k, -k * (a + b) + u, k * a * b + v]
    # R = k(x - a)^2 + ux + v, the other factor is x - c
    return [k, -2 * k * a + u, k * a * a + v]


def solve_remainder_two(p: Mapping[str, Any]) -> Solution:
    a, b, u, v = Fraction(p["a"]), Fraction(p["b"]), Fraction(p["u"]), Fraction(p["v"])
    rem = _remainder(p)
    R = lambda t: sum(c * t ** (len(rem) - 1 - i) for i, c in enumerate(rem))  # noqa: E731
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "a": num(a), "b": num(b), "la": _lin(a), "lb": _lin(b),
                             "u": num(u), "v": num(v), "answer": poly(rem)}
    if kind in ("two", "two_expanded"):
        ra, rb = u * a + v, u * b + v
        steps.update(ra=num(ra), rb=num(rb), A=paren(num(a)), B=paren(num(b)), div=_product(a, b),
                     expanded=poly([a.denominator, -a.denominator * (a + b), a.denominator * a * b]),
                     eq_a=f"{join_terms([coef_term(a, 'p'), 'q'])} = {num(ra)}",
                     eq_b=f"{join_terms([coef_term(b, 'p'), 'q'])} = {num(rb)}", lead=a.denominator)
    else:
        c, k = Fraction(p["c"]), Fraction(p["k"])
        rc = R(c)
        kfac = (c - a) * (c - b) if kind == "three" else (c - a) ** 2
        uv = poly([u, v])
        quad = _product(a, b) if kind == "three" else _product(a, square_first=True)
        steps.update(c=num(c), lc=_lin(c), rc=num(rc), uv=uv, k=num(k), C=paren(num(c)),
                     rform=join_terms([f"k{quad}", uv]),
                     ca=num(c - a), cb=num(c - b), cuv=num(u * c + v),
                     quad=quad, cubic=(_product(a, b, c) if kind == "three" else _product(a, c, square_first=True)),
                     keq=f"{join_terms([coef_term(kfac, 'k'), num(u * c + v)])} = {num(rc)}")
    return Solution(answer=sum((_fr(c) * X ** (len(rem) - 1 - i) for i, c in enumerate(rem)), sp.Integer(0)),
                    answer_latex=poly(rem), steps=steps)


def verify_remainder_two(p: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute back: the remainder's values (and slope for a squared factor) at the stated
    roots, and its degree below the divisor's."""
    R = sp.Poly(solution.answer, X)
    a, b, u, v = (sp.Rational(p[k]) for k in ("a", "b", "u", "v"))
    if p["kind"] in ("two", "two_expanded"):
        return R.degree() <= 1 and R.eval(a) == u * a + v and R.eval(b) == u * b + v
    c = sp.Rational(p["c"])
    rc = sp.Rational(p["k"]) * ((c - a) * ((c - b) if p["kind"] == "three" else (c - a))) + u * c + v
    if R.degree() > 2 or R.eval(c) != rc:
        return False
    if p["kind"] == "three":
        return R.eval(a) == u * a + v and R.eval(b) == u * b + v
    return R.eval(a) == u * a + v and R.diff(X).eval(a) == u


UNIT = Unit(
    id="math2.conditional_values",
    name="条件式と式の値",
    course="数学II",
    description="条件が与えられたときの式の値（対称式，x + 1/x，3文字の対称式）と，2つ以上の余りの条件から余りを求める問題。",
    types=(
        ProblemType(
            id="symmetric_two_value", name="対称式の値", sample=sample_symmetric_two, solve=solve_symmetric_two,
            verify=verify_symmetric_two, problem_templates=_phrasings("symmetric_two_value", 5),
            solution_template="symmetric_two_value_solution.j2", shape="multi-step",
            knobs="x^2 + y^2 -> cubes and reciprocals -> y/x + x/y, x^4 + y^4 -> x, y given as conjugate radicals",
        ),
        ProblemType(
            id="reciprocal_power_value", name="x + 1/x の値から式の値", sample=sample_reciprocal_power,
            solve=solve_reciprocal_power, verify=verify_reciprocal_power,
            problem_templates=_phrasings("reciprocal_power_value", 5),
            solution_template="reciprocal_power_value_solution.j2", shape="multi-step",
            knobs="square -> cube -> fourth power, fractional k -> x - 1/x and a quadratic equation -> fifth power",
        ),
        ProblemType(
            id="symmetric_three_value", name="3文字の対称式の値", sample=sample_symmetric_three,
            solve=solve_symmetric_three, verify=verify_symmetric_three,
            problem_templates=_phrasings("symmetric_three_value", 5),
            solution_template="symmetric_three_value_solution.j2", shape="multi-step",
            knobs="a + b + c = 0 -> all three basic values -> ab + bc + ca derived from a^2 + b^2 + c^2 first",
        ),
        ProblemType(
            id="remainder_two_conditions", name="2つの余りの条件と剰余", sample=sample_remainder_two,
            solve=solve_remainder_two, verify=verify_remainder_two,
            problem_templates=_phrasings("remainder_two_conditions", 5),
            solution_template="remainder_two_conditions_solution.j2", shape="multi-step",
            knobs="x - a, x - b -> expanded divisor -> 2x - 1 factor -> cubic divisor with a quadratic remainder",
        ),
    ),
)
