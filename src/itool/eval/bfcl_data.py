"""The BFCL v4 categories the evaluator covers, and their entries as samples.

The files come from the installed ``bfcl-eval`` package and are read by the shared
BFCL loader (``itool.data.formats``), which keeps what the checker needs untouched:
each sample's ``tools`` hold BFCL's function docs as written (``FunctionSpec``
keeps ``parameters`` verbatim) and ``meta["possible_answer"]`` BFCL's ground truth.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from itool.data.formats import bfcl_data_dir, load_samples
from itool.errors import UserError
from itool.records import Sample

#: Categories judged by the AST checker (the model must make the right calls).
AST_CATEGORIES = (
    "simple_python",
    "multiple",
    "parallel",
    "parallel_multiple",
    "live_simple",
    "live_multiple",
    "live_parallel",
    "live_parallel_multiple",
)
#: Categories judged only on "did the model call something": irrelevance wants no
#: call, relevance wants at least one.
RELEVANCE_CATEGORIES = ("irrelevance", "live_irrelevance", "live_relevance")
CATEGORIES = AST_CATEGORIES + RELEVANCE_CATEGORIES


def category_of(entry_id: str) -> str | None:
    """The category named by a BFCL id (``live_simple_3-2-0`` -> ``live_simple``), or
    ``None`` if the id names none of :data:`CATEGORIES`."""
    if not isinstance(entry_id, str) or "_" not in entry_id:
        return None
    category = entry_id.rsplit("_", 1)[0]
    return category if category in CATEGORIES else None


def is_bfcl_category(name: str) -> bool:
    """True if BFCL ships a question file for ``name``, covered here or not
    (``simple_java``, ``multi_turn_base``, ...)."""
    return (bfcl_data_dir() / f"BFCL_v4_{name}.json").is_file()


def check_categories(categories: list[str]) -> list[str]:
    """The given category names, checked, in :data:`CATEGORIES` order."""
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise UserError(f"unknown BFCL category {', '.join(unknown)} (known: {', '.join(CATEGORIES)})")
    return [c for c in CATEGORIES if c in categories]


@cache
def _category_samples(category: str) -> tuple[Sample, ...]:
    path = bfcl_data_dir() / f"BFCL_v4_{category}.json"
    return tuple(load_samples(path, format="bfcl").samples)


def load_category(category: str) -> list[Sample]:
    """All entries of one category as samples, in BFCL's order. Read once per process
    and shared: treat them as read-only."""
    check_categories([category])
    return list(_category_samples(category))


def function_docs(sample: Sample) -> list[dict[str, Any]]:
    """The sample's functions as BFCL function docs (what BFCL's checker reads)."""
    return [tool.to_dict() for tool in sample.tools]
