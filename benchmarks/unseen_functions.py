"""How a run's models answer generated requests for functions they never trained on.

    .venv/bin/python benchmarks/unseen_functions.py RUN_DIR [--stages warmup,round_1,round_2]
        [--max-new-tokens 96] [--out FILE.json]

RUN_DIR is an itool run directory (the outcome runner's ``<out-dir>/itool``). The dev
set splits generated data by query, so its functions are the training data's; every
BFCL function is new to the model. When the dev set ranks a run's rounds one way and
BFCL the other (docs/RESULTS.md items 27 and 28), one suspect is that the dev set
rewards what a model learnt about the functions it was trained on. This takes the
run's generated samples that no stage trained on (not in the warmup's draw, in no
round's pairs), answered with calls, whose target functions are offered in none of the
trained samples, and scores each stage's model on them greedily with the reward: mean
q, the excellent share, and how often each kind of error occurs, named as the reward
names it (an answer counts once per kind).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from itool.codec import ParseError, parse_calls
from itool.errors import UserError
from itool.loop.config import resolve_run_config
from itool.loop.evaluate import greedy_responses
from itool.loop.files import read_jsonl
from itool.loop.stages import load_model, read_samples_jsonl, warmup_samples
from itool.records import Sample
from itool.reward.config import RewardConfig
from itool.reward.score import assess_responses

# What the reward's notes say (itool.reward.compare.CallComparison.notes and
# itool.reward.grading), by the name each kind gets here.
ERROR_KINDS = {
    "missing_required": "missing required argument",
    "missing_optional": "missing optional argument",
    "extra_argument": "extra argument",
    "unknown_argument": "unknown argument",
    "wrong_value": "wrong value for",
    "wrong_function": "instead",
    "call_count": "call(s) made",
    "no_call": "no call",
}


def trained_sample_ids(run_dir: Path, train: list[Sample]) -> set[str]:
    """Ids of the samples any stage of the run trained on: the warmup's draw (redone
    from the run's config) and the samples of every round's pairs."""
    config = resolve_run_config(run_dir / "config.yaml")
    ids = {s.id for s in warmup_samples(config, train)}
    for pairs in sorted(run_dir.glob("round_*/pairs.jsonl")):
        ids.update(record["sample_id"] for record in read_jsonl(pairs))
    return ids


def unseen_function_samples(samples: list[Sample], trained: set[str]) -> list[Sample]:
    """Untrained samples answered with calls whose target functions no trained sample
    offers (as a target or among its tools)."""
    seen = {tool.name for s in samples if s.id in trained for tool in s.tools}
    return [s for s in samples if s.id not in trained and s.expects_call
            and not {call.name for call in s.target_calls} & seen]


def error_counts(notes_per_answer: list[list[str]]) -> dict[str, int]:
    """Answers whose notes name each kind of error (one count per answer and kind)."""
    counts = Counter()
    for notes in notes_per_answer:
        text = " | ".join(notes)
        counts.update(kind for kind, phrase in ERROR_KINDS.items() if phrase in text)
    return {kind: counts[kind] for kind in ERROR_KINDS}


def arguments_per_answer(responses: list[str]) -> float:
    """Mean number of arguments written per answer (unreadable answers count 0)."""
    total = 0
    for text in responses:
        try:
            total += sum(len(call.arguments) for call in parse_calls(text))
        except ParseError:
            pass
    return total / len(responses) if responses else 0.0


def score_stage(model_dir: Path, samples: list[Sample], max_new_tokens: int) -> dict[str, Any]:
    """One stage's greedy answers on ``samples``: mean q, excellent share, errors."""
    model, tokenizer = load_model(model_dir)
    responses = greedy_responses(model, tokenizer, samples, max_new_tokens, progress=False)
    # The full assessment, not just the score: the error counts read its notes.
    assessed = assess_responses(zip(samples, responses, strict=True), RewardConfig())
    return {
        "mean_q": sum(a.score.q for a in assessed) / len(assessed),
        "excellent": sum(a.score.grade == "excellent" for a in assessed) / len(assessed),
        "arguments_per_answer": arguments_per_answer(responses),
        "errors": error_counts([a.notes for a in assessed]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path, help="an itool run directory (<out-dir>/itool)")
    parser.add_argument("--stages", default="warmup,round_1,round_2",
                        help="comma-separated stages whose model/ to score")
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    try:
        data = args.run_dir / "data"
        if not (data / "train.jsonl").is_file():
            raise UserError(f"{args.run_dir}: no data/train.jsonl; is it an itool run directory?")
        train = read_samples_jsonl(data / "train.jsonl")
        pool = train + read_samples_jsonl(data / "dev.jsonl")
        samples = unseen_function_samples(pool, trained_sample_ids(args.run_dir, train))
        stages = [s for s in args.stages.split(",") if s]
        missing = [s for s in stages if not (args.run_dir / s / "model").is_dir()]
        if missing:
            raise UserError(f"{args.run_dir}: no model for stage(s) {', '.join(missing)}")
    except UserError as error:
        raise SystemExit(f"error: {error}") from None
    if not samples:
        raise SystemExit("error: every generated sample's functions were trained on")
    categories = Counter(s.meta.get("category") for s in samples)
    print(f"{len(samples)} samples with unseen target functions: "
          + ", ".join(f"{c} {n}" for c, n in categories.most_common()))
    target_args = sum(len(c.arguments) for s in samples for c in s.target_calls) / len(samples)
    print(f"target arguments per answer: {target_args:.2f}")
    results = {}
    for stage in stages:
        results[stage] = score_stage(args.run_dir / stage / "model", samples,
                                     args.max_new_tokens)
        r = results[stage]
        print(f"{stage}: mean q {r['mean_q']:+.3f}, excellent {r['excellent']:.0%}, "
              f"arguments per answer {r['arguments_per_answer']:.2f}, errors "
              + ", ".join(f"{k} {v}" for k, v in r["errors"].items()), flush=True)
    if args.out:
        args.out.write_text(json.dumps({"samples": len(samples), "target_arguments":
                                        target_args, "stages": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
