"""What warmup SFT and preference optimisation share: the training options, how they
map onto TRL's config classes, LoRA, and counting the tokens a run trained on.

Each trainer module declares its own config dataclass on top of
:class:`TrainingOptions` (TRL's pattern: a config beside its trainer) and overrides
the defaults that differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itool.config import option

PRECISIONS = ("auto", "fp32", "bf16", "fp16")
SCHEDULERS = ("linear", "cosine", "constant", "constant_with_warmup")
CHECKPOINT_DIR = "checkpoints"
TENSORBOARD_DIR = "logs"
TOKENS_FILE = "itool_tokens.json"  # in each checkpoint: the tokens counted up to it


@dataclass
class TrainingOptions:
    """Options every itool training run has. Subclasses set their own defaults."""

    lr: float = option(1e-5, "peak learning rate (AdamW)")
    epochs: float = option(1.0, "passes over the training data")
    max_steps: int = option(-1, "stop after this many optimiser steps (-1: run all epochs)")
    batch_size: int = option(4, "examples per forward pass (per device)")
    grad_accum: int = option(
        1, "forward passes per optimiser step (effective batch = batch_size x grad_accum)"
    )
    max_length: int = option(1024, "longest training sequence in tokens (prompt + response)")
    lr_scheduler: str = option("cosine", "learning-rate schedule", choices=SCHEDULERS)
    warmup_ratio: float = option(0.03, "fraction of the steps spent ramping the learning rate up")
    weight_decay: float = option(0.0, "AdamW weight decay")
    max_grad_norm: float = option(1.0, "gradient clipping norm")
    seed: int = option(0, "random seed (data order, LoRA initialisation, dropout)")
    lora: bool = option(False, "train LoRA adapters instead of all weights (merged on export)")
    lora_r: int = option(16, "LoRA rank")
    lora_alpha: int = option(32, "LoRA scaling numerator (scale = lora_alpha / lora_r)")
    lora_dropout: float = option(0.05, "dropout on the LoRA path")
    lora_targets: list[str] = option(
        ["all-linear"],
        "module names LoRA adapts; 'all-linear' means every linear layer but the output head",
    )
    precision: str = option(
        "auto",
        "weights/compute precision; auto: fp32 on CPU, bf16 mixed precision on GPUs that have it",
        choices=PRECISIONS,
    )
    gradient_checkpointing: bool = option(
        False, "recompute activations in the backward pass: less memory, ~30% slower"
    )
    logging_steps: int = option(5, "log loss and learning rate every this many steps",
                                bookkeeping=True)
    save_steps: int = option(
        100, "write a resumable checkpoint every this many steps (0: none before the end)",
        bookkeeping=True,
    )
    save_total_limit: int = option(1, "checkpoints kept on disk (oldest deleted first)",
                                   bookkeeping=True)
    keep_checkpoints: bool = option(
        False, "keep OUT/checkpoints after the final model is exported", bookkeeping=True
    )
    resume: bool = option(False, "continue from the latest checkpoint in OUT/checkpoints",
                          bookkeeping=True)

    def __post_init__(self) -> None:
        for name in ("lr", "epochs", "batch_size", "grad_accum", "max_length", "lora_r"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if not 0.0 <= self.warmup_ratio < 1.0:
            raise ValueError(f"warmup_ratio must be in [0, 1), got {self.warmup_ratio}")


def use_bf16(options: TrainingOptions) -> bool:
    """Whether the trainer should run bf16 mixed precision."""
    import torch

    if options.precision == "auto":
        return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    return options.precision == "bf16"


def weights_dtype(options: TrainingOptions) -> str:
    """The dtype to load weights in. Full fine-tuning keeps fp32 master weights (mixed
    precision casts per op); LoRA freezes the base, so a half-precision base is enough."""
    if options.lora and options.precision != "fp32" and (use_bf16(options) or options.precision == "fp16"):
        return "bfloat16" if use_bf16(options) else "float16"
    return "float32"


def trainer_arguments(options: TrainingOptions, out_dir: Path) -> dict[str, Any]:
    """Keyword arguments common to ``SFTConfig``, ``DPOConfig`` and ``CPOConfig``
    (all subclasses of ``transformers.TrainingArguments``)."""
    import torch

    return dict(
        output_dir=str(out_dir / CHECKPOINT_DIR),
        learning_rate=options.lr,
        num_train_epochs=options.epochs,
        max_steps=options.max_steps,
        per_device_train_batch_size=options.batch_size,
        gradient_accumulation_steps=options.grad_accum,
        lr_scheduler_type=options.lr_scheduler,
        warmup_steps=options.warmup_ratio,  # a float in [0, 1) is a ratio of all steps
        weight_decay=options.weight_decay,
        max_grad_norm=options.max_grad_norm,
        seed=options.seed,
        data_seed=options.seed,
        bf16=use_bf16(options),
        fp16=options.precision == "fp16",
        **{_checkpointing_arg(): options.gradient_checkpointing},
        logging_steps=options.logging_steps,
        logging_first_step=True,
        save_strategy="steps" if options.save_steps > 0 else "no",
        save_steps=max(options.save_steps, 1),
        save_total_limit=options.save_total_limit,
        report_to="none",  # TensorBoard is attached by hand, to log into OUT/logs
        remove_unused_columns=True,
        dataloader_num_workers=0,
        dataloader_pin_memory=torch.cuda.is_available(),
    )


def _checkpointing_arg() -> str:
    """transformers 5 renamed ``gradient_checkpointing`` to ``activation_checkpointing``
    (the old name warns); use whichever this version has."""
    from transformers import TrainingArguments

    fields = TrainingArguments.__dataclass_fields__
    return "activation_checkpointing" if "activation_checkpointing" in fields else "gradient_checkpointing"


def lora_config(options: TrainingOptions):
    """The peft ``LoraConfig`` for these options, or ``None`` for full fine-tuning."""
    if not options.lora:
        return None
    from peft import LoraConfig

    targets: Any = options.lora_targets
    if targets == ["all-linear"]:
        targets = "all-linear"
    return LoraConfig(
        r=options.lora_r,
        lora_alpha=options.lora_alpha,
        lora_dropout=options.lora_dropout,
        target_modules=targets,
        task_type="CAUSAL_LM",
    )


def tensorboard_callback(out_dir: Path):
    """Log training curves to ``OUT/logs`` (``tensorboard --logdir OUT/logs``)."""
    from torch.utils.tensorboard import SummaryWriter
    from transformers.integrations import TensorBoardCallback

    return TensorBoardCallback(tb_writer=SummaryWriter(log_dir=str(out_dir / TENSORBOARD_DIR)))


def latest_checkpoint(out_dir: Path) -> str | None:
    """The newest ``checkpoint-N`` under ``OUT/checkpoints`` whose saving finished (it
    holds the token count, written last), else the newest one, if any: a run killed
    while saving leaves a half-written checkpoint beside the previous whole one."""
    ckpts = sorted(
        (p for p in (out_dir / CHECKPOINT_DIR).glob("checkpoint-*") if p.name[11:].isdigit()),
        key=lambda p: int(p.name[11:]),
    )
    whole = [p for p in ckpts if (p / TOKENS_FILE).is_file()]
    return str((whole or ckpts)[-1]) if ckpts else None


class TokenCounter:
    """Counts the tokens the policy model reads in training forward passes.

    A forward pre-hook on the model's decoder sees every batch whatever the trainer
    (SFT, DPO and CPO all run ``input_ids``/``attention_mask`` through it, and peft
    wrappers call it too), so the count means the same for every stage: the figure a
    fair-compute comparison needs. Padding is not counted, and neither are passes
    without gradients (reference log-probabilities, evaluation, generation).
    """

    def __init__(self, model, tokens: int = 0) -> None:
        self.tokens = tokens
        decoder = model.get_decoder() if hasattr(model, "get_decoder") else model
        self._handle = decoder.register_forward_pre_hook(self._count, with_kwargs=True)

    def _count(self, module, args, kwargs) -> None:
        import torch

        if not torch.is_grad_enabled():
            return
        mask = kwargs.get("attention_mask")
        ids = kwargs.get("input_ids", args[0] if args else None)
        if mask is not None and mask.dim() == 2:
            self.tokens += int(mask.sum())
        elif ids is not None:
            self.tokens += int(ids.numel())

    def close(self) -> None:
        self._handle.remove()

    def checkpoint_callback(self):
        """A trainer callback that writes the count into every checkpoint it saves,
        so that a resumed run counts the tokens read before the interruption too
        (:func:`checkpoint_tokens`); else a resumed stage would under-report its
        compute, and the sft arm matched on it would get less."""
        from transformers import TrainerCallback

        counter = self

        class SaveTokenCount(TrainerCallback):
            def on_save(self, args, state, control, **kwargs):
                folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
                if state.is_world_process_zero and folder.is_dir():
                    (folder / TOKENS_FILE).write_text(
                        json.dumps({"tokens": counter.tokens}) + "\n", encoding="utf-8")

        return SaveTokenCount()


def checkpoint_tokens(checkpoint: str | Path | None) -> int | None:
    """The token count a checkpoint was saved with (``None``: no checkpoint, or one
    written before itool kept the count)."""
    if checkpoint is None:
        return None
    path = Path(checkpoint) / TOKENS_FILE
    if not path.is_file():
        return None
    return int(json.loads(path.read_text(encoding="utf-8"))["tokens"])
