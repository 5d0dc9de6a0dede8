"""Lists and cards: my requests, the Clerk's queue, one request, the register, the menu
and help. Read-only views of the desk, the same on every platform."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import present
from bot.core.ports import ListingStore
from bot.core.register import register_notes
from bot.messages import Action, Button, Reply, ReplyKind
from workflows.desk import Desk
from workflows.people import Person
from workflows.spec import WorkflowSpec
from workflows.store import RequestRecord


@dataclass(slots=True)
class Listings:
    desk: Desk
    store: ListingStore
    council: str

    async def mine(self, person: Person) -> Reply:
        records = await self.desk.mine(person)
        return present.listing(
            records,
            "Your requests:",
            "You haven't made any requests yet.",
            self.specs(),
            self.desk.people,
        )

    async def queue(self, person: Person) -> Reply:
        if not person.decides:
            return present.error(
                "Only the Clerk or the deputy Clerk can see the queue. Try: my requests"
            )
        records = await self.desk.queue()
        return present.listing(
            records,
            "Waiting for a decision:",
            "Nothing is waiting for a decision.",
            self.specs(),
            self.desk.people,
        )

    async def show(self, request_id: str, person: Person) -> Reply:
        record = await self.store.get_request(request_id.strip().upper())
        spec = self.desk.catalogue.get(record.workflow) if record else None
        if (
            record is None
            or spec is None
            or not (person.decides or record.requester_id == person.id)
        ):
            return present.error(f"I can't show you {request_id[:20]}.")
        return self.card(record, spec, decider=person.role in spec.deciders)

    async def register(self) -> Reply:
        entries = await self.store.software_register(self.council)
        if not entries:
            return Reply(kind=ReplyKind.LIST, text="The authorised-software register is empty.")
        lines = register_notes(" ".join(e.name for e in entries), entries, self.desk.people)
        return Reply(kind=ReplyKind.LIST, text="Authorised software:\n" + "\n".join(lines))

    def card(
        self, record: RequestRecord, spec: WorkflowSpec, *, decider: bool, heading: str = ""
    ) -> Reply:
        return present.request_card(
            record, spec, self.desk.people, decider=decider, heading=heading
        )

    def specs(self) -> dict[str, WorkflowSpec]:
        return {s.key: s for s in self.desk.catalogue}

    def menu(self, person: Person) -> Reply:
        buttons = [
            Button(label=s.start_label, action=Action.START, value=s.key)
            for s in self.desk.catalogue
            if person.role in s.starters
        ]
        return Reply(kind=ReplyKind.PROMPT, text="What would you like to do?", buttons=buttons)

    def help(self, person: Person | None) -> Reply:
        lines = [
            "Ask me about the council's IT and social media policy, e.g. "
            "\"can I use a USB stick?\", and I'll quote the clause. If the policy doesn't "
            "say, I'll offer to ask the Clerk for you.",
            'Or tell me what you need: "I need to install Zoom", "I think my laptop has a '
            'virus", "someone posted something nasty about the clerk", "I want to put out a '
            'press release".',
            "Commands: help · request (the menu) · my requests · register · cancel",
        ]
        if person is not None and person.decides:
            lines.append("For the Clerk: queue · show SW-0001")
        return Reply(kind=ReplyKind.HELP, text="\n".join(lines))
