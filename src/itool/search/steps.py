"""Cut a response into steps that follow the structure of its tool calls.

iTool searches over *fragments* of a call, because that is where small models go
wrong: the function, one argument, the closing. For ``[f(a=1, b="x"), g()]``::

    "[f("  "a=1, "  'b="x"'  "), "  "g("  ")]"

* an opening: everything up to and including the function name's ``(`` (a leading
  ``[`` or code fence included);
* one fragment per argument, with its separator (``", "``);
* a closing: ``)`` with what follows it, up to the next call's name, or to the end.

A small scanner finds these boundaries (string literals and nested brackets
respected; nothing is evaluated). It reads left to right and never looks further ahead
than the next non-space character, so a partial response splits like the start of its
completion: that is what lets a tree node's prefix end exactly on a boundary. Text
that is not call-shaped (prose, a reply that declines) falls back to a character
pattern: after clause punctuation followed by a space and around parentheses, with
long pieces cut at a space. Fragments always concatenate back to the exact text.
"""

from __future__ import annotations

import re

_FENCE_OPEN = re.compile(r"\s*```[\w+-]*[ \t]*\n?")
_CALL_START = re.compile(r"\s*\[?\s*")
_CALL_SEPARATOR = re.compile(r"\s*,\s*")
_ARG_SEPARATOR = re.compile(r",\s*")
_NAME_OPEN = re.compile(r"[A-Za-z_][\w.\-]*(?: [A-Za-z_][\w.\-]*)*\s*\(")
_BARE_NAME_OPEN = re.compile(r"[A-Za-z_][\w.\-]*\(")  # without "[": prose is not a call
_PROSE_CUT = re.compile(r"[.,;:!?]\s+|[()]")
MAX_FRAGMENT_CHARS = 48  # longest prose fragment before it is cut at a space


def call_boundaries(text: str) -> list[int] | None:
    """Positions where call fragments end, or None if ``text`` is not call-shaped."""
    fence = _FENCE_OPEN.match(text)
    pos = fence.end() if fence else 0
    start = _CALL_START.match(text, pos)
    pos = start.end()
    opening = _NAME_OPEN if "[" in start.group() else _BARE_NAME_OPEN
    if opening.match(text, pos) is None:
        return None
    cuts: list[int] = []
    while True:
        name = opening.match(text, pos)
        if name is None:
            return cuts  # the rest belongs to the previous closing
        pos = name.end()
        cuts.append(pos)  # end of the opening
        pos = _scan_arguments(text, pos, cuts)
        if pos >= len(text):
            return cuts
        # text[pos] == ")": the closing runs to the next call's name, or to the end.
        pos += 1
        after = _CALL_SEPARATOR.match(text, pos)
        if after is None or after.end() >= len(text):
            return cuts
        pos = after.end()
        cuts.append(pos)


def _scan_arguments(text: str, pos: int, cuts: list[int]) -> int:
    """Scan one call's arguments from ``pos`` (just after its ``(``), appending a cut
    after each top-level separator and before the closing ``)``. Returns the index of
    that ``)``, or ``len(text)`` if the text ends first."""
    depth, quote, start = 0, "", pos
    while pos < len(text):
        char = text[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                if char == ")":
                    if text[start:pos].strip():
                        cuts.append(pos)
                    return pos
                return len(text)  # unbalanced: leave the rest as it is
            depth -= 1
        elif char == "," and depth == 0:
            pos = _ARG_SEPARATOR.match(text, pos).end()
            cuts.append(pos)
            start = pos
            continue
        pos += 1
    return pos


def prose_boundaries(text: str, max_chars: int = MAX_FRAGMENT_CHARS) -> list[int]:
    """Cuts after clause punctuation followed by spaces and after parentheses;
    pieces longer than ``max_chars`` are cut again at their last space before the
    limit (or at the limit when there is none)."""
    cuts, last = [], 0
    for cut in [m.end() for m in _PROSE_CUT.finditer(text)] + [len(text)]:
        while cut - last > max_chars:
            space = text.rfind(" ", last + 1, last + max_chars)
            last = space + 1 if space > last else last + max_chars
            cuts.append(last)
        if cut > last:
            cuts.append(cut)
            last = cut
    return cuts


def boundaries(text: str) -> list[int]:
    """Where the steps of a whole response end (exclusive of 0 and ``len(text)``)."""
    cuts = call_boundaries(text)
    if cuts is None:
        cuts = prose_boundaries(text)
    return [c for c in cuts if 0 < c < len(text)]


def _cut(text: str, cuts: list[int]) -> list[str]:
    """Pieces of ``text`` between cuts; a whitespace-only piece joins the next one
    (or the previous one, at the end), so no step is only spaces."""
    pieces, last = [], 0
    for cut in [*sorted(set(cuts)), len(text)]:
        if cut > last:
            pieces.append(text[last:cut])
            last = cut
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        if not piece.strip():
            carry += piece
            continue
        merged.append(carry + piece)
        carry = ""
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return merged


def split_response(text: str) -> list[str]:
    """The steps of a whole response; ``"".join(split_response(t)) == t``."""
    return _cut(text, boundaries(text))


def split_continuation(prefix: str, text: str) -> list[str]:
    """The steps of ``text`` written after ``prefix``: the boundaries of the whole
    response ``prefix + text`` that fall inside ``text``."""
    start = len(prefix)
    cuts = [c - start for c in boundaries(prefix + text) if c > start]
    return _cut(text, cuts)
