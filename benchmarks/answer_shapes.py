"""What shape are a model's BFCL answers? Readable or not, how many calls, how many
arguments a call, per category.

    .venv/bin/python benchmarks/answer_shapes.py RESULT.json [RESULT.json ...]

Accuracy says whether an answer is right, not how it goes wrong. The rounds of
docs/RESULTS.md items 9-21 lose points by changing the answers' *shape*: calls that
stop after the first argument, one call where two are asked, argument lists that run
on. This reads the raw outputs each ``itool eval bfcl`` result keeps beside it
(``result.predictions.jsonl``), decodes them as BFCL does (:mod:`itool.eval.decode`;
nothing is evaluated), and prints one table per result: per category the answers,
the unreadable ones, the answers with two or more calls and the mean arguments per
decoded call; then the same over all categories. The outcome runner's multi-call
share reads answers with itool's own call parser (:func:`itool.codec.parse_calls`),
not BFCL's decoder, so its counts can differ by a few (40 against 39 and 59 against
62 parallel answers with two or more calls in docs/RESULTS.md item 22).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import Any

from itool.errors import UserError
from itool.eval.cli import read_prediction_file
from itool.eval.compare import read_result
from itool.eval.decode import DecodeError, decode_calls
from itool.model.bfcl_generate import predictions_path


def shapes(result: dict[str, Any], outputs: dict[str, str]) -> dict[str, dict[str, float]]:
    """``{category: {"answers", "unreadable", "multi_call", "calls", "args_per_call"}}``
    for the entries of ``result`` that have an output, plus an ``"all"`` row."""
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"answers": 0, "unreadable": 0, "multi_call": 0, "calls": 0, "args": 0})
    for entry in result["entries"]:
        if entry["id"] not in outputs:
            continue
        for row in (counts[entry["category"]], counts["all"]):
            row["answers"] += 1
            try:
                calls = decode_calls(outputs[entry["id"]])
            except DecodeError:
                row["unreadable"] += 1
                continue
            row["multi_call"] += len(calls) >= 2
            row["calls"] += len(calls)
            row["args"] += sum(len(arguments) for _, arguments in calls)
    table = {}
    for category, row in counts.items():
        table[category] = {key: row[key] for key in ("answers", "unreadable", "multi_call", "calls")}
        table[category]["args_per_call"] = row["args"] / row["calls"] if row["calls"] else 0.0
    return dict(sorted(table.items(), key=lambda item: item[0] == "all"))


def format_shapes(name: str, table: dict[str, dict[str, float]]) -> str:
    lines = [f"{name}", "| category | answers | unreadable | 2+ calls | calls | arguments per call |",
             "|---|---|---|---|---|---|"]
    for category, row in table.items():
        lines.append(f"| {category} | {row['answers']} | {row['unreadable']} | {row['multi_call']} "
                     f"| {row['calls']} | {row['args_per_call']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", metavar="RESULT.json",
                        help="an `itool eval bfcl --out` file with its predictions beside it")
    args = parser.parse_args(argv)
    try:
        for path in args.results:
            table = shapes(read_result(path), read_prediction_file(predictions_path(path)))
            print(format_shapes(path, table) + "\n")
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
