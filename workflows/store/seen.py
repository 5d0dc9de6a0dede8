"""Platform event ids already handled, so a redelivered event is processed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.sql import upsert_insert
from workflows.store.tables import SeenEvent


async def first_time(conn: AsyncConnection, now: datetime, key: str) -> bool:
    # Insert-if-absent in one statement: the unique key decides between racing callers.
    statement = upsert_insert(conn, SeenEvent).values(key=key, seen_at=now)
    statement = statement.on_conflict_do_nothing(index_elements=[SeenEvent.key])
    inserted = (await conn.execute(statement.returning(SeenEvent.key))).first()
    return inserted is not None


async def purge(conn: AsyncConnection, before: datetime) -> int:
    result = await conn.execute(delete(SeenEvent).where(SeenEvent.seen_at < before))
    return result.rowcount
