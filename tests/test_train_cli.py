"""``itool warmup`` / ``itool optimize`` end to end on a tiny model directory, their
errors, and (slow) a few SFT steps that teach the real default model the call format."""

from __future__ import annotations

import json

import pytest

from itool.cli import build_parser, main
from itool.data.formats import write_samples
from itool.model.prompt import prompt_messages
from itool.records import FunctionSpec, Message, PreferencePair, Sample, ToolCall
from itool.train.cli import resolve_config
from itool.train.preference import PreferenceConfig
from itool.train.sft import WarmupConfig


def fn(name: str, description: str, **params: tuple[str, str]) -> FunctionSpec:
    properties = {k: {"type": t, "description": d} for k, (t, d) in params.items()}
    return FunctionSpec(
        name, description, {"type": "object", "properties": properties, "required": list(params)}
    )


TABLE = fn("reserve_table", "Reserve a restaurant table.",
           restaurant=("string", "Restaurant name"), guests=("integer", "Number of guests"))
LENGTH = fn("convert_length", "Convert a length between units.",
            value=("number", "The length"), unit=("string", "Target unit"))
QUOTE = fn("stock_quote", "Latest price of a stock ticker.", ticker=("string", "Ticker symbol"))
REMIND = fn("set_reminder", "Create a reminder.",
            text=("string", "What to remember"), minutes=("integer", "Minutes from now"))
SAMPLES = [
    Sample("a", [TABLE, QUOTE], [Message("user", "Book a table for 4 at Luigi's.")],
           [ToolCall("reserve_table", {"restaurant": "Luigi's", "guests": 4})]),
    Sample("b", [LENGTH], [Message("user", "How much is 12.5 meters in feet?")],
           [ToolCall("convert_length", {"value": 12.5, "unit": "feet"})]),
    Sample("c", [QUOTE, REMIND], [Message("user", "What's the price of ACME stock right now?")],
           [ToolCall("stock_quote", {"ticker": "ACME"})]),
    Sample("d", [REMIND], [Message("user", "Remind me to call mom in 30 minutes.")],
           [ToolCall("set_reminder", {"text": "call mom", "minutes": 30})]),
]
TINY_YAML = """\
lora: false
lr: 3.0e-3
batch_size: 2
max_length: 512
lr_scheduler: constant
warmup_ratio: 0.0
save_steps: 0
logging_steps: 1
"""


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory, tokenizer, tiny_model):
    """The tiny model and the SmolLM2 tokenizer saved as a model directory."""
    path = tmp_path_factory.mktemp("tiny")
    tiny_model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture
def files(tmp_path):
    data = tmp_path / "train.jsonl"
    write_samples(SAMPLES, data, "toolace")
    config = tmp_path / "tiny.yaml"
    config.write_text(TINY_YAML)  # fields both commands share
    pairs = tmp_path / "pairs.jsonl"
    pair = PreferencePair(prompt_messages(SAMPLES[0]), "[reserve_table(restaurant=\"Luigi's\", ",
                          "guests=4)]", "guests=40)]", 1.0, -0.5, "a", 1)
    pairs.write_text(json.dumps(pair.to_dict()) + "\n")
    return {"data": data, "config": config, "pairs": pairs}


def test_warmup_command_trains_and_writes_a_model(tiny_dir, files, tmp_path, capsys):
    out = tmp_path / "warm"
    code = main(["warmup", "--model", str(tiny_dir), "--data", str(files["data"]),
                 "--out", str(out), "--config", str(files["config"]), "--max-steps", "2"])
    assert code == 0
    assert f"wrote {out} (4 samples, 2 steps" in capsys.readouterr().out
    stats = json.loads((out / "training_stats.json").read_text())
    assert stats["optimizer_steps"] == 2 and stats["samples"] == 4
    assert (out / "config.json").is_file() and (out / "tokenizer.json").is_file()
    resolved = (out / "training_config.yaml").read_text()
    assert "lr: 0.003" in resolved and "max_steps: 2" in resolved  # file, then flag

    # A finished model is not overwritten by accident.
    again = ["warmup", "--model", str(tiny_dir), "--data", str(files["data"]), "--out", str(out),
             "--config", str(files["config"]), "--max-steps", "1"]
    assert main(again) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert main([*again, "--overwrite"]) == 0


def test_optimize_command_trains_on_pairs(tiny_dir, files, tmp_path, capsys):
    out = tmp_path / "pref"
    code = main(["optimize", "--model", str(tiny_dir), "--pairs", str(files["pairs"]),
                 "--out", str(out), "--config", str(files["config"]), "--loss", "dpo",
                 "--max-steps", "1"])
    assert code == 0
    stats = json.loads((out / "training_stats.json").read_text())
    assert (stats["loss"], stats["beta"], stats["pairs"]) == ("dpo", 0.1, 1)
    assert "1 pairs, 1 steps" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["warmup", "optimize"])
def test_lora_with_gradient_checkpointing_still_learns(tiny_dir, files, tmp_path, command):
    """How the paper preset fits an 8B model on one GPU: LoRA adapters on a frozen base,
    activations recomputed in the backward pass. The frozen base must still carry the
    gradient back to the adapters, or the loss never moves."""
    source = (["--data", str(files["data"])] if command == "warmup"
              else ["--pairs", str(files["pairs"]), "--loss", "simpo"])
    out = tmp_path / command
    code = main([command, "--model", str(tiny_dir), *source, "--out", str(out),
                 "--config", str(files["config"]), "--lora", "--gradient-checkpointing",
                 "--max-steps", "3"])
    assert code == 0
    stats = json.loads((out / "training_stats.json").read_text())
    assert stats["lora"] and stats["optimizer_steps"] == 3
    assert stats["final_loss"] < stats["first_loss"]


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--config", "{dir}/bad.yaml"], "{dir}/bad.yaml: unknown key 'lrr' (did you mean 'lr'?)"),
        (["--lr", "fast"], "command line: lr: expected a number, got 'fast'"),
        (["--order", "random"], "command line: order: 'random' is not one of"),
        (["--config", "no-such-preset"], "config 'no-such-preset' is neither a file nor a preset"),
    ],
)
def test_configuration_mistakes_are_one_line_errors(files, tmp_path, capsys, extra, message):
    (tmp_path / "bad.yaml").write_text("lrr: 1\n")
    extra = [e.format(dir=tmp_path) for e in extra]
    message = message.format(dir=tmp_path)
    code = main(["warmup", "--data", str(files["data"]), "--out", str(tmp_path / "o"), *extra])
    assert code == 1
    err = capsys.readouterr().err
    assert f"itool: error: {message}" in err and "Traceback" not in err


def test_missing_inputs_are_user_errors(tiny_dir, tmp_path, capsys):
    code = main(["optimize", "--model", str(tiny_dir), "--pairs", str(tmp_path / "none.jsonl"),
                 "--out", str(tmp_path / "o"), "--max-steps", "1"])
    assert code == 1 and "cannot read pairs file" in capsys.readouterr().err


def test_default_model_gets_the_cpu_preset_unless_a_config_is_given(files, capsys):
    parser = build_parser()
    args = parser.parse_args(["warmup", "--data", "x", "--out", "y", "--lr", "1e-5"])
    config = resolve_config(args, WarmupConfig, "warmup")
    assert "'warmup-cpu' preset" in capsys.readouterr().err
    assert config.lora is False and config.max_length == 768 and config.lr == 1e-5
    args = parser.parse_args(["optimize", "--pairs", "x", "--out", "y",
                              "--config", str(files["config"])])
    config = resolve_config(args, PreferenceConfig, "optimize")
    assert config.lr == 3e-3 and config.grad_accum == 16  # file, then 8B defaults


@pytest.mark.slow
def test_a_few_sft_steps_teach_the_default_model_to_call(tmp_path):
    """The untouched default model answers in prose. After three full fine-tuning
    steps on four samples it calls a function it never saw, in parseable syntax."""
    import torch

    from itool.codec import parse_calls
    from itool.model.load import load_model
    from itool.model.prompt import render_prompt
    from itool.train.sft import warmup

    model, tokenizer = load_model("default", device="cpu")
    config = WarmupConfig(
        lora=False, lr=1e-4, epochs=3, batch_size=4, grad_accum=1, max_length=512,
        lr_scheduler="constant", warmup_ratio=0.0, save_steps=0, logging_steps=1,
        order="file", precision="fp32",
    )
    stats = warmup(model, tokenizer, SAMPLES, tmp_path / "m", config)
    assert stats["optimizer_steps"] == 3 and stats["final_loss"] < stats["first_loss"]

    weather = fn("city_weather", "Current weather in a city.", city=("string", "City name"))
    unseen = Sample("t", [weather], [Message("user", "What's the weather like in Oslo?")], [])
    inputs = tokenizer(render_prompt(unseen, tokenizer), return_tensors="pt",
                       add_special_tokens=False)
    model.eval()
    with torch.no_grad():
        output = model.generate(**inputs, max_new_tokens=24, do_sample=False)
    text = tokenizer.decode(output[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
    calls = parse_calls(text)
    assert [c.name for c in calls] == ["city_weather"], text
    assert list(calls[0].arguments) == ["city"], text
