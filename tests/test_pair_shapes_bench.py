"""benchmarks/pair_shapes.py: which way a run's pairs push the number of calls, and how
many calls its dev answers begin."""

from __future__ import annotations

import json

import pytest

from conftest import load_benchmark


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("pair_shapes")


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
    # arguments per call: 1 against 1, 1 against 2 (fewer), 1 against 1, 1 against 1
    assert bench.pair_row(pairs) == {"pairs": 4, "more": 2, "fewer": 1, "same": 1,
                                     "closing": 1, "more_arguments": 0, "fewer_arguments": 1,
                                     "chosen_excellent": 2, "rejected_poor": 2}


def test_a_run_table_has_a_row_per_stage_and_names_what_is_not_a_run(bench, tmp_path):
    def answers(*responses: str) -> dict:
        return {"summary": {}, "answers": [{"id": str(i), "response": r}
                                           for i, r in enumerate(responses)]}
    for stage, responses in [("warmup", ['[f(a=1)]', '[f(a=1), f(a=2)]']),
                             ("round_1", ['[f(a=1), g(b=2)]', '[f(a=1), f(a=1), f('])]:
        (tmp_path / stage).mkdir()
        (tmp_path / stage / "eval.json").write_text(json.dumps(answers(*responses)))
    (tmp_path / "round_1" / "pairs.jsonl").write_text(json.dumps(
        {"prefix": "", "chosen": "[f(a=1), f(a=2)]", "rejected": "[f(a=1)]",
         "chosen_grade": "excellent", "rejected_grade": "poor"}) + "\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dev.jsonl").write_text("\n".join(json.dumps({"target": t}) for t in [
        [{"name": "f", "arguments": {"a": 1}}, {"name": "f", "arguments": {"a": 2}}],
        [{"name": "f", "arguments": {"a": 1, "b": 2}}, {"name": "g", "arguments": {}}],
        "Which city do you mean?"]) + "\n")
    lines = bench.run_table(tmp_path).splitlines()
    assert lines[-3] == ("| reference answers | – | – | – | – | – | – | – | – | – | 3 | 2 | 1 | 0 "
                         "| 1.00 |")
    assert lines[-2] == "| warmup | – | – | – | – | – | – | – | – | – | 2 | 1 | 1 | 0 | 1.00 |"
    # round_1 begins 5 calls with 4 arguments (the last is cut off before its first)
    assert lines[-1] == "| round_1 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 1 | 2 | 2 | 1 | 1 | 0.80 |"
    with pytest.raises(bench.UserError, match="no <stage>/eval.json"):
        bench.run_table(tmp_path / "round_1")
