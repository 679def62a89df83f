"""Easy-to-hard ordering of training samples (the warmup curriculum of iTool).

Difficulty is :func:`itool.data.complexity.complexity`. :func:`order_easy_to_hard`
sorts by it, stably, so equally hard samples keep their file order. :func:`cut_stages`
splits samples into ``easy`` / ``medium`` / ``hard`` at score quantiles (by default
the 1/3 and 2/3 quantiles): a sample is easy when its score is at most the first
threshold, medium when at most the second, hard otherwise. Thresholds are scores,
not positions, so samples with equal scores always land in the same stage; with many
ties the stages are therefore not exactly equal in size.
"""

from __future__ import annotations

import math
from typing import Any

from itool.data.complexity import complexity
from itool.records import Sample

STAGES = ("easy", "medium", "hard")


def score(sample: Sample) -> float:
    """The sample's complexity (recomputed: ``meta`` may come from another formula)."""
    return complexity(sample)


def order_easy_to_hard(samples: list[Sample]) -> list[Sample]:
    """Samples sorted by complexity, easiest first; ties keep their input order."""
    scores = [score(s) for s in samples]
    order = sorted(range(len(samples)), key=lambda i: scores[i])
    return [samples[i] for i in order]


def thresholds(scores: list[float], quantiles: tuple[float, ...] = (1 / 3, 2 / 3)) -> list[float]:
    """The scores at the given quantiles (nearest rank on the sorted scores)."""
    if not scores:
        return []
    ranked = sorted(scores)
    n = len(ranked)
    # nearest rank: the smallest score with at least a fraction q of scores at or below it
    return [ranked[min(n - 1, max(0, math.ceil(q * n - 1e-9) - 1))] for q in quantiles]


def stage_of(value: float, cuts: list[float]) -> str:
    """The stage name of a score given the two thresholds."""
    for name, cut in zip(STAGES, cuts, strict=False):
        if value <= cut:
            return name
    return STAGES[-1]


def cut_stages(
    samples: list[Sample], quantiles: tuple[float, float] = (1 / 3, 2 / 3)
) -> dict[str, list[Sample]]:
    """``{"easy": [...], "medium": [...], "hard": [...]}``, each easy-to-hard ordered."""
    ordered = order_easy_to_hard(samples)
    scores = [score(s) for s in ordered]
    cuts = thresholds(scores, quantiles)
    stages: dict[str, list[Sample]] = {name: [] for name in STAGES}
    for sample, value in zip(ordered, scores, strict=True):
        stages[stage_of(value, cuts)].append(sample)
    return stages


def histogram(scores: list[float], bins: int = 10) -> list[dict[str, float | int]]:
    """Equal-width bins from the lowest to the highest score: ``[{"lo", "hi", "count"}]``
    (the last bin includes its upper edge)."""
    if not scores:
        return []
    lo, hi = min(scores), max(scores)
    width = (hi - lo) / bins or 1.0
    counts = [0] * bins
    for value in scores:
        counts[min(bins - 1, int((value - lo) / width))] += 1
    return [
        {"lo": round(lo + i * width, 3), "hi": round(lo + (i + 1) * width, 3), "count": c}
        for i, c in enumerate(counts)
    ]


def difficulty_stats(samples: list[Sample], bins: int = 10) -> dict[str, Any]:
    """The complexity spread of a dataset: range, mean, stage sizes and a histogram."""
    scores = [score(s) for s in samples]
    if not scores:
        return {"min": None, "max": None, "mean": None, "stages": {}, "histogram": []}
    cuts = thresholds(scores)
    stages = {name: 0 for name in STAGES}
    for value in scores:
        stages[stage_of(value, cuts)] += 1
    return {
        "min": min(scores),
        "max": max(scores),
        "mean": round(sum(scores) / len(scores), 3),
        "stage_thresholds": cuts,
        "stages": stages,
        "histogram": histogram(scores, bins),
    }


def format_difficulty(stats: dict[str, Any], width: int = 40) -> str:
    """The difficulty section as text: range, stages, and one bar per bin."""
    if not stats.get("histogram"):
        return "difficulty: no samples"
    lines = [
        f"difficulty (complexity score): min {stats['min']}, mean {stats['mean']}, "
        f"max {stats['max']}",
        "  stages: " + ", ".join(f"{k} {v}" for k, v in stats["stages"].items())
        + f" (cut at {', '.join(str(c) for c in stats['stage_thresholds'])})",
    ]
    top = max(b["count"] for b in stats["histogram"]) or 1
    for b in stats["histogram"]:
        bar = "#" * round(width * b["count"] / top)
        lines.append(f"  {b['lo']:7.2f} - {b['hi']:7.2f} | {bar} {b['count']}")
    return "\n".join(lines)
