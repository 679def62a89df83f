"""``itool eval bfcl --model``: generation of BFCL outputs, subset selection, files."""

from __future__ import annotations

import json

import pytest

from itool.cli import main
from itool.errors import UserError
from itool.eval.bfcl_data import load_category
from itool.model.bfcl_generate import SUBSET_SEED, predictions_path, select_samples


def test_the_per_category_subset_is_fixed_seeded_and_in_bfcl_order():
    first = [s.id for s in select_samples(["simple_python", "irrelevance"], 5)]
    assert first == [s.id for s in select_samples(["irrelevance", "simple_python"], 5, SUBSET_SEED)]
    assert [s.meta["category"] for s in select_samples(["simple_python", "irrelevance"], 5)] == [
        "simple_python"
    ] * 5 + ["irrelevance"] * 5
    order = {s.id: i for i, s in enumerate(load_category("simple_python"))}
    assert [order[i] for i in first[:5]] == sorted(order[i] for i in first[:5])
    # a category's subset does not depend on which other categories are asked for
    assert first[:5] == [s.id for s in select_samples(["simple_python"], 5)]
    assert first != [s.id for s in select_samples(["simple_python", "irrelevance"], 5, seed=1)]
    everything = select_samples(["parallel"], None)
    assert len(everything) == len(load_category("parallel"))
    with pytest.raises(UserError):
        select_samples(["parallel"], 0)


def test_predictions_file_sits_beside_the_result(tmp_path):
    assert predictions_path(tmp_path / "r.json") == tmp_path / "r.predictions.jsonl"


def test_eval_bfcl_with_a_model_generates_scores_and_can_be_rescored(tiny_model, tokenizer, tmp_path, capsys):
    model_dir = tmp_path / "tiny"
    tiny_model.save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    out = tmp_path / "result.json"
    common = ["--categories", "simple_python", "irrelevance", "--semantic", "lexical", "--out"]
    code = main(
        ["eval", "bfcl", "--model", str(model_dir), "--limit-per-category", "2"]
        + ["--batch-size", "3", "--max-new-tokens", "6", "--device", "cpu", *common, str(out)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "prompts/s" in printed and "simple_python" in printed

    result = json.loads(out.read_text())
    generation = result["generation"]
    assert generation["prompts"] == 4 and generation["prompts_per_second"] > 0
    assert 4 <= generation["new_tokens"] <= 4 * 6
    lines = [json.loads(line) for line in predictions_path(out).read_text().splitlines()]
    expected_ids = [s.id for s in select_samples(["simple_python", "irrelevance"], 2)]
    assert sorted(p["id"] for p in lines) == sorted(expected_ids)
    assert all(isinstance(p["output"], str) for p in lines)
    assert {e["id"] for e in result["entries"]} == set(expected_ids)
    assert result["summary"]["simple_python"]["total"] == 2

    rescored = tmp_path / "rescored.json"
    assert main(["eval", "bfcl", "--predictions", str(predictions_path(out)), *common, str(rescored)]) == 0
    assert json.loads(rescored.read_text())["entries"] == result["entries"]


def test_model_and_predictions_together_are_refused(tmp_path, capsys):
    code = main(
        ["eval", "bfcl", "--model", "default", "--predictions", "p.jsonl", "--out", str(tmp_path / "r")]
    )
    assert code == 1
    assert "either --predictions or --model" in capsys.readouterr().err


def test_an_interrupted_generation_resumes_from_its_checkpoint_with_the_same_outputs(
        tiny_model, tokenizer, tmp_path):
    """Batches decoded before a kill are kept in ``result.partial.jsonl``; the call
    run again decodes only the others and gives the uninterrupted run's outputs."""
    from itool.model.bfcl_generate import checkpoint_path, generate_outputs
    from itool.model.generate import TransformersBackend

    samples = select_samples(["simple_python", "irrelevance"], 3)
    backend = TransformersBackend(tiny_model, tokenizer, batch_size=2, progress=False)
    expected, _ = generate_outputs(backend, tokenizer, samples, 5)
    checkpoint = checkpoint_path(tmp_path / "result.json")
    assert checkpoint == tmp_path / "result.partial.jsonl"

    decoded = []
    decode = backend.decode

    def killed_after_two_batches(state, params, generator):
        if len(decoded) == 2:
            raise KeyboardInterrupt
        decoded.append(1)
        return decode(state, params, generator)

    backend.decode = killed_after_two_batches
    with pytest.raises(KeyboardInterrupt):
        generate_outputs(backend, tokenizer, samples, 5, checkpoint=checkpoint)
    assert len(checkpoint.read_text().splitlines()) == 1 + 2  # header and two batches
    with open(checkpoint, "a") as handle:
        handle.write('{"seconds": 0.1, "items": [{"ind')  # a line cut short by the kill

    calls = []
    backend.decode = lambda *args: calls.append(1) or decode(*args)
    outputs, stats = generate_outputs(backend, tokenizer, samples, 5, checkpoint=checkpoint)
    assert outputs == expected
    assert len(calls) == 1  # 6 prompts in batches of 2: only the third batch was left
    assert stats.prompts == 6 and stats.seconds > 0
    assert not checkpoint.exists()

    # a checkpoint of other settings is not taken: everything is decoded again
    backend.decode = killed_after_two_batches
    decoded.clear()
    with pytest.raises(KeyboardInterrupt):
        generate_outputs(backend, tokenizer, samples, 5, checkpoint=checkpoint)
    calls.clear()
    backend.decode = lambda *args: calls.append(1) or decode(*args)
    generate_outputs(backend, tokenizer, samples, 4, checkpoint=checkpoint)
    assert len(calls) == 3
