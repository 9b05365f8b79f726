"""ベクトルの条件 (数学C): 垂直条件から実数 t を決める, |p a + t b| の最小値, 三角形内の点と比・面積比.

Data are the exact Gram values |a|^2, |b|^2, a·b (from an angle, from a norm of a
combination, from a perpendicularity, or from components). Verifiers realise concrete
vectors in the plane from those values, substitute the answer (inner product zero,
golden-section search for the minimum) or intersect lines with exact fractions and
measure lengths and areas, never the solver's formulas.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.mathc._forms import tex

VA, VB = "\\vec{a}", "\\vec{b}"
DOT = f"{VA} \\cdot {VB}"
ANGLES = {60: Fraction(1, 2), 120: Fraction(-1, 2), 45: None, 135: None}


def _combo(p: int, q: int | str) -> str:
    """``p a + q b`` (q may be the letter t)."""
    second = f"t{VB}" if q == "t" else coef_term(q, VB)
    return join_terms([coef_term(p, VA), second])


def _sqrt_tex(n: Fraction | int) -> str:
    return tex(sp.sqrt(sp.Rational(Fraction(n).numerator, Fraction(n).denominator)))


def sample_gram(r: Random, form: str) -> dict[str, Any]:
    """|a|^2 = A, |b|^2 = B, a·b = D with the data the problem will show."""
    if form == "comps":
        dim = 3 if r.random() < 0.5 else 2
        a = [r.randint(-4, 4) for _ in range(dim)]
        b = [r.randint(-4, 4) for _ in range(dim)]
        return {"form": form, "va": a, "vb": b, "A": sum(x * x for x in a), "B": sum(y * y for y in b),
                "D": sum(x * y for x, y in zip(a, b, strict=True))}
    if form == "angle":
        theta = r.choice((60, 120, 45, 135))
        nb = r.randint(1, 6)
        if theta in (45, 135):
            m = r.randint(1, 4)
            a2, d = 2 * m * m, (m * nb if theta == 45 else -m * nb)
        else:
            na = r.randint(1, 6)
            if (na * nb) % 2:
                nb += 1
            a2, d = na * na, (na * nb // 2 if theta == 60 else -na * nb // 2)
        return {"form": form, "theta": theta, "A": a2, "B": nb * nb, "D": d}
    # a norm of a combination u a + v b
    na, nb = r.randint(1, 6), r.randint(1, 6)
    d = r.randint(-na * nb + 1, na * nb - 1)
    u, v = (1, r.choice((1, -1))) if form == "norm1" else (r.choice((1, 2, 3)), r.choice((-3, -2, -1, 1, 2, 3)))
    return {"form": "norm", "A": na * na, "B": nb * nb, "D": d, "u": u, "v": v, "N": u * u * na * na + 2 * u * v * d + v * v * nb * nb}


def gram_ok(g: Mapping[str, Any]) -> bool:
    return g["A"] > 0 and g["B"] > 0 and g["D"] ** 2 < g["A"] * g["B"] and (g["form"] != "norm" or g["N"] > 0)


def gram_steps(g: Mapping[str, Any]) -> dict[str, Any]:
    """The given data and the step that produces a·b."""
    A, B, D = g["A"], g["B"], g["D"]
    out: dict[str, Any] = {"form": g["form"], "A": A, "B": B, "D": D, "na": _sqrt_tex(A), "nb": _sqrt_tex(B)}
    if g["form"] == "comps":
        va, vb = g["va"], g["vb"]
        out.update(va="(" + ", ".join(map(str, va)) + ")", vb="(" + ", ".join(map(str, vb)) + ")",
                   dot_calc=" + ".join(f"{x if i == 0 else paren(x)} \\cdot {paren(y)}" for i, (x, y) in enumerate(zip(va, vb, strict=True))),
                   a2_calc=" + ".join(f"{x}^2" if x >= 0 else f"({x})^2" for x in va),
                   b2_calc=" + ".join(f"{y}^2" if y >= 0 else f"({y})^2" for y in vb))
    elif g["form"] == "angle":
        cos = {60: "\\frac{1}{2}", 120: "\\left(-\\frac{1}{2}\\right)", 45: "\\frac{\\sqrt{2}}{2}",
               135: "\\left(-\\frac{\\sqrt{2}}{2}\\right)"}[g["theta"]]
        out.update(theta=g["theta"], cos=cos)
    else:
        u, v = g["u"], g["v"]
        out.update(combo=_combo(u, v), N=g["N"], nN=_sqrt_tex(g["N"]),
                   nexpand=join_terms([coef_term(u * u, f"|{VA}|^2"), coef_term(2 * u * v, DOT), coef_term(v * v, f"|{VB}|^2")]),
                   expand_num=join_terms([str(u * u * A), coef_term(2 * u * v, DOT), str(v * v * B)]))
    return out


def given_text(g: Mapping[str, Any]) -> str:
    """The data sentence of the problem (ends before 「とき」)."""
    form = g["form"]
    st = gram_steps(g) if form != "perp" else {"na": _sqrt_tex(g["A"]), "nb": _sqrt_tex(g["B"])}
    if form == "comps":
        return f"$\\vec{{a}} = {st['va']}$，$\\vec{{b}} = {st['vb']}$"
    head = f"$|\\vec{{a}}| = {st['na']}$，$|\\vec{{b}}| = {st['nb']}$"
    if form == "angle":
        return f"{head}，$\\vec{{a}}$ と $\\vec{{b}}$ のなす角が ${g['theta']}^\\circ$"
    if form == "perp":
        return f"{head} で，$\\vec{{a}} + \\vec{{b}}$ と ${_combo(g['u'], -1)}$ が垂直"
    return f"{head}，$|{st['combo']}| = {st['nN']}$"


def realise(g: Mapping[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Concrete plane vectors with |a|^2 = A, |b|^2 = B, a·b = D."""
    A, B, D = g["A"], g["B"], g["D"]
    ax = math.sqrt(A)
    bx = D / ax
    return (ax, 0.0), (bx, math.sqrt(max(B - bx * bx, 0.0)))


def data_consistent(g: Mapping[str, Any]) -> bool:
    """The shown data really give A, B, D (checked on the realised vectors)."""
    (a1, a2), (b1, b2) = realise(g)
    if g["form"] == "comps":
        return True
    if g["form"] == "angle":
        cos = (a1 * b1 + a2 * b2) / math.sqrt(g["A"] * g["B"])
        return abs(cos - math.cos(math.radians(g["theta"]))) < 1e-12
    u, v = g["u"], g["v"]
    return abs((u * a1 + v * b1) ** 2 + (u * a2 + v * b2) ** 2 - g["N"]) < 1e-9


# --- 垂直条件 -------------------------------------------------------------------------------

PERP_FORMS = {1: "comps", 2: "angle", 3: "norm1", 4: "comps", 5: "norm"}


def sample_perpendicular(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        g = sample_gram(r, PERP_FORMS[difficulty])
        p = 1 if difficulty <= 2 else r.choice((1, 2, 3, -1))
        rr, s = (1, r.choice((1, -1))) if difficulty <= 2 else (r.choice((1, 2, -1)), r.choice((-3, -2, -1, 1, 2, 3)))
        g.update(p=p, r=rr, s=s)
        return g

    def ok(g: dict[str, Any]) -> bool:
        den = g["r"] * g["D"] + g["s"] * g["B"]
        num_ = g["p"] * (g["r"] * g["A"] + g["s"] * g["D"])
        return gram_ok(g) and den != 0 and num_ != 0

    return draw_until(rng, draw, ok)


def solve_perpendicular(params: Mapping[str, Any]) -> Solution:
    g = params
    A, B, D, p, r, s = g["A"], g["B"], g["D"], g["p"], g["r"], g["s"]
    t = Fraction(-p * (r * A + s * D), r * D + s * B)
    steps = gram_steps(g)
    c0, c1 = p * r * A + p * s * D, r * D + s * B  # (pa + tb)·(ra + sb) = c0 + c1·t
    steps.update(u=_combo(p, "t"), w=_combo(r, s), t=num(t),
                 expand=join_terms([coef_term(p * r, f"|{VA}|^2"), coef_term(p * s, DOT),
                                    coef_term(r, f"t{VA} \\cdot {VB}"), coef_term(s, f"t|{VB}|^2")]),
                 lin=f"{join_terms([coef_term(c1, 't'), str(c0)])} = 0", given=given_text(g), sp=" " if given_text(g).endswith("$") else "")
    return Solution(answer=sp.Rational(t.numerator, t.denominator), answer_latex=num(t), steps=steps)


def verify_perpendicular(params: Mapping[str, Any], solution: Solution) -> bool:
    g = params
    t = Fraction(str(solution.answer))
    if g["form"] == "comps":  # exact integer/fraction arithmetic on the components
        u = [g["p"] * x + t * y for x, y in zip(g["va"], g["vb"], strict=True)]
        w = [g["r"] * x + g["s"] * y for x, y in zip(g["va"], g["vb"], strict=True)]
        return sum(x * y for x, y in zip(u, w, strict=True)) == 0
    (a1, a2), (b1, b2) = realise(g)
    tf = float(t)
    u = (g["p"] * a1 + tf * b1, g["p"] * a2 + tf * b2)
    w = (g["r"] * a1 + g["s"] * b1, g["r"] * a2 + g["s"] * b2)
    return data_consistent(g) and abs(u[0] * w[0] + u[1] * w[1]) < 1e-9


# --- |p a + t b| の最小値 ------------------------------------------------------------------

MIN_FORMS = {1: "angle", 2: "angle", 3: "norm1", 4: "perp", 5: "norm"}


def sample_min(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        form = MIN_FORMS[difficulty]
        if form == "perp":  # (a + b) ⊥ (u a - b) gives a·b = (B - uA)/(u - 1)
            na, nb, u = r.randint(1, 6), r.randint(1, 6), r.choice((2, 3, -1, -2))
            d = Fraction(nb * nb - u * na * na, u - 1)
            g: dict[str, Any] = {"form": "perp", "A": na * na, "B": nb * nb, "D": d.numerator if d.denominator == 1 else 10**6, "u": u}
        else:
            g = sample_gram(r, form)
        g["p"] = 1 if difficulty <= 3 else r.choice((1, 2, 3))
        g["ask"] = "t" if difficulty == 1 else "min"
        return g

    return draw_until(rng, draw, lambda g: gram_ok(g) and g["D"] != 0)  # a·b = 0 would put the minimum at t = 0


def solve_min(params: Mapping[str, Any]) -> Solution:
    g = params
    A, B, D, p = g["A"], g["B"], g["D"], g["p"]
    t_min = Fraction(-p * D, B)
    m2 = Fraction(p * p * A) - Fraction(p * p * D * D, B)
    steps = gram_steps(g) if g["form"] != "perp" else {"form": "perp", "A": A, "B": B, "D": D, "na": _sqrt_tex(A), "nb": _sqrt_tex(B)}
    if g["form"] == "perp":
        u = g["u"]
        steps.update(w=_combo(u, -1), pexp=f"{join_terms([str(u * A), coef_term(u - 1, DOT), str(-B)])} = 0")
    sq = join_terms([coef_term(B, "t^2"), coef_term(2 * p * D, "t"), str(p * p * A)])
    vertex = join_terms([coef_term(B, f"\\left(t {'+' if t_min < 0 else '-'} {num(abs(t_min))}\\right)^2" if t_min else "t^2"), num(m2)])
    value: Any = sp.Rational(t_min.numerator, t_min.denominator) if g["ask"] == "t" else sp.sqrt(sp.Rational(m2.numerator, m2.denominator))
    latex = num(t_min) if g["ask"] == "t" else tex(value)
    steps.update(given=given_text(g), sp=" " if given_text(g).endswith("$") else "", u=_combo(p, "t"), sq=sq, vertex=vertex, t_min=num(t_min), m2=num(m2), min=tex(sp.sqrt(sp.Rational(m2.numerator, m2.denominator))))
    return Solution(answer=value, answer_latex=latex, steps=steps)


def verify_min(params: Mapping[str, Any], solution: Solution) -> bool:
    g = params
    if g["form"] == "perp":  # the perpendicularity the problem states must hold for the realised vectors
        (a1, a2), (b1, b2) = realise(g)
        u = g["u"]
        if abs((a1 + b1) * (u * a1 - b1) + (a2 + b2) * (u * a2 - b2)) > 1e-9:
            return False
    elif not data_consistent(g):
        return False
    (a1, a2), (b1, b2) = realise(g)
    p = g["p"]

    def f(t: float) -> float:
        return math.hypot(p * a1 + t * b1, p * a2 + t * b2)

    lo, hi = -200.0, 200.0
    for _ in range(200):  # golden-section search on a convex function
        m1, m2 = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    t = (lo + hi) / 2
    got = t if g["ask"] == "t" else f(t)
    return abs(got - float(solution.answer)) < 1e-6


# --- 三角形の内部の点と比 -------------------------------------------------------------------

RATIO_ASKS = {1: ("BD_DC", "AD_vec"), 2: ("AP_PD", "AP_vec"), 3: ("PBC_ABC", "AD_vec"), 4: ("AE_EC", "CE_EA"), 5: ("PAB_PCA", "PCA_ABC")}


def sample_ratio(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        return {"l": r.randint(1, 9), "m": r.randint(1, 9), "n": r.randint(1, 9), "ask": r.choice(RATIO_ASKS[difficulty])}

    return draw_until(rng, draw, lambda p: math.gcd(math.gcd(p["l"], p["m"]), p["n"]) == 1)


ASK_TEXT = {
    "BD_DC": "直線 $\\mathrm{AP}$ と辺 $\\mathrm{BC}$ の交点を $\\mathrm{D}$ とするとき，$\\dfrac{\\mathrm{BD}}{\\mathrm{DC}}$ の値を求めよ",
    "AP_PD": "直線 $\\mathrm{AP}$ と辺 $\\mathrm{BC}$ の交点を $\\mathrm{D}$ とするとき，$\\dfrac{\\mathrm{AP}}{\\mathrm{PD}}$ の値を求めよ",
    "PBC_ABC": "$\\triangle \\mathrm{PBC}$ の面積は $\\triangle \\mathrm{ABC}$ の面積の何倍か求めよ",
    "AE_EC": "直線 $\\mathrm{BP}$ と辺 $\\mathrm{CA}$ の交点を $\\mathrm{E}$ とするとき，$\\dfrac{\\mathrm{AE}}{\\mathrm{EC}}$ の値を求めよ",
    "CE_EA": "直線 $\\mathrm{BP}$ と辺 $\\mathrm{CA}$ の交点を $\\mathrm{E}$ とするとき，$\\dfrac{\\mathrm{CE}}{\\mathrm{EA}}$ の値を求めよ",
    "PAB_PCA": "$\\triangle \\mathrm{PAB}$ の面積は $\\triangle \\mathrm{PCA}$ の面積の何倍か求めよ",
    "PCA_ABC": "$\\triangle \\mathrm{PCA}$ の面積は $\\triangle \\mathrm{ABC}$ の面積の何倍か求めよ",
    "AD_vec": "直線 $\\mathrm{AP}$ と辺 $\\mathrm{BC}$ の交点を $\\mathrm{D}$ とするとき，$\\vec{b} = \\overrightarrow{AB}$，$\\vec{c} = \\overrightarrow{AC}$ として $\\overrightarrow{AD}$ を $\\vec{b}$，$\\vec{c}$ で表せ",
    "AP_vec": "$\\vec{b} = \\overrightarrow{AB}$，$\\vec{c} = \\overrightarrow{AC}$ として，$\\overrightarrow{AP}$ を $\\vec{b}$，$\\vec{c}$ で表せ",
}
VB_, VC_ = "\\vec{b}", "\\vec{c}"


def _vector_answer(p: Mapping[str, Any]) -> tuple[Any, str, Fraction, Fraction]:
    """AD = (m b + n c)/(m + n) or AP = (m b + n c)/(l + m + n) as an equation and its LaTeX."""
    l_, m, n = p["l"], p["m"], p["n"]
    total = (m + n) if p["ask"] == "AD_vec" else (l_ + m + n)
    cb, cc = Fraction(m, total), Fraction(n, total)
    name = "AD" if p["ask"] == "AD_vec" else "AP"
    lhs = sp.Symbol(f"\\overrightarrow{{{name}}}")
    value = sp.Eq(lhs, sp.Rational(cb.numerator, cb.denominator) * sp.Symbol(VB_) + sp.Rational(cc.numerator, cc.denominator) * sp.Symbol(VC_),
                  evaluate=False)
    return value, f"\\overrightarrow{{{name}}} = " + join_terms([coef_term(cb, VB_), coef_term(cc, VC_)]), cb, cc


def _ratio_value(p: Mapping[str, Any]) -> Fraction:
    l_, m, n = p["l"], p["m"], p["n"]
    total = l_ + m + n
    return {"BD_DC": Fraction(n, m), "AP_PD": Fraction(m + n, l_), "PBC_ABC": Fraction(l_, total),
            "AE_EC": Fraction(n, l_), "CE_EA": Fraction(l_, n), "PAB_PCA": Fraction(n, m), "PCA_ABC": Fraction(m, total)}[p["ask"]]


def solve_ratio(params: Mapping[str, Any]) -> Solution:
    p = params
    l_, m, n = p["l"], p["m"], p["n"]
    total = l_ + m + n
    v = _ratio_value(p) if not p["ask"].endswith("_vec") else Fraction(0)
    ab, ac, ap = "\\overrightarrow{AB}", "\\overrightarrow{AC}", "\\overrightarrow{AP}"
    pa, pb, pc = "\\overrightarrow{PA}", "\\overrightarrow{PB}", "\\overrightarrow{PC}"
    top = f"{coef_term(m, ab)} + {coef_term(n, ac)}"
    steps = {
        "cond": f"{coef_term(l_, pa)} + {coef_term(m, pb)} + {coef_term(n, pc)} = \\vec{{0}}",
        "rewrite": f"-{coef_term(l_, ap)} + {coef_term(m, '(' + ab + ' - ' + ap + ')')} + {coef_term(n, '(' + ac + ' - ' + ap + ')')} = \\vec{{0}}",
        "ap": f"{ap} = \\frac{{{top}}}{{{total}}}",
        "ap2": f"{ap} = {num(Fraction(m + n, total))} \\cdot \\frac{{{top}}}{{{m + n}}}",
        "total": total, "mn": m + n, "ln": l_ + n, "value": num(v),
        "ask_text": ASK_TEXT[p["ask"]], "l": l_, "m": m, "n": n,
        "ad_ratio": _ratio_tex(m + n, l_), "bd": _ratio_tex(n, m), "ae": _ratio_tex(n, l_), "areas": f"{l_} : {m} : {n}",
        "ap_ad": _ratio_tex(m + n, total), "pd_ad": _ratio_tex(l_, total),
    }
    if p["ask"].endswith("_vec"):
        value, latex, _cb, _cc = _vector_answer(p)
        steps["value"] = latex
        steps["ad"] = f"\\overrightarrow{{AD}} = \\frac{{{coef_term(m, VB_)} + {coef_term(n, VC_)}}}{{{m + n}}}"
        steps["ap_bc"] = f"\\overrightarrow{{AP}} = \\frac{{{coef_term(m, VB_)} + {coef_term(n, VC_)}}}{{{total}}}"
        return Solution(answer=value, answer_latex=latex, steps=steps)
    return Solution(answer=sp.Rational(v.numerator, v.denominator), answer_latex=num(v), steps=steps)


def _ratio_tex(x: int, y: int) -> str:
    """``x : y`` in lowest terms."""
    g = math.gcd(x, y)
    return f"{x // g} : {y // g}"


def _cross(o: tuple[Fraction, Fraction], a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _meet(p1: tuple[Fraction, Fraction], p2: tuple[Fraction, Fraction], q1: tuple[Fraction, Fraction],
          q2: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
    """Intersection of the lines p1p2 and q1q2 (Cramer's rule)."""
    d1 = (p2[0] - p1[0], p2[1] - p1[1])
    d2 = (q2[0] - q1[0], q2[1] - q1[1])
    det = d1[0] * (-d2[1]) + d2[0] * d1[1]
    rx, ry = q1[0] - p1[0], q1[1] - p1[1]
    k = (rx * (-d2[1]) + d2[0] * ry) / det
    return (p1[0] + k * d1[0], p1[1] + k * d1[1])


def verify_ratio(params: Mapping[str, Any], solution: Solution) -> bool:
    """Concrete triangle; P from the vector equation solved as a linear system; exact lengths along lines and areas."""
    p = params
    l_, m, n = p["l"], p["m"], p["n"]
    A, B, C = (Fraction(0), Fraction(0)), (Fraction(7), Fraction(1)), (Fraction(2), Fraction(5))
    # l(A - P) + m(B - P) + n(C - P) = 0, coordinatewise
    P = tuple((l_ * A[i] + m * B[i] + n * C[i]) / (l_ + m + n) for i in range(2))
    if any(l_ * (A[i] - P[i]) + m * (B[i] - P[i]) + n * (C[i] - P[i]) != 0 for i in range(2)):
        return False

    def along(x: tuple[Fraction, Fraction], y: tuple[Fraction, Fraction], z: tuple[Fraction, Fraction]) -> Fraction:
        """XY / YZ for collinear points (ratio of x-offsets, or y-offsets on a vertical line)."""
        i = 0 if x[0] != z[0] else 1
        return (y[i] - x[i]) / (z[i] - y[i])

    D = _meet(A, P, B, C)
    E = _meet(B, P, C, A)
    area = {"ABC": abs(_cross(A, B, C)), "PBC": abs(_cross(P, B, C)), "PCA": abs(_cross(P, C, A)), "PAB": abs(_cross(P, A, B))}
    want = None if p["ask"].endswith("_vec") else {"BD_DC": along(B, D, C), "AP_PD": along(A, P, D), "PBC_ABC": area["PBC"] / area["ABC"],
            "AE_EC": along(A, E, C), "CE_EA": along(C, E, A),
            "PAB_PCA": area["PAB"] / area["PCA"], "PCA_ABC": area["PCA"] / area["ABC"]}[p["ask"]]
    if p["ask"].endswith("_vec"):  # coefficients of the answer against the coordinates of D (or P)
        target = D if p["ask"] == "AD_vec" else P
        rhs = solution.answer.rhs
        cb, cc = Fraction(str(rhs.coeff(sp.Symbol(VB_)))), Fraction(str(rhs.coeff(sp.Symbol(VC_))))
        return tuple(A[i] + cb * (B[i] - A[i]) + cc * (C[i] - A[i]) for i in range(2)) == target
    return Fraction(str(solution.answer)) == want


UNIT = Unit(
    id="mathc.vector_conditions",
    name="ベクトルの条件と図形",
    course="数学C",
    description="垂直条件から実数を決める問題, |p a + t b| の最小値, 三角形の内部の点と線分の比・面積比.",
    types=(
        ProblemType(
            id="perpendicular_parameter", name="ベクトルの垂直条件",
            sample=sample_perpendicular, solve=solve_perpendicular, verify=verify_perpendicular,
            problem_templates=numbered_templates("perp", 5), solution_template="perp_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="components → |a|, |b| and the angle → a norm |a ± b| → 3D components, general pa + tb ⊥ ra + sb → |ua + vb| given",
        ),
        ProblemType(
            id="min_norm_condition", name="大きさの最小値（条件から内積を求める）",
            sample=sample_min, solve=solve_min, verify=verify_min,
            problem_templates=numbered_templates("min_norm", 5), solution_template="min_norm_solution.j2",
            answer_form="soft", shape="multi-step",
            knobs="the t of the minimum → the minimum from an angle → from |a ± b| → from a perpendicularity, |pa + tb| → from |ua + vb|",
        ),
        ProblemType(
            id="point_in_triangle_ratio", name="三角形の内部の点と比",
            sample=sample_ratio, solve=solve_ratio, verify=verify_ratio,
            problem_templates=numbered_templates("ratio", 5), solution_template="ratio_solution.j2",
            answer_form="soft", shape="word",
            knobs="BD/DC → AP/PD → area ratio to the triangle → the second cevian (AE/EC, CE/EA) → ratio of two sub-triangles",
        ),
    ),
)
