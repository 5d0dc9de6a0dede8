"""Teams activities as the connector sends them, and a client that posts them to the bot."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from aiohttp.test_utils import TestClient

from tests.bot.teams.connector import Call, FakeConnector, buttons
from tests.bot.teams.schema import card_errors

TENANT = "tenant-0001"
BOT = {"id": "28:clerkbot-app", "name": "clerkbot"}
CLERK_CHANNEL = "19:clerks@thread.tacv2"

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Member:
    """A Teams user: `aad` is what the roles file's teams_id holds."""

    mri: str
    name: str
    aad: str

    @property
    def personal(self) -> str:
        return f"a:personal-{self.mri}"

    def account(self) -> dict[str, str]:
        return {"id": self.mri, "name": self.name, "aadObjectId": self.aad}


STAFF = Member("29:staff", "Sam Staff", "aad-staff")
CLERK = Member("29:clerk", "Jane Clerk", "aad-clerk")
DEPUTY = Member("29:deputy", "Dev Deputy", "aad-deputy")
STRANGER = Member("29:stranger", "Pat Visitor", "aad-stranger")

PEOPLE_TOML = """
[[person]]
id = "staff"
name = "Sam Staff"
role = "staff"
teams_id = "aad-staff"

[[person]]
id = "councillor"
name = "Chris Councillor"
role = "councillor"

[[person]]
id = "clerk"
name = "Jane Clerk"
role = "clerk"
teams_id = "aad-clerk"

[[person]]
id = "deputy"
name = "Dev Deputy"
role = "deputy"
teams_id = "aad-deputy"

[[person]]
id = "it"
name = "Ivy IT Services"
role = "it_provider"
"""


def next_id() -> str:
    return f"act-{next(_ids)}"


@dataclass
class TeamsClient:
    """Posts activities to /api/messages as Teams would, pointing replies at the connector."""

    http: TestClient[Any, Any]
    connector: FakeConnector
    service_url: str

    def activity(
        self, kind: str, member: Member, conversation: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        conversation = conversation or member.personal
        personal = not conversation.startswith("19:")
        return {
            "type": kind,
            "id": next_id(),
            "channelId": "msteams",
            "serviceUrl": self.service_url,
            "from": member.account(),
            "recipient": BOT,
            "conversation": {
                "id": conversation,
                "conversationType": "personal" if personal else "channel",
                "tenantId": TENANT,
            },
            "channelData": {"tenant": {"id": TENANT}},
            **extra,
        }

    async def post(self, activity: dict[str, Any]) -> tuple[int, Any]:
        response = await self.http.post("/api/messages", json=activity)
        body = await response.json() if response.content_type == "application/json" else None
        return response.status, body

    async def say(self, member: Member, text: str, conversation: str | None = None) -> list[Call]:
        """A message; the replies sent in its turn (the connector's calls meanwhile)."""
        mark = len(self.connector.calls)
        status, _ = await self.post(self.activity("message", member, conversation, text=text))
        assert status in (200, 201), status
        return self.connector.since(mark)

    async def mention(self, member: Member, text: str, channel: str) -> list[Call]:
        at = f"<at>{BOT['name']}</at>"
        entity = {"type": "mention", "mentioned": BOT, "text": at}
        activity = self.activity("message", member, channel, text=f"{at} {text}", entities=[entity])
        mark = len(self.connector.calls)
        status, _ = await self.post(activity)
        assert status in (200, 201), status
        return self.connector.since(mark)

    async def execute(
        self, member: Member, action: dict[str, Any], conversation: str | None = None, **inputs: str
    ) -> tuple[dict[str, Any], list[Call]]:
        """Press an Action.Execute button: the invoke response body, and what else was sent."""
        value = {
            "action": {
                "type": "Action.Execute",
                "verb": action["verb"],
                "data": {**action["data"], **inputs},
            },
            "trigger": "manual",
        }
        activity = self.activity(
            "invoke", member, conversation, name="adaptiveCard/action", value=value
        )
        mark = len(self.connector.calls)
        status, body = await self.post(activity)
        assert status == 200, (status, body)
        if body["type"] == "application/vnd.microsoft.card.adaptive":
            assert card_errors(body["value"]) == [], body["value"]
        return body, self.connector.since(mark)

    async def submit(
        self,
        member: Member,
        action: dict[str, Any],
        pressed_on: str,
        conversation: str | None = None,
    ) -> list[Call]:
        """Press the Action.Submit fallback (a client without Universal Actions)."""
        fallback = action["fallback"]
        activity = self.activity(
            "message", member, conversation, value=fallback["data"], replyToId=pressed_on
        )
        mark = len(self.connector.calls)
        status, _ = await self.post(activity)
        assert status in (200, 201), status
        return self.connector.since(mark)


def button(call_or_card: Call | dict[str, Any], title: str) -> dict[str, Any]:
    card = call_or_card.card if isinstance(call_or_card, Call) else call_or_card
    found = [b for b in buttons(card) if b["title"] == title]
    assert found, f"no {title!r} button among {[b['title'] for b in buttons(card)]}"
    return found[0]


def texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.verb in ("send", "reply")]
