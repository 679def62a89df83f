"""The transformers generation backend, on a tiny random Llama with the real tokenizer."""

from __future__ import annotations

import math

import pytest
import torch

from itool.model.generate import SamplingParams, TransformersBackend

QUESTIONS = ["What is the weather in Paris?", "Hi", "Convert 3 miles to kilometres, please."]


@pytest.fixture(scope="module")
def backend(tiny_model, tokenizer):
    return TransformersBackend(tiny_model, tokenizer, batch_size=4, progress=False)


@pytest.fixture(scope="module")
def prompts(tokenizer):
    return [
        tokenizer.apply_chat_template(
            [{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True
        )
        for q in QUESTIONS
    ]


def test_batched_greedy_matches_transformers_generate_per_prompt(backend, prompts, tiny_model):
    out = backend.generate(prompts, SamplingParams(temperature=0, max_new_tokens=12))
    assert [len(o) for o in out] == [1, 1, 1]
    for prompt, (completion,) in zip(prompts, out, strict=True):
        ids = torch.tensor([backend.encode([prompt])[0]])
        reference = tiny_model.generate(
            input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=12, do_sample=False
        )[0, ids.shape[1] :].tolist()
        assert completion.token_ids == reference
        assert completion.finish_reason == "length"
        assert completion.text == backend.tokenizer.decode(reference)


def test_logprobs_are_the_models_own_log_probabilities(backend, prompts, tiny_model):
    params = SamplingParams(n=2, temperature=1.3, top_p=0.9, max_new_tokens=8, seed=0)
    for prompt, completions in zip(prompts, backend.generate(prompts, params), strict=True):
        prompt_ids = backend.encode([prompt])[0]
        for c in completions:
            assert len(c.logprobs) == len(c.token_ids) == 8
            assert all(math.isfinite(x) and x <= 0 for x in c.logprobs)
            full = torch.tensor([prompt_ids + c.token_ids])
            with torch.inference_mode():
                log_dist = torch.log_softmax(tiny_model(full).logits[0].float(), dim=-1)
            start = len(prompt_ids) - 1
            expected = [float(log_dist[start + i, t]) for i, t in enumerate(c.token_ids)]
            assert c.logprobs == pytest.approx(expected, abs=1e-4)


def test_n_samples_per_prompt_are_seeded_and_varied(backend, prompts):
    params = SamplingParams(n=3, temperature=1.0, max_new_tokens=6, seed=123)
    first = backend.generate(prompts, params)
    again = backend.generate(prompts, params)
    assert [len(o) for o in first] == [3, 3, 3]
    assert [[c.token_ids for c in o] for o in first] == [[c.token_ids for c in o] for o in again]
    distinct = {tuple(c.token_ids) for o in first for c in o}
    assert len(distinct) > 3  # a random model at temperature 1 does not repeat itself


def test_greedy_is_deterministic_and_top_p_near_zero_is_greedy(backend, prompts):
    greedy = backend.generate(prompts, SamplingParams(temperature=0, max_new_tokens=10))
    assert (
        greedy[0][0].token_ids
        == backend.generate(prompts, SamplingParams(temperature=0, max_new_tokens=10))[0][0].token_ids
    )
    narrow = backend.generate(
        prompts, SamplingParams(n=2, temperature=1.0, top_p=1e-6, max_new_tokens=10, seed=5)
    )
    for (g,), samples in zip(greedy, narrow, strict=True):
        assert all(s.token_ids == g.token_ids for s in samples)


def test_batch_size_does_not_change_greedy_results(tiny_model, tokenizer, prompts):
    params = SamplingParams(temperature=0, max_new_tokens=10)
    one = TransformersBackend(tiny_model, tokenizer, batch_size=1, progress=False)
    many = TransformersBackend(tiny_model, tokenizer, batch_size=8, progress=False)
    assert [o[0].token_ids for o in one.generate(prompts, params)] == [
        o[0].token_ids for o in many.generate(prompts, params)
    ]


def test_stop_string_ends_the_completion_and_is_cut_from_the_text(backend, prompts):
    params = SamplingParams(temperature=1.0, max_new_tokens=12, seed=7)
    (free,) = backend.generate(prompts[:1], params)[0]
    # A stop string taken from inside the free-running text (same seed, same tokens).
    prefix = backend.tokenizer.decode(free.token_ids[:4])
    stop = backend.tokenizer.decode(free.token_ids[4:6])
    assert stop and stop not in prefix
    params.stop = [stop]
    (stopped,) = backend.generate(prompts[:1], params)[0]
    assert stopped.finish_reason == "stop"
    assert stopped.token_ids == free.token_ids[: len(stopped.token_ids)]
    assert len(stopped.token_ids) <= 6
    assert stopped.text == free.text[: free.text.index(stop)]
    assert len(stopped.logprobs) == len(stopped.token_ids)


def test_end_of_sequence_token_stops_and_is_not_in_the_text(tiny_model, tokenizer, prompts):
    backend = TransformersBackend(tiny_model, tokenizer, progress=False)
    params = SamplingParams(temperature=1.0, max_new_tokens=8, seed=3)
    (free,) = backend.generate(prompts[:1], params)[0]
    assert free.token_ids[2] not in free.token_ids[:2]
    # Pretend the third sampled token ends a turn, as a model's end-of-turn id would.
    backend.stop_ids = backend.stop_ids | {free.token_ids[2]}
    (ended,) = backend.generate(prompts[:1], params)[0]
    assert ended.finish_reason == "stop"
    assert ended.token_ids == free.token_ids[:3]
    assert ended.text == tokenizer.decode(free.token_ids[:2])


def test_invalid_sampling_params_are_rejected():
    for bad in (dict(n=0), dict(max_new_tokens=0), dict(temperature=-1), dict(top_p=0)):
        with pytest.raises(ValueError):
            SamplingParams(**bad)
