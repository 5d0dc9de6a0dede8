"""The outbox dispatcher: a failed notification is kept and retried, never dropped."""

from __future__ import annotations

import datetime as dt

from bot.app import Core
from bot.core.outbox import MAX_BACKOFF, Dispatcher, backoff
from bot.messages import Reply
from tests.workflows.store.support import FakeClock
from workflows.events import CLERK_CHANNEL
from workflows.software import SOFTWARE
from workflows.store import OutboxItem

FORM = {
    "name": "Zoom",
    "version": "6.2",
    "purpose": "Remote committee meetings",
    "devices": "Office laptop",
    "cost": "Free",
    "personal_data": False,
}


class FlakySend:
    """Fails the first `failures` calls (a platform outage), then records deliveries."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.delivered: list[tuple[str, Reply]] = []

    async def __call__(self, recipient: str, reply: Reply, item: OutboxItem) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("slack is down")
        self.delivered.append((recipient, reply))


def test_backoff_grows_and_is_capped() -> None:
    assert backoff(0) == dt.timedelta(seconds=5)
    assert backoff(1) == dt.timedelta(seconds=10)
    assert backoff(3) == dt.timedelta(seconds=40)
    assert backoff(50) == MAX_BACKOFF


async def test_a_failed_notification_is_retried_after_backoff(core: Core, clock: FakeClock) -> None:
    staff = core.people.get("staff")
    assert staff is not None
    filed = await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    assert not hasattr(filed, "reason")
    send = FlakySend(failures=1)
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)

    assert await dispatcher.run_once() == 0
    [pending] = await core.store.pending_outbox()
    assert pending.attempts == 1
    assert pending.last_error is not None and "slack is down" in pending.last_error

    assert await dispatcher.run_once() == 0, "not due again before the back-off has passed"
    assert send.delivered == []

    clock.advance(seconds=6)
    assert await dispatcher.run_once() == 1
    [(recipient, reply)] = send.delivered
    assert recipient == CLERK_CHANNEL
    assert reply.request_id == pending.request_id
    assert reply.buttons[0].value.endswith(":approve")
    assert await core.store.pending_outbox() == []
    assert await dispatcher.run_once() == 0, "delivered once, not again"


async def test_a_notification_survives_many_failures(core: Core, clock: FakeClock) -> None:
    staff = core.people.get("staff")
    assert staff is not None
    await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    send = FlakySend(failures=5)
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)
    for _ in range(5):
        await dispatcher.run_once()
        clock.advance(hours=1)
    assert await dispatcher.run_once() == 1
    assert len(send.delivered) == 1
