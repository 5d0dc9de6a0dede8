"""The small JSON shapes clerkbot puts on the wire in Teams, shared by render and parse.

A button carries a `CardData`: the core's action and value (an id or a keyword, never data
to trust), plus the label and the question it answered, so a pressed form card can be
redrawn as "answered" without keeping the card on the server.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

#: Marks our buttons' data, so a stray Action.Submit from another app's card is ignored.
MARK: Final = "clerkbot"
#: The verb of a card's refresh action (Universal Actions' per-user view).
REFRESH: Final = "refresh"
#: The id of the choice list that stands in for many buttons; its value is merged into data.
CHOICE_INPUT: Final = "choice"
#: The message action (messaging extension command) that reports a post to the Clerk.
REPORT_COMMAND: Final = "reportToClerk"

CARD_TYPE: Final = "application/vnd.microsoft.card.adaptive"
MESSAGE_TYPE: Final = "application/vnd.microsoft.activity.message"


class CardData(BaseModel):
    """What a button sends back (Action.Execute `data`, or Action.Submit `value`)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    mark: str = Field(default=MARK, alias=MARK)
    action: str = Field(max_length=100)
    value: str = Field(default="", max_length=200)
    label: str = Field(default="", max_length=100)
    #: The card's question, to redraw it answered; for form buttons only.
    prompt: str = Field(default="", max_length=600)
    #: The request the card shows, for the refresh action.
    request_id: str = Field(default="", max_length=40)

    def wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_defaults=False)
