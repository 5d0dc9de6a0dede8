"""The requester's name as they gave it, for people the roles file doesn't list.

A workspace member who isn't in the roles file can still file a request; the card, the
register and the exports should say who they are, not show a platform id. Listed people
keep the roles file's name, so this is only the fallback, and older rows have none.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:  # batch: SQLite alters by copying
        batch.add_column(sa.Column("requester_name", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("requester_name")
