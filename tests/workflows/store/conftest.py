"""Every store test runs twice: SQLite (a file in tmp_path) and PostgreSQL (a fresh schema).

PostgreSQL must be reachable (default postgresql+asyncpg://postgres@127.0.0.1:5432/test,
override with CLERKBOT_TEST_POSTGRES_URL): the tests fail rather than skip without it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.workflows.store.support import Backend, FakeClock
from workflows.store import Store

POSTGRES_URL = os.environ.get(
    "CLERKBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SQL_BACKENDS = ("sqlite", "postgresql")


async def _postgres_admin() -> Any:
    dsn = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)
    try:
        return await asyncpg.connect(dsn, timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        problem = f"{type(error).__name__}: {error}"
    pytest.fail(
        f"PostgreSQL is unreachable at {POSTGRES_URL} ({problem}). The store tests run on "
        "both backends and never skip: start PostgreSQL or set CLERKBOT_TEST_POSTGRES_URL.",
        pytrace=False,
    )


@asynccontextmanager
async def sql_backend(name: str, tmp_path: Path) -> AsyncIterator[Backend]:
    """A fresh database of the kind named: a file in tmp_path, or a schema dropped after."""
    if name == "sqlite":
        yield Backend("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
        return
    admin = await _postgres_admin()
    schema = f"clerkbot_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield Backend("postgresql", POSTGRES_URL, schema)
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


@pytest.fixture(params=SQL_BACKENDS)
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    async with sql_backend(request.param, tmp_path) as fresh:
        yield fresh


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(backend: Backend, clock: FakeClock) -> AsyncIterator[Store]:
    opened = await backend.open(clock)
    try:
        yield opened
    finally:
        await opened.close()
