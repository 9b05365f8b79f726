"""Example third-party unit: n進法 (base conversion), 数学A.

Two problem types: decimal -> base n, and base n -> decimal. The solver uses Python's
integer arithmetic; the verifier converts back the other way (an independent check).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from random import Random
from typing import Any

import sympy as sp

from mathft_core.hookspecs import hookimpl
from mathft_core.units import ProblemType, Solution, Unit

DIGITS = "0123456789"


def to_base(value: int, base: int) -> str:
    """Digits of a positive integer in ``base`` (2-9)."""
    if value < 0:
        raise ValueError(f"to_base needs a non-negative integer, got {value}")
    digits = []
    while value:
        value, rem = divmod(value, base)
        digits.append(DIGITS[rem])
    return "".join(reversed(digits)) or "0"


def _size(difficulty: int) -> int:
    return [0, 20, 60, 200, 1000, 5000][difficulty]


def sample_to_base(rng: Random, difficulty: int) -> dict[str, Any]:
    base = rng.choice([2, 3, 5] if difficulty <= 2 else [2, 3, 4, 5, 6, 7, 8, 9])
    value = rng.randint(max(base, _size(difficulty) // 4), _size(difficulty))
    return {"value": value, "base": base}


def solve_to_base(params: Mapping[str, Any]) -> Solution:
    value, base = params["value"], params["base"]
    steps = []
    q = value
    while q:
        nq, r = divmod(q, base)
        steps.append({"q": q, "nq": nq, "r": r})
        q = nq
    digits = to_base(value, base)
    return Solution(
        answer=sp.Integer(int(digits)),
        answer_latex=f"{digits}_{{({base})}}",
        steps={"divisions": steps, "digits": digits},
    )


def verify_to_base(params: Mapping[str, Any], solution: Solution) -> bool:
    digits = solution.steps["digits"]
    base = params["base"]
    back = sum(int(d) * base**i for i, d in enumerate(reversed(digits)))
    # the final answer itself, not only the worked digits
    return back == params["value"] and all(int(d) < base for d in digits) and solution.answer == int(digits)


def sample_from_base(rng: Random, difficulty: int) -> dict[str, Any]:
    base = rng.choice([2, 3, 5] if difficulty <= 2 else [2, 3, 4, 5, 6, 7, 8, 9])
    value = rng.randint(max(base, _size(difficulty) // 4), _size(difficulty))
    return {"digits": to_base(value, base), "base": base}


def solve_from_base(params: Mapping[str, Any]) -> Solution:
    digits, base = params["digits"], params["base"]
    terms = [(int(d), len(digits) - 1 - i) for i, d in enumerate(digits)]
    value = int(digits, base)
    return Solution(
        answer=sp.Integer(value),
        answer_latex=str(value),
        steps={"terms": [{"d": d, "k": k} for d, k in terms if d], "value": value},
    )


def verify_from_base(params: Mapping[str, Any], solution: Solution) -> bool:
    return to_base(int(solution.answer_latex), params["base"]) == params["digits"]


UNIT = Unit(
    id="example.base_conversion",
    name="n進法",
    course="数学A",
    template_package="mathft_example_unit",
    template_dir="templates/base_conversion",
    description="Example third-party unit: conversion between base 10 and base n.",
    types=(
        ProblemType(
            id="to_base",
            name="10進数をn進法で表す",
            sample=sample_to_base,
            solve=solve_to_base,
            verify=verify_to_base,
            problem_templates=("to_base_1.j2", "to_base_2.j2", "to_base_3.j2"),
            solution_template="to_base_solution.j2",
            answer_form="strict",
            knobs="difficulty raises the value (20 .. 5000) and allows bases up to 9",
        ),
        ProblemType(
            id="from_base",
            name="n進数を10進法で表す",
            sample=sample_from_base,
            solve=solve_from_base,
            verify=verify_from_base,
            problem_templates=("from_base_1.j2", "from_base_2.j2", "from_base_3.j2"),
            solution_template="from_base_solution.j2",
            knobs="difficulty raises the number of digits and allows bases up to 9",
        ),
    ),
)


@hookimpl
def register_units(register: Callable[[Unit], None]) -> None:
    register(UNIT)
