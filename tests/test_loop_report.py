"""The run report, rebuilt from a run directory's files (no model needed)."""

from __future__ import annotations

import pytest

from itool.cli import main
from itool.loop.files import write_json, write_jsonl
from itool.loop.report import write_report


def dev(q, excellent, poor):
    return {"summary": {
        "samples": 4, "mean_q": q, "kinds": {"call": q - 0.1, "text": q + 0.3},
        "grades": {"excellent": excellent, "acceptable": 0.0, "fair": 1 - excellent - poor,
                   "poor": poor},
        "dimensions": {"function_name": 0.75, "param_count": 0.5, "param_names": 0.5,
                       "param_values": 0.25, "semantic": 0.6},
    }, "answers": []}


@pytest.fixture
def run_dir(tmp_path):
    run = tmp_path / "run"
    write_json(run / "manifest.json", {
        "status": "finished", "stop_reason": "too few pairs (2 < min_pairs 4)",
        "final_model": "round_1/model", "seed": 0, "itool_version": "0.1.0",
        "versions": {"torch": "2.13.0"},
        "stages": {
            "data": {"state": "done", "seconds": 0.5, "summary": {"train": 9, "dev": 4}},
            "warmup": {"state": "done", "seconds": 100.0, "summary": {
                "optimizer_steps": 9, "tokens": 1000, "first_loss": 1.8, "final_loss": 0.4,
                "wall_seconds": 99.0}},
            "warmup/eval": {"state": "done", "seconds": 20.0, "summary": {}},
            "round_1/select": {"state": "done", "seconds": 10.0, "summary": {"selected": 3}},
            "round_1/search": {"state": "done", "seconds": 30.0, "summary": {
                "pairs": 5, "nodes": 40, "generated_tokens_per_second": 50.0}},
            "round_1/optimize": {"state": "done", "seconds": 60.0, "summary": {
                "optimizer_steps": 2, "first_loss": 1.1, "final_loss": 0.9}},
            "round_1/eval": {"state": "done", "seconds": 20.0, "summary": {}},
            "round_2/select": {"state": "done", "seconds": 10.0, "summary": {"selected": 2}},
            "round_2/search": {"state": "done", "seconds": 25.0, "summary": {"pairs": 2}},
        },
    })
    write_json(run / "warmup/eval.json", dev(-0.2, 0.25, 0.5))
    write_json(run / "round_1/eval.json", dev(0.1, 0.5, 0.25))
    write_jsonl(run / "round_1/pairs.jsonl", [
        {"chosen_grade": "excellent", "rejected_grade": "poor"},
        {"chosen_grade": "excellent", "rejected_grade": "poor"},
        {"chosen_grade": "fair", "rejected_grade": "poor"},
    ])
    (run / "round_2").mkdir()
    return run


def test_report_shows_rounds_dimensions_pairs_and_times(run_dir):
    path = write_report(run_dir)
    text = path.read_text()
    assert "stopped because: too few pairs" in text
    assert "| warmup | – | – | – | – | -0.200 | -0.300 | 0.100 | 0.25 | 0.50 |" in text
    assert "| round_1 | 3 | 5 | 40 | 50.0 | 0.100 | 0.000 | 0.400 | 0.50 | 0.25 |" in text
    assert "| round_2 | 2 | 2 |" in text  # searched, stopped before training
    assert "round_1: excellent > poor: 2, fair > poor: 1" in text
    assert "| **total** | 275.5 |" in text
    for plot in ("dev_reward", "grades", "dimensions", "pairs", "losses", "time"):
        assert (run_dir / "report" / f"{plot}.png").stat().st_size > 1000
        assert f"![{plot}]({plot}.png)" in text
    page = (run_dir / "report/report.html").read_text()
    assert page.count("data:image/png;base64,") == 6 and "<table>" in page


def test_itool_report_command(run_dir, tmp_path, capsys):
    assert main(["report", str(run_dir)]) == 0
    assert "report.md" in capsys.readouterr().out
    assert main(["report", str(tmp_path / "not-a-run")]) == 1
