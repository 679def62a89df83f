"""itool: reinforced fine-tuning for tool use (iTool, arXiv:2501.09766)."""

__version__ = "0.1.0"
