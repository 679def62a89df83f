"""``itool score`` over files: output lines, summary, bad lines and unknown ids."""

from __future__ import annotations

import json

import pytest

from itool.cli import main
from itool.data.formats import bfcl_data_dir, load_samples, write_samples
from itool.errors import DataError
from itool.records import DIMENSIONS
from itool.reward.cli import format_summary, read_predictions, score_files
from reward_cases import CASES, IRRELEVANT, MONEY, PARALLEL, SINGLE


@pytest.fixture
def references(tmp_path):
    path = tmp_path / "ref.jsonl"
    write_samples([SINGLE, PARALLEL, MONEY, IRRELEVANT], path, "openai")
    return path


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_score_command_writes_one_line_per_prediction(tmp_path, references, capsys):
    labelled = [c for c in CASES if c[1] in (SINGLE, PARALLEL, MONEY, IRRELEVANT)]
    preds = write_jsonl(tmp_path / "pred.jsonl",
                        [{"id": c[1].id, "output": c[2]} for c in labelled]
                        + [{"id": "nobody", "output": "[f()]"}])
    out = tmp_path / "out" / "scores.jsonl"
    code = main(["score", "--references", str(references), "--predictions", str(preds),
                 "--out", str(out), "--semantic", "lexical"])
    assert code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(labelled)  # the unknown id is reported, not scored
    for case, row in zip(labelled, rows, strict=True):
        assert row["id"] == case[1].id
        assert set(row["dimensions"]) == set(DIMENSIONS)
        assert tuple(row["dimensions"][d] for d in DIMENSIONS[:4]) == case[3], case[0]
        assert row["grade"] == case[4], case[0]
        assert -1 <= row["q"] <= 1 and isinstance(row["notes"], list)
    captured = capsys.readouterr()
    assert "pred.jsonl:" + str(len(labelled) + 1) + ": unknown id 'nobody'" in captured.err
    assert f"scored {len(labelled)} prediction(s) against 4 reference(s)" in captured.out
    assert "1 prediction(s) with unknown ids were not scored" in captured.out
    for grade in ("excellent", "acceptable", "fair", "poor"):
        assert grade in captured.out
    assert "mean q:" in captured.out


def test_summary_counts(tmp_path, references):
    preds = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "single", "output": CASES[0][2]},                   # excellent
        {"id": "money", "output": "[convert_currency(amount=10)]"},  # fair
    ])
    report = score_files(references, preds, tmp_path / "o.jsonl",
                         _lexical(), progress=False)
    summary = report.summary()
    assert summary["scored"] == 2 and summary["unanswered"] == 2
    assert summary["grades"] == {"excellent": 1, "acceptable": 0, "fair": 1, "poor": 0}
    assert summary["dimension_rates"]["function_name"] == 1.0
    assert summary["dimension_rates"]["param_values"] == 1.0
    assert summary["dimension_rates"]["param_names"] == 0.5
    text = format_summary(summary)
    assert "2 reference(s) without a prediction" in text
    assert "excellent 1 (50.0%)" in text


def _lexical():
    from itool.reward import RewardConfig

    return RewardConfig(semantic="lexical")


def test_bad_prediction_lines_are_reported_with_file_and_line(tmp_path):
    preds = write_jsonl(tmp_path / "bad.jsonl", [
        {"id": "single", "output": "[]"},
        "{not json",
        json.dumps(["a list"]),
        {"output": "x"},
        {"id": "single"},
        {"id": "single", "output": 5},
    ])
    with pytest.raises(DataError) as err:
        read_predictions(preds)
    lines = [where.rsplit(":", 1)[1] for where, _ in err.value.problems]
    assert lines == ["2", "3", "4", "5", "6"]
    message = str(err.value)
    assert "bad.jsonl:2: not valid JSON" in message
    assert "bad.jsonl:4: missing 'id'" in message
    assert "bad.jsonl:6: missing 'output'" in message


def test_cli_errors_are_one_line_not_tracebacks(tmp_path, references, capsys):
    bad = write_jsonl(tmp_path / "bad.jsonl", ["{oops"])
    assert main(["score", "--references", str(references), "--predictions", str(bad),
                 "--out", str(tmp_path / "o.jsonl"), "--semantic", "lexical"]) == 1
    assert "bad.jsonl:1: not valid JSON" in capsys.readouterr().err
    assert main(["score", "--references", str(tmp_path / "missing.jsonl"),
                 "--predictions", str(bad), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "missing.jsonl: no such file" in capsys.readouterr().err


def test_score_against_bfcl_answers(tmp_path):
    """BFCL references carry possible answers: the target's own rendering and a
    version using other accepted alternatives are both excellent."""
    from itool.codec import render_calls

    path = bfcl_data_dir() / "BFCL_v4_simple_python.json"
    samples = load_samples(path).samples[:20]
    preds = [{"id": s.id, "output": render_calls(s.target_calls)} for s in samples]
    preds.append({"id": samples[0].id, "output": "I cannot do that."})
    out = tmp_path / "bfcl.jsonl"
    report = score_files(path, write_jsonl(tmp_path / "p.jsonl", preds), out, _lexical(),
                         progress=False)
    grades = [r["grade"] for r in report.rows]
    assert grades[:-1] == ["excellent"] * 20
    assert grades[-1] == "poor"
