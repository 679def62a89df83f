"""The bookkeeping of benchmarks/outcome.py (the learning-outcome experiment): the
compute-matched budget of the sft arm, which model each arm ends with, and the
tables it writes. The arms' training itself is ``itool run``, tested elsewhere (the
continued_sft arm's in test_outcome_continued_sft.py)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import load_benchmark
from itool.loop.config import resolve_run_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def outcome():
    return load_benchmark("outcome")


def write_manifest(run_dir: Path, stages: dict, final_model: str | None = None) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    records = {name: {"state": "done", "seconds": seconds, "summary": summary}
               for name, (seconds, summary) in stages.items()}
    (run_dir / "manifest.json").write_text(json.dumps(
        {"stages": records, "final_model": final_model}))


def itool_run(path: Path, round_q: float, kinds: tuple[dict, dict] = ({}, {})) -> Path:
    write_manifest(path / "itool", {
        "data": (1, {"train": 100, "dev": 5}),
        "warmup": (300, {"tokens": 2000, "samples": 20}),
        "warmup/eval": (10, {"mean_q": 0.1, "kinds": kinds[0]}),
        "round_1/select": (20, {"selected": 8}),
        "round_1/search": (60, {"pairs": 10, "generated_tokens": 4000, "samples": 8}),
        "round_1/optimize": (40, {"tokens": 700}),
        "round_1/eval": (10, {"mean_q": round_q, "kinds": kinds[1]}),
        "round_2/search": (50, {"pairs": 5, "generated_tokens": 3000, "samples": 8}),
        "round_2/optimize": (30, {"tokens": 300}),
        "round_2/eval": (10, {"mean_q": round_q - 0.01}),
    }, final_model="round_1/model")
    (path / "itool/config.yaml").write_text((ROOT / "benchmarks/outcome.yaml").read_text())
    return path / "itool"


def test_sft_arm_gets_itools_optimiser_tokens_from_more_data_then_more_epochs(outcome, tmp_path):
    config = resolve_run_config(outcome.ROOT / "benchmarks/outcome.yaml")
    config = replace(config, data=replace(config.data, warmup_limit=25))
    itool_dir = itool_run(tmp_path, 0.2)
    # itool's warmup drew 25 samples (20 fit max_length): 2000 tokens, 80 per drawn
    # sample. 2000 + 700 + 300 tokens: 38 draws (some will be too long too), one pass.
    assert outcome.sft_budget(itool_dir, config) == (38, 1.0, 3000)
    assert outcome.arm_tokens("itool", tmp_path) == 3000
    assert outcome.arm_tokens("single_round", tmp_path) == 2000 + 700
    sft = outcome.arm_config("sft", config, tmp_path)
    assert (sft.max_rounds, sft.data.warmup_limit, sft.warmup.epochs) == (0, 38, 1.0)
    # A pool of 20 samples runs out (all 20 drawn): all of it, 1.5 passes.
    manifest = json.loads((itool_dir / "manifest.json").read_text())
    manifest["stages"]["data"]["summary"]["train"] = 20
    (itool_dir / "manifest.json").write_text(json.dumps(manifest))
    assert outcome.sft_budget(itool_dir, config) == (0, 1.5, 3000)


def test_single_round_keeps_round_1_only_if_its_dev_gain_counts(outcome, tmp_path):
    config = resolve_run_config(ROOT / "benchmarks/outcome.yaml")
    itool_run(tmp_path, 0.2)
    assert outcome.arm_model("single_round", tmp_path, config) == tmp_path / "itool/round_1/model"
    # a higher mean q from text replies while the calls got worse is no gain
    itool_run(tmp_path, 0.2, ({"call": -0.4, "text": -0.9}, {"call": -0.5, "text": 0.5}))
    assert outcome.arm_model("single_round", tmp_path, config) == tmp_path / "itool/warmup/model"
    assert outcome.arm_model("itool", tmp_path, config) == tmp_path / "itool/round_1/model"
    itool_run(tmp_path, 0.0)
    assert outcome.arm_model("single_round", tmp_path, config) == tmp_path / "itool/warmup/model"
    assert outcome.arm_model("warmup", tmp_path, config) == tmp_path / "itool/warmup/model"
    assert outcome.arm_wall("warmup", tmp_path) == 1 + 300
    # single_round costs itool's data, warmup and round 1; not round 2
    assert outcome.arm_wall("single_round", tmp_path) == 1 + 300 + 10 + 20 + 60 + 40 + 10
    with pytest.raises(SystemExit, match="has not finished"):
        outcome.arm_model("dpo", tmp_path, config)


def test_ablations_change_one_thing_each(outcome, tmp_path):
    config = resolve_run_config(outcome.ROOT / "benchmarks/outcome.yaml")
    warm = str(tmp_path / "itool/warmup/model")
    dpo = outcome.arm_config("dpo", config, tmp_path)
    assert (dpo.optimize.loss, dpo.warmup_model) == ("dpo", warm)
    assert dpo.search == config.search and dpo.select == config.select
    shuffled = outcome.arm_config("no_curriculum", config, tmp_path)
    assert shuffled.warmup.order == "shuffle" and config.warmup.order == "curriculum"
    assert outcome.arm_config("itool", config, tmp_path) is config
    assert outcome.arm_config("base", config, tmp_path) is None


def test_tables_report_every_arm_and_the_itool_minus_sft_gap(outcome):
    def arm(acc: float) -> dict:
        return {"accuracy": dict.fromkeys(outcome.SUBSET_CATEGORIES, acc), "overall": acc,
                "wall_s": 12.0, "eval_s": 3.0, "profile": None, "tokens": 0}

    results = {"config": "benchmarks/outcome.yaml", "full": {}, "rounds": {},
               "arms": {"base": arm(0.0), "sft": arm(0.25), "itool": arm(0.3)}}
    text = outcome.tables(results, "python benchmarks/outcome.py", 50)
    accuracy_table = text.split("### Grades")[0]
    rows = [line for line in accuracy_table.splitlines() if line.startswith("| ")]
    assert [r.split(" | ")[0] for r in rows[1:]] == ["| base", "| sft", "| itool"]
    assert "itool − sft: overall +5.0 points" in text
    assert "**30.0**" in text
    assert "interval" not in text  # no per-entry verdicts given, so no interval claimed
    results["itool_vs_sft"] = {"diff": 0.05, "low": -0.012, "high": 0.081}
    assert "[-1.2, +8.1] points" in outcome.tables(results, "python benchmarks/outcome.py", 50)
    # the stricter baseline gets its own line and interval
    results["arms"]["continued_sft"] = arm(0.32)
    results["itool_vs_continued_sft"] = {"diff": -0.02, "low": -0.05, "high": 0.011}
    text = outcome.tables(results, "python benchmarks/outcome.py", 50)
    assert "itool − continued_sft: overall -2.0 points" in text and "[-5.0, +1.1] points" in text


def test_the_committed_tables_are_the_ones_the_committed_results_give(outcome):
    """docs/RESULTS.md's outcome block is the runner's tables over the committed
    docs/results/outcome_details.json, so it can be checked without the run
    directories (which are not committed)."""
    details = json.loads((ROOT / "docs/results/outcome_details.json").read_text())
    page = (ROOT / "docs/RESULTS.md").read_text()
    block = page.split(outcome.MARK_BEGIN, 1)[1].split(outcome.MARK_END, 1)[0].strip()
    command = block.split("`")[1]
    assert command.startswith("python benchmarks/outcome.py")
    assert outcome.tables(details, command, 50) == block


def test_report_only_without_evaluated_arms_refuses_and_writes_nothing(outcome, tmp_path,
                                                                       monkeypatch):
    results = outcome.ROOT / "docs/results/outcome.json"
    before = results.read_bytes()
    monkeypatch.setattr("sys.argv", ["outcome.py", "--report-only", "--out-dir", str(tmp_path)])
    with pytest.raises(SystemExit, match="no evaluated arm"):
        outcome.main()
    assert results.read_bytes() == before


def test_round_rows_count_mcts_tokens_per_tree_pair_not_per_reference_pair(outcome, tmp_path):
    run = itool_run(tmp_path, 0.2)
    stages = json.loads((run / "manifest.json").read_text())
    stages["stages"]["round_1/search"]["summary"]["reference_pairs"] = 2
    (run / "manifest.json").write_text(json.dumps(stages))
    for name in ("warmup", "round_1", "round_2"):
        (run / name).mkdir()
    warmup, first, second = outcome.round_rows(run)
    assert warmup["pairs"] is None and warmup["reference_pairs"] is None
    assert (first["pairs"], first["reference_pairs"], first["tokens_per_pair"]) == (10, 2, 500.0)
    assert (second["reference_pairs"], second["tokens_per_pair"]) == (0, 600.0)
    assert first["seconds"] == {"select": 20, "search": 60, "optimize": 40, "eval": 10}


def test_an_arm_that_kept_another_arms_model_gets_that_evaluation_copied(outcome, tmp_path,
                                                                         monkeypatch):
    from itool.loop.rundir import RunDir
    from itool.model.bfcl_generate import SUBSET_SEED, predictions_path

    config = resolve_run_config(ROOT / "benchmarks/outcome.yaml")
    run = itool_run(tmp_path, 0.2)
    manifest = json.loads((run / "manifest.json").read_text())
    (run / "manifest.json").write_text(json.dumps(  # absolute, as a run started from it writes
        {**manifest, "final_model": str((run / "warmup/model").resolve())}))
    (run / "warmup/model").mkdir(parents=True)
    (run / "warmup/model/weights.bin").write_bytes(b"not a model: evaluating it would fail")
    monkeypatch.chdir(tmp_path)  # the runner's --out-dir is relative, runs/outcome
    out_dir, categories = Path("."), ["simple_python"]
    rd = RunDir(out_dir / "evaluation", config, resume=True)
    warm_out = rd / "subset/warmup.json"

    def fake_evaluation():
        warm_out.parent.mkdir(parents=True, exist_ok=True)
        warm_out.write_text('{"summary": {"overall": {"accuracy": 0.25}}}')
        predictions_path(warm_out).write_text("{}\n")
        return {"overall_accuracy": 0.25}

    rd.stage("subset/warmup", fake_evaluation,
             inputs=[outcome.arm_model("warmup", out_dir, config)],
             settings=[categories, 50, 160, config.semantic, SUBSET_SEED], outputs=[warm_out])
    outcome.evaluate(["itool"], out_dir, config, categories, 50, 160, "subset")
    copied = out_dir / "evaluation/subset/itool.json"
    assert copied.read_text() == warm_out.read_text()
    assert predictions_path(copied).read_text() == "{}\n"
    stage = outcome.manifest(out_dir / "evaluation")["stages"]["subset/itool"]
    assert stage["summary"] == {"overall_accuracy": 0.25, "same_model_as": "warmup"}


def test_multi_call_share_counts_parsed_parallel_answers_with_two_calls(outcome, tmp_path):
    subset = tmp_path / "evaluation/subset"
    subset.mkdir(parents=True)
    answers = {
        "parallel_1": "[f(a=1), f(a=2)]",
        "parallel_2": "[f(a=1)]",
        "parallel_multiple_3": "[f(a=1), g(b='x')]",
        "parallel_4": "[f(a=1), f(a=",  # cut off: not two calls
        "multiple_5": "[f(a=1), g(b=2)]",  # not a parallel category
        "simple_python_6": "[f(a=1), f(a=2)]",
    }
    (subset / "sft.predictions.jsonl").write_text(
        "".join(json.dumps({"id": i, "output": o}) + "\n" for i, o in answers.items()))
    assert outcome.multi_call_share(tmp_path, "subset", "sft") == 0.5
    assert outcome.multi_call_share(tmp_path, "subset", "itool") is None


def evaluated_base_arm(outcome, out_dir: Path) -> None:
    """An evaluation of the base arm under ``out_dir``: 50% on every category."""
    summary = {c: {"accuracy": 0.5, "total": 2} for c in outcome.SUBSET_CATEGORIES}
    summary["overall"] = {"accuracy": 0.5, "total": 14}
    (out_dir / "evaluation/subset").mkdir(parents=True)
    (out_dir / "evaluation/subset/base.json").write_text(json.dumps({"summary": summary}))


def test_a_run_outside_the_committed_experiment_reports_into_its_own_directory(
        outcome, tmp_path, monkeypatch):
    committed = {p: p.read_bytes() for p in (outcome.ROOT / "docs/RESULTS.md",
                                             outcome.ROOT / "docs/results/outcome.json")}
    evaluated_base_arm(outcome, tmp_path)
    monkeypatch.setattr("sys.argv", ["outcome.py", "--report-only", "--out-dir", str(tmp_path)])
    outcome.main()
    assert json.loads((tmp_path / "report/results/outcome.json").read_text())["base"]["overall"] == 0.5
    page = (tmp_path / "report/RESULTS.md").read_text()
    assert f"--out-dir {tmp_path}" in page and "| base |" in page
    assert all(path.read_bytes() == before for path, before in committed.items())


def test_model_replaces_the_configs_starting_model_for_every_arm_the_base_arm_too(
        outcome, tmp_path, monkeypatch):
    # how the same experiment runs on a larger model: --model, the config unchanged
    model = tmp_path / "larger-model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    evaluated_base_arm(outcome, tmp_path)
    monkeypatch.setattr("sys.argv", ["outcome.py", "--report-only", "--out-dir", str(tmp_path),
                                     "--model", str(model)])
    outcome.main()
    details = json.loads((tmp_path / "report/results/outcome_details.json").read_text())
    assert details["arms"]["base"]["model"] == str(model)
    assert f"--model {model}" in (tmp_path / "report/RESULTS.md").read_text()
    with pytest.raises(SystemExit, match="model directory not found"):
        monkeypatch.setattr("sys.argv", ["outcome.py", "--report-only", "--out-dir",
                                         str(tmp_path), "--model", str(tmp_path / "missing")])
        outcome.main()


def test_the_gpu_outcome_config_is_the_paper_preset_with_what_the_runner_needs():
    """benchmarks/outcome_gpu.yaml runs the experiment at the paper's scale: the paper's
    settings (LoRA, SimPO at 1e-6, perplexity selection), generated data with room
    past the warmup's draw for the sft and continued_sft arms, and BFCL left to the
    runner."""
    from itool.loop.config import preset_path

    paper = resolve_run_config(preset_path("paper"))
    gpu = resolve_run_config(ROOT / "benchmarks/outcome_gpu.yaml")
    assert paper.warmup.lora and paper.optimize.lora and paper.select.method == "perplexity"
    assert gpu.data.generate * (1 - gpu.data.dev_fraction) > 2 * gpu.data.warmup_limit
    assert gpu == replace(
        paper,
        data=replace(paper.data, generate=10000, dev_limit=200, warmup_limit=4000),
        warmup=replace(paper.warmup, epochs=1.0, gradient_checkpointing=True),
        select=replace(paper.select, pool=2000),
        optimize=replace(paper.optimize, gradient_checkpointing=True),
        eval=replace(paper.eval, bfcl=False, bfcl_baseline=False))


def test_the_reference_chosen_trial_changes_only_what_its_header_lists():
    """docs/RESULTS.md item 13 reads the committed warmup row as the trial's warmup
    model: that holds only while the trial shares the outcome config's data, warmup
    and selection, and changes the rounds alone."""
    from dataclasses import fields

    base = resolve_run_config(ROOT / "benchmarks/outcome.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/reference_chosen.yaml")
    assert (trial.model, trial.seed, trial.data, trial.warmup, trial.select, trial.eval) == (
        base.model, base.seed, base.data, base.warmup, base.select, base.eval)
    search = {f.name: getattr(trial.search, f.name) for f in fields(trial.search)
              if getattr(trial.search, f.name) != getattr(base.search, f.name)}
    assert search == {"min_chosen_value": 0.3, "reference_fallback": True, "max_pairs": 32,
                      "max_pairs_per_tree": 2, "pair_balance": "calls"}
    assert trial.optimize == replace(base.optimize, lr=5e-5)
    assert (trial.max_rounds, trial.min_gain) == (3, -1.0)


def test_the_five_round_trial_is_the_reference_chosen_trial_with_two_more_rounds():
    """Item 14 reads its first three rounds as item 13's: only max_rounds may differ."""
    three = resolve_run_config(ROOT / "benchmarks/trials/reference_chosen.yaml")
    five = resolve_run_config(ROOT / "benchmarks/trials/reference_chosen_5_rounds.yaml")
    assert five == replace(three, max_rounds=5)


def test_the_long_samples_trial_changes_only_the_length_caps():
    """Item 15 reads its difference to item 13 as the length caps' doing (and the
    warmup's batch split in two for memory: the same samples a step)."""
    three = resolve_run_config(ROOT / "benchmarks/trials/reference_chosen.yaml")
    long = resolve_run_config(ROOT / "benchmarks/trials/long_samples.yaml")
    assert long.warmup.batch_size * long.warmup.grad_accum == (
        three.warmup.batch_size * three.warmup.grad_accum)
    assert long == replace(
        three, warmup=replace(three.warmup, max_length=1536, batch_size=2, grad_accum=2),
        select=replace(three.select, max_new_tokens=160),
        search=replace(three.search, max_new_tokens=160),
        optimize=replace(three.optimize, max_length=2048),
        eval=replace(three.eval, max_new_tokens=160))


def test_the_reference_prefix_trial_changes_only_the_reference_pairs():
    """Item 17 starts from item 15's warmup and first selection (copied run directory):
    that holds only while the trial differs from item 15 in ``reference_prefix``."""
    long = resolve_run_config(ROOT / "benchmarks/trials/long_samples.yaml")
    prefix = resolve_run_config(ROOT / "benchmarks/trials/reference_prefix.yaml")
    assert prefix == replace(long, search=replace(long.search, reference_prefix=True))


def test_the_constant_rate_trials_change_only_the_warmup_schedule_and_order():
    """Item 20 reads its warmup rows against the committed warmup and no_curriculum
    rows: same data, samples, steps and rate, only the schedule (and the order) differ."""
    base = resolve_run_config(ROOT / "benchmarks/outcome.yaml")
    constant = resolve_run_config(ROOT / "benchmarks/trials/constant_lr.yaml")
    rehearsal = resolve_run_config(ROOT / "benchmarks/trials/constant_lr_rehearsal.yaml")
    assert constant == replace(
        base, warmup=replace(base.warmup, lr_scheduler="constant_with_warmup"))
    assert rehearsal == replace(constant, warmup=replace(constant.warmup, order="rehearsal"))


def test_the_rehearsal_reference_trial_is_item_20s_warmup_with_item_13s_rounds():
    """Item 21 reuses item 20's rehearsal warmup (copied run directory) and reads its
    rounds against item 13's: that holds only while the trial is item 13's config
    with item 20's warmup, nothing else."""
    rounds = resolve_run_config(ROOT / "benchmarks/trials/reference_chosen.yaml")
    warm = resolve_run_config(ROOT / "benchmarks/trials/constant_lr_rehearsal.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/rehearsal_reference.yaml")
    assert trial == replace(rounds, warmup=warm.warmup)


def test_the_nearest_miss_trial_changes_only_the_reference_pairs_rejected_side():
    """The nearest-miss trial (item 22) is read against item 21's rounds from the same
    warmup: only ``reference_rejected`` may differ."""
    base = resolve_run_config(ROOT / "benchmarks/trials/rehearsal_reference.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/nearest_miss.yaml")
    assert trial == replace(base, search=replace(base.search, reference_rejected="nearest"))


def test_the_nearest_fragment_trial_adds_only_the_shared_prefix_to_item_22():
    """The nearest-fragment trial (item 23) is read against item 22's rounds from the
    same warmup: only ``reference_prefix`` may differ."""
    nearest = resolve_run_config(ROOT / "benchmarks/trials/nearest_miss.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/nearest_fragment.yaml")
    assert trial == replace(nearest, search=replace(nearest.search, reference_prefix=True))


def test_the_greedy_fragment_trial_rejects_the_greedy_answer_instead_of_item_23s():
    """The greedy-fragment trial (item 24) is read against item 23's rounds from the
    same warmup: only ``reference_rejected`` may differ."""
    fragment = resolve_run_config(ROOT / "benchmarks/trials/nearest_fragment.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/greedy_fragment.yaml")
    assert trial == replace(fragment, search=replace(fragment.search, reference_rejected="greedy"))


def test_the_missing_calls_trial_only_changes_item_24s_selection():
    """The missing-calls trial (item 25) is read against item 24's rounds from the same
    warmup: only the selection's ``kinds`` and ``prefer`` may differ."""
    greedy = resolve_run_config(ROOT / "benchmarks/trials/greedy_fragment.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/missing_calls.yaml")
    assert trial == replace(greedy, select=replace(greedy.select, kinds="calls",
                                                   prefer="missing_calls"))


def test_the_call_cut_trial_only_cuts_item_25s_reference_pairs():
    """The call-cut trial (item 26) is read against item 25's rounds from the same
    warmup: only ``reference_cut`` and the round limit may differ."""
    missing = resolve_run_config(ROOT / "benchmarks/trials/missing_calls.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/call_cut.yaml")
    assert trial == replace(missing, max_rounds=2,
                            search=replace(missing.search, reference_cut="calls"))


def test_the_dpo_trial_is_item_25_with_dpo_for_two_rounds():
    """The DPO trial (item 27) is read against item 25's SimPO rounds from the same
    warmup: only the loss and the round limit may differ."""
    missing = resolve_run_config(ROOT / "benchmarks/trials/missing_calls.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_dpo.yaml")
    assert trial == replace(missing, max_rounds=2,
                            optimize=replace(missing.optimize, loss="dpo"))


@pytest.mark.parametrize("trial, rows", [
    ("nearest_miss", {"itool": "| **itool, rejects the nearest miss** |",
                      "sft": "| sft, matched to this trial (385 drawn"}),
    ("nearest_fragment", {"itool": "| **itool, nearest fragment** |",
                          "sft": "| sft, matched to item 23 ("}),
    ("greedy_fragment", {"itool": "| **itool, greedy fragment** |",
                         "sft": "| sft, matched to item 24 ("}),
    ("missing_calls", {"itool": "| **itool, missing calls** |",
                       "sft": "| sft, matched to item 25 ("}),
    ("call_cut", {"itool": "| **itool, call cut** |",
                  "sft": "| sft, matched to item 26 ("}),
    ("missing_calls_dpo", {"itool": "| **itool, missing calls with DPO** |",
                           "sft": "| sft, matched to item 27 ("}),
    ("missing_calls_seed1", {"itool": "| **itool, seed 1** |",
                             "sft": "| sft, matched (seed 1) |"}),
    ("greedy_fragment_seed1", {"itool": "| **itool, item 24's method, seed 1** |",
                               "sft": "| sft, matched (item 29) |"}),
    ("missing_calls_seed2", {"itool": "| **itool, seed 2** |",
                             "sft": "| sft, matched (item 31) |"}),
    ("missing_calls_seed3", {"itool": "| **itool, seed 3** |",
                             "sft": "| sft, matched (item 34) |",
                             "warmup": "| its warmup (seed 3) |"}),
    ("missing_calls_seed4", {"itool": "| **itool, seed 4** |",
                             "sft": "| sft, matched (item 35) |",
                             "warmup": "| its warmup (seed 4) |"}),
    ("missing_calls_dpo_gated", {"itool": "| `missing_calls_dpo`, gated: round 1 |"}),
    ("missing_calls_seed1_gated", {"itool": "| `missing_calls_seed1`, gated: the warmup |"}),
    ("greedy_fragment_seed1_gated", {"itool": "| `greedy_fragment_seed1`, gated: round 1 |"}),
    ("parallel_shapes_gated", {"itool": "| `parallel_shapes`, gated: the warmup |"}),
    ("missing_calls_seed2_gated", {"itool": "| `missing_calls_seed2`, gated: round 1 |"}),
    ("missing_calls_seed3_gated", {"itool": "| `missing_calls_seed3`, gated: round 1 |"}),
    ("missing_calls_seed4_gated", {"itool": "| `missing_calls_seed4`, gated: the warmup |"}),
    ("missing_calls_seed4_more_pairs", {"itool": "| **itool, 64 pairs a round at lr 1e-5** |",
                                        "sft": "| sft, matched (item 38) |",
                                        "warmup": "| its warmup (item 35's) |"}),
    ("missing_calls_seed4_more_pairs_gated",
     {"itool": "| `missing_calls_seed4_more_pairs`, gated: the warmup |"}),
    ("shape_balance_seed5", {"itool": "| **itool, item 39's settings on seed 5** |",
                             "sft": "| sft, matched (item 40) |",
                             "warmup": "| its warmup (seed 5) |"}),
    ("shape_balance_seed5_gated", {"itool": "| `shape_balance_seed5`, gated: the warmup |"}),
    ("sft_first_seed5", {"itool": "| **itool, SFT first** |",
                         "sft": "| sft, matched (item 41) |",
                         "warmup": "| its warmup (item 40's sft) |"}),
    ("sft_first_seed5_gated", {"itool": "| `sft_first_seed5`, gated: the warmup |"}),
    ("sft_first_seed3", {"itool": "| **itool, SFT first, seed 3** |",
                         "sft": "| sft, matched (item 42) |",
                         "warmup": "| its warmup (item 34's sft) |"}),
    ("sft_first_seed3_gated", {"itool": "| `sft_first_seed3`, gated: the warmup |"}),
    ("sft_first_seed4", {"itool": "| **itool, SFT first, seed 4** |",
                         "sft": "| sft, matched (item 43) |",
                         "warmup": "| its warmup (item 38's sft) |",
                         "continued_sft": "| continued SFT (`continued_sft`) |"}),
    ("sft_first_seed4_gated", {"itool": "| `sft_first_seed4`, gated: round 1 |"}),
    ("sft_first_seed4_lowest_q", {"itool": "| **itool, lowest q first** |",
                                  "continued_sft": "| continued SFT, retrained (item 44) |"}),
    ("sft_first_seed4_finished_rejected",
     {"itool": "| **itool, no cut-off rejected sides** |"}),
    ("sft_first_seed4_chosen_nll", {"itool": "| **itool, chosen-side NLL alone** |"}),
    ("sft_first_seed4_chosen_nll_prefix",
     {"itool": "| **itool, NLL on whole chosen responses** |"}),
    ("sft_first_seed4_chosen_nll_prefix_gated",
     {"itool": "| `sft_first_seed4_chosen_nll_prefix`, gated: round 1 |"}),
    ("sft_first_seed4_simpo_prefix", {"itool": "| **itool, SimPO on whole responses** |"}),
    ("sft_first_seed4_one_wide_round", {"itool": "| **itool, one round of 64 samples** |"}),
    ("sft_first_seed4_one_wide_round_lr3e5",
     {"itool": "| **itool, one round of 64 samples at 3e-5** |",
      "continued_sft": "| continued SFT at 3e-5 |"}),
    ("sft_first_seed4_one_wide_round_lr5e5",
     {"itool": "| **itool, one round of 64 samples at 5e-5** |",
      "continued_sft": "| continued SFT at 5e-5 |"}),
    ("sft_first_seed3_one_wide_round_lr5e5",
     {"itool": "| **itool, one round of 64 samples at 5e-5, seed 3** |",
      "continued_sft": "| continued SFT at 5e-5, seed 3 |"}),
    ("sft_first_seed3_one_wide_round_lr3e5",
     {"itool": "| **itool, one round of 64 samples at 3e-5, seed 3** |"}),
    ("sft_first_seed3_one_wide_round",
     {"itool": "| **itool, one round of 64 samples at 1e-5, seed 3** |"}),
    ("sft_first_seed5_one_wide_round_lr5e5",
     {"itool": "| **itool, one round of 64 samples at 5e-5, seed 5** |",
      "continued_sft": "| continued SFT at 5e-5, seed 5 |",
      "warmup": "| its warmup (item 41's, retrained) |"}),
    ("sft_first_seed5_one_wide_round",
     {"itool": "| **itool, one round of 64 samples at 1e-5, seed 5** |",
      "continued_sft": "| continued SFT at 1e-5, seed 5 |"}),
    ("gemma_seed5_warmup_lr5e5",
     {"itool": "| **itool, one round at 1e-5, Gemma 3 270M** |",
      "continued_sft": "| continued SFT at 1e-5, Gemma 3 270M |",
      "warmup": "| its warmup (Gemma 3 270M, lr 5e-5) |"}),
    ("sft_first_seed3_complex_round",
     {"itool": "| **itool, complex round at 1e-5, seed 3** |",
      "continued_sft": "| continued SFT at 1e-5 (its own), seed 3 |"}),
    ("sft_first_seed5_complex_round", {"itool": "| **itool, complex round at 1e-5, seed 5** |"}),
    ("sft_first_seed4_complex_round", {"itool": "| **itool, complex round at 1e-5, seed 4** |"}),
    ("sft_first_seed5_complex_round_all_shapes",
     {"itool": "| **itool, complex round, no shape balance, seed 5** |"}),
    ("sft_first_seed6_one_wide_round",
     {"itool": "| **itool, one round at 1e-5, seed 6** |",
      "sft": "| sft (matched to this round) |", "continued_sft": "| continued SFT at 1e-5 |",
      "warmup": "| its warmup, seed 6 |"}),
    ("sft_first_seed7_one_wide_round",
     {"itool": "| **itool, one round at 1e-5, seed 7** |",
      "sft": "| sft (matched to this round), seed 7 |"}),
    ("parallel_shapes", {"itool": "| **itool, reshaped parallel data** |",
                         "sft": "| sft, matched (item 30) |",
                         "warmup": "| its warmup (84,832 tokens) |"}),
])
def test_a_trials_table_matches_its_committed_results(outcome, trial, rows):
    """docs/RESULTS.md items 22 to 65 quote their arms from the runner's JSON, committed
    under docs/results/trials/<trial>/: the percentages in their tables must be those."""
    results = json.loads((ROOT / f"docs/results/trials/{trial}/outcome.json").read_text())
    page = (ROOT / "docs/RESULTS.md").read_text()
    for arm, start in rows.items():
        line = next(line for line in page.splitlines() if line.strip().startswith(start))
        cells = [cell.strip(" *") for cell in line.strip().strip("|").split("|")][1:9]
        expected = [results[arm][c] for c in [*outcome.SUBSET_CATEGORIES, "overall"]]
        assert [float(cell) for cell in cells] == [round(100 * v, 1) for v in expected], arm


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_seed_trials_are_item_25_on_another_seed_for_two_rounds(seed):
    """The seed replicates (items 28, 31, 34 and 35) repeat item 25's method on new data, warmup
    and search: only the seed and the round limit may differ."""
    missing = resolve_run_config(ROOT / "benchmarks/trials/missing_calls.yaml")
    trial = resolve_run_config(ROOT / f"benchmarks/trials/missing_calls_seed{seed}.yaml")
    assert trial == replace(missing, seed=seed, max_rounds=2)


def test_the_low_rate_trial_is_item_35_with_its_rounds_at_a_fifth_of_the_rate():
    """Item 37 resumes item 35's run directory, so its rounds' learning rate may be all
    that differs."""
    seed4 = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_lr1e5.yaml")
    assert seed4.optimize.lr == pytest.approx(5e-5)
    assert trial == replace(seed4, optimize=replace(seed4.optimize, lr=1e-5))


def test_the_more_pairs_trial_is_item_37_with_twice_the_trees_and_pairs():
    """Item 38 reuses item 35's data and warmup, and adds to item 37's rate only a
    round twice as large: selection pool and limit and the pair cap, nothing else."""
    low_rate = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_lr1e5.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_more_pairs.yaml")
    assert (low_rate.select.pool, low_rate.select.limit, low_rate.search.max_pairs) == (96, 32, 32)
    assert trial == replace(low_rate, select=replace(low_rate.select, pool=192, limit=64),
                            search=replace(low_rate.search, max_pairs=64))


def test_the_shape_balance_trial_is_item_38_with_its_pairs_shapes_kept_level():
    """Item 39 resumes item 38's run directory from its round-1 selection: the pairs'
    shape balance may be all that differs."""
    more = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_more_pairs.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_shape_balance.yaml")
    assert not more.search.shape_balance
    assert trial == replace(more, search=replace(more.search, shape_balance=True))


def test_the_fifth_seed_trial_is_item_39_on_new_data():
    """Item 40 repeats item 39's settings from a new seed's data, warmup and trees: the
    seed may be all that differs."""
    shape = resolve_run_config(ROOT / "benchmarks/trials/missing_calls_seed4_shape_balance.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/shape_balance_seed5.yaml")
    assert shape.seed == 4
    assert trial == replace(shape, seed=5)


def _sft_arm_draw(trial: str) -> int:
    """How many samples the runner's sft budget drew for a trial's sft arm: itool's
    optimiser tokens over the warmup's tokens per drawn sample, from its committed JSON."""
    config = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    arms = json.loads((ROOT / f"docs/results/trials/{trial}/outcome_details.json")
                      .read_text())["arms"]
    per_drawn = arms["warmup"]["tokens"] / config.data.warmup_limit
    return math.ceil(arms["itool"]["tokens"] / per_drawn)


def test_the_sft_first_trial_warms_up_on_what_item_40_s_sft_arm_drew():
    """Item 41 gives the warmup item 40's sft budget and keeps two smaller rounds: its
    warmup limit must be the draw the runner's sft budget gave item 40, so that its
    warmup is that sft model."""
    shape = resolve_run_config(ROOT / "benchmarks/trials/shape_balance_seed5.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed5.yaml")
    assert trial.data.warmup_limit == _sft_arm_draw("shape_balance_seed5")
    assert trial == replace(shape, data=replace(shape.data, warmup_limit=trial.data.warmup_limit),
                            select=replace(shape.select, limit=32),
                            search=replace(shape.search, max_pairs=32))


@pytest.mark.parametrize(("seed", "earlier"), [(3, "missing_calls_seed3"),
                                              (4, "missing_calls_seed4_more_pairs")])
def test_the_other_sft_first_trials_are_item_41_on_an_earlier_trial_s_seed_and_sft_draw(
        seed, earlier):
    """Items 42 and 43 repeat item 41 on seeds 3 and 4: the warmup limit must be the
    draw the runner's sft budget gave the sft arm of item 34 or 38, so that the warmup
    is that arm's model, and the seed may be all else that differs."""
    first = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed5.yaml")
    trial = resolve_run_config(ROOT / f"benchmarks/trials/sft_first_seed{seed}.yaml")
    assert trial.data.warmup_limit == _sft_arm_draw(earlier)
    assert trial == replace(first, seed=seed,
                            data=replace(first.data, warmup_limit=trial.data.warmup_limit))


def test_the_lowest_q_trial_is_item_43_with_the_selection_s_call_preference_off():
    """Item 44 retrains item 43's warmup (same data and settings) and changes only
    which samples the rounds select: lowest q first instead of too few calls first."""
    seed4 = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_lowest_q.yaml")
    assert seed4.select.prefer == "missing_calls"
    assert trial == replace(seed4, select=replace(seed4.select, prefer="none"))


def test_the_finished_rejected_trial_is_item_44_without_the_cut_off_rejected_sides():
    """Item 45 reuses item 44's data and warmup: only the pair filter may differ."""
    lowest = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_lowest_q.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_finished_rejected.yaml")
    assert not lowest.search.finished_rejected
    assert trial == replace(lowest, search=replace(lowest.search, finished_rejected=True))


@pytest.mark.parametrize("trial, base, changes", [
    # item 46: the rounds' loss without its preference term
    ("sft_first_seed4_chosen_nll", "sft_first_seed4_lowest_q", {"loss": "nll"}),
    # item 47: item 46 on whole responses
    ("sft_first_seed4_chosen_nll_prefix", "sft_first_seed4_chosen_nll", {"train_prefix": True}),
    # item 48: item 44's SimPO on whole responses
    ("sft_first_seed4_simpo_prefix", "sft_first_seed4_lowest_q", {"train_prefix": True}),
])
def test_an_optimiser_trial_changes_only_its_base_s_preference_training(trial, base, changes):
    """Items 46 to 48 reuse item 44's data, warmup and round-1 search: only the rounds'
    preference-training options may differ from the trial they build on."""
    before = resolve_run_config(ROOT / f"benchmarks/trials/{base}.yaml")
    after = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    assert all(getattr(before.optimize, key) != value for key, value in changes.items())
    assert after == replace(before, optimize=replace(before.optimize, **changes))


def test_the_wide_round_trial_is_item_48_in_one_round_of_more_samples_searched_less():
    """Item 49 reuses item 44's data and warmup: only the round limit, the selection's
    size and the search's iterations and pair limits may differ from item 48."""
    simpo = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_simpo_prefix.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_one_wide_round.yaml")
    search = replace(simpo.search, iterations=3, max_pairs=64, max_pairs_per_tree=1)
    assert trial == replace(simpo, max_rounds=1, select=replace(simpo.select, limit=64),
                            search=search)


@pytest.mark.parametrize(("base", "base_lr", "trial", "lr"), [
    ("sft_first_seed4_one_wide_round", 1e-5, "sft_first_seed4_one_wide_round_lr3e5", 3e-5),
    ("sft_first_seed4_one_wide_round", 1e-5, "sft_first_seed4_one_wide_round_lr5e5", 5e-5),
    ("sft_first_seed3_one_wide_round_lr5e5", 5e-5, "sft_first_seed3_one_wide_round_lr3e5",
     3e-5),
    ("sft_first_seed5_one_wide_round_lr5e5", 5e-5, "sft_first_seed5_one_wide_round", 1e-5),
])
def test_a_wide_round_rate_trial_changes_only_the_rounds_learning_rate(base, base_lr, trial,
                                                                       lr):
    """Items 51, 52, 54 and 57 reuse their base trial's selection and search (items 49,
    53 and 56): only the rounds' learning rate (which continued_sft takes too) may
    differ."""
    base_config = resolve_run_config(ROOT / f"benchmarks/trials/{base}.yaml")
    config = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    assert base_config.optimize.lr == base_lr
    assert config == replace(base_config, optimize=replace(base_config.optimize, lr=lr))


@pytest.mark.parametrize(("trial", "seed_trial", "seed", "warmup_limit"), [
    ("sft_first_seed3_one_wide_round_lr5e5", "sft_first_seed3", 3, 423),  # item 53 (item 42's)
    ("sft_first_seed5_one_wide_round_lr5e5", "sft_first_seed5", 5, 523),  # item 56 (item 41's)
])
def test_a_wide_round_seed_trial_is_item_52_on_another_seed_s_data_and_warmup(
        trial, seed_trial, seed, warmup_limit):
    """Items 53 and 56 repeat item 52's round on another seed: their data and warmup
    settings must be that seed's earlier trial's, and the seed and the warmup's draw
    all that differs from item 52."""
    recipe = resolve_run_config(
        ROOT / "benchmarks/trials/sft_first_seed4_one_wide_round_lr5e5.yaml")
    earlier = resolve_run_config(ROOT / f"benchmarks/trials/{seed_trial}.yaml")
    config = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    assert (config.seed, config.data, config.warmup) == (earlier.seed, earlier.data,
                                                         earlier.warmup)
    assert config == replace(recipe, seed=seed,
                             data=replace(recipe.data, warmup_limit=warmup_limit))


@pytest.mark.parametrize(("trial", "seed", "warmup_limit"), [
    ("sft_first_seed3_one_wide_round", 3, 423),  # item 55
    ("sft_first_seed5_one_wide_round", 5, 523),  # item 57
    ("sft_first_seed6_one_wide_round", 6, 500),  # item 64, with its own sft arm
    ("sft_first_seed7_one_wide_round", 7, 500),  # item 65, the same on seed 7
])
def test_a_wide_round_seed_trial_at_the_rounds_rate_is_item_49_on_that_seed(trial, seed,
                                                                            warmup_limit):
    """Items 55 and 57 reuse items 53's and 56's selection and search at 1e-5, which
    makes them item 49 on seeds 3 and 5, and items 64 and 65 run item 49 afresh on
    seeds 6 and 7: the seed and the warmup's draw may be all that differs."""
    wide = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed4_one_wide_round.yaml")
    config = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    assert config == replace(wide, seed=seed, data=replace(wide.data, warmup_limit=warmup_limit))


@pytest.mark.parametrize(("trial", "base"), [
    ("sft_first_seed3_complex_round", "sft_first_seed3_one_wide_round"),  # item 60 (55's)
    ("sft_first_seed5_complex_round", "sft_first_seed5_one_wide_round"),  # item 61 (57's)
    ("sft_first_seed4_complex_round", "sft_first_seed4_one_wide_round"),  # item 62 (49's)
])
def test_a_complex_round_trial_is_its_seed_s_wide_round_on_the_complex_samples(trial, base):
    """Items 60 to 62 reuse their seed's data and warmup: only the categories the round
    selects from may differ from the wide round at 1e-5 on that seed."""
    wide = resolve_run_config(ROOT / f"benchmarks/trials/{base}.yaml")
    config = resolve_run_config(ROOT / f"benchmarks/trials/{trial}.yaml")
    assert wide.select.categories == [] and wide.optimize.lr == pytest.approx(1e-5)
    categories = ["multiple", "parallel", "parallel_multiple"]
    assert config == replace(wide, select=replace(wide.select, categories=categories))


def test_the_all_shapes_trial_is_item_61_without_the_shape_balance():
    """Item 63 reuses item 61's selection: only the search's shape balance may differ."""
    complex_round = resolve_run_config(
        ROOT / "benchmarks/trials/sft_first_seed5_complex_round.yaml")
    trial = resolve_run_config(
        ROOT / "benchmarks/trials/sft_first_seed5_complex_round_all_shapes.yaml")
    assert complex_round.search.shape_balance
    assert trial == replace(complex_round,
                            search=replace(complex_round.search, shape_balance=False))


def test_the_gemma_trial_is_item_57_on_the_larger_model():
    """Item 58 asks what a model twice the size changes: nothing but the model may
    differ from item 57 (same data, seed, warmup recipe, round and rate), and how the
    round's 4 pairs a step are split into forward passes, which only saves memory."""
    smol = resolve_run_config(ROOT / "benchmarks/trials/sft_first_seed5_one_wide_round.yaml")
    gemma = resolve_run_config(ROOT / "benchmarks/trials/gemma_seed5_one_wide_round.yaml")
    assert (smol.optimize.batch_size, smol.optimize.grad_accum) == (2, 2)
    assert gemma == replace(smol, model="gemma-3-270m",
                            optimize=replace(smol.optimize, batch_size=1, grad_accum=4))


def test_the_gemma_warmup_rate_trial_is_item_58_at_half_the_warmup_rate():
    """Item 59 retrains item 58's warmup at Gemma's own fine-tuning rate: the warmup's
    learning rate is all that may differ."""
    gemma = resolve_run_config(ROOT / "benchmarks/trials/gemma_seed5_one_wide_round.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/gemma_seed5_warmup_lr5e5.yaml")
    assert gemma.warmup.lr == pytest.approx(1e-4)
    assert trial == replace(gemma, warmup=replace(gemma.warmup, lr=5e-5))


def test_the_greedy_fragment_seed_trial_is_item_24_on_item_28_s_seed_and_rounds():
    """Item 29 repeats item 24's method on seed 1 with two rounds, as item 28 does item
    25's: only the seed and the round limit may differ from item 24."""
    greedy = resolve_run_config(ROOT / "benchmarks/trials/greedy_fragment.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/greedy_fragment_seed1.yaml")
    assert trial == replace(greedy, seed=1, max_rounds=2)


def test_the_shapes_trial_is_item_24_on_reshaped_data_for_two_rounds():
    """Item 30 changes item 24's data, not its method: only the parallel shapes and the
    round limit may differ."""
    greedy = resolve_run_config(ROOT / "benchmarks/trials/greedy_fragment.yaml")
    trial = resolve_run_config(ROOT / "benchmarks/trials/parallel_shapes.yaml")
    data = replace(greedy.data, parallel_varied=0.8, repeat_function=0.5)
    assert trial == replace(greedy, data=data, max_rounds=2)


@pytest.mark.parametrize("gated", sorted(p.name for p in (ROOT / "benchmarks/trials").glob(
    "*_gated.yaml")))
def test_a_gated_trial_is_its_trial_with_the_outcome_config_s_dev_gate(gated):
    """Item 32's reruns (``<trial>_gated.yaml``) reuse every stage of their trial, so the
    dev gate may be all that differs, and it must be the one ``itool run`` ships with."""
    trial = resolve_run_config(ROOT / "benchmarks/trials" / gated.replace("_gated", ""))
    rerun = resolve_run_config(ROOT / "benchmarks/trials" / gated)
    shipped = resolve_run_config(ROOT / "benchmarks/outcome.yaml").min_gain
    assert trial.min_gain < 0 <= shipped
    assert rerun == replace(trial, min_gain=shipped)
