"""BFCL question files with their possible answers.

A question file ``BFCL_v4_<category>.json`` is JSONL despite its extension:
``{"id", "question": [[{"role", "content"}, ...]], "function": [...]}``. Its answers
sit beside it in ``possible_answer/`` under the same name: ``{"id", "ground_truth":
[{"func_name": {"param": [acceptable values...]}}]}``.

Each entry becomes one sample whose id is the BFCL id. Its target takes the first
acceptable value of every parameter, leaving out parameters whose first acceptable
value is ``""`` (BFCL's way of saying "may be omitted"); the raw ground truth stays in
``meta["possible_answer"]`` so that scoring can accept the alternatives. Relevance
categories have no answer file: their target is ``""`` (no call). For
``live_relevance`` that is not what is wanted (any call is right there), but no target
can say "some call"; the evaluator judges those entries by BFCL's relevance rule.

Only single-turn categories are read here. Multi-turn, memory and web-search
entries need BFCL's executable environments; evaluation handles them.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from itool.data.formats.conversation import Conversation, RecordError, check_calls, read_tools
from itool.data.formats.files import iter_records, read_text
from itool.errors import UserError
from itool.records import Message, Sample, ToolCall

_FILE_NAME = re.compile(r"^BFCL_v\d+_(?P<category>\w+)\.json$")
_AGENTIC = ("multi_turn", "memory", "web_search", "format_sensitivity")


def bfcl_data_dir() -> Path:
    """The data directory of the installed ``bfcl_eval`` package, found without
    importing it (importing pulls in dozens of API clients we do not install)."""
    spec = importlib.util.find_spec("bfcl_eval")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the BFCL data package is not installed (`make setup` installs bfcl-eval)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def category_of(path: str | Path) -> str | None:
    """``simple_python`` for ``.../BFCL_v4_simple_python.json``; None for other names."""
    match = _FILE_NAME.match(Path(path).name)
    return match.group("category") if match else None


def has_answers(category: str) -> bool:
    """``irrelevance``, ``live_irrelevance`` and ``live_relevance`` ship no answer
    file: BFCL only asks whether the model calls at all."""
    return "relevance" not in category


def answer_path(question_path: str | Path) -> Path:
    question_path = Path(question_path)
    return question_path.parent / "possible_answer" / question_path.name


def sample_reader(path: str | Path) -> Callable[[dict[str, Any], int], list[Sample]]:
    """A function that reads one question record of ``path`` into its sample, with
    the answers of the matching possible-answer file already loaded."""
    category = category_of(path) or "unknown"
    if category.startswith(_AGENTIC):
        raise UserError(
            f"{path}: BFCL category {category!r} needs BFCL's executable environments; "
            "only single-turn categories load as samples"
        )
    answers = None
    if has_answers(category):
        if not answer_path(path).exists():
            raise UserError(f"{path}: no possible answers (expected {answer_path(path)})")
        answers = _read_answers(answer_path(path))

    def read(record: dict[str, Any], index: int) -> list[Sample]:
        return [_sample(record, index, category, answers)]

    return read


def _read_answers(path: Path) -> dict[str, list[Any]]:
    answers: dict[str, list[Any]] = {}
    for raw in iter_records(read_text(path)):
        value = raw.value
        if raw.error or not isinstance(value, dict) or not isinstance(value.get("ground_truth"), list):
            raise UserError(f"{path}:{raw.location}: {raw.error or 'not a possible-answer record'}")
        answers[str(value.get("id"))] = value["ground_truth"]
    return answers


def _sample(record: dict[str, Any], index: int, category: str, answers: dict | None) -> Sample:
    rid = record.get("id")
    if not isinstance(rid, str) or not rid:
        raise RecordError("missing string 'id'")
    question = record.get("question")
    if not isinstance(question, list) or len(question) != 1 or not isinstance(question[0], list):
        raise RecordError("'question' must hold exactly one turn (a list of messages)")
    try:
        messages = [Message.from_dict(m) for m in question[0]]
    except (ValueError, TypeError, AttributeError) as err:
        raise RecordError(f"question: {err}") from None
    tools = read_tools(record.get("function"), "function")
    meta: dict[str, Any] = {"source": "bfcl", "record": index, "record_id": rid, "turn": 1,
                            "category": category}
    target: list[ToolCall] | str = ""
    if answers is not None:
        if rid not in answers:
            raise RecordError(f"no possible answer for {rid!r}")
        meta["possible_answer"] = answers[rid]
        target = target_from_ground_truth(answers[rid])
        check_calls(Conversation(tools, [Message(role="assistant", tool_calls=target)]))
    return Sample(id=rid, tools=tools, messages=messages, target=target, meta=meta)


def target_from_ground_truth(ground_truth: list[Any]) -> list[ToolCall]:
    """One call per ground-truth entry, with the first acceptable value of each
    parameter; a parameter whose first acceptable value is ``""`` is left out."""
    calls = []
    for entry in ground_truth:
        if not isinstance(entry, dict) or len(entry) != 1:
            raise RecordError("a ground-truth call must be {function name: {param: [values]}}")
        (name, params), = entry.items()
        if not isinstance(params, dict):
            raise RecordError(f"ground truth of {name!r}: parameters must be an object")
        calls.append(ToolCall(name=name, arguments=_first_choices(params)))
    return calls


def _first_choices(options: dict[str, Any]) -> dict[str, Any]:
    """BFCL nests possible answers: a dict value holds, per key, a list of
    acceptable values again. Non-list entries are literal values."""
    out = {}
    for key, choices in options.items():
        if not isinstance(choices, list):
            out[key] = choices
        elif choices and choices[0] != "":
            out[key] = _first_value(choices[0])
    return out


def _first_value(value: Any) -> Any:
    if isinstance(value, dict):
        return _first_choices(value)
    if isinstance(value, list):
        return [_first_value(v) for v in value]
    return value
