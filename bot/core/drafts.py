"""Forms in progress: one draft per conversation, taken a step at a time, saved between
steps (it survives a restart), and filed with the desk when it is complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core import present, unseen
from bot.core.answers import Answers
from bot.core.characters import unstorable, unstorable_fields
from bot.core.commands import looks_like_question
from bot.core.listings import Listings
from bot.core.ports import DraftStore
from bot.messages import Reply, ReplyKind
from knowledge.library import Library
from workflows import engine
from workflows.desk import Desk, Refused
from workflows.engine import DraftState
from workflows.people import Person
from workflows.spec import WorkflowSpec
from workflows.store import Draft, RequestRecord
from workflows.topics import Policy


@dataclass(slots=True)
class Drafts:
    desk: Desk
    store: DraftStore
    answers: Answers
    lists: Listings
    library: Library
    council: str
    clock: Callable[[], dt.datetime]
    #: Conversations whose saved form step awaits its reply's sending (bot/core/unseen.py).
    _unsent: set[str] = field(default_factory=set)

    async def load(self, conversation: str) -> Draft | None:
        return await self.store.load_draft(conversation)

    async def start(
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
            current = self.desk.catalogue.get(state.workflow)
            if current is not None:
                busy = Reply(
                    kind=ReplyKind.WARNING,
                    text=f"You're in the middle of a {current.title.lower()}: finish it, or say "
                    "cancel, before starting another.",
                )
                return [busy, *self.form(engine.resume(current, state, self.policy(state)))]
        step = engine.begin(spec, self.desk.catalogue.policy(self.council, spec.key), prefill)
        await self._save(conversation, person, step.state)
        replies = self.form(step.says)
        if prefill and replies:
            # What was understood, before the first question: it can be changed at the end.
            noted = "; ".join(
                f"{f.label}: {f.show(prefill[f.name])}" for f in spec.fields if f.name in prefill
            )
            said = Reply(
                kind=ReplyKind.NOTICE,
                text=f"From your message I've noted {noted}. You can change any of it "
                "before it is sent.",
            )
            replies.insert(len(replies) - 1, said)
        return replies

    async def step(self, draft: Draft, text: str, person: Person, conversation: str) -> list[Reply]:
        """The next line of a form in progress: its answer, a question aside, or a command."""
        state = DraftState.model_validate(draft.state)
        spec = self.desk.catalogue.get(state.workflow)
        if spec is None:
            await self.store.delete_draft(conversation)
            return [present.error("That form no longer exists; please start again.")]
        if looks_like_question(text) and not engine.expects_verbatim(spec, state):
            # A question mid-form is answered, then the form picks up where it was.
            aside = await self.answers.aside(text, spec.title)
            return [*aside, *self.form(engine.resume(spec, state, self.policy(state)))]
        step = engine.step(spec, state, text, self.policy(state))
        if step.submit is not None:
            await self.store.delete_draft(conversation)
            return self.filed(spec, await self.desk.submit(spec, person, self.council, step.submit))
        if step.state is None:
            await self.store.delete_draft(conversation)
        else:
            await self._save(conversation, person, step.state)
        return self.form(step.says)

    def again(self, draft: Draft, conversation: str) -> list[Reply]:
        """The question the person may not have seen, shown again rather than answered."""
        self._unsent.add(conversation)  # shown again: seen once it is sent
        return unseen.again(draft, self.desk.catalogue, self.form)

    def filed(self, spec: WorkflowSpec, filed: RequestRecord | Refused) -> list[Reply]:
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

    def policy(self, state: DraftState) -> Policy:
        """What the draft's council's policy says on its workflow's topics."""
        return self.desk.catalogue.policy(state.council, state.workflow)

    def form(self, outs: list[engine.Out]) -> list[Reply]:
        return present.form(outs, self.library, self.clock().date())

    async def start_prefilled(
        self, person: Person, conversation: str, spec_key: str, answers: Mapping[str, str]
    ) -> list[Reply]:
        spec = self.desk.catalogue.get(spec_key)
        if spec is None:
            return [present.error("I don't know that request.")]
        kept = {k: v for k, v in answers.items() if not unstorable(v)}
        values, _ = engine.parse_answers(spec, kept)
        return await self.start(spec, person, conversation, values)

    def errors(self, spec_key: str, answers: Mapping[str, str]) -> dict[str, str]:
        """Why a whole form's answers don't fit, per field (empty when they all do)."""
        spec = self.desk.catalogue.get(spec_key)
        if spec is None:
            return {"": "I don't know that request."}
        missing = {
            f.name: "Please answer this."
            for f in spec.fields
            if not f.optional and not (answers.get(f.name) or "").strip()
        }
        return {**engine.parse_answers(spec, answers)[1], **missing, **unstorable_fields(answers)}
