"""Jinja templates of the built-in units, one folder per unit id (package data)."""
