"""The outbox's Slack delivery: the Clerk's cards, requesters' DMs, postponed replies.

A decision card is posted once per place and then updated in place (chat.update) for
everyone when the request moves on, so no stale Approve button is left in the channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.door import Door
from bot.core.identity import Identities
from bot.core.outbox import PartialDeliveryError
from bot.core.recipients import Delivery, InPlace, Recipient, ToClerks, ToPerson
from bot.messages import Reply
from bot.slack.identity import SLACK
from bot.slack.render import messages

PLATFORM = SLACK.platform
#: Posted text is shown as written: no @channel expansion, no link previews.
_QUIET: dict[str, Any] = {"link_names": False, "unfurl_links": False, "unfurl_media": False}


def direct_address(channel: str, thread_ts: str | None = None) -> InPlace:
    """The outbox address of a reply in a Slack conversation (see bot.core.outbox.later)."""
    return InPlace(PLATFORM, channel, thread_ts)


@dataclass(slots=True)
class SlackChannel:
    client: AsyncWebClient
    door: Door
    people: Identities
    clerk_channel: str | None

    def reaches(self, recipient: Recipient) -> bool:
        match recipient:
            case ToClerks():
                return bool(self._clerk_targets())
            case ToPerson(person_id):
                return self.people.platform_id(SLACK, person_id) is not None
            case InPlace(platform):
                return platform == PLATFORM

    async def __call__(self, delivery: Delivery, reply: Reply) -> None:
        match delivery.recipient:
            case InPlace(_, channel, thread):
                await self.post(channel, reply, thread)
            case ToClerks():
                await self._to_clerks(reply, delivery)
            case ToPerson(person_id):
                slack_id = self.people.platform_id(SLACK, person_id)
                if slack_id is None:
                    raise LookupError(f"{delivery.recipient} has no Slack id")
                await self.post(slack_id, reply)

    async def post(
        self, channel: str, reply: Reply, thread_ts: str | None = None, *, feedback: bool = False
    ) -> list[tuple[str, str]]:
        """Post a reply (in as many messages as it needs); returns the posted (channel, ts)."""
        posted: list[tuple[str, str]] = []
        for payload in messages(reply, feedback=feedback):
            thread: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
            sent = await self.client.chat_postMessage(
                channel=channel, **payload, **thread, **_QUIET
            )
            posted.append((sent["channel"], sent["ts"]))
        return posted

    async def _to_clerks(self, reply: Reply, delivery: Delivery) -> None:
        request_id = delivery.request_id or reply.request_id
        mine = await self.door.posts(request_id, PLATFORM) if request_id else []
        if delivery.redraws_card and mine:
            await self._redraw(reply, mine)
            return
        targets = self._clerk_targets(delivery)
        missed: list[str] = []
        problem: Exception | None = None
        for target in targets:
            try:
                posted = await self.post(target, reply)
            except Exception as err:  # the others still get theirs; this one is retried
                missed.append(target)
                problem = err
                continue
            for channel, ts in posted:
                if request_id:
                    ref = {"channel": channel, "ts": ts}
                    await self.door.remember_post(request_id, PLATFORM, ref)
        if problem is not None:
            raise problem if len(missed) == len(targets) else PartialDeliveryError(missed, problem)

    async def _redraw(self, reply: Reply, refs: list[dict[str, Any]]) -> None:
        """Each recorded message of the card gets its own part again: a card long enough
        to span several messages keeps its follow-ups (a press release's full text) rather
        than every message becoming a copy of the first."""
        payloads = messages(reply)
        by_channel: dict[str, list[str]] = {}
        for ref in refs:
            by_channel.setdefault(str(ref["channel"]), []).append(str(ref["ts"]))
        for channel, stamps in by_channel.items():
            for ts, payload in zip(stamps, payloads, strict=False):
                await self.client.chat_update(channel=channel, ts=ts, **payload)

    def _clerk_targets(self, delivery: Delivery | None = None) -> list[str]:
        if delivery and delivery.only_to:
            return [delivery.only_to]  # a retry for the one place that missed it
        if self.clerk_channel:
            return [self.clerk_channel]
        # No clerk channel configured: each Clerk and deputy gets the card by DM.
        found = (self.people.platform_id(SLACK, p) for p in self.people.deciders())
        return [slack_id for slack_id in found if slack_id]
