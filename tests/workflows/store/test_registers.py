"""The software register, platform references and answer feedback."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.workflows.store.support import START, FakeClock, new_request, scalar
from workflows.store import (
    ConsequenceError,
    OutboxMessage,
    ReminderSpec,
    RequestRecord,
    Store,
    registering,
)


async def test_software_register(store: Store) -> None:
    zoom = await new_request(store)
    slack = await new_request(store, council="crewe")
    entry = await store.register_software(
        name="Zoom",
        version="6.2",
        vendor="Zoom Video",
        request_id=zoom.id,
        approved_by="clerk",
        approved_at=START,
        council="watton",
    )
    again = await store.register_software(
        name="Zoom!",
        version=None,
        vendor=None,
        request_id=zoom.id,
        approved_by="deputy",
        approved_at=START + timedelta(days=1),
        council="watton",
    )
    assert again == entry  # idempotent per request
    await store.register_software(
        name="Slack",
        version=None,
        vendor=None,
        request_id=slack.id,
        approved_by="clerk",
        approved_at=START + timedelta(hours=1),
        council="crewe",
    )
    assert [e.name for e in await store.software_register()] == ["Zoom", "Slack"]
    [watton] = await store.software_register("watton")
    assert watton == entry and watton.approved_at == START and watton.version == "6.2"


async def _approve(store: Store, request: RequestRecord, then: Any) -> Any:
    return await store.transition(
        request.id,
        from_states=("pending",),
        to_state="approved",
        actor_id="clerk",
        action="decision:approve",
        decision="approve",
        notify=[OutboxMessage(recipient="user:amy", payload={"kind": "decided"})],
        cancel_reminders=True,
        then=then,
    )


async def test_an_approval_and_its_register_entry_are_one_transaction(
    store: Store, clock: FakeClock
) -> None:
    request = await new_request(store, reminders=[ReminderSpec(kind="remind", due_at=START)])

    async def refused(conn: AsyncConnection, record: RequestRecord) -> None:
        await registering(name="Zoom", version=None, vendor=None)(conn, record)
        # A second entry the database refuses (no name, no approver): a real failed insert.
        sql = "INSERT INTO software_register (request_id, council) VALUES (:id, 'watton')"
        await conn.execute(text(sql), {"id": record.id})

    with pytest.raises(ConsequenceError, match=request.id) as failed:
        await _approve(store, request, refused)
    assert isinstance(failed.value.__cause__, IntegrityError)
    assert await store.get_request(request.id) == request
    assert await store.software_register() == []
    assert [e.action for e in await store.audit_entries(request.id)] == ["submitted"]
    assert await store.pending_outbox() == []
    assert len(await store.claim_due_reminders()) == 1  # not cancelled either

    later = clock.advance(minutes=5)
    moved = await _approve(store, request, registering(name="Zoom", version="6", vendor=None))
    assert moved.ok and moved.request.decided_at == later
    [entry] = await store.software_register()
    assert (entry.request_id, entry.approved_by, entry.approved_at) == (request.id, "clerk", later)
    assert (await store.verify_audit()).ok


async def test_posts_are_kept_per_request(store: Store, clock: FakeClock) -> None:
    request = await new_request(store)
    await store.record_post(request.id, "slack", {"channel": "C1", "ts": "1.2"})
    clock.advance(seconds=1)
    await store.record_post(request.id, "teams", {"activity_id": "a1"})
    posts = await store.posts_for(request.id)
    assert [(p.platform, p.ref) for p in posts] == [
        ("slack", {"channel": "C1", "ts": "1.2"}),
        ("teams", {"activity_id": "a1"}),
    ]
    assert posts[0].created_at == START
    assert await store.posts_for("SW-0404") == []


async def test_conversation_refs_are_replaced(store: Store) -> None:
    assert await store.conversation_ref("amy", "teams") is None
    await store.save_conversation_ref("amy", "teams", {"conversation": {"id": "1"}})
    await store.save_conversation_ref("amy", "teams", {"conversation": {"id": "2"}})
    await store.save_conversation_ref("amy", "slack", {"channel": "D1"})
    assert await store.conversation_ref("amy", "teams") == {"conversation": {"id": "2"}}
    await store.save_conversation_ref("bob", "teams", {"conversation": {"id": "3"}})
    assert await store.conversation_owners("teams") == {"amy", "bob"}
    assert await store.conversation_owners("slack") == {"amy"}


async def test_feedback_is_recorded(store: Store) -> None:
    await store.record_feedback(
        user_id="amy",
        council="watton",
        question="can I charge my phone?",
        clause_id="watton/5.3",
        helpful=True,
    )
    await store.record_feedback(
        user_id="bob", council="watton", question="?", clause_id=None, helpful=False
    )
    assert await scalar(store, "SELECT count(*) FROM feedback WHERE helpful") == 1
