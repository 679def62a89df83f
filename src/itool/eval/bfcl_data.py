"""Find and read the BFCL v4 data shipped in the installed ``bfcl-eval`` package.

The package is installed without its dependencies and is never imported: importing it
would pull in dozens of API clients. We only ask Python where it lies. Questions live
in ``data/BFCL_v4_<category>.json`` and answers in
``data/possible_answer/BFCL_v4_<category>.json``, both JSON Lines despite the suffix.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from itool.errors import UserError

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

VERSION_PREFIX = "BFCL_v4"


@dataclass
class BfclEntry:
    """One BFCL question with its raw fields as BFCL wrote them.

    ``functions`` are BFCL function docs (``"type": "dict"`` schemas),
    ``question`` the list of turns (each a list of messages), and
    ``possible_answer`` the ground truth: a list of ``{function name: {parameter:
    [acceptable values]}}``, or ``None`` for the relevance categories.
    """

    id: str
    category: str
    functions: list[dict[str, Any]]
    question: list[Any]
    possible_answer: list[dict[str, Any]] | None


def bfcl_data_dir() -> Path:
    """The ``data`` directory of the installed ``bfcl-eval`` package."""
    spec = importlib.util.find_spec("bfcl_eval")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        data = Path(location) / "data"
        if data.is_dir():
            return data
    raise UserError("BFCL data not found: install it with `pip install --no-deps bfcl-eval==2026.3.23`")


def category_of(entry_id: str) -> str | None:
    """The category named by a BFCL id (``live_simple_3-2-0`` -> ``live_simple``), or
    ``None`` if the id names none of :data:`CATEGORIES`."""
    if not isinstance(entry_id, str) or "_" not in entry_id:
        return None
    category = entry_id.rsplit("_", 1)[0]
    return category if category in CATEGORIES else None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def _load_category(category: str) -> tuple[BfclEntry, ...]:
    data = bfcl_data_dir()
    questions = _read_jsonl(data / f"{VERSION_PREFIX}_{category}.json")
    answers: dict[str, Any] = {}
    if category in AST_CATEGORIES:
        answer_path = data / "possible_answer" / f"{VERSION_PREFIX}_{category}.json"
        answers = {row["id"]: row["ground_truth"] for row in _read_jsonl(answer_path)}
    return tuple(
        BfclEntry(
            id=row["id"],
            category=category,
            functions=row["function"],
            question=row["question"],
            possible_answer=answers.get(row["id"]) if category in AST_CATEGORIES else None,
        )
        for row in questions
    )


def load_entries(category: str) -> list[BfclEntry]:
    """All entries of one category, in BFCL's order (read once, then cached; treat
    the returned entries as read-only)."""
    if category not in CATEGORIES:
        raise UserError(f"unknown BFCL category {category!r} (known: {', '.join(CATEGORIES)})")
    return list(_load_category(category))
