"""データの活用・標本調査 (中1〜中3): 中央値, 四分位範囲, 標本調査による推定.

Middle-school data answers are decimals (CURRICULUM.md §14). Quartiles follow the
Japanese textbook rule: split the sorted data into halves, leaving the median out when
n is odd (not numpy's interpolation). Verifiers use :mod:`statistics` for the median and
a closed position table for the quartiles; the estimates are checked by cross-multiplying
the proportion.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.units import ProblemType, Solution, Unit, draw_until


def decimal_tex(v: Fraction) -> str:
    """A terminating decimal written out exactly: ``6.5``, ``-0.25``, ``12``."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    whole, rest = divmod(v.numerator, v.denominator)
    if rest == 0:
        return f"{sign}{whole}"
    digits = []
    for _ in range(12):
        rest *= 10
        d, rest = divmod(rest, v.denominator)
        digits.append(str(d))
        if rest == 0:
            return f"{sign}{whole}.{''.join(digits)}"
    raise ValueError(f"{v} is not a short terminating decimal")


def _val(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)


def _median(xs: Sequence[Fraction]) -> Fraction:
    """Median of already sorted data."""
    n = len(xs)
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


def _data(rng: Random, n: int, lo: int, hi: int, decimals: bool) -> list[str]:
    if decimals:
        return [decimal_tex(Fraction(rng.randint(lo * 10, hi * 10), 10)) for _ in range(n)]
    return [str(rng.randint(lo, hi)) for _ in range(n)]


def _fr(values: Sequence[str]) -> list[Fraction]:
    return [Fraction(v) for v in values]


# --- 中央値 --------------------------------------------------------------------------------


def sample_median(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty == 5:
        values = sorted(rng.sample(range(1, 11), rng.randint(4, 6)))
        counts = [rng.randint(1, 8) for _ in values]
        return {"kind": "table", "values": values, "counts": counts,
                "label": rng.choice(("得点", "回数", "冊数", "本数"))}
    n = {1: rng.choice((5, 7)), 2: rng.choice((6, 8)), 3: rng.randint(9, 12), 4: rng.randint(6, 10)}[difficulty]
    hi = {1: 20, 2: 30, 3: 100, 4: 30}[difficulty]
    data = _data(rng, n, 0 if difficulty < 4 else 10, hi, difficulty == 4)
    return {"kind": "list", "data": data}


def _expand_table(p: Mapping[str, Any]) -> list[Fraction]:
    out: list[Fraction] = []
    for v, c in zip(p["values"], p["counts"], strict=True):
        out += [Fraction(v)] * c
    return out


def solve_median(params: Mapping[str, Any]) -> Solution:
    p = params
    xs = sorted(_expand_table(p)) if p["kind"] == "table" else sorted(_fr(p["data"]))
    n = len(xs)
    med = _median(xs)
    steps: dict[str, Any] = {"n": n, "sorted": ", ".join(decimal_tex(x) for x in xs), "odd": n % 2 == 1,
                             "pos": n // 2 + 1 if n % 2 else n // 2, "med": decimal_tex(med)}
    if n % 2 == 0:
        steps.update(a=decimal_tex(xs[n // 2 - 1]), b=decimal_tex(xs[n // 2]))
    else:
        steps["a"] = decimal_tex(xs[n // 2])
    if p["kind"] == "table":
        cum, running = [], 0
        for v, c in zip(p["values"], p["counts"], strict=True):
            running += c
            cum.append(f"${v}$ 以下が ${running}$ 人")
        steps["cum"] = "，".join(cum)
    return Solution(answer=_val(med), answer_latex=decimal_tex(med), steps=steps)


def verify_median(params: Mapping[str, Any], solution: Solution) -> bool:
    xs = _expand_table(params) if params["kind"] == "table" else _fr(params["data"])
    return Fraction(int(solution.answer.p), int(solution.answer.q)) == statistics.median(xs)


# --- 四分位範囲 ------------------------------------------------------------------------------


def sample_iqr(rng: Random, difficulty: int) -> dict[str, Any]:
    n = {1: 8, 2: rng.choice((7, 9)), 3: rng.choice((10, 11)), 4: rng.randint(12, 15), 5: rng.randint(12, 20)}[difficulty]
    hi = {1: 20, 2: 30, 3: 50, 4: 100, 5: 40}[difficulty]
    data = _data(rng, n, 0, hi, difficulty == 5 and rng.random() < 0.5)
    ask = "iqr" if difficulty <= 3 else rng.choice(("iqr", "iqr", "q1", "q3"))
    if difficulty == 1:
        data = [str(v) for v in sorted(int(x) for x in data)]
    return {"data": data, "ask": ask, "sorted_given": difficulty == 1}


def _quartiles_by_halves(xs: list[Fraction]) -> tuple[Fraction, Fraction, list[Fraction], list[Fraction]]:
    n = len(xs)
    lower, upper = xs[: n // 2], xs[(n + 1) // 2:]
    return _median(lower), _median(upper), lower, upper


def solve_iqr(params: Mapping[str, Any]) -> Solution:
    xs = sorted(_fr(params["data"]))
    q1, q3, lower, upper = _quartiles_by_halves(xs)
    ask = params["ask"]
    value = {"iqr": q3 - q1, "q1": q1, "q3": q3}[ask]
    steps = {
        "n": len(xs), "sorted": ", ".join(decimal_tex(x) for x in xs), "odd": len(xs) % 2 == 1,
        "median": decimal_tex(_median(xs)), "lower": ", ".join(decimal_tex(x) for x in lower),
        "upper": ", ".join(decimal_tex(x) for x in upper), "q1": decimal_tex(q1), "q3": decimal_tex(q3),
        "ask": ask,
    }
    return Solution(answer=_val(value), answer_latex=decimal_tex(value), steps=steps)


def _quartiles_by_position(xs: list[Fraction]) -> tuple[Fraction, Fraction]:
    """Closed form of the halves rule by n mod 4 (a second route to Q1 and Q3)."""
    n = len(xs)
    k, rem = divmod(n, 4)
    if rem in (0, 1):
        q1 = (xs[k - 1] + xs[k]) / 2
        q3 = (xs[n - k - 1] + xs[n - k]) / 2
    else:
        q1, q3 = xs[k], xs[n - k - 1]
    return q1, q3


def verify_iqr(params: Mapping[str, Any], solution: Solution) -> bool:
    q1, q3 = _quartiles_by_position(sorted(_fr(params["data"])))
    want = {"iqr": q3 - q1, "q1": q1, "q3": q3}[params["ask"]]
    return Fraction(int(solution.answer.p), int(solution.answer.q)) == want


# --- 標本調査 -------------------------------------------------------------------------------


def sample_sampling(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = {1: "stones_white", 2: rng.choice(("stones_white", "stones_total")), 3: "fish",
            4: rng.choice(("defect", "fish")), 5: rng.choice(("defect_round", "fish_round"))}[difficulty]

    def draw(r: Random) -> dict[str, Any]:
        scale = 10 ** min(difficulty, 3)
        if kind.startswith("stones"):
            marked = r.randint(2, 10) * (10 if difficulty == 1 else 5)
            sample = r.randint(20, 100)
            hit = r.randint(2, sample // 3)
            return {"kind": kind, "marked": marked, "sample": sample, "hit": hit}
        if kind.startswith("fish"):
            return {"kind": kind, "marked": r.randint(20, 150), "sample": r.randint(30, 200), "hit": r.randint(3, 25)}
        total = r.randint(2, 60) * scale
        sample = r.choice((50, 100, 120, 150, 200, 250, 300, 400, 500))
        return {"kind": kind, "total": total, "sample": sample, "hit": r.randint(1, max(2, sample // 15))}

    def ok(p: dict[str, Any]) -> bool:
        exact = _estimate(p)
        if p["kind"].endswith("round"):
            return exact.denominator != 1 and (exact * 2 / 10).denominator != 1 and exact > 20
        return exact.denominator == 1 and exact > 0 and p["hit"] < p["sample"]

    return draw_until(rng, draw, ok, max_tries=5000)


def _estimate(p: Mapping[str, Any]) -> Fraction:
    k = p["kind"]
    if k == "stones_white":
        return Fraction(p["marked"] * (p["sample"] - p["hit"]), p["hit"])
    if k in ("stones_total", "fish", "fish_round"):
        return Fraction(p["marked"] * p["sample"], p["hit"])
    return Fraction(p["total"] * p["hit"], p["sample"])


def _round_tens(x: Fraction) -> int:
    """Round to the nearest ten, halves up (一の位を四捨五入)."""
    return int((x / 10 + Fraction(1, 2)) // 1) * 10


def solve_sampling(params: Mapping[str, Any]) -> Solution:
    exact = _estimate(params)
    value = _round_tens(exact) if params["kind"].endswith("round") else int(exact)
    steps = {"exact": decimal_tex(exact) if (exact * 10**6).denominator == 1 else None,
             "exact_frac": f"\\frac{{{exact.numerator}}}{{{exact.denominator}}}", "value": value,
             "rest": params.get("sample", 0) - params.get("hit", 0)}
    return Solution(answer=sp.Integer(value), answer_latex=str(value), steps=steps)


def verify_sampling(params: Mapping[str, Any], solution: Solution) -> bool:
    p = params
    got = int(solution.answer)
    k = p["kind"]
    # the sample proportion must equal the population proportion (cross-multiplied)
    if k == "stones_white":
        return got * p["hit"] == p["marked"] * (p["sample"] - p["hit"])
    if k in ("stones_total", "fish"):
        return got * p["hit"] == p["marked"] * p["sample"]
    if k == "defect":
        return got * p["sample"] == p["total"] * p["hit"]
    if k == "fish_round":
        real = p["marked"] * p["sample"] / p["hit"]
    else:
        real = p["total"] * p["hit"] / p["sample"]
    return got % 10 == 0 and abs(got - real) <= 5 and not (abs(got - real) == 5 and got < real)


UNIT = Unit(
    id="jhs3.jhs_data",
    name="データの活用・標本調査",
    course="中3",
    types=(
        ProblemType(
            id="median", name="中央値", sample=sample_median, solve=solve_median, verify=verify_median,
            problem_templates=("median_1.j2", "median_2.j2", "median_3.j2"), solution_template="median_solution.j2",
            knobs="odd n -> even n -> more and larger data -> decimal data -> a frequency table",
        ),
        ProblemType(
            id="interquartile_range", name="四分位範囲", sample=sample_iqr, solve=solve_iqr, verify=verify_iqr,
            problem_templates=("iqr_1.j2", "iqr_2.j2", "iqr_3.j2"), solution_template="iqr_solution.j2",
            knobs="n = 8 sorted -> odd n -> unsorted n = 10, 11 -> larger n, asking Q1/Q3 too -> decimals and n up to 20",
        ),
        ProblemType(
            id="sampling_estimate", shape="word", name="標本調査", sample=sample_sampling, solve=solve_sampling,
            verify=verify_sampling, problem_templates=("sampling_1.j2", "sampling_2.j2", "sampling_3.j2"),
            solution_template="sampling_solution.j2",
            knobs="marked stones -> whole population -> capture-recapture -> defect rate -> rounding to tens",
        ),
    ),
)
