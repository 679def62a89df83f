"""Check call arguments against a function's JSON schema.

Small on purpose: required parameters present, no unknown parameters, types (JSON
schema names and the python style BFCL and ToolACE write: ``dict``, ``float``,
``list``, ``tuple``, ``bool``), enums, array items and nested object properties. The
generator asserts every target with it, and the tests reuse it.
"""

from __future__ import annotations

from typing import Any

from itool.records import FunctionSpec, ToolCall

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "float": (int, float),
    "boolean": (bool,),
    "bool": (bool,),
    "array": (list,),
    "list": (list,),
    "tuple": (list,),
    "object": (dict,),
    "dict": (dict,),
}


def check_value(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Problems with one value against its schema, each naming ``where`` it is."""
    kind = schema.get("type")
    if kind is None:
        return []
    allowed = _TYPES.get(kind)
    if allowed is None:
        return [f"{where}: unknown schema type {kind!r}"]
    if isinstance(value, bool) and kind not in ("boolean", "bool"):
        return [f"{where}: expected {kind}, got boolean"]
    if not isinstance(value, allowed):
        return [f"{where}: expected {kind}, got {type(value).__name__}"]
    problems = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            problems += check_value(item, schema["items"], f"{where}[{i}]")
    if isinstance(value, dict):
        problems += check_object(value, schema, where)
    return problems


def check_object(value: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    props = schema.get("properties") or {}
    problems = [f"{where}: missing required {k!r}" for k in schema.get("required") or [] if k not in value]
    for key, item in value.items():
        if props and key not in props:
            problems.append(f"{where}: unknown parameter {key!r}")
        elif key in props:
            problems += check_value(item, props[key], f"{where}.{key}")
    return problems


def check_call(call: ToolCall, spec: FunctionSpec) -> list[str]:
    """Problems with ``call`` against ``spec``; an empty list means it is valid."""
    if call.name != spec.name:
        return [f"call {call.name!r} does not match function {spec.name!r}"]
    return check_object(call.arguments, spec.parameters, call.name)
