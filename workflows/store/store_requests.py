"""The Store's requests and audit log: creating and listing requests, moving them
between states exactly once, and the hash-chained audit entries each change appends.

A change's notifications and reminders are queued in the change's own transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store import audit, history, outbox, requests
from workflows.store import reminders as reminder_store
from workflows.store.canonical import json_copy
from workflows.store.connect import POSTGRESQL
from workflows.store.history import SUBMITTED
from workflows.store.records import (
    AuditAnchor,
    AuditEntry,
    AuditReport,
    OutboxMessage,
    ReminderSpec,
    RequestRecord,
    Transition,
)
from workflows.store.requests import reject_str
from workflows.store.store_base import StoreBase


class RequestMethods(StoreBase):
    # requests

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
    ) -> RequestRecord:
        data = json_copy(data)
        async with self._write() as conn:
            now = self._now()
            record = requests.new_record(
                now,
                request_id=await requests.allocate_id(conn, prefix),
                workflow=workflow,
                council=council,
                requester_id=requester_id,
                requester_name=requester_name,
                data=data,
                state=state,
            )
            await requests.insert_request(conn, record)
            payload = history.submitted(workflow, state, data)
            await audit.append(
                conn,
                now,
                actor_id=requester_id,
                action=SUBMITTED,
                request_id=record.id,
                payload=payload,
            )
            await _follow_up(conn, now, record.id, notify, reminders)
        return record

    async def get_request(self, request_id: str) -> RequestRecord | None:
        async with self._reader.connect() as conn:
            return await requests.get(conn, request_id)

    async def list_requests(
        self,
        *,
        requester_id: str | None = None,
        states: Collection[str] | None = None,
        workflow: str | None = None,
        limit: int = 200,
    ) -> list[RequestRecord]:
        """Newest first."""
        reject_str("states", states)
        async with self._reader.connect() as conn:
            return await requests.listing(
                conn, requester_id=requester_id, states=states, workflow=workflow, limit=limit
            )

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
        then: requests.Consequence | None = None,
    ) -> Transition:
        """Move the request to ``to_state`` if it is still in one of ``from_states``.

        Exactly one of any number of concurrent callers succeeds. On failure nothing
        changes and ``request`` is the current record (None if there is no such id).
        ``then`` runs in the same transaction; if it raises, ConsequenceError is raised
        and nothing changes.
        """
        reject_str("from_states", from_states)
        patch = json_copy(data_patch)
        async with self._write() as conn:
            now = self._now()
            current = await requests.locked(conn, request_id)
            if current is None or current.state not in from_states:
                return Transition(ok=False, request=current)
            values: dict[str, Any] = {"state": to_state}
            if patch:
                values["data"] = {**current.data, **patch}
            if decision is not None:
                values |= {
                    "decision": decision,
                    "decided_by": actor_id,
                    "decided_at": now,
                    "decision_note": note,
                }
            updated = await requests.compare_and_set(
                conn, now, request_id, from_states=from_states, values=values
            )
            if updated is None:  # the row lock makes this unreachable; the CAS still guards
                return Transition(ok=False, request=await requests.get(conn, request_id))
            if then is not None:
                await requests.bring_about(conn, then, updated)
            payload = history.moved(current.state, to_state, note, decision, patch)
            await audit.append(
                conn, now, actor_id=actor_id, action=action, request_id=request_id, payload=payload
            )
            if cancel_reminders:  # before scheduling, so this transition's reminders survive
                await reminder_store.cancel(conn, now, request_id)
            await _follow_up(conn, now, request_id, notify, reminders)
        return Transition(ok=True, request=updated)

    # audit log

    async def append_audit(
        self,
        *,
        actor_id: str,
        action: str,
        request_id: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> AuditEntry:
        async with self._write() as conn:
            return await audit.append(
                conn,
                self._now(),
                actor_id=actor_id,
                action=action,
                request_id=request_id,
                payload=payload,
            )

    async def audit_entries(self, request_id: str | None = None) -> list[AuditEntry]:
        """Oldest first."""
        async with self._reader.connect() as conn:
            return await audit.entries(conn, request_id)

    async def verify_audit(self, anchors: Sequence[AuditAnchor] = ()) -> AuditReport:
        """The chain, its head, the given anchors, and every request against its history."""
        async with self._reader.connect() as conn:
            if self.dialect == POSTGRESQL:
                # One snapshot for the rows, the head and the requests, or a concurrent
                # change would look like tampering.
                await conn.execution_options(isolation_level="REPEATABLE READ")
            return await audit.verify(conn, anchors)


async def _follow_up(
    conn: AsyncConnection,
    now: datetime,
    request_id: str,
    notify: Sequence[OutboxMessage],
    specs: Sequence[ReminderSpec],
) -> None:
    """Queue a change's notifications and reminders in the change's own transaction."""
    for message in notify:
        if message.request_id is None:
            message = message.model_copy(update={"request_id": request_id})
        await outbox.enqueue(conn, now, message)
    for spec in specs:
        await reminder_store.schedule(conn, now, request_id, spec)
