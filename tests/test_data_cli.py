"""``itool data validate|convert|stats``: exit codes, one line per bad record, lossless
conversion, stats, and clear errors instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from itool.cli import main
from itool.data.formats import bfcl_data_dir, load_samples
from test_formats import (
    BAD_JSONL,
    OPENAI_RECORDS,
    SHAREGPT_RECORDS,
    TOOLACE_RECORDS,
    essentials,
    write_json,
    write_jsonl,
)


def run(capsys, *argv):
    code = main(["data", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [["data"], ["data", "validate"], ["data", "convert"], ["data", "stats"]])
def test_help(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    assert "usage: itool data" in capsys.readouterr().out


def test_validate_good_file(tmp_path, capsys):
    path = write_json(tmp_path / "toolace.json", TOOLACE_RECORDS)
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    assert out.strip() == f"{path}: toolace, 3 records, 6 samples, 4 calls"


def test_validate_reports_each_bad_record(tmp_path, capsys):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD_JSONL)
    code, out, err = run(capsys, "validate", path)
    assert code == 1
    lines = out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "unknown role 'robot'" in lines[1] and "get_time" in lines[2]
    assert "4 invalid record(s)" in err and "Traceback" not in out + err


def test_validate_json_list_reports_indexes(tmp_path, capsys):
    records = [TOOLACE_RECORDS[0], json.loads(json.dumps(BAD_JSONL[4])), TOOLACE_RECORDS[1]]
    path = write_json(tmp_path / "bad.json", records)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    [line] = out.splitlines()
    assert line.startswith(f"{path}:1: assistant turn 1: broken call syntax: ")


def test_validate_skip_invalid_counts(tmp_path, capsys):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD_JSONL)
    code, out, err = run(capsys, "validate", path, "--skip-invalid")
    assert code == 0
    assert out.strip() == f"{path}: toolace, 6 records, 2 samples, 1 calls, 4 invalid records skipped"
    assert len([line for line in err.splitlines() if line.startswith("skipped ")]) == 4


def test_convert_round_trip(tmp_path, capsys):
    source = write_json(tmp_path / "toolace.json", TOOLACE_RECORDS)
    code, out, _ = run(capsys, "convert", source, "--to", "openai", "--out", tmp_path / "chat.jsonl")
    assert code == 0 and "wrote 3 openai records" in out
    code, _, _ = run(capsys, "convert", tmp_path / "chat.jsonl", "--to", "toolace",
                     "--out", tmp_path / "out" / "back.json")
    assert code == 0
    original = load_samples(source).samples
    assert essentials(load_samples(tmp_path / "out" / "back.json").samples) == essentials(original)
    assert isinstance(json.loads((tmp_path / "out" / "back.json").read_text()), list)


def test_convert_sharegpt_and_openai_inputs(tmp_path, capsys):
    for name, records in [("s.json", SHAREGPT_RECORDS), ("o.json", OPENAI_RECORDS)]:
        source = write_json(tmp_path / name, records)
        for target in ("toolace", "sharegpt", "openai"):
            out_path = tmp_path / f"{name}.{target}.jsonl"
            assert run(capsys, "convert", source, "--to", target, "--out", out_path)[0] == 0
            assert essentials(load_samples(out_path).samples) == essentials(load_samples(source).samples)


def test_convert_bfcl_to_toolace(tmp_path, capsys):
    source = bfcl_data_dir() / "BFCL_v4_parallel.json"
    out_path = tmp_path / "parallel.jsonl"
    assert run(capsys, "convert", source, "--to", "toolace", "--out", out_path)[0] == 0
    original, back = load_samples(source).samples, load_samples(out_path).samples
    assert [(s.id, s.target, s.meta["category"]) for s in back] == [
        (s.id, s.target, s.meta["category"]) for s in original]


def test_convert_refuses_bad_input(tmp_path, capsys):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD_JSONL)
    code, _, err = run(capsys, "convert", path, "--to", "openai", "--out", tmp_path / "x.jsonl")
    assert code == 1 and f"{path}:3: " in err and not (tmp_path / "x.jsonl").exists()
    with pytest.raises(SystemExit):
        main(["data", "convert", str(path), "--to", "bfcl", "--out", str(tmp_path / "y.json")])


def test_stats(tmp_path, capsys):
    path = write_json(tmp_path / "toolace.json", TOOLACE_RECORDS)
    code, out, _ = run(capsys, "stats", path, "--json")
    assert code == 0
    stats = json.loads(out)
    difficulty = stats.pop("difficulty")  # the generator's section: tests/test_curriculum.py
    style = stats.pop("style")  # its figures: tests/test_data_style.py
    assert {c: v["samples"] for c, v in style.items()} == {"simple": 1, "multiple": 1,
                                                             "multi_turn": 1}
    assert sum(b["count"] for b in difficulty["histogram"]) == 6
    assert stats == {
        "records": 3, "samples": 6, "calls": 4, "functions": 3,
        "categories": {"simple": 1, "multiple": 1, "parallel": 0, "parallel_multiple": 0,
                       "irrelevance": 1, "multi_turn": 3},
    }
    code, out, _ = run(capsys, "stats", path)
    assert code == 0 and "samples: 6" in out and "  multi_turn: 3" in out
    assert "style:\n  simple:\n    samples: 1\n    words:" in out


def test_user_errors_are_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "validate", tmp_path / "missing.jsonl")
    assert code == 1 and err.strip() == f"itool: error: {tmp_path / 'missing.jsonl'}: no such file"
    code, _, err = run(capsys, "stats", write_jsonl(tmp_path / "odd.jsonl", [{"text": "hi"}]))
    assert code == 1 and "cannot tell the format" in err and "--format" in err
    code, _, err = run(capsys, "validate", tmp_path)
    assert code == 1 and "is a directory" in err
    (tmp_path / "empty.json").write_text("\n")
    code, _, err = run(capsys, "validate", tmp_path / "empty.json")
    assert code == 1 and "the file is empty" in err


def test_convert_reports_names_call_syntax_cannot_hold(tmp_path, capsys):
    tool = {"name": "weather/v2", "parameters": {"type": "object", "properties": {}}}
    record = {"id": "w", "tools": [{"type": "function", "function": tool}], "messages": [
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "tool_calls": [{"type": "function",
                                              "function": {"name": "weather/v2", "arguments": "{}"}}]}]}
    source = write_jsonl(tmp_path / "o.jsonl", [record])
    code, _, err = run(capsys, "convert", source, "--to", "toolace", "--out", tmp_path / "t.json")
    assert code == 1 and "'w'" in err and "weather/v2" in err and not (tmp_path / "t.json").exists()
    assert run(capsys, "convert", source, "--to", "sharegpt", "--out", tmp_path / "s.json")[0] == 0


def test_console_script_has_no_traceback(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", BAD_JSONL)
    done = subprocess.run([sys.executable, "-m", "itool", "data", "validate", str(path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 4 and "Traceback" not in done.stderr
