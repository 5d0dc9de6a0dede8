"""The outbox's Slack delivery: the Clerk's cards, requesters' DMs, postponed replies.

A decision card is posted once per place and then updated in place (chat.update) for
everyone when the request moves on, so no stale Approve button is left in the channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.identity import slack_id_of
from bot.core.outbox import PartialDeliveryError
from bot.messages import Reply
from bot.slack.render import messages
from workflows.events import CLERK_CHANNEL, redraws_card
from workflows.people import Directory
from workflows.roles import DECIDERS
from workflows.store import OutboxItem, Store

PLATFORM = "slack"
#: Posted text is shown as written: no @channel expansion, no link previews.
_QUIET: dict[str, Any] = {"link_names": False, "unfurl_links": False, "unfurl_media": False}


def direct_address(channel: str, thread_ts: str | None = None) -> str:
    """The outbox address of a reply in a Slack conversation (see bot.core.outbox.later)."""
    return f"slack:{channel}/{thread_ts}" if thread_ts else f"slack:{channel}"


@dataclass(slots=True)
class SlackChannel:
    client: AsyncWebClient
    store: Store
    people: Directory
    clerk_channel: str | None

    def reaches(self, recipient: str) -> bool:
        if recipient == CLERK_CHANNEL:
            return bool(self._clerk_targets())
        if recipient.startswith("user:"):
            return slack_id_of(self.people, recipient.removeprefix("user:")) is not None
        return recipient.startswith("slack:")

    async def __call__(self, recipient: str, reply: Reply, item: OutboxItem) -> None:
        if recipient.startswith("slack:"):
            channel, _, thread = recipient.removeprefix("slack:").partition("/")
            await self.post(channel, reply, thread or None)
            return
        if recipient == CLERK_CHANNEL:
            await self._to_clerks(reply, item)
            return
        slack_id = slack_id_of(self.people, recipient.removeprefix("user:"))
        if slack_id is None:
            raise LookupError(f"{recipient} has no Slack id")
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

    async def _to_clerks(self, reply: Reply, item: OutboxItem) -> None:
        request_id = item.request_id or reply.request_id
        posts = await self.store.posts_for(request_id) if request_id else []
        mine = [p.ref for p in posts if p.platform == PLATFORM]
        if redraws_card(item.payload) and mine:
            await self._redraw(reply, mine)
            return
        targets = self._clerk_targets(item)
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
                    await self.store.record_post(request_id, PLATFORM, ref)
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

    def _clerk_targets(self, item: OutboxItem | None = None) -> list[str]:
        place = (item.payload.get("to") if item else None) or None
        if isinstance(place, str):
            return [place]  # a retry for the one place that missed it
        if self.clerk_channel:
            return [self.clerk_channel]
        # No clerk channel configured: each Clerk and deputy gets the card by DM.
        return [p.slack_id for p in self.people.with_role(*DECIDERS) if p.slack_id]
