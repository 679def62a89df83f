"""Turning a function and drawn values into what a user would type, and writing the
assistant's text replies (declining, asking for a missing value).

Three request forms give variety: a function's own templates ("Is {flight_number}
on time{+}?"), an intent with clauses ("Could you check a flight's status for flight
BA117 on March 3, 2025?"), and a terse list ("Check a flight's status: flight number
BA117, date 2025-03-03"). Politeness and connectors are layered on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random
from typing import Any

from itool.data.generate.dsl import (
    Bool,
    Custom,
    Follows,
    Function,
    ListOf,
    Obj,
    ObjList,
    Param,
    Val,
    placeholders,
)
from itool.data.generate.words import capitalize, decapitalize, join_words, tidy
from itool.records import ToolCall

P_EXTRA_OPTIONAL = 0.3  # chance that each optional parameter is mentioned as well
MAX_EXTRA_OPTIONAL = 2

GREETINGS = ("Hi! ", "Hello, ", "Hey, ", "Hi there, ", "Good morning! ", "Quick question: ")
THANKS = (" Thanks!", " Thank you.", " Thanks in advance.", " Cheers!", " Much appreciated.")
ASK_OPENERS = ("Can you ", "Could you ", "Could you please ", "Would you ", "Can you please ")
WANT_OPENERS = ("I'd like to ", "I need to ", "I want to ", "Please ", "Help me ", "")


@dataclass
class Request:
    """A request for one call: the function, the values (by base parameter name) and
    the text that mentions them."""

    fn: Function
    values: dict[str, Val]
    text: str
    intent: str  # the intent phrase the request used, or one of the function's

    @property
    def call(self) -> ToolCall:
        return ToolCall(self.fn.name, self.fn.call_args({k: v.value for k, v in self.values.items()}))

    def plain(self) -> dict[str, Any]:
        return {k: v.value for k, v in self.values.items()}


def is_scalar(param: Param) -> bool:
    """Whether a value of ``param`` can be listed alongside others ("Paris, Rome and
    Oslo"): not a list, object or phrase-valued boolean."""
    gen = param.gen
    if isinstance(gen, (ListOf, Obj, ObjList)):
        return False
    if isinstance(gen, Custom):
        return gen.schema.get("type") not in ("array", "object")
    return gen.schema.get("type") != "boolean"


def is_axis(param: Param, fn: Function) -> bool:
    """Whether calls may differ only in ``param`` ("the weather in Paris, Rome and
    Oslo"): names, places, codes and choices always; a number or date only when no
    other parameter of the function could be mistaken for it ("is 7, 11 and 15
    prime?", but never one side of a triangle or a latitude)."""
    if not (param.required and param.axis and is_scalar(param)):
        return False
    if is_entity(param):
        return True
    kind = param.gen.schema.get("type")
    return not any(
        is_entity(p) or p.gen.schema.get("type") == kind for p in fn.params if p is not param
    )


def is_entity(param: Param) -> bool:
    schema = param.gen.schema
    return schema.get("type") == "string" and "format" not in schema and is_scalar(param)


def draw(rng: Random, params: list[Param], fixed: dict[str, Val] | None = None) -> dict[str, Val]:
    """Values for ``params`` (keeping ``fixed`` ones) whose texts are all different, so
    that no two parameters can be confused in the request (origin != destination).
    Values that follow another parameter's value are drawn after it."""
    values = dict(fixed or {})
    later = [p for p in params if isinstance(p.gen, Follows)]
    for p in [p for p in params if p not in later] + later:
        if p.name in values:
            continue
        for _ in range(20):
            if isinstance(p.gen, Follows) and p.gen.ref in values:
                v = p.gen.after(rng, values[p.gen.ref].value)
            else:
                v = p.gen(rng)
            if all(v.text != o.text and v.value != o.value for o in values.values()):
                break
        values[p.name] = v
    return values


def _insert(template: str, slot: str, text: str) -> str:
    """Put ``text`` in place of ``slot``, turning a preceding "a" into "an" before a
    vowel ("a aisle seat" -> "an aisle seat")."""
    head, _, tail = template.partition(slot)
    if text[:1] in "aeioAEIO" and re.search(r"\b[Aa] $", head):
        head = head[:-2] + head[-2] + "n "
    return head + text + tail


def clause(rng: Random, param: Param, text: str) -> str:
    """A phrase that mentions one value: the parameter's own clause or a generic one."""
    if param.say:
        return _insert(rng.choice(param.say), "{}", text)
    return rng.choice((f"with {param.words} {text}", f"{param.words} {text}", f"using {param.words} {text}"))


def _clauses(rng: Random, params: list[Param], values: dict[str, Val]) -> str:
    return "".join(" " + clause(rng, p, values[p.name].text) for p in params)


def _fill(template: str, values: dict[str, Val], extra: str) -> str:
    text = template
    for name in placeholders(template):
        text = _insert(text, "{" + name + "}", values[name].text)
    if "{+}" in text:
        return text.replace("{+}", extra)
    stripped = text.rstrip(".?!")
    return stripped + extra + text[len(stripped):]


def _extra_optional(rng: Random, fn: Function, exclude: set[str]) -> list[Param]:
    chosen = [p for p in fn.optional if p.name not in exclude and rng.random() < P_EXTRA_OPTIONAL]
    return chosen[:MAX_EXTRA_OPTIONAL]


def request(
    rng: Random,
    fn: Function,
    fixed: dict[str, Val] | None = None,
    drop: str | None = None,
    form: str | None = None,
) -> Request:
    """A request for one call of ``fn``. ``fixed`` values are used as given; ``drop``
    leaves a required parameter out (the missing-parameter case); ``form`` forces
    "template", "intent" or "terse"."""
    templates = [t for t in fn.asks if drop is None or drop not in placeholders(t)]
    if form is None:
        r = rng.random()
        form = "template" if (r < 0.6 and templates) else "intent" if r < 0.9 else "terse"
    if form == "template" and not templates:
        form = "intent"
    template = rng.choice(templates) if form == "template" else ""
    intent = rng.choice(fn.intents)
    mentioned = [n for n in placeholders(template)]
    named = set(mentioned)
    params = [p for p in fn.params if p.name in named]
    params += [p for p in fn.required if p.name not in named and p.name != drop]
    params += _extra_optional(rng, fn, {p.name for p in params} | {drop or ""})
    values = draw(rng, params, {k: v for k, v in (fixed or {}).items() if k in fn.by_name})
    rest = [p for p in fn.params if p.name in values and p.name not in named]
    if form == "template":
        text = _fill(template, values, _clauses(rng, rest, values))
    elif form == "intent":
        opener = rng.choice(ASK_OPENERS + WANT_OPENERS)
        end = "?" if opener in ASK_OPENERS else "."
        text = capitalize(opener + intent + _clauses(rng, rest, values) + end)
    else:
        parts = [
            values[p.name].text if isinstance(p.gen, Bool) else f"{p.words} {values[p.name].text}"
            for p in rest
        ]
        text = capitalize(intent) + (": " + ", ".join(parts) if parts else "")
    return Request(fn, values, text, intent)


def polite(rng: Random, text: str) -> str:
    """Sometimes greet, sometimes thank; then tidy the whole message (see ``tidy``)."""
    if rng.random() < 0.2:
        greeting = rng.choice(GREETINGS)
        text = greeting + (decapitalize(text) if greeting.rstrip()[-1] in ",:" else text)
    if rng.random() < 0.2:
        text = _end(text) + rng.choice(THANKS)
    return tidy(text)


CONNECTORS = ("Also, ", "And ", "Then ", "Plus, ", "After that, ", "", "Next, ")


def combine(rng: Random, texts: list[str]) -> str:
    """Several requests in one message, joined the way people chain asks."""
    if len(texts) >= 3 and rng.random() < 0.35:
        firsts = ("First, ", "To start, ")
        texts = [_end(t) for t in texts]
        out = [rng.choice(firsts) + decapitalize(texts[0])]
        out += ["Then " + decapitalize(t) for t in texts[1:-1]]
        out.append("Finally, " + decapitalize(texts[-1]))
        return " ".join(out)
    texts = [_end(t) for t in texts]
    out = [texts[0]]
    for t in texts[1:]:
        conn = rng.choice(CONNECTORS)
        out.append(conn + decapitalize(t) if conn else t)
    return " ".join(out)


def _end(text: str) -> str:
    return text if text[-1:] in ".?!" else text + "."


def same_for(rng: Random, first: str, others: list[str], label: str = "") -> str:
    """"<request>. Do the same for X and Y." ``label`` names the parameter that
    changes when the bare values could be read as another parameter's."""
    rest = f"{label} {join_words(others)}" if label else join_words(others)
    tail = rng.choice(
        (
            f"Do the same for {rest}.",
            f"Then the same for {rest}.",
            f"Repeat that for {rest} too.",
            f"Same for {rest}, please.",
            f"And also for {rest}.",
        )
    )
    return f"{_end(first)} {tail}"


def follow_up_other(rng: Random, text: str) -> str:
    """A short follow-up that changes one value of the previous request; only for
    names, places and codes, which are clear without saying which parameter."""
    return rng.choice(
        (
            f"What about {text}?",
            f"And for {text}?",
            f"Now do the same for {text}.",
            f"Same again for {text}, please.",
            f"Great, can you also do {text}?",
        )
    )


def follow_up_add(rng: Random, phrase: str) -> str:
    """A short follow-up that adds one detail to the previous request. Clauses written
    to trail a request ("- just 5 of them", "(top 5)") lose their dash or brackets."""
    phrase = phrase.removeprefix("- ")
    if phrase.startswith("(") and phrase.endswith(")"):
        phrase = phrase[1:-1]
    return rng.choice(
        (
            f"Same again, but {phrase}.",
            f"Can you redo that {phrase}?",
            f"Try it again {phrase}, please.",
            f"OK, now {phrase}.",
        )
    )


def decline(rng: Random, intent: str, abilities: list[str]) -> str:
    """The reply when no available function fits the request."""
    can = join_words(abilities, "or")
    return rng.choice(
        (
            f"I'm sorry, but I can't {intent} with the tools I have here: they only let me {can}.",
            f"None of the available functions can {intent}, so I can't help with that request. "
            f"I can {can} if that's useful.",
            f"Unfortunately I don't have a tool to {intent}. The functions available to me "
            f"can only {can}.",
            f"That's not something I can do here: none of my tools can {intent}. "
            f"I'm able to {can}, though.",
        )
    )


def ask_missing(rng: Random, intent: str, param: Param) -> str:
    """The reply when a required value is missing: say what is needed and ask for it."""
    question = param.question
    return rng.choice(
        (
            f"Sure, I can {intent}. {question}",
            f"I can help with that, but I need the {param.words} first. {question}",
            f"Happy to {intent}. Before I do, one detail is missing: {decapitalize(question)}",
            f"To {intent} I need the {param.words}. {question}",
        )
    )
