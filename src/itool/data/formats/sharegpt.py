"""sharegpt with tools, as LLaMA-Factory reads it.

``{"conversations": [{"from": "human"|"gpt"|"function_call"|"observation", "value"}],
"system": ..., "tools": "<JSON list of function specs>"}``. A ``function_call`` turn
holds ``{"name", "arguments"}`` as JSON, or a JSON list of those for parallel calls;
``gpt`` turns are text. ``tools`` may also be a list rather than a JSON string.
"""

from __future__ import annotations

import json
from typing import Any

from itool.data.formats.conversation import (
    Conversation,
    RecordError,
    read_tools,
    record_category,
    record_id,
)
from itool.data.formats.turns import read_turns, system_text, write_turns
from itool.records import FunctionSpec, Message, ToolCall

TAGS = {"user": "human", "assistant": "gpt", "calls": "function_call", "tool": "observation"}


def read(record: dict[str, Any], index: int) -> Conversation:
    system = record.get("system") or ""
    if not isinstance(system, str):
        raise RecordError(f"'system' must be a string, got {type(system).__name__}")
    leading = [Message(role="system", content=system)] if system.strip() else []
    messages = read_turns(record.get("conversations"), replies_may_call=False)
    return Conversation(
        tools=_read_tools(record.get("tools")),
        messages=leading + messages,
        id=record_id(record, index),
        category=record_category(record),
    )


def _read_tools(tools: Any) -> list[FunctionSpec]:
    if tools is None or tools == "":
        return []
    if isinstance(tools, str):
        try:
            tools = json.loads(tools)
        except json.JSONDecodeError as err:
            raise RecordError(f"'tools' is not valid JSON ({err.msg})") from None
    return read_tools(tools, "tools")


def write(conv: Conversation) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if conv.id is not None:
        record["id"] = conv.id
    if conv.category is not None:
        record["category"] = conv.category
    record["conversations"] = write_turns(conv.messages, TAGS, _render_calls)
    system = system_text(conv.messages)
    if system:
        record["system"] = system
    record["tools"] = json.dumps([t.to_dict() for t in conv.tools], ensure_ascii=False)
    return record


def _render_calls(calls: list[ToolCall]) -> str:
    items = [c.to_dict() for c in calls]
    return json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False)
