"""Numbers that describe a set of samples (``itool data stats``).

:func:`dataset_stats` returns plain data (a dict), so that other modules can add
their own sections and the CLI prints whatever is there.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from itool.data.categories import CATEGORIES, sample_category
from itool.records import Sample


def dataset_stats(samples: list[Sample]) -> dict[str, Any]:
    """Samples, target calls, distinct function names offered, and samples per category
    (the known categories always listed, in a fixed order, then any others by name)."""
    counts = Counter(sample_category(s) for s in samples)
    categories = {name: counts.pop(name, 0) for name in CATEGORIES}
    categories.update(sorted(counts.items()))
    return {
        "samples": len(samples),
        "calls": sum(len(s.target_calls) for s in samples),
        "functions": len({t.name for s in samples for t in s.tools}),
        "categories": categories,
    }
