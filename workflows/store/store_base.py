"""The Store's plumbing, shared by every group of its methods: the engine and its
read-only twin, the SQLite write lock, the clock, and opening, closing and pinging.

Writes go through ``_write()`` (one transaction, BEGIN IMMEDIATE on SQLite); reads open
``_reader`` connections, which begin deferred so they never wait for a writer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from workflows.store.clock import Clock, as_utc, utc_now
from workflows.store.connect import READ_ONLY, SQLITE, create_engine
from workflows.store.migrate import upgrade
from workflows.store.question_log import QuestionLog


class StoreBase:
    """Connections and time for the Store's method groups (see store.py)."""

    def __init__(self, engine: AsyncEngine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        # SQLite has one writer at a time anyway: queueing this process's writers here
        # spares them the busy handler's sleep-and-retry. Other processes still wait on
        # BEGIN IMMEDIATE and the busy timeout.
        self._write_lock: AbstractAsyncContextManager[None] = (
            asyncio.Lock() if engine.dialect.name == SQLITE else nullcontext()
        )
        self._clock = clock
        # When first_time next purges old event keys; None: at its first call.
        self._next_seen_purge: datetime | None = None
        self.dialect: str = engine.dialect.name
        #: What answers missed (unanswered questions, 👎), for the Clerk's policy review.
        self.questions = QuestionLog(self._write, self._reader, self._now)

    @classmethod
    async def open(cls, url: str, clock: Clock = utc_now, *, schema: str | None = None) -> Self:
        """Connect and upgrade the schema to head. ``schema`` (PostgreSQL only) sets the
        search_path, so one database can hold several isolated stores (tests)."""
        engine = create_engine(url, schema=schema)
        try:
            await upgrade(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine, clock)

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        """For maintenance and tests; the workflow code goes through the methods."""
        return self._engine

    async def ping(self) -> None:
        """Raises unless the database answers (the servers' /healthz)."""
        async with self._reader.connect() as conn:
            await conn.execute(text("SELECT 1"))

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        async with self._write_lock, self._engine.begin() as conn:
            yield conn

    def _now(self) -> datetime:
        return as_utc(self._clock())
