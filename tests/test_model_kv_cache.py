"""Both decoding loops pass the KV cache under the name the model's forward takes, so
transformers' deprecation of ``past_key_values`` neither floods the logs nor, once the
old name is removed, breaks generation."""

from __future__ import annotations

import warnings

import transformers
from packaging.version import Version

from itool.model.generate import SamplingParams, TransformersBackend
from itool.model.kv_cache import cache_argument
from itool.search.sampler import PromptCachedSampler, SampleRequest


def _cache_warnings(run) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run()
    return [str(w.message) for w in caught if "past_key_values" in str(w.message)]


def _prompt_ids(tokenizer) -> tuple[int, ...]:
    rendered = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What is the weather in Paris?"}],
        tokenize=False, add_generation_prompt=True)
    return tuple(tokenizer.encode(rendered, add_special_tokens=False))


def test_the_generation_backend_uses_the_current_cache_name(tiny_model, tokenizer):
    backend = TransformersBackend(tiny_model, tokenizer, batch_size=2, progress=False)
    prompt = tokenizer.decode(_prompt_ids(tokenizer))
    assert _cache_warnings(lambda: backend.generate(
        [prompt], SamplingParams(temperature=0, max_new_tokens=4))) == []


def test_the_search_sampler_uses_the_current_cache_name(tiny_model, tokenizer):
    sampler = PromptCachedSampler(tiny_model, tokenizer, reuse_prompt=True)
    request = SampleRequest(_prompt_ids(tokenizer), "[get_weather(", seed=1, max_new_tokens=4)
    assert _cache_warnings(lambda: sampler.sample([request], n=2, temperature=1.0)) == []


class _OlderForward:
    """A forward pass written before transformers 5.24, which knows only the old name."""

    def forward(self, input_ids=None, past_key_values=None, use_cache=None):
        return past_key_values


def test_the_cache_goes_under_the_name_the_forward_takes(tiny_model):
    renamed = Version(transformers.__version__) >= Version("5.24")
    assert cache_argument(tiny_model, "kv") == {"cache" if renamed else "past_key_values": "kv"}
    assert cache_argument(_OlderForward(), "kv") == {"past_key_values": "kv"}
