"""BFCL's AST checker for Python-style functions, reimplemented.

Given the decoded calls (``itool.eval.decode``), the function docs and BFCL's possible
answers, decide whether the response is right, exactly as BFCL does:

- *simple* categories (no ``parallel``/``multiple`` in the name): exactly one call,
  checked against the first function doc;
- *multiple*: exactly one call, checked against the doc of the expected function;
- *parallel* (and *parallel_multiple*): as many calls as expected, in any order; each
  expected call, in order, takes the first still-unmatched model call that passes (a
  greedy match, as BFCL's; it can miss a matching that exists);
- one call passes if the name is the expected one, every required parameter is there,
  every given parameter is declared and has possible answers and its value passes
  :func:`itool.eval.values.check_value`, and every parameter left out is optional
  (``""`` among its possible answers).

Function names are compared as written (BFCL's prompting models keep the dots).
Error kinds are BFCL's ``error_type`` strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itool.eval.decode import DecodedCall, DecodeError, decode_calls
from itool.eval.values import NESTED_TYPES, OPTIONAL, Mismatch, check_value


@dataclass
class Verdict:
    """BFCL's verdict on one response: ``valid`` and, when not, BFCL's error type
    (``kind``) and a sentence (``error``). ``calls`` are the decoded calls, ``None``
    when the text did not decode."""

    valid: bool
    kind: str | None = None
    error: str | None = None
    calls: list[DecodedCall] | None = None


def check_call(function: dict[str, Any], call: DecodedCall, expected: dict[str, Any]) -> Mismatch | None:
    """One model call against one expected call ``{name: {param: [alternatives]}}``
    and the function doc of the expected function (BFCL's simple function check)."""
    answers = next(iter(expected.values()))
    parameters = function["parameters"]
    properties = parameters["properties"]
    name, arguments = call
    if name != function["name"]:
        return Mismatch(
            "simple_function_checker:wrong_func_name",
            f"Function name {function['name']!r} not found in model output.",
        )
    for param in parameters.get("required", []):
        if param not in arguments:
            return Mismatch(
                "simple_function_checker:missing_required", f"Missing required parameter: {param!r}."
            )
    for param, value in arguments.items():
        if param not in properties or param not in answers:
            return Mismatch("simple_function_checker:unexpected_param", f"Unexpected parameter: {param!r}.")
        declared = properties[param]["type"]
        item_type = properties[param]["items"]["type"] if declared in NESTED_TYPES else None
        problem = check_value(param, value, answers[param], declared, item_type)
        if problem is not None:
            return problem
    for param, alternatives in answers.items():
        if param not in arguments and OPTIONAL not in alternatives:
            return Mismatch(
                "simple_function_checker:missing_optional",
                f"Optional parameter {param!r} not provided and not marked as optional.",
            )
    return None


def _function_named(functions: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for function in functions:
        if function["name"] == name:
            return function
    raise ValueError(f"BFCL data: expected function {name!r} is not among the entry's functions")


def _parallel_mismatch(
    functions: list[dict[str, Any]], calls: list[DecodedCall], possible_answer: list[dict[str, Any]]
) -> Mismatch | None:
    matched: set[int] = set()
    for position, expected in enumerate(possible_answer):
        function = _function_named(functions, next(iter(expected)))
        problems = []
        for index, call in enumerate(calls):
            if index in matched:
                continue
            problem = check_call(function, call, expected)
            if problem is None:
                matched.add(index)
                break
            problems.append(f"call {index}: {problem.message}")
        else:
            return Mismatch(
                "parallel_function_checker_no_order:cannot_find_match",
                f"No model call matches expected call {position} ({next(iter(expected))}): "
                + " | ".join(problems),
            )
    return None


def check_calls(
    category: str,
    functions: list[dict[str, Any]],
    calls: list[DecodedCall],
    possible_answer: list[dict[str, Any]],
) -> Mismatch | None:
    """BFCL's AST check of decoded calls for one entry of ``category``."""
    if "parallel" in category:
        if len(calls) != len(possible_answer):
            return Mismatch("parallel_function_checker_no_order:wrong_count", "Wrong number of functions.")
        return _parallel_mismatch(functions, calls, possible_answer)
    if "multiple" in category:
        if len(calls) != len(possible_answer):
            return Mismatch("multiple_function_checker:wrong_count", "Wrong number of functions.")
        expected = possible_answer[0]
        return check_call(_function_named(functions, next(iter(expected))), calls[0], expected)
    if len(calls) != 1:
        return Mismatch("simple_function_checker:wrong_count", "Wrong number of functions.")
    return check_call(functions[0], calls[0], possible_answer[0])


def check_ast_output(
    category: str, functions: list[dict[str, Any]], possible_answer: list[dict[str, Any]], text: str
) -> Verdict:
    """Decode raw model text and check it, as BFCL does for an AST category."""
    try:
        calls = decode_calls(text)
    except DecodeError as err:
        return Verdict(False, "ast_decoder:decoder_failed", f"Invalid syntax. Failed to decode AST. {err}")
    problem = check_calls(category, functions, calls, possible_answer)
    if problem is None:
        return Verdict(True, calls=calls)
    return Verdict(False, problem.kind, problem.message, calls)


def check_relevance_output(category: str, text: str) -> Verdict:
    """BFCL's relevance check: ``irrelevance`` categories want no call (undecodable
    text or an empty list counts as none), ``relevance`` ones at least one."""
    try:
        calls: list[DecodedCall] | None = decode_calls(text)
    except DecodeError:
        calls = None
    called = bool(calls)
    if "irrelevance" in category:
        if not called:
            return Verdict(True, calls=calls)
        return Verdict(
            False,
            "irrelevance_error:decoder_success",
            "Valid syntax. Successfully decode AST when it should not.",
            calls,
        )
    if called:
        return Verdict(True, calls=calls)
    return Verdict(
        False,
        "relevance_error:decoder_failed",
        "Invalid syntax. Failed to decode AST when it should have.",
        calls,
    )
