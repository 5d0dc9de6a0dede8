"""The fused ranking: lexical evidence, closeness in meaning, and the question bank.

fused = log(lexical / best lexical + floor) + semantic_weight * cosine
        + bank_weight * max(0, bank cosine - bank_floor)

Multiplying the lexical score by exp(weight * cosine) keeps what word matching does well
(rare policy words, exact phrases) and lets meaning reorder close calls; the bank lets a
question worded nothing like its clause ("can I mine bitcoin…" is not; "my pc's acting
weird" is) reach it through a question that was written for it. The weights were chosen
on tuning sets (docs/experiments/semantic-layer.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from knowledge.analyzer import Query
from knowledge.config import DEFAULT, RankingConfig
from knowledge.index import CouncilIndex
from knowledge.lexical import Looks, Scored, rescore, unit_weights
from knowledge.semantic.space import Reading


@dataclass(frozen=True, slots=True)
class Candidate:
    """A clause with every kind of evidence that it answers the question."""

    scored: Scored
    cosine: float = 0.0
    bank: float = 0.0
    fused: float = 0.0


def _top(values: NDArray[np.floating], k: int) -> list[int]:
    return [int(i) for i in np.argsort(-values, kind="stable")[:k] if values[i] > 0]


def fuse(
    index: CouncilIndex, query: Query, reading: Reading, config: RankingConfig = DEFAULT
) -> list[Candidate]:
    """Candidates from words, meaning and the bank, best first."""
    empty = np.zeros(len(index.clauses))
    scores = index.scores(query) if query.units else empty
    pool = set(_top(scores, config.candidates))
    pool.update(_top(reading.cosine, config.semantic_candidates))
    pool.update(_top(reading.bank, config.bank_candidates))
    looks = Looks.of(query)
    weights = unit_weights(query, index, config)
    scored = [
        rescore(index, query, i, float(scores[i]), looks, config, weights) for i in sorted(pool)
    ]
    # In a policy of a few clauses BM25 can score below zero (a word in most of them): the
    # lexical share is read as none rather than negative, whose log is undefined.
    best = max((s.final for s in scored), default=0.0)
    best = best if best > 0 else 1.0
    out = [_candidate(s, best, reading, config) for s in scored]
    out.sort(key=lambda c: (-c.fused, c.scored.position))
    return out


def _candidate(scored: Scored, best: float, reading: Reading, config: RankingConfig) -> Candidate:
    cosine = float(reading.cosine[scored.position])
    bank = float(reading.bank[scored.position])
    fused = (
        math.log(max(scored.final, 0.0) / best + config.lexical_floor)
        + config.semantic_weight * cosine
        + config.bank_weight * max(0.0, bank - config.bank_floor)
    )
    return Candidate(scored, cosine, bank, fused)
