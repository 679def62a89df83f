"""OpenAI chat: ``{"messages": [...], "tools": [{"type": "function", "function": {...}}]}``.

Assistant messages carry ``tool_calls`` (``{"id", "type": "function", "function":
{"name", "arguments": "<JSON string>"}}``); tool messages answer them with
``tool_call_id``. Call ids are not kept when reading (a sample's calls are
identified by their position); the writer numbers them ``call_1``, ``call_2``, ...
through the conversation and points the tool messages that follow an assistant turn
at its calls in order.

Also accepted on reading: ``developer`` as a system role, content given as a list of
text parts, the legacy ``function_call``/``functions`` fields, and bare function
specs in ``tools``.
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
from itool.records import Message, ToolCall

ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant",
         "tool": "tool", "function": "tool"}


def read(record: dict[str, Any], index: int) -> Conversation:
    raw_messages = record.get("messages")
    if not isinstance(raw_messages, list):
        raise RecordError("missing 'messages' list")
    tools = record.get("tools", record.get("functions")) or []
    return Conversation(
        tools=read_tools(tools, "tools"),
        messages=[_read_message(m, f"messages[{i}]") for i, m in enumerate(raw_messages)],
        id=record_id(record, index),
        category=record_category(record),
    )


def _read_message(data: Any, where: str) -> Message:
    if not isinstance(data, dict):
        raise RecordError(f"{where}: a message must be an object, got {type(data).__name__}")
    role = data.get("role")
    if role not in ROLES:
        raise RecordError(f"{where}: unknown role {role!r} (expected one of {', '.join(ROLES)})")
    content = _read_content(data.get("content"), where)
    name = data.get("name") if isinstance(data.get("name"), str) else None
    if ROLES[role] != "assistant":
        return Message(role=ROLES[role], content=content, name=name if ROLES[role] == "tool" else None)
    raw_calls = data.get("tool_calls") or []
    if data.get("function_call"):
        raw_calls = [*raw_calls, {"function": data["function_call"]}]
    if not isinstance(raw_calls, list):
        raise RecordError(f"{where}: 'tool_calls' must be a list")
    calls = [_read_call(c, f"{where}.tool_calls[{j}]") for j, c in enumerate(raw_calls)]
    return Message(role="assistant", content=content, tool_calls=calls)


def _read_content(content: Any, where: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(p, dict) for p in content):
        return "".join(str(p.get("text", "")) for p in content if p.get("type", "text") == "text")
    raise RecordError(f"{where}: 'content' must be a string, got {type(content).__name__}")


def _read_call(data: Any, where: str) -> ToolCall:
    function = data.get("function") if isinstance(data, dict) else None
    if not isinstance(function, dict):
        raise RecordError(f"{where}: a tool call needs a 'function' object")
    name = function.get("name")
    if not isinstance(name, str) or not name:
        raise RecordError(f"{where}: the function needs a non-empty string 'name'")
    arguments = function.get("arguments")
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as err:
            raise RecordError(f"{where}: arguments of {name!r} are not valid JSON ({err.msg})") from None
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        raise RecordError(f"{where}: arguments of {name!r} must be an object, got {type(arguments).__name__}")
    return ToolCall(name=name, arguments=arguments)


def write(conv: Conversation) -> dict[str, Any]:
    messages: list[dict[str, Any]] = []
    pending: list[str] = []  # ids of the latest assistant turn's calls, not yet answered
    counter = 0
    for message in conv.messages:
        out: dict[str, Any] = {"role": message.role, "content": message.content}
        if message.role == "assistant":
            pending = []
            if message.tool_calls:
                out["content"] = message.content or None
                out["tool_calls"] = []
                for call in message.tool_calls:
                    counter += 1
                    pending.append(f"call_{counter}")
                    out["tool_calls"].append({
                        "id": pending[-1],
                        "type": "function",
                        "function": {"name": call.name,
                                     "arguments": json.dumps(call.arguments, ensure_ascii=False)},
                    })
        elif message.role == "tool":
            if pending:
                out["tool_call_id"] = pending.pop(0)
            if message.name is not None:
                out["name"] = message.name
        messages.append(out)
    record: dict[str, Any] = {}
    if conv.id is not None:
        record["id"] = conv.id
    if conv.category is not None:
        record["category"] = conv.category
    record["messages"] = messages
    record["tools"] = [{"type": "function", "function": t.to_dict()} for t in conv.tools]
    return record
