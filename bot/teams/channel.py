"""The outbox's way into Teams: proactive messages through stored conversation references.

"user:<id>" goes to that person's personal chat with the bot (stored the last time they
wrote to it). "channel:clerk" goes to the configured Teams channel; with none configured,
to the Clerk's and deputy's personal chats. A decision redraws every Teams copy of the
request's card in place instead of posting the card again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.outbox import PartialDeliveryError
from bot.messages import Reply
from bot.teams.outgoing import PLATFORM, Outgoing
from bot.teams.settings import TeamsSettings
from workflows.events import CLERK_CHANNEL, redraws_card
from workflows.store import OutboxItem

_TEAMS_HANDLE = "teams-"


class NoConversationError(LookupError):
    """No conversation with this recipient is known yet; the outbox retries later."""


@dataclass(slots=True)
class TeamsChannel:
    out: Outgoing
    settings: TeamsSettings
    #: Person ids known to have a stored conversation (this replica's view; the store decides).
    known: set[str] = field(default_factory=set)

    async def load(self) -> None:
        """Learn who is reachable, so `reaches` (which can't wait on the database) is right."""
        self.known |= await self.out.core.store.conversation_owners(PLATFORM)

    def reaches(self, recipient: str) -> bool:
        if recipient == CLERK_CHANNEL:
            if self.settings.clerk_channel:
                return True
            return any(self._reaches_person(p.id) for p in self.out.core.people if p.decides)
        return recipient.startswith("user:") and self._reaches_person(
            recipient.removeprefix("user:")
        )

    def _reaches_person(self, person_id: str) -> bool:
        if person_id.startswith(_TEAMS_HANDLE) or person_id in self.known:
            return True
        person = self.out.core.people.get(person_id)
        return person is not None and bool(person.teams_id)

    async def __call__(self, recipient: str, reply: Reply, item: OutboxItem) -> None:
        updated: set[str] = set()
        if redraws_card(item.payload) and item.request_id:
            updated = await self.out.update_posts(item.request_id)
        to = item.payload.get("to")
        targets = [t for t in await self._targets(recipient) if to in (None, t[0])]
        if not targets:
            raise NoConversationError(f"no Teams conversation with {recipient} yet")
        missed: list[str] = []
        problem: Exception | None = None
        for place, ref, decider in targets:
            if recipient == CLERK_CHANNEL and _conversation_id(ref) in updated:
                continue  # the card there was just redrawn: no second copy
            try:
                await self.out.proactive(ref, [reply], decider=decider)
            except Exception as err:  # the others still get theirs; this one is retried
                missed.append(place)
                problem = err
        if problem is not None:
            raise problem if len(missed) == len(targets) else PartialDeliveryError(missed, problem)

    async def _targets(self, recipient: str) -> list[tuple[str, dict[str, Any], bool]]:
        """(place, conversation reference, may decide) for each place `recipient` means."""
        store = self.out.core.store
        if recipient == CLERK_CHANNEL and self.settings.clerk_channel:
            ref = await store.conversation_ref(CLERK_CHANNEL, PLATFORM)
            return [(CLERK_CHANNEL, ref, True)] if ref else []
        if recipient == CLERK_CHANNEL:
            deciders = [p.id for p in self.out.core.people if p.decides]
            found = [(p, await store.conversation_ref(p, PLATFORM), True) for p in deciders]
            return [(p, ref, flag) for p, ref, flag in found if ref]
        person_id = recipient.removeprefix("user:")
        ref = await store.conversation_ref(person_id, PLATFORM)
        if ref is None:
            return []
        self.known.add(person_id)
        person = self.out.core.people.get(person_id)
        return [(person_id, ref, person is not None and person.decides)]


def _conversation_id(ref: dict[str, Any]) -> str:
    return str((ref.get("conversation") or {}).get("id", ""))
