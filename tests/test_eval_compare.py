"""``itool eval compare`` on real ``itool eval bfcl`` results of real BFCL entries."""

from __future__ import annotations

import json

import pytest

from itool.cli import main
from itool.codec import render_calls
from itool.errors import UserError
from itool.eval.bfcl import evaluate_predictions
from itool.eval.bfcl_data import load_category
from itool.eval.compare import compare_results, read_result, reading


def result(right: dict[str, int], size: dict[str, int], offset: int = 0) -> dict:
    """An evaluation of the first ``size[c]`` entries of each category from
    ``offset`` on, of which the first ``right[c]`` are answered right, the rest in
    prose (wrong for a call category, right for irrelevance: so use call categories)."""
    predictions = {}
    for category, n in size.items():
        for i, sample in enumerate(load_category(category)[offset:offset + n]):
            predictions[sample.id] = render_calls(sample.target_calls) if i < right[category] else "no idea"
    return evaluate_predictions(predictions, grades=False)


def test_the_same_result_differs_by_nothing_with_a_zero_width_interval():
    a = result({"simple_python": 20, "multiple": 5}, {"simple_python": 40, "multiple": 10})
    comparison = compare_results(a, a)
    for r in [*comparison["categories"].values(), comparison["overall"]]:
        assert (r["diff"], r["low"], r["high"], r["a_only_right"], r["b_only_right"]) == (0, 0, 0, 0, 0)
        assert reading(r) == "same verdicts"


def test_a_clear_gain_excludes_zero_and_overall_is_the_mean_over_categories():
    size = {"simple_python": 40, "multiple": 10}
    a = result({"simple_python": 4, "multiple": 2}, size)
    b = result({"simple_python": 30, "multiple": 2}, size)
    comparison = compare_results(a, b)
    simple, multiple = comparison["categories"]["simple_python"], comparison["categories"]["multiple"]
    assert simple["diff"] == pytest.approx(26 / 40) and simple["b_only_right"] == 26
    assert 0 < simple["low"] < simple["diff"] < simple["high"]
    assert multiple["diff"] == 0 and multiple["low"] == multiple["high"] == 0
    overall = comparison["overall"]
    assert overall["a"] == pytest.approx((4 / 40 + 2 / 10) / 2)  # not 6 / 50
    assert overall["diff"] == pytest.approx(26 / 40 / 2) and overall["low"] > 0
    assert (overall["n"], overall["b_only_right"], overall["a_only_right"]) == (50, 26, 0)


def test_a_small_gain_on_few_entries_is_not_separable():
    size = {"simple_python": 20}
    comparison = compare_results(result({"simple_python": 5}, size), result({"simple_python": 7}, size))
    overall = comparison["overall"]
    # B is right wherever A is, so no draw goes below 0, but many miss both extra entries
    assert overall["low"] == 0 < overall["high"] and reading(overall) == "not separable"


def test_only_the_shared_entries_are_compared():
    a = result({"simple_python": 10}, {"simple_python": 10})
    b = result({"simple_python": 10}, {"simple_python": 10}, offset=5)
    comparison = compare_results(a, b)
    assert comparison["entries"] == 5
    assert len(comparison["only_a"]) == len(comparison["only_b"]) == 5
    with pytest.raises(UserError, match="share no BFCL entry"):
        compare_results(a, result({"simple_python": 1}, {"simple_python": 5}, offset=100))


def test_cli_prints_the_table_and_writes_json(tmp_path, capsys):
    size = {"simple_python": 30}
    paths = []
    for name, right in (("a", 3), ("b", 24)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(result({"simple_python": right}, size)))
    out = tmp_path / "cmp.json"
    assert main(["eval", "compare", *map(str, paths), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "simple_python" in printed and "+70.0" in printed and "B better" in printed
    assert json.loads(out.read_text())["overall"]["b_only_right"] == 21


def test_files_that_are_not_evaluation_results_are_named(tmp_path, capsys):
    with pytest.raises(UserError, match="no such file"):
        read_result(tmp_path / "missing.json")
    predictions = tmp_path / "pred.json"
    predictions.write_text(json.dumps([{"id": "simple_python_0", "output": "[]"}]))
    with pytest.raises(UserError, match="pred.json: no 'entries' list"):
        read_result(predictions)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"entries": [{"id": "simple_python_0", "category": "simple_python"}]}))
    with pytest.raises(UserError, match="broken.json: entry 0: .*'valid'"):
        read_result(broken)
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    assert main(["eval", "compare", str(garbage), str(broken)]) == 1
    assert "garbage.json: not JSON" in capsys.readouterr().err
