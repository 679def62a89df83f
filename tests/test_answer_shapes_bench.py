"""benchmarks/answer_shapes.py: how it counts the shape of BFCL answers (decoding is
itool.eval.decode's, tested in test_bfcl_eval.py)."""

from __future__ import annotations

import json

import pytest

from conftest import load_benchmark


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("answer_shapes")


def entry(entry_id: str, category: str) -> dict:
    return {"id": entry_id, "category": category, "valid": False}


def test_shapes_counts_unreadable_multi_call_answers_and_arguments_per_call(bench):
    result = {"entries": [entry("p0", "parallel"), entry("p1", "parallel"),
                          entry("s0", "simple_python"), entry("s1", "simple_python"),
                          entry("s2", "simple_python")]}
    outputs = {"p0": '[f(a=1, b=2), f(a=3)]', "p1": '[f(a=1, b=2, c=3)]',
               "s0": '[g(x="a", x=', "s1": "I cannot help with that."}
    table = bench.shapes(result, outputs)
    assert list(table) == ["parallel", "simple_python", "all"]
    assert table["parallel"] == {"answers": 2, "unreadable": 0, "multi_call": 1, "calls": 3,
                                 "args_per_call": 2.0}
    # s2 has no output: not counted; plain text does not decode as calls
    assert table["simple_python"] == {"answers": 2, "unreadable": 2, "multi_call": 0, "calls": 0,
                                      "args_per_call": 0.0}
    assert table["all"]["answers"] == 4 and table["all"]["unreadable"] == 2


def test_main_reads_the_predictions_beside_the_result(bench, tmp_path, capsys):
    result = tmp_path / "itool.json"
    result.write_text(json.dumps({"entries": [entry("p0", "parallel")]}))
    (tmp_path / "itool.predictions.jsonl").write_text(
        json.dumps({"id": "p0", "output": "[f(a=1), f(a=2)]"}) + "\n")
    assert bench.main([str(result)]) == 0
    assert "| parallel | 1 | 0 | 1 | 2 | 1.00 |" in capsys.readouterr().out


def test_main_names_a_missing_predictions_file(bench, tmp_path, capsys):
    result = tmp_path / "itool.json"
    result.write_text(json.dumps({"entries": [entry("p0", "parallel")]}))
    assert bench.main([str(result)]) == 1
    assert "itool.predictions.jsonl: no such file" in capsys.readouterr().err
