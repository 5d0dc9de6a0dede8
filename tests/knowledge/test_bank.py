"""The question bank: well-formed, covering the policies, and apart from every eval set."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

from knowledge.bank import Bank, bundled_bank, bundled_clauses
from knowledge.judging import SemanticJudge
from knowledge.library import Library
from tests.conftest import REPO

#: A bank question this close in meaning to an evaluation question is a near-duplicate.
NEAR_DUPLICATE = 0.9


def evaluation_questions(shared: Path) -> list[str]:
    files = [*sorted((REPO / "tests" / "eval").rglob("*.jsonl")), shared / "eval" / "dev.jsonl"]
    files.append(shared / "onboarding" / "dev-questions.jsonl")
    return [json.loads(line)["question"] for f in files for line in f.read_text().splitlines()]


def test_no_bank_question_is_a_near_duplicate_of_an_evaluation_question(
    shared: Path, judge: SemanticJudge
) -> None:
    semantics = judge.semantics
    bank = [e.question for e in (*semantics.bank.answered, *semantics.bank.out_of_scope)]
    asked = evaluation_questions(shared)
    count = len(asked)
    assert count >= 450, count
    closeness = semantics.encoder.encode(bank) @ semantics.asker.encode(asked).T
    worst = closeness.max(axis=1)
    close = [
        (q, round(float(c), 3)) for q, c in zip(bank, worst, strict=True) if c >= NEAR_DUPLICATE
    ]
    assert close == []
    # The check can fail: an evaluation question put in the bank is caught.
    assert (
        float((semantics.asker.encode([asked[0]]) @ semantics.asker.encode(asked).T).max()) >= 0.99
    )


def test_every_entry_names_a_real_clause_of_its_own_council(library: Library) -> None:
    for path in sorted(bundled_bank().glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        ids = {c.id for c in library.indexes[path.stem].clauses}
        for entry in table["clause"]:
            assert entry["id"] in ids, (path.name, entry["id"])
            assert entry["questions"], (path.name, entry["id"])
        assert len(table["out_of_scope"]["questions"]) >= 20, path.name


def test_the_bank_covers_nearly_every_clause_with_several_questions(library: Library) -> None:
    bank = Bank.load([bundled_bank()], bundled_clauses())
    per_clause: dict[str, int] = {}
    for example in bank.answered:
        assert example.clause is not None
        per_clause[example.clause.id] = per_clause.get(example.clause.id, 0) + 1
    clauses = [c for index in library.indexes.values() for c in index.clauses]
    assert len(per_clause) >= 0.9 * len(clauses)
    assert np.mean(list(per_clause.values())) >= 2
    assert len(bank.answered) >= 1500
    assert {e.council for e in bank.out_of_scope} == set(library.indexes)


def test_entries_for_unknown_clauses_are_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "somewhere.toml").write_text(
        '[[clause]]\nid = "somewhere/9.9"\nquestions = ["can I?"]\n'
        '[out_of_scope]\nquestions = ["wifi password?"]\n'
    )
    bank = Bank.load([tmp_path], bundled_clauses())
    assert bank.answered == ()
    assert [e.question for e in bank.out_of_scope] == ["wifi password?"]
    assert "somewhere/9.9" in caplog.text
