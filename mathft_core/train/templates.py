"""Chat templates for training: loss on the assistant's tokens only, rendered the model's way.

Two modes keep the model's own chat template:

* ``completion`` (default, any model): the conversation is split into prompt and completion;
  trl renders both with the model's template and puts loss on the tokens after the prompt.
  That only works if the prompt rendered with the generation prompt is a prefix of the
  whole conversation, which :func:`check_prefix` proves before training.
* ``assistant``: trl's ``assistant_only_loss`` needs ``{% generation %}`` markers. A config
  may name a template file; otherwise a known template (llm-jp) is swapped for its marked
  twin, and trl's own training templates cover other families (Qwen3, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mathft_core.errors import MathftError
from mathft_core.tiny_model import LLMJP_CHAT_TEMPLATE

#: The llm-jp instruct template with the assistant's text and end-of-turn token marked.
LLMJP_TRAINING_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}"
    "{% elif message['role'] == 'user' %}{{ '\\n\\n### 指示:\\n' + message['content'] }}"
    "{% elif message['role'] == 'assistant' %}{{ '\\n\\n### 応答:\\n' }}"
    "{% generation %}{{ message['content'] + eos_token }}{% endgeneration %}"
    "{% endif %}"
    "{% if loop.last and add_generation_prompt %}{{ '\\n\\n### 応答:\\n' }}{% endif %}"
    "{% endfor %}"
)

_MARKED_TWINS = {LLMJP_CHAT_TEMPLATE: LLMJP_TRAINING_TEMPLATE}


class TemplateError(MathftError):
    """The model's chat template cannot isolate the assistant's tokens."""


def has_generation_markers(template: str | None) -> bool:
    """True if the template marks assistant output with ``{% generation %}``."""
    return bool(template) and "generation" in template and "endgeneration" in template


def training_template(tokenizer: Any, chat_template: Path | None) -> str | None:
    """The template for ``assistant`` mode, or ``None`` to let trl choose its own.

    A config file wins; a template that already has markers is kept; a known template is
    swapped for its marked twin.
    """
    if chat_template is not None:
        try:
            text = Path(chat_template).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TemplateError(f"{chat_template}: chat template file not found") from None
        if not has_generation_markers(text):
            raise TemplateError(f"{chat_template}: needs {{% generation %}}...{{% endgeneration %}} around the assistant text")
        return text
    current = getattr(tokenizer, "chat_template", None)
    if has_generation_markers(current):
        return current
    return _MARKED_TWINS.get(current)


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
