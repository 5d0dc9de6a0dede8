"""What the model reads against a council: clause closeness, the bank (and how a bank
question speaks for another council's near-identical clause), out-of-scope closeness."""

from __future__ import annotations

import numpy as np

from knowledge.bank import Example
from knowledge.judging import SemanticJudge
from knowledge.library import Library
from knowledge.semantic.space import Semantics


def position(library: Library, clause_id: str) -> int:
    council = clause_id.partition("/")[0]
    return next(i for i, c in enumerate(library.indexes[council].clauses) if c.id == clause_id)


def test_a_bank_question_speaks_for_the_same_template_clause_elsewhere(
    library: Library, judge: SemanticJudge
) -> None:
    semantics = judge.semantics
    crewe_only = [e for e in semantics.bank.answered if e.council == "crewe"]
    example = next(e for e in crewe_only if e.clause and e.clause.id == "crewe/virus-controls/3")
    sensed = semantics.sense(example.question)
    crewe = semantics.read(sensed, library.indexes["crewe"])
    flitwick = semantics.read(sensed, library.indexes["flitwick"])
    assert crewe.bank[position(library, "crewe/virus-controls/3")] > 0.99
    # Flitwick's policy has the same clause, word for word: the question speaks for it too.
    assert flitwick.bank[position(library, "flitwick/virus-controls/3")] > 0.99
    # Watton's virus clause is worded differently: the Crewe question does not speak for it.
    watton = semantics.read(sensed, library.indexes["watton"])
    assert watton.bank[position(library, "watton/5.4")] < 0.99


def test_a_reading_has_one_value_per_clause_and_knows_out_of_scope(
    library: Library, judge: SemanticJudge
) -> None:
    semantics = judge.semantics
    index = library.indexes["watton"]
    reading = semantics.read(semantics.sense("what's the wifi password?"), index)
    assert reading.cosine.shape == reading.bank.shape == (len(index.clauses),)
    assert np.all(reading.cosine <= 1.0001) and np.all(reading.bank >= 0)
    assert reading.out_of_scope > 0.6
    covered = semantics.read(semantics.sense("can I plug a usb stick into the pc?"), index)
    assert covered.vote > reading.vote


def test_a_learned_question_reaches_its_clause(library: Library, judge: SemanticJudge) -> None:
    index = library.indexes["rugeley"]
    clause = index.clauses[position(library, "rugeley/3.4")]
    question = "do the allotment volunteers have to follow the rules on posting?"
    # A semantics of its own: the session's judge is shared and must not learn this.
    semantics = Semantics(judge.semantics.encoder, judge.semantics.bank)
    before = semantics.read(semantics.sense(question), index).bank[position(library, clause.id)]
    size = len(semantics.bank.answered)
    semantics.learn([Example("rugeley", question, clause)])
    after = semantics.read(semantics.sense(question), index)
    assert after.bank[position(library, clause.id)] > 0.99 > before
    assert len(semantics.bank.answered) == size + 1
