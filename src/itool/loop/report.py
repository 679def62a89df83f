"""The report of a run: ``report/report.md``, a self-contained ``report/report.html``
(plots embedded), and the plots as PNG files.

Everything is read back from the run directory (manifest, evaluations, pairs, trees,
training figures), so ``itool report RUN_DIR`` can rebuild it at any time, also for a
run that is still going or was interrupted.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import Any

from itool.errors import UserError
from itool.loop.files import read_json, read_jsonl, write_bytes_atomic
from itool.loop.rundir import MANIFEST
from itool.records import DIMENSIONS, GRADES

GRADE_COLOURS = {"excellent": "#2e7d32", "acceptable": "#9ccc65", "fair": "#ffb300",
                 "poor": "#c62828"}


def _rounds(run: Path) -> list[str]:
    """``warmup`` then ``round_1``, ``round_2``, ... (those that exist)."""
    names = sorted((p.name for p in run.glob("round_*") if p.is_dir()),
                   key=lambda n: int(n.split("_")[1]))
    return [n for n in ["warmup", *names] if (run / n).is_dir()]


def collect(run: Path) -> dict[str, Any]:
    """What the report shows, gathered from the run directory."""
    if not (run / MANIFEST).is_file():
        raise UserError(f"{run} is not an itool run directory (no {MANIFEST})")
    manifest = read_json(run / MANIFEST)
    stages = manifest.get("stages", {})
    rows = []
    for name in _rounds(run):
        evaluated = run / name / "eval.json"
        summary = read_json(evaluated)["summary"] if evaluated.is_file() else None
        search = stages.get(f"{name}/search", {}).get("summary", {})
        select = stages.get(f"{name}/select", {}).get("summary", {})
        training = stages.get(f"{name}/optimize" if name != "warmup" else "warmup", {})
        rows.append({
            "name": name,
            "dev": summary,
            "selected": select.get("selected"),
            "pairs": search.get("pairs"),
            "search": search,
            "training": training.get("summary", {}),
            "pair_grades": _pair_grades(run / name / "pairs.jsonl"),
        })
    bfcl = {}
    for key, file in (("final", "bfcl.json"), ("warmup", "bfcl_warmup.json")):
        if (run / "report" / file).is_file():
            bfcl[key] = read_json(run / "report" / file)["summary"]
    times = [(name, rec.get("seconds")) for name, rec in stages.items()
             if rec.get("state") == "done"]
    return {"manifest": manifest, "rounds": rows, "bfcl": bfcl, "times": times}


def _pair_grades(path: Path) -> dict[str, int]:
    if not path.is_file():
        return {}
    counts: dict[str, int] = {}
    for pair in read_jsonl(path):
        key = f"{pair.get('chosen_grade')} > {pair.get('rejected_grade')}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def plots(data: dict[str, Any], out_dir: Path) -> list[Path]:
    """The report's figures as PNG files in ``out_dir``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in data["rounds"] if r["dev"]]
    names = [r["name"] for r in rows]
    written = []

    def save(fig, name: str) -> None:
        fig.tight_layout()
        path = out_dir / f"{name}.png"
        out_dir.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)

    if rows:
        fig, ax = plt.subplots(figsize=(6, 3.2))
        ax.plot(names, [r["dev"]["mean_q"] for r in rows], marker="o")
        ax.set_ylabel("mean reward q (dev)")
        ax.set_title("Dev reward per round")
        ax.grid(alpha=0.3)
        save(fig, "dev_reward")

        fig, ax = plt.subplots(figsize=(6, 3.2))
        bottom = [0.0] * len(rows)
        for grade in GRADES:
            share = [r["dev"]["grades"].get(grade, 0.0) for r in rows]
            ax.bar(names, share, bottom=bottom, label=grade, color=GRADE_COLOURS[grade])
            bottom = [b + s for b, s in zip(bottom, share, strict=True)]
        ax.set_ylabel("share of dev answers")
        ax.set_title("Grade distribution per round")
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1, 0.5))
        save(fig, "grades")

        fig, ax = plt.subplots(figsize=(6, 3.2))
        width = 0.8 / len(DIMENSIONS)
        for j, dim in enumerate(DIMENSIONS):
            xs = [i + (j - len(DIMENSIONS) / 2) * width + width / 2 for i in range(len(rows))]
            ax.bar(xs, [r["dev"]["dimensions"].get(dim, 0.0) for r in rows], width, label=dim)
        ax.set_xticks(range(len(rows)), names)
        ax.set_ylim(0, 1)
        ax.set_ylabel("rate right (semantic: mean)")
        ax.set_title("Five-dimension profile per round")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
        save(fig, "dimensions")

        searched = [r for r in data["rounds"] if r["pairs"] is not None]
        if searched:
            fig, ax = plt.subplots(figsize=(6, 3.2))
            ax.bar([r["name"] for r in searched], [r["pairs"] for r in searched])
            ax.set_ylabel("preference pairs")
            ax.set_title("Pairs per round")
            save(fig, "pairs")

        trained = [r for r in data["rounds"] if r["training"].get("first_loss") is not None]
        if trained:
            fig, ax = plt.subplots(figsize=(6, 3.2))
            for r in trained:
                losses = r["training"].get("losses") or [r["training"]["first_loss"],
                                                         r["training"]["final_loss"]]
                ax.plot(range(len(losses)), losses, marker=".", label=r["name"])
            ax.set_xlabel("logged step")
            ax.set_ylabel("training loss")
            ax.set_title("Training losses")
            ax.legend(fontsize=8)
            save(fig, "losses")

    if data["times"]:
        fig, ax = plt.subplots(figsize=(6, 0.35 * len(data["times"]) + 1))
        ax.barh([n for n, _ in data["times"]][::-1], [s or 0 for _, s in data["times"]][::-1])
        ax.set_xlabel("seconds")
        ax.set_title("Time per stage")
        save(fig, "time")
    return written


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(data: dict[str, Any], images: list[Path]) -> str:
    manifest = data["manifest"]
    lines = [
        "# itool run report",
        "",
        f"- status: **{manifest.get('status')}**"
        + (f", stopped because: {manifest['stop_reason']}" if manifest.get("stop_reason") else ""),
        f"- final model: `{manifest.get('final_model', '–')}`",
        f"- seed: {manifest.get('seed')}; itool {manifest.get('itool_version')}; "
        + ", ".join(f"{k} {v}" for k, v in manifest.get("versions", {}).items()
                    if k != "itool"),
        "",
        "## Rounds",
        "",
        "| round | selected | pairs | tree nodes | tokens/s (search) | dev mean q | calls q | text q |"
        " excellent | poor |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["rounds"]:
        dev = row["dev"] or {"mean_q": None, "grades": {}}
        kinds = dev.get("kinds", {})
        search = row["search"]
        lines.append(
            f"| {row['name']} | {_fmt(row['selected'])} | {_fmt(row['pairs'])} | "
            f"{_fmt(search.get('nodes'))} | {_fmt(search.get('generated_tokens_per_second'), 1)} | "
            f"{_fmt(dev['mean_q'])} | {_fmt(kinds.get('call'))} | {_fmt(kinds.get('text'))} | "
            f"{_fmt(dev['grades'].get('excellent'), 2)} | "
            f"{_fmt(dev['grades'].get('poor'), 2)} |")
    lines += ["", "## Five dimensions on dev (rate right; semantic: mean similarity)", "",
              "| round | " + " | ".join(DIMENSIONS) + " |",
              "|---|" + "---|" * len(DIMENSIONS)]
    for row in (r for r in data["rounds"] if r["dev"]):
        dims = row["dev"]["dimensions"]
        lines.append(f"| {row['name']} | "
                     + " | ".join(_fmt(dims.get(d), 2) for d in DIMENSIONS) + " |")
    pair_rows = [r for r in data["rounds"] if r["pair_grades"]]
    if pair_rows:
        lines += ["", "## Pairs by grade (chosen > rejected)", ""]
        for row in pair_rows:
            shown = ", ".join(f"{k}: {v}" for k, v in sorted(row["pair_grades"].items()))
            lines.append(f"- {row['name']}: {shown}")
    trained = [r for r in data["rounds"] if r["training"]]
    if trained:
        lines += ["", "## Training", "", "| stage | steps | tokens | first loss | final loss |"
                  " seconds |", "|---|---|---|---|---|---|"]
        for row in trained:
            t = row["training"]
            lines.append(f"| {row['name']} | {_fmt(t.get('optimizer_steps'))} | "
                         f"{_fmt(t.get('tokens'))} | {_fmt(t.get('first_loss'))} | "
                         f"{_fmt(t.get('final_loss'))} | {_fmt(t.get('wall_seconds'), 0)} |")
    for key, title in (("final", "final model"), ("warmup", "warmup model")):
        summary = data["bfcl"].get(key)
        if not summary:
            continue
        categories = [c for c, v in summary.items() if isinstance(v, dict) and "total" in v]
        lines += ["", f"## BFCL ({title})", "", "| category | accuracy | correct | total |",
                  "|---|---|---|---|"]
        for category in categories:
            v = summary[category]
            lines.append(f"| {category} | {_fmt(v.get('accuracy'))} | {v.get('correct')} | "
                         f"{v.get('total')} |")
        fragments = {c: v for c, v in (summary.get("fragments") or {}).items()
                     if isinstance(v, dict) and "failure_rate" in v}
        if fragments:
            dims = [d for d in DIMENSIONS if d != "semantic"]
            lines += ["", "Fragment deficiency profile (share of graded answers failing each "
                      "dimension):", "",
                      "| category | graded | " + " | ".join(dims) + " | mean semantic | weakest |",
                      "|---|---|" + "---|" * len(dims) + "---|---|"]
            for category, v in fragments.items():
                rates = " | ".join(_fmt(v["failure_rate"].get(d), 2) for d in dims)
                lines.append(f"| {category} | {v.get('graded')} | {rates} | "
                             f"{_fmt(v.get('mean_semantic'), 2)} | {v.get('weakest') or '–'} |")
    lines += ["", "## Time per stage", "", "| stage | seconds |", "|---|---|"]
    lines += [f"| {name} | {_fmt(seconds, 1)} |" for name, seconds in data["times"]]
    total = sum(s or 0 for _, s in data["times"])
    lines += [f"| **total** | {total:.1f} |", ""]
    lines += [f"![{p.stem}]({p.name})" for p in images]
    return "\n".join(lines) + "\n"


def to_html(text: str, images: list[Path]) -> str:
    """A small Markdown subset (headings, lists, tables, code, images) as one
    self-contained page, the images inlined."""
    inline = {p.name: base64.b64encode(p.read_bytes()).decode() for p in images}
    out, in_table, in_code, in_list = [], False, False, False
    for line in text.splitlines():
        if line.startswith("```"):
            out.append("</pre>" if in_code else "<pre>")
            in_code = not in_code
            continue
        if in_code:
            out.append(html.escape(line))
            continue
        if in_table and not line.startswith("|"):
            out.append("</table>")
            in_table = False
        if in_list and not line.startswith("- "):
            out.append("</ul>")
            in_list = False
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-+", c) for c in cells):
                continue
            tag = "th" if not in_table else "td"
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>")
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(line[2:])}</li>")
        elif match := re.fullmatch(r"!\[(.*)\]\((.*)\)", line):
            alt, name = match.groups()
            out.append(f'<p><img alt="{html.escape(alt)}" '
                       f'src="data:image/png;base64,{inline.get(name, "")}"></p>')
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    if in_table:
        out.append("</table>")
    if in_list:
        out.append("</ul>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
             "padding:.25em .6em;text-align:right}th{background:#f3f3f3}"
             "pre{background:#f6f6f6;padding:1em;overflow:auto}img{max-width:100%}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>itool run report</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(out) + "\n</body></html>\n")


def _inline(text: str) -> str:
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def write_report(run_dir: str | Path) -> Path:
    """Write ``report/report.md``, ``report/report.html`` and the plots; return the
    Markdown file's path."""
    run = Path(run_dir)
    data = collect(run)
    out = run / "report"
    images = plots(data, out)
    text = markdown(data, images)
    write_bytes_atomic(out / "report.md", text.encode())
    write_bytes_atomic(out / "report.html", to_html(text, images).encode())
    return out / "report.md"
