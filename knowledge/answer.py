"""Answers: rank a council's clauses, decide whether they answer, quote the best sentences.

`Answer` is the contract `clerkbot ask --json` prints (see docs: architecture).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from knowledge.analyzer import Query, Unit, sentences, words
from knowledge.index import CouncilIndex
from knowledge.intent import AnswerKind, asked, asks_scope, describes, gives
from knowledge.library import Library
from knowledge.models import Clause
from knowledge.spelling import rarity


@dataclass(frozen=True, slots=True)
class RankingConfig:
    """Every tunable number of ranking, abstention and quoting, in one place.

    Measured on ../shared/eval/dev.jsonl and our own question sets (tests/eval/own.jsonl
    and tests/knowledge/tune.jsonl); change one only with all three in view.
    """

    #: How many BM25 candidates go on to re-ranking.
    candidates: int = 25
    #: A clause answers only if it covers this share of the question's (IDF-weighted)
    #: meaning: below it the asker's policy is taken to be silent ...
    min_coverage: float = 0.35
    #: ... and matches at least this many different words of the question: one shared
    #: word ("office", "staff") is how out-of-scope questions look ...
    min_matched: int = 2
    #: ... unless it covers this much: a short question on one topic ("got a virus?").
    sure_coverage: float = 0.7
    #: A long chatty question may cover less, if its clause matches many of its words:
    #: three different words meeting in one clause are rarely a coincidence.
    broad_coverage: float = 0.22
    broad_matched: int = 3
    #: Weight of a word no policy and no synonym uses, relative to a policy word the
    #: asker's council lacks: it is as often a detail ("my hubby", "the skate park") as
    #: the topic, while a missing policy word means this council's policy is silent.
    detail_weight: float = 0.5
    #: ... and its BM25 score reaches this (a lone common word is not an answer).
    min_score: float = 4.0
    #: Coverage credit for a word matched only through a broader, implied term.
    implied_credit: float = 0.5
    #: How strongly coverage re-orders candidates: score * coverage ** coverage_power.
    coverage_power: float = 2.0
    #: Bonus for question words that stand together in the clause too, as a share of the
    #: question's adjacent word pairs: "copied to the Clerk" for "cc the clerk".
    proximity_bonus: float = 0.6
    #: How many words apart two terms may be and still count as together.
    proximity_window: int = 3
    #: Prior of a bare list lead-in ("... the following:"): it says little on its own.
    lead_in_prior: float = 0.6
    #: Prior of a clause that states a rule (must, should, permission ...).
    rule_prior: float = 1.15
    #: Boost for a clause giving the kind of answer the question's framing asks for
    #: ("who ..." and a clause naming the Clerk; see knowledge.intent).
    answer_kind_bonus: float = 0.5
    #: Prior of a clause describing the policy or defining a term (knowledge.intent.describes),
    #: unless the question asks what the policy covers.
    description_prior: float = 0.6
    #: Other councils scored when looking for a reference-only answer.
    reference_candidates: int = 5
    #: Longest quote; the rest of the clause is still in `text`.
    quote_chars: int = 350


DEFAULT = RankingConfig()


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
    #: How many different words of the question the clause matches.
    matched: int = 0


class UnknownCouncilError(LookupError):
    pass


class Answerer:
    def __init__(
        self, library: Library, today: dt.date | None = None, config: RankingConfig = DEFAULT
    ) -> None:
        self.library = library
        self.today = today
        self.config = config

    def ask(self, question: str, council: str, top: int = 3) -> Answer:
        started = time.perf_counter()
        index = self.library.indexes.get(council)
        if index is None:
            known = ", ".join(sorted(self.library.indexes))
            raise UnknownCouncilError(f"no policy loaded for council {council!r} (have: {known})")
        query = self.library.analyzer.query(question)
        ranked = rank(index, query, self.config)
        answered = bool(ranked) and _answers(ranked[0], self.config)
        reference = None if answered else self._reference(query, council)
        answer = Answer(
            question=question,
            council=council,
            council_name=index.document.info.council_name,
            answered=answered,
            confidence=round(confidence(ranked[0], self.config) if ranked else 0.0, 3),
            citations=[self._cite(s, query, index) for s in ranked[: max(1, top)]],
            reference=reference,
        )
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 3)
        return answer

    def _reference(self, query: Query, council: str) -> Citation | None:
        """Another council's clause that would answer, for reference only."""
        best: tuple[_Scored, CouncilIndex] | None = None
        for index in self._reference_candidates(query, council):
            ranked = rank(index, query, self.config)
            if not ranked or not _answers(ranked[0], self.config):
                continue
            score = confidence(ranked[0], self.config)
            if best is None or score > confidence(best[0], self.config):
                best = (ranked[0], index)
        return self._cite(best[0], query, best[1]) if best else None

    def _reference_candidates(self, query: Query, council: str) -> list[CouncilIndex]:
        """The few councils whose whole vocabulary covers the question best.

        No clause covers more of a question than its document does, so this cheap bound
        skips councils that cannot answer and keeps the search flat with many councils.
        """
        config = self.config
        bounds = [
            (coverage(query, index.vocabulary, index, config), slug)
            for slug, index in self.library.indexes.items()
            if slug != council
        ]
        least = min(config.min_coverage, config.broad_coverage)
        bounds = sorted((b for b in bounds if b[0] >= least), reverse=True)
        return [self.library.indexes[slug] for _, slug in bounds[: config.reference_candidates]]

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
            quote=best_quote(clause.text, query, index, self.config.quote_chars),
            context=list(clause.context),
            heading=list(clause.heading_path),
            score=round(scored.score, 3),
            freshness=clause.doc.freshness_note(today),
        )


def _answers(scored: _Scored, config: RankingConfig = DEFAULT) -> bool:
    if scored.score < config.min_score:
        return False
    if scored.coverage >= config.sure_coverage:
        return True
    if scored.coverage >= config.min_coverage and scored.matched >= config.min_matched:
        return True
    return scored.coverage >= config.broad_coverage and scored.matched >= config.broad_matched


def confidence(scored: _Scored, config: RankingConfig = DEFAULT) -> float:
    """0..1: mostly how much of the question the clause covers, damped for weak matches."""
    if config.min_score <= 0:
        return scored.coverage
    strength = 1 - float(np.exp(-scored.score / config.min_score))
    return scored.coverage * strength


def unit_weight(unit: Unit, index: CouncilIndex, config: RankingConfig = DEFAULT) -> float:
    """Rare words matter most; a word the policy never uses weighs by its English rarity,
    less when no policy uses it either (see RankingConfig.detail_weight).
    """
    if unit.stem in index.idf:
        return index.idf[unit.stem]
    known = [index.idf[c] for c in unit.concepts | unit.implied if c in index.idf]
    if known:
        return min(known)
    weight = index.unseen_idf() * rarity(unit.word)
    return weight if index.analyzer.is_domain(unit) else weight * config.detail_weight


def covered(unit: Unit, terms: AbstractSet[str], config: RankingConfig = DEFAULT) -> float:
    """1 when the clause has the word or a synonym; partial when only a broader term."""
    if unit.stem in terms or not unit.concepts.isdisjoint(terms):
        return 1.0
    return config.implied_credit if not unit.implied.isdisjoint(terms) else 0.0


def coverage(
    query: Query, terms: AbstractSet[str], index: CouncilIndex, config: RankingConfig = DEFAULT
) -> float:
    total = hit = 0.0
    for unit in query.units:
        weight = unit_weight(unit, index, config)
        total += weight
        hit += weight * covered(unit, terms, config)
    return hit / total if total else 0.0


def matched(query: Query, terms: AbstractSet[str], config: RankingConfig = DEFAULT) -> int:
    """How many different words of the question a clause has (itself or a synonym)."""
    return len({u.stem or u.word for u in query.units if covered(u, terms, config) >= 1.0})


def _unit_terms(unit: Unit) -> frozenset[str]:
    return unit.concepts | {unit.stem} if unit.stem else unit.concepts


def _near(a: list[int], b: list[int], window: int) -> bool:
    return any(abs(i - j) <= window for i in a for j in b)


def proximity(
    query: Query, positions: dict[str, list[int]], index: CouncilIndex, config: RankingConfig
) -> float:
    """0..1: the (weighted) share of the question's neighbouring words that are neighbours
    in the clause too, so a clause saying the question's phrase beats one that scatters it.
    """
    units = [u for u in query.units if u.stem]
    total = hit = 0.0
    for left, right in itertools.pairwise(units):
        weight = min(unit_weight(left, index, config), unit_weight(right, index, config))
        total += weight
        a = [p for t in _unit_terms(left) for p in positions.get(t, ())]
        b = [p for t in _unit_terms(right) for p in positions.get(t, ())]
        if a and b and _near(a, b, config.proximity_window):
            hit += weight
    return hit / total if total else 0.0


def rank(index: CouncilIndex, query: Query, config: RankingConfig = DEFAULT) -> list[_Scored]:
    """BM25 candidates re-ranked by how much of the question each one covers."""
    if not query.units:
        return []
    scores = index.scores(query)
    order = np.argsort(-scores, kind="stable")[: config.candidates]
    kinds = asked(query.text)
    scope = asks_scope(query.text)
    out: list[tuple[float, _Scored]] = []
    for i in order:
        if scores[i] <= 0:
            break
        terms = index.text_terms[i] | index.context_terms[i]
        scored = _Scored(
            index.clauses[i],
            float(scores[i]),
            coverage(query, terms, index, config),
            matched(query, terms, config),
        )
        near = proximity(query, index.positions[i], index, config)
        weight = prior(scored.clause, config) * (1 + config.proximity_bonus * near)
        weight *= intent_weight(scored.clause, kinds, config)
        if not scope:
            weight *= description_weight(scored.clause, config)
        out.append((scored.score * weight * scored.coverage**config.coverage_power, scored))
    out.sort(key=lambda pair: -pair[0])
    return [scored for _, scored in out]


_RULE_WORDS = frozenset(
    """must should not no never only may permission permitted authorised authorisation
    authority approval approved prohibited required responsible""".split()  # noqa: SIM905
)


def prior(clause: Clause, config: RankingConfig = DEFAULT) -> float:
    """How likely a clause is to be an answer at all, before looking at the question.

    People ask the bot what they may and may not do, so a clause stating a rule beats one
    that describes; a bare list lead-in ("... the following:") says little on its own.
    """
    shape = _shape(clause.text)
    weight = 1.0
    if shape.lead_in:
        weight *= config.lead_in_prior
    if shape.rule:
        weight *= config.rule_prior
    return weight


def description_weight(clause: Clause, config: RankingConfig = DEFAULT) -> float:
    """Lower for a clause that describes or defines rather than states a rule."""
    return config.description_prior if _shape(clause.text).describes else 1.0


@dataclass(frozen=True, slots=True)
class _Shape:
    """What ranking reads from a clause's own wording, whatever the question."""

    words: frozenset[str]
    lead_in: bool
    rule: bool
    describes: bool


@functools.lru_cache(maxsize=8192)
def _shape(text: str) -> _Shape:
    # The same for every question, and a regex plus a tokenisation per candidate per
    # question was a tenth of the server's CPU under load: worked out once per clause.
    found = frozenset(words(text))
    return _Shape(
        words=found,
        lead_in=text.endswith((":", ";")) and len(sentences(text)) == 1,
        rule=not _RULE_WORDS.isdisjoint(found),
        describes=describes(text, found, _RULE_WORDS),
    )


def intent_weight(
    clause: Clause, kinds: tuple[AnswerKind, ...], config: RankingConfig = DEFAULT
) -> float:
    """1, or more when the clause gives the kind of answer the question asks for."""
    if kinds and gives(_shape(clause.text).words, kinds):
        return 1 + config.answer_kind_bonus
    return 1.0


def best_quote(
    text: str, query: Query, index: CouncilIndex, quote_chars: int = DEFAULT.quote_chars
) -> str:
    """The clause's most relevant sentence(s), verbatim, within quote_chars when possible."""
    parts = sentences(text)
    if len(text) <= quote_chars or len(parts) == 1:
        return text
    analyzer = index.analyzer
    scores = [coverage(query, set(analyzer.terms(s)), index) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    quote = parts[best]
    for j in (best + 1, best - 1):
        if 0 <= j < len(parts) and scores[j] > 0:
            joined = " ".join(parts[min(j, best) : max(j, best) + 1])
            if len(joined) <= quote_chars:
                quote = joined
                break
    return quote
