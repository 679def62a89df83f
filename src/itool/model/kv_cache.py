"""The KV-cache argument of a causal LM's forward pass, under either of its names.

Transformers 5.24 renamed the forward argument and output field ``past_key_values`` to
``cache``; the old name still works but warns (a FutureWarning in every run's log), and
is due to go in 5.40.
The project supports ``transformers>=5.0``, so the decoding loops ask the model which
name its forward takes instead of pinning one.
"""

from __future__ import annotations

import inspect
from functools import cache as memoize
from typing import Any


def cache_argument(model: Any, cache: Any) -> dict[str, Any]:
    """``{name: cache}`` for ``model(**...)``, with the name this model's forward takes."""
    return {_cache_parameter(type(model)): cache}


@memoize
def _cache_parameter(model_class: type) -> str:
    """Looked up once per model class: decoding calls forward once per token."""
    takes_cache = "cache" in inspect.signature(model_class.forward).parameters
    return "cache" if takes_cache else "past_key_values"


def returned_cache(out: Any) -> Any:
    """The KV cache a forward pass returned, under whichever name its output has."""
    cache = getattr(out, "cache", None)
    return cache if cache is not None else out.past_key_values
