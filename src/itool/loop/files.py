"""Reading and writing run-directory files safely.

Every write goes to a temporary file beside its target and is renamed over it, so an
interrupted run (even ``kill -9``) leaves either the old file or the new one, never
half of one. Hashes identify what a stage read and wrote, for ``--resume``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, data: Any) -> None:
    write_bytes_atomic(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def read_json(path: str | Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_jsonl(path: str | Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line; gzip-compressed when ``path`` ends in ``.gz``
    (with a fixed timestamp, so equal content gives equal bytes and hashes)."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if str(path).endswith(".gz"):
        text = gzip.compress(text, mtime=0)
    write_bytes_atomic(path, text)


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    data = Path(path).read_bytes()
    if str(path).endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def path_hash(path: str | Path) -> str:
    """sha256 of a file, or of a directory's files (names and contents, in order)."""
    path = Path(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()
