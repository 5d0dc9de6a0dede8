"""Shared fixtures: the bundled library (built once) and the shared eval material."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answerer
from knowledge.library import Library

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
def answerer(library: Library) -> Answerer:
    return Answerer(library, today=TODAY)
