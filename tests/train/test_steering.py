"""A trainer a practitioner can steer: methods, optimiser settings, packing, logging, re-runs
by content, and chat templates that cannot strand a model."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mathft_core.cli import app
from mathft_core.io import sha256_file
from mathft_core.train.config import ConfigError, load_config
from mathft_core.train.verify import verify_dir

pytestmark = pytest.mark.model
runner = CliRunner()


def _train(config: Path, *args: str):
    result = runner.invoke(app, ["train", "--config", str(config), *args])
    return result, " ".join(result.output.split())


@pytest.mark.parametrize(("extra", "message"), [
    ('method = "qlora"', "'method' must be one of lora, full"),
    ("min_lr = 1e-5", "'min_lr' needs lr_scheduler = \"cosine\""),
    ('[phase_a]\nlr_scheduler = "cosine"\nmin_lr = 1.0', "'min_lr' must be in [0, learning_rate)"),
    ("betas = [0.9]", "'betas' must be two numbers"),
    ('report_to = ["mlflow"]', "'report_to' takes tensorboard, wandb"),
    ("warmup_steps = 20\nwarmup_ratio = 0.1", "set 'warmup_steps' or 'warmup_ratio', not both"),
    ("max_grad_norm = -1", "'max_grad_norm' must be >= 0"),
    ("packing = 1", "'packing' must be true or false"),
])
def test_bad_settings_are_one_clear_line(write_config: Callable[..., Path], extra: str, message: str) -> None:
    config = write_config(extra=extra)
    with pytest.raises(ConfigError, match=r"train\.toml") as caught:
        load_config(config)
    assert message in str(caught.value)
    result, flat = _train(config)
    assert result.exit_code == 2 and flat.startswith("error:") and "Traceback" not in result.output


def test_competition_style_settings_reach_the_trainer(write_config: Callable[..., Path], tmp_path: Path) -> None:
    from mathft_core.train.sft import sft_args

    config = load_config(write_config(extra='[phase_a]\nmethod = "full"\nlr_scheduler = "cosine"\nmin_lr = 2e-6\n'
                                            "betas = [0.9, 0.98]\nmax_grad_norm = 1.0\nwarmup_steps = 20\n"
                                            "weight_decay = 0.1\npacking = true"))
    args = sft_args(config.phase_a, tmp_path / "ckpt", has_eval=True)
    assert (args.adam_beta1, args.adam_beta2, args.max_grad_norm, args.warmup_steps) == (0.9, 0.98, 1.0, 20)
    assert args.lr_scheduler_type.value == "cosine_with_min_lr" and args.lr_scheduler_kwargs == {"min_lr": 2e-6}
    assert args.packing and args.weight_decay == 0.1


def test_packed_rows_do_not_attend_to_each_other(tiny_model_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    from mathft_core.train.packing import block_causal_mask

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32, attn_implementation="sdpa")
    first, second = torch.tensor([[5, 6, 7, 8, 9]]), torch.tensor([[10, 11, 12]])
    positions = torch.tensor([[0, 1, 2, 3, 4, 0, 1, 2]])
    packed = torch.cat([first, second], dim=1)
    with torch.no_grad():
        alone = model(second).logits
        leaky = model(packed, position_ids=positions).logits[:, 5:]
        separated = model(packed, position_ids=positions, attention_mask=block_causal_mask(positions)).logits[:, 5:]
    assert (leaky - alone).abs().max() > 1e-2  # position ids alone do not separate rows on SDPA
    assert (separated - alone).abs().max() < 1e-5


def test_rerun_by_content_names_what_changed(write_config: Callable[..., Path], tmp_path: Path,
                                             phase_data: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(phase_data, data)
    config = write_config(epochs=1, data=data, extra="max_steps = 2")
    result, flat = _train(config, "--phase", "A")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "runs" / "phase_a" / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["max_steps"] == 2 and report["settings"]["batch_size"] == 4
    assert report["settings"]["max_length"] == 512 and report["settings"]["seed"] == 42
    _, flat = _train(config, "--phase", "A")
    assert "phase A: already complete" in flat
    config = write_config(epochs=1, data=data, extra="max_steps = 2\n[phase_a]\nlearning_rate = 1e-3")
    result, flat = _train(config, "--phase", "A")
    assert result.exit_code == 0 and "retraining, changed since the finished run: settings.learning_rate" in flat
    rows = (data / "phase_a" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    (data / "phase_a" / "train.jsonl").write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")  # a new mix
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))  # as a rebuild would write it
    manifest["files"]["phase_a/train.jsonl"]["sha256"] = sha256_file(data / "phase_a" / "train.jsonl")
    (data / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result, flat = _train(config, "--phase", "A")
    assert result.exit_code == 0 and "changed since the finished run: data.train" in flat
    result, flat = _train(config, "--phase", "A", "--force")
    assert result.exit_code == 0 and "already complete" not in flat


def test_full_fine_tuning_both_phases_with_tensorboard(write_config: Callable[..., Path], tmp_path: Path) -> None:
    config = write_config(epochs=1, extra='method = "full"\nmax_steps = 2\nreport_to = ["tensorboard"]\n'
                                          "[phase_a]\nlearning_rate = 1e-4\n[phase_b]\nlearning_rate = 1e-4")
    result, _ = _train(config, "--phase", "AB")
    assert result.exit_code == 0, result.output
    for phase in ("a", "b"):
        folder = tmp_path / "runs" / f"phase_{phase}"
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        assert report["method"] == "full" and report["trainable_params"] == report["total_params"]
        assert verify_dir(folder / "merged") == [] and not (folder / "adapter").exists()
        assert list(folder.rglob("events.out.tfevents.*")), f"no tensorboard events under {folder}"


@pytest.mark.parametrize("loss", ["completion", "assistant"])
def test_model_without_chat_template_trains_and_its_merged_model_predicts(
    write_config: Callable[..., Path], tiny_model_dir: Path, tmp_path: Path, loss: str
) -> None:
    from mathft_core.io import read_jsonl, write_jsonl
    from mathft_core.train.templates import saved_chat_template

    bare = tmp_path / "bare"
    shutil.copytree(tiny_model_dir, bare)
    tokenizer_config = json.loads((bare / "tokenizer_config.json").read_text(encoding="utf-8"))
    tokenizer_config.pop("chat_template", None)
    (bare / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    (bare / "chat_template.jinja").unlink(missing_ok=True)
    assert saved_chat_template(bare) is None
    config = write_config(epochs=1, model=bare, extra=f'loss = "{loss}"\nmax_steps = 2')
    result, _ = _train(config, "--phase", "AB")
    assert result.exit_code == 0, result.output
    merged = tmp_path / "runs" / "phase_b" / "merged"
    assert "### 応答:" in saved_chat_template(merged)
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "problem": "$1011_{(2)}$ を10進法で表せ。"}])
    predicted = runner.invoke(app, ["predict", "--input_path", str(tmp_path / "in.jsonl"), "--output_path",
                                    str(tmp_path / "out.jsonl"), "--model_path", str(merged), "--n", "1",
                                    "--max-new-tokens", "8", "--backend", "transformers"])
    assert predicted.exit_code == 0, predicted.output
    assert [row["id"] for _, row in read_jsonl(tmp_path / "out.jsonl")] == [1]


def test_verify_model_fails_a_tokenizer_without_chat_template(tiny_model_dir: Path, tmp_path: Path) -> None:
    from mathft_core.train.verify import build_manifest, write_manifest

    bare = tmp_path / "bare"
    shutil.copytree(tiny_model_dir, bare)
    tokenizer_config = json.loads((bare / "tokenizer_config.json").read_text(encoding="utf-8"))
    tokenizer_config.pop("chat_template", None)
    (bare / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    (bare / "chat_template.jinja").unlink(missing_ok=True)
    write_manifest(bare, build_manifest(bare))
    result = runner.invoke(app, ["verify-model", str(bare)])
    assert result.exit_code == 1 and "no-chat-template" in result.output


def test_assistant_spans_work_with_an_equivalent_template_written_differently(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    from mathft_core.train.templates import assistant_spans

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    # the llm-jp format, written with other Jinja than the built-in template
    tokenizer.chat_template = (
        "{{ bos_token }}{% for m in messages %}{% set c = m['content'] %}"
        "{% if m.role == 'system' %}{{ c }}{% elif m.role == 'user' %}{{ '\\n\\n### 指示:\\n' ~ c }}"
        "{% else %}{{ '\\n\\n### 応答:\\n' ~ c ~ eos_token }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ '\\n\\n### 応答:\\n' }}{% endif %}"
    )
    conversation = [{"role": "system", "content": "S"}, {"role": "user", "content": "1+1は？"},
                    {"role": "assistant", "content": "答えは $2$ である。"}]
    ids, mask = assistant_spans(tokenizer, conversation)
    assert tokenizer.decode([i for i, m in zip(ids, mask, strict=True) if m]) == "答えは $2$ である。</s>"


def test_accelerate_configs_take_batch_settings_from_the_training_config() -> None:
    import yaml

    from tests.conftest import REPO_ROOT

    folder = REPO_ROOT / "configs" / "accelerate"
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "gradient_accumulation_steps" not in yaml.safe_load(text).get("deepspeed_config", {}), path
        assert "gradient_accumulation_steps:" not in text, f"{path} repeats a training-config setting"
    deepspeed = yaml.safe_load((folder / "deepspeed_zero3.yaml").read_text(encoding="utf-8"))
    ds_file = REPO_ROOT / deepspeed["deepspeed_config"]["deepspeed_config_file"]
    ds = json.loads(ds_file.read_text(encoding="utf-8"))
    for key in ("gradient_accumulation_steps", "gradient_clipping", "train_micro_batch_size_per_gpu",
                "train_batch_size"):
        assert ds[key] == "auto", key


def test_packing_installs_the_separating_collator(write_config: Callable[..., Path]) -> None:
    import torch

    from mathft_core.train.packing import SeparatedPacking
    from mathft_core.train.sft import prepare_phase

    config = load_config(write_config(extra="packing = true\nmax_steps = 1"))
    prepared = prepare_phase(config, "A")
    collator = prepared.trainer.data_collator
    assert isinstance(collator, SeparatedPacking)
    batch = next(iter(prepared.trainer.get_train_dataloader()))
    assert batch["attention_mask"].dim() == 4 and batch["attention_mask"].dtype == torch.bool
    starts = int((batch["position_ids"][0] == 0).sum())
    assert starts >= 2  # several rows packed into one sequence, each masked from the others
