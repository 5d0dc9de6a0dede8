"""Schema creation by Alembic: fresh databases, restarts, racing replicas, model drift."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from tests.workflows.store.support import Backend, FakeClock, new_request, scalar
from workflows.store import Store
from workflows.store.tables import Base


async def test_a_fresh_database_is_migrated_to_head(store: Store, backend: Backend) -> None:
    assert store.dialect == backend.name
    assert await scalar(store, "SELECT version_num FROM alembic_version") == "0001"
    report = await store.verify_audit()
    assert report.ok and report.checked == 0


async def test_reopening_keeps_the_data(backend: Backend, clock: FakeClock) -> None:
    first = await backend.open(clock)
    created = await new_request(first)
    await first.close()

    again = await backend.open(clock)
    try:
        assert await again.get_request(created.id) == created
        following = await new_request(again)
        assert following.id == "SW-0002"
        assert (await again.verify_audit()).ok
    finally:
        await again.close()


async def test_replicas_starting_together_migrate_once(backend: Backend, clock: FakeClock) -> None:
    stores = await asyncio.gather(*(backend.open(clock) for _ in range(4)))
    try:
        assert await scalar(stores[0], "SELECT count(*) FROM alembic_version") == 1
        assert await scalar(stores[0], "SELECT count(*) FROM audit_head") == 1
    finally:
        for opened in stores:
            await opened.close()


async def test_the_migration_matches_the_models(store: Store) -> None:
    def diff(conn: Connection) -> list[Any]:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with store.engine.connect() as conn:
        assert await conn.run_sync(diff) == []
