"""Delivering the outbox: claim due items, render, send; on failure retry later, never drop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from bot.core.assistant import Assistant
from bot.core.ports import OutboxStore
from bot.core.recipients import Delivery, Recipient
from bot.messages import Reply
from workflows.store import OutboxItem, OutboxMessage

log = logging.getLogger(__name__)

Line = asyncio.Task[int]

#: Longest wait between two attempts at one notification.
MAX_BACKOFF = dt.timedelta(hours=1)


class Send(Protocol):
    """The dispatcher's way to deliver an outbox item's reply; raises on failure."""

    async def __call__(self, item: OutboxItem, reply: Reply) -> None: ...


class PartialDeliveryError(Exception):
    """Some of a recipient's places got the message and some did not (the Clerk's DM
    worked, the deputy's failed). Each missed place becomes an item of its own ("to"), so
    a retry never posts a second copy where the first arrived."""

    def __init__(self, missed: list[str], cause: Exception) -> None:
        super().__init__(f"not delivered to {', '.join(missed)}: {cause}")
        self.missed = missed


class Channel(Protocol):
    """One platform's delivery (Slack, Teams): says which recipients it can reach, and
    delivers to them; raises on failure (PartialDeliveryError when some places missed)."""

    def reaches(self, recipient: Recipient) -> bool: ...

    async def __call__(self, delivery: Delivery, reply: Reply) -> None: ...


def fan_out(store: OutboxStore, channels: Mapping[str, Channel]) -> Send:
    """One Send over several platforms: the Clerk's channel may be on Slack and Teams at once.

    A recipient no platform reaches is an error, so the item stays in the outbox (and shows
    in `requests show`) rather than being silently marked delivered. When some platforms
    deliver and others fail, the failed ones get an item of their own ("via": the
    platform), so the retry never repeats what already arrived elsewhere.
    """

    async def send(item: OutboxItem, reply: Reply) -> None:
        via = item.payload.get("via")
        delivery = Delivery.of(item)
        targets = {
            name: channel
            for name, channel in channels.items()
            if via in (None, name) and channel.reaches(delivery.recipient)
        }
        if not targets:
            raise LookupError(f"no platform reaches {item.recipient}")
        failed: dict[str, Exception] = {}
        missed: list[tuple[str, str]] = []
        for name, channel in targets.items():
            try:
                await channel(delivery, reply)
            except PartialDeliveryError as partly:
                missed += ((name, place) for place in partly.missed)
            except Exception as err:  # kept, retried below: one platform's failure only
                failed[name] = err
        if len(failed) == len(targets):
            raise next(iter(failed.values()))
        for name, problem in failed.items():
            log.warning("notification %s via %s failed (%s); retried alone", item.id, name, problem)
            await store.enqueue(_again(item, {"via": name}))
        for name, place in missed:
            log.warning("notification %s missed %s via %s; retried alone", item.id, place, name)
            await store.enqueue(_again(item, {"via": name, "to": place}))

    return send


def _again(item: OutboxItem, narrowed: dict[str, str]) -> OutboxMessage:
    """A copy of `item` for only some of its places (`via` a platform, `to` one place)."""
    return OutboxMessage(
        recipient=item.recipient,
        payload={**item.payload, **narrowed},
        request_id=item.request_id,
        urgent=item.urgent,
    )


def later(recipient: Recipient, reply: Reply) -> OutboxMessage:
    """A conversational reply that could not be sent now: the outbox delivers it later.

    Unlike events (rendered at delivery), it is kept as the Reply itself, addressed in the
    platform's own terms (InPlace: "slack:C123/1700000000.0001").
    """
    return OutboxMessage(
        recipient=str(recipient),
        payload={"kind": "reply", "reply": reply.model_dump(mode="json")},
    )


def backoff(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s ... capped at an hour."""
    return min(dt.timedelta(seconds=5 * 2 ** min(attempts, 20)), MAX_BACKOFF)


@dataclass(slots=True)
class Dispatcher:
    store: OutboxStore
    assistant: Assistant
    send: Send
    clock: Callable[[], dt.datetime]
    #: Recipients delivered to at once: enough for a council, bounded for the platforms.
    concurrency: int = 8
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    #: Each recipient's delivery under way, so their next items go after it.
    _lines: dict[str, Line] = field(default_factory=dict)
    _gate: asyncio.Semaphore | None = None
    #: Items being sent by this process (never started twice, whatever their lease says).
    _sending: set[int] = field(default_factory=set)

    def wake(self) -> None:
        """Deliver now rather than at the next tick (a decision was just taken)."""
        self._wake.set()

    async def run_once(self, recipients: Collection[str] | None = None) -> int:
        """Deliver what is due, and wait for it (the terminal chat, tests)."""
        return sum(await asyncio.gather(*await self._start(recipients)))

    async def _start(self, recipients: Collection[str] | None = None) -> list[Line]:
        """Claim what is due and start delivering it: each recipient's items in order (after
        any of theirs still on the way), different recipients at once, at most
        `concurrency` at a time. Nothing waits for a slow recipient: a 40 s hang on one
        chat.update once delayed a new request's card 38 s."""
        lines: dict[str, list[OutboxItem]] = {}
        for item in await self.store.claim_due(recipients=recipients):
            # Claimed again only because its lease ran out while it was being sent here.
            if item.id not in self._sending:
                self._sending.add(item.id)
                lines.setdefault(item.recipient, []).append(item)
        started = []
        for recipient, items in lines.items():
            line = asyncio.create_task(self._line(items, self._lines.get(recipient)))
            self._lines[recipient] = line
            line.add_done_callback(partial(self._ended, recipient))
            started.append(line)
        return started

    async def _line(self, items: list[OutboxItem], before: Line | None) -> int:
        if before is not None:
            await asyncio.wait([before])
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.concurrency)
        try:
            async with self._gate:
                return sum([await self._deliver(item) for item in items])
        finally:
            self._sending.difference_update(item.id for item in items)

    def _ended(self, recipient: str, line: Line) -> None:
        if self._lines.get(recipient) is line:
            del self._lines[recipient]

    async def _deliver(self, item: OutboxItem) -> bool:
        try:
            reply = await self._reply(item)
            if reply is not None:
                await self.send(item, reply)
        except Exception as err:  # any platform failure: keep the item and try again later
            log.warning("notification %s to %s failed: %s", item.id, item.recipient, err)
            retry_at = self.clock() + backoff(item.attempts)
            await self.store.mark_failed(item.id, f"{type(err).__name__}: {err}"[:500], retry_at)
            return False
        await self.store.mark_delivered(item.id)
        return True

    async def _reply(self, item: OutboxItem) -> Reply | None:
        if item.payload.get("kind") == "reply":
            return Reply.model_validate(item.payload["reply"])
        return await self.assistant.notification(item)

    async def run_forever(self, interval: float = 1.0, relearn_every: float = 60.0) -> None:
        """The servers' background loop: reminders first, then notifications; now and then,
        the questions a Clerk linked on another replica."""
        try:
            await self._loop(interval, relearn_every)
        finally:  # shutting down: deliveries under way stop (their items are retried),
            # and are over before the store closes: a line cancelled later would try to
            # roll back on a connection whose thread is gone, and wait for ever.
            lines = list(self._lines.values())
            for line in lines:
                line.cancel()
            await asyncio.gather(*lines, return_exceptions=True)

    async def _loop(self, interval: float, relearn_every: float) -> None:
        next_relearn = self.clock() + dt.timedelta(seconds=relearn_every)
        while True:
            try:
                await self.assistant.desk.fire_reminders()
                await self._start()  # not waited for: a hanging recipient holds no loop
                if self.clock() >= next_relearn:
                    next_relearn = self.clock() + dt.timedelta(seconds=relearn_every)
                    await self.assistant.clerk.relearn()
            except Exception:  # a database hiccup must not end the loop
                log.exception("outbox loop")
            # asyncio.timeout, not wait_for: 3.11's wait_for swallows a cancel that lands as
            # the event is set, and shutdown then waits for this loop forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await self._wake.wait()
            self._wake.clear()
