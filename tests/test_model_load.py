"""Model and tokenizer loading: local directories, errors, the cached default model."""

from __future__ import annotations

import copy
import os

import pytest

from itool.errors import UserError
from itool.model import load
from itool.model.generate import SamplingParams, TransformersBackend
from itool.model.prompt import render_completion, render_messages, render_prompt
from itool.records import FunctionSpec, Message, Sample


def test_a_saved_directory_loads_with_tokenizer_and_generates(tiny_model, tokenizer, tmp_path):
    tiny_model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    model, loaded_tokenizer = load.load_model(str(tmp_path), device="cpu")
    assert not model.training
    assert loaded_tokenizer.pad_token is not None
    assert loaded_tokenizer.chat_template == tokenizer.chat_template
    assert load.load_tokenizer(str(tmp_path)).chat_template == tokenizer.chat_template
    prompt = tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True
    )
    backend = TransformersBackend(model, loaded_tokenizer, progress=False)
    (reloaded,) = backend.generate([prompt], SamplingParams(temperature=0, max_new_tokens=5))[0]
    original = TransformersBackend(tiny_model, tokenizer, progress=False)
    (before,) = original.generate([prompt], SamplingParams(temperature=0, max_new_tokens=5))[0]
    assert reloaded.token_ids == before.token_ids


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("./no/such/model", "model directory not found"),
        ("/nonexistent/model.gguf", "model file not found"),
    ],
)
def test_missing_paths_are_user_errors(name, reason):
    with pytest.raises(UserError, match=reason):
        load.load_model(name)


def test_a_directory_without_config_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no config.json"):
        load.load_model(str(tmp_path))


def test_an_id_missing_from_the_local_cache_is_a_user_error(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(UserError, match="never downloads"):
        load.load_model("itool-test/not-a-cached-model")


def test_cache_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ITOOL_CACHE", str(tmp_path))
    assert load.cache_root() == tmp_path


def test_gguf_cache_is_keyed_on_contents_not_on_install_time(monkeypatch, tmp_path):
    monkeypatch.setenv("ITOOL_CACHE", str(tmp_path / "cache"))
    first, again = tmp_path / "a" / "m.gguf", tmp_path / "b" / "m.gguf"
    for path in (first, again):
        path.parent.mkdir()
        path.write_bytes(b"GGUF same weights")
    os.utime(again, (1, 1))  # the same file installed at another time
    assert load._gguf_cache_dir(first, "models") == load._gguf_cache_dir(again, "models")
    first.write_bytes(b"GGUF other weights")
    assert load._gguf_cache_dir(first, "models") != load._gguf_cache_dir(again, "models")
    assert load._gguf_cache_dir(first, "models").parent == tmp_path / "cache" / "models"


def test_the_gemma_model_without_its_packages_is_a_user_error(monkeypatch, tmp_path):
    monkeypatch.setenv("ITOOL_CACHE", str(tmp_path))
    monkeypatch.setattr(load, "GEMMA_PACKAGE", "itool_test_no_such_package")
    with pytest.raises(UserError, match="make gemma"):
        load.resolve_model(load.GEMMA_MODEL)
    assert not (tmp_path / "gguf").exists()


def test_gemma_turns_render_the_system_prompt_inside_the_first_user_turn(tokenizer):
    turns = copy.deepcopy(tokenizer)
    turns.chat_template = load.GEMMA_TURNS.text()
    messages = [
        Message(role="system", content="Tools: f"),
        Message(role="user", content="first"),
        Message(role="assistant", content="f(a=1)"),
        Message(role="user", content=" second "),
    ]
    bos = tokenizer.bos_token
    assert render_messages(messages, turns) == (
        f"{bos}<start_of_turn>user\nTools: f\n\nfirst<end_of_turn>\n"
        "<start_of_turn>model\nf(a=1)<end_of_turn>\n"
        "<start_of_turn>user\nsecond<end_of_turn>\n<start_of_turn>model\n"
    )
    # Training text continues the prompt exactly, so the model learns where to stop.
    assert render_completion(messages, "f(a=2)", turns) == "f(a=2)<end_of_turn>\n"


def test_chat_turns_make_their_end_of_turn_token_the_eos_and_a_stop_id(tiny_model, tokenizer):
    model = copy.deepcopy(tiny_model)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    turns = load.ChatTurns("gemma_turns.jinja", "<|im_start|>")
    applied = copy.deepcopy(tokenizer)
    turns.apply(model, applied)
    start_id = tokenizer.convert_tokens_to_ids("<|im_start|>")
    assert model.generation_config.eos_token_id == sorted({tokenizer.eos_token_id, start_id})
    # trainers that append the tokenizer's EOS append the end of turn the template writes
    assert (applied.eos_token, applied.eos_token_id) == ("<|im_start|>", start_id)
    # Editing the turns converts the model again instead of reusing a stale directory.
    assert turns.key != load.GEMMA_TURNS.key


def test_atomic_save_keeps_the_first_complete_directory(tmp_path):
    final = tmp_path / "models" / "m"

    def write_losing_race(tmp):
        (tmp / "ours.txt").write_text("ours")
        # another process finishes while we are still writing
        final.mkdir(parents=True)
        (final / "theirs.txt").write_text("theirs")

    assert load._save_atomically(final, write_losing_race) == final
    assert [p.name for p in final.iterdir()] == ["theirs.txt"]
    assert [p.name for p in final.parent.iterdir()] == ["m"]  # no temporary left behind
    # an existing directory is reused without writing anything
    assert load._save_atomically(final, lambda tmp: pytest.fail("rewrote")) == final


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    final = tmp_path / "m"

    def broken(tmp):
        (tmp / "half.bin").write_text("x")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        load._save_atomically(final, broken)
    assert list(tmp_path.iterdir()) == []


def test_dtype_and_device_choices():
    import torch

    assert load.pick_dtype("auto", "cpu") == torch.float32
    assert load.pick_dtype("bfloat16", "cpu") == torch.bfloat16
    with pytest.raises(UserError, match="unknown dtype"):
        load.pick_dtype("float13", "cpu")
    assert load.pick_device("cpu") == "cpu"


@pytest.mark.slow
def test_the_default_model_loads_from_its_cache_and_answers():
    """Uses the real cache (the first run converts the GGUF, ~30 s, once)."""
    model, tokenizer = load.load_model("default", device="cpu")
    assert model.config.tie_word_embeddings
    assert getattr(model.config, "quantization_config", None) is None  # can be saved
    sample = Sample(
        id="w",
        tools=[FunctionSpec("get_weather", "Current weather for a city.")],
        messages=[Message("user", "Say hello.")],
        target="Hello!",
    )
    backend = TransformersBackend(model, tokenizer, progress=False)
    (reply,) = backend.generate(
        [render_prompt(sample, tokenizer)], SamplingParams(temperature=0, max_new_tokens=48)
    )[0]
    assert reply.text.strip()
    assert all(x <= 0 for x in reply.logprobs)
    # the instruct model ends its turn by itself on a short request
    assert reply.finish_reason == "stop"
    assert reply.token_ids[-1] == tokenizer.convert_tokens_to_ids("<|im_end|>")
