"""Answers: rank a council's clauses, decide whether they answer, quote the best sentences.

`Answer` is the contract `clerkbot ask --json` prints (see docs: architecture).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from knowledge.analyzer import Query, Unit, words
from knowledge.index import CouncilIndex
from knowledge.library import Library
from knowledge.models import Clause

#: How many candidates the BM25 stage hands to re-ranking.
CANDIDATES = 25
#: A clause answers only if it covers this share of the question's (IDF-weighted) meaning.
MIN_COVERAGE = 0.3
#: ... and its BM25 score reaches this.
MIN_SCORE = 4.0
#: Coverage credit for a word matched only through a broader, implied term.
IMPLIED_CREDIT = 0.5
#: How strongly coverage re-orders BM25 candidates: score * coverage ** COVERAGE_POWER.
COVERAGE_POWER = 2.0
#: Other councils scored when looking for a reference-only answer.
REFERENCE_CANDIDATES = 5
#: Longest quote; the rest of the clause is still in `text`.
QUOTE_CHARS = 350

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c(A-Z0-9])")


class Citation(BaseModel):
    council: str
    clause_id: str
    label: str
    document: str
    council_name: str
    text: str
    quote: str
    context: list[str]
    heading: list[str]
    score: float
    freshness: str | None = None


class Answer(BaseModel):
    question: str
    council: str
    council_name: str
    answered: bool
    confidence: float
    citations: list[Citation]
    #: Another council's clause that covers the question: for reference, never the rule.
    reference: Citation | None = None
    latency_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class _Scored:
    clause: Clause
    score: float
    coverage: float


class UnknownCouncilError(LookupError):
    pass


class Answerer:
    def __init__(self, library: Library, today: dt.date | None = None) -> None:
        self.library = library
        self.today = today

    def ask(self, question: str, council: str, top: int = 3) -> Answer:
        started = time.perf_counter()
        index = self.library.indexes.get(council)
        if index is None:
            known = ", ".join(sorted(self.library.indexes))
            raise UnknownCouncilError(f"no policy loaded for council {council!r} (have: {known})")
        query = self.library.analyzer.query(question)
        ranked = rank(index, query)
        answered = bool(ranked) and _answers(ranked[0])
        reference = None if answered else self._reference(query, council)
        answer = Answer(
            question=question,
            council=council,
            council_name=index.document.info.council_name,
            answered=answered,
            confidence=round(confidence(ranked[0]) if ranked else 0.0, 3),
            citations=[self._cite(s, query, index) for s in ranked[: max(1, top)]],
            reference=reference,
        )
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 3)
        return answer

    def _reference(self, query: Query, council: str) -> Citation | None:
        """Another council's clause that would answer, for reference only."""
        best: tuple[_Scored, CouncilIndex] | None = None
        for index in self._reference_candidates(query, council):
            ranked = rank(index, query)
            if ranked and _answers(ranked[0]) and (best is None or _better(ranked[0], best[0])):
                best = (ranked[0], index)
        return self._cite(best[0], query, best[1]) if best else None

    def _reference_candidates(self, query: Query, council: str) -> list[CouncilIndex]:
        """The few councils whose whole vocabulary covers the question best.

        No clause covers more of a question than its document does, so this cheap bound
        skips councils that cannot answer and keeps the search flat with many councils.
        """
        bounds = [
            (coverage(query, index.vocabulary, index), slug)
            for slug, index in self.library.indexes.items()
            if slug != council
        ]
        bounds = sorted((b for b in bounds if b[0] >= MIN_COVERAGE), reverse=True)
        return [self.library.indexes[slug] for _, slug in bounds[:REFERENCE_CANDIDATES]]

    def _cite(self, scored: _Scored, query: Query, index: CouncilIndex) -> Citation:
        clause = scored.clause
        today = self.today or dt.date.today()
        return Citation(
            council=clause.council,
            clause_id=clause.id,
            label=clause.label,
            document=clause.doc.title,
            council_name=clause.doc.council_name,
            text=clause.text,
            quote=best_quote(clause.text, query, index),
            context=list(clause.context),
            heading=list(clause.heading_path),
            score=round(scored.score, 3),
            freshness=clause.doc.freshness_note(today),
        )


def _answers(scored: _Scored) -> bool:
    return scored.coverage >= MIN_COVERAGE and scored.score >= MIN_SCORE


def _better(a: _Scored, b: _Scored) -> bool:
    return confidence(a) > confidence(b)


def confidence(scored: _Scored) -> float:
    """0..1: mostly how much of the question the clause covers, damped for weak matches."""
    strength = 1 - float(np.exp(-scored.score / MIN_SCORE))
    return scored.coverage * strength


def unit_weight(unit: Unit, index: CouncilIndex) -> float:
    """Rare words matter most; a word this policy never uses weighs most of all."""
    if unit.stem in index.idf:
        return index.idf[unit.stem]
    known = [index.idf[c] for c in unit.concepts | unit.implied if c in index.idf]
    return min(known) if known else index.unseen_idf()


def covered(unit: Unit, terms: AbstractSet[str]) -> float:
    """1 when the clause has the word or a synonym; half when only a broader term."""
    if unit.stem in terms or not unit.concepts.isdisjoint(terms):
        return 1.0
    return IMPLIED_CREDIT if not unit.implied.isdisjoint(terms) else 0.0


def coverage(query: Query, terms: AbstractSet[str], index: CouncilIndex) -> float:
    total = hit = 0.0
    for unit in query.units:
        weight = unit_weight(unit, index)
        total += weight
        hit += weight * covered(unit, terms)
    return hit / total if total else 0.0


def rank(index: CouncilIndex, query: Query) -> list[_Scored]:
    """BM25 candidates re-ranked by how much of the question each one covers."""
    if not query.units:
        return []
    scores = index.scores(query)
    order = np.argsort(-scores, kind="stable")[:CANDIDATES]
    out = []
    for i in order:
        if scores[i] <= 0:
            break
        terms = index.text_terms[i] | index.context_terms[i]
        cov = coverage(query, terms, index)
        out.append(_Scored(index.clauses[i], float(scores[i]), cov))
    out.sort(key=lambda s: -s.score * prior(s.clause) * s.coverage**COVERAGE_POWER)
    return out


_RULE_WORDS = frozenset(
    """must should not no never only may permission permitted authorised authorisation
    authority approval approved prohibited required responsible""".split()  # noqa: SIM905
)


def prior(clause: Clause) -> float:
    """How likely a clause is to be an answer at all, before looking at the question.

    People ask the bot what they may and may not do, so a clause stating a rule beats one
    that describes; a list's lead-in ("... the following:") says little on its own.
    """
    weight = 1.0
    if clause.text.endswith((":", ";")):
        weight *= 0.6
    if not _RULE_WORDS.isdisjoint(words(clause.text)):
        weight *= 1.15
    return weight


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def best_quote(text: str, query: Query, index: CouncilIndex) -> str:
    """The clause's most relevant sentence(s), verbatim, within QUOTE_CHARS when possible."""
    parts = sentences(text)
    if len(text) <= QUOTE_CHARS or len(parts) == 1:
        return text
    analyzer = index.analyzer
    scores = [coverage(query, set(analyzer.terms(s)), index) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    quote = parts[best]
    for j in (best + 1, best - 1):
        if 0 <= j < len(parts) and scores[j] > 0:
            joined = " ".join(parts[min(j, best) : max(j, best) + 1])
            if len(joined) <= QUOTE_CHARS:
                quote = joined
                break
    return quote
