"""LaTeX for powers, radicals, logarithms and decimals as they appear in 数学II statements."""

from __future__ import annotations

from fractions import Fraction

from mathft_core.latex import num, poly


def frac_paren(value: Fraction | int) -> str:
    """A base as written before ``^``: ``3`` or ``\\left(\\frac{1}{3}\\right)``."""
    f = Fraction(value)
    if f.denominator == 1 and f >= 0:
        return str(f.numerator)
    return f"\\left({num(f)}\\right)"


def power(base: Fraction | int, exponent: str) -> str:
    """``2^{x+1}``, ``\\left(\\frac{1}{2}\\right)^{2x}``."""
    return f"{frac_paren(base)}^{{{exponent}}}"


def _radical(a: int, j: int, r: int) -> str:
    """``a^{j/r}`` for ``0 < j/r`` as ``8``, ``\\sqrt{2}``, ``2\\sqrt{2}``, ``\\sqrt[3]{4}``."""
    whole, rem = divmod(j, r)
    lead = "" if whole == 0 else str(a**whole)
    if rem == 0:
        return lead
    inner = a**rem
    root = f"\\sqrt{{{inner}}}" if r == 2 else f"\\sqrt[{r}]{{{inner}}}"
    return f"{lead}{root}"


def prime_power(a: int, k: Fraction | int) -> str:
    """``a^k`` for a rational ``k`` in radical form: ``8``, ``\\frac{1}{9}``, ``2\\sqrt{2}``."""
    k = Fraction(k)
    if k == 0:
        return "1"
    body = _radical(a, abs(k.numerator), k.denominator)
    return body if k > 0 else f"\\frac{{1}}{{{body}}}"


def log(base: str, arg: str) -> str:
    """``\\log_{2} 12``; the argument is given already formatted (with its parentheses)."""
    return f"\\log_{{{base}}} {arg}"


def decimal_text(value: Fraction, places: int = 0) -> str:
    """A terminating decimal exactly, with at least ``places`` decimals: ``15.05``, ``0.3010``."""
    f = Fraction(value)
    sign = "-" if f < 0 else ""
    f = abs(f)
    whole, rest = divmod(f.numerator, f.denominator)
    digits = ""
    for _ in range(12):
        if rest == 0:
            break
        rest *= 10
        d, rest = divmod(rest, f.denominator)
        digits += str(d)
    if rest:
        raise ValueError(f"{value} is not a terminating decimal")
    digits = digits.ljust(places, "0")
    return f"{sign}{whole}" + (f".{digits}" if digits else "")


def lin(a: int | Fraction, b: int | Fraction, var: str = "x") -> str:
    """``a·var + b`` in coefficient form: ``2x - 1``, ``-x + 3``, ``x``."""
    return poly([a, b], var)
