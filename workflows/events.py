"""What the outbox carries: small domain events, rendered for each platform at delivery.

Rendering at delivery (not at enqueue) lets Slack, Teams and the terminal each draw the
same event natively, and lets a decision card show the request as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

CLERK_CHANNEL = "channel:clerk"


def to_user(person_id: str) -> str:
    return f"user:{person_id}"


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)
    request_id: str


class NewRequest(_Event):
    """A request for the Clerk's decision (or, for the IT provider, for their attention)."""

    kind: Literal["new_request"] = "new_request"


class Decided(_Event):
    kind: Literal["decided"] = "decided"
    decision: str
    by: str
    note: str | None = None


class InfoAnswered(_Event):
    kind: Literal["info_answered"] = "info_answered"
    answer: str
    by: str


class Reminder(_Event):
    kind: Literal["reminder"] = "reminder"
    level: Literal["reminder", "escalation"]


Event = Annotated[NewRequest | Decided | InfoAnswered | Reminder, Field(discriminator="kind")]

_EVENT: TypeAdapter[Event] = TypeAdapter(Event)


def redraws_card(payload: Mapping[str, Any]) -> bool:
    """Whether this event changes the request's existing card for everyone (a decision),
    rather than asking for new attention with a new post (a new request, a reminder)."""
    return payload.get("kind") == "decided"


def parse_event(payload: dict[str, Any]) -> Event:
    return _EVENT.validate_python(payload)
