"""置き換えによる最大・最小 (数学II, 入試型): t = 2^x, t = log_2 x, t = 2^x + 2^{-x},
t = sin x + cos x, and 図形の最大 (長方形を半円・円に内接させる, 三角関数の合成).

Each family reduces to a quadratic in t on an interval (or to a sin θ + b cos θ); the solver
works with exact ``Fraction`` values and ``sympy.sqrt(2)``. Verifiers never use the
substitution: they scan the original function of x (or of the angle) densely, refine around
the best grid point and compare with the claimed value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from random import Random
from typing import Any

import numpy as np
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, pi_multiple, tex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, nonzero_int
from mathft_core.units import numbered_templates as _phrasings
from mathft_units.math2._ptex import power

SQRT2 = sp.sqrt(2)


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _scan(g: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, ask: str) -> float:
    """Best value of g on [lo, hi]: a grid, then a finer grid around the best point (twice)."""
    for _ in range(4):
        xs = np.linspace(lo, hi, 2001)
        vals = g(xs)
        i = int(np.argmax(vals) if ask == "max" else np.argmin(vals))
        step = (hi - lo) / 2000
        lo, hi = max(lo, xs[i] - 2 * step), min(hi, xs[i] + 2 * step)
    return float(vals[i])


def _matches(best: float, claimed: sp.Basic) -> bool:
    c = float(claimed)
    return abs(best - c) < 1e-7 * max(1.0, abs(c))


def _quad_extreme(a: Fraction, b: Fraction, c: Fraction, lo: Any, hi: Any, ask: str) -> tuple[sp.Expr, sp.Expr]:
    """Max or min of a t^2 + b t + c (a > 0) for lo <= t <= hi (``None``: unbounded); returns (t, value)."""
    vertex = -b / (2 * a)
    q = lambda t: _fr(a) * t**2 + _fr(b) * t + _fr(c)  # noqa: E731
    inside = (lo is None or lo <= _fr(vertex)) and (hi is None or _fr(vertex) <= hi)
    if ask == "min":
        if inside:
            return _fr(vertex), q(_fr(vertex))
        t = lo if lo is not None and _fr(vertex) < lo else hi
        return t, sp.expand(q(t))
    cands = [t for t in (lo, hi) if t is not None]
    best = max(cands, key=lambda t: float(q(t)))
    return best, sp.expand(q(best))


# --- 指数・対数の置き換え -------------------------------------------------------------------


def sample_exp_log(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            c = r.randint(1, 8)
            return {"kind": "exp", "g": 2, "B": -2 * c, "d": r.randint(-9, 9), "shift": False, "lo": None,
                    "hi": None, "ask": "min"}
        if difficulty in (2, 3):
            g = 2 if difficulty == 2 else r.choice((2, 3))
            lo = r.randint(-2, 1)
            hi = lo + r.randint(2, 4)
            m = r.randint(1, 3) if difficulty == 3 and g == 2 else 0
            B = -(g**m) * r.randint(1, 4) if m else -r.randint(1, 12)
            return {"kind": "exp", "g": g, "B": B, "d": r.randint(-9, 9), "shift": bool(m), "m": m, "lo": lo,
                    "hi": hi, "ask": r.choice(("max", "min"))}
        if difficulty == 4:
            lo = r.randint(-3, 0)
            return {"kind": "log", "m": r.randint(0, 3), "n": r.randint(0, 3), "lo": lo, "hi": lo + r.randint(3, 6),
                    "ask": r.choice(("max", "min"))}
        return {"kind": "cosh", "c": r.randint(1, 5), "d": r.randint(-9, 9), "ask": "min"}

    return draw_until(rng, draw, lambda p: p["kind"] != "log" or p["m"] + p["n"] > 0)


def _exp_log_quadratic(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """y as a t^2 + b t + c."""
    if p["kind"] == "exp":
        return Fraction(1), Fraction(p["B"]), Fraction(p["d"])
    if p["kind"] == "log":  # (t - m)(t + n)
        return Fraction(1), Fraction(p["n"] - p["m"]), Fraction(-p["m"] * p["n"])
    return Fraction(1), Fraction(-2 * p["c"]), Fraction(p["d"] - 2)


def _times(coef: Fraction, body: str) -> str:
    """``coef · body`` for a body that starts with a digit: ``2^x``, ``-2^x``, ``10 \\cdot 2^x``."""
    if coef == 1:
        return body
    if coef == -1:
        return f"-{body}"
    return f"{num(coef)} \\cdot {body}"


def _tex(value: Any) -> str:
    """``tex`` with a leading minus sign attached: ``-\\sqrt{2}``."""
    text = tex(value)
    return "-" + text[2:] if text.startswith("- ") else text


def _x_bound(e: int) -> str:
    return num(Fraction(2) ** e)


def solve_exp_log(p: Mapping[str, Any]) -> Solution:
    a, b, c = _exp_log_quadratic(p)
    kind, ask = p["kind"], p["ask"]
    steps: dict[str, Any] = {"kind": kind, "ask": ask, "word": "最大値" if ask == "max" else "最小値",
                             "quad": _poly_t(a, b, c)}
    vertex = -b / (2 * a)
    steps["vertex"] = num(vertex)
    steps["complete"] = join_terms([f"({join_terms(['t', num(-vertex)])})^2" if vertex else "t^2",
                                    num(c - vertex * vertex)])
    if kind == "exp":
        g, m = p["g"], p.get("m", 0)
        lo = None if p["lo"] is None else _fr(Fraction(g) ** p["lo"])
        hi = None if p["hi"] is None else _fr(Fraction(g) ** p["hi"])
        bterm = _times(b / g**m, power(g, f"x + {m}")) if p.get("shift") else _times(b, f"{g}^x")
        y = join_terms([f"{g * g}^x", bterm, num(p["d"])])
        steps.update(y=y, g=g, sq=g * g, lo_x=p["lo"], hi_x=p["hi"], shift=p.get("shift", False),
                     shift_rule=f"{power(g, f'x + {m}')} = {g**m} \\cdot {g}^x" if p.get("shift") else "", t_lo=_tex(lo) if lo is not None else "", t_hi=_tex(hi) if hi is not None else "")
    elif kind == "log":
        m, n = p["m"], p["n"]
        lo, hi = sp.Integer(p["lo"]), sp.Integer(p["hi"])
        f1 = "\\log_{2} x" if m == 0 else f"\\log_{{2}} \\frac{{x}}{{{2 ** m}}}"
        f2 = "\\log_{2} x" if n == 0 else f"\\log_{{2}} {2 ** n}x"
        steps.update(y=f"({f1})({f2})", x_lo=_x_bound(p["lo"]), x_hi=_x_bound(p["hi"]), t_lo=num(p["lo"]),
                     t_hi=num(p["hi"]), m=m, n=n, fac=f"({join_terms(['t', num(-m)])})({join_terms(['t', num(n)])})")
    else:
        lo, hi = sp.Integer(2), None
        steps.update(y=join_terms(["4^x + 4^{-x}", coef_term(-2 * p["c"], "(2^x + 2^{-x})"), num(p["d"])]),
                     c=p["c"], d=p["d"], dm2=num(p["d"] - 2))
    t, value = _quad_extreme(a, b, c, lo, hi, ask)
    steps.update(t=_tex(t), value=_tex(value), at_vertex=t == _fr(vertex))
    return Solution(answer=value, answer_latex=_tex(value), steps=steps)


def _poly_t(a: Fraction, b: Fraction, c: Fraction) -> str:
    return join_terms([coef_term(a, "t^2"), coef_term(b, "t"), num(c)])


def _exp_log_function(p: Mapping[str, Any]) -> tuple[Callable[[np.ndarray], np.ndarray], float, float]:
    """y as a function of x straight from the statement, with the x range to scan."""
    if p["kind"] == "exp":
        g, B, d = p["g"], p["B"], p["d"]
        lo = -12.0 if p["lo"] is None else float(p["lo"])
        hi = 12.0 if p["hi"] is None else float(p["hi"])
        return (lambda x: (g * g) ** x + B * g**x + d), lo, hi
    if p["kind"] == "log":
        m, n = p["m"], p["n"]
        return (lambda x: np.log2(x / 2**m) * np.log2(2**n * x)), 2.0 ** p["lo"], 2.0 ** p["hi"]
    c, d = p["c"], p["d"]
    return (lambda x: 4.0**x + 4.0 ** (-x) - 2 * c * (2.0**x + 2.0 ** (-x)) + d), -12.0, 12.0


def verify_exp_log(p: Mapping[str, Any], solution: Solution) -> bool:
    """Dense scan of the original function of x on its domain."""
    g, lo, hi = _exp_log_function(p)
    return _matches(_scan(g, lo, hi, p["ask"]), solution.answer)


# --- t = sin x + cos x ----------------------------------------------------------------------

_DOMAINS = {"full": (Fraction(0), Fraction(2), True), "half": (Fraction(0), Fraction(1), False),
            "quarter": (Fraction(0), Fraction(1, 2), False)}


def sample_trig_sum(rng: Random, difficulty: int) -> dict[str, Any]:
    form = "prod" if difficulty <= 2 else rng.choice(("prod", "double"))
    domain = {1: "full", 2: "full", 3: "full", 4: "half"}.get(difficulty, rng.choice(("half", "quarter")))
    pcoef = rng.choice((1, 2)) if form == "prod" else 1
    if difficulty >= 4 and form == "prod":
        pcoef = rng.choice((2, -2, 1, -1))
    return {"form": form, "pc": pcoef, "q": nonzero_int(rng, -4, 4), "r": rng.randint(-5, 5),
            "domain": domain, "ask": rng.choice(("max", "min"))}


def _trig_quadratic(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """y in t: prod: pc sin x cos x = pc (t^2 - 1)/2; double: pc sin 2x = pc (t^2 - 1)."""
    k = Fraction(p["pc"], 2) if p["form"] == "prod" else Fraction(p["pc"])
    return k, Fraction(p["q"]), Fraction(p["r"]) - k


def _t_range(domain: str) -> tuple[sp.Expr, sp.Expr]:
    return {"full": (-SQRT2, SQRT2), "half": (sp.Integer(-1), SQRT2), "quarter": (sp.Integer(1), SQRT2)}[domain]


def solve_trig_sum(p: Mapping[str, Any]) -> Solution:
    a, b, c = _trig_quadratic(p)
    lo, hi = _t_range(p["domain"])
    ask = p["ask"]
    if a > 0:
        t, value = _quad_extreme(a, b, c, lo, hi, ask)
    else:  # a < 0: the max of y is minus the min of -y
        t, neg = _quad_extreme(-a, -b, -c, lo, hi, "min" if ask == "max" else "max")
        value = -neg
    value = sp.expand(value)
    head = coef_term(p["pc"], "\\sin x\\cos x") if p["form"] == "prod" else coef_term(p["pc"], "\\sin 2x")
    y = join_terms([head, coef_term(p["q"], "(\\sin x + \\cos x)"), num(p["r"])])
    vertex = -b / (2 * a)
    _lo_d, hi_d, half_open = _DOMAINS[p["domain"]]
    steps = {"y": y, "form": p["form"], "pc": p["pc"], "ask": ask, "word": "最大値" if ask == "max" else "最小値",
             "quad": _poly_t(a, b, c), "vertex": num(vertex), "a_pos": a > 0, "t": _tex(t), "value": _tex(value),
             "t_lo": _tex(lo), "t_hi": _tex(hi), "domain": p["domain"],
             "x_hi": pi_multiple(hi_d), "rel_hi": "<" if half_open else "\\leqq",
             "u_lo": pi_multiple(Fraction(1, 4)), "u_hi": pi_multiple(hi_d + Fraction(1, 4))}
    steps["shape_text"] = "下に凸" if a > 0 else "上に凸"
    steps["at_vertex"] = t == _fr(vertex)
    return Solution(answer=value, answer_latex=_tex(value), steps=steps)


def verify_trig_sum(p: Mapping[str, Any], solution: Solution) -> bool:
    """Scan y(x) itself on the stated range of x."""
    pc, q, r = p["pc"], p["q"], p["r"]
    if p["form"] == "prod":
        def y(x: np.ndarray) -> np.ndarray:
            return pc * np.sin(x) * np.cos(x) + q * (np.sin(x) + np.cos(x)) + r
    else:
        def y(x: np.ndarray) -> np.ndarray:
            return pc * np.sin(2 * x) + q * (np.sin(x) + np.cos(x)) + r
    hi = float(_DOMAINS[p["domain"]][1]) * np.pi
    return _matches(_scan(y, 0.0, hi, p["ask"]), solution.answer)


# --- 円に内接する長方形（文章題） -----------------------------------------------------------

_SHAPES = {"semi": ("半円", 2, 1), "quarter": ("四分円", 1, 1), "circle": ("円", 2, 2)}


def sample_inscribed_rectangle(rng: Random, difficulty: int) -> dict[str, Any]:
    shape = {1: "semi", 2: "semi", 3: rng.choice(("semi", "quarter"))}.get(difficulty, rng.choice(
        ("semi", "quarter", "circle")))
    if difficulty == 1:
        return {"shape": shape, "r": rng.randint(2, 30), "ask": "area", "m": 0, "n": 0}
    if difficulty == 2:
        return {"shape": shape, "r": rng.randint(2, 30), "ask": "perimeter", "m": 2, "n": 2}
    return {"shape": shape, "r": rng.randint(2, 30), "ask": rng.choice(("weighted", "area", "perimeter")),
            "m": rng.randint(1, 4), "n": rng.randint(1, 4)}


def _rect_weights(p: Mapping[str, Any]) -> tuple[int, int]:
    return (2, 2) if p["ask"] == "perimeter" else (p["m"], p["n"])


def solve_inscribed_rectangle(p: Mapping[str, Any]) -> Solution:
    name, bx, hy = _SHAPES[p["shape"]]
    r = p["r"]
    steps: dict[str, Any] = {"shape": p["shape"], "name": name, "r": r, "ask": p["ask"],
                             "base": coef_term(bx * r, "\\cos\\theta"), "height": coef_term(hy * r, "\\sin\\theta")}
    if p["ask"] == "area":
        k = Fraction(bx * hy * r * r, 2)  # base * height = bx hy r^2 sinθcosθ = k sin 2θ
        steps.update(prod=coef_term(bx * hy * r * r, "\\sin\\theta\\cos\\theta"), k=num(k),
                     k_sin=coef_term(k, "\\sin 2\\theta"))
        return Solution(answer=_fr(k), answer_latex=num(k), steps=steps)
    m, n = _rect_weights(p)
    A, B = m * bx * r, n * hy * r
    amp = sp.sqrt(A * A + B * B)
    steps.update(m=m, n=n, A=A, B=B, combo=join_terms([coef_term(A, "\\cos\\theta"), coef_term(B, "\\sin\\theta")]),
                 sumsq=A * A + B * B, amp=_tex(amp), tan=num(Fraction(A, B)))
    return Solution(answer=amp, answer_latex=_tex(amp), steps=steps)


def verify_inscribed_rectangle(p: Mapping[str, Any], solution: Solution) -> bool:
    """Place the vertex on the arc at angle θ, measure the rectangle, scan θ in (0, π/2)."""
    _name, bx, hy = _SHAPES[p["shape"]]
    r = float(p["r"])

    def value(th: np.ndarray) -> np.ndarray:
        x, y = r * np.cos(th), r * np.sin(th)  # vertex on the arc
        width, height = bx * x, hy * y
        if p["ask"] == "area":
            return width * height
        m, n = _rect_weights(p)
        return m * width + n * height

    return _matches(_scan(value, 0.0, np.pi / 2, "max"), solution.answer)


UNIT = Unit(
    id="math2.substitution_extrema",
    name="置き換えによる最大・最小",
    course="数学II",
    description="t = 2^x，t = log_2 x，t = 2^x + 2^{-x}，t = sin x + cos x の置き換えによる最大・最小と，"
                "円に内接する長方形の最大（三角関数の合成）。",
    types=(
        ProblemType(
            id="exp_log_substitution", name="指数・対数の置き換えと最大・最小", sample=sample_exp_log,
            solve=solve_exp_log, verify=verify_exp_log, problem_templates=_phrasings("exp_log_substitution", 5),
            solution_template="exp_log_substitution_solution.j2", shape="multi-step",
            knobs="t = 2^x on all x -> on an interval (max or min) -> 2^(x+m) terms, base 3 -> products of logs on "
                  "an interval -> t = 2^x + 2^(-x) >= 2",
        ),
        ProblemType(
            id="trig_sum_substitution", name="t = sin x + cos x の置き換え", sample=sample_trig_sum,
            solve=solve_trig_sum, verify=verify_trig_sum, problem_templates=_phrasings("trig_sum_substitution", 5),
            solution_template="trig_sum_substitution_solution.j2", shape="multi-step",
            knobs="sin x cos x on 0 <= x < 2π -> sin 2x -> 0 <= x <= π (t from -1) -> 0 <= x <= π/2, negative "
                  "leading coefficient",
        ),
        ProblemType(
            id="inscribed_rectangle", name="円に内接する長方形の最大", sample=sample_inscribed_rectangle,
            solve=solve_inscribed_rectangle, verify=verify_inscribed_rectangle,
            problem_templates=_phrasings("inscribed_rectangle", 5),
            solution_template="inscribed_rectangle_solution.j2", shape="word",
            knobs="area in a semicircle -> perimeter (合成) -> quarter circle, weighted lengths -> full circle",
        ),
    ),
)
