"""Everything clerkbot sends to Teams: replies in a turn, proactive messages, card updates.

Every reply goes out as an Adaptive Card. A request's card is remembered (Store.record_post)
with where it was posted and whether its viewer may decide, so that after a decision every
copy is redrawn in place (update activity) and each viewer's client refreshes its own view.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ConversationReference

from bot.app import Core
from bot.messages import Reply
from bot.teams import render
from bot.teams.identity import TEAMS

log = logging.getLogger(__name__)

PLATFORM = TEAMS.platform


def is_card(reply: Reply) -> bool:
    """A request's card (its fields and buttons), as opposed to a message about it."""
    return bool(reply.request_id and reply.fields)


def activity_for(card: render.Card, summary: str) -> Activity:
    message: Activity = MessageFactory.attachment(CardFactory.adaptive_card(card))
    # Teams shows the summary in notifications and the chat list instead of "Sent a card".
    message.summary = summary[:200]
    return message


def reference(ref: dict[str, Any]) -> ConversationReference:
    found: ConversationReference = ConversationReference().deserialize(ref)
    return found


@dataclass(slots=True)
class Outgoing:
    core: Core
    adapter: CloudAdapter
    app_id: str

    # Replies ----------------------------------------------------------------------------

    async def send(self, turn: TurnContext, replies: Sequence[Reply], *, decider: bool) -> None:
        """Replies into the turn's conversation; request cards are remembered for updates."""
        users = await self.refresh_users() if any(map(is_card, replies)) else []
        for reply in replies:
            card = render.card(reply, refresh_users=users if is_card(reply) else ())
            sent = await turn.send_activity(activity_for(card, reply.text))
            if is_card(reply) and sent is not None and sent.id:
                ref = TurnContext.get_conversation_reference(turn.activity)
                await self.remember_post(reply, ref.serialize(), sent.id, decider=decider)

    async def proactive(
        self, ref: dict[str, Any], replies: Sequence[Reply], *, decider: bool
    ) -> None:
        """Replies into a stored conversation (a notification, a form started elsewhere)."""

        async def deliver(turn: TurnContext) -> None:
            # botbuilder gives the continuation a random id, and would "reply" to it.
            turn.activity.id = None
            await self.send(turn, replies, decider=decider)

        await self.adapter.continue_conversation(reference(ref), deliver, self.app_id)

    async def remember_post(
        self, reply: Reply, ref: dict[str, Any], activity_id: str, *, decider: bool
    ) -> None:
        assert reply.request_id is not None
        post = {"activity_id": activity_id, "conversation": ref, "decider": decider}
        await self.core.door.remember_post(reply.request_id, PLATFORM, post)

    # Cards in place ---------------------------------------------------------------------

    async def update_posts(self, request_id: str) -> set[str]:
        """Redraw every Teams copy of a request's card as the request is now.

        Returns the conversations where a copy was updated. A copy that can't be updated
        (deleted, or the bot removed) is logged and skipped: the others still change.
        """
        posts = await self.core.door.posts(request_id, PLATFORM)
        if not posts:
            return set()
        views = await self._views(request_id)
        if views is None:
            return set()
        users = await self.refresh_users()
        updated: set[str] = set()
        for post in _latest(posts):
            view = views[bool(post.get("decider"))]
            card = render.card(view, refresh_users=users)
            try:
                await self._replace(post["conversation"], str(post["activity_id"]), card, view)
            except Exception as err:  # one stale copy must not stop the others
                log.warning("could not update card %s: %s", post.get("activity_id"), err)
                continue
            updated.add(str(post["conversation"]["conversation"]["id"]))
        return updated

    async def holds(self, request_id: str, activity_id: str) -> bool:
        """Whether the message `activity_id` is one this server posted `request_id`'s card
        in. No message id (Teams gives invokes none in some clients) is not proof: no."""
        if not (request_id and activity_id):
            return False
        posts = await self.core.door.posts(request_id, PLATFORM)
        return any(str(p.get("activity_id")) == activity_id for p in posts)

    async def _views(self, request_id: str) -> dict[bool, Reply] | None:
        """The card as the deciders see it (buttons) and as everyone else does."""
        cards = await self.core.door.cards(request_id)
        return None if cards is None else {False: cards[0], True: cards[1]}

    async def _replace(
        self, ref: dict[str, Any], activity_id: str, card: render.Card, reply: Reply
    ) -> None:
        async def update(turn: TurnContext) -> None:
            message = activity_for(card, reply.text)
            message.id = activity_id
            await turn.update_activity(message)

        await self.adapter.continue_conversation(reference(ref), update, self.app_id)

    async def replace_card_in_turn(
        self, turn: TurnContext, activity_id: str, card: render.Card, summary: str
    ) -> None:
        """Redraw the card a button was pressed on (Action.Submit has no card response)."""
        message = activity_for(card, summary)
        message.id = activity_id
        await turn.update_activity(message)

    # Who gets their own view -------------------------------------------------------------

    async def refresh_users(self) -> list[str]:
        """The Teams ids of the people who may decide and have talked to the bot.

        Their clients fetch their own view of a request card when they show it (Universal
        Actions' refresh), so a Clerk sees buttons where everyone else sees the status.
        """
        ids: list[str] = []
        for person_id in self.core.identities.deciders():
            ref = await self.core.door.conversation(person_id, PLATFORM)
            user = (ref or {}).get("user") or {}
            if user.get("id"):
                ids.append(str(user["id"]))
        return ids


def _latest(refs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One post per message: a card recorded twice (a retried delivery) is updated once."""
    seen: dict[str, dict[str, Any]] = {}
    for ref in refs:
        if "activity_id" in ref and "conversation" in ref:
            seen[str(ref["activity_id"])] = ref
    return list(seen.values())
