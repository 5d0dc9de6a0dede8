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
from bot.core.recipients import Delivery, Recipient, ToClerks, ToPerson
from bot.messages import Reply
from bot.teams.identity import PREFIX, TEAMS
from bot.teams.outgoing import PLATFORM, Outgoing
from bot.teams.settings import TeamsSettings


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
        self.known |= await self.out.core.door.conversation_owners(PLATFORM)

    def reaches(self, recipient: Recipient) -> bool:
        match recipient:
            case ToClerks():
                return bool(self.settings.clerk_channel) or any(
                    self._reaches_person(p) for p in self.out.core.identities.deciders()
                )
            case ToPerson(person_id):
                return self._reaches_person(person_id)
            case _:
                return False  # a Slack conversation

    def _reaches_person(self, person_id: str) -> bool:
        if person_id.startswith(PREFIX) or person_id in self.known:
            return True
        return bool(self.out.core.identities.platform_id(TEAMS, person_id))

    async def __call__(self, delivery: Delivery, reply: Reply) -> None:
        recipient = delivery.recipient
        updated: set[str] = set()
        if delivery.redraws_card and delivery.request_id:
            updated = await self.out.update_posts(delivery.request_id)
        to = delivery.only_to
        targets = [t for t in await self._targets(recipient) if to in (None, t[0])]
        if not targets:
            raise NoConversationError(f"no Teams conversation with {recipient} yet")
        missed: list[str] = []
        problem: Exception | None = None
        for place, ref, decider in targets:
            if isinstance(recipient, ToClerks) and _conversation_id(ref) in updated:
                continue  # the card there was just redrawn: no second copy
            try:
                await self.out.proactive(ref, [reply], decider=decider)
            except Exception as err:  # the others still get theirs; this one is retried
                missed.append(place)
                problem = err
        if problem is not None:
            raise problem if len(missed) == len(targets) else PartialDeliveryError(missed, problem)

    async def _targets(self, recipient: Recipient) -> list[tuple[str, dict[str, Any], bool]]:
        """(place, conversation reference, may decide) for each place `recipient` means."""
        door, identities = self.out.core.door, self.out.core.identities
        clerks = str(ToClerks())
        if isinstance(recipient, ToClerks) and self.settings.clerk_channel:
            ref = await door.conversation(clerks, PLATFORM)
            return [(clerks, ref, True)] if ref else []
        if isinstance(recipient, ToClerks):
            deciders = identities.deciders()
            found = [(p, await door.conversation(p, PLATFORM), True) for p in deciders]
            return [(p, ref, flag) for p, ref, flag in found if ref]
        if not isinstance(recipient, ToPerson):
            return []
        person_id = recipient.person_id
        ref = await door.conversation(person_id, PLATFORM)
        if ref is None:
            return []
        self.known.add(person_id)
        return [(person_id, ref, identities.decides(person_id))]


def _conversation_id(ref: dict[str, Any]) -> str:
    return str((ref.get("conversation") or {}).get("id", ""))
