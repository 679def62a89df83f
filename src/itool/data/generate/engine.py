"""Build samples of every category from the function pool.

One seeded ``random.Random`` drives everything (the pool and its order are fixed in
code), so the same arguments give the same samples. Each category has a builder that
returns the tools offered, the conversation so far and the target; ``generate`` plans
how many of each category to make, keeps queries unique (so no duplicate
(query, target) pairs, and a dev split by query is disjoint from train), checks every
target call against its schema, and scores complexity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from random import Random
from typing import Any

from tqdm import tqdm

from itool.data.complexity import complexity
from itool.data.generate import phrasing
from itool.data.generate.dsl import Chain, Function
from itool.data.generate.pool import Pool, load_pool
from itool.data.generate.validate import check_call
from itool.data.generate.words import join_words, tidy
from itool.records import Message, Sample, ToolCall

CATEGORIES = (
    "simple",
    "multiple",
    "parallel",
    "parallel_multiple",
    "irrelevance",
    "missing_parameter",
    "multi_turn",
)

# Calls are the bulk; declining, asking and using tool results get enough examples
# for a small model to learn that not every turn is a single call.
DEFAULT_MIX = {
    "simple": 0.2,
    "multiple": 0.2,
    "parallel": 0.12,
    "parallel_multiple": 0.12,
    "irrelevance": 0.12,
    "missing_parameter": 0.08,
    "multi_turn": 0.16,
}

MAX_ATTEMPTS = 200  # draws per sample before giving up on finding an unused query


@dataclass(frozen=True)
class Shapes:
    """How the calls of one request relate to each other. BFCL's parallel entries
    mostly change several values from call to call ("a triangle with base 10 and
    height 5, and one with base 8 and height 6") and its parallel_multiple entries
    often call one function twice; the defaults, the generator's original shapes,
    mostly change one value and rarely repeat a function (``benchmarks/
    request_style.py`` measures both). Defaults draw exactly as before, so that a
    seed still gives the data earlier runs trained on.
    """

    #: share of parallel samples written as separate requests, each with its own
    #: values (the rest change one value: "the weather in Paris, Rome and Oslo")
    parallel_varied: float = 0.3
    #: share of parallel_multiple samples that call their first function twice
    repeat_function: float = 0.0

    def __post_init__(self) -> None:
        for name in ("parallel_varied", "repeat_function"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")


def parse_mix(text: str) -> dict[str, float]:
    """"simple=0.3,multiple=0.2" -> weights for those categories (others get 0).
    Raises ``ValueError`` with a readable reason."""
    mix: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, weight = part.partition("=")
        name = name.strip()
        if not sep or name not in CATEGORIES:
            raise ValueError(
                f"bad mix entry {part!r}: expected CATEGORY=WEIGHT with CATEGORY one of "
                + ", ".join(CATEGORIES)
            )
        try:
            value = float(weight)
        except ValueError:
            raise ValueError(f"bad weight in mix entry {part!r}: not a number") from None
        if value < 0:
            raise ValueError(f"bad weight in mix entry {part!r}: negative")
        mix[name] = value
    if not mix or sum(mix.values()) <= 0:
        raise ValueError("the mix needs at least one category with a positive weight")
    return mix


def plan(n: int, mix: dict[str, float], rng: Random) -> list[str]:
    """``n`` category names in proportion to ``mix`` (largest remainders), shuffled."""
    total = sum(mix.values())
    exact = {c: n * mix.get(c, 0.0) / total for c in CATEGORIES}
    counts = {c: int(exact[c]) for c in CATEGORIES}
    by_remainder = sorted(CATEGORIES, key=lambda c: (-(exact[c] - counts[c]), CATEGORIES.index(c)))
    for c in by_remainder[: n - sum(counts.values())]:
        counts[c] += 1
    order = [c for c in CATEGORIES for _ in range(counts[c])]
    rng.shuffle(order)
    return order


@dataclass
class Draft:
    """A sample before ids, schema style and scores: the functions offered, the
    conversation, and the target (calls or a text reply)."""

    tools: list[Function]
    messages: list[Message]
    target: list[ToolCall] | str
    domain: str
    asked: str | None = None  # the function a text-target request was written for


def _user(text: str) -> Message:
    return Message("user", text)


def _tool_result(fn: Function, result: dict[str, Any]) -> Message:
    return Message("tool", json.dumps(result, ensure_ascii=False), name=fn.name)


def _format(template: str, values: dict[str, Any]) -> str:
    return template.format_map(values)


class Builder:
    """One method per category; each draws from ``rng`` and returns a ``Draft``."""

    def __init__(self, pool: Pool, rng: Random, shapes: Shapes | None = None):
        self.pool, self.rng, self.shapes = pool, rng, shapes or Shapes()
        self.parallel_fns = [f for f in pool.functions if any(phrasing.is_axis(p, f) for p in f.params)]
        self.answering = [f for f in pool.functions if f.returns and f.answer]
        self.needs_tool = [f for f in pool.functions if f.needs_tool]

    def build(self, category: str) -> Draft:
        return getattr(self, category)()

    # -- helpers --------------------------------------------------------------------

    def _fn(self, among: list[Function] | None = None) -> Function:
        return self.rng.choice(among or self.pool.functions)

    def _distractors(self, used: list[Function], lo: int, hi: int) -> list[Function]:
        """Other functions to offer: half the time from the same domain as the first
        used one (harder to tell apart), otherwise from anywhere."""
        k = self.rng.randint(lo, hi)
        taken = {f.name for f in used}
        for f in used:
            taken |= self.pool.alike.get(f.name, set())
        same = [f for f in self.pool.by_domain[used[0].domain] if f.name not in taken]
        source = same if (same and self.rng.random() < 0.5) else self.pool.functions
        out: list[Function] = []
        for f in self.rng.sample(source, min(len(source), k + len(taken))):
            if f.name not in taken and len(out) < k:
                out.append(f)
                taken.add(f.name)
        return out

    def _offer(self, used: list[Function], extra: list[Function]) -> list[Function]:
        tools = list({f.name: f for f in used}.values()) + extra
        self.rng.shuffle(tools)
        return tools

    # -- categories -----------------------------------------------------------------

    def simple(self) -> Draft:
        req = phrasing.request(self.rng, self._fn())
        return Draft([req.fn], [_user(phrasing.polite(self.rng, req.text))], [req.call], req.fn.domain)

    def multiple(self) -> Draft:
        req = phrasing.request(self.rng, self._fn())
        tools = self._offer([req.fn], self._distractors([req.fn], 1, 4))
        return Draft(tools, [_user(phrasing.polite(self.rng, req.text))], [req.call], req.fn.domain)

    def parallel(self) -> Draft:
        rng = self.rng
        fn = self._fn(self.parallel_fns)
        k = rng.randint(2, 4)
        if rng.random() < self.shapes.parallel_varied:
            reqs = self._distinct_requests([fn] * k)
            text = phrasing.combine(rng, [r.text for r in reqs])
            calls = [r.call for r in reqs]
        else:
            text, calls = self._same_function_varied(fn, k)
        tools = [fn] if rng.random() < 0.6 else self._offer([fn], self._distractors([fn], 1, 3))
        return Draft(tools, [_user(phrasing.polite(rng, text))], calls, fn.domain)

    def _same_function_varied(self, fn: Function, k: int) -> tuple[str, list[ToolCall]]:
        """One request, then the same call for other values of one parameter: listed
        in place ("in Paris, Rome and Oslo") or appended ("Do the same for ...")."""
        rng = self.rng
        axis = rng.choice([p for p in fn.params if phrasing.is_axis(p, fn)])
        first = phrasing.request(rng, fn)
        values = [first.values[axis.name]]
        for _ in range(k * 10):
            v = axis.gen(rng)
            clash = any(v.value == o.value or v.text == o.text for o in values)
            clash = clash or any(v.text in o.text or o.text in v.text for o in first.values.values())
            if not clash:
                values.append(v)
            if len(values) == k:
                break
        calls = []
        for v in values:
            plain = {**first.plain(), axis.name: v.value}
            calls.append(ToolCall(fn.name, fn.call_args(plain)))
        texts = [v.text for v in values]
        if first.text.count(texts[0]) == 1 and rng.random() < 0.5:
            return first.text.replace(texts[0], join_words(texts), 1), calls
        twins = [p for p in fn.params if p is not axis and p.gen is axis.gen and p.name in first.values]
        return phrasing.same_for(rng, first.text, texts[1:], axis.words if twins else ""), calls

    def _distinct_requests(self, fns: list[Function]) -> list[phrasing.Request]:
        reqs: list[phrasing.Request] = []
        for fn in fns:
            for _ in range(20):
                r = phrasing.request(self.rng, fn)
                if all(r.call != o.call and r.text != o.text for o in reqs):
                    break
            reqs.append(r)
        return reqs

    def parallel_multiple(self) -> Draft:
        rng = self.rng
        k = rng.randint(2, 4)
        first = self._fn()
        group = self.pool.by_domain[first.domain] if rng.random() < 0.6 else self.pool.functions
        others = [f for f in group if f.name != first.name]
        second = rng.choice(others)
        repeat = self.shapes.repeat_function > 0 and rng.random() < self.shapes.repeat_function
        head = [first, first, second] if repeat else [first, second]
        fns = head + [rng.choice([first, second] + others) for _ in range(k - len(head))]
        rng.shuffle(fns)
        reqs = self._distinct_requests(fns)
        text = phrasing.combine(rng, [r.text for r in reqs])
        extra = self._distractors(fns, 0, 2) if rng.random() < 0.4 else []
        tools = self._offer(fns, extra)
        return Draft(tools, [_user(phrasing.polite(rng, text))], [r.call for r in reqs], first.domain)

    def irrelevance(self) -> Draft:
        """A request that no offered function can serve: tools come from other
        domains only, and never one declared similar (``pool.SIMILAR``)."""
        rng = self.rng
        fn = self._fn(self.needs_tool)
        req = phrasing.request(rng, fn)
        elsewhere = [f for f in self.pool.functions if self.pool.fits_apart(fn, f)]
        tools = rng.sample(elsewhere, rng.randint(1, 4))
        reply = phrasing.decline(rng, req.intent, [t.intents[0] for t in tools])
        return Draft(tools, [_user(phrasing.polite(rng, req.text))], reply, fn.domain, fn.name)

    def missing_parameter(self) -> Draft:
        rng = self.rng
        fn = self._fn([f for f in self.pool.functions if f.required])
        missing = rng.choice(fn.required)
        req = phrasing.request(rng, fn, drop=missing.name)
        tools = [fn] if rng.random() < 0.6 else self._offer([fn], self._distractors([fn], 1, 3))
        reply = phrasing.ask_missing(rng, req.intent, missing)
        return Draft(tools, [_user(phrasing.polite(rng, req.text))], reply, fn.domain, fn.name)

    def multi_turn(self) -> Draft:
        r = self.rng.random()
        if r < 0.5:
            return self._chain(self.rng.choice(self.pool.chains))
        if r < 0.75:
            return self._follow_up()
        return self._answer()

    def _chain(self, ch: Chain) -> Draft:
        """The user asks for two things; the first call's result holds the value the
        second call needs. Target: the second call."""
        rng = self.rng
        f1, f2 = self.pool.by_name[ch.first], self.pool.by_name[ch.second]
        template = rng.choice(ch.asks)
        named = phrasing.placeholders(template)
        params = {}
        for fn in (f1, f2):
            for p in fn.params:
                if p.name in named and p.name not in params:
                    params[p.name] = p
        values = phrasing.draw(rng, list(params.values()))
        text = template
        for name in named:
            text = text.replace("{" + name + "}", values[name].text, 1)
        plain = {k: v.value for k, v in values.items()}
        first_args = {k: v for k, v in plain.items() if k in f1.by_name}
        result = f1.returns(rng, first_args)
        second_args = {k: v for k, v in plain.items() if k in f2.by_name}
        second_args.update({k: pick(result) for k, pick in ch.link.items()})
        messages = [
            _user(phrasing.polite(rng, text)),
            Message("assistant", tool_calls=[ToolCall(f1.name, f1.call_args(first_args))]),
            _tool_result(f1, result),
        ]
        extra = self._distractors([f1, f2], 0, 2) if rng.random() < 0.5 else []
        tools = self._offer([f1, f2], extra)
        return Draft(tools, messages, [ToolCall(f2.name, f2.call_args(second_args))], f1.domain)

    def _exchange(self, fn: Function) -> tuple[phrasing.Request, list[Message], dict[str, Any]]:
        """A finished first round: the request, the call and the tool's result."""
        req = phrasing.request(self.rng, fn)
        result = fn.returns(self.rng, req.plain())
        messages = [
            _user(phrasing.polite(self.rng, req.text)),
            Message("assistant", tool_calls=[req.call]),
            _tool_result(fn, result),
        ]
        return req, messages, result

    def _answer(self) -> Draft:
        """After the tool result, the right turn is a text answer, not another call."""
        fn = self._fn(self.answering)
        req, messages, result = self._exchange(fn)
        reply = _format(self.rng.choice(fn.answer), {**req.plain(), **result})
        return Draft([fn], messages, reply, fn.domain)

    def _follow_up(self) -> Draft:
        """After a finished round the user changes or adds one value: same function,
        new arguments."""
        rng = self.rng
        fn = self._fn(self.answering)
        req, messages, result = self._exchange(fn)
        messages.append(Message("assistant", _format(rng.choice(fn.answer), {**req.plain(), **result})))
        plain = req.plain()
        addable = [p for p in fn.optional if p.name not in plain]
        anchors = {getattr(p.gen, "ref", None) for p in fn.params}
        changeable = [
            p for p in fn.params if p.name in plain and phrasing.is_scalar(p) and p.name not in anchors
        ]
        if not (addable or changeable):
            return self._answer()
        if addable and (not changeable or rng.random() < 0.4):
            p = rng.choice(addable)
            v = phrasing.draw(rng, [p], None)[p.name]
            text = phrasing.follow_up_add(rng, phrasing.clause(rng, p, v.text))
        else:
            p = rng.choice(changeable)
            old = req.values[p.name]
            for _ in range(20):
                v = p.gen(rng)
                if v.value != old.value and v.text != old.text:
                    break
            twins = any(o is not p and o.gen is p.gen for o in fn.params)
            if phrasing.is_entity(p) and not twins:
                text = phrasing.follow_up_other(rng, v.text)
            else:  # a number, a date or one of two airports alone would be unclear
                text = phrasing.follow_up_add(rng, phrasing.clause(rng, p, v.text))
        text = tidy(text)
        plain[p.name] = v.value
        messages.append(_user(text))
        tools = [fn] if rng.random() < 0.6 else self._offer([fn], self._distractors([fn], 1, 2))
        return Draft(tools, messages, [ToolCall(fn.name, fn.call_args(plain))], fn.domain)


def query_key(messages: Iterable[Message]) -> str:
    """What identifies a query: the user's words, turn by turn."""
    return "\x1e".join(m.content for m in messages if m.role == "user")


def _finish(draft: Draft, category: str, sid: str, python_style: bool) -> Sample:
    tools = [f.spec(python_style) for f in draft.tools]
    sample = Sample(
        id=sid,
        tools=tools,
        messages=draft.messages,
        target=draft.target,
        meta={"source": "itool.generate", "category": category, "domain": draft.domain},
    )
    if draft.asked:
        sample.meta["asked_function"] = draft.asked
    specs = {t.name: t for t in tools}
    for call in sample.target_calls:
        problems = check_call(call, specs[call.name])
        if problems:  # a bug in a pool declaration, not a user error
            raise AssertionError(f"{sid}: generated an invalid call: {'; '.join(problems)}")
    sample.meta["complexity"] = complexity(sample)
    return sample


def generate(
    n: int,
    seed: int,
    mix: dict[str, float] | None = None,
    progress: bool = False,
    pool: Pool | None = None,
    shapes: Shapes | None = None,
) -> list[Sample]:
    """``n`` samples with unique queries, categories in proportion to ``mix``, calls
    related as ``shapes`` says.

    Deterministic in (n, seed, mix, shapes). Tool schemas are written half the time in the
    python style BFCL and ToolACE use (``dict``/``float``), half in JSON-schema names,
    so a model sees both.
    """
    rng = Random(seed)
    pool = pool or load_pool()
    builder = Builder(pool, rng, shapes)
    seen: set[str] = set()
    samples: list[Sample] = []
    categories: Iterable[str] = plan(n, mix or DEFAULT_MIX, rng)
    if progress:
        categories = tqdm(categories, total=n, desc="generating", unit="sample")
    for i, category in enumerate(categories):
        for _ in range(MAX_ATTEMPTS):
            draft = builder.build(category)
            key = query_key(draft.messages)
            if key not in seen:
                break
        else:
            raise RuntimeError(f"could not find a new {category} query after {MAX_ATTEMPTS} draws")
        seen.add(key)
        samples.append(_finish(draft, category, f"gen-{seed}-{i:06d}", rng.random() < 0.5))
    return samples


def split_dev(
    samples: list[Sample], fraction: float, seed: int
) -> tuple[list[Sample], list[Sample]]:
    """(train, dev): a ``fraction`` of the queries goes to dev, each query wholly on
    one side, so the two share no query. Order within each side is kept."""
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"dev fraction must be in [0, 1), got {fraction}")
    keys = list(dict.fromkeys(query_key(s.messages) for s in samples))
    rng = Random(f"dev-split-{seed}")
    dev_keys = set(rng.sample(keys, round(len(keys) * fraction)))
    train = [s for s in samples if query_key(s.messages) not in dev_keys]
    dev = [s for s in samples if query_key(s.messages) in dev_keys]
    return train, dev

