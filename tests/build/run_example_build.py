"""Run a small example-unit build in this process (for subprocess tests).

Usage: ``python run_example_build.py OUT WORKERS [KILL_STAGE KILL_AFTER]``; with a kill
point, the process group (run it in its own session) gets SIGKILL once that stage has advanced KILL_AFTER items.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins" / "mathft-example-unit" / "src"))

from buildhelpers import example_pm, small_config

from mathft_core.build.pipeline import run_build
from mathft_core.plugins import collect_units


class KillingProgress:
    def __init__(self, stage: str | None, after: int) -> None:
        self.stage_name = stage
        self.after = after

    @contextlib.contextmanager
    def stage(self, name, total):
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if name == self.stage_name and done >= self.after:
                os.killpg(os.getpgid(0), signal.SIGKILL)  # the build and its workers, as a scheduler would

        yield advance


def main() -> None:
    out, workers = Path(sys.argv[1]), int(sys.argv[2])
    stage, after = (sys.argv[3], int(sys.argv[4])) if len(sys.argv) > 4 else (None, 0)
    pm = example_pm()
    run_build(small_config(out, items={"total": 1200}), workers=workers, registry=collect_units(pm), pm=pm,
              progress=KillingProgress(stage, after))


if __name__ == "__main__":
    main()
