"""Generated training data beside BFCL: how requests are written and how the calls of
one request relate.

    .venv/bin/python benchmarks/request_style.py [--n 1200] [--seed 0]
        [--parallel-varied 0.3] [--repeat-function 0.0] [--out FILE.json]

Generates data as ``itool run`` does (the same generator, seed and shapes) and prints
``itool.data.style.request_style`` for each generated category next to its BFCL
counterpart (simple against simple_python), then BFCL's live categories. Only
aggregate figures are read from BFCL; no entry or function of it goes anywhere.
The dev set ranks rounds against BFCL's order (docs/RESULTS.md, items 27 to 29);
this measures where the two kinds of request differ.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from itool.data.generate import Shapes, generate
from itool.data.style import request_style
from itool.eval.bfcl_data import load_category

# (generated category, BFCL category) shown next to each other; None: no counterpart.
PAIRS = (
    ("simple", "simple_python"),
    ("multiple", "multiple"),
    ("parallel", "parallel"),
    ("parallel_multiple", "parallel_multiple"),
    (None, "live_simple"),
    (None, "live_multiple"),
)
COLUMNS = ("samples", "words", "args_per_call", "numeric_values", "written_values",
           "repeats_a_function", "several_values_differ")


def compare(n: int, seed: int, shapes: Shapes) -> dict[str, dict[str, Any]]:
    """``{"generated": {category: style}, "bfcl": {category: style}}``."""
    generated = request_style(generate(n, seed, shapes=shapes))
    bfcl = {c: request_style(load_category(c))[c] for _, c in PAIRS}
    return {"generated": {g: generated[g] for g, _ in PAIRS if g}, "bfcl": bfcl}


SHARES = ("numeric_values", "written_values", "repeats_a_function", "several_values_differ")


def _cell(column: str, value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if column in SHARES else f"{value:g}"


def table(styles: dict[str, dict[str, Any]]) -> str:
    lines = ["| data | category | " + " | ".join(COLUMNS) + " |",
             "|---|---|" + "---|" * len(COLUMNS)]
    for generated, bfcl in PAIRS:
        for source, category in (("generated", generated), ("BFCL", bfcl)):
            if category is None:
                continue
            row = styles[source.lower()][category]
            lines.append(f"| {source} | {category} | "
                         + " | ".join(_cell(c, row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    defaults = Shapes()
    parser.add_argument("--n", type=int, default=1200, help="samples to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--parallel-varied", type=float, default=defaults.parallel_varied)
    parser.add_argument("--repeat-function", type=float, default=defaults.repeat_function)
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    try:
        shapes = Shapes(args.parallel_varied, args.repeat_function)
    except ValueError as error:
        raise SystemExit(f"error: --{str(error).replace('_', '-', 1)}") from None
    if args.n < 50:
        raise SystemExit(f"error: --n must be at least 50 to fill every category, got {args.n}")
    styles = compare(args.n, args.seed, shapes)
    print(f"generated: {args.n} samples, seed {args.seed}, parallel_varied "
          f"{shapes.parallel_varied}, repeat_function {shapes.repeat_function}")
    print(table(styles))
    print("words: median words in the request; numeric_values and written_values: shares of "
          "the target's scalar values that are numbers, and that the request spells as "
          "written; repeats_a_function: samples calling one function twice or more; "
          "several_values_differ: of those repeated functions, the ones whose calls differ "
          "in two or more parameters.")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"n": args.n, "seed": args.seed,
                                        "shapes": vars(shapes), **styles}, indent=2) + "\n")


if __name__ == "__main__":
    main()
