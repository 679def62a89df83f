"""What preference settings make a 135M model learn in a few dozen CPU steps without
collapsing: the measurement behind ``src/itool/configs/optimize-cpu.yaml``.

    .venv/bin/python benchmarks/preference_cpu.py --model DIR --data SAMPLES.jsonl
        [--loss simpo] [--train-pairs 64] [--heldout-pairs 32] [--lr 5e-6] [--beta B]
        [--batch-size 2] [--grad-accum 2] [--epochs 1] [--out runs/pref-bench]

Pairs are built from samples the way step-level MCTS pairs look (a stand-in until
searched pairs exist): the target response is cut into call fragments
(:func:`itool.search.steps.boundaries`); one argument value is corrupted; the prefix
is the response up to the fragment holding that value; ``chosen`` continues
correctly, ``rejected`` with the wrong value. Train and held-out pairs come from
different samples.

Figures, before and after training, on the held-out pairs: preference accuracy
(log p(chosen) > log p(rejected)), mean per-token log-probability of chosen and of
rejected continuations (a collapse shows as both falling far), and on held-out
prompts the share of greedy responses that still parse as calls. Printed and written
to ``OUT/preference_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path


def corrupt(value, rng: random.Random, strings: list[str]):
    """A plausible wrong value of the same JSON type, or None if we do not corrupt it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice([-3, -2, -1, 1, 2, 5, 10])
    if isinstance(value, float):
        return round(value * rng.choice([0.5, 2.0, 10.0]) + 1.0, 2)
    if isinstance(value, str) and value:
        others = [s for s in strings if s != value]
        return rng.choice(others) if others else value[::-1]
    return None


def make_pairs(samples, rng: random.Random):
    """One fragment-level pair per sample that has a corruptible argument."""
    from itool.codec import render_calls
    from itool.model.prompt import prompt_messages
    from itool.records import PreferencePair, ToolCall
    from itool.search.steps import boundaries

    strings = [v for s in samples for c in s.target_calls for v in c.arguments.values()
               if isinstance(v, str)]
    pairs = []
    for sample in samples:
        slots = [(i, k) for i, c in enumerate(sample.target_calls) for k in c.arguments]
        rng.shuffle(slots)
        for i, key in slots:
            wrong = corrupt(sample.target_calls[i].arguments[key], rng, strings)
            if wrong is None:
                continue
            calls = [ToolCall(c.name, dict(c.arguments)) for c in sample.target_calls]
            calls[i].arguments[key] = wrong
            good, bad = render_calls(sample.target_calls), render_calls(calls)
            if good == bad:
                continue
            common = next((n for n, (a, b) in enumerate(zip(good, bad, strict=False)) if a != b), len(good))
            cut = max([0] + [b for b in boundaries(good) if b <= common])
            pairs.append(PreferencePair(
                prompt=prompt_messages(sample), prefix=good[:cut], chosen=good[cut:],
                rejected=bad[cut:], chosen_value=1.0, rejected_value=-0.5,
                sample_id=sample.id, round=0, chosen_finishes=True, rejected_finishes=True,
            ))
            break
    return pairs


def continuation_logprob(model, tokenizer, prompt: str, text: str) -> tuple[float, int]:
    import torch

    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    ids = prompt_ids + tokenizer(text + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        logp = model(torch.tensor([ids])).logits[0, :-1].log_softmax(-1)
    picked = logp.gather(1, torch.tensor(ids[1:])[:, None])[:, 0][len(prompt_ids) - 1:]
    return float(picked.sum()), len(picked)


def pair_figures(model, tokenizer, pairs) -> dict:
    from itool.model.prompt import render_messages

    model.eval()
    wins, chosen_lp, rejected_lp = 0, [], []
    for p in pairs:
        prompt = render_messages(p.prompt, tokenizer) + p.prefix
        c, nc = continuation_logprob(model, tokenizer, prompt, p.chosen)
        r, nr = continuation_logprob(model, tokenizer, prompt, p.rejected)
        wins += c > r
        chosen_lp.append(c / nc)
        rejected_lp.append(r / nr)
    n = len(pairs)
    return {
        "accuracy": round(wins / n, 3),
        "chosen_logp_per_token": round(sum(chosen_lp) / n, 3),
        "rejected_logp_per_token": round(sum(rejected_lp) / n, 3),
    }


def parse_rate(model, tokenizer, samples) -> float:
    import torch

    from itool.codec import ParseError, parse_calls
    from itool.model.prompt import render_prompt

    model.eval()
    ok = 0
    for sample in samples:
        enc = tokenizer(render_prompt(sample, tokenizer), return_tensors="pt",
                        add_special_tokens=False)
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=64, do_sample=False)
        text = tokenizer.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)
        try:
            parse_calls(text)
            ok += 1
        except ParseError:
            pass
    return round(ok / len(samples), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--loss", default="simpo", choices=("simpo", "dpo", "ipo"))
    parser.add_argument("--train-pairs", type=int, default=64)
    parser.add_argument("--heldout-pairs", type=int, default=32)
    parser.add_argument("--generate", type=int, default=8, help="held-out prompts to generate for")
    parser.add_argument("--lr", type=float, default=5e-6)
    parser.add_argument("--beta", type=float, default=None)
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--grad-accum", type=int, default=2)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="runs/pref-bench")
    args = parser.parse_args()

    from itool.config import find_config, load_config
    from itool.data.formats import load_samples
    from itool.model.load import load_model
    from itool.train.preference import PreferenceConfig, optimize

    rng = random.Random(args.seed)
    samples = [s for s in load_samples(args.data).samples if s.expects_call]
    rng.shuffle(samples)
    pairs = make_pairs(samples, rng)
    train = pairs[: args.train_pairs]
    heldout = pairs[args.train_pairs: args.train_pairs + args.heldout_pairs]
    heldout_ids = {p.sample_id for p in heldout}
    gen_samples = [s for s in samples if s.id in heldout_ids][: args.generate]
    print(f"{len(train)} train pairs, {len(heldout)} held-out pairs", file=sys.stderr)

    config = load_config(PreferenceConfig, find_config("optimize-cpu"), {
        "loss": args.loss, "lr": args.lr, "beta": args.beta, "batch_size": args.batch_size,
        "grad_accum": args.grad_accum, "epochs": args.epochs, "max_length": args.max_length,
        "save_steps": 0, "seed": args.seed,
    })
    model, tokenizer = load_model(args.model, device="cpu")
    started = time.perf_counter()
    before = {**pair_figures(model, tokenizer, heldout),
              "parse_rate": parse_rate(model, tokenizer, gen_samples)}
    print("before", before, file=sys.stderr)
    out = Path(args.out)
    stats = optimize(model, tokenizer, train, out / "model", config)
    after = {**pair_figures(model, tokenizer, heldout),
             "parse_rate": parse_rate(model, tokenizer, gen_samples)}
    result = {
        "model": args.model, "data": args.data, "config": vars(args),
        "resolved_beta": config.resolved_beta, "train_pairs": len(train),
        "heldout_pairs": len(heldout), "generated_prompts": len(gen_samples),
        "before": before, "after": after, "training": stats,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    (out / "preference_bench.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({"before": before, "after": after, "steps": stats["optimizer_steps"],
                      "train_seconds": stats["wall_seconds"]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
