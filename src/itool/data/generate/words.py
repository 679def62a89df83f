"""How people say values: numbers in words, dates and times in several forms, lists.

Every function here maps a canonical value (what the call must contain) to one way a
user might say it. The generator picks among the ways with its own seeded ``Random``,
so the target stays exactly right while the wording varies.
"""

from __future__ import annotations

import datetime as dt
import re
from random import Random

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def int_words(n: int) -> str:
    """English words for a whole number below one billion: 42 -> "forty-two"."""
    if n < 0:
        return "minus " + int_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {int_words(rest)}" if rest else "")
    for size, word in ((1_000_000, "million"), (1000, "thousand")):
        if n >= size:
            high, rest = divmod(n, size)
            tail = ""
            if rest:
                tail = (" and " if rest < 100 else " ") + int_words(rest)
            return f"{int_words(high)} {word}{tail}"
    raise ValueError(n)  # pragma: no cover - unreachable for n < 1e9


# Fractions people say as words; the value is exact in binary floating point.
FRACTION_WORDS = {
    0.25: ("a quarter", "one quarter"),
    0.5: ("half", "a half", "one half"),
    0.75: ("three quarters",),
    1.5: ("one and a half",),
    2.5: ("two and a half",),
}


def say_int(rng: Random, n: int, words: float = 0.25) -> str:
    """Digits most of the time; words for small or round numbers with chance ``words``;
    thousands separators for big ones."""
    if rng.random() < words and (n <= 100 or (n % 100 == 0 and n < 1_000_000)):
        if n == 12 and rng.random() < 0.3:
            return "a dozen"
        return int_words(n)
    if n >= 10_000 and rng.random() < 0.5:
        return f"{n:,}"
    return str(n)


def say_number(rng: Random, x: float, words: float = 0.25) -> str:
    """A float as a user writes it: "2.5", "two and a half", "half"."""
    if x in FRACTION_WORDS and rng.random() < words * 2:
        return rng.choice(FRACTION_WORDS[x])
    if float(x).is_integer():
        return say_int(rng, int(x), words)
    return repr(float(x))


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def ordinal(n: int) -> str:
    """1 -> "1st", 22 -> "22nd", 13 -> "13th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_date(rng: Random, day: dt.date) -> str:
    """One of several unambiguous spellings of a date (never 03/04, which reads two ways)."""
    month, short = MONTHS[day.month - 1], MONTHS[day.month - 1][:3]
    forms = (
        day.isoformat(),
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{short} {day.day}, {day.year}",
        f"the {ordinal(day.day)} of {month} {day.year}",
        f"{month} {ordinal(day.day)}, {day.year}",
        f"{day.day} {short} {day.year}",
    )
    return rng.choice(forms)


def say_time(rng: Random, hour: int, minute: int) -> str:
    """"14:30", "2:30 pm", "2.30pm", "half past two in the afternoon", "noon"."""
    h12 = hour % 12 or 12
    ampm = "am" if hour < 12 else "pm"
    forms = [f"{hour:02d}:{minute:02d}", f"{h12}:{minute:02d} {ampm}", f"{h12}.{minute:02d}{ampm}"]
    if minute == 0:
        forms += [f"{h12} {ampm}", f"{h12}{ampm.upper()}"]
        if hour == 12:
            forms.append("noon")
    if minute == 30:
        part = "in the morning" if hour < 12 else "in the afternoon" if hour < 18 else "in the evening"
        forms.append(f"half past {int_words(h12)} {part}")
    return rng.choice(forms)


def join_words(items: list[str], conj: str = "and") -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def humanize(name: str) -> str:
    """A parameter name as words: "flight_number" / "flightNumber" -> "flight number"."""
    out = []
    for ch in name.replace(".", "_"):
        if ch.isupper():
            out.append(" " + ch.lower())
        else:
            out.append(" " if ch == "_" else ch)
    return " ".join("".join(out).split())


def camel(name: str) -> str:
    """"flight_number" -> "flightNumber"."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


_KEEP_CAPITAL = {"I", "I'd", "I'm", "I'll", "I've"}


def decapitalize(text: str) -> str:
    """Lower the first letter so a sentence can follow a connector ("Also, what's...")
    unless the first word is "I" or looks like a name or code (capitals inside it)."""
    first = text.split(" ", 1)[0]
    if first == "A":
        return "a" + text[1:]
    if first in _KEEP_CAPITAL or not first[1:].islower():
        return text
    return text[:1].lower() + text[1:]


# Nouns that follow a count in requests, so that "for 1 nights" reads "for 1 night".
_SINGULAR = {
    "nights": "night", "days": "day", "weeks": "week", "months": "month", "years": "year",
    "hours": "hour", "minutes": "minute", "seconds": "second", "guests": "guest",
    "passengers": "passenger", "travellers": "traveller", "stops": "stop", "results": "result",
    "items": "item", "tickets": "ticket", "seats": "seat", "rooms": "room",
    "bedrooms": "bedroom", "bathrooms": "bathroom", "servings": "serving", "shares": "share",
    "players": "player", "pages": "page", "questions": "question", "copies": "copy",
    "units": "unit", "adults": "adult", "children": "child", "people": "person",
    "points": "point", "laps": "lap", "rounds": "round", "credits": "credit", "times": "time",
    "episodes": "episode", "tracks": "track", "lines": "line", "dependants": "dependant",
    "kids": "kid", "moles": "mole", "litres": "litre", "metres": "metre", "kilometres": "kilometre",
    "lunar distances": "lunar distance", "matches": "match", "passes": "pass",
    "stars": "star", "occupants": "occupant", "eggs": "egg", "euros": "euro", "dollars": "dollar",
    "miles": "mile", "kilos": "kilo", "grams": "gram", "cups": "cup", "bags": "bag",
    "floors": "floor", "sets": "set", "reps": "rep", "votes": "vote", "licences": "licence",
}
_COUNT_NOUN = re.compile(r"\b(1|one) (" + "|".join(sorted(_SINGULAR, key=len, reverse=True)) + r")\b")


def singular_counts(text: str) -> str:
    """"for 1 nights" -> "for 1 night", "one people" -> "one person"."""
    return _COUNT_NOUN.sub(lambda m: f"{m.group(1)} {_SINGULAR[m.group(2)]}", text)


def tidy(text: str) -> str:
    """The last pass over a user's message: singular counts, no full stop after a
    question mark that ended a quoted value ("...tomorrow?."), no space before a
    comma or colon that a clause began with."""
    text = singular_counts(text)
    text = re.sub(r"([?!.])\.(?=\s|$)", r"\1", text)
    return re.sub(r" ([,;:])(?=\s)", r"\1", text)
