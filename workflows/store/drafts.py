"""Drafts: the one workflow in progress per conversation, with an expiry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import Draft
from workflows.store.sql import to_record, upsert_insert
from workflows.store.tables import DraftRow


async def load(conn: AsyncConnection, now: datetime, conversation: str) -> Draft | None:
    query = select(DraftRow).where(DraftRow.conversation == conversation, DraftRow.expires_at > now)
    row = (await conn.execute(query)).first()
    return None if row is None else to_record(Draft, row)


async def load_many(
    conn: AsyncConnection, now: datetime, conversations: Sequence[str]
) -> dict[str, Draft]:
    query = select(DraftRow).where(
        DraftRow.conversation.in_(conversations), DraftRow.expires_at > now
    )
    return {row.conversation: to_record(Draft, row) for row in await conn.execute(query)}


async def save(
    conn: AsyncConnection,
    now: datetime,
    *,
    conversation: str,
    user_id: str,
    workflow: str,
    state: dict[str, Any],
    expires_at: datetime,
) -> None:
    values = {
        "user_id": user_id,
        "workflow": workflow,
        "state": state,
        "updated_at": now,
        "expires_at": expires_at,
    }
    statement = upsert_insert(conn, DraftRow).values(conversation=conversation, **values)
    await conn.execute(
        statement.on_conflict_do_update(index_elements=[DraftRow.conversation], set_=values)
    )


async def remove(conn: AsyncConnection, conversation: str) -> None:
    await conn.execute(delete(DraftRow).where(DraftRow.conversation == conversation))


async def purge_expired(conn: AsyncConnection, now: datetime) -> int:
    result = await conn.execute(delete(DraftRow).where(DraftRow.expires_at <= now))
    return result.rowcount
