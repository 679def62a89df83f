"""Every committed trial of the learning outcome at a glance: itool against its own
compute-matched sft arm, trial by trial, and what the trials say together.

    .venv/bin/python benchmarks/trials_summary.py [--write]

Reads the runner's JSON that each trial committed under ``docs/results/trials/<trial>/``
(``benchmarks/outcome.py --config benchmarks/trials/<trial>.yaml --arms itool,sft``) and
prints one row per trial: both arms' overall accuracy on the BFCL subset, their
difference with the paired bootstrap 95% interval over the test entries, and the
difference on the complex categories (multiple, parallel, parallel_multiple) against
the one on simple_python, which is the shape the paper reports. A last row pools the
trials. A second table pools them per category, which says where itool gains on SFT and
where it loses; ``--plot`` draws that table. A third table puts each trial under the
method's own dev gate, which the trials turn off (see :func:`gate_rows`). A fourth puts
each trial's best scored stage against sft, the most any gate could have kept (see
:func:`best_stage_rows`). A fifth puts itool against the ``continued_sft`` arm where a
trial ran it (see :func:`continued_table`). A sixth puts each trial that ran the itool
arm alone against the sft arm of the trial that trained the same warmup (see
:func:`load_twin_rows`). ``--write`` puts the tables into docs/RESULTS.md between
the ``trials`` markers and the plot into docs/results/.

Why a pooled row: one run per arm moves by about ±3.5 points here (two sft runs of the
same recipe differ by 5.7, RESULTS item 23), so a single trial cannot separate arms a
point or two apart. The pooled interval treats each trial's difference as one draw; the
trials share their data and warmup, so it is a reading aid, not an independent test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path
from typing import Any

from scipy.stats import t as t_dist

sys.path.insert(0, str(Path(__file__).resolve().parent))
from outcome import COMPLEX, SUBSET_CATEGORIES  # noqa: E402  (the runner's own lists)

ROOT = Path(__file__).resolve().parent.parent
TRIALS_DIR = ROOT / "docs/results/trials"
CONFIG_DIR = ROOT / "benchmarks/trials"
MARK_BEGIN, MARK_END = "<!-- trials:begin -->", "<!-- trials:end -->"
PLOT = ROOT / "docs/results/trials_categories.png"
# a trial directory named <trial>_gated holds <trial> rerun with the outcome config's dev
# gate on (every stage reused, so the same sft arm): not a trial of its own
GATED = "_gated"


def item_number(trial: str) -> int | None:
    """The RESULTS.md item a trial config's header names (``"What was tried", item N``)."""
    path = CONFIG_DIR / f"{trial}.yaml"
    match = re.search(r'"What was tried", item (\d+)', path.read_text()) if path.is_file() else None
    return int(match.group(1)) if match else None


def gate_keeps(rounds: list[dict[str, Any]], min_gain: float) -> str:
    """The stage whose model ``itool run`` would have ended with under its dev gate
    (``min_gain``, patience 1): the last round before the first one that gains less than
    ``min_gain`` on the dev set over the best model so far, or the warmup. ``rounds`` are
    the runner's records of the warmup and each round, in order."""
    from itool.loop.evaluate import dev_gain

    evals = [{"mean_q": r["dev_q"], "kinds": r.get("dev_kinds") or {}} for r in rounds]
    best = 0
    for k in range(1, len(evals)):
        if dev_gain(evals[best], evals[k], min_gain) < min_gain:
            break
        best = k
    return rounds[best]["name"]


def outcome_min_gain() -> float:
    """The dev gate of the outcome config, which the trials turn off (min_gain -1)."""
    from itool.loop.config import resolve_run_config

    return resolve_run_config(ROOT / "benchmarks/outcome.yaml").min_gain


def comparison(details: dict[str, Any], baseline: str) -> dict[str, Any]:
    """itool against one of its baselines (``sft``, ``continued_sft``) in percentage
    points: overall with the runner's paired interval, per category, and the complex
    categories' mean gain against simple_python's."""
    itool, other = details["arms"]["itool"], details["arms"][baseline]
    gap = {c: 100 * (itool["accuracy"][c] - other["accuracy"][c]) for c in itool["accuracy"]}
    paired = details.get(f"itool_vs_{baseline}") or {}
    return {
        baseline: 100 * other["overall"],
        "diff": 100 * (itool["overall"] - other["overall"]),
        "low": 100 * paired["low"] if "low" in paired else None,
        "high": 100 * paired["high"] if "high" in paired else None,
        "complex_gain": statistics.mean(gap[c] for c in COMPLEX),
        "simple_gain": gap["simple_python"],
        "gap": gap,
    }


def continued_comparison(details: dict[str, Any]) -> dict[str, Any]:
    """itool against the trial's continued_sft arm (see :func:`comparison`), with that
    arm's tokens and the warmup's score if it was run."""
    arms = details["arms"]
    return {**comparison(details, "continued_sft"),
            "tokens": arms["continued_sft"].get("tokens"),
            "warmup": 100 * arms["warmup"]["overall"] if "warmup" in arms else None}


def trial_row(trial: str, details: dict[str, Any]) -> dict[str, Any]:
    """One trial's comparison with its sft arm, in percentage points."""
    arms = details["arms"]
    itool = arms["itool"]
    rounds = details.get("rounds", {}).get("itool") or []
    return {
        "trial": trial,
        "item": item_number(trial),
        "itool": 100 * itool["overall"],
        **comparison(details, "sft"),
        "parallel_itool": 100 * statistics.mean(
            itool["accuracy"][c] for c in ("parallel", "parallel_multiple")),
        "tokens": (itool.get("tokens"), arms["sft"].get("tokens")),
        "stages": [r["name"] for r in rounds],
        "gate_keeps": gate_keeps(rounds, outcome_min_gain()) if rounds else None,
    }


def trials_with(arms: set[str], trials_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """``(trial, details)`` of every committed trial (not a gated rerun) that evaluated
    all of ``arms``."""
    found = []
    for path in sorted(trials_dir.glob("*/outcome_details.json")):
        if path.parent.name.endswith(GATED):
            continue
        details = json.loads(path.read_text())
        if arms <= set(details.get("arms", {})):
            found.append((path.parent.name, details))
    return found


def in_item_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["item"] is None, r["item"] or 0, r["trial"]))


def load_rows(trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Every committed trial with both arms evaluated, in item order."""
    return in_item_order([trial_row(trial, details)
                          for trial, details in trials_with({"itool", "sft"}, trials_dir)])


def trial_config(details: dict[str, Any]):
    """The run config a trial's runner JSON names (None for a trial without one)."""
    from itool.loop.config import resolve_run_config

    config = details.get("config")
    return resolve_run_config(ROOT / config) if config else None


def trial_model(details: dict[str, Any]) -> str:
    """The model a trial trained (its config's ``model``; ``default`` is the embedded
    one), so that trials on different models are never pooled into one mean."""
    config = trial_config(details)
    return config.model if config else "default"


def load_continued_rows(trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Every committed trial that ran the continued_sft arm, with or without an sft
    arm, in item order: what :func:`continued_table` shows of it."""
    return in_item_order([
        {"trial": trial, "item": item_number(trial), "model": trial_model(details),
         "itool": 100 * details["arms"]["itool"]["overall"],
         "itool_tokens": details["arms"]["itool"].get("tokens"),
         "continued": continued_comparison(details)}
        for trial, details in trials_with({"itool", "continued_sft"}, trials_dir)])


def warmup_recipe(details: dict[str, Any]) -> tuple | None:
    """What a trial's warmup and its sft arm's recipe depend on: its config's model, seed,
    data and warmup settings (None for a trial without a config)."""
    c = trial_config(details)
    return None if c is None else (c.model, c.seed, c.data, c.warmup)


def load_twin_rows(trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Every trial that ran the itool arm without an sft arm (it reused an earlier
    trial's warmup and changed only the rounds), against the sft arm of the committed
    trial with the same warmup recipe (:func:`warmup_recipe`; of several, the one whose
    sft tokens are nearest the trial's). That arm was matched to the earlier trial's
    rounds, so the token counts go with the row; and several trials may share one sft
    run, so no row pools them."""
    with_sft = [(trial, details, warmup_recipe(details))
                for trial, details in trials_with({"itool", "sft"}, trials_dir)]
    rows = []
    for trial, details in trials_with({"itool"}, trials_dir):
        recipe = warmup_recipe(details)
        if "sft" in details["arms"] or recipe is None:
            continue
        itool = details["arms"]["itool"]
        twins = [(t, d) for t, d, r in with_sft if r == recipe]
        if not twins:
            continue
        twin, twin_details = min(twins, key=lambda x: abs(
            x[1]["arms"]["sft"].get("tokens", 0) - itool.get("tokens", 0)))
        sft = twin_details["arms"]["sft"]
        rows.append({"trial": trial, "item": item_number(trial), "twin": twin,
                     "twin_item": item_number(twin), "itool": 100 * itool["overall"],
                     "tokens": (itool.get("tokens"), sft.get("tokens")),
                     **comparison({"arms": {"itool": itool, "sft": sft}}, "sft")})
    return in_item_order(rows)


def mean_interval(values: list[float]) -> tuple[float, float | None, float | None]:
    """The mean of the trials' differences and its 95% t interval (none from one trial)."""
    mean = statistics.mean(values)
    if len(values) < 2:
        return mean, None, None
    half = t_dist.ppf(0.975, len(values) - 1) * statistics.stdev(values) / len(values) ** 0.5
    return mean, mean - half, mean + half


def pooled(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Means over the trials, with a t interval on the mean difference."""
    mean, low, high = mean_interval([r["diff"] for r in rows])
    return {
        "n": len(rows),
        "itool": statistics.mean(r["itool"] for r in rows),
        "sft": statistics.mean(r["sft"] for r in rows),
        "diff": mean,
        "low": low,
        "high": high,
        "complex_gain": statistics.mean(r["complex_gain"] for r in rows),
        "simple_gain": statistics.mean(r["simple_gain"] for r in rows),
        "ahead": sum(r["diff"] > 0 for r in rows),
        "shape": sum(r["complex_gain"] > r["simple_gain"] for r in rows),
    }


def category_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per subset category: itool − sft pooled over the trials, and how many trials put
    itool ahead or behind. A category where the interval leaves zero is one where the
    trials agree on the direction, which the overall figure can hide."""
    out = []
    for category in SUBSET_CATEGORIES:
        gaps = [r["gap"][category] for r in rows if category in r["gap"]]
        if not gaps:
            continue
        mean, low, high = mean_interval(gaps)
        out.append({"category": category, "diff": mean, "low": low, "high": high,
                    "ahead": sum(g > 0 for g in gaps), "behind": sum(g < 0 for g in gaps),
                    "n": len(gaps), "gaps": gaps})
    return out


def gate_rows(rows: list[dict[str, Any]], trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Each trial as the method's dev gate would have ended it. Where the gate keeps the
    last round, that is the model the trial scored; where it keeps an earlier one, the
    score is the ``<trial>_gated`` rerun's, if committed, else unknown (``gated`` None)."""
    out = []
    for r in rows:
        twin_path = trials_dir / f"{r['trial']}{GATED}" / "outcome_details.json"
        if r["gate_keeps"] is None:
            gated = None
        elif r["gate_keeps"] == r["stages"][-1]:
            gated = r
        elif twin_path.is_file():
            gated = trial_row(twin_path.parent.name, json.loads(twin_path.read_text()))
            if abs(gated["sft"] - r["sft"]) > 1e-9:
                raise SystemExit(f"error: {twin_path}: its sft arm ({gated['sft']:.1f}) is "
                                 f"not {r['trial']}'s ({r['sft']:.1f}); rerun it on a copy "
                                 "of the trial's run directories")
        else:
            gated = None
        out.append({"trial": r["trial"], "item": r["item"], "rounds": len(r["stages"]) - 1,
                    "keeps": r["gate_keeps"], "every": r, "gated": gated})
    return out


def stage_scores(trial: str, trials_dir: Path = TRIALS_DIR) -> dict[str, float]:
    """BFCL subset accuracy (%) of each stage of a trial's itool arm that was scored,
    keyed by stage (``warmup``, ``round_1``, ...): the trial's final model, its warmup
    if ``--arms warmup`` ran, and the model its ``<trial>_gated`` rerun kept."""
    scores = {}
    for name in (trial, trial + GATED):
        path = trials_dir / name / "outcome_details.json"
        if path.is_file():
            arms = json.loads(path.read_text())["arms"]
            for arm in (arms[a] for a in ("warmup", "itool") if a in arms):
                scores[Path(arm["model"]).parent.name] = 100 * arm["overall"]
    return scores


def best_stage_rows(rows: list[dict[str, Any]],
                    trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Each trial with two or more stages scored, its best one against sft. No rule for
    keeping rounds, however good its dev metric, can end on a model better than the best
    stage, so if that stage does not beat sft, a better gate cannot meet the goal. (The
    best of several noisy scores is biased upward, which only strengthens a negative.)"""
    out = []
    for r in rows:
        scores = stage_scores(r["trial"], trials_dir)
        if len(scores) < 2:
            continue
        best = max(scores, key=scores.get)
        out.append({"trial": r["trial"], "item": r["item"], "stages": r["stages"],
                    "scores": scores, "best": best, "every": r,
                    "diff": scores[best] - r["sft"]})
    return out


def signed(value: float | None) -> str:
    """``+1.2``; a value that rounds to zero is ``+0.0``, never ``-0.0``."""
    return "–" if value is None else f"{round(value, 1) or 0.0:+.1f}"


def separable(low: float | None, high: float | None) -> bool:
    """Whether a 95% interval leaves zero, so that its sign is not noise."""
    return low is not None and high is not None and (low > 0 or high < 0)


def interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"[{signed(low)}, {signed(high)}]"


def table(rows: list[dict[str, Any]]) -> str:
    """The markdown table: one row per trial and the pooled row."""
    lines = [
        "| item | trial | itool | sft | itool − sft | 95% interval | complex − | simple_python − "
        "| itool parallel | goal met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        goal = r["diff"] > 0 and r["complex_gain"] > r["simple_gain"]
        lines.append(
            f"| {r['item'] or '–'} | `{r['trial']}` | {r['itool']:.1f} | {r['sft']:.1f} | "
            f"{signed(r['diff'])}{' (separable)' if separable(r['low'], r['high']) else ''} | "
            f"{interval(r['low'], r['high'])} | {signed(r['complex_gain'])} | "
            f"{signed(r['simple_gain'])} | {r['parallel_itool']:.1f} | "
            f"{'yes, as point estimates' if goal else 'no'} |")
    if rows:
        p = pooled(rows)
        lines.append(
            f"| all | mean of {p['n']} trials | {p['itool']:.1f} | {p['sft']:.1f} | "
            f"**{signed(p['diff'])}** | {interval(p['low'], p['high'])} | "
            f"{signed(p['complex_gain'])} | {signed(p['simple_gain'])} | – | "
            f"ahead in {p['ahead']} of {p['n']}, paper's shape in {p['shape']} |")
    return "\n".join(lines)


def category_table(rows: list[dict[str, Any]]) -> str:
    """The markdown table of :func:`category_rows`."""
    lines = ["| category | itool − sft, mean of trials | 95% interval | itool ahead | "
             "itool behind |", "|---|---|---|---|---|"]
    for c in category_rows(rows):
        mark = " (separable)" if separable(c["low"], c["high"]) else ""
        lines.append(f"| {c['category']} | {signed(c['diff'])}{mark}"
                     f" | {interval(c['low'], c['high'])} | {c['ahead']} of {c['n']} | "
                     f"{c['behind']} of {c['n']} |")
    return "\n".join(lines)


def gate_table(rows: list[dict[str, Any]], trials_dir: Path = TRIALS_DIR) -> str:
    """The markdown table of :func:`gate_rows`, with a row pooling the trials whose gated
    model was scored (and, for comparison, the same trials as they were run)."""
    lines = ["| item | trial | rounds run | the gate keeps | itool, every round | "
             "itool, gated | sft | every round − sft | gated − sft | 95% interval |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    gates = gate_rows(rows, trials_dir)
    known = [g for g in gates if g["gated"] is not None]
    for g in gates:
        e, x = g["every"], g["gated"]
        gated = ("not scored", "–", "–") if x is None else (
            f"{x['itool']:.1f}", signed(x["diff"])
            + (" (separable)" if separable(x["low"], x["high"]) else ""),
            interval(x["low"], x["high"]))
        lines.append(f"| {g['item'] or '–'} | `{g['trial']}` | {g['rounds']} | {g['keeps']} | "
                     f"{e['itool']:.1f} | {gated[0]} | {e['sft']:.1f} | {signed(e['diff'])} | "
                     f"{gated[1]} | {gated[2]} |")
    if len(known) > 1:
        every = mean_interval([g["every"]["diff"] for g in known])
        gated = mean_interval([g["gated"]["diff"] for g in known])
        lines.append(
            f"| all | mean of the {len(known)} trials with a gated score | – | – | "
            f"{statistics.mean(g['every']['itool'] for g in known):.1f} | "
            f"{statistics.mean(g['gated']['itool'] for g in known):.1f} | "
            f"{statistics.mean(g['every']['sft'] for g in known):.1f} | "
            f"{signed(every[0])} {interval(*every[1:])} | **{signed(gated[0])}** | "
            f"{interval(*gated[1:])} |")
    return "\n".join(lines)


def best_stage_table(rows: list[dict[str, Any]], trials_dir: Path = TRIALS_DIR) -> str:
    """The markdown table of :func:`best_stage_rows`, with a pooled row."""
    best = best_stage_rows(rows, trials_dir)
    # a column per stage of the longest of these trials (every trial starts the same way)
    columns = max((b["stages"] for b in best), key=len, default=[])
    lines = ["| item | trial | " + " | ".join(columns) + " | sft | best stage | "
             "best − sft |", "|---|---|" + "---|" * (len(columns) + 3)]
    for b in best:
        cells = [f"{b['scores'][s]:.1f}" if s in b["scores"]
                 else ("–" if s in b["stages"] else "") for s in columns]
        lines.append(f"| {b['item'] or '–'} | `{b['trial']}` | {' | '.join(cells)} | "
                     f"{b['every']['sft']:.1f} | {b['best']} | {signed(b['diff'])} |")
    if len(best) > 1:
        mean, low, high = mean_interval([b["diff"] for b in best])
        run = statistics.mean(b["every"]["diff"] for b in best)
        lines.append(f"| all | mean of {len(best)} trials (as run: {signed(run)}) | "
                     + " | ".join("" for _ in columns) + " | "
                     f"{statistics.mean(b['every']['sft'] for b in best):.1f} | – | "
                     f"**{signed(mean)}** {interval(low, high)} |")
    return "\n".join(lines)


def continued_table(rows: list[dict[str, Any]]) -> str:
    """The trials that ran the continued_sft arm: itool against SFT given the rounds'
    place (from the same warmup model, at the rounds' rate), with a pooled row per model
    that has two or more of them (a model other than the default is named in its rows)."""
    lines = ["| item | trial | warmup | itool | continued SFT | itool − continued SFT | "
             "95% interval | complex − | simple_python − | optimiser tokens, itool / continued |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    known = [r for r in rows if r["continued"]]
    for r in known:
        c = r["continued"]
        warmup = "–" if c["warmup"] is None else f"{c['warmup']:.1f}"
        model = "" if r["model"] == "default" else f" ({r['model']})"
        lines.append(
            f"| {r['item'] or '–'} | `{r['trial']}`{model} | {warmup} | {r['itool']:.1f} | "
            f"{c['continued_sft']:.1f} | {signed(c['diff'])}"
            f"{' (separable)' if separable(c['low'], c['high']) else ''} | "
            f"{interval(c['low'], c['high'])} | {signed(c['complex_gain'])} | "
            f"{signed(c['simple_gain'])} | {r['itool_tokens']:,} / {c['tokens']:,} |")
    models = sorted({r["model"] for r in known}, key=lambda m: (m != "default", m))
    for model in models:
        group = [r for r in known if r["model"] == model]
        if len(group) < 2:
            continue
        mean, low, high = mean_interval([r["continued"]["diff"] for r in group])
        on = "" if len(models) == 1 else (
            " on the embedded model" if model == "default" else f" on {model}")
        lines.append(
            f"| all | mean of {len(group)} trials{on} | – | "
            f"{statistics.mean(r['itool'] for r in group):.1f} | "
            f"{statistics.mean(r['continued']['continued_sft'] for r in group):.1f} | "
            f"**{signed(mean)}** | {interval(low, high)} | "
            f"{signed(statistics.mean(r['continued']['complex_gain'] for r in group))} | "
            f"{signed(statistics.mean(r['continued']['simple_gain'] for r in group))} | "
            f"ahead in {sum(r['continued']['diff'] > 0 for r in group)} of {len(group)} |")
    return "\n".join(lines)


def twin_table(rows: list[dict[str, Any]]) -> str:
    """The markdown table of :func:`load_twin_rows` (point estimates: the paired
    interval needs both arms' answers, which only the run directories hold)."""
    lines = ["| item | trial | sft arm of | itool | sft | itool − sft | complex − | "
             "simple_python − | optimiser tokens, itool / sft | goal met |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        goal = r["diff"] > 0 and r["complex_gain"] > r["simple_gain"]
        twin = f"item {r['twin_item']} (`{r['twin']}`)" if r["twin_item"] else f"`{r['twin']}`"
        lines.append(
            f"| {r['item'] or '–'} | `{r['trial']}` | {twin} | {r['itool']:.1f} | "
            f"{r['sft']:.1f} | {signed(r['diff'])} | "
            f"{signed(r['complex_gain'])} | {signed(r['simple_gain'])} | "
            f"{r['tokens'][0]:,} / {r['tokens'][1]:,} | "
            f"{'yes, as point estimates' if goal else 'no'} |")
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], out: Path) -> None:
    """Each category's pooled itool − sft with its interval, and every trial as a dot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = category_rows(rows)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for y, c in enumerate(reversed(cats)):
        ax.scatter(c["gaps"], [y] * len(c["gaps"]), color="0.7", s=14, zorder=1)
        if c["low"] is not None:
            ax.plot([c["low"], c["high"]], [y, y], color="C0", linewidth=2, zorder=2)
        ax.scatter([c["diff"]], [y], color="C0", s=40, zorder=3)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(range(len(cats)), [c["category"] for c in reversed(cats)])
    ax.set_xlabel("itool − sft, accuracy points (dots: trials; bar: 95% interval of the mean)")
    ax.set_title(f"Where itool gains on compute-matched SFT ({len(rows)} trials, BFCL subset)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def legend() -> str:
    return ("Accuracy in % on the BFCL subset (50 seeded entries per category, 7 "
            "categories). *95% interval*: paired bootstrap over the test entries (the "
            "runner's `itool_vs_sft`); for the pooled row, a t interval over the trials' "
            "differences. *complex −*: itool − sft averaged over multiple, parallel and "
            "parallel_multiple; *simple_python −*: the same on simple_python. *itool "
            "parallel*: itool's mean over parallel and parallel_multiple. *goal met*: "
            "itool ahead overall and gaining more on the complex categories than on "
            "simple_python, the issue's check. Generated by `python "
            "benchmarks/trials_summary.py --write` from docs/results/trials/; do not edit "
            "by hand.")


def category_legend() -> str:
    return ("Per category, itool − sft in points, averaged over the same trials, with a t "
            "interval over the trials' differences (*separable* when it leaves 0); "
            f"plotted in `{PLOT.relative_to(ROOT / 'docs')}`.")


def gate_legend() -> str:
    return ("The trials keep every round (`min_gain: -1`); `itool run` keeps a round only if "
            "it gains on the dev set (the outcome config's `min_gain`, patience 1). *The "
            "gate keeps*: the model that gate would have ended with, from the rounds' dev "
            "rewards. *itool, gated*: that model on the BFCL subset: the trial's own score "
            "where the gate keeps the last round, else the `<trial>_gated` rerun "
            "(`benchmarks/trials/<trial>_gated.yaml`, every stage reused, so the same sft "
            "arm, matched on every round's tokens, rejected ones included). The pooled row "
            "gives both columns over the same trials, with t intervals.")


def best_stage_legend() -> str:
    return ("Every stage of a trial's itool arm that was scored on the BFCL subset (%): the "
            "final model, the warmup where the runner's `--arms warmup` ran, and the gated "
            "rerun's model; – a stage that was trained but not scored. *best − sft*: the "
            "best scored stage against the trial's sft arm, the most that any rule for "
            "keeping rounds could have ended with; the pooled row gives a t interval over "
            "the trials, and the same trials as run for comparison.")


def continued_legend() -> str:
    return ("The trials that ran the runner's `continued_sft` arm: itool's warmup model "
            "trained further by SFT, at the rounds' learning rate, on the samples the sft arm "
            "drew past the warmup's, so SFT in the rounds' place on about their tokens (both "
            "token counts include the warmup's). Intervals as in the first table.")


def twin_legend() -> str:
    return ("The trials that ran the itool arm alone, on the data and warmup of an earlier "
            "trial (*sft arm of*), against that trial's sft arm, which was matched to the "
            "earlier trial's rounds: the token counts say how near the match is. Several "
            "rows share one sft run, so a row ahead of it is one draw, not a pooled "
            "finding; point estimates only.")


def block(rows: list[dict[str, Any]], continued: list[dict[str, Any]],
          twins: list[dict[str, Any]] = ()) -> str:
    """What goes between the trials markers: the tables of the trials with an sft arm
    (``rows``) with their legends, the fifth, of those with a continued_sft arm
    (``continued``), and the sixth, of those that ran itool alone (``twins``), each
    once there is one."""
    parts = [table(rows), legend(), category_table(rows), category_legend(),
             gate_table(rows), gate_legend(), best_stage_table(rows), best_stage_legend()]
    if continued:
        parts += [continued_table(continued), continued_legend()]
    if twins:
        parts += [twin_table(twins), twin_legend()]
    return "\n\n".join(parts)


def write(page_path: Path, text: str) -> None:
    page = page_path.read_text()
    if MARK_BEGIN not in page or MARK_END not in page:
        raise SystemExit(f"error: {page_path} has no {MARK_BEGIN} ... {MARK_END} block to fill")
    head, rest = page.split(MARK_BEGIN, 1)
    page_path.write_text(head + MARK_BEGIN + "\n" + text + "\n" + MARK_END
                         + rest.split(MARK_END, 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help="put the tables into docs/RESULTS.md between the trials markers "
                             "and the plot into docs/results/")
    parser.add_argument("--plot", type=Path, metavar="PNG",
                        help="draw the per-category table into this image")
    args = parser.parse_args()
    rows = load_rows()
    if not rows:
        raise SystemExit(f"error: no trial with both itool and sft evaluated under {TRIALS_DIR}")
    text = block(rows, load_continued_rows(), load_twin_rows())
    print(text)
    for out in filter(None, [args.plot, PLOT if args.write else None]):
        plot(rows, out)
        print(f"wrote {out}")
    if args.write:
        write(ROOT / "docs/RESULTS.md", text)
        print("wrote docs/RESULTS.md")


if __name__ == "__main__":
    main()
