"""確率の文章題 (数学A): a screening test and two boxes (条件付き確率), a match won by whoever wins
m games first and a point moving on a number line (反復試行).

Solvers use the multiplication theorem, Bayes' reasoning and binomial counts; verifiers count
instead: a population of people, every equally likely (die face, ball) outcome, every sequence
of games or throws with its probability.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations, product
from random import Random
from typing import Any

import sympy as sp

from mathft_core import latex
from mathft_core.units import ProblemType, Solution, Unit, draw_until, numbered_templates
from mathft_units.matha._forms_a import answer_fraction, frac_text

# --- 検査の陽性・陰性 -------------------------------------------------------------------------


def sample_screening(rng: Random, difficulty: int) -> dict[str, Any]:
    ask = {1: "positive", 2: "ill_given_pos", 3: "healthy_given_neg", 4: "ill_given_two", 5: "ill_given_pos"}[
        difficulty]
    prevalence = rng.choice([1, 2, 4, 5, 10, 20]) if difficulty <= 4 else rng.choice([1, 2, 5])
    return {"prev": prevalence, "sens": rng.choice([80, 90, 95, 98]), "false_pos": rng.choice([2, 4, 5, 10, 20]),
            "ask": ask, "per_mille": difficulty == 5}


def _rates(params: Mapping[str, Any]) -> tuple[Fraction, Fraction, Fraction]:
    scale = 1000 if params["per_mille"] else 100
    return Fraction(params["prev"], scale), Fraction(params["sens"], 100), Fraction(params["false_pos"], 100)


def solve_screening(params: Mapping[str, Any]) -> Solution:
    p, s, f = _rates(params)
    steps: dict[str, Any] = {"p": frac_text(p), "q": frac_text(1 - p), "s": frac_text(s), "f": frac_text(f),
                             "ns": frac_text(1 - s), "nf": frac_text(1 - f)}
    ask = params["ask"]
    if ask == "ill_given_two":
        joint_ill, joint_ok = p * s * s, (1 - p) * f * f
    elif ask == "healthy_given_neg":
        joint_ill, joint_ok = (1 - p) * (1 - f), p * (1 - s)
    else:
        joint_ill, joint_ok = p * s, (1 - p) * f
    total = joint_ill + joint_ok
    value = total if ask == "positive" else joint_ill / total
    steps.update(j1=frac_text(joint_ill), j2=frac_text(joint_ok), total=frac_text(total))
    return answer_fraction(value, steps)


def verify_screening(params: Mapping[str, Any], solution: Solution) -> bool:
    """Count people in a population of 10^8 (every rate is a whole number of people)."""
    people = 10**8
    scale = 1000 if params["per_mille"] else 100
    ill = people * params["prev"] // scale
    healthy = people - ill
    ill_pos = ill * params["sens"] // 100
    ok_pos = healthy * params["false_pos"] // 100
    ask = params["ask"]
    if ask == "positive":
        want = Fraction(ill_pos + ok_pos, people)
    elif ask == "ill_given_pos":
        want = Fraction(ill_pos, ill_pos + ok_pos)
    elif ask == "healthy_given_neg":
        ok_neg, ill_neg = healthy - ok_pos, ill - ill_pos
        want = Fraction(ok_neg, ok_neg + ill_neg)
    else:
        ill_pp = ill_pos * params["sens"] // 100
        ok_pp = ok_pos * params["false_pos"] // 100
        want = Fraction(ill_pp, ill_pp + ok_pp)
    return sp.Rational(want.numerator, want.denominator) == solution.answer


# --- 2つの箱 -------------------------------------------------------------------------------


def sample_boxes(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        box_a = [r.randint(1, 5), r.randint(1, 5)]  # red, white
        box_b = [r.randint(1, 5), r.randint(1, 5)]
        if difficulty == 5:
            return {"kind": "transfer", "a": box_a, "b": box_b, "faces": 0, "take": 1, "ask": "first_red",
                    "colour": 0}
        faces = r.choice([1, 2, 3, 4]) if difficulty != 4 else 0  # die faces that choose box A (0: a coin)
        take = 2 if difficulty == 3 else 1
        ask = "total" if difficulty == 1 else r.choice(["from_a", "from_b"])
        return {"kind": "choose", "a": box_a, "b": box_b, "faces": faces, "take": take, "ask": ask,
                "colour": r.randrange(2) if difficulty >= 4 else 0}

    def ok(p: dict[str, Any]) -> bool:
        if p["take"] == 2 and (p["a"][0] < 2 or p["b"][0] < 2):
            return False
        value = solve_boxes(p).answer
        return 0 < value < 1

    return draw_until(rng, draw, ok)


def _choose_prob(box: list[int], take: int, colour: int) -> Fraction:
    """Probability that every one of ``take`` balls drawn together has the colour."""
    n = sum(box)
    return Fraction(math.comb(box[colour], take), math.comb(n, take))


def solve_boxes(params: Mapping[str, Any]) -> Solution:
    a, b, colour = params["a"], params["b"], params["colour"]
    if params["kind"] == "transfer":
        # A → B one ball, then one ball from B
        na, nb = sum(a), sum(b) + 1
        red_red = Fraction(a[0], sum(a)) * Fraction(b[0] + 1, nb)
        white_red = Fraction(a[1], sum(a)) * Fraction(b[0], nb)
        total = red_red + white_red
        steps = {"colour": "赤玉", "rr": frac_text(red_red), "wr": frac_text(white_red), "total": frac_text(total),
                 "pa_r": frac_text(Fraction(a[0], na)), "pa_w": frac_text(Fraction(a[1], na)),
                 "pb_r1": frac_text(Fraction(b[0] + 1, nb)), "pb_r0": frac_text(Fraction(b[0], nb)), "nb": nb}
        return answer_fraction(red_red / total, steps)
    pa = Fraction(params["faces"], 6) if params["faces"] else Fraction(1, 2)
    ca = _choose_prob(a, params["take"], colour)
    cb = _choose_prob(b, params["take"], colour)
    ja, jb = pa * ca, (1 - pa) * cb
    total = ja + jb
    value = total if params["ask"] == "total" else (ja if params["ask"] == "from_a" else jb) / total
    steps = {"pa": frac_text(pa), "pb": frac_text(1 - pa), "ca": frac_text(ca), "cb": frac_text(cb),
             "ja": frac_text(ja), "jb": frac_text(jb), "total": frac_text(total),
             "na": sum(a), "nb": sum(b), "comb_a": math.comb(sum(a), params["take"]),
             "comb_b": math.comb(sum(b), params["take"]),
             "good_a": math.comb(a[colour], params["take"]), "good_b": math.comb(b[colour], params["take"]),
             "colour": "赤玉" if colour == 0 else "白玉"}
    return answer_fraction(value, steps)


def verify_boxes(params: Mapping[str, Any], solution: Solution) -> bool:
    """Enumerate every equally likely elementary outcome with its weight."""
    a, b, colour = params["a"], params["b"], params["colour"]
    balls_a = [0] * a[0] + [1] * a[1]
    if params["kind"] == "transfer":
        hit = cond = Fraction(0)
        for i in range(len(balls_a)):
            moved = balls_a[i]
            balls_b = [0] * b[0] + [1] * b[1] + [moved]
            for j in range(len(balls_b)):
                w = Fraction(1, len(balls_a) * len(balls_b))
                if balls_b[j] == 0:
                    cond += w
                    if moved == 0:
                        hit += w
        return sp.Rational(hit.numerator * cond.denominator, hit.denominator * cond.numerator) == solution.answer
    balls_b = [0] * b[0] + [1] * b[1]
    take = params["take"]
    selectors = ["A"] * params["faces"] + ["B"] * (6 - params["faces"]) if params["faces"] else ["A", "B"]
    event = Fraction(0)
    event_a = Fraction(0)
    for box in selectors:
        balls = balls_a if box == "A" else balls_b
        picks = list(combinations(range(len(balls)), take))
        for pick in picks:
            if all(balls[i] == colour for i in pick):
                w = Fraction(1, len(selectors) * len(picks))
                event += w
                if box == "A":
                    event_a += w
    if params["ask"] == "total":
        want = event
    elif params["ask"] == "from_a":
        want = event_a / event
    else:
        want = (event - event_a) / event
    return sp.Rational(want.numerator, want.denominator) == solution.answer


# --- 先に m 勝 ------------------------------------------------------------------------------


PLAYERS = (("A", "B"), ("P", "Q"), ("S", "T"), ("X", "Y"))


def sample_match(rng: Random, difficulty: int) -> dict[str, Any]:
    wins = 2 if difficulty == 1 else 3 if difficulty <= 4 else rng.choice([3, 4])
    p = rng.choice([Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(2, 5), Fraction(3, 5), Fraction(3, 4),
                    Fraction(1, 4)])
    ask = "a_wins" if difficulty <= 2 else "ends_at" if difficulty == 3 else "a_wins_after_loss" if difficulty == 4 \
        else rng.choice(["a_wins", "ends_at"])
    games = rng.randint(wins, 2 * wins - 1)
    return {"wins": wins, "p": str(p), "ask": ask, "games": games, "names": list(rng.choice(PLAYERS))}


def solve_match(params: Mapping[str, Any]) -> Solution:
    m, p = params["wins"], Fraction(params["p"])
    q = 1 - p
    rows = []
    if params["ask"] == "ends_at":
        n = params["games"]
        # A wins the n-th game and m - 1 of the first n - 1 (or B does)
        pa = math.comb(n - 1, m - 1) * p ** m * q ** (n - m)
        pb = math.comb(n - 1, m - 1) * q ** m * p ** (n - m)
        value = pa + pb
        steps = {"n": n, "pa": frac_text(pa), "pb": frac_text(pb), "value": frac_text(value), "k": m - 1,
                 "l": n - m, "expr_a": _match_term_text(m, n - m, p), "expr_b": _match_term_text(m, n - m, q)}
        return answer_fraction(value, {**steps, "p": frac_text(p), "q": frac_text(q)})
    need_a = m
    losses_b_start = 1 if params["ask"] == "a_wins_after_loss" else 0
    value = Fraction(0)
    # A wins with its need_a-th win at game need_a + j, having lost j more games (B below m)
    for j in range(0, m - losses_b_start):
        term = math.comb(need_a - 1 + j, j) * p ** need_a * q ** j
        value += term
        rows.append({"games": need_a + j + losses_b_start, "losses": j, "term": frac_text(term),
                     "expr": _match_term_text(need_a, j, p)})
    steps = {"rows": rows, "p": frac_text(p), "q": frac_text(q), "need": need_a, "value": frac_text(value)}
    return answer_fraction(value, steps)


def _match_term_text(need: int, losses: int, p: Fraction) -> str:
    """C(need - 1 + losses, losses) p^need q^losses as LaTeX."""
    head = binom_text(need - 1 + losses, need - 1, p) if need > 1 or losses else "1"
    tail = frac_text(p)
    if head == "1":
        return tail
    return f"{head} \\times {tail}"


def verify_match(params: Mapping[str, Any], solution: Solution) -> bool:
    """Play every sequence of 2m - 1 games (the match is decided within them) with its probability."""
    m, p = params["wins"], Fraction(params["p"])
    n = 2 * m - 1
    total = Fraction(0)
    cond = Fraction(0)
    for seq in product((0, 1), repeat=n):  # 1: A wins the game
        w = Fraction(1)
        for g in seq:
            w *= p if g else 1 - p
        a = b = 0
        end, winner = n, None
        for i, g in enumerate(seq):
            a, b = a + g, b + (1 - g)
            if a == m or b == m:
                end, winner = i + 1, "A" if a == m else "B"
                break
        if params["ask"] == "ends_at":
            total += w if end == params["games"] else 0
        elif params["ask"] == "a_wins":
            total += w if winner == "A" else 0
        elif seq[0] == 0:
            cond += w
            total += w if winner == "A" else 0
    want = total / cond if params["ask"] == "a_wins_after_loss" else total
    return sp.Rational(want.numerator, want.denominator) == solution.answer


# --- 数直線上の点 -----------------------------------------------------------------------------


def sample_walk(rng: Random, difficulty: int) -> dict[str, Any]:
    def draw(r: Random) -> dict[str, Any]:
        n = [4, 5, 6, 6, 7][difficulty - 1]
        if difficulty == 1:
            up, down = r.choice([(1, 1), (2, 1), (1, 2), (3, 1)])
            faces = 3  # a coin: faces is not used
            n = r.choice([4, 5])
        else:
            up, down = r.choice([(2, 1), (3, 1), (1, 1), (1, 2)])
            faces = r.choice([2, 3, 4])
        ups = r.randint(0, n)
        target = up * ups - down * (n - ups)
        ask = "at" if difficulty <= 3 else "at_ge" if difficulty == 4 else "via"
        mid = r.randint(2, n - 2)
        mid_ups = r.randint(0, mid)
        return {"n": n, "up": up, "down": down, "faces": faces, "coin": difficulty == 1, "target": target,
                "ask": ask, "mid": mid, "mid_pos": up * mid_ups - down * (mid - mid_ups)}

    def ok(p: dict[str, Any]) -> bool:
        v = solve_walk(p).answer
        return 0 < v < 1

    return draw_until(rng, draw, ok)


def _position_text(up: int, down: int, n: int) -> str:
    """``up·k - down(n - k)`` without unit coefficients: ``2k - (5 - k)``."""
    return f"{latex.coef_term(up, 'k')} - {'' if down == 1 else down}({n} - k)"


def _p_up(params: Mapping[str, Any]) -> Fraction:
    return Fraction(1, 2) if params["coin"] else Fraction(params["faces"], 6)


def _ups_for(params: Mapping[str, Any], steps: int, position: int) -> int | None:
    """Number of forward moves that ends at ``position`` after ``steps`` moves, if any."""
    up, down = params["up"], params["down"]
    num = position + down * steps
    if num % (up + down):
        return None
    k = num // (up + down)
    return k if 0 <= k <= steps else None


def binom_text(n: int, k: int, p: Fraction) -> str:
    """``{}_{n}C_{k} (p)^k (1 - p)^{n - k}`` without C = 1 factors or 0th/1st powers."""
    parts = []
    if 0 < k < n:
        parts.append(f"{{}}_{{{n}}}\\mathrm{{C}}_{{{k}}}")
    for base, e in ((p, k), (1 - p, n - k)):
        if e == 0:
            continue
        text = frac_text(base)
        parts.append(text if e == 1 else f"\\left({text}\\right)^{{{e}}}")
    return " \\times ".join(parts) if parts else "1"


def _binom(n: int, k: int, p: Fraction) -> Fraction:
    return math.comb(n, k) * p ** k * (1 - p) ** (n - k)


def solve_walk(params: Mapping[str, Any]) -> Solution:
    n, p = params["n"], _p_up(params)
    steps: dict[str, Any] = {"p": frac_text(p), "q": frac_text(1 - p), "n": n, "value": "",
                             "pos_expr": _position_text(params["up"], params["down"], n),
                             "pos_simple": latex.join_terms([latex.coef_term(params["up"] + params["down"], "k"),
                                                             latex.num(-params["down"] * n)])}
    if params["ask"] == "at":
        k = _ups_for(params, n, params["target"])
        value = Fraction(0) if k is None else _binom(n, k, p)
        steps.update(k=k, expr=binom_text(n, k or 0, p), value=frac_text(value))
    elif params["ask"] == "at_ge":
        rows = []
        value = Fraction(0)
        for k in range(n + 1):
            pos = params["up"] * k - params["down"] * (n - k)
            if pos >= params["target"]:
                term = _binom(n, k, p)
                value += term
                rows.append({"k": k, "pos": pos, "expr": binom_text(n, k, p), "term": frac_text(term)})
        steps["rows"] = rows
    else:
        k1 = _ups_for(params, params["mid"], params["mid_pos"])
        rest = params["target"] - params["mid_pos"]
        k2 = _ups_for(params, n - params["mid"], rest)
        first = Fraction(0) if k1 is None else _binom(params["mid"], k1, p)
        second = Fraction(0) if k2 is None else _binom(n - params["mid"], k2, p)
        value = first * second
        steps.update(k1=k1, k2=k2, first=frac_text(first), second=frac_text(second), rest=rest,
                     m2=n - params["mid"], expr1=binom_text(params["mid"], k1 or 0, p),
                     expr2=binom_text(n - params["mid"], k2 or 0, p))
    return answer_fraction(value, steps)


def verify_walk(params: Mapping[str, Any], solution: Solution) -> bool:
    """Walk every sequence of throws, weighting it by its probability."""
    p = _p_up(params)
    total = Fraction(0)
    for seq in product((1, 0), repeat=params["n"]):
        w = Fraction(1)
        pos = 0
        at_mid = None
        for i, s in enumerate(seq):
            w *= p if s else 1 - p
            pos += params["up"] if s else -params["down"]
            if i + 1 == params["mid"]:
                at_mid = pos
        if params["ask"] == "at":
            good = pos == params["target"]
        elif params["ask"] == "at_ge":
            good = pos >= params["target"]
        else:
            good = pos == params["target"] and at_mid == params["mid_pos"]
        if good:
            total += w
    return sp.Rational(total.numerator, total.denominator) == solution.answer


UNIT = Unit(
    id="matha.probability_context",
    name="確率の文章題",
    course="数学A",
    description="Screening tests and two boxes (conditional probability); matches and walks (repeated trials).",
    types=(
        ProblemType(
            id="screening", name="検査と条件付き確率", sample=sample_screening, solve=solve_screening,
            verify=verify_screening, problem_templates=numbered_templates("screening", 5),
            solution_template="screening_solution.j2", shape="word",
            knobs="P(positive) → P(ill | positive) → P(healthy | negative) → two independent positive "
                  "tests → a rare illness given per thousand",
        ),
        ProblemType(
            id="two_boxes", name="2つの箱と条件付き確率", sample=sample_boxes, solve=solve_boxes,
            verify=verify_boxes, problem_templates=numbered_templates("two_boxes", 5),
            solution_template="two_boxes_solution.j2", shape="word",
            knobs="P(red) with a die choosing the box → which box, given red → two balls at once → a coin "
                  "and either colour → one ball moved from A to B first",
        ),
        ProblemType(
            id="match", name="先に m 勝した方が優勝", sample=sample_match, solve=solve_match,
            verify=verify_match, problem_templates=numbered_templates("match", 5),
            solution_template="match_solution.j2", shape="word",
            knobs="first to 2 → first to 3 → the match ends at the n-th game → A wins after losing the "
                  "first game → first to 3 or 4, either question",
        ),
        ProblemType(
            id="walk", name="数直線上を動く点", sample=sample_walk, solve=solve_walk,
            verify=verify_walk, problem_templates=numbered_templates("walk", 5),
            solution_template="walk_solution.j2", shape="word",
            knobs="coin, ±1, four throws → a die and unequal steps → six throws → at or beyond a point → "
                  "at a point after m throws and at another after n",
        ),
    ),
)
