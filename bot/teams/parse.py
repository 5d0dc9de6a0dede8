"""Bot Framework activity JSON -> clerkbot's typed objects. Pure: no SDK type, no I/O.

The handler hands over `activity.serialize()`; everything here works on that plain JSON,
validated into the few pydantic models below, so tests need no Teams and no botbuilder.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.teams.protocol import CHOICE_INPUT, MARK, CardData


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


class Account(_Wire):
    id: str = ""
    name: str = ""
    #: The user's Entra (Azure AD) object id: what the roles file's `teams_id` holds.
    aad_object_id: str = Field(default="", alias="aadObjectId")


class Conversation(_Wire):
    id: str
    conversation_type: str = Field(default="personal", alias="conversationType")
    tenant_id: str = Field(default="", alias="tenantId")


class Activity(_Wire):
    type: str
    id: str = ""
    name: str = ""
    text: str = ""
    value: Any = None
    sender: Account = Field(default_factory=Account, alias="from")
    recipient: Account = Field(default_factory=Account)
    conversation: Conversation
    entities: list[dict[str, Any]] = Field(default_factory=list)
    members_added: list[Account] = Field(default_factory=list, alias="membersAdded")
    channel_data: dict[str, Any] = Field(default_factory=dict, alias="channelData")
    #: The message a card button was pressed on (client-supplied: checked before use).
    reply_to_id: str = Field(default="", alias="replyToId")

    @property
    def personal(self) -> bool:
        return self.conversation.conversation_type == "personal"

    @property
    def tenant(self) -> str:
        """The Microsoft 365 tenant: Teams puts it in channelData (botbuilder drops the other)."""
        tenant = self.channel_data.get("tenant")
        given = tenant.get("id") if isinstance(tenant, dict) else None
        return str(given or self.conversation.tenant_id)


def activity(raw: dict[str, Any]) -> Activity:
    return Activity.model_validate(raw)


def teams_id(act: Activity) -> str:
    """Whom the roles file knows the sender as: their Entra object id, else their Teams id."""
    return act.sender.aad_object_id or act.sender.id


def conversation_key(act: Activity) -> str:
    """Where drafts live: a personal chat, or one person's thread of a channel or group chat.

    A channel's conversation id names the thread (";messageid=..."); a form started in one
    thread carries on in the next, so the key uses the channel and the person.
    """
    if act.personal:
        return f"teams:{act.conversation.id}"
    channel = act.conversation.id.split(";", 1)[0]
    return f"teams:{channel}:{teams_id(act)}"


_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)


def message_text(act: Activity) -> str:
    """The text as typed: the bot's @mention removed (channels), HTML entities decoded."""
    text = act.text
    for entity in act.entities:
        mentioned = entity.get("mentioned") or {}
        if entity.get("type") == "mention" and mentioned.get("id") == act.recipient.id:
            text = text.replace(str(entity.get("text") or ""), " ")
    # Mentions of other people stay as their names.
    text = _AT.sub(lambda m: m.group(1), text)
    return " ".join(html.unescape(text).split())


def press(data: Any) -> CardData | None:
    """A button's data (Action.Submit's message value, Action.Execute's data), if it's ours."""
    if not isinstance(data, dict) or data.get(MARK) != MARK:
        return None
    chosen = data.get(CHOICE_INPUT)
    if isinstance(chosen, str) and chosen and not data.get("value"):
        data = {**data, "value": chosen}
    try:
        return CardData.model_validate(data)
    except ValidationError:
        return None


def execute(value: Any) -> tuple[str, CardData] | None:
    """An `adaptiveCard/action` invoke's verb and data."""
    action = value.get("action") if isinstance(value, dict) else None
    if not isinstance(action, dict) or action.get("type") != "Action.Execute":
        return None
    data = press(action.get("data"))
    if data is None:
        return None
    return str(action.get("verb") or data.action), data


class ReportedPost(BaseModel):
    """The message a "Report to Clerk" message action was used on."""

    model_config = ConfigDict(frozen=True)

    command: str
    content: str
    author: str
    link: str

    def answers(self) -> dict[str, str]:
        """The abusive-post form's answers it gives; empty ones are asked for instead."""
        given = {"content": self.content, "author": self.author, "link": self.link}
        return {k: v for k, v in given.items() if v}


def reported_post(value: Any) -> ReportedPost | None:
    """A composeExtension/fetchTask or submitAction value from a message action."""
    if not isinstance(value, dict):
        return None
    message = value.get("messagePayload") or {}
    if not isinstance(message, dict):
        return None
    body = message.get("body") or {}
    content = str(body.get("content") or "")
    if str(body.get("contentType") or "html").lower() == "html":
        content = html_text(content)
    sender = (message.get("from") or {}).get("user") or {}
    return ReportedPost(
        command=str(value.get("commandId") or ""),
        content=content.strip()[:3000],
        author=str(sender.get("displayName") or "").strip()[:200],
        link=str(message.get("linkToMessage") or "").strip(),
    )


class _Text(HTMLParser):
    _BREAKS = frozenset({"p", "div", "br", "li", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(markup: str) -> str:
    """A Teams message body (HTML) as the words it shows."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
