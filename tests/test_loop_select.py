"""Selecting the unmastered samples, and the run directory's stage bookkeeping."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from itool.errors import UserError
from itool.loop.evaluate import Answer
from itool.loop.rundir import RunDir
from itool.loop.select import (
    SelectConfig,
    examined_pool,
    failures_in_order,
    reference_perplexities,
    select_unmastered,
    take_turns,
    writes_too_few_calls,
)
from itool.records import FunctionSpec, Message, Sample, ToolCall
from itool.reward.config import RewardConfig
from itool.reward.score import score_responses

WEATHER = FunctionSpec("get_weather", "Weather of a city",
                       {"type": "object", "properties": {"city": {"type": "string"}},
                        "required": ["city"]})


def samples(n_calls: int, n_text: int) -> list[Sample]:
    cities = ["Paris", "Rome", "Oslo", "Lima", "Kyiv", "Baku"]
    out = [Sample(f"c{i}", [WEATHER], [Message("user", f"Weather in {cities[i]}?")],
                  [ToolCall("get_weather", {"city": cities[i]})]) for i in range(n_calls)]
    out += [Sample(f"t{i}", [WEATHER], [Message("user", f"Sing song number {i}")],
                   "No function can sing." + " Sorry." * i) for i in range(n_text)]
    return out


def test_perplexity_selects_the_hardest_share_of_each_group(tiny_model, tokenizer):
    pool = samples(4, 3)
    config = SelectConfig(method="perplexity", ratio=0.5)
    selection = select_unmastered(tiny_model, tokenizer, pool, config, progress=False)
    by_id = {r["id"]: r for r in selection.examined}
    assert len(by_id) == 7 and all(math.isfinite(r["perplexity"]) for r in by_id.values())
    calls = sorted((r for r in by_id.values() if r["expects_call"]), key=lambda r: -r["perplexity"])
    texts = sorted((r for r in by_id.values() if not r["expects_call"]),
                   key=lambda r: -r["perplexity"])
    expected = {r["id"] for r in calls[:2]} | {r["id"] for r in texts[:1]}
    assert {s.id for s in selection.samples} == expected
    assert {r["id"] for r in by_id.values() if r["selected"]} == expected


def test_perplexity_does_not_depend_on_batching(tiny_model, tokenizer):
    pool = samples(2, 2)
    together = reference_perplexities(tiny_model, tokenizer, pool, batch_size=4)
    alone = reference_perplexities(tiny_model, tokenizer, pool, batch_size=1)
    assert together == pytest.approx(alone, rel=1e-4)
    # a random model over ~49k tokens is about as perplexed as uniform guessing
    assert all(1e3 < p < 1e6 for p in alone)


def test_failure_takes_the_lowest_scores_up_to_ratio_and_limit(tiny_model, tokenizer):
    pool = samples(3, 2)
    config = SelectConfig(method="failure", ratio=1.0, limit=3, max_new_tokens=6,
                          q_threshold=0.8, balance="none")
    selection = select_unmastered(tiny_model, tokenizer, pool, config, semantic="lexical",
                                  progress=False)
    qs = {r["id"]: r["q"] for r in selection.examined}
    failing = sorted((i for i, q in qs.items() if q < 0.8), key=lambda i: qs[i])
    assert [s.id for s in selection.samples] == failing[:3]
    assert all("response" in r and "grade" in r for r in selection.examined)


def test_failure_lets_categories_take_turns(tiny_model, tokenizer):
    pool = samples(4, 4)  # a random model fails all; the text samples score lowest
    config = SelectConfig(method="failure", ratio=1.0, limit=4, max_new_tokens=6)
    selection = select_unmastered(tiny_model, tokenizer, pool, config, semantic="lexical",
                                  progress=False)
    kinds = [s.expects_call for s in selection.samples]
    assert sorted(kinds) == [False, False, True, True]
    unbalanced = select_unmastered(tiny_model, tokenizer, pool,
                                   SelectConfig(method="failure", ratio=1.0, limit=4,
                                                max_new_tokens=6, balance="none"),
                                   semantic="lexical", progress=False)
    qs = {r["id"]: r["q"] for r in unbalanced.examined}
    assert [s.id for s in unbalanced.samples] == sorted(qs, key=qs.get)[:4]


def scored(pairs: list[tuple[Sample, str]]) -> list[Answer]:
    """Answers with the reward's real scores (lexical similarity)."""
    scores = score_responses(pairs, RewardConfig(semantic="lexical"))
    return [Answer(s, r, q) for (s, r), q in zip(pairs, scores, strict=True)]


def parallel_sample(i: int) -> Sample:
    return Sample(f"p{i}", [WEATHER], [Message("user", "Weather in Paris and in Rome?")],
                  [ToolCall("get_weather", {"city": "Paris"}),
                   ToolCall("get_weather", {"city": "Rome"})])


def test_too_few_calls_means_readable_calls_short_of_the_reference():
    single, text = samples(1, 1)
    cases = [(parallel_sample(0), '[get_weather(city="Paris", city="Rome")]', True),
             (parallel_sample(1), '[get_weather(city="Paris")]', True),
             (parallel_sample(2), '[get_weather(city="Paris"), get_weather(city="Oslo")]', False),
             (parallel_sample(3), '[get_weather(city="Paris"', False),  # unreadable
             (parallel_sample(4), "I cannot tell.", False),
             (single, '[get_weather(city="Rome")]', False),
             (text, '[get_weather(city="Rome")]', False)]
    answers = scored([(s, r) for s, r, _ in cases])
    assert [writes_too_few_calls(a) for a in answers] == [want for _, _, want in cases]


def test_missing_calls_come_first_and_kinds_calls_leaves_text_samples_out():
    single, text = samples(1, 1)
    answers = scored([(parallel_sample(0), '[get_weather(city="Paris")]'),
                      (parallel_sample(1), '[get_weather(city="Paris"'),
                      (single, '[get_weather(town="Paris")]'),
                      (text, '[get_weather(city="Rome")]')])
    q = {a.sample.id: a.score.q for a in answers}
    assert all(v < 0.8 for v in q.values()) and q["p0"] > min(q["p1"], q["t0"])

    def order(**options):
        config = SelectConfig(balance="none", **options)
        return [a.sample.id for a in failures_in_order(answers, config)]

    assert order() == sorted(q, key=q.get)  # lowest q first: p0 behind the worse ones
    assert order(prefer="missing_calls") == ["p0"] + sorted(set(q) - {"p0"}, key=q.get)
    assert order(kinds="calls") == [i for i in sorted(q, key=q.get) if i != "t0"]


def test_kinds_calls_selects_only_samples_answered_with_calls(tiny_model, tokenizer):
    pool = samples(3, 3)
    for method in ("failure", "perplexity"):
        config = SelectConfig(method=method, ratio=1.0, max_new_tokens=6, kinds="calls")
        selection = select_unmastered(tiny_model, tokenizer, pool, config, semantic="lexical",
                                      progress=False)
        assert selection.samples and all(s.expects_call for s in selection.samples)
        assert len(selection.examined) == 6  # the text samples are examined, not selected
        if method == "failure":  # a random model's answers are no calls at all
            assert [r["too_few_calls"] for r in selection.examined] == [False] * 6


def test_take_turns_interleaves_groups_keeping_their_order():
    items = ["a1", "a2", "a3", "b1", "c1", "c2"]
    assert take_turns(items, key=lambda s: s[0]) == ["a1", "b1", "c1", "a2", "c2", "a3"]
    assert take_turns([], key=len) == []


def test_pool_is_a_seeded_subset(tiny_model, tokenizer):
    pool = samples(6, 0)
    config = SelectConfig(method="perplexity", ratio=1.0, pool=3)
    a = select_unmastered(tiny_model, tokenizer, pool, config, seed=1, round_index=1)
    b = select_unmastered(tiny_model, tokenizer, pool, config, seed=1, round_index=1)
    c = select_unmastered(tiny_model, tokenizer, pool, config, seed=1, round_index=2)
    ids = [r["id"] for r in a.examined]
    assert len(ids) == 3 and ids == [r["id"] for r in b.examined]
    assert {r["id"] for r in c.examined} != set(ids)


def test_categories_narrow_what_is_examined_before_the_pool_is_drawn(tiny_model, tokenizer):
    pool = samples(3, 4)  # three simple calls, four irrelevance replies
    config = SelectConfig(method="perplexity", ratio=1.0, categories=["simple"])
    selection = select_unmastered(tiny_model, tokenizer, pool, config, progress=False)
    assert sorted(r["id"] for r in selection.examined) == ["c0", "c1", "c2"]
    assert {s.id for s in selection.samples} == {"c0", "c1", "c2"}
    drawn = examined_pool(pool, SelectConfig(categories=["irrelevance"], pool=2), 0, 1)
    assert len(drawn) == 2 and all(s.id.startswith("t") for s in drawn)
    assert len(examined_pool(pool, SelectConfig(), 0, 1)) == 7


def test_a_category_no_sample_has_is_named_with_the_ones_present():
    with pytest.raises(UserError) as err:
        examined_pool(samples(2, 1), SelectConfig(categories=["simple", "paralel"]), 0, 1)
    assert "'paralel'" in str(err.value) and "irrelevance, simple" in str(err.value)


def test_stages_rerun_only_when_inputs_settings_or_outputs_change(tmp_path):
    from dataclasses import dataclass

    @dataclass
    class Cfg:
        seed: int = 0

    source = tmp_path / "in.txt"
    source.write_text("a")
    out = tmp_path / "run" / "out.txt"
    calls = []

    def work():
        calls.append(1)
        out.write_text(source.read_text().upper())
        return {"chars": len(source.read_text())}

    def stage(settings, resume=True):
        rd = RunDir(tmp_path / "run", Cfg(), resume=resume, log=lambda _: None)
        return rd.stage("upper", work, inputs=[source], settings=settings, outputs=[out])

    assert stage({"x": 1}, resume=False) == {"chars": 1} and len(calls) == 1
    assert stage({"x": 1}) == {"chars": 1} and len(calls) == 1  # skipped
    stage({"x": 2})
    assert len(calls) == 2  # settings changed
    source.write_text("bb")
    assert stage({"x": 2}) == {"chars": 2} and len(calls) == 3  # input changed
    out.write_text("tampered")
    stage({"x": 2})
    assert len(calls) == 4  # output changed
    out.unlink()
    stage({"x": 2})
    assert len(calls) == 5  # output missing


def test_a_run_copied_elsewhere_with_its_inputs_skips_its_finished_stages(tmp_path):
    import shutil
    from dataclasses import dataclass

    @dataclass
    class Cfg:
        seed: int = 0

    calls = []

    def stage(root: Path, resume: bool) -> None:
        source, out = root / "model" / "weights.txt", root / "run" / "out.txt"

        def work():
            calls.append(1)
            out.write_text(source.read_text().upper())
            return {}
        rd = RunDir(root / "run", Cfg(), resume=resume, log=lambda _: None)
        rd.stage("upper", work, inputs=[source.parent], settings=[1], outputs=[out])

    (tmp_path / "a" / "model").mkdir(parents=True)
    (tmp_path / "a" / "model" / "weights.txt").write_text("w")
    stage(tmp_path / "a", resume=False)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    stage(tmp_path / "b", resume=True)
    assert len(calls) == 1  # the copy's input is recorded under a's path, same content
    (tmp_path / "b" / "model" / "weights.txt").write_text("v")
    stage(tmp_path / "b", resume=True)
    assert len(calls) == 2 and (tmp_path / "b" / "run" / "out.txt").read_text() == "V"


def test_closing_drops_the_records_of_unreached_stages_whose_outputs_are_gone(tmp_path):
    """A run directory copied with only its first stage's output, then run with fewer
    stages, must not keep counting the rounds it copied the records of."""
    import shutil
    from dataclasses import dataclass

    from itool.loop.files import read_json

    @dataclass
    class Cfg:
        seed: int = 0

    def run(root: Path, names: list[str], resume: bool) -> None:
        rd = RunDir(root, Cfg(), resume=resume, log=lambda _: None)
        for name in names:
            def work(out=root / name):
                out.write_text("x")
                return {}
            rd.stage(name, work, inputs=[], settings=1, outputs=[root / name])
        rd.close("done", None)

    run(tmp_path / "a", ["data", "round_1", "round_2"], resume=False)
    (tmp_path / "b").mkdir()
    for name in ("manifest.json", "data"):  # the rounds' outputs stay behind
        shutil.copy(tmp_path / "a" / name, tmp_path / "b" / name)
    run(tmp_path / "b", ["data"], resume=True)
    assert set(read_json(tmp_path / "b" / "manifest.json")["stages"]) == {"data"}
    # a stage this run did not reach whose output is still there keeps its record
    run(tmp_path / "a", ["data"], resume=True)
    assert set(read_json(tmp_path / "a" / "manifest.json")["stages"]) == {
        "data", "round_1", "round_2"}


def counting_stage(tmp_path, name: str, section: str):
    """``(stage, calls)``: ``stage(cfg, resume=True)`` runs stage ``name`` of the run
    directory ``tmp_path/run`` with the config's ``section`` as its settings, and
    ``calls`` grows by one each time its work runs rather than being skipped."""
    from itool.config import to_dict

    out = tmp_path / "run" / "out.txt"
    calls = []

    def work():
        calls.append(1)
        out.write_text("x")
        return {}

    def stage(cfg, resume=True):
        rd = RunDir(tmp_path / "run", cfg, resume=resume, log=lambda _: None)
        rd.stage(name, work, inputs=[], settings=[1, to_dict(cfg)[section]], outputs=[out])

    return stage, calls


def test_an_option_added_at_its_default_does_not_make_a_finished_stage_stale(tmp_path):
    """Upgrading itool adds options to config sections; a run directory must resume
    unless one of them is set to something else than its default."""
    from dataclasses import dataclass, field

    from itool.loop.files import read_json, write_json

    @dataclass
    class Search:
        k: int = 3

    @dataclass
    class SearchV2:  # the same section after an upgrade that added an option
        k: int = 3
        revisit: bool = True

    @dataclass
    class Cfg:
        search: Search = field(default_factory=Search)

    @dataclass
    class CfgV2:
        search: SearchV2 = field(default_factory=SearchV2)

    stage, calls = counting_stage(tmp_path, "s", "search")
    stage(Cfg(), resume=False)
    manifest = tmp_path / "run" / "manifest.json"
    record = read_json(manifest)["stages"]["s"]
    del record["settings_values"]  # a record written before the values were kept
    write_json(manifest, {"stages": {"s": record}})
    stage(Cfg())
    assert len(calls) == 1  # same hash: skipped, and the values filled in
    assert read_json(manifest)["stages"]["s"]["settings_values"] == [1, {"k": 3}]
    stage(CfgV2())
    assert len(calls) == 1  # the new option is at its default
    stage(CfgV2(search=SearchV2(revisit=False)))
    assert len(calls) == 2  # the new option set otherwise
    stage(CfgV2(search=SearchV2(k=4)))
    assert len(calls) == 3  # an old option changed
    stage(Cfg(search=Search(k=4)))
    assert len(calls) == 4  # an option gone


def test_two_processes_sharing_a_run_directory_keep_each_others_records(tmp_path):
    """The outcome runner may evaluate two arms at once in one evaluation directory:
    the one that saves last must not drop the other's stage record."""
    from dataclasses import dataclass

    from itool.loop.files import read_json

    @dataclass
    class Cfg:
        seed: int = 0

    first = RunDir(tmp_path / "run", Cfg(), resume=True, log=lambda _: None)
    second = RunDir(tmp_path / "run", Cfg(), resume=True, log=lambda _: None)
    for name in ("a", "b"):
        (tmp_path / "run" / name).write_text(name)
    first.stage("a", lambda: {"n": 1}, inputs=[], settings=1, outputs=[tmp_path / "run/a"])
    second.stage("b", lambda: {"n": 2}, inputs=[], settings=1, outputs=[tmp_path / "run/b"])
    first.stage("a", lambda: {"n": 3}, inputs=[], settings=2, outputs=[tmp_path / "run/a"])
    stages = read_json(tmp_path / "run" / "manifest.json")["stages"]
    assert {name: record["summary"] for name, record in stages.items()} == {"a": {"n": 3},
                                                                          "b": {"n": 2}}


def test_partial_progress_is_kept_only_for_the_attempt_that_left_it(tmp_path):
    """An interrupted stage resumed on the same inputs and settings continues from
    its scratch; resumed on other ones (a new model after an earlier stage ran
    again), it starts afresh instead of reusing the old attempt's work."""
    from dataclasses import dataclass

    @dataclass
    class Cfg:
        seed: int = 0

    class Killed(Exception):
        pass

    source, out, parts = tmp_path / "in.txt", tmp_path / "run/out.txt", tmp_path / "run/parts"
    source.write_text("a")
    seen = []

    def work(interrupt: bool):
        seen.append(sorted(p.name for p in parts.glob("*")))
        parts.mkdir(exist_ok=True)
        (parts / f"part-{len(seen)}").write_text(source.read_text())
        if interrupt:
            raise Killed
        out.write_text("done")
        return {}

    def stage(settings, interrupt=False):
        rd = RunDir(tmp_path / "run", Cfg(), resume=True, log=lambda _: None)
        rd.stage("search", lambda: work(interrupt), inputs=[source], settings=settings,
                 outputs=[out], scratch=[parts])

    with pytest.raises(Killed):
        stage(1, interrupt=True)
    with pytest.raises(Killed):
        stage(1, interrupt=True)
    assert seen[-1] == ["part-1"]  # same inputs and settings: continued
    with pytest.raises(Killed):
        stage(2, interrupt=True)
    assert seen[-1] == []  # other settings: the parts of settings 1 are gone
    source.write_text("b")
    stage(2)
    assert seen[-1] == []  # other input
    assert not (parts / "part-1").exists()


def test_a_bookkeeping_option_changed_does_not_make_a_finished_stage_stale(tmp_path):
    """Giving a finished warmup checkpoints (``save_steps``) before resuming must not
    train it again; changing what it trains on (``lr``) must."""
    from dataclasses import replace

    from itool.loop.config import RunConfig

    stage, calls = counting_stage(tmp_path, "warmup", "warmup")
    base = RunConfig()
    stage(base, resume=False)
    stage(replace(base, warmup=replace(base.warmup, save_steps=7, logging_steps=3,
                                       keep_checkpoints=True)))
    assert len(calls) == 1
    stage(replace(base, warmup=replace(base.warmup, save_steps=7, lr=base.warmup.lr * 2)))
    assert len(calls) == 2
