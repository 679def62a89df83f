"""``itool score``: score raw model outputs against a dataset's targets.

::

    itool score --references data.jsonl --predictions preds.jsonl --out scores.jsonl

REF is any dataset file the loaders read; PRED is JSONL ``{"id", "output"}`` (ids are
sample ids: a record's id, with ``#N`` for the N-th assistant turn of a conversation
that has several, or BFCL ids); OUT gets
one line per scored prediction, ``{"id", "dimensions", "grade", "q", "notes"}``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from itool.data.formats import FORMATS, load_samples
from itool.data.formats.files import iter_records, read_text, write_text_atomic
from itool.errors import DataError
from itool.records import DIMENSIONS, GRADES, Sample
from itool.reward.config import RewardConfig
from itool.reward.score import assess_responses

CHUNK = 512  # responses per scoring batch (one semantic-model pass each)
SHOWN_PROBLEMS = 20


@dataclass
class Prediction:
    id: str
    output: str
    location: str  # FILE:LINE


@dataclass
class ScoreReport:
    """What ``itool score`` did: the output lines, and what it could not score."""

    rows: list[dict] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (FILE:LINE, reason)
    references: int = 0
    unanswered: int = 0  # references without a prediction

    def summary(self) -> dict:
        n = len(self.rows)
        grades = Counter(r["grade"] for r in self.rows)
        rates = {d: (sum(bool(r["dimensions"][d]) for r in self.rows) / n if n else 0.0)
                 for d in DIMENSIONS[:4]}
        semantic = sum(r["dimensions"]["semantic"] for r in self.rows) / n if n else 0.0
        return {
            "scored": n,
            "references": self.references,
            "unanswered": self.unanswered,
            "unknown_ids": len(self.unknown),
            "grades": {g: grades.get(g, 0) for g in GRADES},
            "dimension_rates": rates,
            "mean_semantic": semantic,
            "mean_q": sum(r["q"] for r in self.rows) / n if n else 0.0,
        }


def read_predictions(path: str | Path) -> list[Prediction]:
    """Read PRED; every bad line is reported as ``FILE:LINE: reason`` at once."""
    predictions, problems = [], []
    for raw in iter_records(read_text(path)):
        where = f"{path}:{raw.location}"
        value = raw.value
        if raw.error is not None:
            problems.append((where, raw.error))
        elif not isinstance(value, dict):
            problems.append((where, f"expected an object {{\"id\", \"output\"}}, "
                                    f"got {type(value).__name__}"))
        elif not isinstance(value.get("id"), (str, int)) or isinstance(value.get("id"), bool):
            problems.append((where, "missing 'id' (a string)"))
        elif not isinstance(value.get("output"), str):
            problems.append((where, "missing 'output' (the raw model text, a string)"))
        else:
            predictions.append(Prediction(str(value["id"]), value["output"], where))
    if problems:
        raise DataError(problems)
    return predictions


def score_files(references: str | Path, predictions: str | Path, out: str | Path,
                config: RewardConfig | None = None, reference_format: str = "auto",
                progress: bool = True) -> ScoreReport:
    """Score every prediction whose id is a reference sample; write OUT (JSONL)."""
    samples: dict[str, Sample] = {s.id: s for s in load_samples(references,
                                                                 reference_format).samples}
    report = ScoreReport(references=len(samples))
    known: list[tuple[Prediction, Sample]] = []
    for pred in read_predictions(predictions):
        if pred.id in samples:
            known.append((pred, samples[pred.id]))
        else:
            report.unknown.append((pred.location, f"unknown id {pred.id!r} (not in {references})"))
    report.unanswered = len(set(samples) - {p.id for p, _ in known})

    with tqdm(total=len(known), desc="scoring", unit=" responses", disable=not progress) as bar:
        for start in range(0, len(known), CHUNK):
            chunk = known[start:start + CHUNK]
            results = assess_responses([(s, p.output) for p, s in chunk], config)
            for (pred, _), result in zip(chunk, results, strict=True):
                report.rows.append({"id": pred.id, **result.score.to_dict(), "notes": result.notes})
            bar.update(len(chunk))
    write_text_atomic(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in report.rows))
    return report


def format_summary(summary: dict) -> str:
    n = summary["scored"]
    lines = [f"scored {n} prediction(s) against {summary['references']} reference(s)"
             + (f"; {summary['unanswered']} reference(s) without a prediction"
                if summary["unanswered"] else "")]
    if summary["unknown_ids"]:
        lines.append(f"{summary['unknown_ids']} prediction(s) with unknown ids were not scored")
    share = (lambda k: f"{100 * k / n:.1f}%") if n else (lambda k: "-")
    lines.append("grades:     " + "  ".join(
        f"{g} {k} ({share(k)})" for g, k in summary["grades"].items()))
    lines.append("dimensions: " + "  ".join(
        f"{d} {100 * r:.1f}%" for d, r in summary["dimension_rates"].items())
        + f"  semantic (mean) {summary['mean_semantic']:.3f}")
    lines.append(f"mean q:     {summary['mean_q']:+.3f}")
    return "\n".join(lines)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score",
        help="grade raw model outputs against a dataset (five dimensions, grade, q)",
        description=("Score each prediction against its reference sample: function name, "
                     "parameter count, names and values, semantic similarity, the grade "
                     "(excellent/acceptable/fair/poor) and q in [-1, 1]."),
    )
    parser.add_argument("--references", required=True, metavar="REF",
                        help="dataset file (ToolACE, sharegpt, OpenAI chat or BFCL)")
    parser.add_argument("--reference-format", default="auto", choices=("auto", *FORMATS),
                        help="format of REF (default: auto, detected from the file)")
    parser.add_argument("--predictions", required=True, metavar="PRED",
                        help='JSONL with {"id": ..., "output": "<raw model text>"} per line')
    parser.add_argument("--out", required=True, metavar="OUT", help="JSONL of scores")
    parser.add_argument("--semantic", choices=("model", "lexical"), default="model",
                        help="semantic similarity: all-MiniLM-L6-v2 (default) or lexical")
    parser.set_defaults(func=_run)


def _run(args) -> int:
    report = score_files(args.references, args.predictions, args.out,
                         RewardConfig(semantic=args.semantic), args.reference_format)
    for where, why in report.unknown[:SHOWN_PROBLEMS]:
        print(f"itool: warning: {where}: {why}", file=sys.stderr)
    if len(report.unknown) > SHOWN_PROBLEMS:
        print(f"itool: warning: ... and {len(report.unknown) - SHOWN_PROBLEMS} more unknown ids",
              file=sys.stderr)
    print(format_summary(report.summary()))
    print(f"wrote {args.out}")
    return 0
