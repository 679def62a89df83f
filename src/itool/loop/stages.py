"""The stages of ``itool run``, one function each: read files, do the work, write
files, return a small summary for the manifest. :mod:`itool.loop.run` strings them
together; tests and other tools can call them one by one.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

from itool.errors import UserError
from itool.loop.config import RunConfig
from itool.loop.evaluate import greedy_answers, summarize
from itool.loop.files import read_jsonl, write_json, write_jsonl
from itool.loop.select import select_unmastered
from itool.records import PreferencePair, Sample
from itool.reward.config import RewardConfig
from itool.search.mcts import derive_seed
from itool.train.options import latest_checkpoint


def write_samples_jsonl(path: Path, samples: list[Sample]) -> None:
    """Run-directory sample files are itool's own records, one per line: exact
    round trips (ids, meta, complexity), unlike a conversation format."""
    write_jsonl(path, [s.to_dict() for s in samples])


def read_samples_jsonl(path: Path) -> list[Sample]:
    return [Sample.from_dict(r) for r in read_jsonl(path)]


def load_model(path: str | Path):
    from itool.model.load import load_model as load

    return load(str(path))


def prepare_data(config: RunConfig, train_out: Path, dev_out: Path) -> dict[str, Any]:
    """Training and dev samples: the user's files, or generated ones."""
    data = config.data
    if data.train is None:
        from itool.data.generate.engine import Shapes, generate, split_dev

        try:
            shapes = Shapes(data.parallel_varied, data.repeat_function)
        except ValueError as err:
            raise UserError(f"data.{err}") from None
        samples = generate(data.generate, config.seed, progress=True, shapes=shapes)
        train, dev = split_dev(samples, data.dev_fraction, config.seed)
        source = f"generated ({data.generate} samples, seed {config.seed})"
    else:
        from itool.data.formats import load_samples

        train = load_samples(data.train).samples
        source = data.train
        if data.dev is not None:
            dev = load_samples(data.dev).samples
        else:
            shuffled = random.Random(derive_seed(config.seed, "dev")).sample(train, len(train))
            cut = round(len(train) * data.dev_fraction)
            dev_ids = {s.id for s in shuffled[:cut]}
            train, dev = ([s for s in train if s.id not in dev_ids],
                          [s for s in train if s.id in dev_ids])
    if data.dev_limit and len(dev) > data.dev_limit:
        dev = random.Random(derive_seed(config.seed, "dev-limit")).sample(dev, data.dev_limit)
    write_samples_jsonl(train_out, train)
    write_samples_jsonl(dev_out, dev)
    return {"train": len(train), "dev": len(dev), "source": source}


def warmup_samples(config: RunConfig, train: list[Sample]) -> list[Sample]:
    """The training samples the warmup uses: a seeded draw of ``data.warmup_limit`` of
    them, or all. A function so that what a run trained on can be told afterwards."""
    limit = config.data.warmup_limit
    if limit and len(train) > limit:
        return random.Random(derive_seed(config.seed, "warmup")).sample(train, limit)
    return train


def warm_up(config: RunConfig, train_path: Path, out_dir: Path) -> dict[str, Any]:
    """Easy-to-hard SFT of the starting model (itool.train.sft.warmup)."""
    from itool.train.sft import warmup

    samples = warmup_samples(config, read_samples_jsonl(train_path))
    model, tokenizer = load_model(config.model)
    stats = warmup(model, tokenizer, samples, out_dir, continued(config.warmup, out_dir))
    return _training_summary(stats)


def samples_past_warmup(config: RunConfig, train: list[Sample], draw: int) -> list[Sample]:
    """The samples a draw of ``draw`` makes after the warmup's own draw of
    ``data.warmup_limit``: what a larger SFT budget adds to the warmup's data. The
    draws are nested (one seeded ``random.sample``, whose first picks do not depend
    on how many it makes); a draw that does not extend the warmup's is refused."""
    warmup = warmup_samples(config, train)
    drawn = warmup_samples(replace(config, data=replace(config.data, warmup_limit=draw)), train)
    if draw <= len(warmup) or [s.id for s in drawn[:len(warmup)]] != [s.id for s in warmup]:
        raise UserError(f"a draw of {draw} samples does not extend the warmup's "
                        f"{len(warmup)}: nothing to continue on")
    return drawn[len(warmup):]


def warm_up_further(config: RunConfig, draw: int, train_path: Path, model_dir: Path,
                    out_dir: Path) -> dict[str, Any]:
    """SFT of the warmed-up model in ``model_dir`` with ``config.warmup``'s settings on
    the samples a draw of ``draw`` adds after the warmup's (:func:`samples_past_warmup`):
    more SFT in the place where the rounds would train."""
    from itool.train.sft import warmup

    samples = samples_past_warmup(config, read_samples_jsonl(train_path), draw)
    model, tokenizer = load_model(model_dir)
    stats = warmup(model, tokenizer, samples, out_dir, continued(config.warmup, out_dir))
    return _training_summary(stats)


def evaluate_dev(config: RunConfig, model_dir: Path, dev_path: Path, out: Path) -> dict[str, Any]:
    """Greedy answers on the dev samples, scored: mean q, grades, dimensions."""
    model, tokenizer = load_model(model_dir)
    answers = greedy_answers(model, tokenizer, read_samples_jsonl(dev_path),
                             config.eval.max_new_tokens, config.eval.batch_size, config.semantic)
    summary = summarize(answers)
    write_json(out, {"summary": summary, "answers": [a.to_dict() for a in answers]})
    return summary


def select_round(config: RunConfig, round_index: int, model_dir: Path, train_path: Path,
                 selected_out: Path, examined_out: Path) -> dict[str, Any]:
    """This round's unmastered training samples."""
    model, tokenizer = load_model(model_dir)
    selection = select_unmastered(model, tokenizer, read_samples_jsonl(train_path),
                                  config.select, config.seed, round_index, config.semantic)
    write_samples_jsonl(selected_out, selection.samples)
    write_jsonl(examined_out, selection.examined)
    return {"examined": len(selection.examined), "selected": len(selection.samples),
            "method": config.select.method}


def search_round(config: RunConfig, round_index: int, model_dir: Path, selected_path: Path,
                 trees_out: Path, pairs_out: Path, parts_dir: Path) -> dict[str, Any]:
    """MCTS over the selected samples; trees and pairs written (parts kept until
    both files are written, so an interrupted search resumes group by group)."""
    import shutil

    from itool.search.run import search_samples, write_pairs

    model, tokenizer = load_model(model_dir)
    result = search_samples(model, tokenizer, read_samples_jsonl(selected_path), config.search,
                            round_index, parts_dir, RewardConfig(semantic=config.semantic))
    write_jsonl(trees_out, result.trees)
    write_pairs(pairs_out, result.pairs, tokenizer)
    shutil.rmtree(parts_dir, ignore_errors=True)
    return result.stats


def optimize_round(config: RunConfig, model_dir: Path, pairs_path: Path,
                   out_dir: Path) -> dict[str, Any]:
    """Preference optimisation on the round's pairs (itool.train.preference)."""
    from itool.train.preference import optimize

    pairs = [PreferencePair.from_dict(r) for r in read_jsonl(pairs_path)]
    model, tokenizer = load_model(model_dir)
    stats = optimize(model, tokenizer, pairs, out_dir, continued(config.optimize, out_dir))
    return _training_summary(stats)


def continued(options, out_dir: Path):
    """``options`` set to resume from the checkpoint an interrupted attempt left in
    ``out_dir`` (the run directory keeps one only for an attempt on the same inputs
    and settings, see :meth:`itool.loop.rundir.RunDir.stage`)."""
    return replace(options, resume=latest_checkpoint(out_dir) is not None)


def evaluate_bfcl(config: RunConfig, model_dir: Path, out: Path) -> dict[str, Any]:
    """BFCL accuracy (BFCL's own verdicts) and the five-dimension profile."""
    from itool.eval.bfcl import evaluate_predictions
    from itool.model.bfcl_generate import (
        checkpoint_path,
        generate_outputs,
        predictions_path,
        select_samples,
        write_predictions,
    )
    from itool.model.generate import TransformersBackend

    cfg = config.eval
    samples = select_samples(cfg.bfcl_categories, cfg.bfcl_limit_per_category or None)
    model, tokenizer = load_model(model_dir)
    backend = TransformersBackend(model, tokenizer, batch_size=cfg.batch_size)
    outputs, generation = generate_outputs(backend, tokenizer, samples, cfg.bfcl_max_new_tokens,
                                           model_name=str(model_dir), checkpoint=checkpoint_path(out))
    write_predictions(predictions_path(out), outputs)
    result = evaluate_predictions(outputs, cfg.bfcl_categories,
                                  reward_config=RewardConfig(semantic=config.semantic))
    result["generation"] = generation.to_dict()
    write_json(out, result)
    summary = result["summary"]
    return {
        "overall_accuracy": summary["overall"].get("accuracy"),
        "accuracy": {c: summary[c]["accuracy"] for c in cfg.bfcl_categories},
        "entries": len(result["entries"]),
        "prompts_per_second": generation.prompts_per_second,
    }


def _training_summary(stats: dict[str, Any]) -> dict[str, Any]:
    keys = ("samples", "pairs", "optimizer_steps", "tokens", "wall_seconds",
            "tokens_per_second", "first_loss", "final_loss", "mean_loss", "losses")
    return {k: stats[k] for k in keys if k in stats}
