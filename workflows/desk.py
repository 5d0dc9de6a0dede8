"""The Clerk's desk: requests filed, decided exactly once, told to the right people.

Every rule about who may do what to a request lives here, checked on the server at every
press: a button only ever names a request and a decision.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from workflows.catalogue import Catalogue
from workflows.desk_store import DeskStore
from workflows.events import CLERK_CHANNEL, Decided, InfoAnswered, NewRequest, Reminder, to_user
from workflows.people import Directory, Person
from workflows.roles import Role
from workflows.spec import Decision, WorkflowSpec
from workflows.store import (
    ConsequenceError,
    OutboxMessage,
    Registering,
    ReminderSpec,
    RequestRecord,
    registering,
)
from workflows.timing import Timing

MAX_NOTE_CHARS = 2000

CANT_SKIP = "This decision needs a note, so it can't be skipped."

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


@dataclass(frozen=True, slots=True)
class NeedsNote:
    request: RequestRecord
    decision: Decision
    #: Why the note given doesn't do (a clause the policy doesn't have).
    problem: str | None = None


#: (council, what the Clerk typed) -> (clause id, the note to keep), or None: no such clause.
ClauseFinder = Callable[[str, str], tuple[str, str] | None]


@dataclass(frozen=True, slots=True)
class Done:
    request: RequestRecord
    decision: Decision


@dataclass(frozen=True, slots=True)
class AlreadyDecided:
    """Someone got there first: the request as it now is."""

    request: RequestRecord


Outcome = Refused | NeedsNote | Done | AlreadyDecided


class Desk:
    def __init__(
        self,
        store: DeskStore,
        people: Directory,
        catalogue: Catalogue,
        clock: Callable[[], datetime],
        timing: Timing | None = None,
        clauses: ClauseFinder | None = None,
    ) -> None:
        self.clauses = clauses
        self.store = store
        self.people = people
        self.catalogue = catalogue
        self.clock = clock
        self.timing = timing or Timing()

    # Filing -----------------------------------------------------------------------------

    async def submit(
        self, spec: WorkflowSpec, person: Person, council: str, data: dict[str, Any]
    ) -> RequestRecord | Refused:
        if person.role not in spec.starters:
            return Refused(_starters(spec))
        findings = spec.checks(data, self.catalogue.policy(council, spec.key))
        stored = {**data, "_findings": [f.message for f in findings if not f.ok]}
        return await self.store.create_request(
            workflow=spec.key,
            prefix=spec.prefix,
            council=council,
            requester_id=person.id,
            requester_name=person.name,
            data=stored,
            state=spec.initial_state,
            notify=self._on_submit(spec),
            reminders=self._reminders(spec),
        )

    def _on_submit(self, spec: WorkflowSpec) -> list[OutboxMessage]:
        event = NewRequest(request_id="").model_dump()
        recipients = [CLERK_CHANNEL]
        if spec.notify_it:
            recipients += [to_user(p.id) for p in self.people.with_role(Role.IT_PROVIDER)]
        return [OutboxMessage(recipient=r, payload=event, urgent=spec.urgent) for r in recipients]

    def _reminders(self, spec: WorkflowSpec) -> list[ReminderSpec]:
        if not spec.urgent:
            return []
        return [ReminderSpec(kind="remind", due_at=self.clock() + self.timing.remind_after)]

    # Deciding ---------------------------------------------------------------------------

    async def check(self, request_id: str, key: str, person: Person) -> Outcome:
        """Whether `person` may take decision `key` now, without taking it."""
        found = await self._find(request_id, key)
        if isinstance(found, Refused):
            return found
        record, spec, decision = found
        if person.role not in spec.deciders:
            await self.store.append_audit(
                actor_id=person.id,
                action="decision_refused",
                request_id=record.id,
                payload={"decision": key, "role": person.role.value},
            )
            return Refused("Only the Clerk or the deputy Clerk can decide requests.")
        if record.state not in decision.from_states:
            return AlreadyDecided(record)
        return (
            NeedsNote(record, decision) if decision.note == "required" else Done(record, decision)
        )

    async def decide(
        self, request_id: str, key: str, person: Person, note: str | None = None
    ) -> Outcome:
        checked = await self.check(request_id, key, person)
        if not isinstance(checked, NeedsNote | Done):
            return checked
        record, decision = checked.request, checked.decision
        skipped = _skipped(note)
        note = None if skipped else (note or "").strip() or None
        if decision.note == "required" and note is None:
            return NeedsNote(record, decision, CANT_SKIP if skipped else None)
        if note and len(note) > MAX_NOTE_CHARS:
            return Refused(f"That note is too long: keep it under {MAX_NOTE_CHARS} characters.")
        patch: dict[str, Any] = {}
        if decision.note_names_clause and note is not None:
            found = self._clause(record.council, note)
            if found is None:
                return NeedsNote(record, decision, _no_clause(note))
            patch["linked_clause"], note = found
        return await self._transition(record, decision, person, note, patch)

    def note_problem(self, council: str, decision: Decision, note: str) -> str | None:
        """Why this note won't do for this decision (None: it will), without deciding:
        a form can refuse it before it closes."""
        if decision.note == "required" and _skipped(note):
            return CANT_SKIP
        if decision.note == "required" and not note.strip():
            return "Please write a note: the decision needs one."
        if decision.note_names_clause and self._clause(council, note) is None:
            return _no_clause(note)
        return None

    def _clause(self, council: str, named: str) -> tuple[str, str] | None:
        return self.clauses(council, named) if self.clauses else None

    async def _transition(
        self,
        record: RequestRecord,
        decision: Decision,
        person: Person,
        note: str | None,
        patch: dict[str, Any] | None = None,
    ) -> Outcome:
        patch = {**self._patch(decision, person, note), **(patch or {})}
        try:
            moved = await self.store.transition(
                record.id,
                from_states=decision.from_states,
                to_state=decision.to_state,
                actor_id=person.id,
                action=f"decision:{decision.key}",
                note=note,
                data_patch=patch,
                decision=decision.key if decision.final else None,
                notify=_decided_notices(record, decision, person, note),
                cancel_reminders=True,
                then=_consequence(record, decision),
            )
        except ConsequenceError:
            log.exception("decision %s on %s not taken", decision.key, record.id)
            return Refused(
                f"{record.id} couldn't be added to the software register, so it was not "
                f"{decision.verb or 'decided'}: nothing was changed. Please try again."
            )
        if not moved.ok or moved.request is None:
            return AlreadyDecided(moved.request or record)
        return Done(moved.request, decision)

    def _patch(self, decision: Decision, person: Person, note: str | None) -> dict[str, Any]:
        if decision.final:
            return {}
        stamp = {"by": person.id, "at": self.clock().isoformat()}
        if decision.to_state == "info_requested":
            return {"open_question": {**stamp, "question": note}}
        return {decision.to_state: stamp}

    async def _find(
        self, request_id: str, key: str
    ) -> tuple[RequestRecord, WorkflowSpec, Decision] | Refused:
        record = await self.store.get_request(request_id.strip().upper())
        spec = self.catalogue.get(record.workflow) if record else None
        if record is None or spec is None:
            return Refused(f"There's no request {request_id[:20]}.")
        decision = spec.decision(key)
        if decision is None:
            return Refused(f"That isn't a decision the Clerk can take on a {spec.title.lower()}.")
        return record, spec, decision

    # The requester answers the Clerk's question -------------------------------------------

    async def answer_question(
        self, request_id: str, person: Person, answer: str
    ) -> RequestRecord | Refused:
        record = await self.store.get_request(request_id.strip().upper())
        if record is None or record.requester_id != person.id:
            return Refused(f"You have no request {request_id[:20]} waiting for an answer.")
        question = record.data.get("open_question")
        if record.state != "info_requested" or not isinstance(question, dict):
            return Refused(f"{record.id} isn't waiting for an answer from you.")
        given = _answered(question, answer, person, self.clock())
        answered = [*record.data.get("answers", []), given]
        event = InfoAnswered(request_id=record.id, answer=answer, by=person.id)
        moved = await self.store.transition(
            record.id,
            from_states=("info_requested",),
            to_state="pending",
            actor_id=person.id,
            action="info_answered",
            note=answer,
            data_patch={"open_question": None, "answers": answered},
            notify=[
                OutboxMessage(
                    recipient=CLERK_CHANNEL, payload=event.model_dump(), request_id=record.id
                )
            ],
        )
        if not moved.ok or moved.request is None:
            return Refused(f"{record.id} has moved on: it no longer needs your answer.")
        return moved.request

    # Reminders --------------------------------------------------------------------------

    async def fire_reminders(self) -> int:
        """Chase unacknowledged urgent requests: remind the Clerk, then escalate."""
        fired = 0
        for due in await self.store.claim_due_reminders():
            record = await self.store.get_request(due.request_id)
            spec = self.catalogue.get(record.workflow) if record else None
            if record is None or spec is None or record.state != spec.initial_state:
                continue
            fired += 1
            await self._chase(record, due.kind)
        return fired

    async def _chase(self, record: RequestRecord, kind: str) -> None:
        level: Literal["reminder", "escalation"] = (
            "escalation" if kind == "escalate" else "reminder"
        )
        payload = Reminder(request_id=record.id, level=level).model_dump()
        if level == "reminder":
            recipients = [CLERK_CHANNEL]
            later = [
                ReminderSpec(kind="escalate", due_at=self.clock() + self.timing.escalate_after)
            ]
        else:
            recipients = [to_user(p.id) for p in self.people.with_role(Role.DEPUTY)]
            later = []
        for recipient in recipients:
            await self.store.enqueue(
                OutboxMessage(
                    recipient=recipient, payload=payload, request_id=record.id, urgent=True
                )
            )
        for spec in later:
            await self.store.schedule_reminder(record.id, spec)
        await self.store.append_audit(actor_id="clerkbot", action=level, request_id=record.id)

    # Lists ------------------------------------------------------------------------------

    async def mine(self, person: Person) -> list[RequestRecord]:
        return await self.store.list_requests(requester_id=person.id, limit=20)

    async def queue(self) -> list[RequestRecord]:
        """What waits for a decision: urgent requests first (a suspected virus), then the
        longest waiting."""
        waiting = {s.initial_state for s in self.catalogue} | {"acknowledged", "info_requested"}
        records = await self.store.list_requests(states=waiting, limit=200)
        urgent = {s.key for s in self.catalogue if s.urgent}
        return sorted(records, key=lambda r: (r.workflow not in urgent, r.created_at, r.id))[:50]


def _decided_notices(
    record: RequestRecord, decision: Decision, person: Person, note: str | None
) -> list[OutboxMessage]:
    event = Decided(request_id=record.id, decision=decision.key, by=person.id, note=note)
    payload = event.model_dump()
    recipients = [to_user(record.requester_id), CLERK_CHANNEL]
    return [OutboxMessage(recipient=r, payload=payload, request_id=record.id) for r in recipients]


def _consequence(record: RequestRecord, decision: Decision) -> Registering | None:
    """What the decision brings about in its own transaction: approved software goes on
    the register, or neither happens (a register missing an approval is never mended)."""
    if decision.key != "approve" or record.workflow != "software":
        return None
    data = record.data
    return registering(
        name=str(data.get("name", "")), version=str(data.get("version") or "") or None, vendor=None
    )


def _answered(
    question: dict[str, Any], answer: str, person: Person, now: datetime
) -> dict[str, Any]:
    """The question with who asked it and when, and the answer with its own author and
    time: never the Clerk's name and the question's time on the requester's words."""
    return {
        "question": question.get("question"),
        "asked_by": question.get("by"),
        "asked_at": question.get("at"),
        "answer": answer,
        "answered_by": person.id,
        "answered_at": now.isoformat(),
    }


def _skipped(note: str | None) -> bool:
    """The Clerk said skip, as the forms' optional questions take it: that is no note,
    never a note reading "skip"."""
    return (note or "").strip().casefold() == "skip"


def _no_clause(note: str) -> str:
    return f"The policy has no clause {note.strip()[:40]!r}."


def _starters(spec: WorkflowSpec) -> str:
    roles = sorted(r.value.replace("_", " ") + "s" for r in spec.starters)
    return f"Only {' and '.join(roles)} can file a {spec.title.lower()}."
