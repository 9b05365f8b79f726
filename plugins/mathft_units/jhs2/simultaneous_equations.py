"""連立方程式 (中2): 加減法・代入法, 係数の決定, 割合・速さ・代金の文章題."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import lcm
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import coef_term, join_terms, num
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_core.units import nonzero_int as nonzero
from mathft_units._jhs_fmt import fr, pq
from mathft_units.jhs2._system import eliminate, row_tex

LABELS = ("①", "②", "③", "④", "⑤")


def _assign(names: Sequence[str], values: Sequence[Fraction]) -> tuple[sp.FiniteSet, str]:
    value = sp.FiniteSet(*[sp.Eq(sp.Symbol(n), sp.Rational(v.numerator, v.denominator)) for n, v in zip(names, values, strict=True)])
    return value, ", ".join(f"{n} = {num(v)}" for n, v in zip(names, values, strict=True))


# --- 連立方程式を解く ----------------------------------------------------------------------
# An equation is {"kind": "plain" | "bracket" | "frac" | "dec", ...} with a normal form
# sum(coef_i * var_i) = c; "coef" lists the normal-form coefficients.


def _dec(v: Fraction) -> str:
    sign = "-" if v < 0 else ""
    v = abs(v)
    whole, rest = divmod(v.numerator * (10 // v.denominator), 10)
    return f"{sign}{whole}" if rest == 0 else f"{sign}{whole}.{rest}"


def _eq_tex(eq: Mapping[str, Any], names: Sequence[str]) -> str:
    coef = [fr(c) for c in eq["coef"]]
    c = fr(eq["c"])
    kind = eq["kind"]
    if kind == "bracket":
        k, inner = eq["k"], [fr(v) for v in eq["inner"]]
        rest = [coef[i] - k * inner[i] for i in range(len(names))]
        inside = join_terms([coef_term(inner[i], n) for i, n in enumerate(names)])
        lead = f"{num(k) if abs(k) != 1 else ('' if k == 1 else '-')}({inside})"
        return f"{join_terms([lead] + [coef_term(rest[i], n) for i, n in enumerate(names)])} = {num(c)}"
    if kind == "frac":
        terms = []
        for ci, n in zip(coef, names, strict=True):
            if ci.denominator == 1:
                terms.append(coef_term(ci, n))
            else:
                body = f"\\frac{{{coef_term(abs(ci.numerator), n)}}}{{{ci.denominator}}}"
                terms.append(body if ci > 0 else f"-{body}")
        return f"{join_terms(terms)} = {num(c)}"
    if kind == "dec":
        terms = []
        for ci, n in zip(coef, names, strict=True):
            body = n if abs(ci) == 1 else f"{_dec(abs(ci))}{n}"
            terms.append(body if ci > 0 else f"-{body}")
        return f"{join_terms(terms)} = {_dec(c)}"
    return f"{join_terms([coef_term(ci, n) for ci, n in zip(coef, names, strict=True)])} = {num(c)}"


def _normal(eq: Mapping[str, Any]) -> tuple[list[Fraction], Fraction]:
    """Integer normal form (分母・小数をはらった形)."""
    coef = [fr(c) for c in eq["coef"]]
    c = fr(eq["c"])
    m = lcm(*[x.denominator for x in [*coef, c]])
    return [x * m for x in coef], c * m


def _draw_system(r: Random, difficulty: int) -> dict[str, Any]:
    n = 3 if difficulty == 5 else 2
    names = ["x", "y", "z"][:n]
    sol = [nonzero(r, -9, 9) for _ in range(n)]
    eqs = []
    for i in range(n):
        coef = [Fraction(nonzero(r, -9 if difficulty >= 2 else -5, 9 if difficulty >= 2 else 5)) for _ in range(n)]
        kind = "plain"
        extra: dict[str, Any] = {}
        if difficulty == 1 and i == 0:
            coef[r.randrange(n)] = Fraction(r.choice((1, -1)))
        if difficulty == 3 and i < 2:
            kind = "bracket"
            k = r.choice((2, 3, -2, 4))
            inner = [Fraction(nonzero(r, -3, 3)) for _ in range(n)]
            coef = [k * inner[j] + nonzero(r, -4, 4) * (j == r.randrange(n)) for j in range(n)]
            extra = {"k": k, "inner": [pq(v) for v in inner]}
        if difficulty == 4:
            if i == 0:
                kind = "frac"
                coef = [Fraction(nonzero(r, -5, 5), r.randint(2, 6)) for _ in range(n)]
            else:
                kind = "dec"
                coef = [Fraction(nonzero(r, -19, 19), 10) for _ in range(n)]
        c = sum((coef[j] * sol[j] for j in range(n)), Fraction(0))
        eqs.append({"kind": kind, "coef": [pq(v) for v in coef], "c": pq(c), **extra})
    return {"names": names, "eqs": eqs, "sol": sol}


def _system_ok(p: dict[str, Any]) -> bool:
    rows = [_normal(e) for e in p["eqs"]]
    matrix = sp.Matrix([[int(v) for v in coef] for coef, _ in rows])
    if matrix.det() == 0:
        return False
    if any(any(v == 0 for v in coef) for coef, _ in rows):
        return False
    for e in p["eqs"]:
        if e["kind"] == "dec" and fr(e["c"]).denominator not in (1, 2, 5, 10):
            return False
        if e["kind"] == "bracket" and fr(e["c"]) == 0:
            return False
    if len(rows) == 2:
        (a1, b1), (a2, b2) = rows[0][0], rows[1][0]
        return a1 * b2 != a2 * b1
    try:
        _solve_three(rows)
    except ValueError:
        return False
    return True


def sample_system(rng: Random, difficulty: int) -> dict[str, Any]:
    return draw_until(rng, lambda r: _draw_system(r, difficulty), _system_ok, max_tries=5000)


def solve_system(params: Mapping[str, Any]) -> Solution:
    names, eqs = params["names"], params["eqs"]
    stated = [_eq_tex(e, names) for e in eqs]
    normals = [_normal(e) for e in eqs]
    tidy = [
        {"label": LABELS[i], "tex": row_tex((c[0], c[1], k)) if len(names) == 2 else
         f"{join_terms([coef_term(v, n) for v, n in zip(c, names, strict=True)])} = {num(k)}"}
        for i, (c, k) in enumerate(normals)
        if eqs[i]["kind"] != "plain"
    ]
    if len(names) == 2:
        r1 = (normals[0][0][0], normals[0][0][1], normals[0][1])
        r2 = (normals[1][0][0], normals[1][0][1], normals[1][1])
        work = eliminate(r1, r2)
        values = [work["uval"], work["vval"]]
        steps = {"work": work, "three": False}
    else:
        steps, values = _solve_three(normals)
    value, latex = _assign(names, values)
    return Solution(answer=value, answer_latex=latex,
                    steps={**steps, "stated": stated, "tidy": tidy, "labels": LABELS[: len(names)]})


def _solve_three(normals: Sequence[tuple[list[Fraction], Fraction]]) -> tuple[dict[str, Any], list[Fraction]]:
    """Eliminate z from (①, ②) and (①, ③), solve the 2×2 system, back-substitute into ①."""
    (c1, k1), (c2, k2), (c3, k3) = normals

    def drop_z(ca: list[Fraction], ka: Fraction, cb: list[Fraction], kb: Fraction) -> tuple[Fraction, Fraction, Fraction]:
        ma, mb = cb[2], ca[2]
        return (ca[0] * ma - cb[0] * mb, ca[1] * ma - cb[1] * mb, ka * ma - kb * mb)

    r4 = drop_z(c1, k1, c2, k2)
    r5 = drop_z(c1, k1, c3, k3)
    work = eliminate(r4, r5)
    xv, yv = work["uval"], work["vval"]
    zv = (k1 - c1[0] * xv - c1[1] * yv) / c1[2]
    steps = {
        "three": True, "work": work, "r4": row_tex(r4), "r5": row_tex(r5),
        "m12": f"{num(c2[2])}, {num(c1[2])}", "m13": f"{num(c3[2])}, {num(c1[2])}",
        "z_line": f"{join_terms([num(c1[0] * xv), num(c1[1] * yv), coef_term(c1[2], 'z')])} = {num(k1)}",
        "z_result": f"z = {num(zv)}",
    }
    return steps, [xv, yv, zv]


def verify_system(params: Mapping[str, Any], solution: Solution) -> bool:
    """Substitute the answer into every stated equation."""
    values = {str(eq.lhs): Fraction(int(eq.rhs.p), int(eq.rhs.q)) for eq in solution.answer.args}
    for e in params["eqs"]:
        coef = [fr(c) for c in e["coef"]]
        lhs = sum((c * values[n] for c, n in zip(coef, params["names"], strict=True)), Fraction(0))
        if lhs != fr(e["c"]):
            return False
    return [values[n] for n in params["names"]] == [Fraction(v) for v in params["sol"]]


# --- 係数の決定 --------------------------------------------------------------------------


def sample_coeffs(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "signs", 2: "swap", 3: "swap", 4: "shared", 5: "shared"}[difficulty]
    hi = 5 if difficulty <= 2 else 9

    def draw(r: Random) -> dict[str, Any]:
        a, b = nonzero(r, -hi, hi), nonzero(r, -hi, hi)
        x0, y0 = nonzero(r, -hi, hi), nonzero(r, -hi, hi)
        p = {"kind": kind, "a": a, "b": b, "x0": x0, "y0": y0}
        if kind == "shared":
            p["p"] = [nonzero(r, -6, 6), nonzero(r, -6, 6), nonzero(r, -6, 6), nonzero(r, -6, 6)]
        return p

    def accept(p: dict[str, Any]) -> bool:
        if p["a"] == p["b"]:
            return False
        rows = _coef_rows(p)
        (a1, b1, _), (a2, b2, _) = rows
        if a1 * b2 - a2 * b1 == 0 or b1 == 0 or b2 == 0:
            return False
        if p["kind"] == "shared":
            p1, q1, p2, q2 = p["p"]
            return p1 * q2 - p2 * q1 != 0
        return True

    return draw_until(rng, draw, accept)


def _coef_rows(p: Mapping[str, Any]) -> list[tuple[Fraction, Fraction, Fraction]]:
    """The two equations in (a, b) after substituting x0, y0."""
    a, b, x0, y0 = p["a"], p["b"], p["x0"], p["y0"]
    if p["kind"] == "signs":  # ax + by = c1, ax - by = c2
        return [(Fraction(x0), Fraction(y0), Fraction(a * x0 + b * y0)), (Fraction(x0), Fraction(-y0), Fraction(a * x0 - b * y0))]
    if p["kind"] == "swap":  # ax + by = c1, bx + ay = c2
        return [(Fraction(x0), Fraction(y0), Fraction(a * x0 + b * y0)), (Fraction(y0), Fraction(x0), Fraction(b * x0 + a * y0))]
    # shared: ax + by = s1, bx - ay = s2
    return [(Fraction(x0), Fraction(y0), Fraction(a * x0 + b * y0)), (Fraction(-y0), Fraction(x0), Fraction(b * x0 - a * y0))]


def _letter_eq(ca: int, cb: int, c: int, u: str = "a", v: str = "b") -> str:
    """``ax + by = 7`` style equation with letters as coefficients."""
    return f"{join_terms([f'{u}x' if ca == 1 else f'-{u}x', f'{v}y' if cb == 1 else f'-{v}y'])} = {c}"


def solve_coeffs(params: Mapping[str, Any]) -> Solution:
    a, b, x0, y0, kind = params["a"], params["b"], params["x0"], params["y0"], params["kind"]
    rows = _coef_rows(params)
    if kind == "signs":
        system = [f"ax + by = {a * x0 + b * y0}", f"ax - by = {a * x0 - b * y0}"]
    elif kind == "swap":
        system = [f"ax + by = {a * x0 + b * y0}", f"bx + ay = {b * x0 + a * y0}"]
    else:
        p1, q1, p2, q2 = params["p"]
        system = [
            row_tex((Fraction(p1), Fraction(q1), Fraction(p1 * x0 + q1 * y0))),
            f"ax + by = {a * x0 + b * y0}",
            row_tex((Fraction(p2), Fraction(q2), Fraction(p2 * x0 + q2 * y0))),
            f"bx - ay = {b * x0 - a * y0}",
        ]
    extra: dict[str, Any] = {}
    if kind == "shared":
        p1, q1, p2, q2 = params["p"]
        r1 = (Fraction(p1), Fraction(q1), Fraction(p1 * x0 + q1 * y0))
        r2 = (Fraction(p2), Fraction(q2), Fraction(p2 * x0 + q2 * y0))
        extra["numeric"] = eliminate(r1, r2)
    work = eliminate(rows[0], rows[1], "a", "b")
    value, latex = _assign(["a", "b"], [work["uval"], work["vval"]])
    return Solution(
        answer=value,
        answer_latex=latex,
        steps={"system": system, "work": work, "row1": row_tex(rows[0], "a", "b"), "row2": row_tex(rows[1], "a", "b"),
               "x0": x0, "y0": y0, **extra},
    )


def verify_coeffs(params: Mapping[str, Any], solution: Solution) -> bool:
    """Put a, b back into the stated equations and check (x0, y0) satisfies all of them."""
    vals = {str(eq.lhs): int(eq.rhs) for eq in solution.answer.args}
    a, b, x0, y0 = vals["a"], vals["b"], params["x0"], params["y0"]
    if params["kind"] == "signs":
        return a * x0 + b * y0 == params["a"] * x0 + params["b"] * y0 and a * x0 - b * y0 == params["a"] * x0 - params["b"] * y0
    if params["kind"] == "swap":
        return a * x0 + b * y0 == params["a"] * x0 + params["b"] * y0 and b * x0 + a * y0 == params["b"] * x0 + params["a"] * y0
    p1, q1, p2, q2 = params["p"]
    # the numeric pair alone determines (x0, y0) (Cramer's rule)
    c1, c2 = p1 * x0 + q1 * y0, p2 * x0 + q2 * y0
    det = p1 * q2 - p2 * q1
    if Fraction(c1 * q2 - c2 * q1, det) != x0 or Fraction(p1 * c2 - p2 * c1, det) != y0:
        return False
    return a * x0 + b * y0 == params["a"] * x0 + params["b"] * y0 and b * x0 - a * y0 == params["b"] * x0 - params["a"] * y0


# --- 文章題 ----------------------------------------------------------------------------

_ITEMS = (("ノート", "ボールペン", "冊", "本"), ("りんご", "なし", "個", "個"), ("ケーキ", "シュークリーム", "個", "個"),
          ("大人", "子ども", "人", "人"))


def sample_word(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "price", 2: "speed", 3: "discount", 4: "students", 5: "students"}[difficulty]
    r = rng
    if kind == "price":
        x, y = r.randrange(60, 400, 10), r.randrange(50, 300, 10)
        n1, m1, n2, m2 = r.randint(1, 6), r.randint(1, 6), r.randint(1, 6), r.randint(1, 6)
        if n1 * m2 == n2 * m1:
            m2 += 1
        return {"kind": kind, "x": x, "y": y, "n": [n1, m1, n2, m2], "ask": r.choice(("x", "y")),
                "goods": list(r.choice(_ITEMS[:3]))}
    if kind == "speed":
        def draw(rr: Random) -> dict[str, Any]:
            v1 = rr.choice((50, 60, 70, 80))
            v2 = rr.choice((120, 150, 160, 180, 200, 240))
            t1, t2 = rr.randint(3, 30), rr.randint(3, 20)
            return {"kind": kind, "v1": v1, "v2": v2, "x": v1 * t1, "y": v2 * t2, "t": t1 + t2,
                    "ask": rr.choice(("x", "y"))}

        return draw(r)
    if kind == "discount":
        def draw_d(rr: Random) -> dict[str, Any]:
            x, y = rr.randrange(500, 5000, 100), rr.randrange(500, 5000, 100)
            p, q = rr.randint(1, 4), rr.randint(1, 4)
            return {"kind": kind, "x": x, "y": y, "p": p, "q": q, "ask": rr.choice(("x", "y"))}

        return draw_until(r, draw_d, lambda d: d["p"] != d["q"] and d["x"] != d["y"])

    def draw_s(rr: Random) -> dict[str, Any]:
        boys, girls = rr.randint(100, 400), rr.randint(100, 400)
        p, q = rr.choice((2, 4, 5, 6, 8, 10, 12, 15, 20)), rr.choice((2, 4, 5, 6, 8, 10, 12, 15, 20))
        sign = rr.choice(("up_down", "down_up", "up_up"))
        asks = ("last_x", "last_y", "this_x", "this_y") if difficulty == 5 else ("last_x", "this_x")
        return {"kind": kind, "x": boys, "y": girls, "p": p, "q": q, "sign": sign, "ask": rr.choice(asks),
                "group": list(rr.choice((("男子", "女子"), ("男性会員", "女性会員"), ("中学生", "高校生"))))}

    def ok(d: dict[str, Any]) -> bool:
        dx, dy = Fraction(d["x"] * d["p"], 100), Fraction(d["y"] * d["q"], 100)
        change = _student_change(d)
        return dx.denominator == dy.denominator == 1 and change != 0 and d["p"] != d["q"]

    return draw_until(r, draw_s, ok, max_tries=5000)


def _student_change(d: Mapping[str, Any]) -> Fraction:
    px, qy = Fraction(d["x"] * d["p"], 100), Fraction(d["y"] * d["q"], 100)
    return {"up_down": px - qy, "down_up": -px + qy, "up_up": px + qy}[d["sign"]]


def _word_rows(p: Mapping[str, Any]) -> tuple[tuple[Fraction, Fraction, Fraction], tuple[Fraction, Fraction, Fraction], list[str]]:
    """Two normal-form equations in (x, y) and their stated set-up lines."""
    kind = p["kind"]
    if kind == "price":
        n1, m1, n2, m2 = p["n"]
        c1, c2 = n1 * p["x"] + m1 * p["y"], n2 * p["x"] + m2 * p["y"]
        r1 = (Fraction(n1), Fraction(m1), Fraction(c1))
        r2 = (Fraction(n2), Fraction(m2), Fraction(c2))
        return r1, r2, [row_tex(r1), row_tex(r2)]
    if kind == "speed":
        total, t = p["x"] + p["y"], p["t"]
        r1 = (Fraction(1), Fraction(1), Fraction(total))
        r2 = (Fraction(1, p["v1"]), Fraction(1, p["v2"]), Fraction(t))
        setup2 = f"\\frac{{x}}{{{p['v1']}}} + \\frac{{y}}{{{p['v2']}}} = {t}"
        m = lcm(p["v1"], p["v2"])
        r2 = (r2[0] * m, r2[1] * m, r2[2] * m)
        return r1, r2, [row_tex(r1), setup2, row_tex(r2)]
    if kind == "discount":
        total = p["x"] + p["y"]
        paid = Fraction(p["x"] * (10 - p["p"]) + p["y"] * (10 - p["q"]), 10)
        r1 = (Fraction(1), Fraction(1), Fraction(total))
        r2 = (Fraction(10 - p["p"]), Fraction(10 - p["q"]), paid * 10)
        setup2 = f"{_dec10(10 - p['p'])}x + {_dec10(10 - p['q'])}y = {num(paid)}"
        return r1, r2, [row_tex(r1), setup2, row_tex(r2)]
    change = _student_change(p)
    sx = 1 if p["sign"] in ("up_down", "up_up") else -1
    sy = 1 if p["sign"] in ("down_up", "up_up") else -1
    total = p["x"] + p["y"]
    r1 = (Fraction(1), Fraction(1), Fraction(total))
    r2 = (Fraction(sx * p["p"]), Fraction(sy * p["q"]), change * 100)
    setup2 = (f"{'' if sx > 0 else '-'}\\frac{{{p['p']}}}{{100}}x {'+' if sy > 0 else '-'} "
              f"\\frac{{{p['q']}}}{{100}}y = {num(change)}")
    return r1, r2, [row_tex(r1), setup2, row_tex(r2)]


def _dec10(k: int) -> str:
    return f"0.{k}" if k < 10 else "1"


def _word_answer(p: Mapping[str, Any]) -> Fraction:
    if p["kind"] != "students":
        return Fraction(p[p["ask"]])
    ask = p["ask"]
    base = p["x"] if ask.endswith("x") else p["y"]
    if ask.startswith("last"):
        return Fraction(base)
    rate = p["p"] if ask.endswith("x") else p["q"]
    up = (p["sign"] in ("up_down", "up_up")) if ask.endswith("x") else (p["sign"] in ("down_up", "up_up"))
    return Fraction(base) * (100 + (rate if up else -rate)) / 100


def solve_word(params: Mapping[str, Any]) -> Solution:
    r1, r2, setup = _word_rows(params)
    work = eliminate(r1, r2)
    answer = _word_answer(params)
    extra: dict[str, Any] = {}
    if params["kind"] == "students" and params["ask"].startswith("this"):
        ask_x = params["ask"].endswith("x")
        rate = params["p"] if ask_x else params["q"]
        up = (params["sign"] in ("up_down", "up_up")) if ask_x else (params["sign"] in ("down_up", "up_up"))
        extra["this_line"] = f"{num(work['uval'] if ask_x else work['vval'])} \\times \\frac{{{100 + (rate if up else -rate)}}}{{100}} = {num(answer)}"
    if params["kind"] == "students":
        change = _student_change(params)
        extra["total_abs"] = num(abs(change))
        extra["total_word"] = "増えた" if change > 0 else "減った"
    if params["kind"] == "speed":
        extra["lcm"] = lcm(params["v1"], params["v2"])
    return Solution(answer=sp.Integer(int(answer)), answer_latex=num(answer),
                    steps={"setup": setup, "work": work, "this_line": "", "total_abs": "", "total_word": "", **extra})


def verify_word(params: Mapping[str, Any], solution: Solution) -> bool:
    """Brute force over whole numbers x (integer arithmetic); y follows from the first condition."""
    p = params
    kind = p["kind"]
    hits = []
    if kind == "price":
        n1, m1, n2, m2 = p["n"]
        c1, c2 = n1 * p["x"] + m1 * p["y"], n2 * p["x"] + m2 * p["y"]
        for x in range(1, c1 // n1 + 1):
            rest = c1 - n1 * x
            if rest > 0 and rest % m1 == 0 and n2 * x + m2 * (rest // m1) == c2:
                hits.append((x, rest // m1))
    else:
        total = p["x"] + p["y"]
        if kind == "speed":
            target = p["t"] * p["v1"] * p["v2"]
            cond = lambda x, y: x * p["v2"] + y * p["v1"] == target  # noqa: E731
        elif kind == "discount":
            paid = p["x"] * (10 - p["p"]) + p["y"] * (10 - p["q"])
            cond = lambda x, y: x * (10 - p["p"]) + y * (10 - p["q"]) == paid  # noqa: E731
        else:
            sx = 1 if p["sign"] in ("up_down", "up_up") else -1
            sy = 1 if p["sign"] in ("down_up", "up_up") else -1
            change = sx * p["p"] * p["x"] + sy * p["q"] * p["y"]
            cond = lambda x, y: sx * p["p"] * x + sy * p["q"] * y == change  # noqa: E731
        hits = [(x, total - x) for x in range(1, total) if cond(x, total - x)]
    if len(hits) != 1:
        return False
    x, y = hits[0]
    return _word_answer(dict(p, x=x, y=y)) == Fraction(int(solution.answer))


UNIT = Unit(
    id="jhs2.simultaneous_equations",
    name="連立方程式",
    course="中2",
    description="加減法・代入法，係数の決定，割合・速さ・代金の文章題",
    types=(
        ProblemType(
            id="solve_system",
            name="連立方程式を解く",
            sample=sample_system,
            solve=solve_system,
            verify=verify_system,
            problem_templates=("system_1.j2", "system_2.j2", "system_3.j2"),
            solution_template="system_solution.j2",
            answer_form="soft",
            knobs="1: 係数に ±1; 2: 一般の整数係数; 3: かっこ; 4: 分数・小数の係数; 5: 3元",
        ),
        ProblemType(
            id="find_coefficients", shape="multi-step",
            name="係数の決定",
            sample=sample_coeffs,
            solve=solve_coeffs,
            verify=verify_coeffs,
            problem_templates=("coeffs_1.j2", "coeffs_2.j2", "coeffs_3.j2"),
            solution_template="coeffs_solution.j2",
            answer_form="soft",
            knobs="1: ax±by; 2: a, b の入れかえ; 3: 大きい数・負の数; 4-5: 同じ解をもつ2組の連立方程式",
        ),
        ProblemType(
            id="word_problem", shape="word",
            name="連立方程式の文章題",
            sample=sample_word,
            solve=solve_word,
            verify=verify_word,
            problem_templates=("word_1.j2", "word_2.j2", "word_3.j2"),
            solution_template="word_solution.j2",
            answer_form="soft",
            knobs="1: 代金; 2: 速さと道のり; 3: 割引き; 4: 増減の割合 (昨年・今年の男子); 5: 4通りの問い (昨年/今年の罠)",
        ),
    ),
)
