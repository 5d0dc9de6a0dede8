"""Reminders on SQLite, PostgreSQL and in memory: an unacknowledged virus report is chased,
then escalated, once each, and across a restart."""

from __future__ import annotations

from tests.workflows.conftest import TIMING, person, sql_only
from tests.workflows.desk_support import CATALOGUE, actions, file, outbox
from tests.workflows.store.support import Backend, FakeClock
from workflows.desk import Desk, Done
from workflows.events import CLERK_CHANNEL
from workflows.people import Directory
from workflows.store import Store

# Reminders ----------------------------------------------------------------------------------


async def test_an_unacknowledged_virus_report_reminds_then_escalates(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=29)
    assert await desk.fire_reminders() == 0
    clock.advance(minutes=1)
    assert await desk.fire_reminders() == 1
    [reminder] = [i for i in await store.pending_outbox() if i.payload["kind"] == "reminder"]
    assert (reminder.recipient, reminder.payload["level"], reminder.urgent) == (
        CLERK_CHANNEL,
        "reminder",
        True,
    )
    assert await desk.fire_reminders() == 0  # each reminder fires once
    clock.advance(minutes=19)
    assert await desk.fire_reminders() == 0
    clock.advance(minutes=1)
    assert await desk.fire_reminders() == 1
    assert [(r, lv) for r, k, lv in await outbox(store) if k == "reminder"] == [
        (CLERK_CHANNEL, "reminder"),
        ("user:deputy", "escalation"),
    ]
    clock.advance(hours=24)
    assert await desk.fire_reminders() == 0
    assert await actions(store, record.id) == ["submitted", "reminder", "escalation"]


async def test_no_reminder_after_acknowledgement(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=10)
    done = await desk.decide(record.id, "acknowledge", person(desk.people, "clerk"))
    assert isinstance(done, Done) and done.request.state == "acknowledged"
    assert done.request.data["acknowledged"] == {"by": "clerk", "at": clock.now.isoformat()}
    clock.advance(hours=2)
    assert await desk.fire_reminders() == 0
    assert not any(k == "reminder" for _, k, _ in await outbox(store))
    resolved = await desk.decide(record.id, "resolve", person(desk.people, "deputy"), "Wiped")
    assert isinstance(resolved, Done) and resolved.request.decision == "resolve"


async def test_no_escalation_after_acknowledging_the_reminder(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=30)
    assert await desk.fire_reminders() == 1
    await desk.decide(record.id, "acknowledge", person(desk.people, "deputy"))
    clock.advance(hours=1)
    assert await desk.fire_reminders() == 0
    assert not any(r == "user:deputy" for r, _, _ in await outbox(store))


async def test_other_requests_are_never_chased(desk: Desk, clock: FakeClock) -> None:
    await file(desk, "software")
    await file(desk, "abusive_post")
    clock.advance(days=3)
    assert await desk.fire_reminders() == 0


@sql_only  # a restart reopens the database
async def test_reminders_survive_a_restart(
    backend: Backend, store: Store, people: Directory, clock: FakeClock
) -> None:
    first = Desk(store, people, CATALOGUE, clock, TIMING)
    record = await file(first, "virus")
    await store.close()
    reopened = await backend.open(clock)
    try:
        again = Desk(reopened, people, CATALOGUE, clock, TIMING)
        clock.advance(minutes=31)
        assert await again.fire_reminders() == 1
        assert await actions(reopened, record.id) == ["submitted", "reminder"]
    finally:
        await reopened.close()
