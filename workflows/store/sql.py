"""Small SQL helpers shared by the store's modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Row, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import InstrumentedAttribute

from workflows.store.connect import POSTGRESQL
from workflows.store.tables import Base

M = TypeVar("M", bound=BaseModel)

Upsert = postgresql.Insert | sqlite.Insert


def upsert_insert(conn: AsyncConnection, table: Any) -> Upsert:
    """An INSERT that understands ON CONFLICT (both dialects spell it the same way)."""
    if conn.dialect.name == POSTGRESQL:
        return postgresql.insert(table)
    return sqlite.insert(table)


def to_record(model: type[M], row: Row[Any]) -> M:
    return model.model_validate(dict(row._mapping))


async def claim(
    conn: AsyncConnection,
    model: type[Base],
    key: InstrumentedAttribute[int],
    *,
    claimable: ColumnElement[bool],
    order_by: Sequence[ColumnElement[Any] | InstrumentedAttribute[Any]],
    limit: int,
    values: dict[str, Any],
) -> list[Row[Any]]:
    """Take up to ``limit`` claimable rows and stamp them with ``values``; rows in order.

    PostgreSQL: FOR UPDATE SKIP LOCKED lets replicas claim side by side without ever
    sharing a row. SQLite ignores it: the write transaction is already exclusive. The
    UPDATE repeats the test (compare-and-set) so a row is never claimed twice either way.
    """
    due = select(key).where(claimable).order_by(*order_by).limit(limit)
    ids = list((await conn.execute(due.with_for_update(skip_locked=True))).scalars())
    if not ids:
        return []
    stamped = (
        update(model)
        .where(key.in_(ids), claimable)
        .values(values)
        .returning(*model.__table__.columns)
    )
    position = {item: index for index, item in enumerate(ids)}
    return sorted(await conn.execute(stamped), key=lambda row: position[row._mapping[key.key]])
