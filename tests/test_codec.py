"""The codec reads every call shape we promise, and nothing else gets through."""

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from itool.codec import ParseError, parse_calls, parse_python_calls, render_calls
from itool.records import ToolCall


def one(text):
    calls = parse_calls(text)
    assert len(calls) == 1
    return calls[0]


def test_bfcl_list_with_nested_values():
    calls = parse_calls('[f(a=1), g.h(b="x", c=[1, 2], d={"k": None})]')
    assert calls == [
        ToolCall("f", {"a": 1}),
        ToolCall("g.h", {"b": "x", "c": [1, 2], "d": {"k": None}}),
    ]


def test_bare_call_fences_and_literals():
    assert one("f(x=-3, y=-2.5e-1, z=True, w=null, v=false)").arguments == {
        "x": -3, "y": -0.25, "z": True, "w": None, "v": False,
    }
    fenced = "```python\n[get_weather(city='Paris', days=(1, 2))]\n```"
    assert one(fenced) == ToolCall("get_weather", {"city": "Paris", "days": [1, 2]})
    assert parse_calls("```\nf(a=1), g(b=2)\n```") == [ToolCall("f", {"a": 1}), ToolCall("g", {"b": 2})]


def test_names_with_spaces_and_dots():
    call = one('[Market Trends API(trend_type="MARKET_INDEXES", country="us")]')
    assert call.name == "Market Trends API"
    assert one("math.stats.mean(values=[1, 2.5])").name == "math.stats.mean"


def test_strings_keep_escapes_and_quotes():
    call = one(r'''f(a="say \"hi\"\n", b='it\'s', c="caf\u00e9", d="""multi
line""")''')
    assert call.arguments == {"a": 'say "hi"\n', "b": "it's", "c": "café", "d": "multi\nline"}


def test_empty_list_is_no_calls():
    assert parse_calls("[]") == []
    assert parse_calls("  [ ]  ") == []


def test_json_styles():
    expected = ToolCall("search", {"q": "cats", "n": 3})
    assert one('{"name": "search", "arguments": {"q": "cats", "n": 3}}') == expected
    assert one('{"name": "search", "arguments": "{\\"q\\": \\"cats\\", \\"n\\": 3}"}') == expected
    assert one('[{"name": "search", "parameters": {"q": "cats", "n": 3}}]') == expected
    openai = {"role": "assistant", "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "search", "arguments": '{"q": "cats", "n": 3}'}},
        {"id": "c2", "type": "function", "function": {"name": "stop", "arguments": "{}"}},
    ]}
    assert parse_calls(json.dumps(openai)) == [expected, ToolCall("stop", {})]
    hermes = ('<tool_call>\n{"name": "search", "arguments": {"q": "cats", "n": 3}}\n</tool_call>\n'
              '<tool_call>{"name": "stop", "arguments": {}}</tool_call>')
    assert parse_calls(hermes) == [expected, ToolCall("stop", {})]
    assert parse_calls("Searching now.\n" + hermes) == [expected, ToolCall("stop", {})]
    assert one("```json\n" + json.dumps(expected.to_dict()) + "\n```") == expected


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("I cannot help with that.", "expected"),
    ("[f(a=1)", "closing"),
    ("f(1, 2)", "positional"),
    ("f(a=1, a=2)", "twice"),
    ("f(a=os.system('x'))", "unsupported value"),
    ("f(a=__import__('os'))", "unsupported value"),
    ("[f(a=1)] and then some prose", "after the calls"),
    ('f(a="unterminated)', "unterminated"),
    ('{"name": 3}', "name"),
    ('{"name": "f", "arguments": [1]}', "object"),
    ("<tool_call>not json</tool_call>", "JSON"),
    ("f(a=" + "[" * 500 + "]" * 500 + ")", "deeply"),
])
def test_bad_input_raises_parse_error_with_reason(text, reason):
    with pytest.raises(ParseError) as err:
        parse_calls(text)
    assert reason in err.value.reason


def test_spans_cover_name_arguments_and_close():
    text = '[f(a=1, b="x"), Market API(q=[1, 2])]'
    (c1, s1), (c2, s2) = parse_python_calls(text)
    assert text[s1.start:s1.head] == "f("
    assert [text[a:b] for a, b in s1.arguments] == ["a=1", 'b="x"']
    assert text[s1.end - 1] == ")"
    assert text[s2.start:s2.head] == "Market API("
    assert [text[a:b] for a, b in s2.arguments] == ["q=[1, 2]"]


def test_render_refuses_what_cannot_round_trip():
    with pytest.raises(ValueError):
        render_calls([ToolCall("bad(name", {})])
    with pytest.raises(ValueError):
        render_calls([ToolCall("f", {"x": float("nan")})])


# ------------------------------------------------------------------ properties

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}([. ][A-Za-z_][A-Za-z0-9_]{0,8}){0,2}", fullmatch=True)
calls = st.builds(ToolCall, names, st.dictionaries(identifiers, json_values, max_size=4))


@settings(max_examples=300, deadline=None)
@given(st.lists(calls, max_size=4))
# a string argument that holds the Hermes tag is still a python call
@example([ToolCall("A", {"A": "<tool_call>"})])
@example([ToolCall("A", {"B": ["<tool_call>"], "A": ""})])
def test_rendered_calls_round_trip(call_list):
    assert parse_calls(render_calls(call_list)) == call_list


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_parse_error(text):
    try:
        result = parse_calls(text)
    except ParseError as err:
        assert err.reason
    else:
        assert all(isinstance(c, ToolCall) for c in result)


call_chars = st.sampled_from(list('[](){},=:"\' .-_abcfxyzTrueNnull0123456789\\\n<>/tool_call'))


@settings(max_examples=1000, deadline=None)
@given(st.lists(call_chars, max_size=80).map("".join))
def test_call_like_noise_parses_or_raises_parse_error(text):
    try:
        parse_calls(text)
    except ParseError:
        pass


def test_names_in_other_scripts():
    assert one('天气查询(城市="北京")') == ToolCall("天气查询", {"城市": "北京"})
