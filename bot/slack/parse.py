"""Slack payload dicts -> the core's typed messages. Pure functions: no I/O, no Bolt objects.

Drafts are kept per conversation: a DM (and App Home, whose replies go to the DM) is one
conversation per person; in a channel each person has their own, so two people answering
forms in the clerk channel never step on each other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.core.identity import Identities
from bot.messages import ActionEvent, IncomingMessage, User
from bot.slack import ids
from bot.slack.identity import SLACK

Where = Literal["dm", "channel", "home"]

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
#: Message subtypes that are edits, joins, bot posts...: not something a person asked.
_IGNORED_SUBTYPES = frozenset(
    {"bot_message", "message_changed", "message_deleted", "channel_join", "channel_leave"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """Where to answer: the channel, the thread, and whether replies must be ephemeral."""

    channel: str
    where: Where
    thread_ts: str | None = None
    #: A button pressed in a shared channel: the answer is for the presser's eyes only
    #: (the card everyone sees is updated through the outbox instead).
    private: bool = False


@dataclass(frozen=True, slots=True)
class Said:
    message: IncomingMessage
    place: Place


@dataclass(frozen=True, slots=True)
class Pressed:
    event: ActionEvent
    place: Place
    message_ts: str | None


def conversation(user: User | str, place: Place) -> str:
    user_id = user if isinstance(user, str) else user.platform_id
    if place.where == "channel":
        return f"slack:{place.channel}:{user_id}"
    return f"slack:dm:{user_id}"


def place_from(meta: Mapping[str, Any], user: User) -> Place:
    """The Place a modal was opened from, as kept in its private_metadata."""
    where = meta.get("where")
    if where not in ("dm", "channel", "home"):
        return Place(user.platform_id, "dm")
    thread = meta.get("thread_ts")
    return Place(
        str(meta.get("channel") or user.platform_id),
        where,
        str(thread) if thread else None,
        bool(meta.get("private")),
    )


def said(event: Mapping[str, Any], people: Identities) -> Said | None:
    """An app_mention or DM `message` event, or None for what the bot must ignore."""
    if event.get("bot_id") or event.get("subtype") in _IGNORED_SUBTYPES:
        return None
    user_id, channel = event.get("user"), event.get("channel")
    if not isinstance(user_id, str) or not isinstance(channel, str):
        return None
    text = _MENTION.sub("", str(event.get("text") or "")).strip()
    dm = event.get("channel_type") == "im" or channel.startswith("D")
    if dm:
        place = Place(channel, "dm")
    else:
        place = Place(channel, "channel", str(event.get("thread_ts") or event.get("ts") or ""))
    user = people.user(SLACK, user_id)
    message = IncomingMessage(user=user, text=text, conversation=conversation(user_id, place))
    return Said(message, place)


def pressed(body: Mapping[str, Any], people: Identities) -> Pressed | None:
    """A block_actions payload for one of the core's buttons."""
    action = (body.get("actions") or [{}])[0]
    match = ids.CORE_ACTION.match(str(action.get("action_id", "")))
    user = _user(body, people)
    if match is None or user is None:
        return None
    place = place_of(body)
    event = ActionEvent(
        user=user,
        action=match["action"][:100],
        value=str(action.get("value") or "")[:200],
        conversation=conversation(user.platform_id, place),
    )
    message = body.get("message") or {}
    return Pressed(event, place, message.get("ts") if isinstance(message, Mapping) else None)


def place_of(body: Mapping[str, Any]) -> Place:
    container = body.get("container") or {}
    user_id = str((body.get("user") or {}).get("id", ""))
    if container.get("type") == "view" or (body.get("view") or {}).get("type") == "home":
        return Place(user_id, "home")
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    if not channel or channel.startswith("D"):
        return Place(channel or user_id, "dm")
    message = body.get("message") or {}
    return Place(channel, "channel", message.get("thread_ts"), private=True)


def user_of(body: Mapping[str, Any], people: Identities) -> User | None:
    return _user(body, people)


def _user(body: Mapping[str, Any], people: Identities) -> User | None:
    raw = body.get("user") or {}
    if isinstance(raw, str):  # events name the user by id alone
        raw = {"id": raw}
    user_id = raw.get("id") or body.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        return None
    name = str(raw.get("name") or raw.get("username") or body.get("user_name") or "")
    return people.user(SLACK, user_id, name)


def feedback(body: Mapping[str, Any]) -> tuple[bool, str, str | None] | None:
    """(helpful, question, clause id) from a 👍/👎 press; None if the value is malformed."""
    action = (body.get("actions") or [{}])[0]
    match = ids.FEEDBACK.match(str(action.get("action_id", "")))
    try:
        value = json.loads(str(action.get("value") or ""))
    except json.JSONDecodeError:
        return None
    if match is None or not isinstance(value, dict):
        return None
    clause = str(value.get("c") or "") or None
    return match["helpful"] == "up", str(value.get("q") or "")[:1500], clause


def reported_message(body: Mapping[str, Any], people: Identities) -> dict[str, str]:
    """A message shortcut's message -> the abusive-post form's prefilled answers."""
    message = body.get("message") or {}
    author_id = str(message.get("user") or message.get("bot_id") or "")
    if not author_id:
        author = ""
    elif people.listed(SLACK, author_id):  # the roles file's name; else the id, said so
        author = people.user(SLACK, author_id).name
    else:
        author = f"Slack user {author_id}"
    return {"content": str(message.get("text") or ""), "author": author}
