"""桁数・小数首位・最高位の数字 with the given common logarithms (``\\log_{10} 2 = 0.3010``).

The solver works only from the four-digit table values, as a student does; the sampler
rejects exponents where those rounded values would mislead (the true digit count or
leading digit differs, or the mantissa lies too close to a boundary). The verifier
computes the exact power with Python integers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num
from mathft_core.units import Solution, draw_until
from mathft_units.math2._ptex import decimal_text

TABLE = {2: "0.3010", 3: "0.4771", 7: "0.8451"}
LOG10 = {p: Fraction(v) for p, v in TABLE.items()}
#: Margin kept between a mantissa and the nearest boundary (table values are rounded).
MARGIN = Fraction(1, 100)


def _log_of(factors: Mapping[int, int]) -> Fraction:
    """``log10`` of ``Π p^e`` from the table (5 = 10/2)."""
    total = Fraction(0)
    for p, e in factors.items():
        if p == 5:
            total += e * (1 - LOG10[2])
        elif p == 10:
            total += e
        else:
            total += e * LOG10[p]
    return total


def _digit_logs() -> list[Fraction]:
    """``log10 d`` for d = 1 .. 10 from the table."""
    fac = {1: {}, 2: {2: 1}, 3: {3: 1}, 4: {2: 2}, 5: {5: 1}, 6: {2: 1, 3: 1}, 7: {7: 1}, 8: {2: 3},
           9: {3: 2}, 10: {10: 1}}
    return [_log_of(fac[d]) for d in range(1, 11)]


DIGIT_LOGS = _digit_logs()

BASES = {  # base -> prime factors with exponents (numerator / denominator)
    "2": ({2: 1}, {}), "3": ({3: 1}, {}), "4": ({2: 2}, {}), "8": ({2: 3}, {}), "9": ({3: 2}, {}),
    "5": ({5: 1}, {}), "6": ({2: 1, 3: 1}, {}), "7": ({7: 1}, {}), "14": ({2: 1, 7: 1}, {}),
    "21": ({3: 1, 7: 1}, {}), "28": ({2: 2, 7: 1}, {}), "45": ({3: 2, 5: 1}, {}),
    "12": ({2: 2, 3: 1}, {}), "18": ({2: 1, 3: 2}, {}), "15": ({3: 1, 5: 1}, {}), "24": ({2: 3, 3: 1}, {}),
    "1/2": ({}, {2: 1}), "1/3": ({}, {3: 1}), "2/3": ({2: 1}, {3: 1}), "3/5": ({3: 1}, {5: 1}),
    "1/6": ({}, {2: 1, 3: 1}), "4/9": ({2: 2}, {3: 2}), "1/7": ({}, {7: 1}), "3/4": ({3: 1}, {2: 2}),
    "2/7": ({2: 1}, {7: 1}), "5/6": ({5: 1}, {2: 1, 3: 1}), "1/5": ({}, {5: 1}),
}
DECIMAL_BASES = ["1/2", "1/3", "2/3", "3/5", "1/6", "4/9", "1/7", "3/4", "2/7", "5/6", "1/5"]


def _exact(base: str, n: int) -> Fraction:
    return Fraction(base) ** n


def _table_log(base: str, n: int) -> Fraction:
    up, down = BASES[base]
    return n * (_log_of(up) - _log_of(down))


def _true_digits(value: Fraction) -> int:
    return len(str(value.numerator // value.denominator))


def _true_first_place(value: Fraction) -> int:
    """m with the first non-zero digit of ``0 < value < 1`` in the m-th decimal place."""
    m = 0
    while value * 10**m < 1:
        m += 1
    return m


def _leading(value: Fraction) -> int:
    return int(str(value.numerator // value.denominator)[0])


def sample_digits(rng: Random, difficulty: int) -> dict[str, Any]:
    """桁数 (levels 1-3), 小数首位 (level 4), 最高位の数字 (level 5)."""
    ask = {1: "digits", 2: "digits", 3: "digits", 4: "decimal", 5: "leading"}[difficulty]
    if difficulty == 5 and rng.random() < 0.3:
        ask = "decimal"
    bases = {1: ["2", "3", "4", "8", "9"], 2: ["5", "6", "7", "14", "21"], 3: ["12", "18", "15", "24", "28", "45"],
             4: DECIMAL_BASES, 5: ["2", "3", "6", "7", "12", "18"]}[difficulty]
    if ask == "decimal":
        bases = DECIMAL_BASES

    def draw(r: Random) -> dict[str, Any]:
        lo, hi = {1: (10, 100), 2: (10, 100), 3: (10, 90), 4: (10, 80), 5: (10, 100)}[difficulty]
        return {"ask": ask, "base": r.choice(bases), "n": r.randint(lo, hi)}

    def ok(p: dict[str, Any]) -> bool:
        L = _table_log(p["base"], p["n"])
        exact = _exact(p["base"], p["n"])
        frac = L - math.floor(L)
        if min(frac, 1 - frac) < MARGIN:
            return False
        if p["ask"] == "digits":
            return math.floor(L) + 1 == _true_digits(exact)
        if p["ask"] == "decimal":
            return -math.floor(L) == _true_first_place(exact)
        d = _leading_from_table(frac)
        return d == _leading(exact) and min(abs(frac - g) for g in DIGIT_LOGS) >= MARGIN / 2

    return draw_until(rng, draw, ok)


def _leading_from_table(frac: Fraction) -> int:
    for d in range(1, 10):
        if DIGIT_LOGS[d - 1] <= frac < DIGIT_LOGS[d]:
            return d
    return 9


def _base_tex(base: str) -> str:
    f = Fraction(base)
    return str(f.numerator) if f.denominator == 1 else f"\\left({num(f)}\\right)"


def _log_expansion(base: str) -> tuple[str, Fraction]:
    """``\\log_{10} 12 = 2\\log_{10} 2 + \\log_{10} 3`` style text and the table value."""
    up, down = BASES[base]
    parts = []
    for sign, group in ((1, up), (-1, down)):
        for p, e in sorted(group.items()):
            body = "(1 - \\log_{10} 2)" if p == 5 else f"\\log_{{10}} {p}"
            coef = "" if e == 1 else str(e)
            parts.append((sign, f"{coef}{body}"))
    if len(parts) == 1 and parts[0] == (1, "(1 - \\log_{10} 2)"):
        parts = [(1, "1 - \\log_{10} 2")]
    text = ""
    for i, (sign, body) in enumerate(parts):
        if i == 0:
            text = body if sign > 0 else f"-{body}"
        else:
            text += f" {'+' if sign > 0 else '-'} {body}"
    return text, _log_of(up) - _log_of(down)


def solve_digits(p: Mapping[str, Any]) -> Solution:
    base, n, ask = p["base"], p["n"], p["ask"]
    L = _table_log(base, n)
    floor = math.floor(L)
    expansion, per = _log_expansion(base)
    needs = {2 if q == 5 else q for group in BASES[base] for q in group} | ({2, 3, 7} if ask == "leading" else set())
    given = [f"\\log_{{10}} {q} = {TABLE[q]}" for q in sorted(needs)]
    steps: dict[str, Any] = {
        "ask": ask, "power": f"{_base_tex(base)}^{{{n}}}", "base_tex": _base_tex(base), "n": n, "given": given,
        "expansion": expansion, "per": decimal_text(per, 4), "L": decimal_text(L),
        "floor": floor, "floor1": floor + 1, "simple": expansion == f"\\log_{{10}} {base}",
        "uses5": 5 in BASES[base][0] or 5 in BASES[base][1],
    }
    if ask == "digits":
        value = floor + 1
    elif ask == "decimal":
        value = -floor
    else:
        frac = L - floor
        value = _leading_from_table(frac)
        steps.update({"frac": decimal_text(frac), "d": value, "d1": value + 1,
                      "logd": decimal_text(DIGIT_LOGS[value - 1], 4 if value > 1 else 0),
                      "logd1": decimal_text(DIGIT_LOGS[value], 4 if value < 9 else 0),
                      })
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_digits(p: Mapping[str, Any], solution: Solution) -> bool:
    """Compute the exact power with integers and read off the digit count / place / digit."""
    exact = _exact(p["base"], p["n"])
    claimed = int(solution.answer)
    if p["ask"] == "digits":
        return _true_digits(exact) == claimed
    if p["ask"] == "decimal":
        return _true_first_place(exact) == claimed
    return _leading(exact) == claimed
