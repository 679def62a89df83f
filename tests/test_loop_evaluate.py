"""The dev summary and how a round's gain is judged: calls and text replies apart."""

from __future__ import annotations

import pytest

from itool.loop.evaluate import Answer, dev_gain, kind_gains, summarize
from itool.records import FunctionSpec, Message, Sample, Score, ToolCall

TOOL = FunctionSpec("get_weather", "Weather of a city",
                    {"type": "object", "properties": {"city": {"type": "string"}}})


def answer(expects_call: bool, q: float) -> Answer:
    target = [ToolCall("get_weather", {"city": "Oslo"})] if expects_call else "I cannot."
    sample = Sample(f"s{q}", [TOOL], [Message("user", "?")], target)
    grade = "excellent" if q > 0.7 else "poor"
    return Answer(sample, "", Score(q > 0, q > 0, q > 0, q > 0, 0.5, grade, q))


def test_summary_has_the_mean_q_of_each_kind_of_sample():
    summary = summarize([answer(True, -0.5), answer(True, 0.1), answer(False, 0.9)])
    assert summary["kinds"] == pytest.approx({"call": -0.2, "text": 0.9})
    assert summary["mean_q"] == pytest.approx(0.5 / 3)
    assert summarize([])["kinds"] == {}


def test_a_round_that_stops_calling_is_no_gain_even_if_the_mean_rises():
    before = summarize([answer(True, -0.4), answer(True, -0.4), answer(False, -0.9)])
    after = summarize([answer(True, -0.6), answer(True, -0.6), answer(False, 0.9)])
    assert after["mean_q"] > before["mean_q"]
    assert dev_gain(before, after, 0.005) == pytest.approx(-0.2)  # the calls' loss
    assert kind_gains(before, after) == pytest.approx({"call": -0.2, "text": 1.8})
    # only the kinds both summaries scored
    assert kind_gains(before, summarize([answer(True, 0.0)])) == pytest.approx({"call": 0.4})


def test_kinds_weigh_alike_when_none_loses_more_than_the_tolerance():
    before = summarize([answer(True, -0.4), answer(True, -0.4), answer(False, -0.9)])
    calls_better = summarize([answer(True, -0.3), answer(True, -0.3), answer(False, -0.903)])
    assert dev_gain(before, calls_better, 0.005) == pytest.approx((0.1 - 0.003) / 2)
    assert dev_gain(before, calls_better, 0.001) == pytest.approx(-0.003)
    # min_gain below 0 (every round counts): a kind's small loss is no veto
    assert dev_gain(before, calls_better, -1.0) == pytest.approx((0.1 - 0.003) / 2)
    # summaries from before kinds were recorded: the mean's gain
    assert dev_gain({"mean_q": 0.1}, {"mean_q": 0.3}, 0.005) == pytest.approx(0.2)
