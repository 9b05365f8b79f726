"""The seam between the two stacks: a model saved by the training stack loads in the serving one.

The train extra (torch 2.13.0, transformers 5.23.0) and vLLM (whose builds pin an older
transformers) cannot share one environment, so the image serves with other versions than
training used. ``make test`` runs this module in ``.venv-vllm``: the model is trained-stack
output, written by a subprocess in the main ``.venv`` through mathft's own verified save and
``mathft package``; this process then checks and serves it with vLLM and its transformers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.image.conftest import public_folder

pytestmark = [pytest.mark.vllm, pytest.mark.slow]
os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")

SAVE_WITH_TRAIN_STACK = textwrap.dedent("""
    import sys
    from pathlib import Path

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.save import save_verified

    root = Path(sys.argv[1])
    raw = build_tiny_model(root / "raw")
    model = AutoModelForCausalLM.from_pretrained(raw, dtype=torch.float32)
    save_verified(model, AutoTokenizer.from_pretrained(raw), root / "merged")
""")


def _train_python() -> Path:
    path = Path(os.environ.get("MATHFT_TRAIN_PYTHON", REPO_ROOT / ".venv" / "bin" / "python"))
    if not path.exists():
        raise AssertionError(f"{path}: the training environment is missing (run `make install-train`)")
    return path


@pytest.fixture(scope="module")
def packaged() -> Iterator[Path]:
    root = public_folder()  # the readability check looks at the folder's parents too
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO_ROOT)}
    python = str(_train_python())
    done = subprocess.run([python, "-c", SAVE_WITH_TRAIN_STACK, str(root)], capture_output=True, text=True,
                          env=env, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    done = subprocess.run([python, "-m", "mathft_core.cli", "package", str(root / "merged"), "--out",
                           str(root / "models" / "tiny")], capture_output=True, text=True, env=env, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    yield root / "models" / "tiny"
    shutil.rmtree(root, ignore_errors=True)


def test_the_two_stacks_really_differ(packaged: Path) -> None:
    import transformers

    manifest = json.loads((packaged / "mathft-manifest.json").read_text(encoding="utf-8"))
    trained = manifest["versions"]["transformers"]
    assert trained and trained != transformers.__version__, "the seam test needs two different stacks"
    assert sys.prefix != str(_train_python().parent.parent)


def test_doctor_passes_the_packaged_model_in_the_serving_stack(packaged: Path) -> None:
    from mathft_core.image.doctor import model_checks

    checks = {c.name: c for c in model_checks(packaged)}
    assert all(c.status == "ok" for c in checks.values()), checks
    assert "vllm" in checks["serving stack"].detail
    assert f"saved with transformers {json.loads((packaged / 'config.json').read_text())['transformers_version']}" \
        in checks["serving stack"].detail


def test_vllm_serves_the_training_stacks_model_like_transformers(packaged: Path, tmp_path: Path) -> None:
    from mathft_core.infer.backends import SamplingConfig, TransformersBackend
    from mathft_core.infer.predict import conversation
    from mathft_core.io import read_jsonl, write_jsonl

    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "problem": "$2 + 3$ を計算せよ。"}])
    # the real entry point, in a process of its own (one vLLM engine per process)
    done = subprocess.run(
        [sys.executable, "-m", "mathft_core.cli", "predict", "--input_path", str(tmp_path / "in.jsonl"),
         "--output_path", str(tmp_path / "out.jsonl"), "--model_path", str(packaged), "--backend", "vllm",
         "--official-defaults", "--max-new-tokens", "12", "--dtype", "float32", "--max-model-len", "256",
         "--vllm-arg", "enforce_eager=true"],
        capture_output=True, text=True, check=False, timeout=600, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [(_, row)] = list(read_jsonl(tmp_path / "out.jsonl"))
    [[slow]] = TransformersBackend(packaged).generate([conversation(row["problem"], "baseline")],
                                                      SamplingConfig(n=1, max_new_tokens=12))
    # byte-level BPE: transformers decodes a trailing half character as U+FFFD, vLLM holds it back
    assert row["output"] == slow.text.rstrip("\ufffd") and row["output"]
