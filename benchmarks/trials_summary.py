"""Every committed trial of the learning outcome at a glance: itool against its own
compute-matched sft arm, trial by trial, and what the trials say together.

    .venv/bin/python benchmarks/trials_summary.py [--write]

Reads the runner's JSON that each trial committed under ``docs/results/trials/<trial>/``
(``benchmarks/outcome.py --config benchmarks/trials/<trial>.yaml --arms itool,sft``) and
prints one row per trial: both arms' overall accuracy on the BFCL subset, their
difference with the paired bootstrap 95% interval over the test entries, and the
difference on the complex categories (multiple, parallel, parallel_multiple) against
the one on simple_python, which is the shape the paper reports. A last row pools the
trials. ``--write`` puts the table into docs/RESULTS.md between the ``trials`` markers.

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
from outcome import COMPLEX  # noqa: E402  (the runner's own list of complex categories)

ROOT = Path(__file__).resolve().parent.parent
TRIALS_DIR = ROOT / "docs/results/trials"
CONFIG_DIR = ROOT / "benchmarks/trials"
MARK_BEGIN, MARK_END = "<!-- trials:begin -->", "<!-- trials:end -->"


def item_number(trial: str) -> int | None:
    """The RESULTS.md item a trial config's header names (``"What was tried", item N``)."""
    path = CONFIG_DIR / f"{trial}.yaml"
    match = re.search(r'"What was tried", item (\d+)', path.read_text()) if path.is_file() else None
    return int(match.group(1)) if match else None


def trial_row(trial: str, details: dict[str, Any]) -> dict[str, Any]:
    """One trial's comparison, in percentage points."""
    itool, sft = details["arms"]["itool"], details["arms"]["sft"]
    gap = {c: 100 * (itool["accuracy"][c] - sft["accuracy"][c]) for c in itool["accuracy"]}
    paired = details.get("itool_vs_sft") or {}
    return {
        "trial": trial,
        "item": item_number(trial),
        "itool": 100 * itool["overall"],
        "sft": 100 * sft["overall"],
        "diff": 100 * (itool["overall"] - sft["overall"]),
        "low": 100 * paired["low"] if "low" in paired else None,
        "high": 100 * paired["high"] if "high" in paired else None,
        "complex_gain": statistics.mean(gap[c] for c in COMPLEX),
        "simple_gain": gap["simple_python"],
        "parallel_itool": 100 * statistics.mean(
            itool["accuracy"][c] for c in ("parallel", "parallel_multiple")),
        "tokens": (itool.get("tokens"), sft.get("tokens")),
    }


def load_rows(trials_dir: Path = TRIALS_DIR) -> list[dict[str, Any]]:
    """Every committed trial with both arms evaluated, in item order."""
    rows = []
    for path in sorted(trials_dir.glob("*/outcome_details.json")):
        details = json.loads(path.read_text())
        if {"itool", "sft"} <= set(details.get("arms", {})):
            rows.append(trial_row(path.parent.name, details))
    return sorted(rows, key=lambda r: (r["item"] is None, r["item"] or 0, r["trial"]))


def pooled(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Means over the trials, with a t interval on the mean difference."""
    diffs = [r["diff"] for r in rows]
    mean = statistics.mean(diffs)
    half = (t_dist.ppf(0.975, len(diffs) - 1) * statistics.stdev(diffs) / len(diffs) ** 0.5
            if len(diffs) > 1 else None)
    return {
        "n": len(rows),
        "itool": statistics.mean(r["itool"] for r in rows),
        "sft": statistics.mean(r["sft"] for r in rows),
        "diff": mean,
        "low": mean - half if half is not None else None,
        "high": mean + half if half is not None else None,
        "complex_gain": statistics.mean(r["complex_gain"] for r in rows),
        "simple_gain": statistics.mean(r["simple_gain"] for r in rows),
        "ahead": sum(r["diff"] > 0 for r in rows),
        "shape": sum(r["complex_gain"] > r["simple_gain"] for r in rows),
    }


def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"[{low:+.1f}, {high:+.1f}]"


def table(rows: list[dict[str, Any]]) -> str:
    """The markdown table: one row per trial and the pooled row."""
    lines = [
        "| item | trial | itool | sft | itool − sft | 95% interval | complex − | simple_python − "
        "| itool parallel | goal met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        separable = r["low"] is not None and (r["low"] > 0 or r["high"] < 0)
        goal = r["diff"] > 0 and r["complex_gain"] > r["simple_gain"]
        lines.append(
            f"| {r['item'] or '–'} | `{r['trial']}` | {r['itool']:.1f} | {r['sft']:.1f} | "
            f"{signed(r['diff'])}{' (separable)' if separable else ''} | "
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


def write(page_path: Path, block: str) -> None:
    page = page_path.read_text()
    if MARK_BEGIN not in page or MARK_END not in page:
        raise SystemExit(f"error: {page_path} has no {MARK_BEGIN} ... {MARK_END} block to fill")
    head, rest = page.split(MARK_BEGIN, 1)
    page_path.write_text(head + MARK_BEGIN + "\n" + block + "\n" + MARK_END
                         + rest.split(MARK_END, 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help="put the table into docs/RESULTS.md between the trials markers")
    args = parser.parse_args()
    rows = load_rows()
    if not rows:
        raise SystemExit(f"error: no trial with both itool and sft evaluated under {TRIALS_DIR}")
    block = table(rows) + "\n\n" + legend()
    print(block)
    if args.write:
        write(ROOT / "docs/RESULTS.md", block)
        print("wrote docs/RESULTS.md")


if __name__ == "__main__":
    main()
