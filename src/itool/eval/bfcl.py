"""Evaluate raw model outputs on BFCL: BFCL's verdicts plus itool's fragment profile.

:func:`evaluate_predictions` is the whole evaluation as one function over
``{BFCL id: raw model text}``, so that anything producing outputs (a predictions file,
the generation backend) can call it. For every prediction it gives

- BFCL's verdict (``valid``, BFCL's ``error_type`` and an explanation), computed by
  :mod:`itool.eval.checker` exactly as BFCL's own AST checker would;
- for AST categories, the reward's five dimensions, grade and ``q``
  (:mod:`itool.reward`), which show *which fragment* of a call is wrong.

The summary holds, per category, ``accuracy`` (correct / scored), ``correct``,
``total`` (entries scored, i.e. with a prediction) and ``missing`` (entries without
one); ``overall`` holds ``accuracy`` = the unweighted mean of the per-category
accuracies over the categories scored (BFCL reports categories side by side, so one
big category does not drown the others) and ``micro_accuracy`` = all correct / all
scored. ``fragments`` is the deficiency profile: per AST category, how often each
dimension fails, the mean semantic similarity, the grade counts and the ``weakest``
dimension. Predictions whose id is no BFCL entry are listed under ``unknown_ids``;
those of BFCL categories not evaluated (not asked for, or not covered, such as
``simple_java``) under ``ignored``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from tqdm import tqdm

from itool.eval.bfcl_data import (
    AST_CATEGORIES,
    CATEGORIES,
    category_of,
    check_categories,
    function_docs,
    is_bfcl_category,
    load_category,
)
from itool.eval.checker import Verdict, check_ast_output, check_relevance_output
from itool.records import DIMENSIONS, GRADES, Sample
from itool.reward import RewardConfig, score_responses

#: Dimensions that are right or wrong (``semantic`` is a similarity in [0, 1]).
BOOLEAN_DIMENSIONS = tuple(d for d in DIMENSIONS if d != "semantic")
GRADE_CHUNK = 512  # responses per reward batch (one semantic-model pass each)


def check_sample(sample: Sample, text: str) -> Verdict:
    """BFCL's verdict on one raw output for one BFCL sample."""
    category = sample.meta["category"]
    if category in AST_CATEGORIES:
        return check_ast_output(category, function_docs(sample), sample.meta["possible_answer"], text)
    return check_relevance_output(category, text)


def evaluate_predictions(
    predictions: Mapping[str, str],
    categories: Iterable[str] | None = None,
    *,
    grades: bool = True,
    reward_config: RewardConfig | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Judge ``{BFCL id: raw model text}`` and return the result document
    (``{"summary": ..., "entries": [...]}``, see the module docstring).

    ``categories`` defaults to those the predictions' ids name. Only entries with a
    prediction are scored. ``grades=False`` skips the reward (no dimensions or
    grades, much faster); ``reward_config`` chooses e.g. the lexical similarity.
    """
    named = {category_of(pid) for pid in predictions} - {None}
    selected = check_categories(list(categories) if categories is not None else sorted(named))

    unknown: list[str] = []
    ignored: list[str] = []
    by_id: dict[str, Sample] = {}
    missing: Counter = Counter()
    for category in selected:
        for sample in load_category(category):
            by_id[sample.id] = sample
            if sample.id not in predictions:
                missing[category] += 1
    for pid in predictions:
        if pid in by_id:
            continue
        category = category_of(pid)
        not_evaluated = (category is not None and category not in selected) or (
            category is None and "_" in pid and is_bfcl_category(pid.rsplit("_", 1)[0])
        )
        (ignored if not_evaluated else unknown).append(pid)

    scored = [(by_id[pid], text) for pid, text in predictions.items() if pid in by_id]
    scored.sort(key=lambda pair: (CATEGORIES.index(pair[0].meta["category"]), _id_order(pair[0].id)))
    entries = [_entry(sample, check_sample(sample, text)) for sample, text in scored]
    if grades:
        _add_grades(entries, scored, reward_config or RewardConfig(), progress)

    summary: dict[str, Any] = {}
    for category in selected:
        rows = [e for e in entries if e["category"] == category]
        correct = sum(e["valid"] for e in rows)
        summary[category] = {
            "accuracy": correct / len(rows) if rows else None,
            "correct": correct,
            "total": len(rows),
            "missing": missing[category],
        }
    summary["overall"] = _overall(summary, selected)
    summary["unknown_ids"] = {"count": len(unknown), "ids": unknown}
    summary["ignored"] = {"count": len(ignored), "ids": ignored}
    if grades:
        summary["fragments"] = _fragments(entries, selected)
    return {"summary": summary, "entries": entries}


def _id_order(entry_id: str) -> list[int]:
    """BFCL ids end in numbers (``live_simple_12-3-0``): sort them as numbers."""
    tail = entry_id.rsplit("_", 1)[-1]
    return [int(part) for part in tail.split("-") if part.isdigit()]


def _entry(sample: Sample, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": sample.id,
        "category": sample.meta["category"],
        "valid": verdict.valid,
        "error": verdict.error,
        "error_type": verdict.kind,
        "grade": None,
        "dimensions": None,
        "q": None,
    }


def _add_grades(
    entries: list[dict[str, Any]], scored: list[tuple[Sample, str]], config: RewardConfig, progress: bool
) -> None:
    """Fill dimensions, grade and q of the AST entries from the reward, in batches."""
    positions = [i for i, (sample, _) in enumerate(scored) if sample.meta["category"] in AST_CATEGORIES]
    with tqdm(total=len(positions), desc="grading", unit=" responses", disable=not progress or None) as bar:
        for start in range(0, len(positions), GRADE_CHUNK):
            chunk = positions[start : start + GRADE_CHUNK]
            scores = score_responses([scored[i] for i in chunk], config)
            for i, score in zip(chunk, scores, strict=True):
                entries[i].update(score.to_dict())
            bar.update(len(chunk))


def _overall(summary: dict[str, Any], selected: list[str]) -> dict[str, Any]:
    present = [summary[c] for c in selected if summary[c]["total"]]
    correct = sum(s["correct"] for s in present)
    total = sum(s["total"] for s in present)
    return {
        "accuracy": sum(s["accuracy"] for s in present) / len(present) if present else None,
        "micro_accuracy": correct / total if total else None,
        "correct": correct,
        "total": total,
        "missing": sum(summary[c]["missing"] for c in selected),
        "categories": len(present),
    }


def _fragments(entries: list[dict[str, Any]], selected: list[str]) -> dict[str, Any]:
    """Per AST category (and ``all`` of them): which fragment of a call fails most."""
    profile: dict[str, Any] = {}
    graded = [e for e in entries if e["dimensions"] is not None]
    for name in [c for c in selected if c in AST_CATEGORIES] + ["all"]:
        rows = graded if name == "all" else [e for e in graded if e["category"] == name]
        if not rows:
            continue
        failure = {d: sum(not e["dimensions"][d] for e in rows) / len(rows) for d in BOOLEAN_DIMENSIONS}
        worst = max(failure.values())
        profile[name] = {
            "graded": len(rows),
            "failure_rate": failure,
            "mean_semantic": sum(e["dimensions"]["semantic"] for e in rows) / len(rows),
            "grades": {g: sum(e["grade"] == g for e in rows) for g in GRADES},
            "weakest": next(d for d in BOOLEAN_DIMENSIONS if failure[d] == worst) if worst > 0 else None,
        }
    return profile
