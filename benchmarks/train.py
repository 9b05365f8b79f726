"""Time the two training phases and the verified save on the tiny CPU model.

Prints, per phase: rows, tokens, steps, loss first -> last, and seconds for training, merging
and the verified save; then Phase A's training tokens/s with and without packing (the
packed run keeps rows apart with a block-diagonal mask); then the verified-save overhead
against a plain ``save_pretrained`` for a larger random llama (about 50M parameters).
Run: ``python benchmarks/train.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "train"))
sys.path.insert(0, str(REPO / "plugins" / "mathft-example-unit" / "src"))


def _phases(root: Path) -> None:
    from conftest import FAST_TOML, write_phase_data

    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.config import load_config
    from mathft_core.train.sft import run_phase

    model = build_tiny_model(root / "tiny")
    data = write_phase_data(root / "data", per_type=50)
    config = root / "train.toml"
    config.write_text(
        FAST_TOML.format(model=model, data=data, output=root / "runs", epochs=2, save_steps=1000, extra=""),
        encoding="utf-8",
    )
    cfg = load_config(config)
    print("phase  rows  tokens  loss-tokens  steps  loss first->last  train_s  merge_s  save_s  total_s")
    for phase in "AB":
        r = run_phase(cfg, phase)
        t = r["tokens"]["train"]
        print(
            f"{phase:>5}  {t['rows']:>4}  {t['tokens']:>6}  {t['loss_tokens']:>11}  {r['global_step']:>5}  "
            f"{r['first_loss']:.3f}->{r['last_loss']:.3f}      {r['train_runtime_s']:>7.2f}  {r['merge_s']:>7.2f}  "
            f"{r['save_s']:>6.2f}  {r['total_s']:>7.2f}"
        )


def _packing(root: Path) -> None:
    from conftest import FAST_TOML, write_phase_data

    from mathft_core.tiny_model import build_tiny_model
    from mathft_core.train.config import load_config
    from mathft_core.train.sft import run_phase

    model = build_tiny_model(root / "tiny-pack")
    data = write_phase_data(root / "data-pack", per_type=100)
    print("\npacking  rows  tokens  steps  train_s  tokens/s")
    for packing in (False, True):
        config = root / f"pack-{packing}.toml"
        extra = f"packing = {str(packing).lower()}\nbatch_size = 8"
        text = FAST_TOML.format(model=model, data=data, output=root / f"runs-pack-{packing}", epochs=1,
                                save_steps=1000, extra="").replace("batch_size = 4\n", "") + extra + "\n"
        config.write_text(text, encoding="utf-8")
        report = run_phase(load_config(config), "A", force=True)
        tokens = report["tokens"]["train"]["tokens"]
        seconds = report["train_runtime_s"]
        print(f"{packing!s:>7}  {report['tokens']['train']['rows']:>4}  {tokens:>6}  {report['global_step']:>5}  "
              f"{seconds:>7.2f}  {tokens / seconds:>8.0f}")


def _save_overhead(root: Path) -> None:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from mathft_core.tiny_model import build_tokenizer
    from mathft_core.train.save import save_verified

    tokenizer = build_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=512, intermediate_size=1536, num_hidden_layers=12,
        num_attention_heads=8, num_key_value_heads=8, tie_word_embeddings=False,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = LlamaForCausalLM(config)
    params = sum(p.numel() for p in model.parameters())
    t0 = time.perf_counter()
    model.save_pretrained(root / "plain")
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    save_verified(model, tokenizer, root / "verified")
    verified = time.perf_counter() - t0
    size = (root / "verified" / "model.safetensors").stat().st_size
    print(f"\nsave of {params / 1e6:.1f}M params ({size / 1e6:.0f} MB): plain {plain:.2f} s, verified {verified:.2f} s")


def main() -> None:
    import torch

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        _phases(Path(tmp))
        _packing(Path(tmp))
        _save_overhead(Path(tmp))


if __name__ == "__main__":
    main()
