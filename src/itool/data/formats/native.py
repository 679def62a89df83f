"""itool's own sample records: one ``Sample.to_dict()`` per line, as in a run
directory (``data/train.jsonl``, ``round_k/selected.jsonl``). Reading them back is
exact (ids, targets, meta), so a run's samples can go straight to ``itool search``,
``itool score`` or ``itool data stats``."""

from __future__ import annotations

from typing import Any

from itool.data.formats.conversation import RecordError
from itool.records import Sample

KEYS = ("id", "tools", "messages", "target")


def is_record(record: dict[str, Any]) -> bool:
    """Whether a record has the keys only itool's own records have together."""
    return all(key in record for key in KEYS)


def read(record: dict[str, Any], index: int) -> list[Sample]:
    """The one sample of a record; a malformed one is a :class:`RecordError`."""
    try:
        sample = Sample.from_dict(record)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise RecordError(f"not a valid itool sample record: {type(err).__name__}: {err}") from None
    if not sample.id.strip():
        raise RecordError("an itool sample record needs a non-empty 'id'")
    return [sample]
