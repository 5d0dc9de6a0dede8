"""Schema creation by Alembic: fresh databases, restarts, racing replicas, model drift."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from tests.workflows.store.support import Backend, FakeClock, new_request, scalar
from workflows.store import Store
from workflows.store.migrate import alembic_config
from workflows.store.tables import Base

#: The newest migration: a fresh or older database is upgraded to it at start-up.
HEAD = "0003"


async def test_a_fresh_database_is_migrated_to_head(store: Store, backend: Backend) -> None:
    assert store.dialect == backend.name
    assert await scalar(store, "SELECT version_num FROM alembic_version") == HEAD
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


async def test_0002_adds_requester_name_and_keeps_older_requests(
    backend: Backend, clock: FakeClock
) -> None:
    first = await backend.open(clock)
    named = await new_request(first, requester_id="slack-unew", requester_name="Nina Newcomer")
    assert (await first.get_request(named.id)) == named

    def back_to_0001(conn: Connection) -> None:
        command.downgrade(alembic_config(conn), "0001")

    async with first.engine.begin() as conn:  # a database as 0001 left it, with a request
        await conn.run_sync(back_to_0001)
    await first.close()

    again = await backend.open(clock)  # start-up upgrades it to head
    try:
        assert await scalar(again, "SELECT version_num FROM alembic_version") == HEAD
        older = await again.get_request(named.id)
        assert older is not None and older.requester_name is None
        assert older.model_dump(exclude={"requester_name"}) == named.model_dump(
            exclude={"requester_name"}
        )
    finally:
        await again.close()


async def test_0003_keeps_unanswered_questions_and_downgrades_cleanly(
    backend: Backend, clock: FakeClock
) -> None:
    store = await backend.open(clock)
    try:
        row = await store.questions.record_unanswered(
            user_id="staff", council="watton", question="wifi password?", reference=None
        )
        assert await store.questions.mark_asked(row, "filing")
        assert not await store.questions.mark_asked(row, "filing")  # once only
        await store.questions.set_request(row, "QU-0001")
        found = await store.questions.unanswered(row)
        assert found is not None and found.request_id == "QU-0001"
        assert [m.question for m in await store.questions.missed("watton")] == ["wifi password?"]
        assert await store.questions.missed("crewe") == []

        def back_to_0002(conn: Connection) -> None:
            command.downgrade(alembic_config(conn), "0002")

        async with store.engine.begin() as conn:
            await conn.run_sync(back_to_0002)
            tables = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
        assert "unanswered" not in tables
    finally:
        await store.close()
