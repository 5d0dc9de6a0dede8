"""Words only: the question bank still answers, matched by words."""

from __future__ import annotations

import dataclasses

from knowledge.answer import Answerer
from knowledge.bank import Bank, Example, load_bank
from knowledge.config import DEFAULT
from knowledge.judging import LexicalJudge
from knowledge.library import Library
from knowledge.word_bank import WordBank


def test_a_near_copy_of_a_bank_question_is_answered_from_its_clause(library: Library) -> None:
    bank = load_bank(library)
    example = next(e for e in bank.answered if e.clause and e.clause.id == "watton/5.3")
    words = WordBank(bank, library.analyzer)
    match = words.best(library.analyzer.query(example.question), library.indexes["watton"])
    assert match is not None and match.overlap == 1.0
    assert library.indexes["watton"].clauses[match.position].id == "watton/5.3"


def test_a_bank_question_speaks_for_the_same_words_elsewhere_only(library: Library) -> None:
    crewe = next(c for c in library.indexes["crewe"].clauses if c.id == "crewe/virus-controls/3")
    words = WordBank(
        Bank((Example("crewe", "laptop infected, do i turn it off?", crewe),)), library.analyzer
    )
    query = library.analyzer.query("laptop infected, do i turn it off?")
    flitwick = words.best(query, library.indexes["flitwick"])
    assert flitwick is not None
    assert library.indexes["flitwick"].clauses[flitwick.position].id == "flitwick/virus-controls/3"
    assert words.best(query, library.indexes["watton"]) is None  # worded differently there


def test_what_the_clerk_links_is_answered_words_only_too(library: Library) -> None:
    clause = next(c for c in library.indexes["watton"].clauses if c.id == "watton/5.3")
    question = "can the grandkids plug their nintendo into the office telly?"
    strict = dataclasses.replace(DEFAULT, word_bank_overlap=0.9)
    judge = LexicalJudge(strict, WordBank(Bank(), library.analyzer))
    answerer = Answerer(library, judge=judge)
    assert not answerer.ask(question, "watton").answered
    answerer.learn(question, clause)
    found = answerer.ask(question, "watton")
    assert found.answered and found.citations[0].clause_id == "watton/5.3"
