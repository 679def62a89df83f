"""``itool data ...``: validate, convert and describe dataset files.

A thin layer over :mod:`itool.data.formats` and :mod:`itool.data.stats`. Other modules
add ``data`` subcommands by putting a function that takes the ``data`` subparsers
into :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from itool.data.curriculum import difficulty_stats, format_difficulty
from itool.data.formats import FORMATS, WRITABLE_FORMATS, LoadResult, load_samples, write_samples
from itool.data.generate.cli import add_generate
from itool.data.stats import dataset_stats
from itool.data.style import request_style
from itool.errors import DataError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "data",
        help="validate, convert and describe datasets",
        description="Dataset files: ToolACE, sharegpt (LLaMA-Factory), OpenAI chat, BFCL.",
    )
    commands = parser.add_subparsers(dest="data_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda args: _print_help(parser))
    for add_subcommand in SUBCOMMANDS:
        add_subcommand(commands)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="dataset file (JSON list or JSONL)")
    parser.add_argument("--format", default="auto", choices=("auto", *FORMATS),
                        help="input format (default: detect it from the file)")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="skip bad records (each is reported) instead of failing")


def add_validate(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate", help="check every record of a dataset file",
        description="Check every record; print one FILE:RECORD: reason line per bad record "
                    "(RECORD = line number in JSONL, index in a JSON list).",
    )
    _add_input_arguments(parser)
    parser.set_defaults(func=validate_command)


def add_convert(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "convert", help="convert a dataset file to another format",
        description="Convert between formats, keeping tools, context turns and calls. "
                    "OUT ending in .jsonl is written as JSONL, otherwise as a JSON list.",
    )
    _add_input_arguments(parser)
    parser.add_argument("--to", required=True, choices=WRITABLE_FORMATS, help="output format")
    parser.add_argument("--out", required=True, metavar="OUT", help="output file")
    parser.set_defaults(func=convert_command)


def add_stats(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "stats", help="count samples, calls and categories",
        description="Samples, target calls, samples per category (the record's own "
                    "category, else the one its shape implies), how each category's "
                    "requests are written and its calls relate (style), and difficulty.",
    )
    _add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=stats_command)


# Each takes the ``data`` subparsers and adds one subcommand.
SUBCOMMANDS = [add_validate, add_convert, add_stats, add_generate]


def validate_command(args: argparse.Namespace) -> int:
    result = _load(args, problems_to=sys.stdout)
    if result is None:
        return 1
    print(f"{args.file}: {_summary(result)}")
    return 0


def convert_command(args: argparse.Namespace) -> int:
    result = _load(args, problems_to=sys.stderr)
    if result is None:
        return 1
    written = write_samples(result.samples, args.out, args.to)
    print(f"{args.out}: wrote {written} {args.to} records from {args.file} ({_summary(result)})")
    return 0


def stats_command(args: argparse.Namespace) -> int:
    result = _load(args, problems_to=sys.stderr)
    if result is None:
        return 1
    stats = {"records": result.records, **dataset_stats(result.samples),
             "style": request_style(result.samples),
             "difficulty": difficulty_stats(result.samples)}
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        difficulty = stats.pop("difficulty")
        _print_tree(stats)
        print(format_difficulty(difficulty))
    return 0


def _load(args: argparse.Namespace, problems_to: TextIO) -> LoadResult | None:
    """Load the input; on bad records print one ``FILE:RECORD: reason`` line each and
    return None. Skipped records are listed too (on stderr), never dropped silently."""
    try:
        result = load_samples(args.file, format=args.format, skip_invalid=args.skip_invalid)
    except DataError as err:
        for where, why in err.problems:
            print(f"{where}: {why}", file=problems_to)
        print(f"itool: error: {len(err.problems)} invalid record(s) in {args.file} "
              "(--skip-invalid skips them)", file=sys.stderr)
        return None
    for where, why in result.problems:
        print(f"skipped {where}: {why}", file=sys.stderr)
    return result


def _summary(result: LoadResult) -> str:
    text = (f"{result.format}, {result.records} records, {len(result.samples)} samples, "
            f"{result.calls} calls")
    if result.skipped:
        text += f", {result.skipped} invalid records skipped"
    return text


def _print_tree(data: dict[str, Any], indent: str = "") -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print_tree(value, indent + "  ")
        else:
            print(f"{indent}{key}: {value}")
