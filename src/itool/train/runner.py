"""Run a configured TRL trainer and export what it trained as a plain model directory.

Shared by warmup SFT and preference optimisation: both end the same way, with a
directory that ``AutoModelForCausalLM.from_pretrained`` loads (LoRA adapters merged
in), the tokenizer beside it, the resolved config, and a small JSON of figures.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
import warnings
from pathlib import Path
from typing import Any

from itool.config import dump_config
from itool.errors import UserError
from itool.train.options import (
    CHECKPOINT_DIR,
    TokenCounter,
    TrainingOptions,
    checkpoint_tokens,
    latest_checkpoint,
    tensorboard_callback,
)

STATS_FILE = "training_stats.json"
CONFIG_FILE = "training_config.yaml"


def train_and_export(
    trainer, options: TrainingOptions, out_dir: Path, stats: dict[str, Any]
) -> dict[str, Any]:
    """Train, export the model into ``out_dir``, and write ``training_stats.json``.

    ``stats`` holds what the caller knows (stage, samples, ...); this adds optimiser
    steps, tokens read, wall time and losses, and returns the whole record.
    """
    out_dir = Path(out_dir)
    resume_from = None
    if options.resume:
        resume_from = latest_checkpoint(out_dir)
        if resume_from is None:
            raise UserError(f"--resume: no checkpoint under {out_dir / CHECKPOINT_DIR}")
    trainer.add_callback(tensorboard_callback(out_dir))
    counted = checkpoint_tokens(resume_from)
    if resume_from is not None and counted is None:
        warnings.warn(f"{resume_from} does not record the tokens trained before it; "
                      "training_stats.json counts only those after the resume", stacklevel=2)
    counter = TokenCounter(trainer.model, counted or 0)
    trainer.add_callback(counter.checkpoint_callback())
    started = time.perf_counter()
    try:
        result = trainer.train(resume_from_checkpoint=resume_from)
    finally:
        counter.close()
    wall = time.perf_counter() - started

    export_model(trainer.model, trainer.processing_class, out_dir)
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    record = {
        **stats,
        "optimizer_steps": trainer.state.global_step,
        "epochs": round(float(trainer.state.epoch or 0.0), 4),
        "tokens": counter.tokens,
        "wall_seconds": round(wall, 1),
        "tokens_per_second": round(counter.tokens / wall, 1) if wall > 0 else None,
        "first_loss": losses[0] if losses else None,
        "final_loss": losses[-1] if losses else None,
        "mean_loss": _finite(result.training_loss),
        "resumed_from": resume_from,
    }
    dump_config(options, out_dir / CONFIG_FILE)
    _write_json(out_dir / STATS_FILE, record)
    if not options.keep_checkpoints:
        shutil.rmtree(out_dir / CHECKPOINT_DIR, ignore_errors=True)
    return record


def export_model(model, tokenizer, out_dir: Path) -> None:
    """Save ``model`` (LoRA adapters merged into the weights) and ``tokenizer`` as an
    ordinary Hugging Face model directory."""
    from peft import PeftModel

    if isinstance(model, PeftModel):
        model = model.merge_and_unload()
    model.eval()
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
