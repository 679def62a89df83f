"""Which way a run's rounds push the number of calls in an answer and of arguments in a
call: the pairs each round trains on, and the dev answers each stage's model writes.

    .venv/bin/python benchmarks/pair_shapes.py RUN_DIR [RUN_DIR ...]

RUN_DIR is an itool run directory (the outcome runner's ``<out-dir>/itool``). A pair's
two sides share the prompt and the prefix; when the chosen side ends with more calls
than the rejected one, the pair teaches "write another call", when with fewer, "stop
here". When nearly all of a round's pairs push one way, the next model swings that way
on every request, not only on those that asked for it (docs/RESULTS.md items 31, 32).
Arguments follow: after rounds whose pairs prefer more calls, the model closes its
calls sooner, and its answers begin fewer arguments per call (item 38). Shapes are
read by :func:`itool.search.shape.shape`, the reading that ``search.shape_balance``
balances a round's pairs with.
A *closing* pair is one whose rejected side only closes the answer (``)]``) where the
chosen side goes on with another call: it pushes down the closing brackets themselves.
The grades the search gave both sides say what kind of contrast a round trains on:
nearly all pairs put an excellent answer (mostly the reference) above a poor one (no
readable call, a wrong name or a wrong number of calls), so a stricter grading of the
minor errors, which moves only acceptable answers down to fair, reorders none of them.

For the dev answers (``<stage>/eval.json``): how many begin two or more calls, name a
function twice, and are never closed, and how many arguments their calls begin per
call; a first row counts the same in the dev samples'
reference answers (``data/dev.jsonl``), which is where the stages should land. Calls
are counted as they begin (a name and an opening parenthesis at the top level of the
answer's list), so cut-off answers, which no parser reads, still count; nothing is
evaluated.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from itool.errors import UserError
from itool.loop.files import read_json, read_jsonl
from itool.search.shape import shape


def pair_row(pairs: list[dict[str, Any]]) -> dict[str, int]:
    """Counts over one round's pairs: chosen side with more calls, fewer, as many;
    closing pairs (see the module docstring); chosen side with more arguments per call
    than the rejected one, and with fewer (of the pairs both of whose sides begin a
    call); chosen sides graded excellent and rejected sides graded poor."""
    row = {"pairs": len(pairs), "more": 0, "fewer": 0, "same": 0, "closing": 0,
           "more_arguments": 0, "fewer_arguments": 0, "chosen_excellent": 0,
           "rejected_poor": 0}
    for pair in pairs:
        prefix = pair.get("prefix", "")
        chosen_shape = shape(prefix + pair["chosen"])
        rejected_shape = shape(prefix + pair["rejected"])
        chosen, rejected = len(chosen_shape.names), len(rejected_shape.names)
        row["more" if chosen > rejected else "fewer" if chosen < rejected else "same"] += 1
        if chosen > rejected and pair["rejected"].strip().strip(")]") == "":
            row["closing"] += 1
        chosen_args = chosen_shape.arguments_per_call()
        rejected_args = rejected_shape.arguments_per_call()
        if chosen_args is not None and rejected_args is not None:
            row["more_arguments"] += chosen_args > rejected_args
            row["fewer_arguments"] += chosen_args < rejected_args
        row["chosen_excellent"] += pair.get("chosen_grade") == "excellent"
        row["rejected_poor"] += pair.get("rejected_grade") == "poor"
    return row


def mean_arguments(counts: list[tuple[int, int]]) -> float:
    """Arguments per call over answers given as ``(calls, arguments)``."""
    calls = sum(c for c, _ in counts)
    return round(sum(a for _, a in counts) / calls, 2) if calls else 0.0


def answer_row(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over one stage's dev answers, and the arguments their calls begin per call."""
    row: dict[str, Any] = {"answers": len(answers), "two_or_more": 0, "name_twice": 0,
                           "unclosed": 0}
    counts = []
    for answer in answers:
        names, closed, arguments = shape(answer["response"])
        row["two_or_more"] += len(names) >= 2
        row["name_twice"] += len(names) != len(set(names))
        row["unclosed"] += bool(names) and not closed
        counts.append((len(names), arguments))
    row["arguments_per_call"] = mean_arguments(counts)
    return row


def reference_row(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts of :func:`answer_row` for the dev samples' reference answers (a list
    of calls, or a text reply), what the stages' answers would be if right."""
    targets = [s["target"] for s in samples]
    calls = [t for t in targets if isinstance(t, list)]
    names = [[c["name"] for c in t] for t in calls]
    return {"answers": len(targets), "two_or_more": sum(len(n) >= 2 for n in names),
            "name_twice": sum(len(n) != len(set(n)) for n in names), "unclosed": 0,
            "arguments_per_call": mean_arguments(
                [(len(t), sum(len(c["arguments"]) for c in t)) for t in calls])}


def stages(run_dir: Path) -> list[str]:
    """The warmup and the rounds of a run, in order, that have a dev evaluation."""
    rounds = sorted((p.name for p in run_dir.glob("round_*") if p.is_dir()),
                    key=lambda name: int(name.split("_")[1]))
    return [s for s in ["warmup", *rounds] if (run_dir / s / "eval.json").is_file()]


def run_table(run_dir: Path) -> str:
    """One markdown table for a run: a row per stage."""
    if not stages(run_dir):
        raise UserError(f"{run_dir}: no <stage>/eval.json here; is it an itool run directory "
                        "(the outcome runner's <out-dir>/itool)?")
    lines = [f"{run_dir}", "",
             "| stage | pairs | chosen: more calls | fewer | as many | closing "
             "| chosen: more args per call | fewer | chosen excellent | rejected poor "
             "| dev answers | 2+ calls | a name twice | not closed | args per call |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    dev_file = run_dir / "data/dev.jsonl"
    if dev_file.is_file():
        ref = reference_row(read_jsonl(dev_file))
        lines.append("| reference answers | " + " | ".join(["–"] * 9) + f" | {ref['answers']} | "
                     f"{ref['two_or_more']} | {ref['name_twice']} | 0 | "
                     f"{ref['arguments_per_call']:.2f} |")
    for stage in stages(run_dir):
        dev = answer_row(read_json(run_dir / stage / "eval.json")["answers"])
        pairs_file = run_dir / stage / "pairs.jsonl"
        p = pair_row(read_jsonl(pairs_file)) if pairs_file.is_file() else None
        trained = ("–",) * 9 if p is None else (
            p["pairs"], p["more"], p["fewer"], p["same"], p["closing"], p["more_arguments"],
            p["fewer_arguments"], p["chosen_excellent"], p["rejected_poor"])
        lines.append(f"| {stage} | " + " | ".join(map(str, trained)) + f" | {dev['answers']} | "
                     f"{dev['two_or_more']} | {dev['name_twice']} | {dev['unclosed']} | "
                     f"{dev['arguments_per_call']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dirs", nargs="+", type=Path, metavar="RUN_DIR")
    args = parser.parse_args()
    try:
        print("\n\n".join(run_table(d) for d in args.run_dirs))
    except UserError as err:
        raise SystemExit(f"error: {err}") from None


if __name__ == "__main__":
    main()
