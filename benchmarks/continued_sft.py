"""SFT continued from a trial's warmup on the samples its sft arm drew past the warmup:
the stricter SFT baseline for trials whose warmup takes most of the budget.

    .venv/bin/python benchmarks/continued_sft.py --config TRIAL.yaml --run-dir OUT_DIR \
        --draw N --out MODEL_DIR [--lr RATE]

The outcome runner's sft arm trains the starting model afresh on ``N`` drawn samples
(``N`` from its token budget). When the warmup already took most of those samples
(items 41, 42), that arm repeats the warmup's training on slightly more data, and
both times it scored below the warmup itself. Here the warmup model
(``OUT_DIR/itool/warmup/model``) trains on only the samples the arm drew past the
warmup's, with the warmup's own settings: what SFT would add if it were given the
rounds' place. The draws are nested (the runner draws with one seeded
``random.sample``, whose first picks do not depend on how many it makes), which this
script checks before training. Evaluate the result with ``itool eval bfcl``.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from itool.errors import UserError
from itool.loop.config import resolve_run_config
from itool.loop.stages import read_samples_jsonl, warmup_samples
from itool.records import Sample


def samples_past_warmup(config, train: list[Sample], draw: int) -> list[Sample]:
    """The samples a draw of ``draw`` makes after the warmup's own draw: the sft arm's
    extra data. Refuses a draw that does not extend the warmup's."""
    warmup = warmup_samples(config, train)
    drawn = warmup_samples(replace(config, data=replace(config.data, warmup_limit=draw)), train)
    if draw <= len(warmup) or [s.id for s in drawn[:len(warmup)]] != [s.id for s in warmup]:
        raise UserError(f"a draw of {draw} samples does not extend the warmup's "
                        f"{len(warmup)}: nothing to continue on")
    return drawn[len(warmup):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="the trial's config")
    parser.add_argument("--run-dir", required=True, type=Path, help="the trial's --out-dir")
    parser.add_argument("--draw", required=True, type=int,
                        help="samples the sft arm drew (its data stage's warmup_limit)")
    parser.add_argument("--out", required=True, type=Path, help="model directory to write")
    parser.add_argument("--lr", type=float,
                        help="peak learning rate (default: the warmup's; the rounds train at "
                        "a tenth of it in items 41 and 42)")
    args = parser.parse_args(argv)
    try:
        from itool.model.load import load_model
        from itool.train.sft import warmup

        config = resolve_run_config(args.config)
        itool = args.run_dir / "itool"
        train = read_samples_jsonl(itool / "data/train.jsonl")
        extra = samples_past_warmup(config, train, args.draw)
        print(f"continuing {itool / 'warmup/model'} on {len(extra)} samples")
        model, tokenizer = load_model(itool / "warmup/model")
        settings = config.warmup if args.lr is None else replace(config.warmup, lr=args.lr)
        stats = warmup(model, tokenizer, extra, args.out, settings)
    except UserError as error:
        raise SystemExit(f"error: {error}") from None
    print({k: stats[k] for k in ("samples", "optimizer_steps", "tokens") if k in stats})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
