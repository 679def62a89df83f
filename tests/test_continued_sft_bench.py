"""benchmarks/continued_sft.py continues the warmup on exactly the samples the sft arm
drew past it: the runner's draws are nested, so the extra samples are the tail of the
larger draw, none of them in the warmup's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import ROOT, load_benchmark
from itool.data.generate import generate
from itool.errors import UserError
from itool.loop.config import resolve_run_config
from itool.loop.stages import warmup_samples

continued_sft = load_benchmark("continued_sft")


@pytest.fixture(scope="module")
def config():
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed3.yaml")
    return replace(trial, data=replace(trial.data, warmup_limit=40))


def test_the_extra_samples_are_the_larger_draw_past_the_warmup(config):
    train = generate(200, seed=3)
    extra = continued_sft.samples_past_warmup(config, train, 55)
    warmup = {s.id for s in warmup_samples(config, train)}
    larger = replace(config, data=replace(config.data, warmup_limit=55))
    assert len(extra) == 15 and not warmup & {s.id for s in extra}
    assert warmup | {s.id for s in extra} == {s.id for s in warmup_samples(larger, train)}


def test_a_draw_no_larger_than_the_warmup_s_is_refused(config):
    with pytest.raises(UserError, match="does not extend the warmup's 40"):
        continued_sft.samples_past_warmup(config, generate(200, seed=3), 40)
