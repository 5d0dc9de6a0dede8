"""Shared fixtures: the bundled library (built once) and the shared eval material."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answerer
from knowledge.bank import load_bank
from knowledge.judging import LexicalJudge, SemanticJudge
from knowledge.library import Library
from knowledge.semantic.load import semantic_judge
from knowledge.word_bank import WordBank

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "dev.jsonl").is_file():
        pytest.fail(f"{SHARED} is missing: the shared eval material must sit beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def library() -> Library:
    return Library.load()


@pytest.fixture(scope="session")
def judge(library: Library) -> SemanticJudge:
    """The product's judge. Vectors come from the user's cache folder (or
    CLERKBOT_CACHE_DIR): keyed by model and text hash, so sharing it is safe."""
    built = semantic_judge(library)
    if built is None:
        pytest.fail("the bundled MiniLM model did not load: the semantic layer is required")
    return built


@pytest.fixture(scope="session")
def answerer(library: Library, judge: SemanticJudge) -> Answerer:
    """As the product answers: words, meaning, the bank and calibrated abstention."""
    return Answerer(library, today=TODAY, judge=judge)


@pytest.fixture(scope="session")
def lexical_answerer(library: Library) -> Answerer:
    """Words only, as the product answers when the model cannot load: the clauses' own
    wording and the question bank matched by words."""
    words = LexicalJudge(bank=WordBank(load_bank(library), library.analyzer))
    return Answerer(library, today=TODAY, judge=words)
