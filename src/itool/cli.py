"""The ``itool`` command: a thin layer of argparse over functions the tests call.

Each command group lives in the module that owns its work and exposes
``register(subparsers)``; a registered command sets ``func(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from itool import __version__
from itool.errors import DataError, UserError

# Modules that add subcommands, in the order they appear in ``itool --help``.
COMMAND_MODULES = (
    "itool.data.cli",
    "itool.reward.cli",
    "itool.eval.cli",
    "itool.train.cli",
    "itool.loop.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itool",
        description=(
            "Make a language model better at calling tools: easy-to-hard warmup SFT, "
            "step-level MCTS over its own tool-call responses, preference pairs, "
            "DPO/SimPO, and BFCL evaluation (iTool, arXiv:2501.09766)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"itool {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except DataError as err:
        for where, why in err.problems:
            print(f"{where}: {why}", file=sys.stderr)
        return 1
    except UserError as err:
        print(f"itool: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("itool: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
