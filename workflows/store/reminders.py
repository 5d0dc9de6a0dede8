"""Reminders kept in the database so they survive restarts and fire exactly once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import Reminder, ReminderSpec
from workflows.store.sql import claim, to_record
from workflows.store.tables import ReminderRow


def _pending() -> ColumnElement[bool]:
    return and_(ReminderRow.fired_at.is_(None), ReminderRow.cancelled_at.is_(None))


async def schedule(
    conn: AsyncConnection, now: datetime, request_id: str, spec: ReminderSpec
) -> int:
    statement = insert(ReminderRow).values(
        **spec.model_dump(), request_id=request_id, created_at=now
    )
    reminder_id: int = (await conn.execute(statement.returning(ReminderRow.id))).scalar_one()
    return reminder_id


async def claim_due(conn: AsyncConnection, now: datetime, limit: int) -> list[Reminder]:
    rows = await claim(
        conn,
        ReminderRow,
        ReminderRow.id,
        claimable=and_(_pending(), ReminderRow.due_at <= now),
        order_by=[ReminderRow.due_at, ReminderRow.id],
        limit=limit,
        values={"fired_at": now},
    )
    return [to_record(Reminder, row) for row in rows]


async def cancel(conn: AsyncConnection, now: datetime, request_id: str) -> int:
    result = await conn.execute(
        update(ReminderRow)
        .where(ReminderRow.request_id == request_id, _pending())
        .values(cancelled_at=now)
    )
    return result.rowcount
