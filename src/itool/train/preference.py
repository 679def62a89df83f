"""Preference optimisation on MCTS pairs: DPO (sigmoid), IPO, and SimPO; and, as an
ablation, the NLL on the chosen side alone.

DPO and IPO run through ``trl.DPOTrainer`` against a frozen reference model (a copy
of the starting model; with LoRA, the same model with its adapters switched off).
SimPO runs through ``trl.experimental.cpo.CPOTrainer`` with ``loss_type="simpo"``,
which needs no reference model. ``sft_weight`` adds an NLL term on the chosen side
to any of the three (SimPO: CPO's ``cpo_alpha``; DPO and IPO: TRL's ``"sft"`` loss
beside the preference loss), so that switching the loss changes the loss alone.
``nll`` keeps that NLL term and drops the preference term: the same pairs, prompts
and fragments, trained like SFT on the chosen side, which tells what the contrast with
the rejected side adds to what the chosen texts teach by themselves.

Pairs come from the search stage as :class:`itool.records.PreferencePair` records
(JSONL, one ``to_dict()`` per line). :func:`pairs_to_dataset` is the one place that
turns them into what TRL reads:

- ``prompt``: the chat-templated conversation (``pair.prompt``, the messages as
  :func:`itool.model.prompt.prompt_messages` builds them, system prompt with the tool
  documentation included) with the opening of the assistant turn, then the shared
  response ``prefix``;
- ``chosen`` / ``rejected``: the continuation fragments, as text;
- ``chosen_finishes`` / ``rejected_finishes``: whether a fragment ends the response.

With ``train_prefix`` the shared prefix moves out of the prompt into both sides, so
the chosen side's NLL covers the whole response. A pair that parts in the middle of a
call trains only the rest of that call: ``)]`` after a prefix that ends on an argument
holds a decision to close and none to go on, so fragments hold more closings per
argument than whole answers do, and the NLL on them alone (``loss: nll``) shortens
the answers (docs/RESULTS.md, item 46).

TRL ends every chosen/rejected continuation with the end-of-sequence token. That is
right for a fragment that finishes the response, wrong for a step-level fragment in
the middle of a call (it would teach the model to stop there), so the trained
sequences of unfinished fragments have that token removed again after TRL's
tokenisation (see :func:`fragment_finishes`).
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itool.config import option
from itool.errors import UserError
from itool.records import PreferencePair
from itool.train.memory import fit_pairs_per_pass
from itool.train.options import TrainingOptions, lora_config, trainer_arguments
from itool.train.runner import train_and_export

LOSSES = ("simpo", "dpo", "ipo", "nll")
# beta when the config leaves it unset: SimPO's from the iTool paper; DPO's and IPO's
# (IPO's tau) are the values their papers and TRL use. The NLL alone has no beta.
DEFAULT_BETA = {"simpo": 2.5, "dpo": 0.1, "ipo": 0.1, "nll": None}


@dataclass
class PreferenceConfig(TrainingOptions):
    """Preference-optimisation options. The defaults are the iTool paper's for 8B
    models (SimPO, beta 2.5, gamma 0.5, learning rate 1e-6; LoRA is our choice); the
    ``optimize-cpu`` preset holds values measured for the embedded 135M model."""

    loss: str = option(
        "simpo",
        "preference loss; nll: the chosen side's NLL alone, no preference term (ablation)",
        choices=LOSSES,
    )
    beta: float | None = option(
        None, "loss temperature; null: SimPO 2.5 (paper), DPO 0.1, IPO 0.1 (IPO's tau)"
    )
    simpo_gamma: float = option(0.5, "SimPO target reward margin gamma")
    sft_weight: float = option(
        0.0, "weight of an added NLL loss on the chosen continuation (0: none)"
    )
    lr: float = option(1e-6, "peak learning rate (AdamW)")
    epochs: float = option(1.0, "passes over the pairs")
    batch_size: int = option(2, "pairs per forward pass (per device)")
    grad_accum: int = option(
        16, "forward passes per optimiser step (effective batch = batch_size x grad_accum)"
    )
    max_length: int = option(
        2048, "longest prompt + continuation in tokens; longer pairs are skipped"
    )
    warmup_ratio: float = option(0.1, "fraction of the steps spent ramping the learning rate up")
    lora: bool = option(True, "train LoRA adapters instead of all weights (merged on export)")
    train_prefix: bool = option(
        False,
        "move the response prefix the two sides share from the prompt into both sides, "
        "so the loss covers whole responses (the chosen side's NLL too)",
    )

    @property
    def resolved_beta(self) -> float | None:
        return self.beta if self.beta is not None else DEFAULT_BETA[self.loss]


def read_pairs(path: str | Path) -> list[PreferencePair]:
    """Read a pairs JSONL file (one ``PreferencePair.to_dict()`` per line)."""
    import json

    from itool.errors import DataError

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise UserError(f"cannot read pairs file {path}: {err.strerror or err}") from None
    pairs, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pairs.append(PreferencePair.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError) as err:
            reason = f"missing field {err}" if isinstance(err, KeyError) else str(err)
            problems.append((f"{path}:{number}", reason))
    if problems:
        raise DataError(problems)
    if not pairs:
        raise UserError(f"{path}: no preference pairs in the file")
    return pairs


def fragment_finishes(prefix: str, fragment: str) -> bool:
    """Whether ``prefix + fragment`` is a finished response, so the end-of-turn token
    belongs after it. Used only when the pair does not record it
    (``PreferencePair.chosen_finishes`` / ``rejected_finishes``, which the search
    knows for certain).

    A response that starts as a call list (``[``) is finished once it parses as
    calls; any other response (a plain-text reply) is taken as finished.
    """
    from itool.codec import ParseError, parse_calls

    text = (prefix + fragment).strip()
    if not text.startswith("["):
        return True
    try:
        parse_calls(text)
    except ParseError:
        return False
    return True


def _finishes(recorded: bool | None, prefix: str, fragment: str) -> bool:
    return recorded if recorded is not None else fragment_finishes(prefix, fragment)


def pairs_to_dataset(pairs: list[PreferencePair], tokenizer, train_prefix: bool = False):
    """The pairs as a ``datasets.Dataset`` in TRL's text preference format.

    Columns: ``prompt`` (chat-templated ``pair.prompt`` + assistant-turn opening +
    ``pair.prefix``), ``chosen``, ``rejected`` (the fragments; with ``train_prefix``,
    the prefix is at the start of both instead of the end of the prompt),
    ``chosen_finishes`` / ``rejected_finishes`` (see :func:`fragment_finishes`),
    ``sample_id``, ``chosen_value``, ``rejected_value``.
    """
    from datasets import Dataset

    from itool.model.prompt import render_messages

    rows = []
    for pair in pairs:
        prompt, chosen, rejected = render_messages(pair.prompt, tokenizer), pair.chosen, pair.rejected
        if train_prefix:
            chosen, rejected = pair.prefix + chosen, pair.prefix + rejected
        else:
            prompt += pair.prefix
        rows.append(
            {
                "prompt": prompt,
                "chosen": chosen,
                "rejected": rejected,
                "chosen_finishes": _finishes(pair.chosen_finishes, pair.prefix, pair.chosen),
                "rejected_finishes": _finishes(
                    pair.rejected_finishes, pair.prefix, pair.rejected
                ),
                "sample_id": pair.sample_id,
                "chosen_value": float(pair.chosen_value),
                "rejected_value": float(pair.rejected_value),
            }
        )
    return Dataset.from_list(rows)


def _fits(dataset, tokenizer, max_length: int):
    """Drop pairs whose prompt + longer continuation (+ end token) exceeds
    ``max_length``: truncation would cut exactly the tokens the pair is about. Returns
    the kept pairs, how many were dropped and the longest kept length."""

    def length(row: dict[str, Any]) -> int:
        prompt = len(tokenizer(row["prompt"], add_special_tokens=False)["input_ids"])
        longest = max(
            len(tokenizer(row[key], add_special_tokens=False)["input_ids"])
            for key in ("chosen", "rejected")
        )
        return prompt + longest + 1

    lengths = [length(row) for row in dataset]
    keep = [i for i, n in enumerate(lengths) if n <= max_length]
    longest = max((lengths[i] for i in keep), default=0)
    return dataset.select(keep), len(dataset) - len(keep), longest


def simpo_trainer_classes():
    """TRL's CPO config and trainer, which run SimPO. TRL keeps them under
    ``trl.experimental`` and warns on its import that such APIs may change; itool uses
    them on purpose, within the TRL versions its pin allows, so the notice is left out
    of every run's log."""
    import warnings

    from trl.import_utils import TRLExperimentalWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TRLExperimentalWarning)
        from trl.experimental.cpo import CPOConfig, CPOTrainer
    return CPOConfig, CPOTrainer


def build_preference_trainer(model, tokenizer, dataset, config: PreferenceConfig, out_dir: Path):
    """A TRL trainer for ``config.loss`` over a :func:`pairs_to_dataset` dataset,
    with the end-of-turn token removed after unfinished fragments."""
    common = trainer_arguments(config, Path(out_dir))
    peft = lora_config(config)
    if config.loss == "simpo":
        cpo_config, cpo_trainer = simpo_trainer_classes()
        args = cpo_config(
            # CPO's collator needs the pair columns; TRL would switch this off itself,
            # with a warning in every run's log
            **{**common, "remove_unused_columns": False},
            loss_type="simpo",
            beta=config.resolved_beta,
            simpo_gamma=config.simpo_gamma,
            cpo_alpha=config.sft_weight,
            max_length=config.max_length,
        )
        trainer = cpo_trainer(
            model=model, args=args, train_dataset=dataset, processing_class=tokenizer,
            peft_config=peft,
        )
        columns = ("input_ids", "attention_mask", "labels")
        keys = {side: [f"{side}_{c}" for c in columns] for side in ("chosen", "rejected")}
    else:
        from trl import DPOConfig, DPOTrainer

        loss_types, weights = _dpo_trainer_losses(config)
        # ``nll`` has no beta (TRL's sft loss ignores it): TRL's default stands
        beta = {} if config.resolved_beta is None else {"beta": config.resolved_beta}
        args = DPOConfig(
            **common, **beta,
            loss_type=loss_types,
            loss_weights=weights,
            max_length=config.max_length,
        )
        # The reference is the starting model. With LoRA, TRL switches the adapters
        # off to get it; otherwise it needs its own frozen copy (passed explicitly:
        # TRL would try to load one from the model's path). TRL runs it for ``nll``
        # too, where no term uses it: an ablation's cost, not the method's.
        ref_model = None if peft is not None else copy.deepcopy(model).eval()
        trainer = DPOTrainer(
            model=model, ref_model=ref_model, args=args, train_dataset=dataset,
            processing_class=tokenizer, peft_config=peft,
        )
        keys = {side: [f"{side}_ids"] for side in ("chosen", "rejected")}
    trainer.train_dataset = _drop_unfinished_eos(trainer.train_dataset, tokenizer, keys)
    return trainer


def _dpo_trainer_losses(config: PreferenceConfig) -> tuple[list[str], list[float] | None]:
    """TRL DPO-trainer loss types and weights for ``config``: the preference loss with
    ``sft_weight`` times the chosen side's NLL beside it, or (``nll``) that NLL alone
    at weight 1, whatever ``sft_weight`` says (AdamW's steps barely depend on a
    constant factor on the loss)."""
    if config.loss == "nll":
        return ["sft"], None
    loss_types = ["sigmoid" if config.loss == "dpo" else "ipo"]
    if config.sft_weight:
        return loss_types + ["sft"], [1.0, config.sft_weight]
    return loss_types, None


def _drop_unfinished_eos(dataset, tokenizer, keys: dict[str, list[str]]):
    """Remove the end-of-sequence token TRL appended to fragments that do not finish
    the response (see module docs). ``keys`` names, per side, the token-aligned
    columns whose last element is that token."""
    eos = tokenizer.eos_token_id

    def strip(row: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for side, columns in keys.items():
            if row[f"{side}_finishes"]:
                continue
            ids_column = columns[0]
            if row[ids_column] and row[ids_column][-1] == eos and len(row[ids_column]) > 1:
                for column in columns:
                    out[column] = row[column][:-1]
        return out

    return dataset.map(strip, desc="Keeping unfinished fragments open")


def optimize(
    model,
    tokenizer,
    pairs: list[PreferencePair],
    out_dir: str | Path,
    config: PreferenceConfig,
) -> dict[str, Any]:
    """Preference-optimise ``model`` on ``pairs``; the result (LoRA merged) and its
    tokenizer are written to ``out_dir`` with ``training_stats.json``. Returns the
    stats."""
    out_dir = Path(out_dir)
    dataset, skipped, longest = _fits(
        pairs_to_dataset(pairs, tokenizer, config.train_prefix), tokenizer, config.max_length
    )
    if skipped:
        print(
            f"itool optimize: skipped {skipped} of {len(pairs)} pairs longer than "
            f"{config.max_length} tokens",
            file=sys.stderr,
        )
    if len(dataset) == 0:
        raise UserError(f"no pair fits in max_length={config.max_length} tokens; raise --max-length")
    vocab = model.get_output_embeddings().weight.shape[0]
    config = fit_pairs_per_pass(config, model, longest, vocab,
                                reference_copy=config.loss != "simpo" and not config.lora)
    trainer = build_preference_trainer(model, tokenizer, dataset, config, out_dir)
    stats = {
        "stage": "optimize",
        "loss": config.loss,
        "beta": config.resolved_beta,
        "pairs": len(dataset),
        "skipped_too_long": skipped,
        "lora": config.lora,
        "pairs_per_pass": config.batch_size,
    }
    return train_and_export(trainer, config, out_dir, stats)
