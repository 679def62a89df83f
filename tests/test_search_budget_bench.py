"""benchmarks/search_budget.py's bookkeeping: which search fields a --budget changes, and
what it counts per category from the tree records (the searches themselves are
itool.search.run's, tested in test_search_run.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import load_benchmark
from itool.search.config import SearchConfig


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("search_budget")


def test_budget_fields_are_typed_like_the_config(bench):
    assert bench.parse_budget("k=6,temperature=1.5", SearchConfig()) == {"k": 6, "temperature": 1.5}
    assert bench.parse_budget("revisit=false", SearchConfig()) == {"revisit": False}
    with pytest.raises(SystemExit, match="true or false"):
        bench.parse_budget("revisit=no", SearchConfig())
    with pytest.raises(SystemExit, match="search field"):
        bench.parse_budget("width=6", SearchConfig())
    with pytest.raises(SystemExit, match="field=value"):
        bench.parse_budget("k=", SearchConfig())


def leaf(right: bool) -> dict:
    return {"outcome": {"dimensions": {"function_name": right}}, "children": []}


def test_tally_counts_right_function_trees_and_pairs_per_category(bench):
    samples = [SimpleNamespace(id="a", meta={"category": "parallel"}, expects_call=True),
               SimpleNamespace(id="b", meta={"category": "parallel"}, expects_call=True),
               SimpleNamespace(id="c", meta={"category": "irrelevance"}, expects_call=False)]
    trees = [{"sample_id": "a", "root": {"children": [leaf(False), {"children": [leaf(True)]}]}},
             {"sample_id": "b", "root": {"children": [leaf(False), leaf(False)]}},
             {"sample_id": "c", "root": {"children": [leaf(False)]}}]
    pairs = [SimpleNamespace(sample_id="a"), SimpleNamespace(sample_id="a"),
             SimpleNamespace(sample_id="c")]
    assert bench.tally(samples, trees, pairs) == {
        "irrelevance": {"trees": 1, "right_function": 0, "with_pair": 1, "pairs": 1},
        "parallel": {"trees": 2, "right_function": 1, "with_pair": 1, "pairs": 2},
    }
