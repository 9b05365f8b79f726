"""A simulated competition run: the wheel as the image installs it, a packaged model under a
fake ``/app/models``, the entry point as an unprivileged user with no network, then grading.

What the competition does (its runscript: ``cd /app``, then the entry point as the calling
user, ``--network none``) and what this test does in its place:

* the image installs the mathft wheel, not the source tree: the test builds the wheel and
  installs it into a fresh virtual environment;
* ``mathft package`` puts the model under ``<app>/models/tiny``, as the README tells a user;
* the entry point runs as ``nobody`` (``setpriv``) in a new network namespace (``unshare -n``),
  with working directory ``<app>`` and a relative ``--model_path models/tiny``.

The base Python of this machine may sit under a folder only root can enter (``/root``); a
private mount namespace lays a world-enterable tmpfs over such folders and binds back just
the paths the run needs, so the unprivileged user sees the interpreter and nothing else of
them. Needs root (CI runs as root).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import site
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mathft_core.io import read_jsonl, write_jsonl
from tests.conftest import REPO_ROOT
from tests.image.conftest import public_folder

pytestmark = [pytest.mark.model, pytest.mark.slow]

NOBODY = 65534
GOLD = [
    {"id": 1, "category": "中1", "unit": "正の数・負の数", "problem": "$-3 + 5$ を計算しなさい。",
     "solution": "$2$", "evaluation_method": "soft"},
    {"id": "2", "category": "IA", "unit": "2次関数", "problem": "$x^2 - 5x + 6 = 0$ を解け。",
     "solution": "$x = 2, 3$", "evaluation_method": "soft"},
    {"id": 3, "category": "IIB", "unit": "微分", "problem": "$f(x) = x^3$ のとき $f'(2)$ を求めよ。",
     "solution": "$12$"},
]


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=900, **kwargs)
    assert done.returncode == 0, f"{shlex.join(args)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _blocked_ancestors(path: Path) -> list[Path]:
    """Ancestors of ``path`` (outermost first) that a user other than their owner cannot enter."""
    return [p for p in reversed(path.parents) if not p.stat().st_mode & stat.S_IXOTH]


def _expose(needed: list[Path], stash: Path) -> str:
    """Shell lines that, inside a private mount namespace, make ``needed`` reachable for others."""
    lines = []
    blocked = sorted({a for p in needed for a in _blocked_ancestors(p)}, key=lambda a: len(a.parts))
    for k, folder in enumerate(blocked):
        children = sorted({p.relative_to(folder).parts[0] for p in needed if folder in p.parents})
        for child in children:
            keep = stash / str(k) / child
            lines.append(f"mkdir -p {shlex.quote(str(keep))}")
            lines.append(f"mount --bind {shlex.quote(str(folder / child))} {shlex.quote(str(keep))}")
        lines.append(f"mount -t tmpfs -o mode=0755 tmpfs {shlex.quote(str(folder))}")
        for child in children:
            lines.append(f"mkdir -p {shlex.quote(str(folder / child))}")
            lines.append(f"mount --bind {shlex.quote(str(stash / str(k) / child))} "
                         f"{shlex.quote(str(folder / child))}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def app_root() -> Iterator[Path]:
    root = public_folder()
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def installed(app_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the mathft wheel; third-party packages come from this environment."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("mathft_core", "templates", "plugins/mathft_units"):
        shutil.copytree(REPO_ROOT / folder, src / folder, ignore=ignore)
    wheels = tmp_path_factory.mktemp("wheels")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
          str(src)])
    venv = app_root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          *map(str, wheels.glob("mathft-*.whl"))])
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                   .stdout.strip())
    # dependencies (torch, transformers, sympy, ...) from this environment, after the wheel
    (purelib / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = _run([str(python), "-c", "import mathft_core, mathft_templates; print(mathft_core.__file__); "
                                     "print(mathft_templates.__path__[0])"], cwd=app_root).stdout.split()
    assert all(Path(w).is_relative_to(venv) for w in where), where  # the wheel, not the source tree
    return venv


@pytest.fixture(scope="module")
def packaged(app_root: Path, installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.save import save_verified

    work = tmp_path_factory.mktemp("train")
    raw = build_tiny_model(work / "raw")
    save_verified(AutoModelForCausalLM.from_pretrained(raw, dtype=torch.float32), AutoTokenizer.from_pretrained(raw),
                  work / "merged")
    app = app_root / "app"
    done = _run([str(installed / "bin" / "mathft"), "package", str(work / "merged"), "--out",
                 str(app / "models" / "tiny")], cwd=app_root)
    assert "packaged" in done.stdout
    return app


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping to an unprivileged user needs root (CI runs as root)")
def test_entry_point_as_nobody_without_network_answers_every_row(app_root: Path, installed: Path,
                                                                 packaged: Path) -> None:
    data = app_root / "data"
    data.mkdir(mode=0o777)
    data.chmod(0o777)  # the caller's folder, writable by the caller
    write_jsonl(data / "problems.jsonl", GOLD)
    (data / "problems.jsonl").chmod(0o644)
    home = app_root / "home"
    home.mkdir()
    home.chmod(0o777)
    needed = [Path(sys.base_prefix).resolve(), Path(site.getsitepackages()[0]).resolve(), app_root.resolve()]
    stash = Path(tempfile.mkdtemp(prefix="mathft-stash-"))
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1", "OMP_NUM_THREADS": "1", "MATHFT_MODEL_ROOT": str(packaged / "models"),
    }
    command = [str(installed / "bin" / "python"), "-m", "mathft_core.cli", "predict",
               "--input_path", str(data / "problems.jsonl"), "--output_path", str(data / "predictions.jsonl"),
               "--model_path", "models/tiny", "--backend", "transformers", "--official-defaults"]
    script = "\n".join([
        "set -e",
        _expose(needed, stash),
        f"cd {shlex.quote(str(packaged))}",
        "test -z \"$(ip -o link show up 2>/dev/null)\"",  # no interface is up: no network
        f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups -- env -i "
        + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " " + shlex.join(command),
    ])
    try:
        done = subprocess.run(["unshare", "--mount", "--net", "--", "sh", "-c", script], capture_output=True,
                              text=True, check=False, timeout=900)
    finally:
        shutil.rmtree(stash, ignore_errors=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = [row for _, row in read_jsonl(data / "predictions.jsonl")]
    assert [r["id"] for r in rows] == [g["id"] for g in GOLD]  # one row out per row in, input order
    assert all(isinstance(r["output"], str) for r in rows)
    assert (data / "predictions.jsonl").stat().st_uid == NOBODY  # written by the unprivileged user

    graded = _run([str(installed / "bin" / "mathft"), "eval", str(data / "predictions.jsonl"),
                   str(data / "problems.jsonl"), "-o", str(app_root / "report"), "--json"], cwd=app_root)
    summary = json.loads(graded.stdout)
    assert summary["overall"]["total"] == 3  # every gold row graded against a prediction
    assert summary["extra_predictions"] == 0
    assert (app_root / "report" / "report.json").is_file()


def test_expose_binds_back_only_what_is_needed(app_root: Path) -> None:
    tmp_path = app_root / "expose"
    private = tmp_path / "private"
    (private / "keep" / "deeper").mkdir(parents=True)
    (private / "other").mkdir()
    private.chmod(0o700)
    lines = _expose([private / "keep" / "deeper"], tmp_path / "stash").splitlines()
    assert not any("other" in line for line in lines)
    assert f"mount -t tmpfs -o mode=0755 tmpfs {private}" in lines
    assert f"mount --bind {private / 'keep'} {tmp_path / 'stash' / '0' / 'keep'}" in lines
    assert lines[-1] == f"mount --bind {tmp_path / 'stash' / '0' / 'keep'} {private / 'keep'}"
