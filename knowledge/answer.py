"""Answers: rank a council's clauses, decide whether they answer, quote the best sentences.

`Answer` is the contract `clerkbot ask --json` prints (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import time

from pydantic import BaseModel

from knowledge.analyzer import Query, sentences
from knowledge.bank import Example
from knowledge.config import DEFAULT, RankingConfig
from knowledge.index import CouncilIndex
from knowledge.judging import Asking, Judge, Judgement, LexicalJudge
from knowledge.lexical import (
    Scored,
    description_weight,
    intent_weight,
    proximity,
    unit_weight,
)
from knowledge.library import Library
from knowledge.models import Clause
from knowledge.quote import best_quote

__all__ = [
    "DEFAULT",
    "Answer",
    "Answerer",
    "Citation",
    "RankingConfig",
    "UnknownCouncilError",
    "best_quote",
    "description_weight",
    "intent_weight",
    "proximity",
    "sentences",
    "unit_weight",
]


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


class UnknownCouncilError(LookupError):
    pass


class Answerer:
    """Questions in, cited answers out, for any loaded council.

    With a `judge` built on the semantic layer (knowledge.judging.SemanticJudge) clauses
    are ranked by words, meaning and the question bank and "not covered" is calibrated;
    without one, by words and the coverage rule.
    """

    def __init__(
        self,
        library: Library,
        today: dt.date | None = None,
        config: RankingConfig = DEFAULT,
        judge: Judge | None = None,
    ) -> None:
        self.library = library
        self.today = today
        self.config = config
        self.judge: Judge = judge or LexicalJudge(config)

    def ask(self, question: str, council: str, top: int = 3) -> Answer:
        started = time.perf_counter()
        index = self.library.indexes.get(council)
        if index is None:
            known = ", ".join(sorted(self.library.indexes))
            raise UnknownCouncilError(f"no policy loaded for council {council!r} (have: {known})")
        query = self.library.analyzer.query(question)
        asking = self.judge.asking(question, query)
        compares = self.judge.compares_councils
        others = self.reference_candidates(query, council) if compares else []
        judged = self.judge.judge(asking, index, others)
        if not judged.answered and not compares:
            others = self.reference_candidates(query, council)
        reference = None if judged.answered else self._reference(asking, index, others)
        answer = Answer(
            question=question,
            council=council,
            council_name=index.document.info.council_name,
            answered=judged.answered,
            confidence=round(judged.confidence, 3),
            citations=[self._cite(s, query, index) for s in judged.ranked[: max(1, top)]],
            reference=reference,
        )
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 3)
        return answer

    def learn(self, question: str, clause: Clause) -> None:
        """A question the Clerk linked to this clause: answered from it from now on."""
        self.judge.learn(Example(clause.council, question, clause))

    def _reference(
        self, asking: Asking, asked: CouncilIndex, others: list[CouncilIndex]
    ) -> Citation | None:
        """Another council's clause that would answer, for reference only."""
        best: tuple[Judgement, CouncilIndex] | None = None
        for index in others:
            rest = [asked, *(o for o in others if o is not index)]
            judged = self.judge.judge(asking, index, rest)
            if judged.answered and (best is None or judged.confidence > best[0].confidence):
                best = (judged, index)
        if best is None:
            return None
        return self._cite(best[0].ranked[0], asking.query, best[1])

    def reference_candidates(self, query: Query, council: str) -> list[CouncilIndex]:
        """The few other councils whose clauses match the question best: one retrieval
        over every council's clauses (knowledge.everywhere), however many there are."""
        found = self.library.everywhere().councils(query, council, self.config.reference_candidates)
        return [self.library.indexes[slug] for slug in found]

    def _cite(self, scored: Scored, query: Query, index: CouncilIndex) -> Citation:
        clause = scored.clause
        today = self.today or dt.date.today()
        return Citation(
            council=clause.council,
            clause_id=clause.id,
            label=clause.label,
            document=clause.doc.title,
            council_name=clause.doc.council_name,
            text=clause.cited_text,
            quote=best_quote(clause.text, query, index, self.config.quote_chars),
            context=list(clause.context),
            heading=list(clause.heading_path),
            score=round(scored.score, 3),
            freshness=clause.doc.freshness_note(today),
        )
