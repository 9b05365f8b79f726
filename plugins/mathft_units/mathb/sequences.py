"""数列 (数学B): arithmetic general terms, geometric sums, Σ, 階差数列, 漸化式 and a_n from S_n.

Every verifier checks the closed form against terms computed another way: by iterating
the recurrence, accumulating the differences, adding the terms one by one, or taking
``S_n - S_{n-1}`` numerically, for the first several ``n`` (CURRICULUM.md §3, 数列).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nonzero
from mathft_units._rational import coef_prefix, frac, ftext, num, shift, to_sympy
from mathft_units.mathb._terms import (
    N,
    factored_polynomial,
    geometric_term,
    geometric_value,
    power,
)

AN = sp.Symbol("a_n")
CHECK_TERMS = range(1, 8)


def _values_match(expr: sp.Expr, values: Mapping[int, Fraction]) -> bool:
    """Does the closed form in ``n`` give exactly these terms?"""
    return all(expr.subs(N, k) == to_sympy(v) for k, v in values.items())


def _general_term(expr_text: str, value: sp.Expr) -> tuple[sp.Expr, str]:
    return sp.Eq(AN, value), f"a_n = {expr_text}"


# --- 等差数列 ------------------------------------------------------------------------------


def sample_arithmetic(rng: Random, difficulty: int) -> dict[str, Any]:
    span = [20, 10, 15, 12, 12][difficulty - 1]
    d = Fraction(_nonzero(rng, -9, 9)) if difficulty == 1 else Fraction(_nonzero(rng, -span // 2, span // 2))
    if difficulty == 4:
        d = Fraction(_nonzero(rng, -9, 9), rng.choice([2, 3, 4]))
    a = Fraction(rng.randint(-span, span))
    if difficulty == 1:
        return {"kind": "first_diff", "a": ftext(a), "d": ftext(d)}
    if difficulty in (2, 3, 4):
        def draw(r: Random) -> dict[str, Any]:
            p, q = sorted(r.sample(range(2, [8, 15, 12][difficulty - 2] + 1), 2))
            return {"p": p, "q": q}

        pq = draw_until(rng, draw, lambda x: ((x["q"] - x["p"]) * d).denominator == 1
                        and ((x["p"] - 1) * d).denominator == 1)
        p, q = pq["p"], pq["q"]
        return {"kind": "two_terms", "p": p, "q": q, "u": ftext(a + (p - 1) * d), "v": ftext(a + (q - 1) * d)}

    def draw5(r: Random) -> dict[str, Any]:
        p, q, t = r.sample(range(2, 11), 3)
        return {"p": min(p, q), "q": max(p, q), "t": t}

    idx = draw_until(rng, draw5, lambda x: x["p"] + x["q"] != 2 * x["t"])
    p, q, t = idx["p"], idx["q"], idx["t"]
    return {"kind": "sum_and_term", "p": p, "q": q, "t": t,
            "u": ftext(2 * a + (p + q - 2) * d), "v": ftext(a + (t - 1) * d)}


def solve_arithmetic(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "first_diff":
        a, d = frac(params["a"]), frac(params["d"])
    elif kind == "two_terms":
        p, q, u, v = params["p"], params["q"], frac(params["u"]), frac(params["v"])
        d = (v - u) / (q - p)
        a = u - (p - 1) * d
        steps.update({"eq1": _lin_eq(1, p - 1, u), "eq2": _lin_eq(1, q - 1, v), "gap": q - p,
                      "diff_rhs": num(v - u)})
    else:
        p, q, t, u, v = params["p"], params["q"], params["t"], frac(params["u"]), frac(params["v"])
        # 2a + (p+q-2)d = u ; a + (t-1)d = v
        d = (u - 2 * v) / (p + q - 2 - 2 * (t - 1))
        a = v - (t - 1) * d
        steps.update({"eq1": _lin_eq(2, p + q - 2, u), "eq2": _lin_eq(1, t - 1, v),
                      "eq2x2": _lin_eq(2, 2 * (t - 1), 2 * v), "gap": p + q - 2 - 2 * (t - 1),
                      "diff_rhs": num(u - 2 * v)})
    expr_text = latex.poly([d, a - d], "n")
    answer, text = _general_term(expr_text, to_sympy(d) * N + to_sympy(a - d))
    steps.update({"a": num(a), "d": num(d), "d_paren": latex.paren(num(d)), "expr": expr_text,
                  "gap_d": latex.coef_term(steps.get("gap", 1), "d")})
    return Solution(answer=answer, answer_latex=text, steps=steps)


def _lin_eq(ca: int, cd: int, rhs: Fraction) -> str:
    return f"{latex.join_terms([latex.coef_term(ca, 'a'), latex.coef_term(cd, 'd')])} = {num(rhs)}"


def verify_arithmetic(params: Mapping[str, Any], solution: Solution) -> bool:
    """The terms have a constant difference and satisfy the stated conditions."""
    coeffs = [Fraction(str(c)) for c in sp.Poly(solution.answer.rhs, N).all_coeffs()]
    terms = {k: sum((c * k ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs)), Fraction(0))
             for k in range(1, 17)}
    diffs = {terms[k + 1] - terms[k] for k in range(1, 16)}
    if len(diffs) != 1 or 0 in diffs:
        return False
    kind = params["kind"]
    if kind == "first_diff":
        return terms[1] == frac(params["a"]) and diffs == {frac(params["d"])}
    if kind == "two_terms":
        return terms[params["p"]] == frac(params["u"]) and terms[params["q"]] == frac(params["v"])
    return (terms[params["p"]] + terms[params["q"]] == frac(params["u"])
            and terms[params["t"]] == frac(params["v"]))


# --- 等比数列の和 ----------------------------------------------------------------------------


def sample_geometric_sum(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        r = Fraction(rng.randint(2, 6))
        a = Fraction(_nonzero(rng, -20, 20))
    elif difficulty == 2:
        r = Fraction(rng.randint(2, 9))
        a = Fraction(_nonzero(rng, -30, 30))
    elif difficulty == 3:
        r = Fraction(rng.choice([-2, -3, 2, 3, 4]))
        a = Fraction(_nonzero(rng, -15, 20))
    else:
        r = Fraction(rng.choice([1, -1, 2, 1, 3, -2]), rng.choice([2, 3])) if difficulty == 5 \
            else Fraction(rng.choice([-2, -3, 2, 3, 5]))
        a = Fraction(_nonzero(rng, -12, 16))
    if abs(r) == 1:
        r = Fraction(rng.choice([2, -2]))
    style = rng.choice(["given", "listed"]) if difficulty in (1, 3) else rng.choice(["given", "listed", "two_terms"])
    params: dict[str, Any] = {"a": ftext(a), "r": ftext(r), "style": style}
    if style == "two_terms":
        p = rng.randint(1, 3)
        q = p + rng.choice([1, 3]) if abs(r) < 4 else p + 1
        params.update({"p": p, "q": q, "u": ftext(a * r ** (p - 1)), "v": ftext(a * r ** (q - 1))})
    return params


def solve_geometric_sum(params: Mapping[str, Any]) -> Solution:
    r = frac(params["r"])
    steps: dict[str, Any] = {"style": params["style"]}
    if params["style"] == "two_terms":
        p, q, u, v = params["p"], params["q"], frac(params["u"]), frac(params["v"])
        ratio = v / u
        gap = q - p
        # an odd gap has exactly one real root; the sampler only uses gaps 1 and 3
        rr = _real_root(ratio, gap)
        a = u / rr ** (p - 1)
        steps.update({"ratio": num(ratio), "gap": gap, "p": p, "q": q, "u": num(u), "v": num(v)})
        r = rr
    else:
        a = frac(params["a"])
    if r > 1:
        coef = a / (r - 1)
        body = f"{power(r, 'n')} - 1"
        value = to_sympy(coef) * (to_sympy(r) ** N - 1)
        formula = f"\\frac{{{coef_prefix(a)}({power(r, 'n')} - 1)}}{{{num(r)} - 1}}"
    else:
        coef = a / (1 - r)
        body = f"1 - {power(r, 'n')}"
        value = to_sympy(coef) * (1 - to_sympy(r) ** N)
        formula = f"\\frac{{{coef_prefix(a)}\\left\\{{1 - {power(r, 'n')}\\right\\}}}}{{1 - {latex.paren(num(r))}}}"
        if coef < 0:  # answer-key form: (-2)^n - 1, not -(1 - (-2)^n)
            coef, body = -coef, f"{power(r, 'n')} - 1"
    text = body if coef == 1 else f"{coef_prefix(coef)}({body})"
    steps.update({"a": num(a), "r": num(r), "r_paren": latex.paren(num(r)), "formula": formula,
                  "big": r > 1, "terms": [num(a * r**k) for k in range(4)]})
    return Solution(answer=value, answer_latex=text, steps=steps)


def _real_root(value: Fraction, degree: int) -> Fraction:
    """The real ``degree``-th root of a rational that is a perfect power (odd degree or positive)."""
    sign = -1 if value < 0 else 1
    nums = round(abs(value.numerator) ** (1 / degree))
    dens = round(value.denominator ** (1 / degree))
    root = Fraction(sign * nums, dens)
    if root**degree != value:
        raise ValueError(f"{value} is not a perfect {degree}-th power")
    return root


def verify_geometric_sum(params: Mapping[str, Any], solution: Solution) -> bool:
    """Add the terms one by one for n = 1..7; with two given terms, check the terms the sum implies."""
    if params["style"] == "two_terms":
        sums = {k: Fraction(str(solution.answer.subs(N, k))) for k in range(0, 8)}
        terms = {k: sums[k] - sums[k - 1] for k in range(1, 8)}
        ratios = {terms[k + 1] / terms[k] for k in range(1, 7) if terms[k] != 0}
        return (sums[0] == 0 and len(ratios) == 1 and 0 not in terms.values()
                and terms[params["p"]] == frac(params["u"]) and terms[params["q"]] == frac(params["v"]))
    a, r = frac(params["a"]), frac(params["r"])
    total, term, sums = Fraction(0), a, {}
    for k in CHECK_TERMS:
        total += term
        sums[k] = total
        term *= r
    return _values_match(solution.answer, sums)


# --- Σ の計算 -------------------------------------------------------------------------------

#: Σ_{k=1}^n k^p as polynomial coefficients in n (descending), p = 0..3
_POWER_SUMS = {
    0: [Fraction(1), Fraction(0)],
    1: [Fraction(1, 2), Fraction(1, 2), Fraction(0)],
    2: [Fraction(1, 3), Fraction(1, 2), Fraction(1, 6), Fraction(0)],
    3: [Fraction(1, 4), Fraction(1, 2), Fraction(1, 4), Fraction(0), Fraction(0)],
}
_POWER_SUM_TEX = {0: "n", 1: "\\frac{1}{2}n(n+1)", 2: "\\frac{1}{6}n(n+1)(2n+1)", 3: "\\left\\{\\frac{1}{2}n(n+1)\\right\\}^2"}


def sample_sigma(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        return {"kind": "poly", "form": "expanded", "coeffs": [_nonzero(rng, -9, 9), rng.randint(-12, 12)]}
    if difficulty == 2:
        return {"kind": "poly", "form": "expanded",
                "coeffs": [_nonzero(rng, -3, 4), rng.randint(-5, 5), rng.randint(-5, 5)]}
    if difficulty == 3:
        if rng.random() < 0.3:
            s, t = rng.randint(1, 5), _nonzero(rng, -9, 9)
            return {"kind": "poly", "form": "square", "lin": [s, t], "coeffs": [s * s, 2 * s * t, t * t]}
        s1, s2, t, u = rng.randint(1, 3), rng.randint(1, 3), _nonzero(rng, -6, 6), _nonzero(rng, -6, 6)
        return {"kind": "poly", "form": "product", "lin": [s1, t], "lin2": [s2, u],
                "coeffs": [s1 * s2, s1 * u + s2 * t, t * u]}
    if difficulty == 4 or rng.random() < 0.4:
        if rng.random() < 0.7:
            lead = rng.randint(1, 3 if difficulty == 4 else 4)
            return {"kind": "poly", "form": "expanded",
                    "coeffs": [lead, rng.randint(-4, 4), rng.randint(-6, 6), rng.randint(-6, 6)]}
        shifts = sorted(rng.sample(range(-3, 6), 3))
        t, u, w = shifts
        return {"kind": "poly", "form": "triple", "shifts": shifts,
                "coeffs": [1, t + u + w, t * u + u * w + w * t, t * u * w]}

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": "telescoping", "a": r.randint(1, 6), "b": r.randint(-5, 8), "c": r.randint(1, 6)}

    return draw_until(rng, draw, lambda p: math.gcd(p["a"], p["b"]) == 1 and p["a"] + p["b"] > 0)


def _summand_tex(params: Mapping[str, Any]) -> str:
    if params["kind"] == "telescoping":
        a, b = params["a"], params["b"]
        f1 = latex.poly([a, b], "k")
        f2 = latex.poly([a, a + b], "k")
        return f"\\frac{{{params['c']}}}{{({f1})({f2})}}"
    form = params["form"]
    if form == "square":
        return f"({latex.poly(params['lin'], 'k')})^2"
    if form == "product":
        return f"({latex.poly(params['lin'], 'k')})({latex.poly(params['lin2'], 'k')})"
    if form == "triple":
        return "".join("k" if s == 0 else f"(k {'+' if s > 0 else '-'} {abs(s)})" for s in params["shifts"])
    body = latex.poly(params["coeffs"], "k")
    return f"({body})" if len([c for c in params["coeffs"] if c]) > 1 else body


def solve_sigma(params: Mapping[str, Any]) -> Solution:
    summand = _summand_tex(params)
    steps: dict[str, Any] = {"summand": summand, "kind": params["kind"]}
    if params["kind"] == "telescoping":
        a, b, c = params["a"], params["b"], params["c"]
        # Σ c/((ak+b)(ak+a+b)) = (c/a)(1/(a+b) - 1/(an+a+b)) = cn / ((a+b)(an+a+b))
        m = a + b
        g = math.gcd(c, m)
        value = c * N / (m * (a * N + m))
        den_poly = latex.poly([a, m], "n").replace(" ", "")
        den = den_poly if m == g else f"{m // g}({den_poly})"
        text = f"\\frac{{{latex.coef_term(c // g, 'n')}}}{{{den}}}"
        steps.update({
            "a": a, "f1": latex.poly([a, b], "k"), "f2": latex.poly([a, m], "k"),
            "first": num(Fraction(1, m)), "last": f"\\frac{{1}}{{{latex.poly([a, m], 'n')}}}",
            "inv_a": coef_prefix(Fraction(c, a)),
        })
        return Solution(answer=value, answer_latex=text, steps=steps)
    coeffs = [Fraction(c) for c in params["coeffs"]]
    degree = len(coeffs) - 1
    total = [Fraction(0)] * (degree + 2)
    pieces = []
    for i, c in enumerate(coeffs):
        p = degree - i
        if c == 0:
            continue
        sums = _POWER_SUMS[p]
        offset = len(total) - len(sums)
        for j, s in enumerate(sums):
            total[offset + j] += c * s
        body = "\\sum_{k=1}^{n} 1" if p == 0 else f"\\sum_{{k=1}}^{{n}} k{'' if p == 1 else f'^{p}'}"
        if p == 0:
            formula = latex.coef_term(c, "n")
        elif c in (1, -1):
            formula = f"{coef_prefix(c)}{_POWER_SUM_TEX[p]}"
        else:
            formula = f"{num(c)} \\cdot {_POWER_SUM_TEX[p]}"
        pieces.append((c, body, formula))
    expanded = latex.poly(total, "n")
    text = factored_polynomial(total)
    steps.update({
        "expanded_summand": latex.poly(coeffs, "k"),
        "split": latex.join_terms([latex.coef_term(c, body) for c, body, _ in pieces]),
        "formulas": latex.join_terms([formula for _, _, formula in pieces]),
        "expanded": expanded,
        "needs_expand": params["form"] != "expanded",
    })
    value = sum(to_sympy(c) * N ** (len(total) - 1 - i) for i, c in enumerate(total))
    return Solution(answer=sp.expand(value), answer_latex=text, steps=steps)


def verify_sigma(params: Mapping[str, Any], solution: Solution) -> bool:
    """Add the terms f(1), f(2), ... directly and compare the partial sums."""
    if params["kind"] == "telescoping":
        a, b, c = params["a"], params["b"], params["c"]

        def f(k: int) -> Fraction:
            return Fraction(c, (a * k + b) * (a * k + a + b))
    else:
        coeffs = params["coeffs"]

        def f(k: int) -> Fraction:
            return Fraction(sum(c * k ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs)))
    total, sums = Fraction(0), {}
    for k in CHECK_TERMS:
        total += f(k)
        sums[k] = total
    return _values_match(solution.answer, sums)


# --- 階差数列 --------------------------------------------------------------------------------


def sample_difference(rng: Random, difficulty: int) -> dict[str, Any]:
    a1 = rng.randint(-9, 15)
    if difficulty <= 3:
        p = [rng.choice([1, 2, 3, 4]), _nonzero(rng, -3, 4), _nonzero(rng, -5, 6)][difficulty - 1]
        q = rng.randint(-5, 6)
        return {"kind": "arith", "a1": a1, "p": p, "q": q, "shown": 5 if difficulty < 3 else 6}
    r = rng.choice([2, 3, -2]) if difficulty == 5 else rng.choice([2, 3])
    c = (r - 1) * _nonzero(rng, -6, 6)
    return {"kind": "geom", "a1": a1, "c": c, "r": r, "shown": 6}


def _difference_terms(params: Mapping[str, Any], count: int) -> list[Fraction]:
    """The sequence built by accumulating its differences b_1, b_2, ..."""
    terms = [Fraction(params["a1"])]
    for k in range(1, count):
        if params["kind"] == "arith":
            b = params["p"] * k + params["q"]
        else:
            b = params["c"] * params["r"] ** (k - 1)
        terms.append(terms[-1] + b)
    return terms


def solve_difference(params: Mapping[str, Any]) -> Solution:
    a1 = Fraction(params["a1"])
    shown = _difference_terms(params, params["shown"])
    steps: dict[str, Any] = {"kind": params["kind"], "terms": [num(t) for t in shown],
                             "diffs": [num(shown[i + 1] - shown[i]) for i in range(len(shown) - 1)], "a1": num(a1)}
    if params["kind"] == "arith":
        p, q = Fraction(params["p"]), Fraction(params["q"])
        # a_n = a1 + p(n-1)n/2 + q(n-1)
        coeffs = [p / 2, q - p / 2, a1 - q]
        expr_text = latex.poly(coeffs, "n")
        value = sum(to_sympy(c) * N ** (2 - i) for i, c in enumerate(coeffs))
        steps.update({
            "b_first": num(p + q), "b_step": num(p), "b_n": latex.poly([p, q], "n"),
            "sum_text": latex.join_terms([
                num(a1),
                latex.coef_term(p, "\\cdot \\frac{1}{2}(n-1)n") if p not in (1, -1)
                else latex.coef_term(p, "\\frac{1}{2}(n-1)n"),
                latex.coef_term(q, "(n-1)"),
            ]),
        })
    else:
        c, r = Fraction(params["c"]), Fraction(params["r"])
        k = c / (r - 1)
        expr_text = geometric_term(k, r, a1 - k)
        value = geometric_value(k, r, a1 - k)
        steps.update({
            "b_first": num(c), "b_ratio": num(r), "b_n": geometric_term(c, r),
            "sum_text": f"{num(a1)} + \\frac{{{num(c)}\\left({power(r, 'n-1')} - 1\\right)}}{{{num(r)} - 1}}",
        })
    answer, text = _general_term(expr_text, value)
    steps["expr"] = expr_text
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_difference(params: Mapping[str, Any], solution: Solution) -> bool:
    terms = _difference_terms(params, len(CHECK_TERMS))
    return _values_match(solution.answer.rhs, dict(zip(CHECK_TERMS, terms, strict=True)))


# --- 漸化式 ----------------------------------------------------------------------------------


def sample_recurrence(rng: Random, difficulty: int) -> dict[str, Any]:
    p = Fraction([rng.choice([2, 3]), rng.choice([2, 3, 4, 5]), rng.choice([-2, -3, 2, 4]),
                  rng.choice([3, 5, -2, Fraction(1, 2)]), rng.choice([-3, Fraction(1, 3), Fraction(-1, 2), 4, 6])]
                 [difficulty - 1])
    if difficulty <= 3:
        alpha = Fraction(_nonzero(rng, -6, 6))
    else:
        alpha = Fraction(_nonzero(rng, -9, 9), rng.choice([1, 2, 3]))
    q = alpha * (1 - p)
    if q.denominator != 1:
        q = Fraction(math.ceil(q)) if q > 0 else Fraction(math.floor(q))
        alpha = q / (1 - p)
    a1 = alpha
    while a1 == alpha or a1.denominator != 1:
        a1 = Fraction(rng.randint(-6, 9))
    return {"a1": int(a1), "p": ftext(p), "q": int(q)}


def solve_recurrence(params: Mapping[str, Any]) -> Solution:
    a1, p, q = Fraction(params["a1"]), frac(params["p"]), Fraction(params["q"])
    alpha = q / (1 - p)
    k = a1 - alpha
    expr_text = geometric_term(k, p, alpha)
    answer, text = _general_term(expr_text, geometric_value(k, p, alpha))
    steps = {
        "rec": latex.join_terms([latex.coef_term(p, "a_n"), num(q)]),
        "char": latex.join_terms([latex.coef_term(p, "\\alpha"), num(q)]),
        "alpha": num(alpha), "p": num(p), "p_coef": coef_prefix(p),
        "lhs_next": shift("a_{n+1}", alpha), "lhs": shift("a_n", alpha), "first": shift("a_1", alpha),
        "k": num(k), "bn": geometric_term(k, p), "expr": expr_text,
        "a1": num(a1),
    }
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_recurrence(params: Mapping[str, Any], solution: Solution) -> bool:
    """Iterate the recurrence from a_1 and compare the first terms with the closed form."""
    p, q = frac(params["p"]), Fraction(params["q"])
    term, values = Fraction(params["a1"]), {}
    for k in CHECK_TERMS:
        values[k] = term
        term = p * term + q
    return _values_match(solution.answer.rhs, values)


# --- 和から一般項 ----------------------------------------------------------------------------


def sample_sum_to_term(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        return {"kind": "quad", "A": ftext(Fraction(_nonzero(rng, -9, 9))), "B": ftext(Fraction(rng.randint(-15, 15)))}
    if difficulty == 2:
        den = rng.choice([2, 3])
        return {"kind": "quad", "A": ftext(Fraction(_nonzero(rng, -9, 9), den)),
                "B": ftext(Fraction(rng.randint(-15, 15), den))}
    if difficulty == 3:
        return {"kind": "cubic", "A": ftext(Fraction(_nonzero(rng, -3, 3))), "B": ftext(Fraction(rng.randint(-5, 5))),
                "C": ftext(Fraction(rng.randint(-6, 6)))}
    r = rng.choice([2, 3, 4, 5, -2, -3])
    k = Fraction(_nonzero(rng, -25, 25), r - 1)
    return {"kind": "exp", "k": ftext(k), "r": r, "e": rng.choice([0, 1]),
            "B": rng.randint(-9, 9) if difficulty == 5 else 0}


def _s_value(params: Mapping[str, Any], n: int) -> Fraction:
    kind = params["kind"]
    if kind == "quad":
        return frac(params["A"]) * n * n + frac(params["B"]) * n
    if kind == "cubic":
        return frac(params["A"]) * n**3 + frac(params["B"]) * n * n + frac(params["C"]) * n
    k, r, e = frac(params["k"]), Fraction(params["r"]), params["e"]
    return k * r ** (n + e) - k * r**e + params["B"] * n


def _s_text(params: Mapping[str, Any], arg: str) -> str:
    """S as LaTeX with the argument ``n`` or ``(n-1)``."""
    kind = params["kind"]
    if kind == "quad":
        cs, ps = [frac(params["A"]), frac(params["B"])], ["^2", ""]
    elif kind == "cubic":
        cs, ps = [frac(params["A"]), frac(params["B"]), frac(params["C"])], ["^3", "^2", ""]
    else:
        k, r, e = frac(params["k"]), Fraction(params["r"]), params["e"]
        exp = ("n" if arg == "n" else "n-1") if e == 0 else ("n+1" if arg == "n" else "n")
        head = power(r, exp) if k == 1 else f"-{power(r, exp)}" if k == -1 else f"{num(k)} \\cdot {power(r, exp)}"
        lin = "" if params["B"] == 0 else latex.coef_term(params["B"], "n" if arg == "n" else "(n-1)")
        return latex.join_terms([head, lin, num(-k * r**e)])
    body = "n" if arg == "n" else "(n-1)"
    return latex.join_terms([latex.coef_term(c, f"{body}{pw}") for c, pw in zip(cs, ps, strict=True)])


def solve_sum_to_term(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    if kind == "quad":
        A, B = frac(params["A"]), frac(params["B"])
        coeffs = [2 * A, B - A]
    elif kind == "cubic":
        A, B, C = (frac(params[x]) for x in "ABC")
        coeffs = [3 * A, 2 * B - 3 * A, A - B + C]
    if kind in ("quad", "cubic"):
        expr_text = latex.poly(coeffs, "n")
        value = sum(to_sympy(c) * N ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs))
    else:
        k, r, e, b = frac(params["k"]), Fraction(params["r"]), params["e"], Fraction(params["B"])
        # a_n = k(r-1) r^{n-1+e} + B
        lead = k * (r - 1) * r**e
        expr_text = geometric_term(lead, r, b)
        value = geometric_value(lead, r, b)
    answer, text = _general_term(expr_text, value)
    a1 = _s_value(params, 1)
    steps = {"S": _s_text(params, "n"), "S_prev": _s_text(params, "n-1"), "expr": expr_text,
             "a1": num(a1), "a1_formula": num(Fraction(str(value.subs(N, 1)))), "kind": kind}
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_sum_to_term(params: Mapping[str, Any], solution: Solution) -> bool:
    """a_1 = S_1 and a_n = S_n - S_{n-1}, computed numerically for n = 1..7."""
    values = {n: _s_value(params, n) - (_s_value(params, n - 1) if n > 1 else 0) for n in CHECK_TERMS}
    return _values_match(solution.answer.rhs, values)


UNIT = Unit(
    id="mathb.sequences",
    name="数列",
    course="数学B",
    description="Arithmetic terms, geometric sums, Σ, 階差数列, a_{n+1} = pa_n + q and a_n from S_n.",
    types=(
        ProblemType(
            id="arithmetic", name="等差数列の一般項", sample=sample_arithmetic, solve=solve_arithmetic,
            verify=verify_arithmetic,
            problem_templates=("arithmetic_1.j2", "arithmetic_2.j2", "arithmetic_3.j2"),
            solution_template="arithmetic_solution.j2",
            knobs="first term and difference → two given terms → larger indices → fractional difference → a sum condition",
        ),
        ProblemType(
            id="geometric_sum", name="等比数列の和", sample=sample_geometric_sum, solve=solve_geometric_sum,
            verify=verify_geometric_sum,
            problem_templates=("geometric_sum_1.j2", "geometric_sum_2.j2", "geometric_sum_3.j2"),
            solution_template="geometric_sum_solution.j2",
            knobs="ratio 2, 3 → larger ratios → negative ratios → ratio from two terms → fractional ratios",
        ),
        ProblemType(
            id="sigma", name="Σの計算", sample=sample_sigma, solve=solve_sigma, verify=verify_sigma,
            problem_templates=("sigma_1.j2", "sigma_2.j2", "sigma_3.j2"),
            solution_template="sigma_solution.j2", answer_form="strict",
            knobs="linear → quadratic → squares and products → cubics, k(k+1)(k+2) → telescoping fractions",
        ),
        ProblemType(
            id="difference", name="階差数列", sample=sample_difference, solve=solve_difference,
            verify=verify_difference,
            problem_templates=("difference_1.j2", "difference_2.j2", "difference_3.j2"),
            solution_template="difference_solution.j2",
            knobs="arithmetic differences (integer → fractional coefficients) → geometric differences, negative ratio",
        ),
        ProblemType(
            id="recurrence", name="漸化式", sample=sample_recurrence, solve=solve_recurrence,
            verify=verify_recurrence,
            problem_templates=("recurrence_1.j2", "recurrence_2.j2", "recurrence_3.j2"),
            solution_template="recurrence_solution.j2",
            knobs="p = 2, 3 with an integer fixed point → larger p → negative p → fractional p and fixed point",
        ),
        ProblemType(
            id="sum_to_term", name="和から一般項", sample=sample_sum_to_term, solve=solve_sum_to_term,
            verify=verify_sum_to_term,
            problem_templates=("sum_to_term_1.j2", "sum_to_term_2.j2", "sum_to_term_3.j2"),
            solution_template="sum_to_term_solution.j2",
            knobs="S_n quadratic → cubic → exponential S_n = k·r^n - k with negative ratios",
        ),
    ),
)
