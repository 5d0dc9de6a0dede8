"""What the model reads in a question: how close it is in meaning to each clause of the
asker's council, to the bank's questions for those clauses, and to questions no policy
answers.

Clause vectors are worked out once per council (and kept on disk by the encoder's cache);
each bank question is linked to the clause of this council nearest its own clause, and
speaks for it only if the two clauses are near-identical (or the same clause).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from knowledge.bank import Bank, Example
from knowledge.index import CouncilIndex
from knowledge.models import Clause
from knowledge.semantic.encoder import Encoder, Vectors

#: A bank question speaks for another council's clause only when the clause it was
#: written for is this near in meaning: the same template clause, lightly reworded.
LINK_MIN = 0.9
#: How many nearest bank questions vote on whether this council's policy answers.
NEIGHBOURS = 10


def passage(clause: Clause) -> str:
    """What a clause is embedded as: its heading path, its lead-in, then its own words."""
    parts = [" > ".join(clause.heading_path), *clause.context, clause.text]
    return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Sensed:
    """One question, before any council: its vector and its closeness to the bank."""

    vector: Vectors
    #: Per bank question: cosine to this question.
    near: NDArray[np.float32]
    #: The best cosine to a bank question no policy answers.
    out_of_scope: float
    #: Of the nearest bank questions, the share some policy answers.
    vote: float


@dataclass(frozen=True, slots=True)
class Reading:
    """One question against one council."""

    #: Per clause: cosine between the question and the clause.
    cosine: NDArray[np.float32]
    #: Per clause: the best cosine between the question and a bank question answered by
    #: that clause (or by a near-identical clause elsewhere); 0 where none.
    bank: NDArray[np.float32]
    #: The best cosine between the question and a bank question no policy answers.
    out_of_scope: float
    #: The best cosine between the question and a bank question answered by another
    #: council's clause that has no near-identical clause here: what this policy lacks.
    elsewhere: float = 0.0
    #: Of the question's NEIGHBOURS nearest bank questions, the share some policy answers
    #: (the rest are questions no ICT policy answers).
    vote: float = 0.0


def _share(links: NDArray[np.int64], clauses: int) -> float:
    return len(np.unique(links[links >= 0])) / clauses if clauses else 0.0


def _vote(answered: NDArray[np.float32], silent: NDArray[np.float32]) -> float:
    """The share of the nearest bank questions that a policy answers."""
    both = np.concatenate([answered, silent])
    if not len(both):
        return 0.0
    # The NEIGHBOURS best without sorting all of them; ties at the edge go to the lower
    # index, as a stable sort would have it.
    k = min(NEIGHBOURS, len(both))
    edge = np.partition(-both, k - 1)[k - 1]
    above = np.flatnonzero(-both < edge)
    nearest = np.concatenate([above, np.flatnonzero(-both == edge)[: k - len(above)]])
    return float((nearest < len(answered)).mean())


@dataclass(frozen=True, slots=True)
class _Council:
    index: CouncilIndex
    vectors: Vectors
    #: Per bank question: the clause of this council it speaks for (-1: none).
    links: NDArray[np.int64]
    #: The share of its clauses some bank question speaks for.
    linked_share: float = 0.0


class Semantics:
    def __init__(
        self,
        encoder: Encoder,
        bank: Bank,
        link_min: float = LINK_MIN,
        asker: Encoder | None = None,
    ) -> None:
        #: For the clauses and the bank: texts worth caching.
        self.encoder = encoder
        #: For people's questions: each is new, and caching it would rewrite the cache
        #: file on every ask and grow it without end (default: the same encoder).
        self.asker = asker or encoder
        self.bank = bank
        self.link_min = link_min
        answered = bank.answered
        self._questions = encoder.encode([e.question for e in answered])
        self._silent = encoder.encode([e.question for e in bank.out_of_scope])
        self._sources = encoder.encode([passage(e.clause) for e in answered if e.clause])
        self._source_ids = [e.clause.id for e in answered if e.clause]
        self._councils: dict[str, _Council] = {}

    def learn(self, examples: Sequence[Example]) -> None:
        """Questions a Clerk linked to the clause that answers them join the bank."""
        taught = [e for e in examples if e.clause is not None]
        if not taught:
            return
        self.bank = Bank((*self.bank.answered, *taught), self.bank.out_of_scope)
        self._questions = np.vstack(
            [self._questions, self.encoder.encode([e.question for e in taught])]
        )
        self._sources = np.vstack(
            [self._sources, self.encoder.encode([passage(e.clause) for e in taught if e.clause])]
        )
        self._source_ids += [e.clause.id for e in taught if e.clause]
        # Links are per council and cheap: work them out again for the councils seen.
        self._councils = {
            slug: self._linked(c.index, c.vectors) for slug, c in self._councils.items()
        }

    def linked_share(self, index: CouncilIndex) -> float:
        """The share of a council's clauses some bank question speaks for: near 1 for the
        bundled councils and their template siblings, near 0 for a council unlike them."""
        return self._council(index).linked_share

    def prepare(self, index: CouncilIndex) -> None:
        """Work out a council's vectors now rather than at its first question."""
        self._council(index)

    def sense(self, question: str) -> Sensed:
        """The question's vector and its closeness to the whole bank: worked out once,
        then read against each council it is judged in."""
        vector: Vectors = self.asker.encode([question])[0]
        near = self._questions @ vector
        silent = self._silent @ vector
        best_silent = float(silent.max()) if len(silent) else 0.0
        return Sensed(vector, near, best_silent, _vote(near, silent))

    def read(self, sensed: Sensed, index: CouncilIndex) -> Reading:
        council = self._council(index)
        bank = np.zeros(len(index.clauses), dtype=np.float32)
        linked = council.links >= 0
        near = sensed.near
        if linked.any():
            np.maximum.at(bank, council.links[linked], near[linked])
        elsewhere = float(near[~linked].max()) if (~linked).any() else 0.0
        cosine = council.vectors @ sensed.vector
        return Reading(cosine, bank, sensed.out_of_scope, elsewhere, sensed.vote)

    def _council(self, index: CouncilIndex) -> _Council:
        known = self._councils.get(index.council)
        if known is None or known.index is not index:
            vectors = self.encoder.encode([passage(c) for c in index.clauses])
            known = self._linked(index, vectors)
            self._councils[index.council] = known
        return known

    def _linked(self, index: CouncilIndex, vectors: Vectors) -> _Council:
        links = self._links(index, vectors)
        return _Council(index, vectors, links, _share(links, len(index.clauses)))

    def _links(self, index: CouncilIndex, vectors: Vectors) -> NDArray[np.int64]:
        if not len(self._sources) or not len(vectors):
            return np.full(len(self._source_ids), -1, dtype=np.int64)
        similarity = self._sources @ vectors.T
        links: NDArray[np.int64] = similarity.argmax(axis=1).astype(np.int64)
        links[similarity.max(axis=1) < self.link_min] = -1
        own = {c.id: i for i, c in enumerate(index.clauses)}
        for k, clause_id in enumerate(self._source_ids):
            if clause_id in own:  # a question written for this very clause
                links[k] = own[clause_id]
        return links
