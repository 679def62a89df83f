"""Preference pairs drawn from sibling branches of a tree."""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate
from types import SimpleNamespace

import pytest

from itool.records import FunctionSpec, Message, PreferencePair, Sample, ToolCall
from itool.search.config import SearchConfig
from itool.search.mcts import Continuation, Outcome, Tree, backup, insert
from itool.search.pairs import (
    Miss,
    balance_kinds,
    balance_shapes,
    call_cut,
    dedupe,
    needs_reference,
    overlap,
    reference_pair,
    shared_steps,
    tree_pairs,
)
from itool.search.steps import split_continuation

SAMPLE = Sample(
    id="w1",
    tools=[FunctionSpec("get_weather", "Weather of a city",
                        {"type": "object", "properties": {"city": {"type": "string"}},
                         "required": ["city"]})],
    messages=[Message("user", "Weather in Paris?")],
    target=[ToolCall("get_weather", {"city": "Paris"})],
)


def grow(responses: dict[str, float], finished: bool = True) -> Tree:
    """A tree holding ``responses`` (text -> reward) as chains of call steps."""
    tree = Tree(problem=SimpleNamespace(sample=SAMPLE), seed=0)
    tree.root.expanded = True
    for text, value in responses.items():
        steps = split_continuation("", text)
        ends = list(accumulate(len(s) for s in steps))
        end = insert(tree.root, Continuation(text, [0.0] * len(steps), ends, finished), steps,
                     depth=5)
        end.outcome = Outcome(value, {"grade": "excellent" if value > 0.5 else "poor",
                                      "dimensions": {"function_name": value > 0}})
        backup(end, value)
    return tree


def test_step_pairs_contrast_the_differing_fragment():
    tree = grow({
        '[get_weather(city="Paris")]': 1.0,
        '[get_weather(city="Rome")]': -0.2,
        '[get_time(city="Paris")]': -1.0,
    })
    pairs = tree_pairs(tree, SearchConfig(), round_index=2)
    by_prefix = {p.prefix: p for p in pairs}
    assert set(by_prefix) == {"", "[get_weather("}
    root = by_prefix[""]
    assert (root.chosen, root.rejected) == ("[get_weather(", "[get_time(")
    assert root.chosen_value == 0.4 and root.rejected_value == -1.0  # mean of its branch
    assert root.chosen_grade == "excellent" and root.rejected_grade == "poor"
    arg = by_prefix["[get_weather("]
    assert (arg.chosen, arg.rejected) == ('city="Paris"', 'city="Rome"')
    assert arg.chosen_finishes is False and arg.rejected_finishes is False
    assert arg.sample_id == "w1" and arg.round == 2
    assert arg.prompt[0].role == "system" and "get_weather" in arg.prompt[0].content
    assert arg.prompt[-1].content == "Weather in Paris?"
    assert PreferencePair.from_dict(arg.to_dict()) == arg


def test_full_pairs_hold_completed_responses():
    tree = grow({'[get_weather(city="Paris")]': 1.0, '[get_time(city="Paris")]': -1.0})
    (pair,) = tree_pairs(tree, SearchConfig(pair_level="full"), round_index=1)
    assert pair.prefix == ""
    assert pair.chosen == '[get_weather(city="Paris")]'
    assert pair.rejected == '[get_time(city="Paris")]'
    assert pair.chosen_finishes and pair.rejected_finishes


def test_thresholds_filter_uninformative_pairs():
    close = {'[get_weather(city="Paris")]': 0.9, '[get_weather(city="Paris!")]': 0.85}
    assert tree_pairs(grow(close), SearchConfig(min_value_gap=0.1), 1) == []
    both_bad = {'[get_weather(city="Paris")]': -0.5, '[get_time(city="Paris")]': -1.0}
    assert tree_pairs(grow(both_bad), SearchConfig(min_chosen_value=-0.3), 1) == []
    assert len(tree_pairs(grow(both_bad), SearchConfig(min_chosen_value=-0.6), 1)) == 1
    similar = {'[get_weather(city="Paris")]': 1.0, '[get_weather(city="Parisx")]': -1.0}
    assert overlap('city="Paris"', 'city="Parisx"') > 0.9
    assert tree_pairs(grow(similar), SearchConfig(max_overlap=0.9), 1) == []
    assert len(tree_pairs(grow(similar), SearchConfig(max_overlap=0.99), 1)) == 1


def test_reference_pair_stands_in_for_a_tree_of_equally_wrong_branches():
    one_call = {'[get_weather(city="Rome")]': -0.5, '[get_time(city="Rome")]': -0.9}
    tree = grow(one_call)
    config = SearchConfig(pair_level="full", min_chosen_value=-0.3)
    assert tree_pairs(tree, config, 1) == []
    assert needs_reference(tree, [])
    reference = Outcome(1.0, {"grade": "excellent", "dimensions": {"function_name": True}})
    pair = reference_pair(tree, reference, config, round_index=3)
    assert (pair.prefix, pair.chosen, pair.rejected) == (
        "", '[get_weather(city="Paris")]', '[get_time(city="Rome")]')  # the worst response
    assert (pair.chosen_value, pair.rejected_value) == (1.0, -0.9)
    assert pair.chosen_grade == "excellent" and pair.rejected_grade == "poor"
    assert pair.chosen_finishes and pair.sample_id == "w1" and pair.round == 3
    # the reference scored no better than the worst response: no pair
    assert reference_pair(tree, Outcome(-0.85), config, 3) is None


def test_nearest_reference_pair_rejects_the_models_best_miss():
    """``reference_rejected: nearest`` contrasts the reference with the tree's best
    response (a readable call, one argument short) instead of its worst (garbage)."""
    misses = {'[get_weather()]': -0.2, '[get_weather(city="Paris", city=': -0.95}
    reference = Outcome(1.0, {"grade": "excellent", "dimensions": {}})
    config = SearchConfig(pair_level="full", reference_rejected="nearest")
    pair = reference_pair(grow(misses), reference, config, 1)
    assert (pair.chosen, pair.rejected, pair.rejected_value) == (
        '[get_weather(city="Paris")]', '[get_weather()]', -0.2)
    worst = reference_pair(grow(misses), reference, replace(config, reference_rejected="worst"), 1)
    assert worst.rejected == '[get_weather(city="Paris", city='
    # the nearest miss must still be worse than the reference by the value gap
    assert reference_pair(grow({'[get_weather()]': 0.95}), reference, config, 1) is None


def test_greedy_reference_pair_rejects_the_miss_it_is_given():
    """``reference_rejected: greedy`` rejects the greedy answer the search generated,
    however the tree's own responses look; without one it is a caller's mistake."""
    tree = grow({'[get_weather()]': -0.2, '[get_time(city="Rome")]': -0.9})
    reference = Outcome(1.0, {"grade": "excellent", "dimensions": {}})
    config = SearchConfig(pair_level="full", reference_rejected="greedy", reference_prefix=True)
    greedy = Miss('[get_weather(city="Paris", city="Rome")]', Outcome(-0.95, {"grade": "poor"}),
                  finished=True)
    pair = reference_pair(tree, reference, config, 2, greedy)
    assert pair.prefix == '[get_weather('
    assert (pair.chosen, pair.rejected) == ('city="Paris")]', 'city="Paris", city="Rome")]')
    assert (pair.rejected_value, pair.rejected_grade, pair.rejected_finishes) == (-0.95, "poor", True)
    with pytest.raises(ValueError, match="greedy"):
        reference_pair(tree, reference, config, 2)


def test_call_cut_keeps_as_many_reference_calls_as_the_response_wrote():
    two = '[f(a=1), g(b="x, y)")]'
    assert call_cut(two, "[f(a=2, a=3)]") == "[f(a=1)"  # both calls' arguments in one
    assert call_cut(two, "[g(b=1)]") == "[f(a=1)"  # the count decides, not which call
    assert call_cut('[f(a=1), g(b=2), h(c=3)]', "[f(a=1), g(b=2)]") == "[f(a=1), g(b=2)"
    assert call_cut(two, '[f(a=1), g(b="x, y)")]') is None  # as many calls
    assert call_cut(two, "[f(a=1), g(b=2), h()]") is None  # more calls
    assert call_cut(two, "[f(a=1") is None and call_cut(two, "I can't.") is None  # no calls
    assert call_cut("No function fits.", "[f(a=1)]") is None  # a text reply has no calls


def test_cut_reference_pair_contrasts_the_missing_call_alone():
    """A miss that continues the reference's first call (``reference_cut: calls``)
    makes a pair that starts after that call, whatever ``reference_prefix`` says."""
    both = replace(SAMPLE, target=[ToolCall("get_weather", {"city": "Paris"}),
                                   ToolCall("get_weather", {"city": "Rome"})])
    tree = Tree(problem=SimpleNamespace(sample=both), seed=0)
    reference = Outcome(1.0, {"grade": "excellent", "dimensions": {}})
    config = SearchConfig(pair_level="full", reference_fallback=True,
                          reference_rejected="greedy", reference_cut="calls")
    cut = '[get_weather(city="Paris")'
    miss = Miss(cut + "]", Outcome(0.2, {"grade": "fair"}), finished=True, prefix=cut)
    for prefix_option in (False, True):
        pair = reference_pair(tree, reference, replace(config, reference_prefix=prefix_option),
                              1, miss)
        assert (pair.prefix, pair.chosen, pair.rejected) == (
            cut, ', get_weather(city="Rome")]', "]")
        assert (pair.chosen_value, pair.rejected_value) == (1.0, 0.2)
    # a continuation that scores as well as the reference is no pair
    assert reference_pair(tree, reference, config, 1, replace(miss, outcome=Outcome(0.95))) is None


def test_reference_cut_needs_greedy_reference_pairs():
    with pytest.raises(ValueError, match="reference_rejected: greedy"):
        SearchConfig(reference_cut="calls")
    with pytest.raises(ValueError, match="reference_fallback"):
        SearchConfig(reference_cut="calls", reference_rejected="greedy")
    SearchConfig(reference_cut="calls", reference_fallback=True, reference_rejected="greedy")


def test_reference_prefix_keeps_the_steps_both_sides_share_out_of_the_pair():
    runaway = {'[get_weather(city="Paris", city="Paris", city="Paris"': -0.9,
               '[get_time(city="Paris")]': -0.8}
    tree = grow(runaway, finished=False)
    reference = Outcome(1.0, {"grade": "excellent", "dimensions": {}})
    whole = reference_pair(tree, reference, SearchConfig(pair_level="full"), 1)
    assert whole.prefix == "" and whole.chosen == '[get_weather(city="Paris")]'
    pair = reference_pair(tree, reference,
                          SearchConfig(pair_level="full", reference_prefix=True), 1)
    # both open the same call; the step after it differs (the reference closes the call
    # after its first argument, the response goes on), so the pair starts there
    assert pair.prefix == '[get_weather('
    assert (pair.chosen, pair.rejected) == ('city="Paris")]', 'city="Paris", city="Paris", city="Paris"')
    assert pair.prefix + pair.chosen == whole.chosen and pair.prefix + pair.rejected == whole.rejected


def test_shared_steps_leave_each_side_a_step():
    assert shared_steps("[f(a=1, b=2)]", "[f(a=1, b=2, b=2") == "[f(a=1, "
    assert shared_steps("[f(a=1, b=2)]", "[g(a=1, b=2)]") == ""
    assert shared_steps("[f(a=1)]", "[f(a=1)]") == "[f(a=1"  # equal texts: the last step stays
    assert shared_steps("[f(a=1, b=2)]", "[f(") == ""  # a truncated response keeps its step
    assert shared_steps("No function fits.", "[f(a=1)]") == ""


def test_trees_with_a_pair_or_an_excellent_response_need_no_reference():
    right = grow({'[get_weather(city="Paris")]': 1.0, '[get_weather(city="Paris") ]': 0.95})
    assert tree_pairs(right, SearchConfig(), 1) == []  # too close to pair
    assert not needs_reference(right, [])
    paired = grow({'[get_weather(city="Rome")]': 0.0, '[get_time(city="Rome")]': -0.9})
    pairs = tree_pairs(paired, SearchConfig(), 1)
    assert pairs and not needs_reference(paired, pairs)


def test_dedupe_keeps_first_of_each_pair():
    tree = grow({'[get_weather(city="Paris")]': 1.0, '[get_time(city="Paris")]': -1.0})
    pairs = tree_pairs(tree, SearchConfig(), 1)
    assert dedupe(pairs + pairs) == pairs


def _pair(sample_id: str, gap: float) -> PreferencePair:
    return PreferencePair(prompt=[{"role": "user", "content": "q"}], prefix="",
                          chosen=f"c{gap}", rejected="r", chosen_value=gap - 1.0,
                          rejected_value=-1.0, sample_id=sample_id, round=1)


def test_balance_kinds_caps_text_pairs_at_the_call_pairs_widest_first():
    kinds = {"call": True, "reply": False}
    pairs = [_pair("reply", 0.5), _pair("call", 0.2), _pair("reply", 1.9), _pair("reply", 1.2),
             _pair("call", 0.3)]
    kept = balance_kinds(pairs, kinds)
    assert [(p.sample_id, p.chosen) for p in kept] == [
        ("call", "c0.2"), ("reply", "c1.9"), ("reply", "c1.2"), ("call", "c0.3")]
    # no call pairs: no text pairs either; text pairs below the cap are all kept
    assert balance_kinds([_pair("reply", 1.0)], kinds) == []
    few = [_pair("call", 0.2), _pair("call", 0.4), _pair("reply", 1.0)]
    assert balance_kinds(few, kinds) == few
    assert balance_kinds(few, kinds, "calls") == few[:2]  # no text pairs at all


def test_balance_shapes_keeps_as_many_pairs_pushing_up_as_down_widest_first():
    def pair(chosen: str, rejected: str, gap: float) -> PreferencePair:
        return replace(_pair("call", gap), prefix="[f(a=1", chosen=chosen, rejected=rejected)

    up_narrow, up_wide = pair("), f(a=2)]", ")]", 0.3), pair(", b=2)]", ")]", 1.5)
    down = pair(")]", ", b=2, c=3)]", 0.8)
    value = pair(")]", "0)]", 0.1)  # a value, not a shape: always kept
    kept = balance_shapes([up_narrow, value, up_wide, down])
    assert kept == [value, up_wide, down]
    # nothing pushes the other way: no pair that pushes is kept
    assert balance_shapes([up_narrow, up_wide, value]) == [value]
    assert balance_shapes([up_wide, down]) == [up_wide, down]

