"""``itool run``: the iTool recipe from start to finish.

    data ─> warmup ─> dev eval
    round k:  select unmastered ─> MCTS ─> pairs ─> SimPO/DPO ─> dev eval ─> converged?
    final:    BFCL evaluation of the best model ─> report

Each step is a stage of the run directory (:class:`~itool.loop.rundir.RunDir`): it
reads files, writes files, and is recorded in the manifest, so ``--resume`` skips
what is done. The rounds stop when the dev reward has gained less than ``min_gain``
for ``patience`` rounds, when no sample is left unmastered, when the search finds
fewer than ``min_pairs`` pairs, or after ``max_rounds``. A round's gain is judged
against the best model so far by :func:`~itool.loop.evaluate.dev_gain` (calls and
text replies weigh alike, and neither may get worse), and each round starts from
that best model.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from itool.errors import UserError
from itool.loop import stages
from itool.loop.config import RunConfig
from itool.loop.evaluate import dev_gain, kind_gains
from itool.loop.report import write_report
from itool.loop.rundir import RunDir
from itool.train.options import CHECKPOINT_DIR


def run(config: RunConfig, run_dir: str | Path, resume: bool = False, log=print) -> Path:
    """Run (or resume) the whole recipe in ``run_dir``; return the report's path."""
    rd = RunDir(run_dir, config, resume, log)
    train, dev = rd / "data/train.jsonl", rd / "data/dev.jsonl"
    user_files = [Path(p) for p in (config.data.train, config.data.dev) if p]
    rd.stage("data", partial(stages.prepare_data, config, train, dev),
             inputs=user_files, settings=[config.seed, rd.config_dict["data"]],
             outputs=[train, dev])

    if config.warmup_model:
        model = Path(config.warmup_model)
        if not model.is_dir():
            raise UserError(f"warmup_model {model} is not a model directory")
    else:
        model = rd / "warmup/model"
        rd.stage("warmup", partial(stages.warm_up, config, train, model),
                 inputs=[train], settings=[config.model, config.seed, rd.config_dict["warmup"],
                                           config.data.warmup_limit],
                 outputs=[model], scratch=[model / CHECKPOINT_DIR])
    evals = [_evaluate(rd, config, "warmup", model, dev)]
    models = [model]

    stop, stale, best = "max_rounds reached", 0, 0
    for k in range(1, config.max_rounds + 1):
        model = models[best]
        step = rd / f"round_{k}"
        selected = rd.stage(
            f"round_{k}/select",
            partial(stages.select_round, config, k, model, train, step / "selected.jsonl",
                    step / "examined.jsonl"),
            inputs=[model, train], settings=[config.seed, config.semantic,
                                             rd.config_dict["select"]],
            outputs=[step / "selected.jsonl", step / "examined.jsonl"])
        if selected["selected"] == 0:
            stop = "no unmastered samples"
            break
        found = rd.stage(
            f"round_{k}/search",
            partial(stages.search_round, config, k, model, step / "selected.jsonl",
                    step / "trees.jsonl.gz", step / "pairs.jsonl", step / "search_parts"),
            inputs=[model, step / "selected.jsonl"],
            settings=[config.semantic, rd.config_dict["search"]],
            outputs=[step / "trees.jsonl.gz", step / "pairs.jsonl"],
            scratch=[step / "search_parts"])
        if found["pairs"] < config.min_pairs:
            stop = f"too few pairs ({found['pairs']} < min_pairs {config.min_pairs})"
            break
        rd.stage(f"round_{k}/optimize",
                 partial(stages.optimize_round, config, model, step / "pairs.jsonl",
                         step / "model"),
                 inputs=[model, step / "pairs.jsonl"], settings=rd.config_dict["optimize"],
                 outputs=[step / "model"], scratch=[step / "model" / CHECKPOINT_DIR])
        models.append(step / "model")
        evals.append(_evaluate(rd, config, f"round_{k}", step / "model", dev))
        gain = dev_gain(evals[best], evals[-1], config.min_gain)
        kinds = "".join(f"{kind} {g:+.3f}, "
                        for kind, g in kind_gains(evals[best], evals[-1]).items())
        log(f"[round_{k}] dev reward {evals[-1]['mean_q']:+.3f} "
            f"(gain over {rd.relative(models[best])}: {kinds}counted {gain:+.3f})")
        if gain >= config.min_gain:
            best, stale = len(models) - 1, 0
        else:
            stale += 1
        if stale >= config.patience:
            stop = f"converged (dev gain < {config.min_gain} for {config.patience} round(s))"
            break

    final = models[best]
    log(f"stopped: {stop}; best dev reward {evals[best]['mean_q']:+.3f} ({final})")
    if config.eval.bfcl:
        bfcl_settings = [config.semantic, rd.config_dict["eval"]]
        if config.eval.bfcl_baseline and final != models[0]:
            rd.stage("bfcl/warmup", partial(stages.evaluate_bfcl, config, models[0],
                                            rd / "report/bfcl_warmup.json"),
                inputs=[models[0]], settings=bfcl_settings,
                outputs=[rd / "report/bfcl_warmup.json"])
        rd.stage("bfcl/final", partial(stages.evaluate_bfcl, config, final, rd / "report/bfcl.json"),
                 inputs=[final], settings=bfcl_settings, outputs=[rd / "report/bfcl.json"])
    rd.close(stop, rd.location(final))
    report = write_report(rd.path)
    log(f"report: {report}")
    return report


def _evaluate(rd: RunDir, config: RunConfig, where: str, model: Path, dev: Path) -> dict[str, Any]:
    out = rd / f"{where}/eval.json"
    return rd.stage(f"{where}/eval", partial(stages.evaluate_dev, config, model, dev, out),
                    inputs=[model, dev],
                    settings=[config.semantic, config.eval.max_new_tokens], outputs=[out])
