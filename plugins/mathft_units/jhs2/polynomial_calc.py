"""式の計算 (中2): 単項式の乗除, 分数形の多項式の加減, 等式の変形."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import gcd, lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as nonzero
from mathft_units.jhs1._fmt import fr, pq, rat

VARS = ("x", "y")

# --- 単項式の乗除 -----------------------------------------------------------------------
# A factor is {"c": [p, q], "e": [ex, ey], "pow": n, "op": "*" | "/"} meaning (c x^ex y^ey)^n.


def _body(e: Sequence[int], names: Sequence[str] = VARS) -> str:
    return "".join(n if k == 1 else f"{n}^{k}" for n, k in zip(names, e, strict=True) if k)


def _mono_tex(c: Fraction, e: Sequence[int]) -> str:
    body = _body(e)
    if not body:
        return num(c)
    return coef_term(c, body)


def _factor_tex(f: Mapping[str, Any], first: bool) -> str:
    c = fr(f["c"])
    core = _mono_tex(c, f["e"])
    if f["pow"] > 1:
        return f"({core})^{f['pow']}"
    if not first and (c < 0 or "\\frac" in core):
        return f"\\left({core}\\right)" if "\\frac" in core else f"({core})"
    return core


def _factor_value(f: Mapping[str, Any]) -> tuple[Fraction, list[int]]:
    n = f["pow"]
    return fr(f["c"]) ** n, [k * n for k in f["e"]]


def _chain(factors: Sequence[Mapping[str, Any]]) -> tuple[Fraction, list[int]]:
    coef, exps = Fraction(1), [0, 0]
    for f in factors:
        c, e = _factor_value(f)
        if f["op"] == "*":
            coef *= c
            exps = [a + b for a, b in zip(exps, e, strict=True)]
        else:
            coef /= c
            exps = [a - b for a, b in zip(exps, e, strict=True)]
    return coef, exps


def _rand_mono(r: Random, difficulty: int, frac: bool) -> dict[str, Any]:
    if frac and r.random() < 0.5:
        q = r.randint(2, 5)
        c = Fraction(r.choice([k for k in range(1, 2 * q) if gcd(k, q) == 1]), q)
    else:
        c = Fraction(r.randint(1, 6 if difficulty <= 2 else 9))
    c *= r.choice((1, -1))
    e = [r.randint(0, 3), r.randint(0, 3 if difficulty >= 2 else 2)]
    if e == [0, 0]:
        e[r.randrange(2)] = 1
    return {"c": pq(c), "e": e, "pow": 1, "op": "*"}


def sample_monomial(rng: Random, difficulty: int) -> dict[str, Any]:
    frac = difficulty >= 4

    def draw(r: Random) -> dict[str, Any]:
        count = 2 if difficulty == 1 else 3 if difficulty <= 4 else r.randint(3, 4)
        factors = [_rand_mono(r, difficulty, frac) for _ in range(count)]
        for f in factors[1:]:
            f["op"] = r.choice(("*", "/"))
        if difficulty == 1 and factors[1]["op"] == "*" and r.random() < 0.6:
            factors[1]["op"] = "/"
        if difficulty >= 3:
            k = r.randrange(count)
            factors[k]["pow"] = r.choice((2, 2, 3))
            factors[k]["c"] = [r.choice((1, 2, 3)) * r.choice((1, -1)), 1]
            factors[k]["e"] = [r.randint(0, 2), r.randint(0, 2)]
            if factors[k]["e"] == [0, 0]:
                factors[k]["e"][0] = 1
        return {"factors": factors}

    def accept(p: dict[str, Any]) -> bool:
        coef, exps = _chain(p["factors"])
        if min(exps) < 0 or sum(exps) == 0 or sum(exps) > 8:
            return False
        if any(fr(f["c"]) == 0 for f in p["factors"]):
            return False
        if difficulty <= 3:
            return coef.denominator == 1 and abs(coef) <= 200
        return coef.denominator <= 12 and abs(coef.numerator) <= 200

    return draw_until(rng, draw, accept, max_tries=5000)


def solve_monomial(params: Mapping[str, Any]) -> Solution:
    factors = params["factors"]
    stated = " ".join(
        (_factor_tex(f, True) if i == 0 else ("\\times " if f["op"] == "*" else "\\div ") + _factor_tex(f, False))
        for i, f in enumerate(factors)
    )
    coef, exps = _chain(factors)
    notes = []
    for f in factors:
        if f["pow"] > 1:
            c, e = _factor_value(f)
            notes.append(f"{_factor_tex(f, True)} = {_mono_tex(c, e)}")
    top, bottom = [], []
    negatives = 0
    for f in factors:
        c, e = _factor_value(f)
        negatives += c < 0
        mono = _mono_tex(abs(c), e)
        (top if f["op"] == "*" else bottom).append(mono)
    sign = "-" if coef < 0 else ""
    frac = " \\times ".join(top)
    if bottom:
        below = " \\times ".join(bottom)
        frac = f"\\frac{{{frac}}}{{{below}}}"
    answer = _mono_tex(coef, exps)
    x, y = sp.symbols("x y")
    return Solution(
        answer=rat(coef) * x ** exps[0] * y ** exps[1],
        answer_latex=answer,
        steps={"stated": stated, "notes": notes, "negatives": negatives, "sign_word": "負" if coef < 0 else "正",
               "combined": f"{sign}{frac}", "has_div": bool(bottom)},
    )


def verify_monomial(params: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate the stated chain at sample points with exact fractions."""
    x, y = sp.symbols("x y")
    for xv, yv in ((Fraction(2), Fraction(3)), (Fraction(-1, 2), Fraction(5)), (Fraction(3, 7), Fraction(-2, 3))):
        value = Fraction(1)
        for f in params["factors"]:
            base = fr(f["c"]) * xv ** f["e"][0] * yv ** f["e"][1]
            term = base ** f["pow"]
            value = value * term if f["op"] == "*" else value / term
        if solution.answer.subs({x: rat(xv), y: rat(yv)}) != rat(value):
            return False
    return True


# --- 分数形の多項式 -----------------------------------------------------------------------
# A part is {"k": [p, q], "a": int, "b": int, "m": int}: k(ax + by)/m.


def _part_body(p: Mapping[str, Any]) -> str:
    return join_terms([coef_term(p["a"], "x"), coef_term(p["b"], "y")])


def _part_tex(p: Mapping[str, Any], first: bool) -> str:
    k = fr(p["k"])
    body = _part_body(p)
    if p["m"] > 1:
        core = f"\\frac{{{body}}}{{{p['m']}}}"
        text = core if abs(k) == 1 else f"{num(abs(k))} \\times {core}"
    elif p["a"] == 0 or p["b"] == 0:
        text = coef_term(abs(k) * (p["a"] or p["b"]), "x" if p["a"] else "y")
        if text.startswith("-"):
            k = -k
            text = text[1:]
    else:
        text = f"{num(abs(k)) if abs(k) != 1 else ''}({body})"
    if first:
        return text if k > 0 else f"-{text}"
    return f"{'+' if k > 0 else '-'} {text}"


def _poly_coeffs(parts: Sequence[Mapping[str, Any]]) -> tuple[int, Fraction, Fraction, list[Fraction]]:
    big = lcm(*[p["m"] for p in parts])
    mults = [fr(p["k"]) * Fraction(big, p["m"]) for p in parts]
    a = sum((mu * p["a"] for mu, p in zip(mults, parts, strict=True)), Fraction(0))
    b = sum((mu * p["b"] for mu, p in zip(mults, parts, strict=True)), Fraction(0))
    return big, a, b, mults


def _rand_part(r: Random, m: int, k: Fraction) -> dict[str, Any]:
    return {"k": pq(k), "a": nonzero(r, -9, 9), "b": nonzero(r, -9, 9), "m": m}


def sample_fraction_poly(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        if difficulty == 1:
            parts = [_rand_part(r, 1, Fraction(r.randint(2, 6))), _rand_part(r, 1, Fraction(nonzero(r, -6, 6)))]
        elif difficulty == 2:
            parts = [_rand_part(r, 1, Fraction(r.randint(2, 5)) * (1 if i == 0 else r.choice((1, -1)))) for i in range(3)]
        elif difficulty == 3:
            ms = r.sample((2, 3, 4, 5, 6), 2)
            parts = [_rand_part(r, m, Fraction(1 if i == 0 else r.choice((1, -1)))) for i, m in enumerate(ms)]
        elif difficulty == 4:
            m = r.choice((2, 3, 4, 5, 6, 7, 8, 9))
            mono = {"k": [1, 1], "a": nonzero(r, -5, 5), "b": 0, "m": 1}
            if r.random() < 0.5:
                mono["a"], mono["b"] = 0, nonzero(r, -5, 5)
            parts = [mono, _rand_part(r, m, Fraction(r.choice((1, -1)) * r.choice((1, 1, 2, 3))))]
            if r.random() < 0.5:
                parts.reverse()
                parts[1]["k"] = [r.choice((1, -1)), 1]
        else:
            ms = r.sample((2, 3, 4, 5, 6, 8, 9, 10, 12), 3)
            parts = [_rand_part(r, m, Fraction(1 if i == 0 else r.choice((1, -1)))) for i, m in enumerate(ms)]
        if fr(parts[0]["k"]) < 0:
            parts[0]["k"] = pq(-fr(parts[0]["k"]))
        return {"parts": parts}

    def accept(p: dict[str, Any]) -> bool:
        parts = p["parts"]
        if any(q["m"] > 1 and gcd(gcd(q["a"], q["b"]), q["m"]) > 1 for q in parts):
            return False
        big, a, b, _ = _poly_coeffs(parts)
        if a == 0 or b == 0:
            return False
        if big > 1:
            g = gcd(gcd(int(a), int(b)), big)
            return a > 0 and big // g > 1
        return True

    return draw_until(rng, draw, accept)


def solve_fraction_poly(params: Mapping[str, Any]) -> Solution:
    parts = params["parts"]
    big, a, b, mults = _poly_coeffs(parts)
    stated = " ".join(_part_tex(p, i == 0) for i, p in enumerate(parts))
    pieces = []
    for mu, p in zip(mults, parts, strict=True):
        pieces += [coef_term(mu * p["a"], "x"), coef_term(mu * p["b"], "y")]
    expanded = join_terms(pieces)
    x, y = sp.symbols("x y")
    if big > 1:
        g = gcd(gcd(int(a), int(b)), big)
        bracket = []
        for i, (mu, p) in enumerate(zip(mults, parts, strict=True)):
            body = _part_body(p)
            if not (p["a"] and p["b"]):  # one term: its own sign, never "+ -32y"
                val = mu * (p["a"] or p["b"])
                term = coef_term(abs(val), "x" if p["a"] else "y")
                bracket.append(f"{'-' if val < 0 else ''}{term}" if i == 0 else f"{'- ' if val < 0 else '+ '}{term}")
                continue
            core = body if (p["a"] == 0 or p["b"] == 0) and abs(mu) == 1 else f"({body})"
            core = core if abs(mu) == 1 else f"{num(abs(mu))}({body})" if p["a"] and p["b"] else coef_term(abs(mu) * (p["a"] or p["b"]), "x" if p["a"] else "y")
            sign = "" if i == 0 and mu > 0 else "-" if i == 0 else "+ " if mu > 0 else "- "
            bracket.append(f"{sign}{core}")
        num_tex = join_terms([coef_term(a, "x"), coef_term(b, "y")])
        answer = f"\\frac{{{join_terms([coef_term(a / g, 'x'), coef_term(b / g, 'y')])}}}{{{big // g}}}"
        value = (rat(a / g) * x + rat(b / g) * y) / (big // g)
        steps = {"fraction": True, "lcd": big, "combined": " ".join(bracket), "expanded": expanded,
                 "collected": f"\\frac{{{num_tex}}}{{{big}}}", "reduced": g > 1, "g": g}
    else:
        answer = join_terms([coef_term(a, "x"), coef_term(b, "y")])
        value = rat(a) * x + rat(b) * y
        steps = {"fraction": False, "expanded": expanded}
    return Solution(answer=value, answer_latex=answer, steps={**steps, "stated": stated})


def verify_fraction_poly(params: Mapping[str, Any], solution: Solution) -> bool:
    """Evaluate every part at sample points and compare with the answer."""
    x, y = sp.symbols("x y")
    for xv, yv in ((2, 5), (-3, 1), (7, -4)):
        direct = sum(
            (fr(p["k"]) * Fraction(p["a"] * xv + p["b"] * yv, p["m"]) for p in params["parts"]), Fraction(0)
        )
        if solution.answer.subs({x: xv, y: yv}) != rat(direct):
            return False
    return True


# --- 等式の変形 -------------------------------------------------------------------------
# A linear relation sum(c_i v_i) + const = 0 written in one of several textbook shapes.

_LETTER_SETS = (("x", "y"), ("a", "b"), ("x", "y", "z"), ("a", "b", "c"), ("p", "q"))
_FORMULAS = (
    ("S", ("a", "h")),
    ("S", ("a", "b")),
    ("V", ("S", "h")),
    ("V", ("a", "b", "h")),
    ("V", ("a", "b", "c")),
    ("P", ("m", "n")),
    ("W", ("x", "y")),
    ("A", ("b", "c")),
    ("M", ("p", "q", "r")),
    ("L", ("s", "t")),
)


def sample_transform(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 5:
        lhs, letters = rng.choice(_FORMULAS)
        target = rng.choice(letters)
        q = rng.randint(1, 9)
        p = rng.choice([k for k in range(1, 13) if gcd(k, q) == 1])
        return {"kind": "product", "lhs": lhs, "letters": list(letters), "target": target, "k": [p, q]}

    def draw(r: Random) -> dict[str, Any]:
        names = list(r.choice((*_LETTER_SETS[:2], ("x", "y"))) if difficulty <= 3 else r.choice(_LETTER_SETS))
        coeffs = [nonzero(r, -9, 9) for _ in names]
        const = nonzero(r, -12, 12)
        target = r.choice(names)
        shape = {1: "plain", 2: "plain", 3: "fractions", 4: "bracket"}[difficulty]
        dens = [r.randint(2, 6) for _ in names] if shape == "fractions" else [1] * len(names)
        outer = r.randint(2, 4) * r.choice((1, -1)) if shape == "bracket" else 1
        if shape == "bracket":
            coeffs[0], coeffs[1] = outer * nonzero(r, -3, 3), outer * nonzero(r, -3, 3)
        return {"kind": "linear", "names": names, "coeffs": coeffs, "dens": dens, "const": const,
                "target": target, "shape": shape, "outer": outer}

    def accept(p: dict[str, Any]) -> bool:
        t = p["names"].index(p["target"])
        ct = Fraction(p["coeffs"][t], p["dens"][t])
        if any(p["coeffs"][i] % p["dens"][i] == 0 and p["dens"][i] > 1 for i in range(len(p["names"]))):
            return False
        if any(gcd(p["coeffs"][i], p["dens"][i]) > 1 for i in range(len(p["names"]))):
            return False
        others = [Fraction(p["coeffs"][i], p["dens"][i]) / ct for i in range(len(p["names"])) if i != t]
        const = Fraction(p["const"]) / ct
        if difficulty == 1:
            return all(o.denominator == 1 for o in others) and const.denominator == 1 and abs(ct) != 1
        return abs(ct) != 1 and any(o.denominator > 1 for o in [*others, const])

    return draw_until(rng, draw, accept, max_tries=5000)


def _linear_sides(p: Mapping[str, Any]) -> tuple[str, list[tuple[Fraction, str]], Fraction]:
    """The stated equation; the (coefficient, letter) terms of the left side; the right side."""
    names, coeffs, dens = p["names"], p["coeffs"], p["dens"]
    if p["shape"] == "fractions":
        terms = []
        for c, d, n in zip(coeffs, dens, names, strict=True):
            body = f"\\frac{{{coef_term(abs(c), n)}}}{{{d}}}"
            terms.append(body if c > 0 else f"-{body}")
        stated = f"{join_terms(terms)} = {p['const']}"
    elif p["shape"] == "bracket":
        # outer * (first part) + rest = const, with the first part inside brackets
        outer = p["outer"]
        inner = [(Fraction(coeffs[0], 1) / outer, names[0]), (Fraction(coeffs[1], 1) / outer, names[1])]
        if any(c.denominator != 1 for c, _ in inner):
            inner_tex = join_terms([coef_term(coeffs[0], names[0]), coef_term(coeffs[1], names[1])])
            stated_lhs = inner_tex
        else:
            inner_tex = join_terms([coef_term(c, n) for c, n in inner])
            stated_lhs = f"{num(outer)}({inner_tex})"
        rest = [coef_term(c, n) for c, n in zip(coeffs[2:], names[2:], strict=True)]
        stated = f"{join_terms([stated_lhs, *rest])} = {p['const']}"
    else:
        stated = f"{join_terms([coef_term(c, n) for c, n in zip(coeffs, names, strict=True)])} = {p['const']}"
    terms = [(Fraction(c, d), n) for c, d, n in zip(coeffs, dens, names, strict=True)]
    return stated, terms, Fraction(p["const"])


def _sym(name: str) -> sp.Symbol:
    return sp.Symbol(name.replace("\\ell", "l"))


def solve_transform(params: Mapping[str, Any]) -> Solution:
    if params["kind"] == "product":
        return _solve_product(params)
    stated, terms, const = _linear_sides(params)
    t = params["target"]
    ct = next(c for c, n in terms if n == t)
    others = [(c, n) for c, n in terms if n != t]
    moved = join_terms([coef_term(-c, n) for c, n in others] + [num(const)])
    result_terms = [(-c / ct, n) for c, n in others]
    answer = f"{t} = {join_terms([coef_term(c, n) for c, n in result_terms] + [num(const / ct)])}"
    value = sum((rat(c) * _sym(n) for c, n in result_terms), rat(const / ct))
    return Solution(
        answer=sp.Eq(_sym(t), value),
        answer_latex=answer,
        steps={"stated": stated, "moved": f"{coef_term(ct, t)} = {moved}", "ct": num(ct),
               "expanded": " = ".join([join_terms([coef_term(c, n) for c, n in terms]), num(const)]),
               "show_expanded": params["shape"] != "plain", "fractions": params["shape"] == "fractions",
               "lcd": lcm(*params["dens"])},
    )


def _solve_product(params: Mapping[str, Any]) -> Solution:
    k = fr(params["k"])
    lhs, letters, target = params["lhs"], params["letters"], params["target"]
    others = [n for n in letters if n != target]
    prod_tex = "".join(letters)
    rhs = f"{coef_term(k, prod_tex)}" if k != 1 else prod_tex
    stated = f"{lhs} = {rhs}"
    # target = lhs / (k * others) = (q * lhs) / (p * others)
    p, q = k.numerator, k.denominator
    top = f"{q if q != 1 else ''}{lhs}"
    bottom = f"{p if p != 1 else ''}{''.join(others)}"
    answer = f"{target} = \\frac{{{top}}}{{{bottom}}}"
    value = rat(Fraction(q, p)) * _sym(lhs) / sp.Mul(*[_sym(n) for n in others])
    return Solution(
        answer=sp.Eq(_sym(target), value),
        answer_latex=answer,
        steps={"stated": stated, "swap": f"{rhs} = {lhs}", "k": num(k), "others": "".join(others),
               "mult": q, "q": q, "p": p, "top": top, "bottom": bottom,
               # multiplying both sides by the denominator q clears the fraction: p·(letters) = q·lhs
               "cleared": f"{p if p != 1 else ''}{prod_tex} = {top}"},
    )


def verify_transform(params: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the rearranged expression back into the original relation at sample points."""
    target = _sym(params["target"])
    expr = solution.answer.rhs
    if params["kind"] == "product":
        letters = [_sym(n) for n in params["letters"]]
        lhs = _sym(params["lhs"])
        original = lhs - rat(fr(params["k"])) * sp.Mul(*letters)
    else:
        letters = [_sym(n) for n in params["names"]]
        original = sum(
            (rat(Fraction(c, d)) * v for c, d, v in zip(params["coeffs"], params["dens"], letters, strict=True)),
            sp.Integer(0),
        ) - params["const"]
        lhs = None
    free = sorted((s for s in original.free_symbols if s != target), key=str)
    for trial in ((2, 3, 5, 7), (-1, 4, 9, 2), (Fraction(1, 2), 3, -5, 11)):
        subs = {s: rat(Fraction(v)) for s, v in zip(free, trial, strict=False)}
        if original.xreplace({**subs, target: expr.xreplace(subs)}) != 0:
            return False
    return lhs is None or target not in expr.free_symbols


UNIT = Unit(
    id="jhs2.polynomial_calc",
    name="式の計算",
    course="中2",
    description="単項式の乗除 (累乗を含む)，分数形の多項式の加減，等式の変形",
    types=(
        ProblemType(
            id="monomial_muldiv",
            name="単項式の乗除",
            sample=sample_monomial,
            solve=solve_monomial,
            verify=verify_monomial,
            problem_templates=("monomial_1.j2", "monomial_2.j2", "monomial_3.j2"),
            solution_template="monomial_solution.j2",
            answer_form="strict",
            knobs="1: 2つの単項式; 2: 3つの単項式; 3: 累乗を含む; 4: 分数の係数; 5: 4つまでの単項式と累乗・分数",
        ),
        ProblemType(
            id="fraction_polynomial",
            name="分数形の多項式",
            sample=sample_fraction_poly,
            solve=solve_fraction_poly,
            verify=verify_fraction_poly,
            problem_templates=("fraction_1.j2", "fraction_2.j2", "fraction_3.j2"),
            solution_template="fraction_solution.j2",
            answer_form="strict",
            knobs="1: かっこ2つ; 2: かっこ3つ; 3: 分数2つ; 4: 単項式と分数・係数つき; 5: 分数3つ",
        ),
        ProblemType(
            id="transform",
            name="等式の変形",
            sample=sample_transform,
            solve=solve_transform,
            verify=verify_transform,
            problem_templates=("transform_1.j2", "transform_2.j2", "transform_3.j2"),
            solution_template="transform_solution.j2",
            answer_form="strict",
            knobs="1: 整数の係数で割り切れる; 2: 分数の係数; 3: 分数の項; 4: かっこ・3文字; 5: 積の公式 (S = kah など)",
        ),
    ),
)
