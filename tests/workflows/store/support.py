"""Helpers shared by the store tests: a settable clock, the backend under test, raw SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from workflows.store import RequestRecord, Store

START = datetime(2026, 11, 21, 9, 0, 0, 123456, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Backend:
    name: str
    url: str
    schema: str | None = None

    async def open(self, clock: FakeClock) -> Store:
        return await Store.open(self.url, clock, schema=self.schema)


async def execute(store: Store, sql: str, **params: Any) -> int:
    """Raw SQL behind the store's back (tampering, set-up); returns the row count."""
    async with store.engine.begin() as conn:
        result = await conn.execute(text(sql), params)
        return result.rowcount


async def scalar(store: Store, sql: str, **params: Any) -> Any:
    async with store.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()


async def new_request(store: Store, **overrides: Any) -> RequestRecord:
    """A software request as the workflow engine would file it."""
    fields: dict[str, Any] = {
        "workflow": "software",
        "prefix": "SW",
        "council": "watton",
        "requester_id": "amy",
        "data": {"name": "Zoom", "reason": "meetings"},
        "state": "pending",
    }
    return await store.create_request(**(fields | overrides))
