"""One LoRA SFT phase through trl's ``SFTTrainer``: train, evaluate, merge, verified save.

Phase A starts from the configured model and trains on the CoT split; phase B starts from
phase A's merged weights with a fresh LoRA on the answer-format split. Each phase writes
``<output>/phase_x/{checkpoints,adapter,merged}`` plus ``report.json`` and ``loss.png``.
An interrupted phase resumes from its last checkpoint; a finished one (report present,
merged folder intact) is skipped unless forced. Distributed runs go through
``accelerate launch``; only the main process merges and saves.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from mathft_core.errors import MathftError
from mathft_core.io import atomic_write_text, sha256_file
from mathft_core.train.config import PhaseSettings, TrainConfig
from mathft_core.train.data import load_phase
from mathft_core.train.fingerprint import changed_keys, phase_fingerprint, phase_inputs
from mathft_core.train.packing import SeparatedPacking, needs_explicit_mask
from mathft_core.train.report import read_report, token_counts, write_report
from mathft_core.train.templates import (
    TemplateError,
    assistant_spans,
    check_prefix,
    template_for_training,
)
from mathft_core.train.verify import MANIFEST, verify_dir


class ModelDirError(MathftError):
    """The base model folder is missing or is not a model."""


def offline() -> None:
    """Never reach a model hub: mathft trains only on local folders."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def check_model_dir(path: Path, what: str = "model") -> None:
    """Raise a clear error unless ``path`` is a local model folder."""
    if not path.is_dir():
        raise ModelDirError(f"{path}: {what} directory not found (mathft only uses local model folders)")
    if not (path / "config.json").is_file():
        raise ModelDirError(f"{path}: not a model directory (no config.json)")


def phase_dir(config: TrainConfig, phase: str) -> Path:
    """``<output>/phase_a`` or ``<output>/phase_b``."""
    return config.output_dir / f"phase_{phase.lower()}"


def base_model_dir(config: TrainConfig, phase: str) -> Path:
    """Phase A starts from the configured model, phase B from phase A's merged model."""
    if phase == "A":
        check_model_dir(config.model)
        return config.model
    merged = phase_dir(config, "A") / "merged"
    if not merged.is_dir():
        raise ModelDirError(f"{merged}: phase A's merged model is missing; run `mathft train --phase A` first")
    problems = verify_dir(merged)
    if problems:
        raise ModelDirError(f"{merged}: phase A's merged model is damaged: {problems[0]}")
    return merged


def _torch_dtype(name: str) -> Any:
    import torch

    if name == "auto":
        return torch.bfloat16 if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else torch.float32
    return getattr(torch, name)


def _precision(settings: PhaseSettings) -> dict[str, bool]:
    import torch

    mode = settings.precision
    if mode == "auto":
        mode = "bf16" if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "fp32"
    return {"bf16": mode == "bf16", "fp16": mode == "fp16"}


def sft_args(settings: PhaseSettings, output: Path, has_eval: bool) -> Any:
    """The trl ``SFTConfig`` for one phase."""
    import torch
    from trl import SFTConfig

    eval_strategy = "no"
    if has_eval:
        eval_strategy = "steps" if settings.eval_steps > 0 else "epoch"
    return SFTConfig(
        output_dir=str(output),
        learning_rate=settings.learning_rate,
        num_train_epochs=settings.epochs,
        max_steps=settings.max_steps,
        per_device_train_batch_size=settings.batch_size,
        per_device_eval_batch_size=settings.eval_batch_size,
        gradient_accumulation_steps=settings.gradient_accumulation_steps,
        max_length=settings.max_length,
        # transformers reads a value below 1 as a share of all steps (the ratio)
        warmup_steps=settings.warmup_steps or settings.warmup_ratio,
        lr_scheduler_type="cosine_with_min_lr" if settings.min_lr else settings.lr_scheduler,
        lr_scheduler_kwargs={"min_lr": settings.min_lr} if settings.min_lr else None,
        weight_decay=settings.weight_decay,
        adam_beta1=settings.betas[0],
        adam_beta2=settings.betas[1],
        max_grad_norm=settings.max_grad_norm,
        logging_steps=settings.logging_steps,
        logging_first_step=True,
        eval_strategy=eval_strategy,
        eval_steps=settings.eval_steps or None,
        save_strategy="steps",
        save_steps=settings.save_steps,
        save_total_limit=settings.save_total_limit,
        seed=settings.seed,
        data_seed=settings.seed,
        activation_checkpointing=settings.gradient_checkpointing,
        use_cpu=not torch.cuda.is_available(),
        assistant_only_loss=False,  # assistant spans are found by rendering (templates.assistant_spans)
        completion_only_loss=None,
        packing=settings.packing,
        report_to=list(settings.report_to) or "none",
        disable_tqdm=True,
        dataloader_num_workers=0,
        **_precision(settings),
    )


@attrs.define
class Prepared:
    """A ready trainer with what the phase needs after training."""

    trainer: Any
    tokenizer: Any
    base: Path
    directory: Path
    settings: PhaseSettings
    rows: dict[str, int]


def prepare_phase(config: TrainConfig, phase: str, *, callbacks: Sequence[Any] = ()) -> Prepared:
    """Load data, base model and tokenizer, and build the ``SFTTrainer`` of a phase."""
    offline()
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTTrainer

    settings = config.phase(phase)
    base = base_model_dir(config, phase)
    train_rows, val_rows = load_phase(config.data_dir, phase, settings.loss)
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    train_tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    # one template for training and for the saved model: a folder without one gets llm-jp's
    template = template_for_training(train_tokenizer, settings.chat_template)
    train_tokenizer.chat_template = template
    tokenizer.chat_template = template
    if settings.loss == "assistant":
        train_rows, val_rows = ([_assistant_row(train_tokenizer, r["messages"], settings.max_length) for r in rows]
                                for rows in (train_rows, val_rows))
    else:
        first = train_rows[0]["prompt"] + train_rows[0]["completion"]
        check_prefix(train_tokenizer, first)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=_torch_dtype(config.dtype), local_files_only=True)
    lora = None
    if settings.method == "lora":
        lora = LoraConfig(
            r=settings.lora.r,
            lora_alpha=settings.lora.alpha,
            lora_dropout=settings.lora.dropout,
            target_modules=list(settings.lora.target_modules),
            task_type="CAUSAL_LM",
        )
    directory = phase_dir(config, phase)
    args = sft_args(settings, directory / "checkpoints", bool(val_rows))
    try:
        trainer = SFTTrainer(
            model=model,
            args=args,
            train_dataset=Dataset.from_list(train_rows),
            eval_dataset=Dataset.from_list(val_rows) if val_rows else None,
            processing_class=train_tokenizer,
            peft_config=lora,
            callbacks=list(callbacks),
        )
        if settings.packing and needs_explicit_mask(getattr(model.config, "_attn_implementation", None)):
            trainer.data_collator = SeparatedPacking(trainer.data_collator)
    except ValueError as exc:
        if "Target modules" in str(exc):
            raise MathftError(f"[lora] target_modules do not match the model's layers: {exc}") from None
        if "generation" in str(exc) or "chat template" in str(exc).lower():
            raise TemplateError(f"loss = \"assistant\" needs a chat template with generation markers: {exc}") from None
        raise
    return Prepared(trainer, tokenizer, base, directory, settings, {"train": len(train_rows), "val": len(val_rows)})


def _assistant_row(tokenizer: Any, messages: list[dict[str, str]], max_length: int) -> dict[str, list[int]]:
    ids, mask = assistant_spans(tokenizer, messages)
    return {"input_ids": ids[:max_length], "assistant_masks": mask[:max_length]}


def _trainable(model: Any) -> tuple[int, int]:
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return trainable, total


def merge_adapter(base: Path, adapter: Path, *, dtype: str, device: str) -> Any:
    """Load the base weights, apply the saved LoRA adapter and merge it into the weights."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base, dtype=_torch_dtype(dtype), local_files_only=True)
    model = PeftModel.from_pretrained(model.to(device), adapter, local_files_only=True)
    return model.merge_and_unload()


def phase_done(config: TrainConfig, phase: str) -> tuple[dict[str, Any] | None, list[str]]:
    """``(report, [])`` for a finished phase whose merged model verifies and whose inputs
    (settings, data, base weights) are unchanged; else ``(None, what changed)``."""
    directory = phase_dir(config, phase)
    report = read_report(directory)
    if not report or report.get("status") != "complete" or verify_dir(directory / "merged"):
        return None, []
    try:
        base = base_model_dir(config, phase)
    except ModelDirError:
        return None, []
    changed = changed_keys(report.get("inputs") or {}, phase_inputs(config, phase, base))
    return (None, changed) if changed else (report, [])


INPUTS_FILE = "mathft-inputs.json"


def _checkpoint_inputs(checkpoints: Path) -> dict[str, Any] | None:
    """The inputs the checkpoints in this folder were trained on (None: no record)."""
    try:
        return json.loads((checkpoints / INPUTS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def manifest_digest(model_dir: Path) -> str | None:
    """sha256 of a model folder's manifest (identifies the exact weights a phase started from)."""
    path = model_dir / MANIFEST
    return sha256_file(path) if path.is_file() else None


def run_phase(
    config: TrainConfig,
    phase: str,
    *,
    force: bool = False,
    callbacks: Sequence[Any] = (),
    log: Callable[[str], None] = lambda _m: None,
) -> dict[str, Any]:
    """Train one phase end to end and return its report."""
    from transformers.trainer_utils import get_last_checkpoint

    done, changed = phase_done(config, phase) if not force else (None, [])
    if done:
        log(f"phase {phase}: already complete ({phase_dir(config, phase) / 'merged'}), skipped")
        return {**done, "skipped": True}
    if changed:
        log(f"phase {phase}: retraining, changed since the finished run: {', '.join(changed)}")
    checkpoints = phase_dir(config, phase) / "checkpoints"
    inputs = phase_inputs(config, phase, base_model_dir(config, phase))
    if force or changed or _checkpoint_inputs(checkpoints) not in (None, inputs):
        shutil.rmtree(checkpoints, ignore_errors=True)  # never resume weights trained on other inputs
    started = time.perf_counter()
    prepared = prepare_phase(config, phase, callbacks=callbacks)
    trainer, directory = prepared.trainer, prepared.directory
    if trainer.is_world_process_zero():
        checkpoints.mkdir(parents=True, exist_ok=True)
        atomic_write_text(checkpoints / INPUTS_FILE, json.dumps(inputs, ensure_ascii=False, sort_keys=True))
    last = get_last_checkpoint(str(checkpoints)) if checkpoints.is_dir() else None
    if last:
        log(f"phase {phase}: resuming from {last}")
    trainable, total = _trainable(trainer.model)
    log(f"phase {phase}: {prepared.rows['train']} train rows, {trainable:,} of {total:,} parameters trainable")
    result = trainer.train(resume_from_checkpoint=last)
    train_s = time.perf_counter() - started
    eval_metrics: dict[str, Any] = {}
    if trainer.eval_dataset is not None:
        evals = [e for e in trainer.state.log_history if "eval_loss" in e]
        at_end = evals and evals[-1].get("step") == trainer.state.global_step
        eval_metrics = dict(evals[-1]) if at_end else trainer.evaluate()
    adapter: Path | None = None
    trained = None
    if prepared.settings.method == "lora":
        adapter = directory / "adapter"
        trainer.save_model(str(adapter))
    else:  # full fine-tuning: the trained weights are the model itself, nothing to merge
        trained = trainer.accelerator.unwrap_model(trainer.model)
    counts = {"train": token_counts(trainer.train_dataset)}
    if trainer.eval_dataset is not None:
        counts["val"] = token_counts(trainer.eval_dataset)
    history = list(trainer.state.log_history)
    main_process = trainer.is_world_process_zero()
    accelerator = trainer.accelerator
    del trainer, prepared.trainer
    gc.collect()
    report: dict[str, Any] = {}
    if main_process:
        report = _merge_and_report(config, phase, prepared, adapter or trained, counts, history, {
            "resumed_from": last, "trainable_params": trainable, "total_params": total,
            "train_runtime_s": round(train_s, 3), "global_step": result.global_step,
            "train_loss": result.training_loss, "eval": eval_metrics, "started": started, "inputs": inputs,
        }, log)
    accelerator.wait_for_everyone()
    return report or (read_report(directory) or {})


def _merge_and_report(
    config: TrainConfig, phase: str, prepared: Prepared, weights: Any, counts: dict[str, Any],
    history: list[dict[str, Any]], facts: dict[str, Any], log: Callable[[str], None],
) -> dict[str, Any]:
    """Merge a LoRA adapter (``weights`` is its folder) or take the fully trained model, then
    save verified and write the report."""
    from mathft_core.train.save import save_verified

    started = facts.pop("started")
    t0 = time.perf_counter()
    if isinstance(weights, Path):
        merged = merge_adapter(prepared.base, weights, dtype=config.dtype, device=config.merge_device)
    else:
        merged = weights.to(config.merge_device)
    merge_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    destination = prepared.directory / "merged"
    manifest = save_verified(
        merged, prepared.tokenizer, destination, tolerance=config.probe_tolerance,
        extra={"phase": phase, "base_model": str(prepared.base)},
        on_stage=lambda s: log(f"phase {phase}: save {s}"),
    )
    save_s = time.perf_counter() - t0
    del merged
    gc.collect()
    settings = prepared.settings
    report = {
        "status": "complete",
        "phase": phase,
        "base_model": str(prepared.base),
        "base_manifest_sha256": manifest_digest(prepared.base),
        "data_dir": str(config.data_dir),
        "merged": str(destination),
        "loss_mode": settings.loss,
        "method": settings.method,
        "lora": {**attrs.asdict(settings.lora), "target_modules": list(settings.lora.target_modules)},
        "learning_rate": settings.learning_rate,
        "epochs": settings.epochs,
        "settings": settings.to_json(),
        "fingerprint": phase_fingerprint(facts["inputs"]),
        "tokens": counts,
        "trainable_pct": round(100 * facts["trainable_params"] / max(facts["total_params"], 1), 4),
        **facts,
        "merge_s": round(merge_s, 3),
        "save_s": round(save_s, 3),
        "total_s": round(time.perf_counter() - started, 3),
        "probe_max_abs_diff": manifest["probe_max_abs_diff"],
    }
    return write_report(prepared.directory, report, history)


def phases(spec: str) -> tuple[str, ...]:
    """``A`` -> (A,), ``B`` -> (B,), ``AB`` -> (A, B)."""
    spec = spec.strip().upper()
    if spec not in ("A", "B", "AB"):
        raise MathftError(f"--phase must be A, B or AB, got {spec!r}")
    return tuple(spec)
