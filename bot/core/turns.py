"""One turn at a time per conversation, in arrival order.

Platforms run each incoming event in its own task; without this, two quick answers to a
form could race on its draft or have their replies overtake each other. Locks live only
while someone holds or waits for them (a weak map), so a busy server keeps none for idle
conversations.
"""

from __future__ import annotations

import asyncio
import weakref


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
