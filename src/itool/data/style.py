"""How a data set's requests are written and how the calls of one request relate
(the ``style`` section of ``itool data stats``).

Two sets with the same categories can still teach different things: "the weather in
Paris, Rome and Oslo" (calls that differ in one value) is not "a triangle with base 10
and height 5, and one with base 8 and height 6" (calls that differ in two), and a
model trained on the first writes the second triangle's values into the first call.
These figures put such differences side by side for any two files itool reads, for
example generated training data and an evaluation set
(``benchmarks/request_style.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from statistics import mean, median
from typing import Any

from itool.data.categories import CATEGORIES, sample_category
from itool.records import Sample

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def leaf_values(value: Any) -> Iterator[Any]:
    """The scalars inside an argument value, lists and objects opened."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaf_values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from leaf_values(item)
    else:
        yield value


def written_in(value: Any, request: str) -> bool | None:
    """Whether ``value`` appears in ``request`` as written: a string anywhere (case
    ignored), a number as one of the request's numbers (thousands commas ignored, 5.0
    found as 5). ``None`` for values a request cannot spell out (booleans, null)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        numbers = {float(n) for n in _NUMBER.findall(request.replace(",", ""))}
        return float(value) in numbers
    return str(value).lower() in request.lower()


def values_that_differ(calls: list[dict[str, Any]]) -> int:
    """How many parameters take more than one value across calls of one function."""
    names = set().union(*calls)
    return sum(len({json.dumps(c.get(n), sort_keys=True) for c in calls}) > 1 for n in names)


def _request(sample: Sample) -> str:
    users = [m.content for m in sample.messages if m.role == "user" and m.content]
    return users[-1] if users else ""


def request_style(samples: list[Sample]) -> dict[str, dict[str, float | int | None]]:
    """Per category of the samples that expect calls (itool's categories in their
    usual order, then others by name):

    * ``samples``;
    * ``words``: median words in the last user message;
    * ``args_per_call``: mean arguments per target call;
    * ``numeric_values``: share of argument scalars that are numbers;
    * ``written_values``: share of string and number scalars the request spells as
      written (the rest are converted, inferred or defaulted);
    * ``repeats_a_function``: share of samples that call one function more than once;
    * ``several_values_differ``: among those repeated functions, the share whose
      calls differ in two or more parameters (``None`` when nothing repeats).
    """
    groups: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.expects_call:
            groups.setdefault(sample_category(sample), []).append(sample)
    order = [c for c in CATEGORIES if c in groups] + sorted(set(groups) - set(CATEGORIES))
    return {category: _style(groups[category]) for category in order}


def _style(samples: list[Sample]) -> dict[str, float | int | None]:
    words, args, numeric, written, repeats, several = [], [], [], [], [], []
    for sample in samples:
        request = _request(sample)
        words.append(len(request.split()))
        by_name: dict[str, list[dict[str, Any]]] = {}
        for call in sample.target_calls:
            args.append(len(call.arguments))
            by_name.setdefault(call.name, []).append(call.arguments)
            for value in leaf_values(call.arguments):
                numeric.append(isinstance(value, (int, float)) and not isinstance(value, bool))
                seen = written_in(value, request)
                if seen is not None:
                    written.append(seen)
        repeated = [calls for calls in by_name.values() if len(calls) > 1]
        repeats.append(bool(repeated))
        several.extend(values_that_differ(calls) > 1 for calls in repeated)
    return {
        "samples": len(samples),
        "words": median(words),
        "args_per_call": round(mean(args), 2),
        "numeric_values": _share(numeric),
        "written_values": _share(written),
        "repeats_a_function": _share(repeats),
        "several_values_differ": _share(several),
    }


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None
