"""The router: every message and button press, from any platform, comes through here.

It decides what a message is (a command, the line a conversation waits for, the next step
of a form, the start of a request, a policy question) and hands it to the collaborator
that owns it: `Drafts` (forms in progress), `Decisions` (requests and decisions),
`Answers` (policy answers), `Listings` (read-only views). Rules about requests live in
workflows.desk; what is kept, behind the ports of bot/core/ports.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.core import present, unseen
from bot.core.answers import Answers
from bot.core.characters import REFUSED_MESSAGE, unstorable
from bot.core.clerk_questions import ClerkQuestions
from bot.core.commands import Command, parse_command, stray
from bot.core.decisions import Decisions
from bot.core.drafts import Drafts
from bot.core.listings import Listings
from bot.core.pending import SUFFIX, Pending
from bot.core.ports import AssistantStore
from bot.core.register import RegisterView
from bot.core.thinking import Thinking
from bot.core.understanding import understand
from bot.messages import (
    MAX_MESSAGE_CHARS,
    Action,
    ActionEvent,
    IncomingMessage,
    Reply,
    ReplyKind,
    User,
)
from knowledge.answer import Answerer
from knowledge.library import Library
from knowledge.semantic.examples import ExampleReader
from workflows.catalogue import Catalogue
from workflows.clerk_question import QUESTION
from workflows.desk import Desk
from workflows.people import Person
from workflows.store import Draft, OutboxItem

_FORGED = "I don't recognise that button; nothing was changed."


@dataclass(slots=True)
class Assistant:
    answerer: Answerer
    library: Library
    desk: Desk
    #: All the state the router keeps: drafts, and reads for listings and the register.
    store: AssistantStore
    council: str
    clock: Callable[[], dt.datetime]
    #: Reads what an opening message is by meaning (None: the workflows' words only).
    reader: ExampleReader | None = None
    thinking: Thinking = field(init=False)
    register: RegisterView = field(init=False)
    clerk: ClerkQuestions = field(init=False)
    lists: Listings = field(init=False)
    pending: Pending = field(init=False)
    answers: Answers = field(init=False)
    drafts: Drafts = field(init=False)
    decisions: Decisions = field(init=False)

    def __post_init__(self) -> None:
        store, council, desk = self.store, self.council, self.desk
        self.thinking = Thinking(self.answerer)
        self.register = RegisterView(store, council)
        self.clerk = ClerkQuestions(desk, store, self.thinking, self.library, council)
        self.lists = Listings(desk, store, council)
        self.pending = Pending(desk, store, council, self.clock)
        self.answers = Answers(
            self.thinking,
            self.library,
            desk.catalogue,
            desk.people,
            self.register,
            self.clerk,
            council,
            self.clock,
        )
        self.drafts = Drafts(
            desk, store, self.answers, self.lists, self.library, council, self.clock
        )
        self.decisions = Decisions(desk, store, self.pending, self.register, self.clerk, self.lists)

    @property
    def catalogue(self) -> Catalogue:
        return self.desk.catalogue

    # Messages ---------------------------------------------------------------------------

    async def handle(self, message: IncomingMessage) -> list[Reply]:
        text = message.text.strip()
        refused = _refused(text)
        if refused is not None:
            return refused
        if not text:
            return [self.lists.help(None)]
        person = _person(message.user)
        here = message.conversation
        command = parse_command(text)
        found = await self.store.load_drafts(here + SUFFIX, here)
        pending, draft = found.get(here + SUFFIX), found.get(here)
        if command and command[0] is Command.CANCEL and pending:
            await self.pending.drop(here)
            return [Reply(kind=ReplyKind.NOTICE, text="Cancelled: nothing was changed.")]
        if pending and command is None:
            return await self.decisions.awaited(pending, text, person, here)
        if command:
            return await self._command(command[0], command[1], person, here, draft)
        if draft and unseen.is_unseen(draft):
            return self.drafts.again(draft, here)
        if draft:
            return await self.drafts.step(draft, text, person, here)
        if stray(text):
            return [_nothing_waiting(text)]
        understood = understand(text, self.catalogue, self.reader)
        if understood.spec is not None:
            return await self.drafts.start(understood.spec, person, here, understood.prefill)
        return [await self.answers.reply(text, person)]

    async def _command(
        self, command: Command, arg: str, person: Person, conversation: str, draft: Draft | None
    ) -> list[Reply]:
        if draft and command in (Command.HELP, Command.CANCEL):
            return await self.drafts.step(draft, command.value, person, conversation)
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

    async def ask(self, question: str, user: User | None = None) -> list[Reply]:
        """A policy question and nothing else (Slack's /policy): no forms, no commands."""
        text = question.strip()
        refused = _refused(text)
        if refused is not None:
            return refused
        if not text:
            return [self.lists.help(None)]
        return [await self.answers.reply(text, _person(user) if user else None)]

    # Buttons ----------------------------------------------------------------------------

    async def press(self, event: ActionEvent) -> list[Reply]:
        person, here, value = _person(event.user), event.conversation, event.value
        if unstorable(value):  # none of our buttons carries one: forged
            return [present.error(_FORGED)]
        if event.action == Action.CANCEL_INPUT:
            return await self.pending.cancel(here)
        if event.action == Action.REPLY:
            draft = await self.drafts.load(here)
            if draft is None:
                return [present.error("That button belongs to a form that is already finished.")]
            return await self.drafts.step(draft, value, person, here)
        if event.action == Action.START:
            spec = self.catalogue.get(value)
            if spec is None:
                return [present.error("I don't know that request.")]
            return await self.drafts.start(spec, person, here)
        if event.action == Action.DECIDE:
            request_id, _, key = value.partition(":")
            return await self.decisions.decide(request_id, key, person, here)
        if event.action == Action.ANSWER:
            return await self.pending.ask_for_answer(value, person, here)
        if event.action == Action.SHOW:
            return [await self.lists.show(value, person)]
        if event.action == Action.ASK_CLERK:
            return self.drafts.filed(QUESTION, await self.clerk.ask(value, person))
        return [present.error(_FORGED)]

    async def feedback(
        self, user: User, question: str, clause_id: str | None, helpful: bool
    ) -> Reply:
        """A 👍/👎 on an answer, kept so the council can see which answers miss."""
        if unstorable(question + (clause_id or "")):  # not what our button carries
            return present.error(_FORGED)
        return await self.clerk.feedback(_person(user), question, clause_id, helpful)

    # What the platforms call besides (modals, App Home, the outbox) ----------------------

    async def delivered(self, conversation: str) -> None:
        """The platform has sent this turn's replies: a form step's question was seen."""
        await self.drafts.delivered(conversation)

    async def start_prefilled(
        self, user: User, conversation: str, spec_key: str, answers: Mapping[str, str]
    ) -> list[Reply]:
        """Start a form with some answers given (a shortcut's message, a modal's fields).

        Answers that don't fit are dropped and asked for in the conversation instead.
        """
        return await self.drafts.start_prefilled(_person(user), conversation, spec_key, answers)

    def form_errors(self, spec_key: str, answers: Mapping[str, str]) -> dict[str, str]:
        """Why a whole form's answers don't fit, per field (empty when they all do)."""
        return self.drafts.errors(spec_key, answers)

    async def note_problem(self, conversation: str, text: str) -> str | None:
        """Why the note this conversation waits for won't do (None: it will)."""
        return await self.decisions.note_problem(conversation, text)

    async def mine(self, user: User) -> Reply:
        """The person's own requests (App Home, a Teams tab): no conversation involved."""
        return await self.lists.mine(_person(user))

    async def queue(self, user: User) -> Reply:
        """What waits for a decision; for anyone else, why they can't see it."""
        return await self.lists.queue(_person(user))

    async def notification(self, item: OutboxItem) -> Reply | None:
        """The reply an outbox item becomes, drawn from the request as it is now."""
        return await self.decisions.notification(item)


def _nothing_waiting(text: str) -> Reply:
    """What a form's or a card's word gets when neither is waiting for it."""
    decided = re.search(r"[a-z]{2}-\d{1,9}", text, re.IGNORECASE)
    if decided:
        found = decided.group(0).upper()
        said = f"To decide {found}, press a button on its card: say show {found} to see it."
    else:
        said = (
            f'There\'s no form or card waiting for "{text.strip()[:20]}" here. Say help to see '
            "what I can do, or my requests to see yours."
        )
    return Reply(kind=ReplyKind.NOTICE, text=said)


def _refused(text: str) -> list[Reply] | None:
    """What a message too long, unstorable or empty gets instead of being read."""
    if len(text) > MAX_MESSAGE_CHARS:
        return [present.too_long(text)]
    if unstorable(text):
        return [present.error(REFUSED_MESSAGE)]
    return None


def _person(user: User) -> Person:
    return Person(id=user.id, name=user.name, role=user.role)
