"""A press release near 6,000 characters reaches the Clerk's Teams card whole."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import build_app
from bot.teams import render
from bot.teams.surface import TeamsSurface
from knowledge.library import Library
from tests.bot.core.long_release import LAST, filing_lines, release_body
from tests.bot.support import core_for
from tests.bot.teams.conftest import teams_settings
from tests.bot.teams.connector import Call, FakeConnector
from tests.bot.teams.support import CLERK, CLERK_CHANNEL, PEOPLE_TOML, Member, TeamsClient
from tests.workflows.store.support import FakeClock

COUNCILLOR = Member("29:councillor", "Chris Councillor", "aad-councillor")
#: The shared roles file gives the councillor no Teams id: here they file from Teams.
PEOPLE = PEOPLE_TOML.replace(
    'name = "Chris Councillor"\nrole = "councillor"\n',
    'name = "Chris Councillor"\nrole = "councillor"\nteams_id = "aad-councillor"\n',
)


@pytest.fixture
async def teams(
    tmp_path: Path, clock: FakeClock, library: Library, connector: tuple[FakeConnector, str]
) -> AsyncIterator[TeamsClient]:
    assert "aad-councillor" in PEOPLE
    core = await core_for(tmp_path, PEOPLE, clock, library)
    try:
        surface = TeamsSurface.create(core, host="127.0.0.1", settings=teams_settings())
        app = build_app(core, [surface], outbox_interval=0.05)
        async with TestClient(TestServer(app)) as http:
            fake, url = connector
            yield TeamsClient(http, fake, url + "/")
    finally:
        await core.close()


async def clerk_card(teams: TeamsClient, body: str) -> Call:
    """The app in the Clerk's channel, the release filed in the councillor's chat: its card."""
    added = {"membersAdded": [{"id": "28:clerkbot-app"}]}
    await teams.post(teams.activity("conversationUpdate", CLERK, CLERK_CHANNEL, **added))
    for line in filing_lines(body):
        await teams.say(COUNCILLOR, line)

    def cards() -> list[Call]:
        return [c for c in teams.connector.sent(CLERK_CHANNEL) if "PR-0001" in c.text]

    await teams.connector.wait_for(lambda: bool(cards()))
    return cards()[0]


async def test_a_6000_character_release_is_shown_whole_on_the_clerks_card(
    teams: TeamsClient,
) -> None:
    body = release_body()
    card = await clerk_card(teams, body)
    shown = card.text
    assert LAST in shown  # the personal statement at the very end is there for the Clerk
    assert " ".join(body.split()) in " ".join(shown.split())  # and nothing before it is lost
    assert "\u2026" not in shown
    assert "Noted" in str(card.card.get("actions"))
    # Full width, not squeezed into the narrow value column of the card's facts.
    facts = [f for e in card.card["body"] if e["type"] == "FactSet" for f in e["facts"]]
    assert "Body" not in [f["title"] for f in facts]
    assert {"type": "TextBlock", "text": "Body", "wrap": True, "weight": "bolder"} in (
        card.card["body"]
    )
    # Well inside Teams' message limit (the connector has already checked it is valid 1.5).
    assert len(json.dumps(card.body).encode()) < render.MAX_CARD_BYTES
