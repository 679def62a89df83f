"""``itool run`` end to end on a tiny configuration: a tiny random Llama with the real
tokenizer saved as the starting model, a handful of generated samples, one round of
every stage; then ``--resume`` skips everything that finished."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itool.cli import main
from itool.config import dump_config
from itool.loop.config import RunConfig, resolve_run_config
from itool.loop.evaluate import dev_gain, kind_gains
from itool.loop.files import read_json, read_jsonl


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory, tiny_model, tokenizer):
    path = tmp_path_factory.mktemp("tiny-start")
    tiny_model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def tiny_config(tiny_dir) -> RunConfig:
    return resolve_run_config(overrides={
        "model": str(tiny_dir),
        "max_rounds": 1,
        "min_pairs": 1,
        "semantic": "lexical",
        "data": {"generate": 12, "dev_fraction": 0.25, "dev_limit": 2, "warmup_limit": 2},
        "warmup": {"lora": False, "max_steps": 1, "batch_size": 2, "save_steps": 0,
                   "logging_steps": 1},
        "select": {"pool": 4, "ratio": 1.0, "limit": 2, "max_new_tokens": 8},
        # A random model's answers are all poor: accept any value gap so pairs exist.
        "search": {"iterations": 2, "k": 2, "max_new_tokens": 10, "min_value_gap": 0.0,
                   "min_chosen_value": -1.0, "max_overlap": 1.0},
        "optimize": {"lora": False, "max_steps": 1, "batch_size": 2, "grad_accum": 1,
                     "save_steps": 0, "logging_steps": 1},
        "eval": {"max_new_tokens": 8, "bfcl_categories": ["simple_python", "irrelevance"],
                 "bfcl_limit_per_category": 1, "bfcl_max_new_tokens": 8},
    })


def test_run_end_to_end_then_resume_skips_finished_stages(tmp_path, tiny_dir, capsys):
    config_file = tmp_path / "tiny.yaml"
    dump_config(tiny_config(tiny_dir), config_file)
    run_dir = tmp_path / "run"

    assert main(["run", str(config_file), "--run-dir", str(run_dir)]) == 0
    manifest = read_json(run_dir / "manifest.json")
    stages = manifest["stages"]
    expected = ["data", "warmup", "warmup/eval", "round_1/select", "round_1/search",
                "round_1/optimize", "round_1/eval", "bfcl/final"]
    assert list(stages) == expected
    assert all(stages[s]["state"] == "done" for s in expected)
    assert manifest["status"] == "finished"
    assert manifest["stop_reason"].startswith(("max_rounds", "converged"))
    for name in ("config.yaml", "data/train.jsonl", "data/dev.jsonl", "warmup/model/config.json",
                 "round_1/selected.jsonl", "round_1/trees.jsonl.gz", "round_1/pairs.jsonl",
                 "round_1/pairs.trl.jsonl", "round_1/model/config.json", "round_1/eval.json",
                 "report/report.md", "report/report.html", "report/dev_reward.png",
                 "report/bfcl.json"):
        assert (run_dir / name).exists(), name

    trees = read_jsonl(run_dir / "round_1/trees.jsonl.gz")
    selected = read_jsonl(run_dir / "round_1/selected.jsonl")
    assert [t["sample_id"] for t in trees] == [s["id"] for s in selected]
    assert all(t["root"]["visits"] == t["backups"] for t in trees)
    pairs = read_jsonl(run_dir / "round_1/pairs.jsonl")
    trl = read_jsonl(run_dir / "round_1/pairs.trl.jsonl")
    assert len(pairs) == len(trl) == stages["round_1/search"]["summary"]["pairs"] >= 1
    assert all(isinstance(r["prompt"], str) and r["prompt"].endswith(p["prefix"])
               for r, p in zip(trl, pairs, strict=True))
    assert {p["round"] for p in pairs} == {1}
    # the final model is round 1's only if its dev gain counted (calls and text apart)
    min_gain = tiny_config(tiny_dir).min_gain
    gain = dev_gain(stages["warmup/eval"]["summary"], stages["round_1/eval"]["summary"], min_gain)
    kept = "round_1/model" if gain >= min_gain else "warmup/model"
    assert manifest["final_model"] == kept
    report = (run_dir / "report/report.md").read_text()
    assert "round_1" in report and "Time per stage" in report
    assert "data:image/png;base64," in (run_dir / "report/report.html").read_text()

    before = {s: stages[s]["outputs"] for s in expected}
    capsys.readouterr()
    assert main(["run", "--run-dir", str(run_dir), "--resume"]) == 0
    out = capsys.readouterr().out
    assert out.count("done before, skipped") == len(expected)
    # the round's line shows each kind's gain and the gain the gate counted
    before_q, after_q = stages["warmup/eval"]["summary"], stages["round_1/eval"]["summary"]
    kinds = "".join(f"{kind} {g:+.3f}, " for kind, g in kind_gains(before_q, after_q).items())
    assert f"(gain over warmup/model: {kinds}counted {gain:+.3f})" in out
    after = read_json(run_dir / "manifest.json")["stages"]
    assert {s: after[s]["outputs"] for s in expected} == before


def test_run_refuses_an_existing_run_without_resume(tmp_path, tiny_dir):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "manifest.json").write_text(json.dumps({"stages": {}}))
    assert main(["run", "--run-dir", str(run_dir), "--model", str(tiny_dir)]) == 1


def test_a_missing_training_file_is_a_user_error_that_names_it(tmp_path, capsys):
    missing = tmp_path / "nope.jsonl"
    assert main(["run", "--data.train", str(missing), "--run-dir", str(tmp_path / "r")]) == 1
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_bad_config_is_a_user_error(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("search:\n  itterations: 3\n")
    assert main(["run", str(bad), "--run-dir", str(tmp_path / "r")]) == 1
    assert "itterations" in capsys.readouterr().err


def run_until_then_kill(config: RunConfig, tmp_path: Path, saved: str) -> tuple[list[str], Path]:
    """Start ``itool run`` on ``config`` in a subprocess and SIGKILL it as soon as a file
    matching ``saved`` (a glob under the run directory) exists. Returns the command
    that resumes it (add ``--run-dir``) and the killed run's directory."""
    import os
    import signal
    import subprocess
    import sys
    import time

    config_file = tmp_path / "tiny.yaml"
    dump_config(config, config_file)
    command = [sys.executable, "-m", "itool", "run", str(config_file), "--resume"]
    killed = tmp_path / "killed"
    process = subprocess.Popen([*command, "--run-dir", str(killed)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not list(killed.glob(saved)):
        assert process.poll() is None, f"the run ended before it saved {saved}"
        assert time.monotonic() < deadline, f"the run never saved {saved}"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return command, killed


def test_kill_9_during_search_then_resume_gives_the_pairs_of_an_uninterrupted_run(
        tmp_path, tiny_dir):
    """The real thing: ``itool run`` in a subprocess, SIGKILLed once the search has
    saved its first group of trees, resumed; its pairs equal those of a run that was
    never interrupted."""
    import subprocess

    config = tiny_config(tiny_dir)
    config.select.limit = config.select.pool = 6
    config.search.tree_batch = 1  # one saved part per tree: a kill lands between parts
    config.eval.bfcl = False
    command, killed = run_until_then_kill(config, tmp_path, "round_1/search_parts/part-*")
    stages = read_json(killed / "manifest.json")["stages"]
    assert stages["round_1/search"]["state"] == "running"
    assert not (killed / "round_1/pairs.jsonl").exists()

    subprocess.run([*command, "--run-dir", str(killed)], check=True, capture_output=True)
    straight = tmp_path / "straight"
    subprocess.run([*command, "--run-dir", str(straight)], check=True, capture_output=True)
    resumed = read_jsonl(killed / "round_1/pairs.jsonl")
    assert resumed == read_jsonl(straight / "round_1/pairs.jsonl")
    assert read_json(killed / "manifest.json")["status"] == "finished"


def test_rounds_can_start_from_an_already_warmed_up_model(tmp_path, tiny_dir, monkeypatch):
    config = tiny_config(tiny_dir)
    monkeypatch.chdir(tiny_dir.parent)
    config.warmup_model = tiny_dir.name  # relative to the caller's working directory
    config.min_gain = 10.0  # no round can count: the run ends with the warmup model
    config.eval.bfcl = False
    config_file = tmp_path / "from-warm.yaml"
    dump_config(config, config_file)
    assert main(["run", str(config_file), "--run-dir", str(tmp_path / "run")]) == 0
    manifest = read_json(tmp_path / "run/manifest.json")
    assert "warmup" not in manifest["stages"]
    assert "warmup/eval" in manifest["stages"] and "round_1/search" in manifest["stages"]
    assert Path(manifest["final_model"]) == tiny_dir.resolve()  # found from anywhere
    assert main(["run", "--run-dir", str(tmp_path / "run2"),
                 "--warmup-model", str(tmp_path / "nowhere")]) == 1


def test_kill_9_during_warmup_then_resume_continues_from_the_checkpoint(tmp_path, tiny_dir):
    """``itool run`` SIGKILLed once its warmup has saved a checkpoint, resumed: the
    warmup continues from that checkpoint, not from step 0, and counts the tokens of
    the steps before the kill (the compute the sft arm is matched on)."""
    import subprocess

    config = tiny_config(tiny_dir)
    config.max_rounds = 0
    config.eval.bfcl = False
    config.warmup.max_steps = 8
    config.warmup.save_steps = 1
    command, killed = run_until_then_kill(
        config, tmp_path, "warmup/model/checkpoints/checkpoint-*/itool_tokens.json")
    assert read_json(killed / "manifest.json")["stages"]["warmup"]["state"] == "running"

    resumed = subprocess.run([*command, "--run-dir", str(killed)], check=True,
                             capture_output=True, text=True)
    assert "continuing the interrupted attempt" in resumed.stdout
    straight = tmp_path / "straight"
    subprocess.run([*command, "--run-dir", str(straight)], check=True, capture_output=True)
    after_kill = read_json(killed / "warmup/model/training_stats.json")
    uninterrupted = read_json(straight / "warmup/model/training_stats.json")
    assert after_kill["resumed_from"] and uninterrupted["resumed_from"] is None
    assert after_kill["optimizer_steps"] == uninterrupted["optimizer_steps"] == 8
    assert after_kill["tokens"] == uninterrupted["tokens"]
    assert not (killed / "warmup/model/checkpoints").exists()
