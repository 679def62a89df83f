"""Select the samples the model has not mastered yet: the ones each round searches.

Two ways, as in iTool:

* ``failure`` (default): answer greedily; a sample whose answer scores ``q`` below
  ``q_threshold`` is not mastered. The lowest-scoring come first, and with ``balance:
  category`` (the default) the categories take turns: a call made where a text reply
  was expected scores lowest of all, and ranked by ``q`` alone those samples crowded
  every call sample out of a round (27 of 32 selected, in a 135M model's first round).
* ``perplexity``: the perplexity of the reference answer under the model; the highest
  come first, taken separately from samples that call tools and samples that answer in
  text (each group contributes its own ``ratio``), as the original code does.

At most ``ratio`` of the examined pool (per group, for perplexity) and at most
``limit`` samples are kept. ``pool`` > 0 examines a seeded random subset of the
training data each round instead of all of it.

Two refinements aim a round at what its pairs can teach. ``kinds: calls`` selects only
samples whose reference answer calls tools: with ``search.pair_balance: calls`` the
pairs of the others are dropped, and selecting them spent a third of a round's slots on
nothing. ``prefer: missing_calls`` (failure) puts first, within each category, the greedy
answers that write fewer calls than the reference: a parallel answer that stops after
one call or writes the second call's arguments into the first, which a lowest-``q``
order ranks behind answers that call the wrong function. ``categories`` narrows the
examined samples to some categories of the training data (say the multi-call ones a
warmup left unmastered), so that a round spends its search on them alone.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from itool.config import option
from itool.data.categories import sample_category
from itool.errors import UserError
from itool.eval.decode import calls_written
from itool.loop.evaluate import Answer, greedy_answers
from itool.model.prompt import prompt_messages, render_completion, render_messages, target_text
from itool.records import Sample
from itool.search.mcts import derive_seed

METHODS = ("failure", "perplexity")
BALANCES = ("category", "none")
KINDS = ("all", "calls")
PREFERENCES = ("none", "missing_calls")


@dataclass
class SelectConfig:
    """How the unmastered samples of a round are chosen."""

    method: str = option("failure", "failure (greedy answer scored) or perplexity",
                         choices=METHODS)
    q_threshold: float = option(
        0.8, "failure: a greedy answer scoring below this is not mastered (0.8: below excellent)")
    ratio: float = option(0.3, "at most this share of the examined samples is selected")
    limit: int = option(0, "at most this many samples per round (0: no limit)")
    pool: int = option(0, "examine a random subset of this many training samples (0: all)")
    max_new_tokens: int = option(96, "failure: longest greedy answer in tokens")
    balance: str = option(
        "category", "failure: categories take turns (category) or lowest q first overall (none)",
        choices=BALANCES)
    kinds: str = option(
        "all", "samples that may be selected: all, or calls (only those whose reference answer "
        "calls tools; with search.pair_balance: calls the others' pairs are dropped)",
        choices=KINDS)
    prefer: str = option(
        "none", "failure: missing_calls puts the greedy answers that write fewer calls than the "
        "reference first within each category (then lowest q); none: lowest q first",
        choices=PREFERENCES)
    categories: list[str] = option(
        [], "only samples of these categories are examined and selected (say multiple, "
        "parallel and parallel_multiple; the categories `itool data stats` lists); empty: all")
    batch_size: int = option(8, "samples per forward pass")

    def __post_init__(self) -> None:
        if not 0.0 < self.ratio <= 1.0:
            raise ValueError(f"select ratio must be in (0, 1], got {self.ratio}")


@dataclass
class Selection:
    """The selected samples, and one record per examined sample (why or why not)."""

    samples: list[Sample]
    examined: list[dict[str, Any]] = field(default_factory=list)


def in_categories(samples: Sequence[Sample], categories: Sequence[str]) -> list[Sample]:
    """The samples of the given categories (all of them when none are given). A category
    that no sample has is an error, not an empty round: it is most likely misspelt."""
    if not categories:
        return list(samples)
    present = {sample_category(s) for s in samples}
    missing = [c for c in categories if c not in present]
    if missing:
        raise UserError(f"select.categories: no training sample is of category "
                        f"{', '.join(map(repr, missing))} (the training data has: "
                        f"{', '.join(sorted(present))})")
    return [s for s in samples if sample_category(s) in categories]


def examined_pool(samples: Sequence[Sample], config: SelectConfig, seed: int,
                  round_index: int) -> list[Sample]:
    """The samples a round answers: those of ``config.categories``, then a seeded
    subset of ``config.pool`` of them."""
    samples = in_categories(samples, config.categories)
    if not config.pool or config.pool >= len(samples):
        return samples
    rng = random.Random(derive_seed(seed, "select", round_index))
    return rng.sample(samples, config.pool)


def take_turns(items: list, key) -> list:
    """``items`` reordered so that their groups (by ``key``) take turns, each group
    keeping its own order: the first of every group, then the second, and so on.
    Groups go in the order their first item appears."""
    groups: dict[Any, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    out = []
    for rank in range(max((len(g) for g in groups.values()), default=0)):
        out.extend(g[rank] for g in groups.values() if rank < len(g))
    return out


def writes_too_few_calls(answer: Answer) -> bool:
    """Whether the greedy answer is calls, but fewer than the reference answer's (one
    call of two, or both calls' arguments written into one)."""
    return 0 < calls_written(answer.response) < len(answer.sample.target_calls)


def failures_in_order(answers: Sequence[Answer], config: SelectConfig) -> list[Answer]:
    """The answers that are not mastered (and of a selectable kind), in the order they
    are selected: lowest ``q`` first, answers with too few calls before all others with
    ``prefer: missing_calls``, categories taking turns with ``balance: category``."""
    def rank(answer: Answer) -> tuple[bool, float]:
        later = config.prefer == "missing_calls" and not writes_too_few_calls(answer)
        return later, answer.score.q

    failing = sorted((a for a in answers if a.score.q < config.q_threshold
                      and (config.kinds == "all" or a.sample.expects_call)), key=rank)
    if config.balance == "category":
        failing = take_turns(failing, key=lambda a: sample_category(a.sample))
    return failing


def _cap(count: int, config: SelectConfig) -> int:
    keep = math.floor(count * config.ratio)
    return min(keep, config.limit) if config.limit else keep


def select_unmastered(model, tokenizer, samples: Sequence[Sample], config: SelectConfig,
                      seed: int = 0, round_index: int = 1, semantic: str = "model",
                      progress: bool = True) -> Selection:
    """The samples of this round's search (see module docs)."""
    pool = examined_pool(samples, config, seed, round_index)
    if config.method == "failure":
        answers = greedy_answers(model, tokenizer, pool, config.max_new_tokens,
                                 config.batch_size, semantic, progress)
        failing = failures_in_order(answers, config)
        chosen = {a.sample.id for a in failing[:_cap(len(answers), config)]}
        examined = [{**a.to_dict(), "too_few_calls": writes_too_few_calls(a),
                     "selected": a.sample.id in chosen} for a in answers]
        return Selection([a.sample for a in failing if a.sample.id in chosen], examined)

    perplexities = reference_perplexities(model, tokenizer, pool, config.batch_size)
    selected: list[Sample] = []
    for calls in (True,) if config.kinds == "calls" else (True, False):
        group = sorted((p for p in zip(pool, perplexities, strict=True)
                        if p[0].expects_call == calls), key=lambda p: -p[1])
        selected.extend(s for s, _ in group[:math.floor(len(group) * config.ratio)])
    if config.limit:
        selected = selected[:config.limit]
    chosen = {s.id for s in selected}
    examined = [{"id": s.id, "perplexity": p, "expects_call": s.expects_call,
                 "selected": s.id in chosen} for s, p in zip(pool, perplexities, strict=True)]
    return Selection(selected, examined)


@torch.no_grad()
def reference_perplexities(model, tokenizer, samples: Sequence[Sample],
                           batch_size: int = 8) -> list[float]:
    """Perplexity of each sample's reference answer (with its end-of-turn marker)
    given its prompt, batched with right padding."""
    device = next(model.parameters()).device
    rows = []
    for sample in samples:
        messages = prompt_messages(sample)
        prompt = tokenizer.encode(render_messages(messages, tokenizer), add_special_tokens=False)
        answer = tokenizer.encode(render_completion(messages, target_text(sample), tokenizer),
                                  add_special_tokens=False)
        rows.append((prompt, answer))
    out: list[float] = []
    for start in range(0, len(rows), batch_size):
        batch = rows[start:start + batch_size]
        width = max(len(p) + len(a) for p, a in batch)
        ids = torch.full((len(batch), width), tokenizer.pad_token_id, dtype=torch.long)
        mask = torch.zeros_like(ids)
        labels = torch.full_like(ids, -100)
        for i, (prompt, answer) in enumerate(batch):
            seq = prompt + answer
            ids[i, :len(seq)] = torch.tensor(seq)
            mask[i, :len(seq)] = 1
            labels[i, len(prompt):len(seq)] = torch.tensor(answer)
        logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits.float()
        nll = torch.nn.functional.cross_entropy(
            logits[:, :-1].transpose(1, 2), labels[:, 1:].to(device), reduction="none")
        counts = (labels[:, 1:] != -100).sum(dim=1).clamp(min=1).to(device)
        out.extend(torch.exp(nll.sum(dim=1) / counts).tolist())
    return out
