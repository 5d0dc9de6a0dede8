"""Who a reply is for, typed: a person, the Clerk's place, or one platform conversation.

The outbox keeps addresses as text ("user:<id>", "channel:clerk", "slack:C123/1700.1");
this is the one place that reads and writes that text, so adapters match on types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workflows.events import CLERK_CHANNEL, redraws_card
from workflows.store import OutboxItem

_PERSON = "user:"


@dataclass(frozen=True, slots=True)
class ToPerson:
    """A person by their handle: their DM on whichever platform reaches them."""

    person_id: str

    def __str__(self) -> str:
        return f"{_PERSON}{self.person_id}"


@dataclass(frozen=True, slots=True)
class ToClerks:
    """The Clerk's place: the configured clerk channel, or each decider's DM."""

    def __str__(self) -> str:
        return CLERK_CHANNEL


@dataclass(frozen=True, slots=True)
class InPlace:
    """A conversation in one platform's own terms (a reply that waits for a retry)."""

    platform: str
    channel: str
    thread: str | None = None

    def __str__(self) -> str:
        where = f"{self.channel}/{self.thread}" if self.thread else self.channel
        return f"{self.platform}:{where}"


Recipient = ToPerson | ToClerks | InPlace


def recipient(text: str) -> Recipient:
    """The address the outbox stored, typed."""
    if text == CLERK_CHANNEL:
        return ToClerks()
    if text.startswith(_PERSON):
        return ToPerson(text.removeprefix(_PERSON))
    platform, _, where = text.partition(":")
    channel, _, thread = where.partition("/")
    return InPlace(platform, channel, thread or None)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox item as a platform sees it: whom, about which request, and how."""

    recipient: Recipient
    request_id: str | None = None
    #: A decision: the request's cards already posted are redrawn, not posted again.
    redraws_card: bool = False
    #: A retry for the one place that missed it (a channel or a person), else None.
    only_to: str | None = None

    @classmethod
    def of(cls, item: OutboxItem) -> Delivery:
        to: Any = item.payload.get("to")
        return cls(
            recipient(item.recipient),
            item.request_id,
            redraws_card(item.payload),
            to if isinstance(to, str) else None,
        )
