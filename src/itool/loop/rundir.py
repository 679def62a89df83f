"""The run directory and its manifest: which stages ran, on what, producing what.

A stage is recorded in ``manifest.json`` with the hashes of its inputs (files or
directories), of its settings (the config it ran with), and of its outputs, plus its
summary and timing. With ``--resume``, a stage whose record says done, whose inputs
and settings are the same as now, and whose outputs are still there unchanged, is
skipped and its recorded summary returned; anything else runs again. Inputs are
compared by content, not by where they are, so a run directory copied elsewhere with
the models it was given (the outcome runner's out-dir, say) resumes as it was. Because each
stage writes its outputs before it is recorded, a run killed at any moment (even with
``kill -9``) resumes at the stage it was in, and within it from the progress the stage
saved (the search's finished groups, the latest training checkpoint) if it is resumed
on the same inputs and settings.

Processes may share a run directory when they run different stages (the outcome
runner's evaluation of two arms at once): each save merges, under a file lock, the
stage records this process wrote into the manifest on disk, so that neither
overwrites the other's.

Settings are compared by hash and, since the record also keeps them, by value: an
option that a newer itool added to a config section is no change as long as it is
at its default, so upgrading itool does not make every finished stage of a run
directory stale; and a bookkeeping option (how often to log or to checkpoint) is no
change at all, so a run can be given checkpoints before it is resumed. Records
written before the values were kept have only the hash; the first resume whose
settings hash the same fills the values in.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import platform
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itool import __version__
from itool.config import dump_config, to_dict
from itool.errors import UserError
from itool.loop.files import path_hash, read_json, write_bytes_atomic, write_json

MANIFEST = "manifest.json"
CONFIG = "config.yaml"


def settings_hash(settings: Any) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def settings_data(settings: Any) -> Any:
    """The settings as the plain JSON data their hash is taken of."""
    return json.loads(json.dumps(settings, sort_keys=True, default=str))


@dataclasses.dataclass(frozen=True)
class Section:
    """What resuming needs to know of one config section: its defaults, and its
    bookkeeping options (see :func:`itool.config.option`)."""

    defaults: dict[str, Any]
    bookkeeping: frozenset[str]


def config_sections(config: Any) -> dict[frozenset, Section]:
    """Every section of ``config``'s class, keyed by its option names: how a section
    in a stage's settings finds its defaults and bookkeeping options. Empty when the
    class has no all-default constructor."""
    try:
        root = type(config)()
    except TypeError:
        return {}
    sections: dict[frozenset, Section] = {}

    def walk(node: Any) -> None:
        if not dataclasses.is_dataclass(node):
            return
        fields = dataclasses.fields(node)
        sections.setdefault(frozenset(f.name for f in fields), Section(
            settings_data(to_dict(node)),
            frozenset(f.name for f in fields if f.metadata.get("bookkeeping"))))
        for f in fields:
            walk(getattr(node, f.name))

    walk(root)
    return sections


def same_settings(recorded: Any, current: Any, sections: dict[frozenset, Section]) -> bool:
    """Whether ``current`` settings ask for what ``recorded`` ones did. A section may
    have gained options since, each at its default, and its bookkeeping options may
    differ; every other difference counts (an option gone, a value changed)."""
    if isinstance(recorded, dict) and isinstance(current, dict):
        section = sections.get(frozenset(current), Section({}, frozenset()))
        ignored = section.bookkeeping
        added = current.keys() - recorded.keys() - ignored
        if recorded.keys() - current.keys() - ignored:
            return False
        if any(key not in section.defaults or section.defaults[key] != current[key]
               for key in added):
            return False
        return all(same_settings(recorded[key], current[key], sections)
                   for key in recorded.keys() - ignored)
    if isinstance(recorded, list) and isinstance(current, list):
        return len(recorded) == len(current) and all(
            same_settings(a, b, sections) for a, b in zip(recorded, current, strict=True))
    return recorded == current


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "itool": __version__}
    for name in ("torch", "transformers", "trl", "peft", "datasets", "sentence-transformers"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class RunDir:
    """A run directory: ``config.yaml`` (resolved config), ``manifest.json``, and the
    stages' files. ``log`` receives one status line per stage."""

    def __init__(self, path: str | Path, config: Any, resume: bool = False,
                 log: Callable[[str], None] = print):
        self.path = Path(path)
        self.log = log
        manifest = self.path / MANIFEST
        if manifest.is_file() and not resume:
            raise UserError(
                f"{self.path} already holds a run; add --resume to continue it, or choose "
                "another --run-dir")
        self.manifest: dict[str, Any] = read_json(manifest) if manifest.is_file() else {}
        self.manifest.setdefault("created", _now())
        self.manifest.setdefault("stages", {})
        self.manifest.update({
            "itool_version": __version__,
            "versions": library_versions(),
            "command": sys.argv,
            "seed": getattr(config, "seed", None),
            "status": "running",
        })
        self.path.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.path / CONFIG, dump_config(config).encode())
        self.config_dict = to_dict(config)
        self.sections = config_sections(config)
        self._hashes: dict[tuple, str] = {}
        self._written: set[str] = set()  # stage records this process wrote
        self._visited: set[str] = set()  # stages this process ran or skipped
        self._dropped: set[str] = set()  # stage records close() found stale
        self._save()

    def __truediv__(self, name: str) -> Path:
        return self.path / name

    def _save(self) -> None:
        """Write the manifest, keeping the stage records other processes wrote since
        (see module docs)."""
        manifest = self.path / MANIFEST
        with open(self.path / f".{MANIFEST}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if manifest.is_file():
                stages = read_json(manifest).get("stages", {})
                stages.update({name: self.manifest["stages"][name] for name in self._written})
                for name in self._dropped:
                    stages.pop(name, None)
                self.manifest["stages"] = stages
            write_json(manifest, self.manifest)

    def _record(self, name: str, record: dict[str, Any]) -> None:
        self.manifest["stages"][name] = record
        self._written.add(name)
        self._save()

    def _hash(self, path: Path) -> str:
        """Hash of a file or directory, remembered while its files' sizes and
        modification times stay the same (model directories are large)."""
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        key = (str(path), tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns)
                                for f in files if f.is_file()))
        if key not in self._hashes:
            self._hashes[key] = path_hash(path)
        return self._hashes[key]

    def relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.path.resolve()))
        except ValueError:
            return str(path)

    def location(self, path: Path) -> str:
        """Where ``path`` is, as the manifest records a model: relative to the run
        directory when inside it, else absolute, so that it can be found from any
        working directory (a ``warmup_model`` given relative to the caller's)."""
        resolved = path.resolve()
        return self.relative(resolved) if resolved.is_relative_to(self.path.resolve()) else str(resolved)

    def _hashes_of(self, paths: list[Path]) -> dict[str, str]:
        return {self.relative(p): self._hash(p) for p in paths}

    def finished(self, name: str, inputs: list[Path], settings: Any,
                 outputs: list[Path]) -> dict[str, Any] | None:
        """The record of ``name`` if it can be skipped (see module docs)."""
        record = self.manifest["stages"].get(name)
        if not record or record.get("state") != "done":
            return None
        if not self._same_settings(record, settings):
            return None
        if not all(p.exists() for p in [*inputs, *outputs]):
            return None
        if list((record.get("inputs") or {}).values()) != list(self._hashes_of(inputs).values()):
            return None  # by content, in order: a copied or moved input is the same input
        if record.get("outputs") != self._hashes_of(outputs):
            return None
        if "settings_values" not in record:
            self._record(name, {**record, "settings_values": settings_data(settings)})
        return record

    def _same_settings(self, record: dict[str, Any], settings: Any) -> bool:
        if record.get("settings") == settings_hash(settings):
            return True
        return "settings_values" in record and same_settings(
            record["settings_values"], settings_data(settings), self.sections)

    def stage(self, name: str, work: Callable[[], dict[str, Any]], inputs: list[Path],
              settings: Any, outputs: list[Path], scratch: list[Path] = ()) -> dict[str, Any]:
        """Run ``work`` (which writes ``outputs`` and returns a summary) unless a
        finished record says it already ran on the same inputs; return the summary.

        ``scratch`` are the files or directories where ``work`` keeps its partial
        progress (search parts, training checkpoints) and continues from them. They
        are kept only for the attempt that left them: when the stage was interrupted
        while running on the same inputs and settings. Otherwise they are removed
        first, so that a search on a new model never reuses trees of the old one."""
        self._visited.add(name)
        record = self.finished(name, inputs, settings, outputs)
        if record is not None:
            self.log(f"[{name}] done before, skipped ({record['seconds']:.0f} s then)")
            return record["summary"]
        # Inputs that are missing are the work's to report (it names the user's file).
        present = [p for p in inputs if p.exists()]
        attempt = {"inputs": self._hashes_of(present), "settings": settings_hash(settings)}
        self._clear_stale(name, attempt, scratch)
        self.log(f"[{name}] running")
        started = time.perf_counter()
        self._record(name, {"state": "running", "started": _now(), **attempt})
        summary = work()
        seconds = time.perf_counter() - started
        self._record(name, {
            "state": "done",
            "started": self.manifest["stages"][name]["started"],
            "seconds": round(seconds, 2),
            "inputs": self._hashes_of(inputs),
            "settings": settings_hash(settings),
            "settings_values": settings_data(settings),
            "outputs": self._hashes_of(outputs),
            "summary": summary,
        })
        self.log(f"[{name}] done in {seconds:.0f} s: {_headline(summary)}")
        return summary

    def _clear_stale(self, name: str, attempt: dict[str, Any], scratch: list[Path]) -> None:
        """Remove ``scratch`` unless the stage's last attempt, interrupted, ran on
        the same inputs and settings as ``attempt`` (see :meth:`stage`)."""
        before = self.manifest["stages"].get(name, {})
        if before.get("state") == "running" and all(
                before.get(key) == value for key, value in attempt.items()):
            kept = [self.relative(p) for p in scratch if p.exists()]
            if kept:
                self.log(f"[{name}] continuing the interrupted attempt from {', '.join(kept)}")
            return
        for path in scratch:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            else:
                continue
            self.log(f"[{name}] removed {self.relative(path)}: left by an attempt on other "
                     "inputs or settings")

    def close(self, stop_reason: str, final_model: str | None) -> None:
        """Mark the run finished, and drop the records of stages it never reached
        whose outputs are all gone: a run directory copied with the manifest of a
        run that had more rounds (the outcome trials reuse a run's data and warmup
        that way) would otherwise count those rounds' tokens and seconds as its own."""
        stale = sorted(name for name, record in self.manifest["stages"].items()
                       if name not in self._visited and record.get("outputs")
                       and not any((self.path / out).exists() for out in record["outputs"]))
        if stale:
            self.log(f"dropped the records of {', '.join(stale)}: this run did not reach "
                     "them and their outputs are not in its directory")
        for name in stale:
            del self.manifest["stages"][name]
        self._dropped.update(stale)
        self.manifest.update({"status": "finished", "finished": _now(),
                              "stop_reason": stop_reason, "final_model": final_model})
        self._save()


def _headline(summary: dict[str, Any]) -> str:
    """The few numbers of a summary worth a status line."""
    parts = []
    for key, value in summary.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            continue
        parts.append(f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}")
    return ", ".join(parts[:6])
