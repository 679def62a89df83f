"""The shape of a tool-call answer as far as it is written: the calls it begins,
whether its list is closed, and how many arguments its calls begin.

A round's pairs contrast content (a function name, a value) and shape (one call more
or less, an argument more or less). A 135M model generalises the shape: when most of a
round's pairs prefer the side with more calls, the next model closes its calls sooner
and begins another, on single-call requests too, dropping required arguments
(docs/RESULTS.md, item 38).
:func:`itool.search.pairs.balance_shapes` uses :func:`push` to keep a round's shape
pushes level. The reading works on cut-off text (a model's answer that ran out of
tokens), which no parser reads, and evaluates nothing.
"""

from __future__ import annotations

from typing import NamedTuple


class Shape(NamedTuple):
    """What an answer begins: its calls' names, whether its ``[...]`` list is closed,
    and how many arguments (``name=`` inside a call of the list) its calls begin."""

    names: list[str]
    closed: bool
    arguments: int

    def arguments_per_call(self) -> float | None:
        return self.arguments / len(self.names) if self.names else None


def shape(text: str) -> Shape:
    """The :class:`Shape` of ``text``, read character by character: quoted strings are
    skipped, so a parenthesis, bracket or ``=`` inside a value does not count, and a
    call nested in an argument is not a call of the answer's list."""
    names: list[str] = []
    depth, quote, word, closed, arguments = 0, "", "", False, 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
            continue
        if ch in "\"'":
            quote, word = ch, ""
        elif ch in "([{":
            if ch == "(" and depth == 1 and word:
                names.append(word)
            depth, word = depth + 1, ""
        elif ch in ")]}":
            depth, word = depth - 1, ""
            closed = closed or (ch == "]" and depth == 0)
        elif ch.isalnum() or ch in "_.":
            word += ch
        else:
            arguments += ch == "=" and depth == 2 and bool(word)
            if not ch.isspace():
                word = ""
    return Shape(names, closed, arguments)


def push(prefix: str, chosen: str, rejected: str) -> int:
    """Which way a pair pushes the answer's shape: +1 when its chosen side begins more
    calls than its rejected side, or as many with more arguments per call; -1 the
    other way round; 0 when both sides have the same shape or one begins no call
    (a text reply against a call is a matter of kind, not shape)."""
    a, b = shape(prefix + chosen), shape(prefix + rejected)
    if not a.names or not b.names:
        return 0
    if len(a.names) != len(b.names):
        return 1 if len(a.names) > len(b.names) else -1
    more, fewer = a.arguments_per_call(), b.arguments_per_call()
    return (more > fewer) - (more < fewer)
