"""BFCL's rules for "is this argument value right?", as small pure functions.

These are the per-parameter rules of BFCL's AST checker for Python-style functions,
reimplemented (not copied) so that the BFCL evaluator (``itool.eval.checker``) and the
reward (``itool.reward``) judge values identically. The rules are BFCL's, quirks
included, because our verdicts must equal BFCL's:

- strings are compared after :func:`standardize_string` (case, spaces and ``,./-_*^``
  do not matter; ``'`` counts as ``"``);
- an ``int`` is accepted where a ``float`` is expected (and then compared as a float);
- a tuple is accepted where a ``tuple`` is expected (JSON answers hold lists);
- lists are compared element by element after standardizing string elements;
- dicts are compared key by key against the expected alternatives per key, and a key
  whose alternatives include ``""`` may be left out;
- a list of dicts is compared dict by dict, in order;
- ``""`` among the possible answers means "this optional parameter may be omitted"
  (whether a parameter may be omitted is decided by the caller, not here);
- a value whose type is not the declared one but equals the type of the possible
  answers is a "variable" (e.g. the answer names a variable as a string): it is then
  compared by plain equality, without string normalisation.

``possible_answers`` is always a list of alternatives, BFCL style; the reward passes a
single expected value as ``[expected]``. Values are decoded Python values (what
``ast`` gives for the model's literal): ``None``, ``bool``, ``int``, ``float``,
``complex``, ``str``, ``bytes``, ``list``, ``tuple``, ``dict``. Comparisons use
Python equality, as BFCL does (so ``1 == 1.0 == True`` inside lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: BFCL's declared Python type names and the Python type a value must have.
#: ``"any"`` means "a string" in BFCL, and a ``"tuple"`` is held as a list.
PYTHON_TYPES: dict[str, type] = {
    "string": str,
    "integer": int,
    "float": float,
    "boolean": bool,
    "array": list,
    "tuple": list,
    "dict": dict,
    "any": str,
}

#: Declared types whose items BFCL also type-checks (one level deep).
NESTED_TYPES = ("array", "tuple")

_IGNORED_IN_STRINGS = re.compile(r"[ ,./\-_*^]")

#: Marker for "this parameter is optional" inside a list of possible answers.
OPTIONAL = ""


@dataclass(frozen=True)
class Mismatch:
    """Why a value was rejected: ``kind`` is BFCL's error type (e.g.
    ``"value_error:string"``, ``"type_error:simple"``), ``message`` says it in words."""

    kind: str
    message: str


def standardize_string(text: str) -> str:
    """BFCL's string normalisation: drop spaces and ``,./-_*^``, lower-case, and turn
    ``'`` into ``"``, so that ``"April 1, 2024"`` equals ``"april 1 2024"``."""
    return _IGNORED_IN_STRINGS.sub("", text).lower().replace("'", '"')


def _standardized(value: Any) -> Any:
    return standardize_string(value) if type(value) is str else value


def answer_type(possible_answers: list) -> type | None:
    """The type of the first possible answer that is not the optional marker ``""``
    (BFCL uses it to recognise a "variable" answer); ``None`` if there is none."""
    for answer in possible_answers:
        if answer != OPTIONAL:
            return type(answer)
    return None


def check_type(
    name: str,
    value: Any,
    possible_answers: list,
    expected_type: str,
    item_type: str | None = None,
) -> tuple[Mismatch | None, bool]:
    """BFCL's type check for one argument.

    ``expected_type`` is the declared type name (a key of :data:`PYTHON_TYPES`),
    ``item_type`` the declared item type of an ``array``/``tuple``. Returns
    ``(mismatch or None, is_variable)``; ``is_variable`` is true when the possible
    answers have another type than the declared one (BFCL then compares by plain
    equality). Items of a list are checked one level deep against each possible
    answer that is a list; a possible answer that is not a list (such as ``""``)
    lets any items pass, as in BFCL.
    """
    expected = PYTHON_TYPES[expected_type]
    item_expected = PYTHON_TYPES[item_type] if item_type is not None else None
    seen_type = answer_type(possible_answers)
    is_variable = seen_type is not None and seen_type is not expected

    if type(value) is expected:
        if item_expected is None or _items_typed(value, possible_answers, item_expected):
            return None, is_variable
        # BFCL reports the nested failure only when the answers are lists themselves.
        return (
            Mismatch(
                "type_error:nested" if seen_type is expected else "type_error:simple",
                f"Nested type checking failed for parameter {name!r}. Expected outer type "
                f"{expected_type} with inner type {item_expected}. Parameter value: {value!r}.",
            ),
            is_variable,
        )
    if seen_type is not None and type(value) is seen_type:
        return None, True
    return (
        Mismatch(
            "type_error:simple",
            f"Incorrect type for parameter {name!r}. Expected type {expected_type}, "
            f"got {type(value).__name__}. Parameter value: {value!r}.",
        ),
        is_variable,
    )


def _items_typed(value: list, possible_answers: list, item_expected: type) -> bool:
    """True if, for some possible answer, every item of ``value`` has the declared item
    type or the type of that answer's first non-optional item."""
    for candidate in possible_answers:
        if type(candidate) is not list:
            return True
        candidate_type = answer_type(candidate)
        if all(
            type(item) is item_expected or (candidate_type is not None and type(item) is candidate_type)
            for item in value
        ):
            return True
    return False


def string_matches(value: str, possible_answers: list) -> bool:
    """A string matches if, standardized, it equals a standardized string answer."""
    wanted = {standardize_string(a) for a in possible_answers if type(a) is str}
    return standardize_string(value) in wanted


def list_matches(value: list | tuple, possible_answers: list) -> bool:
    """A list matches if, with its string items standardized, it equals one of the
    answers with theirs standardized. Quirk kept from BFCL: the optional marker
    ``""`` reads as an empty list, so ``[]`` matches when ``""`` is a possible answer."""
    given = [_standardized(item) for item in value]
    for candidate in possible_answers:
        if isinstance(candidate, (list, str)) and given == [_standardized(x) for x in candidate]:
            return True
    return False


def _allows_omission(alternatives: Any) -> bool:
    return isinstance(alternatives, (list, tuple, str, dict)) and OPTIONAL in alternatives


def _dict_mismatch(value: dict, candidate: Any) -> Mismatch | None:
    """Compare a dict with one expected dict whose values are lists of alternatives.
    As in BFCL, a missing key is reported in preference to a wrong key or value."""
    if not isinstance(candidate, dict):
        return Mismatch("dict_checker:unclear", f"Expected a dict answer, found {candidate!r}.")
    wrong = None
    for key, item in value.items():
        if key not in candidate:
            wrong = Mismatch("value_error:dict_key", f"Unexpected dict key parameter: {key!r}.")
            break
        alternatives = candidate[key]
        if not isinstance(alternatives, (list, str)) or _standardized(item) not in [
            _standardized(a) for a in alternatives
        ]:
            wrong = Mismatch(
                "value_error:dict_value",
                f"Invalid value for parameter {key!r}: {item!r}. Expected one of {alternatives}.",
            )
            break
    for key, alternatives in candidate.items():
        if key not in value and not _allows_omission(alternatives):
            return Mismatch("value_error:dict_key", f"Missing dict key parameter: {key!r}.")
    return wrong


NO_DICT_ANSWER = Mismatch("dict_checker:unclear", "No dict answer to compare with.")


def dict_mismatch(value: dict, possible_answers: list) -> Mismatch | None:
    """BFCL's dict rule: ``value`` must fit one of the non-optional answers. Each
    answer maps a key to its list of acceptable values (strings standardized); keys
    whose alternatives include ``""`` may be missing. Returns the last answer's
    mismatch when none fits."""
    problem = NO_DICT_ANSWER
    for candidate in possible_answers:
        if candidate == OPTIONAL:
            continue
        problem = _dict_mismatch(value, candidate)
        if problem is None:
            return None
    return problem


def list_of_dicts_mismatch(value: list, possible_answers: list) -> Mismatch | None:
    """BFCL's rule for a list of dicts: same length as an answer and each dict fits the
    answer's dict at the same position. As in BFCL, ``""`` counts as an empty list."""
    problem = Mismatch("list_dict_checker:unclear", "No list-of-dicts answer to compare with.")
    for candidate in possible_answers:
        if not isinstance(candidate, (list, str)) or len(value) != len(candidate):
            problem = Mismatch("value_error:list_dict_count", "Wrong number of dictionaries in the list.")
            continue
        for item, expected in zip(value, candidate, strict=True):
            if expected == OPTIONAL:
                # BFCL's dict rule skips the marker, so no answer is left, whatever the item
                problem = NO_DICT_ANSWER
                break
            if not isinstance(item, dict):
                problem = Mismatch("list_dict_checker:unclear", f"Expected a dict, got {item!r}.")
                break
            problem = dict_mismatch(item, [expected])
            if problem is not None:
                break
        else:
            return None
    return problem


def check_value(
    name: str,
    value: Any,
    possible_answers: list,
    expected_type: str | None,
    item_type: str | None = None,
) -> Mismatch | None:
    """Check one argument the way BFCL does; ``None`` means it is right.

    ``expected_type``/``item_type`` are the declared type names from the function's
    schema (``"float"``, ``"array"`` with items ``"string"``, ...). With
    ``expected_type=None`` (no schema known) the type check is skipped and the value
    is compared by the rule for its own type (string, list, list of dicts, dict,
    otherwise equality). Whether an *omitted* parameter is acceptable is the caller's
    business (``""`` in ``possible_answers`` says it may be omitted).
    """
    if expected_type == "tuple" and type(value) is tuple:
        value = list(value)
    if expected_type == "float" and type(value) is int:
        value = float(value)

    if expected_type is None:
        declared, item_declared, is_variable = type(value), None, False
        if declared in (list, tuple) and value and all(type(v) is dict for v in value):
            declared, item_declared = list, dict
    else:
        problem, is_variable = check_type(name, value, possible_answers, expected_type, item_type)
        if problem is not None:
            return problem
        declared = PYTHON_TYPES[expected_type]
        item_declared = PYTHON_TYPES[item_type] if item_type is not None else None

    if not is_variable:
        if declared is dict:
            return dict_mismatch(value, possible_answers)
        if declared is list and item_declared is dict:
            return list_of_dicts_mismatch(value, possible_answers)
        if declared is str:
            if string_matches(value, possible_answers):
                return None
            return Mismatch(
                "value_error:string",
                f"Invalid value for parameter {name!r}: {value!r}. "
                f"Expected one of {possible_answers}. Case insensitive.",
            )
        if declared in (list, tuple):
            if list_matches(value, possible_answers):
                return None
            return Mismatch(
                "value_error:list/tuple",
                f"Invalid value for parameter {name!r}: {value!r}. Expected one of {possible_answers}.",
            )
    if value in possible_answers:
        return None
    return Mismatch(
        "value_error:others",
        f"Invalid value for parameter {name!r}: {value!r}. Expected one of {possible_answers}.",
    )


def value_matches(
    value: Any,
    possible_answers: list,
    expected_type: str | None = None,
    item_type: str | None = None,
) -> bool:
    """True if ``value`` is an acceptable argument value by BFCL's rules (see
    :func:`check_value`). For a single expected value pass ``[expected]``."""
    return check_value("value", value, possible_answers, expected_type, item_type) is None


def declared_types(schema: dict | None) -> tuple[str | None, str | None]:
    """The ``(type, item type)`` names BFCL reads from a parameter's JSON schema, or
    ``(None, None)`` when the schema does not name a type BFCL knows. Item types are
    only read for ``array``/``tuple``."""
    if not isinstance(schema, dict):
        return None, None
    declared = schema.get("type")
    if declared not in PYTHON_TYPES:
        return None, None
    item_type = None
    if declared in NESTED_TYPES:
        items = schema.get("items")
        item_type = items.get("type") if isinstance(items, dict) else None
        if item_type not in PYTHON_TYPES:
            item_type = None
    return declared, item_type
