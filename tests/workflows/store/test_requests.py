"""Requests: id allocation, creation side effects, listing, compare-and-set transitions."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta

import pytest

from tests.workflows.store.support import START, Backend, FakeClock, execute, new_request, scalar
from workflows.store import OutboxMessage, ReminderSpec, Store


async def test_ids_count_up_per_prefix(store: Store) -> None:
    ids = [(await new_request(store, prefix=prefix)).id for prefix in ("SW", "SW", "VR", "SW")]
    assert ids == ["SW-0001", "SW-0002", "VR-0001", "SW-0003"]
    with pytest.raises(ValueError, match="prefix"):
        await new_request(store, prefix="sw-")


async def test_ids_widen_past_four_digits(store: Store) -> None:
    await new_request(store)
    await execute(store, "UPDATE counters SET value = 9999 WHERE prefix = 'SW'")
    assert (await new_request(store)).id == "SW-10000"


async def test_concurrent_creates_get_distinct_ids(store: Store) -> None:
    created = await asyncio.gather(*(new_request(store) for _ in range(20)))
    assert sorted(r.id for r in created) == [f"SW-{n:04d}" for n in range(1, 21)]
    assert (await store.verify_audit()).checked == 20


async def test_create_records_everything_in_one_go(store: Store, clock: FakeClock) -> None:
    due = START + timedelta(hours=4)
    record = await new_request(
        store,
        notify=[OutboxMessage(recipient="channel:clerk", payload={"kind": "new"}, urgent=True)],
        reminders=[ReminderSpec(kind="remind", due_at=due)],
    )
    assert record.state == "pending" and record.version == 1 and record.decision is None
    assert record.created_at == record.updated_at == START
    assert record.created_at.tzinfo == UTC
    assert await store.get_request(record.id) == record
    [entry] = await store.audit_entries(record.id)
    assert (entry.action, entry.actor_id, entry.payload["data"]) == (
        "submitted",
        "amy",
        record.data,
    )
    [message] = await store.pending_outbox()
    assert (message.request_id, message.urgent, message.payload) == (
        record.id,
        True,
        {"kind": "new"},
    )
    clock.now = due
    [reminder] = await store.claim_due_reminders()
    assert (reminder.request_id, reminder.kind) == (record.id, "remind")


async def test_data_is_stored_as_json(store: Store) -> None:
    record = await new_request(store, data={"when": START.date(), "tags": ("a", "b")})
    assert record.data == {"when": "2026-11-21", "tags": ["a", "b"]}
    assert (await store.get_request(record.id)) == record


async def test_listing_is_newest_first_and_filters(store: Store, clock: FakeClock) -> None:
    first = await new_request(store)
    clock.advance(minutes=1)
    second = await new_request(store, requester_id="bob", workflow="virus", prefix="VR")
    clock.advance(minutes=1)
    third = await new_request(store, state="acknowledged")
    assert [r.id for r in await store.list_requests()] == [third.id, second.id, first.id]
    assert [r.id for r in await store.list_requests(requester_id="bob")] == [second.id]
    assert [r.id for r in await store.list_requests(states={"pending"})] == [second.id, first.id]
    assert [r.id for r in await store.list_requests(workflow="software", limit=1)] == [third.id]
    with pytest.raises(TypeError):
        await store.list_requests(states="pending")


async def test_a_transition_records_the_decision(store: Store, clock: FakeClock) -> None:
    created = await new_request(store, reminders=[ReminderSpec(kind="remind", due_at=START)])
    later = clock.advance(minutes=5)
    moved = await store.transition(
        created.id,
        from_states=("pending",),
        to_state="approved",
        actor_id="clerk",
        action="decision:approve",
        note="fine",
        data_patch={"licence": "free"},
        decision="approve",
        notify=[OutboxMessage(recipient="user:amy", payload={"kind": "decided"})],
        reminders=[ReminderSpec(kind="review", due_at=later + timedelta(days=365))],
        cancel_reminders=True,
    )
    assert moved.ok and moved.request is not None
    request = moved.request
    assert (request.state, request.version, request.updated_at) == ("approved", 2, later)
    assert (request.decision, request.decided_by, request.decided_at) == ("approve", "clerk", later)
    assert request.decision_note == "fine"
    assert request.data == {**created.data, "licence": "free"}
    assert await store.get_request(created.id) == request
    entry = (await store.audit_entries(created.id))[-1]
    assert entry.action == "decision:approve"
    assert entry.payload["from"] == "pending" and entry.payload["to"] == "approved"
    [message] = await store.pending_outbox(recipients=["user:amy"])
    assert message.request_id == created.id
    assert await store.claim_due_reminders() == []  # the old one was cancelled
    clock.advance(days=366)
    assert [r.kind for r in await store.claim_due_reminders()] == ["review"]


async def test_a_transition_without_decision_leaves_decision_fields(store: Store) -> None:
    created = await new_request(store)
    moved = await store.transition(
        created.id,
        from_states=["pending"],
        to_state="acknowledged",
        actor_id="clerk",
        action="acknowledge",
        note="looking",
    )
    assert moved.request is not None and moved.request.decision is None
    assert moved.request.decision_note is None


async def test_exactly_one_of_many_concurrent_transitions_wins(store: Store) -> None:
    created = await new_request(store)

    async def approve(clerk: int) -> bool:
        moved = await store.transition(
            created.id,
            from_states=("pending",),
            to_state="approved",
            actor_id=f"clerk{clerk}",
            action="decision:approve",
            decision="approve",
            notify=[OutboxMessage(recipient="user:amy", payload={"by": clerk})],
        )
        assert moved.request is not None and moved.request.state == "approved"
        return moved.ok

    results = await asyncio.gather(*(approve(n) for n in range(20)))
    assert results.count(True) == 1
    final = await store.get_request(created.id)
    assert final is not None and final.version == 2
    assert final.decided_by == f"clerk{results.index(True)}"
    assert [e.action for e in await store.audit_entries(created.id)] == [
        "submitted",
        "decision:approve",
    ]
    assert len(await store.pending_outbox()) == 1
    assert (await store.verify_audit()).ok


async def test_a_failed_transition_changes_nothing(store: Store, clock: FakeClock) -> None:
    created = await new_request(store)
    clock.advance(minutes=3)
    first = await store.transition(
        created.id,
        from_states={"pending"},
        to_state="approved",
        actor_id="clerk",
        action="decision:approve",
        decision="approve",
    )
    clock.advance(minutes=3)
    audit_before = await store.audit_entries()
    second = await store.transition(
        created.id,
        from_states={"pending"},
        to_state="declined",
        actor_id="deputy",
        action="decision:decline",
        decision="decline",
        data_patch={"x": 1},
        notify=[OutboxMessage(recipient="user:amy", payload={})],
        reminders=[ReminderSpec(kind="remind", due_at=START)],
        cancel_reminders=True,
    )
    assert not second.ok
    assert second.request == first.request  # the current record: approved by the clerk
    assert await store.get_request(created.id) == first.request
    assert await store.audit_entries() == audit_before
    assert await store.pending_outbox() == []
    assert await scalar(store, "SELECT count(*) FROM reminders") == 0


async def test_unknown_requests_and_bare_strings(store: Store) -> None:
    moved = await store.transition(
        "SW-0404", from_states=["pending"], to_state="approved", actor_id="clerk", action="x"
    )
    assert not moved.ok and moved.request is None
    created = await new_request(store)
    with pytest.raises(TypeError):  # "pending" would match the state "pen"
        await store.transition(
            created.id, from_states="pending", to_state="approved", actor_id="clerk", action="x"
        )


async def test_two_replicas_race_and_one_wins(
    store: Store, backend: Backend, clock: FakeClock
) -> None:
    # A second Store on the same database stands in for another process: on SQLite the
    # two meet at BEGIN IMMEDIATE and the busy timeout, not at the in-process lock.
    other = await backend.open(clock)
    created = await new_request(store)
    try:
        moves = [
            replica.transition(
                created.id, from_states=["pending"], to_state=state, actor_id="clerk", action=state
            )
            for replica in (store, other)
            for state in ("approved", "declined") * 5
        ]
        results = await asyncio.gather(*moves, *(new_request(r) for r in (store, other) * 5))
    finally:
        await other.close()
    assert [moved.ok for moved in results[:20]].count(True) == 1
    assert len({record.id for record in results[20:]}) == 10
    assert (await store.verify_audit()).ok
