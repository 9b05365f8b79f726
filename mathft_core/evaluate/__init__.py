"""Grader-compatible evaluation and reports."""
