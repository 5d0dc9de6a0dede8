"""The database schema as typed declarative models.

Queries use these classes as Core tables (no ORM session): every write is an explicit
statement, which keeps compare-and-set and row locking visible. The Alembic migrations in
``migrations/versions`` must produce exactly this schema (a test compares them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from workflows.store.coltypes import UTCDateTime

HASH_LENGTH = 64  # hex sha256
GENESIS_HASH = "0" * HASH_LENGTH


class Base(DeclarativeBase):
    # Named constraints and indexes, so migrations can refer to them on every backend.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        str: String(),
    }


def _request_fk() -> ForeignKey:
    # No cascade: requests are never deleted, and the software register must outlive one.
    return ForeignKey("requests.id")


class Counter(Base):
    """Last number handed out per request-id prefix ("SW" -> 12 means SW-0012 was last)."""

    __tablename__ = "counters"
    prefix: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[int]


class RequestRow(Base):
    __tablename__ = "requests"
    id: Mapped[str] = mapped_column(primary_key=True)
    workflow: Mapped[str] = mapped_column(index=True)
    council: Mapped[str]
    requester_id: Mapped[str] = mapped_column(index=True)
    #: As they gave it, for someone the roles file doesn't list (migration 0002).
    requester_name: Mapped[str | None]
    data: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(index=True)
    decision: Mapped[str | None]
    decided_by: Mapped[str | None]
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    version: Mapped[int]


class DraftRow(Base):
    __tablename__ = "drafts"
    conversation: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[str]
    workflow: Mapped[str]
    state: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class AuditRow(Base):
    """One audit entry; no foreign key so the log outlives anything it mentions."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor_id: Mapped[str]
    action: Mapped[str]
    request_id: Mapped[str | None] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class AuditHead(Base):
    """The single row naming the chain's last entry: lets truncation be detected and
    serialises appends (updating it takes the row lock on PostgreSQL)."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "delivered_at", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]]
    request_id: Mapped[str | None] = mapped_column(_request_fk(), index=True)
    urgent: Mapped[bool]
    attempts: Mapped[int]
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class ReminderRow(Base):
    __tablename__ = "reminders"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(_request_fk(), index=True)
    kind: Mapped[str]
    due_at: Mapped[datetime] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    fired_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class SeenEvent(Base):
    __tablename__ = "seen_events"
    key: Mapped[str] = mapped_column(primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)


class SoftwareRow(Base):
    __tablename__ = "software_register"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    version: Mapped[str | None]
    vendor: Mapped[str | None]
    request_id: Mapped[str] = mapped_column(_request_fk(), unique=True)
    approved_by: Mapped[str]
    approved_at: Mapped[datetime]
    council: Mapped[str] = mapped_column(index=True)


class PostRow(Base):
    __tablename__ = "post_refs"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(_request_fk(), index=True)
    platform: Mapped[str]
    ref: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class ConversationRefRow(Base):
    __tablename__ = "conversation_refs"
    user_id: Mapped[str] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(primary_key=True)
    ref: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class FeedbackRow(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[str]
    council: Mapped[str] = mapped_column(index=True)
    question: Mapped[str] = mapped_column(Text)
    clause_id: Mapped[str | None]
    helpful: Mapped[bool]


class UnansweredRow(Base):
    """A question the asker's policy didn't answer: for the Clerk's policy review, and the
    id an *Ask the Clerk* button carries (the button never carries the question)."""

    __tablename__ = "unanswered"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[str]
    council: Mapped[str] = mapped_column(index=True)
    question: Mapped[str] = mapped_column(Text)
    #: Another council's clause shown for reference, if any.
    reference: Mapped[str | None]
    #: The question request filed from it (QU-0001), once the asker pressed the button.
    request_id: Mapped[str | None]
