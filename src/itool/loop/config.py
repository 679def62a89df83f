"""The configuration of ``itool run``: one YAML file, one section per stage (or a file
that ``extends`` another and lists only what it changes).

Sections reuse the stage configs (``warmup`` and ``optimize`` from
:mod:`itool.train`, ``search`` from :mod:`itool.search.config`, ``select`` from
:mod:`itool.loop.select`), so a key means the same thing in ``itool run`` as in the
stage's own command. Presets live in ``src/itool/configs/run-<name>.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itool.config import config_layers, find_config, from_dict, option
from itool.errors import UserError
from itool.eval.bfcl_data import CATEGORIES as BFCL_CATEGORIES
from itool.loop.select import SelectConfig
from itool.search.config import SearchConfig
from itool.train.preference import PreferenceConfig
from itool.train.sft import WarmupConfig

PRESETS = ("quick", "default", "paper")
SEMANTIC_BACKENDS = ("model", "lexical")


@dataclass
class DataConfig:
    """Where training and dev samples come from."""

    train: str | None = option(
        None, "training data file (any format itool reads); null: generate it with itool's "
        "built-in generator")
    dev: str | None = option(None, "dev data file; null: a share of the training data")
    generate: int = option(600, "samples to generate when train is null (train and dev)")
    dev_fraction: float = option(0.1, "share of the samples kept for dev when dev is null")
    dev_limit: int = option(0, "evaluate on at most this many dev samples (0: all)")
    warmup_limit: int = option(0, "warm up on at most this many training samples (0: all)")
    parallel_varied: float = option(
        0.3, "generated parallel samples: share written as separate requests whose calls "
        "differ in several values (the rest differ in one)")
    repeat_function: float = option(
        0.0, "generated parallel_multiple samples: share that call their first function twice")


@dataclass
class EvalConfig:
    """Dev evaluation after every round, and the final BFCL evaluation."""

    max_new_tokens: int = option(96, "longest greedy answer in tokens")
    batch_size: int = option(8, "sequences decoded together")
    bfcl: bool = option(True, "evaluate the final model on BFCL at the end")
    bfcl_baseline: bool = option(False, "also evaluate the warmup model on BFCL, for comparison")
    bfcl_categories: list[str] = option(
        ["simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance"],
        f"BFCL categories (any of: {', '.join(BFCL_CATEGORIES)})")
    bfcl_limit_per_category: int = option(
        0, "a fixed seeded subset of this many entries per category (0: all)")
    bfcl_max_new_tokens: int = option(192, "longest BFCL answer in tokens")


@dataclass
class RunConfig:
    """Everything ``itool run`` does, with every default written out."""

    model: str = option("default", "starting model: 'default', a model directory or a HF id")
    warmup_model: str | None = option(
        None, "an already warmed-up model directory to start the rounds from; the warmup "
        "stage is skipped (null: warm up the starting model)")
    seed: int = option(0, "seed of data generation, selection and search")
    max_rounds: int = option(3, "most rounds of select -> search -> optimize -> evaluate")
    patience: int = option(
        1, "stop after this many rounds in a row whose dev reward gain is below min_gain")
    min_gain: float = option(
        0.005, "least dev gain that counts as progress: the mean of the gains in mean q of the "
        "samples answered with calls and of those answered in text; a kind that loses "
        "more than this (its size) makes its loss the gain; below 0, e.g. -1, every round counts")
    min_pairs: int = option(4, "stop when a round's search yields fewer pairs than this")
    semantic: str = option(
        "model", "semantic similarity in the reward: all-MiniLM-L6-v2 (model) or lexical",
        choices=SEMANTIC_BACKENDS)
    data: DataConfig = option(DataConfig(), "training and dev data")
    warmup: WarmupConfig = option(WarmupConfig(), "easy-to-hard warmup SFT (itool warmup)")
    select: SelectConfig = option(SelectConfig(), "choosing each round's unmastered samples")
    search: SearchConfig = option(SearchConfig(), "step-level MCTS and preference pairs")
    optimize: PreferenceConfig = option(PreferenceConfig(), "preference optimisation (itool optimize)")
    eval: EvalConfig = option(EvalConfig(), "dev and BFCL evaluation")

    def __post_init__(self) -> None:
        if self.max_rounds < 0 or self.patience < 1:
            raise ValueError("max_rounds must be >= 0 and patience >= 1")


def preset_path(name: str):
    """The YAML file of a preset (``quick``, ``default``, ``paper``)."""
    if name not in PRESETS:
        raise UserError(f"unknown preset {name!r} (presets: {', '.join(PRESETS)})")
    return find_config(f"run-{name}")


def resolve_run_config(path: str | Path | None = None, preset: str | None = None,
                       overrides: dict | None = None) -> RunConfig:
    """Defaults, then the preset, then the config file (after the files it extends),
    then command-line flags."""
    config = RunConfig()
    sources = [preset_path(preset) if preset else None, path]
    for source in filter(None, sources):
        for layer, data in config_layers(source):
            config = from_dict(RunConfig, data, str(layer), base=config)
    if overrides:
        config = from_dict(RunConfig, overrides, "command line", base=config)
    return config
