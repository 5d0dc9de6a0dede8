"""Names for unlisted Slack users: what Slack shows, remembered within a bound."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.identity import Identities
from bot.messages import User
from bot.slack.names import Names, display_name
from workflows.people import Directory, Person
from workflows.roles import Role

PEOPLE = Identities(
    Directory([Person(id="clerk", name="Jane Clerk", role=Role.CLERK, slack_id="UCLERK")])
)


def test_display_name_prefers_the_real_name() -> None:
    full = {"name": "nina", "profile": {"real_name": "Nina Newcomer", "display_name": "Nina"}}
    assert display_name(full) == "Nina Newcomer"
    assert display_name({"name": "nina", "profile": {"real_name": " ", "display_name": "N"}}) == "N"
    assert display_name({"name": "nina", "profile": {}}) == "nina"
    assert display_name({}) is None


class Counting(AsyncWebClient):
    def __init__(self) -> None:
        super().__init__(token="xoxb-x")
        self.asked: list[str] = []

    async def users_info(self, *, user: str, **_: Any) -> Any:  # type: ignore[override]
        self.asked.append(user)
        return {"ok": True, "user": {"id": user, "profile": {"real_name": f"Name {user}"}}}


def _user(slack_id: str, name: str) -> User:
    return User(
        id=f"slack-{slack_id.lower()}",
        name=name,
        role=Role.STAFF,
        platform="slack",
        platform_id=slack_id,
    )


async def test_listed_people_keep_the_roles_files_name_and_are_not_looked_up() -> None:
    client = Counting()
    clerk = User(
        id="clerk", name="Jane Clerk", role=Role.CLERK, platform="slack", platform_id="UCLERK"
    )
    assert await Names(client, PEOPLE).of(clerk) == clerk
    assert client.asked == []


async def test_names_are_remembered_within_the_limit() -> None:
    client = Counting()
    names = Names(client, PEOPLE, limit=2)
    for slack_id in ("UA", "UB", "UA", "UC", "UA"):
        assert (await names.of(_user(slack_id, slack_id))).name == f"Name {slack_id}"
    # UA remembered until UB and UC pushed it out (oldest first), then asked again.
    assert client.asked == ["UA", "UB", "UC", "UA"]
