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
    # a bootstrap bound of -2e-18 is zero, and is written so
    assert bench.interval(-2e-18, 6.6) == "[+0.0, +6.6]"
    bench.plot(rows, tmp_path / "categories.png")
    assert (tmp_path / "categories.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def stage(name: str, call: float, text: float) -> dict:
    """A runner record of the warmup or a round: its dev reward per kind of sample."""
    return {"name": name, "dev_q": (call + text) / 2, "dev_kinds": {"call": call, "text": text}}


def test_the_gate_keeps_the_last_round_before_the_first_that_did_not_gain(bench):
    warmup = stage("warmup", -0.5, -0.9)
    # round 2 loses on calls: the gate stops there, whatever round 3 would have done
    rounds = [warmup, stage("round_1", -0.3, -0.9), stage("round_2", -0.8, -0.9),
              stage("round_3", -0.1, -0.9)]
    assert bench.gate_keeps(rounds, 0.005) == "round_1"
    assert bench.gate_keeps(rounds, -1.0) == "round_3"  # the trials' "every round counts"
    # a round that gains on calls but loses on text replies is rejected
    assert bench.gate_keeps([warmup, stage("round_1", 0.0, -0.95)], 0.005) == "warmup"
    assert bench.gate_keeps([warmup, stage("round_1", -0.4, -0.9),
                             stage("round_2", -0.3, -0.9)], 0.005) == "round_2"


def test_gated_rows_take_the_trial_itself_its_gated_rerun_or_say_not_scored(bench, tmp_path):
    gained = [stage("warmup", -0.5, -0.9), stage("round_1", -0.3, -0.9)]
    collapsed = gained + [stage("round_2", -0.8, -0.9)]
    trials = {
        "a": (accuracies(0.4, 0.4, 0.1, 0.1), accuracies(0.4, 0.2, 0.0, 0.0), gained),
        "b": (accuracies(0.2, 0.2, 0.0, 0.0), accuracies(0.4, 0.2, 0.0, 0.0), collapsed),
        "b_gated": (accuracies(0.4, 0.3, 0.1, 0.0), accuracies(0.4, 0.2, 0.0, 0.0), collapsed),
        "c": (accuracies(0.2, 0.2, 0.0, 0.0), accuracies(0.4, 0.2, 0.0, 0.0), collapsed),
    }
    for name, (itool, sft, rounds) in trials.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "outcome_details.json").write_text(
            json.dumps({**details(itool, sft, -0.01, 0.1), "rounds": {"itool": rounds}}))
    rows = bench.load_rows(tmp_path)
    assert [r["trial"] for r in rows] == ["a", "b", "c"]  # a gated rerun is not a trial
    gates = {g["trial"]: g for g in bench.gate_rows(rows, tmp_path)}
    assert gates["a"]["keeps"] == "round_1" and gates["a"]["gated"] is gates["a"]["every"]
    assert gates["b"]["keeps"] == "round_1" and gates["b"]["gated"]["trial"] == "b_gated"
    assert gates["b"]["every"]["diff"] == pytest.approx(-5.0)
    assert gates["b"]["gated"]["diff"] == pytest.approx(5.0)
    assert gates["c"]["gated"] is None
    lines = bench.gate_table(rows, tmp_path).splitlines()
    assert "| not scored |" in lines[4]
    assert lines[-1].startswith("| all | mean of the 2 trials with a gated score |")
    assert "| **+7.5** |" in lines[-1]  # a +10, b +5 once gated
    # a gated rerun whose sft arm is not the trial's compares something else: refused
    (tmp_path / "c_gated").mkdir()
    (tmp_path / "c_gated" / "outcome_details.json").write_text(json.dumps(
        {**details(accuracies(0.3, 0.2, 0.0, 0.0), accuracies(0.3, 0.2, 0.0, 0.0), -0.1, 0.1),
         "rounds": {"itool": collapsed}}))
    with pytest.raises(SystemExit, match="c_gated.*not c's"):
        bench.gate_rows(rows, tmp_path)


def test_the_best_stage_is_the_best_scored_model_of_a_trial_and_its_gated_rerun(
        bench, tmp_path):
    def arm(overall: float, stage_name: str) -> dict:
        return {"overall": overall, "model": f"runs/x/itool/{stage_name}/model",
                "accuracy": accuracies(overall, overall, overall, overall), "tokens": 1}
    rounds = [stage("warmup", -0.5, -0.9), stage("round_1", -0.3, -0.9),
              stage("round_2", -0.8, -0.9)]
    trials = {  # name: arms scored; the sft arm scores 0.15 everywhere
        "a": {"warmup": arm(0.12, "warmup"), "itool": arm(0.10, "round_2")},
        "a_gated": {"itool": arm(0.18, "round_1")},
        "b": {"warmup": arm(0.16, "warmup"), "itool": arm(0.14, "round_2")},
        "c": {"itool": arm(0.20, "round_2")},  # one stage scored: no best to speak of
    }
    for name, arms in trials.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "outcome_details.json").write_text(json.dumps(
            {"arms": {**arms, "sft": arm(0.15, "warmup")}, "rounds": {"itool": rounds}}))
    rows = bench.load_rows(tmp_path)
    assert bench.stage_scores("a", tmp_path) == pytest.approx(
        {"warmup": 12.0, "round_2": 10.0, "round_1": 18.0})
    best = {b["trial"]: b for b in bench.best_stage_rows(rows, tmp_path)}
    assert set(best) == {"a", "b"}
    assert (best["a"]["best"], best["a"]["diff"]) == ("round_1", pytest.approx(3.0))
    assert (best["b"]["best"], best["b"]["diff"]) == ("warmup", pytest.approx(1.0))
    lines = bench.best_stage_table(rows, tmp_path).splitlines()
    assert lines[2] == "| – | `a` | 12.0 | 18.0 | 10.0 | 15.0 | round_1 | +3.0 |"
    assert lines[3].startswith("| – | `b` | 16.0 | – | 14.0 | 15.0 |")  # round 1 not scored
    # as run, a trails by 5 and b by 1; at their best stages they lead by 3 and 1
    assert lines[-1].startswith("| all | mean of 2 trials (as run: -3.0) |")
    assert "| **+2.0** [" in lines[-1]


def test_the_continued_sft_table_lists_only_the_trials_that_ran_that_arm(bench, tmp_path):
    def arm(simple: float, multiple: float, tokens: int = 100) -> dict:
        acc = accuracies(simple, multiple, 0.0, 0.0)
        return {"accuracy": acc, "overall": sum(acc.values()) / len(acc), "tokens": tokens}

    for name, continued, low in [("a", arm(0.4, 0.2, 90), 0.01), ("b", arm(0.3, 0.5, 95), -0.2),
                                 ("c", None, None), ("d", arm(0.4, 0.4, 80), -0.1)]:
        trial = details(accuracies(0.4, 0.4, 0.0, 0.0), accuracies(0.4, 0.2, 0.0, 0.0), -0.1, 0.1)
        trial["arms"]["warmup"] = arm(0.4, 0.0)
        if continued:
            trial["arms"]["continued_sft"] = continued
            trial["itool_vs_continued_sft"] = {"diff": 0.0, "low": low, "high": 0.1}
        if name == "d":  # ran itool and continued_sft only
            trial["arms"] = {k: trial["arms"][k] for k in ("itool", "continued_sft")}
        (tmp_path / name).mkdir()
        (tmp_path / name / "outcome_details.json").write_text(json.dumps(trial))
    assert [r["trial"] for r in bench.load_rows(tmp_path)] == ["a", "b", "c"]
    rows = bench.load_continued_rows(tmp_path)
    assert [r["trial"] for r in rows] == ["a", "b", "d"]  # c ran no continued_sft arm
    a = rows[0]["continued"]
    # itool 20.0 overall; a's continued arm 15.0: +20 on multiple, 0 on simple_python
    assert (a["continued_sft"], a["diff"], a["simple_gain"]) == pytest.approx((15.0, 5.0, 0.0))
    assert a["complex_gain"] == pytest.approx(20 / 3) and a["warmup"] == pytest.approx(10.0)
    lines = bench.continued_table(rows).splitlines()
    assert len(lines) == 6  # header, rule, a, b, d, pooled
    assert lines[2].startswith("| – | `a` | 10.0 | 20.0 | 15.0 | +5.0 (separable) |")
    assert lines[2].endswith("| 100 / 90 |")
    assert lines[3].startswith("| – | `b` | 10.0 | 20.0 | 20.0 | +0.0 |")  # 0.3 + 0.5 = 0.4 + 0.4
    assert lines[4].startswith("| – | `d` | – | 20.0 | 20.0 | +0.0 |")  # no warmup arm scored
    assert lines[5].startswith("| all | mean of 3 trials | – | 20.0 | 18.3 | **+1.7** |")
    assert lines[5].endswith("ahead in 1 of 3 |")
    # a trial on another model is listed under its name and never pooled with the others
    other = details(accuracies(0.0, 0.0, 0.0, 0.0), accuracies(0.0, 0.0, 0.0, 0.0), -0.1, 0.1)
    other["arms"] = {"itool": other["arms"]["itool"], "continued_sft": arm(0.8, 0.8)}
    other["config"] = "benchmarks/trials/gemma_seed5_warmup_lr5e5.yaml"
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "outcome_details.json").write_text(json.dumps(other))
    with_other = bench.load_continued_rows(tmp_path)
    lines = bench.continued_table(with_other).splitlines()
    assert len(lines) == 7  # header, rule, a, b, d, e, pooled over a, b and d only
    assert lines[5].startswith("| – | `e` (gemma-3-270m) | – | 0.0 | 40.0 | -40.0 |")
    assert lines[6].startswith(
        "| all | mean of 3 trials on the embedded model | – | 20.0 | 18.3 | **+1.7** |")
    sft_rows = bench.load_rows(tmp_path)
    assert "continued_sft" in bench.block(sft_rows, rows)
    assert "continued_sft" not in bench.block(sft_rows, [])


def test_a_trial_without_an_sft_arm_meets_the_sft_arm_of_the_trial_with_its_warmup(
        bench, tmp_path):
    trials = {  # name: (config, arms' simple_python and multiple accuracy, sft tokens)
        "seed4": ("sft_first_seed4", (0.4, 0.3), 270),
        "seed4_again": ("sft_first_seed4", (0.4, 0.3), 200),  # same recipe, fewer tokens
        "seed5": ("sft_first_seed5", (0.2, 0.2), 250),
        "wide4": ("sft_first_seed4_one_wide_round", None, None),
        "wide3": ("sft_first_seed3_one_wide_round", None, None),  # seed 3: no sft arm here
    }
    for name, (config, sft, tokens) in trials.items():
        trial = details(accuracies(0.5, 0.5, 0.0, 0.0), accuracies(*(sft or (0, 0)), 0.0, 0.0),
                        -0.1, 0.1)
        trial["config"] = f"benchmarks/trials/{config}.yaml"
        trial["arms"]["itool"]["tokens"] = 275
        if sft is None:
            del trial["arms"]["sft"]
        else:
            trial["arms"]["sft"]["tokens"] = tokens
        (tmp_path / name).mkdir()
        (tmp_path / name / "outcome_details.json").write_text(json.dumps(trial))
    rows = bench.load_twin_rows(tmp_path)
    assert [(r["trial"], r["twin"]) for r in rows] == [("wide4", "seed4")]
    # itool 25.0 overall against 17.5: +10 on simple_python, +20 on multiple
    assert (rows[0]["sft"], rows[0]["diff"], rows[0]["simple_gain"]) == pytest.approx(
        (17.5, 7.5, 10.0))
    line = bench.twin_table(rows).splitlines()[2]
    assert line.startswith("| – | `wide4` | `seed4` | 25.0 | 17.5 | +7.5 | +6.7 | +10.0 |")
    assert line.endswith("| 275 / 270 | no |")  # the complex gain is below simple_python's


def test_the_committed_table_is_the_one_the_committed_trials_give(bench):
    page = (ROOT / "docs/RESULTS.md").read_text()
    block = page.split(bench.MARK_BEGIN, 1)[1].split(bench.MARK_END, 1)[0].strip()
    assert block == bench.block(bench.load_rows(), bench.load_continued_rows(),
                                bench.load_twin_rows())
