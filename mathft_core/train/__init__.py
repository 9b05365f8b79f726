"""Two-phase LoRA SFT, merge and verified saving."""
