"""Dataset formats: read ToolACE, sharegpt (LLaMA-Factory), OpenAI chat, BFCL and
itool's own sample files into :class:`~itool.records.Sample` records, and write samples back.

One sample per assistant turn, with everything before the turn as context (see
:mod:`itool.data.formats.conversation` for ids and meta). Every record is checked
while it is read; a bad one is reported as ``(FILE:RECORD, reason)``, where RECORD is
the line number in a JSONL file and the index in a JSON list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from itool.data.formats import bfcl, native, openai, sharegpt, toolace
from itool.data.formats.bfcl import bfcl_data_dir
from itool.data.formats.conversation import RecordError, to_conversations, to_samples
from itool.data.formats.files import iter_records, read_text, write_records
from itool.errors import DataError, UserError
from itool.records import Sample

__all__ = [
    "FORMATS",
    "WRITABLE_FORMATS",
    "LoadResult",
    "bfcl_data_dir",
    "detect_format",
    "load_samples",
    "write_samples",
]

_CONVERSATION_FORMATS = {"toolace": toolace, "sharegpt": sharegpt, "openai": openai}
FORMATS = ("toolace", "sharegpt", "openai", "bfcl", "itool")
WRITABLE_FORMATS = tuple(_CONVERSATION_FORMATS)
_SHAREGPT_TAGS = {"human", "gpt", "function_call", "observation"}


@dataclass
class LoadResult:
    """What a file held: its samples, how many records were read, and the bad records
    (skipped only when the caller asked for it)."""

    samples: list[Sample]
    records: int
    format: str
    skipped: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def calls(self) -> int:
        return sum(len(s.target_calls) for s in self.samples)


def load_samples(path: str | Path, format: str = "auto", skip_invalid: bool = False) -> LoadResult:
    """Read a dataset file into samples.

    Every record is checked. With ``skip_invalid=False`` any bad record raises
    :class:`DataError` listing all of them; with ``True`` they are skipped and listed
    in the result's ``problems``.
    """
    text = read_text(path)
    fmt = _detect(text, path) if format == "auto" else _known_format(format)
    read = _reader(fmt, path)
    samples: list[Sample] = []
    problems: list[tuple[str, str]] = []
    first_seen: dict[str, int] = {}  # record id -> location of the record that has it
    records = 0
    for raw in tqdm(iter_records(text), desc=f"reading {Path(path).name}", unit=" records",
                    disable=None, leave=False):
        records += 1
        where = f"{path}:{raw.location}"
        if raw.error is not None:
            problems.append((where, raw.error))
            continue
        if not isinstance(raw.value, dict):
            problems.append((where, f"a record must be a JSON object, got {type(raw.value).__name__}"))
            continue
        try:
            got = read(raw.value, raw.index)
        except RecordError as err:
            problems.append((where, str(err)))
            continue
        # samples of one conversation share a record id; itool's records are one each
        rid = got[0].id if fmt == "itool" else got[0].meta["record_id"]
        if rid in first_seen:  # sample ids must name one item, or predictions are ambiguous
            problems.append((where, f"duplicate id {rid!r} (record {first_seen[rid]} has it too)"))
            continue
        first_seen[rid] = raw.location
        samples.extend(got)
    if problems and not skip_invalid:
        raise DataError(problems)
    return LoadResult(samples, records, fmt, skipped=len(problems), problems=problems)


def _reader(fmt: str, path: str | Path) -> Callable[[dict[str, Any], int], list[Sample]]:
    if fmt == "bfcl":
        return bfcl.sample_reader(path)
    if fmt == "itool":
        return native.read
    module = _CONVERSATION_FORMATS[fmt]
    return lambda record, index: to_samples(module.read(record, index), fmt, index)


def write_samples(samples: list[Sample], path: str | Path, format: str) -> int:
    """Write samples as ``format`` (``.jsonl`` -> JSONL, otherwise a JSON list),
    atomically. Samples of one conversation are written once, as that conversation.
    Returns the number of records written."""
    if format not in _CONVERSATION_FORMATS:
        raise UserError(
            f"cannot write {format!r}: writable formats are {', '.join(WRITABLE_FORMATS)}"
        )
    writer = _CONVERSATION_FORMATS[format].write
    records = []
    for conv in to_conversations(samples):
        try:
            records.append(writer(conv))
        except ValueError as err:
            raise UserError(f"{path}: cannot write conversation {conv.id!r} as {format}: {err}") from None
    write_records(records, path)
    return len(records)


def detect_format(path: str | Path) -> str:
    """The format of a dataset file, from a BFCL file name or its first records."""
    return _detect(read_text(path), path)


def _known_format(name: str) -> str:
    if name not in FORMATS:
        raise UserError(f"unknown format {name!r}: expected auto or one of {', '.join(FORMATS)}")
    return name


def _detect(text: str, path: str | Path) -> str:
    if bfcl.category_of(path) and Path(path).parent.name != "possible_answer":
        return "bfcl"
    if not text.strip():
        raise UserError(f"{path}: the file is empty")
    for raw in iter_records(text):
        if raw.error is None:
            found = _format_of_record(raw.value, path)
            if found:
                return found
            break
    raise UserError(
        f"{path}: cannot tell the format from its first readable record; "
        f"pass --format ({', '.join(FORMATS)})"
    )


def _format_of_record(record: Any, path: str | Path) -> str | None:
    if not isinstance(record, dict):
        return None
    if "ground_truth" in record:
        raise UserError(f"{path}: this is a BFCL possible-answer file; pass the question file")
    if "question" in record and "function" in record:
        return "bfcl"
    if native.is_record(record):
        return "itool"
    if isinstance(record.get("messages"), list):
        return "openai"
    turns = record.get("conversations")
    if not isinstance(turns, list):
        return None
    if toolace.has_function_list(record.get("system")):
        return "toolace"
    tags = {t.get("from") for t in turns if isinstance(t, dict)}
    if "tools" in record or tags & _SHAREGPT_TAGS:
        return "sharegpt"
    return "toolace"
