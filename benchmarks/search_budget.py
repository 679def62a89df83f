"""Does a larger search find what a round needs? One round's selected samples searched
again under several budgets, from the same model.

    .venv/bin/python benchmarks/search_budget.py --round-dir runs/outcome/itool/round_1
        [--model DIR] [--config benchmarks/outcome.yaml] [--categories multiple,parallel]
        [--budget iterations=10] [--budget k=6 --budget temperature=1.5 ...] [--no-write]

The MCTS of a round can only prefer what the model samples. When every response in a
tree calls the wrong function, the tree gives no pair, and the sample the selection
found unmastered is not trained on. This measures, per budget (the config's search
settings, with the given fields changed) and per category: the trees searched, the
call trees with at least one response naming the right function, the trees with a
pair, the pairs (after the config's pair rules), the generated tokens and seconds.
``--model`` is the model the round started from; for round 1 it defaults to the run's
``warmup/model``. Writes ``docs/results/search_budget.json`` unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def parse_budget(text: str, search) -> dict[str, Any]:
    """``"k=6,iterations=10"`` -> the fields changed, typed like the config's."""
    types = {f.name: type(getattr(search, f.name)) for f in fields(search)}
    changes = {}
    for item in filter(None, text.split(",")):
        name, _, value = item.partition("=")
        if name not in types or not value:
            raise SystemExit(f"--budget {text!r}: expected field=value with a search field "
                             f"(of: {', '.join(types)})")
        if types[name] is bool:
            if value.lower() not in ("true", "false"):
                raise SystemExit(f"--budget {text!r}: {name} is true or false")
            changes[name] = value.lower() == "true"
        else:
            changes[name] = types[name](value)
    return changes


def leaves(node: dict[str, Any]):
    """The scored responses of a tree record (its finished leaves)."""
    if node.get("outcome"):
        yield node["outcome"]
    for child in node.get("children", []):
        yield from leaves(child)


def tally(samples, trees: list[dict[str, Any]], pairs) -> dict[str, dict[str, int]]:
    """Per category: trees, call trees with a right-function response, trees with a
    pair, pairs."""
    category = {s.id: s.meta.get("category", "?") for s in samples}
    expects_call = {s.id: s.expects_call for s in samples}
    paired = Counter(p.sample_id for p in pairs)
    rows: dict[str, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(("trees", "right_function", "with_pair", "pairs"), 0))
    for tree in trees:
        sid = tree["sample_id"]
        row = rows[category[sid]]
        row["trees"] += 1
        row["right_function"] += expects_call[sid] and any(
            o["dimensions"]["function_name"] for o in leaves(tree["root"]))
        row["with_pair"] += sid in paired
        row["pairs"] += paired[sid]
    return dict(sorted(rows.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-dir", required=True, help="a run's round_K directory")
    parser.add_argument("--model", help="model to search with (default: the round's start)")
    parser.add_argument("--config", default=str(ROOT / "benchmarks/outcome.yaml"))
    parser.add_argument("--categories", default="", help="only these sample categories")
    parser.add_argument("--budget", action="append", default=[],
                        help="search fields to change, e.g. k=6 or iterations=10,k=3 "
                             "(repeatable; the config's own budget is always measured first)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from itool.errors import UserError
    from itool.loop.config import resolve_run_config
    from itool.loop.stages import read_samples_jsonl
    from itool.model.load import load_model
    from itool.reward.config import RewardConfig
    from itool.search.run import search_samples

    round_dir = Path(args.round_dir)
    config = resolve_run_config(args.config)
    budgets = [{}] + [parse_budget(b, config.search) for b in args.budget]
    try:
        samples = read_samples_jsonl(round_dir / "selected.jsonl")
    except (OSError, UserError) as err:
        raise SystemExit(f"error: {round_dir}: no readable selected.jsonl ({err})") from None
    wanted = {c for c in args.categories.split(",") if c}
    if wanted:
        samples = [s for s in samples if s.meta.get("category") in wanted]
    if not samples:
        raise SystemExit(f"error: {round_dir}: no selected sample in {sorted(wanted)}")
    name, _, number = round_dir.name.partition("_")
    if name != "round" or not number.isdigit():
        raise SystemExit(f"error: {round_dir}: expected a run's round_K directory")
    index = int(number)
    # A later round starts from the best model so far, which the directory does not
    # say; round 1 from the run's own warmup model, when it trained one.
    start = args.model or str(round_dir.parent / "warmup/model")
    if not Path(start).is_dir() or (index > 1 and not args.model):
        raise SystemExit(f"error: {round_dir}: pass --model, the model the round started from")
    model, tokenizer = load_model(start)

    results = []
    for changes in budgets:
        search = replace(config.search, **changes)
        started = time.perf_counter()
        found = search_samples(model, tokenizer, samples, search, index,
                               reward=RewardConfig(semantic=config.semantic))
        seconds = time.perf_counter() - started
        row = {"budget": changes or "config", "seconds": round(seconds, 1),
               "generated_tokens": found.stats["generated_tokens"], "pairs": len(found.pairs),
               "categories": tally(samples, found.trees, found.pairs)}
        results.append(row)
        print(json.dumps(row), flush=True)
    report = {"round_dir": str(round_dir), "model": start, "samples": len(samples),
              "search": {f.name: getattr(config.search, f.name) for f in fields(config.search)},
              "results": results}
    if not args.no_write:
        out = ROOT / "docs/results/search_budget.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
