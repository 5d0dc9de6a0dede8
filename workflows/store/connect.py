"""Engine creation: SQLite (aiosqlite, WAL, BEGIN IMMEDIATE) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BUSY_TIMEOUT_MS = 30_000
# Execution option marking read-only work: on SQLite it gets a plain (deferred) BEGIN so
# readers never queue behind the write lock.
READ_ONLY = "clerkbot_read_only"

_ASYNC_DRIVERS = MappingProxyType({SQLITE: "sqlite+aiosqlite", POSTGRESQL: "postgresql+asyncpg"})


def normalise_url(url: str) -> URL:
    """Accept the usual spellings (``sqlite:///x``, ``postgres://``) and pick async drivers."""
    parsed = make_url(url)
    named = parsed.get_backend_name()
    driver = _ASYNC_DRIVERS.get(POSTGRESQL if named == "postgres" else named)
    if driver is None:
        raise ValueError(f"unsupported database {url!r}: use sqlite or postgresql")
    if parsed.drivername not in (named, driver):
        raise ValueError(f"unsupported driver {parsed.drivername!r}: use {driver}")
    return parsed.set(drivername=driver)


def create_engine(url: str, *, schema: str | None = None) -> AsyncEngine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == SQLITE:
        if schema is not None:
            raise ValueError("schema= is for PostgreSQL; a SQLite store is its own file")
        return _sqlite_engine(parsed)
    return _postgres_engine(parsed, schema)


def _sqlite_engine(url: URL) -> AsyncEngine:
    database = url.database or ""
    if database in ("", ":memory:") or "mode=memory" in str(url):
        # One in-memory connection is shared by every coroutine, so transactions would mix.
        raise ValueError("the store needs a SQLite file, not an in-memory database")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine.sync_engine, "connect", _sqlite_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Take BEGIN away from the driver so _sqlite_begin decides DEFERRED vs IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _wal(cursor)
    for pragma in ("foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _wal(cursor: Any) -> None:
    # Switching a new file to WAL needs an exclusive lock and SQLite may answer "database
    # is locked" at once, without its busy handler, while another replica is migrating
    # the same new file (seen as a flaky start-up race): wait for it, up to the timeout.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(connection: Connection) -> None:
    # A write transaction takes the write lock up front: concurrent writers wait on the
    # busy timeout instead of failing with "database is locked" when upgrading a read lock.
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _postgres_engine(url: URL, schema: str | None) -> AsyncEngine:
    connect_args: dict[str, Any] = {}
    if schema is not None:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(url, connect_args=connect_args, pool_pre_ping=True)
