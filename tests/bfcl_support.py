"""Helpers for the BFCL agreement test and benchmark (not a test module).

``official_checker()`` loads BFCL's own decoder and AST checker from the installed
``bfcl-eval`` package; ``official_verdict`` glues them together the way BFCL's
``eval_runner`` does for one entry. ``mutated_outputs`` turns an entry's ground truth
into many raw model outputs, right and wrong in the ways models are.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import types
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from itool.eval.bfcl_data import RELEVANCE_CATEGORIES, function_docs, load_category
from itool.records import Sample


@dataclass
class Entry:
    """A BFCL entry as BFCL's checker sees it (raw function docs and answers)."""

    id: str
    category: str
    functions: list[dict]
    possible_answer: list[dict] | None
    sample: Sample

    @classmethod
    def of(cls, sample: Sample) -> Entry:
        meta = sample.meta
        return cls(sample.id, meta["category"], function_docs(sample), meta.get("possible_answer"), sample)


def entries(category: str) -> list[Entry]:
    return [Entry.of(sample) for sample in load_category(category)]


# --- BFCL's own checker -------------------------------------------------------------

_MODEL_CONFIG = "bfcl_eval.constants.model_config"


def official_checker() -> SimpleNamespace:
    """BFCL's decoder, output checks and AST checker, imported from the package.

    ``bfcl_eval.model_handler.utils`` and ``bfcl_eval.utils`` import as they are (the
    ``dev`` extra brings ``tenacity`` and ``tree-sitter``). The AST checker imports
    ``MODEL_CONFIG_MAPPING`` from a module that pulls in every API client BFCL
    supports; it only reads ``underscore_to_dot`` from it, which is ``False`` for the
    prompting models we emulate. If that module cannot be imported, a stand-in holding
    just that setting is put in its place while the checker is imported, then removed.
    """
    from bfcl_eval import utils as bfcl_utils
    from bfcl_eval.constants.enums import Language, ReturnFormat
    from bfcl_eval.model_handler import utils as handler_utils

    name = "bfcl_eval.eval_checker.ast_eval.ast_checker"
    try:
        checker = importlib.import_module(name)
    except ImportError:
        stub = types.ModuleType(_MODEL_CONFIG)
        stub.MODEL_CONFIG_MAPPING = defaultdict(lambda: SimpleNamespace(underscore_to_dot=False))
        sys.modules[_MODEL_CONFIG] = stub
        try:
            checker = importlib.import_module(name)
        finally:
            del sys.modules[_MODEL_CONFIG]
    return SimpleNamespace(
        decode=handler_utils.default_decode_ast_prompting,
        ast_checker=checker.ast_checker,
        is_format=bfcl_utils.is_function_calling_format_output,
        is_empty=bfcl_utils.is_empty_output,
        python=Language.PYTHON,
        python_format=ReturnFormat.PYTHON,
    )


def official_verdict(official: SimpleNamespace, entry: Entry, text: str) -> tuple[bool, str | None]:
    """BFCL's ``(valid, error_type)`` for one raw output, following ``eval_runner``'s
    single-entry AST and relevance paths. A crash inside BFCL's checker (it has a few
    on odd values) counts as invalid, with error type ``crash:<Exception>``."""
    if entry.category in RELEVANCE_CATEGORIES:
        try:
            decoded = official.decode(text, official.python_format, False)
            called = not official.is_empty(decoded)
        except Exception:
            called = False
        if "irrelevance" in entry.category:
            return (not called), (None if not called else "irrelevance_error:decoder_success")
        return called, (None if called else "relevance_error:decoder_failed")
    try:
        decoded = official.decode(text, official.python_format, False)
    except Exception:
        return False, "ast_decoder:decoder_failed"
    if not official.is_format(decoded):
        return False, "ast_decoder:decoder_wrong_output_format"
    try:
        result = official.ast_checker(
            entry.functions,
            decoded,
            entry.possible_answer,
            official.python,
            entry.category,
            "prompting_model",
        )
    except Exception as err:
        return False, f"crash:{type(err).__name__}"
    return result["valid"], (None if result["valid"] else result["error_type"])


# --- rendering calls as text ----------------------------------------------------------


def literal(value: Any, style: str = "python") -> str:
    """A value as source text: Python literal (``python``), Python call syntax with
    double quotes (``double``), or JSON-ish literals inside a call (``jsonish``)."""
    if isinstance(value, bool):
        return {"jsonish": "true" if value else "false"}.get(style, repr(value))
    if value is None:
        return "null" if style == "jsonish" else "None"
    if isinstance(value, str):
        return json.dumps(value) if style in ("double", "jsonish") else repr(value)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(literal(v, style) for v in value)
        if isinstance(value, tuple):
            return "(" + inner + ("," if len(value) == 1 else "") + ")"
        return "[" + inner + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k, style)}: {literal(v, style)}" for k, v in value.items()) + "}"
    return repr(value)


def render(calls: list[tuple[str, dict]], style: str = "python", brackets: bool = True) -> str:
    body = ", ".join(
        f"{name}({', '.join(f'{k}={literal(v, style)}' for k, v in args.items())})" for name, args in calls
    )
    return f"[{body}]" if brackets else body


# --- building concrete calls from possible answers ------------------------------------


def _property(functions: list[dict], name: str, param: str) -> dict:
    for function in functions:
        if function["name"] == name:
            return function["parameters"]["properties"].get(param, {})
    return {}


def _concrete(value: Any, rng: random.Random) -> Any:
    """A concrete value from a possible answer (dicts hold lists of alternatives)."""
    if isinstance(value, dict):
        out = {}
        for key, alternatives in value.items():
            if isinstance(alternatives, list) and alternatives:
                choice = rng.choice(alternatives)
                if choice == "":
                    continue
                out[key] = _concrete(choice, rng)
            else:
                out[key] = alternatives
        return out
    if isinstance(value, list):
        return [_concrete(v, rng) if isinstance(v, dict) else v for v in value]
    return value


def ground_truth_calls(entry: Entry, rng: random.Random, first: bool = False) -> list[tuple[str, dict]]:
    """One correct set of calls: an alternative per parameter (the first one, or a
    random one), leaving out parameters whose pick is ``""``."""
    calls = []
    for expected in entry.possible_answer or []:
        ((name, params),) = expected.items()
        args = {}
        for param, alternatives in params.items():
            if not alternatives:
                continue
            choice = alternatives[0] if first else rng.choice(alternatives)
            if choice == "" and not first:
                continue
            if choice == "":
                real = [a for a in alternatives if a != ""]
                if not real or rng.random() < 0.7:
                    continue
                choice = real[0]
            args[param] = _concrete(choice, rng)
        calls.append((name, args))
    return calls


# --- mutations ----------------------------------------------------------------------


def _mutate_value(value: Any, rng: random.Random, schema: dict | None = None) -> Any:
    """A value that is probably wrong, or of another type."""
    kind = rng.randrange(12)
    if isinstance(value, bool):
        return [not value, str(value), str(value).lower(), int(value), None][kind % 5]
    if isinstance(value, int):
        return [value + 1, float(value), str(value), -value, value * 10, True, [value], None][kind % 8]
    if isinstance(value, float):
        return [value + 0.5, int(value), str(value), round(value, 1) * 2, -value, [value]][kind % 6]
    if isinstance(value, str):
        return [
            value + "x",
            value.upper(),
            value.replace(" ", ""),
            value.replace(" ", "_"),
            " " + value + ".",
            value[::-1],
            value[: max(1, len(value) // 2)],
            [value],
            value.replace("'", '"'),
            "",
            value.title(),
            value + ", USA",
        ][kind]
    if isinstance(value, list):
        options = [
            value[:-1],
            value + value[-1:],
            list(reversed(value)),
            tuple(value),
            [],
            [str(v) for v in value],
        ]
        if value and isinstance(value[0], dict):
            options.append([_mutate_value(value[0], rng)] + value[1:])
        return rng.choice(options) if value else rng.choice([[1], ["x"], "", None, ()])
    if isinstance(value, dict):
        if not value:
            return {"extra": 1}
        key = rng.choice(list(value))
        options = [
            {k: v for k, v in value.items() if k != key},
            {**value, "unexpected_key": "x"},
            {**value, key: _mutate_value(value[key], rng)},
            {(k.upper() if isinstance(k, str) else k): v for k, v in value.items()},
            list(value.values()),
            json.dumps(value),
        ]
        return rng.choice(options)
    return "x"


def _look_alike(value: Any, rng: random.Random, schema: dict) -> Any:
    """A value that BFCL's normalisation may or may not forgive."""
    if isinstance(value, str):
        return rng.choice(
            [
                value.upper(),
                value.lower(),
                value.replace(" ", ""),
                value + ".",
                "-" + value,
                value.replace(",", " ,"),
                value.replace("'", '"'),
                value.replace(" ", "  "),
            ]
        )
    if isinstance(value, list):
        return [_look_alike(v, rng, {}) for v in value]
    if isinstance(value, dict):
        return {k: _look_alike(v, rng, {}) for k, v in value.items()}
    return value


def _retyped(value: Any, rng: random.Random, schema: dict) -> Any:
    """The same value in another type: int/float/str/bool swaps, tuples for lists."""
    if isinstance(value, bool):
        return rng.choice([int(value), str(value), [value]])
    if isinstance(value, int):
        return rng.choice([float(value), str(value), bool(value), (value,)])
    if isinstance(value, float):
        return rng.choice([int(value), str(value), [value]]) if value != int(value) else int(value)
    if isinstance(value, str):
        return rng.choice([[value], (value,), {"value": value}, value.encode() if value.isascii() else value])
    if isinstance(value, list):
        return rng.choice(
            [
                tuple(value),
                [int(v) if isinstance(v, float) and v == int(v) else v for v in value],
                [float(v) if type(v) is int else v for v in value],
                [str(v) for v in value],
                [tuple(v) if isinstance(v, list) else v for v in value],
                {str(i): v for i, v in enumerate(value)},
            ]
        )
    if isinstance(value, dict):
        return rng.choice([list(value.items()), {k: [v] for k, v in value.items()}, str(value), [value]])
    return value


def _rename(name: str, rng: random.Random) -> str:
    options = [
        name.replace(".", "_"),
        name.split(".")[-1],
        name.upper(),
        name + "_v2",
        name[:-1],
        "get_" + name,
    ]
    return rng.choice([o for o in options if o] or ["f"])


def _json_style(calls: list[tuple[str, dict]], rng: random.Random) -> str:
    style = rng.randrange(4)
    records = [{"name": n, "arguments": a} for n, a in calls]
    if style == 0:
        return json.dumps(records)
    if style == 1:
        return json.dumps(records[0] if records else {})
    if style == 2:
        return json.dumps(
            {
                "tool_calls": [
                    {"type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
                    for n, a in calls
                ]
            }
        )
    return "<tool_call>\n" + json.dumps(records[0] if records else {}) + "\n</tool_call>"


_ODD_VALUES = [
    "2+3",
    "+5",
    "-5",
    "10/4",
    "'a' + 'b'",
    "[1, 2] * 2",
    "x",
    "math.pi",
    "str(5)",
    "f'{1}'",
    "lambda x: x",
    "{1, 2}",
    "...",
    "None",
    "true",
    "null",
    "1e3",
    "0x1F",
    "1_000",
    "(1, 2)",
    "{'a': [1]}",
    "{1: 'a'}",
    "a[0]",
    "a[1:2]",
    "-(1)",
    "not True",
    "~3",
    "--1",
    "-x",
    "g(a=1)",
    "g(1)",
    "b'xy'",
    "1j",
    "2**10",
    "'%d' % 3",
    "(1 if True else 2)",
    "[i for i in y]",
    "*a",
    "'x' * 3",
    "{**d}",
    "1 < 2",
]


def mutated_outputs(entry: Entry, rng: random.Random) -> list[tuple[str, str]]:
    """``(label, raw text)`` pairs for one entry: correct answers in several dresses
    and the usual ways of being wrong."""
    if entry.category in RELEVANCE_CATEGORIES:
        return _relevance_outputs(entry, rng)
    base = ground_truth_calls(entry, rng, first=True)
    alt = ground_truth_calls(entry, rng)
    text = render(base)
    out = [("correct", text), ("correct_alt", render(alt)), ("correct_double", render(alt, "double"))]
    out.append(("correct_bare", render(alt, brackets=False)))
    out.append(("jsonish_literals", render(alt, "jsonish")))

    # arguments: drop, add, change
    for _ in range(3):
        calls = [(n, dict(a)) for n, a in alt]
        i = rng.randrange(len(calls))
        name, args = calls[i]
        choice = rng.randrange(6)
        if choice == 0 and args:
            args.pop(rng.choice(list(args)))
            label = "drop_arg"
        elif choice == 1:
            function = next((f for f in entry.functions if f["name"] == name), entry.functions[0])
            unused = [p for p in function["parameters"]["properties"] if p not in args]
            args[rng.choice(unused) if unused and rng.random() < 0.6 else "unexpected_param"] = rng.choice(
                [1, "x", True, 2.5, [1]]
            )
            label = "extra_arg"
        elif choice == 2 and args:
            param = rng.choice(list(args))
            args[param] = _mutate_value(args[param], rng)
            label = "wrong_value"
        elif choice == 3 and args:
            param = rng.choice(list(args))
            args[param] = rng.choice(_ODD_VALUES)
            text_args = ", ".join(f"{k}={v if k == param else literal(v)}" for k, v in args.items())
            calls_text = [render([c], brackets=False) for c in calls]
            calls_text[i] = f"{name}({text_args})"
            out.append(("odd_value_syntax", "[" + ", ".join(calls_text) + "]"))
            continue
        elif choice == 4 and args:
            param = rng.choice(list(args))
            declared = _property(entry.functions, name, param).get("type")
            value = args[param]
            if declared == "float" and isinstance(value, float) and value == int(value):
                args[param] = int(value)
            elif isinstance(value, str):
                args[param] = rng.choice([value.lower(), value.upper(), value.replace(",", ""), value + " "])
            elif isinstance(value, list):
                args[param] = tuple(value)
            label = "type_or_case"
        else:
            calls[i] = (_rename(name, rng), args)
            label = "rename"
        out.append((label, render(calls, rng.choice(["python", "double"]))))

    # every argument once: a wrong value, a look-alike, or the same value in another type
    for i, (name, args) in enumerate(alt):
        for param, value in args.items():
            declared = _property(entry.functions, name, param)
            changed = rng.choice([_mutate_value, _look_alike, _retyped])(value, rng, declared)
            calls = [(n, dict(a)) for n, a in alt]
            calls[i][1][param] = changed
            out.append(("argument", render(calls, rng.choice(["python", "double"]))))

    # calls: reorder, drop, duplicate, swap in another function
    if len(alt) > 1:
        shuffled = alt[:]
        rng.shuffle(shuffled)
        out.append(("reorder", render(shuffled)))
        out.append(("drop_call", render(alt[:-1])))
    out.append(("dup_call", render(alt + alt[:1])))
    others = [f for f in entry.functions if f["name"] not in {n for n, _ in alt}]
    if others:
        other = rng.choice(others)
        out.append(("other_function", render([(other["name"], alt[0][1])] + alt[1:])))

    # positional arguments, nested calls, keyword unpacking
    name, args = alt[0]
    if args:
        first, *rest = args.items()
        rest_text = ", ".join(f"{k}={literal(v)}" for k, v in rest)
        out.append(("positional", f"[{name}({literal(first[1])}{', ' if rest else ''}{rest_text})]"))
        out.append(("kwargs_unpack", f"[{name}(**{literal(args)})]"))
    out.append(("nested_call", f"[{name}(inner=helper(x=1))]"))

    # dress: fences, prose, whitespace, quotes, JSON, broken syntax
    dresses = [
        ("fence_python", f"```python\n{text}\n```"),
        ("fence_plain", f"```\n{text}\n```"),
        ("fence_inline", f"`{text}`"),
        ("fence_json", f"```json\n{text}\n```"),
        ("prose_before", f"Sure! Here is the call: {text}"),
        ("prose_after", f"{text}\nLet me know if you need anything else."),
        ("whitespace", f"\n\n  {text}  \n"),
        ("tab_prefix", f"\t{text}"),
        ("crlf", f"{text}\r\n"),
        ("quoted", f"'{text}'"),
        ("tuple_wrapped", "(" + render(alt, brackets=False) + ")"),
        ("json", _json_style(alt, rng)),
        ("missing_close", text[:-2] + "]"),
        ("missing_bracket_end", text[:-1]),
        ("missing_bracket_start", text[1:]),
        ("double_comma", text.replace(", ", ",, ", 1) if ", " in text else text + ","),
        ("colon_args", text.replace("=", ": ", 1)),
        ("unclosed_quote", text.replace("'", "", 1) if "'" in text else text + "'"),
        ("list_of_lists", "[" + text + "]"),
        ("two_lists", text + ", " + text),
        ("semicolons", "; ".join(render([c], brackets=False) for c in alt)),
        ("newlines", "\n".join(render([c], brackets=False) for c in alt)),
    ]
    out.extend(dresses)
    out.extend(
        [
            ("empty", rng.choice(["", "[]", "None", "[None]", "[[]]", "   ", "```\n```"])),
            ("prose", rng.choice(["I cannot help with that.", "The answer is 42.", "Calling now..."])),
        ]
    )
    return out


def _plausible_value(schema: dict, rng: random.Random) -> Any:
    return {
        "string": "abc",
        "integer": rng.randrange(10),
        "float": 1.5,
        "boolean": True,
        "array": ["a"],
        "tuple": [1, 2],
        "dict": {"k": "v"},
    }.get(schema.get("type"), "x")


def _relevance_outputs(entry: Entry, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for function in entry.functions[:2]:
        params = function["parameters"]
        args = {p: _plausible_value(params["properties"].get(p, {}), rng) for p in params.get("required", [])}
        calls = [(function["name"], args)]
        text = render(calls)
        out.extend(
            [
                ("call", text),
                ("call_no_args", f"[{function['name']}()]"),
                ("call_fenced", f"```python\n{text}\n```"),
                ("call_plain_fence", f"```\n{text}\n```"),
                ("call_bare", render(calls, brackets=False)),
                ("call_json", _json_style(calls, rng)),
                ("call_prose", f"I'll use {text} for this."),
                ("call_broken", text[:-2] + "]"),
            ]
        )
    out.extend(
        [
            ("empty_list", "[]"),
            ("empty", ""),
            ("none", "None"),
            ("prose", "I'm sorry, none of the available functions can help with that."),
            ("prose_parens", "The function (search) is not relevant."),
            ("name_list", "[search, lookup]"),
            ("list_of_empty", "[[]]"),
            ("numbers", "[1, 2, 3]"),
        ]
    )
    return out
