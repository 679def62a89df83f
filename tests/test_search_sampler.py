"""The search sampler: encoding the prompt once gives the same outputs as encoding
everything again, matches ``generate`` greedily, and does less work."""

from __future__ import annotations

import pytest
import torch

from itool.search.sampler import PromptCachedSampler, SampleRequest


def _prompt(tokenizer, text):
    rendered = tokenizer.apply_chat_template(
        [{"role": "system", "content": "Call functions."}, {"role": "user", "content": text}],
        tokenize=False, add_generation_prompt=True)
    return tuple(tokenizer.encode(rendered, add_special_tokens=False))


@pytest.fixture(scope="module")
def requests(tokenizer):
    short = _prompt(tokenizer, "hi")
    long = _prompt(tokenizer, "What will the weather be in Paris tomorrow, in celsius please?")
    return [
        SampleRequest(short, "", seed=1, max_new_tokens=10),
        SampleRequest(long, "[get_weather(", seed=2, max_new_tokens=12),
        SampleRequest(short, '[f(a=1, b="x", ', seed=3, max_new_tokens=6),
    ]


def test_cached_prompt_greedy_equals_uncached_and_generate(lively_model, tokenizer, requests):
    cached = PromptCachedSampler(lively_model, tokenizer, reuse_prompt=True)
    plain = PromptCachedSampler(lively_model, tokenizer, reuse_prompt=False)
    a = cached.sample(requests, n=2, temperature=0)
    b = plain.sample(requests, n=2, temperature=0)
    for request, conts_a, conts_b in zip(requests, a, b, strict=True):
        assert [c.text for c in conts_a] == [c.text for c in conts_b]
        assert conts_a[0].text == conts_a[1].text  # greedy: both copies agree
        assert conts_a[0].token_logprobs == pytest.approx(conts_b[0].token_logprobs, abs=1e-4)
        ids = list(request.prompt_ids) + tokenizer.encode(request.prefix, add_special_tokens=False)
        out = lively_model.generate(torch.tensor([ids]), do_sample=False,
                                    max_new_tokens=request.max_new_tokens,
                                    pad_token_id=tokenizer.pad_token_id)
        expected = tokenizer.decode(out[0, len(ids):], skip_special_tokens=True)
        assert conts_a[0].text == expected
        assert len(set(conts_a[0].text)) > 3  # a varied output, not one repeated token


def test_sampling_is_seeded_per_request(lively_model, tokenizer, requests):
    sampler = PromptCachedSampler(lively_model, tokenizer)
    first = sampler.sample(requests, n=3, temperature=1.0, top_p=0.9)
    again = PromptCachedSampler(lively_model, tokenizer).sample(requests, n=3, temperature=1.0,
                                                                top_p=0.9)
    assert [[c.text for c in cs] for cs in first] == [[c.text for c in cs] for cs in again]
    texts = [c.text for c in first[0]]
    assert len(set(texts)) == 3  # three different draws for one request
    reseeded = sampler.sample(
        [SampleRequest(r.prompt_ids, r.prefix, r.seed + 100, r.max_new_tokens) for r in requests],
        n=3, temperature=1.0, top_p=0.9)
    assert [c.text for c in reseeded[0]] != texts


def test_continuations_carry_budget_logprobs_and_token_offsets(lively_model, tokenizer, requests):
    sampler = PromptCachedSampler(lively_model, tokenizer)
    for request, conts in zip(requests, sampler.sample(requests, n=2), strict=True):
        for cont in conts:
            assert len(cont.token_logprobs) == len(cont.token_ends) <= request.max_new_tokens
            assert all(lp <= 0 for lp in cont.token_logprobs)
            assert cont.token_ends == sorted(cont.token_ends)
            assert not cont.token_ends or cont.token_ends[-1] == len(cont.text)
            if not cont.finished:
                assert len(cont.token_logprobs) == request.max_new_tokens


def test_prompt_is_encoded_once(lively_model, tokenizer, requests):
    cached = PromptCachedSampler(lively_model, tokenizer, reuse_prompt=True)
    plain = PromptCachedSampler(lively_model, tokenizer, reuse_prompt=False)
    for _ in range(3):
        cached.sample(requests, n=2, temperature=0)
        plain.sample(requests, n=2, temperature=0)
    distinct = {r.prompt_ids for r in requests}
    prefixes = sum(len(tokenizer.encode(r.prefix, add_special_tokens=False)) for r in requests)
    once = sum(len(p) - 1 for p in distinct) + 3 * (len(requests) + prefixes)
    assert cached.stats.encoded_tokens == once
    everything = 3 * sum(len(r.prompt_ids) for r in requests) + 3 * prefixes
    assert plain.stats.encoded_tokens == everything
    assert cached.stats.generated_tokens == plain.stats.generated_tokens


@pytest.fixture(scope="module")
def windowed_model(tokenizer):
    """A tiny random Gemma 3 whose first layer attends over a window of 8 tokens, far
    shorter than the prompts, like Gemma 3 270M's 512 against prompts with tool
    documentation. Untied output embeddings, so that its greedy outputs vary."""
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(0)
    config = Gemma3TextConfig(
        vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, head_dim=16, sliding_window=8,
        layer_types=["sliding_attention", "full_attention"], initializer_range=0.2,
        tie_word_embeddings=False, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id)
    return Gemma3ForCausalLM(config).eval()


def test_a_model_with_sliding_window_layers_is_sampled_without_prompt_reuse_and_right(
        windowed_model, tokenizer, requests):
    """A windowed layer keeps only the prompt's last window, so a reused prompt cache
    cannot be padded to its prefix: the sampler encodes from scratch and still writes
    what ``generate`` writes, prompts of different lengths in one batch."""
    sampler = PromptCachedSampler(windowed_model, tokenizer, reuse_prompt=True)
    assert not sampler.reuse_prompt
    assert all(len(r.prompt_ids) > 8 for r in requests)
    outputs = sampler.sample(requests, n=2, temperature=0)
    for request, conts in zip(requests, outputs, strict=True):
        ids = list(request.prompt_ids) + tokenizer.encode(request.prefix, add_special_tokens=False)
        out = windowed_model.generate(torch.tensor([ids]), do_sample=False,
                                      max_new_tokens=request.max_new_tokens,
                                      pad_token_id=tokenizer.pad_token_id)
        assert conts[0].text == tokenizer.decode(out[0, len(ids):], skip_special_tokens=True)
        assert len(set(conts[0].text)) > 3


def test_a_model_without_windowed_layers_keeps_prompt_reuse(lively_model, tokenizer):
    assert PromptCachedSampler(lively_model, tokenizer, reuse_prompt=True).reuse_prompt
