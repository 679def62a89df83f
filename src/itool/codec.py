"""Tool-call codec: model text <-> ``ToolCall`` lists.

Models write calls in many shapes; this module reads all the common ones and writes
one canonical shape (BFCL/ToolACE python-call syntax). Reading never evaluates model
text: python-call syntax is read by a small recursive-descent parser that only knows
literals, and JSON by :mod:`json`. Any input either parses or raises
:class:`ParseError` with a reason; nothing else escapes.

Accepted shapes:

* python calls: ``[f(a=1), g.h(b="x", c=[1, 2], d={"k": None})]``, a bare call or a
  bare comma-separated sequence, names with spaces or dots (``Market Trends API(...)``),
  Python or JSON literals (``True``/``true``, ``None``/``null``), tuples read as lists;
* JSON: ``{"name": ..., "arguments": {...}}`` (``parameters`` also accepted; arguments
  may be a JSON string), a list of those, OpenAI ``{"tool_calls": [...]}`` messages and
  ``{"type": "function", "function": {...}}`` items;
* Hermes: one or more ``<tool_call>{json}</tool_call>`` blocks;
* any of these inside a Markdown code fence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from itool.records import ToolCall

MAX_DEPTH = 64  # deeper nesting than any real call; keeps hostile input bounded


class ParseError(ValueError):
    """Text that is not a tool call in any accepted shape. ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


_FENCE = re.compile(r"^```[\w+-]*[ \t]*\n?(.*?)\n?```$", re.S)
_HERMES = re.compile(r"<tool_call>(.*?)(?:</tool_call>|$)", re.S)


def strip_fence(text: str) -> str:
    """Remove one Markdown code fence around the whole text, if there is one."""
    stripped = text.strip()
    match = _FENCE.match(stripped)
    return match.group(1).strip() if match else stripped


def parse_calls(text: str) -> list[ToolCall]:
    """Read every tool call in ``text``; raise :class:`ParseError` if it holds none.

    ``"[]"`` is a valid, empty list of calls.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    body = strip_fence(text)
    if not body:
        raise ParseError("empty response")
    if body.startswith("<tool_call>"):
        return _parse_hermes(body)
    if _looks_like_json(body):
        return _parse_json_calls(body)
    try:
        return [call for call, _ in parse_python_calls(body)]
    except ParseError:
        # Hermes blocks after a line of prose; tried only when the text is not a call
        # list, because a call's string argument may itself hold "<tool_call>"
        if "<tool_call>" in body:
            return _parse_hermes(body)
        raise


def render_calls(calls: list[ToolCall]) -> str:
    """Write calls in BFCL python-call syntax: ``[f(a=1, b="x"), g()]``."""
    return "[" + ", ".join(render_call(c) for c in calls) + "]"


def render_call(call: ToolCall) -> str:
    if not _NAME_RE.fullmatch(call.name) or call.name != call.name.strip():
        raise ValueError(f"function name {call.name!r} cannot be written in call syntax")
    args = []
    for key, value in call.arguments.items():
        if not _ARG_RE.fullmatch(key):
            raise ValueError(f"argument name {key!r} cannot be written in call syntax")
        args.append(f"{key}={render_value(value)}")
    return f"{call.name}({', '.join(args)})"


def render_value(value: Any) -> str:
    """A Python literal for a JSON value (strings double-quoted, ``True``, ``None``)."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no literal in call syntax")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{json.dumps(str(k), ensure_ascii=False)}: {render_value(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise ValueError(f"cannot write a {type(value).__name__} as a call argument")


# --------------------------------------------------------------------------- JSON


def _looks_like_json(body: str) -> bool:
    if body.startswith("{"):
        return True
    return body.startswith("[") and body[1:].lstrip().startswith("{")


def _parse_hermes(body: str) -> list[ToolCall]:
    calls: list[ToolCall] = []
    for block in _HERMES.findall(body):
        calls.extend(_parse_json_calls(block.strip()))
    if not calls:
        raise ParseError("<tool_call> block holds no call")
    return calls


def _parse_json_calls(body: str) -> list[ToolCall]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as err:
        raise ParseError(f"invalid JSON: {err}") from None
    items = data if isinstance(data, list) else [data]
    calls: list[ToolCall] = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("tool_calls"), list):
            calls.extend(_json_call(c) for c in item["tool_calls"])
        else:
            calls.append(_json_call(item))
    return calls


def _json_call(item: Any) -> ToolCall:
    if not isinstance(item, dict):
        raise ParseError("a JSON call must be an object")
    if isinstance(item.get("function"), dict):  # OpenAI tool_calls item
        item = item["function"]
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ParseError("a JSON call needs a non-empty string 'name'")
    args = item.get("arguments", item.get("parameters", {}))
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except (json.JSONDecodeError, RecursionError) as err:
            raise ParseError(f"call {name!r}: arguments are not valid JSON: {err}") from None
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise ParseError(f"call {name!r}: arguments must be an object")
    return ToolCall(name=name.strip(), arguments=args)


# ------------------------------------------------------------------ python calls

# Function names: identifiers (any script) joined by dots, spaces or hyphens
# ("Market Trends API", "天气查询").
_NAME_RE = re.compile(r"[^\W\d][\w.\- ]*")
_ARG_RE = re.compile(r"[^\W\d][\w.\-]*")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_WORD_RE = re.compile(r"[A-Za-z_]\w*")
_WORDS = {"True": True, "true": True, "False": False, "false": False, "None": None, "null": None}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0",
            "\\": "\\", "'": "'", '"': '"', "/": "/", "\n": ""}


@dataclass(frozen=True)
class CallSpan:
    """Where a call sits in the text it was read from (character offsets).

    ``head`` ends just after the opening parenthesis; ``arguments`` holds one
    ``(start, end)`` per argument (``name=value``); ``end`` is just after ``)``.
    """

    start: int
    head: int
    arguments: tuple[tuple[int, int], ...]
    end: int


def parse_python_calls(text: str) -> list[tuple[ToolCall, CallSpan]]:
    """Read python-call syntax, with each call's position in ``text``.

    Accepts ``[call, ...]``, a bare call, or bare calls separated by commas. Offsets
    refer to ``text`` as given (leading/trailing whitespace allowed).
    """
    return _CallReader(text).read()


class _CallReader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def fail(self, reason: str) -> ParseError:
        return ParseError(f"{reason} at offset {self.pos}")

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "end of text"
            raise self.fail(f"expected {char!r}, found {found}")
        self.pos += 1

    def read(self) -> list[tuple[ToolCall, CallSpan]]:
        bracketed = self.peek() == "["
        if bracketed:
            self.pos += 1
        calls: list[tuple[ToolCall, CallSpan]] = []
        closer = "]" if bracketed else ""
        while self.peek() != closer:
            if not self.peek():
                raise self.fail("missing closing ']'")
            calls.append(self.read_call())
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != closer:
                raise self.fail("missing closing ']'" if not self.peek() else "expected ',' between calls")
        if bracketed:
            self.pos += 1
        if self.peek():
            raise self.fail("unexpected text after the calls")
        if not calls and not bracketed:
            raise self.fail("no call found")
        return calls

    def read_call(self) -> tuple[ToolCall, CallSpan]:
        self.skip_space()
        start = self.pos
        match = _NAME_RE.match(self.text, self.pos)
        if not match:
            raise self.fail("expected a function name")
        name = match.group().strip()
        self.pos = match.end()
        self.expect("(")
        head = self.pos
        args: dict[str, Any] = {}
        spans: list[tuple[int, int]] = []
        while self.peek() != ")":
            arg_start = self.pos
            key = _ARG_RE.match(self.text, self.pos)
            if not key:
                raise self.fail(f"call {name!r}: expected name=value (positional arguments are not read)")
            self.pos = key.end()
            if self.peek() != "=":
                raise self.fail(f"call {name!r}: positional argument (use name=value)")
            self.pos += 1
            if key.group() in args:
                raise self.fail(f"call {name!r}: argument {key.group()!r} given twice")
            args[key.group()] = self.read_value(0)
            spans.append((arg_start, self.pos))
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != ")":
                raise self.fail(f"call {name!r}: expected ',' or ')'")
        self.pos += 1
        return ToolCall(name=name, arguments=args), CallSpan(start, head, tuple(spans), self.pos)

    def read_value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail("values nested too deeply")
        char = self.peek()
        if not char:  # ("" is in every string: test for the end before the tests below)
            raise self.fail("expected a value, found end of text")
        if char in "\"'":
            return self.read_string()
        if char in "[(":
            return self.read_sequence("]" if char == "[" else ")", depth)
        if char == "{":
            return self.read_dict(depth)
        number = _NUMBER_RE.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            literal = number.group()
            is_float = any(c in literal for c in ".eE")
            try:
                value = float(literal) if is_float else int(literal)
            except (ValueError, OverflowError):
                raise self.fail(f"bad number {literal!r}") from None
            if isinstance(value, float) and not math.isfinite(value):
                raise self.fail(f"number out of range {literal!r}")
            return value
        word = _WORD_RE.match(self.text, self.pos)
        if word and word.group() in _WORDS:
            self.pos = word.end()
            return _WORDS[word.group()]
        if word:
            raise self.fail(f"unsupported value {word.group()!r} (only literals are read)")
        found = repr(char) if char else "end of text"
        raise self.fail(f"expected a value, found {found}")

    def read_sequence(self, closer: str, depth: int) -> list[Any]:
        self.pos += 1
        items = []
        while self.peek() != closer:
            items.append(self.read_value(depth + 1))
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != closer:
                raise self.fail(f"expected ',' or {closer!r} in a list")
        self.pos += 1
        return items

    def read_dict(self, depth: int) -> dict[str, Any]:
        self.pos += 1
        out: dict[str, Any] = {}
        while self.peek() != "}":
            key = self.read_value(depth + 1)
            if isinstance(key, (dict, list)):
                raise self.fail("dictionary keys must be strings or numbers")
            self.expect(":")
            out[key if isinstance(key, str) else json.dumps(key)] = self.read_value(depth + 1)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise self.fail("expected ',' or '}' in a dictionary")
        self.pos += 1
        return out

    def read_string(self) -> str:
        quote = self.text[self.pos]
        if self.text.startswith(quote * 3, self.pos):
            end = self.text.find(quote * 3, self.pos + 3)
            if end < 0:
                raise self.fail("unterminated string")
            raw, self.pos = self.text[self.pos + 3 : end], end + 3
            return self.unescape(raw)
        i = self.pos + 1
        while i < len(self.text):
            char = self.text[i]
            if char == "\\":
                i += 2
                continue
            if char == quote:
                raw, self.pos = self.text[self.pos + 1 : i], i + 1
                return self.unescape(raw)
            if char == "\n":
                break
            i += 1
        raise self.fail("unterminated string")

    def unescape(self, raw: str) -> str:
        if "\\" not in raw:
            return raw
        out: list[str] = []
        i = 0
        while i < len(raw):
            char = raw[i]
            if char != "\\" or i + 1 >= len(raw):
                out.append(char)
                i += 1
                continue
            nxt = raw[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif nxt in "uUx":
                width = {"u": 4, "U": 8, "x": 2}[nxt]
                digits = raw[i + 2 : i + 2 + width]
                if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                    raise self.fail(f"bad \\{nxt} escape in a string")
                code = int(digits, 16)
                if code > 0x10FFFF:
                    raise self.fail(f"bad \\{nxt} escape in a string")
                out.append(chr(code))
                i += 2 + width
            else:  # Python keeps unknown escapes as written
                out.append(char)
                i += 1
        return _join_surrogates("".join(out))


def _join_surrogates(text: str) -> str:
    """JSON writes characters outside the BMP as two \\u escapes; join such pairs."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
