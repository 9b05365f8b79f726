"""CPU end to end: tiny model, `mathft build` data, phase A then phase B, loss falls, merged model reloads and generates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.train.config import load_config
from mathft_core.train.sft import run_phase
from mathft_core.train.verify import load_manifest, verify_dir

pytestmark = pytest.mark.model
runner = CliRunner()


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_two_phases_train_merge_and_generate(
    write_config: Callable[..., Path], built_data: Path, tmp_path: Path
) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from mathft_core.prompts import phase_b_messages

    config = write_config(epochs=3, data=built_data)
    result = runner.invoke(app, ["train", "--config", str(config), "--phase", "AB"])
    assert result.exit_code == 0, result.output
    runs = tmp_path / "runs"
    reports = {p: json.loads((runs / f"phase_{p}" / "report.json").read_text(encoding="utf-8")) for p in "ab"}
    for name, report in reports.items():
        losses = [loss for _step, loss in report["loss"]]
        assert len(losses) >= 9, name
        assert _mean(losses[-3:]) < _mean(losses[:3]) * 0.95, f"phase {name} loss did not fall: {losses}"
        evals = [loss for _step, loss in report["eval_loss"]]
        assert len(evals) == 3 and evals[-1] < evals[0], f"phase {name} validation loss did not fall: {evals}"
        assert report["tokens"]["train"]["rows"] == {"a": 28, "b": 35}[name]  # B: 28 answer + 7 CoT replay
        assert 0 < report["tokens"]["train"]["loss_tokens"] < report["tokens"]["train"]["tokens"]
        assert 0 < report["trainable_params"] < report["total_params"]
        assert report["total_s"] > 0 and report["probe_max_abs_diff"] <= 1e-3
        assert (runs / f"phase_{name}" / "loss.png").read_bytes().startswith(b"\x89PNG")
        assert verify_dir(runs / f"phase_{name}" / "merged") == []
    # phase B started from phase A's merged weights, with a fresh adapter
    assert reports["b"]["base_model"] == str(runs / "phase_a" / "merged")
    assert load_manifest(runs / "phase_b" / "merged")["base_model"] == str(runs / "phase_a" / "merged")
    # the final model reloads without peft and generates with its own chat template
    merged = runs / "phase_b" / "merged"
    model = AutoModelForCausalLM.from_pretrained(merged)
    tokenizer = AutoTokenizer.from_pretrained(merged)
    assert not any("lora" in name for name in model.state_dict())
    prompt = tokenizer.apply_chat_template(
        phase_b_messages("2進法で表された数 $1011_{(2)}$ を10進法で表せ。"), add_generation_prompt=True,
        return_tensors="pt", return_dict=True,
    )
    with torch.no_grad():
        output = model.generate(**prompt, max_new_tokens=12, do_sample=False)
    assert output.shape[1] > prompt["input_ids"].shape[1]
    # a second run finds both phases complete and skips them
    stamps = {p: (runs / f"phase_{p}" / "report.json").stat().st_mtime_ns for p in "ab"}
    again = runner.invoke(app, ["train", "--config", str(config), "--phase", "AB"])
    flat = " ".join(again.output.split())
    assert again.exit_code == 0
    assert "phase A: already complete" in flat and "phase B: already complete" in flat
    assert stamps == {p: (runs / f"phase_{p}" / "report.json").stat().st_mtime_ns for p in "ab"}


class _Interrupt(Exception):
    pass


def test_interrupted_phase_resumes_from_its_last_checkpoint(write_config: Callable[..., Path]) -> None:
    from transformers import TrainerCallback

    class StopAt(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == 5:
                raise _Interrupt

    cfg = load_config(write_config(epochs=2, save_steps=2))
    with pytest.raises(_Interrupt):
        run_phase(cfg, "A", callbacks=[StopAt()])
    checkpoints = sorted(p.name for p in (cfg.output_dir / "phase_a" / "checkpoints").glob("checkpoint-*"))
    assert checkpoints == ["checkpoint-2", "checkpoint-4"]
    assert not (cfg.output_dir / "phase_a" / "merged").exists()
    report = run_phase(cfg, "A")
    assert report["resumed_from"].endswith("checkpoint-4")
    assert report["global_step"] == 14  # 28 rows / batch 4 = 7 steps per epoch, 2 epochs
    # the loss history of steps 1-4 carries over from the checkpoint; training went on from step 5
    assert [step for step, _loss in report["loss"]] == list(range(1, 15))
    assert verify_dir(cfg.output_dir / "phase_a" / "merged") == []


def test_missing_model_dir_is_a_clear_error(write_config: Callable[..., Path], tmp_path: Path) -> None:
    config = write_config(model=tmp_path / "no-such-model")
    result = runner.invoke(app, ["train", "--config", str(config), "--phase", "A"])
    assert result.exit_code == 2
    assert "no-such-model: model directory not found" in " ".join(result.output.split())


def test_phase_b_needs_phase_a(write_config: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["train", "--config", str(write_config()), "--phase", "B"])
    assert result.exit_code == 2
    assert "run `mathft train --phase A` first" in " ".join(result.output.split())
