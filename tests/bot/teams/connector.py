"""A local stand-in for the Bot Connector service: records what the bot sends and updates.

The bot's activities carry `serviceUrl` = this server, so botbuilder's ConnectorClient talks
to it exactly as it would to Teams (REST v3), and the tests read what a user would see.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.bot.teams.schema import card_errors


@dataclass(frozen=True, slots=True)
class Call:
    verb: str  # "send", "reply", "update", "create"
    conversation: str
    activity_id: str
    body: dict[str, Any]
    auth: str
    #: The id the connector gave a sent activity (what a later press names as replyToId).
    sent_id: str = ""

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card this activity carries (every clerkbot reply is one)."""
        (attachment,) = self.body["attachments"]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        card: dict[str, Any] = attachment["content"]
        return card

    @property
    def text(self) -> str:
        """Every TextBlock and fact of the card, one a line, markdown escapes removed."""
        if not self.body.get("attachments"):
            return str(self.body.get("text") or "")  # only the turn-error apology is plain
        return card_text(self.card)


def card_text(card: dict[str, Any]) -> str:
    lines: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                lines.append(unescape(str(node["text"])))
            if node.get("type") == "FactSet":
                lines.extend(unescape(f"{f['title']}: {f['value']}") for f in node["facts"])
            for key, value in node.items():
                if key not in ("actions", "refresh", "fallback"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("body", []))
    return "\n".join(lines)


def unescape(text: str) -> str:
    out, chars = [], iter(text)
    for char in chars:
        out.append(next(chars, "") if char == "\\" else char)
    return "".join(out)


def buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Execute on the card, in order (body action sets, then the action bar)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and "title" in node:
                found.append(node)
            for key, value in node.items():
                if key != "refresh":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("body", []))
    walk(card.get("actions", []))
    return found


@dataclass
class FakeConnector:
    calls: list[Call] = field(default_factory=list)
    #: Cards that are not valid Adaptive Cards 1.5: a test using the connector fails on any.
    invalid: list[str] = field(default_factory=list)
    #: Per conversation, the statuses its next sends fail with (a throttled or broken service).
    failing: dict[str, list[int]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> web.Application:
        app = web.Application()
        base = "/v3/conversations"
        app.router.add_post(base, self._create)
        app.router.add_post(base + "/{conversation}/activities", self._send)
        app.router.add_post(base + "/{conversation}/activities/{activity}", self._send)
        app.router.add_put(base + "/{conversation}/activities/{activity}", self._update)
        return app

    async def _record(self, request: web.Request, verb: str, sent_id: str = "") -> Call:
        body = await request.json()
        call = Call(
            verb=verb,
            conversation=request.match_info.get("conversation", ""),
            activity_id=request.match_info.get("activity", ""),
            body=body,
            auth=request.headers.get("Authorization", ""),
            sent_id=sent_id,
        )
        for attachment in body.get("attachments") or []:
            self.invalid += card_errors(attachment.get("content"))
        self.calls.append(call)
        self._changed.set()
        return call

    async def _send(self, request: web.Request) -> web.Response:
        failures = self.failing.get(request.match_info["conversation"])
        if failures:
            return web.json_response({"error": {"code": "Throttled"}}, status=failures.pop(0))
        verb = "reply" if "activity" in request.match_info else "send"
        call = await self._record(request, verb, f"msg-{next(self._ids)}")
        return web.json_response({"id": call.sent_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        call = await self._record(request, "update")
        return web.json_response({"id": call.activity_id})

    async def _create(self, request: web.Request) -> web.Response:
        call = await self._record(request, "create")
        member = call.body["members"][0]["id"]
        return web.json_response({"id": f"a:personal-{member}", "activityId": ""}, status=201)

    # Reading -------------------------------------------------------------------------------

    def sent(self, conversation: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.verb in ("send", "reply") and conversation in (None, c.conversation)
        ]

    def updates(self, activity_id: str | None = None) -> list[Call]:
        return [
            c for c in self.calls if c.verb == "update" and activity_id in (None, c.activity_id)
        ]

    def since(self, mark: int) -> list[Call]:
        return self.calls[mark:]

    async def wait_for(self, ready: Callable[[], bool], timeout: float = 15.0) -> None:
        """Until `ready()` (the outbox delivers in the background), or fail after `timeout`."""
        async with asyncio.timeout(timeout):
            while not ready():
                self._changed.clear()
                await self._changed.wait()
