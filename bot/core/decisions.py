"""Requests and decisions as the router takes them: a decision button pressed (and the note
it may wait for), the requester's answer to the Clerk's question, and the notification an
outbox item becomes. The rules are the desk's (workflows.desk); this module words them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import present
from bot.core.characters import REFUSED_MESSAGE, unstorable
from bot.core.clerk_questions import ClerkQuestions
from bot.core.listings import Listings
from bot.core.notices import notice
from bot.core.pending import Pending
from bot.core.ports import RequestReader
from bot.core.recipients import recipient
from bot.core.register import RegisterView
from bot.messages import Action, Button, Reply, ReplyKind
from workflows.desk import AlreadyDecided, Desk, Done, NeedsNote, Outcome, Refused
from workflows.events import parse_event
from workflows.people import Person
from workflows.store import Draft, OutboxItem


@dataclass(slots=True)
class Decisions:
    desk: Desk
    store: RequestReader
    pending: Pending
    register: RegisterView
    clerk: ClerkQuestions
    lists: Listings

    async def decide(
        self, request_id: str, key: str, person: Person, conversation: str, note: str | None = None
    ) -> list[Reply]:
        outcome = await self.desk.decide(request_id, key, person, note)
        if isinstance(outcome, Done):
            self.register.forget()  # an approval may have added to it
            await self.clerk.learn(outcome)
        if isinstance(outcome, NeedsNote):
            return [await self._ask_note(outcome, key, person, conversation)]
        return [self._outcome(outcome)]

    async def _ask_note(
        self, outcome: NeedsNote, key: str, person: Person, conversation: str
    ) -> Reply:
        pending = {"kind": "note", "request_id": outcome.request.id, "decision": key}
        await self.pending.save(conversation, person, pending)
        prompt = f"{outcome.decision.label} {outcome.request.id}. {outcome.decision.note_prompt}"
        if outcome.problem:
            prompt = f"{outcome.problem} {prompt}"
        cancel = Button(label="Cancel", action=Action.CANCEL_INPUT, value=outcome.request.id)
        return Reply(
            kind=ReplyKind.PROMPT,
            text=prompt + " (Or say cancel.)",
            buttons=[cancel],
            request_id=outcome.request.id,
            awaits_text=True,
        )

    def _outcome(self, outcome: Outcome) -> Reply:
        if isinstance(outcome, Refused):
            return present.error(outcome.reason)
        record = outcome.request
        spec = self.desk.catalogue.for_request(record.id)
        if spec is None:
            return present.error(f"{record.id} belongs to a form that no longer exists.")
        state = present.status(record, spec, self.desk.people)
        if isinstance(outcome, AlreadyDecided):
            decided = present.decided_line(record, spec, self.desk.people)
            if decided:
                text = f"{record.id} was already {decided}. Nothing was changed."
                return Reply(kind=ReplyKind.WARNING, text=text, request_id=record.id)
            moved = f"{record.id} has moved on: {state}. Nothing was changed."
            return Reply(kind=ReplyKind.WARNING, text=moved)
        assert isinstance(outcome, Done)
        return self.lists.card(record, spec, decider=True, heading=f"Done: {record.id} · {state}")

    async def awaited(
        self, pending: Draft, text: str, person: Person, conversation: str
    ) -> list[Reply]:
        """The line the conversation was waiting for: a decision's note, or an answer."""
        kind = pending.state.get("kind")
        request_id = str(pending.state.get("request_id", ""))
        # Taken as it is: a note or an answer may itself be a question ("Which licence?").
        await self.pending.drop(conversation)
        if kind == "note":
            key = str(pending.state.get("decision", ""))
            return await self.decide(request_id, key, person, conversation, note=text)
        answered = await self.desk.answer_question(request_id, person, text)
        if isinstance(answered, Refused):
            return [present.error(answered.reason)]
        thanks = f"Thanks: your answer on {answered.id} has gone to the Clerk."
        return [Reply(kind=ReplyKind.NOTICE, text=thanks)]

    async def note_problem(self, conversation: str, text: str) -> str | None:
        """Why the note this conversation waits for won't do (None: it will)."""
        if unstorable(text):
            return REFUSED_MESSAGE
        return await self.pending.note_problem(conversation, text)

    async def notification(self, item: OutboxItem) -> Reply | None:
        """The reply an outbox item becomes, drawn from the request as it is now."""
        payload = {**item.payload, "request_id": item.payload.get("request_id") or item.request_id}
        event = parse_event(payload)
        record = await self.store.get_request(event.request_id)
        spec = self.desk.catalogue.get(record.workflow) if record else None
        if record is None or spec is None:
            return None
        return notice(event, record, spec, self.desk.people, recipient(item.recipient))
