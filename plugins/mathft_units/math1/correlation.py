"""相関係数・共分散 (数学I, データの分析): two test scores of five or six students in a table;
the covariance, the correlation coefficient, or the correlation coefficient after one variable
is transformed ``u = ax + b``.

The data are built from deviations whose sums of squares multiply to a perfect square, so the
correlation coefficient is an exact rational (written as a short decimal where it terminates,
as the existing data-analysis unit does). The solver works with deviations from the means; the
verifier uses the raw-sum formulas ``Σxy/n - x̄ȳ`` and ``nΣxy - ΣxΣy`` on the data as given
(transformed data included).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import (
    ProblemType,
    Solution,
    Unit,
    draw_until,
    numbered_templates,
)
from mathft_units.math1._forms import num, number_text

LABELS = "ABCDEF"
SUBJECTS = (("数学", "英語"), ("国語", "社会"), ("理科", "数学"), ("1回目", "2回目"), ("筆記", "実技"))


def _sample(rng: Random, *, n: int, ask: str, transform_x: bool, transform_y: bool, missing: bool,
            terminating: bool, negative: bool) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        spread = 4 if ask == "cov" else 6

        def deviations() -> list[int]:
            while True:
                head = [r.randint(-spread, spread) for _ in range(n - 1)]
                last = -sum(head)
                if abs(last) <= spread + 2:
                    return [*head, last]

        dx, dy = deviations(), deviations()
        mx, my = r.randint(4, 16) * 5, r.randint(4, 16) * 5
        return {"x": [mx + d for d in dx], "y": [my + d for d in dy], "ask": ask,
                "subjects": list(r.choice(SUBJECTS)),
                "a": r.choice([-3, -2, 2, 3]) if transform_x else 1, "b": r.randint(-20, 20) if transform_x else 0,
                "c": r.choice([-2, 2, 3, 5]) if transform_y else 1, "d": r.randint(-30, 30) if transform_y else 0,
                "missing": missing}

    def ok(p: dict[str, Any]) -> bool:
        sxx, syy, sxy = _sums(p)
        if sxx == 0 or syy == 0 or sxy == 0:
            return False
        if (p["b"] == 0 and p["a"] != 1) or (p["d"] == 0 and p["c"] != 1):
            return False
        if ask == "cov":
            return Fraction(sxy, len(p["x"])).denominator in (1, 2, 4, 5)
        root = math.isqrt(sxx * syy)
        if root * root != sxx * syy or abs(sxy) == root:
            return False
        rr = Fraction(sxy, root)
        if negative and rr > 0:
            return False
        return not terminating or number_text(rr) != num(rr)

    return draw_until(rng, draw, ok, max_tries=20000)


def sample_covariance(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample(rng, n=6 if difficulty in (2, 5) else 5, ask="cov", transform_x=difficulty >= 3,
                   transform_y=difficulty >= 4, missing=False, terminating=False, negative=False)


def sample_correlation(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample(rng, n=6 if difficulty in (2, 5) else 5, ask="r", transform_x=difficulty >= 4,
                   transform_y=difficulty == 5, missing=False, terminating=difficulty == 1,
                   negative=difficulty == 2)


def sample_missing(rng: Random, difficulty: int) -> dict[str, Any]:
    return _sample(rng, n=6 if difficulty in (2, 4) else 5, ask="cov" if difficulty <= 2 else "r",
                   transform_x=difficulty == 5, transform_y=False, missing=True, terminating=difficulty == 3,
                   negative=False)


def _sums(params: Mapping[str, Any]) -> tuple[int, int, int]:
    """Σ(x - x̄)^2, Σ(y - ȳ)^2, Σ(x - x̄)(y - ȳ) (the means are integers by construction)."""
    xs, ys = params["x"], params["y"]
    n = len(xs)
    mx, my = sum(xs) // n, sum(ys) // n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    return sum(d * d for d in dx), sum(d * d for d in dy), sum(a * b for a, b in zip(dx, dy, strict=True))


def _fraction_text(top: int, bottom: int) -> str:
    """``\\frac{top}{bottom}`` unreduced (the step before reducing), sign outside."""
    sign = "-" if top < 0 else ""
    return f"{sign}\\frac{{{abs(top)}}}{{{bottom}}}"


def solve_correlation(params: Mapping[str, Any]) -> Solution:
    xs, ys = params["x"], params["y"]
    n = len(xs)
    mx, my = sum(xs) // n, sum(ys) // n
    sxx, syy, sxy = _sums(params)
    cov = Fraction(sxy, n)
    steps: dict[str, Any] = {
        "n": n, "labels": list(LABELS[:n]), "mx": mx, "my": my,
        "rows": [{"x": x, "y": y, "dx": x - mx, "dy": y - my, "dxdy": (x - mx) * (y - my),
                  "dx2": (x - mx) ** 2, "dy2": (y - my) ** 2} for x, y in zip(xs, ys, strict=True)],
        "sxx": sxx, "syy": syy, "sxy": sxy, "cov": number_text(cov), "sxy_over_n": _fraction_text(sxy, n),
        "sum_x": sum(xs), "sum_y": sum(ys),
    }
    a, c = params["a"], params["c"]
    steps.update(a=a, c=c, u=latex.join_terms([latex.coef_term(a, "x"), num(params["b"])]),
                 v=latex.join_terms([latex.coef_term(c, "y"), num(params["d"])]),
                 tx=a != 1, ty=c != 1, ac=a * c, missing_value=xs[-1], others=sum(xs[:-1]), n_mx=n * mx)
    if params["ask"] == "cov":
        value = cov * a * c
        steps["value"] = number_text(value)
        return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=number_text(value),
                        steps=steps)
    root = math.isqrt(sxx * syy)
    r = Fraction(sxy, root)
    steps.update(root=root, r=number_text(r), sxy_over_root=_fraction_text(sxy, root), var_x=number_text(Fraction(sxx, n)),
                 var_y=number_text(Fraction(syy, n)))
    value = r if params["a"] * params["c"] > 0 else -r
    steps.update(value=number_text(value), same_sign=params["a"] * params["c"] > 0)
    return Solution(answer=sp.Rational(value.numerator, value.denominator), answer_latex=number_text(value),
                    steps=steps)


def verify_correlation(params: Mapping[str, Any], solution: Solution) -> bool:
    """Raw-sum formulas on the data as given (the transformed variable built explicitly)."""
    xs = [params["a"] * x + params["b"] for x in params["x"]]
    ys = [params["c"] * y + params["d"] for y in params["y"]]
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    try:
        claimed = Fraction(str(sp.Rational(solution.answer)))
    except (TypeError, ValueError):
        return False
    if params["ask"] == "cov":
        return claimed == Fraction(sxy, n) - Fraction(sx * sy, n * n)
    top = n * sxy - sx * sy
    bottom_sq = (n * sum(x * x for x in xs) - sx * sx) * (n * sum(y * y for y in ys) - sy * sy)
    return claimed * claimed * bottom_sq == top * top and (claimed > 0) == (top > 0) and abs(claimed) < 1


UNIT = Unit(
    id="math1.correlation",
    name="共分散と相関係数",
    course="数学I",
    description="Covariance and correlation coefficient of two scores in a small table, transformed "
                "variables, and a table with a value to recover from the mean.",
    types=(
        ProblemType(
            id="covariance", name="共分散", sample=sample_covariance, solve=solve_correlation,
            verify=verify_correlation, problem_templates=numbered_templates("covariance", 5),
            solution_template="correlation_solution.j2", shape="multi-step",
            knobs="five pairs → six pairs → u = ax + b with y (a times) → u and v = cy + d (ac times) → "
                  "six pairs, both transformed",
        ),
        ProblemType(
            id="correlation", name="相関係数", sample=sample_correlation, solve=solve_correlation,
            verify=verify_correlation, problem_templates=numbered_templates("correlation", 5),
            solution_template="correlation_solution.j2", shape="multi-step",
            knobs="five pairs, a terminating decimal → negative correlation, six pairs → any exact value → "
                  "u = ax + b (the sign of a) → u and v = cy + d, six pairs",
        ),
        ProblemType(
            id="missing_value", name="欠けた値を求めてからの共分散・相関係数", sample=sample_missing,
            solve=solve_correlation, verify=verify_correlation,
            problem_templates=numbered_templates("missing_value", 5),
            solution_template="correlation_solution.j2", shape="multi-step",
            knobs="the missing score from the mean, then the covariance → six pairs → the correlation "
                  "coefficient → six pairs → after u = ax + b",
        ),
    ),
)
