"""Weights and thresholds of the reward, in one documented dataclass.

The defaults are the ones described in ``docs/REWARD.md``; every field can be
overridden (``RewardConfig(semantic="lexical", judge_weight=0.5)``) or read from a
plain dict (``RewardConfig.from_dict``) so that a run's ``config.yaml`` can carry it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from itool.records import DIMENSIONS, GRADES


def _default_bands() -> dict[str, tuple[float, float]]:
    return {
        "excellent": (0.8, 1.0),
        "acceptable": (0.3, 0.7),
        "fair": (-0.4, 0.2),
        "poor": (-1.0, -0.5),
    }


def _default_weights() -> dict[str, float]:
    return {
        "function_name": 0.3,
        "param_count": 0.15,
        "param_names": 0.2,
        "param_values": 0.25,
        "semantic": 0.1,
    }


@dataclass
class RewardConfig:
    """How a response is scored.

    semantic:
        ``"model"`` (all-MiniLM-L6-v2 cosine similarity, the default) or
        ``"lexical"`` (character trigram cosine, no model: fast and crude).
    semantic_threshold:
        for text targets (irrelevance, missing parameter): a text reply whose
        similarity to the reference text is at least this is ``excellent``, below it
        ``acceptable``. A good reply paraphrases the reference rather than repeating
        it: MiniLM gives two different "no tool can do that" sentences about 0.5.
        (Calls need no threshold: right calls are rendered exactly like the target
        and score 1.)
    max_minor_dimensions:
        a response whose function names are right and whose only problems are minor
        (an extra or omitted optional argument, a value equal in another form) is
        ``acceptable`` if at most this many of param_count / param_names /
        param_values are off, ``fair`` otherwise.
    grade_bands:
        ``grade -> (low, high)``: a response of that grade gets
        ``q = low + (high - low) * credit`` with ``credit`` in [0, 1] from the
        dimensions. Bands must be ordered excellent > acceptable > fair > poor and
        must not overlap, which makes ``q`` strictly monotone in the grade.
    weights:
        weight of each dimension in ``credit`` (normalised to sum 1). Partial
        dimensions count fractionally (e.g. two of three calls with the right
        name give 2/3 of the ``function_name`` weight).
    judge_weight:
        with a judge, ``q = (1 - w) * q_rules + w * q_judge``; ignored without one.
    judge_grade_values:
        value of each grade in the judge's expected score
        ``q_judge = sum_g p(g) * value(g)``; ``None`` uses the middle of each band.
    batch_size:
        texts per forward pass of the semantic model.
    cache_size:
        embeddings kept in the in-process LRU cache (a few KB each).
    """

    semantic: str = "model"
    semantic_threshold: float = 0.45
    max_minor_dimensions: int = 2
    grade_bands: dict[str, tuple[float, float]] = field(default_factory=_default_bands)
    weights: dict[str, float] = field(default_factory=_default_weights)
    judge_weight: float = 0.3
    judge_grade_values: dict[str, float] | None = None
    batch_size: int = 64
    cache_size: int = 100_000

    def __post_init__(self) -> None:
        if self.semantic not in ("model", "lexical"):
            raise ValueError(f"semantic must be 'model' or 'lexical', got {self.semantic!r}")
        for name in ("semantic_threshold", "judge_weight"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], got {value}")
        if set(self.grade_bands) != set(GRADES):
            raise ValueError(f"grade_bands needs exactly the grades {', '.join(GRADES)}")
        self.grade_bands = {g: (float(lo), float(hi)) for g, (lo, hi) in self.grade_bands.items()}
        previous_low = 1.0 + 1e-9
        for grade in GRADES:  # best first
            low, high = self.grade_bands[grade]
            if not -1.0 <= low <= high <= 1.0:
                raise ValueError(f"grade band {grade} {low, high} must lie inside [-1, 1]")
            if high >= previous_low:
                raise ValueError(f"grade band {grade} overlaps the band above it")
            previous_low = low
        if set(self.weights) != set(DIMENSIONS) or any(w < 0 for w in self.weights.values()):
            raise ValueError(f"weights needs a non-negative weight for each of {DIMENSIONS}")
        if sum(self.weights.values()) <= 0:
            raise ValueError("weights must not all be zero")
        if self.judge_grade_values is not None and set(self.judge_grade_values) != set(GRADES):
            raise ValueError(f"judge_grade_values needs exactly the grades {', '.join(GRADES)}")
        if self.max_minor_dimensions < 0 or self.batch_size < 1 or self.cache_size < 0:
            raise ValueError("max_minor_dimensions, batch_size and cache_size must be >= 0/1/0")

    def grade_value(self, grade: str) -> float:
        """What the judge's probability for ``grade`` is worth in ``q_judge``."""
        if self.judge_grade_values is not None:
            return self.judge_grade_values[grade]
        low, high = self.grade_bands[grade]
        return (low + high) / 2

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RewardConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown reward option(s): {', '.join(unknown)}")
        return cls(**data)
