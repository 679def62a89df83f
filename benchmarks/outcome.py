"""The learning outcome: does itool beat plain SFT on BFCL, and what does it cost?

    .venv/bin/python benchmarks/outcome.py [--arms base,itool,sft,...] [--out-dir runs/outcome]
        [--config benchmarks/outcome.yaml] [--model M] [--limit-per-category 50] [--full]
        [--report-only]

Every arm trains from the same generated data (the config's seed) and the same
starting model (the config's, or ``--model``), in its own resumable run directory
under ``--out-dir`` (run it again after an interruption and it continues where it
stopped):

* ``base``: the untouched starting model;
* ``itool``: warmup SFT in curriculum order, then rounds of select -> MCTS -> SimPO
  until converged or ``max_rounds`` (the config as it is);
* ``warmup``: itool's warmup model, before any round (what the rounds add is the
  difference to ``itool``);
* ``single_round``: itool stopped after its first round: its round-1 model if that
  round's dev gain counted, else its warmup model (what ``--max-rounds 1`` keeps);
* ``dpo``: itool with DPO instead of SimPO (rounds start from itool's warmup model);
* ``sampling``: itool with random sampling instead of MCTS: one expansion of the root
  with as many samples as spend itool's first-round MCTS tokens (same pair rule);
* ``no_curriculum``: itool with the warmup data shuffled instead of easy-to-hard;
* ``sft``: warmup SFT only, on as many optimiser tokens as itool spent in total
  (warmup plus every round), so the comparison is fair on compute;
* ``continued_sft``: itool's warmup model trained further by SFT, at the rounds'
  learning rate, on the samples the sft arm draws past the warmup's: SFT in the
  rounds' place, on about the rounds' tokens (the stricter baseline once the
  warmup takes most of the budget, see :func:`continue_warmup`).

Each arm's model is evaluated on a fixed, seeded, stratified BFCL subset
(``--limit-per-category`` entries of each of :data:`SUBSET_CATEGORIES`); ``--full``
adds the whole non-live set for base, sft and itool. BFCL is only ever evaluated on.

Writes ``docs/results/outcome.json`` (``{arm: {category: accuracy, "overall": macro
mean, "wall_s": seconds to produce the model}}``), ``docs/results/outcome_details.json``
(everything behind the tables), two plots, and the tables into ``docs/RESULTS.md``
between the ``outcome`` markers. ``--report-only`` rebuilds those from the run
directories without training or evaluating anything.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

SUBSET_CATEGORIES = ["simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance",
                     "live_simple", "live_multiple"]
FULL_CATEGORIES = ["simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance"]
ARMS = ["base", "warmup", "itool", "single_round", "dpo", "sampling", "no_curriculum", "sft",
        "continued_sft"]
FULL_ARMS = ["base", "sft", "itool"]
NEEDS_ITOOL = {"warmup", "single_round", "dpo", "sampling", "sft", "continued_sft"}
BASELINES = ["sft", "continued_sft"]  # what itool is compared with, entry by entry
COMPLEX = ["multiple", "parallel", "parallel_multiple"]
MARK_BEGIN, MARK_END = "<!-- outcome:begin -->", "<!-- outcome:end -->"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = "runs/outcome"
DEFAULT_CONFIG = ROOT / "benchmarks/outcome.yaml"


# ---------------------------------------------------------------- arms

def manifest(run_dir: Path) -> dict[str, Any]:
    from itool.loop.files import read_json

    path = run_dir / "manifest.json"
    return read_json(path) if path.is_file() else {}


def stage_summary(run_dir: Path, name: str) -> dict[str, Any]:
    return manifest(run_dir).get("stages", {}).get(name, {}).get("summary", {})


def sft_budget(itool_dir: Path, config) -> tuple[int, float, int]:
    """``(warmup_limit, epochs, target tokens)`` that give the sft arm as many optimiser
    tokens as itool spent: more of the same training pool, and more than one pass
    only when the pool runs out. Counted per sample *drawn*, not per sample trained
    on: the samples longer than ``max_length`` are dropped after the draw (62 of 240
    in itool's warmup), and the first sft run, counted per trained sample, got 76% of
    its budget."""
    warm = stage_summary(itool_dir, "warmup")
    train_size = stage_summary(itool_dir, "data")["train"]
    drawn = min(config.data.warmup_limit or train_size, train_size)
    target = arm_tokens("itool", itool_dir.parent)
    per_sample = warm["tokens"] / (drawn * config.warmup.epochs)
    needed = math.ceil(target / per_sample)
    if needed <= train_size:
        return needed, 1.0, target
    return 0, round(needed / train_size, 3), target


def sampling_width(itool_dir: Path) -> tuple[int, dict[str, Any]]:
    """How many root samples per tree spend as many generated tokens as itool's first
    MCTS round did: its generated tokens per tree over the mean length (tokens) of
    the model's greedy answers to the same samples."""
    from itool.loop.files import read_jsonl
    from itool.model.load import load_tokenizer

    search = stage_summary(itool_dir, "round_1/search")
    examined = {r["id"]: r for r in read_jsonl(itool_dir / "round_1/examined.jsonl")}
    selected = [r["id"] for r in read_jsonl(itool_dir / "round_1/selected.jsonl")]
    tokenizer = load_tokenizer(str(itool_dir / "warmup/model"))
    lengths = [len(tokenizer.encode(examined[i]["response"], add_special_tokens=False)) + 1
               for i in selected]
    per_tree = search["generated_tokens"] / search["samples"]
    mean_length = sum(lengths) / len(lengths)
    width = max(2, round(per_tree / mean_length))
    return width, {"mcts_tokens_per_tree": per_tree, "greedy_tokens_per_answer": mean_length,
                   "samples_per_tree": width}


def arm_config(arm: str, base, out_dir: Path):
    """The run config of a training arm (``None`` for arms that train nothing)."""
    itool_dir = out_dir / "itool"
    warm = str(itool_dir / "warmup" / "model")
    if arm == "itool":
        return base
    if arm == "no_curriculum":
        return replace(base, warmup=replace(base.warmup, order="shuffle"))
    if arm == "dpo":
        return replace(base, warmup_model=warm, optimize=replace(base.optimize, loss="dpo"))
    if arm == "sampling":
        width, _ = sampling_width(itool_dir)
        return replace(base, warmup_model=warm,
                       search=replace(base.search, iterations=1, k=width))
    if arm == "sft":
        limit, epochs, _ = sft_budget(itool_dir, base)
        return replace(base, max_rounds=0, data=replace(base.data, warmup_limit=limit),
                       warmup=replace(base.warmup, epochs=epochs))
    return None


def continue_warmup(base, out_dir: Path) -> None:
    """Train the continued_sft arm in ``out_dir/continued_sft`` (resumable): itool's
    warmup model, SFT with the warmup's settings but the rounds' peak learning rate
    (``optimize.lr``), on the samples the sft arm draws past the warmup's, so about
    as many tokens as the rounds spent. The sft arm retrains the starting model from
    scratch at the warmup's rate; when the warmup already took most of the budget
    (items 41 and 42 of docs/RESULTS.md) that arm fell below the very warmup it
    repeats, and continuing at the warmup's rate fell further (item 42). This arm
    asks only what the rounds' tokens would add as plain SFT."""
    from itool.errors import UserError
    from itool.loop import stages
    from itool.loop.rundir import RunDir
    from itool.train.options import CHECKPOINT_DIR

    itool_dir = out_dir / "itool"
    draw, epochs, _ = sft_budget(itool_dir, base)
    if epochs != 1.0:
        raise UserError(f"the sft arm's budget takes {epochs} passes over the whole training "
                        "pool, so no samples are left past the warmup's for continued_sft: "
                        "generate more data (data.generate)")
    warm, train = itool_dir / "warmup/model", itool_dir / "data/train.jsonl"
    config = replace(base, max_rounds=0, warmup_model=str(warm),
                     warmup=replace(base.warmup, lr=base.optimize.lr))
    rd = RunDir(out_dir / "continued_sft", config, resume=True)
    model = rd / "warmup/model"
    rd.stage("warmup", partial(stages.warm_up_further, config, draw, train, warm, model),
             inputs=[train, warm], settings=[config.seed, rd.config_dict["warmup"],
                                             config.data.warmup_limit, draw],
             outputs=[model], scratch=[model / CHECKPOINT_DIR])
    rd.close(f"trained on the sft arm's draw of {draw} past the warmup's", rd.location(model))


def train_arm(arm: str, base, out_dir: Path) -> None:
    """Train (or resume) an arm's model in ``out_dir/arm``; arms whose model is one of
    itool's, and base, train nothing."""
    from itool.loop.run import run

    if arm == "continued_sft":
        print(f"=== arm {arm}: training in {out_dir / arm}", flush=True)
        continue_warmup(base, out_dir)
        return
    config = arm_config(arm, base, out_dir)
    if config is not None:
        print(f"=== arm {arm}: training in {out_dir / arm}", flush=True)
        run(config, out_dir / arm, resume=True)


def arm_model(arm: str, out_dir: Path, base) -> Path:
    """The model an arm ends with (``base``: the run config's starting model)."""
    from itool.model.load import resolve_model

    if arm == "base":
        return Path(resolve_model(base.model))
    if arm == "warmup":
        return out_dir / "itool/warmup/model"
    if arm == "single_round":
        from itool.loop.config import resolve_run_config
        from itool.loop.evaluate import dev_gain

        itool_dir = out_dir / "itool"
        before = stage_summary(itool_dir, "warmup/eval")
        after = stage_summary(itool_dir, "round_1/eval")
        min_gain = resolve_run_config(itool_dir / "config.yaml").min_gain
        kept = "round_1" if after and dev_gain(before, after, min_gain) >= min_gain else "warmup"
        return itool_dir / kept / "model"
    run_dir = out_dir / arm
    final = manifest(run_dir).get("final_model")
    if final is None:
        raise SystemExit(f"{run_dir}: the run has not finished; run this arm first")
    path = Path(final)
    return path if path.is_absolute() else run_dir / path


def arm_stages(arm: str, out_dir: Path) -> list[dict[str, Any]]:
    """The finished stage records that produced an arm's model: its own stages, plus
    itool's data and warmup stages for arms that start from itool's warmup model."""
    def records(run_dir: Path, keep=lambda name: True) -> list[dict[str, Any]]:
        stages = manifest(run_dir).get("stages", {})
        return [rec for name, rec in stages.items() if rec.get("state") == "done" and keep(name)]

    itool_dir = out_dir / "itool"
    shared = {"data", "warmup", "warmup/eval"}
    if arm == "base":
        return []
    if arm == "warmup":
        return records(itool_dir, lambda n: n in {"data", "warmup"})
    if arm == "single_round":
        return records(itool_dir, lambda n: n in shared or n.startswith("round_1/"))
    if arm in ("dpo", "sampling", "continued_sft"):
        return (records(itool_dir, lambda n: n in {"data", "warmup"})
                + records(out_dir / arm, lambda n: n != "data"))
    return records(out_dir / arm)


def arm_wall(arm: str, out_dir: Path) -> float:
    """Seconds spent producing an arm's model."""
    return sum(rec.get("seconds", 0) for rec in arm_stages(arm, out_dir))


def arm_tokens(arm: str, out_dir: Path) -> int:
    """Optimiser tokens spent producing an arm's model (warmup SFT and preference
    training), the compute the sft arm is matched on."""
    return sum(rec.get("summary", {}).get("tokens", 0) for rec in arm_stages(arm, out_dir))


# ---------------------------------------------------------------- evaluation

def evaluate(arms: list[str], out_dir: Path, base, categories: list[str], limit: int | None,
             max_new_tokens: int, label: str) -> None:
    """BFCL evaluation of each arm's model, as resumable stages of ``out_dir/evaluation``."""
    from itool.loop import stages
    from itool.loop.rundir import RunDir
    from itool.model.bfcl_generate import SUBSET_SEED

    config = replace(base, eval=replace(base.eval, bfcl_categories=categories,
                                        bfcl_limit_per_category=limit or 0,
                                        bfcl_max_new_tokens=max_new_tokens))
    rd = RunDir(out_dir / "evaluation", config, resume=True)
    settings = [categories, limit, max_new_tokens, base.semantic, SUBSET_SEED]
    for arm in arms:
        model = arm_model(arm, out_dir, base)
        out = rd / f"{label}/{arm}.json"
        twin = evaluated_twin(rd, label, arm, model, settings, out_dir, base)
        work = (partial(copy_evaluation, rd / f"{label}/{twin[0]}.json", out, *twin) if twin
                else partial(stages.evaluate_bfcl, config, model, out))
        rd.stage(f"{label}/{arm}", work, inputs=[model], settings=settings, outputs=[out])


def evaluated_twin(rd, label: str, arm: str, model: Path, settings: list,
                   out_dir: Path, base) -> tuple[str, dict[str, Any]] | None:
    """``(arm, its evaluation's summary)`` of another arm whose model is this very
    directory and whose evaluation under ``label`` is current, if any."""
    for other in ARMS:
        if other == arm or f"{label}/{other}" not in rd.manifest["stages"]:
            continue
        theirs = arm_model(other, out_dir, base)
        record = theirs.resolve() == model.resolve() and rd.finished(
            f"{label}/{other}", [theirs], settings, [rd / f"{label}/{other}.json"])
        if record:
            return other, record["summary"]
    return None


def copy_evaluation(source: Path, out: Path, twin: str, summary: dict[str, Any]) -> dict[str, Any]:
    """The evaluation of an arm whose model is another arm's very model (itool kept its
    warmup model, say): greedy decoding gives the same answers, so they are copied
    rather than generated again (~12 min here), and marked with ``same_model_as``."""
    import shutil

    from itool.model.bfcl_generate import predictions_path

    shutil.copyfile(predictions_path(source), predictions_path(out))
    shutil.copyfile(source, out)
    return {**summary, "same_model_as": twin}


# ---------------------------------------------------------------- results

def load_eval(out_dir: Path, label: str, arm: str) -> dict[str, Any] | None:
    from itool.loop.files import read_json

    path = out_dir / "evaluation" / label / f"{arm}.json"
    return read_json(path) if path.is_file() else None


def multi_call_share(out_dir: Path, label: str, arm: str) -> float | None:
    """The share of an arm's ``parallel`` and ``parallel_multiple`` answers that hold
    two or more calls (what those categories need, whatever the values): a model that
    never writes a second call gives the search nothing to calibrate there."""
    from itool.codec import ParseError, parse_calls
    from itool.loop.files import read_jsonl
    from itool.model.bfcl_generate import predictions_path

    path = predictions_path(out_dir / "evaluation" / label / f"{arm}.json")
    if not path.is_file():
        return None
    answers = [r["output"] for r in read_jsonl(path)
               if r["id"].rsplit("_", 1)[0] in ("parallel", "parallel_multiple")]

    def calls(text: str) -> int:
        try:
            return len(parse_calls(text))
        except ParseError:
            return 0

    return sum(calls(a) >= 2 for a in answers) / len(answers) if answers else None


def eval_seconds(out_dir: Path, label: str, arm: str) -> float | None:
    """How long the arm's evaluation took (its twin's, if it was copied from one): the
    stage's wall time, or, for a stage resumed after an interruption (whose wall time
    covers only its last part), the generation's seconds over all its parts."""
    stages = manifest(out_dir / "evaluation").get("stages", {})
    rec = stages.get(f"{label}/{arm}", {})
    twin = rec.get("summary", {}).get("same_model_as")
    name = twin or arm
    seconds = stages.get(f"{label}/{name}", {}).get("seconds")
    result = load_eval(out_dir, label, name)
    generation = (result or {}).get("generation", {}).get("seconds")
    return max(seconds, generation) if seconds is not None and generation else seconds


def collect(out_dir: Path, config_path: Path, base) -> dict[str, Any]:
    """Everything the tables show, from the run and evaluation directories."""
    results: dict[str, Any] = {"config": display_path(config_path), "arms": {}, "full": {}, "rounds": {}}
    for arm in ARMS:
        subset = load_eval(out_dir, "subset", arm)
        if subset is None:
            continue
        summary = subset["summary"]
        results["arms"][arm] = {
            "accuracy": {c: summary[c]["accuracy"] for c in SUBSET_CATEGORIES if c in summary},
            "overall": summary["overall"]["accuracy"],
            "entries": summary["overall"]["total"],
            "wall_s": round(arm_wall(arm, out_dir), 1),
            "eval_s": eval_seconds(out_dir, "subset", arm),
            "profile": summary.get("fragments", {}).get("all"),
            "multi_call": multi_call_share(out_dir, "subset", arm),
            "model": str(arm_model(arm, out_dir, base)),
            "tokens": arm_tokens(arm, out_dir),
            "same_model_as": manifest(out_dir / "evaluation").get("stages", {})
            .get(f"subset/{arm}", {}).get("summary", {}).get("same_model_as"),
        }
        full = load_eval(out_dir, "full", arm)
        if full is not None:
            s = full["summary"]
            results["full"][arm] = {"accuracy": {c: s[c]["accuracy"] for c in FULL_CATEGORIES},
                                    "overall": s["overall"]["accuracy"],
                                    "entries": s["overall"]["total"]}
    for baseline in BASELINES:
        if "itool" in results["arms"] and baseline in results["arms"]:
            from itool.eval.compare import compare_results

            compared = compare_results(load_eval(out_dir, "subset", baseline),
                                       load_eval(out_dir, "subset", "itool"))
            results[f"itool_vs_{baseline}"] = {k: compared["overall"][k]
                                               for k in ("diff", "low", "high")}
    for arm in ("itool", "dpo", "sampling", "no_curriculum", "sft"):
        if (out_dir / arm / "manifest.json").is_file():
            results["rounds"][arm] = round_rows(out_dir / arm)
    if "itool" in results["rounds"] and (out_dir / "itool/round_1").is_dir():
        results["sampling_width"] = sampling_width(out_dir / "itool")[1]
    speed = ROOT / "docs/results/mcts_reuse.json"
    if speed.is_file():
        results["mcts_reuse"] = json.loads(speed.read_text())
    return results


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def round_rows(run_dir: Path) -> list[dict[str, Any]]:
    """Per stage of a run (warmup, round_1, ...): dev reward and profile, pairs,
    MCTS tokens, training tokens and times; read by the run report's own
    :func:`itool.loop.report.collect`."""
    from itool.loop.report import collect as collect_run

    data = collect_run(run_dir)
    stages = data["manifest"].get("stages", {})
    rows = []
    for row in data["rounds"]:
        name, dev = row["name"], row["dev"]
        pairs, generated = row["pairs"], row["search"].get("generated_tokens")
        reference = row["search"].get("reference_pairs", 0)
        tree_pairs = pairs - reference if pairs is not None else None
        seconds = {part: stages.get(f"{name}/{part}", {}).get("seconds")
                   for part in ("select", "search", "optimize", "eval")}
        if name == "warmup":
            seconds["warmup"] = stages.get("warmup", {}).get("seconds")
        rows.append({
            "name": name,
            "dev_q": dev and dev["mean_q"],
            "dev_kinds": (dev or {}).get("kinds", {}),
            "grades": dev and dev["grades"],
            "dimensions": dev and dev["dimensions"],
            "selected": row["selected"],
            "pairs": pairs,
            "reference_pairs": reference if name != "warmup" else None,
            "mcts_tokens": generated,
            "tokens_per_pair": round(generated / tree_pairs, 1) if tree_pairs else None,
            "train_tokens": row["training"].get("tokens"),
            "seconds": seconds,
        })
    return rows


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def tables(results: dict[str, Any], command: str, limit: int) -> str:
    """The markdown that goes between the outcome markers of docs/RESULTS.md."""
    import platform

    arms = results["arms"]
    lines = [
        f"Command: `{command}` (config `{results['config']}`). Machine: {platform.machine()}, "
        "2 CPU cores, no GPU. Generated by the runner; do not edit by hand.",
        "",
        f"### BFCL subset accuracy (%), {limit} seeded entries per category",
        "",
        "| arm | " + " | ".join(SUBSET_CATEGORIES)
        + " | overall | optimiser tokens | train wall (s) | eval (s) |",
        "|---" * (len(SUBSET_CATEGORIES) + 5) + "|",
    ]
    for arm, row in arms.items():
        cells = [pct(row["accuracy"].get(c)) for c in SUBSET_CATEGORIES]
        lines.append(f"| {arm} | " + " | ".join(cells) + f" | **{pct(row['overall'])}** | "
                     f"{row['tokens']} | {row['wall_s']:.0f} | {row['eval_s'] or 0:.0f} |")
    lines += ["", "Overall is the unweighted mean of the categories (BFCL's convention)."]
    lines += [f"{arm} ends with {row['same_model_as']}'s model, so its row is that evaluation."
              for arm, row in arms.items() if row.get("same_model_as")]
    lines += [""]
    for baseline in (b for b in BASELINES if "itool" in arms and b in arms):
        gain = {c: (arms["itool"]["accuracy"].get(c) or 0) - (arms[baseline]["accuracy"].get(c) or 0)
                for c in SUBSET_CATEGORIES}
        complex_gain = sum(gain[c] for c in COMPLEX) / len(COMPLEX)
        overall = arms["itool"]["overall"] - arms[baseline]["overall"]
        lines += [f"itool − {baseline}: overall {100 * overall:+.1f} points; mean over "
                  f"multiple/parallel/parallel_multiple {100 * complex_gain:+.1f}; "
                  f"simple_python {100 * gain['simple_python']:+.1f}.", ""]
        if f"itool_vs_{baseline}" in results:
            c = results[f"itool_vs_{baseline}"]
            lines += [f"The overall gap's 95% interval over the choice of test entries (`itool eval "
                      f"compare`, paired bootstrap): [{100 * c['low']:+.1f}, {100 * c['high']:+.1f}] "
                      "points. It does not cover training noise: another training seed moves an "
                      "arm's score too.", ""]
    lines += ["Answers with two or more calls among the parallel and parallel_multiple "
              "entries (%): " + ", ".join(f"{arm} {pct(row.get('multi_call'))}"
                                          for arm, row in arms.items()) + ".", ""]
    lines += ["### Grades and the five dimensions on the AST categories (per arm)", "",
              "| arm | graded | excellent | acceptable | fair | poor | name ✓ | count ✓ | names ✓ "
              "| values ✓ | semantic |", "|---" * 11 + "|"]
    for arm, row in arms.items():
        p = row["profile"]
        if not p:
            continue
        n = p["graded"]
        grades = [pct(p["grades"][g] / n) for g in ("excellent", "acceptable", "fair", "poor")]
        dims = [pct(1 - p["failure_rate"][d]) for d in p["failure_rate"]]
        lines.append(f"| {arm} | {n} | " + " | ".join(grades + dims)
                     + f" | {p['mean_semantic']:.2f} |")
    if results["full"]:
        lines += ["", "### Full non-live BFCL (all entries; Java/JavaScript not covered)", "",
                  "| arm | " + " | ".join(FULL_CATEGORIES) + " | overall | entries |",
                  "|---" * (len(FULL_CATEGORIES) + 3) + "|"]
        for arm, row in results["full"].items():
            lines.append(f"| {arm} | " + " | ".join(pct(row["accuracy"][c]) for c in FULL_CATEGORIES)
                         + f" | **{pct(row['overall'])}** | {row['entries']} |")
    lines += ["", "### Rounds: dev reward, pairs and cost", "",
              "| arm | stage | dev q | calls q | text q | excellent | selected | pairs | of them "
              "reference | MCTS tokens | tokens/tree pair | train tokens | select s | search s "
              "| optimize s | eval s |",
              "|---" * 16 + "|"]
    for arm, rows in results["rounds"].items():
        for r in rows:
            s = r["seconds"]
            lines.append(
                f"| {arm} | {r['name']} | {fmt(r['dev_q'], '+.3f')} | "
                f"{fmt(r['dev_kinds'].get('call'), '+.3f')} | {fmt(r['dev_kinds'].get('text'), '+.3f')} | "
                f"{pct(r['grades'] and r['grades'].get('excellent'))} | {fmt(r['selected'])} | "
                f"{fmt(r['pairs'])} | {fmt(r.get('reference_pairs'))} | {fmt(r['mcts_tokens'])} | "
                f"{fmt(r['tokens_per_pair'])} | "
                f"{fmt(r['train_tokens'])} | {fmt(s.get('select'), '.0f')} | "
                f"{fmt(s.get('search'), '.0f')} | {fmt(s.get('optimize') or s.get('warmup'), '.0f')} | "
                f"{fmt(s.get('eval'), '.0f')} |")
    if "sampling_width" in results:
        w = results["sampling_width"]
        lines += ["", f"Sampling arm: {w['samples_per_tree']} root samples per tree "
                  f"(itool's round 1 spent {w['mcts_tokens_per_tree']:.0f} MCTS tokens per tree; "
                  f"greedy answers average {w['greedy_tokens_per_answer']:.1f} tokens)."]
    if "mcts_reuse" in results:
        m = results["mcts_reuse"]
        lines += ["", f"Search speed levers (benchmarks/mcts_speed.py): prompt reuse + cross-tree "
                  f"batching {m['speedup_wall']}× faster than the original code's shape, prompt "
                  f"reuse alone {m['speedup_reuse_only']}×; {m['encoded_token_ratio']}× fewer "
                  "encoded tokens."]
    lines += ["", "![accuracy per arm](results/outcome_accuracy.png)",
              "![itool dev profile per round](results/outcome_rounds.png)"]
    return "\n".join(lines)


def fmt(value, spec: str = "") -> str:
    return "–" if value is None else format(value, spec)


def plots(results: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    arms = results["arms"]
    fig, ax = plt.subplots(figsize=(11, 4))
    width = 0.8 / max(len(arms), 1)
    labels = [*SUBSET_CATEGORIES, "overall"]
    for i, (arm, row) in enumerate(arms.items()):
        values = [100 * (row["accuracy"].get(c) or 0) for c in SUBSET_CATEGORIES]
        values.append(100 * (row["overall"] or 0))
        ax.bar([x + i * width for x in range(len(labels))], values, width, label=arm)
    ax.set_xticks([x + width * (len(arms) - 1) / 2 for x in range(len(labels))], labels,
                  rotation=20)
    ax.set_ylabel("accuracy (%)")
    ax.set_title("BFCL subset accuracy per arm")
    ax.legend(fontsize=8, ncol=4)
    fig.tight_layout()
    fig.savefig(out / "outcome_accuracy.png", dpi=110)
    plt.close(fig)

    rows = [r for r in results["rounds"].get("itool", []) if r["dimensions"]]
    fig, ax = plt.subplots(figsize=(7, 4))
    if rows:
        for dim in rows[0]["dimensions"]:
            ax.plot([r["name"] for r in rows], [r["dimensions"][dim] for r in rows], marker="o",
                    label=dim)
        ax.plot([r["name"] for r in rows], [r["dev_q"] for r in rows], "k--", marker="s",
                label="mean q")
        ax.legend(fontsize=8)
    ax.set_title("itool arm: dev reward and five-dimension profile per round")
    fig.tight_layout()
    fig.savefig(out / "outcome_rounds.png", dpi=110)
    plt.close(fig)


def write_results(results: dict[str, Any], command: str, limit: int, docs: Path) -> None:
    """The JSON results, plots and tables under ``docs``: the repository's docs/ for the
    committed experiment, ``<out-dir>/report`` for any other config or run directory
    (so that a trial never overwrites the committed results)."""
    out = docs / "results"
    out.mkdir(parents=True, exist_ok=True)
    flat = {arm: {**row["accuracy"], "overall": row["overall"], "wall_s": row["wall_s"]}
            for arm, row in results["arms"].items()}
    (out / "outcome.json").write_text(json.dumps(flat, indent=2) + "\n")
    (out / "outcome_details.json").write_text(json.dumps(results, indent=2) + "\n")
    plots(results, out)
    block = f"{MARK_BEGIN}\n{tables(results, command, limit)}\n{MARK_END}"
    page = (docs / "RESULTS.md").read_text() if (docs / "RESULTS.md").is_file() else "# Results\n"
    if MARK_BEGIN in page and MARK_END in page:
        head, rest = page.split(MARK_BEGIN, 1)
        page = head + block + rest.split(MARK_END, 1)[1]
    else:
        page = page.rstrip() + "\n\n## The learning outcome (benchmarks/outcome.py)\n\n" + block + "\n"
    (docs / "RESULTS.md").write_text(page)
    print(f"wrote {out / 'outcome.json'}, {out / 'outcome_details.json'}, plots, {docs / 'RESULTS.md'}")


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arms", default=",".join(ARMS),
                        help=f"comma-separated arms to train and evaluate (of: {', '.join(ARMS)})")
    parser.add_argument("--out-dir", default=DEFAULT_OUT_DIR,
                        help="where the run directories go; the tables go to docs/ only for"
                             " the default --out-dir and --config without --model, else to"
                             " <out-dir>/report")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG))
    parser.add_argument("--model", help="starting model of every arm, in place of the config's "
                        "(a model directory, a .gguf file or a cached Hugging Face id)")
    parser.add_argument("--limit-per-category", type=int, default=50)
    parser.add_argument("--max-new-tokens", type=int, default=160, help="longest BFCL answer")
    parser.add_argument("--full", action="store_true",
                        help="also evaluate base, sft and itool on the whole non-live set")
    parser.add_argument("--report-only", action="store_true",
                        help="only rebuild the results from the existing directories")
    args = parser.parse_args()

    from itool.errors import UserError
    from itool.loop.config import resolve_run_config

    arms = [a.strip() for a in args.arms.split(",") if a.strip()]
    unknown = sorted(set(arms) - set(ARMS))
    if unknown:
        raise SystemExit(f"unknown arm(s): {', '.join(unknown)} (arms: {', '.join(ARMS)})")
    out_dir = Path(args.out_dir)
    try:
        base = resolve_run_config(args.config,
                                  overrides={"model": args.model} if args.model else None)
        if not args.report_only:
            if NEEDS_ITOOL & set(arms) and "itool" not in arms:
                if not manifest(out_dir / "itool").get("final_model"):
                    raise SystemExit("arms " + ", ".join(sorted(NEEDS_ITOOL & set(arms)))
                                     + " build on the itool arm: run it first (--arms itool)")
            for arm in sorted(arms, key=lambda a: (a in NEEDS_ITOOL, ARMS.index(a))):
                started = time.perf_counter()
                train_arm(arm, base, out_dir)
                print(f"=== arm {arm}: BFCL subset", flush=True)
                evaluate([arm], out_dir, base, SUBSET_CATEGORIES, args.limit_per_category,
                         args.max_new_tokens, "subset")
                if args.full and arm in FULL_ARMS:
                    print(f"=== arm {arm}: full non-live BFCL", flush=True)
                    evaluate([arm], out_dir, base, FULL_CATEGORIES, None, args.max_new_tokens, "full")
                print(f"=== arm {arm}: done in {time.perf_counter() - started:.0f} s", flush=True)
        results = collect(out_dir, Path(args.config), base)
    except UserError as err:
        raise SystemExit(f"error: {err}") from None
    if not results["arms"]:  # e.g. --report-only on a fresh clone: keep the committed results
        raise SystemExit(f"error: no evaluated arm under {out_dir}/evaluation; nothing written "
                         "(run some arms first, or pass --out-dir)")
    committed = (out_dir == Path(DEFAULT_OUT_DIR) and args.model is None
                 and Path(args.config).resolve() == DEFAULT_CONFIG.resolve())
    command = (f"python benchmarks/outcome.py --limit-per-category {args.limit_per_category}"
               + (" --full" if results["full"] else "")
               + ("" if committed else f" --config {args.config} --out-dir {out_dir}")
               + (f" --model {args.model}" if args.model else ""))
    write_results(results, command, args.limit_per_category,
                  ROOT / "docs" if committed else out_dir / "report")


if __name__ == "__main__":
    main()
