"""Warmup SFT: teach the model the call format on samples, easy to hard.

The paper starts from an easy-to-hard supervised warmup before any preference
round. Here a sample becomes one training sequence: the prompt exactly as evaluation
builds it (:func:`itool.model.prompt.render_prompt`), followed by the target response
and the chat template's end-of-turn marker. The loss covers the response only:
the prompt tokens get label -100 (TRL's ``completion_only_loss`` over the
``completion_mask`` built here).

Order matters for a curriculum (the easy, medium and hard stages of
:mod:`itool.data.curriculum`, one after the other), and TRL shuffles by default; so
the samples are put in order here and the trainer reads them with a sequential sampler
(``train_sampling_strategy="sequential"``). With ``order: shuffle`` the usual random
sampler is used instead.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itool.config import option
from itool.errors import UserError
from itool.records import Sample
from itool.train.options import TrainingOptions, lora_config, trainer_arguments
from itool.train.runner import train_and_export

ORDERS = ("curriculum", "rehearsal", "shuffle", "file")

# The share of the easy and of the medium stage that ``order: rehearsal`` holds back
# for the last stage.
REHEARSAL_SHARE = 1 / 3


@dataclass
class WarmupConfig(TrainingOptions):
    """Warmup SFT options. The defaults are a conventional LoRA recipe for an 8B model
    (our choice, not values taken from the paper); the ``warmup-cpu`` preset holds the
    values measured for the embedded 135M model on a CPU."""

    lr: float = option(1e-4, "peak learning rate (AdamW)")
    epochs: float = option(2.0, "passes over the training data")
    batch_size: int = option(4, "examples per forward pass (per device)")
    grad_accum: int = option(
        8, "forward passes per optimiser step (effective batch = batch_size x grad_accum)"
    )
    max_length: int = option(2048, "longest training sequence in tokens; longer samples are skipped")
    lora: bool = option(True, "train LoRA adapters instead of all weights (merged on export)")
    order: str = option(
        "curriculum",
        "sample order: curriculum (easy, medium, hard stages by complexity, shuffled only"
        " within a stage), rehearsal (the same stages, with a third of the easy and of the"
        " medium samples moved into the hard stage), shuffle (random each epoch), or file"
        " (as given)",
        choices=ORDERS,
    )


def order_samples(samples: list[Sample], order: str, seed: int = 0) -> list[Sample]:
    """Samples in training order.

    ``curriculum``: the easy, medium and hard stages of
    :func:`itool.data.curriculum.cut_stages` one after the other, each shuffled
    within itself (seeded), never across stages. ``rehearsal``: the same stages, but a
    seeded third of the easy and of the medium stage is held back and shuffled into
    the hard stage. The hard stage is mostly parallel and multi-call targets, and a
    warmup that ends on them alone repeats argument names in single calls
    (docs/RESULTS.md, item 9); rehearsal keeps the order easy to hard on average, each
    sample still trained once. ``shuffle``: one seeded shuffle (the trainer reshuffles
    every epoch). ``file``: unchanged.
    """
    from itool.data.curriculum import cut_stages

    if order not in ORDERS:
        raise UserError(f"unknown sample order {order!r} (expected one of {', '.join(ORDERS)})")
    rng = random.Random(seed)
    if order == "file":
        return list(samples)
    if order == "shuffle":
        shuffled = list(samples)
        rng.shuffle(shuffled)
        return shuffled
    stages = list(cut_stages(samples).values())
    if order == "rehearsal":
        *earlier, last = stages
        for stage in earlier:
            rng.shuffle(stage)
            held = round(len(stage) * REHEARSAL_SHARE)
            last.extend(stage[len(stage) - held:])
            del stage[len(stage) - held:]
    ordered: list[Sample] = []
    for stage in stages:
        rng.shuffle(stage)
        ordered.extend(stage)
    return ordered


def sft_examples(samples: list[Sample], tokenizer, max_length: int):
    """Tokenise samples into ``input_ids`` + ``completion_mask`` rows.

    The prompt and the completion are tokenised separately and concatenated, which is
    what the model sees at generation time (the prompt tokenised alone, the response
    generated token by token). Samples longer than ``max_length`` tokens are skipped,
    not truncated: a cut-off call would teach the model to stop mid-call.

    Returns ``(datasets.Dataset, skipped_ids)``.
    """
    from datasets import Dataset

    from itool.model.prompt import prompt_messages, render_completion, render_prompt, target_text

    rows, skipped = [], []
    for sample in samples:
        prompt = render_prompt(sample, tokenizer)
        completion = render_completion(prompt_messages(sample), target_text(sample), tokenizer)
        prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        completion_ids = tokenizer(completion, add_special_tokens=False)["input_ids"]
        if len(prompt_ids) + len(completion_ids) > max_length:
            skipped.append(sample.id)
            continue
        rows.append(
            {
                "input_ids": prompt_ids + completion_ids,
                "completion_mask": [0] * len(prompt_ids) + [1] * len(completion_ids),
                "sample_id": sample.id,
            }
        )
    if not rows:
        raise UserError(
            f"no sample fits in max_length={max_length} tokens ({len(skipped)} skipped);"
            " raise --max-length"
        )
    return Dataset.from_list(rows), skipped


def skipped_by_category(samples: list[Sample], skipped_ids: list[str]) -> dict[str, int]:
    """How many skipped samples each category lost, most first. Long samples are the
    hard ones (many tools, many calls), so a tight ``max_length`` quietly turns the
    end of an easy-to-hard curriculum into more easy samples: this makes it visible."""
    from collections import Counter

    from itool.data.categories import sample_category

    wanted = set(skipped_ids)
    counts = Counter(sample_category(s) for s in samples if s.id in wanted)
    return dict(counts.most_common())


def stage_rates(ordered_ids: list[str], stage_by_id: dict[str, str],
                config: WarmupConfig) -> dict[str, float]:
    """The mean learning rate, as a share of the peak, at which each curriculum stage's
    samples are trained, for the sequential orders (curriculum, rehearsal, file).

    Why it is reported: order and schedule interact. A one-epoch easy-to-hard warmup
    under a decaying schedule trains its last stage at a small part of the peak rate:
    on the outcome experiment's 240 samples the hard stage (most of the parallel and
    multi-call targets) got 7% of it under the cosine (docs/RESULTS.md, item 20).

    ``ordered_ids`` are the trained samples in the order the sequential sampler reads
    them; each optimiser step reads ``batch_size x grad_accum`` of them, and the rate
    at a step is the one the trainer's scheduler (``transformers.get_scheduler``, with
    ``TrainingArguments``' warmup rounding) gives that step.
    """
    import torch
    from transformers import get_scheduler

    per_step = config.batch_size * config.grad_accum
    steps_per_epoch = math.ceil(len(ordered_ids) / per_step)
    total = config.max_steps if config.max_steps > 0 else math.ceil(config.epochs * steps_per_epoch)
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    schedule = get_scheduler(config.lr_scheduler, optimizer,
                             num_warmup_steps=math.ceil(total * config.warmup_ratio),
                             num_training_steps=total)
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for step in range(total):
        rate = optimizer.param_groups[0]["lr"]
        start = (step % steps_per_epoch) * per_step
        for sample_id in ordered_ids[start:start + per_step]:
            stage = stage_by_id[sample_id]
            sums[stage] = sums.get(stage, 0.0) + rate
            counts[stage] = counts.get(stage, 0) + 1
        optimizer.step()
        schedule.step()
    return {stage: round(sums[stage] / counts[stage], 3)
            for stage in dict.fromkeys(stage_by_id.values()) if stage in sums}


def build_sft_trainer(model, tokenizer, dataset, config: WarmupConfig, out_dir: Path):
    """A TRL ``SFTTrainer`` over an already ordered, tokenised dataset."""
    from trl import SFTConfig, SFTTrainer

    args = SFTConfig(
        **trainer_arguments(config, Path(out_dir)),
        max_length=config.max_length,
        completion_only_loss=True,
        train_sampling_strategy="random" if config.order == "shuffle" else "sequential",
    )
    return SFTTrainer(
        model=model,
        args=args,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=lora_config(config),
    )


def warmup(
    model, tokenizer, samples: list[Sample], out_dir: str | Path, config: WarmupConfig
) -> dict[str, Any]:
    """Warmup SFT of ``model`` on ``samples``; the trained model (LoRA merged) and its
    tokenizer are written to ``out_dir`` with ``training_stats.json``. Returns the
    stats."""
    out_dir = Path(out_dir)
    ordered = order_samples(samples, config.order, config.seed)
    dataset, skipped = sft_examples(ordered, tokenizer, config.max_length)
    by_category = skipped_by_category(ordered, skipped)
    if skipped:
        kinds = ", ".join(f"{name} {count}" for name, count in by_category.items())
        print(
            f"itool warmup: skipped {len(skipped)} of {len(samples)} samples longer than "
            f"{config.max_length} tokens ({kinds}); raise max_length to keep them",
            file=sys.stderr,
        )
    trainer = build_sft_trainer(model, tokenizer, dataset, config, out_dir)
    rates = None
    if config.order != "shuffle":
        from itool.data.curriculum import cut_stages

        stage_by_id = {s.id: name for name, stage in cut_stages(ordered).items() for s in stage}
        rates = stage_rates(dataset["sample_id"], stage_by_id, config)
        shares = ", ".join(f"{name} {share:.0%}" for name, share in rates.items())
        print(f"itool warmup: mean learning rate per difficulty stage, as a share of the "
              f"peak ({config.lr_scheduler} schedule): {shares}", file=sys.stderr)
    stats = {
        "stage": "warmup",
        "samples": len(dataset),
        "skipped_too_long": len(skipped),
        "skipped_by_category": by_category,
        "order": config.order,
        "stage_lr_share": rates,
        "lora": config.lora,
        "dataset_tokens": sum(len(ids) for ids in dataset["input_ids"]),
        "dataset_response_tokens": sum(sum(mask) for mask in dataset["completion_mask"]),
    }
    return train_and_export(trainer, config, out_dir, stats)
