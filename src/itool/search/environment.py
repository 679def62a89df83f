"""Tool calling as a search environment: the piece that connects the generic MCTS to
our prompts, the policy model, the step splitter and the reward.

A problem is one :class:`~itool.records.Sample` with its rendered prompt. Proposals come
from :class:`~itool.search.sampler.PromptCachedSampler`, steps from
:func:`~itool.search.steps.split_continuation`, rewards are the reward's ``q`` (its
five dimensions and grade are kept with each finished response for the pairs), and
a prefix is terminal once it has used the whole token budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from itool.model.prompt import render_prompt
from itool.records import Sample
from itool.reward.config import RewardConfig
from itool.reward.score import score_responses
from itool.search.config import SearchConfig
from itool.search.mcts import Continuation, Expansion, Outcome
from itool.search.sampler import PromptCachedSampler, SampleRequest
from itool.search.steps import split_continuation


@dataclass(eq=False)
class SearchProblem:
    """A sample and the token ids of its prompt (system prompt with the tool
    documentation, conversation, opening of the assistant turn)."""

    sample: Sample
    prompt_text: str
    prompt_ids: tuple[int, ...]


class ToolCallEnvironment:
    """The :class:`~itool.search.mcts.SearchEnvironment` for tool-call responses."""

    def __init__(self, sampler: PromptCachedSampler, config: SearchConfig,
                 reward: RewardConfig | None = None):
        self.sampler = sampler
        self.config = config
        self.reward = reward or RewardConfig()
        self._prefix_lengths: dict[str, int] = {}
        self.scored = 0

    def problem(self, sample: Sample) -> SearchProblem:
        tokenizer = self.sampler.tokenizer
        text = render_prompt(sample, tokenizer)
        ids = tuple(tokenizer.encode(text, add_special_tokens=False))
        return SearchProblem(sample=sample, prompt_text=text, prompt_ids=ids)

    def _budget(self, prefix: str) -> int:
        """Tokens left for a continuation of ``prefix``."""
        if prefix not in self._prefix_lengths:
            self._prefix_lengths[prefix] = len(self.sampler.prefix_ids(prefix))
        return self.config.max_new_tokens - self._prefix_lengths[prefix]

    def propose(self, expansions: Sequence[Expansion], k: int) -> list[list[Continuation]]:
        requests = [
            SampleRequest(prompt_ids=e.problem.prompt_ids, prefix=e.prefix, seed=e.seed,
                          max_new_tokens=self._budget(e.prefix))
            for e in expansions
        ]
        return self.sampler.sample(requests, n=k, temperature=self.config.temperature,
                                   top_p=self.config.top_p)

    def greedy(self, problems: Sequence[SearchProblem],
               prefixes: Sequence[str] | None = None) -> list[Continuation]:
        """The greedy continuation of each problem's prefix (default: empty, the
        model's greedy answer), within the search's token budget (its tokens count in
        the sampler's stats like the tree's; greedy decoding draws nothing, so the seed
        is immaterial)."""
        prefixes = prefixes if prefixes is not None else [""] * len(problems)
        requests = [SampleRequest(prompt_ids=p.prompt_ids, prefix=prefix, seed=0,
                                  max_new_tokens=self._budget(prefix))
                    for p, prefix in zip(problems, prefixes, strict=True)]
        return [out[0] for out in self.sampler.sample(requests, n=1, temperature=0.0)]

    def split(self, problem: SearchProblem, prefix: str, text: str) -> list[str]:
        return split_continuation(prefix, text)

    def score(self, items: Sequence[tuple[SearchProblem, str]]) -> list[Outcome]:
        scores = score_responses([(p.sample, response) for p, response in items], self.reward)
        self.scored += len(scores)
        return [
            Outcome(value=s.q, info={"grade": s.grade, "dimensions": s.dimensions})
            for s in scores
        ]

    def is_terminal(self, problem: SearchProblem, prefix: str) -> bool:
        return self._budget(prefix) <= 0
