"""Judges: rank one council's clauses for a question and decide whether they answer it.

`LexicalJudge` is word matching with the coverage rule (and the question bank matched by
words, knowledge.word_bank, when it is given one); `SemanticJudge` fuses words,
meaning and the question bank (knowledge.fusion) and decides with the calibrated model
(knowledge.calibration). The Answerer uses the semantic judge when the model loads and
the lexical one otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from knowledge.analyzer import Query
from knowledge.bank import Example
from knowledge.calibration import Calibrations, Evidence
from knowledge.config import DEFAULT, RankingConfig
from knowledge.fusion import Candidate, fuse
from knowledge.index import CouncilIndex
from knowledge.lexical import Scored, answers, confidence, rank, rescore
from knowledge.semantic.space import Reading, Semantics, Sensed
from knowledge.word_bank import WordBank

#: Content words beyond this say little more about how much a clause must cover.
MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Judgement:
    #: Best first.
    ranked: list[Scored]
    answered: bool
    #: 0..1; with the semantic judge, the calibrated probability that the policy answers.
    confidence: float


@dataclass(slots=True)
class Asking:
    """One question, read once and judged against several councils."""

    text: str
    query: Query
    sensed: Sensed | None = None
    readings: dict[str, Reading] = field(default_factory=dict)


class Judge(Protocol):
    #: Whether judging one council looks at the others (then they are found for every
    #: question, not only for unanswered ones).
    compares_councils: bool

    def asking(self, question: str, query: Query) -> Asking: ...

    def judge(
        self, asking: Asking, index: CouncilIndex, others: Sequence[CouncilIndex]
    ) -> Judgement: ...

    def learn(self, example: Example) -> None:
        """A question the Clerk linked to the clause that answers it."""


class LexicalJudge:
    """Words only: the clauses' own wording, and the bank matched by words when given."""

    compares_councils = False

    def __init__(self, config: RankingConfig = DEFAULT, bank: WordBank | None = None) -> None:
        self.config = config
        self.bank = bank

    def asking(self, question: str, query: Query) -> Asking:
        return Asking(question, query)

    def learn(self, example: Example) -> None:
        if self.bank is not None:
            self.bank.add(example)

    def judge(
        self, asking: Asking, index: CouncilIndex, others: Sequence[CouncilIndex]
    ) -> Judgement:
        ranked = rank(index, asking.query, self.config)
        match = self.bank.best(asking.query, index) if self.bank else None
        if match is not None and match.overlap >= self.config.word_bank_overlap:
            # A bank question saying nearly the same: its clause answers, first.
            scores = index.scores(asking.query)
            top = rescore(index, asking.query, match.position, float(scores[match.position]))
            rest = [s for s in ranked if s.position != match.position]
            return Judgement([top, *rest], True, max(match.overlap, confidence(top, self.config)))
        if not ranked:
            return Judgement([], False, 0.0)
        top = ranked[0]
        return Judgement(ranked, answers(top, self.config), confidence(top, self.config))


class SemanticJudge:
    compares_councils = True

    def __init__(
        self, semantics: Semantics, calibrations: Calibrations, config: RankingConfig = DEFAULT
    ) -> None:
        self.semantics = semantics
        self.calibrations = calibrations
        self.config = config
        self.unbanked_config = replace(config, semantic_weight=config.semantic_weight_unbanked)

    def banked(self, index: CouncilIndex) -> bool:
        """Whether bank questions speak for most of this council's clauses."""
        return self.semantics.linked_share(index) >= self.config.banked_share

    def asking(self, question: str, query: Query) -> Asking:
        return Asking(question, query, self.semantics.sense(question))

    def learn(self, example: Example) -> None:
        self.semantics.learn([example])

    def judge(
        self, asking: Asking, index: CouncilIndex, others: Sequence[CouncilIndex]
    ) -> Judgement:
        ranked, evidence = self.examine(asking, index, others)
        if evidence is None:
            return Judgement([], False, 0.0)
        calibration = self.calibrations.of(self.banked(index))
        p = calibration.probability(evidence)
        # Past the first, a clause nothing supports (no word, little meaning, no bank
        # question) is not worth showing as related: "usb stick?" -> "Pornographic material".
        shown = [ranked[0], *(c for c in ranked[1:] if c.fused >= self.config.related_floor)]
        return Judgement([c.scored for c in shown], p >= calibration.threshold, p)

    def examine(
        self, asking: Asking, index: CouncilIndex, others: Sequence[CouncilIndex]
    ) -> tuple[list[Candidate], Evidence | None]:
        """The fused ranking, and the evidence about its best clause (None: no clause)."""
        reading = self.read(asking, index)
        config = self.config if self.banked(index) else self.unbanked_config
        ranked = fuse(index, asking.query, reading, config)
        if not ranked:
            return [], None
        elsewhere = max((float(self.read(asking, o).cosine.max()) for o in others), default=0.0)
        return ranked, self.evidence(asking, ranked[0], reading, elsewhere)

    def evidence(
        self, asking: Asking, top: Candidate, reading: Reading, elsewhere: float
    ) -> Evidence:
        """What the calibrated model reads about the best clause."""
        own_best = float(reading.cosine.max()) if len(reading.cosine) else 0.0
        return Evidence(
            coverage=top.scored.coverage,
            log_bm25=math.log1p(top.scored.score),
            cosine=top.cosine,
            bank=top.bank,
            out_of_scope=reading.out_of_scope,
            lexical_rule=float(answers(top.scored, self.config)),
            other_council_gap=elsewhere - own_best if elsewhere else 0.0,
            words=float(min(len(asking.query.units), MAX_WORDS)),
            elsewhere=reading.elsewhere,
            vote=reading.vote,
        )

    def read(self, asking: Asking, index: CouncilIndex) -> Reading:
        reading = asking.readings.get(index.council)
        if reading is None:
            assert asking.sensed is not None, "a semantic Asking carries its sense"
            reading = self.semantics.read(asking.sensed, index)
            asking.readings[index.council] = reading
        return reading
