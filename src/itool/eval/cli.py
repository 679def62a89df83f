"""``itool eval bfcl``: judge raw model outputs on BFCL; ``itool eval compare``: is one
model's BFCL result better than another's beyond the choice of entries?

::

    itool eval bfcl --predictions preds.jsonl --out result.json [--categories simple_python multiple]
    itool eval bfcl --model default --limit-per-category 20 --out result.json
    itool eval compare a.json b.json [--out comparison.json]

PRED is JSONL ``{"id": "<BFCL id>", "output": "<raw model text>"}``; RESULT is the
JSON document of :func:`itool.eval.bfcl.evaluate_predictions`. A short table goes to
stdout, warnings (unknown ids) to stderr.

Where outputs come from is decided in :func:`predictions_from_args`: a predictions
file, or a model (``--model``, see :mod:`itool.model.bfcl_generate`, which also writes
the raw outputs to ``result.predictions.jsonl`` and adds ``"generation"`` figures to
the result); everything after that is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from itool.data.formats.files import write_text_atomic
from itool.errors import DataError, UserError
from itool.eval.bfcl import evaluate_predictions
from itool.eval.bfcl_data import CATEGORIES
from itool.eval.compare import compare_results, format_comparison, read_result
from itool.model.bfcl_generate import add_generation_arguments, predictions_from_model
from itool.reward import RewardConfig
from itool.reward.cli import read_predictions

SHOWN_UNKNOWN = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="evaluate a model's outputs on a benchmark (BFCL)",
        description="Evaluate raw model outputs on a benchmark.",
    )
    benchmarks = parser.add_subparsers(dest="eval_command", metavar="BENCHMARK")
    parser.set_defaults(func=lambda args: _print_help(parser))
    bfcl = benchmarks.add_parser(
        "bfcl",
        help="BFCL verdicts (exactly BFCL's AST checker) plus the fragment deficiency profile",
        description=(
            "Judge raw model outputs on BFCL v4 single-turn categories with a reimplementation "
            "of BFCL's own decoder and AST checker, and grade each AST entry on the five reward "
            "dimensions to show which fragment of a call fails most."
        ),
    )
    add_bfcl_arguments(bfcl)
    bfcl.set_defaults(func=run_bfcl)
    compare = benchmarks.add_parser(
        "compare",
        help="is B better than A on BFCL? paired per-category differences with 95%% intervals",
        description=(
            "Compare two `itool eval bfcl` results on the entries both scored: per category "
            "and overall, B − A in points, the entries only one gets right, and a 95% interval "
            "from a paired, stratified bootstrap over the entries. The interval covers the "
            "choice of test entries, not the noise of training again with another seed."
        ),
    )
    compare.add_argument("a", metavar="A", help="result JSON of the reference model (itool eval bfcl --out)")
    compare.add_argument("b", metavar="B", help="result JSON of the model compared with it")
    compare.add_argument("--out", metavar="JSON", help="also write the comparison as JSON")
    compare.set_defaults(func=run_compare)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def add_bfcl_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``itool eval bfcl``. Output sources (``--predictions``, and later
    ``--model``) are not required by argparse: :func:`predictions_from_args` checks
    that exactly one is given."""
    parser.add_argument(
        "--predictions", metavar="PRED", help='JSONL of {"id": "<BFCL id>", "output": "<raw model text>"}'
    )
    parser.add_argument("--out", required=True, metavar="RESULT", help="where to write the result (JSON)")
    parser.add_argument(
        "--categories",
        nargs="+",
        metavar="CATEGORY",
        choices=CATEGORIES,
        help="categories to evaluate (default: those the prediction ids name); one of: "
        + ", ".join(CATEGORIES),
    )
    parser.add_argument(
        "--semantic",
        choices=("model", "lexical"),
        default="model",
        help="semantic similarity for the grades: all-MiniLM-L6-v2 (default) or a fast lexical one",
    )
    parser.add_argument(
        "--no-grades", action="store_true", help="only BFCL's verdicts: skip dimensions and grades (faster)"
    )
    add_generation_arguments(parser)


def predictions_from_args(args: argparse.Namespace) -> tuple[dict[str, str], Any]:
    """``{BFCL id: raw text}`` from wherever the command line says outputs come from,
    and the generation figures when a model produced them (else ``None``)."""
    if args.predictions and args.model:
        raise UserError("give either --predictions or --model, not both")
    if args.model:
        return predictions_from_model(args)
    if not args.predictions:
        raise UserError('give --predictions PRED (JSONL of {"id", "output"}) or --model M')
    return read_prediction_file(args.predictions), None


def read_prediction_file(path: str | Path) -> dict[str, str]:
    """PRED as ``{id: output}``; bad lines and repeated ids are ``FILE:LINE`` errors."""
    if not Path(path).is_file():
        raise UserError(f"{path}: no such file")
    outputs: dict[str, str] = {}
    first_seen: dict[str, str] = {}
    problems = []
    for prediction in read_predictions(path):
        if prediction.id in outputs:
            problems.append(
                (prediction.location, f"id {prediction.id!r} repeated (first at {first_seen[prediction.id]})")
            )
            continue
        outputs[prediction.id] = prediction.output
        first_seen[prediction.id] = prediction.location
    if problems:
        raise DataError(problems)
    return outputs


def run_bfcl(args: argparse.Namespace) -> int:
    predictions, generation = predictions_from_args(args)
    result = evaluate_predictions(
        predictions,
        args.categories,
        grades=not args.no_grades,
        reward_config=RewardConfig(semantic=args.semantic),
    )
    if generation is not None:
        result["generation"] = generation.to_dict()
    write_text_atomic(args.out, json.dumps(result, ensure_ascii=False, indent=1, default=repr) + "\n")
    unknown = result["summary"]["unknown_ids"]
    if unknown["count"]:
        shown = ", ".join(unknown["ids"][:SHOWN_UNKNOWN]) + (
            ", ..." if unknown["count"] > SHOWN_UNKNOWN else ""
        )
        print(
            f"itool: warning: {unknown['count']} prediction(s) with unknown BFCL ids: {shown}",
            file=sys.stderr,
        )
    print(format_summary(result["summary"]))
    if generation is not None:
        print(generation.line())
    print(f"wrote {args.out}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    comparison = compare_results(read_result(args.a), read_result(args.b))
    print(format_comparison(comparison, args.a, args.b))
    if args.out:
        write_text_atomic(args.out, json.dumps(comparison, indent=1) + "\n")
        print(f"wrote {args.out}")
    return 0


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as a small text table, with the weakest fragment per category."""
    fragments = summary.get("fragments", {})
    lines = [f"{'category':<24}{'accuracy':>9}{'correct':>9}{'total':>7}{'missing':>9}  weakest fragment"]
    categories = [c for c in CATEGORIES if c in summary]
    for name in [*categories, "overall"]:
        row = summary[name]
        accuracy = "-" if row["accuracy"] is None else f"{row['accuracy']:.1%}"
        weak = fragments.get("all" if name == "overall" else name, {})
        weakest = ""
        if weak.get("weakest"):
            weakest = f"{weak['weakest']} ({weak['failure_rate'][weak['weakest']]:.0%} fail)"
        lines.append(
            f"{name:<24}{accuracy:>9}{row['correct']:>9}{row['total']:>7}{row['missing']:>9}  {weakest}"
        )
    overall = summary["overall"]
    if overall["micro_accuracy"] is not None:
        lines.append(
            f"overall = unweighted mean over {overall['categories']} categories; "
            f"micro accuracy {overall['micro_accuracy']:.1%}"
        )
    ignored = summary["ignored"]["count"]
    if ignored:
        lines.append(f"{ignored} prediction(s) of BFCL categories not evaluated here were ignored")
    return "\n".join(lines)
