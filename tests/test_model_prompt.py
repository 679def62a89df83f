"""Prompt rendering through the real SmolLM2 chat template."""

from __future__ import annotations

import json

import pytest

from itool.codec import parse_calls
from itool.errors import UserError
from itool.model.prompt import (
    TOOL_RESULTS_HEADER,
    prompt_messages,
    render_completion,
    render_messages,
    render_prompt,
    system_prompt,
    target_text,
)
from itool.records import FunctionSpec, Message, Sample, ToolCall

WEATHER = FunctionSpec(
    name="get_weather",
    description="Current weather for a city.",
    parameters={
        "type": "object",
        "properties": {"city": {"type": "string", "description": "City name"}},
        "required": ["city"],
    },
)
CONVERT = FunctionSpec(
    name="convert_units",
    description="Convert a quantity between units.",
    parameters={
        "type": "dict",
        "properties": {"value": {"type": "float"}, "unit": {"type": "string"}},
        "required": ["value", "unit"],
    },
)


def _sample(messages, target) -> Sample:
    return Sample(id="s1", tools=[WEATHER, CONVERT], messages=messages, target=target)


def test_system_prompt_lists_the_functions_as_json_and_explains_the_syntax():
    text = system_prompt([WEATHER, CONVERT])
    start, end = text.index("["), text.index("]\n\n") + 1
    assert json.loads(text[start:end]) == [WEATHER.to_dict(), CONVERT.to_dict()]
    assert "keyword" in text and "[function_a(x=1" in text
    assert "plain text" in text  # the no-call instruction
    assert "Current weather for a city." in text


def test_prompt_goes_through_the_chat_template(tokenizer):
    sample = _sample([Message("user", "Weather in Paris?")], [ToolCall("get_weather", {"city": "Paris"})])
    prompt = render_prompt(sample, tokenizer)
    assert prompt.startswith("<|im_start|>system\nYou are an assistant that can call functions.")
    assert '"name": "convert_units"' in prompt
    assert "<|im_start|>user\nWeather in Paris?<|im_end|>" in prompt
    assert prompt.endswith("<|im_start|>assistant\n")
    assert "SmolLM" not in prompt  # our system prompt replaces the template's default
    # the text survives tokenization: special tokens stay single tokens
    ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == prompt
    assert ids.count(tokenizer.convert_tokens_to_ids("<|im_start|>")) == 3


def test_completion_is_the_target_then_the_end_of_turn(tokenizer):
    target = [
        ToolCall("get_weather", {"city": "Paris"}),
        ToolCall("convert_units", {"value": 3.5, "unit": "km"}),
    ]
    sample = _sample([Message("user", "Weather in Paris, and 3.5 km?")], target)
    response = target_text(sample)
    assert response == '[get_weather(city="Paris"), convert_units(value=3.5, unit="km")]'
    assert parse_calls(response) == target
    messages = prompt_messages(sample)
    completion = render_completion(messages, response, tokenizer)
    assert completion.startswith(response + "<|im_end|>")
    full = tokenizer.apply_chat_template(
        [{"role": m.role, "content": m.content} for m in messages]
        + [{"role": "assistant", "content": response}],
        tokenize=False,
    )
    assert render_prompt(sample, tokenizer) + completion == full


def test_text_target_is_the_reply_itself():
    sample = _sample([Message("user", "Tell me a joke")], "I cannot do that with these functions.")
    assert target_text(sample) == "I cannot do that with these functions."


def test_tool_results_and_past_calls_are_rendered_in_known_roles(tokenizer):
    sample = _sample(
        [
            Message("system", "Answer briefly."),
            Message("user", "Weather in Paris and Rome?"),
            Message(
                "assistant",
                "",
                [ToolCall("get_weather", {"city": "Paris"}), ToolCall("get_weather", {"city": "Rome"})],
            ),
            Message("tool", '{"temp": 21}', name="get_weather"),
            Message("tool", '{"temp": 25}'),
            Message("user", "Which is warmer?"),
        ],
        "Rome is warmer.",
    )
    messages = prompt_messages(sample)
    assert [m.role for m in messages] == ["system", "user", "assistant", "user", "user"]
    assert messages[0].content.endswith("\n\nAnswer briefly.")
    assert messages[2].content == '[get_weather(city="Paris"), get_weather(city="Rome")]'
    assert messages[3].content == f'{TOOL_RESULTS_HEADER}\nget_weather: {{"temp": 21}}\n{{"temp": 25}}'
    prompt = render_messages(messages, tokenizer)
    assert "<|im_start|>tool" not in prompt
    assert prompt.count("<|im_start|>system") == 1
    # the sample itself is untouched
    assert [m.role for m in sample.messages].count("tool") == 2


def test_a_tokenizer_without_chat_template_is_a_user_error(tokenizer):
    import copy

    plain = copy.copy(tokenizer)
    plain.chat_template = None
    with pytest.raises(UserError, match="chat template"):
        render_messages([Message("user", "hi")], plain)
    assert tokenizer.chat_template  # the shared fixture keeps its template


def test_templates_without_a_system_role_get_the_instructions_in_the_first_user_turn(tokenizer):
    import copy

    strict = copy.copy(tokenizer)
    strict.chat_template = (
        "{% for m in messages %}{% if m['role'] == 'system' %}"
        "{{ raise_exception('System role not supported') }}{% endif %}"
        "<{{ m['role'] }}>{{ m['content'] }}</{{ m['role'] }}>{% endfor %}"
        "{% if add_generation_prompt %}<assistant>{% endif %}"
    )
    sample = _sample([Message("user", "Weather in Paris?")], [ToolCall("get_weather", {"city": "Paris"})])
    prompt = render_prompt(sample, strict)
    assert prompt.startswith("<user>You are an assistant that can call functions.")
    assert prompt.endswith("\n\nWeather in Paris?</user><assistant>")
    completion = render_completion(prompt_messages(sample), target_text(sample), strict)
    assert completion == '[get_weather(city="Paris")]</assistant>'
    assert tokenizer.chat_template != strict.chat_template
