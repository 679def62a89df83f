"""Generate a model's BFCL outputs: the ``--model`` half of ``itool eval bfcl``.

Entries are prompted exactly as training prompts are (:func:`itool.model.prompt.render_prompt`:
tool docs and call-syntax instructions in the system prompt), decoded greedily in
length-sorted batches, and returned as ``{BFCL id: raw text}`` for the evaluator
(:func:`itool.eval.bfcl.evaluate_predictions`). The raw outputs are also written as
JSONL ``{"id", "output"}`` beside the result, so they can be re-scored with
``itool eval bfcl --predictions`` without generating again.

``--limit-per-category N`` takes, from each category, N entries drawn with
``random.Random(f"{seed}:{category}")`` (seed :data:`SUBSET_SEED` unless ``--seed``
says otherwise), kept in BFCL's order: the same subset on every run and machine, and
a category's subset does not change when other categories are added.

Generation is resumable: every decoded batch is appended to a checkpoint beside the
result (``result.partial.jsonl``), and the same command run again after an
interruption takes the batches already there (when model, entries and settings are
the same) instead of decoding them again. The full non-live set takes from half an
hour to over an hour on two CPU cores (a model that rambles is the slowest); a kill
near its end now costs one batch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itool.data.formats.files import write_text_atomic
from itool.errors import UserError
from itool.eval.bfcl_data import CATEGORIES, check_categories, load_category
from itool.model.prompt import render_prompt
from itool.records import Sample

if TYPE_CHECKING:  # torch loads only when a model is used, not for `itool --help`
    from itool.model.generate import GenerationBackend

SUBSET_SEED = 2501_09766  # the iTool paper's arXiv number
DEFAULT_MAX_NEW_TOKENS = 192  # room for four calls with a few arguments each


@dataclass
class GenerationStats:
    """How long generating took; printed with the summary and stored in the result."""

    model: str
    prompts: int
    new_tokens: int
    truncated: int  # outputs cut by max_new_tokens
    seconds: float
    predictions_file: str | None = None

    @property
    def prompts_per_second(self) -> float:
        return self.prompts / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {
            **asdict(self),
            "prompts_per_second": self.prompts_per_second,
            "new_tokens_per_second": self.tokens_per_second,
        }

    def line(self) -> str:
        return (
            f"generated {self.prompts} outputs with {self.model} in {self.seconds:.1f} s: "
            f"{self.prompts_per_second:.2f} prompts/s, {self.tokens_per_second:.1f} new tokens/s"
            + (f", {self.truncated} cut at max new tokens" if self.truncated else "")
            + (f"; raw outputs in {self.predictions_file}" if self.predictions_file else "")
        )


def select_samples(
    categories: list[str], limit_per_category: int | None = None, seed: int = SUBSET_SEED
) -> list[Sample]:
    """The BFCL entries of ``categories``, or a fixed seeded subset of at most
    ``limit_per_category`` entries from each (see the module docs)."""
    if limit_per_category is not None and limit_per_category < 1:
        raise UserError("--limit-per-category must be at least 1")
    chosen: list[Sample] = []
    for category in check_categories(categories):
        samples = load_category(category)
        if limit_per_category is not None and limit_per_category < len(samples):
            rng = random.Random(f"{seed}:{category}")
            keep = sorted(rng.sample(range(len(samples)), limit_per_category))
            samples = [samples[i] for i in keep]
        chosen.extend(samples)
    return chosen


def generate_outputs(
    backend: GenerationBackend,
    tokenizer,
    samples: list[Sample],
    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
    model_name: str = "model",
    checkpoint: str | Path | None = None,
) -> tuple[dict[str, str], GenerationStats]:
    """Greedy outputs ``{sample id: raw text}`` for samples, and timing figures (the
    seconds of every batch, those of an interrupted earlier call included). With a
    ``checkpoint`` file the generation resumes from it (see the module docs); the file
    is removed once every output is in."""
    from itool.model.generate import SamplingParams

    prompts = [render_prompt(sample, tokenizer) for sample in samples]
    params = SamplingParams(temperature=0, max_new_tokens=max_new_tokens)
    if checkpoint is None:
        start = time.perf_counter()
        results = backend.generate(prompts, params)
        seconds = time.perf_counter() - start
    else:
        results, seconds = _resumable_generate(backend, samples, prompts, params, model_name,
                                               Path(checkpoint))
    outputs = {sample.id: completions[0].text for sample, completions in zip(samples, results, strict=True)}
    stats = GenerationStats(
        model=model_name,
        prompts=len(samples),
        new_tokens=sum(len(c[0].token_ids) for c in results),
        truncated=sum(c[0].finish_reason == "length" for c in results),
        seconds=seconds,
    )
    return outputs, stats


def _resumable_generate(backend, samples: list[Sample], prompts: list[str], params,
                        model_name: str, checkpoint: Path):
    """``backend.generate`` with every batch appended to ``checkpoint`` as one JSON
    line, after a header line saying what was being generated."""
    import hashlib

    from itool.loop.files import path_hash
    from itool.model.generate import Completion

    header = {
        "model": model_name,
        "model_hash": path_hash(model_name) if Path(model_name).is_dir() else None,
        "max_new_tokens": params.max_new_tokens,
        "batch_size": getattr(backend, "batch_size", None),
        "prompts": hashlib.sha256(json.dumps([[s.id for s in samples], prompts]).encode()).hexdigest(),
    }
    done: dict[int, list] = {}
    seconds = 0.0
    lines = checkpoint.read_text(encoding="utf-8").splitlines() if checkpoint.is_file() else []
    kept = [json.dumps(header)]
    if lines and _json_or_none(lines[0]) == header:
        for line in lines[1:]:
            batch = _json_or_none(line)
            if batch is None:  # a line cut short by the interruption
                break
            kept.append(line)
            seconds += batch["seconds"]
            for item in batch["items"]:
                done[item["index"]] = [Completion(item["text"], item["token_ids"],
                                                  finish_reason=item["finish_reason"])]
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(checkpoint, "".join(line + "\n" for line in kept))
    last = time.perf_counter()

    def save(indices: list[int], completions: list[list]) -> None:
        nonlocal last, seconds
        now = time.perf_counter()
        items = [{"index": i, "text": c[0].text, "token_ids": c[0].token_ids,
                  "finish_reason": c[0].finish_reason} for i, c in zip(indices, completions, strict=True)]
        with open(checkpoint, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"seconds": now - last, "items": items}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        seconds += now - last
        last = now

    results = backend.generate(prompts, params, done=done, on_batch=save)
    checkpoint.unlink(missing_ok=True)
    return results, seconds


def _json_or_none(line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


def checkpoint_path(result_path: str | Path) -> Path:
    """Where an unfinished generation keeps its batches: ``result.json`` ->
    ``result.partial.jsonl``."""
    result_path = Path(result_path)
    return result_path.with_name(f"{result_path.stem}.partial.jsonl")


def predictions_path(result_path: str | Path) -> Path:
    """Where the raw outputs go: ``result.json`` -> ``result.predictions.jsonl``."""
    result_path = Path(result_path)
    return result_path.with_name(f"{result_path.stem}.predictions.jsonl")


def write_predictions(path: str | Path, outputs: dict[str, str]) -> None:
    """JSONL ``{"id", "output"}``: the format ``itool eval bfcl --predictions`` reads."""
    lines = [json.dumps({"id": pid, "output": text}, ensure_ascii=False) for pid, text in outputs.items()]
    write_text_atomic(path, "".join(line + "\n" for line in lines))


def add_generation_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``--model`` options of ``itool eval bfcl``."""
    group = parser.add_argument_group("generating outputs with a model (instead of --predictions)")
    group.add_argument(
        "--model",
        metavar="M",
        help="'default' (embedded SmolLM2-135M-Instruct), a model directory, a .gguf file, "
        "or a Hugging Face id already in the local cache",
    )
    group.add_argument(
        "--limit-per-category",
        type=int,
        metavar="N",
        help=f"a fixed seeded subset of N entries per category (seed {SUBSET_SEED}, see --seed)",
    )
    group.add_argument("--seed", type=int, default=SUBSET_SEED, help="seed of the per-category subset")
    group.add_argument("--batch-size", type=int, default=8, metavar="B", help="sequences decoded together")
    group.add_argument(
        "--max-new-tokens", type=int, default=DEFAULT_MAX_NEW_TOKENS, metavar="T", help="per output"
    )
    group.add_argument("--device", default="auto", help="cpu, cuda, cuda:1, ... (default: cuda if present)")
    group.add_argument("--dtype", default="auto", help="float32, bfloat16, float16 (default: by device)")


def predictions_from_model(args: argparse.Namespace) -> tuple[dict[str, str], GenerationStats]:
    """Load ``args.model``, generate outputs for the selected BFCL entries (all
    categories unless ``--categories``), write them beside ``args.out``."""
    from itool.model.generate import TransformersBackend

    if args.batch_size < 1 or args.max_new_tokens < 1:
        raise UserError("--batch-size and --max-new-tokens must be at least 1")
    samples = select_samples(list(args.categories or CATEGORIES), args.limit_per_category, args.seed)
    backend = TransformersBackend.from_pretrained(
        args.model, dtype=args.dtype, device=args.device, batch_size=args.batch_size
    )
    outputs, stats = generate_outputs(
        backend, backend.tokenizer, samples, args.max_new_tokens, model_name=args.model,
        checkpoint=checkpoint_path(args.out),
    )
    stats.predictions_file = str(predictions_path(args.out))
    write_predictions(stats.predictions_file, outputs)
    return outputs, stats
