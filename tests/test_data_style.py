"""``itool.data.style``: how requests are written and how calls of one request
relate, on samples whose figures can be counted by hand."""

from __future__ import annotations

from itool.data.style import leaf_values, request_style, values_that_differ, written_in
from itool.records import Message, Sample, ToolCall


def sample(request: str, calls: list[tuple[str, dict]], category: str) -> Sample:
    return Sample(id=request, tools=[], messages=[Message(role="user", content=request)],
                  target=[ToolCall(name, args) for name, args in calls], meta={"category": category})


def test_values_count_as_written_only_when_the_request_spells_them():
    request = "Area of a triangle with base 1,200 and height 5.0 in Oslo"
    assert written_in(1200, request) and written_in(5, request) and written_in("oslo", request)
    assert not written_in(12, request) and not written_in("Bergen", request)
    assert written_in(True, request) is None and written_in(None, request) is None
    assert list(leaf_values({"a": [1, {"b": "x"}], "c": True})) == [1, "x", True]


def test_values_that_differ_counts_parameters_not_calls():
    assert values_that_differ([{"base": 10, "height": 5}, {"base": 8, "height": 5}]) == 1
    assert values_that_differ([{"base": 10, "height": 5}, {"base": 8, "height": 6}]) == 2
    assert values_that_differ([{"city": "Oslo"}, {"city": "Oslo", "days": 3}]) == 1


def test_request_style_per_category():
    samples = [
        sample("Weather in Oslo and Rome for 3 days",
               [("weather", {"city": "Oslo", "days": 3}), ("weather", {"city": "Rome", "days": 3})],
               "parallel"),
        sample("Triangle with base 10 and height 5, and one with base 8 and height 6",
               [("area", {"base": 10, "height": 5}), ("area", {"base": 8, "height": 6})],
               "parallel"),
        sample("Convert ten euros", [("convert", {"amount": 10, "currency": "GBP", "exact": True})],
               "simple"),
        Sample(id="no", tools=[], messages=[Message(role="user", content="Hi")], target="Hello!",
               meta={"category": "irrelevance"}),
    ]
    style = request_style(samples)
    assert list(style) == ["simple", "parallel"]  # text replies have no calls to describe
    assert style["parallel"] == {
        "samples": 2, "words": 11.5, "args_per_call": 2.0,
        "numeric_values": 0.75,  # 3, 3, 10, 5, 8, 6 of 8 scalars
        "written_values": 1.0, "repeats_a_function": 1.0, "several_values_differ": 0.5,
    }
    # "ten" and "GBP" are not written as the call writes them; the boolean is not counted.
    assert style["simple"]["written_values"] == 0.0
    assert style["simple"]["numeric_values"] == round(1 / 3, 3)
    assert style["simple"]["repeats_a_function"] == 0.0
    assert style["simple"]["several_values_differ"] is None
