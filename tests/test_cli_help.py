"""Every ``itool`` command's --help renders, and reads as written: argparse formats
``%`` only in argument help, so a ``%%`` escape left in a description or epilog
shows up in the help text as a literal ``%%``."""

from __future__ import annotations

import argparse

from itool.cli import build_parser


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("itool",)):
    """The parser and every subcommand's parser below it, with the words that reach it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def test_every_help_text_renders_without_a_doubled_percent_sign():
    seen = list(commands(build_parser()))
    assert len(seen) > 10  # the walk reached the subcommands
    for path, parser in seen:
        text = parser.format_help()
        assert "%%" not in text, f"{' '.join(path)} --help shows '%%'"
