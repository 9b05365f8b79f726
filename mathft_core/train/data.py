"""Phase data: read and validate the build's chat exports, shaped for trl.

The build writes ``phase_a/{train,val}.jsonl`` (CoT) and ``phase_b/{train,val}.jsonl``
(answer format), each row holding ``messages`` (system, user, assistant). Rows are checked
here so a bad line fails with its file, line and field before any model is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mathft_core.errors import InputFormatError, MathftError
from mathft_core.io import read_jsonl, read_text, sha256_file

ROLES = ("system", "user", "assistant")


def phase_files(data_dir: Path, phase: str) -> tuple[Path, Path]:
    """``(train, val)`` paths of phase ``A`` or ``B`` under the build output folder."""
    folder = Path(data_dir) / f"phase_{phase.lower()}"
    return folder / "train.jsonl", folder / "val.jsonl"


def _check_messages(path: Path, line: int, messages: Any) -> list[dict[str, str]]:
    if not isinstance(messages, list) or not messages:
        raise InputFormatError(path, line, "messages", "must be a non-empty list of {role, content}")
    clean: list[dict[str, str]] = []
    for i, message in enumerate(messages):
        field = f"messages[{i}]"
        if not isinstance(message, dict):
            raise InputFormatError(path, line, field, "must be an object with 'role' and 'content'")
        role, content = message.get("role"), message.get("content")
        if role not in ROLES:
            raise InputFormatError(path, line, f"{field}.role", f"must be one of {', '.join(ROLES)}, got {role!r}")
        if not isinstance(content, str) or not content.strip():
            raise InputFormatError(path, line, f"{field}.content", "must be a non-empty string")
        clean.append({"role": role, "content": content})
    if clean[-1]["role"] != "assistant":
        raise InputFormatError(path, line, "messages", "the last message must be the assistant's answer")
    if not any(m["role"] == "user" for m in clean[:-1]):
        raise InputFormatError(path, line, "messages", "needs a user message before the answer")
    return clean


def read_conversations(path: Path) -> list[list[dict[str, str]]]:
    """Validated ``messages`` lists of one JSONL export (prompt/completion rows are joined)."""
    path = Path(path)
    if not path.is_file():
        raise MathftError(f"{path}: training data not found (run `mathft build` first)")
    conversations = []
    for line, row in read_jsonl(path):
        if "messages" in row:
            messages = row["messages"]
        elif "prompt" in row and "completion" in row:
            if not isinstance(row["prompt"], list) or not isinstance(row["completion"], list):
                raise InputFormatError(path, line, "prompt", "prompt and completion must be message lists")
            messages = row["prompt"] + row["completion"]
        else:
            raise InputFormatError(path, line, "messages", "missing required field")
        conversations.append(_check_messages(path, line, messages))
    if not conversations:
        raise MathftError(f"{path}: no training rows")
    return conversations


def to_trl_rows(conversations: list[list[dict[str, str]]], loss: str) -> list[dict[str, Any]]:
    """Rows in the trl shape for a loss mode.

    ``completion``: ``{"prompt": [...], "completion": [last assistant]}``, so trl puts loss
    on the completion only while rendering with the model's own chat template.
    ``assistant``: ``{"messages": [...]}`` for ``assistant_only_loss`` with a template
    carrying ``{% generation %}`` markers.
    """
    if loss == "assistant":
        return [{"messages": c} for c in conversations]
    return [{"prompt": c[:-1], "completion": c[-1:]} for c in conversations]


def check_build_manifest(data_dir: Path, phase: str) -> None:
    """Refuse a data folder without a build manifest, or whose phase files differ from it.

    A build removes its manifest when it starts and writes it last, so a folder without one
    holds an unfinished (killed) build whose files may mix two builds.
    """
    data_dir = Path(data_dir)
    manifest_path = data_dir / "manifest.json"
    if not manifest_path.is_file():
        train_path = phase_files(data_dir, phase)[0]
        if not train_path.exists():
            raise MathftError(f"{train_path}: training data not found (run `mathft build` first)")
        raise MathftError(f"{data_dir}: no manifest.json, so this is not a finished `mathft build` output "
                          "(a killed build leaves none); rerun `mathft build` into it")
    try:
        files = json.loads(read_text(manifest_path)).get("files")
    except (ValueError, AttributeError):
        files = None
    if not isinstance(files, dict):
        raise InputFormatError(manifest_path, None, "files", "not a mathft build manifest")
    for path in phase_files(data_dir, phase):
        name = path.relative_to(data_dir).as_posix()
        info = files.get(name)
        if info is None:
            if path.exists():
                raise MathftError(f"{path}: not listed in {manifest_path}; rerun `mathft build`")
            continue
        if not path.is_file() or sha256_file(path) != info.get("sha256"):
            raise MathftError(f"{path}: does not match {manifest_path} (missing or sha256 differs: the folder "
                              "mixes two builds or was edited); rerun `mathft build`")


def load_phase(data_dir: Path, phase: str, loss: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(train_rows, val_rows)`` for trl; the val file is optional (empty list if absent).

    The folder must be a finished build whose manifest matches the phase's files.
    """
    check_build_manifest(data_dir, phase)
    train_path, val_path = phase_files(data_dir, phase)
    train = to_trl_rows(read_conversations(train_path), loss)
    val = to_trl_rows(read_conversations(val_path), loss) if val_path.is_file() else []
    return train, val
