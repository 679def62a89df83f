"""Samples and hand-labelled responses shared by the reward tests.

Every case states, by hand, what the paper's definitions say the response deserves:
its four boolean dimensions (function_name, param_count, param_names, param_values)
and its grade. The functions are invented for these tests.
"""

from __future__ import annotations

from itool.records import FunctionSpec, Message, Sample, ToolCall

WEATHER = FunctionSpec("get_weather", "Current weather for a city.", {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "default": "celsius"},
        "days": {"type": "integer", "default": 1},
        "threshold": {"type": "number"},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["city"],
})
CLOCK = FunctionSpec("get_time", "Local time in a time zone.", {
    "type": "object", "properties": {"zone": {"type": "string"}}, "required": ["zone"],
})
CONVERT = FunctionSpec("convert_currency", "Convert money.", {
    "type": "object",
    "properties": {"amount": {"type": "number"}, "to": {"type": "string"},
                   "options": {"type": "object"}},
    "required": ["amount", "to"],
})


def user(text: str) -> list[Message]:
    return [Message("user", text)]


SINGLE = Sample("single", [WEATHER, CLOCK], user("Weather in Paris for 3 days, in celsius."),
                [ToolCall("get_weather", {"city": "Paris", "unit": "celsius", "days": 3,
                                          "threshold": 2.5})])
PARALLEL = Sample("parallel", [WEATHER, CLOCK], user("Paris weather for 2 days and Tokyo time."),
                  [ToolCall("get_weather", {"city": "Paris", "days": 2}),
                   ToolCall("get_time", {"zone": "Asia/Tokyo"})])
MONEY = Sample("money", [CONVERT], user("Convert 10 dollars to euros."),
               [ToolCall("convert_currency", {"amount": 10.0, "to": "EUR"})])
IRRELEVANT = Sample("irrelevant", [WEATHER], user("Tell me a joke about cats."),
                    "Sorry, none of the available functions can tell jokes.")

# (name, sample, response, (function_name, param_count, param_names, param_values), grade)
CASES = [
    ("correct", SINGLE,
     '[get_weather(city="Paris", unit="celsius", days=3, threshold=2.5)]',
     (True, True, True, True), "excellent"),
    ("correct in JSON", SINGLE,
     '{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius", "days": 3, '
     '"threshold": 2.5}}',
     (True, True, True, True), "excellent"),
    ("arguments reordered, string case", SINGLE,
     '[get_weather(threshold=2.5, days=3, unit="Celsius", city="paris")]',
     (True, True, True, True), "excellent"),
    ("parallel calls reordered", PARALLEL,
     '[get_time(zone="Asia/Tokyo"), get_weather(city="Paris", days=2)]',
     (True, True, True, True), "excellent"),
    ("omitted optional argument equal to its default", SINGLE,
     '[get_weather(city="Paris", days=3, threshold=2.5)]',
     (True, True, True, True), "excellent"),
    ("extra argument equal to its default", PARALLEL,
     '[get_weather(city="Paris", days=2, unit="celsius"), get_time(zone="Asia/Tokyo")]',
     (True, True, True, True), "excellent"),
    ("int for float", MONEY,
     '[convert_currency(amount=10, to="EUR")]',
     (True, True, True, True), "excellent"),
    ("omitted optional argument (not the default)", SINGLE,
     '[get_weather(city="Paris", unit="celsius", days=3)]',
     (True, False, False, True), "acceptable"),
    ("extra optional argument", PARALLEL,
     '[get_weather(city="Paris", days=2, threshold=1.5), get_time(zone="Asia/Tokyo")]',
     (True, False, False, True), "acceptable"),
    ("float for int (same value)", SINGLE,
     '[get_weather(city="Paris", unit="celsius", days=3.0, threshold=2.5)]',
     (True, True, True, False), "acceptable"),
    ("omitted optional and value in another form", SINGLE,
     '[get_weather(city="Paris", unit="celsius", days=3.0)]',
     (True, False, False, False), "fair"),
    ("extra argument unknown to the function", MONEY,
     '[convert_currency(amount=10.0, to="EUR", fee=0)]',
     (True, False, False, True), "fair"),
    ("missing required argument", MONEY,
     '[convert_currency(amount=10.0)]',
     (True, False, False, True), "fair"),
    ("wrong value", SINGLE,
     '[get_weather(city="London", unit="celsius", days=3, threshold=2.5)]',
     (True, True, True, False), "fair"),
    ("wrong type", SINGLE,
     '[get_weather(city="Paris", unit="celsius", days="3", threshold=2.5)]',
     (True, True, True, False), "fair"),
    ("wrong function", SINGLE,
     '[get_forecast(city="Paris", unit="celsius", days=3, threshold=2.5)]',
     (False, True, True, True), "poor"),
    ("one parallel call missing", PARALLEL,
     '[get_weather(city="Paris", days=2)]',
     (False, True, True, True), "poor"),
    ("one call too many", PARALLEL,
     '[get_weather(city="Paris", days=2), get_time(zone="Asia/Tokyo"), get_time(zone="UTC")]',
     (False, True, True, True), "poor"),
    ("prose instead of a call", SINGLE,
     "It is sunny in Paris, around 20 degrees.",
     (False, False, False, False), "poor"),
    ("unparseable call", SINGLE,
     '[get_weather(city="Paris", days=3',
     (False, False, False, False), "poor"),
    ("empty call list", SINGLE, "[]",
     (False, False, False, False), "poor"),
    ("call where none belongs", IRRELEVANT,
     '[get_weather(city="Paris")]',
     (False, False, False, False), "poor"),
    ("text reply close to the reference", IRRELEVANT,
     "Sorry, none of the available functions can tell a joke.",
     (True, True, True, True), "excellent"),
    ("text reply unlike the reference", IRRELEVANT,
     "The capital of France is Paris.",
     (True, True, True, True), "acceptable"),
]
