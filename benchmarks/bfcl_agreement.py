"""How often does itool's BFCL checker agree with BFCL's own, and how fast is it?

Builds mutated raw outputs from every BFCL ground truth (see ``tests/bfcl_support.py``),
judges each with ``itool.eval.checker`` and with BFCL's official decoder and checker,
and prints agreement (verdicts and error types) per category and the speed of both.

    .venv/bin/python benchmarks/bfcl_agreement.py [--per-entry-seeds 3] [--show 10]

Measured with the defaults (2 shared CPU cores): 349,734 outputs over the 11
categories, 151,727 of them valid for BFCL; verdicts agree on 100.0000%, error types
on 100.00%; itool ~12,000 outputs/s, BFCL ~15,000 outputs/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bfcl_support import entries, mutated_outputs, official_checker, official_verdict  # noqa: E402
from itool.eval.bfcl import check_sample  # noqa: E402
from itool.eval.bfcl_data import CATEGORIES  # noqa: E402


def ours(entry, text):
    verdict = check_sample(entry.sample, text)
    return verdict.valid, verdict.kind


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-entry-seeds", type=int, default=3, help="mutation rounds per entry")
    parser.add_argument("--categories", nargs="*", default=list(CATEGORIES))
    parser.add_argument("--show", type=int, default=10, help="disagreements to print")
    args = parser.parse_args()

    official = official_checker()
    cases = []
    for category in args.categories:
        for entry in entries(category):
            for seed in range(args.per_entry_seeds):
                rng = random.Random(f"{entry.id}/{seed}")
                cases.extend((entry, label, text) for label, text in mutated_outputs(entry, rng))
    print(f"{len(cases)} outputs over {len(args.categories)} categories")

    start = time.perf_counter()
    mine = [ours(entry, text) for entry, _, text in cases]
    our_time = time.perf_counter() - start
    start = time.perf_counter()
    theirs = [official_verdict(official, entry, text) for entry, _, text in cases]
    their_time = time.perf_counter() - start

    per_category: dict[str, Counter] = defaultdict(Counter)
    disagreements = []
    for (entry, label, text), (valid, kind), (ref_valid, ref_kind) in zip(cases, mine, theirs, strict=True):
        stats = per_category[entry.category]
        stats["total"] += 1
        stats["valid"] += ref_valid
        stats["agree"] += valid == ref_valid
        stats["kind_agree"] += kind == ref_kind
        if valid != ref_valid:
            disagreements.append((entry.id, label, text, valid, kind, ref_valid, ref_kind))

    print(f"{'category':<24}{'outputs':>8}{'BFCL-valid':>11}{'agree':>9}{'error type':>12}")
    total = Counter()
    for category, stats in per_category.items():
        total.update(stats)
        print(
            f"{category:<24}{stats['total']:>8}{stats['valid']:>11}"
            f"{stats['agree'] / stats['total']:>9.2%}{stats['kind_agree'] / stats['total']:>12.2%}"
        )
    print(
        f"{'all':<24}{total['total']:>8}{total['valid']:>11}"
        f"{total['agree'] / total['total']:>10.4%}{total['kind_agree'] / total['total']:>12.2%}"
    )
    print(f"itool: {len(cases) / our_time:,.0f} outputs/s; BFCL: {len(cases) / their_time:,.0f} outputs/s")
    for row in disagreements[: args.show]:
        print("DISAGREE", row)
    return 0 if not disagreements else 1


if __name__ == "__main__":
    sys.exit(main())
