"""The search stage with a real (tiny) model and the real tokenizer: trees whose
statistics add up, pairs with the right structure, resumable groups, ``itool
search``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from itool.cli import main
from itool.loop.files import read_jsonl
from itool.model.prompt import render_prompt, target_text
from itool.records import FunctionSpec, Message, PreferencePair, Sample, ToolCall
from itool.reward.config import RewardConfig
from itool.search.config import SearchConfig
from itool.search.environment import ToolCallEnvironment
from itool.search.mcts import Outcome, Tree
from itool.search.pairs import Miss
from itool.search.run import cut_misses, round_pairs, search_samples
from itool.search.sampler import PromptCachedSampler

WEATHER = FunctionSpec("get_weather", "Weather forecast for a city", {
    "type": "object",
    "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["C", "F"]}},
    "required": ["city"],
})
SAMPLES = [
    Sample("paris", [WEATHER], [Message("user", "Weather in Paris, in C?")],
           [ToolCall("get_weather", {"city": "Paris", "unit": "C"})]),
    Sample("joke", [WEATHER], [Message("user", "Tell me a joke")],
           "None of the functions can tell jokes."),
]
TWO_CITIES = Sample("two", [WEATHER], [Message("user", "Weather in Paris and in Rome?")],
                    [ToolCall("get_weather", {"city": "Paris"}),
                     ToolCall("get_weather", {"city": "Rome"})])
LEXICAL = RewardConfig(semantic="lexical")
# A random model's answers are all poor: accept any value gap so that pairs exist.
LOOSE = {"min_value_gap": 0.0, "min_chosen_value": -1.0, "max_overlap": 1.0}




def check_node(node: dict) -> list[float]:
    """Rewards backed up through ``node`` (recursively), checking at every node that
    visits count them and value is their mean."""
    rewards = [node["outcome"]["value"]] * node.get("ends", 0) if "outcome" in node else []
    for child in node.get("children", []):
        assert child["depth"] == node["depth"] + 1
        rewards += check_node(child)
    assert node["visits"] == len(rewards)
    if rewards:
        assert node["value"] == pytest.approx(sum(rewards) / len(rewards))
    priors = [c["prior"] for c in node.get("children", [])]
    if priors:
        assert sum(priors) == pytest.approx(1.0)
    return rewards


def test_trees_add_up_and_pairs_have_the_right_structure(lively_model, tokenizer, tmp_path):
    config = SearchConfig(iterations=3, k=3, depth=3, max_new_tokens=12, **LOOSE)
    result = search_samples(lively_model, tokenizer, SAMPLES, config, round_index=4,
                            reward=LEXICAL, progress=False)
    assert [t["sample_id"] for t in result.trees] == ["paris", "joke"]
    for tree in result.trees:
        root = tree["root"]
        assert tree["iterations"] == 3
        assert root["visits"] == tree["backups"] >= 3  # the first expansion alone backs up k
        check_node(root)
        assert max(n["depth"] for n in _walk(root)) <= 3
    assert result.pairs and result.stats["pairs"] == len(result.pairs)
    assert result.stats["generated_tokens"] > 0 and result.stats["encoded_tokens"] > 0
    for pair in result.pairs:
        assert isinstance(pair, PreferencePair) and pair.round == 4
        assert pair.chosen != pair.rejected and pair.chosen_value >= pair.rejected_value
        assert pair.prompt[-1].role == "user"
        sample = next(s for s in SAMPLES if s.id == pair.sample_id)
        # the prefix is a node of that sample's tree, and the chosen text one of its steps
        tree = next(t for t in result.trees if t["sample_id"] == sample.id)
        node = _find(tree["root"], pair.prefix)
        assert node is not None
        assert {pair.chosen, pair.rejected} <= {c["text"] for c in node["children"]}
        assert pair.chosen_grade in {"excellent", "acceptable", "fair", "poor"}
        assert set(pair.chosen_dimensions) == {"function_name", "param_count", "param_names",
                                               "param_values", "semantic"}
    assert render_prompt(SAMPLES[0], tokenizer)  # the prompt the search continued


def test_pairs_per_tree_keeps_each_trees_widest_gaps(lively_model, tokenizer):
    config = SearchConfig(iterations=3, k=3, depth=3, max_new_tokens=12, **LOOSE)
    every = search_samples(lively_model, tokenizer, SAMPLES, config, reward=LEXICAL,
                           progress=False).pairs
    capped = search_samples(lively_model, tokenizer, SAMPLES,
                            replace(config, max_pairs_per_tree=1), reward=LEXICAL,
                            progress=False).pairs
    by_tree = {s.id: [p for p in every if p.sample_id == s.id] for s in SAMPLES}
    assert any(len(pairs) > 1 for pairs in by_tree.values())  # else the cap tests nothing
    expected = [max(pairs, key=lambda p: p.chosen_value - p.rejected_value)
                for pairs in by_tree.values() if pairs]
    assert [p.to_dict() for p in capped] == [p.to_dict() for p in expected]


def test_a_round_keeps_its_pairs_by_kind_then_shape_then_the_widest_gaps():
    def pair(sample_id: str, chosen: str, rejected: str, gap: float) -> PreferencePair:
        return PreferencePair(prompt=[{"role": "user", "content": "q"}],
                              prefix='[get_weather(city="Paris"', chosen=chosen,
                              rejected=rejected, chosen_value=gap - 1.0, rejected_value=-1.0,
                              sample_id=sample_id, round=1)

    more = [pair("paris", f', days={n})]', ")]", 1.0 + n / 10) for n in (1, 2, 3)]
    fewer = pair("paris", ")]", ', unit="F", days=2)]', 0.6)
    value = pair("paris", ")]", "0)]", 0.2)
    text = pair("joke", "None of them.", '[get_weather(city="x")]', 1.9)
    pairs = [*more, fewer, value, text, more[0]]  # the repeat is dropped
    kinds = {"paris": True, "joke": False}
    config = SearchConfig(pair_balance="calls")
    assert round_pairs(pairs, kinds, config) == [*more, fewer, value]
    # shape_balance: one pair pushes down, so only the widest of the three pushing up
    assert round_pairs(pairs, kinds, replace(config, shape_balance=True)) == [
        more[2], fewer, value]
    assert round_pairs(pairs, kinds, replace(config, shape_balance=True, max_pairs=2)) == [
        more[2], fewer]


def test_a_round_can_drop_the_pairs_whose_rejected_side_the_budget_cut_off():
    """``finished_rejected`` keeps only pairs whose rejected answer ended, none whose
    rejected side is a run-on the token budget cut off; without it both are kept."""
    def pair(rejected: str, finished: bool) -> PreferencePair:
        return PreferencePair(prompt=[{"role": "user", "content": "q"}],
                              prefix='[get_weather(city="Paris"', chosen=", days=2)]",
                              rejected=rejected, chosen_value=0.9, rejected_value=-0.5,
                              sample_id="paris", round=1, rejected_finishes=finished)

    ended, cut = pair(', days=3)]', True), pair(", days=2, days=2, days=2, days", False)
    kinds = {"paris": True}
    assert round_pairs([ended, cut], kinds, SearchConfig()) == [ended, cut]
    assert round_pairs([ended, cut], kinds, SearchConfig(finished_rejected=True)) == [ended]


def test_reference_fallback_pairs_the_reference_where_a_tree_found_nothing(lively_model,
                                                                          tokenizer):
    # a random model's answers are all poor: with the default thresholds no tree pairs
    config = SearchConfig(iterations=2, k=2, max_new_tokens=8, pair_level="full")
    assert search_samples(lively_model, tokenizer, SAMPLES, config, reward=LEXICAL,
                          progress=False).pairs == []
    result = search_samples(lively_model, tokenizer, SAMPLES,
                            replace(config, reference_fallback=True), reward=LEXICAL,
                            progress=False)
    assert [p.sample_id for p in result.pairs] == ["paris", "joke"]
    assert result.stats["reference_pairs"] == 2
    for pair, sample in zip(result.pairs, SAMPLES, strict=True):
        assert pair.prefix == "" and pair.chosen == target_text(sample)
        assert pair.chosen_grade == "excellent" and pair.rejected_grade != "excellent"
        tree = next(t for t in result.trees if t["sample_id"] == sample.id)
        responses = {n["outcome"]["value"]: n for n in _walk(tree["root"]) if "outcome" in n}
        assert pair.rejected_value == min(responses)  # the tree's worst response


def test_greedy_reference_pairs_reject_the_models_greedy_answer(lively_model, tokenizer):
    """With ``reference_rejected: greedy`` the rejected side is what plain greedy
    decoding (the evaluation's backend, not the search's cached sampler) answers."""
    from itool.model.generate import SamplingParams, TransformersBackend

    config = SearchConfig(iterations=2, k=2, max_new_tokens=8, pair_level="full",
                          reference_fallback=True, reference_rejected="greedy")
    result = search_samples(lively_model, tokenizer, SAMPLES, config, reward=LEXICAL,
                            progress=False)
    backend = TransformersBackend(lively_model, tokenizer, progress=False)
    greedy = backend.generate([render_prompt(s, tokenizer) for s in SAMPLES],
                              SamplingParams(n=1, temperature=0.0, max_new_tokens=8))
    assert [p.sample_id for p in result.pairs] == ["paris", "joke"]
    for pair, sample, answer in zip(result.pairs, SAMPLES, greedy, strict=True):
        assert pair.chosen == target_text(sample) and pair.rejected == answer[0].text
        assert not pair.rejected_finishes and answer[0].finish_reason == "length"  # 8 tokens
    tree_only = search_samples(lively_model, tokenizer, SAMPLES,
                               replace(config, reference_rejected="worst"), reward=LEXICAL,
                               progress=False)
    # the greedy answers' tokens are counted with the search's
    assert result.stats["generated_tokens"] == tree_only.stats["generated_tokens"] + 16
    # the random model's greedy answers are not calls: nothing to cut, the same pairs
    cut = search_samples(lively_model, tokenizer, SAMPLES,
                         replace(config, reference_cut="calls"), reward=LEXICAL, progress=False)
    assert [p.to_dict() for p in cut.pairs] == [p.to_dict() for p in result.pairs]


def test_cut_misses_continue_the_references_first_calls_greedily(lively_model, tokenizer):
    """``reference_cut: calls``: a greedy answer with one call of two is replaced by the
    model's greedy continuation of the reference's first call, as plain greedy
    decoding of the prompt and that call writes it, scored with the call."""
    from itool.model.generate import SamplingParams, TransformersBackend

    config = SearchConfig(max_new_tokens=24, reference_fallback=True,
                          reference_rejected="greedy", reference_cut="calls")
    env = ToolCallEnvironment(PromptCachedSampler(lively_model, tokenizer), config, LEXICAL)
    trees = [Tree(problem=env.problem(s), seed=0) for s in (TWO_CITIES, SAMPLES[0], SAMPLES[1])]
    one_call = Miss('[get_weather(city="Paris", city="Rome")]', Outcome(-0.5), True)
    cuts = cut_misses(trees, [one_call, one_call, Miss("No.", Outcome(-1.0), True)], env)
    assert cuts[1] is None and cuts[2] is None  # as many calls as asked for; a text reply
    prefix = '[get_weather(city="Paris")'
    budget = 24 - len(tokenizer.encode(prefix, add_special_tokens=False))
    backend = TransformersBackend(lively_model, tokenizer, progress=False)
    answer = backend.generate([render_prompt(TWO_CITIES, tokenizer) + prefix],
                              SamplingParams(n=1, temperature=0.0, max_new_tokens=budget))[0][0]
    assert (cuts[0].prefix, cuts[0].text) == (prefix, prefix + answer.text)
    assert cuts[0].outcome == env.score([(trees[0].problem, prefix + answer.text)])[0]
    assert env.sampler.stats.generated_tokens == len(answer.token_ids)


def test_search_resumes_saved_groups_with_the_same_result(lively_model, tokenizer, tmp_path):
    config = SearchConfig(iterations=2, k=2, max_new_tokens=8, tree_batch=1, **LOOSE)
    parts = tmp_path / "parts"
    first = search_samples(lively_model, tokenizer, SAMPLES, config, parts_dir=parts,
                           reward=LEXICAL, progress=False)
    assert len(list(parts.iterdir())) == 2
    (parts / "part-00001.jsonl.gz").unlink()  # as if killed while searching the 2nd tree
    again = search_samples(lively_model, tokenizer, SAMPLES, config, parts_dir=parts,
                           reward=LEXICAL, progress=False)
    assert again.stats["resumed_samples"] == 1
    assert again.trees == first.trees
    assert [p.to_dict() for p in again.pairs] == [p.to_dict() for p in first.pairs]


def test_itool_search_command(lively_model, tokenizer, tmp_path, capsys):
    from itool.data.formats import write_samples

    model_dir = tmp_path / "model"
    lively_model.save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    data = tmp_path / "data.jsonl"
    write_samples(SAMPLES, data, "toolace")
    out = tmp_path / "pairs.jsonl"
    code = main(["search", "--model", str(model_dir), "--data", str(data), "--out", str(out),
                 "--trees", str(tmp_path / "trees.jsonl.gz"), "--semantic", "lexical",
                 "--iterations", "2", "--k", "2", "--max-new-tokens", "8",
                 "--min-value-gap", "0", "--min-chosen-value", "-1", "--max-overlap", "1"])
    assert code == 0
    pairs = read_jsonl(out)
    trl = read_jsonl(tmp_path / "pairs.trl.jsonl")
    assert pairs and len(trl) == len(pairs)
    assert {"prompt", "chosen", "rejected"} <= set(trl[0])
    assert all(isinstance(row["prompt"], str) for row in trl)
    assert len(read_jsonl(tmp_path / "trees.jsonl.gz")) == 2
    assert "wrote" in capsys.readouterr().out
    assert main(["search", "--model", str(model_dir), "--data", str(tmp_path / "nope.jsonl"),
                 "--out", str(out)]) == 1


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def _find(node, prefix, so_far=""):
    here = so_far + node["text"]
    if here == prefix:
        return node
    for child in node.get("children", []):
        if prefix.startswith(here):
            found = _find(child, prefix, here)
            if found is not None:
                return found
    return None
