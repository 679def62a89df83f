"""How far does one round's training move the model? One round's pairs trained under
several settings, from the same model, each judged on the run's dev samples.

    .venv/bin/python benchmarks/optimize_sweep.py --round-dir runs/trial_shuffled_k6/round_1
        --model runs/outcome/no_curriculum/warmup/model [--config benchmarks/outcome.yaml]
        [--setting lr=5e-5] [--setting lr=5e-5,pairs=calls ...] [--work-dir DIR]
        [--out JSON | --no-write]

A round's dev gain decides whether it counts, and on a small model a round can fail
two ways: its update is too small to change a single greedy answer, or it is large
enough and the easiest preference in its pairs wins (a text reply over a call, for
the samples answered in text). Each ``--setting`` changes fields of the config's
``optimize`` section (``lr=5e-5,epochs=3``); ``pairs=calls`` trains only on the
pairs of samples answered with calls. The config's own setting is always measured
first. Per setting: pairs trained, optimiser steps and tokens, training seconds, the dev
mean q per kind of sample (calls, text) with its change from the start model, and the
shape of the dev answers (how many begin two or more calls and how many are never
closed, as ``pair_shapes.py`` counts them), since a round that goes wrong on a small
model mostly goes wrong in shape. Trained models go to ``--work-dir`` (default
``runs/optimize_sweep``) and are reused when the sweep is run again. Writes ``--out``
(default ``docs/results/optimize_sweep.json``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pair_shapes import answer_row  # noqa: E402  (the same count as the rounds' table)

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ("all", "calls")


def parse_setting(text: str, optimize) -> tuple[dict[str, Any], Any, str]:
    """``"lr=5e-5,pairs=calls"`` -> (the changes as given, the optimize config with
    them, which pairs to train on)."""
    import yaml

    from itool.config import from_dict
    from itool.errors import UserError

    changes: dict[str, Any] = {}
    for item in filter(None, text.split(",")):
        name, _, value = item.partition("=")
        if not name or not value:
            raise SystemExit(f"--setting {text!r}: expected field=value[,field=value]")
        changes[name] = yaml.safe_load(value)
    pairs = str(changes.get("pairs", "all"))
    if pairs not in PAIRS:
        raise SystemExit(f"--setting {text!r}: pairs is one of {', '.join(PAIRS)}")
    fields = {k: v for k, v in changes.items() if k != "pairs"}
    try:
        config = from_dict(type(optimize), fields, f"--setting {text!r}", base=optimize)
    except UserError as err:
        raise SystemExit(str(err)) from None
    return changes, config, pairs


def slug(changes: dict[str, Any]) -> str:
    """A directory name for a setting: ``lr-5e-05_pairs-calls``, or ``config``."""
    return "_".join(f"{k}-{v}" for k, v in changes.items()) or "config"


def kinds_gain(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
    """The change of each kind's dev mean q (calls, text) from ``before`` to ``after``."""
    return {k: round(after["kinds"][k] - before["kinds"][k], 4)
            for k in sorted(set(before["kinds"]) & set(after["kinds"]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-dir", required=True, help="a run's round_K directory")
    parser.add_argument("--model", required=True, help="the model the round started from")
    parser.add_argument("--dev", help="dev samples (default: the run's data/dev.jsonl)")
    parser.add_argument("--config", default=str(ROOT / "benchmarks/outcome.yaml"))
    parser.add_argument("--setting", action="append", default=[],
                        help="optimize fields to change, and pairs=calls|all (repeatable)")
    parser.add_argument("--work-dir", default="runs/optimize_sweep")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/results/optimize_sweep.json",
                        help="where the results go (default: %(default)s)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from itool.errors import UserError
    from itool.loop.config import resolve_run_config
    from itool.loop.evaluate import greedy_answers, summarize
    from itool.loop.files import read_json
    from itool.loop.stages import load_model, read_samples_jsonl
    from itool.search.pairs import balance_kinds
    from itool.train.preference import optimize, read_pairs

    round_dir = Path(args.round_dir)
    config = resolve_run_config(args.config)
    settings = [({}, config.optimize, "all")] + [parse_setting(s, config.optimize)
                                                  for s in args.setting]
    dev_path = Path(args.dev or round_dir.parent / "data/dev.jsonl")
    try:
        pairs = read_pairs(round_dir / "pairs.jsonl")
        calls = {s.id: s.expects_call for s in read_samples_jsonl(round_dir / "selected.jsonl")}
        dev = read_samples_jsonl(dev_path)
    except (OSError, UserError) as err:
        raise SystemExit(f"error: {err}") from None
    if not Path(args.model).is_dir():
        raise SystemExit(f"error: --model {args.model}: no such model directory")

    def judge(model_dir: str | Path) -> dict[str, Any]:
        model, tokenizer = load_model(model_dir)
        answers = greedy_answers(model, tokenizer, dev, config.eval.max_new_tokens,
                                 config.eval.batch_size, config.semantic, progress=False)
        shape = answer_row([a.to_dict() for a in answers])
        return {**summarize(answers), "shape": {k: shape[k] for k in ("two_or_more", "unclosed")}}

    start = judge(args.model)
    print(json.dumps({"start": args.model, "kinds": start["kinds"], "shape": start["shape"]}),
          flush=True)
    results = []
    for changes, optimize_config, which in settings:
        chosen = pairs if which == "all" else balance_kinds(pairs, calls, "calls")
        out = Path(args.work_dir) / slug(changes)
        if not (out / "training_stats.json").is_file():
            model, tokenizer = load_model(args.model)
            optimize(model, tokenizer, chosen, out, optimize_config)
        stats = read_json(out / "training_stats.json")
        summary = judge(out)
        row = {"setting": changes or "config", "pairs": stats["pairs"],
               "steps": stats["optimizer_steps"], "tokens": stats["tokens"],
               "train_seconds": stats["wall_seconds"],
               "dev_kinds": summary["kinds"], "dev_change": kinds_gain(start, summary),
               "dev_shape": summary["shape"]}
        results.append(row)
        print(json.dumps(row), flush=True)
    report = {"round_dir": str(round_dir), "model": args.model, "dev": str(dev_path),
              "dev_samples": len(dev), "start_kinds": start["kinds"],
              "start_shape": start["shape"], "results": results}
    if not args.no_write:
        args.out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
