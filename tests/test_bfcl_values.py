"""BFCL's value rules (``itool.eval.values``) and the relevance rule, case by case.

These pin down the behaviour the reward relies on, including BFCL's quirks; that the
rules equal BFCL's own is shown against BFCL's code in ``test_bfcl_agreement.py``.
"""

from __future__ import annotations

import pytest

from itool.eval.checker import check_relevance_output
from itool.eval.decode import decode_calls
from itool.eval.values import check_value, declared_types, standardize_string, value_matches


def test_standardize_string_ignores_case_spaces_and_some_punctuation():
    assert standardize_string("April 1, 2024") == standardize_string("april 1 2024") == "april12024"
    assert standardize_string("New-York_City./*^") == "newyorkcity"
    assert standardize_string("it's") == 'it"s'
    assert standardize_string("a:b") == "a:b"  # ':' is not ignored


@pytest.mark.parametrize(
    ("value", "answers", "declared", "items", "ok"),
    [
        (5, [5.0], "float", None, True),  # int accepted for float
        (5.0, [5], "integer", None, False),  # but not float for int
        (True, [1], "integer", None, False),  # bool is not an int
        ("San Francisco, CA", ["san francisco ca"], "string", None, True),
        ("San Jose", ["San Francisco"], "string", None, False),
        (["A b", "c"], [["ab", "C"]], "array", "string", True),  # items standardized
        (["c", "ab"], [["ab", "c"]], "array", "string", False),  # order matters
        ((1, 2), [[1, 2]], "tuple", "integer", True),  # a tuple for a tuple
        ((1, 2), [[1, 2]], "array", "integer", False),  # not for an array
        ([1, 2], [[1.0, 2.0]], "array", "float", False),  # no int->float inside lists
        ([], ["", [1]], "array", "integer", True),  # quirk: "" reads as []
        ({"k": "V a"}, [{"k": ["va"], "n": [""]}], "dict", None, True),  # optional key
        ({"k": "va"}, [{"k": ["va"], "n": [1]}], "dict", None, False),  # required key missing
        ({"k": "va", "z": 1}, [{"k": ["va"]}], "dict", None, False),  # unexpected key
        ([{"k": "x"}], [[{"k": ["x"]}]], "array", "dict", True),
        ([{"k": "x"}, {"k": "x"}], [[{"k": ["x"]}]], "array", "dict", False),
        ("x", [0], "string", None, False),
        (3, ["x", 3], "string", None, False),  # a "variable" answer needs the answer's type
        ("Var_Name", ["Var_Name"], "integer", None, True),  # variable: compared by equality
        ("var name", ["Var_Name"], "integer", None, False),  # ... without normalisation
    ],
)
def test_check_value_follows_bfcl(value, answers, declared, items, ok):
    assert value_matches(value, answers, declared, items) is ok


def test_mismatches_carry_bfcls_error_types():
    assert check_value("p", "x", ["y"], "string").kind == "value_error:string"
    assert check_value("p", 1, [2], "integer").kind == "value_error:others"
    assert check_value("p", "1", [1], "integer").kind == "type_error:simple"
    assert check_value("p", ["a", 1], [["a", "b"]], "array", "string").kind == "type_error:nested"
    assert check_value("p", [1], [[2]], "array", "integer").kind == "value_error:list/tuple"


def test_single_expected_value_without_a_schema():
    assert value_matches("Paris, France", ["paris france"])
    assert value_matches(2, [2.0]) and not value_matches(3, [2])
    assert value_matches([{"a": "X"}], [[{"a": ["x"]}]])
    assert value_matches({"a": 1}, [{"a": [1]}]) and not value_matches({"a": 2}, [{"a": [1]}])


def test_declared_types_reads_schemas():
    assert declared_types({"type": "array", "items": {"type": "float"}}) == ("array", "float")
    assert declared_types({"type": "integer"}) == ("integer", None)
    assert declared_types({"type": "object"}) == (None, None)
    assert declared_types(None) == (None, None)


def test_decoder_keeps_keywords_only_and_dotted_names():
    calls = decode_calls("[f(1, a=1, **{'b': 2}), g.h()]")
    assert calls == [("f", {"a": 1, None: {"b": 2}}), ("g.h", {})]


@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("[f(a=1)]", True),
        ("[f()]", True),
        ("```\nf()\n```", True),
        ("```python\nf()\n```", False),  # the language tag breaks BFCL's decoder
        ("[]", False),
        ("", False),
        ("I can't help with that.", False),
        ('[{"name": "f", "arguments": {}}]', False),  # JSON is not BFCL's prompting syntax
    ],
)
def test_relevance_is_decoding_to_at_least_one_call(text, called):
    assert check_relevance_output("irrelevance", text).valid is not called
    assert check_relevance_output("live_relevance", text).valid is called
