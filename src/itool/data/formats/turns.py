"""Conversations written as ``{"from": ..., "value": ...}`` turns: ToolACE and
sharegpt share this shape and differ in how an assistant turn holds its calls.

Both readers accept each other's role names (``user``/``human``, ``assistant``/``gpt``,
``tool``/``observation``, ``function_call``, ``system``): files written by other tools
mix them, and the meaning is never in doubt.
"""

from __future__ import annotations

import json
from typing import Any

from itool.codec import ParseError, parse_calls, strip_fence
from itool.data.formats.conversation import RecordError
from itool.records import Message

ROLE_OF_TAG = {
    "user": "user",
    "human": "user",
    "assistant": "assistant",
    "gpt": "assistant",
    "function_call": "assistant",
    "tool": "tool",
    "observation": "tool",
    "function": "tool",
    "system": "system",
}


def read_turns(turns: Any, *, replies_may_call: bool) -> list[Message]:
    """Messages from a ``conversations`` list.

    ``function_call`` turns must hold calls (JSON or python syntax). With
    ``replies_may_call`` (ToolACE), plain assistant turns hold python-call syntax or,
    failing that, prose: a turn that is clearly meant as calls (it starts with ``[``
    or ``{``) but does not parse is an error, not prose.
    """
    if not isinstance(turns, list):
        raise RecordError("missing 'conversations' list")
    messages: list[Message] = []
    replies = 0
    for i, turn in enumerate(turns):
        where = f"conversations[{i}]"
        if not isinstance(turn, dict):
            raise RecordError(f"{where}: a turn must be an object, got {type(turn).__name__}")
        tag = turn.get("from", turn.get("role"))
        if tag not in ROLE_OF_TAG:
            expected = ", ".join(ROLE_OF_TAG)
            raise RecordError(f"{where}: unknown role {tag!r} (expected one of {expected})")
        role = ROLE_OF_TAG[tag]
        value = _turn_text(turn, where, role)
        if role != "assistant":
            messages.append(Message(role=role, content=value))
            continue
        replies += 1
        if tag == "function_call":
            messages.append(_calls_message(value, f"assistant turn {replies}", strict=True))
        elif replies_may_call:
            messages.append(_calls_message(value, f"assistant turn {replies}", strict=False))
        else:
            messages.append(Message(role="assistant", content=value))
    return messages


def _turn_text(turn: dict[str, Any], where: str, role: str) -> str:
    value = turn.get("value", turn.get("content"))
    if value is None:
        raise RecordError(f"{where}: missing 'value'")
    if role == "tool" and isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)  # a result written as JSON, not text
    if not isinstance(value, str):
        raise RecordError(f"{where}: 'value' must be a string, got {type(value).__name__}")
    return value


def _calls_message(text: str, where: str, strict: bool) -> Message:
    try:
        calls = parse_calls(text)
    except ParseError as err:
        if strict or _meant_as_calls(text):
            raise RecordError(f"{where}: broken call syntax: {err.reason}") from None
        return Message(role="assistant", content=text)
    return Message(role="assistant", content="", tool_calls=calls)


def _meant_as_calls(text: str) -> bool:
    body = strip_fence(text)
    return body.startswith(("[", "{")) or "<tool_call>" in body


def write_turns(messages: list[Message], tags: dict[str, str], render_calls) -> list[dict[str, str]]:
    """``from``/``value`` turns for every non-system message. ``tags`` names the roles
    (plus ``"calls"`` for an assistant turn that makes calls); ``render_calls`` turns
    a list of calls into the turn's text."""
    turns = []
    for message in messages:
        if message.role == "system":
            continue
        if message.role == "assistant" and message.tool_calls:
            turns.append({"from": tags["calls"], "value": render_calls(message.tool_calls)})
        else:
            turns.append({"from": tags[message.role], "value": message.content})
    return turns


def system_text(messages: list[Message]) -> str:
    """The conversation's system messages as one text (both formats have one slot)."""
    return "\n\n".join(m.content for m in messages if m.role == "system")
