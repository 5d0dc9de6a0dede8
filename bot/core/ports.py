"""What the core needs from storage, one narrow Protocol per need (as Microsoft's Agents
SDK declares `Storage`). The SQL `workflows.store.Store` implements them all; the
in-memory `workflows.store.memory.MemoryStore` implements them for fast unit tests.
Each collaborator takes only the port it uses, so what it can touch is in its signature.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from workflows.desk_store import DeskStore, RequestReader
from workflows.store import Draft, OutboxItem, OutboxMessage, SoftwareEntry
from workflows.store.question_log import Unanswered


class DraftStore(Protocol):
    """One form or awaited line per conversation key, until it expires."""

    async def load_draft(self, conversation: str) -> Draft | None: ...

    async def load_drafts(self, *conversations: str) -> dict[str, Draft]: ...

    async def save_draft(
        self,
        conversation: str,
        user_id: str,
        workflow: str,
        state: dict[str, Any],
        expires_at: datetime,
    ) -> None: ...

    async def delete_draft(self, conversation: str) -> None: ...


class RegisterReader(Protocol):
    async def software_register(self, council: str | None = None) -> list[SoftwareEntry]: ...


class QuestionLogPort(Protocol):
    """Questions the policy didn't answer, and which of them went to the Clerk."""

    async def record_unanswered(
        self, *, user_id: str, council: str, question: str, reference: str | None
    ) -> int: ...

    async def unanswered(self, row_id: int) -> Unanswered | None: ...

    async def mark_asked(self, row_id: int, request_id: str) -> bool: ...

    async def set_request(self, row_id: int, request_id: str | None) -> None: ...


class FeedbackStore(RequestReader, Protocol):
    @property
    def questions(self) -> QuestionLogPort: ...

    async def record_feedback(
        self, *, user_id: str, council: str, question: str, clause_id: str | None, helpful: bool
    ) -> None: ...


class ListingStore(RequestReader, RegisterReader, Protocol):
    """Cards and lists: a request as it is now, and the register."""


class PendingStore(DraftStore, RequestReader, Protocol):
    """The awaited line: kept as a draft, checked against its request."""


class AssistantStore(DraftStore, FeedbackStore, RegisterReader, Protocol):
    """Everything the router and its collaborators read and keep."""


class CoreStore(DeskStore, AssistantStore, Protocol):
    """The desk's port and the router's together: what a whole core runs on."""


class OutboxStore(Protocol):
    """The outbox as the Dispatcher works it: claim what is due, then settle each item."""

    async def enqueue(self, message: OutboxMessage) -> int: ...

    async def claim_due(
        self,
        *,
        limit: int = 50,
        lease: timedelta = ...,
        recipients: Collection[str] | None = None,
    ) -> list[OutboxItem]: ...

    async def mark_delivered(self, item_id: int) -> None: ...

    async def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None: ...


__all__ = [
    "AssistantStore",
    "CoreStore",
    "DraftStore",
    "FeedbackStore",
    "ListingStore",
    "OutboxStore",
    "PendingStore",
    "QuestionLogPort",
    "RegisterReader",
    "RequestReader",
]


if TYPE_CHECKING:
    from workflows.store import Store
    from workflows.store.memory import MemoryStore

    def _all_fit(sql: Store, memory: MemoryStore) -> tuple[CoreStore | OutboxStore, ...]:
        # mypy checks each store against the ports, signatures and all
        sql_fits: tuple[CoreStore, OutboxStore] = (sql, sql)
        memory_fits: tuple[CoreStore, OutboxStore] = (memory, memory)
        return (*sql_fits, *memory_fits)
