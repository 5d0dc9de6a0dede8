"""URL handling and SQLite connection settings (no database server involved)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.workflows.store.support import FakeClock, scalar
from workflows.store import Store
from workflows.store.connect import normalise_url


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("sqlite:///data/clerkbot.db", "sqlite+aiosqlite"),
        ("sqlite+aiosqlite:///data/clerkbot.db", "sqlite+aiosqlite"),
        ("postgresql://u@db/clerkbot", "postgresql+asyncpg"),
        ("postgres://u@db/clerkbot", "postgresql+asyncpg"),
        ("postgresql+asyncpg://u@db/clerkbot", "postgresql+asyncpg"),
    ],
)
def test_urls_get_async_drivers(given: str, driver: str) -> None:
    assert normalise_url(given).drivername == driver


@pytest.mark.parametrize(
    "given", ["mysql://u@db/x", "postgresql+psycopg2://u@db/x", "sqlite+pysqlite:///x.db"]
)
def test_other_databases_and_drivers_are_refused(given: str) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        normalise_url(given)


@pytest.mark.parametrize("given", ["sqlite://", "sqlite:///:memory:"])
async def test_in_memory_sqlite_is_refused(given: str) -> None:
    with pytest.raises(ValueError, match="file"):
        await Store.open(given)


async def test_sqlite_settings(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "clerkbot.db"  # parent folders are created
    store = await Store.open(f"sqlite:///{path}", FakeClock())
    try:
        assert await scalar(store, "PRAGMA journal_mode") == "wal"
        assert await scalar(store, "PRAGMA foreign_keys") == 1
        assert await scalar(store, "PRAGMA busy_timeout") == 30_000
    finally:
        await store.close()
    with pytest.raises(ValueError, match="schema"):
        await Store.open(f"sqlite:///{path}", schema="x")


async def test_ping_answers_while_the_database_does(tmp_path: Path, clock: FakeClock) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'ping.db'}", clock)
    await store.ping()
    await store.close()
    (tmp_path / "ping.db").unlink()
    (tmp_path / "ping.db").mkdir()  # a folder where the file was: nothing can open it
    before = set(threading.enumerate())
    with pytest.raises(OperationalError):
        await store.ping()
    # aiosqlite stops a failed connection's worker thread without waiting for it; if
    # the loop closes first, that thread fails into whichever test runs next.
    for thread in set(threading.enumerate()) - before:
        await asyncio.to_thread(thread.join, 5)
        assert not thread.is_alive()
    await store.close()
