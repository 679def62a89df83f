"""benchmarks/request_style.py: generated data beside BFCL, and what the shapes change."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, load_benchmark
from itool.data.generate import Shapes


def test_varied_shapes_move_the_parallel_figures_toward_bfcl():
    bench = load_benchmark("request_style")
    default = bench.compare(300, 0, Shapes())
    varied = bench.compare(300, 0, Shapes(parallel_varied=1.0, repeat_function=1.0))
    assert default["bfcl"] == varied["bfcl"]  # BFCL is read, never changed
    assert default["bfcl"]["parallel"]["several_values_differ"] > 0.5
    assert (default["generated"]["parallel"]["several_values_differ"]
            < 0.5 < varied["generated"]["parallel"]["several_values_differ"])
    assert varied["generated"]["parallel_multiple"]["repeats_a_function"] == 1.0
    rows = bench.table(varied).splitlines()
    assert rows[0].startswith("| data | category | samples | words |")
    assert sum(row.startswith("| BFCL |") for row in rows) == len(bench.PAIRS)
    assert "| BFCL | live_multiple |" in rows[-1]


def test_bad_arguments_are_one_line_errors(tmp_path):
    script = str(ROOT / "benchmarks/request_style.py")
    for argv, message in ((["--parallel-varied", "2"], "--parallel-varied must be between 0 and 1"),
                          (["--n", "10"], "--n must be at least 50")):
        done = subprocess.run([sys.executable, script, *argv], capture_output=True, text=True)
        assert done.returncode == 1 and done.stderr.strip().startswith(f"error: {message}")
        assert "Traceback" not in done.stderr


def test_written_json_holds_both_sides(tmp_path):
    out = tmp_path / "style.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/request_style.py"), "--n", "200",
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text())
    assert written["shapes"] == {"parallel_varied": 0.3, "repeat_function": 0.0}
    assert set(written["generated"]) == {"simple", "multiple", "parallel", "parallel_multiple"}
    assert "| generated | simple |" in done.stdout
