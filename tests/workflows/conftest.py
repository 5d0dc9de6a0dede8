"""Fixtures for the workflow tests: the store tests' backends (SQLite and PostgreSQL, each
fresh per test) and clock, reused rather than copied, plus the demo people and a Desk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.workflows.store.conftest import backend, clock, store
from tests.workflows.store.support import FakeClock
from workflows.catalogue import Catalogue
from workflows.desk import Desk
from workflows.people import Directory, Person
from workflows.store import Store
from workflows.timing import Timing

__all__ = ["backend", "clock", "store"]

TIMING = Timing(
    draft_ttl=timedelta(hours=1),
    remind_after=timedelta(minutes=30),
    escalate_after=timedelta(minutes=20),
)


@pytest.fixture(scope="session")
def people() -> Directory:
    return Directory.load()


@pytest.fixture
def desk(store: Store, people: Directory, clock: FakeClock) -> Desk:
    return Desk(store, people, Catalogue(), clock, TIMING)


def person(people: Directory, handle: str) -> Person:
    found = people.get(handle)
    assert found is not None, handle
    return found
