"""``evaluate_predictions`` and ``itool eval bfcl`` on real BFCL entries."""

from __future__ import annotations

import json

import pytest

from itool.cli import main
from itool.codec import render_calls
from itool.eval.bfcl import check_sample, evaluate_predictions
from itool.eval.bfcl_data import CATEGORIES, category_of, load_category
from itool.reward import RewardConfig

LEXICAL = RewardConfig(semantic="lexical")


def _right(sample) -> str:
    return render_calls(sample.target_calls)


def test_every_category_loads_with_answers_where_bfcl_has_them():
    sizes = {c: len(load_category(c)) for c in CATEGORIES}
    assert sizes["simple_python"] == 400 and sizes["live_multiple"] == 1053 and sizes["live_relevance"] == 16
    for category in CATEGORIES:
        sample = load_category(category)[0]
        assert category_of(sample.id) == category
        assert ("possible_answer" in sample.meta) == ("relevance" not in category)


def test_category_of_reads_bfcl_ids():
    assert category_of("live_parallel_multiple_3-2-1") == "live_parallel_multiple"
    assert category_of("parallel_multiple_10") == "parallel_multiple"
    assert category_of("simple_java_1") is None  # not covered
    assert category_of("nonsense") is None


def test_targets_built_from_ground_truth_pass_bfcls_checker():
    for category in ("simple_python", "multiple", "parallel", "parallel_multiple", "live_simple"):
        samples = load_category(category)
        passed = sum(check_sample(s, _right(s)).valid for s in samples)
        # a few ground truths can never pass (e.g. a parameter with no acceptable value)
        assert passed >= 0.98 * len(samples), category


def test_accuracy_missing_overall_and_unknown_ids():
    simple = load_category("simple_python")[:10]
    irrelevant = load_category("irrelevance")[:4]
    predictions = {s.id: _right(s) for s in simple[:8]}
    predictions[simple[8].id] = "I think the answer is 5."  # prose: undecodable
    predictions[simple[9].id] = _right(simple[9]).replace(simple[9].target_calls[0].name, "wrong_name", 1)
    predictions.update({s.id: "[]" for s in irrelevant[:3]})
    predictions[irrelevant[3].id] = f"[{irrelevant[3].tools[0].name}()]"
    predictions["simple_python_99999"] = "[]"
    predictions["not_a_bfcl_id"] = "[]"
    predictions[load_category("multiple")[0].id] = "[]"
    predictions["simple_java_0"] = "[]"  # a BFCL category not covered

    result = evaluate_predictions(predictions, ["simple_python", "irrelevance"], grades=False)
    summary = result["summary"]
    assert summary["simple_python"] == {"accuracy": 0.8, "correct": 8, "total": 10, "missing": 390}
    assert summary["irrelevance"] == {"accuracy": 0.75, "correct": 3, "total": 4, "missing": 236}
    overall = summary["overall"]
    assert overall["accuracy"] == pytest.approx((0.8 + 0.75) / 2)
    assert overall["micro_accuracy"] == pytest.approx(11 / 14)
    assert (overall["correct"], overall["total"], overall["missing"]) == (11, 14, 626)
    assert summary["unknown_ids"] == {"count": 2, "ids": ["simple_python_99999", "not_a_bfcl_id"]}
    assert summary["ignored"] == {"count": 2, "ids": ["multiple_0", "simple_java_0"]}
    assert "fragments" not in summary

    by_id = {e["id"]: e for e in result["entries"]}
    assert len(by_id) == 14
    assert by_id[simple[8].id]["error_type"] == "ast_decoder:decoder_failed"
    assert by_id[simple[9].id]["error_type"] == "simple_function_checker:wrong_func_name"
    assert by_id[irrelevant[3].id]["error_type"] == "irrelevance_error:decoder_success"
    assert by_id[simple[0].id] == {
        "id": simple[0].id,
        "category": "simple_python",
        "valid": True,
        "error": None,
        "error_type": None,
        "grade": None,
        "dimensions": None,
        "q": None,
    }


def test_default_categories_are_those_the_ids_name():
    sample = load_category("live_simple")[0]
    result = evaluate_predictions({sample.id: _right(sample)}, grades=False)
    assert [k for k in result["summary"] if k in CATEGORIES] == ["live_simple"]
    assert result["summary"]["live_simple"]["missing"] == len(load_category("live_simple")) - 1


def test_grades_dimensions_and_fragment_profile():
    samples = load_category("simple_python")[:6]
    predictions = {}
    for i, sample in enumerate(samples):
        call = sample.target_calls[0]
        predictions[sample.id] = _right(sample) if i < 2 else _right(sample).replace(call.name, "other_fn", 1)
    relevance = load_category("live_relevance")[0]
    predictions[relevance.id] = f"[{relevance.tools[0].name}(query='x')]"

    result = evaluate_predictions(predictions, reward_config=LEXICAL, progress=False)
    entries = {e["id"]: e for e in result["entries"]}
    assert entries[samples[0].id]["grade"] == "excellent"
    assert entries[samples[0].id]["dimensions"]["function_name"] is True
    assert entries[samples[3].id]["grade"] == "poor"
    assert entries[samples[3].id]["dimensions"]["function_name"] is False
    assert entries[relevance.id]["valid"] is True
    assert entries[relevance.id]["grade"] is None and entries[relevance.id]["dimensions"] is None

    profile = result["summary"]["fragments"]
    assert set(profile) == {"simple_python", "all"}
    assert profile["simple_python"]["graded"] == 6
    assert profile["simple_python"]["failure_rate"]["function_name"] == pytest.approx(4 / 6)
    assert profile["simple_python"]["weakest"] == "function_name"
    assert profile["simple_python"]["grades"]["excellent"] == 2


def _write(path, lines):
    path.write_text("".join(line + "\n" for line in lines))
    return path


def test_cli_writes_result_and_warns_about_unknown_ids(tmp_path, capsys):
    samples = load_category("parallel")[:3]
    lines = [json.dumps({"id": s.id, "output": _right(s)}) for s in samples]
    lines.append(json.dumps({"id": "parallel_12345", "output": "[]"}))
    pred = _write(tmp_path / "pred.jsonl", lines)
    out = tmp_path / "result.json"
    code = main(["eval", "bfcl", "--predictions", str(pred), "--out", str(out), "--semantic", "lexical"])
    assert code == 0
    captured = capsys.readouterr()
    assert "1 prediction(s) with unknown BFCL ids: parallel_12345" in captured.err
    assert "parallel" in captured.out and "100.0%" in captured.out
    result = json.loads(out.read_text())
    assert result["summary"]["parallel"] == {"accuracy": 1.0, "correct": 3, "total": 3, "missing": 197}
    assert [e["id"] for e in result["entries"]] == [s.id for s in samples]
    assert all(e["grade"] == "excellent" for e in result["entries"])


def test_cli_reports_bad_prediction_lines_by_file_and_line(tmp_path, capsys):
    pred = _write(
        tmp_path / "pred.jsonl",
        [
            json.dumps({"id": "simple_python_0", "output": "[]"}),
            "{not json",
            json.dumps({"id": "simple_python_1"}),
            json.dumps({"id": "simple_python_0", "output": "[]"}),
        ],
    )
    code = main(["eval", "bfcl", "--predictions", str(pred), "--out", str(tmp_path / "r.json")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"{pred}:2:" in err and f"{pred}:3:" in err and "'output'" in err
    assert not (tmp_path / "r.json").exists()


def test_cli_repeated_id_and_missing_inputs(tmp_path, capsys):
    line = json.dumps({"id": "simple_python_0", "output": "[]"})
    pred = _write(tmp_path / "pred.jsonl", [line, line])
    assert main(["eval", "bfcl", "--predictions", str(pred), "--out", str(tmp_path / "r.json")]) == 1
    assert f"{pred}:2: id 'simple_python_0' repeated (first at {pred}:1)" in capsys.readouterr().err
    assert main(["eval", "bfcl", "--out", str(tmp_path / "r.json")]) == 1
    assert "--predictions" in capsys.readouterr().err
    assert main(["eval", "bfcl", "--predictions", str(tmp_path / "nope"), "--out", "r.json"]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", "bfcl", "--predictions", str(pred), "--out", "r.json", "--categories", "simple_rust"])
