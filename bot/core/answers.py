"""Policy answers as the router gives them: the clause, the requests it leads to, what the
software register says, and for a question the policy doesn't cover, *Ask the Clerk*."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.core import present
from bot.core.clerk_questions import ClerkQuestions
from bot.core.register import RegisterView, register_notes
from bot.core.thinking import Thinking
from bot.messages import Reply, ReplyKind
from knowledge.answer import Answer
from knowledge.library import Library
from workflows.catalogue import Catalogue
from workflows.people import Directory, Person
from workflows.spec import WorkflowSpec


@dataclass(slots=True)
class Answers:
    thinking: Thinking
    library: Library
    catalogue: Catalogue
    people: Directory
    register: RegisterView
    clerk: ClerkQuestions
    council: str
    clock: Callable[[], dt.datetime]

    async def reply(self, question: str, person: Person | None) -> Reply:
        """The answer, with the requests its clause leads to; `person` None: no logging
        and no *Ask the Clerk* (nobody to file it for)."""
        found = await self.thinking.ask(question, self.council)
        cited = {found.citations[0].clause_id} if found.answered else set()
        offers = [s for s in self.catalogue if cited & set(self._cited(s.key))]
        intended = self.catalogue.intended(question)
        if intended and intended not in offers:
            offers.append(intended)
        entries = await self.register.entries()
        notes = register_notes(question, entries, self.people)
        if notes and not found.answered:
            # A register question rests on the software clause even when its words miss it.
            return self._software_rule(found, notes, offers)
        if found.answered or person is None:
            return present.answer(found, offers, notes)
        asked = await self.clerk.offer(found, person)
        return present.answer(found, offers, notes, ask_clerk=asked)

    async def aside(self, question: str, title: str) -> list[Reply]:
        """A question asked mid-form: answered plainly, then back to the form `title`."""
        found = await self.thinking.ask(question, self.council)
        back = Reply(kind=ReplyKind.NOTICE, text=f"Back to your {title.lower()}:")
        return [present.answer(found), back]

    def _cited(self, workflow: str) -> tuple[str, ...]:
        """The clauses the workflow cites in this council's policy."""
        return self.catalogue.policy(self.council, workflow).cited

    def _software_rule(self, found: Answer, notes: list[str], offers: list[WorkflowSpec]) -> Reply:
        ids = self._cited("software")
        cites = present.cite_ids(self.library, ids, self.clock().date())
        if not cites:
            return present.answer(found, offers, notes)
        ruled = found.model_copy(update={"answered": True, "citations": cites, "reference": None})
        return present.answer(ruled, offers, notes)
