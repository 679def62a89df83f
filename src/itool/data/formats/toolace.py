"""ToolACE: ``{"system": ..., "conversations": [{"from", "value"}, ...]}``.

The available functions are a JSON list inside the system prompt, after
:data:`MARKER`; everything around the list is instructions to the model. Assistant
turns hold python-call syntax (``[Market Trends API(country="us")]``) or prose; tool
turns hold results. The data generator also writes ``id`` and ``category`` beside
these keys.

A file's own instruction text is kept in each sample's ``meta["system_prompt"]``
(``{"before": ..., "after": ...}`` around the list) and written back unchanged.
Conversations that have none get our own wording. A conversation's own system
message (from an OpenAI or sharegpt file) is written in front of our wording and
recognised on the way back in, so it survives a round trip as a system message.
"""

from __future__ import annotations

import json
from typing import Any

from itool.codec import render_calls
from itool.data.formats.conversation import (
    Conversation,
    RecordError,
    read_tools,
    record_category,
    record_id,
)
from itool.data.formats.turns import read_turns, system_text, write_turns
from itool.records import FunctionSpec, Message

MARKER = "Here is a list of functions in JSON format that you can invoke:"
# Copies of this prompt in the wild end the sentence with ":" or "." or nothing.
_MARKER_STEM = MARKER.rstrip(":")

OWN_BEFORE = (
    "You can call functions to answer the user. When a call is needed, answer with the "
    "calls only, as a list such as [function_name(param=value, other=value)]. When no "
    "function fits the request, or a required value is missing, say so in plain words "
    "instead of calling.\n" + MARKER + "\n"
)
OWN_AFTER = "\n"
_SEPARATOR = "\n\n"

TAGS = {"user": "user", "assistant": "assistant", "calls": "assistant", "tool": "tool"}


def has_function_list(system: object) -> bool:
    """Whether a system prompt carries a ToolACE function list (used by detection)."""
    return isinstance(system, str) and _MARKER_STEM in system


def read(record: dict[str, Any], index: int) -> Conversation:
    system = record.get("system", "")
    if system is None:
        system = ""
    if not isinstance(system, str):
        raise RecordError(f"'system' must be a string, got {type(system).__name__}")
    tools, leading, extra = _read_system(system)
    messages = read_turns(record.get("conversations"), replies_may_call=True)
    return Conversation(
        tools=tools,
        messages=leading + messages,
        id=record_id(record, index),
        category=record_category(record),
        extra=extra,
    )


def _read_system(system: str) -> tuple[list[FunctionSpec], list[Message], dict[str, Any]]:
    """Split the system prompt into (tools, system messages, meta to keep)."""
    if _MARKER_STEM not in system:
        leading = [Message(role="system", content=system)] if system.strip() else []
        return [], leading, {}
    start = system.find("[", system.index(_MARKER_STEM) + len(_MARKER_STEM))
    if start < 0:
        raise RecordError("system prompt: no JSON list of functions after the marker")
    try:
        specs, end = json.JSONDecoder().raw_decode(system, start)
    except json.JSONDecodeError as err:
        raise RecordError(f"system prompt: the function list is not valid JSON ({err.msg})") from None
    tools = read_tools(specs, "system prompt function list")
    before, after = system[:start], system[end:]
    if after == OWN_AFTER and before == OWN_BEFORE:
        return tools, [], {}
    if after == OWN_AFTER and before.endswith(_SEPARATOR + OWN_BEFORE):
        own_system = before[: -len(_SEPARATOR + OWN_BEFORE)]
        return tools, [Message(role="system", content=own_system)], {}
    return tools, [], {"system_prompt": {"before": before, "after": after}}


def write(conv: Conversation) -> dict[str, Any]:
    kept = conv.extra.get("system_prompt")
    if isinstance(kept, dict):
        before, after = str(kept.get("before", OWN_BEFORE)), str(kept.get("after", OWN_AFTER))
    else:
        before, after = OWN_BEFORE, OWN_AFTER
    own_system = system_text(conv.messages)
    if own_system:
        before = own_system + _SEPARATOR + before
    functions = json.dumps([t.to_dict() for t in conv.tools], ensure_ascii=False)
    record: dict[str, Any] = {}
    if conv.id is not None:
        record["id"] = conv.id
    if conv.category is not None:
        record["category"] = conv.category
    record["system"] = before + functions + after
    record["conversations"] = write_turns(conv.messages, TAGS, render_calls)
    return record
