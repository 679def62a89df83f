"""benchmarks/unseen_functions.py: which generated samples count as unseen by a run, and
how the reward's notes become error counts."""

from __future__ import annotations

import json

import pytest

from conftest import load_benchmark
from itool.loop.config import resolve_run_config
from itool.loop.stages import warmup_samples
from itool.records import Sample


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("unseen_functions")


def sample(sid: str, target: list[str] | str, offered: list[str]) -> Sample:
    return Sample.from_dict({
        "id": sid,
        "tools": [{"name": n, "parameters": {"type": "object", "properties": {}}}
                  for n in offered],
        "messages": [{"role": "user", "content": f"request {sid}"}],
        "target": target if isinstance(target, str)
        else [{"name": n, "arguments": {}} for n in target],
    })


def test_a_sample_is_unseen_when_no_trained_sample_offers_its_target_functions(bench):
    samples = [
        sample("t1", ["alpha"], ["alpha", "beta"]),  # trained: alpha and beta are seen
        sample("a", ["gamma"], ["gamma", "alpha"]),  # target unseen, a seen distractor
        sample("b", ["beta"], ["beta"]),             # its target was a trained distractor
        sample("c", "No tool can do that.", ["delta"]),  # answered in text
        sample("d", ["gamma", "alpha"], ["gamma", "alpha"]),  # one target seen
    ]
    assert [s.id for s in bench.unseen_function_samples(samples, {"t1"})] == ["a"]
    # a trained sample is never among the unseen ones, even with new functions
    assert bench.unseen_function_samples([sample("e", ["eps"], ["eps"])], {"e"}) == []


def test_the_trained_samples_are_the_warmup_draw_and_every_round_s_pairs(bench, tmp_path):
    train = [sample(f"s{i}", ["f"], ["f"]) for i in range(6)]
    (tmp_path / "config.yaml").write_text("seed: 3\ndata:\n  warmup_limit: 2\n")
    for round_dir, ids in (("round_1", ["s5"]), ("round_2", ["s4", "s5"])):
        (tmp_path / round_dir).mkdir()
        (tmp_path / round_dir / "pairs.jsonl").write_text(
            "".join(json.dumps({"sample_id": i}) + "\n" for i in ids))
    drawn = {s.id for s in warmup_samples(resolve_run_config(tmp_path / "config.yaml"), train)}
    assert len(drawn) == 2
    assert bench.trained_sample_ids(tmp_path, train) == drawn | {"s4", "s5"}


def test_each_kind_of_error_counts_once_per_answer(bench):
    counts = bench.error_counts([
        ["call f: missing required argument a, b", "call g: missing required argument c"],
        ["call f: unknown argument required", "call f: wrong value for x"],
        ["no call made"],
        [],
    ])
    assert counts["missing_required"] == 1
    assert (counts["unknown_argument"], counts["wrong_value"], counts["no_call"]) == (1, 1, 1)
    assert counts["extra_argument"] == counts["missing_optional"] == 0


def test_arguments_per_answer_counts_unreadable_answers_as_none(bench):
    assert bench.arguments_per_answer(['[f(a=1, b="x"), g(c=2)]', "no idea", "[]"]) == 1.0
