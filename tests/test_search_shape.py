"""The shape of an answer as far as it is written, and which way a pair pushes it."""

from __future__ import annotations

from itool.search.shape import Shape, push, shape


def test_calls_and_arguments_are_counted_as_they_begin():
    assert shape('[f(a=1, b="x=)]"), g(c=2)]') == Shape(["f", "g"], True, 3)
    # cut off in its second call: both calls and all three arguments begun, never closed
    assert shape("[f(a=[1, 2]), f(a=[3], b=") == Shape(["f", "f"], False, 3)
    # a call nested in an argument is not a call of the list, nor are its arguments
    assert shape("[math.hypot(x=abs(y=2))]") == Shape(["math.hypot"], True, 1)
    # spaces around '=' and a comparison inside a value
    assert shape("[f(a = 1, b='x == y')]").arguments == 2
    assert shape("I cannot help with that.") == Shape([], False, 0)
    assert shape("I cannot help with that.").arguments_per_call() is None
    assert shape("[f(a=1, b=2), g(c=3)]").arguments_per_call() == 1.5


def test_a_pair_pushes_the_shape_by_calls_first_then_arguments_per_call():
    assert push("[f(a=1", "), f(a=2)]", ")]") == 1  # one call more
    assert push("[f(a=1", ")]", ", b=2), f(a=1, b=2)]") == -1  # a call fewer wins over args
    assert push("[f(a=1", ")]", ", b=2)]") == -1  # an argument fewer
    assert push("[f(", "a=1, b=2)]", "a=1)]") == 1
    assert push("[f(", "a=1)]", "a=2)]") == 0  # a value: no shape
    assert push("", "[f(a=1)]", "Which city?") == 0  # a reply against a call: kind, not shape
