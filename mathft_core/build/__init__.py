"""The full build: clean, dedup, decontaminate, split and export."""
