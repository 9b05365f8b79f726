"""Warm the answer engine up once, in the forkserver, so every worker forks warm.

Importing this module parses a spread of LaTeX constructs and runs a few comparisons:
latex2sympy2's ANTLR parser builds its prediction tables lazily, the first time it meets
each construct (measured: a first ``\\sum`` costs 1-1.6 s, later ones 30 ms), which would
otherwise eat into a request's time limit in every fresh worker. It also installs the
latex2sympy2 speed-ups the workers parse with (``fastparse.py``), so the SLL DFA is warm too.
"""

from __future__ import annotations

from mathft_core.answers import engine, fastparse

fastparse.install()  # the workers parse with SLL-first prediction: warm that DFA

_SAMPLES = (
    "x = \\frac{1 \\pm \\sqrt{5}}{2}",
    "\\boxed{\\dfrac{1}{2} + \\sqrt{3}}",
    "-1 < x \\leqq 3, (1, 2)",
    "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
    "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
    "F_n = \\sum_{k=0}^{n-1} F_k F_{n-k-1}",
    "\\int_0^1 x^2 \\, dx + \\lim_{n \\to \\infty} \\frac{1}{n}",
    "\\{1, 2\\} \\cup [3, 4) \\cap (-\\infty, 5]",
    "\\log_{2} 3 + \\ln x + \\sin^2 \\theta + \\cos(\\pi) + \\tan x + e^{i\\pi}",
    "f(x) = |x - 1| + \\lvert y \\rvert + 3! + \\binom{5}{2} + 10\\%",
    "\\text{A} \\quad a_{n+1} = 2a_n, y' = 2x, \\overrightarrow{AB} = \\vec{a}",
    "x \\in \\{1, 2\\}, x \\neq 2, x \\geq 1, 2:3, 0.25, 1,000",
    "a_n = 2 \\cdot 3^{n-1} - 1, (x-1)^2 + y^2 = 1, x \\leqq -1, 3 \\leqq x",
)

for _text in _SAMPLES:
    for _mode in ("symmetric", "soft"):
        engine.check(_text, _text, _mode)
engine.clear_caches()
