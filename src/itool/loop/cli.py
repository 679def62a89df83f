"""``itool search``, ``itool run`` and ``itool report``: thin argparse layers over
:func:`itool.search.run.search_samples`, :func:`itool.loop.run.run` and
:func:`itool.loop.report.write_report`."""

from __future__ import annotations

import argparse
from pathlib import Path

from itool.config import add_config_flags, config_overrides, load_config
from itool.errors import UserError

SEMANTIC_CHOICES = ("model", "lexical")


def register(subparsers) -> None:
    from itool.loop.config import PRESETS, RunConfig
    from itool.search.config import SearchConfig

    search = subparsers.add_parser(
        "search",
        help="step-level MCTS over a model's responses; write preference pairs",
        description="Search every sample of DATA with step-level MCTS (fragments of the "
        "model's own tool calls, scored by the reward) and write the preference pairs of "
        "sibling branches: PAIRS (itool records, what `itool optimize --pairs` reads) and "
        "PAIRS with .trl.jsonl (TRL's prompt/chosen/rejected text columns).",
    )
    search.add_argument("--model", required=True, help="'default', a model directory or HF id")
    search.add_argument("--data", required=True, help="samples (any format itool reads)")
    search.add_argument("--out", required=True, metavar="PAIRS", help="pairs JSONL to write")
    search.add_argument("--trees", metavar="FILE", help="also write the trees (JSONL, .gz ok)")
    search.add_argument("--limit", type=int, default=0, help="search only the first N samples")
    search.add_argument("--round", type=int, default=0, help="round number stored in the pairs")
    search.add_argument("--semantic", default="model", choices=SEMANTIC_CHOICES,
                        help="semantic similarity in the reward (default: model)")
    search.add_argument("--config", metavar="FILE", help="YAML file of search options")
    add_config_flags(search, SearchConfig, title="search options (override --config)")
    search.set_defaults(func=run_search_command)

    run = subparsers.add_parser(
        "run",
        help="the whole iTool loop: warmup, rounds of select/search/optimize, BFCL, report",
        description="Warmup SFT, then rounds of: select unmastered samples -> step-level "
        "MCTS -> preference pairs -> SimPO/DPO -> dev evaluation, until converged; then a "
        "BFCL evaluation and a report. Every stage writes into the run directory and is "
        "recorded in its manifest; --resume skips finished stages.",
    )
    run.add_argument("config", nargs="?", metavar="CONFIG",
                     help="YAML config file; 'extends: OTHER.yaml' in it starts from OTHER "
                     "(a path relative to it) and changes only the keys it lists")
    run.add_argument("--preset", choices=PRESETS,
                     help="quick: ~15 min on a laptop CPU; default: hours on CPU; "
                     "paper: the paper's settings for 8B models on GPUs")
    run.add_argument("--run-dir", metavar="DIR",
                     help="run directory (default: runs/<preset or config name>)")
    run.add_argument("--resume", action="store_true",
                     help="continue the run in --run-dir, skipping finished stages")
    add_config_flags(run, RunConfig, title="run options (override the preset and CONFIG)")
    run.set_defaults(func=run_command)

    report = subparsers.add_parser(
        "report", help="write the report of a run (markdown, HTML, plots)",
        description="(Re)build RUN_DIR/report: report.md, report.html and PNG plots.")
    report.add_argument("run_dir", metavar="RUN_DIR")
    report.set_defaults(func=report_command)


def run_search_command(args: argparse.Namespace) -> int:
    from itool.data.formats import load_samples
    from itool.loop.files import write_jsonl
    from itool.model.load import load_model
    from itool.reward.config import RewardConfig
    from itool.search.config import SearchConfig
    from itool.search.run import search_samples, trl_path, write_pairs

    config = load_config(SearchConfig, args.config, config_overrides(args))
    samples = load_samples(args.data).samples
    if args.limit:
        samples = samples[:args.limit]
    if not samples:
        raise UserError(f"{args.data}: no samples to search")
    model, tokenizer = load_model(args.model)
    result = search_samples(model, tokenizer, samples, config, args.round,
                            reward=RewardConfig(semantic=args.semantic))
    write_pairs(args.out, result.pairs, tokenizer)
    if args.trees:
        write_jsonl(args.trees, result.trees)
    s = result.stats
    print(f"searched {s['samples']} samples: {s['nodes']} nodes, {s['expansions']} expansions, "
          f"{s['generated_tokens']} tokens generated ({s['generated_tokens_per_second']:.1f}/s), "
          f"{s['encoded_tokens']} encoded, {s['seconds']:.1f} s")
    print(f"wrote {s['pairs']} pairs to {args.out} (TRL columns: {trl_path(args.out)})")
    return 0


def run_command(args: argparse.Namespace) -> int:
    from itool.loop.config import resolve_run_config
    from itool.loop.run import run
    from itool.loop.rundir import CONFIG

    name = args.preset or (Path(args.config).stem if args.config else None)
    run_dir = Path(args.run_dir) if args.run_dir else Path("runs") / (name or "run")
    config_file = args.config
    if args.resume and not args.config and not args.preset and (run_dir / CONFIG).is_file():
        config_file = str(run_dir / CONFIG)  # resume with the run's own resolved config
    config = resolve_run_config(config_file, args.preset, config_overrides(args))
    report = run(config, run_dir, resume=args.resume)
    print(f"report: {report} (HTML: {report.with_suffix('.html')})")
    return 0


def report_command(args: argparse.Namespace) -> int:
    from itool.loop.report import write_report

    path = write_report(args.run_dir)
    print(f"wrote {path} and {path.with_suffix('.html')}")
    return 0
