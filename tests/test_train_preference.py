"""DPO, IPO and SimPO, trained for real on a tiny random Llama with the SmolLM2
tokenizer, and the pairs -> dataset converter the search stage relies on."""

from __future__ import annotations

import copy
import json

import pytest
import torch
from transformers import AutoModelForCausalLM

from itool.errors import DataError, UserError
from itool.model.prompt import prompt_messages, render_messages
from itool.records import FunctionSpec, Message, PreferencePair, Sample, ToolCall
from itool.train.preference import (
    PreferenceConfig,
    build_preference_trainer,
    fragment_finishes,
    optimize,
    pairs_to_dataset,
    read_pairs,
)

TIMER = FunctionSpec(
    "start_timer",
    "Start a kitchen timer.",
    {"type": "object", "properties": {"minutes": {"type": "integer"}}, "required": ["minutes"]},
)
SAMPLE = Sample(
    "t1", [TIMER], [Message("user", "Set a timer for 12 minutes.")],
    [ToolCall("start_timer", {"minutes": 12})],
)


def pair(prefix: str, chosen: str, rejected: str, **extra) -> PreferencePair:
    return PreferencePair(
        prompt=prompt_messages(SAMPLE), prefix=prefix, chosen=chosen, rejected=rejected,
        chosen_value=1.0, rejected_value=-0.6, sample_id=SAMPLE.id, round=1, **extra,
    )


FINISHING = pair("[start_timer(", "minutes=12)]", "seconds=12)]")  # ends the response
MIDDLE = pair("[start_timer(minutes=", "12", "7")  # a step in the middle of the call
PAIRS = [FINISHING, MIDDLE]


def tiny_config(loss: str, **overrides) -> PreferenceConfig:
    values = dict(
        loss=loss, lora=False, lr=3e-3, epochs=1, batch_size=2, grad_accum=1,
        max_length=512, lr_scheduler="constant", warmup_ratio=0.0, save_steps=0,
        logging_steps=1, precision="fp32",
    )
    values.update(overrides)
    return PreferenceConfig(**values)


def continuation_logprobs(model, prompt_ids: list[int], ids: list[int]) -> torch.Tensor:
    """log p of each token of ``ids`` given ``prompt_ids`` and the tokens before it."""
    whole = prompt_ids + ids
    with torch.no_grad():
        logits = model(torch.tensor([whole])).logits[0, :-1].log_softmax(-1)
    picked = logits.gather(1, torch.tensor(whole[1:])[:, None])[:, 0]
    return picked[len(prompt_ids) - 1:]


def fragment_logprob(model, tokenizer, prompt: str, fragment: str) -> float:
    """Sum of log p(fragment tokens | prompt) under ``model``."""
    def encode(text: str) -> list[int]:
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    return float(continuation_logprobs(model, encode(prompt), encode(fragment)).sum())


def margin(model, tokenizer, p: PreferencePair) -> float:
    prompt = render_messages(p.prompt, tokenizer) + p.prefix
    return fragment_logprob(model, tokenizer, prompt, p.chosen) - fragment_logprob(
        model, tokenizer, prompt, p.rejected
    )


def test_pairs_become_templated_prompt_plus_prefix_and_fragments(tokenizer):
    recorded = pair("[start_timer(", "minutes=12", "seconds=12", chosen_finishes=True,
                    rejected_finishes=False)
    data = pairs_to_dataset([FINISHING, MIDDLE, recorded], tokenizer)
    rows = list(data)
    templated = render_messages(prompt_messages(SAMPLE), tokenizer)
    assert templated.endswith("<|im_start|>assistant\n")
    assert rows[1]["prompt"] == templated + "[start_timer(minutes="
    assert (rows[1]["chosen"], rows[1]["rejected"]) == ("12", "7")
    assert rows[0]["chosen_finishes"] and rows[0]["rejected_finishes"]
    assert not rows[1]["chosen_finishes"] and not rows[1]["rejected_finishes"]
    # What the search recorded wins over the guess from the text.
    assert rows[2]["chosen_finishes"] is True and rows[2]["rejected_finishes"] is False
    assert rows[1]["sample_id"] == "t1" and rows[1]["chosen_value"] == 1.0


def test_train_prefix_moves_the_shared_prefix_into_both_sides(tokenizer, tiny_model, tmp_path):
    """With ``train_prefix`` the loss covers the whole response: the prompt stops at the
    assistant-turn opening, each side starts with the prefix, and what the sides'
    ending says is unchanged; the trainer then trains the prefix's tokens."""
    templated = render_messages(prompt_messages(SAMPLE), tokenizer)
    plain, moved = (list(pairs_to_dataset([MIDDLE], tokenizer, train_prefix=flag))[0]
                    for flag in (False, True))
    assert moved["prompt"] == templated
    assert (moved["chosen"], moved["rejected"]) == ("[start_timer(minutes=12", "[start_timer(minutes=7")
    for key in ("chosen_finishes", "rejected_finishes", "sample_id", "chosen_value"):
        assert moved[key] == plain[key]

    data = pairs_to_dataset([MIDDLE], tokenizer, train_prefix=True)
    (row,) = build_preference_trainer(
        copy.deepcopy(tiny_model), tokenizer, data, tiny_config("nll"), tmp_path
    ).train_dataset
    assert tokenizer.decode(row["chosen_ids"]) == "[start_timer(minutes=12"


@pytest.mark.parametrize(
    "prefix, fragment, finishes",
    [
        ("[f(", "a=1)]", True),
        ("[f(", "a=1, ", False),
        ("[f(a=1), ", "g(b=2)]", True),
        ("", "[f(a=1)", False),
        ("", "No function here can book flights.", True),
        ("```\n[f(", "a=1)]\n```", True),
    ],
)
def test_fragment_finishes(prefix, fragment, finishes):
    assert fragment_finishes(prefix, fragment) is finishes


@pytest.mark.parametrize("loss, ids_column", [("dpo", "chosen_ids"), ("simpo", "chosen_input_ids")])
def test_only_finishing_fragments_end_with_the_end_token(tokenizer, tiny_model, tmp_path, loss,
                                                         ids_column):
    trainer = build_preference_trainer(
        copy.deepcopy(tiny_model), tokenizer, pairs_to_dataset(PAIRS, tokenizer),
        tiny_config(loss), tmp_path,
    )
    eos = tokenizer.eos_token_id
    finishing, middle = trainer.train_dataset
    for side in ("chosen", "rejected"):
        column = ids_column.replace("chosen", side)
        assert finishing[column][-1] == eos
        assert middle[column][-1] != eos
        assert tokenizer.decode(middle[column]).endswith(getattr(MIDDLE, side))
        if loss == "simpo":  # labels and mask stay aligned with the ids
            for key in (f"{side}_labels", f"{side}_attention_mask"):
                assert len(middle[key]) == len(middle[column])


@pytest.mark.parametrize("loss, steps", [("simpo", 3), ("dpo", 3), ("ipo", 2)])
def test_training_lowers_the_loss_and_prefers_chosen(tokenizer, tiny_model, tmp_path, loss, steps):
    model = copy.deepcopy(tiny_model)
    out = tmp_path / loss
    stats = optimize(model, tokenizer, PAIRS, out, tiny_config(loss, epochs=steps))
    assert stats["optimizer_steps"] == steps and stats["pairs"] == 2 and stats["loss"] == loss
    assert stats["final_loss"] < stats["first_loss"]
    assert stats["tokens"] > 0

    reloaded = AutoModelForCausalLM.from_pretrained(out).eval()
    for p in PAIRS:
        assert margin(reloaded, tokenizer, p) > margin(tiny_model, tokenizer, p) + 0.5
    prompt = render_messages(prompt_messages(SAMPLE), tokenizer)
    ids = tokenizer(prompt, return_tensors="pt")["input_ids"]
    assert reloaded.generate(ids, max_new_tokens=3, do_sample=False).shape[1] > ids.shape[1]
    assert json.loads((out / "training_stats.json").read_text())["beta"] == stats["beta"]


def test_dpo_reference_is_a_frozen_copy_or_the_adapters_switched_off(tokenizer, tiny_model,
                                                                    tmp_path):
    data = pairs_to_dataset(PAIRS, tokenizer)
    model = copy.deepcopy(tiny_model)
    full = build_preference_trainer(model, tokenizer, data, tiny_config("dpo"), tmp_path)
    assert full.ref_model is not None and full.ref_model is not full.model
    name = "model.layers.0.mlp.up_proj.weight"
    assert torch.equal(full.ref_model.state_dict()[name], model.state_dict()[name])

    lora = build_preference_trainer(
        copy.deepcopy(tiny_model), tokenizer, data, tiny_config("dpo", lora=True), tmp_path
    )
    assert lora.ref_model is None  # TRL disables the adapters to get the reference


def test_lora_dpo_exports_a_merged_plain_model(tokenizer, tiny_model, tmp_path):
    out = tmp_path / "lora"
    optimize(copy.deepcopy(tiny_model), tokenizer, PAIRS, out,
             tiny_config("dpo", lora=True, lora_dropout=0.0))
    assert not (out / "adapter_config.json").exists()
    reloaded = AutoModelForCausalLM.from_pretrained(out)
    assert not any("lora" in name for name in reloaded.state_dict())
    assert margin(reloaded, tokenizer, MIDDLE) != pytest.approx(margin(tiny_model, tokenizer, MIDDLE))


def test_read_pairs_reports_file_and_line(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(FINISHING.to_dict()) + "\n\n" + '{"prompt": []}\n' + "not json\n")
    with pytest.raises(DataError) as err:
        read_pairs(path)
    where = [w for w, _ in err.value.problems]
    assert where == [f"{path}:3", f"{path}:4"]
    path.write_text(json.dumps(FINISHING.to_dict()) + "\n")
    (only,) = read_pairs(path)
    assert only == FINISHING
    path.write_text("\n")
    with pytest.raises(UserError, match="no preference pairs"):
        read_pairs(path)
    with pytest.raises(UserError, match="cannot read pairs file"):
        read_pairs(tmp_path / "missing.jsonl")


def test_pairs_too_long_are_skipped(tokenizer, tiny_model, tmp_path):
    long = pair("[start_timer(minutes=", "12)]", "1" * 2000 + ")]")
    with pytest.raises(UserError, match="no pair fits"):
        optimize(copy.deepcopy(tiny_model), tokenizer, [long], tmp_path / "x",
                 tiny_config("simpo", max_length=600))


def first_loss(tokenizer, tiny_model, out, loss: str, weight: float) -> float:
    """The loss at the first step of a run too slow to move the weights."""
    stats = optimize(copy.deepcopy(tiny_model), tokenizer, PAIRS, out,
                     tiny_config(loss, lr=1e-9, sft_weight=weight))
    return stats["first_loss"]


def chosen_nll(tokenizer, tiny_model, out) -> float:
    """The mean NLL of the chosen tokens the DPO trainer trains on (both pairs form
    the one batch)."""
    trained = build_preference_trainer(
        copy.deepcopy(tiny_model), tokenizer, pairs_to_dataset(PAIRS, tokenizer),
        tiny_config("dpo"), out,
    ).train_dataset
    return -float(torch.cat([
        continuation_logprobs(tiny_model, row["prompt_ids"], row["chosen_ids"]) for row in trained
    ]).mean())


@pytest.mark.parametrize("loss", ["dpo", "ipo"])
def test_sft_weight_adds_the_chosen_side_nll_to_dpo_and_ipo(tokenizer, tiny_model, tmp_path, loss):
    """At the first step the policy equals its reference, so the preference loss is
    the same with and without the weight; what the weight adds is its share of the
    mean NLL of the chosen tokens."""
    nll = chosen_nll(tokenizer, tiny_model, tmp_path / "data")
    added = (first_loss(tokenizer, tiny_model, tmp_path / "nll", loss, 0.5)
             - first_loss(tokenizer, tiny_model, tmp_path / "plain", loss, 0.0))
    assert nll > 5  # a random model: about log(49,152) per token
    assert added == pytest.approx(0.5 * nll, rel=1e-3)


def test_the_nll_loss_is_the_chosen_side_nll_without_a_preference_term(
        tokenizer, tiny_model, tmp_path):
    """DPO's first-step loss is log 2 plus the weighted NLL; ``nll`` is the NLL alone,
    at weight 1 whatever ``sft_weight`` says, and training on it makes the chosen
    fragments likelier."""
    nll = chosen_nll(tokenizer, tiny_model, tmp_path / "data")
    assert first_loss(tokenizer, tiny_model, tmp_path / "a", "nll", 0.0) == pytest.approx(nll, rel=1e-3)
    assert first_loss(tokenizer, tiny_model, tmp_path / "b", "nll", 0.5) == pytest.approx(nll, rel=1e-3)

    out = tmp_path / "trained"
    stats = optimize(copy.deepcopy(tiny_model), tokenizer, PAIRS, out, tiny_config("nll", epochs=3))
    assert stats["loss"] == "nll" and stats["beta"] is None
    assert stats["final_loss"] < stats["first_loss"]
    reloaded = AutoModelForCausalLM.from_pretrained(out).eval()
    assert chosen_nll(tokenizer, reloaded, tmp_path / "after") < nll - 1.0


def test_simpo_s_trainer_comes_without_trl_s_experimental_notice():
    """SimPO runs on TRL's CPO trainer, which TRL keeps under ``trl.experimental``; the
    notice it prints on that import would be in every run's log. A fresh interpreter
    (the import warns once per process) that turns the notice into an error."""
    import subprocess
    import sys

    code = (
        "import warnings\n"
        "from trl.import_utils import TRLExperimentalWarning\n"
        "warnings.simplefilter('error', TRLExperimentalWarning)\n"
        "from itool.train.preference import simpo_trainer_classes\n"
        "config, trainer = simpo_trainer_classes()\n"
        "print(config.__name__, trainer.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["CPOConfig", "CPOTrainer"]


def test_the_simpo_trainer_is_built_without_trl_correcting_its_arguments(
        tokenizer, tiny_model, tmp_path, caplog):
    """TRL's CPO trainer switches ``remove_unused_columns`` off when it is on, and logs a
    warning saying so; itool's arguments already have it off."""
    with caplog.at_level("WARNING"):
        trainer = build_preference_trainer(
            copy.deepcopy(tiny_model), tokenizer, pairs_to_dataset(PAIRS, tokenizer),
            tiny_config("simpo"), tmp_path,
        )
    assert trainer.args.remove_unused_columns is False
    assert not [r for r in caplog.records if "remove_unused_columns" in r.getMessage()]
