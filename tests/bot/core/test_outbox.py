"""The outbox dispatcher: a failed notification is kept and retried, never dropped."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

import pytest

from bot.app import Core
from bot.core.clerk_questions import ClerkQuestions
from bot.core.outbox import MAX_BACKOFF, Dispatcher, backoff, fan_out, later
from bot.core.recipients import Delivery, Recipient, recipient
from bot.messages import Reply, ReplyKind
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

    async def __call__(self, item: OutboxItem, reply: Reply) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("slack is down")
        self.delivered.append((item.recipient, reply))


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


class Platform:
    """A Channel that reaches everyone and fails its first `failures` deliveries."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.delivered: list[tuple[str, Reply]] = []

    def reaches(self, recipient: Recipient) -> bool:
        return True

    async def __call__(self, delivery: Delivery, reply: Reply) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("teams is down")
        self.delivered.append((str(delivery.recipient), reply))


async def test_one_platform_failing_is_retried_alone_without_repeating_the_other(
    core: Core, clock: FakeClock
) -> None:
    staff = core.people.get("staff")
    assert staff is not None
    await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    slack, teams = Platform(failures=0), Platform(failures=1)
    send = fan_out(core.store, {"slack": slack, "teams": teams})
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)

    assert await dispatcher.run_once() == 1  # Slack delivered; Teams' share kept apart
    assert [r for r, _ in slack.delivered] == [CLERK_CHANNEL]
    [kept] = await core.store.pending_outbox()
    assert kept.payload["via"] == "teams" and kept.recipient == CLERK_CHANNEL

    assert await dispatcher.run_once() == 1
    assert [r for r, _ in teams.delivered] == [CLERK_CHANNEL]
    assert len(slack.delivered) == 1, "the retry must not post to Slack again"
    assert await core.store.pending_outbox() == []


async def test_no_platform_reaching_a_recipient_keeps_the_item(
    core: Core, clock: FakeClock
) -> None:
    class Nowhere(Platform):
        def reaches(self, recipient: Recipient) -> bool:
            return False

    staff = core.people.get("staff")
    assert staff is not None
    await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    dispatcher = Dispatcher(
        core.store, core.assistant, fan_out(core.store, {"slack": Nowhere(0)}), clock
    )
    assert await dispatcher.run_once() == 0
    [kept] = await core.store.pending_outbox()
    assert kept.last_error is not None and "no platform reaches" in kept.last_error


async def test_the_loop_ends_when_cancelled_even_as_it_is_woken(
    core: Core, clock: FakeClock
) -> None:
    # Shutdown cancels the loop; a decision may wake it in the same instant. asyncio's
    # wait_for (3.11) then returned instead of raising, and shutdown waited forever.
    dispatcher = Dispatcher(core.store, core.assistant, FlakySend(0), clock)
    loop = asyncio.create_task(dispatcher.run_forever(interval=60))
    while not dispatcher._wake._waiters:  # until it waits for a wake (private, but exact)
        await asyncio.sleep(0.01)
    dispatcher.wake()
    loop.cancel()
    done, _ = await asyncio.wait([loop], timeout=5)
    assert done == {loop} and loop.cancelled()


async def test_the_loop_learns_links_made_on_another_replica(
    core: Core, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    relearned: list[int] = []
    original = ClerkQuestions.relearn

    async def counting(self: ClerkQuestions) -> int:
        relearned.append(1)
        return await original(self)

    monkeypatch.setattr(ClerkQuestions, "relearn", counting)
    dispatcher = Dispatcher(core.store, core.assistant, FlakySend(0), clock)
    loop = asyncio.create_task(dispatcher.run_forever(interval=0.01, relearn_every=60))
    await asyncio.sleep(0.1)
    assert relearned == []  # not before its minute
    clock.advance(seconds=61)
    for _ in range(200):
        if relearned:
            break
        await asyncio.sleep(0.01)
    loop.cancel()
    await asyncio.wait([loop], timeout=5)
    assert relearned == [1]


class HangingSend:
    """One recipient's platform hangs; everyone else's answers at once."""

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.delivered: list[str] = []
        self.release = asyncio.Event()

    async def __call__(self, item: OutboxItem, reply: Reply) -> None:
        if item.recipient == self.slow:
            await self.release.wait()
        self.delivered.append(item.recipient)


async def test_one_hanging_recipient_holds_up_nobody_else(core: Core, clock: FakeClock) -> None:
    for n in range(3):
        await core.store.enqueue(
            later(recipient("slack:SLOW"), Reply(kind=ReplyKind.NOTICE, text=f"{n}"))
        )
    await core.store.enqueue(
        later(recipient("slack:QUICK"), Reply(kind=ReplyKind.NOTICE, text="card"))
    )
    send = HangingSend("slack:SLOW")
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)
    running = asyncio.create_task(dispatcher.run_once())
    async with asyncio.timeout(2):
        while "slack:QUICK" not in send.delivered:
            await asyncio.sleep(0.01)
    assert not running.done()
    send.release.set()
    assert await running == 4
    assert send.delivered == ["slack:QUICK", "slack:SLOW", "slack:SLOW", "slack:SLOW"]


async def test_one_recipients_items_keep_their_order(core: Core, clock: FakeClock) -> None:
    texts = [f"message {n}" for n in range(6)]
    for text in texts:
        await core.store.enqueue(
            later(recipient("slack:D1"), Reply(kind=ReplyKind.NOTICE, text=text))
        )

    seen: list[str] = []

    async def send(item: OutboxItem, reply: Reply) -> None:
        await asyncio.sleep(0.01 * (6 - len(seen)))  # earlier ones slower: order must hold
        seen.append(reply.text)

    assert await Dispatcher(core.store, core.assistant, send, clock).run_once() == 6
    assert seen == texts


async def test_the_loop_goes_on_delivering_while_a_recipient_hangs(
    core: Core, clock: FakeClock
) -> None:
    send = HangingSend("slack:SLOW")
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)
    loop = asyncio.create_task(dispatcher.run_forever(interval=0.05))
    try:
        await core.store.enqueue(
            later(recipient("slack:SLOW"), Reply(kind=ReplyKind.NOTICE, text="a"))
        )
        dispatcher.wake()
        await asyncio.sleep(0.2)  # the slow one is under way, and hanging
        await core.store.enqueue(
            later(recipient("slack:QUICK"), Reply(kind=ReplyKind.NOTICE, text="b"))
        )
        dispatcher.wake()
        async with asyncio.timeout(2):  # a new card is not held behind the hang
            while "slack:QUICK" not in send.delivered:
                await asyncio.sleep(0.01)
        assert "slack:SLOW" not in send.delivered
        send.release.set()
        async with asyncio.timeout(2):
            while "slack:SLOW" not in send.delivered:
                await asyncio.sleep(0.01)
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop


async def test_stopping_the_loop_ends_the_deliveries_under_way(
    core: Core, clock: FakeClock
) -> None:
    send = HangingSend("slack:SLOW")
    dispatcher = Dispatcher(core.store, core.assistant, send, clock)
    loop = asyncio.create_task(dispatcher.run_forever(interval=0.05))
    await core.store.enqueue(later(recipient("slack:SLOW"), Reply(kind=ReplyKind.NOTICE, text="a")))
    dispatcher.wake()
    await asyncio.sleep(0.2)
    lines = list(dispatcher._lines.values())
    assert lines and not lines[0].done()  # hanging
    loop.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await loop
    assert all(line.done() for line in lines)  # over before the store may close
