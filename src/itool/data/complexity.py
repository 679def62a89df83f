"""How hard a sample is, as one number, for ordering training from easy to hard.

The score adds up what makes a tool-calling turn harder for a model, from facts any
``Sample`` has (whichever format it was loaded from):

    score = 1.0  * calls                   target calls to produce
          + 1.0  * (distinct_functions - 1) choosing and mixing several functions
          + 0.25 * arguments               top-level arguments over all calls
          + 0.25 * nested_arguments        values inside arrays and objects
          + 0.3  * (candidates - 1)        functions offered beyond the first
          + 0.75 * (turns - 1)             user and tool messages beyond the first
          + 1.5  * no_call                 the right answer is text, not a call
          + 0.5  * log2(1 + prompt_chars / 100)   length of the conversation

``(x - 1)`` terms never go below zero. ``no_call`` is weighted because small models
trained only on calls keep calling when they should decline or ask (see DESIGN.md).
The weights are a judgement, not a fit; they only need to rank samples sensibly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from itool.records import Sample

WEIGHTS = {
    "calls": 1.0,
    "distinct_functions": 1.0,
    "arguments": 0.25,
    "nested_arguments": 0.25,
    "candidates": 0.3,
    "turns": 0.75,
    "no_call": 1.5,
    "prompt_length": 0.5,
}


@dataclass(frozen=True)
class Features:
    """The countable facts the score is made of."""

    calls: int
    distinct_functions: int
    arguments: int
    nested_arguments: int
    candidates: int
    turns: int
    no_call: bool
    prompt_chars: int


def _nested(value: Any) -> int:
    """Values held inside arrays and objects, counted at every depth."""
    if isinstance(value, dict):
        return sum(1 + _nested(v) for v in value.values())
    if isinstance(value, list):
        return sum(1 + _nested(v) for v in value)
    return 0


def features(sample: Sample) -> Features:
    calls = sample.target_calls
    chars = 0
    for m in sample.messages:
        if m.role == "system":
            continue
        chars += len(m.content)
        chars += sum(len(json.dumps(c.to_dict(), ensure_ascii=False)) for c in m.tool_calls)
    return Features(
        calls=len(calls),
        distinct_functions=len({c.name for c in calls}),
        arguments=sum(len(c.arguments) for c in calls),
        nested_arguments=sum(_nested(v) for c in calls for v in c.arguments.values()),
        candidates=len(sample.tools),
        turns=sum(1 for m in sample.messages if m.role in ("user", "tool")),
        no_call=not calls,
        prompt_chars=chars,
    )


def complexity(sample: Sample) -> float:
    """The documented score of ``sample`` (module docstring), rounded to 3 decimals."""
    f = features(sample)
    w = WEIGHTS
    score = (
        w["calls"] * f.calls
        + w["distinct_functions"] * max(f.distinct_functions - 1, 0)
        + w["arguments"] * f.arguments
        + w["nested_arguments"] * f.nested_arguments
        + w["candidates"] * max(f.candidates - 1, 0)
        + w["turns"] * max(f.turns - 1, 0)
        + w["no_call"] * f.no_call
        + w["prompt_length"] * math.log2(1 + f.prompt_chars / 100)
    )
    return round(score, 3)
