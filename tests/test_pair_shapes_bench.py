"""benchmarks/pair_shapes.py: which way a run's pairs push the number of calls, and how
many calls its dev answers begin."""

from __future__ import annotations

import json

import pytest

from conftest import load_benchmark


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("pair_shapes")


def test_calls_are_counted_as_they_begin_and_brackets_in_strings_do_not_count(bench):
    assert bench.calls_begun('[f(a=1), g(b="x)]")]') == (["f", "g"], True)
    # cut off in its second call: both begun, the list never closed
    assert bench.calls_begun('[f(a=[1, 2]), f(a=[3') == (["f", "f"], False)
    # a call nested in an argument is not a call of the answer's list
    assert bench.calls_begun("[math.hypot(x=abs(y=2))]") == (["math.hypot"], True)
    assert bench.calls_begun("I cannot help with that.") == ([], False)


def test_pairs_are_sorted_by_which_side_writes_more_calls(bench):
    pairs = [
        {"prefix": "[f(a=1", "chosen": "), f(a=2)]", "rejected": ")]",  # more, closing
         "chosen_grade": "excellent", "rejected_grade": "poor"},
        {"prefix": "[f(a=1", "chosen": "), f(a=2)]", "rejected": ", b=3)]",  # more
         "chosen_grade": "excellent", "rejected_grade": "fair"},
        {"prefix": "", "chosen": "[f(a=1)]", "rejected": "[f(a=1), f(a=1)]",  # fewer
         "chosen_grade": "acceptable", "rejected_grade": "poor"},
        {"prefix": "[f(", "chosen": "a=1)]", "rejected": "a=2)]"},  # as many, no grades
    ]
    assert bench.pair_row(pairs) == {"pairs": 4, "more": 2, "fewer": 1, "same": 1,
                                     "closing": 1, "chosen_excellent": 2, "rejected_poor": 2}


def test_a_run_table_has_a_row_per_stage_and_names_what_is_not_a_run(bench, tmp_path):
    def answers(*responses: str) -> dict:
        return {"summary": {}, "answers": [{"id": str(i), "response": r}
                                           for i, r in enumerate(responses)]}
    for stage, responses in [("warmup", ['[f(a=1)]', '[f(a=1), f(a=2)]']),
                             ("round_1", ['[f(a=1), g(b=2)]', '[f(a=1), f(a=1), f(a='])]:
        (tmp_path / stage).mkdir()
        (tmp_path / stage / "eval.json").write_text(json.dumps(answers(*responses)))
    (tmp_path / "round_1" / "pairs.jsonl").write_text(json.dumps(
        {"prefix": "", "chosen": "[f(a=1), f(a=2)]", "rejected": "[f(a=1)]",
         "chosen_grade": "excellent", "rejected_grade": "poor"}) + "\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dev.jsonl").write_text("\n".join(json.dumps({"target": t}) for t in [
        [{"name": "f", "arguments": {}}, {"name": "f", "arguments": {}}],
        [{"name": "f", "arguments": {}}, {"name": "g", "arguments": {}}],
        "Which city do you mean?"]) + "\n")
    lines = bench.run_table(tmp_path).splitlines()
    assert lines[-3] == "| reference answers | – | – | – | – | – | – | – | 3 | 2 | 1 | 0 |"
    assert lines[-2] == "| warmup | – | – | – | – | – | – | – | 2 | 1 | 1 | 0 |"
    assert lines[-1] == "| round_1 | 1 | 1 | 0 | 0 | 0 | 1 | 1 | 2 | 2 | 1 | 1 |"
    with pytest.raises(bench.UserError, match="no <stage>/eval.json"):
        bench.run_table(tmp_path / "round_1")
