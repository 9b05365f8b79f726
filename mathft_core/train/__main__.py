"""``python -m mathft_core.train`` = ``mathft train``; the entry for ``accelerate launch -m``."""

from __future__ import annotations

import typer

from mathft_core.train.cli import train_command


def main() -> None:
    """Run ``mathft train`` as a standalone command."""
    typer.run(train_command)


if __name__ == "__main__":
    main()
