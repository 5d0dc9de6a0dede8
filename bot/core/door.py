"""What a platform adapter asks of the core besides a turn (bot.core.assistant): whether it
has seen a delivery before, where a request's card was posted, how to reach a person's
conversation again, a reply to keep for later, and a request's card as it is now.

Adapters hold this and the Assistant, and nothing of the store or the workflows: the
record behind each answer stays the core's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.core import present
from bot.core.forms import form_of
from bot.core.outbox import later
from bot.core.recipients import Recipient
from bot.messages import Form, Reply, User
from workflows.catalogue import Catalogue
from workflows.people import Directory
from workflows.store import OutboxMessage, PostRef, RequestRecord


class DoorStore(Protocol):
    """The part of the store the door needs."""

    async def first_time(self, key: str) -> bool: ...

    async def record_post(self, request_id: str, platform: str, ref: dict[str, Any]) -> None: ...

    async def posts_for(self, request_id: str) -> list[PostRef]: ...

    async def save_conversation_ref(
        self, user_id: str, platform: str, ref: dict[str, Any]
    ) -> None: ...

    async def conversation_ref(self, user_id: str, platform: str) -> dict[str, Any] | None: ...

    async def conversation_owners(self, platform: str) -> set[str]: ...

    async def enqueue(self, message: OutboxMessage) -> int: ...

    async def get_request(self, request_id: str) -> RequestRecord | None: ...


@dataclass(frozen=True, slots=True)
class Door:
    store: DoorStore
    catalogue: Catalogue
    people: Directory

    async def first_time(self, platform: str, delivery: str) -> bool:
        """True the first time a platform delivers this id (durably: across restarts and
        replicas); a redelivery is acknowledged and not handled again."""
        return await self.store.first_time(f"{platform}:{delivery}")

    async def remember_post(self, request_id: str, platform: str, ref: dict[str, Any]) -> None:
        """Where a request's card was posted, so a decision redraws it in place."""
        await self.store.record_post(request_id, platform, ref)

    async def posts(self, request_id: str, platform: str) -> list[dict[str, Any]]:
        """Where `platform` posted the request's card, oldest first."""
        return [p.ref for p in await self.store.posts_for(request_id) if p.platform == platform]

    async def remember_conversation(self, owner: str, platform: str, ref: dict[str, Any]) -> None:
        """How to write to a person (or the clerk channel) again without being spoken to."""
        await self.store.save_conversation_ref(owner, platform, ref)

    async def conversation(self, owner: str, platform: str) -> dict[str, Any] | None:
        return await self.store.conversation_ref(owner, platform)

    async def conversation_owners(self, platform: str) -> set[str]:
        return await self.store.conversation_owners(platform)

    async def postpone(self, recipient: Recipient, reply: Reply) -> None:
        """A reply the platform would not take now: the outbox delivers it later."""
        await self.store.enqueue(later(recipient, reply))

    def forms(self, user: User) -> list[Form]:
        """The request forms this person may start."""
        return [form_of(s) for s in self.catalogue if user.role in s.starters]

    def form(self, key: str) -> Form | None:
        spec = self.catalogue.get(key)
        return form_of(spec) if spec else None

    def may_start(self, user: User, key: str) -> bool:
        spec = self.catalogue.get(key)
        return spec is not None and user.role in spec.starters

    async def cards(self, request_id: str) -> tuple[Reply, Reply] | None:
        """The request's card as it is now: as everyone sees it, and as a decider does
        (with the buttons). One read for both."""
        record = await self.store.get_request(request_id)
        spec = self.catalogue.for_request(request_id) if record else None
        if record is None or spec is None:
            return None
        return (
            present.request_card(record, spec, self.people, decider=False),
            present.request_card(record, spec, self.people, decider=True),
        )
