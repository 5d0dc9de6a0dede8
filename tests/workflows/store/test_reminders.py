"""Reminders: due ones fire once, cancelled ones never, and they survive a restart."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.workflows.store.support import START, Backend, FakeClock, new_request
from workflows.store import ReminderSpec, Store


async def test_a_reminder_fires_once_when_due(store: Store, clock: FakeClock) -> None:
    request = await new_request(store)
    due = START + timedelta(hours=2)
    reminder_id = await store.schedule_reminder(
        request.id, ReminderSpec(kind="remind", due_at=due, payload={"level": 1})
    )
    assert await store.claim_due_reminders() == []
    clock.now = due
    [fired] = await store.claim_due_reminders()
    assert (fired.id, fired.request_id, fired.kind, fired.due_at) == (
        reminder_id,
        request.id,
        "remind",
        due,
    )
    assert fired.payload == {"level": 1}
    assert await store.claim_due_reminders() == []


async def test_cancelled_reminders_never_fire(store: Store, clock: FakeClock) -> None:
    request = await new_request(store)
    other = await new_request(store)
    for kind in ("remind", "escalate"):
        await store.schedule_reminder(request.id, ReminderSpec(kind=kind, due_at=START))
    await store.schedule_reminder(other.id, ReminderSpec(kind="remind", due_at=START))
    assert await store.cancel_reminders(request.id) == 2
    assert await store.cancel_reminders(request.id) == 0
    assert [r.request_id for r in await store.claim_due_reminders()] == [other.id]


async def test_concurrent_claims_fire_each_reminder_once(store: Store) -> None:
    request = await new_request(store)
    for n in range(10):
        await store.schedule_reminder(request.id, ReminderSpec(kind=f"k{n}", due_at=START))
    batches = await asyncio.gather(*(store.claim_due_reminders(limit=3) for _ in range(6)))
    fired = [r.id for batch in batches for r in batch]
    assert len(fired) == len(set(fired)) == 10


async def test_reminders_survive_a_restart(backend: Backend, clock: FakeClock) -> None:
    first = await backend.open(clock)
    request = await new_request(first)
    await first.schedule_reminder(request.id, ReminderSpec(kind="remind", due_at=START))
    await first.close()
    again = await backend.open(clock)
    try:
        assert [r.kind for r in await again.claim_due_reminders()] == ["remind"]
    finally:
        await again.close()
