"""The shape every format is read into and written from: one conversation.

A format module only translates between its records and :class:`Conversation`
(tools + messages + the record's own ``id``/``category``). Cutting a conversation
into one :class:`~itool.records.Sample` per assistant turn, checking its calls
against the tool list, and gathering samples back into conversations happen here,
once, for every format.

Sample ids: a record's own ``id`` (or ``rec-NNNNN`` from its position in the file
when it has none). A conversation with a single assistant turn gives one sample with
exactly that id; with several, the samples are ``<id>#1``, ``<id>#2``, ... in turn
order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itool.records import FunctionSpec, Message, Sample, ToolCall


class RecordError(ValueError):
    """What is wrong with one record; shown as ``FILE:RECORD: reason``."""


@dataclass
class Conversation:
    """A record of any format: the tools offered, the turns, and what the record says
    about itself.

    Read from a file, ``extra`` holds format-specific facts that go into every
    sample's meta (for instance ToolACE's own system instructions); gathered from
    samples for writing, it is the latest sample's meta, and each writer picks the
    keys it knows, so that writing samples back in their own format loses nothing."""

    tools: list[FunctionSpec]
    messages: list[Message]
    id: str | None = None
    category: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def record_id(record: dict[str, Any], index: int) -> str:
    """The record's own ``id`` field if it has one, else a stable id from its position."""
    own = record.get("id")
    if own is not None and not isinstance(own, (dict, list)) and str(own).strip():
        return str(own)
    return position_id(index)


def position_id(index: int) -> str:
    """The id of a record that has none: its position in the file."""
    return f"rec-{index:05d}"


def record_category(record: dict[str, Any]) -> str | None:
    category = record.get("category")
    return category if isinstance(category, str) and category else None


def read_tools(specs: Any, where: str) -> list[FunctionSpec]:
    """Function specs from a JSON list, with the position of a bad one in the error."""
    if not isinstance(specs, list):
        raise RecordError(f"{where} must be a JSON list of functions, got {type(specs).__name__}")
    tools = []
    for i, spec in enumerate(specs):
        try:
            tools.append(FunctionSpec.from_dict(spec))
        except ValueError as err:
            raise RecordError(f"{where}[{i}]: {err}") from None
    return tools


def to_samples(conv: Conversation, source: str, index: int) -> list[Sample]:
    """One sample per assistant turn: everything before the turn is context, the turn
    itself (its calls, or its text when it makes none) is the target."""
    check_calls(conv)
    turns = [i for i, m in enumerate(conv.messages) if m.role == "assistant"]
    if not turns:
        raise RecordError("no assistant turn, so nothing to learn or evaluate")
    rid = conv.id if conv.id is not None else position_id(index)
    samples = []
    for turn, position in enumerate(turns, start=1):
        reply = conv.messages[position]
        target: list[ToolCall] | str = list(reply.tool_calls) if reply.tool_calls else reply.content
        meta: dict[str, Any] = {"source": source, "record": index, "record_id": rid, "turn": turn}
        if conv.category is not None:
            meta["category"] = conv.category
        meta.update(conv.extra)
        samples.append(
            Sample(
                id=rid if len(turns) == 1 else f"{rid}#{turn}",
                tools=list(conv.tools),
                messages=list(conv.messages[:position]),
                target=target,
                meta=meta,
            )
        )
    return samples


def check_calls(conv: Conversation) -> None:
    """Every call in the conversation must name a function from its tool list."""
    known = {t.name for t in conv.tools}
    turn = 0
    for message in conv.messages:
        if message.role != "assistant":
            continue
        turn += 1
        for call in message.tool_calls:
            if call.name not in known:
                raise RecordError(
                    f"assistant turn {turn}: call to unknown function {call.name!r} "
                    "(not in the tool list)"
                )


def to_conversations(samples: list[Sample]) -> list[Conversation]:
    """Gather samples back into their conversations, in order of first appearance.

    Samples of one conversation share ``meta["record_id"]`` and ``meta["record"]``
    (its position in the file it came from); the latest turn's context
    plus its target is the whole conversation, so it alone is written. A sample with
    no record id (made by hand or by the generator) is a conversation of its own.
    """
    latest: dict[tuple[str, Any], Sample] = {}
    for sample in samples:
        key = (str(sample.meta.get("record_id", sample.id)), sample.meta.get("record"))
        if key not in latest or _turn(sample) >= _turn(latest[key]):
            latest[key] = sample
    return [_conversation_of(sample, rid) for (rid, _), sample in latest.items()]


def _turn(sample: Sample) -> int:
    turn = sample.meta.get("turn")
    if isinstance(turn, int):
        return turn
    return 1 + sum(m.role == "assistant" for m in sample.messages)


def _conversation_of(sample: Sample, rid: str) -> Conversation:
    if sample.target_calls:
        reply = Message(role="assistant", content="", tool_calls=list(sample.target_calls))
    else:
        reply = Message(role="assistant", content=sample.target if isinstance(sample.target, str) else "")
    category = sample.meta.get("category")
    return Conversation(
        tools=list(sample.tools),
        messages=[*sample.messages, reply],
        id=rid,
        category=category if isinstance(category, str) else None,
        extra=dict(sample.meta),
    )
