"""Preference pairs from sibling branches of a search tree.

At every node with two or more children, the best-valued child is *chosen* and the
worst-valued one *rejected*, if the pair is informative: their values differ by at
least ``min_value_gap``, the chosen one is worth at least ``min_chosen_value``, and the
two texts are not near-copies (difflib ratio at most ``max_overlap``). The prompt is
the sample's conversation plus the response prefix at the node, so both sides continue
the same text:

* step level (default): chosen/rejected are the two step fragments, the smallest
  difference the search found (a wrong argument value against a right one);
* full level: the completed responses through them (best and worst below each side).

With ``reference_fallback`` a tree that gives no pair although none of its responses
is excellent (every branch equally wrong: a 135M model asked for two parallel calls
writes one in all of them) pairs the sample's reference answer, chosen, with the
tree's worst response, rejected (:func:`reference_pair`); otherwise such a deficiency
never reaches the optimiser. ``reference_rejected: nearest`` rejects the tree's best
response instead, the model's nearest miss; ``greedy`` rejects the model's greedy
answer, which the search stage generates for the trees that need a reference pair
(:func:`itool.search.run.group_pairs`). The original iTool code pairs tree branches
only. With ``reference_prefix`` as well, the steps the two share become the
pair's prefix, as in a sibling pair, so that only the fragment where the response goes
wrong is contrasted. With ``reference_cut: calls`` a greedy answer that writes fewer
calls than the reference is not rejected itself: the model continues the reference's
first calls (:func:`call_cut`) greedily, and that continuation is rejected, so that the
pair contrasts the missing call alone, where the greedy answer may have gone wrong
earlier as well.

Pairs are :class:`~itool.records.PreferencePair` records, written one ``to_dict()`` per
line; :func:`itool.train.preference.pairs_to_dataset` turns them into TRL's
``prompt``/``chosen``/``rejected`` text columns.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from itool.codec import ParseError, parse_python_calls
from itool.eval.decode import calls_written
from itool.model.prompt import prompt_messages, target_text
from itool.records import PreferencePair
from itool.search.config import SearchConfig
from itool.search.mcts import Node, Outcome, Tree
from itool.search.shape import push
from itool.search.steps import split_continuation


def overlap(a: str, b: str) -> float:
    """Textual similarity in [0, 1] (difflib's ratio)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _extreme_leaf(node: Node, best: bool) -> Node:
    leaves = list(node.leaves())
    key = (lambda n: n.outcome.value)  # noqa: E731 - a one-line key
    return max(leaves, key=key) if best else min(leaves, key=key)


def node_pair(node: Node, config: SearchConfig) -> tuple[Node, Node, Node, Node] | None:
    """``(chosen child, rejected child, chosen leaf, rejected leaf)`` at ``node``, or
    None when the siblings do not make an informative pair."""
    if len(node.children) < 2:
        return None
    chosen = max(node.children, key=lambda c: c.value)
    rejected = min(node.children, key=lambda c: c.value)
    if chosen is rejected:
        return None
    if chosen.value - rejected.value < config.min_value_gap:
        return None
    if chosen.value < config.min_chosen_value:
        return None
    return chosen, rejected, _extreme_leaf(chosen, best=True), _extreme_leaf(rejected, best=False)


def tree_pairs(tree: Tree, config: SearchConfig, round_index: int) -> list[PreferencePair]:
    """Every informative pair in one tree (its problem must carry a ``sample``)."""
    sample = tree.problem.sample
    messages = prompt_messages(sample)
    pairs = []
    for node in tree.nodes():
        found = node_pair(node, config)
        if found is None:
            continue
        chosen, rejected, chosen_leaf, rejected_leaf = found
        if config.pair_level == "step":
            texts = (chosen.text, rejected.text)
            finishes = (chosen.finished and chosen.outcome is not None,
                        rejected.finished and rejected.outcome is not None)
        else:
            start = len(node.prefix)
            texts = (chosen_leaf.prefix[start:], rejected_leaf.prefix[start:])
            finishes = (chosen_leaf.finished, rejected_leaf.finished)
        if not texts[0].strip() or not texts[1].strip():
            continue
        if overlap(*texts) > config.max_overlap:
            continue
        pairs.append(PreferencePair(
            prompt=messages,
            prefix=node.prefix,
            chosen=texts[0],
            rejected=texts[1],
            chosen_value=chosen.value,
            rejected_value=rejected.value,
            sample_id=sample.id,
            round=round_index,
            chosen_dimensions=chosen_leaf.outcome.info.get("dimensions", {}),
            rejected_dimensions=rejected_leaf.outcome.info.get("dimensions", {}),
            chosen_grade=chosen_leaf.outcome.info.get("grade"),
            rejected_grade=rejected_leaf.outcome.info.get("grade"),
            chosen_finishes=finishes[0],
            rejected_finishes=finishes[1],
        ))
    return pairs


def needs_reference(tree: Tree, pairs: list[PreferencePair]) -> bool:
    """Whether a tree is a fallback case: no pair, and no excellent response in it."""
    leaves = list(tree.root.leaves())
    return (not pairs and bool(leaves)
            and all(leaf.outcome.info.get("grade") != "excellent" for leaf in leaves))


def shared_steps(reference: str, response: str) -> str:
    """The whole steps (:func:`~itool.search.steps.split_continuation`) that both texts
    begin with, short of either text's last step, so that each side keeps at least
    one: ``'[f(a=1, '`` for ``'[f(a=1, b=2)]'`` and a response ``'[f(a=1, b=2, b=2'``,
    whose third steps differ (``'b=2'`` against ``'b=2, '``)."""
    shared = ""
    ours, theirs = split_continuation("", reference), split_continuation("", response)
    for mine, other in zip(ours[:-1], theirs[:-1], strict=False):
        if mine != other:
            break
        shared += mine
    return shared


@dataclass(frozen=True)
class Miss:
    """A completed response that a reference pair rejects, with its score, and whether
    the policy ended it (False: the token budget did). ``prefix``: the start of the
    reference answer that the model continued to write ``text`` (:func:`call_cut`),
    which becomes the pair's prefix; None for a response from scratch."""

    text: str
    outcome: Outcome
    finished: bool
    prefix: str | None = None


def call_cut(answer: str, response: str) -> str | None:
    """The reference ``answer`` through as many of its calls as ``response`` writes,
    when that is fewer than it has and at least one: ``'[f(a=1)'`` for
    ``'[f(a=1), g(b=2)]'`` and a response ``'[f(a=2, b=2)]'``; else None. Where the
    model continues this text with ``]``, the call it leaves out is its deficiency."""
    written = calls_written(response)
    try:
        spans = [span for _, span in parse_python_calls(answer)]
    except ParseError:  # a text reply, not calls
        return None
    if not 0 < written < len(spans):
        return None
    return answer[:spans[written - 1].end]


def tree_miss(tree: Tree, config: SearchConfig) -> Miss:
    """The tree's response a reference pair rejects: its best (``reference_rejected:
    nearest``) or its worst completed one."""
    leaf = _extreme_leaf(tree.root, best=config.reference_rejected == "nearest")
    return Miss(leaf.prefix, leaf.outcome, leaf.finished)


def reference_pair(tree: Tree, reference: Outcome, config: SearchConfig,
                   round_index: int, miss: Miss | None = None) -> PreferencePair | None:
    """The sample's reference answer (scored as ``reference``) chosen over ``miss``
    (default: the tree's, :func:`tree_miss`; the greedy answer is the caller's to
    generate), both whole responses from the root; None when they are not an
    informative pair by the same gap and overlap thresholds as sibling pairs."""
    sample = tree.problem.sample
    if miss is None:
        if config.reference_rejected == "greedy":
            raise ValueError("reference_rejected: greedy needs the greedy answer as `miss`")
        miss = tree_miss(tree, config)
    answer = target_text(sample)
    if miss.prefix is not None:
        prefix = miss.prefix
    else:
        prefix = shared_steps(answer, miss.text) if config.reference_prefix else ""
    chosen, rejected = answer[len(prefix):], miss.text[len(prefix):]
    if reference.value - miss.outcome.value < config.min_value_gap:
        return None
    if not rejected.strip() or overlap(chosen, rejected) > config.max_overlap:
        return None
    return PreferencePair(
        prompt=prompt_messages(sample),
        prefix=prefix,
        chosen=chosen,
        rejected=rejected,
        chosen_value=reference.value,
        rejected_value=miss.outcome.value,
        sample_id=sample.id,
        round=round_index,
        chosen_dimensions=reference.info.get("dimensions", {}),
        rejected_dimensions=miss.outcome.info.get("dimensions", {}),
        chosen_grade=reference.info.get("grade"),
        rejected_grade=miss.outcome.info.get("grade"),
        chosen_finishes=True,
        rejected_finishes=miss.finished,
    )


def dedupe(pairs: Iterable[PreferencePair]) -> list[PreferencePair]:
    """Drop repeats of (sample, prefix, chosen, rejected), keeping the first."""
    seen, out = set(), []
    for pair in pairs:
        key = (pair.sample_id, pair.prefix, pair.chosen, pair.rejected)
        if key not in seen:
            seen.add(key)
            out.append(pair)
    return out


def strongest(pairs: list[PreferencePair], limit: int) -> list[PreferencePair]:
    """At most ``limit`` pairs (0: all), those with the largest value gaps, in their
    original order."""
    if not limit or len(pairs) <= limit:
        return pairs
    ranked = sorted(range(len(pairs)),
                    key=lambda i: pairs[i].rejected_value - pairs[i].chosen_value)
    keep = set(ranked[:limit])
    return [p for i, p in enumerate(pairs) if i in keep]


def balance_kinds(pairs: list[PreferencePair], expects_call: dict[str, bool],
                  balance: str = "kind") -> list[PreferencePair]:
    """Pairs kept by the kind of their sample (``expects_call`` by sample id), in their
    original order; ``balance`` as in ``search.pair_balance``: ``"kind"`` keeps at most
    as many pairs from samples answered in text as from samples answered with calls
    (the widest-gap text pairs), ``"calls"`` none from samples answered in text."""
    calls = [p for p in pairs if expects_call[p.sample_id]]
    text = [p for p in pairs if not expects_call[p.sample_id]]
    text = strongest(text, len(calls)) if calls and balance == "kind" else []
    keep = {id(p) for p in calls + text}
    return [p for p in pairs if id(p) in keep]


def balance_shapes(pairs: list[PreferencePair]) -> list[PreferencePair]:
    """Pairs kept so that as many push the answer's shape up (more calls, or more
    arguments per call, on the chosen side) as down (:func:`itool.search.shape.push`):
    the direction with more pairs keeps its widest gaps; pairs that do not push the
    shape are all kept. In their original order."""
    pushes = [push(p.prefix, p.chosen, p.rejected) for p in pairs]
    up = [p for p, d in zip(pairs, pushes, strict=True) if d > 0]
    down = [p for p, d in zip(pairs, pushes, strict=True) if d < 0]
    level = min(len(up), len(down))
    keep = {id(p) for p, d in zip(pairs, pushes, strict=True) if d == 0}
    keep |= {id(p) for p in strongest(up, level) + strongest(down, level)} if level else set()
    return [p for p in pairs if id(p) in keep]
