"""統計的な推測 (数学B): 確率変数の分散, 二項分布, 正規分布 (table values given), 信頼区間.

Table values and quantiles given in the statement (0.3413, 1.96) are exact
``Rational('0.3413')``; answers are the decimals an answer key prints. Verifiers use a
different route: E[X^2] - E[X]^2 against the solver's deviations, the full binomial pmf,
the error function, or a float computation of the interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until
from mathft_units._rational import decimal_text, num, to_sympy

#: P(0 <= Z <= z) from the standard normal table (4 places, as exam statements give them)
Z_TABLE = {
    "0.5": "0.1915", "1": "0.3413", "1.5": "0.4332", "2": "0.4772", "2.5": "0.4938", "3": "0.4987",
    "0.8": "0.2881", "1.2": "0.3849", "1.8": "0.4641",
}
QUANTILES = {95: "1.96", 99: "2.58"}
_SQUARE_RATIOS = tuple(Fraction(x) for x in ("1/2", "1/5", "4/5", "1/10", "9/10", "9/25", "16/25", "1/50", "49/50",
                                              "49/625", "576/625"))


def _dec(value: Fraction) -> str:
    text = decimal_text(value)
    if text is None:
        raise ValueError(f"{value} is not a terminating decimal")
    return text


# --- 確率変数の分散 -----------------------------------------------------------------------


def sample_rv_variance(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = ["uniform" if rng.random() < 0.15 else "table", "table", rng.choice(["table", "linear"]),
            rng.choice(["table", "linear"]), "table"][difficulty - 1]
    if kind == "uniform":
        n = 6 if rng.random() < 0.05 else rng.randint(3, 40)
        return {"kind": kind, "n": n, "die": n == 6}
    if kind == "linear":
        return {"kind": kind, "v": rng.randint(1, 20), "a": rng.choice([i for i in range(-7, 8) if i not in (0, 1)]),
                "b": rng.randint(-9, 9)}
    size = 3 if difficulty <= 2 else 4

    def draw(r: Random) -> dict[str, Any]:
        den = r.choice([4, 5, 6, 8, 10, 12])
        cuts = sorted(r.sample(range(1, den), size - 1))
        weights = [b - a for a, b in zip([0, *cuts], [*cuts, den], strict=True)]
        values = sorted(r.sample(range(-3, 10), size))
        return {"kind": "table", "values": values, "probs": [str(Fraction(w, den)) for w in weights]}

    return draw_until(rng, draw, lambda p: len(set(p["values"])) == size)


def _distribution(params: Mapping[str, Any]) -> list[tuple[Fraction, Fraction]]:
    if params["kind"] == "uniform":
        n = params["n"]
        return [(Fraction(k), Fraction(1, n)) for k in range(1, n + 1)]
    return [(Fraction(v), Fraction(p)) for v, p in zip(params["values"], params["probs"], strict=True)]


def solve_rv_variance(params: Mapping[str, Any]) -> Solution:
    if params["kind"] == "linear":
        a, b, v = params["a"], params["b"], params["v"]
        value = Fraction(a * a * v)
        steps = {"kind": "linear", "a_sq": a * a, "expr": latex.poly([a, b], "X")}
        return Solution(answer=to_sympy(value), answer_latex=num(value), steps=steps)
    dist = _distribution(params)
    mean = sum((x * p for x, p in dist), Fraction(0))
    var = sum(((x - mean) ** 2 * p for x, p in dist), Fraction(0))
    ex2 = sum((x * x * p for x, p in dist), Fraction(0))
    steps = {"kind": params["kind"], "mean": num(mean), "ex2": num(ex2), "mean_sq": num(mean * mean),
             "rows": [{"x": num(x), "p": num(p)} for x, p in dist]}
    return Solution(answer=to_sympy(var), answer_latex=num(var), steps=steps)


def verify_rv_variance(params: Mapping[str, Any], solution: Solution) -> bool:
    if params["kind"] == "linear":
        # a concrete X with variance v: ±√v with probability 1/2 each
        s = sp.sqrt(params["v"])
        ys = [params["a"] * x + params["b"] for x in (-s, s)]
        mean = sum(ys) / 2
        return sp.expand(sum((y - mean) ** 2 for y in ys) / 2) == solution.answer
    dist = _distribution(params)
    if sum(p for _, p in dist) != 1:
        return False
    mean = sum((x * p for x, p in dist), Fraction(0))
    return to_sympy(sum((x * x * p for x, p in dist), Fraction(0)) - mean * mean) == solution.answer


# --- 二項分布 ----------------------------------------------------------------------------


def sample_binomial(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = ["mean", "var", "std", "std", "std"][difficulty - 1]
    if difficulty >= 2 and rng.random() < 0.4:
        ask = rng.choice(["mean", "var", "std"])
    den = rng.choice([2, 3, 4, 5, 6, 10])

    def draw(r: Random) -> dict[str, Any]:
        p = Fraction(r.randint(1, den - 1), den)
        n = r.randint(2, [200, 200, 250, 250, 250][difficulty - 1])
        return {"n": n, "p": str(p), "ask": ask}

    def ok(params: dict[str, Any]) -> bool:
        p = Fraction(params["p"])
        if (params["n"] * p).denominator != 1 and ask == "mean":
            return False
        if ask == "std" and difficulty <= 2:
            var = params["n"] * p * (1 - p)
            return var.denominator == 1 and math.isqrt(var.numerator) ** 2 == var.numerator
        return True

    return draw_until(rng, draw, ok, max_tries=5000)


def solve_binomial(params: Mapping[str, Any]) -> Solution:
    n, p = params["n"], Fraction(params["p"])
    mean, var = n * p, n * p * (1 - p)
    value = {"mean": to_sympy(mean), "var": to_sympy(var), "std": sp.sqrt(to_sympy(var))}[params["ask"]]
    text = num(mean) if params["ask"] == "mean" else num(var) if params["ask"] == "var" else latex.tex(sp.radsimp(value))
    steps = {"n": n, "p": num(p), "q": num(1 - p), "mean": num(mean), "var": num(var), "ask": params["ask"]}
    return Solution(answer=value, answer_latex=text, steps=steps)


def verify_binomial(params: Mapping[str, Any], solution: Solution) -> bool:
    """Sum over the full probability mass function P(X = k) = nCk p^k q^(n-k)."""
    n, p = params["n"], Fraction(params["p"])
    q = 1 - p
    m1 = m2 = Fraction(0)
    for k in range(n + 1):
        prob = math.comb(n, k) * p**k * q ** (n - k)
        m1 += k * prob
        m2 += k * k * prob
    var = m2 - m1 * m1
    want = {"mean": to_sympy(m1), "var": to_sympy(var), "std": sp.sqrt(to_sympy(var))}[params["ask"]]
    return sp.simplify(want - solution.answer) == 0


# --- 正規分布 ----------------------------------------------------------------------------

_NORMAL_KINDS = ("upper", "lower", "between_sym", "between", "upper_tail_mid")


def sample_normal(rng: Random, difficulty: int) -> dict[str, Any]:
    zs = ["1", "2"] if difficulty == 1 else ["0.5", "1", "1.5", "2"] if difficulty == 2 else sorted(Z_TABLE)
    kind = rng.choice(_NORMAL_KINDS[: 2 + min(difficulty, 3)])
    sigma = rng.choice([2, 3, 4, 5, 8, 10, 12, 15, 20])
    mean = rng.randint(3, 40) * 5 if difficulty >= 2 else rng.choice([50, 60, 100])

    def draw(r: Random) -> dict[str, Any]:
        z1, z2 = r.choice(zs), r.choice(zs)
        return {"kind": kind, "m": mean, "sigma": sigma, "z1": z1, "z2": z2, "strict": r.choice([True, False])}

    def ok(p: dict[str, Any]) -> bool:
        a = Fraction(p["z1"]) * p["sigma"]
        b = Fraction(p["z2"]) * p["sigma"]
        if a.denominator != 1 or b.denominator != 1:
            return False
        return p["kind"] != "between" or Fraction(p["z1"]) < Fraction(p["z2"])

    return draw_until(rng, draw, ok)


def _normal_bounds(params: Mapping[str, Any]) -> tuple[Fraction | None, Fraction | None]:
    """The event as (lower z, upper z); None = unbounded."""
    z1, z2 = Fraction(params["z1"]), Fraction(params["z2"])
    kind = params["kind"]
    if kind == "upper":
        return z1, None
    if kind == "lower":
        return None, z1
    if kind == "between_sym":
        return -z1, z2
    if kind == "between":
        return z1, z2
    return -z1, None  # P(X >= m - z1 σ)


def solve_normal(params: Mapping[str, Any]) -> Solution:
    m, sigma = params["m"], params["sigma"]
    lo, hi = _normal_bounds(params)

    def table(z: Fraction) -> Fraction:
        return Fraction(Z_TABLE[_z_key(abs(z))])

    half = Fraction(1, 2)
    if lo is not None and hi is not None:
        if lo < 0:
            value, calc = table(hi) + table(lo), f"{_dec(table(-lo))} + {_dec(table(hi))}"
            calc_p = f"P({_dec(lo)} \\leqq Z \\leqq 0) + P(0 \\leqq Z \\leqq {_dec(hi)})"
        else:
            value, calc = table(hi) - table(lo), f"{_dec(table(hi))} - {_dec(table(lo))}"
            calc_p = f"P(0 \\leqq Z \\leqq {_dec(hi)}) - P(0 \\leqq Z \\leqq {_dec(lo)})"
    elif lo is not None:
        if lo >= 0:
            value, calc = half - table(lo), f"0.5 - {_dec(table(lo))}"
            calc_p = f"0.5 - P(0 \\leqq Z \\leqq {_dec(lo)})"
        else:
            value, calc = half + table(lo), f"{_dec(table(lo))} + 0.5"
            calc_p = f"P({_dec(lo)} \\leqq Z \\leqq 0) + 0.5"
    else:
        value, calc = half + table(hi), f"0.5 + {_dec(table(hi))}"
        calc_p = f"0.5 + P(0 \\leqq Z \\leqq {_dec(hi)})"
    x_lo = None if lo is None else m + lo * sigma
    x_hi = None if hi is None else m + hi * sigma
    used = sorted({_z_key(abs(z)) for z in (lo, hi) if z is not None}, key=Fraction)
    strict = params["strict"]
    steps = {
        "m": m, "sigma": sigma, "var": sigma * sigma,
        "x_lo": None if x_lo is None else int(x_lo), "x_hi": None if x_hi is None else int(x_hi),
        "z_lo": None if lo is None else _dec(lo), "z_hi": None if hi is None else _dec(hi),
        "table": [{"z": z, "t": Z_TABLE[z]} for z in used],
        "lt": "<" if strict else "\\leqq", "gt": ">" if strict else "\\geqq",
        "value": _dec(value), "calc": calc, "calc_p": calc_p,
    }
    return Solution(answer=to_sympy(value), answer_latex=_dec(value), steps=steps)


def _z_key(z: Fraction) -> str:
    text = _dec(z)
    return text


def verify_normal(params: Mapping[str, Any], solution: Solution) -> bool:
    """Compare with the normal CDF from the error function (table values are rounded to 4 places)."""
    lo, hi = _normal_bounds(params)

    def cdf(z: Fraction | None, default: float) -> float:
        return default if z is None else 0.5 * (1 + math.erf(float(z) / math.sqrt(2)))

    exact = cdf(hi, 1.0) - cdf(lo, 0.0)
    return abs(exact - float(solution.answer)) < 2.5e-4


# --- 信頼区間 ----------------------------------------------------------------------------


def sample_interval(rng: Random, difficulty: int) -> dict[str, Any]:
    kind = "mean" if difficulty <= 3 else rng.choice(["mean", "proportion"])
    level = 95 if difficulty <= 2 else rng.choice([95, 99])
    if kind == "mean":
        def draw_mean(r: Random) -> dict[str, Any]:
            root = r.choice([4, 5, 8, 10, 16, 20, 25, 40, 50])
            sigma = r.randint(2, 40) if difficulty >= 2 else root * r.randint(1, 3)
            xbar = Fraction(r.randint(200, 2000), 10 if difficulty >= 3 else 1)
            return {"kind": kind, "level": level, "n": root * root, "sigma": sigma, "xbar": str(xbar)}

        return draw_until(rng, draw_mean,
                          lambda p: decimal_text(Fraction(p["sigma"], math.isqrt(p["n"]))) is not None)

    def draw(r: Random) -> dict[str, Any]:
        # R(1 - R) is a square exactly when R = a^2 / (a^2 + b^2); roots made of 2s and 5s keep decimals finite
        ratio = r.choice(_SQUARE_RATIOS)
        root = r.choice([10, 20, 25, 40, 50, 80, 100, 125, 200])
        n = root * root
        return {"kind": kind, "level": level, "n": n, "k": int(ratio * n)}

    return draw_until(rng, draw, lambda p: Fraction(p["k"], p["n"]) in _SQUARE_RATIOS)


def solve_interval(params: Mapping[str, Any]) -> Solution:
    c = Fraction(QUANTILES[params["level"]])
    n = params["n"]
    root = math.isqrt(n)
    if params["kind"] == "mean":
        center = Fraction(params["xbar"])
        se = Fraction(params["sigma"], root)
        var = "m"
    else:
        center = Fraction(params["k"], n)
        se2 = center * (1 - center) / n
        se = Fraction(math.isqrt(se2.numerator), math.isqrt(se2.denominator))
        var = "p"
    lo, hi = center - c * se, center + c * se
    sym = sp.Symbol(var)
    answer = sp.And(sp.Ge(sym, to_sympy(lo)), sp.Le(sym, to_sympy(hi)))
    text = f"{_dec(lo)} \\leqq {var} \\leqq {_dec(hi)}"
    steps = {"c": _dec(c), "n": n, "root": root, "center": _dec(center), "se": _dec(se), "half": _dec(c * se),
             "lo": _dec(lo), "hi": _dec(hi), "var": var, "kind": params["kind"], "level": params["level"],
             "sigma": params.get("sigma"), "k": params.get("k"),
             "one_minus": _dec(1 - center)}
    return Solution(answer=answer, answer_latex=text, steps=steps)


def verify_interval(params: Mapping[str, Any], solution: Solution) -> bool:
    """Recompute the interval in floating point from the statement's numbers."""
    c = float(QUANTILES[params["level"]])
    if params["kind"] == "mean":
        center = float(Fraction(params["xbar"]))
        half = c * params["sigma"] / math.sqrt(params["n"])
    else:
        center = params["k"] / params["n"]
        half = c * math.sqrt(center * (1 - center) / params["n"])
    ends = sorted(float(v) for v in solution.answer.atoms(sp.Rational))
    return len(ends) == 2 and abs(ends[0] - (center - half)) < 1e-9 and abs(ends[1] - (center + half)) < 1e-9


UNIT = Unit(
    id="mathb.statistical_inference",
    name="統計的な推測",
    course="数学B",
    description="Variance of a random variable, binomial distribution, normal probabilities, confidence intervals.",
    types=(
        ProblemType(
            id="rv_variance", name="確率変数の分散", sample=sample_rv_variance, solve=solve_rv_variance,
            verify=verify_rv_variance,
            problem_templates=("rv_variance_1.j2", "rv_variance_2.j2", "rv_variance_3.j2"),
            solution_template="rv_variance_solution.j2",
            knobs="a die / numbered cards → distribution tables (3 → 4 values) → V(aX + b)",
        ),
        ProblemType(
            id="binomial", name="二項分布", sample=sample_binomial, solve=solve_binomial, verify=verify_binomial,
            problem_templates=("binomial_1.j2", "binomial_2.j2", "binomial_3.j2"),
            solution_template="binomial_solution.j2",
            knobs="mean → variance → standard deviation (integer → radical), larger n",
        ),
        ProblemType(
            id="normal", name="正規分布", sample=sample_normal, solve=solve_normal, verify=verify_normal,
            problem_templates=("normal_1.j2", "normal_2.j2", "normal_3.j2"),
            solution_template="normal_solution.j2",
            knobs="one tail at z = 1, 2 → more table values → two-sided and off-centre intervals",
        ),
        ProblemType(
            id="interval", name="信頼区間", sample=sample_interval, solve=solve_interval, verify=verify_interval,
            problem_templates=("interval_1.j2", "interval_2.j2", "interval_3.j2"),
            solution_template="interval_solution.j2",
            knobs="95% with σ/√n an integer → decimals → 99% → population proportion",
        ),
    ),
)
