"""The authorised-software register: what the Clerk approved, when and for which council."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import RequestRecord, SoftwareEntry
from workflows.store.sql import to_record, upsert_insert
from workflows.store.tables import SoftwareRow


async def register(conn: AsyncConnection, entry: SoftwareEntry) -> SoftwareEntry:
    """Idempotent per request: registering the same request again returns the first entry."""
    statement = upsert_insert(conn, SoftwareRow).values(entry.model_dump())
    await conn.execute(statement.on_conflict_do_nothing(index_elements=[SoftwareRow.request_id]))
    query = select(SoftwareRow).where(SoftwareRow.request_id == entry.request_id)
    return to_record(SoftwareEntry, (await conn.execute(query)).one())


@dataclass(frozen=True, slots=True, kw_only=True)
class Registering:
    """The register entry an approval brings about, stamped with the approval's decider
    and time: a transition's ``then``, so the two are one transaction. Store.transition
    calls it with its connection; a store without one (MemoryStore) keeps ``entry``."""

    name: str
    version: str | None
    vendor: str | None

    def entry(self, record: RequestRecord) -> SoftwareEntry:
        if record.decided_by is None or record.decided_at is None:
            raise ValueError(f"{record.id} has no decision to register")
        return SoftwareEntry(
            name=self.name,
            version=self.version,
            vendor=self.vendor,
            request_id=record.id,
            approved_by=record.decided_by,
            approved_at=record.decided_at,
            council=record.council,
        )

    async def __call__(self, conn: AsyncConnection, record: RequestRecord) -> SoftwareEntry:
        return await register(conn, self.entry(record))


def registering(*, name: str, version: str | None, vendor: str | None) -> Registering:
    return Registering(name=name, version=version, vendor=vendor)


async def listing(conn: AsyncConnection, council: str | None) -> list[SoftwareEntry]:
    query = select(SoftwareRow).order_by(SoftwareRow.approved_at, SoftwareRow.id)
    if council is not None:
        query = query.where(SoftwareRow.council == council)
    return [to_record(SoftwareEntry, row) for row in await conn.execute(query)]
