"""A council the bank barely speaks for (one imported from its own document) is ranked
with meaning weighted up and judged by a model fitted for such councils; the bundled
councils, which the bank knows, keep theirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from knowledge.answer import Answerer
from knowledge.config import DEFAULT
from knowledge.fusion import _candidate
from knowledge.judging import SemanticJudge
from knowledge.lexical import Scored
from knowledge.library import Library
from knowledge.semantic.load import semantic_judge
from knowledge.semantic.space import Reading
from tests.conftest import REPO


def alone(council: str, tmp_path: Path, leave_out: frozenset[str]) -> tuple[Library, SemanticJudge]:
    shutil.copy(REPO / "knowledge/policies" / f"{council}.md", tmp_path / f"{council}.md")
    library = Library.load(tmp_path)
    judge = semantic_judge(library, leave_out=leave_out)
    assert judge is not None
    return library, judge


def test_the_bundled_councils_are_banked(library: Library, judge: SemanticJudge) -> None:
    for index in library.indexes.values():
        assert judge.semantics.linked_share(index) > 0.9
        assert judge.banked(index)


def test_a_council_nobody_wrote_questions_for_is_unbanked(tmp_path: Path) -> None:
    library, judge = alone("watton", tmp_path, frozenset({"watton"}))
    index = library.indexes["watton"]
    assert judge.semantics.linked_share(index) < 0.1
    assert not judge.banked(index)
    # Its own questions are gone from the bank, the others' are all there.
    assert {e.council for e in judge.semantics.bank.answered} == {
        "crewe",
        "croft",
        "flitwick",
        "rugeley",
    }


def test_an_unbanked_council_still_answers_what_it_plainly_covers(tmp_path: Path) -> None:
    library, judge = alone("watton", tmp_path, frozenset({"watton"}))
    answerer = Answerer(library, judge=judge)
    found = answerer.ask("am I allowed to install software on my work laptop?", "watton")
    assert found.answered and found.citations[0].clause_id == "watton/5.2"
    silent = answerer.ask("what's the wifi password for the council office?", "watton")
    assert not silent.answered


def test_a_lexical_score_below_zero_counts_as_none(library: Library) -> None:
    # In a policy of a few clauses, BM25 scores a word found in most of them below zero;
    # the fused score must read that as no lexical support (it once raised "math domain
    # error" as the council's workflow topics were bound at start-up).
    clause = library.indexes["watton"].clauses[0]
    reading = Reading(np.array([0.5], dtype=np.float32), np.zeros(1, dtype=np.float32), 0.0)
    below = _candidate(Scored(clause, -2.0, 0.5, final=-2.0, position=0), 1.0, reading, DEFAULT)
    none = _candidate(Scored(clause, 0.0, 0.5, final=0.0, position=0), 1.0, reading, DEFAULT)
    assert below.fused == none.fused
