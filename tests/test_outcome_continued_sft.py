"""The continued_sft arm of benchmarks/outcome.py: itool's warmup model trained
further by SFT on exactly the samples the sft arm draws past the warmup's, at the
rounds' learning rate. The runner's draws are nested, so those samples are the tail of
the larger draw, none of them in the warmup's; the arm's training is real (a tiny
random model with the real tokenizer)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from conftest import ROOT, load_benchmark
from itool.data.generate import generate
from itool.errors import UserError
from itool.loop.config import resolve_run_config
from itool.loop.run import run
from itool.loop.stages import samples_past_warmup, warmup_samples


@pytest.fixture(scope="module")
def outcome():
    return load_benchmark("outcome")


@pytest.fixture(scope="module")
def config():
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed3.yaml")
    return replace(trial, data=replace(trial.data, warmup_limit=40))


def test_the_extra_samples_are_the_larger_draw_past_the_warmup(config):
    train = generate(200, seed=3)
    extra = samples_past_warmup(config, train, 55)
    warmup = {s.id for s in warmup_samples(config, train)}
    larger = replace(config, data=replace(config.data, warmup_limit=55))
    assert len(extra) == 15 and not warmup & {s.id for s in extra}
    assert warmup | {s.id for s in extra} == {s.id for s in warmup_samples(larger, train)}


def test_a_draw_no_larger_than_the_warmup_s_is_refused(config):
    with pytest.raises(UserError, match="does not extend the warmup's 40"):
        samples_past_warmup(config, generate(200, seed=3), 40)


@pytest.fixture(scope="module")
def itool_arm(tmp_path_factory, tiny_model, tokenizer):
    """A real itool arm's data and warmup (no rounds, no BFCL) from a tiny random model,
    and its run config."""
    start = tmp_path_factory.mktemp("tiny-start")
    tiny_model.save_pretrained(start)
    tokenizer.save_pretrained(start)
    config = resolve_run_config(overrides={
        "model": str(start), "max_rounds": 0, "semantic": "lexical",
        "data": {"generate": 24, "dev_fraction": 0.2, "dev_limit": 2, "warmup_limit": 4},
        "warmup": {"lora": False, "batch_size": 2, "grad_accum": 1, "max_steps": 1,
                   "save_steps": 0, "logging_steps": 1, "max_length": 1024},
        "optimize": {"lr": 3.0e-6},
        "eval": {"max_new_tokens": 4, "bfcl": False},
    })
    out_dir = tmp_path_factory.mktemp("outcome")
    run(config, out_dir / "itool", log=lambda line: None)
    return config, out_dir / "itool"


def copy_with_a_round(itool_arm, out_dir, round_tokens_per_warmup_token: float) -> int:
    """The itool arm copied into ``out_dir`` with a round's optimiser tokens added to its
    manifest, so that the sft budget draws more than the warmup; its warmup's tokens."""
    shutil.copytree(itool_arm[1], out_dir / "itool")
    path = out_dir / "itool/manifest.json"
    manifest = json.loads(path.read_text())
    tokens = manifest["stages"]["warmup"]["summary"]["tokens"]
    manifest["stages"]["round_1/optimize"] = {
        "state": "done", "seconds": 1,
        "summary": {"tokens": round(tokens * round_tokens_per_warmup_token)}}
    path.write_text(json.dumps(manifest))
    return tokens


def test_continued_sft_trains_the_warmup_model_on_the_sft_draw_past_the_warmup(
        outcome, tmp_path, itool_arm, capsys):
    config = itool_arm[0]
    warmup_tokens = copy_with_a_round(itool_arm, tmp_path, 1.0)
    draw = outcome.sft_budget(tmp_path / "itool", config)[0]
    assert draw > 4
    outcome.train_arm("continued_sft", config, tmp_path)

    arm = tmp_path / "continued_sft"
    manifest = json.loads((arm / "manifest.json").read_text())
    summary = manifest["stages"]["warmup"]["summary"]
    assert manifest["status"] == "finished"
    assert outcome.arm_model("continued_sft", tmp_path, config) == arm / "warmup/model"
    assert (arm / "warmup/model/model.safetensors").is_file()
    # the samples past the warmup's, fewer if some are longer than max_length
    assert 0 < summary["samples"] <= draw - 4 and summary["tokens"] > 0
    # the rounds' rate; the arm's cost includes the warmup it starts from
    assert resolve_run_config(arm / "config.yaml").warmup.lr == 3.0e-6
    assert outcome.arm_tokens("continued_sft", tmp_path) == warmup_tokens + summary["tokens"]

    capsys.readouterr()
    outcome.train_arm("continued_sft", config, tmp_path)
    assert "[warmup] done before, skipped" in capsys.readouterr().out


def test_continued_sft_refuses_a_budget_that_needs_the_whole_pool_again(
        outcome, tmp_path, itool_arm):
    copy_with_a_round(itool_arm, tmp_path, 10.0)
    with pytest.raises(UserError, match="no samples are left past the warmup's"):
        outcome.train_arm("continued_sft", itool_arm[0], tmp_path)
    assert not (tmp_path / "continued_sft").exists()
