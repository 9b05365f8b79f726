"""Chat templates for training: loss on the assistant's tokens only, rendered the model's way.

Two modes keep the model's own chat template:

* ``completion`` (default, any model): the conversation is split into prompt and completion;
  trl renders both with the model's template and puts loss on the tokens after the prompt.
  That only works if the prompt rendered with the generation prompt is a prefix of the
  whole conversation, which :func:`check_prefix` proves before training.
* ``assistant``: every assistant turn carries loss; its tokens are found by rendering
  (:func:`assistant_spans`), so any template that renders prefixes consistently works.

A model without a template trains (and is saved) with the llm-jp instruct format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mathft_core.errors import MathftError
from mathft_core.tiny_model import LLMJP_CHAT_TEMPLATE


class TemplateError(MathftError):
    """The model's chat template cannot isolate the assistant's tokens."""


def check_prefix(tokenizer: Any, conversation: list[dict[str, str]], chat_template: str | None = None) -> None:
    """Raise unless prompt + generation prompt renders as a prefix of the whole conversation."""
    if not getattr(tokenizer, "chat_template", None) and chat_template is None:
        raise TemplateError("the tokenizer has no chat_template; add one to the model directory")
    prompt = tokenizer.apply_chat_template(
        conversation[:-1], tokenize=False, add_generation_prompt=True, chat_template=chat_template
    )
    full = tokenizer.apply_chat_template(conversation, tokenize=False, chat_template=chat_template)
    if not full.startswith(prompt):
        raise TemplateError(
            "the chat template renders the prompt differently on its own than inside the whole "
            f"conversation (prompt ends {prompt[-40:]!r}); use loss = \"assistant\" with a "
            "chat_template that has {% generation %} markers"
        )
    if full == prompt:
        raise TemplateError("the chat template drops the assistant message")


def saved_chat_template(model_dir: Path) -> str | None:
    """The chat template stored with a model folder's tokenizer (read from files, no import)."""
    import json

    for name in ("chat_template.jinja", "chat_template.json"):
        path = Path(model_dir) / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if name.endswith(".json"):
                text = json.loads(text).get("chat_template", "")
            if text.strip():
                return text
    config = Path(model_dir) / "tokenizer_config.json"
    if config.is_file():
        template = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
        if isinstance(template, list):
            template = {t.get("name"): t.get("template") for t in template if isinstance(t, dict)}.get("default")
        if isinstance(template, str) and template.strip():
            return template
    return None


def template_for_training(tokenizer: Any, chat_template: Path | None) -> str:
    """The template a phase trains (and saves) with: the config's file, else the model's own,
    else the llm-jp instruct format (``### 指示:`` / ``### 応答:``, REFERENCE.md §1)."""
    if chat_template is not None:
        try:
            return Path(chat_template).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TemplateError(f"{chat_template}: chat template file not found") from None
    return getattr(tokenizer, "chat_template", None) or LLMJP_CHAT_TEMPLATE


def assistant_spans(tokenizer: Any, conversation: list[dict[str, str]]) -> tuple[list[int], list[int]]:
    """Token ids of the rendered conversation and a mask of the assistants' tokens.

    The spans are found by rendering, with no knowledge of the template's text: each
    assistant turn is what the conversation up to and including it adds to the conversation
    before it rendered with the generation prompt. A template for which that prefix does
    not hold cannot isolate the assistant and is refused.
    """
    full = tokenizer.apply_chat_template(conversation, tokenize=False)
    spans: list[tuple[int, int]] = []
    for index, message in enumerate(conversation):
        if message["role"] != "assistant":
            continue
        before = tokenizer.apply_chat_template(conversation[:index], tokenize=False, add_generation_prompt=True)
        through = tokenizer.apply_chat_template(conversation[: index + 1], tokenize=False)
        if not (full.startswith(through) and through.startswith(before) and len(through) > len(before)):
            raise TemplateError(
                "the chat template renders a conversation's beginning differently from the whole conversation "
                f"(before the answer: ...{before[-40:]!r}); the assistant's tokens cannot be found by rendering"
            )
        spans.append((len(before), len(through)))
    encoded = tokenizer(full, add_special_tokens=False, return_offsets_mapping=True)
    mask = [int(any(start <= s < stop for start, stop in spans)) for s, _e in encoded["offset_mapping"]]
    return list(encoded["input_ids"]), mask
