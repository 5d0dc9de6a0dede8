"""Fixtures for the workflow tests: the store tests' clock and databases, reused rather than
copied, plus the demo people and a Desk.

The Desk's tests run on three stores: SQLite, PostgreSQL and MemoryStore, each fresh per
test. A test that needs a database itself (reopening it, patching its SQL) is marked
``@sql_only``: that narrows ``backend`` to the databases, so no memory case is generated.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.workflows.bindings import bundled
from tests.workflows.store.conftest import SQL_BACKENDS, clock, sql_backend
from tests.workflows.store.support import Backend, FakeClock
from workflows.catalogue import Catalogue
from workflows.desk import Desk
from workflows.people import Directory, Person
from workflows.store import Store
from workflows.store.memory import MemoryStore
from workflows.timing import Timing

__all__ = ["clock"]

MEMORY = "memory"

#: Parametrising ``backend`` directly takes precedence over the fixture's own params.
sql_only = pytest.mark.parametrize("backend", SQL_BACKENDS, indirect=True)

TIMING = Timing(
    draft_ttl=timedelta(hours=1),
    remind_after=timedelta(minutes=30),
    escalate_after=timedelta(minutes=20),
)


@pytest.fixture(params=[*SQL_BACKENDS, MEMORY])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend | None]:
    """The database under test; None for the memory store, which has none."""
    if request.param == MEMORY:
        yield None
        return
    async with sql_backend(request.param, tmp_path) as fresh:
        yield fresh


@pytest.fixture
async def store(backend: Backend | None, clock: FakeClock) -> AsyncIterator[Store | MemoryStore]:
    if backend is None:
        yield MemoryStore(clock)
        return
    opened = await backend.open(clock)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture(scope="session")
def people() -> Directory:
    return Directory.load()


@pytest.fixture
def desk(store: Store | MemoryStore, people: Directory, clock: FakeClock) -> Desk:
    return Desk(store, people, Catalogue(bindings=bundled()), clock, TIMING)


def person(people: Directory, handle: str) -> Person:
    found = people.get(handle)
    assert found is not None, handle
    return found
