"""The Store's deliveries: the outbox (messages leased to a sender until delivered or
failed) and reminders (each claimed once, when due, unless cancelled)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from workflows.store import outbox
from workflows.store import reminders as reminder_store
from workflows.store.clock import as_utc
from workflows.store.records import OutboxItem, OutboxMessage, Reminder, ReminderSpec
from workflows.store.requests import reject_str
from workflows.store.store_base import StoreBase


class DeliveryMethods(StoreBase):
    # outbox

    async def enqueue(self, message: OutboxMessage) -> int:
        async with self._write() as conn:
            return await outbox.enqueue(conn, self._now(), message)

    async def claim_due(
        self,
        *,
        limit: int = 50,
        lease: timedelta = timedelta(seconds=60),
        recipients: Collection[str] | None = None,
    ) -> list[OutboxItem]:
        """Lease up to ``limit`` due messages (urgent first) to this caller for ``lease``.
        Unless marked delivered or failed in time, they become claimable again."""
        reject_str("recipients", recipients)
        async with self._write() as conn:
            return await outbox.claim_due(
                conn, self._now(), limit=limit, lease=lease, recipients=recipients
            )

    async def mark_delivered(self, item_id: int) -> None:
        async with self._write() as conn:
            await outbox.mark_delivered(conn, self._now(), item_id)

    async def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        async with self._write() as conn:
            await outbox.mark_failed(conn, item_id, error, as_utc(retry_at))

    async def pending_outbox(self, recipients: Collection[str] | None = None) -> list[OutboxItem]:
        reject_str("recipients", recipients)
        async with self._reader.connect() as conn:
            return await outbox.pending(conn, recipients)

    # reminders

    async def schedule_reminder(self, request_id: str, spec: ReminderSpec) -> int:
        async with self._write() as conn:
            return await reminder_store.schedule(conn, self._now(), request_id, spec)

    async def claim_due_reminders(self, limit: int = 50) -> list[Reminder]:
        """Due reminders, each returned once ever (they are marked fired as they are taken)."""
        async with self._write() as conn:
            return await reminder_store.claim_due(conn, self._now(), limit)

    async def cancel_reminders(self, request_id: str) -> int:
        async with self._write() as conn:
            return await reminder_store.cancel(conn, self._now(), request_id)
