"""数列の技法 (数学B, 入試型): 部分分数分解による和, Σ(等差)×(等比), 置き換えが必要な漸化式, 群数列.

Solvers use the closed forms (telescoping, S - rS, the shifted sequence b_n, triangular
numbers) in exact ``Fraction`` arithmetic. Verifiers never reuse them: they add the terms one
by one, iterate the recurrence, or write the grouped sequence out and count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import mpmath
import sympy as sp

from mathft_core.latex import coef_term, join_terms, num, paren, poly
from mathft_core.units import ProblemType, Solution, Unit, draw_until, nonzero_int
from mathft_core.units import numbered_templates as _phrasings

N = sp.Symbol("n")
AN = sp.Symbol("a_n")


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _power(r: int, exp: str) -> str:
    return f"{paren(num(r))}^{{{exp}}}"


def _lin(a: int, b: int, var: str = "k") -> str:
    return poly([a, b], var)


# --- 部分分数分解で求める和 ------------------------------------------------------------------


def sample_telescoping(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        return {"kind": "step", "a": 1, "b": 0, "N": rng.randint(5, 60)}
    if difficulty == 2:
        return {"kind": "step", "a": rng.choice((2, 3)), "b": rng.choice((-1, 1)), "N": rng.randint(5, 40)}
    if difficulty == 3:
        return {"kind": "gap", "a": 1, "b": rng.randint(0, 3), "N": rng.randint(4, 40)}
    if difficulty == 4:
        a, b = rng.choice(((1, 0), (2, -1), (2, 1), (3, -1), (3, 1)))
        bound = Fraction(1, (a + b) * a)  # the limit of S_n
        q = rng.choice((10, 20, 25, 50, 100))
        return {"kind": "threshold", "a": a, "b": b, "num": str(bound * (1 - Fraction(rng.randint(1, 4), q))), "N": 0}
    m = rng.randint(3, 30)
    return {"kind": "root", "a": 1, "b": 0, "N": m * m - 1}


def _tel_term(p: Mapping[str, Any], k: int) -> Fraction:
    a, b = p["a"], p["b"]
    if p["kind"] == "gap":
        return Fraction(1, (k + b) * (k + b + 2))
    return Fraction(1, (a * k + b) * (a * k + a + b))


def _tel_sum(p: Mapping[str, Any], n: int) -> Fraction:
    a, b = p["a"], p["b"]
    if p["kind"] == "gap":
        return Fraction(1, 2) * (Fraction(1, 1 + b) + Fraction(1, 2 + b) - Fraction(1, n + 1 + b) - Fraction(1, n + 2 + b))
    return Fraction(1, a) * (Fraction(1, a + b) - Fraction(1, a * n + a + b))


def solve_telescoping(p: Mapping[str, Any]) -> Solution:
    a, b, kind = p["a"], p["b"], p["kind"]
    steps: dict[str, Any] = {"kind": kind, "N": p["N"], "a": a}
    if kind == "root":
        m = math.isqrt(p["N"] + 1)
        steps.update(m=m, N1=p["N"] + 1)
        return Solution(answer=sp.Integer(m - 1), answer_latex=str(m - 1), steps=steps)
    if kind == "gap":
        f1, f2 = _lin(1, b), _lin(1, b + 2)
        steps.update(term=f"\\frac{{1}}{{({f1})({f2})}}" if b else f"\\frac{{1}}{{k({f2})}}",
                     split=f"\\frac{{1}}{{2}}\\left(\\frac{{1}}{{{f1}}} - \\frac{{1}}{{{f2}}}\\right)",
                     first=f"\\frac{{1}}{{{1 + b}}} + \\frac{{1}}{{{2 + b}}}",
                     last=f"\\frac{{1}}{{{p['N'] + 1 + b}}} + \\frac{{1}}{{{p['N'] + 2 + b}}}")
    else:
        f1, f2 = _lin(a, b), _lin(a, a + b)
        steps.update(term=(f"\\frac{{1}}{{k({f2})}}" if b == 0 and a == 1 else f"\\frac{{1}}{{({f1})({f2})}}"),
                     split=(f"\\frac{{1}}{{{f1}}} - \\frac{{1}}{{{f2}}}" if a == 1 else
                            f"\\frac{{1}}{{{a}}}\\left(\\frac{{1}}{{{f1}}} - \\frac{{1}}{{{f2}}}\\right)"),
                     first=f"\\frac{{1}}{{{a + b}}}", lastn=f"\\frac{{1}}{{{poly([a, a + b], 'n')}}}",
                     inv_a=num(Fraction(1, a)), lastv=a * p["N"] + a + b)
    if kind == "threshold":
        bound = Fraction(p["num"])
        # S_n = (1/a)(1/(a+b) - 1/(an+a+b)) > bound  <=>  an + a + b > 1 / (1/(a+b) - a*bound)
        need = 1 / (Fraction(1, a + b) - a * bound)
        n = max(1, math.floor((need - a - b) / a) + 1)
        steps.update(bound=num(bound), need=num(need), lin_n=poly([a, a + b], "n"), nmin=n,
                     edge=num(Fraction(need - a - b, a)),
                     sn=f"\\frac{{1}}{{{a}}}\\left(\\frac{{1}}{{{a + b}}} - \\frac{{1}}{{{poly([a, a + b], 'n')}}}\\right)"
                     if a != 1 else f"\\frac{{1}}{{{a + b}}} - \\frac{{1}}{{{poly([a, a + b], 'n')}}}")
        return Solution(answer=sp.Integer(n), answer_latex=str(n), steps=steps)
    value = _tel_sum(p, p["N"])
    steps["value"] = num(value)
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


def verify_telescoping(p: Mapping[str, Any], solution: Solution) -> bool:
    """Add the terms one by one (exact fractions, or 50-digit radicals)."""
    if p["kind"] == "root":
        total = mpmath.fsum(1 / (mpmath.sqrt(k) + mpmath.sqrt(k + 1)) for k in range(1, p["N"] + 1))
        return abs(total - float(solution.answer)) < 1e-9
    if p["kind"] == "threshold":
        bound, total, n = Fraction(p["num"]), Fraction(0), 0
        while total <= bound:
            n += 1
            total += _tel_term(p, n)
        return sp.Integer(n) == solution.answer
    total = sum((_tel_term(p, k) for k in range(1, p["N"] + 1)), Fraction(0))
    return _fr(total) == solution.answer


# --- Σ (等差)(等比) -----------------------------------------------------------------------


def sample_arith_geo(rng: Random, difficulty: int) -> dict[str, Any]:
    a = {1: 1, 2: rng.randint(1, 3)}.get(difficulty, rng.randint(2, 5))
    b = rng.randint(-5, 5)
    r = {1: (2, 3, 4), 2: (2, 3), 3: (2, 3, 4)}.get(difficulty, (2, 3, 4, 5, -2, -3))
    return {"a": a, "b": b, "r": rng.choice(r), "shift": 1 if difficulty == 5 else 0}


def _ag_closed(p: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    """S_n = (P n + Q) r^n + R for S_n = sum (ak + b) r^(k - 1 + shift)."""
    a, b, r, sh = p["a"], p["b"], Fraction(p["r"]), p["shift"]
    # (1 - r) S = (a + b) + a (r + ... + r^(n-1)) - (a n + b) r^n  (S - rS)
    P = Fraction(a) / (r - 1)
    Q = Fraction(b) / (r - 1) - Fraction(a) / (r - 1) ** 2
    R = -Q  # S_0 = 0
    if sh:
        P, Q, R = P * r, Q * r, R * r
    return P, Q, R


def _ag_latex(P: Fraction, Q: Fraction, R: Fraction, r: int) -> tuple[str, sp.Expr]:
    den = math.lcm(P.denominator, Q.denominator, R.denominator)
    Pi, Qi, Ri = int(P * den), int(Q * den), int(R * den)
    rn = _power(r, "n")
    head_tex = f"{coef_term(Pi, 'n')} \\cdot {rn}" if Qi == 0 else f"({poly([Pi, Qi], 'n')}) \\cdot {rn}"
    body = join_terms([head_tex, num(Ri)])
    text = body if den == 1 else f"\\frac{{{body}}}{{{den}}}"
    expr = ((Pi * N + Qi) * sp.Integer(r) ** N + Ri) / den
    return text, expr


def solve_arith_geo(p: Mapping[str, Any]) -> Solution:
    a, b, r, sh = p["a"], p["b"], p["r"], p["shift"]
    P, Q, R = _ag_closed(p)
    text, expr = _ag_latex(P, Q, R, r)
    term = _lin(a, b)
    exp = "k" if sh else "k-1"
    geo = _power(r, exp)
    steps = {"term": f"{term if term in ('k',) else '(' + term + ')'} \\cdot {geo}" if term != "k"
             else f"k \\cdot {geo}", "r": r, "R": paren(num(r)), "shift": sh, "one_minus_r": num(1 - r),
             "first": num((a + b) * r**sh), "a": a, "lin_n": _lin(a, b, "n"), "rn": _power(r, "n"),
             "rn_last": _power(r, "n" if sh else "n-1"), "rn_next": _power(r, "n+1" if sh else "n"),
             "ar": num(a * r ** (sh + 1)), "ar_first": num(a * r ** (1 + sh)), "rr": _power(r, "k" if sh else "k-1"),
             "geo_sum_from": _power(r, "2") if sh else paren(num(r)), "answer_text": text,
             "first_zero": (a + b) == 0,
             "diff_rhs": join_terms([num((a + b) * r**sh),
                                     coef_term(a, f"\\left({_power(r, '2') if sh else paren(num(r))} + \\cdots + "
                                                  f"{_power(r, 'n' if sh else 'n-1')}\\right)"),
                                     f"-({_lin(a, b, 'n')}) \\cdot {_power(r, 'n+1' if sh else 'n')}"])}
    return Solution(answer=expr, answer_latex=text, steps=steps)


def verify_arith_geo(p: Mapping[str, Any], solution: Solution) -> bool:
    """Partial sums term by term for n = 1 … 8 against the claimed formula."""
    a, b, r, sh = p["a"], p["b"], p["r"], p["shift"]
    total = Fraction(0)
    for n in range(1, 9):
        total += (a * n + b) * Fraction(r) ** (n - 1 + sh)
        if solution.answer.xreplace({N: sp.Integer(n)}) != _fr(total):
            return False
    return True


# --- 置き換えで解く漸化式 -----------------------------------------------------------------


def sample_recurrence_sub(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 3:
        p = 2 if difficulty == 1 else rng.choice((2, 3))
        alpha = nonzero_int(rng, -3, 3) if difficulty >= 2 else rng.choice((1, 2))
        beta = rng.randint(-3, 3) if difficulty >= 3 else 0
        return {"kind": "linear_n", "p": p, "alpha": alpha, "beta": beta, "a1": rng.randint(-3, 5)}
    if difficulty == 4:
        return {"kind": "recip", "c": rng.randint(1, 6), "d": 1, "b1": rng.randint(1, 6)}

    def draw(r: Random) -> dict[str, Any]:
        return {"kind": "recip", "c": r.randint(1, 4), "d": r.choice((2, 3)), "b1": r.randint(1, 6)}

    return draw_until(rng, draw, lambda q: q["b1"] * (q["d"] - 1) + q["c"] != 0)


def _rec_values(p: Mapping[str, Any], count: int) -> list[Fraction]:
    """a_1 … a_count by iterating the stated recurrence."""
    if p["kind"] == "linear_n":
        P, al, be = p["p"], p["alpha"], p["beta"]
        q, c = al * (P - 1), be * (P - 1) - al
        vals = [Fraction(p["a1"])]
        for n in range(1, count):
            vals.append(P * vals[-1] + q * n + c)
        return vals
    vals = [Fraction(1, p["b1"])]
    for _ in range(1, count):
        x = vals[-1]
        vals.append(x / (p["c"] * x + p["d"]))
    return vals


def solve_recurrence_sub(p: Mapping[str, Any]) -> Solution:
    if p["kind"] == "linear_n":
        P, al, be, a1 = p["p"], p["alpha"], p["beta"], p["a1"]
        q, c = al * (P - 1), be * (P - 1) - al
        lead = a1 + al + be
        head = ("" if lead == 0 else _power(P, "n-1") if lead == 1 else f"-{_power(P, 'n-1')}" if lead == -1
                else f"{lead} \\cdot {_power(P, 'n-1')}")
        text = join_terms([head, coef_term(-al, "n"), num(-be)])
        expr = lead * sp.Integer(P) ** (N - 1) - al * N - be
        steps = {"kind": "linear_n", "rec": join_terms([coef_term(P, "a_n"), coef_term(q, "n"), num(c)]),
                 "p": P, "a1": a1, "alpha": al, "beta": be, "q": q, "c": c,
                 "shift": join_terms(["a_n", coef_term(al, "n"), num(be)]),
                 "shift_next": join_terms(["a_{n+1}", coef_term(al, "(n+1)"), num(be)]),
                 "b1": lead, "sol": text, "bn": head or "0", "rest": join_terms([coef_term(al, "n"), num(be)]), "eq_alpha": f"{P}\\alpha - \\alpha = {q}",
                 "eq_beta": f"{P}\\beta - \\beta - \\alpha = {c}"}
        return Solution(answer=sp.Eq(AN, expr, evaluate=False), answer_latex=f"a_n = {text}", steps=steps)
    c, d, b1 = p["c"], p["d"], p["b1"]
    if d == 1:
        den = join_terms([coef_term(c, "n"), num(b1 - c)])
        den_expr = c * N + b1 - c
        steps = {"bn": den}
    else:
        K = Fraction(b1) + Fraction(c, d - 1)
        L = Fraction(c, d - 1)
        head = _power(d, "n-1") if K == 1 else f"{num(K)} \\cdot {_power(d, 'n-1')}"
        den = join_terms([head, num(-L)])
        den_expr = _fr(K) * sp.Integer(d) ** (N - 1) - _fr(L)
        steps = {"bn": den, "K": num(K), "L": num(L), "Lneg": num(-L),
                 "bsh": join_terms(["b_n", num(L)]), "bsh1": join_terms(["b_{n+1}", num(L)])}
    rec = f"\\frac{{a_n}}{{{join_terms([coef_term(c, 'a_n'), num(d)])}}}"
    steps.update(kind="recip", rec=rec, c=c, d=d, b1=b1, a1=num(Fraction(1, b1)),
                 brec=join_terms([coef_term(d, "b_n"), num(c)]))
    text = f"a_n = \\frac{{1}}{{{den}}}"
    return Solution(answer=sp.Eq(AN, 1 / den_expr, evaluate=False), answer_latex=text, steps=steps)


def verify_recurrence_sub(p: Mapping[str, Any], solution: Solution) -> bool:
    """Iterate the stated recurrence and compare a_1 … a_8 with the formula."""
    vals = _rec_values(p, 8)
    rhs = solution.answer.rhs
    return all(rhs.xreplace({N: sp.Integer(n)}) == _fr(v) for n, v in enumerate(vals, start=1))


# --- 群数列 ---------------------------------------------------------------------------------


def sample_group_sequence(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 1:
        return {"kind": "natural", "ask": "first", "k": rng.randint(5, 40)}
    if difficulty == 2:
        return {"kind": "odd", "ask": rng.choice(("first", "sum")), "k": rng.randint(5, 30)}
    if difficulty == 3:
        return {"kind": "odd", "ask": "which", "value": 2 * rng.randint(30, 900) - 1}
    if difficulty == 4:
        return {"kind": "frac", "ask": "term", "index": rng.randint(20, 300)}
    return {"kind": "frac", "ask": "partial", "m": rng.randint(5, 30)}


def _tri(k: int) -> int:
    return k * (k + 1) // 2


def solve_group_sequence(p: Mapping[str, Any]) -> Solution:
    kind, ask = p["kind"], p["ask"]
    steps: dict[str, Any] = {"kind": kind, "ask": ask}
    if ask in ("first", "sum"):
        k = p["k"]
        before = _tri(k - 1)
        first = before + 1 if kind == "natural" else 2 * before + 1
        steps.update(k=k, km1=k - 1, before=before, first=first, pos=before + 1)
        if ask == "first":
            return Solution(answer=sp.Integer(first), answer_latex=str(first), steps=steps)
        last = first + 2 * (k - 1)
        total = k * (first + last) // 2
        steps.update(last=last, total=total)
        return Solution(answer=sp.Integer(total), answer_latex=str(total), steps=steps)
    if ask == "which":
        v = p["value"]
        j = (v + 1) // 2
        k = 1
        while _tri(k) < j:
            k += 1
        steps.update(value=v, j=j, k=k, lo=_tri(k - 1), hi=_tri(k), km1=k - 1)
        return Solution(answer=sp.Integer(k), answer_latex=str(k), steps=steps)
    if ask == "term":
        idx = p["index"]
        k = 1
        while _tri(k) < idx:
            k += 1
        j = idx - _tri(k - 1)
        value = Fraction(j, k + 1)
        steps.update(index=idx, k=k, km1=k - 1, lo=_tri(k - 1), hi=_tri(k), j=j, den=k + 1, value=num(value),
                     raw=f"\\frac{{{j}}}{{{k + 1}}}")
        return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)
    m = p["m"]
    total = Fraction(m * (m + 1), 4)
    steps.update(m=m, count=_tri(m), total=num(total), group_sum="\\frac{k}{2}")
    return Solution(answer=_fr(total), answer_latex=num(total), steps=steps)


def _group_terms(p: Mapping[str, Any], groups: int) -> list[tuple[int, int | Fraction]]:
    """(group number, term) written out for the first ``groups`` groups."""
    out: list[tuple[int, int | Fraction]] = []
    counter = 0
    for k in range(1, groups + 1):
        for j in range(1, k + 1):
            counter += 1
            if p["kind"] == "natural":
                out.append((k, counter))
            elif p["kind"] == "odd":
                out.append((k, 2 * counter - 1))
            else:
                out.append((k, Fraction(j, k + 1)))
    return out


def verify_group_sequence(p: Mapping[str, Any], solution: Solution) -> bool:
    """Write the grouped sequence out and read the answer off it."""
    ans = solution.answer
    if p["ask"] in ("first", "sum"):
        terms = [t for g, t in _group_terms(p, p["k"]) if g == p["k"]]
        want = terms[0] if p["ask"] == "first" else sum(terms)
        return _fr(Fraction(want)) == ans
    if p["ask"] == "which":
        for g, t in _group_terms(p, 45):
            if t == p["value"]:
                return sp.Integer(g) == ans
        return False
    terms = _group_terms(p, 30 if p["ask"] == "term" else p["m"])
    if p["ask"] == "term":
        return _fr(terms[p["index"] - 1][1]) == ans
    return _fr(sum((t for _, t in terms), Fraction(0))) == ans


UNIT = Unit(
    id="mathb.sequence_techniques",
    name="数列の技法",
    course="数学B",
    description="部分分数分解による和，Σ(等差)×(等比)，置き換えが必要な漸化式，群数列（入試型の多段階問題）。",
    types=(
        ProblemType(
            id="telescoping_value", name="部分分数分解と和", sample=sample_telescoping, solve=solve_telescoping,
            verify=verify_telescoping, problem_templates=_phrasings("telescoping_value", 5),
            solution_template="telescoping_value_solution.j2", shape="multi-step",
            knobs="1/(k(k+1)) -> 1/((ak+b)(ak+a+b)) -> 1/(k(k+2)) (two terms survive) -> smallest n with S_n above "
                  "a bound -> 1/(√k + √(k+1))",
        ),
        ProblemType(
            id="arith_geo_sum", name="Σ(等差)×(等比)", sample=sample_arith_geo, solve=solve_arith_geo,
            verify=verify_arith_geo, problem_templates=_phrasings("arith_geo_sum", 5),
            solution_template="arith_geo_sum_solution.j2", shape="multi-step",
            knobs="k·2^(k-1) -> (k + b)·3^(k-1) -> (ak + b) -> ratios 4, 5, -2 -> r^k instead of r^(k-1)",
        ),
        ProblemType(
            id="recurrence_substitution", name="置き換えで解く漸化式", sample=sample_recurrence_sub,
            solve=solve_recurrence_sub, verify=verify_recurrence_sub,
            problem_templates=_phrasings("recurrence_substitution", 5),
            solution_template="recurrence_substitution_solution.j2", shape="multi-step",
            knobs="a_{n+1} = p a_n + qn -> with a constant term -> a_{n+1} = a_n/(c a_n + 1) via reciprocals -> "
                  "a_n/(c a_n + d), reciprocals then a characteristic equation",
        ),
        ProblemType(
            id="group_sequence", name="群数列", sample=sample_group_sequence, solve=solve_group_sequence,
            verify=verify_group_sequence, problem_templates=_phrasings("group_sequence", 5),
            solution_template="group_sequence_solution.j2", shape="multi-step",
            knobs="first number of a group -> odd numbers (first term, group sum) -> which group holds a number -> "
                  "the N-th fraction -> the sum of whole groups",
        ),
    ),
)
