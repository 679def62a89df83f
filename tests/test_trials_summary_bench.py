"""benchmarks/trials_summary.py: the per-trial and pooled itool-against-sft rows, and the
committed table in docs/RESULTS.md being the one the committed JSON gives."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, load_benchmark


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("trials_summary")


def details(itool: dict, sft: dict, low: float, high: float) -> dict:
    def arm(acc: dict) -> dict:
        return {"accuracy": acc, "overall": sum(acc.values()) / len(acc), "tokens": 100}
    return {"arms": {"itool": arm(itool), "sft": arm(sft)},
            "itool_vs_sft": {"diff": 0.0, "low": low, "high": high}}


def accuracies(simple: float, multiple: float, parallel: float, par_multiple: float) -> dict:
    return {"simple_python": simple, "multiple": multiple, "parallel": parallel,
            "parallel_multiple": par_multiple}


def test_rows_measure_the_complex_gain_against_the_simple_one_and_pool_the_trials(
        bench, tmp_path):
    for name, itool, sft, low in [
        ("a", accuracies(0.4, 0.4, 0.1, 0.1), accuracies(0.4, 0.2, 0.0, 0.0), 0.01),
        ("b", accuracies(0.5, 0.3, 0.0, 0.0), accuracies(0.3, 0.3, 0.0, 0.0), -0.02),
        ("c", accuracies(0.3, 0.3, 0.0, 0.0), accuracies(0.4, 0.3, 0.0, 0.0), -0.08),
    ]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "outcome_details.json").write_text(
            json.dumps(details(itool, sft, low, 0.1)))
    # a trial with only one arm evaluated is left out
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "outcome_details.json").write_text(json.dumps({"arms": {"itool": {}}}))
    rows = bench.load_rows(tmp_path)
    assert [r["trial"] for r in rows] == ["a", "b", "c"]
    a = rows[0]
    assert a["diff"] == pytest.approx(10.0) and a["simple_gain"] == pytest.approx(0.0)
    assert a["complex_gain"] == pytest.approx((20 + 10 + 10) / 3)
    pooled = bench.pooled(rows)
    assert pooled["diff"] == pytest.approx((10 + 5 - 2.5) / 3)
    # c gains more on the complex categories (0) than on simple_python (-10), but is behind
    assert (pooled["ahead"], pooled["shape"]) == (2, 2)
    assert pooled["low"] < pooled["diff"] < pooled["high"]
    lines = bench.table(rows).splitlines()
    assert "(separable)" in lines[2] and "yes" in lines[2]  # a: interval above 0, shape
    assert "(separable)" not in lines[3] and lines[3].endswith("| no |")  # b: simple gain
    assert lines[4].endswith("| no |")  # c: behind overall
    assert lines[-1].startswith("| all | mean of 3 trials")
    by_category = {c["category"]: c for c in bench.category_rows(rows)}
    assert list(by_category) == ["simple_python", "multiple", "parallel", "parallel_multiple"]
    simple = by_category["simple_python"]
    assert simple["gaps"] == pytest.approx([0.0, 20.0, -10.0])
    assert simple["diff"] == pytest.approx(10 / 3)
    assert (simple["ahead"], simple["behind"], simple["n"]) == (1, 1, 3)
    # parallel: +10, 0, 0 -> ahead in one trial, behind in none, interval around its mean
    parallel = by_category["parallel"]
    assert (parallel["ahead"], parallel["behind"]) == (1, 0)
    assert parallel["low"] < parallel["diff"] < parallel["high"]
    assert "| multiple | +6.7 |" in bench.category_table(rows)


def test_a_category_where_every_trial_agrees_is_marked_separable_and_plotted(bench, tmp_path):
    rows = [{"gap": {"multiple": g, "simple_python": 0.0}} for g in (4.0, 6.0, 5.0)]
    lines = bench.category_table(rows).splitlines()
    assert lines[2].startswith("| simple_python | +0.0 | [+0.0, +0.0] |")  # level: not separable
    assert lines[3].startswith("| multiple | +5.0 (separable) |")
    bench.plot(rows, tmp_path / "categories.png")
    assert (tmp_path / "categories.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_committed_table_is_the_one_the_committed_trials_give(bench):
    page = (ROOT / "docs/RESULTS.md").read_text()
    block = page.split(bench.MARK_BEGIN, 1)[1].split(bench.MARK_END, 1)[0].strip()
    assert block == bench.block(bench.load_rows())
