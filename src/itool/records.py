"""The records every stage of itool reads and writes.

Plain dataclasses with ``to_dict``/``from_dict`` so that each stage can write JSONL
and the next can read it back without knowing which module produced it. Nothing
here knows about a file format (see ``itool.data.formats``) or a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ROLES = ("system", "user", "assistant", "tool")
Role = Literal["system", "user", "assistant", "tool"]
GRADES = ("excellent", "acceptable", "fair", "poor")
DIMENSIONS = ("function_name", "param_count", "param_names", "param_values", "semantic")


def _empty_schema() -> dict[str, Any]:
    return {"type": "object", "properties": {}, "required": []}


@dataclass
class FunctionSpec:
    """A function the model may call.

    ``parameters`` is a JSON schema object. BFCL writes ``"type": "dict"`` where JSON
    schema says ``"object"``; both are accepted and kept as written, so that a file
    converted back is unchanged.
    """

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=_empty_schema)

    @property
    def properties(self) -> dict[str, Any]:
        return self.parameters.get("properties") or {}

    @property
    def required(self) -> list[str]:
        return list(self.parameters.get("required") or [])

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "parameters": self.parameters}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FunctionSpec:
        """Read ``{"name", "description", "parameters"}`` or the OpenAI wrapper
        ``{"type": "function", "function": {...}}``."""
        if not isinstance(data, dict):
            raise ValueError(f"a function spec must be an object, got {type(data).__name__}")
        if data.get("type") == "function" and isinstance(data.get("function"), dict):
            data = data["function"]
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise ValueError("a function spec needs a non-empty string 'name'")
        params = data.get("parameters")
        if params is None:
            params = _empty_schema()
        if not isinstance(params, dict):
            raise ValueError(f"function {name!r}: 'parameters' must be an object")
        description = data.get("description") or ""
        if not isinstance(description, str):
            raise ValueError(f"function {name!r}: 'description' must be a string")
        return cls(name=name, description=description, parameters=params)


@dataclass
class ToolCall:
    """One call: a function name and its keyword arguments (JSON values)."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "arguments": self.arguments}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ToolCall:
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise ValueError("a tool call must be an object with a string 'name'")
        args = data.get("arguments", {})
        if args is None:
            args = {}
        if not isinstance(args, dict):
            raise ValueError(f"call {data['name']!r}: 'arguments' must be an object")
        return cls(name=data["name"], arguments=args)


@dataclass
class Message:
    """A turn of a conversation. Assistant turns may carry ``tool_calls``; tool turns
    carry the result in ``content`` and, where the format says so, the tool ``name``."""

    role: Role
    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [c.to_dict() for c in self.tool_calls]
        if self.name is not None:
            out["name"] = self.name
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Message:
        role = data.get("role")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        content = data.get("content") or ""
        if not isinstance(content, str):
            raise ValueError(f"{role} message: 'content' must be a string")
        calls = [ToolCall.from_dict(c) for c in data.get("tool_calls") or []]
        return cls(role=role, content=content, tool_calls=calls, name=data.get("name"))


@dataclass
class Sample:
    """One training or evaluation item: the context up to an assistant turn, and what
    that turn should be.

    ``target`` is the list of calls the assistant should make, or a text reply when no
    call is right (irrelevant request, missing parameter). ``meta`` holds provenance
    and derived facts: ``source``, ``category``, ``complexity``, ``turn``.
    """

    id: str
    tools: list[FunctionSpec]
    messages: list[Message]
    target: list[ToolCall] | str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def expects_call(self) -> bool:
        return isinstance(self.target, list) and len(self.target) > 0

    @property
    def target_calls(self) -> list[ToolCall]:
        return self.target if isinstance(self.target, list) else []

    def tool(self, name: str) -> FunctionSpec | None:
        return next((t for t in self.tools if t.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        target: Any = (
            [c.to_dict() for c in self.target] if isinstance(self.target, list) else self.target
        )
        return {
            "id": self.id,
            "tools": [t.to_dict() for t in self.tools],
            "messages": [m.to_dict() for m in self.messages],
            "target": target,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sample:
        raw_target = data.get("target", [])
        target: list[ToolCall] | str
        if isinstance(raw_target, str):
            target = raw_target
        else:
            target = [ToolCall.from_dict(c) for c in raw_target]
        return cls(
            id=str(data["id"]),
            tools=[FunctionSpec.from_dict(t) for t in data.get("tools", [])],
            messages=[Message.from_dict(m) for m in data.get("messages", [])],
            target=target,
            meta=dict(data.get("meta") or {}),
        )


@dataclass
class Score:
    """How a response compares with a sample's target along the paper's five
    dimensions, the grade those imply, and the scalar ``q`` in [-1, 1] that the tree
    search backs up."""

    function_name: bool
    param_count: bool
    param_names: bool
    param_values: bool
    semantic: float
    grade: str
    q: float

    @property
    def dimensions(self) -> dict[str, Any]:
        return {d: getattr(self, d) for d in DIMENSIONS}

    def to_dict(self) -> dict[str, Any]:
        return {"dimensions": self.dimensions, "grade": self.grade, "q": self.q}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        dims = data["dimensions"]
        return cls(**{d: dims[d] for d in DIMENSIONS}, grade=data["grade"], q=data["q"])


@dataclass
class PreferencePair:
    """Two sibling branches of a search tree: same prompt and response prefix, a
    higher-valued continuation (``chosen``) and a lower-valued one (``rejected``).

    At step level ``chosen``/``rejected`` are the fragments that differ; at full level
    they are the completed responses through those fragments.
    """

    prompt: list[Message]
    prefix: str
    chosen: str
    rejected: str
    chosen_value: float
    rejected_value: float
    sample_id: str
    round: int
    chosen_dimensions: dict[str, Any] = field(default_factory=dict)
    rejected_dimensions: dict[str, Any] = field(default_factory=dict)
    chosen_grade: str | None = None
    rejected_grade: str | None = None
    # Whether the continuation ends the response (its end-of-turn token is trained
    # too). None: not recorded; the trainer then decides from the text
    # (itool.train.preference.fragment_finishes).
    chosen_finishes: bool | None = None
    rejected_finishes: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt": [m.to_dict() for m in self.prompt],
            "prefix": self.prefix,
            "chosen": self.chosen,
            "rejected": self.rejected,
            "chosen_value": self.chosen_value,
            "rejected_value": self.rejected_value,
            "sample_id": self.sample_id,
            "round": self.round,
            "chosen_dimensions": self.chosen_dimensions,
            "rejected_dimensions": self.rejected_dimensions,
            "chosen_grade": self.chosen_grade,
            "rejected_grade": self.rejected_grade,
            "chosen_finishes": self.chosen_finishes,
            "rejected_finishes": self.rejected_finishes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PreferencePair:
        fields = dict(data)
        fields["prompt"] = [Message.from_dict(m) for m in data["prompt"]]
        return cls(**fields)
