"""Two-phase LoRA SFT, merge and verified saving.

``config`` (TOML settings), ``data`` (phase exports -> trl rows), ``templates`` (assistant-only
loss with the model's own chat template), ``sft`` (one phase through trl's ``SFTTrainer``),
``save`` (verified, crash-safe saving), ``verify`` (manifests, ``mathft verify-model``),
``report`` (loss curves and counts), ``cli`` (the commands).
"""
