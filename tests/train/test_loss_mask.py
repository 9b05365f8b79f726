"""Only the assistant's tokens and its end-of-turn token carry loss, in both phases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mathft_core.tiny_model import LLMJP_CHAT_TEMPLATE
from mathft_core.train.config import load_config
from mathft_core.train.data import phase_files, read_conversations
from mathft_core.train.sft import prepare_phase
from mathft_core.train.templates import (
    TemplateError,
    assistant_spans,
    check_prefix,
    template_for_training,
)

pytestmark = pytest.mark.model


def _labelled_rows(config_path: Path, phase: str):
    """(input_ids, labels) of every training row exactly as the trainer's collator builds them."""
    prepared = prepare_phase(load_config(config_path), phase)
    trainer = prepared.trainer
    dataset = trainer.train_dataset
    rows = []
    for i in range(len(dataset)):
        batch = trainer.data_collator([dataset[i]])
        rows.append((batch["input_ids"][0].tolist(), batch["labels"][0].tolist()))
    return prepared, rows


def _phase_b_base(config_path: Path, tiny_model_dir: Path) -> None:
    """Phase B starts from phase A's merged model; a verified copy of the tiny model stands in."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from mathft_core.train.save import save_verified

    cfg = load_config(config_path)
    save_verified(
        AutoModelForCausalLM.from_pretrained(tiny_model_dir), AutoTokenizer.from_pretrained(tiny_model_dir),
        cfg.output_dir / "phase_a" / "merged",
    )


@pytest.mark.parametrize("loss", ["completion", "assistant"])
@pytest.mark.parametrize("phase", ["A", "B"])
def test_only_assistant_tokens_carry_loss(
    write_config: Callable[..., Path], tiny_model_dir: Path, phase_data: Path, phase: str, loss: str
) -> None:
    config_path = write_config(extra=f'loss = "{loss}"')
    if phase == "B":
        _phase_b_base(config_path, tiny_model_dir)
    prepared, rows = _labelled_rows(config_path, phase)
    tokenizer = prepared.tokenizer
    conversations = read_conversations(phase_files(phase_data, phase)[0])
    assert len(rows) == len(conversations)
    for (input_ids, labels), conversation in zip(rows, conversations, strict=True):
        # the row is the conversation rendered with the model's own (unmarked) template
        assert input_ids == tokenizer.apply_chat_template(conversation, tokenize=True)["input_ids"]
        expected = tokenizer(conversation[-1]["content"] + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
        start = len(input_ids) - len(expected)
        assert input_ids[start:] == expected
        assert all(label == -100 for label in labels[:start]), "a prompt token carries loss"
        assert labels[start:] == expected, "an assistant token is masked"
        assert labels[-1] == tokenizer.eos_token_id
        assert tokenizer.decode(labels[start:]) == conversation[-1]["content"] + tokenizer.eos_token


def test_the_model_template_is_the_training_template(tiny_model_dir: Path, tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert template_for_training(tokenizer, None) == LLMJP_CHAT_TEMPLATE
    tokenizer.chat_template = None
    assert template_for_training(tokenizer, None) == LLMJP_CHAT_TEMPLATE  # a folder without one: llm-jp
    custom = tmp_path / "custom.jinja"
    custom.write_text("{% for m in messages %}{{ m['content'] }}{% endfor %}", encoding="utf-8")
    assert template_for_training(tokenizer, custom) == custom.read_text(encoding="utf-8")
    with pytest.raises(TemplateError, match=r"nope\.jinja: chat template file not found"):
        template_for_training(tokenizer, tmp_path / "nope.jinja")


def test_template_without_prefix_property_is_rejected(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    # the generation prompt differs from the header the assistant turn gets in the conversation
    tokenizer.chat_template = LLMJP_CHAT_TEMPLATE.replace("{{ '\\n\\n### 応答:\\n' }}{% endif %}", "{{ '\\n\\nA:' }}{% endif %}")
    conversation = [{"role": "user", "content": "問"}, {"role": "assistant", "content": "答"}]
    with pytest.raises(TemplateError, match="renders the prompt differently"):
        check_prefix(tokenizer, conversation)


def test_assistant_spans_refuse_a_template_that_renders_prefixes_differently(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    tokenizer.chat_template = LLMJP_CHAT_TEMPLATE.replace("{{ '\\n\\n### 応答:\\n' }}{% endif %}", "{{ '\\n\\nA:' }}{% endif %}")
    with pytest.raises(TemplateError, match="cannot be found by rendering"):
        assistant_spans(tokenizer, [{"role": "user", "content": "問"}, {"role": "assistant", "content": "答"}])
