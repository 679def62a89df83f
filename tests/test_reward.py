"""The reward: dimensions and grades of hand-labelled responses, BFCL alternatives,
q's bands and partial credit, configuration."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itool.records import GRADES, FunctionSpec, Sample, ToolCall
from itool.reward import RewardConfig, assess_responses, score_response, score_responses
from itool.reward.semantic import LexicalSimilarity
from reward_cases import CASES, IRRELEVANT, MONEY, PARALLEL, SINGLE, WEATHER, user

LEXICAL = RewardConfig(semantic="lexical")


def dims(score):
    return (score.function_name, score.param_count, score.param_names, score.param_values)


@pytest.mark.parametrize("name,sample,response,expected_dims,grade", CASES,
                         ids=[c[0] for c in CASES])
def test_hand_labelled_response(name, sample, response, expected_dims, grade):
    score = score_response(sample, response, LEXICAL)
    assert dims(score) == expected_dims
    assert score.grade == grade
    assert -1.0 <= score.q <= 1.0
    assert 0.0 <= score.semantic <= 1.0


def test_hand_labelled_responses_with_the_semantic_model():
    """The same labels hold with the real MiniLM model (one batched pass)."""
    scores = score_responses([(c[1], c[2]) for c in CASES], RewardConfig(semantic="model"))
    for case, score in zip(CASES, scores, strict=True):
        assert (dims(score), score.grade) == (case[3], case[4]), case[0]


def test_right_calls_render_like_the_target():
    """Semantic compares aligned renderings: a right response scores exactly 1, even
    reordered, respelled or with a default left out."""
    for name, sample, response, _, grade in CASES:
        if grade == "excellent" and sample.expects_call:
            assert score_response(sample, response, LEXICAL).semantic == 1.0, name


def test_notes_say_what_is_wrong():
    (result,) = assess_responses([(MONEY, '[convert_currency(amount=10.0, fee=1)]')], LEXICAL)
    assert "call convert_currency: missing required argument to" in result.notes
    assert "call convert_currency: unknown argument fee" in result.notes
    (result,) = assess_responses([(SINGLE, "no idea")], LEXICAL)
    assert result.notes[0].startswith("no call could be read")


def bfcl_like(possible_answer, target) -> Sample:
    return Sample("bfcl-1", [WEATHER], user("Weather in Paris"), target,
                  meta={"source": "bfcl", "possible_answer": possible_answer})


def test_possible_answers_accept_any_alternative():
    sample = bfcl_like(
        [{"get_weather": {"city": ["Paris", "Paris, France"], "unit": ["", "celsius"],
                          "days": [3]}}],
        [ToolCall("get_weather", {"city": "Paris", "days": 3})])
    for response in ['[get_weather(city="Paris, France", days=3)]',
                     '[get_weather(city="Paris", unit="celsius", days=3)]',
                     '[get_weather(days=3, city="paris")]']:
        score = score_response(sample, response, LEXICAL)
        assert score.grade == "excellent", response
        assert score.semantic == 1.0
    wrong = score_response(sample, '[get_weather(city="Lyon", days=3)]', LEXICAL)
    assert (wrong.param_values, wrong.grade) == (False, "fair")
    # "unit" may be omitted but not given a wrong value; "days" may not be omitted.
    assert score_response(sample, '[get_weather(city="Paris", unit="kelvin", days=3)]',
                          LEXICAL).grade == "fair"
    assert score_response(sample, '[get_weather(city="Paris")]', LEXICAL).param_count is False


def test_nested_values():
    sample = Sample("nested", [WEATHER, *MONEY.tools], user("x"), [
        ToolCall("convert_currency", {"amount": 5.0, "to": "EUR",
                                      "options": {"rounding": "up", "fee": 1}}),
        ToolCall("get_weather", {"city": "Oslo", "tags": ["rain", "wind"]}),
    ])
    right = ('[convert_currency(amount=5.0, to="EUR", options={"fee": 1, "rounding": "Up"}), '
             'get_weather(city="Oslo", tags=["rain", "wind"])]')
    assert score_response(sample, right, LEXICAL).grade == "excellent"
    swapped = right.replace('["rain", "wind"]', '["wind", "rain"]')
    score = score_response(sample, swapped, LEXICAL)
    assert (score.param_values, score.grade) == (False, "acceptable")  # same set, other order
    wrong = right.replace('"fee": 1', '"fee": 2')
    assert score_response(sample, wrong, LEXICAL).grade == "fair"


def test_target_without_text_takes_any_text_reply():
    sample = Sample("irr", [WEATHER], user("hi"), "")
    score = score_response(sample, "Hello! How can I help?", LEXICAL)
    assert (score.grade, score.semantic) == ("excellent", 1.0)
    assert score_response(sample, '[get_weather(city="Oslo")]', LEXICAL).grade == "poor"


def test_a_broken_call_is_not_a_text_reply_on_a_text_target():
    sample = Sample("irr", [WEATHER], user("list my files"), "No tool can list files.")
    broken = '[get_weather(city=[{"Oslo"}, days=2f}], note="list the files")[f]'
    score = score_response(sample, broken, LEXICAL)
    assert score.grade == "poor" and not score.function_name
    # prose that merely mentions the tool, or names another function, is still a reply
    hallucinated = '[filter_movies(genre="drama", 2016-01-28")]'  # not one of its tools
    assert score_response(sample, hallucinated, LEXICAL).grade == "poor"
    for reply in ("No tool can list files; get_weather only gives forecasts.",
                  "I cannot call list_files(path) here: no such tool.",
                  "Sorry (no tool for that): I can only give forecasts."):
        assert score_response(sample, reply, LEXICAL).grade in ("excellent", "acceptable")


def test_q_orders_grades_and_gives_partial_credit():
    three = Sample("three", [WEATHER], user("x"), [
        ToolCall("get_weather", {"city": c}) for c in ("Oslo", "Rome", "Lima")])
    one_right = score_response(three, '[get_weather(city="Oslo")]', LEXICAL)
    two_right = score_response(three, '[get_weather(city="Rome"), get_weather(city="Oslo")]',
                               LEXICAL)
    assert one_right.grade == two_right.grade == "poor"
    assert two_right.q > one_right.q
    # Among fair responses, a near miss beats a response that is wrong everywhere.
    near = score_response(MONEY, '[convert_currency(amount=10.0, to="USD")]', LEXICAL)
    far = score_response(MONEY, '[convert_currency(amount="ten", to="USD")]', LEXICAL)
    assert near.grade == far.grade == "fair"
    assert near.q > far.q
    # Prose that at least names the function is still poor and below any call.
    assert score_response(MONEY, "I would call convert_currency.", LEXICAL).q < far.q


def mutate(data, sample: Sample) -> str:
    """A response made from the sample's target by up to three random edits."""
    from itool.codec import render_calls

    calls = [ToolCall(c.name, dict(c.arguments)) for c in sample.target_calls]
    for _ in range(data.draw(st.integers(0, 3))):
        kind = data.draw(st.sampled_from(
            ["drop_arg", "add_arg", "value", "type", "rename", "drop_call", "dup_call",
             "swap", "prose", "truncate"]))
        call = data.draw(st.sampled_from(calls)) if calls else None
        if kind == "drop_arg" and call and call.arguments:
            call.arguments.pop(data.draw(st.sampled_from(sorted(call.arguments))))
        elif kind == "add_arg" and call:
            key = data.draw(st.sampled_from(["threshold", "unit", "days", "bogus"]))
            call.arguments[key] = data.draw(st.sampled_from([1, 2.5, "celsius", "x"]))
        elif kind in ("value", "type") and call and call.arguments:
            key = data.draw(st.sampled_from(sorted(call.arguments)))
            old = call.arguments[key]
            call.arguments[key] = str(old) if kind == "type" else data.draw(
                st.sampled_from([0, -1, 7.5, "Berlin", True]))
        elif kind == "rename" and call:
            call.name = data.draw(st.sampled_from(["get_forecast", "get_time", "lookup"]))
        elif kind == "drop_call" and call:
            calls.remove(call)
        elif kind == "dup_call" and call:
            calls.append(ToolCall(call.name, dict(call.arguments)))
        elif kind == "swap":
            calls.reverse()
        elif kind == "prose":
            return "I think the answer is about " + (call.name if call else "nothing")
        elif kind == "truncate":
            text = render_calls(calls)
            return text[: data.draw(st.integers(0, max(0, len(text) - 1)))]
    return render_calls(calls)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_q_is_monotone_in_the_grade(data):
    """Every excellent > every acceptable > every fair > every poor, whatever the
    dimensions' partial credit, over random edits of the targets."""
    pairs = []
    for sample in (SINGLE, PARALLEL, MONEY):
        for _ in range(6):
            pairs.append((sample, mutate(data, sample)))
    pairs += [(c[1], c[2]) for c in CASES]
    scores = score_responses(pairs, LEXICAL)
    by_grade = {g: [s.q for s in scores if s.grade == g] for g in GRADES}
    present = [g for g in GRADES if by_grade[g]]
    for better, worse in zip(present, present[1:], strict=False):
        assert min(by_grade[better]) > max(by_grade[worse])
    assert all(-1.0 <= s.q <= 1.0 for s in scores)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_score(text):
    for sample in (SINGLE, IRRELEVANT):
        score = score_response(sample, text, LEXICAL)
        assert score.grade in GRADES and -1.0 <= score.q <= 1.0


def test_batch_scoring_equals_one_by_one():
    pairs = [(c[1], c[2]) for c in CASES]
    batch = score_responses(pairs, LEXICAL)
    assert batch == [score_response(s, r, LEXICAL) for s, r in pairs]


def test_custom_bands_and_weights():
    config = RewardConfig(semantic="lexical", grade_bands={
        "excellent": (0.9, 0.9), "acceptable": (0.0, 0.5), "fair": (-0.5, -0.1),
        "poor": (-1.0, -0.9)})
    assert score_response(SINGLE, CASES[0][2], config).q == pytest.approx(0.9)
    only_semantic = RewardConfig(semantic="lexical", weights={
        "function_name": 0, "param_count": 0, "param_names": 0, "param_values": 0,
        "semantic": 1})
    score = score_response(PARALLEL, '[get_weather(city="Paris", days=2)]', only_semantic)
    low, high = only_semantic.grade_bands["poor"]
    assert score.q == pytest.approx(low + (high - low) * score.semantic)


@pytest.mark.parametrize("bad", [
    {"semantic": "bert"},
    {"semantic_threshold": 1.5},
    {"grade_bands": {"excellent": (0.5, 1.0), "acceptable": (0.2, 0.6),
                     "fair": (-0.4, 0.1), "poor": (-1.0, -0.5)}},  # overlap
    {"grade_bands": {"excellent": (0.8, 1.0)}},
    {"weights": {"function_name": 1.0}},
    {"judge_weight": -0.1},
])
def test_config_rejects_bad_values(bad):
    with pytest.raises(ValueError):
        RewardConfig(**bad)


def test_config_round_trips_through_a_dict():
    config = RewardConfig(semantic="lexical", judge_weight=0.5)
    assert RewardConfig.from_dict(config.to_dict()) == config
    with pytest.raises(ValueError, match="unknown reward option"):
        RewardConfig.from_dict({"smantic": "lexical"})


def test_explicit_similarity_backend_is_used():
    class Halves:
        def similarities(self, pairs):
            return [0.5] * len(pairs)

    (score,) = score_responses([(IRRELEVANT, "Something else entirely.")], LEXICAL, None,
                               Halves())
    assert score.semantic == 0.5
    assert LexicalSimilarity().similarity("abc", "abc") == 1.0


_SCALARS = {
    "string": st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    "integer": st.integers(-10**6, 10**6),
    "number": st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)),
    "boolean": st.booleans(),
}
_TYPED = st.one_of(
    *(st.tuples(st.just(name), values) for name, values in _SCALARS.items()),
    st.tuples(st.just("array"), st.lists(_SCALARS["string"], max_size=3)),
    st.tuples(st.just("object"), st.dictionaries(st.sampled_from("abc"), _SCALARS["integer"],
                                                 max_size=2)),
)
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["p", "q", "r", "s"]), _TYPED, min_size=1),
       st.booleans(), st.dictionaries(st.sampled_from(["p", "q", "r", "x"]), _JSON))
def test_a_response_equal_to_its_target_is_excellent(typed, bfcl_names, other_args):
    """Any call whose values fit their declared types scores excellent against itself
    (through rendering and parsing), in JSON-schema or BFCL type names; and any other
    arguments score without error."""
    from itool.codec import render_calls

    names = {"number": "float", "object": "dict"} if bfcl_names else {}
    schema = {"type": "dict" if bfcl_names else "object",
              "properties": {k: {"type": names.get(t, t)} for k, (t, _) in typed.items()},
              "required": sorted(typed)[:1]}
    sample = Sample("fuzz", [FunctionSpec("tool", "", schema)], user("x"),
                    [ToolCall("tool", {k: v for k, (_, v) in typed.items()})])
    response = render_calls(sample.target_calls)
    score = score_response(sample, response, LEXICAL)
    assert (score.grade, score.semantic) == ("excellent", 1.0), response
    other = score_response(sample, render_calls([ToolCall("tool", other_args)]), LEXICAL)
    assert other.grade in GRADES and -1.0 <= other.q <= 1.0
