"""The router: every message and button press, from any platform, comes through here.
It decides what a message is (a command, an answer to the form in progress, a policy
question, the start of a request) and hands it to knowledge/ or workflows/; rules about
requests live in workflows.desk. This module only routes and saves conversation state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core import present, unseen
from bot.core.characters import REFUSED_MESSAGE, unstorable, unstorable_fields
from bot.core.clerk_questions import ClerkQuestions
from bot.core.commands import Command, looks_like_question, parse_command
from bot.core.listings import Listings
from bot.core.notices import notice
from bot.core.pending import SUFFIX, Pending
from bot.core.recipients import recipient
from bot.core.register import RegisterView, register_notes
from bot.core.thinking import Thinking
from bot.messages import (
    MAX_MESSAGE_CHARS,
    Action,
    ActionEvent,
    Button,
    IncomingMessage,
    Reply,
    ReplyKind,
    User,
)
from knowledge.answer import Answer, Answerer
from knowledge.library import Library
from workflows import engine
from workflows.catalogue import Catalogue
from workflows.clerk_question import QUESTION
from workflows.desk import AlreadyDecided, Desk, Done, NeedsNote, Outcome, Refused
from workflows.engine import DraftState
from workflows.events import parse_event
from workflows.people import Person
from workflows.spec import WorkflowSpec
from workflows.store import Draft, OutboxItem, RequestRecord, Store


@dataclass(slots=True)
class Assistant:
    answerer: Answerer
    library: Library
    desk: Desk
    #: All the state the router keeps: drafts, and reads for listings and the register.
    store: Store
    council: str
    clock: Callable[[], dt.datetime]
    clerk: ClerkQuestions = field(init=False)
    lists: Listings = field(init=False)
    pending: Pending = field(init=False)
    thinking: Thinking = field(init=False)
    register: RegisterView = field(init=False)
    #: Conversations whose saved form step awaits its reply's sending (bot/core/unseen.py).
    _unsent: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.thinking = Thinking(self.answerer)
        self.register = RegisterView(self.store, self.council)
        self.clerk = ClerkQuestions(
            self.desk, self.store, self.thinking, self.library, self.council
        )
        self.lists = Listings(self.desk, self.store, self.council)
        self.pending = Pending(self.desk, self.store, self.council, self.clock)

    @property
    def catalogue(self) -> Catalogue:
        return self.desk.catalogue

    # Messages ---------------------------------------------------------------------------

    async def handle(self, message: IncomingMessage) -> list[Reply]:
        text = message.text.strip()
        if len(text) > MAX_MESSAGE_CHARS:
            return [present.too_long(text)]
        if unstorable(text):
            return [present.error(REFUSED_MESSAGE)]
        if not text:
            return [self.lists.help(None)]
        person = _person(message.user)
        command = parse_command(text)
        found = await self.store.load_drafts(message.conversation + SUFFIX, message.conversation)
        pending, draft = found.get(message.conversation + SUFFIX), found.get(message.conversation)
        if command and command[0] is Command.CANCEL and pending:
            await self.store.delete_draft(message.conversation + SUFFIX)
            return [Reply(kind=ReplyKind.NOTICE, text="Cancelled: nothing was changed.")]
        if pending and command is None:
            return await self._pending_input(pending, text, person, message.conversation)
        if command:
            return await self._command(command[0], command[1], person, message.conversation, draft)
        if draft and unseen.is_unseen(draft):
            self._unsent.add(message.conversation)  # shown again: seen once it is sent
            return unseen.again(draft, self.catalogue, self._form)
        if draft:
            return await self._continue(draft, text, person, message.conversation)
        spec = None if looks_like_question(text) else self.catalogue.intended(text)
        if spec:
            return await self._start(spec, person, message.conversation)
        return await self._answer(text, person)

    async def _command(
        self, command: Command, arg: str, person: Person, conversation: str, draft: Draft | None
    ) -> list[Reply]:
        if draft and command in (Command.HELP, Command.CANCEL):
            return await self._continue(draft, command.value, person, conversation)
        if command is Command.CANCEL:
            return [Reply(kind=ReplyKind.NOTICE, text="There's nothing to cancel.")]
        if command is Command.HELP:
            return [self.lists.help(person)]
        if command is Command.MINE:
            return [await self.lists.mine(person)]
        if command is Command.QUEUE:
            return [await self.lists.queue(person)]
        if command is Command.REGISTER:
            return [await self.lists.register()]
        if command is Command.SHOW:
            return [await self.lists.show(arg, person)]
        return [self.lists.menu(person)]

    # Policy answers ---------------------------------------------------------------------

    async def ask(self, question: str, user: User | None = None) -> list[Reply]:
        """A policy question and nothing else (Slack's /policy): no forms, no commands."""
        text = question.strip()
        if len(text) > MAX_MESSAGE_CHARS:
            return [present.too_long(text)]
        if unstorable(text):
            return [present.error(REFUSED_MESSAGE)]
        if not text:
            return [self.lists.help(None)]
        return await self._answer(text, _person(user) if user else None)

    async def _answer(self, question: str, person: Person | None) -> list[Reply]:
        found = await self.thinking.ask(question, self.council)
        cited = {found.citations[0].clause_id} if found.answered else set()
        offers = [s for s in self.catalogue if cited & set(s.cited(self.council))]
        intended = self.catalogue.intended(question)
        if intended and intended not in offers:
            offers.append(intended)
        entries = await self.register.entries()
        notes = register_notes(question, entries, self.desk.people)
        if notes and not found.answered:
            # A register question rests on the software clause even when its words miss it.
            return [self._software_rule(found, notes, offers)]
        if found.answered or person is None:
            return [present.answer(found, offers, notes)]
        asked = await self.clerk.offer(found, person)
        return [present.answer(found, offers, notes, ask_clerk=asked)]

    def _software_rule(self, found: Answer, notes: list[str], offers: list[WorkflowSpec]) -> Reply:
        software = self.catalogue.get("software")
        ids = software.cited(self.council) if software else ()
        cites = present.cite_ids(self.library, ids, self.clock().date())
        if not cites:
            return present.answer(found, offers, notes)
        ruled = found.model_copy(update={"answered": True, "citations": cites, "reference": None})
        return present.answer(ruled, offers, notes)

    # Forms ------------------------------------------------------------------------------

    async def _start(
        self,
        spec: WorkflowSpec,
        person: Person,
        conversation: str,
        prefill: dict[str, Any] | None = None,
    ) -> list[Reply]:
        if person.role not in spec.starters:
            roles = " or ".join(sorted(r.value for r in spec.starters))
            return [present.error(f"Only a {roles} can start a {spec.title.lower()}.")]
        draft = await self.store.load_draft(conversation)
        if draft is not None:
            state = DraftState.model_validate(draft.state)
            current = self.catalogue.get(state.workflow)
            if current is not None:
                busy = Reply(
                    kind=ReplyKind.WARNING,
                    text=f"You're in the middle of a {current.title.lower()}: finish it, or say "
                    "cancel, before starting another.",
                )
                return [busy, *self._form(engine.resume(current, state))]
        step = engine.begin(spec, self.council, prefill)
        await self._save(conversation, person, step.state)
        return self._form(step.says)

    async def _continue(
        self, draft: Draft, text: str, person: Person, conversation: str
    ) -> list[Reply]:
        state = DraftState.model_validate(draft.state)
        spec = self.catalogue.get(state.workflow)
        if spec is None:
            await self.store.delete_draft(conversation)
            return [present.error("That form no longer exists; please start again.")]
        if looks_like_question(text) and not engine.expects_verbatim(spec, state):
            # A question mid-form is answered, then the form picks up where it was.
            found = await self.thinking.ask(text, self.council)
            back = Reply(kind=ReplyKind.NOTICE, text=f"Back to your {spec.title.lower()}:")
            return [present.answer(found), back, *self._form(engine.resume(spec, state))]
        step = engine.step(spec, state, text)
        if step.submit is not None:
            await self.store.delete_draft(conversation)
            return await self._submit(spec, person, step.submit)
        if step.state is None:
            await self.store.delete_draft(conversation)
        else:
            await self._save(conversation, person, step.state)
        return self._form(step.says)

    async def _submit(
        self, spec: WorkflowSpec, person: Person, data: dict[str, Any]
    ) -> list[Reply]:
        return self._filed(spec, await self.desk.submit(spec, person, self.council, data))

    def _filed(self, spec: WorkflowSpec, filed: RequestRecord | Refused) -> list[Reply]:
        if isinstance(filed, Refused):
            return [present.error(filed.reason)]
        who = "the Clerk and the IT service provider" if spec.notify_it else "the Clerk"
        text = f"Sent to {who} as {filed.id}. I'll tell you when there's a decision."
        done = Reply(kind=ReplyKind.NOTICE, text=text, request_id=filed.id)
        return [done, self.lists.card(filed, spec, decider=False)]

    async def _save(self, conversation: str, person: Person, state: DraftState | None) -> None:
        if state is None:
            return
        expires = self.clock() + self.desk.timing.draft_ttl
        marked = unseen.marked(state.model_dump())
        await self.store.save_draft(conversation, person.id, state.workflow, marked, expires)
        self._unsent.add(conversation)

    async def delivered(self, conversation: str) -> None:
        """The platform has sent this turn's replies: a form step's question was seen."""
        if conversation in self._unsent:
            self._unsent.discard(conversation)
            await unseen.seen(self.store, conversation)

    def _form(self, outs: list[engine.Out]) -> list[Reply]:
        return present.form(outs, self.library, self.clock().date())

    async def start_prefilled(
        self, user: User, conversation: str, spec_key: str, answers: Mapping[str, str]
    ) -> list[Reply]:
        """Start a form with some answers given (a shortcut's message, a modal's fields).

        Answers that don't fit are dropped and asked for in the conversation instead.
        """
        spec = self.catalogue.get(spec_key)
        if spec is None:
            return [present.error("I don't know that request.")]
        kept = {k: v for k, v in answers.items() if not unstorable(v)}
        values, _ = engine.parse_answers(spec, kept)
        return await self._start(spec, _person(user), conversation, values)

    def form_errors(self, spec_key: str, answers: Mapping[str, str]) -> dict[str, str]:
        """Why a whole form's answers don't fit, per field (empty when they all do)."""
        spec = self.catalogue.get(spec_key)
        if spec is None:
            return {"": "I don't know that request."}
        missing = {
            f.name: "Please answer this."
            for f in spec.fields
            if not f.optional and not (answers.get(f.name) or "").strip()
        }
        return {**engine.parse_answers(spec, answers)[1], **missing, **unstorable_fields(answers)}

    async def feedback(
        self, user: User, question: str, clause_id: str | None, helpful: bool
    ) -> Reply:
        """A 👍/👎 on an answer, kept so the council can see which answers miss."""
        if unstorable(question + (clause_id or "")):  # not what our button carries
            return present.error("I don't recognise that button; nothing was changed.")
        return await self.clerk.feedback(_person(user), question, clause_id, helpful)

    # Buttons ----------------------------------------------------------------------------

    async def press(self, event: ActionEvent) -> list[Reply]:
        person = _person(event.user)
        if unstorable(event.value):  # none of our buttons carries one: forged
            return [present.error("I don't recognise that button; nothing was changed.")]
        if event.action == Action.CANCEL_INPUT:
            return await self.pending.cancel(event.conversation)
        if event.action == Action.REPLY:
            draft = await self.store.load_draft(event.conversation)
            if draft is None:
                return [present.error("That button belongs to a form that is already finished.")]
            return await self._continue(draft, event.value, person, event.conversation)
        if event.action == Action.START:
            spec = self.catalogue.get(event.value)
            if spec is None:
                return [present.error("I don't know that request.")]
            return await self._start(spec, person, event.conversation)
        if event.action == Action.DECIDE:
            request_id, _, key = event.value.partition(":")
            return await self._decide(request_id, key, person, event.conversation)
        if event.action == Action.ANSWER:
            return await self.pending.ask_for_answer(event.value, person, event.conversation)
        if event.action == Action.SHOW:
            return [await self.lists.show(event.value, person)]
        if event.action == Action.ASK_CLERK:
            return self._filed(QUESTION, await self.clerk.ask(event.value, person))
        return [present.error("I don't recognise that button; nothing was changed.")]

    async def _decide(
        self, request_id: str, key: str, person: Person, conversation: str, note: str | None = None
    ) -> list[Reply]:
        outcome = await self.desk.decide(request_id, key, person, note)
        if isinstance(outcome, Done):
            self.register.forget()  # an approval may have added to it
            await self.clerk.learn(outcome)
        if isinstance(outcome, NeedsNote):
            pending = {"kind": "note", "request_id": outcome.request.id, "decision": key}
            await self.pending.save(conversation, person, pending)
            prompt = (
                f"{outcome.decision.label} {outcome.request.id}. {outcome.decision.note_prompt}"
            )
            if outcome.problem:
                prompt = f"{outcome.problem} {prompt}"
            cancel = Button(label="Cancel", action=Action.CANCEL_INPUT, value=outcome.request.id)
            return [
                Reply(
                    kind=ReplyKind.PROMPT,
                    text=prompt + " (Or say cancel.)",
                    buttons=[cancel],
                    request_id=outcome.request.id,
                    awaits_text=True,
                )
            ]
        return [self._outcome(outcome)]

    def _outcome(self, outcome: Outcome) -> Reply:
        if isinstance(outcome, Refused):
            return present.error(outcome.reason)
        record = outcome.request
        spec = self.catalogue.for_request(record.id)
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

    async def note_problem(self, conversation: str, text: str) -> str | None:
        """Why the note this conversation waits for won't do (None: it will)."""
        if unstorable(text):
            return REFUSED_MESSAGE
        return await self.pending.note_problem(conversation, text)

    async def _pending_input(
        self, pending: Draft, text: str, person: Person, conversation: str
    ) -> list[Reply]:
        kind = pending.state.get("kind")
        request_id = str(pending.state.get("request_id", ""))
        # Taken as it is: a note or an answer may itself be a question ("Which licence?").
        await self.pending.drop(conversation)
        if kind == "note":
            key = str(pending.state.get("decision", ""))
            return await self._decide(request_id, key, person, conversation, note=text)
        answered = await self.desk.answer_question(request_id, person, text)
        if isinstance(answered, Refused):
            return [present.error(answered.reason)]
        thanks = f"Thanks: your answer on {answered.id} has gone to the Clerk."
        return [Reply(kind=ReplyKind.NOTICE, text=thanks)]

    # Lists and cards (bot/core/listings.py) -------------------------------------------

    async def mine(self, user: User) -> Reply:
        """The person's own requests (App Home, a Teams tab): no conversation involved."""
        return await self.lists.mine(_person(user))

    async def queue(self, user: User) -> Reply:
        """What waits for a decision; for anyone else, why they can't see it."""
        return await self.lists.queue(_person(user))

    # Notifications ----------------------------------------------------------------------

    async def notification(self, item: OutboxItem) -> Reply | None:
        """The reply an outbox item becomes, drawn from the request as it is now."""
        payload = {**item.payload, "request_id": item.payload.get("request_id") or item.request_id}
        event = parse_event(payload)
        record = await self.store.get_request(event.request_id)
        spec = self.catalogue.get(record.workflow) if record else None
        if record is None or spec is None:
            return None
        return notice(event, record, spec, self.desk.people, recipient(item.recipient))


def _person(user: User) -> Person:
    return Person(id=user.id, name=user.name, role=user.role)
