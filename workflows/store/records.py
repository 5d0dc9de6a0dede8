"""The immutable records the store takes and returns (pydantic, frozen)."""

from __future__ import annotations

from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Draft(Record):
    conversation: str
    user_id: str
    workflow: str
    state: dict[str, Any]
    updated_at: AwareDatetime
    expires_at: AwareDatetime


class RequestRecord(Record):
    id: str
    workflow: str
    council: str
    requester_id: str
    data: dict[str, Any]
    state: str
    decision: str | None
    decided_by: str | None
    decided_at: AwareDatetime | None
    decision_note: str | None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int
    #: The name they gave, for someone the roles file doesn't list; see Directory.name_of.
    requester_name: str | None = None


class Transition(Record):
    """``ok`` False: someone else moved the request first (``request`` is its current
    state) or it does not exist (``request`` is None)."""

    ok: bool
    request: RequestRecord | None


class OutboxMessage(Record):
    recipient: str
    payload: dict[str, Any]
    request_id: str | None = None
    urgent: bool = False


class OutboxItem(Record):
    id: int
    recipient: str
    payload: dict[str, Any]
    request_id: str | None
    urgent: bool
    attempts: int
    created_at: AwareDatetime
    next_attempt_at: AwareDatetime
    delivered_at: AwareDatetime | None
    last_error: str | None


class ReminderSpec(Record):
    kind: str
    due_at: AwareDatetime
    payload: dict[str, Any] = Field(default_factory=dict)


class Reminder(Record):
    id: int
    request_id: str
    kind: str
    due_at: AwareDatetime
    payload: dict[str, Any]


class AuditEntry(Record):
    seq: int
    at: AwareDatetime
    actor_id: str
    action: str
    request_id: str | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class AuditAnchor(Record):
    """An audit entry's seq and hash as recorded outside the database (the minutes, the
    anchors file): a rewritten chain cannot reproduce it. ``hash`` may be a prefix, as
    copied by hand; ``source`` says where it came from, for the problems it raises."""

    seq: int = Field(ge=1)
    hash: str = Field(pattern=r"^[0-9a-f]{16,64}$")
    source: str = ""


class AuditReport(Record):
    ok: bool
    checked: int
    problems: list[str]
    #: How many anchors were compared with the chain.
    anchors: int = 0
    #: How many requests were compared with their audit history.
    requests: int = 0
    #: The last entry as verified (None: the log is empty); what `audit anchor` records.
    head: AuditAnchor | None = None


class SoftwareEntry(Record):
    name: str
    version: str | None
    vendor: str | None
    request_id: str
    approved_by: str
    approved_at: AwareDatetime
    council: str


class PostRef(Record):
    request_id: str
    platform: str
    ref: dict[str, Any]
    created_at: AwareDatetime
