"""The notification outbox: messages are stored with the change that caused them and
retried until a sender marks them delivered."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import OutboxItem, OutboxMessage
from workflows.store.sql import claim, to_record
from workflows.store.tables import OutboxRow


async def enqueue(conn: AsyncConnection, now: datetime, message: OutboxMessage) -> int:
    statement = insert(OutboxRow).values(
        **message.model_dump(),
        attempts=0,
        created_at=now,
        next_attempt_at=now,
    )
    item_id: int = (await conn.execute(statement.returning(OutboxRow.id))).scalar_one()
    return item_id


def _claimable(now: datetime, recipients: Collection[str] | None) -> ColumnElement[bool]:
    condition = and_(
        OutboxRow.delivered_at.is_(None),
        OutboxRow.next_attempt_at <= now,
        or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until <= now),
    )
    if recipients is not None:
        condition = and_(condition, OutboxRow.recipient.in_(list(recipients)))
    return condition


async def claim_due(
    conn: AsyncConnection,
    now: datetime,
    *,
    limit: int,
    lease: timedelta,
    recipients: Collection[str] | None,
) -> list[OutboxItem]:
    rows = await claim(
        conn,
        OutboxRow,
        OutboxRow.id,
        claimable=_claimable(now, recipients),
        order_by=[OutboxRow.urgent.desc(), OutboxRow.next_attempt_at, OutboxRow.id],
        limit=limit,
        values={"claimed_until": now + lease},
    )
    return [to_record(OutboxItem, row) for row in rows]


async def mark_delivered(conn: AsyncConnection, now: datetime, item_id: int) -> None:
    await conn.execute(
        update(OutboxRow)
        .where(OutboxRow.id == item_id)
        .values(delivered_at=now, claimed_until=None)
    )


async def mark_failed(conn: AsyncConnection, item_id: int, error: str, retry_at: datetime) -> None:
    await conn.execute(
        update(OutboxRow)
        .where(OutboxRow.id == item_id)
        .values(
            attempts=OutboxRow.attempts + 1,
            last_error=error,
            next_attempt_at=retry_at,
            claimed_until=None,
        )
    )


async def pending(conn: AsyncConnection, recipients: Collection[str] | None) -> list[OutboxItem]:
    query = select(OutboxRow).where(OutboxRow.delivered_at.is_(None)).order_by(OutboxRow.id)
    if recipients is not None:
        query = query.where(OutboxRow.recipient.in_(list(recipients)))
    return [to_record(OutboxItem, row) for row in await conn.execute(query)]
