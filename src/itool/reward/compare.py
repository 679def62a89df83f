"""Compare the calls of a response with a sample's target calls.

Every target call becomes a :class:`CallReference`: for each argument, the values that
are acceptable and whether leaving it out is as good as giving it. Two sources:

* the target itself: one acceptable value per argument; an argument the schema does
  not require and whose target value equals the schema ``default`` may be omitted;
* BFCL's possible answers in ``sample.meta["possible_answer"]``: a list with one
  ``{function_name: {argument: [alternatives, ...]}}`` per target call (BFCL's
  ``ground_truth`` as written in its ``possible_answer`` files); ``""`` among the
  alternatives means the argument may be omitted.

A response call is compared with a reference argument by argument
(:class:`CallComparison`); values follow BFCL's rules (:mod:`itool.eval.values`).
Several calls are paired with the references order-independently by the best
assignment (Hungarian algorithm), names first, then arguments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from itool.eval.values import OPTIONAL, declared_types, standardize_string, value_matches
from itool.records import FunctionSpec, Sample, ToolCall

# JSON-schema type names that BFCL spells differently.
_BFCL_TYPE_NAMES = {"number": "float", "object": "dict"}


@dataclass
class ArgumentReference:
    """What is acceptable for one argument of a target call."""

    alternatives: list[Any]  # BFCL form: each alternative as value_matches expects
    omittable: bool  # leaving it out is as good as giving it
    required: bool  # the call fails without it
    types: tuple[str | None, str | None]  # declared (type, item type), BFCL names


@dataclass
class CallReference:
    name: str
    arguments: dict[str, ArgumentReference]
    spec: FunctionSpec | None


@dataclass
class CallComparison:
    """One response call against one reference call.

    ``neutral`` arguments are extra arguments equal to their schema default: they do
    not change what the call does and are ignored by every dimension.
    """

    name_ok: bool
    missing_required: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)
    extra_known: list[str] = field(default_factory=list)  # in the schema, not the target
    extra_unknown: list[str] = field(default_factory=list)  # not in the schema at all
    right_values: list[str] = field(default_factory=list)
    loose_values: list[str] = field(default_factory=list)  # equal in another form
    wrong_values: list[str] = field(default_factory=list)
    neutral: list[str] = field(default_factory=list)

    @property
    def given(self) -> int:
        """Arguments the response gives that count (neutral ones do not)."""
        return (len(self.right_values) + len(self.loose_values) + len(self.wrong_values)
                + len(self.extra_known) + len(self.extra_unknown))

    @property
    def expected(self) -> int:
        """Arguments the reference expects (omitted omittable ones excluded)."""
        return (len(self.right_values) + len(self.loose_values) + len(self.wrong_values)
                + len(self.missing_required) + len(self.missing_optional))

    @property
    def count_ok(self) -> bool:
        return self.given == self.expected

    @property
    def names_ok(self) -> bool:
        return not (self.missing_required or self.missing_optional
                    or self.extra_known or self.extra_unknown)

    @property
    def values_ok(self) -> bool:
        return not (self.loose_values or self.wrong_values)

    @property
    def breaks_call(self) -> bool:
        """The call would fail or do the wrong thing (grade ``fair`` at best)."""
        return bool(self.missing_required or self.extra_unknown or self.wrong_values)

    # Partial credits in [0, 1], for the scalar q.
    @property
    def count_credit(self) -> float:
        return 1.0 - abs(self.given - self.expected) / max(self.given, self.expected, 1)

    @property
    def names_credit(self) -> float:
        shared = len(self.right_values) + len(self.loose_values) + len(self.wrong_values)
        union = self.given + len(self.missing_required) + len(self.missing_optional)
        return shared / union if union else 1.0

    @property
    def values_credit(self) -> float:
        if not self.expected:
            return 1.0
        return (len(self.right_values) + 0.5 * len(self.loose_values)) / self.expected

    def notes(self) -> list[str]:
        """What is off, in words (empty when the call matches)."""
        parts = [
            ("missing required argument", self.missing_required),
            ("missing optional argument", self.missing_optional),
            ("extra argument", self.extra_known),
            ("unknown argument", self.extra_unknown),
            ("wrong value for", self.wrong_values),
            ("value in another form for", self.loose_values),
        ]
        return [f"{what} {', '.join(names)}" for what, names in parts if names]


def _types(schema: Any) -> tuple[str | None, str | None]:
    """The declared BFCL type names of a parameter schema (JSON-schema names mapped)."""
    if not isinstance(schema, dict) or not isinstance(schema.get("type"), str):
        return None, None
    mapped = dict(schema, type=_BFCL_TYPE_NAMES.get(schema["type"], schema["type"]))
    items = schema.get("items")
    if isinstance(items, dict) and isinstance(items.get("type"), str):
        mapped["items"] = dict(items, type=_BFCL_TYPE_NAMES.get(items["type"], items["type"]))
    return declared_types(mapped)


def _as_alternative(value: Any, types: tuple[str | None, str | None]) -> Any:
    """A single target value in the form BFCL's answers take where BFCL's dict rules
    will read it (a dict, or a list of dicts, declared so or undeclared): each key
    maps to a list of alternatives."""
    declared, item = types
    if isinstance(value, dict) and declared in (None, "dict"):
        return {k: [v] for k, v in value.items()}
    if (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            and (declared is None or item == "dict")):
        return [{k: [v] for k, v in entry.items()} for entry in value]
    return value


def _equals_default(value: Any, schema: Any, types: tuple[str | None, str | None]) -> bool:
    if not isinstance(schema, dict) or "default" not in schema:
        return False
    return value_matches(value, [_as_alternative(schema["default"], types)], *types)


def build_references(sample: Sample) -> list[CallReference]:
    """One reference per target call; BFCL's possible answers win when present."""
    possible = sample.meta.get("possible_answer")
    if isinstance(possible, list) and possible:
        return [_reference_from_answer(sample, answer) for answer in possible]
    return [_reference_from_call(sample, call) for call in sample.target_calls]


def _reference_from_call(sample: Sample, call: ToolCall) -> CallReference:
    spec = sample.tool(call.name)
    properties = spec.properties if spec else {}
    required = set(spec.required) if spec else set(call.arguments)
    arguments = {}
    for name, value in call.arguments.items():
        schema = properties.get(name)
        types = _types(schema)
        omittable = name not in required and _equals_default(value, schema, types)
        arguments[name] = ArgumentReference([_as_alternative(value, types)], omittable,
                                            name in required, types)
    return CallReference(call.name, arguments, spec)


def _reference_from_answer(sample: Sample, answer: dict[str, Any]) -> CallReference:
    if not isinstance(answer, dict) or len(answer) != 1:
        raise ValueError(f"sample {sample.id}: a possible answer must be one "
                         f"{{function: {{argument: [alternatives]}}}} object, got {answer!r}")
    (name, params), = answer.items()
    spec = sample.tool(name)
    properties = spec.properties if spec else {}
    required = set(spec.required) if spec else set()
    arguments = {}
    for arg, alternatives in (params or {}).items():
        if not isinstance(alternatives, list):
            alternatives = [alternatives]
        schema = properties.get(arg)
        types = _types(schema)
        omittable = OPTIONAL in alternatives or (
            arg not in required and isinstance(schema, dict) and "default" in schema
            and value_matches(schema["default"], alternatives, *types))
        is_required = arg in required if spec else OPTIONAL not in alternatives
        arguments[arg] = ArgumentReference(alternatives, omittable, is_required, types)
    return CallReference(name, arguments, spec)


def _loose_form(value: Any) -> Any:
    """A canonical form under which values that mean the same compare equal: numbers
    by numeric value (``5.0`` ~ ``5``), strings by BFCL normalisation, lists
    regardless of order, dicts key by key. Types stay apart (``"5"`` is not ``5``)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return "s:" + standardize_string(value)
    if isinstance(value, (list, tuple)):
        return sorted((_loose_form(v) for v in value), key=lambda v: json.dumps(v, default=str))
    if isinstance(value, dict):
        return {str(k): _loose_form(v) for k, v in value.items()}
    return value


def _loosely_equal(value: Any, alternatives: list[Any]) -> bool:
    form = _loose_form(value)
    return any(form == _loose_form(a) for a in alternatives if a != OPTIONAL)


def compare_call(call: ToolCall, reference: CallReference) -> CallComparison:
    """Compare one response call with one reference, argument by argument. The
    reference's schema decides what is required, known and default."""
    result = CallComparison(name_ok=call.name == reference.name)
    properties = reference.spec.properties if reference.spec else {}
    for name, expected in reference.arguments.items():
        if name in call.arguments:
            value = call.arguments[name]
            if value_matches(value, expected.alternatives, *expected.types):
                result.right_values.append(name)
            elif _loosely_equal(value, expected.alternatives):
                result.loose_values.append(name)
            else:
                result.wrong_values.append(name)
        elif not expected.omittable:
            (result.missing_required if expected.required else result.missing_optional).append(name)
    for name, value in call.arguments.items():
        if name in reference.arguments:
            continue
        schema = properties.get(name)
        if schema is None:
            result.extra_unknown.append(name)
        elif _equals_default(value, schema, _types(schema)):
            result.neutral.append(name)
        else:
            result.extra_known.append(name)
    return result


def _pair_score(comparison: CallComparison) -> float:
    """How well a pair fits, for the assignment: the name dominates, then arguments."""
    return (4.0 * comparison.name_ok + comparison.names_credit + comparison.values_credit
            + comparison.count_credit)


def match_calls(calls: list[ToolCall], references: list[CallReference]
                ) -> list[tuple[int, int, CallComparison]]:
    """Pair response calls with references (best total fit, order-independent).

    Returns ``(call index, reference index, comparison)`` for each pair, sorted by
    reference index; ``min(len(calls), len(references))`` pairs.
    """
    if not calls or not references:
        return []
    table = [[compare_call(c, r) for r in references] for c in calls]
    fit = np.array([[_pair_score(cmp) for cmp in row] for row in table])
    rows, cols = linear_sum_assignment(fit, maximize=True)
    pairs = [(int(i), int(j), table[i][j]) for i, j in zip(rows, cols, strict=True)]
    return sorted(pairs, key=lambda p: p[1])
