"""Delivering the outbox: claim due items, render, send; on failure retry later, never drop."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Protocol

from bot.core.assistant import Assistant
from bot.messages import Reply
from workflows.store import OutboxItem, Store

log = logging.getLogger(__name__)

#: Longest wait between two attempts at one notification.
MAX_BACKOFF = dt.timedelta(hours=1)


class Send(Protocol):
    """A platform's way to deliver a reply to "user:<id>" or "channel:clerk"; raises on failure."""

    async def __call__(self, recipient: str, reply: Reply, item: OutboxItem) -> None: ...


def backoff(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s ... capped at an hour."""
    return min(dt.timedelta(seconds=5 * 2 ** min(attempts, 20)), MAX_BACKOFF)


@dataclass(slots=True)
class Dispatcher:
    store: Store
    assistant: Assistant
    send: Send
    clock: Callable[[], dt.datetime]

    async def run_once(self, recipients: Collection[str] | None = None) -> int:
        delivered = 0
        for item in await self.store.claim_due(recipients=recipients):
            if await self._deliver(item):
                delivered += 1
        return delivered

    async def _deliver(self, item: OutboxItem) -> bool:
        try:
            reply = await self.assistant.notification(item)
            if reply is not None:
                await self.send(item.recipient, reply, item)
        except Exception as err:  # any platform failure: keep the item and try again later
            log.warning("notification %s to %s failed: %s", item.id, item.recipient, err)
            retry_at = self.clock() + backoff(item.attempts)
            await self.store.mark_failed(item.id, f"{type(err).__name__}: {err}"[:500], retry_at)
            return False
        await self.store.mark_delivered(item.id)
        return True

    async def run_forever(self, interval: float = 1.0) -> None:
        """The servers' background loop: reminders first, then notifications."""
        while True:
            try:
                await self.assistant.desk.fire_reminders()
                await self.run_once()
            except Exception:  # a database hiccup must not end the loop
                log.exception("outbox loop")
            await asyncio.sleep(interval)
