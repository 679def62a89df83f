"""The small language the function pool is written in.

A *generator* (``Gen``) draws a value together with the words a user would say for it
(``Val``) and knows the JSON schema of what it draws, so a parameter declared once
gives the schema in the tool list, the value in the target call, and the text in the
request, which therefore always agree. A ``Param`` adds a name, a description and the
clauses that mention it ("in {}", "for {} nights"); a ``Function`` adds a name, a
description, the intents it serves ("check a flight's status") and request templates.

Domain modules under ``pool/`` declare their functions with ``fn(...)`` and shared
parameters with ``P(...)``; each function takes a handful of lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from random import Random
from typing import Any

from itool.data.generate import words
from itool.records import FunctionSpec


@dataclass(frozen=True)
class Val:
    """A drawn value: ``value`` goes into the call, ``text`` into the user's request."""

    value: Any
    text: str


class Gen:
    """Draws ``Val``s; ``schema`` is the JSON schema of the values (without description)."""

    schema: dict[str, Any] = {}

    def __call__(self, rng: Random) -> Val:  # pragma: no cover - interface
        raise NotImplementedError


def _texts(spec: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Several alternatives may be written as one string separated by "|"."""
    if isinstance(spec, str):
        return tuple(s for s in spec.split("|"))
    return tuple(spec)


class Pick(Gen):
    """A string copied exactly from a pool (names, IDs, places). ``quote`` wraps the
    text in quotes with that probability, as users do for titles and messages."""

    def __init__(self, pool: tuple[str, ...] | list[str], quote: float = 0.0):
        self.pool = tuple(pool)
        self.quote = quote
        self.schema = {"type": "string"}

    def __call__(self, rng: Random) -> Val:
        value = rng.choice(self.pool)
        text = f'"{value}"' if rng.random() < self.quote else value
        return Val(value, text)


class Enum(Gen):
    """One of a fixed set of values (strings, or integers such as 1|4|12). ``say`` maps
    a value to the ways users name it; by default a value is said as itself with
    underscores turned into spaces."""

    def __init__(self, values: str | tuple[Any, ...], say: dict[Any, str] | None = None):
        self.values = _texts(values)
        self.say = {v: _texts(s) for v, s in (say or {}).items()}
        kind = "integer" if all(isinstance(v, int) for v in self.values) else "string"
        self.schema = {"type": kind, "enum": list(self.values)}

    def __call__(self, rng: Random) -> Val:
        value = rng.choice(self.values)
        return Val(value, rng.choice(self.say.get(value) or (str(value).replace("_", " "),)))


class Int(Gen):
    """A whole number in [lo, hi] (multiples of ``step``), said as digits or words."""

    def __init__(self, lo: int, hi: int, step: int = 1, words_p: float = 0.3):
        self.lo, self.hi, self.step, self.words_p = lo, hi, step, words_p
        self.schema = {"type": "integer"}

    def __call__(self, rng: Random) -> Val:
        n = rng.randrange(self.lo, self.hi + 1, self.step)
        return Val(n, words.say_int(rng, n, self.words_p))


class Num(Gen):
    """A number in [lo, hi] on a grid of ``step`` ("2.5", "two and a half", "half")."""

    def __init__(self, lo: float, hi: float, step: float = 0.5, words_p: float = 0.25):
        self.lo, self.hi, self.step, self.words_p = lo, hi, step, words_p
        self.schema = {"type": "number"}

    def __call__(self, rng: Random) -> Val:
        k = rng.randint(0, round((self.hi - self.lo) / self.step))
        x = round(self.lo + k * self.step, 6)
        return Val(x, words.say_number(rng, x, self.words_p))


class Measure(Gen):
    """A quantity in a fixed unit, said in whichever unit reads naturally: a metres
    parameter may be asked for as "2 km" (value 2000). ``forms`` lists
    ``(factor, "template with {}")``: the text shows value / factor, used only when
    that is a round or half number."""

    def __init__(
        self,
        lo: float,
        hi: float,
        step: float,
        forms: list[tuple[float, str]],
        integer: bool = True,
    ):
        self.lo, self.hi, self.step, self.forms, self.integer = lo, hi, step, forms, integer
        self.schema = {"type": "integer" if integer else "number"}

    def __call__(self, rng: Random) -> Val:
        k = rng.randint(0, round((self.hi - self.lo) / self.step))
        x = round(self.lo + k * self.step, 6)
        value = int(x) if self.integer else x
        usable = [(f, t) for f, t in self.forms if (x / f * 2).is_integer()]
        factor, template = rng.choice(usable or self.forms[:1])
        shown = round(x / factor, 6)
        return Val(value, template.format(words.say_number(rng, shown, 0.2)))


class Bool(Gen):
    """True or False, said as a phrase ("with breakfast" / "without breakfast")."""

    def __init__(self, yes: str, no: str, p_true: float = 0.5):
        self.yes, self.no, self.p_true = _texts(yes), _texts(no), p_true
        self.schema = {"type": "boolean"}

    def __call__(self, rng: Random) -> Val:
        flag = rng.random() < self.p_true
        return Val(flag, rng.choice(self.yes if flag else self.no))


class Date(Gen):
    """A calendar date between two ISO dates, value ``YYYY-MM-DD``."""

    def __init__(self, lo: str = "2024-01-01", hi: str = "2026-12-31"):
        self.lo, self.span = dt.date.fromisoformat(lo), (
            dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)
        ).days
        self.schema = {"type": "string", "format": "date"}

    def __call__(self, rng: Random) -> Val:
        day = self.lo + dt.timedelta(days=rng.randint(0, self.span))
        return Val(day.isoformat(), words.say_date(rng, day))


class Follows(Gen):
    """A value drawn from the value of another parameter ``ref`` (a unit of the same
    kind as another unit). ``draw(rng, ref_value) -> Val``; drawn alone, it follows
    a value of ``alone``."""

    def __init__(self, ref: str, schema: dict[str, Any], draw: Callable[[Random, Any], Val], alone: Gen):
        self.ref, self.schema, self.draw, self.alone = ref, schema, draw, alone

    def after(self, rng: Random, ref_value: Any) -> Val:
        return self.draw(rng, ref_value)

    def __call__(self, rng: Random) -> Val:
        return self.after(rng, self.alone(rng).value)


class DateAfter(Follows):
    """A date ``lo``..``hi`` days after the date drawn for parameter ``ref`` (a
    return after a departure)."""

    def __init__(self, ref: str, lo: int = 1, hi: int = 21):
        super().__init__(ref, {"type": "string", "format": "date"}, self._after, Date())
        self.lo, self.hi = lo, hi

    def _after(self, rng: Random, start: str) -> Val:
        day = dt.date.fromisoformat(start) + dt.timedelta(days=rng.randint(self.lo, self.hi))
        return Val(day.isoformat(), words.say_date(rng, day))


class Time(Gen):
    """A time of day on a quarter-hour grid between two hours, value ``HH:MM``."""

    def __init__(self, lo_hour: int = 7, hi_hour: int = 21):
        self.lo, self.hi = lo_hour, hi_hour
        self.schema = {"type": "string", "format": "time"}

    def __call__(self, rng: Random) -> Val:
        hour, minute = rng.randint(self.lo, self.hi), rng.choice((0, 0, 15, 30, 30, 45))
        return Val(f"{hour:02d}:{minute:02d}", words.say_time(rng, hour, minute))


class DateTime(Gen):
    """A date and a time, value ``YYYY-MM-DDTHH:MM``, said "March 3, 2025 at 2:30 pm"."""

    def __init__(self):
        self.date, self.time = Date("2024-06-01", "2026-12-31"), Time()
        self.schema = {"type": "string", "format": "date-time"}

    def __call__(self, rng: Random) -> Val:
        day, clock = self.date(rng), self.time(rng)
        return Val(f"{day.value}T{clock.value}", f"{day.text} at {clock.text}")


class Code(Gen):
    """An identifier from a pattern: ``#`` digit, ``@`` capital letter, anything else
    literal ("ORD-#####" -> "ORD-48213"). Users copy these exactly."""

    def __init__(self, pattern: str, quote: float = 0.0):
        self.pattern, self.quote = pattern, quote
        self.schema = {"type": "string"}

    def __call__(self, rng: Random) -> Val:
        out = []
        for ch in self.pattern:
            if ch == "#":
                out.append(str(rng.randint(0, 9)))
            elif ch == "@":
                out.append(chr(ord("A") + rng.randint(0, 25)))
            else:
                out.append(ch)
        value = "".join(out)
        return Val(value, f'"{value}"' if rng.random() < self.quote else value)


class ListOf(Gen):
    """An array of ``k`` distinct scalar items, said "a, b and c"."""

    def __init__(self, item: Gen, lo: int = 2, hi: int = 4, conj: str = "and"):
        self.item, self.lo, self.hi, self.conj = item, lo, hi, conj
        self.schema = {"type": "array", "items": dict(item.schema)}

    @staticmethod
    def distinct(v: Val, other: Val) -> bool:
        return v.value != other.value and v.text != other.text

    def __call__(self, rng: Random) -> Val:
        k = rng.randint(self.lo, self.hi)
        items: list[Val] = []
        for _ in range(k * 6):
            v = self.item(rng)
            if all(self.distinct(v, o) for o in items):
                items.append(v)
            if len(items) == k:
                break
        return Val([v.value for v in items], words.join_words([v.text for v in items], self.conj))


@dataclass(frozen=True)
class Field:
    """A property of an object value: its generator, a clause to say it ("{} kg"),
    and how often it appears when optional (``p`` = 1 means required)."""

    name: str
    description: str
    gen: Gen
    say: str = "{}"
    p: float = 1.0


class Obj(Gen):
    """A nested object; the text says each present field with its clause, joined by
    ``sep`` and put into ``wrap``. Optional fields (``p`` < 1) are present with that
    probability."""

    def __init__(self, fields: list[Field], sep: str = ", ", wrap: str = "{}"):
        self.fields, self.sep, self.wrap = fields, sep, wrap
        self.schema = {
            "type": "object",
            "properties": {
                f.name: {**f.gen.schema, "description": f.description} for f in fields
            },
            "required": [f.name for f in fields if f.p >= 1.0],
        }

    def __call__(self, rng: Random) -> Val:
        value: dict[str, Any] = {}
        parts: list[str] = []
        present = [f.p >= 1.0 or rng.random() < f.p for f in self.fields]
        if not any(present):  # an all-optional object still says something
            present[rng.randrange(len(self.fields))] = True
        for f, here in zip(self.fields, present, strict=True):
            if here:
                v = f.gen(rng)
                value[f.name] = v.value
                parts.append(f.say.format(v.text))
        return Val(value, self.wrap.format(self.sep.join(parts)))


class ObjList(ListOf):
    """An array of objects (line items, attendees), said "2 x A and 1 x B"; items
    differ in their first field."""

    def __init__(self, item: Obj, lo: int = 1, hi: int = 3, conj: str = "and"):
        super().__init__(item, lo, hi, conj)

    @staticmethod
    def distinct(v: Val, other: Val) -> bool:
        return next(iter(v.value.values())) != next(iter(other.value.values()))


class Custom(Gen):
    """Anything the combinators above do not say well: ``draw(rng) -> Val``."""

    def __init__(self, schema: dict[str, Any], draw: Callable[[Random], Val]):
        self.schema, self.draw = schema, draw

    def __call__(self, rng: Random) -> Val:
        return self.draw(rng)


_NO_DEFAULT = object()


@dataclass(frozen=True)
class Param:
    """A parameter of a function.

    ``say`` are clauses that mention the value when it is added to a request ("for
    {} guests"); ``label`` names it in words and ``ask`` is the question an assistant
    asks when the user left a required value out. ``axis`` says whether parallel
    calls may differ only in this value.
    """

    name: str
    description: str
    gen: Gen
    say: tuple[str, ...] = ()
    label: str = ""
    ask: str = ""
    required: bool = True
    default: Any = _NO_DEFAULT
    axis: bool = True

    def opt(self, default: Any = _NO_DEFAULT) -> Param:
        """The same parameter, optional, with an optional default."""
        return replace(self, required=False, default=default)

    def as_(self, name: str, description: str | None = None, say: str | None = None) -> Param:
        """The same kind of value under another name (``origin`` vs ``destination``)."""
        return replace(
            self,
            name=name,
            description=description or self.description,
            say=_texts(say) if say else self.say,
            label="",
        )

    @property
    def words(self) -> str:
        return self.label or words.humanize(self.name)

    @property
    def question(self) -> str:
        if self.ask:
            return self.ask
        if self.gen.schema.get("type") == "integer" and self.words.endswith("s"):
            return f"How many {self.words}?"
        return f"What {self.words} should I use?"

    def schema(self) -> dict[str, Any]:
        out = {**self.gen.schema, "description": self.description}
        if self.default is not _NO_DEFAULT:
            out["default"] = self.default
        return out


def P(
    name: str,
    description: str,
    gen: Gen,
    say: str = "",
    label: str = "",
    ask: str = "",
    axis: bool = True,
) -> Param:
    """Declare a parameter. ``say`` are clauses mentioning the value ("for {} nights"),
    alternatives separated by "|"; without one a generic clause names the parameter.
    ``axis=False`` keeps it from being the value that varies across parallel calls
    (a title: nobody creates three itineraries that differ only in name)."""
    return Param(name, description, gen, _texts(say) if say else (), label, ask, axis=axis)


_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")


def placeholders(template: str) -> list[str]:
    """Base parameter names a template mentions, in order."""
    return _PLACEHOLDER.findall(template)


def _is_camel(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", name))


@dataclass
class Function:
    """A function of the pool, written once, rendered as a ``FunctionSpec``.

    Parameters are declared with snake_case base names; a camelCase function gets
    camelCase parameter names in its schema and calls. ``intents`` are verb phrases
    without values ("check a flight's status"); ``asks`` are request templates with
    ``{param}`` placeholders and an optional ``{+}`` where further clauses go.
    ``returns(rng, args) -> dict`` makes a plausible tool result, and ``answer`` is a
    template over args and result that an assistant would reply with.
    ``needs_tool`` is False for what an assistant could answer without any tool
    (arithmetic, unit conversion): such requests never serve as "irrelevant" ones,
    since declining them would teach the wrong reply.
    """

    name: str
    description: str
    params: tuple[Param, ...]
    intents: tuple[str, ...]
    asks: tuple[str, ...]
    returns: Callable[[Random, dict[str, Any]], dict[str, Any]] | None = None
    answer: tuple[str, ...] = ()
    domain: str = ""
    needs_tool: bool | None = None  # None: the domain module's NEEDS_TOOL decides
    _specs: dict[bool, FunctionSpec] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.by_name = {p.name: p for p in self.params}

    def arg_name(self, base: str) -> str:
        return words.camel(base) if _is_camel(self.name) else base

    @property
    def required(self) -> list[Param]:
        return [p for p in self.params if p.required]

    @property
    def optional(self) -> list[Param]:
        return [p for p in self.params if not p.required]

    def call_args(self, values: dict[str, Any]) -> dict[str, Any]:
        """Base-named values -> the call's arguments, in declaration order."""
        return {self.arg_name(p.name): values[p.name] for p in self.params if p.name in values}

    def spec(self, python_style: bool = False) -> FunctionSpec:
        """The function as a tool: JSON-schema names, or the python style that BFCL and
        ToolACE write (``dict``/``float``). Cached; treat the result as read-only."""
        if python_style not in self._specs:
            params = {
                "type": "object",
                "properties": {self.arg_name(p.name): p.schema() for p in self.params},
                "required": [self.arg_name(p.name) for p in self.required],
            }
            if python_style:
                params = _python_style(params)
            self._specs[python_style] = FunctionSpec(self.name, self.description, params)
        return self._specs[python_style]


def _python_style(schema: Any) -> Any:
    if isinstance(schema, dict):
        out = {k: _python_style(v) for k, v in schema.items()}
        if out.get("type") == "object":
            out["type"] = "dict"
        elif out.get("type") == "number":
            out["type"] = "float"
        return out
    if isinstance(schema, list):
        return [_python_style(v) for v in schema]
    return schema


def fn(
    name: str,
    description: str,
    params: list[Param],
    intents: str,
    asks: str,
    returns: Callable[[Random, dict[str, Any]], dict[str, Any]] | None = None,
    answer: str = "",
    needs_tool: bool | None = None,
) -> Function:
    """Declare a function; ``intents``, ``asks`` and ``answer`` alternatives are
    separated by "|"."""
    return Function(
        name,
        description,
        tuple(params),
        _texts(intents),
        _texts(asks),
        returns,
        _texts(answer) if answer else (),
        needs_tool=needs_tool,
    )


@dataclass(frozen=True)
class Chain:
    """Two functions where the second needs a value from the first one's result
    ("find the customer by email, then list their orders").

    ``link`` maps a parameter of the second function to a function of the first
    result that picks the value; ``asks`` are request templates over both functions'
    parameters (shared base names share one value).
    """

    first: str
    second: str
    link: dict[str, Callable[[dict[str, Any]], Any]]
    asks: tuple[str, ...]


def chain(first: str, second: str, link: dict[str, Any], asks: str) -> Chain:
    """Declare a chain; a ``link`` value may be a result key instead of a function."""
    resolved = {
        k: (v if callable(v) else (lambda res, key=v: res[key])) for k, v in link.items()
    }
    return Chain(first, second, resolved, _texts(asks))
