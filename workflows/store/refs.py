"""Where things were posted: message references per request (to update a decision
message in place) and conversation references per user (Teams proactive messages)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import PostRef
from workflows.store.sql import to_record, upsert_insert
from workflows.store.tables import ConversationRefRow, PostRow


async def record_post(
    conn: AsyncConnection, now: datetime, request_id: str, platform: str, ref: dict[str, Any]
) -> None:
    await conn.execute(
        insert(PostRow).values(request_id=request_id, platform=platform, ref=ref, created_at=now)
    )


async def posts_for(conn: AsyncConnection, request_id: str) -> list[PostRef]:
    query = select(PostRow).where(PostRow.request_id == request_id).order_by(PostRow.id)
    return [to_record(PostRef, row) for row in await conn.execute(query)]


async def save_conversation(
    conn: AsyncConnection, now: datetime, user_id: str, platform: str, ref: dict[str, Any]
) -> None:
    statement = upsert_insert(conn, ConversationRefRow).values(
        user_id=user_id, platform=platform, ref=ref, updated_at=now
    )
    await conn.execute(
        statement.on_conflict_do_update(
            index_elements=[ConversationRefRow.user_id, ConversationRefRow.platform],
            set_={"ref": ref, "updated_at": now},
        )
    )


async def conversation(conn: AsyncConnection, user_id: str, platform: str) -> dict[str, Any] | None:
    query = select(ConversationRefRow.ref).where(
        ConversationRefRow.user_id == user_id, ConversationRefRow.platform == platform
    )
    ref: dict[str, Any] | None = (await conn.execute(query)).scalar_one_or_none()
    return ref


async def conversation_owners(conn: AsyncConnection, platform: str) -> set[str]:
    query = select(ConversationRefRow.user_id).where(ConversationRefRow.platform == platform)
    return set((await conn.execute(query)).scalars())
