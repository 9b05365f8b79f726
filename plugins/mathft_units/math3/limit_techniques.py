"""極限の手法 (数学III): はさみうちの原理, e に関する極限, 区分求積法による和の極限.

Solvers use the bound or the closed form each technique gives, with exact rationals, e^k
and logs; verifiers evaluate the expression itself numerically (mpmath far out or close to
the point; brute-force finite sums with Richardson extrapolation), never the solver's formula.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, poly, signed
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_core.units import nonzero_int as _nz
from mathft_units.math3._etex import ecoef, evalue, rat
from mathft_units.math3._integ_common import log_term

CDOT = "\\cdot "


def _frac_tex(top: str, bottom: str) -> str:
    return f"\\frac{{{top}}}{{{bottom}}}"


def _ax(a: int, var: str = "x") -> str:
    return coef_term(a, var)


def _over(c: int, var: str) -> str:
    return f"{'-' if c < 0 else ''}\\frac{{{abs(c)}}}{{{var}}}"


# --- はさみうちの原理 ---------------------------------------------------------------------

SQUEEZE_KINDS = {1: ("trig_over_n",), 2: ("floor",), 3: ("root_sum",), 4: ("floor_sum",), 5: ("x_sin",)}
NON_SQUARES = (2, 3, 5, 6, 7, 8, 10, 11, 12, 13)


def sample_squeeze(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(SQUEEZE_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "fn": rng.choice(("sin", "cos"))}
    if kind == "trig_over_n":
        p.update(a=_nz(rng, -9, 9), b=_nz(rng, -5, 5), c=rng.randint(1, 9), d=rng.randint(-9, 9))
    elif kind == "floor":
        p.update(a=rng.randint(2, 12), b=rng.randint(1, 9), c=_nz(rng, -9, 9), var=rng.choice(("x", "n")))
    elif kind == "root_sum":
        p["bases"] = sorted(rng.sample(range(2, 10), rng.choice((2, 3))))
    elif kind == "floor_sum":
        if rng.random() < 0.5:
            q = rng.randint(2, 7)
            p.update(x=[rng.choice([v for v in range(1, 3 * q) if math.gcd(v, q) == 1]), q], root=0)
        else:
            p.update(x=[0, 1], root=rng.choice(NON_SQUARES))
    else:
        p.update(a=_nz(rng, -9, 9), b=rng.randint(1, 9), den=rng.choice(("sin", "tan")))
    return p


def _squeeze_value(p: Mapping[str, Any]) -> sp.Expr:
    kind = p["kind"]
    if kind == "trig_over_n":
        return sp.Rational(p["a"], p["c"])
    if kind == "floor":
        return sp.Rational(p["a"], p["b"])
    if kind == "root_sum":
        return sp.Integer(max(p["bases"]))
    if kind == "floor_sum":
        return sp.sqrt(p["root"]) / 2 if p["root"] else sp.Rational(p["x"][0], 2 * p["x"][1])
    return sp.Rational(p["a"], p["b"])


def _alg(value: sp.Expr) -> str:
    return num(value) if value.is_Rational else sp.latex(value).replace(" ", "")


def solve_squeeze(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, fn = p["kind"], p["fn"]
    value = _squeeze_value(p)
    latex = _alg(value)
    steps: dict[str, Any] = {"kind": kind, "value": latex, "fn": fn}
    if kind == "trig_over_n":
        a, b, c, d = p["a"], p["b"], p["c"], p["d"]
        trig = f"{'' if b == 1 else '-' if b == -1 else b}\\{fn} n"
        expr = _frac_tex(join_terms([_ax(a, "n"), trig]), poly([c, d], "n"))
        term = f"\\frac{{\\{fn} n}}{{n}}"
        divided = _frac_tex(join_terms([str(a), coef_term(b, term)]), join_terms([str(c), _over(d, "n") if d else ""]))
        steps.update(expr=f"\\lim_{{n \\to \\infty}} {expr}", divided=divided, term=term)
    elif kind == "floor":
        a, b, c, var = p["a"], p["b"], p["c"], p["var"]
        den = poly([b, c], var)
        steps.update(expr=f"\\lim_{{{var} \\to \\infty}} {_frac_tex(f'[{_ax(a, var)}]', den)}", var=var, ax=_ax(a, var), den=den,
                     lower=_frac_tex(f"{_ax(a, var)} - 1", den), upper=_frac_tex(_ax(a, var), den),
                     lower_div=_frac_tex(f"{a} - \\frac{{1}}{{{var}}}", join_terms([str(b), _over(c, var)])),
                     upper_div=_frac_tex(str(a), join_terms([str(b), _over(c, var)])))
    elif kind == "root_sum":
        bases = p["bases"]
        m = max(bases)
        inside = " + ".join(f"{v}^n" for v in bases)
        steps.update(expr=f"\\lim_{{n \\to \\infty}} \\left({inside}\\right)^{{\\frac{{1}}{{n}}}}", inside=inside, m=m,
                     k=len(bases))
    elif kind == "floor_sum":
        xt = f"\\sqrt{{{p['root']}}}" if p["root"] else num(Fraction(*p["x"]))
        if p["root"]:
            xk = f"\\sqrt{{{p['root']}}}k"
        else:
            xk = f"\\frac{{{'' if p['x'][0] == 1 else p['x'][0]}k}}{{{p['x'][1]}}}"
        steps.update(expr=f"\\lim_{{n \\to \\infty}} \\frac{{1}}{{n^2}}\\sum_{{k=1}}^{{n}} \\left[{xk}\\right]", xt=xt, xk=xk,
                     half=latex)
    else:
        a, b, den = p["a"], p["b"], p["den"]
        trig = f"x^2 \\{fn}\\frac{{1}}{{x}}"
        expr = _frac_tex(join_terms([_ax(a), trig]), f"\\{den} {_ax(b)}")
        steps.update(expr=f"\\lim_{{x \\to 0}} {expr}", a=a, b=b, den=den, bx=_ax(b),
                     split=_frac_tex(join_terms([str(a), f"x\\{fn}\\frac{{1}}{{x}}"]), f"\\frac{{\\{den} {_ax(b)}}}{{x}}"))
    steps["body"] = steps["expr"].split("} ", 1)[1]
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_squeeze(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind = p["kind"]
    want = float(sp.N(solution.answer, 20))
    with mpmath.workdps(40):
        trig = mpmath.sin if p["fn"] == "sin" else mpmath.cos
        if kind == "trig_over_n":
            n = mpmath.mpf(10) ** 12
            got = (p["a"] * n + p["b"] * trig(n)) / (p["c"] * n + p["d"])
            return abs(got - want) < 1e-9
        if kind == "floor":
            x = mpmath.mpf(10) ** 12 + mpmath.mpf("0.3719")
            got = mpmath.floor(p["a"] * x) / (p["b"] * x + p["c"])
            return abs(got - want) < 1e-9
        if kind == "root_sum":
            n = 10**6
            got = sum(mpmath.mpf(v) ** n for v in p["bases"]) ** (mpmath.mpf(1) / n)
            return abs(got - want) < 1e-5 * want
        if kind == "x_sin":
            x = mpmath.mpf(10) ** -15
            den = mpmath.sin if p["den"] == "sin" else mpmath.tan
            got = (p["a"] * x + x * x * trig(1 / x)) / den(p["b"] * x)
            return abs(got - want) < 1e-9
    n = 10000
    if p["root"]:
        m = p["root"]
        total = sum(math.isqrt(k * k * m) for k in range(1, n + 1))
        x = math.sqrt(m)
    else:
        top, q = p["x"]
        total = sum(k * top // q for k in range(1, n + 1))
        x = top / q
    # x·n(n+1)/2 - n < Σ[kx] ≦ x·n(n+1)/2, so the average differs from x/2 by at most (x/2 + 1)/n
    return abs(total / n**2 - want) <= (x / 2 + 1) / n + 1e-12


# --- e に関する極限 ------------------------------------------------------------------------

E_KINDS = {1: ("n_basic",), 2: ("n_ab",), 3: ("ratio",), 4: ("log_lin", "exp_lin", "pow_x"),
           5: ("exp_diff", "log_sin", "log_diff", "exp_log")}


def sample_e_limit(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        kind = r.choice(E_KINDS[difficulty])
        p: dict[str, Any] = {"kind": kind, "a": _nz(r, -6, 6), "b": _nz(r, -6, 6), "c": _nz(r, -4, 4)}
        if kind == "n_basic":
            p["b"] = 1 if r.random() < 0.5 else r.randint(2, 6)
            if p["b"] != 1:
                p["a"] = r.choice((1, -1))
        if kind in ("log_diff", "log_lin", "log_sin", "exp_log"):
            p["a"] = r.randint(1, 9)
        if kind == "log_sin":
            p["b"] = r.randint(1, 9)  # sin(-bx) would need brackets; keep the argument positive
        if kind == "exp_log":
            p["b"] = r.randint(1, 9)
        return p

    def ok(p: dict[str, Any]) -> bool:
        if p["kind"] in ("ratio", "exp_diff", "log_lin", "exp_lin", "log_sin") and p["a"] == p["b"]:
            return False  # a = b makes the ratio 1 (or the limit trivial)
        if p["kind"] == "exp_log" and p["c"] == p["b"]:
            return False
        k = p["c"] * (p["a"] - p["b"]) if p["kind"] == "ratio" else p["a"] * p["b"]
        return abs(k) <= 12

    return draw_until(rng, draw, ok)


def _e_power(k: int) -> str:
    """``\\{(1 + t)^{1/t}\\}^{k}`` (no exponent for k = 1)."""
    inner = "(1 + t)^{\\frac{1}{t}}"
    return inner if k == 1 else f"\\left\\{{{inner}\\right\\}}^{{{k}}}"


def solve_e_limit(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, a, b, c = p["kind"], p["a"], p["b"], p["c"]
    steps: dict[str, Any] = {"kind": kind, "a": a, "b": b, "c": c}
    if kind in ("n_basic", "n_ab", "pow_x"):
        k = a * b
        if kind == "pow_x":
            power = f"\\frac{{{b}}}{{x}}" if b > 0 else f"-\\frac{{{-b}}}{{x}}"
            expr = f"\\lim_{{x \\to 0}} (1 {signed(_ax(a))})^{{{power}}}"
            n_of_t = "x = t" if a == 1 else ("x = -t" if a == -1 else (f"x = \\frac{{t}}{{{a}}}" if a > 0 else f"x = -\\frac{{t}}{{{-a}}}"))
            steps.update(sub=f"t = {_ax(a)}", tvar="x \\to 0", n_of_t=n_of_t)
        else:
            base = f"\\left(1 {'+' if a > 0 else '-'} \\frac{{{abs(a)}}}{{n}}\\right)"
            power = "n" if b == 1 else coef_term(b, "n")
            expr = f"\\lim_{{n \\to \\infty}} {base}^{{{power}}}"
            t_def = f"\\frac{{{a}}}{{n}}" if a > 0 else f"-\\frac{{{-a}}}{{n}}"
            steps.update(sub=f"t = {t_def}", tvar="n \\to \\infty", n_of_t=f"n = \\frac{{{a}}}{{t}}" if a > 0 else f"n = -\\frac{{{-a}}}{{t}}")
        steps.update(rewrite=_e_power(k), k=k)
        value, latex = evalue(1, k), ecoef(1, k)
        steps["expr"] = expr
    elif kind == "ratio":
        d = a - b
        k = c * d
        nb = poly([1, b], "n")
        expr = f"\\lim_{{n \\to \\infty}} \\left(\\frac{{{poly([1, a], 'n')}}}{{{nb}}}\\right)^{{{coef_term(c, 'n')}}}"
        split = f"1 + {_frac_tex(str(d), nb)}" if d > 0 else f"1 - {_frac_tex(str(-d), nb)}"
        k_over_t = f"{'-' if k < 0 else ''}\\frac{{{abs(k)}}}{{t}}"
        tail = "" if b == 0 else ("(1 + t)" if -c * b == 1 else f"(1 + t)^{{{-c * b}}}")
        steps.update(expr=expr, split=split, d=d, k=k, nb=nb, t_def=_frac_tex(str(d), nb) if d > 0 else "-" + _frac_tex(str(-d), nb),
                     cn=f"{coef_term(c, 'n')} = {k_over_t}" + (f" {signed(-c * b)}" if b else ""), tail=tail,
                     frac=_frac_tex(poly([1, a], "n"), nb), power=coef_term(c, "n"),
                     rewrite=_e_power(k) + tail)
        value, latex = evalue(1, k), ecoef(1, k)
    else:
        if kind == "log_lin":
            expr = f"\\lim_{{x \\to 0}} \\frac{{\\log(1 + {_ax(a)})}}{{{_ax(b)}}}"
            v = Fraction(a, b)
        elif kind == "exp_lin":
            expr = f"\\lim_{{x \\to 0}} \\frac{{e^{{{_ax(a)}}} - 1}}{{{_ax(b)}}}"
            v = Fraction(a, b)
        elif kind == "exp_diff":
            expr = f"\\lim_{{x \\to 0}} \\frac{{e^{{{_ax(a)}}} - e^{{{_ax(b)}}}}}{{x}}"
            v = Fraction(a - b)
        elif kind == "log_sin":
            expr = f"\\lim_{{x \\to 0}} \\frac{{\\log(1 + {_ax(a)})}}{{\\sin {_ax(b)}}}"
            v = Fraction(a, b)
        elif kind == "exp_log":
            expr = f"\\lim_{{x \\to 0}} \\frac{{e^{{{_ax(c)}}} - 1}}{{\\log(1 + {_ax(b)})}}"
            v = Fraction(c, b)
        else:  # log_diff: x{log(x + a) - log x} as x → ∞
            expr = f"\\lim_{{x \\to \\infty}} x\\{{\\log(x + {a}) - \\log x\\}}"
            v = Fraction(a)
        ea = f"\\frac{{e^{{{_ax(a)}}} - 1}}{{{_ax(a)}}}"
        eb = f"\\frac{{e^{{{_ax(b)}}} - 1}}{{{_ax(b)}}}"
        steps.update(expr=expr, ax=_ax(a), bx=_ax(b), cx=_ax(c), v=num(v), split=join_terms([coef_term(a, ea), coef_term(-b, eb)]),
                     amb=join_terms([str(a), str(-b)]), ab_frac=_frac_tex(str(abs(a)), str(abs(b))) if a * b > 0 else "-" + _frac_tex(str(abs(a)), str(abs(b))),
                     cb_frac=_frac_tex(str(c), str(b)) if c > 0 else "-" + _frac_tex(str(-c), str(b)))
        steps["vfactor"] = "" if v == 1 else ("-" if v == -1 else num(v) + " " + CDOT)
        value, latex = rat(v), num(v)
    if kind in ("n_basic", "n_ab", "pow_x", "ratio"):
        steps["ek"] = "e" if steps["k"] == 1 else f"e^{{{steps['k']}}}"
    steps["body"] = steps["expr"].split("} ", 1)[1]
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_e_limit(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    kind, a, b, c = p["kind"], p["a"], p["b"], p["c"]
    with mpmath.workdps(60):
        big, small = mpmath.mpf(10) ** 20, mpmath.mpf(10) ** -20
        if kind in ("n_basic", "n_ab"):
            got = (1 + a / big) ** (b * big)
        elif kind == "pow_x":
            got = (1 + a * small) ** (b / small)
        elif kind == "ratio":
            got = ((big + a) / (big + b)) ** (c * big)
        elif kind == "log_lin":
            got = mpmath.log(1 + a * small) / (b * small)
        elif kind == "exp_lin":
            got = (mpmath.exp(a * small) - 1) / (b * small)
        elif kind == "exp_diff":
            got = (mpmath.exp(a * small) - mpmath.exp(b * small)) / small
        elif kind == "log_sin":
            got = mpmath.log(1 + a * small) / mpmath.sin(b * small)
        elif kind == "exp_log":
            got = (mpmath.exp(c * small) - 1) / mpmath.log(1 + b * small)
        else:
            got = big * (mpmath.log(big + a) - mpmath.log(big))
        want = mpmath.mpf(str(sp.N(solution.answer, 40)))
        return abs(got - want) < mpmath.mpf(10) ** -12 * max(1, abs(want))


# --- 区分求積法 ---------------------------------------------------------------------------

RIEMANN_KINDS = {1: ("power_range",), 2: ("harmonic",), 3: ("sqrt",), 4: ("sqrt", "product_root"),
                 5: ("log_sum", "product_root")}
SQRT_PAIRS = tuple((a, s) for a in (1, 4, 9) for s in (4, 9, 16, 25, 36) if s > a)


def sample_riemann(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = rng.choice(RIEMANN_KINDS[difficulty])
    p: dict[str, Any] = {"kind": kind, "form": rng.randrange(2)}
    if kind == "power_range":
        lo = rng.randint(0, 2)
        p.update(lo=lo, hi=rng.randint(lo + 1, lo + 3), pw=rng.randint(1, 4))
    elif kind == "harmonic":
        lo = rng.randint(1, 4)
        p.update(lo=lo, hi=rng.randint(lo + 1, lo + 5), form=rng.randrange(3))
        if p["form"] == 2:
            p["hi"] = lo + 1
    elif kind == "sqrt":
        a, s = rng.choice(SQRT_PAIRS)
        p.update(a=a, c=s - a, b=rng.randint(1, 3))
    elif kind == "product_root":
        p.update(a=rng.randint(0, 4))
    else:
        p.update(a=rng.randint(1, 8), b=rng.randint(1, 4))
    return p


def _riemann_value(p: Mapping[str, Any]) -> tuple[sp.Expr, str]:
    kind = p["kind"]
    if kind == "power_range":
        lo, hi, pw = p["lo"], p["hi"], p["pw"]
        v = Fraction(hi ** (pw + 1) - lo ** (pw + 1), pw + 1)
        return rat(v), num(v)
    if kind == "harmonic":
        return log_term(1, Fraction(p["hi"], p["lo"]))
    if kind == "sqrt":
        a, c, b = p["a"], p["c"], p["b"]
        ra, rs = math.isqrt(a), math.isqrt(a + c)
        v = Fraction(2 * b * (rs**3 - ra**3), 3 * c)
        return rat(v), num(v)
    if kind == "product_root":
        a = p["a"]
        v = Fraction((a + 1) ** (a + 1), a**a if a else 1)
        return evalue(v, -1), ecoef(v, -1)
    a, b = p["a"], p["b"]
    return log_term(Fraction(b, 2 * a), a + 1)


def _one(c: int) -> str:
    return "" if c == 1 else str(c)


def solve_riemann(params: Mapping[str, Any]) -> Solution:
    p = params
    kind, form = p["kind"], p["form"]
    value, latex = _riemann_value(p)
    steps: dict[str, Any] = {"kind": kind, "value": latex, "form": form}
    lim = "\\lim_{n \\to \\infty} "
    if kind == "power_range":
        lo, hi, pw = p["lo"], p["hi"], p["pw"]
        start = "k=1" if lo == 0 else f"k={_one(lo)}n+1"
        end = "n" if hi == 1 else f"{hi}n"
        sigma = f"\\sum_{{{start}}}^{{{end}}}"
        kn = "\\frac{k}{n}" if pw == 1 else f"\\left(\\frac{{k}}{{n}}\\right)^{{{pw}}}"
        if form == 0:
            expr = f"{lim}\\frac{{1}}{{n}}{sigma} {kn}"
        else:
            expr = f"{lim}\\frac{{1}}{{n^{{{pw + 1}}}}}{sigma} {'k' if pw == 1 else f'k^{{{pw}}}'}"
        xp = "x" if pw == 1 else f"x^{pw}"
        calc = f"\\frac{{{hi ** (pw + 1)} - {lo ** (pw + 1)}}}{{{pw + 1}}}" if lo else f"\\frac{{{hi ** (pw + 1)}}}{{{pw + 1}}}"
        steps.update(expr=expr, rewrite=f"\\frac{{1}}{{n}}{sigma} {kn}", integral=f"\\int_{{{lo}}}^{{{hi}}} {xp}\\,dx", lo=lo, hi=hi,
                     anti=f"\\left[\\frac{{x^{pw + 1}}}{{{pw + 1}}}\\right]_{{{lo}}}^{{{hi}}}", calc=calc,
                     range_text=f"{_one(lo) if lo else ''}n + 1" if lo else "1", end=end)
    elif kind == "harmonic":
        lo, hi = p["lo"], p["hi"]
        ln = "n" if lo == 1 else f"{lo}n"
        sigma = f"\\sum_{{k={ln}+1}}^{{{hi}n}}"
        if form == 2:
            expr = f"{lim}\\sum_{{k=1}}^{{n}} \\frac{{1}}{{{ln} + k}}"
        elif form == 1:
            expr = f"{lim}\\left(\\frac{{1}}{{{ln} + 1}} + \\frac{{1}}{{{ln} + 2}} + \\cdots + \\frac{{1}}{{{hi}n}}\\right)"
        else:
            expr = f"{lim}{sigma} \\frac{{1}}{{k}}"
        steps.update(expr=expr, lo=lo, hi=hi, ln=ln, sigma=sigma, rewrite=f"\\frac{{1}}{{n}}{sigma} \\frac{{1}}{{\\frac{{k}}{{n}}}}",
                     integral=f"\\int_{{{lo}}}^{{{hi}}} \\frac{{1}}{{x}}\\,dx", anti=f"\\left[\\log x\\right]_{{{lo}}}^{{{hi}}}",
                     calc=f"\\log {hi} - \\log {lo}" if lo > 1 else f"\\log {hi}")
    elif kind == "sqrt":
        a, c, b = p["a"], p["c"], p["b"]
        if form == 0:
            expr = f"{lim}\\frac{{{b}}}{{n}}\\sum_{{k=1}}^{{n}} \\sqrt{{{a} + \\frac{{{c}k}}{{n}}}}"
        else:
            expr = f"{lim}\\frac{{{b}}}{{n\\sqrt{{n}}}}\\sum_{{k=1}}^{{n}} \\sqrt{{{_one(a)}n + {c}k}}"
        rs, ra = math.isqrt(a + c), math.isqrt(a)
        steps.update(expr=expr, integral=f"{_one(b)}\\int_0^1 \\sqrt{{{poly([c, a])}}}\\,dx",
                     anti=f"{_one(b)}\\left[{num(Fraction(2, 3 * c))}({poly([c, a])})^{{\\frac{{3}}{{2}}}}\\right]_0^1",
                     calc=coef_term(Fraction(2 * b, 3 * c), f"({rs}^3 - {ra}^3)" if ra > 1 else f"({rs}^3 - 1)"),
                     rewrite=f"\\frac{{{b}}}{{n}}\\sum_{{k=1}}^{{n}} \\sqrt{{{a} + {c} \\cdot \\frac{{k}}{{n}}}}")
    elif kind == "product_root":
        a = p["a"]
        if a == 0:
            expr = f"{lim}\\frac{{\\sqrt[n]{{n!}}}}{{n}}" if form == 0 else f"{lim}\\sqrt[n]{{\\frac{{n!}}{{n^n}}}}"
            inner = "\\frac{k}{n}"
            integral = "\\int_0^1 \\log x\\,dx"
        else:
            an = "n" if a == 1 else f"{a}n"
            expr = (f"{lim}\\frac{{1}}{{n}}\\sqrt[n]{{({an} + 1)({an} + 2)\\cdots({an} + n)}}" if form == 0
                    else f"{lim}\\sqrt[n]{{\\left({a} + \\frac{{1}}{{n}}\\right)\\left({a} + \\frac{{2}}{{n}}\\right)\\cdots\\left({a} + \\frac{{n}}{{n}}\\right)}}")
            inner = f"\\left({a} + \\frac{{k}}{{n}}\\right)"
            integral = f"\\int_0^1 \\log(x + {a})\\,dx = \\int_{{{a}}}^{{{a + 1}}} \\log x\\,dx"
        logv = join_terms([f"{a + 1}\\log {a + 1}" if a else "", f"-{_one(a)}\\log {a}" if a > 1 else "", "-1"])
        steps.update(expr=expr, a=a, inner=inner, integral=integral,
                     anti=f"\\left[x\\log x - x\\right]_{{{a}}}^{{{a + 1}}}", logv=logv)
    else:
        a, b = p["a"], p["b"]
        at = _one(a)
        coef = Fraction(b, 2 * a)
        ctext = "" if coef == 1 else num(coef)
        expr = f"{lim}\\sum_{{k=1}}^{{n}} \\frac{{{_one(b)}k}}{{n^2 + {at}k^2}}"
        steps.update(expr=expr, a=a, b=b, integral=f"\\int_0^1 \\frac{{{_one(b)}x}}{{1 + {at}x^2}}\\,dx",
                     anti=f"\\left[{ctext}\\log(1 + {at}x^2)\\right]_0^1", calc=f"{ctext}\\log {a + 1}",
                     rewrite=f"\\frac{{1}}{{n}}\\sum_{{k=1}}^{{n}} \\frac{{{str(b) + ' ' + CDOT if b > 1 else ''}\\frac{{k}}{{n}}}}{{1 + {at}\\left(\\frac{{k}}{{n}}\\right)^2}}")
    steps["show_calc"] = "calc" in steps and steps["calc"] != latex
    steps["body"] = steps["expr"].split("} ", 1)[1]
    return Solution(answer=value, answer_latex=latex, steps=steps)


def _riemann_sum(p: Mapping[str, Any], n: int) -> float:
    """The n-th term of the sequence in the problem, evaluated by brute force."""
    kind = p["kind"]
    if kind == "power_range":
        return sum((k / n) ** p["pw"] for k in range(p["lo"] * n + 1, p["hi"] * n + 1)) / n
    if kind == "harmonic":
        return sum(1 / k for k in range(p["lo"] * n + 1, p["hi"] * n + 1))
    if kind == "sqrt":
        return p["b"] / n * sum(math.sqrt(p["a"] + p["c"] * k / n) for k in range(1, n + 1))
    return sum(p["b"] * k / (n * n + p["a"] * k * k) for k in range(1, n + 1))


def verify_riemann(params: Mapping[str, Any], solution: Solution) -> bool:
    """Richardson extrapolation of brute-force sums: 2·S(2n) - S(n) cancels the 1/n term."""
    if params["kind"] == "product_root":  # (an+1)(an+2)…(an+n)/n^n through log Γ at n = 10^12
        with mpmath.workdps(40):
            n, a = mpmath.mpf(10) ** 12, params["a"]
            log_p = mpmath.loggamma(a * n + n + 1) - mpmath.loggamma(a * n + 1) - n * mpmath.log(n)
            got_p = mpmath.exp(log_p / n)
            return abs(got_p - mpmath.mpf(str(sp.N(solution.answer, 30)))) < 1e-9
    n = 800
    got = 2 * _riemann_sum(params, 2 * n) - _riemann_sum(params, n)
    want = float(sp.N(solution.answer, 20))
    return abs(got - want) < 1e-5 * max(1.0, abs(want))


UNIT = Unit(
    id="math3.limit_techniques",
    name="極限の手法（はさみうち・e・区分求積）",
    course="数学III",
    description="はさみうちの原理で求める極限, e の定義に帰着させる極限, 区分求積法で求める和の極限.",
    types=(
        ProblemType(
            id="squeeze_limit", name="はさみうちの原理",
            sample=sample_squeeze, solve=solve_squeeze, verify=verify_squeeze,
            problem_templates=numbered_templates("squeeze", 5), solution_template="squeeze_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="(an + b sin n)/(cn + d) → [ax]/(bx + c) → (a^n + b^n (+ c^n))^{1/n} → Σ[kx]/n^2 → (ax + x^2 sin(1/x))/sin bx",
        ),
        ProblemType(
            id="e_limit_forms", name="e に関する極限",
            sample=sample_e_limit, solve=solve_e_limit, verify=verify_e_limit,
            problem_templates=numbered_templates("elimit", 5), solution_template="elimit_solution.j2",
            answer_form="soft", shape="drill",
            knobs="(1 + a/n)^n → (1 + a/n)^{bn} → ((n + a)/(n + b))^{cn} → log(1 + ax)/bx, (e^{ax} - 1)/bx, (1 + ax)^{b/x} → two standard limits combined",
        ),
        ProblemType(
            id="riemann_sum_value", name="区分求積法",
            sample=sample_riemann, solve=solve_riemann, verify=verify_riemann,
            problem_templates=numbered_templates("riemann", 5), solution_template="riemann_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="Σ (k/n)^p over ln < k ≦ mn → Σ 1/k from ln + 1 to mn (log) → Σ √(a + ck/n) → n-th root of a product (4/e) → Σ bk/(n^2 + ak^2)",
        ),
    ),
)
