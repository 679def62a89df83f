"""How fast ``score_responses`` scores tree-search-like batches.

    .venv/bin/python benchmarks/reward_speed.py [--samples 300] [--per-sample 8]

Generates samples with itool's own generator, makes ``--per-sample`` responses for
each (the target, edited copies with a dropped/added/changed argument, reordered
calls, a cut-off prefix, prose), and times ``score_responses`` with the lexical
backend, with the MiniLM model on a cold cache (model already loaded), and again on a
warm cache (the search re-scores the same texts). Prints responses per second; nothing
is asserted.
"""

from __future__ import annotations

import argparse
import random
import time

from itool.codec import render_calls
from itool.data.generate import generate
from itool.records import Sample, ToolCall
from itool.reward import RewardConfig, score_responses
from itool.reward.semantic import similarity_backend


def responses_for(sample: Sample, n: int, rng: random.Random) -> list[str]:
    if not sample.expects_call:
        base = sample.target if isinstance(sample.target, str) else ""
        return [base, "I can't help with that.", *(base[: rng.randint(0, len(base))]
                                                  for _ in range(n - 2))][:n]
    out = [render_calls(sample.target_calls)]
    while len(out) < n:
        calls = [ToolCall(c.name, dict(c.arguments)) for c in sample.target_calls]
        call = rng.choice(calls)
        edit = rng.choice(["drop", "add", "value", "swap", "cut", "prose"])
        if edit == "drop" and call.arguments:
            call.arguments.pop(rng.choice(sorted(call.arguments)))
        elif edit == "add":
            call.arguments["extra"] = rng.randint(0, 9)
        elif edit == "value" and call.arguments:
            call.arguments[rng.choice(sorted(call.arguments))] = rng.choice([0, "x", 2.5])
        elif edit == "swap":
            calls.reverse()
        text = render_calls(calls)
        if edit == "cut":
            text = text[: rng.randint(1, len(text))]
        elif edit == "prose":
            text = f"You could use {call.name} for this."
        out.append(text)
    return out


def timed(pairs, config) -> float:
    start = time.perf_counter()
    score_responses(pairs, config)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--per-sample", type=int, default=8)
    args = parser.parse_args()

    samples = generate(args.samples, seed=0)
    rng = random.Random(0)
    pairs = [(s, r) for s in samples for r in responses_for(s, args.per_sample, rng)]
    distinct = len({r for _, r in pairs})
    print(f"{len(pairs)} responses ({distinct} distinct) over {len(samples)} samples")

    lexical = timed(pairs, RewardConfig(semantic="lexical"))
    print(f"lexical:              {len(pairs) / lexical:8.0f} responses/s ({lexical:.2f} s)")
    start = time.perf_counter()
    similarity_backend("model").similarities([("load", "the model")])
    print(f"model load:           {time.perf_counter() - start:8.1f} s (once per process)")
    config = RewardConfig(semantic="model")
    cold = timed(pairs, config)
    print(f"model, cold cache:    {len(pairs) / cold:8.0f} responses/s ({cold:.2f} s)")
    warm = timed(pairs, config)
    print(f"model, warm cache:    {len(pairs) / warm:8.0f} responses/s ({warm:.2f} s)")


if __name__ == "__main__":
    main()
