"""The authorised-software register: what the Clerk approved, when and for which council."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import SoftwareEntry
from workflows.store.sql import to_record, upsert_insert
from workflows.store.tables import SoftwareRow


async def register(conn: AsyncConnection, entry: SoftwareEntry) -> SoftwareEntry:
    """Idempotent per request: registering the same request again returns the first entry."""
    statement = upsert_insert(conn, SoftwareRow).values(entry.model_dump())
    await conn.execute(statement.on_conflict_do_nothing(index_elements=[SoftwareRow.request_id]))
    query = select(SoftwareRow).where(SoftwareRow.request_id == entry.request_id)
    return to_record(SoftwareEntry, (await conn.execute(query)).one())


async def listing(conn: AsyncConnection, council: str | None) -> list[SoftwareEntry]:
    query = select(SoftwareRow).order_by(SoftwareRow.approved_at, SoftwareRow.id)
    if council is not None:
        query = query.where(SoftwareRow.council == council)
    return [to_record(SoftwareEntry, row) for row in await conn.execute(query)]
