"""Voting inference over vLLM or transformers backends."""
