"""Sentence vectors kept on disk, keyed by model and text hash.

Encoding the bundled clauses and question bank takes tens of seconds on a small machine;
reading them back takes milliseconds. One file per model: a changed text gets a new key,
and a changed model a new file, so a stale vector is never used. The file is replaced
atomically, so replicas sharing a folder each see a whole file (the last writer's).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge.semantic.encoder import DIMENSIONS, Encoder, Vectors

log = logging.getLogger(__name__)


def default_folder() -> Path:
    """`CLERKBOT_CACHE_DIR`, else the user's cache folder."""
    if env := os.environ.get("CLERKBOT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "clerkbot"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class CachedEncoder:
    """An Encoder that encodes each distinct text once, ever, for a given model."""

    def __init__(self, encoder: Encoder, folder: Path | None) -> None:
        self.encoder = encoder
        self.model_id = encoder.model_id
        self._path = folder / f"vectors-{encoder.model_id}.npz" if folder else None
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._read()

    def encode(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if _key(t) not in self._rows))
        if missing:
            self._add(missing, self.encoder.encode(missing))
        return self._vectors[[self._rows[_key(t)] for t in texts]]

    def _add(self, texts: list[str], vectors: Vectors) -> None:
        start = len(self._vectors)
        self._vectors = np.vstack([self._vectors, vectors.astype(np.float32)])
        self._rows.update((_key(t), start + k) for k, t in enumerate(texts))
        self._write()

    def _read(self) -> None:
        if self._path is None or not self._path.exists():
            return
        try:
            with np.load(self._path, allow_pickle=False) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
        except (OSError, ValueError, KeyError) as err:
            log.warning("ignoring unreadable vector cache %s (%s)", self._path, err)
            return
        if vectors.shape[1:] != (DIMENSIONS,) or len(keys) != len(vectors):
            log.warning("ignoring vector cache %s: wrong shape", self._path)
            return
        self._vectors = vectors.astype(np.float32)
        self._rows = {str(k): i for i, k in enumerate(keys)}

    def _write(self) -> None:
        if self._path is None:
            return
        keys = np.array(sorted(self._rows, key=self._rows.__getitem__))
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._path.parent, suffix=".npz")
            with os.fdopen(fd, "wb") as out:
                np.savez(out, keys=keys, vectors=self._vectors)
            Path(tmp).replace(self._path)
        except OSError as err:  # a read-only disk costs speed, never an answer
            log.warning("could not save the vector cache to %s (%s)", self._path, err)
