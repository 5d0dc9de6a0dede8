"""MemoryStore: the Desk's port (workflows.desk_store.DeskStore) and the core's
(bot/core/ports.py) kept in memory, for tests.

It behaves as Store does for everything the Desk relies on: ids numbered per prefix, a
transition made exactly once with its consequence, audit entries on the same hash chain,
reminders that fire once by the clock, and the outbox. Each write first prepares all
that can fail, then changes state with nothing left to fail, so a write that raises
leaves everything as it was (as a rolled-back transaction does). Payloads are copied on
the way in and records on the way out, as a database's rows are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

from workflows.store import audit, history
from workflows.store.canonical import json_copy
from workflows.store.clock import Clock, as_utc, utc_now
from workflows.store.history import SUBMITTED
from workflows.store.memory_talk import MemoryDrafts
from workflows.store.records import (
    AuditAnchor,
    AuditEntry,
    AuditReport,
    OutboxItem,
    OutboxMessage,
    Reminder,
    ReminderSpec,
    RequestRecord,
    SoftwareEntry,
    Transition,
)
from workflows.store.requests import (
    check_prefix,
    consequence_of,
    new_record,
    numbered,
    reject_str,
)
from workflows.store.software import Registering

M = TypeVar("M", bound=BaseModel)


class MemoryStore(MemoryDrafts):
    """A DeskStore in memory, plus the reads tests make of Store (the outbox, the audit
    log and its verification, the software register) and the core's conversational ports
    (drafts, feedback, the question log: memory_talk.py). Belongs to one event loop."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock
        super().__init__(self._now)
        # Writes hold it, so none interleaves with another should one ever await.
        self._lock = asyncio.Lock()
        self._counters: dict[str, int] = {}
        self._requests: dict[str, RequestRecord] = {}
        self._audit: list[AuditEntry] = []
        self._outbox: list[OutboxItem] = []
        #: Claimed items' leases, by id: claimable again once their time has passed.
        self._leases: dict[int, datetime] = {}
        #: Reminders neither fired nor cancelled, by id: only these are ever claimed.
        self._reminders: dict[int, Reminder] = {}
        self._last_reminder = 0
        self._software: dict[str, SoftwareEntry] = {}

    def _now(self) -> datetime:
        return as_utc(self._clock())

    async def close(self) -> None:
        """Nothing to release (Store closes its connections)."""

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
        check_prefix(prefix)
        async with self._lock:
            now = self._now()
            number = self._counters.get(prefix, 0) + 1
            record = new_record(
                now,
                request_id=numbered(prefix, number),
                workflow=workflow,
                council=council,
                requester_id=requester_id,
                requester_name=requester_name,
                data=data,
                state=state,
            )
            payload = history.submitted(workflow, state, data)
            entry = self._next_entry(now, requester_id, SUBMITTED, record.id, payload)
            items = self._items(now, notify, record.id, new=record.id)
            later = self._scheduled(reminders, record.id, new=record.id)
            # Nothing below can fail: the request is kept whole.
            self._counters[prefix] = number
            self._requests[record.id] = record
            self._audit.append(entry)
            self._outbox += items
            self._keep(later)
        return _out(record)

    async def get_request(self, request_id: str) -> RequestRecord | None:
        record = self._requests.get(request_id)
        return None if record is None else _out(record)

    async def list_requests(
        self,
        *,
        requester_id: str | None = None,
        states: Collection[str] | None = None,
        workflow: str | None = None,
        limit: int = 200,
    ) -> list[RequestRecord]:
        """Newest first (ties: the higher id first), as Store orders them."""
        reject_str("states", states)
        found = [
            r
            for r in self._requests.values()
            if (requester_id is None or r.requester_id == requester_id)
            and (states is None or r.state in states)
            and (workflow is None or r.workflow == workflow)
        ]
        found.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        return [_out(r) for r in found[:limit]]

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
    ) -> Transition:
        """As Store.transition: made only from one of ``from_states``; ``then`` fails
        with ConsequenceError and nothing changes."""
        reject_str("from_states", from_states)
        patch = json_copy(data_patch)
        async with self._lock:
            now = self._now()
            current = self._requests.get(request_id)
            if current is None or current.state not in from_states:
                return Transition(ok=False, request=None if current is None else _out(current))
            values: dict[str, Any] = {
                "state": to_state,
                "updated_at": now,
                "version": current.version + 1,
            }
            if patch:
                values["data"] = {**current.data, **patch}
            if decision is not None:
                values |= {
                    "decision": decision,
                    "decided_by": actor_id,
                    "decided_at": now,
                    "decision_note": note,
                }
            updated = current.model_copy(update=values)
            registered = None
            if then is not None:
                with consequence_of(request_id):
                    registered = then.entry(updated)
            payload = history.moved(current.state, to_state, note, decision, patch)
            entry = self._next_entry(now, actor_id, action, request_id, payload)
            items = self._items(now, notify, request_id)
            later = self._scheduled(reminders, request_id)
            # Nothing below can fail: the transition is kept whole.
            self._requests[request_id] = updated
            if registered is not None:
                self._software.setdefault(request_id, registered)  # idempotent per request
            self._audit.append(entry)
            if cancel_reminders:  # before scheduling, so this transition's reminders survive
                self._cancel(request_id)
            self._outbox += items
            self._keep(later)
        return Transition(ok=True, request=_out(updated))

    # audit log

    async def append_audit(
        self,
        *,
        actor_id: str,
        action: str,
        request_id: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> AuditEntry:
        async with self._lock:
            entry = self._next_entry(self._now(), actor_id, action, request_id, payload)
            self._audit.append(entry)
        return _out(entry)

    async def audit_entries(self, request_id: str | None = None) -> list[AuditEntry]:
        """Oldest first."""
        return [_out(e) for e in self._audit if request_id is None or e.request_id == request_id]

    async def verify_audit(self, anchors: Sequence[AuditAnchor] = ()) -> AuditReport:
        """As Store.verify_audit; the head is the last entry (no head row to cut apart)."""
        rows = self._audit
        records = sorted(self._requests.values(), key=lambda r: r.id)
        return audit.report(rows, audit.head_of(rows), anchors, records)

    def _next_entry(
        self,
        now: datetime,
        actor_id: str,
        action: str,
        request_id: str | None,
        payload: dict[str, Any] | None,
    ) -> AuditEntry:
        seq, prev_hash = audit.head_of(self._audit)
        return audit.chain_entry(
            seq=seq + 1,
            prev_hash=prev_hash,
            at=now,
            actor_id=actor_id,
            action=action,
            request_id=request_id,
            payload=payload,
        )

    # outbox

    async def enqueue(self, message: OutboxMessage) -> int:
        async with self._lock:
            [item] = self._items(self._now(), [message])
            self._outbox.append(item)
        return item.id

    async def pending_outbox(self, recipients: Collection[str] | None = None) -> list[OutboxItem]:
        """Everything enqueued, oldest first: nothing here delivers."""
        reject_str("recipients", recipients)
        return [_out(i) for i in self._outbox if recipients is None or i.recipient in recipients]

    async def claim_due(
        self,
        *,
        limit: int = 50,
        lease: timedelta = timedelta(seconds=60),
        recipients: Collection[str] | None = None,
    ) -> list[OutboxItem]:
        """Lease up to ``limit`` due items (urgent first), as Store does."""
        reject_str("recipients", recipients)
        now = self._now()
        due = [
            i
            for i in self._outbox
            if i.delivered_at is None
            and i.next_attempt_at <= now
            and self._leases.get(i.id, now) <= now
            and (recipients is None or i.recipient in recipients)
        ]
        due = sorted(due, key=lambda i: (not i.urgent, i.next_attempt_at, i.id))[:limit]
        self._leases.update((i.id, now + lease) for i in due)
        return [_out(i) for i in due]

    async def mark_delivered(self, item_id: int) -> None:
        self._settle(item_id, delivered_at=self._now())

    async def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        attempts = self._outbox[item_id - 1].attempts + 1
        self._settle(item_id, attempts=attempts, last_error=error, next_attempt_at=as_utc(retry_at))

    def _settle(self, item_id: int, **change: Any) -> None:
        self._outbox[item_id - 1] = self._outbox[item_id - 1].model_copy(update=change)
        self._leases.pop(item_id, None)

    def _items(
        self,
        now: datetime,
        messages: Sequence[OutboxMessage],
        request_id: str | None = None,
        *,
        new: str | None = None,
    ) -> list[OutboxItem]:
        """Outbox rows for ``messages`` (unnamed requests taken as ``request_id``), each
        request checked as the table's foreign key does; ``new`` is being created."""
        items: list[OutboxItem] = []
        for message in messages:
            about = request_id if message.request_id is None else message.request_id
            if about is not None and about != new:
                self._known(about)
            items.append(
                OutboxItem(
                    id=len(self._outbox) + len(items) + 1,
                    recipient=message.recipient,
                    payload=json_copy(message.payload),
                    request_id=about,
                    urgent=message.urgent,
                    attempts=0,
                    created_at=now,
                    next_attempt_at=now,
                    delivered_at=None,
                    last_error=None,
                )
            )
        return items

    # reminders

    async def schedule_reminder(self, request_id: str, spec: ReminderSpec) -> int:
        async with self._lock:
            [reminder] = self._scheduled([spec], request_id)
            self._keep([reminder])
        return reminder.id

    async def claim_due_reminders(self, limit: int = 50) -> list[Reminder]:
        """Due reminders, each returned once ever, soonest first."""
        async with self._lock:
            now = self._now()
            due = sorted(
                (r for r in self._reminders.values() if r.due_at <= now),
                key=lambda r: (r.due_at, r.id),
            )[:limit]
            for reminder in due:
                del self._reminders[reminder.id]
        return [_out(r) for r in due]

    def _scheduled(
        self, specs: Sequence[ReminderSpec], request_id: str, *, new: str | None = None
    ) -> list[Reminder]:
        if specs and request_id != new:
            self._known(request_id)
        return [
            Reminder(
                id=self._last_reminder + n,
                request_id=request_id,
                kind=spec.kind,
                due_at=as_utc(spec.due_at),
                payload=json_copy(spec.payload),
            )
            for n, spec in enumerate(specs, start=1)
        ]

    def _keep(self, reminders: Sequence[Reminder]) -> None:
        for reminder in reminders:
            self._reminders[reminder.id] = reminder
            self._last_reminder = reminder.id

    def _cancel(self, request_id: str) -> None:
        for reminder in [r for r in self._reminders.values() if r.request_id == request_id]:
            del self._reminders[reminder.id]

    # software register

    async def software_register(self, council: str | None = None) -> list[SoftwareEntry]:
        """In order of approval, as Store lists them."""
        entries = [e for e in self._software.values() if council is None or e.council == council]
        return sorted(entries, key=lambda e: e.approved_at)

    def _known(self, request_id: str) -> None:
        if request_id not in self._requests:  # the SQL tables' foreign key
            raise LookupError(f"there is no request {request_id!r}")


def _out(record: M) -> M:
    """A copy the caller may change (records are frozen, their dicts are not)."""
    return record.model_copy(deep=True)
