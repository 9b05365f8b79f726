"""Hypothesis strategies for small exam-style LaTeX answers (shared by the cache tests)."""

from __future__ import annotations

from hypothesis import strategies as st

_ATOMS = st.one_of(
    st.integers(-30, 30).map(str),
    st.sampled_from(["x", "y", "a", "A", "a_n", "n", "\\pi", "e", "i", "0.5", "1.25", "\\sqrt{2}", "\\theta"]),
)


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, st.sampled_from([" + ", " - ", " \\cdot ", " ", "/"]), inner).map("".join),
        st.tuples(inner, inner).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
        st.tuples(inner, st.integers(0, 3)).map(lambda t: f"{{{t[0]}}}^{{{t[1]}}}"),
        inner.map(lambda s: f"\\sqrt{{{s}}}"),
        inner.map(lambda s: f"({s})"),
        inner.map(lambda s: f"\\left[{s}\\right]"),
    )


EXPRESSIONS = st.recursive(_ATOMS, _combine, max_leaves=5)

_REL = st.sampled_from([" < ", " > ", " \\leqq ", " \\geqq ", " \\le ", " = ", " \\neq "])

ANSWERS = st.one_of(
    EXPRESSIONS,
    st.tuples(st.sampled_from(["x", "y", "a_n"]), EXPRESSIONS).map(lambda t: f"{t[0]} = {t[1]}"),
    st.lists(EXPRESSIONS, min_size=2, max_size=3).map(", ".join),
    st.tuples(EXPRESSIONS, _REL, st.just("x"), _REL, EXPRESSIONS).map("".join),
    st.tuples(st.just("x"), _REL, EXPRESSIONS).map("".join),
    st.tuples(st.sampled_from("([("), EXPRESSIONS, EXPRESSIONS, st.sampled_from(")])")).map(
        lambda t: f"{t[0]}{t[1]}, {t[2]}{t[3]}"
    ),
    st.lists(EXPRESSIONS, min_size=1, max_size=3).map(lambda xs: "\\{" + ", ".join(xs) + "\\}"),
    st.tuples(EXPRESSIONS, st.sampled_from(["\\pm", "\\mp"]), EXPRESSIONS).map(" ".join),
    EXPRESSIONS.map(lambda s: f"$x = {s}$"),
    EXPRESSIONS.map(lambda s: f"\\boxed{{{s}}}"),
)


def bracket_variants(text: str) -> list[str]:
    """The same answer with its brackets swapped (the grader's soft fallback does this too)."""
    return [text, text.replace("(", "[").replace(")", "]"), text.replace("[", "(").replace("]", ")")]
