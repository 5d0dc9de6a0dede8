"""The Store's kept records that workflows add to and read back: the authorised-software
register, and feedback (👍/👎) on the Clerk's answers."""

from __future__ import annotations

from datetime import datetime

from workflows.store import feedback
from workflows.store import software as software_store
from workflows.store.clock import as_utc
from workflows.store.records import SoftwareEntry
from workflows.store.store_base import StoreBase


class RegisterMethods(StoreBase):
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
