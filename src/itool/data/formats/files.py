"""Reading records out of JSON / JSONL files, and writing them back atomically.

Every dataset format we read is either a JSON list of objects or JSONL (one object per
line), whatever the file's extension says (BFCL writes JSONL into ``.json`` files). A
record keeps its location for error messages: the 1-based line number in JSONL, the
0-based index in a JSON list. A JSON list that breaks off half-way still yields the
records before the break, and one error at the index where it broke.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itool.errors import UserError


@dataclass
class RawRecord:
    """One record as read from a file: its JSON value, or why it could not be read.

    ``index`` counts records in file order from 0 (ids are built from it);
    ``location`` is what error messages show after ``FILE:``.
    """

    index: int
    location: int
    value: Any = None
    error: str | None = None


def read_text(path: str | Path) -> str:
    """The file's text, or a :class:`UserError` that says what is wrong with it."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a directory, not a data file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise UserError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror})") from None


def is_json_list(text: str) -> bool:
    """A JSON list file starts with ``[``; anything else is read as JSONL."""
    return text.lstrip().startswith("[")


def iter_records(text: str) -> Iterator[RawRecord]:
    """Records of a JSON list or JSONL text, in file order. A file that is one
    pretty-printed JSON object is one record."""
    if is_json_list(text):
        yield from _iter_json_list(text)
        return
    single = _single_object(text)
    if single is not None:
        yield RawRecord(0, 1, value=single)
    else:
        yield from _iter_jsonl(text)


def _single_object(text: str) -> dict[str, Any] | None:
    """The object, if the text is one JSON object spread over several lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith("{"):
        return None
    try:
        json.loads(lines[0])
        return None  # the first line is a whole record: JSONL
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _iter_jsonl(text: str) -> Iterator[RawRecord]:
    index = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield RawRecord(index, number, value=json.loads(line))
        except json.JSONDecodeError as err:
            yield RawRecord(index, number, error=f"not valid JSON ({_describe(err, line)})")
        except RecursionError:
            yield RawRecord(index, number, error="not valid JSON (nested too deeply)")
        index += 1


def _iter_json_list(text: str) -> Iterator[RawRecord]:
    """Decode the list one element at a time so that a broken element is reported at
    its own index and the elements before it are still read."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    index = 0
    while True:
        pos = _skip_space(text, pos)
        if text.startswith("]", pos) and index == 0:
            pos += 1
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            yield RawRecord(index, index, error=f"not valid JSON ({_describe(err, text)})")
            return
        except RecursionError:
            yield RawRecord(index, index, error="not valid JSON (nested too deeply)")
            return
        yield RawRecord(index, index, value=value)
        index += 1
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos += 1
        elif text.startswith("]", pos):
            pos += 1
            break
        else:
            found = "end of file (truncated JSON)" if pos >= len(text) else repr(text[pos])
            yield RawRecord(index, index, error=f"not valid JSON: expected ',' or ']', found {found}")
            return
    if text[pos:].strip():
        yield RawRecord(index, index, error="not valid JSON: text after the closing ']'")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _describe(err: json.JSONDecodeError, text: str) -> str:
    """The decoder's complaint, or "truncated" when the text simply stops (an
    unterminated string can only run to the end of the text)."""
    if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
        return "truncated"
    return f"{err.msg} (line {err.lineno}, column {err.colno})"


def write_records(records: list[dict[str, Any]], path: str | Path) -> None:
    """Write records atomically: a ``.jsonl`` path gets one object per line, anything
    else a JSON list (one record per line inside it, so diffs stay readable)."""
    path = Path(path)
    if path.suffix == ".jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        text = f"[\n{body}\n]\n" if records else "[]\n"
    write_text_atomic(path, text)


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``: a
    reader never sees half a file, and a crash leaves the old file intact."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
