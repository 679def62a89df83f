"""Which kind of tool-use item a sample is, in BFCL's vocabulary.

A record that says its own category (the generator writes one, BFCL files imply
one) is believed; otherwise the category is read off the sample's shape.
"""

from __future__ import annotations

from itool.records import Sample

# The categories every stats table shows, in this order; others follow if present.
CATEGORIES = ("simple", "multiple", "parallel", "parallel_multiple", "irrelevance", "multi_turn")


def sample_category(sample: Sample) -> str:
    """The record's own category when it has one, else :func:`infer_category`."""
    category = sample.meta.get("category")
    return category if isinstance(category, str) and category else infer_category(sample)


def infer_category(sample: Sample) -> str:
    """The category a sample's shape implies.

    * ``multi_turn``: the context already holds calls or tool results (this comes
      first: a final text answer after tool results is a multi-turn step, not a
      refusal);
    * ``irrelevance``: no call is expected;
    * ``simple``: one call, one tool offered; ``multiple``: one call among several
      tools;
    * ``parallel``: several calls to one function; ``parallel_multiple``: several
      calls to different functions.
    """
    if any(m.tool_calls or m.role == "tool" for m in sample.messages):
        return "multi_turn"
    calls = sample.target_calls
    if not calls:
        return "irrelevance"
    if len(calls) == 1:
        return "simple" if len(sample.tools) <= 1 else "multiple"
    return "parallel" if len({c.name for c in calls}) == 1 else "parallel_multiple"
