"""Is model B better than model A on BFCL, or is the difference sampling noise?

Two models' accuracies on 50 entries per category differ by a few points from the
draw of entries alone. :func:`compare_results` compares two ``itool eval bfcl``
results *paired*, on the entries both scored: per category and overall (BFCL's
unweighted mean over categories) it gives B − A, the entries only one of them gets
right, and a 95% interval from a stratified bootstrap that redraws each category's
entries (the same draw for both models, so what they share cancels out).

The interval covers only the choice of test entries. A model trained again with
another seed differs by more than that on a small model (docs/RESULTS.md, item 12),
so a difference inside several training runs' spread is not settled by one interval.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from itool.errors import UserError
from itool.eval.bfcl_data import CATEGORIES

DRAWS = 4000
LEVEL = 0.95


def read_result(path: str | Path) -> dict[str, Any]:
    """An ``itool eval bfcl`` result file, checked for the per-entry verdicts."""
    import json

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UserError(f"{path}: not JSON ({err})") from None
    entries = result.get("entries") if isinstance(result, dict) else None
    if not isinstance(entries, list):
        raise UserError(f"{path}: no 'entries' list; is it the --out file of `itool eval bfcl`?")
    for index, entry in enumerate(entries):
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get("category"), str) and isinstance(entry.get("valid"), bool)):
            raise UserError(f"{path}: entry {index}: needs 'id', 'category' and a true/false 'valid'")
    return result


def verdicts(result: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """``{BFCL id: (category, right?)}`` of a result."""
    return {e["id"]: (e["category"], e["valid"]) for e in result["entries"]}


def compare_results(a: dict[str, Any], b: dict[str, Any], draws: int = DRAWS,
                    seed: int = 0) -> dict[str, Any]:
    """B − A on the entries both results scored: ``{"categories": {name: row},
    "overall": row, "entries": n, "only_a": ids A scored alone, "only_b": ...}``,
    each row ``{"a", "b", "diff", "low", "high", "n", "a_only_right",
    "b_only_right"}`` (accuracies as fractions; ``low``/``high`` the bootstrap's
    95% interval of ``diff``)."""
    va, vb = verdicts(a), verdicts(b)
    shared = sorted(va.keys() & vb.keys())
    if not shared:
        raise UserError("the two results share no BFCL entry; compare evaluations of the same entries")
    order = [c for c in CATEGORIES if any(va[i][0] == c for i in shared)]
    rng = np.random.default_rng(seed)
    rows: dict[str, dict[str, Any]] = {}
    boot = np.zeros((len(order), draws))
    for k, category in enumerate(order):
        ids = [i for i in shared if va[i][0] == category]
        right_a = np.array([va[i][1] for i in ids], dtype=float)
        right_b = np.array([vb[i][1] for i in ids], dtype=float)
        picks = rng.integers(0, len(ids), size=(draws, len(ids)))
        boot[k] = (right_b[picks] - right_a[picks]).mean(axis=1)
        rows[category] = row(right_a.mean(), right_b.mean(), boot[k], len(ids),
                             int(((right_a == 1) & (right_b == 0)).sum()),
                             int(((right_a == 0) & (right_b == 1)).sum()))
    means = {key: float(np.mean([rows[c][key] for c in order])) for key in ("a", "b")}
    overall = row(means["a"], means["b"], boot.mean(axis=0), len(shared),
                  sum(r["a_only_right"] for r in rows.values()),
                  sum(r["b_only_right"] for r in rows.values()))
    return {"categories": rows, "overall": overall, "entries": len(shared),
            "only_a": sorted(va.keys() - vb.keys()), "only_b": sorted(vb.keys() - va.keys()),
            "draws": draws, "level": LEVEL}


def row(acc_a: float, acc_b: float, boot: np.ndarray, n: int, a_only: int, b_only: int) -> dict[str, Any]:
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(boot, [tail, 1 - tail])
    return {"a": float(acc_a), "b": float(acc_b), "diff": float(acc_b - acc_a),
            "low": float(low), "high": float(high), "n": n,
            "a_only_right": a_only, "b_only_right": b_only}


def reading(r: dict[str, Any]) -> str:
    """Whether the interval excludes 0, in words."""
    if r["a_only_right"] == r["b_only_right"] == 0:
        return "same verdicts"
    if r["low"] > 0:
        return "B better"
    if r["high"] < 0:
        return "A better"
    return "not separable"


def format_comparison(comparison: dict[str, Any], name_a: str, name_b: str) -> str:
    """The comparison as a small text table (points, not fractions)."""
    lines = [f"A = {name_a}", f"B = {name_b}",
             f"{'category':<20}{'n':>5}{'A %':>8}{'B %':>8}{'B−A':>8}   95% interval   "
             f"{'A only':>6}{'B only':>7}  reading"]
    for name, r in [*comparison["categories"].items(), ("overall", comparison["overall"])]:
        lines.append(f"{name:<20}{r['n']:>5}{100 * r['a']:>8.1f}{100 * r['b']:>8.1f}"
                     f"{100 * r['diff']:>+8.1f}   [{100 * r['low']:+5.1f}, {100 * r['high']:+5.1f}]"
                     f"{r['a_only_right']:>7}{r['b_only_right']:>7}  {reading(r)}")
    lines.append(f"paired stratified bootstrap over the {comparison['entries']} shared entries "
                 f"({comparison['draws']} draws); it covers the choice of test entries, not "
                 "training noise (another seed)")
    for side, name in (("only_a", name_a), ("only_b", name_b)):
        if comparison[side]:
            lines.append(f"{len(comparison[side])} entries scored only in {name} were left out")
    return "\n".join(lines)
