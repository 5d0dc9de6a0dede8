"""One BM25 index over every council's clauses (bm25s, sparse): which councils could
answer a question at all.

A question the asker's policy doesn't answer is looked up in the other councils' policies
(for reference only), and the calibrated judge compares the asker's policy with theirs.
Both start here: one retrieval over all clauses instead of a loop over every council's
own index, so they stay flat as councils are added (1,000 councils: one query, not 1,000).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import bm25s

from knowledge.analyzer import Query
from knowledge.index import K1, B, CouncilIndex

#: Clauses retrieved across all councils; their councils are the candidates.
DEPTH = 50


@dataclass(frozen=True, slots=True)
class Hit:
    council: str
    #: The clause's place in its council's index.
    position: int
    score: float


class Everywhere:
    def __init__(self, indexes: Mapping[str, CouncilIndex]) -> None:
        self._owners: list[tuple[str, int]] = []
        corpus: list[list[str]] = []
        for slug, index in indexes.items():
            for i, (text, context) in enumerate(
                zip(index.text_terms, index.context_terms, strict=True)
            ):
                self._owners.append((slug, i))
                corpus.append(sorted(text | context) or ["~none"])
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        # bm25s logs a warning per empty query and draws progress bars: neither helps here.
        logging.getLogger("bm25s").setLevel(logging.ERROR)
        self._bm25.index(corpus, show_progress=False)

    def hits(self, query: Query, depth: int = DEPTH) -> list[Hit]:
        """The best clauses anywhere, best first (only those sharing a word)."""
        terms = sorted(set(query.terms()))
        if not terms or not self._owners:
            return []
        k = min(depth, len(self._owners))
        # n_threads=0: in this thread (1 starts a thread pool per question).
        docs, scores = self._bm25.retrieve([terms], k=k, show_progress=False, n_threads=0)
        found = [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
        return [Hit(*self._owners[d], score=s) for d, s in found]

    def councils(self, query: Query, but: str, most: int) -> list[str]:
        """The councils other than `but` whose clauses match the question best."""
        out: list[str] = []
        for hit in self.hits(query):
            if hit.council != but and hit.council not in out:
                out.append(hit.council)
        return out[:most]


def best_positions(hits: list[Hit]) -> dict[str, list[int]]:
    """Hits grouped by council, in rank order."""
    grouped: dict[str, list[int]] = {}
    for hit in hits:
        grouped.setdefault(hit.council, []).append(hit.position)
    return grouped
