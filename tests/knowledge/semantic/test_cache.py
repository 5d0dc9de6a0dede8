"""Vectors are encoded once per text and model, and survive a restart."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from knowledge.semantic.cache import CachedEncoder, default_folder
from knowledge.semantic.encoder import DIMENSIONS, Vectors


class Counting:
    """A stand-in encoder that counts what it is asked to encode."""

    def __init__(self, model_id: str = "test-model") -> None:
        self.model_id = model_id
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.seen += texts
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, len(text) % DIMENSIONS] = 1.0
        return out


def test_each_text_is_encoded_once_and_kept_across_restarts(tmp_path: Path) -> None:
    first = Counting()
    cached = CachedEncoder(first, tmp_path)
    vectors = cached.encode(["a", "bb", "a"])
    assert first.seen == ["a", "bb"]
    assert np.array_equal(vectors[0], vectors[2])
    again = Counting()
    restarted = CachedEncoder(again, tmp_path)
    assert np.array_equal(restarted.encode(["bb", "a"]), vectors[[1, 0]])
    assert again.seen == []
    restarted.encode(["ccc"])
    assert again.seen == ["ccc"]


def test_another_model_never_reads_these_vectors(tmp_path: Path) -> None:
    CachedEncoder(Counting("one"), tmp_path).encode(["a"])
    other = Counting("two")
    CachedEncoder(other, tmp_path).encode(["a"])
    assert other.seen == ["a"]


def test_a_damaged_cache_file_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "vectors-test-model.npz").write_bytes(b"not a numpy file")
    counting = Counting()
    assert CachedEncoder(counting, tmp_path).encode(["a"]).shape == (1, DIMENSIONS)
    assert counting.seen == ["a"]
    assert "unreadable vector cache" in caplog.text


def test_an_unwritable_folder_costs_speed_not_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert CachedEncoder(Counting(), blocked / "sub").encode(["a"]).shape == (1, DIMENSIONS)
    assert "could not save" in caplog.text


def test_the_folder_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLERKBOT_CACHE_DIR", str(tmp_path))
    assert default_folder() == tmp_path
    monkeypatch.delenv("CLERKBOT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "clerkbot"


def test_a_question_is_encoded_afresh_and_never_written_to_the_cache(tmp_path: Path) -> None:
    from knowledge.bank import Bank
    from knowledge.semantic.space import Semantics

    stored = Counting()
    cached = CachedEncoder(stored, tmp_path)
    asker = Counting()
    semantics = Semantics(cached, Bank(), asker=asker)
    written = list(tmp_path.iterdir())
    for n in range(3):
        semantics.sense(f"question number {n}?")
    assert asker.seen == [f"question number {n}?" for n in range(3)]
    assert stored.seen == []
    assert list(tmp_path.iterdir()) == written
