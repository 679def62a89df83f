"""The optional LLM judge: a real forward pass of a tiny random Llama with the real
SmolLM2 tokenizer, and how its grade probabilities are blended into q."""

from __future__ import annotations

import math

import pytest

from itool.records import GRADES
from itool.reward import RewardConfig, TransformersJudge, assess_responses, score_responses
from itool.reward.judge import ANSWER_PREFIX, OPTIONS, grade_probabilities, judge_prompt
from reward_cases import CASES, IRRELEVANT, SINGLE

LEXICAL = RewardConfig(semantic="lexical")


@pytest.fixture(scope="module")
def judge(tiny_model, tokenizer):
    return TransformersJudge(tiny_model, tokenizer, batch_size=3)


def test_prompt_holds_request_reference_and_response():
    prompt = judge_prompt(SINGLE, '  [get_weather(city="Oslo")]\n')
    assert "Weather in Paris for 3 days" in prompt
    assert 'get_weather(city="Paris", unit="celsius", days=3, threshold=2.5)' in prompt
    assert 'Assistant\'s reply: [get_weather(city="Oslo")]' in prompt
    assert "Reference reply: Sorry, none of the available functions" in judge_prompt(
        IRRELEVANT, "ok")


def test_option_letters_are_single_tokens_and_prompt_ends_with_the_answer_prefix(judge):
    assert len(set(judge.option_ids)) == 4
    rendered = judge.render("Grade this.")
    assert rendered.endswith(ANSWER_PREFIX)
    assert "<|im_start|>user" in rendered  # SmolLM2's chat template was applied


def test_option_logprobs_from_one_forward_pass(judge, tiny_model, tokenizer):
    import torch

    prompts = [judge_prompt(s, r) for _, s, r, _, _ in CASES[:5]]
    batched = judge.option_logprobs(prompts)
    assert len(batched) == 5
    for row in batched:
        assert set(row) == set(OPTIONS)
        assert all(math.isfinite(v) and v < 0 for v in row.values())
    # Left padding and position ids make a batched prompt score as it does alone.
    alone = TransformersJudge(tiny_model, tokenizer, batch_size=1).option_logprobs(prompts)
    for a, b in zip(batched, alone, strict=True):
        for option in OPTIONS:
            assert a[option] == pytest.approx(b[option], abs=1e-4)
    # And they are the log-softmax of the model's last-position logits.
    ids = tokenizer.encode(judge.render(prompts[0]), add_special_tokens=False)
    with torch.inference_mode():
        logits = tiny_model(input_ids=torch.tensor([ids])).logits[0, -1]
    expected = torch.log_softmax(logits, -1)[judge.option_ids].tolist()
    assert [batched[0][o] for o in OPTIONS] == pytest.approx(expected, abs=1e-4)


def test_grade_probabilities_normalise_the_four_letters():
    probs = grade_probabilities({"A": math.log(0.2), "B": math.log(0.1), "C": math.log(0.05),
                                 "D": math.log(0.05)})
    assert list(probs) == list(GRADES)
    assert probs["excellent"] == pytest.approx(0.5)
    assert probs["poor"] == pytest.approx(0.125)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_judge_is_blended_into_q(judge):
    pairs = [(s, r) for _, s, r, _, _ in CASES[:6]]
    weight = 0.4
    config = RewardConfig(semantic="lexical", judge_weight=weight)
    rules = score_responses(pairs, config)
    judged = assess_responses(pairs, config, judge=judge)
    logprobs = judge.option_logprobs([judge_prompt(s, r) for s, r in pairs])
    for rule, result, lp in zip(rules, judged, logprobs, strict=True):
        probs = grade_probabilities(lp)
        expected = sum(probs[g] * config.grade_value(g) for g in GRADES)
        assert result.score.q == pytest.approx((1 - weight) * rule.q + weight * expected,
                                               abs=1e-6)
        assert result.score.grade == rule.grade  # the judge moves q, not the grade
        assert result.notes[-1].startswith("judge: excellent ")
    # Weight 0 leaves the rules' q; no judge is the default.
    zero = score_responses(pairs, RewardConfig(semantic="lexical", judge_weight=0.0), judge)
    assert [s.q for s in zero] == pytest.approx([s.q for s in rules])


def test_grade_values_default_to_band_middles():
    config = RewardConfig()
    assert config.grade_value("excellent") == pytest.approx(0.9)
    assert config.grade_value("poor") == pytest.approx(-0.75)
    custom = RewardConfig(judge_grade_values={"excellent": 1.0, "acceptable": 0.1,
                                              "fair": -1.0, "poor": -2.0 / 2})
    assert custom.grade_value("acceptable") == 0.1
