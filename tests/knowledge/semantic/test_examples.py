"""The nearest labelled examples vote on what a message is."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.semantic.encoder import Vectors
from knowledge.semantic.examples import ExampleReader


class Words:
    """A toy encoder: one dimension per word of a tiny vocabulary, normalised."""

    VOCABULARY = ("virus", "slow", "install", "software", "policy", "allowed")

    def encode(self, texts: Sequence[str]) -> Vectors:
        rows = np.array(
            [[float(w in t.split()) for w in self.VOCABULARY] for t in texts], dtype=np.float32
        )
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


EXAMPLES = [
    ("virus", "virus slow"),
    ("virus", "slow"),
    ("virus", "virus"),
    ("software", "install software"),
    ("software", "install"),
    ("question", "policy allowed"),
]


def test_the_label_most_nearest_examples_carry_wins() -> None:
    reading = ExampleReader(Words(), EXAMPLES).read("my pc is slow with a virus")
    assert reading is not None and reading.label == "virus"
    assert reading.share == 3 / 5 and round(reading.nearest, 3) == 1.0


def test_no_examples_reads_nothing() -> None:
    assert ExampleReader(Words(), []).read("anything") is None
