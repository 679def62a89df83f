"""The batch scoring API used by the tree search, the evaluator and ``itool score``.

``score_responses`` reads every response, compares it with its sample's target,
computes all semantic similarities in one batched pass of the sentence model, grades,
and (optionally) blends in an LLM judge. The work per response without the model is
a parse and a few dictionary comparisons; the model pass is cached by text.
"""

from __future__ import annotations

from collections.abc import Iterable

from itool.records import GRADES, Sample, Score
from itool.reward.compare import CallReference, build_references
from itool.reward.config import RewardConfig
from itool.reward.grading import Analysis, Assessment, analyse, assess
from itool.reward.judge import Judge, grade_probabilities, judge_prompt
from itool.reward.semantic import Similarity, similarity_backend


def assess_responses(
    pairs: Iterable[tuple[Sample, str]],
    config: RewardConfig | None = None,
    judge: Judge | None = None,
    similarity: Similarity | None = None,
) -> list[Assessment]:
    """Score each ``(sample, response text)``; keep the reasons (``notes``).

    ``similarity`` overrides the backend named by ``config.semantic`` (the default is
    the process-wide shared one). With a ``judge``, its expected grade value is
    blended into ``q`` with weight ``config.judge_weight``; grades and dimensions stay
    those of the rules.
    """
    config = config or RewardConfig()
    pairs = list(pairs)
    references: dict[int, list[CallReference]] = {}
    analyses: list[Analysis] = []
    for sample, response in pairs:
        if sample.expects_call and id(sample) not in references:
            references[id(sample)] = build_references(sample)
        analyses.append(analyse(sample, response, references.get(id(sample), [])))

    backend = similarity or similarity_backend(config.semantic, config.batch_size,
                                               config.cache_size)
    to_compare = [a.semantic_pair for a in analyses if a.semantic_pair is not None]
    found = iter(backend.similarities(to_compare))
    semantics = [next(found) if a.semantic_pair is not None else 1.0 for a in analyses]

    results = [assess(a, s, config) for a, s in zip(analyses, semantics, strict=True)]
    if judge is not None and results:
        prompts = [judge_prompt(sample, response) for sample, response in pairs]
        for result, logprobs in zip(results, judge.option_logprobs(prompts), strict=True):
            probabilities = grade_probabilities(logprobs)
            expected = sum(probabilities[g] * config.grade_value(g) for g in GRADES)
            score = result.score
            score.q = (1 - config.judge_weight) * score.q + config.judge_weight * expected
            result.notes.append("judge: " + ", ".join(
                f"{g} {probabilities[g]:.2f}" for g in GRADES))
    return results


def score_responses(
    pairs: Iterable[tuple[Sample, str]],
    config: RewardConfig | None = None,
    judge: Judge | None = None,
    similarity: Similarity | None = None,
) -> list[Score]:
    """Scores of ``(sample, response text)`` pairs, in order (see
    :func:`assess_responses`)."""
    return [a.score for a in assess_responses(pairs, config, judge, similarity)]


def score_response(sample: Sample, response: str, config: RewardConfig | None = None,
                   judge: Judge | None = None) -> Score:
    """One response's score (prefer :func:`score_responses` for many)."""
    return score_responses([(sample, response)], config, judge)[0]
