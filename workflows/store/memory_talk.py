"""The conversational half of MemoryStore: drafts, feedback and the question log, kept as
Store keeps them (a draft is gone once it expires; the log's rows are numbered from 1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from workflows.store.canonical import json_copy
from workflows.store.clock import as_utc
from workflows.store.question_log import Missed, Unanswered
from workflows.store.records import Draft


class MemoryDrafts:
    """Drafts by conversation key, and 👍/👎 feedback, for a MemoryStore."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now_of = now
        self._drafts: dict[str, Draft] = {}
        self.questions = MemoryQuestionLog(now)

    async def load_draft(self, conversation: str) -> Draft | None:
        draft = self._drafts.get(conversation)
        if draft is None or draft.expires_at <= self._now_of():
            return None
        return draft.model_copy(deep=True)

    async def load_drafts(self, *conversations: str) -> dict[str, Draft]:
        found = {c: await self.load_draft(c) for c in conversations}
        return {c: d for c, d in found.items() if d is not None}

    async def save_draft(
        self,
        conversation: str,
        user_id: str,
        workflow: str,
        state: dict[str, Any],
        expires_at: datetime,
    ) -> None:
        self._drafts[conversation] = Draft(
            conversation=conversation,
            user_id=user_id,
            workflow=workflow,
            state=json_copy(state),
            updated_at=self._now_of(),
            expires_at=as_utc(expires_at),
        )

    async def delete_draft(self, conversation: str) -> None:
        self._drafts.pop(conversation, None)

    async def purge_expired_drafts(self) -> int:
        now = self._now_of()
        gone = [c for c, d in self._drafts.items() if d.expires_at <= now]
        for conversation in gone:
            del self._drafts[conversation]
        return len(gone)

    async def record_feedback(
        self, *, user_id: str, council: str, question: str, clause_id: str | None, helpful: bool
    ) -> None:
        if not helpful:
            at = self._now_of()
            self.questions.missed_rows.append(
                (council, Missed(at=at, kind="not helpful", question=question, clause_id=clause_id))
            )


class MemoryQuestionLog:
    """The QuestionLog's port in memory."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._rows: dict[int, Unanswered] = {}
        #: 👎 answers by council (👍 are not read back by anything).
        self.missed_rows: list[tuple[str, Missed]] = []

    async def record_unanswered(
        self, *, user_id: str, council: str, question: str, reference: str | None
    ) -> int:
        row_id = len(self._rows) + 1
        self._rows[row_id] = Unanswered(
            id=row_id,
            at=self._now(),
            user_id=user_id,
            council=council,
            question=question,
            reference=reference,
            request_id=None,
        )
        return row_id

    async def unanswered(self, row_id: int) -> Unanswered | None:
        return self._rows.get(row_id)

    async def mark_asked(self, row_id: int, request_id: str) -> bool:
        row = self._rows.get(row_id)
        if row is None or row.request_id is not None:
            return False
        self._rows[row_id] = row.model_copy(update={"request_id": request_id})
        return True

    async def set_request(self, row_id: int, request_id: str | None) -> None:
        row = self._rows.get(row_id)
        if row is not None:
            self._rows[row_id] = row.model_copy(update={"request_id": request_id})

    async def missed(self, council: str | None = None) -> list[Missed]:
        """👎 answers and unanswered questions, oldest first."""
        out = [m for c, m in self.missed_rows if council is None or c == council]
        out += [
            Missed(
                at=r.at,
                kind="not covered",
                question=r.question,
                clause_id=r.reference,
                request_id=r.request_id,
            )
            for r in self._rows.values()
            if council is None or r.council == council
        ]
        return sorted(out, key=lambda m: m.at)
