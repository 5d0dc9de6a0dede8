"""Initial schema: requests, drafts, audit log, outbox, reminders and registers.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64  # frozen copy of tables.GENESIS_HASH: migrations never import models


def _at() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _request_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["request_id"], ["requests.id"], name=f"fk_{table}_request_id_requests"
    )


def upgrade() -> None:
    _requests()
    _drafts()
    _audit()
    _outbox()
    _reminders()
    _registers()


def _requests() -> None:
    op.create_table(
        "counters",
        sa.Column("prefix", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name="pk_counters"),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("workflow", sa.String(), nullable=False),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("requester_id", sa.String(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("decision", sa.String(), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=True),
        sa.Column("decided_at", _at(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("created_at", _at(), nullable=False),
        sa.Column("updated_at", _at(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_requests"),
    )
    for column in ("workflow", "requester_id", "state", "created_at"):
        op.create_index(f"ix_requests_{column}", "requests", [column])


def _drafts() -> None:
    op.create_table(
        "drafts",
        sa.Column("conversation", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("workflow", sa.String(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", _at(), nullable=False),
        sa.Column("expires_at", _at(), nullable=False),
        sa.PrimaryKeyConstraint("conversation", name="pk_drafts"),
    )
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])


def _audit() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", _at(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("request_id", sa.String(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_request_id", "audit_log", ["request_id"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_head_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS_HASH}])


def _outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("request_id", sa.String(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", _at(), nullable=False),
        sa.Column("next_attempt_at", _at(), nullable=False),
        sa.Column("claimed_until", _at(), nullable=True),
        sa.Column("delivered_at", _at(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _request_fk("outbox"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
    )
    op.create_index("ix_outbox_due", "outbox", ["delivered_at", "next_attempt_at"])
    op.create_index("ix_outbox_recipient", "outbox", ["recipient"])
    op.create_index("ix_outbox_request_id", "outbox", ["request_id"])


def _reminders() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("due_at", _at(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", _at(), nullable=False),
        sa.Column("fired_at", _at(), nullable=True),
        sa.Column("cancelled_at", _at(), nullable=True),
        _request_fk("reminders"),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
    )
    op.create_index("ix_reminders_due_at", "reminders", ["due_at"])
    op.create_index("ix_reminders_request_id", "reminders", ["request_id"])
    op.create_table(
        "seen_events",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("seen_at", _at(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_seen_events"),
    )
    op.create_index("ix_seen_events_seen_at", "seen_events", ["seen_at"])


def _registers() -> None:
    op.create_table(
        "software_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=True),
        sa.Column("vendor", sa.String(), nullable=True),
        sa.Column("request_id", sa.String(), nullable=False),
        sa.Column("approved_by", sa.String(), nullable=False),
        sa.Column("approved_at", _at(), nullable=False),
        sa.Column("council", sa.String(), nullable=False),
        _request_fk("software_register"),
        sa.PrimaryKeyConstraint("id", name="pk_software_register"),
        sa.UniqueConstraint("request_id", name="uq_software_register_request_id"),
    )
    op.create_index("ix_software_register_council", "software_register", ["council"])
    op.create_table(
        "post_refs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("ref", sa.JSON(), nullable=False),
        sa.Column("created_at", _at(), nullable=False),
        _request_fk("post_refs"),
        sa.PrimaryKeyConstraint("id", name="pk_post_refs"),
    )
    op.create_index("ix_post_refs_request_id", "post_refs", ["request_id"])
    op.create_table(
        "conversation_refs",
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("ref", sa.JSON(), nullable=False),
        sa.Column("updated_at", _at(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "platform", name="pk_conversation_refs"),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _at(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("clause_id", sa.String(), nullable=True),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_council", "feedback", ["council"])


def downgrade() -> None:
    for table in (
        "feedback",
        "conversation_refs",
        "post_refs",
        "software_register",
        "seen_events",
        "reminders",
        "outbox",
        "audit_head",
        "audit_log",
        "drafts",
        "requests",
        "counters",
    ):
        op.drop_table(table)
