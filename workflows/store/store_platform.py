"""The Store's platform state: event keys already handled (so a redelivered event is
processed once), where each request was posted, and each user's conversation reference."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from workflows.store import refs, seen
from workflows.store.canonical import json_copy
from workflows.store.records import PostRef
from workflows.store.store_base import StoreBase

SEEN_KEEP = timedelta(days=1)  # platforms redeliver within minutes; a day is ample
SEEN_PURGE_EVERY = timedelta(hours=1)


class PlatformMethods(StoreBase):
    # exactly-once platform events

    async def first_time(self, key: str) -> bool:
        """True the first time ``key`` is seen, False ever after (within SEEN_KEEP)."""
        now = self._now()
        async with self._write() as conn:
            first = await seen.first_time(conn, now, key)
        if self._next_seen_purge is None or now >= self._next_seen_purge:
            # Outside the insert's transaction, so racing inserts never queue behind it.
            self._next_seen_purge = now + SEEN_PURGE_EVERY
            await self.purge_seen()
        return first

    async def purge_seen(self, older_than: timedelta = SEEN_KEEP) -> int:
        async with self._write() as conn:
            return await seen.purge(conn, self._now() - older_than)

    # platform references

    async def record_post(self, request_id: str, platform: str, ref: dict[str, Any]) -> None:
        async with self._write() as conn:
            await refs.record_post(conn, self._now(), request_id, platform, json_copy(ref))

    async def posts_for(self, request_id: str) -> list[PostRef]:
        async with self._reader.connect() as conn:
            return await refs.posts_for(conn, request_id)

    async def save_conversation_ref(self, user_id: str, platform: str, ref: dict[str, Any]) -> None:
        async with self._write() as conn:
            await refs.save_conversation(conn, self._now(), user_id, platform, json_copy(ref))

    async def conversation_ref(self, user_id: str, platform: str) -> dict[str, Any] | None:
        async with self._reader.connect() as conn:
            return await refs.conversation(conn, user_id, platform)

    async def conversation_owners(self, platform: str) -> set[str]:
        """Everyone with a stored conversation on `platform`, in one query."""
        async with self._reader.connect() as conn:
            return await refs.conversation_owners(conn, platform)
