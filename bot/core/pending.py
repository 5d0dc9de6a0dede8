"""The one line a conversation is waiting for: a decision's note, or the answer to the
Clerk's question. Kept beside the conversation's draft (same store, its own key), so it
survives a restart and belongs to that conversation only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core import present
from bot.core.ports import PendingStore
from bot.messages import Reply, ReplyKind
from workflows.desk import Desk
from workflows.people import Person
from workflows.store import Draft

#: Where a conversation's one-line pending input is kept, beside its draft.
SUFFIX = "#input"


@dataclass(slots=True)
class Pending:
    desk: Desk
    store: PendingStore
    council: str
    clock: Callable[[], datetime]

    async def load(self, conversation: str) -> Draft | None:
        return await self.store.load_draft(conversation + SUFFIX)

    async def save(self, conversation: str, person: Person, state: dict[str, Any]) -> None:
        expires = self.clock() + self.desk.timing.draft_ttl
        await self.store.save_draft(conversation + SUFFIX, person.id, "_input", state, expires)

    async def drop(self, conversation: str) -> None:
        await self.store.delete_draft(conversation + SUFFIX)

    async def cancel(self, conversation: str) -> list[Reply]:
        if await self.load(conversation) is None:
            return [present.error("There's nothing waiting to be cancelled.")]
        await self.drop(conversation)
        return [Reply(kind=ReplyKind.NOTICE, text="Cancelled: nothing was changed.")]

    async def ask_for_answer(
        self, request_id: str, person: Person, conversation: str
    ) -> list[Reply]:
        """The requester pressed *Answer* on the Clerk's question: wait for their words."""
        record = await self.store.get_request(request_id.strip().upper())
        if record is None or record.requester_id != person.id or record.state != "info_requested":
            return [present.error(f"{request_id[:20]} isn't waiting for an answer from you.")]
        question = record.data.get("open_question") or {}
        await self.save(conversation, person, {"kind": "answer", "request_id": record.id})
        text = f"The Clerk asked: {question.get('question')}\nType your answer (or say cancel)."
        return [Reply(kind=ReplyKind.PROMPT, text=text, request_id=record.id, awaits_text=True)]

    async def note_problem(self, conversation: str, text: str) -> str | None:
        """Why the note this conversation is waiting for won't do (a platform's text box
        can say so and stay open); None when it will, or nothing is waiting."""
        pending = await self.load(conversation)
        if pending is None or pending.state.get("kind") != "note":
            return None
        spec = self.desk.catalogue.for_request(str(pending.state.get("request_id", "")))
        decision = spec.decision(str(pending.state.get("decision", ""))) if spec else None
        if decision is None or text.strip().casefold() == "cancel":
            return None
        return self.desk.note_problem(self.council, decision, text)
