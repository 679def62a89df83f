"""benchmarks/optimize_sweep.py's bookkeeping: how a --setting changes the optimize
config and names its directory, and the per-kind dev change (the training and the dev
evaluation themselves are itool's, tested in test_train_preference.py and
test_loop_run.py)."""

from __future__ import annotations

import pytest

from conftest import load_benchmark
from itool.train.preference import PreferenceConfig


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("optimize_sweep")


def test_setting_changes_optimize_fields_and_picks_pairs(bench):
    base = PreferenceConfig(lr=2e-5, epochs=1.0, sft_weight=1.0)
    changes, config, pairs = bench.parse_setting("lr=5e-5,epochs=3,pairs=calls", base)
    assert changes == {"lr": "5e-5", "epochs": 3, "pairs": "calls"}
    assert (config.lr, config.epochs, config.sft_weight, pairs) == (5e-5, 3.0, 1.0, "calls")
    assert bench.parse_setting("loss=dpo", base)[1:] == (PreferenceConfig(
        lr=2e-5, epochs=1.0, sft_weight=1.0, loss="dpo"), "all")
    assert bench.slug(changes) == "lr-5e-5_epochs-3_pairs-calls" and bench.slug({}) == "config"


@pytest.mark.parametrize("text, message", [
    ("lr", "field=value"), ("pairs=text", "pairs is one of"),
    ("learning_rate=1", "unknown key 'learning_rate'"), ("loss=kto", "not one of"),
])
def test_bad_settings_are_named(bench, text, message):
    with pytest.raises(SystemExit, match=message):
        bench.parse_setting(text, PreferenceConfig())


def test_kinds_gain_is_the_change_per_shared_kind(bench):
    before = {"kinds": {"call": -0.282, "text": -0.983}}
    after = {"kinds": {"call": -0.254, "text": -0.984, "other": 1.0}}
    assert bench.kinds_gain(before, after) == {"call": 0.028, "text": -0.001}
