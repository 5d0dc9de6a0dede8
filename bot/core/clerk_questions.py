"""Ask the Clerk: when the policy is silent, the question goes to the person who knows,
and what the Clerk links teaches the answerer. 👍/👎 on answers are kept here too.

A "not covered" answer is logged (for the Clerk's policy review) and its *Ask the Clerk*
button carries only the log row's id: the question filed is the one the server logged for
the person pressing, never text from the button.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.ports import FeedbackStore
from bot.core.thinking import Thinking
from bot.messages import MAX_MESSAGE_CHARS, Reply, ReplyKind
from knowledge.answer import Answer
from knowledge.library import Library
from workflows.clerk_question import QUESTION
from workflows.desk import Desk, Done, Refused
from workflows.people import Person
from workflows.store import RequestRecord

#: Marks a logged question while its request is being filed, so a double press files one.
_FILING = "filing"


@dataclass(slots=True)
class ClerkQuestions:
    desk: Desk
    store: FeedbackStore
    thinking: Thinking
    library: Library
    council: str
    #: The question requests already taught (here, or found by relearn).
    _taught: set[str] = field(default_factory=set)

    async def offer(self, found: Answer, person: Person) -> int:
        """Log a question the policy didn't answer; returns the id its button carries."""
        reference = found.reference.clause_id if found.reference else None
        # Characters no database holds were refused at the door (bot/core/characters.py).
        question = found.question[:MAX_MESSAGE_CHARS]
        return await self.store.questions.record_unanswered(
            user_id=person.id, council=self.council, question=question, reference=reference
        )

    async def feedback(
        self, person: Person, question: str, clause_id: str | None, helpful: bool
    ) -> Reply:
        """A 👍/👎 on an answer: the 👎 go in the policy-review report."""
        await self.store.record_feedback(
            user_id=person.id,
            council=self.council,
            question=question[:MAX_MESSAGE_CHARS],
            clause_id=clause_id,
            helpful=helpful,
        )
        thanks = "Thanks, noted." if helpful else "Thanks: noted, so the answer can be improved."
        return Reply(kind=ReplyKind.NOTICE, text=thanks)

    async def ask(self, value: str, person: Person) -> RequestRecord | Refused:
        """File the logged question `value` names, for the person who asked it, once."""
        log = self.store.questions
        row = await log.unanswered(int(value)) if value.isdigit() and len(value) <= 12 else None
        if row is None or row.user_id != person.id or row.council != self.council:
            return Refused("That button isn't for a question of yours; nothing was sent.")
        if row.request_id and row.request_id != _FILING:
            return Refused(f"You've already asked the Clerk this: it's {row.request_id}.")
        if not await log.mark_asked(row.id, _FILING):
            return Refused("That question is already on its way to the Clerk.")
        filed = await self.desk.submit(QUESTION, person, self.council, {"question": row.question})
        await log.set_request(row.id, None if isinstance(filed, Refused) else filed.id)
        return filed

    async def learn(self, done: Done) -> None:
        """A question the Clerk linked to a clause joins the council's question bank."""
        if done.request.workflow == QUESTION.key and done.decision.key == "link":
            await self._learn(done.request)

    async def relearn(self) -> int:
        """Teach every question the Clerk has linked that this process hasn't learned: at
        start-up, then now and then (another replica may have taken the decision)."""
        linked = await self.store.list_requests(
            workflow=QUESTION.key, states={"linked"}, limit=10_000
        )
        return sum([await self._learn(r) for r in linked if r.id not in self._taught])

    async def _learn(self, record: RequestRecord) -> bool:
        self._taught.add(record.id)
        clause = self.library.clause(str(record.data.get("linked_clause", "")))
        question = str(record.data.get("question") or "")
        if clause is None or not question:
            return False
        await self.thinking.learn(question, clause)
        return True
