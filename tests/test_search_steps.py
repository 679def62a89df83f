"""Splitting responses into call-aligned steps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from itool.codec import render_calls
from itool.records import ToolCall
from itool.search.steps import split_continuation, split_response


def test_fragments_follow_the_call_structure():
    assert split_response('[f(a=1, b="x"), g()]') == ["[f(", "a=1, ", 'b="x"', "), ", "g(", ")]"]
    assert split_response('[get_weather(city="Paris, FR", days=[1, (2, 3)], o={"k": "v)"})]') == [
        "[get_weather(", 'city="Paris, FR", ', "days=[1, (2, 3)], ", 'o={"k": "v)"}', ")]",
    ]
    assert split_response("```python\n[f(a=1)]\n```") == ["```python\n[f(", "a=1", ")]\n```"]
    assert split_response("f(1, 2)") == ["f(", "1, ", "2", ")"]
    assert split_response("[Market Trends API(x='it\\'s')]") == [
        "[Market Trends API(", "x='it\\'s'", ")]"]


def test_partial_responses_split_like_the_start_of_their_completion():
    full = split_response('[f(a=1, b="xy"), g(c=2)]')
    assert split_response('[f(a=1, b="x') == full[:2] + ['b="x']
    assert split_continuation("[f(a=1, ", 'b="xy"), g(c=2)]') == full[2:]
    assert split_continuation("[f(", "a=1") == ["a=1"]


def test_prose_falls_back_to_character_patterns():
    text = "I cannot call a function here, because the city (a required value) is missing."
    pieces = split_response(text)
    assert pieces[0] == "I cannot call a function here, "
    assert "because the city (" in pieces and len(pieces) > 3
    long_word_text = "x" * 120
    assert all(len(p) <= 48 for p in split_response(long_word_text))


def test_whitespace_never_forms_a_step_of_its_own():
    assert split_continuation("[f(a=1, ", "  b=2)]") == ["  b=2", ")]"]
    assert all(p.strip() for p in split_response("a,   b,   c"))
    assert split_response("") == [] and split_response("   ") == ["   "]


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=2),
    max_leaves=5,
)
calls = st.lists(
    st.builds(
        ToolCall,
        name=st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
        arguments=st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True),
                                  values, max_size=3),
    ),
    min_size=1, max_size=3,
)


@given(calls)
def test_rendered_calls_split_into_one_step_per_argument(call_list):
    text = render_calls(call_list)
    pieces = split_response(text)
    assert "".join(pieces) == text
    n_args = sum(len(c.arguments) for c in call_list)
    # one opening and one closing per call, one step per argument
    assert len(pieces) == 2 * len(call_list) + n_args
    # every prefix ending on a boundary splits its remainder the same way
    for i in range(1, len(pieces)):
        assert split_continuation("".join(pieces[:i]), "".join(pieces[i:])) == pieces[i:]


@given(st.text(max_size=80), st.text(max_size=40))
def test_any_text_concatenates_back(text, more):
    assert "".join(split_response(text)) == text
    assert "".join(split_continuation(text, more)) == more
