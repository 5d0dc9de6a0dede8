"""The question bank matched by words alone, for when the model cannot load.

A bank question shares most of its words with a new question ("can i use my own laptop
at home?" / "can I use my own laptop from home"): its clause is then the answer, even when
BM25 over the clauses' own wording ranks another first. A bank question speaks for another
council's clause only when the two clauses have the same words (the same template).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.analyzer import Analyzer, Query
from knowledge.bank import Bank, Example
from knowledge.index import CouncilIndex
from knowledge.metrics import norm


@dataclass(frozen=True, slots=True)
class WordMatch:
    #: The clause's place in its council's index.
    position: int
    #: Jaccard overlap of the two questions' terms (words, stems and synonym concepts).
    overlap: float


@dataclass(slots=True)
class WordBank:
    bank: Bank
    analyzer: Analyzer
    _terms: list[frozenset[str]] = field(init=False)
    _texts: list[str] = field(init=False)
    _places: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        examples = self.bank.answered
        self._terms = [frozenset(self.analyzer.query(e.question).terms()) for e in examples]
        self._texts = [norm(e.clause.text) if e.clause else "" for e in examples]

    def add(self, example: Example) -> None:
        """One more question (a Clerk's link), answered from its clause from now on."""
        self.bank = Bank((*self.bank.answered, example), self.bank.out_of_scope)
        self._terms.append(frozenset(self.analyzer.query(example.question).terms()))
        self._texts.append(norm(example.clause.text) if example.clause else "")
        self._places.clear()

    def best(self, query: Query, index: CouncilIndex) -> WordMatch | None:
        asked = frozenset(query.terms())
        if not asked:
            return None
        best: WordMatch | None = None
        for k, place in enumerate(self._placed(index)):
            if place < 0:
                continue
            terms = self._terms[k]
            overlap = len(asked & terms) / len(asked | terms)
            if best is None or overlap > best.overlap:
                best = WordMatch(place, overlap)
        return best

    def _placed(self, index: CouncilIndex) -> list[int]:
        """Per bank question, the clause of this council it speaks for (-1: none)."""
        found = self._places.get(index.council)
        if found is None:
            by_text = {norm(c.text): i for i, c in enumerate(index.clauses)}
            found = [by_text.get(text, -1) for text in self._texts]
            self._places[index.council] = found
        return found
