"""Lexical ranking: BM25 candidates re-ranked by how much of the question each covers.

This is the whole ranking when the semantic layer is off, and the lexical evidence the
fused ranking (knowledge.fusion) weighs when it is on.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from knowledge.analyzer import Query, Unit, sentences, words
from knowledge.config import DEFAULT, RankingConfig
from knowledge.index import CouncilIndex
from knowledge.intent import AnswerKind, asked, asks_scope, describes, gives
from knowledge.models import Clause
from knowledge.spelling import rarity


@dataclass(frozen=True, slots=True)
class Scored:
    clause: Clause
    score: float
    coverage: float
    #: How many different words of the question the clause matches.
    matched: int = 0
    #: The re-ranked score: BM25 weighted by coverage, proximity, priors and intent.
    final: float = 0.0
    #: The clause's place in its council's index.
    position: int = -1


def answers(scored: Scored, config: RankingConfig = DEFAULT) -> bool:
    if scored.score < config.min_score:
        return False
    if scored.coverage >= config.sure_coverage:
        return True
    if scored.coverage >= config.min_coverage and scored.matched >= config.min_matched:
        return True
    return scored.coverage >= config.broad_coverage and scored.matched >= config.broad_matched


def confidence(scored: Scored, config: RankingConfig = DEFAULT) -> float:
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
    query: Query,
    terms: AbstractSet[str],
    index: CouncilIndex,
    config: RankingConfig = DEFAULT,
    weights: Sequence[float] | None = None,
) -> float:
    """The (weighted) share of the question's words the terms cover; `weights` are the
    question's unit weights in this index, when already worked out (unit_weights)."""
    weights = weights if weights is not None else unit_weights(query, index, config)
    total = hit = 0.0
    for unit, weight in zip(query.units, weights, strict=True):
        total += weight
        hit += weight * covered(unit, terms, config)
    return hit / total if total else 0.0


def unit_weights(
    query: Query, index: CouncilIndex, config: RankingConfig = DEFAULT
) -> tuple[float, ...]:
    """Each of the question's units' weight in this index: the same for every clause."""
    return tuple(unit_weight(u, index, config) for u in query.units)


def matched(query: Query, terms: AbstractSet[str], config: RankingConfig = DEFAULT) -> int:
    """How many different words of the question a clause has (itself or a synonym)."""
    return len({u.stem or u.word for u in query.units if covered(u, terms, config) >= 1.0})


def _unit_terms(unit: Unit) -> frozenset[str]:
    return unit.concepts | {unit.stem} if unit.stem else unit.concepts


def _near(a: list[int], b: list[int], window: int) -> bool:
    return any(abs(i - j) <= window for i in a for j in b)


def proximity(
    query: Query,
    positions: dict[str, list[int]],
    index: CouncilIndex,
    config: RankingConfig,
    weights: Sequence[float] | None = None,
) -> float:
    """0..1: the (weighted) share of the question's neighbouring words that are neighbours
    in the clause too, so a clause saying the question's phrase beats one that scatters it.
    """
    weights = weights if weights is not None else unit_weights(query, index, config)
    units = [(u, w) for u, w in zip(query.units, weights, strict=True) if u.stem]
    total = hit = 0.0
    for (left, left_weight), (right, right_weight) in itertools.pairwise(units):
        weight = min(left_weight, right_weight)
        total += weight
        a = [p for t in _unit_terms(left) for p in positions.get(t, ())]
        b = [p for t in _unit_terms(right) for p in positions.get(t, ())]
        if a and b and _near(a, b, config.proximity_window):
            hit += weight
    return hit / total if total else 0.0


def rank(index: CouncilIndex, query: Query, config: RankingConfig = DEFAULT) -> list[Scored]:
    """BM25 candidates re-ranked by how much of the question each one covers."""
    if not query.units:
        return []
    scores = index.scores(query)
    order = [int(i) for i in np.argsort(-scores, kind="stable")[: config.candidates]]
    looks = Looks.of(query)
    weights = unit_weights(query, index, config)
    out = [
        rescore(index, query, i, float(scores[i]), looks, config, weights)
        for i in order
        if scores[i] > 0
    ]
    out.sort(key=lambda scored: -scored.final)
    return out


@dataclass(frozen=True, slots=True)
class Looks:
    """What the question's framing asks for, read once per question."""

    kinds: tuple[AnswerKind, ...]
    scope: bool

    @classmethod
    def of(cls, query: Query) -> Looks:
        return cls(asked(query.text), asks_scope(query.text))


def rescore(
    index: CouncilIndex,
    query: Query,
    i: int,
    bm25: float,
    looks: Looks | None = None,
    config: RankingConfig = DEFAULT,
    weights: Sequence[float] | None = None,
) -> Scored:
    """One clause's lexical evidence for a question, and its re-ranked score (`weights`:
    the question's unit_weights in this index, worked out once for all its candidates)."""
    looks = looks or Looks.of(query)
    weights = weights if weights is not None else unit_weights(query, index, config)
    clause = index.clauses[i]
    terms = index.text_terms[i] | index.context_terms[i]
    cover = coverage(query, terms, index, config, weights)
    if index.sentence_terms[i] and config.sentence_share:
        # Words scattered over a long paragraph are weaker evidence than one sentence
        # saying them together: blend in the best single sentence's coverage.
        context = index.context_terms[i]
        best = max(
            coverage(query, s | context, index, config, weights) for s in index.sentence_terms[i]
        )
        cover = (1 - config.sentence_share) * cover + config.sentence_share * best
    near = proximity(query, index.positions[i], index, config, weights)
    weight = prior(clause, config) * (1 + config.proximity_bonus * near)
    weight *= intent_weight(clause, looks.kinds, config)
    if not looks.scope:
        weight *= description_weight(clause, config)
    final = bm25 * weight * cover**config.coverage_power
    return Scored(clause, bm25, cover, matched(query, terms, config), final, i)


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
