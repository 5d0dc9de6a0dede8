"""What answers missed, for the Clerk's policy review: questions the policy didn't
answer, 👎 on answers, and the questions people then put to the Clerk.

A narrow port over the store's connections, kept apart from the request facade.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime

from pydantic import AwareDatetime
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from workflows.store.records import Record
from workflows.store.tables import FeedbackRow, UnansweredRow


class Unanswered(Record):
    id: int
    at: AwareDatetime
    user_id: str
    council: str
    question: str
    reference: str | None
    request_id: str | None


class Missed(Record):
    """One line of the review: a 👎 answer or a question the policy didn't answer."""

    at: AwareDatetime
    kind: str
    question: str
    #: The clause the 👎 was given to, or the other council's clause shown for reference.
    clause_id: str | None
    #: For an unanswered question put to the Clerk: its request (QU-0001).
    request_id: str | None = None


class QuestionLog:
    def __init__(
        self,
        write: Callable[[], AbstractAsyncContextManager[AsyncConnection]],
        reader: AsyncEngine,
        now: Callable[[], datetime],
    ) -> None:
        self._write = write
        self._reader = reader
        self._now = now

    async def record_unanswered(
        self, *, user_id: str, council: str, question: str, reference: str | None
    ) -> int:
        row = {"at": self._now(), "user_id": user_id, "council": council, "question": question}
        async with self._write() as conn:
            result = await conn.execute(
                insert(UnansweredRow).values(**row, reference=reference).returning(UnansweredRow.id)
            )
            return int(result.scalar_one())

    async def unanswered(self, row_id: int) -> Unanswered | None:
        async with self._reader.connect() as conn:
            found = await conn.execute(select(UnansweredRow).where(UnansweredRow.id == row_id))
            row = found.mappings().first()
        return Unanswered.model_validate(dict(row)) if row else None

    async def mark_asked(self, row_id: int, request_id: str) -> bool:
        """Tie the question to its request, once: False when it was already asked."""
        async with self._write() as conn:
            moved = await conn.execute(
                update(UnansweredRow)
                .where(UnansweredRow.id == row_id, UnansweredRow.request_id.is_(None))
                .values(request_id=request_id)
            )
            return moved.rowcount == 1

    async def set_request(self, row_id: int, request_id: str | None) -> None:
        """The request filed from the question (None: filing failed, it may be asked again)."""
        async with self._write() as conn:
            row = update(UnansweredRow).where(UnansweredRow.id == row_id)
            await conn.execute(row.values(request_id=request_id))

    async def missed(self, council: str | None = None) -> list[Missed]:
        """👎 answers and unanswered questions, oldest first."""
        async with self._reader.connect() as conn:
            out = [m async for m in _thumbs_down(conn, council)]
            out += [m async for m in _not_covered(conn, council)]
        return sorted(out, key=lambda m: m.at)


async def _thumbs_down(conn: AsyncConnection, council: str | None) -> AsyncIterator[Missed]:
    query = select(FeedbackRow).where(FeedbackRow.helpful.is_(False))
    if council:
        query = query.where(FeedbackRow.council == council)
    for row in (await conn.execute(query)).mappings():
        yield Missed(
            at=row["at"], kind="not helpful", question=row["question"], clause_id=row["clause_id"]
        )


async def _not_covered(conn: AsyncConnection, council: str | None) -> AsyncIterator[Missed]:
    query = select(UnansweredRow)
    if council:
        query = query.where(UnansweredRow.council == council)
    for row in (await conn.execute(query)).mappings():
        yield Missed(
            at=row["at"],
            kind="not covered",
            question=row["question"],
            clause_id=row["reference"],
            request_id=row["request_id"],
        )
