"""Persistence for requests, drafts, the audit log, the outbox and reminders.

SQLite (one WAL file, the default) or PostgreSQL (several replicas), same code and
Alembic migrations; ``await Store.open(url)`` upgrades the schema on the way in.
"""

from workflows.store.clock import Clock, utc_now
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
from workflows.store.requests import Consequence, ConsequenceError
from workflows.store.software import Registering, registering
from workflows.store.store import Store

__all__ = [
    "AuditAnchor",
    "AuditEntry",
    "AuditReport",
    "Clock",
    "Consequence",
    "ConsequenceError",
    "Draft",
    "OutboxItem",
    "OutboxMessage",
    "PostRef",
    "Registering",
    "Reminder",
    "ReminderSpec",
    "RequestRecord",
    "SoftwareEntry",
    "Store",
    "Transition",
    "registering",
    "utc_now",
]
