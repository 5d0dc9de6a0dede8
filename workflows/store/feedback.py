"""Thumbs up/down on answers, kept to find the questions the policy index handles badly."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.tables import FeedbackRow


async def record(
    conn: AsyncConnection,
    now: datetime,
    *,
    user_id: str,
    council: str,
    question: str,
    clause_id: str | None,
    helpful: bool,
) -> None:
    await conn.execute(
        insert(FeedbackRow).values(
            at=now,
            user_id=user_id,
            council=council,
            question=question,
            clause_id=clause_id,
            helpful=helpful,
        )
    )
