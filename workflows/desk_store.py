"""What the Desk needs from storage: the calls it makes, and nothing else.

The Desk is written against this port, so any store that makes these calls can serve it:
Store (SQLite or PostgreSQL) in production, MemoryStore in tests. Signatures are
Store's own; only ``then`` is narrowed to the one consequence the Desk brings about
(a software-register entry), which every store can make without a database connection.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from workflows.store import (
    AuditEntry,
    OutboxMessage,
    Registering,
    Reminder,
    ReminderSpec,
    RequestRecord,
    Transition,
)


class RequestReader(Protocol):
    """Reading requests back: the Desk, and the core's cards and lists (bot/core/ports.py)."""

    async def get_request(self, request_id: str) -> RequestRecord | None: ...

    async def list_requests(
        self,
        *,
        requester_id: str | None = None,
        states: Collection[str] | None = None,
        workflow: str | None = None,
        limit: int = 200,
    ) -> list[RequestRecord]: ...


class DeskStore(RequestReader, Protocol):
    async def create_request(
        self,
        *,
        workflow: str,
        prefix: str,
        council: str,
        requester_id: str,
        data: dict[str, Any],
        state: str,
        requester_name: str | None = None,
        notify: Sequence[OutboxMessage] = (),
        reminders: Sequence[ReminderSpec] = (),
    ) -> RequestRecord: ...

    async def transition(
        self,
        request_id: str,
        *,
        from_states: Collection[str],
        to_state: str,
        actor_id: str,
        action: str,
        note: str | None = None,
        data_patch: dict[str, Any] | None = None,
        decision: str | None = None,
        notify: Sequence[OutboxMessage] = (),
        reminders: Sequence[ReminderSpec] = (),
        cancel_reminders: bool = False,
        then: Registering | None = None,
    ) -> Transition: ...

    async def append_audit(
        self,
        *,
        actor_id: str,
        action: str,
        request_id: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> AuditEntry: ...

    async def enqueue(self, message: OutboxMessage) -> int: ...

    async def schedule_reminder(self, request_id: str, spec: ReminderSpec) -> int: ...

    async def claim_due_reminders(self, limit: int = 50) -> list[Reminder]: ...


if TYPE_CHECKING:
    from workflows.store import Store
    from workflows.store.memory import MemoryStore

    def _both_fit(sql: Store, memory: MemoryStore) -> tuple[DeskStore, DeskStore]:
        return sql, memory  # mypy checks each store against the port, signatures and all
