"""The run directory and its manifest: which stages ran, on what, producing what.

A stage is recorded in ``manifest.json`` with the hashes of its inputs (files or
directories), of its settings (the config it ran with), and of its outputs, plus its
summary and timing. With ``--resume``, a stage whose record says done, whose inputs
and settings hash the same as now, and whose outputs are still there unchanged, is
skipped and its recorded summary returned; anything else runs again. Because each
stage writes its outputs before it is recorded, a run killed at any moment (even with
``kill -9``) resumes at the stage it was in.
"""

from __future__ import annotations

import hashlib
import json
import platform
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
        self._hashes: dict[tuple, str] = {}
        self._save()

    def __truediv__(self, name: str) -> Path:
        return self.path / name

    def _save(self) -> None:
        write_json(self.path / MANIFEST, self.manifest)

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
        if record.get("settings") != settings_hash(settings):
            return None
        if not all(p.exists() for p in [*inputs, *outputs]):
            return None
        if record.get("inputs") != self._hashes_of(inputs):
            return None
        if record.get("outputs") != self._hashes_of(outputs):
            return None
        return record

    def stage(self, name: str, work: Callable[[], dict[str, Any]], inputs: list[Path],
              settings: Any, outputs: list[Path]) -> dict[str, Any]:
        """Run ``work`` (which writes ``outputs`` and returns a summary) unless a
        finished record says it already ran on the same inputs; return the summary."""
        record = self.finished(name, inputs, settings, outputs)
        if record is not None:
            self.log(f"[{name}] done before, skipped ({record['seconds']:.0f} s then)")
            return record["summary"]
        self.log(f"[{name}] running")
        started = time.perf_counter()
        self.manifest["stages"][name] = {"state": "running", "started": _now()}
        self._save()
        summary = work()
        seconds = time.perf_counter() - started
        self.manifest["stages"][name] = {
            "state": "done",
            "started": self.manifest["stages"][name]["started"],
            "seconds": round(seconds, 2),
            "inputs": self._hashes_of(inputs),
            "settings": settings_hash(settings),
            "outputs": self._hashes_of(outputs),
            "summary": summary,
        }
        self._save()
        self.log(f"[{name}] done in {seconds:.0f} s: {_headline(summary)}")
        return summary

    def close(self, stop_reason: str, final_model: str | None) -> None:
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
