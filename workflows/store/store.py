"""The Store: one object the workflow engine and bot core use for all persistent state.

Every public method is one transaction. Writes on SQLite begin IMMEDIATE (see connect.py);
reads begin deferred so they never wait for a writer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from workflows.store import audit, drafts, feedback, outbox, refs, requests, seen
from workflows.store import reminders as reminder_store
from workflows.store import software as software_store
from workflows.store.canonical import json_copy
from workflows.store.clock import Clock, as_utc, utc_now
from workflows.store.connect import POSTGRESQL, READ_ONLY, SQLITE, create_engine
from workflows.store.history import SUBMITTED
from workflows.store.migrate import upgrade
from workflows.store.question_log import QuestionLog
from workflows.store.records import (
    AuditAnchor,
    AuditEntry,
    AuditReport,
    Draft,
    OutboxItem,
    OutboxMessage,
    PostRef,
    Reminder,
    ReminderSpec,
    RequestRecord,
    SoftwareEntry,
    Transition,
)
from workflows.store.requests import reject_str

SEEN_KEEP = timedelta(days=1)  # platforms redeliver within minutes; a day is ample
SEEN_PURGE_EVERY = timedelta(hours=1)


class Store:
    """Use ``await Store.open(url)``; the constructor takes an engine already migrated.

    A Store belongs to the event loop that opened it (as its engine does).
    """

    def __init__(self, engine: AsyncEngine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        # SQLite has one writer at a time anyway: queueing this process's writers here
        # spares them the busy handler's sleep-and-retry. Other processes still wait on
        # BEGIN IMMEDIATE and the busy timeout.
        self._write_lock: AbstractAsyncContextManager[None] = (
            asyncio.Lock() if engine.dialect.name == SQLITE else nullcontext()
        )
        self._clock = clock
        self._next_seen_purge: datetime | None = None
        self.dialect: str = engine.dialect.name
        #: What answers missed (unanswered questions, 👎), for the Clerk's policy review.
        self.questions = QuestionLog(self._write, self._reader, self._now)

    @classmethod
    async def open(cls, url: str, clock: Clock = utc_now, *, schema: str | None = None) -> Self:
        """Connect and upgrade the schema to head. ``schema`` (PostgreSQL only) sets the
        search_path, so one database can hold several isolated stores (tests)."""
        engine = create_engine(url, schema=schema)
        try:
            await upgrade(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine, clock)

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        """For maintenance and tests; the workflow code goes through the methods."""
        return self._engine

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        async with self._write_lock, self._engine.begin() as conn:
            yield conn

    def _now(self) -> datetime:
        return as_utc(self._clock())

    # drafts

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
            record = await requests.insert_request(
                conn,
                now,
                request_id=await requests.allocate_id(conn, prefix),
                workflow=workflow,
                council=council,
                requester_id=requester_id,
                requester_name=requester_name,
                data=data,
                state=state,
            )
            payload = {"workflow": workflow, "state": state, "data": data}
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
            payload = {
                "from": current.state,
                "to": to_state,
                "note": note,
                "decision": decision,
                "data_patch": patch,
            }
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

    async def ping(self) -> None:
        """Raises unless the database answers (the servers' /healthz)."""
        async with self._reader.connect() as conn:
            await conn.execute(text("SELECT 1"))

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

    # authorised-software register

    async def register_software(
        self,
        *,
        name: str,
        version: str | None,
        vendor: str | None,
        request_id: str,
        approved_by: str,
        approved_at: datetime,
        council: str,
    ) -> SoftwareEntry:
        """Idempotent per request: a second call returns the entry first registered."""
        entry = SoftwareEntry(
            name=name,
            version=version,
            vendor=vendor,
            request_id=request_id,
            approved_by=approved_by,
            approved_at=as_utc(approved_at),
            council=council,
        )
        async with self._write() as conn:
            return await software_store.register(conn, entry)

    async def software_register(self, council: str | None = None) -> list[SoftwareEntry]:
        async with self._reader.connect() as conn:
            return await software_store.listing(conn, council)

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

    # feedback

    async def record_feedback(
        self, *, user_id: str, council: str, question: str, clause_id: str | None, helpful: bool
    ) -> None:
        async with self._write() as conn:
            await feedback.record(
                conn,
                self._now(),
                user_id=user_id,
                council=council,
                question=question,
                clause_id=clause_id,
                helpful=helpful,
            )


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
