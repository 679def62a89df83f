"""Options of the search stage: the tree search, the policy's sampling, the two speed
levers, and which sibling branches become preference pairs.

Defaults follow the original iTool code where it has them (5 iterations, 3
continuations per expansion, depth 3, exploration 1.0, pair thresholds 0.1 / -0.3),
with two CPU-sized exceptions noted on the fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from itool.config import option
from itool.search.mcts import MCTSConfig

PAIR_LEVELS = ("step", "full")
PAIR_BALANCES = ("none", "kind", "calls")
REFERENCE_REJECTED = ("worst", "nearest", "greedy")
REFERENCE_CUTS = ("none", "calls")


@dataclass
class SearchConfig:
    """How samples are searched and how pairs are drawn from the trees."""

    iterations: int = option(5, "MCTS iterations per sample (tree)")
    k: int = option(3, "continuations sampled per expansion")
    depth: int = option(3, "steps below the root that can be expanded; deeper steps are merged")
    exploration: float = option(1.0, "PUCT exploration weight")
    revisit: bool = option(
        True, "selection may walk back to a finished response and back up its reward again "
        "(the original iTool's MCTS); false: only into subtrees with something left to "
        "expand, so each iteration samples new continuations while the tree has room")
    temperature: float = option(
        1.0, "sampling temperature (the original iTool uses 1.5 with 8B models)")
    top_p: float = option(0.95, "nucleus sampling threshold")
    max_new_tokens: int = option(128, "longest response in tokens (prefix + continuation)")
    seed: int = option(0, "seed of every tree's sampling (with the sample id)")
    reuse_prompt: bool = option(
        True, "speed lever (a): encode each tree's prompt once and reuse its KV cache "
        "(ignored for models with sliding-window layers, such as Gemma 3)")
    batch_trees: bool = option(
        True, "speed lever (b): expand many trees in one batched model call")
    tree_batch: int = option(
        8, "trees searched together (lever b), and the unit saved for --resume")
    pair_level: str = option(
        "step", "pairs of step fragments (step) or of completed responses (full)",
        choices=PAIR_LEVELS)
    min_value_gap: float = option(0.1, "least value difference between chosen and rejected")
    min_chosen_value: float = option(-0.3, "least value of the chosen branch")
    max_overlap: float = option(
        0.95, "most textual similarity (difflib ratio) between chosen and rejected")
    max_pairs: int = option(0, "keep at most this many pairs, largest value gap first (0: all)")
    max_pairs_per_tree: int = option(
        0, "keep at most this many pairs of each tree, largest value gap first (0: all); "
        "stops trees with wide gaps (text replies against calls) from dominating a round")
    reference_fallback: bool = option(
        False, "a tree with no pair and no excellent response pairs the sample's reference "
        "answer (chosen) with its worst response (rejected); without it the deficiencies "
        "the model never samples right (e.g. several parallel calls) get no pair")
    reference_prefix: bool = option(
        False, "a reference pair starts where its rejected response leaves the reference "
        "answer: the whole steps both begin with become the pair's prefix, so the pair "
        "contrasts the fragment the model gets wrong instead of two whole responses "
        "(whose shared, right arguments the rejected side would push down too)")
    reference_rejected: str = option(
        "worst", "the rejected side of a reference pair: the tree's worst response, or its "
        "nearest miss (its best response, none being excellent); the worst one is mostly "
        "unreadable, so the pair teaches to avoid garbage, which a short call does; the "
        "nearest miss is a well-formed call with a wrong value or a missing argument or call; "
        "greedy: the model's own greedy answer (generated for the pair, its tokens counted), "
        "the response that BFCL scores, which leaves the reference later than the tree's "
        "sampled ones (a parallel answer that writes the second call's arguments into the first)",
        choices=REFERENCE_REJECTED)
    reference_cut: str = option(
        "none", "calls: when the greedy answer writes fewer calls than the reference (one "
        "of two), the reference pair starts after as many of the reference's calls as the "
        "greedy answer wrote, and rejects the model's greedy continuation from there, so "
        "that it contrasts only the missing call (`, g(...)]` against `]`); the others, and "
        "continuations as good as the reference's, keep the ordinary reference pair; needs "
        "reference_fallback and reference_rejected: greedy", choices=REFERENCE_CUTS)
    pair_balance: str = option(
        "none", "kind: keep no more pairs from samples answered in text (irrelevance, a "
        "missing parameter) than from samples answered with calls, widest gaps first; "
        "their text-against-call gaps are the widest, and unbalanced they teach the model "
        "to stop calling; calls: keep only the pairs of samples answered with calls",
        choices=PAIR_BALANCES)
    shape_balance: bool = option(
        False, "keep as many pairs whose chosen side writes more calls, or more arguments "
        "per call, than its rejected side as pairs whose chosen side writes fewer (the "
        "widest gaps of the larger side): a 135M model learns the shape a round's pairs "
        "prefer on every request; after rounds that prefer more calls it repeats single "
        "calls or closes them after their first argument")
    finished_rejected: bool = option(
        False, "keep only the pairs whose rejected side ended within max_new_tokens, none "
        "that set a chosen side that ends against an answer the budget cut off (one that "
        "runs on); in docs/RESULTS.md item 45 it did not stop rounds shortening answers")

    def __post_init__(self) -> None:
        self.mcts()  # validates iterations, k, depth, exploration
        if self.max_new_tokens < 1 or self.tree_batch < 1:
            raise ValueError("max_new_tokens and tree_batch must be at least 1")
        if not 0.0 < self.top_p <= 1.0:
            raise ValueError(f"top_p must be in (0, 1], got {self.top_p}")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature}")
        if self.reference_cut != "none" and not (
                self.reference_fallback and self.reference_rejected == "greedy"):
            raise ValueError("reference_cut: calls cuts the reference pairs that reject the "
                             "greedy answer: set reference_fallback: true and "
                             "reference_rejected: greedy as well")

    def mcts(self) -> MCTSConfig:
        return MCTSConfig(iterations=self.iterations, k=self.k, depth=self.depth,
                          exploration=self.exploration, batch_trees=self.batch_trees,
                          revisit=self.revisit)
