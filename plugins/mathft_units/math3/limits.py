"""極限 (数学III): 数列の極限, 無限等比級数, 収束条件 (≦/< の双子), 関数の極限, 係数決定.

Solvers use the closed forms of each family with exact rationals; verifiers evaluate the
expression itself numerically (mpmath, 30 digits) far out or close to the point, sum
series term by term, and test convergence at points around each boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, interval_text, join_terms, num, paren, poly, signed
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as _nz
from mathft_units.math3._etex import DPS, close, ecoef, evalue, rat

X = sp.Symbol("x")


def _frac(v: Fraction) -> list[int]:
    return [v.numerator, v.denominator]


def _f(v: list[int]) -> Fraction:
    return Fraction(v[0], v[1])


# --- 数列の極限 -----------------------------------------------------------------------------


def sample_seq(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "rational1", 2: rng.choice(("rational2", "sqrt_diff")), 3: rng.choice(("sqrt_diff", "rational2")),
            4: rng.choice(("sqrt_coef", "sqrt_two")), 5: rng.choice(("exp_ratio", "sqrt_two"))}[difficulty]
    if kind == "rational1":
        return {"kind": kind, "num": [_nz(rng, -9, 9), rng.randint(-9, 9)], "den": [rng.randint(1, 9), _nz(rng, -9, 9)]}
    if kind == "rational2":
        return {"kind": kind, "num": [_nz(rng, -9, 9), rng.randint(-9, 9), rng.randint(-9, 9)],
                "den": [rng.randint(1, 9), rng.randint(-9, 9), _nz(rng, -9, 9)]}
    if kind == "sqrt_diff":
        return {"kind": kind, "a": _nz(rng, -9, 9), "b": rng.randint(-9, 9)}
    if kind == "sqrt_coef":
        return {"kind": kind, "k": rng.randint(2, 5), "a": _nz(rng, -15, 15)}
    if kind == "sqrt_two":
        a, b = rng.sample([v for v in range(-9, 10) if v], 2)
        return {"kind": kind, "a": a, "b": b}
    p = rng.randint(3, 9)
    q = rng.choice([v for v in range(-p + 1, p) if v not in (0, 1, -1)])
    return {"kind": kind, "p": p, "q": q, "shift": rng.choice(("num", "den"))}


def solve_seq(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind.startswith("rational"):
        nu, de = p["num"], p["den"]
        deg = len(nu) - 1
        value = Fraction(nu[0], de[0])
        npow = "n" if deg == 1 else "n^2"
        steps.update(expr=f"\\frac{{{poly(nu, 'n')}}}{{{poly(de, 'n')}}}", npow=npow,
                     divided=f"\\frac{{{_divided(nu)}}}{{{_divided(de)}}}", value=num(value))
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sqrt_diff":
        a, b = p["a"], p["b"]
        inner = poly([1, a, b], "n")
        value = Fraction(a, 2)
        steps.update(expr=f"\\left(\\sqrt{{{inner}}} - n\\right)",
                     rationalized=f"\\frac{{({inner}) - n^2}}{{\\sqrt{{{inner}}} + n}} = \\frac{{{poly([a, b], 'n')}}}{{\\sqrt{{{inner}}} + n}}",
                     divided=f"\\frac{{{_divided([a, b])}}}{{\\sqrt{{{_divided([1, a, b])}}} + 1}}",
                     value=num(value), top=str(a), bottom="1 + 1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sqrt_coef":
        k, a = p["k"], p["a"]
        inner = poly([k * k, a, 0], "n")
        value = Fraction(a, 2 * k)
        steps.update(expr=f"\\left(\\sqrt{{{inner}}} - {k}n\\right)",
                     rationalized=f"\\frac{{({inner}) - {k * k}n^2}}{{\\sqrt{{{inner}}} + {k}n}} = \\frac{{{coef_term(a, 'n')}}}{{\\sqrt{{{inner}}} + {k}n}}",
                     divided=f"\\frac{{{a}}}{{\\sqrt{{{join_terms([str(k * k), _over(a, 'n')])}}} + {k}}}",
                     value=num(value), top=str(a), bottom=f"{k} + {k}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "sqrt_two":
        a, b = p["a"], p["b"]
        i1, i2 = poly([1, a, 0], "n"), poly([1, b, 0], "n")
        value = Fraction(a - b, 2)
        steps.update(expr=f"\\left(\\sqrt{{{i1}}} - \\sqrt{{{i2}}}\\right)",
                     rationalized=f"\\frac{{({i1}) - ({i2})}}{{\\sqrt{{{i1}}} + \\sqrt{{{i2}}}}} = \\frac{{{coef_term(a - b, 'n')}}}{{\\sqrt{{{i1}}} + \\sqrt{{{i2}}}}}",
                     divided=f"\\frac{{{a - b}}}{{\\sqrt{{{join_terms(['1', _over(a, 'n')])}}} + \\sqrt{{{join_terms(['1', _over(b, 'n')])}}}}}",
                     value=num(value), top=str(a - b), bottom="1 + 1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    base_p, q, shift = p["p"], p["q"], p["shift"]
    qn = f"({q})^n" if q < 0 else f"{q}^n"
    qn1 = f"({q})^{{n+1}}" if q < 0 else f"{q}^{{n+1}}"
    ratio = f"\\left({num(Fraction(q, base_p))}\\right)^n"
    if shift == "num":
        expr = f"\\frac{{{base_p}^{{n+1}} + {qn}}}{{{base_p}^n - {qn}}}"
        divided = f"\\frac{{{base_p} + {ratio}}}{{1 - {ratio}}}"
        value = Fraction(base_p)
    else:
        expr = f"\\frac{{{base_p}^n - {qn1}}}{{{base_p}^{{n+1}} + {qn}}}"
        divided = f"\\frac{{1 - {q if q > 0 else paren(q)} \\cdot {ratio}}}{{{base_p} + {ratio}}}"
        value = Fraction(1, base_p)
    steps.update(expr=expr, divided=divided, value=num(value), base=base_p, r=num(Fraction(q, base_p)))
    return Solution(answer=rat(value), answer_latex=num(value), steps=steps)


def _over(c: int, den: str) -> str:
    """``\\frac{c}{den}`` as a signed term: ``-\\frac{3}{n}``."""
    return f"{'-' if c < 0 else ''}\\frac{{{abs(c)}}}{{{den}}}"


def _divided(coeffs: list[int]) -> str:
    """Each term divided by the top power of n: ``3 - \\frac{2}{n} + \\frac{1}{n^2}``."""
    terms = []
    for i, c in enumerate(coeffs):
        if c == 0:
            continue
        power = i
        terms.append(str(c) if power == 0 else _over(c, "n" if power == 1 else f"n^{power}"))
    return join_terms(terms)


def verify_seq(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    with mpmath.workdps(DPS):
        if kind == "exp_ratio":
            n = mpmath.mpf(400)
            b, q = p["p"], p["q"]
            val = ((b ** (n + 1) + q**n) / (b**n - q**n)) if p["shift"] == "num" else ((b**n - q ** (n + 1)) / (b ** (n + 1) + q**n))
            return close(float(val), float(solution.answer), 1e-12)
        n = mpmath.mpf(10) ** 9
        if kind.startswith("rational"):
            val = mpmath.polyval(p["num"], n) / mpmath.polyval(p["den"], n)
        elif kind == "sqrt_diff":
            val = mpmath.sqrt(n * n + p["a"] * n + p["b"]) - n
        elif kind == "sqrt_coef":
            val = mpmath.sqrt(p["k"] ** 2 * n * n + p["a"] * n) - p["k"] * n
        else:
            val = mpmath.sqrt(n * n + p["a"] * n) - mpmath.sqrt(n * n + p["b"] * n)
        return abs(float(val) - float(solution.answer)) < 1e-6


# --- 無限等比級数 ---------------------------------------------------------------------------


RATIOS = [Fraction(p, q) for q in range(2, 7) for p in range(-q + 1, q) if p and Fraction(p, q).denominator == q]


def sample_geo(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "given", 2: "written", 3: "sigma", 4: "two", 5: "arith_geo"}[difficulty]
    r = rng.choice(RATIOS)
    a = Fraction(_nz(rng, -12, 12)) * (r.denominator if difficulty == 2 else 1)
    params: dict[str, Any] = {"kind": kind, "a": _frac(a), "r": _frac(r)}
    if kind == "two":
        r2 = rng.choice([v for v in RATIOS if v != r])
        params["r2"] = _frac(r2)
    if kind == "arith_geo":
        params["r"] = _frac(rng.choice([v for v in RATIOS if v > 0]) if rng.random() < 0.5 else Fraction(1, rng.randint(2, 9)))
        params["c"] = rng.randint(1, 3)
        params["d"] = rng.randint(-3, 5)
    return params


def _geo_value(p: Mapping[str, Any]) -> Fraction:
    a, r = _f(p["a"]), _f(p["r"])
    kind = p["kind"]
    if kind == "two":
        r2 = _f(p["r2"])
        return r / (1 - r) + r2 / (1 - r2)
    if kind == "arith_geo":
        x = r
        return p["c"] * x / (1 - x) ** 2 + p["d"] * x / (1 - x)
    return a / (1 - r)


def _pow_tex(r: Fraction, exp: str) -> str:
    return f"\\left({num(r)}\\right)^{{{exp}}}" if r.denominator > 1 or r < 0 else f"{num(r)}^{{{exp}}}"


def solve_geo(params: Mapping[str, Any]) -> Solution:
    p = params
    kind = p["kind"]
    a, r = _f(p["a"]), _f(p["r"])
    value = _geo_value(p)
    steps: dict[str, Any] = {"kind": kind, "a": num(a), "r": num(r), "one_minus_r": num(1 - r), "value": num(value),
                             "r_base": _power_base(num(r))}
    if kind == "written":
        terms = [a * r**i for i in range(3)]
        steps["series"] = join_terms(num(t) for t in terms) + (" - \\cdots" if terms[2] * r < 0 else " + \\cdots")
    elif kind == "sigma":
        steps["series"] = f"\\sum_{{n=1}}^{{\\infty}} {'' if a == 1 else ('-' if a == -1 else num(a))}{_pow_tex(r, 'n-1')}"
    elif kind == "two":
        r2 = _f(p["r2"])
        steps.update(series=f"\\sum_{{n=1}}^{{\\infty}} \\left\\{{{_pow_tex(r, 'n')} + {_pow_tex(r2, 'n')}\\right\\}}",
                     r2=num(r2), s1=num(r / (1 - r)), s2=num(r2 / (1 - r2)), one_minus_r2=num(1 - r2),
                     r2_base=_power_base(num(r2)))
    elif kind == "arith_geo":
        c, d = p["c"], p["d"]
        lin = poly([c, d], "n")
        body = f"({lin})" if d else ("n" if c == 1 else f"{c}n")
        if r.numerator == 1:
            series = f"\\sum_{{n=1}}^{{\\infty}} \\frac{{{lin}}}{{{r.denominator}^n}}"
        else:
            series = f"\\sum_{{n=1}}^{{\\infty}} {body}{_pow_tex(r, 'n')}"
        t_n = r / (1 - r) ** 2
        g = r / (1 - r)
        steps.update(series=series, x=num(r), c=c, d=d, one_minus_x=num(1 - r), geo=num(g), tn=num(t_n),
                     first_part=num(c * t_n), second_part=num(d * g))
    return Solution(answer=rat(value), answer_latex=num(value), steps=steps)


def verify_geo(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    a, r = float(_f(p["a"])), float(_f(p["r"]))
    total = 0.0
    for n in range(1, 600):
        if kind == "two":
            total += r**n + float(_f(p["r2"])) ** n
        elif kind == "arith_geo":
            total += (p["c"] * n + p["d"]) * r**n
        else:
            total += a * r ** (n - 1)
    return close(total, float(solution.answer), 1e-9)


# --- 収束条件 -------------------------------------------------------------------------------


def sample_convergence(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        k = r.randint(1, 4) if difficulty == 1 else r.randint(1, 3 + difficulty // 2)
        pc = 1 if difficulty <= 2 else r.choice((1, 2, -1, 3))
        q = _nz(r, -15, 15)
        if difficulty <= 2:
            zero = r.choice(("power", "const"))
        elif difficulty == 3:
            zero = r.choice(("endpoint", "inside"))
        else:
            zero = r.choice(("endpoint", "endpoint", "inside", "power"))
        lo, hi = sorted((Fraction(-k - q, pc), Fraction(k - q, pc)))
        params: dict[str, Any] = {"k": k, "p": pc, "q": q, "zero": zero}
        if zero == "endpoint":
            params["t"] = _frac(r.choice((lo, hi)))
        elif zero == "inside":
            t = lo + (hi - lo) * Fraction(r.randint(1, 3), 4)
            params["t"] = _frac(t)
        return params

    def ok(p: dict[str, Any]) -> bool:
        return p["zero"] != "inside" or _f(p["t"]).denominator <= 4

    return draw_until(rng, draw, ok)


def _interval(p: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    lo, hi = sorted((Fraction(-p["k"] - p["q"], p["p"]), Fraction(p["k"] - p["q"], p["p"])))
    return lo, hi


def _r_tex(p: Mapping[str, Any]) -> str:
    lin = poly([p["p"], p["q"]])
    return f"({lin})" if p["k"] == 1 else f"\\frac{{{lin}}}{{{p['k']}}}"


def _t_factor(t: Fraction) -> str:
    """``(x - t)`` written with integer coefficients: ``(2x - 1)``."""
    return f"({poly([t.denominator, -t.numerator])})"


def solve_convergence(params: Mapping[str, Any]) -> Solution:
    p = params
    lo, hi = _interval(p)
    zero = p["zero"]
    r_tex = _r_tex(p)
    lo_in = hi_in = False
    if zero == "endpoint":
        t = _f(p["t"])
        lo_in, hi_in = t == lo, t == hi
    value = sp.And((sp.Le if lo_in else sp.Lt)(rat(lo), X), (sp.Le if hi_in else sp.Lt)(X, rat(hi)))
    latex = interval_text("x", num(lo), not lo_in, num(hi), not hi_in)
    power = r_tex if p["k"] == 1 and not r_tex.startswith("\\frac") else f"\\left({r_tex}\\right)"
    steps: dict[str, Any] = {"zero": zero, "r": r_tex, "r_abs": poly([p["p"], p["q"]]) if p["k"] == 1 else r_tex, "lo": num(lo), "hi": num(hi), "k": p["k"],
                             "lin": poly([p["p"], p["q"]]), "neg_flip": p["p"] < 0,
                             "mid": interval_text(poly([p["p"], p["q"]]), str(-p["k"]), True, str(p["k"]), True)}
    if zero == "power":
        steps["series"] = f"\\sum_{{n=1}}^{{\\infty}} {power}^n"
        steps["first"] = r_tex
    elif zero == "const":
        steps["series"] = f"\\sum_{{n=1}}^{{\\infty}} {power}^{{n-1}}"
        steps["first"] = "1"
    else:
        t = _f(p["t"])
        steps["series"] = f"\\sum_{{n=1}}^{{\\infty}} {_t_factor(t)}{power}^{{n-1}}"
        steps.update(first=_t_factor(t), t=num(t), t_end=lo_in or hi_in)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _converges(p: Mapping[str, Any], x: Fraction) -> bool:
    """Numerically: do the terms of the series at x die out (and stay summable)?"""
    ratio = float((p["p"] * x + p["q"]) / p["k"])
    first = {"power": ratio, "const": 1.0}.get(p["zero"]) if p["zero"] in ("power", "const") else float(x - _f(p["t"]))
    term_200 = abs(first) * abs(ratio) ** 199
    term_400 = abs(first) * abs(ratio) ** 399
    return term_400 < 1e-12 and term_400 <= term_200


def verify_convergence(params: Mapping[str, Any], solution: Solution) -> bool:
    lo, hi = _interval(params)
    delta = (hi - lo) / 10
    points = [lo, hi, (lo + hi) / 2, lo + delta, hi - delta, lo - delta, hi + delta]
    if "t" in params:
        points.append(_f(params["t"]))
    for x in points:
        inside = bool(solution.answer.subs(X, rat(x)))
        if inside != _converges(params, x):
            return False
    return True


# --- 関数の極限 -----------------------------------------------------------------------------


def sample_func(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = {1: ("sin_lin", "poly_cancel"), 2: ("sin_sin", "tan_lin", "poly_cancel"), 3: ("one_minus_cos", "sqrt_diff", "cubic_cancel"),
             4: ("exp_minus_one", "log_one_plus", "one_minus_cos", "sqrt_diff"),
             5: ("e_limit", "e_limit_inf", "exp_minus_one", "log_one_plus")}[difficulty]
    kind = rng.choice(kinds)
    a, b = rng.randint(1, 12), rng.randint(1, 12)
    c = _nz(rng, -9, 9)
    if kind in ("e_limit", "e_limit_inf"):
        a, b = _nz(rng, -8, 8), rng.randint(1, 6)
    return {"kind": kind, "a": a, "b": b, "c": c, "m": _nz(rng, -9, 9), "alt": rng.random() < 0.5}


def solve_func(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, c = p["kind"], p["a"], p["b"], p["c"]
    ax, bx = coef_term(a, "x"), coef_term(b, "x")
    steps: dict[str, Any] = {"kind": kind, "to": "0", "ax": ax, "bx": bx}
    k = 0
    if kind == "sin_lin":
        value = Fraction(a, b)
        steps.update(expr=f"\\frac{{\\sin {ax}}}{{{bx}}}",
                     rewrite=f"\\frac{{\\sin {ax}}}{{{ax}}} \\cdot \\frac{{{a}}}{{{b}}}")
    elif kind == "sin_sin":
        value = Fraction(a, b)
        steps.update(expr=f"\\frac{{\\sin {ax}}}{{\\sin {bx}}}",
                     rewrite=f"\\frac{{\\sin {ax}}}{{{ax}}} \\cdot \\frac{{{bx}}}{{\\sin {bx}}} \\cdot \\frac{{{a}}}{{{b}}}")
    elif kind == "tan_lin":
        value = Fraction(a, b)
        steps.update(expr=f"\\frac{{\\tan {ax}}}{{{bx}}}",
                     rewrite=f"\\frac{{\\sin {ax}}}{{{ax}}} \\cdot \\frac{{1}}{{\\cos {ax}}} \\cdot \\frac{{{a}}}{{{b}}}")
    elif kind == "one_minus_cos":
        value = Fraction(a * a, 2 * b)
        steps.update(expr=f"\\frac{{1 - \\cos {ax}}}{{{'' if b == 1 else b}x^2}}",
                     rewrite=f"\\frac{{\\sin^2 {ax}}}{{{'' if b == 1 else b}x^2(1 + \\cos {ax})}} = \\left(\\frac{{\\sin {ax}}}{{{ax}}}\\right)^2 \\cdot \\frac{{{a * a}}}{{{b}(1 + \\cos {ax})}}")
    elif kind == "poly_cancel":
        m = p["m"]
        value = Fraction(c + m)
        steps.update(to=str(c), expr=f"\\frac{{{poly([1, m - c, -c * m])}}}{{{poly([1, -c])}}}",
                     rewrite=f"\\frac{{({poly([1, -c])})({poly([1, m])})}}{{{poly([1, -c])}}} = {poly([1, m])}")
    elif kind == "cubic_cancel":
        if p["alt"]:
            value = Fraction(3 * c, 2)
            steps.update(to=str(c), expr=f"\\frac{{{poly([1, 0, 0, -c**3])}}}{{{poly([1, 0, -c * c])}}}",
                         rewrite=f"\\frac{{({poly([1, -c])})({poly([1, c, c * c])})}}{{({poly([1, -c])})({poly([1, c])})}} = \\frac{{{poly([1, c, c * c])}}}{{{poly([1, c])}}}")
        else:
            value = Fraction(3 * c * c)
            steps.update(to=str(c), expr=f"\\frac{{{poly([1, 0, 0, -c**3])}}}{{{poly([1, -c])}}}",
                         rewrite=f"\\frac{{({poly([1, -c])})({poly([1, c, c * c])})}}{{{poly([1, -c])}}} = {poly([1, c, c * c])}")
    elif kind == "sqrt_diff":
        value = Fraction(1, 2 * a * b)
        steps.update(expr=f"\\frac{{\\sqrt{{x + {a * a}}} - {a}}}{{{bx}}}", den=f"{a} + {a}" if b == 1 else f"{b}({a} + {a})",
                     rewrite=f"\\frac{{(x + {a * a}) - {a * a}}}{{{bx}\\left(\\sqrt{{x + {a * a}}} + {a}\\right)}} = \\frac{{1}}{{{'' if b == 1 else b}\\left(\\sqrt{{x + {a * a}}} + {a}\\right)}}")
    elif kind == "exp_minus_one":
        value = Fraction(a, b)
        steps.update(expr=f"\\frac{{e^{{{ax}}} - 1}}{{{bx}}}",
                     rewrite=f"\\frac{{e^{{{ax}}} - 1}}{{{ax}}} \\cdot \\frac{{{a}}}{{{b}}}")
    elif kind == "log_one_plus":
        value = Fraction(a, b)
        steps.update(expr=f"\\frac{{\\log(1 + {ax})}}{{{bx}}}",
                     rewrite=f"\\frac{{\\log(1 + {ax})}}{{{ax}}} \\cdot \\frac{{{a}}}{{{b}}}")
    elif kind == "e_limit":
        value, k = Fraction(1), a * b
        steps.update(expr=f"(1 {'+' if a > 0 else '-'} {coef_term(abs(a), 'x')})^{{\\frac{{{b}}}{{x}}}}", ab=a * b,
                     rewrite=f"\\left\\{{(1 {'+' if a > 0 else '-'} {coef_term(abs(a), 'x')})^{{\\frac{{1}}{{{coef_term(a, 'x')}}}}}\\right\\}}^{{{a * b}}}")
    else:
        value, k = Fraction(1), a * b
        steps.update(to="\\infty", expr=f"\\left(1 {'+' if a > 0 else '-'} \\frac{{{abs(a)}}}{{x}}\\right)^{{{'' if b == 1 else b}x}}", ab=a * b,
                     rewrite=f"\\left\\{{\\left(1 + \\frac{{1}}{{t}}\\right)^t\\right\\}}^{{{a * b}}} \\quad \\left(t = \\frac{{x}}{{{a}}}\\right)")
    latex = ecoef(value, k)
    steps["value"] = latex
    return Solution(answer=evalue(value, k), answer_latex=latex, steps=steps)


def verify_func(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, c = p["kind"], p["a"], p["b"], p["c"]
    with mpmath.workdps(60):  # 1 - cos(h) at h = 1e-12 needs the extra digits
        fns = {
            "sin_lin": lambda x: mpmath.sin(a * x) / (b * x),
            "sin_sin": lambda x: mpmath.sin(a * x) / mpmath.sin(b * x),
            "tan_lin": lambda x: mpmath.tan(a * x) / (b * x),
            "one_minus_cos": lambda x: (1 - mpmath.cos(a * x)) / (b * x * x),
            "poly_cancel": lambda x: (x * x + (p["m"] - c) * x - c * p["m"]) / (x - c),
            "cubic_cancel": lambda x: (x**3 - c**3) / ((x * x - c * c) if p["alt"] else (x - c)),
            "sqrt_diff": lambda x: (mpmath.sqrt(x + a * a) - a) / (b * x),
            "exp_minus_one": lambda x: (mpmath.exp(a * x) - 1) / (b * x),
            "log_one_plus": lambda x: mpmath.log(1 + a * x) / (b * x),
            "e_limit": lambda x: (1 + a * x) ** (b / x),
        }
        if kind == "e_limit_inf":
            x = mpmath.mpf(10) ** 15
            val = (1 + mpmath.mpf(a) / x) ** (b * x)
        else:
            at = mpmath.mpf(c) if kind in ("poly_cancel", "cubic_cancel") else mpmath.mpf(0)
            h = mpmath.mpf(10) ** -12
            val = (fns[kind](at + h) + fns[kind](at - h)) / 2
        # the sign too: an absolute tolerance alone cannot tell e^{-35} from -e^{-35}
        got = float(solution.answer)
        # (a limit of 0 has no sign to compare: the tolerance decides)
        return close(float(val), got, 1e-8) and (got == 0 or mpmath.sign(val) == mpmath.sign(got))


# --- 係数決定 -------------------------------------------------------------------------------


def sample_coef(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "quad", 2: "quad", 3: "lead", 4: rng.choice(("quad_over_quad", "quad_over_quad", "lead")), 5: "sqrt"}[difficulty]
    c = _nz(rng, -8, 8)

    def draw(r: Random) -> dict[str, Any]:
        if kind == "quad":
            return {"kind": kind, "c": c, "L": _nz(r, -15, 15)}
        if kind == "lead":
            a_val = _nz(r, -4, 4)
            L = _nz(r, -12, 12)
            k = a_val * c * c - L * c
            return {"kind": kind, "c": c, "L": L, "k": k}
        if kind == "quad_over_quad":
            return {"kind": kind, "c": c, "a": _nz(r, -12, 12)}
        s = r.randint(1, 4)
        return {"kind": kind, "c": c, "s": s, "a": r.randint(1, 6), "k": s * s - c}

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] == "lead":
            return p["k"] != 0
        if p["kind"] == "quad_over_quad":
            return 2 * p["c"] + p["a"] != 0
        if p["kind"] == "sqrt":
            return p["k"] != 0
        return True

    return draw_until(rng, draw, ok)


def _coef_answer(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """(a, b, L) for each kind."""
    c = p["c"]
    kind = p["kind"]
    if kind == "quad":
        a_val = Fraction(p["L"] - 2 * c)
        return a_val, -c * c - a_val * c, Fraction(p["L"])
    if kind == "lead":
        a_val = Fraction(p["L"] * c + p["k"], c * c)
        return a_val, p["L"] - 2 * a_val * c, Fraction(p["L"])
    if kind == "quad_over_quad":
        a_val = Fraction(p["a"])
        return a_val, -c * c - a_val * c, Fraction(2 * c + p["a"], 2 * c)
    s, a_val = p["s"], Fraction(p["a"])
    return a_val, a_val * s, Fraction(p["a"], 2 * s)


def solve_coef(params: Mapping[str, Any]) -> Solution:
    p = params
    c = p["c"]
    a_val, b_val, L = _coef_answer(p)
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind, "c": c, "L": num(L), "a": num(a_val), "b": num(b_val)}
    if kind == "quad":
        steps.update(expr=f"\\frac{{x^2 + ax + b}}{{{poly([1, -c])}}}", cond=f"{c * c} {signed(coef_term(c, 'a'))} + b = 0",
                     bsub=f"b = {join_terms([str(-c * c), coef_term(-c, 'a')])}",
                     factored=f"\\frac{{({poly([1, -c])})(x {signed(c)} + a)}}{{{poly([1, -c])}}} = x {signed(c)} + a",
                     limit_eq=f"{2 * c} + a = {num(L)}" if c else f"a = {num(L)}")
    elif kind == "lead":
        m = Fraction(-p["k"], c)
        steps.update(expr=f"\\frac{{ax^2 + bx {signed(p['k'])}}}{{{poly([1, -c])}}}",
                     cond=f"{coef_term(c * c, 'a')} {signed(coef_term(c, 'b'))} {signed(p['k'])} = 0",
                     m=num(m), fact=f"({poly([1, -c])})(ax {signed(num(m))})",
                     limit_eq=f"{coef_term(c, 'a')} {signed(num(m))} = {num(L)}")
    elif kind == "quad_over_quad":
        steps.update(expr=f"\\frac{{x^2 + ax + b}}{{x^2 - {c * c}}}", cond=f"{c * c} {signed(coef_term(c, 'a'))} + b = 0",
                     bsub=f"b = {join_terms([str(-c * c), coef_term(-c, 'a')])}",
                     factored=f"\\frac{{({poly([1, -c])})(x {signed(c)} + a)}}{{({poly([1, -c])})({poly([1, c])})}} = \\frac{{x {signed(c)} + a}}{{{poly([1, c])}}}",
                     limit_eq=f"\\frac{{{2 * c} + a}}{{{2 * c}}} = {num(L)}")
    else:
        s, k = p["s"], p["k"]
        steps.update(expr=f"\\frac{{a\\sqrt{{x {signed(k)}}} - b}}{{{poly([1, -c])}}}", s=s,
                     cond=f"a\\sqrt{{{c + k}}} - b = 0", bsub=f"b = {coef_term(s, 'a')}",
                     factored=f"\\frac{{a(\\sqrt{{x {signed(k)}}} - {s})}}{{{poly([1, -c])}}} = \\frac{{a}}{{\\sqrt{{x {signed(k)}}} + {s}}}",
                     limit_eq=f"\\frac{{a}}{{{2 * s}}} = {num(L)}")
    latex = f"a = {num(a_val)}, b = {num(b_val)}"
    answer = sp.FiniteSet(sp.Eq(sp.Symbol("a"), rat(a_val)), sp.Eq(sp.Symbol("b"), rat(b_val)))
    return Solution(answer=answer, answer_latex=latex, steps=steps)


def verify_coef(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    vals = {str(e.lhs): float(e.rhs) for e in solution.answer}
    a_val, b_val = vals["a"], vals["b"]
    c = p["c"]
    _, _, L = _coef_answer(p)
    kind = p["kind"]
    with mpmath.workdps(DPS):
        if kind == "quad":
            f = lambda x: (x * x + a_val * x + b_val) / (x - c)  # noqa: E731
        elif kind == "lead":
            f = lambda x: (a_val * x * x + b_val * x + p["k"]) / (x - c)  # noqa: E731
        elif kind == "quad_over_quad":
            f = lambda x: (x * x + a_val * x + b_val) / (x * x - c * c)  # noqa: E731
        else:
            f = lambda x: (a_val * mpmath.sqrt(x + p["k"]) - b_val) / (x - c)  # noqa: E731
        h = mpmath.mpf(10) ** -9
        # each side on its own: the average of the two would cancel a 1/(x - c) pole
        right, left = f(c + h), f(c - h)
    return close(float(right), float(L), 1e-6) and close(float(left), float(L), 1e-6)


UNIT = Unit(
    id="math3.limits",
    name="極限",
    course="数学III",
    types=(
        ProblemType(
            id="sequence_limit", name="数列の極限", sample=sample_seq, solve=solve_seq, verify=verify_seq,
            problem_templates=("seq_1.j2", "seq_2.j2", "seq_3.j2"), solution_template="seq_solution.j2",
            knobs="degree-1 ratios -> degree 2 and sqrt(n^2+an+b)-n -> sqrt(k^2n^2+an)-kn and two roots -> exponential ratios",
        ),
        ProblemType(
            id="geometric_series", name="無限等比級数", sample=sample_geo, solve=solve_geo, verify=verify_geo,
            problem_templates=("geo_1.j2", "geo_2.j2", "geo_3.j2"), solution_template="geo_solution.j2",
            knobs="first term and ratio given -> written-out terms -> sigma notation -> sum of two series -> sum of n/p^n",
        ),
        ProblemType(
            id="convergence_range", name="収束条件", sample=sample_convergence, solve=solve_convergence,
            verify=verify_convergence, problem_templates=("conv_1.j2", "conv_2.j2", "conv_3.j2"),
            solution_template="conv_solution.j2",
            knobs="sum (x-c)^n -> a scaled ratio -> first term vanishing at an end (≦) or inside (<) -> negative slopes",
        ),
        ProblemType(
            id="function_limit", name="関数の極限", sample=sample_func, solve=solve_func, verify=verify_func,
            problem_templates=("func_1.j2", "func_2.j2", "func_3.j2"), solution_template="func_solution.j2",
            knobs="sin ax/bx and 0/0 cancellation -> sin/sin, tan -> 1-cos, radicals, cubes -> e^x-1, log(1+x) -> e-limits",
        ),
        ProblemType(
            id="coefficient_from_limit", shape="multi-step", name="極限値から係数決定", sample=sample_coef, solve=solve_coef,
            verify=verify_coef, problem_templates=("coef_1.j2", "coef_2.j2", "coef_3.j2"),
            solution_template="coef_solution.j2",
            knobs="x^2+ax+b over x-c -> unknown leading coefficient -> a quadratic denominator -> a radical numerator",
        ),
    ),
)


def _power_base(text: str) -> str:
    """A base for ``^n``: bare only for a non-negative integer (``\\left(\\frac{1}{6}\\right)^n``)."""
    return text if text.isdigit() else f"\\left({text}\\right)"
