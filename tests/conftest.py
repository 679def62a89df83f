"""Shared pytest fixtures. Append yours; keep the others'."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_benchmark(name: str):
    """A script of ``benchmarks/`` imported as a module (they are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tokenizer():
    """The real SmolLM2-135M-Instruct tokenizer (with its chat template), read from the
    embedded GGUF once and cached on disk under ``$ITOOL_CACHE`` (~1 s afterwards)."""
    from itool.model.load import load_tokenizer

    return load_tokenizer("default")


@pytest.fixture(scope="session")
def tiny_model(tokenizer):
    """A tiny randomly initialised Llama (hidden 64, 2 layers, 4 heads, tied
    embeddings, seed 0) over the real SmolLM2 vocabulary: real code paths, seconds to
    train. Session-scoped: tests that train it must work on a ``copy.deepcopy``."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.eval()
    return model


@pytest.fixture(scope="session")
def lively_model(tokenizer):
    """A tiny random Llama with larger initial weights than ``tiny_model``, so that
    its greedy outputs vary from token to token (the default init repeats one
    token), which makes comparisons between decoding paths and samples meaningful.
    Session-scoped and in eval mode: tests must not train it."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128,
        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        tie_word_embeddings=True, initializer_range=0.2,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(0)
    return LlamaForCausalLM(config).eval()
