"""Cutting the preference pairs a forward pass to what the free memory holds, keeping
the pairs a step."""

from __future__ import annotations

import copy

from itool.train import memory
from itool.train.memory import logits_bytes, pairs_that_fit, training_state_bytes
from itool.train.preference import PreferenceConfig, _fits, optimize, pairs_to_dataset
from test_train_preference import PAIRS, tiny_config

GIB = 2**30


def test_gemma_s_vocabulary_needs_one_pair_a_pass_where_smollm_keeps_two():
    """The two models of docs/RESULTS.md item 59 on a machine with ~22 GiB free: two
    pairs of 1,024 tokens of Gemma 3's 262k vocabulary are what was OOM-killed, one pair
    a pass ran; SmolLM2's 49k vocabulary fits two."""
    free = 22 * GIB
    gemma = pairs_that_fit(2, 2, 12 * 268_098_176, logits_bytes(1, 1024, 262_144), free)
    smol = pairs_that_fit(2, 2, 12 * 134_515_008, logits_bytes(1, 1024, 49_152), free)
    assert (gemma, smol) == (1, 2)


def test_the_pairs_a_pass_divide_the_pairs_a_step_and_never_go_below_one():
    assert pairs_that_fit(4, 1, 0, 10, 30) == 2  # 3 would fit, but 4 pairs a step need 2 x 2
    assert pairs_that_fit(4, 1, 0, 10, 45) == 4
    assert pairs_that_fit(3, 2, 0, 10, 25) == 2
    assert pairs_that_fit(2, 2, 100, 10, 50) == 1  # nothing fits: one pair a pass, warned


def test_training_state_counts_the_optimizer_and_a_dpo_reference(tiny_model):
    params = sum(p.numel() for p in tiny_model.parameters())
    assert training_state_bytes(tiny_model, lora=False, reference_copy=False) == 12 * params
    assert training_state_bytes(tiny_model, lora=False, reference_copy=True) == 16 * params
    assert training_state_bytes(tiny_model, lora=True, reference_copy=False) == 0


def test_optimize_trains_the_same_step_in_smaller_passes_when_memory_is_short(
        tokenizer, tiny_model, tmp_path, monkeypatch, capsys):
    _, _, longest = _fits(pairs_to_dataset(PAIRS, tokenizer), tokenizer, 512)
    vocab = tiny_model.get_output_embeddings().weight.shape[0]
    state = training_state_bytes(tiny_model, lora=False, reference_copy=False)
    room = state + int(1.5 * logits_bytes(1, longest, vocab))  # one pair fits, two do not
    monkeypatch.setattr(memory, "free_bytes", lambda model: room)
    config = tiny_config("simpo", batch_size=2, grad_accum=1)
    stats = optimize(copy.deepcopy(tiny_model), tokenizer, PAIRS, tmp_path / "short", config)
    assert stats["pairs_per_pass"] == 1 and stats["optimizer_steps"] == 1  # 2 pairs, 1 step
    assert "training 1 a pass with grad_accum 2 instead" in capsys.readouterr().err

    monkeypatch.setattr(memory, "free_bytes", lambda model: 100 * room)
    stats = optimize(copy.deepcopy(tiny_model), tokenizer, PAIRS, tmp_path / "room", config)
    assert stats["pairs_per_pass"] == 2 and stats["optimizer_steps"] == 1
    assert "a pass" not in capsys.readouterr().err
    assert isinstance(config, PreferenceConfig) and config.batch_size == 2  # not mutated
