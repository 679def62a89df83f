"""Greedy answers scored by the reward: what "mastered" means when selecting samples,
and the dev evaluation after every round.

Answers come from :class:`itool.model.generate.TransformersBackend` with the prompt of
:func:`itool.model.prompt.render_prompt`, the same path ``itool eval bfcl --model``
takes, so a model is judged the way it is asked everywhere else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from itool.model.prompt import render_prompt
from itool.records import DIMENSIONS, GRADES, Sample, Score
from itool.reward.config import RewardConfig
from itool.reward.score import score_responses


@dataclass
class Answer:
    """A sample, the model's greedy response, and its score."""

    sample: Sample
    response: str
    score: Score

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.sample.id, "response": self.response, **self.score.to_dict()}


def greedy_responses(model, tokenizer, samples: Sequence[Sample], max_new_tokens: int,
                     batch_size: int = 8, progress: bool = True) -> list[str]:
    """The model's greedy response text to each of ``samples``, unscored."""
    if not samples:
        return []
    from itool.model.generate import SamplingParams, TransformersBackend

    backend = TransformersBackend(model, tokenizer, batch_size=batch_size, progress=progress)
    prompts = [render_prompt(s, tokenizer) for s in samples]
    outputs = backend.generate(prompts, SamplingParams(n=1, temperature=0.0,
                                                       max_new_tokens=max_new_tokens))
    return [out[0].text for out in outputs]


def greedy_answers(model, tokenizer, samples: Sequence[Sample], max_new_tokens: int,
                   batch_size: int = 8, semantic: str = "model",
                   progress: bool = True) -> list[Answer]:
    """Greedy responses to ``samples``, scored against their targets."""
    if not samples:
        return []
    responses = greedy_responses(model, tokenizer, samples, max_new_tokens, batch_size, progress)
    scores = score_responses(zip(samples, responses, strict=True), RewardConfig(semantic=semantic))
    return [Answer(s, r, q) for s, r, q in zip(samples, responses, scores, strict=True)]


def summarize(answers: Sequence[Answer]) -> dict[str, Any]:
    """Mean reward (overall and per kind of sample: answered with calls or in text),
    grade distribution and the rate at which each dimension is right (the mean
    similarity for ``semantic``)."""
    n = len(answers)
    if n == 0:
        return {"samples": 0, "mean_q": None, "kinds": {}, "grades": {}, "dimensions": {}}
    grades = Counter(a.score.grade for a in answers)
    kinds: dict[str, list[float]] = {}
    for a in answers:
        kinds.setdefault("call" if a.sample.expects_call else "text", []).append(a.score.q)
    return {
        "samples": n,
        "mean_q": sum(a.score.q for a in answers) / n,
        "kinds": {kind: sum(qs) / len(qs) for kind, qs in sorted(kinds.items())},
        "grades": {g: grades.get(g, 0) / n for g in GRADES},
        "dimensions": {d: sum(float(getattr(a.score, d)) for a in answers) / n
                       for d in DIMENSIONS},
    }


def kind_gains(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
    """The gain in mean q of each kind of sample (``call``, ``text``) that both
    :func:`summarize` results scored: what :func:`dev_gain` weighs, shown in the log so
    that a vetoed round says which kind lost."""
    shared = sorted(set(before.get("kinds", {})) & set(after.get("kinds", {})))
    return {kind: after["kinds"][kind] - before["kinds"][kind] for kind in shared}


def dev_gain(before: dict[str, Any], after: dict[str, Any], tolerance: float) -> float:
    """How much better ``after`` does on the dev set than ``before`` (two
    :func:`summarize` results), judged per kind of sample (answered with calls, or in
    text): the mean of the kinds' gains in mean q, or, when some kind lost more than
    ``tolerance``, that kind's loss.

    Not the gain in the overall mean: text replies score near +1 and wrong calls near
    -1, so a model that stops calling raised the overall mean while its calls got
    worse (measured, docs/RESULTS.md). Summaries without kinds fall back to the mean.
    The veto takes the tolerance's size: with ``min_gain`` -1 (every round counts) a
    kind vetoes only a loss of more than 1, so the gain logged is the kinds' mean,
    not whichever kind moved least.
    """
    gains = list(kind_gains(before, after).values())
    if not gains:
        return after["mean_q"] - before["mean_q"]
    return min(gains) if min(gains) < -abs(tolerance) else sum(gains) / len(gains)
