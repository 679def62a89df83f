"""Dataset formats: each format loads into the samples it holds, conversions keep every
call, argument and context turn, and bad records are reported by file and record."""

from __future__ import annotations

import json

import pytest

from itool.data.categories import infer_category, sample_category
from itool.data.formats import (
    bfcl_data_dir,
    detect_format,
    load_samples,
    write_samples,
)
from itool.data.formats.bfcl import target_from_ground_truth
from itool.data.stats import dataset_stats
from itool.errors import DataError, UserError
from itool.records import FunctionSpec, Message, Sample, ToolCall

MARKER = "Here is a list of functions in JSON format that you can invoke:"

MARKET_TOOLS = [
    {
        "name": "Market Trends API",
        "description": "Latest market trends and indexes for a country.",
        "parameters": {
            "type": "dict",
            "properties": {
                "trend_type": {"type": "string", "description": "MARKET_INDEXES, MOST_ACTIVE, GAINERS"},
                "country": {"type": "string", "description": "Two-letter country code"},
            },
            "required": ["trend_type"],
        },
    },
    {
        "name": "Get Stock Quote",
        "description": "Quote for one ticker symbol.",
        "parameters": {
            "type": "dict",
            "properties": {
                "symbol": {"type": "string"},
                "options": {
                    "type": "dict",
                    "properties": {
                        "fields": {"type": "array", "items": {"type": "string"}},
                        "realtime": {"type": "boolean"},
                        "window": {"type": "dict"},
                    },
                },
            },
            "required": ["symbol"],
        },
    },
]
WEATHER_TOOL = {
    "name": "weather.forecast",
    "description": "Daily forecast for a city.",
    "parameters": {
        "type": "dict",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
        "required": ["city", "days"],
    },
}


def toolace_system(tools, before="You are a careful assistant that composes function calls.\n",
                   after=".\nReturn the calls as [func(param=value)] and nothing else.\n"):
    """A system prompt shaped like the ones in ToolACE files: instructions, the marker,
    the JSON list, more instructions."""
    return f"{before}{MARKER}\n{json.dumps(tools)}{after}"


TOOLACE_RECORDS = [
    {  # multi-turn: calls, tool results, prose, parallel calls with nested arguments
        "system": toolace_system(MARKET_TOOLS),
        "conversations": [
            {"from": "user", "value": "How are the US markets doing today?"},
            {"from": "assistant",
             "value": '[Market Trends API(trend_type="MARKET_INDEXES", country="us")]'},
            {"from": "tool",
             "value": '[{"name": "Market Trends API", "results": {"S&P 500": 5321.4, "change": -0.35}}]'},
            {"from": "assistant", "value": "The S&P 500 is at 5321.4, down 0.35% today."},
            {"from": "user", "value": "Get me realtime price and volume for Apple and Microsoft."},
            {"from": "assistant",
             "value": '[Get Stock Quote(symbol="AAPL", options={"fields": ["price", "volume"], '
                      '"realtime": true, "window": {"from": -3, "to": 0.5}}), '
                      'Get Stock Quote(symbol="MSFT", options={"fields": ["price", "volume"], '
                      '"realtime": true, "window": null})]'},
            {"from": "tool",
             "value": '[{"name": "Get Stock Quote", "results": {"price": 189.2}}, '
                      '{"name": "Get Stock Quote", "results": {"price": 411.0}}]'},
            {"from": "assistant", "value": "Apple trades at 189.20 and Microsoft at 411.00."},
        ],
    },
    {  # irrelevant request: a prose reply is the target
        "system": toolace_system([WEATHER_TOOL]),
        "conversations": [
            {"from": "user", "value": "Write me a haiku about autumn."},
            {"from": "assistant", "value": "None of the available functions can write poems."},
        ],
    },
    {  # written by the data generator: id and category beside the ToolACE keys
        "id": "gen-7",
        "category": "simple",
        "system": toolace_system([WEATHER_TOOL]),
        "conversations": [
            {"from": "user", "value": "Forecast for São Paulo, 3 days, please."},
            {"from": "assistant", "value": "[weather.forecast(city='São Paulo', days=3)]"},
        ],
    },
]

OPENAI_RECORDS = [
    {
        "id": "chat-1",
        "messages": [
            {"role": "system", "content": "You are a trading assistant."},
            {"role": "user", "content": "Quote AAPL, then tell me the US indexes."},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_a", "type": "function",
                 "function": {"name": "Get Stock Quote",
                              "arguments": json.dumps({"symbol": "AAPL", "options": {"fields": ["price"]}})}},
                {"id": "call_b", "type": "function",
                 "function": {"name": "Market Trends API",
                              "arguments": json.dumps({"trend_type": "MARKET_INDEXES"})}},
            ]},
            {"role": "tool", "tool_call_id": "call_a", "content": '{"price": 189.2}'},
            {"role": "tool", "tool_call_id": "call_b", "content": '{"S&P 500": 5321.4}'},
            {"role": "assistant", "content": "AAPL is 189.20; the S&P 500 is at 5321.4."},
        ],
        "tools": [{"type": "function", "function": t} for t in MARKET_TOOLS],
    },
]

SHAREGPT_RECORDS = [
    {
        "conversations": [
            {"from": "human", "value": "Forecasts for Oslo (2 days) and Lima (5 days)?"},
            {"from": "function_call", "value": json.dumps([
                {"name": "weather.forecast", "arguments": {"city": "Oslo", "days": 2}},
                {"name": "weather.forecast", "arguments": {"city": "Lima", "days": 5}}])},
            {"from": "observation", "value": '[{"high": 4}, {"high": 22}]'},
            {"from": "gpt", "value": "Oslo: 4°C highs; Lima: 22°C."},
            {"from": "human", "value": "And Quito for a day?"},
            {"from": "function_call",
             "value": json.dumps({"name": "weather.forecast", "arguments": {"city": "Quito", "days": 1}})},
        ],
        "system": "Answer briefly.",
        "tools": json.dumps([WEATHER_TOOL]),
    },
]


def write_json(path, records):
    path.write_text(json.dumps(records, indent=2))
    return path


def write_jsonl(path, lines):
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def essentials(samples):
    """What a conversion must keep: ids, tools, every context turn, every call."""
    return [(s.id, s.tools, s.messages, s.target, s.meta.get("category")) for s in samples]


# ---------------------------------------------------------------- ToolACE


def test_toolace_one_sample_per_assistant_turn(tmp_path):
    result = load_samples(write_json(tmp_path / "toolace.json", TOOLACE_RECORDS))
    assert result.format == "toolace" and result.records == 3 and result.skipped == 0
    ids = [s.id for s in result.samples]
    assert ids == ["rec-00000#1", "rec-00000#2", "rec-00000#3", "rec-00000#4", "rec-00001", "gen-7"]

    first, prose, parallel, last, haiku, generated = result.samples
    assert [t.name for t in first.tools] == ["Market Trends API", "Get Stock Quote"]
    assert first.messages == [Message("user", "How are the US markets doing today?")]
    assert first.target == [ToolCall("Market Trends API", {"trend_type": "MARKET_INDEXES", "country": "us"})]
    assert prose.target == "The S&P 500 is at 5321.4, down 0.35% today."
    assert [m.role for m in parallel.messages] == ["user", "assistant", "tool", "assistant", "user"]
    assert parallel.messages[1].tool_calls == first.target
    assert parallel.target[0].arguments == {
        "symbol": "AAPL",
        "options": {"fields": ["price", "volume"], "realtime": True, "window": {"from": -3, "to": 0.5}},
    }
    assert parallel.target[1].arguments["options"]["window"] is None
    assert len(last.messages) == 7 and isinstance(last.target, str)
    assert haiku.target == "None of the available functions can write poems."
    assert generated.target == [ToolCall("weather.forecast", {"city": "São Paulo", "days": 3})]
    assert generated.meta["category"] == "simple"
    assert parallel.meta == {
        "source": "toolace", "record": 0, "record_id": "rec-00000", "turn": 3,
        "system_prompt": {
            "before": "You are a careful assistant that composes function calls.\n" + MARKER + "\n",
            "after": ".\nReturn the calls as [func(param=value)] and nothing else.\n",
        },
    }


def test_toolace_jsonl_and_liberal_roles(tmp_path):
    record = dict(TOOLACE_RECORDS[2], conversations=[
        {"from": "human", "value": "Forecast for Rome, 1 day", "extra": "ignored"},
        {"from": "gpt", "value": "```python\n[weather.forecast(city=\"Rome\", days=1)]\n```"},
    ], source_dataset="somewhere")
    result = load_samples(write_jsonl(tmp_path / "t.jsonl", [record]))
    assert result.format == "toolace"
    assert result.samples[0].target == [ToolCall("weather.forecast", {"city": "Rome", "days": 1})]


def test_single_pretty_printed_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(OPENAI_RECORDS[0], indent=2))
    result = load_samples(path)
    assert (result.format, result.records) == ("openai", 1)
    assert [s.id for s in result.samples] == ["chat-1#1", "chat-1#2"]


def test_toolace_quirks_seen_in_the_wild(tmp_path):
    """Files written by other tools: marker ending in "." instead of ":", specs with
    null fields and extra keys, a call without arguments."""
    spec = {"name": "newAddress", "description": None, "required": None,
            "parameters": {"type": "dict", "properties": {}, "required": []}}
    record = {
        "system": f"Compose calls.\nHere is a list of functions in JSON format that you can invoke."
                  f"{json.dumps([spec])}. \nUse [func(params)] syntax.",
        "conversations": [
            {"from": "user", "value": "I need a fresh Ethereum address."},
            {"from": "assistant", "value": "[newAddress()]"},
            {"from": "tool", "value": [{"name": "newAddress", "results": {"address": "0xabc"}}]},
            {"from": "assistant", "value": "Your new address is 0xabc."},
        ],
    }
    path = write_jsonl(tmp_path / "wild.jsonl", [record])
    assert detect_format(path) == "toolace"
    first, second = load_samples(path).samples
    assert first.tools == [FunctionSpec("newAddress", "", spec["parameters"])]
    assert first.target == [ToolCall("newAddress", {})]
    assert json.loads(second.messages[2].content) == record["conversations"][2]["value"]


@pytest.mark.parametrize("middle", ["openai", "sharegpt"])
def test_toolace_round_trip_through_other_formats(tmp_path, middle):
    original = load_samples(write_json(tmp_path / "toolace.json", TOOLACE_RECORDS)).samples
    write_samples(original, tmp_path / "mid.jsonl", middle)
    via = load_samples(tmp_path / "mid.jsonl")
    assert via.format == middle
    assert essentials(via.samples) == essentials(original)
    write_samples(via.samples, tmp_path / "back.json", "toolace")
    back = load_samples(tmp_path / "back.json")
    assert back.format == "toolace" and back.records == 3
    assert essentials(back.samples) == essentials(original)
    # Without its original instructions the record gets our wording, not a copy of theirs.
    system = json.loads((tmp_path / "back.json").read_text())[0]["system"]
    assert MARKER in system and "careful assistant" not in system


def test_same_format_round_trip_is_exact(tmp_path):
    for name, records, fmt in [("a.json", TOOLACE_RECORDS, "toolace"),
                               ("b.json", OPENAI_RECORDS, "openai"),
                               ("c.json", SHAREGPT_RECORDS, "sharegpt")]:
        original = load_samples(write_json(tmp_path / name, records)).samples
        write_samples(original, tmp_path / f"again-{name}", fmt)
        again = load_samples(tmp_path / f"again-{name}").samples
        assert again == original
    written = json.loads((tmp_path / "again-a.json").read_text())
    assert written[0]["system"] == TOOLACE_RECORDS[0]["system"].replace(
        json.dumps(MARKET_TOOLS), json.dumps([FunctionSpec.from_dict(t).to_dict() for t in MARKET_TOOLS]))
    assert written[2]["id"] == "gen-7" and written[2]["category"] == "simple"


def test_openai_system_message_survives_toolace(tmp_path):
    original = load_samples(write_json(tmp_path / "chat.json", OPENAI_RECORDS)).samples
    assert [s.id for s in original] == ["chat-1#1", "chat-1#2"]
    assert original[1].messages[0] == Message("system", "You are a trading assistant.")
    assert [m.role for m in original[1].messages] == ["system", "user", "assistant", "tool", "tool"]
    write_samples(original, tmp_path / "t.jsonl", "toolace")
    back = load_samples(tmp_path / "t.jsonl").samples
    assert essentials(back) == essentials(original)
    write_samples(back, tmp_path / "o.jsonl", "openai")
    record = json.loads((tmp_path / "o.jsonl").read_text())
    calls = record["messages"][2]["tool_calls"]
    assert [c["function"]["name"] for c in calls] == ["Get Stock Quote", "Market Trends API"]
    arguments = json.loads(calls[0]["function"]["arguments"])
    assert arguments == {"symbol": "AAPL", "options": {"fields": ["price"]}}
    assert [m.get("tool_call_id") for m in record["messages"][3:5]] == [c["id"] for c in calls]
    spec = FunctionSpec.from_dict(MARKET_TOOLS[0]).to_dict()
    assert record["tools"][0] == {"type": "function", "function": spec}


def test_sharegpt_function_calls(tmp_path):
    result = load_samples(write_json(tmp_path / "s.json", SHAREGPT_RECORDS))
    assert result.format == "sharegpt"
    first, reply, last = result.samples
    assert first.messages == [Message("system", "Answer briefly."),
                              Message("user", "Forecasts for Oslo (2 days) and Lima (5 days)?")]
    assert first.target == [ToolCall("weather.forecast", {"city": "Oslo", "days": 2}),
                            ToolCall("weather.forecast", {"city": "Lima", "days": 5})]
    assert reply.target == "Oslo: 4°C highs; Lima: 22°C."
    assert last.target == [ToolCall("weather.forecast", {"city": "Quito", "days": 1})]
    write_samples(result.samples, tmp_path / "t.json", "toolace")
    write_samples(load_samples(tmp_path / "t.json").samples, tmp_path / "s2.jsonl", "sharegpt")
    assert essentials(load_samples(tmp_path / "s2.jsonl").samples) == essentials(result.samples)


def test_generated_samples_write_one_record_each(tmp_path):
    tool = FunctionSpec.from_dict(WEATHER_TOOL)
    samples = [
        Sample("g1", [tool], [Message("user", "Rain in Paris tomorrow?")],
               [ToolCall("weather.forecast", {"city": "Paris", "days": 1})], {"category": "simple"}),
        Sample("g2", [tool], [Message("user", "Tell me a joke")], "I can only fetch forecasts.",
               {"category": "irrelevance"}),
    ]
    assert write_samples(samples, tmp_path / "g.jsonl", "toolace") == 2
    back = load_samples(tmp_path / "g.jsonl").samples
    assert [(s.id, s.target, s.meta["category"]) for s in back] == [
        (s.id, s.target, s.meta["category"]) for s in samples]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_itool_sample_records_of_a_run_directory_read_back_exactly(tmp_path):
    """Run directories keep samples as Sample.to_dict() lines; the other commands
    (itool search, score, data stats) read those files too."""
    tool = FunctionSpec.from_dict(WEATHER_TOOL)
    # two turns of one conversation share a record id, but are two samples
    meta = {"record_id": "conv-1", "record": 0, "category": "multi_turn", "complexity": 3.5}
    samples = [
        Sample("conv-1#1", [tool], [Message("user", "Rain in Paris tomorrow?")],
               [ToolCall("weather.forecast", {"city": "Paris", "days": 1})], {**meta, "turn": 1}),
        Sample("conv-1#2", [tool], [Message("user", "Rain in Paris tomorrow?"),
                                    Message("assistant", "It will rain.")],
               "Anything else?", {**meta, "turn": 2}),
    ]
    path = write_jsonl(tmp_path / "selected.jsonl", [s.to_dict() for s in samples])
    assert detect_format(path) == "itool"
    loaded = load_samples(path)
    assert loaded.format == "itool"
    assert [s.to_dict() for s in loaded.samples] == [s.to_dict() for s in samples]
    broken = write_jsonl(tmp_path / "broken.jsonl", [samples[0].to_dict(),
                                                     {**samples[1].to_dict(), "tools": [7]}])
    with pytest.raises(DataError, match=r"broken.jsonl:2: not a valid itool sample record"):
        load_samples(broken)


# ---------------------------------------------------------------- detection and validation


def test_detect_format(tmp_path):
    assert detect_format(write_json(tmp_path / "a.json", TOOLACE_RECORDS)) == "toolace"
    assert detect_format(write_jsonl(tmp_path / "b.jsonl", OPENAI_RECORDS)) == "openai"
    assert detect_format(write_json(tmp_path / "c.json", SHAREGPT_RECORDS)) == "sharegpt"
    assert detect_format(bfcl_data_dir() / "BFCL_v4_simple_python.json") == "bfcl"
    with pytest.raises(UserError, match="cannot tell the format"):
        detect_format(write_jsonl(tmp_path / "d.jsonl", [{"text": "hello"}]))
    with pytest.raises(UserError, match="no such file"):
        detect_format(tmp_path / "missing.json")


BAD_JSONL = [
    TOOLACE_RECORDS[2],                                                      # line 1: fine
    json.dumps(TOOLACE_RECORDS[1])[:-40],                                    # line 2: truncated
    {"system": toolace_system([WEATHER_TOOL]), "conversations": [            # line 3: unknown role
        {"from": "user", "value": "hi"}, {"from": "robot", "value": "beep"}]},
    {"system": toolace_system([WEATHER_TOOL]), "conversations": [            # line 4: unknown function
        {"from": "user", "value": "x"}, {"from": "assistant", "value": "[get_time(zone='UTC')]"}]},
    {"system": toolace_system([WEATHER_TOOL]), "conversations": [            # line 5: broken syntax
        {"from": "user", "value": "x"},
        {"from": "assistant", "value": "[weather.forecast(city='Oslo', days=2]"}]},
    TOOLACE_RECORDS[1],                                                      # line 6: fine
]


def test_every_bad_record_is_reported(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD_JSONL)
    with pytest.raises(DataError) as caught:
        load_samples(path)
    problems = caught.value.problems
    assert [where for where, _ in problems] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    reasons = [why for _, why in problems]
    assert "not valid JSON" in reasons[0]
    assert "unknown role 'robot'" in reasons[1]
    assert "unknown function 'get_time'" in reasons[2]
    assert "broken call syntax" in reasons[3]

    skipped = load_samples(path, skip_invalid=True)
    assert (skipped.records, skipped.skipped, len(skipped.samples)) == (6, 4, 2)
    assert skipped.problems == problems


def test_json_list_problems_use_indexes(tmp_path):
    records = [TOOLACE_RECORDS[1], BAD_JSONL[3], TOOLACE_RECORDS[2]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records, indent=1)[:-30])  # record 2 cut short
    with pytest.raises(DataError) as caught:
        load_samples(path)
    assert [w for w, _ in caught.value.problems] == [f"{path}:1", f"{path}:2"]
    assert "truncated" in caught.value.problems[1][1]


def test_duplicate_ids_are_problems(tmp_path):
    path = write_jsonl(tmp_path / "dup.jsonl", [TOOLACE_RECORDS[2], TOOLACE_RECORDS[1], TOOLACE_RECORDS[2]])
    with pytest.raises(DataError) as caught:
        load_samples(path)
    assert caught.value.problems == [(f"{path}:3", "duplicate id 'gen-7' (record 1 has it too)")]


@pytest.mark.parametrize("record, reason", [
    ({"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "tool_calls": [
        {"type": "function", "function": {"name": "weather.forecast", "arguments": "[1, 2]"}}]}],
      "tools": [WEATHER_TOOL]}, "must be an object"),
    ({"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "tool_calls": [
        {"type": "function", "function": {"name": "weather.forecast", "arguments": "{'city': "}}]}],
      "tools": [WEATHER_TOOL]}, "not valid JSON"),
    ({"messages": [{"role": "user", "content": "only a question"}], "tools": []}, "no assistant turn"),
    ({"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}],
      "tools": [{"description": "no name"}]}, "tools[0]"),
])
def test_openai_record_problems(tmp_path, record, reason):
    path = write_jsonl(tmp_path / "o.jsonl", [OPENAI_RECORDS[0], record])
    with pytest.raises(DataError) as caught:
        load_samples(path, format="openai")
    [(where, why)] = caught.value.problems
    assert where == f"{path}:2" and reason in why


def test_sharegpt_record_problems(tmp_path):
    bad_tools = dict(SHAREGPT_RECORDS[0], tools="[{not json")
    bad_call = dict(SHAREGPT_RECORDS[0], conversations=[
        {"from": "human", "value": "x"}, {"from": "function_call", "value": "weather please"}])
    path = write_jsonl(tmp_path / "s.jsonl", [bad_tools, SHAREGPT_RECORDS[0], bad_call])
    result = load_samples(path, skip_invalid=True)
    assert result.skipped == 2 and len(result.samples) == 3
    assert "'tools' is not valid JSON" in result.problems[0][1]
    assert "broken call syntax" in result.problems[1][1]


# ---------------------------------------------------------------- BFCL


def count_lines(path):
    return sum(1 for line in path.read_text().splitlines() if line.strip())


@pytest.mark.parametrize("category", ["simple_python", "parallel_multiple", "live_multiple", "irrelevance"])
def test_bfcl_categories_load(category):
    path = bfcl_data_dir() / f"BFCL_v4_{category}.json"
    result = load_samples(path)
    assert result.format == "bfcl"
    assert result.records == len(result.samples) == count_lines(path)
    questions = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert [s.id for s in result.samples] == [q["id"] for q in questions]
    assert {s.meta["category"] for s in result.samples} == {category}
    if category == "irrelevance":
        assert all(s.target == "" and "possible_answer" not in s.meta for s in result.samples)
    else:
        assert all(s.target_calls for s in result.samples)


def test_bfcl_targets_take_first_acceptable_values():
    result = load_samples(bfcl_data_dir() / "BFCL_v4_simple_python.json")
    by_id = {s.id: s for s in result.samples}
    # {"base": [10], "height": [5], "unit": ["units", ""]}: first choices, unit kept
    assert by_id["simple_python_0"].target == [
        ToolCall("calculate_triangle_area", {"base": 10, "height": 5, "unit": "units"})]
    # {"x": [4], "y": [5], "z": ["", 0]}: z may be omitted, so it is
    assert by_id["simple_python_2"].target == [ToolCall("math.hypot", {"x": 4, "y": 5})]
    assert by_id["simple_python_2"].meta["possible_answer"] == [
        {"math.hypot": {"x": [4], "y": [5], "z": ["", 0]}}]


def test_nested_ground_truth():
    truth = [{"order": {"items": [[{"item": ["tea", "green tea"], "note": [""]}]],
                        "prefs": [{"size": ["", "large"], "milk": ["oat"]}],
                        "fmt": [{"unit": "ms"}], "tip": [""]}}]
    assert target_from_ground_truth(truth) == [ToolCall("order", {
        "items": [{"item": "tea"}], "prefs": {"milk": "oat"}, "fmt": {"unit": "ms"}})]


def test_bfcl_unsupported_categories_and_answer_files():
    with pytest.raises(UserError, match="executable environments"):
        load_samples(bfcl_data_dir() / "BFCL_v4_multi_turn_base.json")
    with pytest.raises(UserError, match="possible-answer file"):
        load_samples(bfcl_data_dir() / "possible_answer" / "BFCL_v4_simple_python.json")


# ---------------------------------------------------------------- categories and stats


def test_categories_inferred_from_shape(tmp_path):
    samples = load_samples(write_json(tmp_path / "a.json", TOOLACE_RECORDS)).samples
    samples += load_samples(write_json(tmp_path / "c.json", SHAREGPT_RECORDS)).samples
    inferred = [infer_category(s) for s in samples]
    assert inferred == ["multiple", "multi_turn", "multi_turn", "multi_turn", "irrelevance", "simple",
                        "parallel", "multi_turn", "multi_turn"]
    assert sample_category(samples[5]) == "simple"
    tools = [FunctionSpec.from_dict(t) for t in MARKET_TOOLS]
    both = Sample("x", tools, [Message("user", "q")],
                  [ToolCall("Market Trends API", {}), ToolCall("Get Stock Quote", {"symbol": "A"})])
    assert infer_category(both) == "parallel_multiple"


def test_dataset_stats(tmp_path):
    samples = load_samples(write_json(tmp_path / "a.json", TOOLACE_RECORDS)).samples
    stats = dataset_stats(samples)
    assert stats == {
        "samples": 6,
        "calls": 4,
        "functions": 3,
        "categories": {"simple": 1, "multiple": 1, "parallel": 0, "parallel_multiple": 0,
                       "irrelevance": 1, "multi_turn": 3},
    }
