"""Requests: id allocation per prefix, creation and compare-and-set transitions."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import RequestRecord
from workflows.store.sql import to_record, upsert_insert
from workflows.store.tables import Counter, RequestRow

_PREFIX = re.compile(r"[A-Z][A-Z0-9]{0,15}")
ID_DIGITS = 4

#: What a transition brings about (a register entry), written in the transition's own
#: transaction and given the request as it now is: both are kept, or neither.
Consequence = Callable[[AsyncConnection, RequestRecord], Awaitable[object]]


class ConsequenceError(Exception):
    """A transition's consequence failed, so the transition was not made either."""


@contextmanager
def consequence_of(request_id: str) -> Iterator[None]:
    """Whatever a consequence raises, as ConsequenceError (every store raises the same)."""
    try:
        yield
    except Exception as error:  # raised on, it rolls the whole transaction back
        raise ConsequenceError(f"{request_id}: {type(error).__name__}: {error}") from error


async def bring_about(conn: AsyncConnection, then: Consequence, record: RequestRecord) -> None:
    with consequence_of(record.id):
        await then(conn, record)


def check_prefix(prefix: str) -> None:
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"request id prefix {prefix!r} must be capital letters/digits")


def numbered(prefix: str, number: int) -> str:
    """The prefix's ``number``-th id ("SW-0001", ...; wider past 9999)."""
    return f"{prefix}-{number:0{ID_DIGITS}d}"


def reject_str(name: str, value: Collection[str] | None) -> None:
    # A bare string is a Collection[str] too, and "in" would then match substrings.
    if isinstance(value, str):
        raise TypeError(f"{name} must be a collection of strings, not the string {value!r}")


async def allocate_id(conn: AsyncConnection, prefix: str) -> str:
    """The next id for the prefix (see ``numbered``).

    A single upsert: the counter row's lock (PostgreSQL) or the write lock (SQLite)
    makes concurrent allocations queue, so no number is handed out twice.
    """
    check_prefix(prefix)
    statement = upsert_insert(conn, Counter).values(prefix=prefix, value=1)
    statement = statement.on_conflict_do_update(
        index_elements=[Counter.prefix], set_={"value": Counter.value + 1}
    )
    number = (await conn.execute(statement.returning(Counter.value))).scalar_one()
    return numbered(prefix, number)


async def insert_request(conn: AsyncConnection, record: RequestRecord) -> None:
    await conn.execute(insert(RequestRow).values(record.model_dump()))


def new_record(
    now: datetime,
    *,
    request_id: str,
    workflow: str,
    council: str,
    requester_id: str,
    requester_name: str | None,
    data: dict[str, Any],
    state: str,
) -> RequestRecord:
    """A request as filed: undecided, version 1 (every store files it the same way)."""
    return RequestRecord(
        id=request_id,
        workflow=workflow,
        council=council,
        requester_id=requester_id,
        requester_name=requester_name,
        data=data,
        state=state,
        decision=None,
        decided_by=None,
        decided_at=None,
        decision_note=None,
        created_at=now,
        updated_at=now,
        version=1,
    )


async def get(conn: AsyncConnection, request_id: str) -> RequestRecord | None:
    row = (await conn.execute(select(RequestRow).where(RequestRow.id == request_id))).first()
    return None if row is None else to_record(RequestRecord, row)


async def listing(
    conn: AsyncConnection,
    *,
    requester_id: str | None,
    states: Collection[str] | None,
    workflow: str | None,
    limit: int,
) -> list[RequestRecord]:
    query = select(RequestRow).order_by(RequestRow.created_at.desc(), RequestRow.id.desc())
    if requester_id is not None:
        query = query.where(RequestRow.requester_id == requester_id)
    if states is not None:
        query = query.where(RequestRow.state.in_(list(states)))
    if workflow is not None:
        query = query.where(RequestRow.workflow == workflow)
    rows = await conn.execute(query.limit(limit))
    return [to_record(RequestRecord, row) for row in rows]


async def locked(conn: AsyncConnection, request_id: str) -> RequestRecord | None:
    """The request, row-locked until commit on PostgreSQL (on SQLite the transaction
    already holds the write lock): what a transition reads is what it changes.

    FOR NO KEY UPDATE, as the UPDATE itself takes: outbox rows may still reference it.
    """
    query = select(RequestRow).where(RequestRow.id == request_id)
    query = query.with_for_update(key_share=True)
    row = (await conn.execute(query)).first()
    return None if row is None else to_record(RequestRecord, row)


async def compare_and_set(
    conn: AsyncConnection,
    now: datetime,
    request_id: str,
    *,
    from_states: Collection[str],
    values: dict[str, Any],
) -> RequestRecord | None:
    """Apply ``values`` only if the request is still in one of ``from_states``.

    The state test sits in the UPDATE itself, so of any number of concurrent callers
    exactly one matches; the others see the new state and match nothing.
    """
    statement = (
        update(RequestRow)
        .where(RequestRow.id == request_id, RequestRow.state.in_(list(from_states)))
        .values(**values, updated_at=now, version=RequestRow.version + 1)
        .returning(*RequestRow.__table__.columns)
    )
    row = (await conn.execute(statement)).first()
    return None if row is None else to_record(RequestRecord, row)
