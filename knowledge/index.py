"""BM25 (rank-bm25) over one council's clauses, in two fields.

The clause's own words are one field; its heading path and lead-in sentences the other,
so "Playing games during working hours" is found under "Misuse" without the heading's
words drowning the clause's own. Each council has its own index, so IDF reflects that
council's document and a question is scored only against the asker's policy.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from rank_bm25 import BM25Okapi

from knowledge.analyzer import Analyzer, Query, sentences
from knowledge.models import Clause, PolicyDocument

#: Weights of a lead-in and a heading match relative to a match in the clause's own text.
#: A list item means little without its lead-in; a heading is a looser topic hint.
LEAD_IN_WEIGHT = 0.6
HEADING_WEIGHT = 0.3
#: BM25 term-frequency saturation and length normalisation (rank-bm25's defaults).
K1 = 1.5
B = 0.75


@dataclass(slots=True)
class CouncilIndex:
    document: PolicyDocument
    analyzer: Analyzer
    text_terms: list[set[str]] = field(init=False)
    context_terms: list[set[str]] = field(init=False)
    #: Per clause of several sentences, each sentence's terms (for sentence coverage).
    sentence_terms: list[tuple[frozenset[str], ...]] = field(init=False)
    #: Per clause, the word positions of each term of its text (for proximity).
    positions: list[dict[str, list[int]]] = field(init=False)
    idf: dict[str, float] = field(init=False)
    #: Every term of the document: an upper bound on what any one clause can match.
    vocabulary: frozenset[str] = field(init=False)
    _fields: list[tuple[float, BM25Okapi]] = field(init=False)
    #: Per term, its weighted BM25 score in every clause: the same for every question, and
    #: rank-bm25 works it out in a Python loop over clauses (a tenth of an answer's CPU).
    _term_scores: dict[str, NDArray[np.float64]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        analyze = self.analyzer.terms
        texts = [analyze(c.text) for c in self.clauses]
        leads = [analyze(" ".join(c.context)) or ["~none"] for c in self.clauses]
        heads = [analyze(" ".join(c.heading_path)) or ["~none"] for c in self.clauses]
        self._fields = [
            (1.0, BM25Okapi(texts, k1=K1, b=B)),
            (LEAD_IN_WEIGHT, BM25Okapi(leads, k1=K1, b=B)),
            (HEADING_WEIGHT, BM25Okapi(heads, k1=K1, b=B)),
        ]
        self.positions = [self.analyzer.positions(c.text) for c in self.clauses]
        self.text_terms = [set(t) for t in texts]
        self.sentence_terms = [self._sentences(c.text) for c in self.clauses]
        self.context_terms = [set(a) | set(b) for a, b in zip(leads, heads, strict=True)]
        self.idf = self._document_idf()
        self.vocabulary = frozenset(self.idf)

    def _sentences(self, text: str) -> tuple[frozenset[str], ...]:
        parts = sentences(text)
        if len(parts) < 2:
            return ()
        return tuple(frozenset(self.analyzer.terms(p)) for p in parts)

    @property
    def clauses(self) -> list[Clause]:
        return self.document.clauses

    @property
    def council(self) -> str:
        return self.document.info.council

    def _document_idf(self) -> dict[str, float]:
        """Plain, always-positive IDF over text and context, for coverage weights."""
        n = len(self.clauses)
        df: Counter[str] = Counter()
        for text, ctx in zip(self.text_terms, self.context_terms, strict=True):
            df.update(text | ctx)
        return {t: math.log(1 + n / d) for t, d in df.items()}

    def unseen_idf(self) -> float:
        """The weight of a word this document never uses: rarer than its rarest word."""
        return math.log(1 + len(self.clauses))

    def scores(self, query: Query) -> NDArray[np.float64]:
        total = np.zeros(len(self.clauses))
        for term, weight in Counter(query.terms()).items():
            if term in self.idf:
                total += weight * self._term_score(term)
        return total

    def _term_score(self, term: str) -> NDArray[np.float64]:
        known = self._term_scores.get(term)
        if known is None:
            known = np.zeros(len(self.clauses))
            for field_weight, bm25 in self._fields:
                known += field_weight * bm25.get_scores([term])
            self._term_scores[term] = known
        return known
