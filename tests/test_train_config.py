"""Config dataclasses: YAML loading with validation, dumping, and command-line flags."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import pytest

from itool.config import (
    add_config_flags,
    config_overrides,
    dump_config,
    find_config,
    from_dict,
    load_config,
    option,
)
from itool.errors import UserError
from itool.train.preference import PreferenceConfig
from itool.train.sft import WarmupConfig


@dataclass
class Inner:
    lr: float = option(1e-3, "learning rate")
    steps: int = option(10, "how many steps")


@dataclass
class Outer:
    name: str = option("run", "a name")
    loss: str = option("simpo", "which loss", choices=("simpo", "dpo"))
    beta: float | None = option(None, "temperature; null for the loss default")
    targets: list[str] = option(["q", "v"], "modules")
    lora: bool = option(True, "use LoRA")
    inner: Inner = option(Inner(), "a nested section")


def write(tmp_path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    return path


def test_yaml_values_override_defaults_and_nested_sections_merge(tmp_path):
    path = write(tmp_path, "loss: dpo\ninner:\n  steps: 3\nbeta: 0.2\ntargets: [a]\n")
    cfg = load_config(Outer, path)
    assert cfg.loss == "dpo" and cfg.beta == 0.2 and cfg.targets == ["a"]
    assert cfg.inner == Inner(lr=1e-3, steps=3)  # unset nested key keeps its default
    assert Outer().targets == ["q", "v"]  # mutable defaults are not shared
    cfg.targets.append("x")
    assert Outer().targets == ["q", "v"]


def test_yaml_exponent_without_dot_is_a_float(tmp_path):
    # PyYAML reads "1e-5" as a string; float fields accept it anyway.
    cfg = load_config(Outer, write(tmp_path, "inner:\n  lr: 1e-5\n"))
    assert cfg.inner.lr == pytest.approx(1e-5) and isinstance(cfg.inner.lr, float)


def test_unknown_key_names_file_and_key_and_suggests(tmp_path):
    path = write(tmp_path, "los: dpo\n")
    with pytest.raises(UserError) as err:
        load_config(Outer, path)
    message = str(err.value)
    assert str(path) in message and "'los'" in message and "did you mean 'loss'" in message


def test_unknown_nested_key_is_reported_with_its_section(tmp_path):
    with pytest.raises(UserError, match=r"unknown key 'inner\.stepz'"):
        load_config(Outer, write(tmp_path, "inner:\n  stepz: 3\n"))


@pytest.mark.parametrize(
    "text, reason",
    [
        ("inner:\n  steps: 2.5\n", r"inner\.steps: expected an integer, got 2\.5"),
        ("inner:\n  steps: true\n", r"inner\.steps: expected an integer, got True"),
        ("lora: 1\n", r"lora: expected true or false, got 1"),
        ("name: 3\n", r"name: expected a string, got 3"),
        ("inner:\n  lr: fast\n", r"inner\.lr: expected a number, got 'fast'"),
        ("targets: q\n", r"targets: expected a list"),
        ("loss: ppo\n", r"loss: 'ppo' is not one of simpo, dpo"),
        ("inner: 3\n", r"inner must be a mapping"),
        ("- a\n- b\n", r"the top level must be a mapping"),
    ],
)
def test_wrong_types_are_clear_errors(tmp_path, text, reason):
    path = write(tmp_path, text)
    with pytest.raises(UserError, match=reason) as err:
        load_config(Outer, path)
    assert str(path) in str(err.value)


def test_missing_file_and_bad_yaml_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="cannot read config file"):
        load_config(Outer, tmp_path / "nope.yaml")
    with pytest.raises(UserError, match="not valid YAML"):
        load_config(Outer, write(tmp_path, "a: [1,\n"))


def test_dump_documents_every_key_and_loads_back_equal(tmp_path):
    cfg = Outer(loss="dpo", beta=None, targets=["k", "o"], inner=Inner(lr=2e-6, steps=7))
    text = dump_config(cfg, tmp_path / "out.yaml")
    assert "# which loss\nloss: dpo" in text
    assert "  # how many steps\n  steps: 7" in text
    assert load_config(Outer, tmp_path / "out.yaml") == cfg


def test_dumped_training_configs_round_trip(tmp_path):
    for cfg in (WarmupConfig(lr=3e-5, order="shuffle"), PreferenceConfig(loss="ipo", beta=0.3)):
        dump_config(cfg, tmp_path / "t.yaml")
        assert load_config(type(cfg), tmp_path / "t.yaml") == cfg


def parse(cls, argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    add_config_flags(parser, cls)
    return parser.parse_args(argv)


def test_every_field_is_a_flag_and_only_given_flags_override(tmp_path):
    args = parse(
        Outer,
        ["--beta", "0.5", "--no-lora", "--targets", "a", "b", "--inner.lr", "1e-5",
         "--name", "null"],
    )
    overrides = config_overrides(args)
    assert overrides == {
        "beta": 0.5, "lora": False, "targets": ["a", "b"], "inner": {"lr": "1e-5"},
        "name": None,
    }
    path = write(tmp_path, "loss: dpo\ninner:\n  lr: 0.1\n  steps: 4\n")
    with pytest.raises(UserError, match="command line: name: expected a string, got null"):
        load_config(Outer, path, overrides)
    del overrides["name"]
    cfg = load_config(Outer, path, overrides)
    assert cfg.loss == "dpo"  # from the file
    assert cfg.inner == Inner(lr=1e-5, steps=4)  # flag beats file; file beats default
    assert cfg.beta == 0.5 and cfg.lora is False and cfg.targets == ["a", "b"]


def test_bad_flag_value_is_reported_as_command_line():
    overrides = config_overrides(parse(Outer, ["--loss", "ppo"]))
    with pytest.raises(UserError, match="command line: loss: 'ppo' is not one of"):
        load_config(Outer, None, overrides)


def test_training_config_checks_ranges():
    with pytest.raises(UserError, match="lr must be positive"):
        from_dict(WarmupConfig, {"lr": 0}, "x.yaml")
    with pytest.raises(UserError, match="warmup_ratio"):
        from_dict(PreferenceConfig, {"warmup_ratio": 1.5}, "x.yaml")


def test_presets_are_found_by_name_and_are_valid():
    warm = load_config(WarmupConfig, find_config("warmup-cpu"))
    assert warm.lora is False and warm.order == "curriculum"
    pref = load_config(PreferenceConfig, find_config("optimize-cpu"))
    assert pref.loss == "simpo" and pref.resolved_beta == 2.5
    assert load_config(PreferenceConfig, find_config("optimize-cpu"), {"loss": "dpo"}).resolved_beta == 0.1
    with pytest.raises(UserError, match="presets: .*optimize-cpu.*warmup-cpu"):
        find_config("no-such-preset")


def test_paper_defaults_for_simpo():
    cfg = PreferenceConfig()
    assert (cfg.loss, cfg.resolved_beta, cfg.simpo_gamma, cfg.lr) == ("simpo", 2.5, 0.5, 1e-6)
    assert cfg.sft_weight == 0.0


def test_a_stage_config_file_can_extend_another(tmp_path):
    """``extends`` is the config loader's, so ``itool warmup --config`` has it too."""
    (tmp_path / "base.yaml").write_text("lr: 0.001\nbatch_size: 8\n", encoding="utf-8")
    (tmp_path / "variant.yaml").write_text("extends: base.yaml\nlr: 0.01\n", encoding="utf-8")
    config = load_config(WarmupConfig, tmp_path / "variant.yaml")
    assert (config.lr, config.batch_size) == (0.01, 8)
