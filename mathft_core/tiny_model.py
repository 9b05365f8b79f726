"""A tiny local causal LM and tokenizer for tests and demos, built without any model hub.

The model is a 2-layer ``LlamaForCausalLM`` (hidden size 128, about 0.6M parameters) and
the tokenizer a byte-level BPE trained on a few lines of Japanese and LaTeX, wrapped in
``PreTrainedTokenizerFast`` with the llm-jp instruct chat template (``### 指示`` /
``### 応答``). A llama config is used because a qwen2 config makes transformers swap the
tokenizer's pre-tokenizer. Same seed, same files.
"""

from __future__ import annotations

from pathlib import Path

#: The llm-jp instruct chat format: ``<bos>{system}\n\n### 指示:\n{user}\n\n### 応答:\n{assistant}<eos>``.
LLMJP_CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}"
    "{% elif message['role'] == 'user' %}{{ '\\n\\n### 指示:\\n' + message['content'] }}"
    "{% elif message['role'] == 'assistant' %}{{ '\\n\\n### 応答:\\n' + message['content'] + eos_token }}"
    "{% endif %}"
    "{% if loop.last and add_generation_prompt %}{{ '\\n\\n### 応答:\\n' }}{% endif %}"
    "{% endfor %}"
)

BOS, EOS, PAD, UNK = "<s>", "</s>", "<pad>", "<unk>"

#: Text the tokenizer is trained on: exam phrasing, CoT phrasing, LaTeX and the chat markers.
_CORPUS = (
    "以下は数学の問題である。問題を解き，答えを $\\boxed{}$ に入れて示せ。",
    "\n\n### 指示:\n次の方程式を解け。\n\n### 応答:\n",
    "次の方程式を解きなさい。$$6x^{2} - x - 4 = 0$$",
    "まず，両辺に $12$ を掛けると，$3x + 4 = 2x - 6$ となる。移項して整理すると，$x = -10$ である。",
    "因数分解すると $(x+1)(x-3) = 0$ となるから，$x = -1, 3$ である。",
    "よって，答えは $\\boxed{\\frac{1 \\pm \\sqrt{97}}{12}}$ である。",
    "2進法で表された数 $1011_{(2)}$ を10進法で表せ。$1 \\cdot 2^{3} + 0 \\cdot 2^{2} + 1 \\cdot 2 + 1 = 11$",
    "10進法の数 $45$ を3進法で表しなさい。$45 = 3 \\cdot 15 + 0$，$15 = 3 \\cdot 5 + 0$，$5 = 3 \\cdot 1 + 2$",
    "したがって，求める値は $\\sqrt{2}$，$\\pi$，$\\frac{5}{6}\\pi$，$x \\leqq 2$，$1 < x < 3$ である。",
    "0123456789 +-*/=()[]{}^_\\,.;:!?<>|$ abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "条件より，底 $\\frac{1}{2}$ は $1$ より小さいから，不等号の向きが変わる。これは①を満たす。",
)


def build_tokenizer(vocab_size: int = 512):
    """Train the byte-level BPE tokenizer and wrap it with the llm-jp chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.BPE(unk_token=None))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[BOS, EOS, PAD, UNK],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    core.train_from_iterator(list(_CORPUS) * 4, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, bos_token=BOS, eos_token=EOS, pad_token=PAD, unk_token=UNK
    )
    tokenizer.chat_template = LLMJP_CHAT_TEMPLATE
    return tokenizer


def build_tiny_model(directory: str | Path, *, seed: int = 0) -> Path:
    """Write a tiny llama model, its tokenizer and generation config to ``directory``; return it."""
    import torch
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = build_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=128,
        intermediate_size=256,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        tie_word_embeddings=False,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
