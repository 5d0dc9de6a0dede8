"""Schema upgrades with Alembic, run in-process at start-up (no alembic.ini).

To change the schema: edit tables.py, then add ``migrations/versions/000N_what.py``
(``alembic.command.revision(alembic_config(), "what", rev_id="000N")`` writes the
skeleton). tests/workflows/store/test_migrations.py fails until the two agree.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

from workflows.store.connect import POSTGRESQL

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same on every replica.
_PG_MIGRATION_LOCK = 0x436C65726B  # "Clerk"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the schema to head in one transaction.

    PostgreSQL: an advisory lock held to commit lets replicas start together, the later
    ones waiting and then finding nothing to do. SQLite: BEGIN IMMEDIATE does the same.
    """
    async with engine.begin() as conn:
        if conn.dialect.name == POSTGRESQL:
            await conn.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        await conn.run_sync(_upgrade_sync)


def _upgrade_sync(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
