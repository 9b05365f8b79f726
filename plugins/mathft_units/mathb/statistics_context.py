"""統計の文章題 (数学B, 入試型): 賞金・得点の期待値, 母比率の仮説検定.

Expected values are computed from the distribution written out by counting (combinations);
the verifier enumerates every equally likely outcome (itertools). Test statistics use the
normal approximation with sample sizes for which the standard deviation is an integer;
the verifier recomputes z in floating point or scans the counts k = 0 … n.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction
from random import Random
from typing import Any

import sympy as sp

from mathft_core.latex import num, tex
from mathft_core.units import ProblemType, Solution, Unit
from mathft_core.units import numbered_templates as _phrasings
from mathft_units._rational import decimal_text


def _fr(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


# --- 期待値（ゲーム・賞金） ---------------------------------------------------------------


def sample_expected_game(rng: Random, difficulty: int) -> dict[str, Any]:
    if difficulty <= 2:
        kind = "die"
        hi = rng.choice((3, 4, 5, 6)) if difficulty == 2 else 6
        return {"kind": kind, "top": hi, "big": 10 * rng.randint(3, 30), "small": 10 * rng.randint(1, 9),
                "cost": 0 if difficulty == 1 else 10 * rng.randint(1, 9)}
    if difficulty == 3:
        return {"kind": "balls", "red": rng.randint(2, 6), "white": rng.randint(2, 6), "draw": 2,
                "per": 10 * rng.randint(1, 20), "bonus": 0}
    if difficulty == 4:
        return {"kind": "balls", "red": rng.randint(3, 6), "white": rng.randint(2, 6), "draw": 3,
                "per": 10 * rng.randint(1, 20), "bonus": 10 * rng.randint(5, 50)}
    return {"kind": "coins", "n": rng.randint(3, 6), "per": 10 * rng.randint(1, 10), "need": 0,
            "bonus": 10 * rng.randint(5, 50)}


def _game_outcomes(p: Mapping[str, Any]) -> list[int]:
    """Prize of every equally likely outcome, by brute-force enumeration."""
    if p["kind"] == "die":
        return [p["big"] if f >= p["top"] else p["small"] if f % 2 == 0 else 0 for f in range(1, 7)]
    if p["kind"] == "balls":
        balls = ["r"] * p["red"] + ["w"] * p["white"]
        out = []
        for combo in itertools.combinations(range(len(balls)), p["draw"]):
            reds = sum(balls[i] == "r" for i in combo)
            out.append(p["per"] * reds + (p["bonus"] if reds == p["draw"] else 0))
        return out
    out = []
    for tosses in itertools.product((0, 1), repeat=p["n"]):
        heads = sum(tosses)
        out.append(p["per"] * heads + (p["bonus"] if heads == p["n"] else 0))
    return out


def solve_expected_game(p: Mapping[str, Any]) -> Solution:
    kind = p["kind"]
    steps: dict[str, Any] = {"kind": kind}
    if kind == "die":
        top = p["top"]
        n_big = 7 - top
        n_small = sum(1 for f in range(2, top, 2))
        value = Fraction(p["big"] * n_big + p["small"] * n_small, 6) - p["cost"]
        steps.update(top=top, n_big=n_big, n_small=n_small, pb=num(Fraction(n_big, 6)), ps=num(Fraction(n_small, 6)),
                     gross=num(Fraction(p["big"] * n_big + p["small"] * n_small, 6)), value=num(value),
                     top_text="6の目" if top == 6 else f"{top}以上の目",
                     small_text="偶数の目" if top <= 2 else f"{top}未満の偶数の目")
    elif kind == "balls":
        r, w, d = p["red"], p["white"], p["draw"]
        total = math.comb(r + w, d)
        rows = [{"k": k, "count": math.comb(r, k) * math.comb(w, d - k), "prob": num(Fraction(
            math.comb(r, k) * math.comb(w, d - k), total))} for k in range(d + 1)]
        mean_red = Fraction(d * r, r + w)
        allred = Fraction(math.comb(r, d), total)
        value = p["per"] * mean_red + p["bonus"] * allred
        steps.update(total=total, rows=rows, mean_red=num(mean_red), allred=num(allred), value=num(value),
                     n=r + w, nonzero=[row for row in rows if row["count"]], ex_sum=" + ".join(f"{row['k']} \\cdot {row['prob']}" for row in rows if row["count"]))
    else:
        n = p["n"]
        value = Fraction(p["per"] * n, 2) + Fraction(p["bonus"], 2**n)
        steps.update(n=n, mean_heads=num(Fraction(n, 2)), pall=num(Fraction(1, 2**n)), value=num(value),
                     two_n=2**n)
    return Solution(answer=_fr(value), answer_latex=num(value), steps=steps)


def verify_expected_game(p: Mapping[str, Any], solution: Solution) -> bool:
    """Average the prize over every equally likely outcome."""
    prizes = _game_outcomes(p)
    mean = Fraction(sum(prizes), len(prizes)) - (p.get("cost", 0) if p["kind"] == "die" else 0)
    return _fr(mean) == solution.answer


# --- 仮説検定（母比率） ---------------------------------------------------------------------

#: (n, p0) with an integer standard deviation sqrt(n p0 (1 - p0))
_DESIGNS = ((100, "1/2"), (400, "1/2"), (144, "1/2"), (196, "1/2"), (256, "1/2"), (100, "1/5"), (225, "1/5"),
            (600, "2/5"), (150, "2/5"), (300, "1/4"), (48, "1/4"), (180, "1/6"), (500, "1/2"))
_CRIT = {"one": "1.64", "two": "1.96"}


def sample_hypothesis_test(rng: Random, difficulty: int) -> dict[str, Any]:
    designs = [d for d in _DESIGNS if math.isqrt(int(d[0] * Fraction(d[1]) * (1 - Fraction(d[1])))) ** 2
               == d[0] * Fraction(d[1]) * (1 - Fraction(d[1]))]
    n, p0 = rng.choice(designs)
    mean = int(n * Fraction(p0))
    sd = math.isqrt(int(n * Fraction(p0) * (1 - Fraction(p0))))
    context = rng.choice(("coin", "survey", "seed")) if Fraction(p0) != Fraction(1, 2) or difficulty >= 3 else "coin"
    if Fraction(p0) != Fraction(1, 2) and context == "coin":
        context = "survey"
    ask = {1: "z", 2: "z", 3: "crit_one", 4: "crit_two"}.get(difficulty, rng.choice(("z", "crit_one", "crit_two")))
    k = mean + rng.choice((1, -1) if ask == "z" and difficulty >= 2 else (1,)) * rng.randint(1, 3 * sd)
    return {"n": n, "p0": p0, "k": max(0, min(n, k)), "ask": ask, "context": context, "sd": sd}


def solve_hypothesis_test(p: Mapping[str, Any]) -> Solution:
    n, p0, k, ask = p["n"], Fraction(p["p0"]), p["k"], p["ask"]
    mean, sd = n * p0, p["sd"]
    steps: dict[str, Any] = {"n": n, "p0": num(p0), "p0dec": decimal_text(p0) or num(p0), "k": k, "ask": ask,
                             "mean": num(mean), "var": num(n * p0 * (1 - p0)), "sd": sd, "q0": num(1 - p0),
                             "context": p["context"]}
    if ask == "z":
        z = (k - mean) / sd
        text = decimal_text(z) or num(z)
        steps.update(z=text)
        return Solution(answer=_fr(z), answer_latex=text, steps=steps)
    crit = Fraction(_CRIT["one" if ask == "crit_one" else "two"])
    bound = mean + crit * sd
    kmin = math.ceil(bound)
    steps.update(crit=_CRIT["one" if ask == "crit_one" else "two"], bound=decimal_text(bound) or num(bound),
                 kmin=kmin, one=ask == "crit_one")
    return Solution(answer=sp.Integer(kmin), answer_latex=str(kmin), steps=steps)


def verify_hypothesis_test(p: Mapping[str, Any], solution: Solution) -> bool:
    """z in floating point from the binomial mean and variance; the rejection boundary by
    scanning every count 0 … n."""
    n, p0, k = p["n"], float(Fraction(p["p0"])), p["k"]
    mu, sigma = n * p0, math.sqrt(n * p0 * (1 - p0))
    if p["ask"] == "z":
        return abs((k - mu) / sigma - float(solution.answer)) < 1e-9
    crit = float(_CRIT["one" if p["ask"] == "crit_one" else "two"])
    rejected = [x for x in range(n + 1) if x > mu and (x - mu) / sigma >= crit - 1e-12]
    return bool(rejected) and sp.Integer(min(rejected)) == solution.answer


# --- 成功回数の期待値・分散（二項分布の文章題） ----------------------------------------------

#: (success probability, context) pairs; the context names the trial and the success
_COUNT_CONTEXTS = ("shoot", "die", "buy", "germ")


def sample_success_count(rng: Random, difficulty: int) -> dict[str, Any]:
    context = rng.choice(_COUNT_CONTEXTS)
    p = {"die": str(Fraction(rng.choice((1, 2)), 6)), "shoot": str(Fraction(rng.randint(1, 9), 10)),
         "buy": str(Fraction(rng.randint(1, 4), 5)), "germ": str(Fraction(rng.choice((3, 7, 9)), 10))}[context]
    ask = {1: "mean", 2: "var", 3: "sd", 4: "profit_mean"}.get(difficulty, rng.choice(("profit_mean", "profit_var")))
    n = rng.randint(5, 40)
    if ask == "sd":  # n p q a perfect square: n = s^2 / (p q) for some s
        pq = Fraction(p) * (1 - Fraction(p))
        options = [s * s / pq for s in range(1, 13) if (s * s / pq).denominator == 1 and 4 <= s * s / pq <= 200]
        if options and rng.random() < 0.7:  # otherwise the standard deviation is a radical
            n = int(rng.choice(options))
    return {"context": context, "p": p, "n": n, "ask": ask, "gain": 10 * rng.randint(2, 30),
            "fee": 10 * rng.randint(0, 20)}


def _binom_moments(n: int, p: Fraction) -> tuple[Fraction, Fraction]:
    """E(X) and V(X) summed over the binomial probability function itself."""
    q = 1 - p
    probs = [math.comb(n, k) * p**k * q ** (n - k) for k in range(n + 1)]
    mean = sum((k * w for k, w in enumerate(probs)), Fraction(0))
    second = sum((k * k * w for k, w in enumerate(probs)), Fraction(0))
    return mean, second - mean * mean


def solve_success_count(p: Mapping[str, Any]) -> Solution:
    n, pr, ask = p["n"], Fraction(p["p"]), p["ask"]
    mean, var = n * pr, n * pr * (1 - pr)
    steps: dict[str, Any] = {"n": n, "p": num(pr), "q": num(1 - pr), "mean": num(mean), "var": num(var),
                             "ask": ask, "gain": p["gain"], "fee": p["fee"], "context": p["context"]}
    if ask == "mean":
        value: Any = _fr(mean)
    elif ask == "var":
        value = _fr(var)
    elif ask == "sd":
        value = sp.sqrt(_fr(var))
    elif ask == "profit_mean":
        value = _fr(p["gain"] * mean - p["fee"])
    else:
        value = _fr(p["gain"] ** 2 * var)
    text = num(value) if value.is_Rational else tex(value)
    steps["value"] = text
    return Solution(answer=value, answer_latex=text, steps=steps)


def verify_success_count(p: Mapping[str, Any], solution: Solution) -> bool:
    """Moments of X from the binomial probabilities, then the asked quantity."""
    mean, var = _binom_moments(p["n"], Fraction(p["p"]))
    ask = p["ask"]
    if ask == "sd":
        return bool(sp.expand(solution.answer**2 - _fr(var)) == 0 and solution.answer > 0)
    want = {"mean": mean, "var": var, "profit_mean": p["gain"] * mean - p["fee"],
            "profit_var": p["gain"] ** 2 * var}[ask]
    return _fr(want) == solution.answer


UNIT = Unit(
    id="mathb.statistics_context",
    name="統計の文章題",
    course="数学B",
    description="ゲームの賞金・得点の期待値，成功回数の期待値と分散，母比率についての仮説検定（検定統計量，棄却域の境界）の文章題。",
    types=(
        ProblemType(
            id="expected_prize", name="ゲームの期待値", sample=sample_expected_game, solve=solve_expected_game,
            verify=verify_expected_game, problem_templates=_phrasings("expected_prize", 5),
            solution_template="expected_prize_solution.j2", shape="word",
            knobs="die prizes -> with an entry fee -> prize per red ball drawn -> three balls with an all-red bonus -> "
                  "coins with an all-heads bonus",
        ),
        ProblemType(
            id="success_count", name="成功回数の期待値と分散", sample=sample_success_count,
            solve=solve_success_count, verify=verify_success_count,
            problem_templates=_phrasings("success_count", 5), solution_template="success_count_solution.j2",
            shape="word",
            knobs="E(X) -> V(X) -> standard deviation -> expected profit aX - b -> variance of the profit",
        ),
        ProblemType(
            id="proportion_test", name="母比率の仮説検定", sample=sample_hypothesis_test, solve=solve_hypothesis_test,
            verify=verify_hypothesis_test, problem_templates=_phrasings("proportion_test", 5),
            solution_template="proportion_test_solution.j2", shape="word",
            knobs="z of a coin experiment -> z below the mean -> smallest rejected count, one-sided -> two-sided -> "
                  "mixed contexts (survey, germination)",
        ),
    ),
)
