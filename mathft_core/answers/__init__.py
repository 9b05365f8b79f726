"""Answer engine: extract, repair, normalise, parse, compare and canonicalise LaTeX answers."""
