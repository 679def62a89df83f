"""How many preference pairs fit in one forward pass.

A preference step scores both sides of every pair in a forward pass over the whole
vocabulary, and TRL's trainers hold several full-vocabulary copies of those logits at
once (the logits, their log-softmax, the gradients of both). With a large vocabulary
that, not the model, is what runs out: on a 24 GiB machine, Gemma 3 270M's SimPO step
with two pairs of up to 1,024 tokens of its 262k vocabulary a pass was OOM-killed, where
one pair a pass peaked near 13 GB (docs/RESULTS.md, item 59). A run killed there loses
the round's search with it.

So before training, :func:`fit_pairs_per_pass` cuts the pairs a pass to what the free
memory holds and raises the accumulation to match: the same pairs a step, so the same
updates, in more passes. The estimate is deliberately rough and errs high (five logit
copies, the whole optimizer state); a model whose pairs fit keeps its batch unchanged
(SmolLM2-135M's 49k vocabulary needs about 4 GB for two such pairs).
"""

from __future__ import annotations

import sys
from dataclasses import replace

import psutil
import torch

from itool.train.options import TrainingOptions

# full-vocabulary float32 copies of one sequence's logits alive at the peak of a step
LOGIT_COPIES = 5
# bytes a trained parameter adds once training starts: its gradient and Adam's two
# moments in float32 (the weights themselves are already loaded); LoRA trains ~nothing
STATE_BYTES = 12


def logits_bytes(pairs: int, longest: int, vocab: int) -> int:
    """The float32 logits of ``pairs`` pairs (two sequences each) of ``longest`` tokens,
    times the copies a step keeps."""
    return LOGIT_COPIES * pairs * 2 * longest * vocab * 4


def training_state_bytes(model, lora: bool, reference_copy: bool) -> int:
    """What training adds to the loaded model besides the logits: optimizer state and
    gradients (full fine-tuning), and a frozen reference copy (DPO without LoRA)."""
    params = sum(p.numel() for p in model.parameters())
    return (0 if lora else STATE_BYTES * params) + (4 * params if reference_copy else 0)


def free_bytes(model) -> int | None:
    """Memory free on the model's device (None where it cannot be read: MPS)."""
    device = next(model.parameters()).device
    if device.type == "cuda":
        return torch.cuda.mem_get_info(device)[0]
    if device.type == "cpu":
        return psutil.virtual_memory().available
    return None


def pairs_that_fit(batch_size: int, grad_accum: int, state: int, per_pair: int,
                   free: int) -> int:
    """The most pairs a pass, at most ``batch_size`` and dividing the pairs a step
    (``batch_size * grad_accum``) so that the step stays the same, whose estimate fits
    in ``free`` bytes; 1 if none does."""
    step = batch_size * grad_accum
    fitting = [b for b in range(1, batch_size + 1)
               if step % b == 0 and state + b * per_pair <= free]
    return max(fitting, default=1)


def fit_pairs_per_pass(config: TrainingOptions, model, longest: int, vocab: int,
                       reference_copy: bool) -> TrainingOptions:
    """``config`` with as many pairs a pass as the free memory holds (see module docs),
    saying so on stderr when it cuts them or when even one pair may not fit."""
    free = free_bytes(model)
    if free is None:
        return config
    state = training_state_bytes(model, config.lora, reference_copy)
    per_pair = logits_bytes(1, longest, vocab)
    fits = pairs_that_fit(config.batch_size, config.grad_accum, state, per_pair, free)
    need = (state + fits * per_pair) / 2**30
    if state + fits * per_pair > free:
        print(f"itool optimize: one pair of {longest} tokens over a {vocab:,}-token vocabulary "
              f"may need ~{need:.1f} GiB, more than the {free / 2**30:.1f} GiB free; if the run "
              "is killed, lower optimize.max_length or train with LoRA", file=sys.stderr)
    if fits == config.batch_size:
        return config
    accum = config.batch_size * config.grad_accum // fits
    print(f"itool optimize: {config.batch_size} pairs a pass of up to {longest} tokens over a "
          f"{vocab:,}-token vocabulary would need more than the {free / 2**30:.1f} GiB free; "
          f"training {fits} a pass with grad_accum {accum} instead (the same "
          f"{config.batch_size * config.grad_accum} pairs a step)", file=sys.stderr)
    return replace(config, batch_size=fits, grad_accum=accum)
