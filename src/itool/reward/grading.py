"""From a response to its five dimensions, grade and scalar ``q``.

Two steps, so that the semantic model can run once over a whole batch in between:
:func:`analyse` reads the response and compares its calls with the target (no
model), and :func:`assess` turns that analysis plus a semantic similarity into a
:class:`~itool.records.Score`. The rules are written out in ``docs/REWARD.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from itool.codec import ParseError, parse_calls, render_calls
from itool.records import DIMENSIONS, Sample, Score, ToolCall
from itool.reward.compare import CallComparison, CallReference, build_references, match_calls
from itool.reward.config import RewardConfig


@dataclass
class Analysis:
    """What the rules see in a response before semantic similarity is known.

    ``calls`` is ``None`` when the response holds no readable call (prose or broken
    syntax; ``parse_error`` says why). ``semantic_pair`` is the (response, target)
    texts to compare, or ``None`` when there is no reference text (similarity 1).
    """

    expects_call: bool
    calls: list[ToolCall] | None
    references: list[CallReference]
    pairs: list[tuple[int, int, CallComparison]]
    semantic_pair: tuple[str, str] | None
    parse_error: str | None = None
    attempted_call: bool = False  # unreadable text shaped like a call (see attempts_call)


CALL_START = re.compile(r"^\s*(?:```\w*\s*)?\[?\s*[A-Za-z_][\w.]*\(")


def attempts_call(text: str, tool_names: list[str]) -> bool:
    """Whether unreadable ``text`` is a broken call rather than a reply: it opens like
    a call (``[name(``, any name, also one the sample does not have) or names one of
    the sample's tools with an opening parenthesis. BFCL counts any text it cannot
    decode as a correct abstention; as a training signal that would reward broken
    calls on samples that need a text reply, so the reward tells the two apart."""
    if CALL_START.match(text):
        return True
    return any(re.search(rf"(?<![\w.]){re.escape(name)}\s*\(", text) for name in tool_names)


@dataclass
class Assessment:
    """A :class:`Score` and the reasons behind it, in words."""

    score: Score
    notes: list[str] = field(default_factory=list)


def canonical_text(calls: list[ToolCall]) -> str:
    """Calls in BFCL call syntax, or as JSON when a name cannot be written that way."""
    try:
        return render_calls(calls)
    except ValueError:
        return json.dumps([c.to_dict() for c in calls], ensure_ascii=False, default=str)


def analyse(sample: Sample, response: str,
            references: list[CallReference] | None = None) -> Analysis:
    """Read ``response`` and compare it with ``sample``'s target (no semantic model).
    Pass ``references`` (from :func:`build_references`) to reuse them across responses
    to the same sample."""
    if references is None:
        references = build_references(sample) if sample.expects_call else []
    try:
        calls: list[ToolCall] | None = parse_calls(response)
        parse_error = None
    except ParseError as err:
        calls, parse_error = None, err.reason
    text = response.strip()

    if not sample.expects_call:
        target_text = sample.target if isinstance(sample.target, str) else ""
        if calls:
            shown = canonical_text(calls)
        else:
            shown = text
        pair = (shown, target_text.strip()) if target_text.strip() else None
        attempted = calls is None and attempts_call(text, [t.name for t in sample.tools])
        return Analysis(False, calls, [], [], pair, parse_error, attempted)

    if not calls:
        pair = (text, canonical_text(sample.target_calls))
        return Analysis(True, calls, references, [], pair, parse_error)
    pairs = match_calls(calls, references)
    return Analysis(True, calls, references, pairs,
                    _aligned_texts(calls, pairs, references, sample.target_calls), parse_error)


def _aligned_texts(calls: list[ToolCall], pairs: list[tuple[int, int, CallComparison]],
                   references: list[CallReference], target: list[ToolCall]) -> tuple[str, str]:
    """The response and the target rendered so that only real differences differ.

    Calls go in target order and arguments in reference order (neither order
    matters to a call), and the target is the acceptable answer closest to the
    response: where the response gives an acceptable value (an alternative, another
    spelling BFCL accepts, an argument equal to its default) the target takes it, and
    an omittable argument the response leaves out is left out of the target too. So a
    right response renders exactly as its target, and a wrong one differs only where
    it is wrong.
    """
    shown, wanted = [], []
    for i, j, cmp in pairs:
        call, reference = calls[i], references[j]
        expected = dict(target[j].arguments) if j < len(target) else {}
        for name in cmp.right_values + cmp.neutral:
            expected[name] = call.arguments[name]
        for name, argument in reference.arguments.items():
            if argument.omittable and name not in call.arguments:
                expected.pop(name, None)
        order = {name: k for k, name in enumerate([*reference.arguments, *call.arguments])}
        last = len(order)
        shown.append(ToolCall(call.name, dict(sorted(call.arguments.items(),
                                                     key=lambda kv: order[kv[0]]))))
        wanted.append(ToolCall(reference.name, dict(sorted(expected.items(),
                                                           key=lambda kv: order.get(kv[0], last)))))
    matched_calls = {i for i, _, _ in pairs}
    matched_refs = {j for _, j, _ in pairs}
    shown += [c for i, c in enumerate(calls) if i not in matched_calls]
    wanted += [t for j, t in enumerate(target) if j not in matched_refs]
    return canonical_text(shown), canonical_text(wanted)


def _band(config: RewardConfig, grade: str, credit: float) -> float:
    low, high = config.grade_bands[grade]
    return low + (high - low) * min(1.0, max(0.0, credit))


def _weighted(config: RewardConfig, fractions: dict[str, float]) -> float:
    total = sum(config.weights.values())
    return sum(config.weights[d] * fractions[d] for d in DIMENSIONS) / total


def assess(analysis: Analysis, semantic: float, config: RewardConfig) -> Assessment:
    """Dimensions, grade and ``q`` of an analysed response, given its semantic
    similarity to the target."""
    semantic = min(1.0, max(0.0, float(semantic)))
    nothing = dict.fromkeys(DIMENSIONS[:4], 0.0) | {"semantic": semantic}

    if not analysis.expects_call:
        if analysis.calls or analysis.attempted_call:  # a call where none belongs
            what = "called" if analysis.calls else "tried to call (unreadably)"
            return _assessment([False] * 4, semantic, "poor", _weighted(config, nothing),
                               config, [f"{what} a function where a text reply was expected"])
        ok = semantic >= config.semantic_threshold
        notes = [] if ok else [f"reply differs from the reference text "
                               f"(similarity {semantic:.2f})"]
        return _assessment([True] * 4, semantic, "excellent" if ok else "acceptable",
                           semantic, config, notes)

    if not analysis.calls:
        why = (f"no call could be read: {analysis.parse_error}" if analysis.parse_error
               else "no call made")
        return _assessment([False] * 4, semantic, "poor", _weighted(config, nothing),
                           config, [why])

    pairs = [cmp for _, _, cmp in analysis.pairs]
    slots = max(len(analysis.calls), len(analysis.references))
    same_shape = len(analysis.calls) == len(analysis.references)
    dims = [
        same_shape and all(c.name_ok for c in pairs),
        all(c.count_ok for c in pairs),
        all(c.names_ok for c in pairs),
        all(c.values_ok for c in pairs),
    ]
    fractions = {
        "function_name": sum(c.name_ok for c in pairs) / slots,
        "param_count": sum(c.count_credit for c in pairs) / slots,
        "param_names": sum(c.names_credit for c in pairs) / slots,
        "param_values": sum(c.values_credit for c in pairs) / slots,
        "semantic": semantic,
    }
    credit = _weighted(config, fractions)
    notes = _call_notes(analysis)
    # No semantic test here: the texts compared are aligned (see _aligned_texts), so
    # a response whose calls are right renders exactly as its target (similarity 1),
    # and the similarity only measures how far the wrong parts are from right ones.
    if not dims[0]:
        grade = "poor"
    elif any(c.breaks_call for c in pairs):
        grade = "fair"
    else:
        minor = dims[1:].count(False)
        grade = ("excellent" if minor == 0 else
                 "acceptable" if minor <= config.max_minor_dimensions else "fair")
    return _assessment(dims, semantic, grade, credit, config, notes)


def _call_notes(analysis: Analysis) -> list[str]:
    notes = []
    calls, references = analysis.calls or [], analysis.references
    if len(calls) != len(references):
        notes.append(f"{len(calls)} call(s) made, {len(references)} expected")
    for i, j, cmp in analysis.pairs:
        label = f"call {references[j].name}"
        if not cmp.name_ok:
            notes.append(f"{label}: called {calls[i].name} instead")
        notes.extend(f"{label}: {note}" for note in cmp.notes())
    return notes


def _assessment(dims: list[bool], semantic: float, grade: str, credit: float,
                config: RewardConfig, notes: list[str]) -> Assessment:
    score = Score(*dims, semantic=semantic, grade=grade, q=_band(config, grade, credit))
    return Assessment(score, notes)
