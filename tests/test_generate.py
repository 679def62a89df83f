"""The built-in data generator: determinism, categories, pool breadth, schema-valid
targets, hygiene (no duplicates, dev disjoint from train), converted values, and files
that the format loaders accept."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from random import Random

import pytest

from itool.cli import main
from itool.data.formats import load_samples
from itool.data.generate import (
    CATEGORIES,
    Shapes,
    check_call,
    generate,
    load_pool,
    parse_mix,
    phrasing,
    split_dev,
)
from itool.data.generate.dsl import Int, placeholders
from itool.data.generate.engine import query_key
from itool.data.generate.values import kilograms, metres, minutes
from itool.data.style import request_style
from itool.records import FunctionSpec, ToolCall

N = 1400


@pytest.fixture(scope="module")
def samples():
    return generate(N, seed=5)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ determinism


def test_same_arguments_write_the_same_bytes(tmp_path, capsys):
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for path in paths:
        code, out, _ = run(capsys, "data", "generate", "--n", 300, "--seed", 3, "--out", path)
        assert code == 0 and "wrote 300" in out
    assert paths[0].read_bytes() == paths[1].read_bytes()
    run(capsys, "data", "generate", "--n", 300, "--seed", 4, "--out", tmp_path / "c.jsonl")
    assert (tmp_path / "c.jsonl").read_bytes() != paths[0].read_bytes()


def test_generate_is_deterministic_in_process():
    first = [s.to_dict() for s in generate(200, seed=9)]
    second = [s.to_dict() for s in generate(200, seed=9)]
    assert first == second


# ------------------------------------------------------------------ categories and pool


def test_every_category_is_present_in_its_share(samples):
    counts = Counter(s.meta["category"] for s in samples)
    assert set(counts) == set(CATEGORIES)
    assert counts["simple"] == round(0.2 * N) and counts["missing_parameter"] == round(0.08 * N)


def test_categories_have_their_shape(samples):
    for s in samples:
        cat, calls = s.meta["category"], s.target_calls
        names = {c.name for c in calls}
        if cat == "simple":
            assert len(calls) == 1 and len(s.tools) == 1
        elif cat == "multiple":
            assert len(calls) == 1 and 2 <= len(s.tools) <= 5
        elif cat == "parallel":
            assert 2 <= len(calls) <= 4 and len(names) == 1
        elif cat == "parallel_multiple":
            assert 2 <= len(calls) <= 4 and len(names) >= 2
        elif cat in ("irrelevance", "missing_parameter"):
            assert isinstance(s.target, str) and s.target and len(s.messages) == 1
        else:
            assert cat == "multi_turn" and any(m.role == "tool" for m in s.messages)


def test_offered_tools_never_compete_with_the_right_one(samples):
    """Irrelevant requests get tools of other domains only, never one declared similar;
    no distractor is declared similar to a target function."""
    pool = load_pool()
    assert pool.alike["play_music"] == {"play_music_in_rooms"}
    for s in samples:
        targets = {c.name for c in s.target_calls}
        for t in s.tools:
            assert not pool.alike.get(t.name, set()) & targets, s.id
        if s.meta["category"] == "irrelevance":
            asked = pool.by_name[s.meta["asked_function"]]
            assert asked.needs_tool and all(pool.fits_apart(asked, pool.by_name[t.name]) for t in s.tools)
        if s.meta["category"] == "missing_parameter":
            assert s.meta["asked_function"] in {t.name for t in s.tools}


def _scalars(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v)
    else:
        yield value


def test_multi_turn_second_call_uses_the_tool_result(samples):
    """In a chain the target holds a value the user never said: the tool returned it
    (an id, a name) or it follows from the result (two degrees warmer than measured)."""
    chained = 0
    for s in samples:
        if s.meta["category"] != "multi_turn" or not s.target_calls or s.messages[-1].role != "tool":
            continue
        user = s.messages[0].content
        said = words_to_numbers(user)
        from_result = [v for v in _scalars(s.target_calls[0].arguments)
                       if str(v) not in user and v not in said]
        assert from_result, s.id
        chained += 1
    assert chained > 20


def test_pool_is_wide():
    pool = load_pool()
    assert len(pool.by_name) >= 300
    assert len(pool.by_domain) >= 20
    assert all(len(fns) >= 8 for fns in pool.by_domain.values())
    names = list(pool.by_name)
    assert sum(bool(re.fullmatch(r"[a-z][a-z0-9_]*", n)) for n in names) >= 100  # snake_case
    assert sum(bool(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", n)) for n in names) >= 20  # camel
    assert sum("." in n for n in names) >= 20  # dotted module.func
    assert sum(" " in n for n in names) >= 20  # ToolACE-like names with spaces


def _schemas(schema):
    yield schema
    for sub in (schema.get("properties") or {}).values():
        yield from _schemas(sub)
    if isinstance(schema.get("items"), dict):
        yield from _schemas(schema["items"])


def test_pool_covers_every_schema_type():
    seen = Counter()
    for fn in load_pool().functions:
        spec = fn.spec()
        required = set(spec.required)
        for name, prop in spec.properties.items():
            seen["required" if name in required else "optional"] += 1
            seen["default"] += "default" in prop
        for sub in list(_schemas(spec.parameters))[1:]:
            kind = sub.get("type")
            seen[kind] += 1
            seen["enum"] += "enum" in sub
            items = sub.get("items") or {}
            if kind == "array":
                seen["array of objects" if items.get("type") == "object" else "array of scalars"] += 1
            if kind == "object":
                seen["nested object"] += 1
    for kind in ("string", "integer", "number", "boolean", "enum", "array of scalars",
                 "array of objects", "nested object", "required", "optional", "default"):
        assert seen[kind] >= 5, kind


def test_python_style_schemas_say_dict_and_float():
    fn = next(f for f in load_pool().functions if any(p.gen.schema.get("type") == "number" for p in f.params))
    text = json.dumps(fn.spec(python_style=True).parameters)
    assert '"type": "dict"' in text and '"type": "float"' in text and '"object"' not in text


def test_pool_declarations_are_consistent():
    """Templates only name parameters of their function; chain requests name every
    required value that the first result does not supply; answers format."""
    pool = load_pool()
    rng = Random(0)
    for fn in pool.functions:
        assert fn.description and fn.intents and fn.asks, fn.name
        for template in fn.asks:
            assert set(placeholders(template)) <= set(fn.by_name), (fn.name, template)
        if fn.returns and fn.answer:
            req = phrasing.request(rng, fn)
            result = fn.returns(rng, req.plain())
            json.dumps(result)
            for answer in fn.answer:
                answer.format_map({**req.plain(), **result})
    for ch in pool.chains:
        first, second = pool.by_name[ch.first], pool.by_name[ch.second]
        assert first.returns, ch.first
        for template in ch.asks:
            named = set(placeholders(template))
            assert "{+}" not in template
            assert named <= set(first.by_name) | set(second.by_name), template
            assert {p.name for p in first.required} <= named, template
            assert {p.name for p in second.required} - set(ch.link) <= named, template


# ------------------------------------------------------------------ validity and hygiene


def test_every_target_is_valid_against_its_schema(samples):
    for s in samples:
        specs = {t.name: t for t in s.tools}
        assert len(specs) == len(s.tools), s.id  # no function offered twice
        for call in s.target_calls:
            assert call.name in specs, s.id
            assert check_call(call, specs[call.name]) == [], s.id
        for m in s.messages:
            for call in m.tool_calls:
                assert check_call(call, specs[call.name]) == [], s.id


def test_schema_check_catches_bad_calls():
    spec = FunctionSpec("f", "", {"type": "dict", "properties": {
        "n": {"type": "integer"}, "mode": {"type": "string", "enum": ["a", "b"]},
        "items": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "float"}},
                                             "required": ["x"]}}}, "required": ["n"]})
    assert check_call(ToolCall("f", {"n": 1, "mode": "a", "items": [{"x": 1.5}]}), spec) == []
    problems = check_call(ToolCall("f", {"n": True, "mode": "c", "items": [{"y": 1}], "z": 0}), spec)
    assert len(problems) == 5  # boolean for integer, enum, missing x, unknown y, unknown z
    assert check_call(ToolCall("f", {}), spec) == ["f: missing required 'n'"]


def test_no_duplicate_queries_or_pairs(samples):
    keys = [query_key(s.messages) for s in samples]
    assert len(set(keys)) == len(keys)
    pairs = {(k, json.dumps([c.to_dict() for c in s.target_calls]) if s.target_calls else s.target)
             for k, s in zip(keys, samples, strict=True)}
    assert len(pairs) == len(samples)


def test_dev_split_is_disjoint_by_query(samples):
    train, dev = split_dev(samples, 0.15, seed=5)
    assert len(train) + len(dev) == len(samples)
    assert abs(len(dev) - 0.15 * len(samples)) <= 1
    assert not {query_key(s.messages) for s in train} & {query_key(s.messages) for s in dev}


@pytest.mark.parametrize("fmt", ["toolace", "openai", "sharegpt"])
def test_written_files_load_and_validate(tmp_path, capsys, fmt):
    out, dev = tmp_path / f"train.{fmt}.jsonl", tmp_path / f"dev.{fmt}.jsonl"
    code, _, _ = run(capsys, "data", "generate", "--n", 250, "--seed", 2, "--out", out,
                     "--format", fmt, "--dev-out", dev, "--dev-fraction", 0.2)
    assert code == 0
    code, text, _ = run(capsys, "data", "validate", out)
    assert code == 0 and "200 records" in text
    train_keys = {query_key(s.messages) for s in load_samples(out).samples}
    dev_samples = load_samples(dev).samples
    assert dev_samples and not train_keys & {query_key(s.messages) for s in dev_samples}


def test_toolace_records_carry_id_and_category(tmp_path, capsys):
    out = tmp_path / "g.jsonl"
    run(capsys, "data", "generate", "--n", 60, "--seed", 1, "--out", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(r["id"].startswith("gen-1-") and r["category"] in CATEGORIES for r in records)
    assert all("Here is a list of functions in JSON format" in r["system"] for r in records)
    code, text, _ = run(capsys, "data", "stats", out, "--json")
    stats = json.loads(text)
    assert code == 0 and sum(stats["categories"].values()) == stats["samples"]
    assert stats["functions"] > 50  # distinct function names offered in 60 records


def test_mix_and_bad_arguments(tmp_path, capsys):
    only = generate(50, seed=1, mix=parse_mix("parallel=1, irrelevance=1"))
    assert Counter(s.meta["category"] for s in only) == {"parallel": 25, "irrelevance": 25}
    for bad in ("bogus=1", "simple", "simple=x", "simple=-1", "simple=0"):
        with pytest.raises(ValueError):
            parse_mix(bad)
    out = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "data", "generate", "--n", 10, "--out", out, "--mix", "bogus=1")
    assert code == 1 and err.startswith("itool: error: --mix: bad mix entry 'bogus=1'")
    code, _, err = run(capsys, "data", "generate", "--n", 0, "--out", tmp_path / "x.jsonl")
    assert code == 1 and "--n must be positive" in err


def test_shapes_control_how_parallel_calls_differ_and_defaults_keep_the_old_draws():
    mix = parse_mix("parallel=1,parallel_multiple=1")
    assert [s.to_dict() for s in generate(120, seed=2, mix=mix)] == [
        s.to_dict() for s in generate(120, seed=2, mix=mix, shapes=Shapes(0.3, 0.0))]

    def several_values_share(shapes):
        styles = request_style(generate(200, seed=2, mix=mix, shapes=shapes))
        return styles["parallel"]["several_values_differ"]

    assert several_values_share(Shapes(parallel_varied=0.0)) < 0.15
    assert several_values_share(Shapes(parallel_varied=1.0)) > 0.7

    pm_mix = parse_mix("parallel_multiple=1")
    repeated = generate(60, seed=2, mix=pm_mix, shapes=Shapes(repeat_function=1.0))
    assert all(len({c.name for c in s.target_calls}) < len(s.target_calls) for s in repeated)
    assert all(len({c.name for c in s.target_calls}) > 1 for s in repeated)
    assert not any(check_call(c, s.tool(c.name)) for s in repeated for c in s.target_calls)


def test_bad_shapes_are_clear_errors(tmp_path, capsys):
    with pytest.raises(ValueError, match="parallel_varied must be between 0 and 1, got 1.5"):
        Shapes(parallel_varied=1.5)
    code, _, err = run(capsys, "data", "generate", "--n", 10, "--out", tmp_path / "x.jsonl",
                       "--repeat-function", -0.1)
    assert code == 1 and "--repeat-function must be between 0 and 1, got -0.1" in err
    code, _, err = run(capsys, "run", "--data.parallel-varied", 2, "--run-dir", tmp_path / "r")
    assert code == 1 and "data.parallel_varied must be between 0 and 1, got 2.0" in err


# ------------------------------------------------------------------ converted values

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORDS.update({w: 10 * i for i, w in enumerate(_TENS) if i > 1})


def words_to_numbers(text: str) -> set[int]:
    """Every number written in words or digits in ``text`` (an independent reading:
    "two hundred and five" -> 205, "a dozen" -> 12, "12,500" -> 12500)."""
    found = {int(d.replace(",", "")) for d in re.findall(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+|-?\d+", text)}
    if "a dozen" in text:
        found.add(12)
    tokens = re.findall(r"[a-z]+", text.lower().replace("-", " "))
    total, current, last = 0, 0, None  # last: kind of the previous number word, None outside
    for tok in [*tokens, "."]:
        kind = "unit" if tok in _WORDS and _WORDS[tok] < 20 else "tens" if tok in _WORDS else None
        if kind and (last == "unit" or (last == "tens" and kind == "tens")):
            found.add(total + current)  # "three ten-sided" is two numbers, not thirteen
            total, current, last = 0, 0, None
        if kind:
            current += _WORDS[tok]
            last = kind
        elif tok == "hundred" and last:
            current *= 100
            last = "hundred"
        elif tok in ("thousand", "million") and last:
            total += current * (1000 if tok == "thousand" else 1_000_000)
            current, last = 0, "scale"
        elif tok == "and" and last:
            continue
        else:
            if last:
                found.add(total + current)
            total, current, last = 0, 0, None
    return found


def test_reader_of_number_words():
    assert words_to_numbers("book seventy-two rooms") == {72}
    text = "two hundred and five, then 12,500 and three thousand and one"
    assert words_to_numbers(text) == {205, 12500, 3001}
    assert words_to_numbers("roll three ten-sided dice, twenty one times") == {3, 10, 21}


def test_integers_in_requests_are_said_as_their_value(samples):
    """Whole numbers drawn by ``Int`` appear in the request in digits or words that
    read back to exactly the target value."""
    pool = load_pool()
    checked = words = 0
    for s in samples:
        if s.meta["category"] not in ("simple", "multiple"):
            continue
        call = s.target_calls[0]
        fn = pool.by_name[call.name]
        said = words_to_numbers(s.messages[0].content)
        for p in fn.params:
            value = call.arguments.get(fn.arg_name(p.name))
            if isinstance(p.gen, Int) and value is not None:
                assert value in said, (s.id, p.name, value, s.messages[0].content)
                checked += 1
                words += str(value) not in s.messages[0].content
    assert checked > 100 and words > 10  # some said in words, all read back right


_FRACTIONS = {"a quarter": 0.25, "one quarter": 0.25, "half": 0.5, "a half": 0.5, "one half": 0.5,
              "three quarters": 0.75, "one and a half": 1.5, "two and a half": 2.5}


def amount_of(words: str) -> float:
    """"2.5" -> 2.5, "one and a half" -> 1.5, "twelve" -> 12, "12,500" -> 12500."""
    if words in _FRACTIONS:
        return _FRACTIONS[words]
    if words[0].isdigit():
        return float(words.replace(",", ""))
    (number,) = words_to_numbers(words)
    return number


def test_measures_convert_units():
    """A parameter in one unit said in another reads back to the value: "2 km" for
    2000 metres, "500 g" for 0.5 kg, "an hour and a half" for 90 minutes."""
    rng = Random(3)
    cases = [
        (metres(100, 20000, 100), {"m": 1, "metres": 1, "km": 1000, "kilometres": 1000}),
        (kilograms(0.5, 20, 0.5), {"kg": 1, "kilos": 1, "g": 0.001, "grams": 0.001}),
        (minutes(15, 240, 15), {"minutes": 1, "min": 1, "hours": 60, "hour": 60}),
    ]
    idioms = {"an hour": 60, "half an hour": 30, "an hour and a half": 90}
    seen_units = set()
    for gen, units in cases:
        for _ in range(300):
            val = gen(rng)
            if val.text in idioms:
                assert idioms[val.text] == val.value
                continue
            number, unit = val.text.rsplit(" ", 1)
            seen_units.add(unit)
            assert abs(amount_of(number) * units[unit] - val.value) < 1e-9, val
    assert {"km", "m", "g", "kg", "hours", "minutes"} <= seen_units


def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Set and dict order must not leak into the data: two processes with different
    PYTHONHASHSEED write the same bytes."""
    outs = []
    for hash_seed in ("1", "4242"):
        out = tmp_path / f"h{hash_seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "itool", "data", "generate", "--n", "150", "--seed", "8",
                        "--out", str(out)], check=True, env=env, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
