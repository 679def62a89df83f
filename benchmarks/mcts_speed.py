"""How much the two speed levers of the tree search buy: the same workload searched
three (or four) ways.

    .venv/bin/python benchmarks/mcts_speed.py [--trees 8] [--iterations 5] [--k 3]
        [--depth 3] [--max-new-tokens 48] [--tiny] [--no-write]

* ``baseline``: the original iTool's shape: one tree at a time, every expansion one
  model call that encodes its prompt and prefix from scratch;
* ``reuse``: lever (a) alone: each tree's prompt encoded once, its KV cache reused;
* ``full``: levers (a) and (b): prompt reuse and all trees' expansions batched;
* ``batch``: lever (b) alone (``--all``).

Same samples (generated data), same iterations, k, depth, max tokens, same seeds;
every mode samples each request with its own seeded generator, so the trees (and the
work) are the same up to floating-point noise; the generated-token counts printed
show it. Prints wall time, nodes/s, generated tokens/s and encoded tokens per mode,
then the ratios; writes ``docs/results/mcts_reuse.json`` (unless ``--no-write`` or
``--tiny``). ``--tiny`` uses a tiny random model (a smoke test of this script).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

MODES = {
    "baseline": {"reuse_prompt": False, "batch_trees": False},
    "reuse": {"reuse_prompt": True, "batch_trees": False},
    "batch": {"reuse_prompt": False, "batch_trees": True},
    "full": {"reuse_prompt": True, "batch_trees": True},
}


def tiny_model(tokenizer):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128,
                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                         tie_word_embeddings=True, initializer_range=0.2,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    return LlamaForCausalLM(config).eval()


def machine() -> str:
    import torch

    return (f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads), {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--trees", type=int, default=8)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--all", action="store_true", help="also measure lever (b) alone")
    parser.add_argument("--tiny", action="store_true", help="tiny random model (smoke test)")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON result")
    parser.add_argument("--out", default="docs/results/mcts_reuse.json")
    args = parser.parse_args()

    from itool.data.generate.engine import generate
    from itool.model.load import load_model, load_tokenizer
    from itool.reward.config import RewardConfig
    from itool.search.config import SearchConfig
    from itool.search.run import search_samples

    if args.tiny:
        tokenizer = load_tokenizer("default")
        model = tiny_model(tokenizer)
    else:
        model, tokenizer = load_model(args.model)
    samples = generate(args.trees, args.seed)
    reward = RewardConfig(semantic="lexical")  # the reward is not what is measured
    modes = ["baseline", "reuse", "full"] + (["batch"] if args.all else [])
    results = {}
    for mode in modes:
        config = SearchConfig(iterations=args.iterations, k=args.k, depth=args.depth,
                              max_new_tokens=args.max_new_tokens, seed=args.seed,
                              tree_batch=args.trees, **MODES[mode])
        started = time.perf_counter()
        result = search_samples(model, tokenizer, samples, config, reward=reward, progress=False)
        wall = time.perf_counter() - started
        s = result.stats
        results[mode] = {
            "wall_seconds": round(wall, 2),
            "nodes": s["nodes"],
            "nodes_per_second": round(s["nodes"] / wall, 2),
            "generated_tokens": s["generated_tokens"],
            "generated_tokens_per_second": round(s["generated_tokens"] / wall, 1),
            "encoded_tokens": s["encoded_tokens"],
            "forward_passes": s["forward_passes"],
            "pairs": s["pairs"],
        }
        r = results[mode]
        print(f"{mode:9s} wall {r['wall_seconds']:7.1f} s | nodes {r['nodes']:4d} "
              f"({r['nodes_per_second']:.2f}/s) | generated {r['generated_tokens']:5d} tokens "
              f"({r['generated_tokens_per_second']:.1f}/s) | encoded {r['encoded_tokens']:6d} "
              f"tokens | {r['forward_passes']} forward passes", flush=True)

    base = results["baseline"]
    summary = {
        "speedup_wall": round(base["wall_seconds"] / results["full"]["wall_seconds"], 2),
        "speedup_reuse_only": round(base["wall_seconds"] / results["reuse"]["wall_seconds"], 2),
        "encoded_token_ratio": round(base["encoded_tokens"] / results["full"]["encoded_tokens"], 2),
        "model": "tiny random Llama" if args.tiny else args.model,
        "trees": args.trees,
        "machine": machine(),
        "workload": {"iterations": args.iterations, "k": args.k, "depth": args.depth,
                     "max_new_tokens": args.max_new_tokens, "seed": args.seed,
                     "samples": f"itool data generate, seed {args.seed}"},
        "modes": results,
    }
    if "batch" in results:
        summary["speedup_batch_only"] = round(
            base["wall_seconds"] / results["batch"]["wall_seconds"], 2)
    print(f"speed-up vs baseline: full {summary['speedup_wall']}x, reuse only "
          f"{summary['speedup_reuse_only']}x; encoded tokens baseline/full "
          f"{summary['encoded_token_ratio']}x")
    if not (args.no_write or args.tiny):
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, indent=2) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
