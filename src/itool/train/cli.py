"""``itool warmup`` and ``itool optimize``: thin argparse over :mod:`itool.train`.

Options come from, in order: the config dataclass defaults, a YAML file or preset
(``--config``; with ``--model default`` and no ``--config``, the CPU preset for the
embedded model), then individual flags (``--lr 3e-5``). The resolved config is written
next to the model as ``training_config.yaml``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from itool.config import add_config_flags, config_overrides, find_config, load_config
from itool.errors import UserError
from itool.train.options import CHECKPOINT_DIR, TENSORBOARD_DIR, weights_dtype
from itool.train.preference import PreferenceConfig
from itool.train.sft import WarmupConfig

# Presets used when the embedded default model is trained without --config.
CPU_PRESETS = {"warmup": "warmup-cpu", "optimize": "optimize-cpu"}


def register(subparsers) -> None:
    warmup = subparsers.add_parser(
        "warmup",
        help="warmup SFT on tool-call samples, easy to hard",
        description="Supervised warmup on samples (loss on the response only), in "
        "curriculum order by default; writes a Hugging Face model directory.",
    )
    warmup.add_argument("--model", default="default", help="'default', a model dir or HF id")
    warmup.add_argument("--data", required=True, help="samples file (toolace, sharegpt, ...)")
    warmup.add_argument("--format", default="auto", help="format of --data (default: detect)")
    _common(warmup, WarmupConfig)
    warmup.set_defaults(func=run_warmup)

    optimize = subparsers.add_parser(
        "optimize",
        help="preference optimisation (SimPO, DPO, IPO) on MCTS pairs",
        description="Train on preference pairs (JSONL of PreferencePair records) with "
        "SimPO, DPO or IPO (or, as an ablation, the chosen side's NLL alone); writes a "
        "Hugging Face model directory.",
    )
    optimize.add_argument("--model", default="default", help="'default', a model dir or HF id")
    optimize.add_argument("--pairs", required=True, help="pairs JSONL from the search stage")
    _common(optimize, PreferenceConfig)
    optimize.set_defaults(func=run_optimize)


def _common(parser: argparse.ArgumentParser, config_cls: type) -> None:
    parser.add_argument("--out", required=True, help="output model directory")
    parser.add_argument(
        "--config",
        help="YAML config file or preset name (default: the CPU preset for --model default)",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace a model already in --out"
    )
    add_config_flags(
        parser, config_cls,
        title="training options (defaults shown are the 8B ones; --config or the CPU preset"
        " replace them, and these flags override both)",
    )


def resolve_config(args: argparse.Namespace, config_cls: type, command: str):
    """The config for a command: defaults < --config (or CPU preset) < flags."""
    source = args.config
    if source is None and args.model == "default":
        source = CPU_PRESETS[command]
        print(f"itool {command}: using the '{source}' preset for the default model", file=sys.stderr)
    path = find_config(source) if source is not None else None
    return load_config(config_cls, path, config_overrides(args))


def _check_out_dir(out: Path, overwrite: bool, resume: bool) -> None:
    """Refuse to write over a finished model unless asked to; a directory holding only
    checkpoints and logs of an interrupted run may be resumed."""
    if not out.exists():
        return
    if not out.is_dir():
        raise UserError(f"--out {out} exists and is not a directory")
    leftovers = [p.name for p in out.iterdir() if p.name not in (CHECKPOINT_DIR, TENSORBOARD_DIR)]
    if leftovers and not (overwrite or resume):
        raise UserError(f"--out {out} already holds files ({', '.join(sorted(leftovers)[:3])}, ...);"
                        " pass --overwrite, or choose another directory")


def _load(model_name: str, config):
    from itool.model.load import load_model

    model, tokenizer = load_model(model_name, dtype=weights_dtype(config))
    return model, tokenizer


def _summary(command: str, out: Path, stats: dict) -> None:
    count = f"{stats['samples']} samples" if "samples" in stats else f"{stats['pairs']} pairs"
    print(
        f"itool {command}: wrote {out} ({count}, {stats['optimizer_steps']} steps, "
        f"{stats['tokens']} tokens, {stats['wall_seconds']:.0f} s, "
        f"loss {stats['first_loss']:.4g} -> {stats['final_loss']:.4g})"
    )


def run_warmup(args: argparse.Namespace) -> int:
    from itool.data.formats import load_samples
    from itool.train.sft import warmup

    config = resolve_config(args, WarmupConfig, "warmup")
    out = Path(args.out)
    _check_out_dir(out, args.overwrite, config.resume)
    samples = load_samples(args.data, format=args.format).samples
    if not samples:
        raise UserError(f"{args.data}: no samples to train on")
    model, tokenizer = _load(args.model, config)
    stats = warmup(model, tokenizer, samples, out, config)
    _summary("warmup", out, stats)
    return 0


def run_optimize(args: argparse.Namespace) -> int:
    from itool.train.preference import optimize, read_pairs

    config = resolve_config(args, PreferenceConfig, "optimize")
    out = Path(args.out)
    _check_out_dir(out, args.overwrite, config.resume)
    pairs = read_pairs(args.pairs)
    model, tokenizer = _load(args.model, config)
    stats = optimize(model, tokenizer, pairs, out, config)
    _summary("optimize", out, stats)
    return 0
