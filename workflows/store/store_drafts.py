"""The Store's drafts: the one workflow in progress per conversation, until it expires."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workflows.store import drafts
from workflows.store.canonical import json_copy
from workflows.store.clock import as_utc
from workflows.store.records import Draft
from workflows.store.store_base import StoreBase


class DraftMethods(StoreBase):
    async def load_draft(self, conversation: str) -> Draft | None:
        async with self._reader.connect() as conn:
            return await drafts.load(conn, self._now(), conversation)

    async def load_drafts(self, *conversations: str) -> dict[str, Draft]:
        """Several conversations' drafts in one query (a message checks two per turn)."""
        async with self._reader.connect() as conn:
            return await drafts.load_many(conn, self._now(), conversations)

    async def save_draft(
        self,
        conversation: str,
        user_id: str,
        workflow: str,
        state: dict[str, Any],
        expires_at: datetime,
    ) -> None:
        async with self._write() as conn:
            await drafts.save(
                conn,
                self._now(),
                conversation=conversation,
                user_id=user_id,
                workflow=workflow,
                state=json_copy(state),
                expires_at=as_utc(expires_at),
            )

    async def delete_draft(self, conversation: str) -> None:
        async with self._write() as conn:
            await drafts.remove(conn, conversation)

    async def purge_expired_drafts(self) -> int:
        async with self._write() as conn:
            return await drafts.purge_expired(conn, self._now())
