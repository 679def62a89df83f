"""The search stage: samples in, trees and preference pairs out.

Samples are searched in groups of ``tree_batch`` trees (all trees of a group step
together when ``batch_trees`` is on). With a ``parts_dir`` each finished group is saved
there at once, and a later call skips groups already saved: a search interrupted
at any point resumes where it stopped, and because every tree's seed comes from the
run seed and its sample id, the result equals that of an uninterrupted search.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from itool.loop.files import read_jsonl, write_jsonl
from itool.model.prompt import target_text
from itool.records import PreferencePair, Sample
from itool.reward.config import RewardConfig
from itool.search.config import SearchConfig
from itool.search.environment import ToolCallEnvironment
from itool.search.mcts import Tree, derive_seed, run_search
from itool.search.pairs import (
    Miss,
    balance_kinds,
    balance_shapes,
    call_cut,
    dedupe,
    needs_reference,
    reference_pair,
    strongest,
    tree_pairs,
)
from itool.search.sampler import PromptCachedSampler


@dataclass
class SearchResult:
    """Trees (as plain dicts), the deduplicated pairs, and what the search cost."""

    trees: list[dict[str, Any]]
    pairs: list[PreferencePair]
    stats: dict[str, Any] = field(default_factory=dict)


def tree_record(tree: Tree) -> dict[str, Any]:
    """One line of ``trees.jsonl.gz``."""
    return {
        "sample_id": tree.problem.sample.id,
        "seed": tree.seed,
        "iterations": tree.iterations_done,
        "expansions": tree.expansions,
        "backups": tree.backups,
        "nodes": sum(1 for _ in tree.nodes()),
        "root": tree.root.to_dict(),
    }


def search_samples(model, tokenizer, samples: Sequence[Sample], config: SearchConfig,
                   round_index: int = 0, parts_dir: str | Path | None = None,
                   reward: RewardConfig | None = None, progress: bool = True) -> SearchResult:
    """Search every sample and collect the pairs of its tree (see module docs).
    ``reward`` configures the scoring of finished responses (default: the reward's
    defaults)."""
    started = time.perf_counter()
    sampler = PromptCachedSampler(model, tokenizer, reuse_prompt=config.reuse_prompt,
                                  cache_size=config.tree_batch)
    env = ToolCallEnvironment(sampler, config, reward)
    groups = [list(samples[i:i + config.tree_batch])
              for i in range(0, len(samples), config.tree_batch)]
    trees: list[dict[str, Any]] = []
    pairs: list[PreferencePair] = []
    resumed = 0
    bar = tqdm(total=len(samples) * config.iterations, desc="search", unit="tree-iteration",
               disable=not progress)
    for index, group in enumerate(groups):
        part = Path(parts_dir) / f"part-{index:05d}.jsonl.gz" if parts_dir else None
        saved = _load_part(part, group)
        if saved is None:
            searched = [Tree(problem=env.problem(s), seed=derive_seed(config.seed, s.id))
                        for s in group]
            run_search(searched, env, config.mcts(), progress=bar.update)
            saved = ([tree_record(t) for t in searched],
                     group_pairs(searched, env, config, round_index))
            if part is not None:
                write_jsonl(part, [{"trees": saved[0], "pairs": [p.to_dict() for p in saved[1]]}])
        else:
            resumed += len(group)
            bar.update(len(group) * config.iterations)
        trees.extend(saved[0])
        pairs.extend(saved[1])
    bar.close()
    by_id = {s.id: s for s in samples}
    pairs = round_pairs(pairs, {i: s.expects_call for i, s in by_id.items()}, config)
    seconds = time.perf_counter() - started
    work = sampler.stats
    stats = {
        "samples": len(samples),
        "resumed_samples": resumed,
        "nodes": sum(t["nodes"] for t in trees),
        "expansions": sum(t["expansions"] for t in trees),
        "responses_scored": env.scored,
        "pairs": len(pairs),
        "reference_pairs": sum(p.prefix + p.chosen == target_text(by_id[p.sample_id])
                               for p in pairs) if config.reference_fallback else 0,
        "seconds": seconds,
        "encoded_tokens": work.encoded_tokens,
        "generated_tokens": work.generated_tokens,
        "forward_passes": work.forward_passes,
        "generation_seconds": work.seconds,
        "generated_tokens_per_second": work.generated_tokens / work.seconds if work.seconds else 0,
        "reuse_prompt": sampler.reuse_prompt,
        "batch_trees": config.batch_trees,
    }
    return SearchResult(trees=trees, pairs=pairs, stats=stats)


def round_pairs(pairs: list[PreferencePair], expects_call: dict[str, bool],
                config: SearchConfig) -> list[PreferencePair]:
    """The pairs a round keeps of all its trees' pairs: repeats dropped, then the
    round-wide rules in order: ``finished_rejected``, ``pair_balance`` by the samples'
    kind (``expects_call`` by sample id), ``shape_balance``, and the ``max_pairs``
    widest gaps."""
    pairs = dedupe(pairs)
    if config.finished_rejected:
        pairs = [p for p in pairs if p.rejected_finishes]
    if config.pair_balance != "none":
        pairs = balance_kinds(pairs, expects_call, config.pair_balance)
    if config.shape_balance:
        pairs = balance_shapes(pairs)
    return strongest(pairs, config.max_pairs)


def group_pairs(trees: list[Tree], env: ToolCallEnvironment, config: SearchConfig,
                round_index: int) -> list[PreferencePair]:
    """The pairs of a group of searched trees: each tree's widest ``max_pairs_per_tree``
    sibling pairs, or with ``reference_fallback`` its reference pair when it needs one
    (see :mod:`itool.search.pairs`); the references are scored like any response."""
    per_tree = [strongest(tree_pairs(t, config, round_index), config.max_pairs_per_tree)
                for t in trees]
    if config.reference_fallback:
        needy = [i for i, (t, p) in enumerate(zip(trees, per_tree, strict=True))
                 if needs_reference(t, p)]
        outcomes = env.score([(trees[i].problem, target_text(trees[i].problem.sample))
                              for i in needy])
        misses = (greedy_misses([trees[i] for i in needy], env)
                  if config.reference_rejected == "greedy" else [None] * len(needy))
        cuts = (cut_misses([trees[i] for i in needy], misses, env)
                if config.reference_cut == "calls" else [None] * len(needy))
        for i, outcome, miss, cut in zip(needy, outcomes, misses, cuts, strict=True):
            pair = cut and reference_pair(trees[i], outcome, config, round_index, cut)
            pair = pair or reference_pair(trees[i], outcome, config, round_index, miss)
            per_tree[i] = [pair] if pair else []
    return [p for pairs in per_tree for p in pairs]


def greedy_misses(trees: list[Tree], env: ToolCallEnvironment,
                  prefixes: list[str] | None = None) -> list[Miss]:
    """The model's greedy continuations of ``prefixes`` (default: its greedy answers)
    to the trees' samples, scored like any response (prefix included)."""
    prefixes = prefixes if prefixes is not None else [""] * len(trees)
    answers = env.greedy([t.problem for t in trees], prefixes)
    texts = [prefix + a.text for prefix, a in zip(prefixes, answers, strict=True)]
    outcomes = env.score([(t.problem, text) for t, text in zip(trees, texts, strict=True)])
    return [Miss(text, o, a.finished, prefix or None)
            for text, o, a, prefix in zip(texts, outcomes, answers, prefixes, strict=True)]


def cut_misses(trees: list[Tree], misses: list[Miss], env: ToolCallEnvironment) -> list[Miss | None]:
    """For each greedy answer that writes fewer calls than the reference, the model's
    greedy continuation of the reference's first calls (:func:`~itool.search.pairs.call_cut`);
    None for the others, and where the cut leaves no tokens to continue."""
    cuts = [call_cut(target_text(t.problem.sample), m.text) for t, m in zip(trees, misses, strict=True)]
    todo = [i for i, (t, cut) in enumerate(zip(trees, cuts, strict=True))
            if cut is not None and not env.is_terminal(t.problem, cut)]
    continued = greedy_misses([trees[i] for i in todo], env, [cuts[i] for i in todo])
    out: list[Miss | None] = [None] * len(trees)
    for i, miss in zip(todo, continued, strict=True):
        out[i] = miss
    return out


def _load_part(part: Path | None, group: list[Sample]):
    """A saved group's (trees, pairs), if it exists and holds exactly this group."""
    if part is None or not part.is_file():
        return None
    (record,) = read_jsonl(part)
    if [t["sample_id"] for t in record["trees"]] != [s.id for s in group]:
        return None
    return record["trees"], [PreferencePair.from_dict(p) for p in record["pairs"]]


def trl_path(pairs_path: str | Path) -> Path:
    """Where the TRL-ready copy of a pairs file goes: ``pairs.jsonl`` ->
    ``pairs.trl.jsonl``."""
    path = Path(pairs_path)
    return path.with_name(f"{path.stem}.trl{path.suffix or '.jsonl'}")


def write_pairs(path: str | Path, pairs: Sequence[PreferencePair], tokenizer) -> None:
    """Write ``pairs`` as itool records (what ``itool optimize --pairs`` reads), and
    beside them the same pairs in TRL's text columns (``prompt`` with the chat
    template applied and the response prefix appended, ``chosen``, ``rejected``, and
    metadata), via :func:`itool.train.preference.pairs_to_dataset`."""
    from itool.train.preference import pairs_to_dataset

    write_jsonl(path, [p.to_dict() for p in pairs])
    rows = pairs_to_dataset(list(pairs), tokenizer).to_list() if pairs else []
    write_jsonl(trl_path(path), rows)
