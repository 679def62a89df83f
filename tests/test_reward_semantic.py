"""Semantic similarity: the real all-MiniLM-L6-v2 (offline, batched, cached) and the
lexical fallback."""

from __future__ import annotations

import os

import pytest

from itool.reward.semantic import (
    LexicalSimilarity,
    ModelSimilarity,
    default_model_dir,
    load_sentence_model,
    similarity_backend,
)

REFERENCE = "Sorry, none of the available functions can tell jokes."
PARAPHRASE = "I'm afraid no tool here is able to tell a joke."
UNRELATED = '[get_weather(city="Paris", days=3)]'


@pytest.fixture(scope="module")
def model():
    return similarity_backend("model")


def test_model_is_found_on_disk_and_loaded_offline(model):
    directory = default_model_dir()
    assert (directory / "model.safetensors").is_file()
    model.similarities([("warm", "up")])
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert load_sentence_model(str(directory)) is load_sentence_model(str(directory))  # once


def test_model_similarity_ranks_meaning(model):
    same, paraphrase, unrelated = model.similarities(
        [(REFERENCE, REFERENCE), (REFERENCE, PARAPHRASE), (REFERENCE, UNRELATED)])
    assert same == 1.0
    assert paraphrase > unrelated + 0.2
    assert all(0.0 <= s <= 1.0 for s in (paraphrase, unrelated))
    # Symmetric up to float rounding.
    (back,) = model.similarities([(PARAPHRASE, REFERENCE)])
    assert back == pytest.approx(paraphrase, abs=1e-6)


def test_model_embeddings_are_cached_and_batched():
    backend = ModelSimilarity(batch_size=2, cache_size=3)
    texts = ["one apple", "two pears", "three plums"]
    first = backend.embed(texts)
    assert set(first) == set(texts)
    again = backend.embed(texts)
    assert all(again[t] is first[t] for t in texts)  # served from the cache
    backend.embed(["four figs"])  # cache holds 3: the least recently used goes
    assert "one apple" not in backend._cache and "four figs" in backend._cache
    # Batch size does not change the numbers.
    other = ModelSimilarity(batch_size=64)
    assert other.similarities([(texts[0], texts[1])]) == pytest.approx(
        backend.similarities([(texts[0], texts[1])]), abs=1e-5)


def test_lexical_fallback():
    lexical = LexicalSimilarity()
    assert lexical.similarity(REFERENCE, REFERENCE) == 1.0
    assert lexical.similarity("", "") == 1.0
    assert lexical.similarity("abc", "") == 0.0
    assert lexical.similarity("Paris weather", "paris  WEATHER") == pytest.approx(1.0)
    close = lexical.similarity('get_weather(city="Paris")', 'get_weather(city="Pariss")')
    far = lexical.similarity('get_weather(city="Paris")', 'book_flight(to="Lima")')
    assert 0.0 <= far < close < 1.0
    assert lexical.similarity("a b c", "c b a") == lexical.similarity("c b a", "a b c")


def test_backends_are_shared_per_process():
    assert similarity_backend("lexical") is similarity_backend("lexical")
    with pytest.raises(ValueError):
        similarity_backend("bert")
