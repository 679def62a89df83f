"""The MCTS algorithm on a small deterministic environment (no model): tree
statistics, depth limit, PUCT preferences, determinism, and batching across trees."""

from __future__ import annotations

import random

import pytest

from itool.search.mcts import (
    Continuation,
    MCTSConfig,
    Outcome,
    Tree,
    derive_seed,
    insert,
    puct,
    run_search,
    step_logprobs,
)


class GuessWord:
    """Write a word of ``length`` letters from ``alphabet``, one letter per step; the
    reward is the share of letters that match the problem's word, scaled to [-1, 1].
    The "policy" draws letters from a seeded RNG with a bias towards ``a``."""

    def __init__(self, length: int = 4, alphabet: str = "ab", bias: float = 0.5):
        self.length, self.alphabet, self.bias = length, alphabet, bias
        self.propose_calls: list[int] = []
        self.score_calls: list[int] = []

    def propose(self, expansions, k):
        self.propose_calls.append(len(expansions))
        out = []
        for request in expansions:
            rng = random.Random(request.seed)
            conts = []
            for _ in range(k):
                letters = [
                    "a" if rng.random() < self.bias else rng.choice(self.alphabet)
                    for _ in range(self.length - len(request.prefix))
                ]
                conts.append(Continuation(
                    text="".join(letters),
                    token_logprobs=[-0.5 if c == "a" else -1.5 for c in letters],
                    token_ends=list(range(1, len(letters) + 1)),
                ))
            out.append(conts)
        return out

    def split(self, problem, prefix, text):
        return list(text)

    def score(self, items):
        self.score_calls.append(len(items))
        return [
            Outcome(value=2 * sum(a == b for a, b in zip(word, response, strict=False)) / len(word) - 1,
                    info={"response": response})
            for word, response in items
        ]

    def is_terminal(self, problem, prefix):
        return len(prefix) >= self.length


def check_statistics(tree: Tree) -> None:
    """Every node: visits = its own ends + its children's visits; value_sum = the sum
    of the rewards backed up through it (ends × own reward + children's sums)."""
    for node in tree.nodes():
        own = node.ends * (node.outcome.value if node.outcome else 0.0)
        assert node.visits == node.ends + sum(c.visits for c in node.children)
        assert node.value_sum == pytest.approx(own + sum(c.value_sum for c in node.children))
        if node.visits:
            assert node.value == pytest.approx(node.value_sum / node.visits)
        for child in node.children:
            assert child.prefix == node.prefix + child.text
            assert child.depth == node.depth + 1


def search(words, config, env=None, seed=0):
    env = env or GuessWord()
    trees = [Tree(problem=w, seed=derive_seed(seed, i)) for i, w in enumerate(words)]
    run_search(trees, env, config)
    return trees, env


def test_statistics_are_consistent_and_root_counts_every_backup():
    config = MCTSConfig(iterations=6, k=3, depth=4)
    trees, _ = search(["abba", "baab"], config)
    for tree in trees:
        check_statistics(tree)
        assert tree.iterations_done == 6
        assert tree.root.visits == tree.backups
        # The first iteration expands the root: k rollouts; later ones add k or 1.
        assert tree.backups >= 3 + 5
        leaves = list(tree.root.leaves())
        assert leaves and all(len(n.prefix) == 4 for n in leaves)
        expected = sum(n.ends * n.outcome.value for n in leaves) / tree.root.visits
        assert tree.root.value == pytest.approx(expected)


def test_depth_limit_merges_deeper_steps():
    config = MCTSConfig(iterations=8, k=2, depth=2)
    trees, _ = search(["abab"], config)
    nodes = list(trees[0].nodes())
    assert max(n.depth for n in nodes) == 2
    deepest = [n for n in nodes if n.depth == 2]
    assert all(len(n.text) == 3 and n.outcome is not None for n in deepest)
    assert not any(n.expanded for n in deepest)


def test_search_is_deterministic_given_seeds_and_independent_of_batching():
    config = MCTSConfig(iterations=5, k=3, depth=3)
    a, env_a = search(["abba", "bbbb", "aaab"], config)
    b, env_b = search(["abba", "bbbb", "aaab"], MCTSConfig(iterations=5, k=3, depth=3,
                                                         batch_trees=False))
    assert [t.root.to_dict() for t in a] == [t.root.to_dict() for t in b]
    # Batched: one propose call per iteration holds every tree that expands.
    assert len(env_a.propose_calls) <= 5 and max(env_a.propose_calls) == 3
    assert all(n == 1 for n in env_b.propose_calls)
    c, _ = search(["abba", "bbbb", "aaab"], config, seed=1)
    assert [t.root.to_dict() for t in a] != [t.root.to_dict() for t in c]


def test_puct_concentrates_visits_on_the_better_branch():
    # Target "aaaa": the "a" child of the root earns more and gets more visits.
    config = MCTSConfig(iterations=30, k=4, depth=4, exploration=0.5)
    trees, _ = search(["aaaa"], config, env=GuessWord(bias=0.0))
    root = trees[0].root
    a, b = root.child("a"), root.child("b")
    assert a is not None and b is not None
    assert a.value > b.value and a.visits > b.visits
    check_statistics(trees[0])


def test_without_revisits_every_iteration_expands_while_the_tree_has_room():
    # With revisits, PUCT walks back to finished responses in 2 of the 6 iterations
    # (a revisit samples nothing new); without, each of the 6 samples k continuations.
    def run(revisit: bool):
        config = MCTSConfig(iterations=6, k=2, depth=4, revisit=revisit)
        return search(["abab"], config)[0][0]

    again, fresh = run(True), run(False)
    assert again.expansions < 6
    assert fresh.expansions == 6 and fresh.backups == 6 * 2
    check_statistics(fresh)


def test_without_revisits_a_spent_tree_still_completes_its_iterations():
    # Words of two letters from "ab", depth 2: at most 1 + 2 expansions, then revisits.
    config = MCTSConfig(iterations=8, k=2, depth=2, revisit=False)
    tree = search(["ab"], config, env=GuessWord(length=2))[0][0]
    assert tree.iterations_done == 8 and tree.expansions <= 3
    assert not any(n.outcome is None and not n.expanded and not n.children
                   for n in tree.nodes() if n.depth < 2)
    check_statistics(tree)


def test_puct_prefers_prior_when_values_tie():
    tree = Tree(problem="x", seed=0)
    low = insert(tree.root, Continuation("x", [-3.0], [1]), ["x"], depth=3)
    high = insert(tree.root, Continuation("y", [-0.1], [1]), ["y"], depth=3)
    for node in (low, high):
        node.visits, node.value_sum = 1, 0.0
    tree.root.visits = 2
    assert puct(tree.root, exploration=1.0) is high
    assert puct(tree.root, exploration=0.0) is low  # no exploration: first on ties


def test_insert_shares_common_steps_and_step_logprobs_follow_tokens():
    tree = Tree(problem="x", seed=0)
    first = insert(tree.root, Continuation("ab", [-1.0, -2.0], [1, 2]), ["a", "b"], depth=5)
    second = insert(tree.root, Continuation("ac", [-1.0, -0.5], [1, 2]), ["a", "c"], depth=5)
    assert len(tree.root.children) == 1 and first.parent is second.parent
    cont = Continuation("abc de", [-1.0, -2.0, -3.0], [2, 4, 6])  # "ab", "c ", "de"
    assert step_logprobs(cont, ["abc ", "de"]) == [-3.0, -3.0]
    with pytest.raises(ValueError):
        insert(tree.root, Continuation("ab"), ["a"], depth=5)


def test_config_rejects_nonsense():
    with pytest.raises(ValueError):
        MCTSConfig(k=0)
    with pytest.raises(ValueError):
        MCTSConfig(exploration=-1)
