"""データの分析 (数学I): 分散, 標準偏差, 変量変換 (and the variance of two combined groups).

The JP 分散 divides by n. Solvers use the definition (mean of squared deviations); the
verifiers use the other formula (mean of squares minus the squared mean), concrete data
sets with the stated mean and variance, or the between/within decomposition.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units.math1._forms import num, number_text, to_sympy


def _sample_data(rng: Random, difficulty: int) -> dict[str, Any]:
    n = [5, rng.randint(5, 6), rng.randint(6, 8), rng.randint(4, 6), rng.randint(5, 7)][difficulty - 1]
    hi = [12, 20, 30, 10, 50][difficulty - 1]
    if difficulty == 4:
        values = sorted(rng.sample(range(1, hi + 1), n))
        counts = [rng.randint(1, 5) for _ in values]
        return {"values": values, "counts": counts, "table": True}

    def draw(r: Random) -> dict[str, Any]:
        return {"values": sorted(r.randint(1, hi) for _ in range(n)), "counts": [1] * n, "table": False}

    # the early levels keep an integer mean, as textbook data do
    return draw_until(rng, draw, lambda p: len(set(p["values"])) > 2 and (
        difficulty > 2 or sum(p["values"]) % len(p["values"]) == 0))


def _expand(params: Mapping[str, Any]) -> list[int]:
    return [v for v, c in zip(params["values"], params["counts"], strict=True) for _ in range(c)]


def _variance(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, dict[str, Any]]:
    data = _expand(params)
    n = len(data)
    mean = Fraction(sum(data), n)
    dev_sq = [(Fraction(v) - mean) ** 2 for v in params["values"]]
    var = sum((d * c for d, c in zip(dev_sq, params["counts"], strict=True)), Fraction(0)) / n
    steps = {
        "n": n, "total": sum(data), "mean": number_text(mean), "mean_raw": f"\\frac{{{sum(data)}}}{{{n}}}",
        "devs": [{"v": v, "d": number_text(Fraction(v) - mean), "sq": number_text(d), "c": c}
                 for v, d, c in zip(params["values"], dev_sq, params["counts"], strict=True)],
        # CURRICULUM §2: integer data give exact answers (\\frac{58}{5}, not 11.6); one rule for every answer
        "dev_total": number_text(var * n), "var": num(var), "var_frac": num(var),
        "use_moment": mean.denominator != 1,
        "sq_total": sum(v * v for v in data), "sq_mean": number_text(Fraction(sum(v * v for v in data), n)),
        "mean_frac": num(mean),
    }
    return mean, var, steps


def _data_text(params: Mapping[str, Any]) -> str:
    return ", ".join(str(v) for v in _expand(params))


def sample_variance(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_data(rng, difficulty)


def solve_variance(params: Mapping[str, Any]) -> Solution:
    _, var, steps = _variance(params)
    steps["data"] = _data_text(params)
    return Solution(answer=to_sympy(var), answer_latex=num(var), steps=steps)


def _second_moment_variance(params: Mapping[str, Any]) -> Fraction:
    data = _expand(params)
    n = len(data)
    return Fraction(sum(v * v for v in data), n) - Fraction(sum(data), n) ** 2


def verify_variance(params: Mapping[str, Any], solution: Solution) -> bool:
    """Mean of the squares minus the square of the mean."""
    return to_sympy(_second_moment_variance(params)) == solution.answer


def sample_std(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample_data(rng, difficulty)


def solve_std(params: Mapping[str, Any]) -> Solution:
    _, var, steps = _variance(params)
    std = sp.sqrt(to_sympy(var))
    steps["data"] = _data_text(params)
    return Solution(answer=std, answer_latex=latex.tex(sp.radsimp(std)), steps=steps)


def verify_std(params: Mapping[str, Any], solution: Solution) -> bool:
    return bool(solution.answer >= 0) and sp.expand(solution.answer**2) == to_sympy(_second_moment_variance(params))


# --- 変量変換・合併 ------------------------------------------------------------------------


def sample_transform(rng: Random, difficulty: int) -> dict[str, Any]:
    kinds = [["var", "mean"], ["var", "mean", "std"], ["var", "mean", "std"], ["std", "combined"], ["combined"]]
    kind = rng.choice(kinds[difficulty - 1])
    if kind == "combined":
        def draw(r: Random) -> dict[str, Any]:
            return {"kind": kind, "n1": r.randint(2, 30), "n2": r.randint(2, 30), "m1": r.randint(10, 80),
                    "m2": r.randint(10, 80), "v1": r.randint(1, 40), "v2": r.randint(1, 40)}

        return draw_until(rng, draw, lambda p: p["m1"] != p["m2"])
    a = rng.choice([i for i in range(-6, 7) if i not in (0, 1)])
    b = rng.randint(-20, 20)
    std = rng.randint(1, 12)
    return {"kind": kind, "a": a, "b": b, "mean": rng.randint(-10, 60),
            "var": std * std if kind == "std" else rng.randint(1, 50)}


def solve_transform(params: Mapping[str, Any]) -> Solution:
    kind = params["kind"]
    if kind == "combined":
        n1, n2, m1, m2, v1, v2 = (params[k] for k in ("n1", "n2", "m1", "m2", "v1", "v2"))
        n = n1 + n2
        mean = Fraction(n1 * m1 + n2 * m2, n)
        sq1, sq2 = v1 + m1 * m1, v2 + m2 * m2  # mean of squares of each group
        mean_sq = Fraction(n1 * sq1 + n2 * sq2, n)
        var = mean_sq - mean * mean
        steps = {"kind": kind, "n": n, "mean": number_text(mean), "sq1": sq1, "sq2": sq2,
                 "mean_sq": number_text(mean_sq), "var": num(var), "mean_frac": num(mean)}
        return Solution(answer=to_sympy(var), answer_latex=num(var), steps=steps)
    a, b, mean, var = params["a"], params["b"], params["mean"], params["var"]
    steps = {"kind": kind, "a": a, "b": b, "a_paren": latex.paren(a), "a_abs": abs(a), "a_sq": a * a,
             "std": sp.sqrt(var), "std_tex": latex.tex(sp.sqrt(var)), "expr": latex.poly([a, b])}
    if kind == "mean":
        value = sp.Integer(a * mean + b)
    elif kind == "var":
        value = sp.Integer(a * a * var)
    else:
        value = abs(a) * sp.sqrt(var)
    return Solution(answer=value, answer_latex=latex.tex(value), steps=steps)


def verify_transform(params: Mapping[str, Any], solution: Solution) -> bool:
    kind = params["kind"]
    if kind == "combined":
        # within-group variance plus between-group variance
        n1, n2, m1, m2, v1, v2 = (params[k] for k in ("n1", "n2", "m1", "m2", "v1", "v2"))
        n = n1 + n2
        within = Fraction(n1 * v1 + n2 * v2, n)
        between = Fraction(n1 * n2 * (m1 - m2) ** 2, n * n)
        return to_sympy(within + between) == solution.answer
    # a two-point data set {mean - s, mean + s} has the stated mean and variance s^2
    s = sp.sqrt(params["var"])
    xs = [params["mean"] - s, params["mean"] + s]
    ys = [params["a"] * x + params["b"] for x in xs]
    y_mean = sum(ys) / 2
    y_var = sp.expand(sum((y - y_mean) ** 2 for y in ys) / 2)
    want = {"mean": y_mean, "var": y_var, "std": sp.sqrt(y_var)}[kind]
    return sp.simplify(want - solution.answer) == 0


UNIT = Unit(
    id="math1.data_analysis",
    name="データの分析",
    course="数学I",
    description="Variance and standard deviation of data (divide by n), linear transforms, combined groups.",
    types=(
        ProblemType(
            id="variance", name="分散", sample=sample_variance, solve=solve_variance, verify=verify_variance,
            problem_templates=("variance_1.j2", "variance_2.j2", "variance_3.j2"),
            solution_template="variance_solution.j2",
            knobs="5 values with an integer mean → more values → non-integer mean → frequency tables → larger values",
        ),
        ProblemType(
            id="std", name="標準偏差", sample=sample_std, solve=solve_std, verify=verify_std,
            problem_templates=("std_1.j2", "std_2.j2", "std_3.j2"),
            solution_template="std_solution.j2",
            knobs="as 分散, the answer a simplified radical",
        ),
        ProblemType(
            id="transform", name="変量変換", sample=sample_transform, solve=solve_transform,
            verify=verify_transform,
            problem_templates=("transform_1.j2", "transform_2.j2", "transform_3.j2"),
            solution_template="transform_solution.j2",
            knobs="variance / mean of ax + b → standard deviation with a < 0 → variance of two combined groups",
        ),
    ),
)
