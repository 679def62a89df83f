"""The multi-dimensional reward: five dimensions, a grade and a scalar ``q``.

``score_responses(pairs, config)`` is the entry point for the tree search and the
evaluator; ``itool score`` (``itool.reward.cli``) is the same over files. The rules,
weights and thresholds are documented in ``docs/REWARD.md`` and live in
:class:`RewardConfig`.
"""

from itool.reward.config import RewardConfig
from itool.reward.grading import Assessment
from itool.reward.judge import Judge, TransformersJudge
from itool.reward.score import assess_responses, score_response, score_responses

__all__ = [
    "Assessment",
    "Judge",
    "RewardConfig",
    "TransformersJudge",
    "assess_responses",
    "score_response",
    "score_responses",
]
