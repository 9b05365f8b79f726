"""区分求積法 (数学III): lim (1/n)Σ f(k/n) = ∫_0^r f(x) dx.

Families: power sums (up to k = rn), shifted powers, n/(n^2 + pk^2)-type sums (arctan and log
answers), 1/(pn + qk), e^{ak/n} and (k/n)e^{ak/n}, √(pn + sk)/(n√n), sin and cos of
multiples of kπ/n. The verifier evaluates the Riemann sum itself at n = 2000 and 4000 and
extrapolates (Richardson), independent of the antiderivative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple
from mathft_core.units import Solution
from mathft_units.math3._etex import rat
from mathft_units.math3._integ_common import PI, cs, e_form, log_term, over_pi, root3_pi

KINDS = {
    1: ("power", "shift_power", "lin_power"),
    2: ("power", "lin_power", "shift_power", "arctan"),
    3: ("arctan", "log", "shift_power", "lin_power"),
    4: ("exp", "log", "sqrt_shift", "sin"),
    5: ("sin", "arctan", "exp", "sqrt_shift", "log"),
}
# (form, p): n/(n^2 + pk^2), n/(pn^2 + k^2), k/(n^2 + pk^2), k/(pn^2 + k^2)
ARCTAN = (("atan", 1), ("atan", 3), ("atan_r", 3), ("log", 1), ("log", 2), ("log", 4), ("log", 5), ("log", 6),
          ("log_r", 2), ("log_r", 3), ("log_r", 4))
# √(p + sx) with p a square and p + s a square or square-free
SQRT_SHIFT = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 8), (1, 15), (4, 1), (4, 2), (4, 3), (4, 5), (4, 12),
              (9, 1), (9, 2), (9, 7), (9, 16))
# θ/π with a rational cos θ (for sin θx) or a rational sin θ (for cos θx), the integral not 0
SIN_THETAS = ("1/3", "1/2", "2/3", "1", "4/3", "3/2", "5/3", "5/2", "3")
COS_THETAS = ("1/6", "1/2", "5/6", "7/6", "3/2", "11/6", "5/2")
_SIN6 = (Fraction(0), Fraction(1, 2), None, Fraction(1), None, Fraction(1, 2), Fraction(0), Fraction(-1, 2), None,
         Fraction(-1), None, Fraction(-1, 2))


def sin_pi(t: Fraction) -> Fraction | None:
    """sin(tπ) when it is rational and t is a multiple of 1/6, else None."""
    six = t * 6
    if six.denominator != 1:
        return None
    return _SIN6[int(six) % 12]


def cos_pi(t: Fraction) -> Fraction | None:
    return sin_pi(t + Fraction(1, 2))


def sample_riemann(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "c": rng.randint(1, 20)}
    if kind == "power":
        p.update(m=rng.randint(1, 6), r=rng.randint(1, 3))
    elif kind == "lin_power":
        p.update(m=rng.randint(1, 5), a=rng.randint(1, 5))
    elif kind == "shift_power":
        p.update(m=rng.randint(1, 6), shift=rng.randint(1, 5))
    elif kind == "arctan":
        form, pp = rng.choice(ARCTAN)
        p.update(form=form, pp=pp)
    elif kind == "log":
        while True:
            pp, q = rng.randint(1, 3), rng.randint(1, 8)
            if math.gcd(pp, q) == 1:
                break
        p.update(pp=pp, q=q)
    elif kind == "exp":
        weighted = rng.random() < 0.45
        p.update(form="x" if weighted else "plain", a=rng.randint(1, 6 if weighted else 8))
    elif kind == "sqrt_shift":
        pp, s = rng.choice(SQRT_SHIFT)
        p.update(pp=pp, s=s)
    else:
        fn = rng.choice(("sin", "cos"))
        p.update(fn=fn, theta=rng.choice(SIN_THETAS if fn == "sin" else COS_THETAS))
    return p


def _riemann_term(p: Mapping[str, Any]) -> tuple[Callable[[float], float], int]:
    """(g, r) with the k-th term of the given sum equal to g(k/n)/n, summed for k = 1..rn."""
    kind, c = p["kind"], p["c"]
    if kind == "power":
        m = p["m"]
        return (lambda x: c * x**m), p["r"]
    if kind == "shift_power":
        m, sh = p["m"], p["shift"]
        return (lambda x: c * (sh + x) ** m), 1
    if kind == "lin_power":
        m, a = p["m"], p["a"]
        return (lambda x: c * (1 + a * x) ** m), 1
    if kind == "arctan":
        pp = p["pp"]
        form = p["form"]
        # each term written in n and k, then divided by 1/n: n·term(k) as a function of x = k/n
        terms: dict[str, Callable[[float], float]] = {
            "atan": lambda x: c / (1 + pp * x * x),
            "atan_r": lambda x: c / (pp + x * x),
            "log": lambda x: c * x / (1 + pp * x * x),
            "log_r": lambda x: c * x / (pp + x * x),
        }
        return terms[form], 1
    if kind == "log":
        pp, q = p["pp"], p["q"]
        return (lambda x: c / (pp + q * x)), 1
    if kind == "exp":
        a = p["a"]
        if p["form"] == "x":
            return (lambda x: c * x * math.exp(a * x)), 1
        return (lambda x: c * math.exp(a * x)), 1
    if kind == "sqrt_shift":
        pp, s = p["pp"], p["s"]
        return (lambda x: c * math.sqrt(pp + s * x)), 1
    t = Fraction(p["theta"])
    theta = math.pi * t.numerator / t.denominator
    trig = math.sin if p["fn"] == "sin" else math.cos
    return (lambda x: c * trig(theta * x)), 1


def _angle(t: Fraction, var: str) -> str:
    """θ·var with θ = tπ: ``\\frac{\\pi x}{3}``, ``\\frac{5\\pi x}{2}``, ``3\\pi x``."""
    j, d = t.numerator, t.denominator
    top = f"{'' if j == 1 else j}\\pi {var}" if var != "k" else f"{'' if j == 1 else j}k\\pi"
    if var == "k":
        return f"\\frac{{{top}}}{{{'' if d == 1 else d}n}}"
    return top if d == 1 else f"\\frac{{{top}}}{{{d}}}"


def solve_riemann(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, c = p["kind"], p["c"]
    s = cs(c)
    steps: dict[str, Any] = {"kind": kind, "upper": 1, "terms": "n", "subst": "", "parts": False}
    if kind == "power":
        m, r = p["m"], p["r"]
        value = Fraction(c * r ** (m + 1), m + 1)
        last = "n" if r == 1 else f"{r}n"
        last_p = last if r == 1 else f"({last})"
        summed = (f"1^{{{m}}} + 2^{{{m}}} + \\cdots + {last_p}^{{{m}}}" if m > 1 else f"1 + 2 + \\cdots + {last}")
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{s}({summed})}}{{n^{{{m + 1}}}}}" if c > 1
                     else f"\\lim_{{n \\to \\infty}} \\frac{{{summed}}}{{n^{{{m + 1}}}}}",
                     upper=r, terms=last,
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{{last}}} {s}"
                             + ("\\frac{k}{n}" if m == 1 else f"\\left(\\frac{{k}}{{n}}\\right)^{{{m}}}"),
                     f=f"{s}x" if m == 1 else f"{s}x^{{{m}}}", anti=f"\\left[\\frac{{{s}x^{{{m + 1}}}}}{{{m + 1}}}\\right]_0^{{{r}}}")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "shift_power":
        m, sh = p["m"], p["shift"]
        value = Fraction(c * ((sh + 1) ** (m + 1) - sh ** (m + 1)), m + 1)
        lead = "\\frac{1}{n}" if c == 1 else f"\\frac{{{c}}}{{n}}"
        power = "" if m == 1 else f"^{{{m}}}"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} {lead}\\sum_{{k=1}}^{{n}} \\left({sh} + \\frac{{k}}{{n}}\\right){power}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {s}\\left({sh} + \\frac{{k}}{{n}}\\right){power}",
                     f=f"{s}({sh} + x){power}", anti=f"\\left[\\frac{{{s}({sh} + x)^{{{m + 1}}}}}{{{m + 1}}}\\right]_0^1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "lin_power":
        # (c/n^{m+1})Σ(n + ak)^m = (1/n)Σ c(1 + a·k/n)^m → c((1 + a)^{m+1} - 1)/(a(m + 1))
        m, a = p["m"], p["a"]
        value = Fraction(c * ((1 + a) ** (m + 1) - 1), a * (m + 1))
        ak = "k" if a == 1 else f"{a}k"
        inner = f"1 + {coef_term(a, 'x')}"
        power = "" if m == 1 else f"^{{{m}}}"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n^{{{m + 1}}}}}\\sum_{{k=1}}^{{n}} (n + {ak}){power}" if c > 1
                     else f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n^{{{m + 1}}}}}\\sum_{{k=1}}^{{n}} (n + {ak}){power}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {s}\\left(1 + {'' if a == 1 else str(a) + ' '}\\cdot \\frac{{k}}{{n}}\\right){power}"
                     if a > 1 else f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {s}\\left(1 + \\frac{{k}}{{n}}\\right){power}",
                     f=f"{s}({inner}){power}",
                     anti=f"\\left[{cs(Fraction(c, a * (m + 1)))}({inner})^{{{m + 1}}}\\right]_0^1")
        return Solution(answer=rat(value), answer_latex=num(value), steps=steps)
    if kind == "arctan":
        return _solve_arctan(p, steps)
    if kind == "log":
        pp, q = p["pp"], p["q"]
        value, latex = log_term(Fraction(c, q), Fraction(pp + q, pp))
        den = f"{'' if pp == 1 else pp}n + {'' if q == 1 else q}k"
        lin = f"{pp} + {coef_term(q, 'x')}"
        q_dot = "" if q == 1 else f"{q}\\cdot"
        steps.update(limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{{den}}}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{c}}}{{{pp} + {q_dot}\\frac{{k}}{{n}}}}",
                     f=f"\\frac{{{c}}}{{{lin}}}",
                     anti=f"\\left[{cs(Fraction(c, q))}\\log({lin})\\right]_0^1")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "exp":
        a = p["a"]
        ak = "\\frac{k}{n}" if a == 1 else f"\\frac{{{a}k}}{{n}}"
        ax = coef_term(a, "x")
        if p["form"] == "x":
            # ∫_0^1 c x e^{ax} dx = c((a - 1)e^a + 1)/a^2
            value, latex = e_form(Fraction(c * (a - 1), a * a), a, Fraction(c, a * a))
            steps.update(limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{s}k}}{{n^2}}e^{{{ak}}}",
                         rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {s}\\cdot\\frac{{k}}{{n}}e^{{{ak}}}",
                         f=f"{s}xe^{{{ax}}}", parts=True,
                         anti=f"\\left[{join_terms([coef_term(Fraction(c, a), 'xe^{' + ax + '}'), coef_term(Fraction(-c, a * a), 'e^{' + ax + '}')])}\\right]_0^1")
        else:
            value, latex = e_form(Fraction(c, a), a, Fraction(-c, a))
            steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n}}\\sum_{{k=1}}^{{n}} e^{{{ak}}}" if c > 1
                         else f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} e^{{{ak}}}",
                         rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {s}e^{{{ak}}}",
                         f=f"{s}e^{{{ax}}}", anti=f"\\left[{coef_term(Fraction(c, a), 'e^{' + ax + '}')}\\right]_0^1")
        return Solution(answer=value, answer_latex=latex, steps=steps)
    if kind == "sqrt_shift":
        return _solve_sqrt_shift(p, steps)
    return _solve_sin(p, steps)


def _solve_arctan(p: Mapping[str, Any], steps: dict[str, Any]) -> Solution:
    c, form, pp = p["c"], p["form"], p["pp"]
    s = cs(c)
    top = f"{s}n" if form.startswith("atan") else f"{s}k"
    den = f"n^2 + {'' if pp == 1 else pp}k^2" if form in ("atan", "log") else f"{pp}n^2 + k^2"
    xs = "\\frac{k}{n}"
    if form in ("atan", "log"):
        den_x = f"1 + {'' if pp == 1 else pp}\\left({xs}\\right)^2"
        lin = f"1 + {'' if pp == 1 else pp}x^2"
    else:
        den_x = f"{pp} + \\left({xs}\\right)^2"
        lin = f"{pp} + x^2"
    num_x = f"{c}" if form.startswith("atan") else f"{s}\\cdot {xs}"
    f = f"\\frac{{{c}}}{{{lin}}}" if form.startswith("atan") else f"\\frac{{{s}x}}{{{lin}}}"
    steps.update(limit=f"\\lim_{{n \\to \\infty}} \\sum_{{k=1}}^{{n}} \\frac{{{top}}}{{{den}}}",
                 rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{num_x}}}{{{den_x}}}", f=f)
    if form == "atan" and pp == 1:
        value, latex = c * PI / 4, pi_multiple(Fraction(c, 4))
        steps.update(subst="x = \\tan\\theta", dx="\\frac{d\\theta}{\\cos^2\\theta}", theta="\\frac{\\pi}{4}",
                     anti=f"{s}\\int_0^{{\\frac{{\\pi}}{{4}}}} \\frac{{1}}{{1 + \\tan^2\\theta}} \\cdot \\frac{{d\\theta}}{{\\cos^2\\theta}} = {s}\\int_0^{{\\frac{{\\pi}}{{4}}}} d\\theta")
    elif form == "atan":
        # x = tanθ/√3: ∫_0^1 c/(1 + 3x^2) dx = (c/√3)·π/3
        value, latex = root3_pi(Fraction(c, 9))
        steps.update(subst="x = \\frac{\\tan\\theta}{\\sqrt{3}}", dx="\\frac{d\\theta}{\\sqrt{3}\\cos^2\\theta}", theta="\\frac{\\pi}{3}",
                     anti=f"{s}\\int_0^{{\\frac{{\\pi}}{{3}}}} \\frac{{1}}{{1 + \\tan^2\\theta}} \\cdot \\frac{{d\\theta}}{{\\sqrt{{3}}\\cos^2\\theta}} = \\frac{{{c}}}{{\\sqrt{{3}}}}\\int_0^{{\\frac{{\\pi}}{{3}}}} d\\theta")
    elif form == "atan_r":
        # x = √3 tanθ: ∫_0^1 c/(3 + x^2) dx = (c/√3)·π/6
        value, latex = root3_pi(Fraction(c, 18))
        steps.update(subst="x = \\sqrt{3}\\tan\\theta", dx="\\frac{\\sqrt{3}\\,d\\theta}{\\cos^2\\theta}", theta="\\frac{\\pi}{6}",
                     anti=f"{s}\\int_0^{{\\frac{{\\pi}}{{6}}}} \\frac{{1}}{{3(1 + \\tan^2\\theta)}} \\cdot \\frac{{\\sqrt{{3}}\\,d\\theta}}{{\\cos^2\\theta}} = \\frac{{{c}}}{{\\sqrt{{3}}}}\\int_0^{{\\frac{{\\pi}}{{6}}}} d\\theta")
    elif form == "log":
        value, latex = log_term(Fraction(c, 2 * pp), 1 + pp)
        steps.update(anti=f"\\left[{cs(Fraction(c, 2 * pp))}\\log({lin})\\right]_0^1")
    else:
        value, latex = log_term(Fraction(c, 2), Fraction(pp + 1, pp))
        steps.update(anti=f"\\left[{cs(Fraction(c, 2))}\\log({lin})\\right]_0^1")
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _solve_sqrt_shift(p: Mapping[str, Any], steps: dict[str, Any]) -> Solution:
    c, pp, sh = p["c"], p["pp"], p["s"]
    big = pp + sh
    rp, rb = math.isqrt(pp), math.isqrt(big)
    # (2c/3s)·(big^{3/2} - pp^{3/2})
    if rb * rb == big:
        v = Fraction(2 * c * (rb**3 - rp**3), 3 * sh)
        value, latex = rat(v), num(v)
    else:
        a, b, d = 2 * c * big, 2 * c * rp**3, 3 * sh
        g = math.gcd(math.gcd(a, b), d)
        a, b, d = a // g, b // g, d // g
        top = f"{'' if a == 1 else a}\\sqrt{{{big}}} - {b}"
        value, latex = (a * sp.sqrt(big) - b) / d, (top if d == 1 else f"\\frac{{{top}}}{{{d}}}")
    inner = f"{'' if pp == 1 else pp}n + {'' if sh == 1 else sh}k"
    steps.update(limit=f"\\lim_{{n \\to \\infty}} \\frac{{{c}}}{{n\\sqrt{{n}}}}\\sum_{{k=1}}^{{n}} \\sqrt{{{inner}}}" if c > 1
                 else f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n\\sqrt{{n}}}}\\sum_{{k=1}}^{{n}} \\sqrt{{{inner}}}",
                 rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs(c)}\\sqrt{{{pp} + {'' if sh == 1 else sh}\\cdot\\frac{{k}}{{n}}}}"
                 if sh > 1 else f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs(c)}\\sqrt{{{pp} + \\frac{{k}}{{n}}}}",
                 f=f"{cs(c)}\\sqrt{{{pp} + {coef_term(sh, 'x')}}}",
                 anti=f"\\left[{cs(Fraction(2 * c, 3 * sh))}({pp} + {coef_term(sh, 'x')})\\sqrt{{{pp} + {coef_term(sh, 'x')}}}\\right]_0^1")
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _solve_sin(p: Mapping[str, Any], steps: dict[str, Any]) -> Solution:
    c, fn = p["c"], p["fn"]
    t = Fraction(p["theta"])
    if fn == "sin":
        # ∫_0^1 c sin θx dx = c(1 - cos θ)/θ
        coef = c * (1 - cos_pi(t)) / t
        anti = f"\\left[-{over_pi(Fraction(c) / t)[1]}\\cos {_angle(t, 'x')}\\right]_0^1"
    else:
        coef = c * sin_pi(t) / t
        anti = f"\\left[{over_pi(Fraction(c) / t)[1]}\\sin {_angle(t, 'x')}\\right]_0^1"
    value, latex = over_pi(coef)
    lead = "\\frac{1}{n}" if c == 1 else f"\\frac{{{c}}}{{n}}"
    steps.update(limit=f"\\lim_{{n \\to \\infty}} {lead}\\sum_{{k=1}}^{{n}} \\{fn}{_angle(t, 'k')}",
                 rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} {cs(c)}\\{fn}\\left({pi_multiple(t)} \\cdot \\frac{{k}}{{n}}\\right)",
                 f=f"{cs(c)}\\{fn} {_angle(t, 'x')}", anti=anti)
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _riemann_sum(g: Callable[[float], float], r: int, n: int) -> float:
    return math.fsum(g(k / n) for k in range(1, r * n + 1)) / n


def verify_riemann(params: Mapping[str, Any], solution: Solution) -> bool:
    g, r = _riemann_term(params)
    n = 2000
    # the right sum is I + a/n + O(1/n^2): 2·S(2n) - S(n) removes the 1/n term
    estimate = 2 * _riemann_sum(g, r, 2 * n) - _riemann_sum(g, r, n)
    want = float(sp.N(solution.answer, 20))
    scale = max(1.0, abs(want), max(abs(g(r * i / 64)) for i in range(65)))
    return abs(estimate - want) < 1e-6 * scale

