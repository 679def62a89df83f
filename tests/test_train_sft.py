"""Warmup SFT, trained for real on a tiny random Llama with the SmolLM2 tokenizer."""

from __future__ import annotations

import copy
import json

import pytest
import torch
from torch.utils.data import RandomSampler, SequentialSampler
from transformers import AutoModelForCausalLM, TrainerCallback

from itool.config import load_config
from itool.data.curriculum import cut_stages, score
from itool.errors import UserError
from itool.model.prompt import render_prompt, target_text
from itool.records import FunctionSpec, Message, Sample, ToolCall
from itool.train.runner import CONFIG_FILE, STATS_FILE
from itool.train.sft import (
    WarmupConfig,
    build_sft_trainer,
    order_samples,
    sft_examples,
    skipped_by_category,
    stage_rates,
    warmup,
)

LAMP = FunctionSpec(
    "set_lamp",
    "Switch a lamp on or off.",
    {
        "type": "object",
        "properties": {"room": {"type": "string"}, "on": {"type": "boolean"}},
        "required": ["room", "on"],
    },
)


def sample(i: int, calls: int = 1, room: str | None = None) -> Sample:
    """A lamp request; more calls (and a longer request) make it harder."""
    rooms = [room or f"room {i}"] + [f"room {i}.{k}" for k in range(1, calls)]
    return Sample(
        id=f"s{i}",
        tools=[LAMP],
        messages=[Message("user", "Turn on the lamp in " + " and ".join(rooms) + ".")],
        target=[ToolCall("set_lamp", {"room": r, "on": True}) for r in rooms],
    )


def tiny_config(**overrides) -> WarmupConfig:
    """Fast settings for the tiny model: big steps, no schedule, no checkpoints."""
    values = dict(
        lora=False, lr=3e-2, epochs=1, batch_size=2, grad_accum=1, max_length=512,
        lr_scheduler="constant", warmup_ratio=0.0, save_steps=0, logging_steps=1,
        order="file", precision="fp32",
    )
    values.update(overrides)
    return WarmupConfig(**values)


def stage_index(ordered: list[Sample]) -> list[int]:
    stages = list(cut_stages(ordered).values())
    return [next(k for k, st in enumerate(stages) if s in st) for s in ordered]


def test_curriculum_goes_easy_to_hard_and_shuffles_only_within_a_stage():
    samples = [sample(i, calls) for i, calls in enumerate([3, 1, 2, 1, 3, 2, 1, 2, 3])]
    ordered = order_samples(samples, "curriculum", seed=1)
    assert sorted(s.id for s in ordered) == sorted(s.id for s in samples)
    stages = stage_index(ordered)
    assert stages == sorted(stages) and set(stages) == {0, 1, 2}
    scores = [score(s) for s in ordered]
    for k in (0, 1):  # every sample of a stage is at most as hard as any of the next
        assert max(x for x, st in zip(scores, stages, strict=True) if st == k) < min(
            x for x, st in zip(scores, stages, strict=True) if st == k + 1
        )
    # Within a stage the order depends on the seed; the stage sequence never does.
    orders = {tuple(s.id for s in order_samples(samples, "curriculum", seed=n)) for n in range(6)}
    assert len(orders) > 1
    assert all(stage_index(order_samples(samples, "curriculum", seed=n)) == stages for n in range(6))


def test_rehearsal_moves_a_third_of_the_easier_stages_into_the_last():
    samples = [sample(i, 1 + i % 3) for i in range(30)]  # 10 samples in each stage
    ordered = order_samples(samples, "rehearsal", seed=2)
    assert sorted(s.id for s in ordered) == sorted(s.id for s in samples)  # each once
    stages = stage_index(ordered)
    # easy: 7 of 10, then medium: 7 of 10, then the 10 hard and the 6 held back, mixed
    assert stages[:7] == [0] * 7 and stages[7:14] == [1] * 7
    assert sorted(stages[14:]) == [0] * 3 + [1] * 3 + [2] * 10
    assert stages[14:] != sorted(stages[14:])  # shuffled together, not appended
    means = [sum(stages[a:b]) / (b - a) for a, b in ((0, 7), (7, 14), (14, 30))]
    assert means == sorted(means)  # still easy to hard on average


def test_shuffle_and_file_orders():
    samples = [sample(i) for i in range(20)]
    assert order_samples(samples, "file") == samples
    shuffled = order_samples(samples, "shuffle", seed=0)
    assert shuffled != samples and sorted(s.id for s in shuffled) == sorted(s.id for s in samples)
    with pytest.raises(UserError, match="unknown sample order"):
        order_samples(samples, "random")


def test_only_response_tokens_are_labelled(tokenizer, tiny_model, tmp_path):
    samples = [sample(0, room="kitchen"), sample(1, room="a much longer room name here")]
    dataset, skipped = sft_examples(samples, tokenizer, max_length=512)
    assert skipped == []
    trainer = build_sft_trainer(
        copy.deepcopy(tiny_model), tokenizer, dataset, tiny_config(), tmp_path
    )
    for row, s in zip(trainer.train_dataset, samples, strict=True):
        prompt_len = len(tokenizer(render_prompt(s, tokenizer), add_special_tokens=False)["input_ids"])
        labels = row["labels"]
        assert labels[:prompt_len] == [-100] * prompt_len
        assert labels[prompt_len:] == row["input_ids"][prompt_len:]
        assert tokenizer.decode(labels[prompt_len:]) == target_text(s) + "<|im_end|>\n"

    # After collation too: padding is ignored, but the end-of-turn token (the same id
    # as padding for SmolLM2) is still a label of the shorter sequence.
    batch = next(iter(trainer.get_train_dataloader()))
    assert tokenizer.pad_token_id == tokenizer.eos_token_id
    short = int(batch["attention_mask"][0].sum())
    assert short < batch["input_ids"].shape[1]
    assert batch["labels"][0, short:].eq(-100).all()
    assert batch["labels"][0, short - 2].item() == tokenizer.eos_token_id  # <|im_end|> then "\n"


def test_curriculum_order_reaches_the_trainer_unshuffled(tokenizer, tiny_model, tmp_path):
    samples = [sample(i, calls) for i, calls in enumerate([3, 1, 2, 1, 1, 3])]
    config = tiny_config(order="curriculum", batch_size=2)
    ordered = order_samples(samples, "curriculum", config.seed)
    dataset, _ = sft_examples(ordered, tokenizer, config.max_length)
    trainer = build_sft_trainer(copy.deepcopy(tiny_model), tokenizer, dataset, config, tmp_path)

    sampler = trainer._get_train_sampler()
    assert isinstance(sampler, SequentialSampler)
    assert list(sampler) == list(range(len(samples)))
    seen = []
    for batch in trainer.get_train_dataloader():
        for ids, mask in zip(batch["input_ids"], batch["attention_mask"], strict=True):
            seen.append(ids[mask.bool()].tolist())
    assert seen == [row["input_ids"] for row in dataset]
    assert [score(s) for s in ordered] != [score(s) for s in samples]
    assert stage_index(ordered) == sorted(stage_index(ordered))

    shuffled = build_sft_trainer(
        copy.deepcopy(tiny_model), tokenizer, dataset, tiny_config(order="shuffle"), tmp_path
    )
    assert isinstance(shuffled._get_train_sampler(), RandomSampler)


def test_warmup_lowers_the_loss_and_exports_a_loadable_model(tokenizer, tiny_model, tmp_path):
    model = copy.deepcopy(tiny_model)
    samples = [sample(0, room="kitchen"), sample(1, room="garage")]
    config = tiny_config(epochs=4)
    out = tmp_path / "model"
    stats = warmup(model, tokenizer, samples, out, config)

    assert stats["optimizer_steps"] == 4 and stats["samples"] == 2
    assert stats["final_loss"] < 0.7 * stats["first_loss"]
    # Every step reads both samples in full (no padding counted).
    assert stats["tokens"] == 4 * stats["dataset_tokens"]
    assert json.loads((out / STATS_FILE).read_text()) == stats
    assert load_config(WarmupConfig, out / CONFIG_FILE) == config
    assert not (out / "checkpoints").exists()
    assert any((out / "logs").rglob("events.out.tfevents.*"))

    reloaded = AutoModelForCausalLM.from_pretrained(out)
    ids = tokenizer(render_prompt(samples[0], tokenizer), return_tensors="pt")["input_ids"]
    model.eval()
    with torch.no_grad():
        assert torch.allclose(reloaded(ids).logits, model(ids).logits, atol=1e-5)
        before = copy.deepcopy(tiny_model)(ids).logits
    assert not torch.allclose(reloaded(ids).logits, before, atol=1e-3)
    generated = reloaded.generate(ids, max_new_tokens=4, do_sample=False)
    assert generated.shape[1] > ids.shape[1]


def test_lora_export_is_a_plain_model_with_adapters_merged(tokenizer, tiny_model, tmp_path):
    out = tmp_path / "lora"
    config = tiny_config(lora=True, lora_r=4, lora_alpha=8, lora_dropout=0.0, epochs=3,
                         lora_targets=["q_proj", "v_proj"])
    stats = warmup(copy.deepcopy(tiny_model), tokenizer, [sample(0), sample(1)], out, config)
    assert stats["lora"] is True and stats["optimizer_steps"] == 3
    assert not (out / "adapter_config.json").exists()

    reloaded = AutoModelForCausalLM.from_pretrained(out)
    names = list(reloaded.state_dict())
    assert names and not any("lora" in n for n in names)
    base = tiny_model.state_dict()
    merged = reloaded.state_dict()
    q = "model.layers.0.self_attn.q_proj.weight"
    assert not torch.allclose(merged[q], base[q])  # adapter merged into the weight
    k = "model.layers.0.self_attn.k_proj.weight"
    assert torch.equal(merged[k], base[k])  # not a LoRA target: untouched
    assert torch.equal(merged["model.embed_tokens.weight"], base["model.embed_tokens.weight"])


def test_checkpoint_then_resume(tokenizer, tiny_model, tmp_path):
    out = tmp_path / "resumed"
    samples = [sample(0), sample(1)]
    first = tiny_config(epochs=10, max_steps=2, save_steps=2, keep_checkpoints=True)
    warmup(copy.deepcopy(tiny_model), tokenizer, samples, out, first)
    assert (out / "checkpoints" / "checkpoint-2").is_dir()
    stats = warmup(
        copy.deepcopy(tiny_model), tokenizer, samples, out,
        tiny_config(epochs=10, max_steps=3, resume=True),
    )
    assert stats["resumed_from"].endswith("checkpoint-2")
    assert stats["optimizer_steps"] == 3
    assert not (out / "checkpoints").exists()
    straight = warmup(copy.deepcopy(tiny_model), tokenizer, samples, tmp_path / "straight",
                      tiny_config(epochs=10, max_steps=3))
    assert stats["tokens"] == straight["tokens"] > 0  # the steps before the resume count too


def test_samples_longer_than_max_length_are_skipped_not_truncated(tokenizer):
    short, long = sample(0, room="hall"), sample(1, room="x " * 300)
    dataset, skipped = sft_examples([short, long], tokenizer, max_length=400)
    assert skipped == ["s1"] and dataset["sample_id"] == ["s0"]
    with pytest.raises(UserError, match="no sample fits"):
        sft_examples([long], tokenizer, max_length=400)


def test_skipped_samples_are_counted_per_category_most_first(tokenizer):
    """The long samples are the hard ones: the count shows what a cap takes away."""
    samples = [sample(0), sample(1, calls=3, room="x " * 300), sample(2, room="y " * 300),
               sample(3, calls=2, room="z " * 300)]
    _, skipped = sft_examples(samples, tokenizer, max_length=400)
    assert skipped == ["s1", "s2", "s3"]
    counts = skipped_by_category(samples, skipped)
    assert counts == {"parallel": 2, "simple": 1}
    assert list(counts) == ["parallel", "simple"]


class RateLog(TrainerCallback):
    """The learning rate of every optimiser step, as the trainer applies it."""

    def __init__(self):
        self.rates = []

    def on_step_begin(self, args, state, control, optimizer=None, **kwargs):
        self.rates.append(optimizer.param_groups[0]["lr"])


@pytest.mark.parametrize("schedule", ["cosine", "constant_with_warmup"])
def test_stage_rates_match_the_rates_the_trainer_applies(tokenizer, tiny_model, tmp_path, schedule):
    samples = [sample(i, 1 + i % 3) for i in range(12)]  # 4 samples in each stage
    config = tiny_config(order="curriculum", lr=1e-3, lr_scheduler=schedule, warmup_ratio=0.2,
                         batch_size=2, grad_accum=1)
    ordered = order_samples(samples, "curriculum", config.seed)
    dataset, _ = sft_examples(ordered, tokenizer, config.max_length)
    trainer = build_sft_trainer(copy.deepcopy(tiny_model), tokenizer, dataset, config, tmp_path)
    log = RateLog()
    trainer.add_callback(log)
    trainer.train()

    stages = dict(zip([s.id for s in ordered], stage_index(ordered), strict=True))
    names = ["easy", "medium", "hard"]
    expected = {}
    for step, rate in enumerate(log.rates):  # step k reads samples 2k and 2k + 1
        for sample_id in dataset["sample_id"][2 * step:2 * step + 2]:
            expected.setdefault(names[stages[sample_id]], []).append(rate / config.lr)
    got = stage_rates(dataset["sample_id"], {i: names[k] for i, k in stages.items()}, config)
    assert list(got) == names
    for name in names:
        assert got[name] == pytest.approx(sum(expected[name]) / len(expected[name]), abs=1e-3)
    if schedule == "cosine":  # the hard stage comes last, where the cosine nears 0
        assert got["hard"] < 0.5 < got["medium"]
    else:
        assert got["hard"] == 1.0 and got["easy"] < 1.0  # the ramp is in the easy stage
