"""Complexity scores and the easy-to-hard curriculum: the documented formula, ordering,
stages cut at quantiles, the histogram, and samples loaded from any format."""

from __future__ import annotations

import json
import math

import pytest

from itool.cli import main
from itool.data.complexity import complexity, features
from itool.data.curriculum import (
    STAGES,
    cut_stages,
    difficulty_stats,
    format_difficulty,
    histogram,
    order_easy_to_hard,
    thresholds,
)
from itool.data.formats import load_samples, write_samples
from itool.data.generate import generate
from itool.records import FunctionSpec, Message, Sample, ToolCall


@pytest.fixture(scope="module")
def samples():
    return generate(600, seed=21)


def _tool(name):
    return FunctionSpec(name, "", {"type": "object", "properties": {}, "required": []})


def test_formula_on_a_hand_made_sample():
    """2 calls, 2 functions, 3 arguments of which one is a list of 2 items, 3 tools,
    a user and a tool message, 300 characters of context."""
    user = Message("user", "x" * 200)
    calls = [ToolCall("f", {"a": 1, "b": [1, 2]}), ToolCall("g", {"c": "z"})]
    tool = Message("tool", "y" * 100, name="f")
    sample = Sample("s", [_tool("f"), _tool("g"), _tool("h")], [user, tool], calls)
    f = features(sample)
    assert (f.calls, f.distinct_functions, f.arguments, f.nested_arguments, f.candidates, f.turns) == (
        2, 2, 3, 2, 3, 2)
    expected = 2 + 1 + 0.25 * 3 + 0.25 * 2 + 0.3 * 2 + 0.75 * 1 + 0.5 * math.log2(1 + 300 / 100)
    assert complexity(sample) == round(expected, 3)


def test_declining_scores_its_own_term():
    simple = Sample("a", [_tool("f")], [Message("user", "hi")], [ToolCall("f", {})])
    declined = Sample("b", [_tool("f")], [Message("user", "hi")], "Sorry, I can't.")
    assert complexity(declined) - complexity(simple) == pytest.approx(1.5 - 1.0)


def test_harder_categories_score_higher_on_average(samples):
    by_cat = {}
    for s in samples:
        by_cat.setdefault(s.meta["category"], []).append(s.meta["complexity"])
    mean = {c: sum(v) / len(v) for c, v in by_cat.items()}
    assert mean["simple"] < mean["multiple"] < mean["parallel_multiple"]
    assert mean["simple"] < mean["parallel"] and mean["simple"] < mean["multi_turn"]


def test_order_is_monotone_and_stable(samples):
    ordered = order_easy_to_hard(samples)
    scores = [complexity(s) for s in ordered]
    assert sorted(scores) == scores and len(ordered) == len(samples)
    tied = [Sample(str(i), [_tool("f")], [Message("user", "same")], [ToolCall("f", {})]) for i in range(5)]
    assert [s.id for s in order_easy_to_hard(list(reversed(tied)))] == ["4", "3", "2", "1", "0"]


def test_stages_cut_at_quantiles(samples):
    stages = cut_stages(samples)
    assert list(stages) == list(STAGES)
    assert sum(len(v) for v in stages.values()) == len(samples)
    easy, medium, hard = (stages[k] for k in STAGES)
    assert max(map(complexity, easy)) < min(map(complexity, medium))
    assert max(map(complexity, medium)) < min(map(complexity, hard))
    for part in (easy, medium, hard):  # roughly thirds (ties stay together)
        assert abs(len(part) - len(samples) / 3) < len(samples) * 0.1
        assert [complexity(s) for s in part] == sorted(complexity(s) for s in part)


def test_thresholds_and_histogram():
    assert thresholds([5, 1, 3, 2, 4, 6], (1 / 3, 2 / 3)) == [2, 4]
    assert thresholds([], (0.5,)) == []
    bins = histogram([0, 1, 2, 3, 10], bins=5)
    assert [b["count"] for b in bins] == [2, 2, 0, 0, 1]  # width 2: [0, 2), [2, 4), ...
    assert bins[0]["lo"] == 0 and bins[-1]["hi"] == 10
    assert histogram([2.0, 2.0], bins=3)[0]["count"] == 2


def test_difficulty_stats_and_text(samples):
    stats = difficulty_stats(samples)
    assert sum(b["count"] for b in stats["histogram"]) == len(samples)
    assert sum(stats["stages"].values()) == len(samples)
    assert stats["min"] < stats["mean"] < stats["max"]
    text = format_difficulty(stats)
    assert text.count("|") == 10 and "#" in text and "stages: easy" in text
    assert format_difficulty(difficulty_stats([])) == "difficulty: no samples"


@pytest.mark.parametrize("fmt", ["toolace", "openai", "sharegpt"])
def test_complexity_of_samples_loaded_from_any_format(tmp_path, samples, fmt):
    """Scores need nothing the generator adds: a written and re-read sample scores
    the same as the generated one (the last turn of each conversation)."""
    path = tmp_path / f"data.{fmt}.jsonl"
    write_samples(samples, path, fmt)
    generated = {s.id: s.meta["complexity"] for s in samples}
    last_turn = {}
    for s in load_samples(path).samples:
        assert "complexity" not in s.meta
        last_turn[s.meta["record_id"]] = s  # turns come in order
    assert set(last_turn) == set(generated)
    for rid, s in last_turn.items():
        assert complexity(s) == generated[rid], rid


def test_stats_command_shows_the_histogram(tmp_path, capsys):
    path = tmp_path / "g.jsonl"
    assert main(["data", "generate", "--n", "120", "--seed", "4", "--out", str(path)]) == 0
    capsys.readouterr()
    assert main(["data", "stats", str(path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert sum(b["count"] for b in stats["difficulty"]["histogram"]) == stats["samples"]
    assert set(stats["difficulty"]["stages"]) == set(STAGES)
    assert main(["data", "stats", str(path)]) == 0
    out = capsys.readouterr().out
    assert "difficulty (complexity score)" in out and out.count("#") > 10
    assert "missing_parameter:" in out and "irrelevance:" in out
