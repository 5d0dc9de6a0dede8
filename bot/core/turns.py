"""One turn at a time per conversation, in arrival order.

Platforms run each incoming event in its own task; without this, two quick answers to a
form could race on its draft or have their replies overtake each other. Locks live only
while someone holds or waits for them (a weak map), so a busy server keeps none for idle
conversations.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.core.door import Door

log = logging.getLogger(__name__)


class Turns:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def __call__(self, conversation: str) -> asyncio.Lock:
        lock = self._locks.get(conversation)
        if lock is None:
            lock = self._locks[conversation] = asyncio.Lock()
        return lock

    def __len__(self) -> int:
        return len(self._locks)


@dataclass(slots=True)
class Pipeline:
    """Every adapter's turn, the same way: seen before? -> one at a time per conversation
    -> handle -> wake the outbox, so what the turn enqueued goes out at once."""

    door: Door
    #: The server's outbox wake-up (set when the surface is installed).
    wake: Callable[[], None] = lambda: None
    locks: Turns = field(default_factory=Turns)

    async def first_time(self, platform: str, delivery: str) -> bool:
        if await self.door.first_time(platform, delivery):
            return True
        log.info("%s: %s already handled (a retry): acknowledged, not redone", platform, delivery)
        return False

    @asynccontextmanager
    async def turn(self, conversation: str) -> AsyncIterator[None]:
        try:
            async with self.locks(conversation):
                yield
        finally:
            self.wake()
