"""Which of a few kinds a message is, by the labelled examples nearest it in meaning: a
small nearest-neighbours reader over the bundled model, knowing nothing of what the
labels mean (the router gives it the workflows' examples)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.semantic.encoder import Encoder

#: How many nearest examples vote.
NEIGHBOURS = 5


@dataclass(frozen=True, slots=True)
class Reading:
    label: str
    #: Share of the nearest examples that carry the label.
    share: float
    #: Cosine of the nearest example with the label.
    nearest: float


class ExampleReader:
    def __init__(
        self, encoder: Encoder, examples: Sequence[tuple[str, str]], asker: Encoder | None = None
    ) -> None:
        # As in Semantics: the examples through the (cached) encoder, each message through
        # the plain one, so messages never grow the vector cache.
        self._encoder = asker or encoder
        self._labels = [label for label, _ in examples]
        texts = [text for _, text in examples]
        self._vectors = encoder.encode(texts) if texts else np.zeros((0, 0), dtype=np.float32)

    def read(self, text: str) -> Reading | None:
        if not self._labels:
            return None
        closeness = self._vectors @ self._encoder.encode([text])[0]
        k = min(NEIGHBOURS, len(self._labels))
        nearest = np.argsort(-closeness, kind="stable")[:k]
        votes = Counter(self._labels[i] for i in nearest)
        label, count = votes.most_common(1)[0]
        best = max(float(closeness[i]) for i in nearest if self._labels[i] == label)
        return Reading(label, count / k, best)
