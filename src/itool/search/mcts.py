"""Monte Carlo Tree Search over a policy's own responses, step by step.

The algorithm knows nothing of tool calls. It sees a :class:`SearchEnvironment`
that can (1) sample continuations of partial responses for a batch of nodes, (2) split
a continuation into steps, (3) score finished responses, and (4) say whether a partial
response can still be continued. Everything tool-specific lives behind that interface
(:mod:`itool.search.environment`).

A node is the prompt of its tree plus a partial response (``node.prefix``); an edge is
one step (``node.text``). One iteration of a tree:

* **selection** walks down from the root, picking children by PUCT, with the prior of
  a child being the policy's probability of its step, normalised over its siblings;
* **expansion** samples ``k`` continuations of the selected node in one call and
  inserts each as a chain of step nodes (continuations that start alike share nodes);
  steps past ``depth`` are merged into one final step, so trees stay shallow;
* **simulation** needs no extra call: every continuation is sampled to the end of the
  response (or the token budget), so each chain ends in a finished response;
* **backpropagation** adds each finished response's reward to every node on its path.

If selection reaches a node where a response ends, that response's reward is backed
up again (nothing new is sampled). So ``node.visits`` counts the rewards backed up
through a node and ``node.value`` is their mean; at every node, its own ends plus its
children's visits add up to its visits. Such a revisit adds no information (the
reward of a finished response does not change), and with a small model whose
responses all score alike it is most of what later iterations do. With
``revisit=False`` selection only walks into subtrees that still have a node to
expand, so every iteration samples something new while the tree has room; revisits
happen only once the whole tree is spent.

**Batching across trees.** :func:`run_search` steps many trees in lockstep: iteration
``i`` of every tree goes into one ``propose`` call and one ``score`` call, so the model
works at batch ``trees × k`` instead of ``k``. ``batch_trees=False`` searches the
trees one after another (the original iTool's shape), for measuring the difference.

Deterministic given the trees' seeds: each expansion carries a seed derived from its
tree's seed and the iteration, so results do not depend on which trees share a batch.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol


@dataclass(frozen=True)
class Expansion:
    """A request to sample ``k`` continuations of ``prefix`` for ``problem``."""

    problem: Any
    prefix: str
    seed: int


@dataclass
class Continuation:
    """What the policy wrote after a prefix, with the log-probability of each token
    and where each token ends in ``text`` (character offsets), so that steps can be
    given the probability of the tokens they contain."""

    text: str
    token_logprobs: list[float] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    finished: bool = True  # False: stopped by the token budget, not by the policy


@dataclass
class Outcome:
    """The reward of a finished response (``value``) and anything the environment
    wants kept with it (for tool calls: the five dimensions and the grade)."""

    value: float
    info: dict[str, Any] = field(default_factory=dict)


class SearchEnvironment(Protocol):
    """What MCTS needs from the task and the policy."""

    def propose(self, expansions: Sequence[Expansion], k: int) -> list[list[Continuation]]:
        """``k`` sampled continuations (to the end of the response) per expansion,
        in one batched call."""

    def split(self, problem: Any, prefix: str, text: str) -> list[str]:
        """Steps of ``text`` (a continuation of ``prefix``); they concatenate to
        ``text``."""

    def score(self, items: Sequence[tuple[Any, str]]) -> list[Outcome]:
        """Rewards of finished responses ``(problem, response)``, in one call."""

    def is_terminal(self, problem: Any, prefix: str) -> bool:
        """True if no continuation of ``prefix`` is possible (e.g. budget spent)."""


@dataclass
class MCTSConfig:
    """Options of the search algorithm itself (sampling options belong to the
    environment's policy; see :class:`itool.search.config.SearchConfig`)."""

    iterations: int = 5  # iterations per tree (the original iTool: 5)
    k: int = 3  # continuations sampled per expansion (the original iTool: 3)
    depth: int = 3  # steps below the root that can be expanded; deeper steps are merged
    exploration: float = 1.0  # PUCT exploration weight
    batch_trees: bool = True  # lever (b): step all trees together
    revisit: bool = True  # False: selection skips subtrees with nothing left to expand

    def __post_init__(self) -> None:
        for name in ("iterations", "k", "depth"):
            if getattr(self, name) < 1:
                raise ValueError(f"MCTS {name} must be at least 1, got {getattr(self, name)}")
        if self.exploration < 0:
            raise ValueError(f"MCTS exploration must be >= 0, got {self.exploration}")


@dataclass
class Node:
    """A partial response: ``prefix`` (everything so far), reached by step ``text``."""

    text: str
    prefix: str
    depth: int
    logprob: float = 0.0  # the policy's log-probability of this step
    parent: Node | None = field(default=None, repr=False)
    children: list[Node] = field(default_factory=list, repr=False)
    visits: int = 0
    value_sum: float = 0.0
    expanded: bool = False
    outcome: Outcome | None = None  # set when a response ends at this node
    finished: bool = False  # a response ending here was ended by the policy, not the budget
    ends: int = 0  # rewards backed up from responses ending here

    @property
    def value(self) -> float:
        """Mean reward of the finished responses backed up through this node."""
        return self.value_sum / self.visits if self.visits else 0.0

    def child(self, text: str) -> Node | None:
        return next((c for c in self.children if c.text == text), None)

    def priors(self) -> list[float]:
        """The children's step probabilities, normalised over siblings."""
        if not self.children:
            return []
        top = max(c.logprob for c in self.children)
        weights = [math.exp(c.logprob - top) for c in self.children]
        total = sum(weights)
        return [w / total for w in weights]

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, children in order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Iterator[Node]:
        """Nodes below (or at) this one where a response ends."""
        return (n for n in self.walk() if n.outcome is not None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "depth": self.depth,
            "logprob": self.logprob,
            "visits": self.visits,
            "value": self.value,
            "expanded": self.expanded,
        }
        if self.outcome is not None:
            out["outcome"] = {"value": self.outcome.value, **self.outcome.info}
            out["ends"] = self.ends
            out["finished"] = self.finished
        if self.children:
            priors = self.priors()
            out["children"] = [
                {**c.to_dict(), "prior": p} for c, p in zip(self.children, priors, strict=True)
            ]
        return out


@dataclass
class Tree:
    """One search: a problem (opaque to MCTS), its root and its seed."""

    problem: Any
    seed: int
    root: Node = field(default_factory=lambda: Node(text="", prefix="", depth=0))
    iterations_done: int = 0
    expansions: int = 0
    backups: int = 0  # rewards backed up (= root.visits)

    def nodes(self) -> Iterator[Node]:
        return self.root.walk()


def derive_seed(*parts: Any) -> int:
    """A stable 63-bit seed from any printable parts (not Python's salted hash)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def puct(parent: Node, exploration: float, allowed=None) -> Node:
    """The child maximising ``Q + c·P·sqrt(N_parent)/(1 + N_child)`` (first on ties),
    among the children ``allowed`` accepts if given (priors stay normalised over all)."""
    scale = exploration * math.sqrt(max(parent.visits, 1))
    best, best_score = parent.children[0], -math.inf
    for child, prior in zip(parent.children, parent.priors(), strict=True):
        score = child.value + scale * prior / (1 + child.visits)
        if score > best_score and (allowed is None or allowed(child)):
            best, best_score = child, score
    return best


def expandable(tree: Tree, node: Node, env: SearchEnvironment, config: MCTSConfig) -> bool:
    """A node can be expanded once, above the depth limit, while it can be continued."""
    return (
        not node.expanded
        and node.outcome is None
        and node.depth < config.depth
        and not env.is_terminal(tree.problem, node.prefix)
    )


def has_room(tree: Tree, node: Node, env: SearchEnvironment, config: MCTSConfig) -> bool:
    """True if ``node`` or a node below it can still be expanded."""
    return any(expandable(tree, n, env, config) for n in node.walk())


def select(tree: Tree, env: SearchEnvironment, config: MCTSConfig) -> Node:
    """Walk down by PUCT to a node to expand, a node where a response ends, or a
    childless node that cannot be continued (the response ends there too). Without
    ``config.revisit``, and while the tree has room, only into subtrees with room."""
    node = tree.root
    room = not config.revisit and has_room(tree, node, env, config)
    allowed = partial(has_room, tree, env=env, config=config) if room else None
    while ((node.outcome is None or room) and node.children
           and not expandable(tree, node, env, config)):
        node = puct(node, config.exploration, allowed)
    return node


def step_logprobs(continuation: Continuation, steps: list[str]) -> list[float]:
    """Sum of the log-probabilities of the tokens that start inside each step."""
    bounds, end = [], 0
    for step in steps:
        end += len(step)
        bounds.append(end)
    sums = [0.0] * len(steps)
    start, index = 0, 0
    for logprob, token_end in zip(continuation.token_logprobs, continuation.token_ends, strict=True):
        while index < len(steps) - 1 and start >= bounds[index]:
            index += 1
        sums[index] += logprob
        start = token_end
    return sums


def insert(node: Node, continuation: Continuation, steps: list[str],
           depth: int) -> Node:
    """Add a continuation below ``node`` as a chain of steps; return the node where
    it ends. Steps that would go deeper than ``depth`` are merged into one."""
    if "".join(steps) != continuation.text:
        raise ValueError("the environment's steps do not concatenate to the continuation")
    logprobs = step_logprobs(continuation, steps) if steps else []
    keep = max(depth - node.depth, 1)
    if len(steps) > keep:
        steps = steps[: keep - 1] + ["".join(steps[keep - 1:])]
        logprobs = logprobs[: keep - 1] + [sum(logprobs[keep - 1:])]
    current = node
    for text, logprob in zip(steps, logprobs, strict=True):
        found = current.child(text)
        if found is None:
            found = Node(
                text=text,
                prefix=current.prefix + text,
                depth=current.depth + 1,
                logprob=logprob,
                parent=current,
            )
            current.children.append(found)
        current = found
    current.finished = current.finished or continuation.finished
    return current


def backup(node: Node, value: float) -> None:
    """Add one reward to ``node`` and every ancestor."""
    node.ends += 1
    current: Node | None = node
    while current is not None:
        current.visits += 1
        current.value_sum += value
        current = current.parent


def search_step(trees: Sequence[Tree], env: SearchEnvironment, config: MCTSConfig) -> None:
    """One iteration of every tree in ``trees``, batched: one ``propose`` call for
    all their expansions, one ``score`` call for all new finished responses."""
    to_expand: list[tuple[Tree, Node, int]] = []
    ends: list[tuple[Tree, Node]] = []  # (tree, node where a response ends)
    for tree in trees:
        node = select(tree, env, config)
        if node.outcome is None and expandable(tree, node, env, config):
            to_expand.append((tree, node, derive_seed(tree.seed, tree.iterations_done)))
        else:
            ends.append((tree, node))  # a revisit, or a response nobody can continue
        tree.iterations_done += 1

    if to_expand:
        requests = [Expansion(problem=t.problem, prefix=n.prefix, seed=s) for t, n, s in to_expand]
        proposals = env.propose(requests, config.k)
        for (tree, node, _), continuations in zip(to_expand, proposals, strict=True):
            node.expanded = True
            tree.expansions += 1
            for continuation in continuations:
                steps = env.split(tree.problem, node.prefix, continuation.text)
                ends.append((tree, insert(node, continuation, steps, config.depth)))

    unscored = list({id(n): (t, n) for t, n in ends if n.outcome is None}.values())
    if unscored:
        outcomes = env.score([(t.problem, n.prefix) for t, n in unscored])
        for (_, node), outcome in zip(unscored, outcomes, strict=True):
            node.outcome = outcome
    for tree, node in ends:
        backup(node, node.outcome.value)
        tree.backups += 1


def run_search(trees: Sequence[Tree], env: SearchEnvironment, config: MCTSConfig,
               progress: Any = None) -> None:
    """Run ``config.iterations`` iterations on every tree: all trees in lockstep
    (``batch_trees``), or one tree after another. ``progress`` (optional) is called
    with the number of tree-iterations just done."""
    groups = [list(trees)] if config.batch_trees else [[t] for t in trees]
    for group in groups:
        for _ in range(config.iterations):
            search_step(group, env, config)
            if progress is not None:
                progress(len(group))
